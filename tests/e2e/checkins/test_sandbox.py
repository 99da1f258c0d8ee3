"""End-to-end: a private check-in through the sandbox, from opting in to the member's own history."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from bots.sandbox.app import open_sandbox
from core.content import Content

__all__: list[str] = []

START = datetime(2027, 3, 8, 12, 0, tzinfo=UTC)  # Mon 07:00 EST
SETUP = "/trust setup channel:#daily-prompts timezone:America/New_York time:08:00 role:moderators"


async def run(url: str, content: Content, lines: list[str]) -> str:
    out = io.StringIO()
    async with open_sandbox(url, content, out, start=START) as shell:
        for line in lines:
            assert await shell.run_line(line)
    return out.getvalue()


def public_lines(transcript: str) -> list[str]:
    return [line for line in transcript.splitlines() if "| trustbot:" in line and "] #" in line]


async def test_opt_in_answer_and_see_history(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            SETUP,
            ":as alice",
            "/trust checkin start time:20:00 timezone:America/New_York cadence:daily",
            ":advance 1d",
            ":go dm",
            "/trust checkin today",
            ":click 4",
            ":click 5",
            ":click 5",
            ":click 3",
            ":click Add a note",
            ':form "note=We talked it through"',
            "/trust checkin history",
        ],
    )
    lines = transcript.splitlines()
    assert "#general | trustbot (only alice sees this): Your private check-in is on: every day at 20:00" in transcript
    dms = [line for line in lines if "DM alice | trustbot: == Your check-in ==" in line]
    assert dms[0].startswith("[Mon 2027-03-08 20:00 EST]")  # the check-in, at alice's local time
    assert dms[1].startswith("[Mon 2027-03-08 22:00 EST]")  # one gentle reminder two hours later
    assert sum("gentle reminder" in line for line in lines) == 1
    assert "DM alice | trustbot: Saved: Safe to be open 4/5." in transcript
    assert "DM alice | trustbot: Saved: Words matched actions 5/5." in transcript
    assert "DM alice | trustbot: Saved: Felt connected 5/5." in transcript
    assert "DM alice | trustbot: Saved: Felt respected 3/5." in transcript
    assert "sandbox:" not in transcript  # every click and form line was accepted
    assert "DM alice | trustbot: That's your check-in done. Thank you for taking a moment." in transcript
    assert "DM alice | trustbot: Note saved for Mon 08 Mar." in transcript
    assert "DM alice | trustbot: == Your check-in history ==" in transcript
    assert "DM alice | trustbot: Safe to be open  ▆  avg 4.0" in transcript
    assert "Mon 08 Mar: We talked it through" in transcript
    assert "[attachment: checkin-trend.png" in transcript
    assert not any("check-in" in line.lower() for line in public_lines(transcript) if "Welcome" not in line)


async def test_closed_dms_pause_check_ins_without_a_public_post(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            SETUP,
            ":as alice",
            "/trust checkin start time:20:00 timezone:America/New_York",
            ":dms off",
            ":advance 2d",
            "/trust checkin history",
            ":dms on",
            "/trust checkin resume",
            ":advance 1d",
        ],
    )
    dms = [line for line in transcript.splitlines() if "DM alice | trustbot: == Your check-in ==" in line]
    # nothing on Monday (DMs closed: paused) or Tuesday (still paused); back on Wednesday after resuming
    assert [line[:26] for line in dms] == ["[Wed 2027-03-10 20:00 EST]", "[Wed 2027-03-10 22:00 EST]"]
    assert "They are paused because I could not DM you." in transcript
    assert "(only alice sees this): Check-ins are back on." in transcript
    assert not any("check-in" in line.lower() for line in public_lines(transcript) if "Welcome" not in line)


async def test_a_check_in_answered_only_with_a_note_shows_in_history(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            SETUP,
            ":as alice",
            "/trust checkin start time:20:00 timezone:America/New_York",
            ":jump 2027-03-08 20:05",
            ":go dm",
            ":click Add a note",
            ':form "note=Too tired for numbers, but we laughed at dinner"',
            "/trust checkin history",
        ],
    )
    history = transcript.split("alice: /trust checkin history", 1)[1]
    assert "No answered check-ins yet" not in history
    assert "Mon 08 Mar: Too tired for numbers, but we laughed at dinner" in history
    assert "No 1–5 answers yet, only notes." in history
    assert "sandbox:" not in transcript


async def test_a_note_in_the_middle_brings_up_the_next_question(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            SETUP,
            ":as alice",
            "/trust checkin start time:20:00 timezone:America/New_York",
            ":jump 2027-03-08 20:05",
            ":click 4",
            ":click Add a note",
            ':form "note=We talked it through"',
            ":click 5",
        ],
    )
    after_note = transcript.split("(submits Your note: note=We talked it through)", 1)[1].splitlines()[1:8]
    assert "DM alice | trustbot: Note saved for Mon 08 Mar. Only you can see it" in after_note[1]
    assert "DM alice | trustbot: How well did my words match my actions today?" in after_note[3]  # question 2
    assert after_note[-1].endswith("[1: 1]  [2: 2]  [3: 3]  [4: 4]  [5: 5]  [6: Edit your note]")
    assert "DM alice | trustbot: Saved: Words matched actions 5/5." in transcript
    assert "sandbox:" not in transcript
