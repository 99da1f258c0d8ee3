"""End-to-end: the weekly reflection through the sandbox, from setup to its closed thread."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from bots.sandbox.app import open_sandbox
from core.content import Content

START = datetime(2027, 3, 8, 12, 0, tzinfo=UTC)  # Mon 07:00 EST; DST starts Sun 14 March
SETUP = (
    "/trust setup channel:#daily-prompts timezone:America/New_York time:08:00 role:moderators "
    "reflection_day:sun reflection_time:19:30 reflection_channel:#reflections"
)


async def run(url: str, content: Content, lines: list[str]) -> str:
    out = io.StringIO()
    async with open_sandbox(url, content, out, start=START) as shell:
        for line in lines:
            assert await shell.run_line(line)
    return out.getvalue()


async def test_a_reflection_opens_on_sunday_evening_and_closes_two_days_later(
    sqlite_url: str, content: Content
) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            SETUP,
            ":jump 2027-03-14 19:29",
            ":advance 1m",
            ":as alice",
            ":go thread",
            "I kept two small promises this week.",
            ":as mona +moderators",
            ":go #general",
            "/trust status",
            ":advance 2d",
        ],
    )
    assert "Weekly reflection: Sundays at 19:30 in #reflections." in transcript
    posts = [line for line in transcript.splitlines() if "| trustbot: == Weekly reflection" in line]
    assert posts == ["[Sun 2027-03-14 19:30 EDT] #reflections | trustbot: == Weekly reflection · Safe to be open =="]
    opened = re.search(
        r"-- thread (t\d+) opened in #reflections: Weekly reflection · 14 Mar · Safe to be open", transcript
    )
    assert opened is not None
    thread = opened.group(1)
    # the week's prompts are recalled: Monday's and Sunday's are both in the post
    monday_prompt = re.search(r"\[Mon 2027-03-08 08:00 EST\] #daily-prompts \| trustbot: (?!==)(.+)", transcript)
    assert monday_prompt is not None
    assert f"#reflections | trustbot: • {monday_prompt.group(1)}" in transcript
    assert "weekly reflection thread closes (Safe to be open)" in transcript
    closing = "This reflection is now closed. Thank you for sharing this week (1 reply)."
    assert f"#reflections > thread {thread} | trustbot: {closing}" in transcript
    assert f"[Tue 2027-03-16 19:30 EDT] -- thread {thread} archived" in transcript


async def test_moderators_turn_it_off_and_open_one_now(sqlite_url: str, content: Content) -> None:
    transcript = await run(
        sqlite_url,
        content,
        [
            SETUP,
            "/trust reflection off",
            ":advance 7d",
            "/trust reflection now",
            ":as bob",
            "/trust reflection on",
        ],
    )
    lines = transcript.splitlines()
    assert not any("[Sun 2027-03-14 19:30" in line for line in lines)
    assert "The weekly reflection is off." in transcript
    assert any(
        line.startswith("[Mon 2027-03-15 08:00 EDT] #reflections | trustbot: == Weekly reflection") for line in lines
    )
    assert "This week's reflection is open in #reflections" in transcript
    assert "Only moderators (role 'moderators') and admins can use `/trust reflection on`." in transcript
