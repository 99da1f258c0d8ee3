"""Private streaks over prompt days with one grace day."""

from __future__ import annotations

from datetime import date

from core.prompts.streaks import compute_streak


def days(*answered: int) -> list[tuple[date, bool]]:
    return [(date(2027, 1, i + 1), bool(a)) for i, a in enumerate(answered)]


def test_consecutive_answers() -> None:
    streak = compute_streak(days(1, 1, 1))
    assert (streak.current, streak.longest, streak.total, streak.pending_today) == (3, 3, 3, False)


def test_one_missed_day_is_forgiven() -> None:
    streak = compute_streak(days(1, 1, 0, 1))
    assert streak.current == 3
    assert streak.grace_used_on == date(2027, 1, 3)


def test_two_missed_days_in_a_row_end_the_streak() -> None:
    streak = compute_streak(days(1, 1, 1, 0, 0, 1))
    assert streak.current == 1
    assert streak.longest == 3


def test_todays_open_prompt_does_not_break_it() -> None:
    streak = compute_streak(days(1, 1, 0))
    assert streak.current == 2 and streak.pending_today


def test_empty_history() -> None:
    streak = compute_streak([])
    assert (streak.current, streak.longest, streak.total) == (0, 0, 0)
