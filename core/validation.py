"""Parsing of what people type: time zones, local times, weekdays and durations, with clear errors."""

from __future__ import annotations

import difflib
import re
import zoneinfo
from datetime import time, timedelta
from functools import lru_cache

from core.errors import UserError

__all__ = [
    "WEEKDAY_NAMES",
    "format_weekdays",
    "parse_duration",
    "parse_local_time",
    "parse_weekdays",
    "parse_zone",
    "suggest_zones",
]

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_ALIASES = {
    "monday": 0, "mon": 0, "mo": 0,
    "tuesday": 1, "tue": 1, "tues": 1, "tu": 1,
    "wednesday": 2, "wed": 2, "we": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "th": 3,
    "friday": 4, "fri": 4, "fr": 4,
    "saturday": 5, "sat": 5, "sa": 5,
    "sunday": 6, "sun": 6, "su": 6,
}  # fmt: skip


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def suggest_zones(text: str, limit: int = 25) -> list[str]:
    """IANA zones for what someone has typed so far: prefix matches first, then any that contain it."""
    typed = text.strip().lower().replace(" ", "_")
    names = [n for n in _zone_names() if "/" in n and not n.startswith(("Etc/", "SystemV/"))] or list(_zone_names())
    if not typed:
        return names[:limit]
    starts = [n for n in names if n.lower().startswith(typed) or n.lower().split("/")[-1].startswith(typed)]
    contains = [n for n in names if typed in n.lower() and n not in starts]
    return (starts + contains)[:limit]


def parse_zone(text: str) -> zoneinfo.ZoneInfo:
    """An IANA zone such as ``America/New_York``; abbreviations like EST are refused."""
    name = text.strip()
    if not name:
        raise UserError("Please give a time zone, for example America/New_York or Europe/London.")
    if len(name) > 64 or not re.fullmatch(r"[A-Za-z0-9_+\-/]+", name) or ".." in name:
        raise UserError(f"'{name[:64]}' is not a time zone name. Use an IANA name such as America/New_York.")
    names = _zone_names()
    exact = {n.lower(): n for n in names}
    canonical = exact.get(name.lower())
    if canonical is None or ("/" not in canonical and canonical != "UTC"):
        hint = difflib.get_close_matches(name, names, n=2, cutoff=0.6)
        extra = f" Did you mean {' or '.join(hint)}?" if hint else ""
        raise UserError(
            f"I don't know the time zone '{name}'. Use an IANA name such as America/New_York, "
            f"Europe/London or Australia/Sydney (abbreviations like EST are ambiguous).{extra}"
        )
    return zoneinfo.ZoneInfo(canonical)


def parse_local_time(text: str) -> time:
    """``08:00``, ``8:30``, ``8am``, ``8:30 pm``, ``20:15``."""
    raw = text.strip().lower().replace(".", "")
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", raw)
    if not match:
        raise UserError(f"'{text.strip()[:40]}' is not a time of day. Use 24-hour HH:MM such as 08:00 or 19:30.")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half is not None:
        if not 1 <= hour <= 12:
            raise UserError(f"'{text.strip()}' is not a valid time: with am/pm the hour is 1 to 12.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match.group(2) is None:
        raise UserError(f"'{text.strip()}' is ambiguous. Use HH:MM such as 08:00, or add am/pm.")
    if hour > 23 or minute > 59:
        raise UserError(f"'{text.strip()}' is not a valid time: hours run 00-23 and minutes 00-59.")
    return time(hour, minute)


def parse_weekdays(text: str) -> frozenset[int]:
    """``daily``, ``weekdays``, ``weekends``, ``mon,wed,fri``, ``mon-fri`` (Monday is 0)."""
    raw = text.strip().lower()
    if raw in ("", "daily", "every day", "everyday", "all"):
        return frozenset(range(7))
    if raw == "weekdays":
        return frozenset(range(5))
    if raw == "weekends":
        return frozenset({5, 6})
    days: set[int] = set()
    for part in re.split(r"[\s,;]+", raw):
        if not part:
            continue
        if "-" in part:
            first, _, last = part.partition("-")
            if first not in _DAY_ALIASES or last not in _DAY_ALIASES:
                raise UserError(f"'{part}' is not a range of days. Try mon-fri.")
            a, b = _DAY_ALIASES[first], _DAY_ALIASES[last]
            day = a
            while True:
                days.add(day)
                if day == b:
                    break
                day = (day + 1) % 7
        elif part in _DAY_ALIASES:
            days.add(_DAY_ALIASES[part])
        else:
            raise UserError(f"'{part}' is not a day. Use daily, weekdays, weekends, or days such as mon,wed,fri.")
    return frozenset(days)


def format_weekdays(days: frozenset[int]) -> str:
    if days == frozenset(range(7)):
        return "every day"
    if days == frozenset(range(5)):
        return "weekdays"
    if days == frozenset({5, 6}):
        return "weekends"
    return ", ".join(WEEKDAY_NAMES[d].capitalize() for d in sorted(days))


def parse_duration(text: str) -> timedelta:
    """``1d``, ``3h``, ``90m``, ``1d3h``, ``2w``, ``45s``."""
    raw = text.strip().lower().replace(" ", "")
    parts = re.findall(r"(\d+)([wdhms])", raw)
    if not raw or "".join(n + u for n, u in parts) != raw:
        raise UserError(f"'{text.strip()[:40]}' is not a duration. Use forms like 1d, 3h, 30m or 1d3h.")
    units = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
    seconds = sum(int(n) * units[u] for n, u in parts)
    if seconds > 400 * 86400:
        raise UserError("That is too long; durations are limited to 400 days.")
    return timedelta(seconds=seconds)
