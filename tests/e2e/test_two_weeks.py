"""End-to-end: two weeks of one community through the sandbox (scenarios/two_weeks.txt), item by item."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio

from bots.sandbox.app import open_sandbox
from core.content import Content

SCENARIO = Path(__file__).parent / "scenarios" / "two_weeks.txt"
START = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def transcript(tmp_path_factory: pytest.TempPathFactory, content: Content) -> str:
    """The scenario runs once; each test reads its own part of the transcript."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('two-weeks') / 'trustbot.db'}"
    out = io.StringIO()
    async with open_sandbox(url, content, out, start=START) as shell:
        for line in SCENARIO.read_text(encoding="utf-8").splitlines():
            assert await shell.run_line(line)
    return out.getvalue()


def lines(transcript: str, pattern: str) -> list[str]:
    return [line for line in transcript.splitlines() if re.search(pattern, line)]


def test_setup_status_and_permissions(transcript: str) -> None:
    assert lines(transcript, r"only owner sees this\): Daily prompts go to #daily-prompts at 08:00")
    assert lines(transcript, r"only owner sees this\): Weekly reflection: Sundays at 18:00")
    assert lines(transcript, r"only mona sees this\): • Tue 02 Mar 2027 09:00 EST — challenge")
    assert lines(transcript, r"only alice sees this\): Only moderators \(role 'moderators'\) and admins can use")
    assert lines(transcript, r"That would overlap “Nine steps in nine days”")
    assert lines(transcript, r"'25:00' is not a valid time")


def test_private_checkins_reminders_notes_history_and_pause(transcript: str) -> None:
    first = lines(
        transcript, r"^\[Mon 2027-03-01 21:00 EST\] DM (alice|bob|carol|dan|erin) \| trustbot: == Your check-in =="
    )
    assert len({line.split(" DM ")[1].split(" |")[0] for line in first}) == 5
    assert not lines(transcript, r"#\S+ \| trustbot: .*Safe to be open [0-9]/5")  # answers never public
    assert lines(transcript, r"DM alice \| trustbot: Note saved for Mon 01 Mar")
    # at most one reminder a day, and none once quiet hours begin at 22:30
    reminders = lines(transcript, r"DM alice \| trustbot: A gentle reminder")
    days = [line[1:15] for line in reminders]
    assert len(days) == len(set(days))
    assert not [line for line in reminders if line[5:15] >= "2027-03-09"]
    # paused for three days from Tue 9 March 12:00: no check-in on the 9th, 10th or 11th
    sent = lines(transcript, r"DM alice \| trustbot: Time for your check-in")
    assert [line for line in sent if line[5:15] in ("2027-03-09", "2027-03-10", "2027-03-11")] == []
    assert lines(transcript, r"^\[Fri 2027-03-12 21:00 EST\] DM alice \| trustbot: Time for your check-in")
    history = lines(transcript, r"only alice sees this\): (Safe to be open|Words matched actions) +[▁▂▃▄▅▆▇█·]+ +avg")
    assert history
    assert lines(transcript, r"only alice sees this\): \[attachment: checkin-trend\.png")
    # erin closed her DMs: the next check-in was refused, nothing was posted publicly, and she is told privately
    assert lines(transcript, r"only erin sees this\): .*paused because I could not DM you")


def test_weekly_reflections_with_anonymous_figures_and_closing(transcript: str) -> None:
    opened = lines(transcript, r"\| trustbot: == Weekly reflection · ")
    assert [line[:26] for line in opened] == ["[Sun 2027-03-07 18:00 EST]", "[Sun 2027-03-14 18:00 EDT]"]
    assert "Focus on connection" in opened[0]  # the theme of the running challenge that day
    assert lines(transcript, r"Private check-ins: 5 members checked in this week")
    assert lines(transcript, r"^\[Tue 2027-03-09 18:00 EST\] -- thread t\d+ archived")


def test_challenge_days_dms_progress_and_summary(transcript: str) -> None:
    days = lines(transcript, r"#challenges > thread t\d+ \| trustbot: == Day \d of 9")
    assert len(days) == 9 and days[0].startswith("[Tue 2027-03-02 09:00 EST]")
    assert days[-1].startswith("[Wed 2027-03-10 09:00 EST]")
    # alice joined after day 1 went out (the join reply showed it), so days 2-9 came by DM
    assert len(lines(transcript, r"DM alice \| trustbot: == Nine steps in nine days · Day \d of 9")) == 8
    assert lines(transcript, r"only alice sees this\): Day 1 of 9 · 1 done ▣□□□□□□□□")
    assert lines(
        transcript, r"^\[Thu 2027-03-11 09:00 EST\] #challenges > thread t\d+ \| trustbot: == Challenge complete"
    )


def test_tips_and_safety_first(transcript: str) -> None:
    assert lines(transcript, r"DM erin \| trustbot: == Tip · Step 5: Say sorry ==")
    assert lines(transcript, r"DM erin \| erin: \(clicks \[Another on this\]\)")
    safety = lines(transcript, r"DM erin \| trustbot: == You deserve to be safe ==")
    assert len(safety) == 1
    after = transcript.split(safety[0], 1)[1].splitlines()[:12]
    community_line = next(i for i, line in enumerate(after) if "Riverside Counselling Line" in line)
    national_line = next(i for i, line in enumerate(after) if "National Domestic Violence Hotline" in line)
    assert community_line < national_line  # the community's own resource comes first
    reply = transcript.split(safety[0], 1)[1].split("DM erin | erin: tip", 1)[0]
    assert "Tip ·" not in reply  # safety resources and nothing else
    for line in lines(transcript, r"scared to go home"):
        assert " DM erin | erin:" in line  # never echoed anywhere else


def test_data_export_and_delete(transcript: str) -> None:
    start = transcript.index("only alice sees this): [attachment: trustbot-data-")
    body = transcript[start:].splitlines()[1:]
    text = "\n".join(line.split("only alice sees this): ", 1)[1] for line in body if "only alice sees this): " in line)
    data = json.JSONDecoder().raw_decode(text)[0]
    assert data["member"]["user_id"] == "alice"
    assert data["prompts"]["prompt_answers"][0]["prompt_date"] == "2027-03-01"
    assert {"checkins", "challenges"} <= set(data)
    assert lines(transcript, r"only alice sees this\): Everything trustbot stored about you has been deleted")
    assert lines(transcript, r"^\[Sun 2027-03-14 19:00 EDT\] .*only alice sees this\): No answered check-ins yet")
