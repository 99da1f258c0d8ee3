"""When each day of a challenge run falls: local dates and wall-clock times that survive DST."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core.challenges.store import ChallengeRunRecord
from core.scheduling.recurrence import local_to_utc

__all__ = ["current_day", "day_at", "day_date", "is_open", "last_date", "phase_at", "summary_at"]


def day_date(run: ChallengeRunRecord, day: int) -> date:
    """The local date of ``day`` (for days before the anchor, where it would have fallen without a move)."""
    return run.anchor_date + timedelta(days=day - run.anchor_day)


def day_at(run: ChallengeRunRecord, day: int) -> datetime:
    """The UTC instant ``day``'s step is due (the run's local time on that day's date)."""
    return local_to_utc(day_date(run, day), run.local_time, run.zone)


def last_date(run: ChallengeRunRecord) -> date:
    return day_date(run, run.days)


def summary_at(run: ChallengeRunRecord) -> datetime:
    """The summary goes out the day after the last step, at the run's usual local time."""
    return local_to_utc(last_date(run) + timedelta(days=1), run.local_time, run.zone)


def phase_at(run: ChallengeRunRecord, step: int) -> datetime:
    """When ``step`` (a day, or ``days + 1`` for the summary) is due."""
    return day_at(run, step) if step <= run.days else summary_at(run)


def is_open(run: ChallengeRunRecord, day: int, now: datetime) -> bool:
    """Whether ``day`` has begun (members may mark it done from then on)."""
    if not 1 <= day <= run.days or run.status == "scheduled":
        return False
    if run.status == "finished":
        return True
    if run.status != "running":  # cancelled or stopped: only the days that were reached
        return day < run.next_step
    return day < run.anchor_day or day_at(run, day) <= now


def current_day(run: ChallengeRunRecord, now: datetime) -> int:
    """The latest day that has begun (0 before the start)."""
    for day in range(run.days, 0, -1):
        if is_open(run, day, now):
            return day
    return 0
