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
    "read_zone",
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


# Abbreviations read as one zone: each means one UTC offset wherever it is used (a test checks this
# against tzdata) and one region's clock is what nearly everyone typing it means; we say which zone we chose.
_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "ET": ("America/New_York", "US & Canada Eastern time"),
    "EST": ("America/New_York", "US & Canada Eastern time, EDT in summer"),
    "EDT": ("America/New_York", "US & Canada Eastern time, EST in winter"),
    "CT": ("America/Chicago", "US & Canada Central time"),
    "MT": ("America/Denver", "US & Canada Mountain time"),
    "MDT": ("America/Denver", "US & Canada Mountain time, MST in winter"),
    "PT": ("America/Los_Angeles", "US & Canada Pacific time"),
    "PDT": ("America/Los_Angeles", "US & Canada Pacific time, PST in winter"),
    "AKST": ("America/Anchorage", "Alaska time, AKDT in summer"),
    "AKDT": ("America/Anchorage", "Alaska time, AKST in winter"),
    "HST": ("Pacific/Honolulu", "Hawaii time"),
    "ADT": ("America/Halifax", "Atlantic time, AST in winter"),
    "NST": ("America/St_Johns", "Newfoundland time, NDT in summer"),
    "NDT": ("America/St_Johns", "Newfoundland time, NST in winter"),
    "MSK": ("Europe/Moscow", "Moscow time"),
    "SAST": ("Africa/Johannesburg", "South African time"),
    "PKT": ("Asia/Karachi", "Pakistan time"),
    "WIB": ("Asia/Jakarta", "Western Indonesian time"),
    "HKT": ("Asia/Hong_Kong", "Hong Kong time"),
    "JST": ("Asia/Tokyo", "Japan time"),
    "KST": ("Asia/Seoul", "Korea time"),
    "AWST": ("Australia/Perth", "Australian Western time"),
    "ACDT": ("Australia/Adelaide", "Australian Central time, ACST in winter"),
    "AEDT": ("Australia/Sydney", "Australian Eastern time, AEST in winter"),
    "NZST": ("Pacific/Auckland", "New Zealand time, NZDT in summer"),
    "NZDT": ("Pacific/Auckland", "New Zealand time, NZST in winter"),
}
# Abbreviations refused because they mean different clocks to different people: the zones they may mean.
_AMBIGUOUS: dict[str, tuple[tuple[str, str], ...]] = {
    "IST": (("Asia/Kolkata", "India"), ("Europe/Dublin", "Ireland"), ("Asia/Jerusalem", "Israel")),
    "CST": (("America/Chicago", "US Central"), ("Asia/Shanghai", "China"), ("America/Havana", "Cuba")),
    "CDT": (("America/Chicago", "US Central"), ("America/Havana", "Cuba")),
    "PST": (("America/Los_Angeles", "US Pacific"), ("Asia/Manila", "Philippines")),
    "AST": (("America/Halifax", "Atlantic"), ("Asia/Riyadh", "Arabia")),
    "BST": (("Europe/London", "UK"), ("Asia/Dhaka", "Bangladesh")),
    "GST": (("Asia/Dubai", "Gulf"), ("Atlantic/South_Georgia", "South Georgia")),
    "SST": (("Pacific/Pago_Pago", "Samoa"), ("Asia/Singapore", "Singapore")),
    "MST": (("America/Denver", "with summer time"), ("America/Phoenix", "Arizona, no summer time")),
    "AEST": (("Australia/Sydney", "with summer time"), ("Australia/Brisbane", "Queensland, no summer time")),
    "ACST": (("Australia/Adelaide", "with summer time"), ("Australia/Darwin", "Northern Territory")),
    "GMT": (("Europe/London", "UK, with summer time"), ("UTC", "no summer time")),
    "CET": (("Europe/Paris", "France"), ("Europe/Berlin", "Germany"), ("Europe/Madrid", "Spain"),
            ("Europe/Rome", "Italy")),
    "EET": (("Europe/Athens", "Greece"), ("Europe/Kyiv", "Ukraine"), ("Africa/Cairo", "Egypt")),
    "WET": (("Europe/Lisbon", "Portugal"), ("Atlantic/Canary", "Canary Islands")),
}  # fmt: skip
_AMBIGUOUS |= {"CEST": _AMBIGUOUS["CET"], "EEST": _AMBIGUOUS["EET"], "WEST": _AMBIGUOUS["WET"]}
_EXAMPLES = "Use an IANA name such as America/New_York, Europe/London or Australia/Sydney"


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


@lru_cache(maxsize=1)
def _region_zones() -> tuple[str, ...]:
    """Zones named Region/City (no legacy abbreviations such as EST or WET, no Etc/ offsets)."""
    return tuple(n for n in _zone_names() if "/" in n and not n.startswith(("Etc/", "SystemV/")))


def suggest_zones(text: str, limit: int = 25) -> list[str]:
    """IANA zones for what someone has typed so far: an abbreviation's zones, prefix matches, then any containing it."""
    typed = text.strip().lower().replace(" ", "_")
    names = list(_region_zones())
    if not typed:
        return names[:limit]
    key = typed.upper()
    first = [_ABBREVIATIONS[key][0]] if key in _ABBREVIATIONS else [zone for zone, _ in _AMBIGUOUS.get(key, ())]
    starts = [n for n in names if n.lower().startswith(typed) or n.lower().split("/")[-1].startswith(typed)]
    contains = [n for n in names if typed in n.lower() and n not in starts]
    return list(dict.fromkeys(first + starts + contains))[:limit]


def _close_zones(name: str) -> list[str]:
    """Real Region/City zones someone may have meant (a city's own name, or a near spelling)."""
    typed = name.lower().replace(" ", "_")
    names = _region_zones()
    cities = {n.lower().split("/")[-1]: n for n in names}
    found = [n for n in names if n.lower().split("/")[-1] == typed.split("/")[-1]]
    found += difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    found += [cities[c] for c in difflib.get_close_matches(typed.split("/")[-1], list(cities), n=2, cutoff=0.75)]
    return list(dict.fromkeys(found))[:3]


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def read_zone(text: str) -> tuple[zoneinfo.ZoneInfo, str | None]:
    """The zone someone typed, and a sentence saying which zone an abbreviation was read as (else None).

    Example::

        read_zone("EST")  # (ZoneInfo("America/New_York"), "EST was read as America/New_York (US Eastern ...).")
    """
    name = text.strip()
    if not name:
        raise UserError("Please give a time zone, for example America/New_York or Europe/London.")
    if len(name) > 64 or not re.fullmatch(r"[A-Za-z0-9_+\-/ ]+", name) or ".." in name:
        raise UserError(f"'{name[:64]}' is not a time zone name. {_EXAMPLES}.")
    key = name.upper()
    if key in _ABBREVIATIONS:
        zone, label = _ABBREVIATIONS[key]
        note = f"{key} was read as {zone} ({label}); if that is not your clock, give your own Region/City zone."
        return zoneinfo.ZoneInfo(zone), note
    if key in _AMBIGUOUS:
        meant = _either([f"{zone} ({where})" for zone, where in _AMBIGUOUS[key]])
        raise UserError(
            f"{key} can mean more than one place's clock, so I won't guess. Did you mean {meant}? "
            "(Or give your own Region/City zone.)"
        )
    canonical = {n.lower(): n for n in _zone_names()}.get(name.lower().replace(" ", "_"))
    if canonical is None or ("/" not in canonical and canonical != "UTC"):
        hint = _close_zones(name)
        extra = f" Did you mean {_either(hint)}?" if hint else ""
        raise UserError(f"I don't know the time zone '{name}'. {_EXAMPLES}.{extra}")
    return zoneinfo.ZoneInfo(canonical), None


def parse_zone(text: str) -> zoneinfo.ZoneInfo:
    """An IANA zone such as ``America/New_York``, or an unambiguous abbreviation (EST); IST or CST are refused."""
    return read_zone(text)[0]


def parse_local_time(text: str) -> time:
    """``08:00``, ``8:30``, ``8am``, ``8:30 pm``, ``20:15``, ``2015``, ``21h30``; a bare ``21`` is 21:00."""
    shown = text.strip()[:40]
    raw = text.strip().lower().replace(".", ":").replace(" ", "")
    raw = re.sub(r"^(\d{1,2})h(\d{2})?$", lambda m: f"{m.group(1)}:{m.group(2) or '00'}", raw)
    if re.fullmatch(r"\d{4}", raw):
        raw = f"{raw[:2]}:{raw[2:]}"
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(am|pm|a|p)?", raw)
    if not match:
        raise UserError(f"'{shown}' is not a time of day. Use 24-hour HH:MM such as 08:00 or 19:30.")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half is not None:
        if not 1 <= hour <= 12:
            raise UserError(f"'{shown}' is not a valid time: with am/pm the hour is 1 to 12.")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    elif match.group(2) is None and 1 <= hour <= 12:
        other = (hour + 12) % 24
        raise UserError(
            f"'{shown}' is ambiguous: {hour:02d}:00 or {other:02d}:00? Use HH:MM such as {hour:02d}:00, or add am/pm."
        )
    if hour > 23 or minute > 59:
        raise UserError(f"'{shown}' is not a valid time: hours run 00-23 and minutes 00-59.")
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
