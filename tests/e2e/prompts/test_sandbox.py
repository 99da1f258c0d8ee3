"""End-to-end: the daily prompt through the sandbox, as a person would use it."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bots.sandbox.app import open_sandbox
from core.content import Content, default_content_dir, load_content

START = datetime(2027, 3, 8, 12, 0, tzinfo=UTC)  # Mon 07:00 EST; DST starts Sun 14 March
SETUP = "/trust setup channel:#daily-prompts timezone:America/New_York time:08:00 role:moderators"


def prompt_lines(transcript: str) -> list[str]:
    return [line for line in transcript.splitlines() if "| trustbot: == Daily prompt" in line]


async def run(url: str, content: Content, lines: list[str], start: datetime | None = START) -> str:
    out = io.StringIO()
    async with open_sandbox(url, content, out, start=start) as shell:
        for line in lines:
            assert await shell.run_line(line)
    return out.getvalue()


async def test_a_week_of_prompts_at_eight_across_the_dst_change(sqlite_url: str, content: Content) -> None:
    transcript = await run(sqlite_url, content, [SETUP, ":advance 7d"])
    stamps = [line.split("]")[0] + "]" for line in prompt_lines(transcript)]
    assert stamps == [
        "[Mon 2027-03-08 08:00 EST]",
        "[Tue 2027-03-09 08:00 EST]",
        "[Wed 2027-03-10 08:00 EST]",
        "[Thu 2027-03-11 08:00 EST]",
        "[Fri 2027-03-12 08:00 EST]",
        "[Sat 2027-03-13 08:00 EST]",
        "[Sun 2027-03-14 08:00 EDT]",
        "[Mon 2027-03-15 08:00 EDT]",  # 7 x 24 h after Mon 07:00 EST is Mon 08:00 EDT
    ]
    assert transcript.count("thread t") >= 7


async def test_answer_in_thread_and_see_own_streak(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            SETUP,
            ":advance 1h",
            ":as alice",
            ":go thread",
            "Keeping small promises.",
            "/trust streak",
            ":as bob",
            "/trust streak",
        ],
    )
    assert "#daily-prompts > thread t1 | alice: Keeping small promises." in transcript
    assert "trustbot (only alice sees this): 1 prompt in a row" in transcript
    assert "trustbot (only bob sees this): 0 prompts in a row" in transcript


async def test_restart_mid_week_catches_up_once_and_never_duplicates(sqlite_url: str, content: Content) -> None:
    first = await run(sqlite_url, content, [SETUP, ":advance 2d"])  # Mon and Tue prompts
    assert len(prompt_lines(first)) == 2
    # the process is down from Wed 07:00 until Wed 10:00: Wednesday's prompt is caught up on start
    second = await run(sqlite_url, content, [], start=datetime(2027, 3, 10, 15, 0, tzinfo=UTC))
    assert len(prompt_lines(second)) == 1
    assert prompt_lines(second)[0].startswith("[Wed 2027-03-10 10:00 EST]")
    third = await run(sqlite_url, content, [":advance 1h"])  # restart again: nothing twice
    assert prompt_lines(third) == []
    fourth = await run(sqlite_url, content, [":advance 1d"])
    assert [line[:26] for line in prompt_lines(fourth)] == ["[Thu 2027-03-11 08:00 EST]"]
    texts = [line.split("== ")[1] for line in prompt_lines(first + second + fourth)]
    assert len(texts) == 4


async def test_restart_after_the_grace_window_skips_the_missed_prompt(sqlite_url: str, content: Content) -> None:
    await run(sqlite_url, content, [SETUP, ":advance 1d"])
    later = datetime(2027, 3, 9, 20, 0, tzinfo=UTC)  # Tue 15:00 EST: 7 hours late, beyond the 6-hour grace
    transcript = await run(sqlite_url, content, [], start=later)
    assert prompt_lines(transcript) == []


async def test_the_deck_runs_out_and_starts_a_new_round(sqlite_url: str, tmp_path: Path) -> None:
    overlay = tmp_path / "ours"
    overlay.mkdir()
    (overlay / "prompts.yaml").write_text(
        "mode: replace\nprompts:\n"
        "  - {id: ours-1, text: 'What is one promise you kept this week?'}\n"
        "  - {id: ours-2, text: 'When did you last feel really listened to?'}\n"
        "  - {id: ours-3, text: 'What helps you say sorry without a but?'}\n",
        encoding="utf-8",
    )
    content = load_content(default_content_dir(), overlay)
    february = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)  # no daylight-saving change in these six days
    transcript = await run(
        sqlite_url, content, [SETUP, ":advance 3d", "/trust prompt preview 2", ":advance 3d"], february
    )
    ours = {"What is one promise you kept this week?", "When did you last feel really listened to?",
            "What helps you say sorry without a but?"}  # fmt: skip
    posted = [
        re.sub(r"^.*\| trustbot: ", "", line)
        for line in transcript.splitlines()
        if "#daily-prompts | trustbot:" in line
    ]
    texts = [t for t in posted if t in ours]
    assert len(texts) == 6
    assert sorted(texts[:3]) == sorted(set(texts[:3]))  # no repeat within a round
    assert sorted(texts[3:]) == sorted(texts[:3])  # the next round uses them all again
    assert texts[3] != texts[2]
    assert "(new round: the deck starts again)" in transcript


async def test_members_are_refused_and_bad_input_is_explained(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            "/trust setup channel:#daily-prompts timezone:Mars/Base time:08:00",
            "/trust setup channel:#daily-prompts timezone:America/New_York time:27:00",
            "/trust setup channel:#nowhere timezone:America/New_York time:08:00",
            "/trust status",
            SETUP,
            ":as alice",
            "/trust prompt skip",
            "/trust prompt now",
            "/trust setup time:09:00",
            "/trust dance",
            ":advance 1h",
        ],
    )
    assert "I don't know the time zone 'Mars/Base'" in transcript
    assert "'27:00' is not a valid time" in transcript
    assert "I can't find a channel called #nowhere" in transcript
    assert "Daily prompt: not set up yet" in transcript  # the three bad setups stored nothing
    assert transcript.count("Only moderators (role 'moderators') and admins can use") == 3
    assert "I don't know the command `/trust dance`" in transcript
    assert len(prompt_lines(transcript)) == 1  # at 08:00, not 09:00: alice changed nothing


def test_the_command_line_runs_a_piped_scenario(tmp_path: Path) -> None:
    script = "\n".join([SETUP, ":as alice", ":advance 1h", ":go thread", "I showed up on time.", "/trust streak", ""])
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bots",
            "--database",
            f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
            "--start",
            "2027-03-08 12:00",
        ],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "[Mon 2027-03-08 08:00 EST] #daily-prompts | trustbot: == Daily prompt" in result.stdout
    assert "trustbot (only alice sees this): 1 prompt in a row" in result.stdout
    help_text = subprocess.run(
        [sys.executable, "-m", "bots", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "sandbox" in help_text and "TRUSTBOT_DATABASE_URL" in help_text
