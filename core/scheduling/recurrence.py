"""Wall-clock recurrence in IANA zones, with defined behaviour across daylight-saving changes.

A local time that does not exist on a day (spring forward) fires at the first valid minute
after it; a local time that happens twice (fall back) fires at its first instance; the
delivery key (one per local date) makes sure it fires once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "ALL_DAYS",
    "Occurrence",
    "latest_occurrence",
    "local_to_utc",
    "next_occurrence",
    "occurrences_between",
]

ALL_DAYS = frozenset(range(7))
_MAX_SCAN_DAYS = 8


@dataclass(frozen=True, order=True)
class Occurrence:
    """One firing: when (UTC) and the local calendar date it belongs to."""

    at: datetime
    local_date: date


def _exists(naive: datetime, zone: ZoneInfo) -> bool:
    aware = naive.replace(tzinfo=zone)
    back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return back == naive


def local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of ``at`` on ``day`` in ``zone``.

    Nonexistent local times move to the first valid minute after them; ambiguous ones take
    the earlier instant (fold=0).
    """
    naive = datetime.combine(day, at.replace(second=0, microsecond=0))
    step = 0
    while not _exists(naive, zone):
        naive += timedelta(minutes=1)
        step += 1
        if step > 24 * 60:  # pragma: no cover - no real zone has a gap this long
            raise ValueError(f"no valid local time after {at} on {day} in {zone.key}")
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)


def next_occurrence(after: datetime, at: time, zone: ZoneInfo, weekdays: frozenset[int] = ALL_DAYS) -> Occurrence:
    """The first occurrence strictly after ``after`` (an aware datetime)."""
    if not weekdays:
        raise ValueError("a schedule needs at least one weekday")
    start = after.astimezone(zone).date() - timedelta(days=1)
    for offset in range(_MAX_SCAN_DAYS + 1):
        day = start + timedelta(days=offset)
        if day.weekday() not in weekdays:
            continue
        when = local_to_utc(day, at, zone)
        if when > after:
            return Occurrence(when, day)
    raise AssertionError("unreachable: a weekday recurs within eight days")  # pragma: no cover


def latest_occurrence(
    at_or_before: datetime, at: time, zone: ZoneInfo, weekdays: frozenset[int] = ALL_DAYS
) -> Occurrence:
    """The last occurrence at or before ``at_or_before``."""
    if not weekdays:
        raise ValueError("a schedule needs at least one weekday")
    start = at_or_before.astimezone(zone).date() + timedelta(days=1)
    for offset in range(_MAX_SCAN_DAYS + 1):
        day = start - timedelta(days=offset)
        if day.weekday() not in weekdays:
            continue
        when = local_to_utc(day, at, zone)
        if when <= at_or_before:
            return Occurrence(when, day)
    raise AssertionError("unreachable: a weekday recurs within eight days")  # pragma: no cover


def occurrences_between(
    start: datetime, end: datetime, at: time, zone: ZoneInfo, weekdays: frozenset[int] = ALL_DAYS
) -> list[Occurrence]:
    """Every occurrence in the half-open interval (start, end]."""
    found: list[Occurrence] = []
    cursor = start
    while True:
        occ = next_occurrence(cursor, at, zone, weekdays)
        if occ.at > end:
            return found
        found.append(occ)
        cursor = occ.at
