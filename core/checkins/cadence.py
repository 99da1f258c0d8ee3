"""When check-ins fall: cadence, pauses and quiet hours as members type them, and the reminder time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from core.checkins.store import SubscriptionRecord
from core.errors import UserError
from core.scheduling.recurrence import Occurrence
from core.validation import format_weekdays, parse_local_time, parse_weekdays, read_zone

__all__ = [
    "PAUSE_DAYS",
    "REMINDER_DELAY",
    "format_cadence",
    "in_quiet_hours",
    "nothing_saved",
    "parse_cadence",
    "parse_changes",
    "parse_pause_days",
    "parse_quiet_hours",
    "quiet_text",
    "refuse_quiet_clash",
    "reminder_at",
]

REMINDER_DELAY = timedelta(hours=2)  # one gentle reminder this long after an unanswered check-in
PAUSE_DAYS = (1, 60)

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_T = TypeVar("_T")


def nothing_saved(parse: Callable[[str], _T], text: str) -> _T:
    """``parse(text)``, adding "Nothing was saved." to the UserError it raises for bad input."""
    try:
        return parse(text)
    except UserError as exc:
        raise UserError(f"{exc} Nothing was saved.") from None


def parse_cadence(text: str) -> frozenset[int]:
    """``daily``, ``weekdays``, ``weekly:<day>`` or a day list such as ``mon,wed,fri`` (Monday is 0)."""
    raw = text.strip().lower()
    hint = "Use daily, weekdays, weekly:<day> (e.g. weekly:sun) or days such as mon,wed,fri. Nothing was saved."
    if raw.startswith("weekly"):
        day = raw[len("weekly") :].lstrip(":= ")
        if not day:
            raise UserError(f"Say which day for a weekly check-in, e.g. cadence:weekly:sun. {hint}")
        try:
            days = parse_weekdays(day)
        except UserError:
            raise UserError(f"'{day[:20]}' is not a day of the week. {hint}") from None
        if len(days) != 1:
            raise UserError(f"A weekly check-in is on one day, e.g. weekly:sun; for several days list them. {hint}")
        return days
    try:
        days = parse_weekdays(raw)
    except UserError:
        raise UserError(f"I can't read the cadence '{text.strip()[:40]}'. {hint}") from None
    if not days:
        raise UserError(f"Choose at least one day. {hint}")
    return days


def format_cadence(days: frozenset[int]) -> str:
    if len(days) == 1:
        return f"weekly on {_DAY_NAMES[next(iter(days))]}"
    return format_weekdays(days)


def in_quiet_hours(moment: time, quiet: tuple[time, time]) -> bool:
    """Is the local ``moment`` inside [start, end)? Quiet hours may run past midnight (22:00-07:00)."""
    start, end = quiet
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def parse_changes(args: dict[str, str], sub: SubscriptionRecord) -> tuple[time, ZoneInfo, frozenset[int], str | None]:
    """The time, zone and days from ``/trust checkin time``, keeping what was not given (at least one must be),
    and a note saying which zone an abbreviation such as EST was read as (else None)."""
    if not any(args.get(k, "").strip() for k in ("time", "timezone", "cadence")):
        raise UserError(
            "Say what to change: time, timezone or cadence, e.g. `/trust checkin time time:07:30`. Nothing was changed."
        )
    at = nothing_saved(parse_local_time, args["time"]) if args.get("time", "").strip() else sub.local_time
    zone, note = nothing_saved(read_zone, args["timezone"]) if args.get("timezone", "").strip() else (sub.zone, None)
    days = parse_cadence(args["cadence"]) if args.get("cadence", "").strip() else sub.weekdays
    return at, zone, days, note


def parse_pause_days(raw: str) -> int:
    """A pause length in whole days, from ``PAUSE_DAYS[0]`` to ``PAUSE_DAYS[1]``."""
    low, high = PAUSE_DAYS
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise UserError(f"Pause for a whole number of days from {low} to {high}, e.g. days:7. Nothing was changed.")
    return int(raw)


def parse_quiet_hours(start_raw: str, end_raw: str, checkin_time: time) -> tuple[time, time] | None:
    """Quiet hours from ``start``/``end`` as typed (None for ``off``); they may not cover the check-in time."""
    if start_raw.lower() in ("off", "none", "clear"):
        return None
    if not start_raw or not end_raw:
        raise UserError(
            "Give both ends, e.g. `/trust checkin quiet start:22:00 end:07:00`, or `/trust checkin quiet off`. "
            "Nothing was changed."
        )
    start = nothing_saved(parse_local_time, start_raw)
    end = nothing_saved(parse_local_time, end_raw)
    if start == end:
        raise UserError("Quiet hours need a start and an end that differ, e.g. 22:00 to 07:00. Nothing was changed.")
    if in_quiet_hours(checkin_time, (start, end)):
        raise UserError(
            f"Your check-in time {checkin_time:%H:%M} falls inside {start:%H:%M}–{end:%H:%M}. Choose quiet "
            "hours around it, or move your check-in first with `/trust checkin time`. Nothing was changed."
        )
    return start, end


def quiet_text(quiet: tuple[time, time]) -> str:
    return f"{quiet[0]:%H:%M}–{quiet[1]:%H:%M}"


def refuse_quiet_clash(at: time, quiet: tuple[time, time] | None, what: str) -> None:
    """Raise a UserError when the local time ``at`` falls inside the quiet hours."""
    if quiet is not None and in_quiet_hours(at, quiet):
        raise UserError(
            f"{what} {at:%H:%M} falls inside your quiet hours ({quiet_text(quiet)}). Choose a time outside "
            "them, or change them with `/trust checkin quiet`. Nothing was changed."
        )


def reminder_at(occurrence: Occurrence, sent_at: datetime, zone: ZoneInfo) -> datetime | None:
    """The reminder time: ``REMINDER_DELAY`` after the check-in went out, on the same local day, else none."""
    remind = max(occurrence.at, sent_at) + REMINDER_DELAY
    return remind if remind.astimezone(zone).date() == occurrence.local_date else None
