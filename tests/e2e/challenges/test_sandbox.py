"""A challenge in the sandbox, as people would use it: schedule nine-steps, join, follow the days, mark done, finish."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from bots.sandbox.app import open_sandbox
from core.content.schema import Content
from core.feature import CoreSettings

__all__: list[str] = []


async def test_nine_steps_in_the_sandbox(tmp_path: Path, content: Content) -> None:
    out = io.StringIO()
    url = f"sqlite+aiosqlite:///{tmp_path / 'sandbox.db'}"
    settings = CoreSettings(min_group_size=1)  # one person: show the figures anyway, to see them
    async with open_sandbox(
        url, content, out, settings=settings, start=datetime(2027, 3, 7, 17, 0, tzinfo=UTC)
    ) as shell:
        for line in [
            "/trust setup channel:#daily-prompts timezone:America/New_York time:08:00 role:moderators",
            ":as mona +moderators",
            "/trust challenge library",
            "/trust challenge schedule challenge:nine-steps start:2027-03-08 time:19:00 channel:#challenges",
            ":as alice",
            "/trust challenge schedule challenge:nine-steps start:2027-03-20",
            "/trust challenge join dm:yes",
        ]:
            await shell.run_line(line)
        joined = out.getvalue()
        assert "Nine steps in nine days · id `nine-steps` · 9 days" in joined
        assert "“Nine steps in nine days” (#1) starts Mon 08 Mar 2027 19:00 EST in #challenges" in joined
        assert "Only moderators (role 'moderators') and admins can use `/trust challenge schedule`" in joined
        assert "trustbot (only alice sees this): You joined “Nine steps in nine days”." in joined

        await shell.run_line(":jump 2027-03-08 19:30")
        day_one = out.getvalue()[len(joined) :]
        assert "[Mon 2027-03-08 19:00 EST] #challenges | trustbot: == Challenge · Nine steps in nine days ==" in day_one
        assert "[1: Join]" in day_one
        assert "#challenges > thread t" in day_one and "== Day 1 of 9 · Keep one promise ==" in day_one
        assert "DM alice | trustbot: == Nine steps in nine days · Day 1 of 9 ==" in day_one

        await shell.run_line("/trust challenge done")
        for _ in range(3):
            await shell.run_line(":advance 1d")
            await shell.run_line("/trust challenge done")
        await shell.run_line(":advance 1d")
        await shell.run_line("/trust challenge progress")
        await shell.run_line("/trust challenge done day:9")
        middle = out.getvalue()
        assert "== Day 5 of 9 · A clean apology ==" in middle
        assert "Day 5 of 9 · 4 done ▣▣▣▣□□□□□" in middle
        assert "Day 9 hasn't started yet: it opens Tue 16 Mar 2027 19:00 EDT" in middle  # after the DST change

        await shell.run_line(":jump 2027-03-17 20:00")
        await shell.run_line("/trust challenge progress")
        end = out.getvalue()
        assert "[Wed 2027-03-17 19:00 EDT] #challenges > thread t" in end
        assert "== Challenge complete · Nine steps in nine days ==" in end
        assert "1 person took part over 9 days. On average each of you did 44% of the days, and 0 of 1 did every" in end
        assert "Finished · 4 of 9 done ▣▣▣▣□□□□□" in end
        assert end.count("== Day 9 of 9 · Consider outside help ==") == 1
        assert "alice" not in end.split("== Challenge complete")[1].split("\n")[1]


async def test_join_and_mark_today_done_are_pressed_in_the_channel_and_thread(tmp_path: Path, content: Content) -> None:
    out = io.StringIO()
    url = f"sqlite+aiosqlite:///{tmp_path / 'sandbox.db'}"
    async with open_sandbox(url, content, out, start=datetime(2027, 3, 8, 12, 0, tzinfo=UTC)) as shell:
        for line in [
            "/trust setup channel:#daily-prompts timezone:America/New_York time:08:00 role:moderators",
            "/trust challenge schedule challenge:nine-steps start:2027-03-09 time:09:00 channel:#challenges",
            ":as alice",
            "/trust checkin start time:09:15 timezone:America/New_York",
            ":jump 2027-03-09 09:30",  # the challenge's posts, then alice's check-in DM (newer) with its buttons
            ":as bob",
            ":click Join",  # bob is in #general: the Join button is not there
            ":as alice",
            ":go #challenges",
            ":click Join",
            ":go thread",
            ":click Mark today done",
            ":click 4",  # a number presses the newest message she can see: her check-in DM
        ]:
            assert await shell.run_line(line)
    transcript = out.getvalue()
    assert "#challenges | trustbot: [1: Join]" in transcript
    assert "-- sandbox: there are no buttons here to press" in transcript  # bob, in #general
    assert "#challenges | alice: (clicks [Join])" in transcript
    assert "#challenges | trustbot (only alice sees this): You joined “Nine steps in nine days”." in transcript
    assert "#challenges > thread t" in transcript and "alice: (clicks [Mark today done])" in transcript
    assert "(only alice sees this): Day 1 marked done. Nice work." in transcript
    assert (
        "DM alice | alice: (clicks [4])" in transcript
        and "DM alice | trustbot: Saved: Safe to be open 4/5." in transcript
    )
    assert "you have not been shown any buttons" not in transcript
