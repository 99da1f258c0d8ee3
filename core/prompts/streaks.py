"""Private answer streaks over prompt days, with one grace day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["Streak", "compute_streak"]


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    total: int
    grace_used_on: date | None
    pending_today: bool


def compute_streak(days: Sequence[tuple[date, bool]]) -> Streak:
    """Streaks count prompt days answered in a row; one missed prompt day in between is forgiven.

    ``days`` lists each prompt day (oldest first) and whether the member answered it. The
    newest day, if unanswered, is still open and neither counts nor breaks the streak. Two
    missed prompt days in a row end a streak.
    """
    total = sum(1 for _, answered in days if answered)
    pending = bool(days) and not days[-1][1]
    settled = list(days[:-1]) if pending else list(days)

    longest = run = 0
    misses = 0
    for _, answered in settled:
        if answered:
            run += 1
            misses = 0
            longest = max(longest, run)
        else:
            misses += 1
            if misses >= 2:
                run = 0

    current = 0
    waiting_miss: date | None = None
    forgiven: list[date] = []
    for day, answered in reversed(settled):
        if answered:
            current += 1
            if waiting_miss is not None:
                forgiven.append(waiting_miss)
                waiting_miss = None
        elif waiting_miss is not None:
            break
        else:
            waiting_miss = day
    return Streak(
        current=current,
        longest=max(longest, current),
        total=total,
        grace_used_on=forgiven[0] if forgiven else None,
        pending_today=pending,
    )
