"""The weekly reflection post: its parts, its length limit, and the week it belongs to."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.content import Content
from core.reflections.message import MAX_LENGTH, reflection_message
from core.reflections.schedule import iso_week, week_start

ZONE = ZoneInfo("America/New_York")
CLOSE = datetime(2027, 3, 9, 23, 0, tzinfo=UTC)


def test_a_short_week_keeps_every_part(content: Content) -> None:
    theme = content.theme("say-sorry")
    message = reflection_message(
        theme,
        from_peer=False,
        prompt_texts=["What makes an apology feel genuine to you?"],
        peer_lines=["5 members checked in this week."],
        close_at=CLOSE,
        zone=ZONE,
    )
    assert message.title == "Weekly reflection · Step 5: Say sorry"
    assert "This week's theme: **Step 5: Say sorry**." in message.text
    assert "**This week's prompts**\n• What makes an apology feel genuine to you?" in message.text
    assert "**Questions to reflect on**" in message.text
    assert "**This week in the community**\n5 members checked in this week." in message.text
    assert "stays open until Tue 09 Mar 2027 18:00 EST" in message.text
    assert message.footer == f"From {theme.source.cite()}. trustbot is education, not therapy."
    assert "in step with" not in message.text


def test_no_prompts_and_no_lines_leave_out_their_sections(content: Content) -> None:
    message = reflection_message(
        content.themes[0], from_peer=True, prompt_texts=[], peer_lines=["  "], close_at=CLOSE, zone=ZONE
    )
    assert "This week's prompts" not in message.text
    assert "This week in the community" not in message.text
    assert "(in step with this week's challenge)" in message.text


@pytest.mark.parametrize("theme_index", range(13))
def test_a_long_week_is_cut_to_the_limit_prompts_first(content: Content, theme_index: int) -> None:
    theme = content.themes[theme_index]
    prompts = [f"Prompt {n}: " + "why does this matter to you and to the people close to you? " * 5 for n in range(7)]
    lines = [f"Line {n}: " + "members shared how the week went. " * 8 for n in range(4)]
    message = reflection_message(
        theme, from_peer=False, prompt_texts=prompts, peer_lines=lines, close_at=CLOSE, zone=ZONE
    )
    assert len(message.plain()) <= MAX_LENGTH
    assert all(q in message.text for q in theme.reflection_questions)
    assert "Prompt 0:" in message.text and "Prompt 1:" in message.text  # the first prompts stay
    assert "more" in message.text  # and the rest are counted
    assert "education, not therapy" in (message.footer or "")


def test_an_impossible_limit_still_gives_a_message_within_it(content: Content) -> None:
    message = reflection_message(
        content.themes[0],
        from_peer=False,
        prompt_texts=["x" * 100],
        peer_lines=[],
        close_at=CLOSE,
        zone=ZONE,
        limit=300,
    )
    assert len(message.plain()) <= 300
    assert message.title and message.text


@pytest.mark.parametrize(
    ("day", "monday", "week"),
    [
        (date(2027, 3, 7), date(2027, 3, 1), "2027-W09"),  # a Sunday belongs to the week that began on Monday
        (date(2027, 3, 8), date(2027, 3, 8), "2027-W10"),
        (date(2027, 1, 1), date(2026, 12, 28), "2026-W53"),
    ],
)
def test_week_of_a_local_date(day: date, monday: date, week: str) -> None:
    assert week_start(day) == monday
    assert iso_week(day) == week
