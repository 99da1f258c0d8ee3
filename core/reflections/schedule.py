"""The weekly reflection's schedule: its options, storing and describing it, and the week each reflection belongs to."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from core.errors import UserError
from core.formatting import format_local
from core.scheduling.recurrence import next_occurrence
from core.storage.records import CommunityRecord, ScheduleRecord
from core.validation import parse_local_time, parse_weekdays

if TYPE_CHECKING:
    from core.storage.store import Store

__all__ = [
    "DEFAULT_CLOSE_HOURS",
    "DEFAULT_DAY",
    "DEFAULT_TIME",
    "KIND",
    "MAX_CLOSE_HOURS",
    "SETTINGS_KEY",
    "SETUP_OPTIONS",
    "close_hours",
    "day_label",
    "iso_week",
    "next_line",
    "parse_day",
    "parse_hours",
    "parse_time",
    "put",
    "put_default",
    "summary",
    "week_start",
]

KIND = "reflection"
DEFAULT_DAY = 6  # Sunday
DEFAULT_TIME = time(18, 0)
DEFAULT_CLOSE_HOURS = 48
MAX_CLOSE_HOURS = 168
SETTINGS_KEY = "reflection_close_hours"
SETUP_OPTIONS = ("reflection_day", "reflection_time", "reflection_channel")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def week_start(local_date: date) -> date:
    """The Monday of ``local_date``'s ISO week: a community has at most one reflection per such week."""
    return local_date - timedelta(days=local_date.weekday())


def iso_week(local_date: date) -> str:
    """``2027-W10``: the ISO week of a local date (used in the claim of ``/trust reflection now``)."""
    year, week, _ = local_date.isocalendar()
    return f"{year}-W{week:02d}"


def parse_day(text: str) -> frozenset[int]:
    """The ``reflection_day`` setup option: exactly one weekday."""
    try:
        days = parse_weekdays(text)
    except UserError as exc:
        raise UserError(f"reflection_day: {exc} Nothing was changed.") from None
    if len(days) != 1:
        raise UserError(
            "The weekly reflection happens on exactly one day: give one weekday, e.g. reflection_day:sun. "
            "Nothing was changed."
        )
    return days


def parse_time(text: str) -> time:
    """The ``reflection_time`` setup option."""
    try:
        return parse_local_time(text)
    except UserError as exc:
        raise UserError(f"reflection_time: {exc} Nothing was changed.") from None


def parse_hours(text: str) -> int:
    """The ``close_after_hours`` option: 1 to a week."""
    try:
        hours = int(text.strip())
    except ValueError:
        raise UserError(
            f"close_after_hours must be a whole number of hours from 1 to {MAX_CLOSE_HOURS}, e.g. 48. "
            "Nothing was changed."
        ) from None
    if not 1 <= hours <= MAX_CLOSE_HOURS:
        raise UserError(
            f"close_after_hours must be from 1 to {MAX_CLOSE_HOURS} (one week); you gave {hours}. Nothing was changed."
        )
    return hours


def day_label(days: frozenset[int]) -> str:
    """``Sundays``."""
    return f"{_DAY_NAMES[min(days)]}s" if days else "no day"


def close_hours(community: CommunityRecord) -> int:
    """How long the community's reflection threads stay open."""
    value = community.settings.get(SETTINGS_KEY)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_CLOSE_HOURS:
        return value
    return DEFAULT_CLOSE_HOURS


def summary(schedule: ScheduleRecord) -> str:
    """``Weekly reflection: Sundays at 18:00 in #channel.``"""
    return (
        f"Weekly reflection: {day_label(schedule.weekdays)} at {schedule.local_time:%H:%M} in #{schedule.channel_name}."
    )


def next_line(community: CommunityRecord, schedule: ScheduleRecord) -> str:
    """When the next reflection opens and how long its thread stays open (or that it is off)."""
    if schedule.paused or schedule.next_run_at is None:
        return "The weekly reflection is off; `/trust reflection on` starts it again."
    return (
        f"Next reflection: {format_local(schedule.next_run_at, schedule.zone)}; "
        f"each thread stays open {close_hours(community)} hours."
    )


async def put(
    store: Store,
    community: CommunityRecord,
    channel: tuple[str, str],
    days: frozenset[int],
    at: time,
    now: datetime,
    *,
    paused: bool,
) -> ScheduleRecord:
    """Store the community's reflection schedule (channel ref and name, weekdays, local time)."""
    zone = community.zone
    first = next_occurrence(now, at, zone, days)
    return await store.schedules.put(
        community.id, KIND, channel_ref=channel[0], channel_name=channel[1], timezone=zone.key, local_time=at,
        weekdays=days, next_run_at=None if paused else first.at, now=now, paused=paused,
    )  # fmt: skip


async def put_default(
    store: Store, community: CommunityRecord, prompt: ScheduleRecord, now: datetime, *, paused: bool
) -> ScheduleRecord:
    """The default schedule: Sundays at 18:00 in the daily prompt's channel."""
    channel = (prompt.channel_ref, prompt.channel_name)
    return await put(store, community, channel, frozenset({DEFAULT_DAY}), DEFAULT_TIME, now, paused=paused)
