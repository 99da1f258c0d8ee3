"""What people type: zones, times, days, durations."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

import pytest

from core.errors import UserError
from core.validation import (
    _ABBREVIATIONS,
    _AMBIGUOUS,
    format_weekdays,
    parse_duration,
    parse_local_time,
    parse_weekdays,
    parse_zone,
    read_zone,
    suggest_zones,
)


def test_zone_accepts_iana_names_case_insensitively() -> None:
    assert parse_zone("america/new_york").key == "America/New_York"
    assert parse_zone("UTC").key == "UTC"


@pytest.mark.parametrize("bad", ["Mars/Olympus", "", "../../etc/passwd", "x" * 100, "SystemV/EST5"])
def test_zone_refuses_unknown_names(bad: str) -> None:
    with pytest.raises(UserError, match=r"time zone|IANA"):
        parse_zone(bad)


def test_zone_suggests_a_close_name() -> None:
    with pytest.raises(UserError, match="Did you mean America/New_York"):
        parse_zone("America/New_Yrok")


@pytest.mark.parametrize(("typed", "meant"), [("New York", "America/New_York"), ("london", "Europe/London")])
def test_zone_suggests_the_zone_of_a_city(typed: str, meant: str) -> None:
    with pytest.raises(UserError, match=f"Did you mean {meant}"):
        parse_zone(typed)


@pytest.mark.parametrize(("typed", "zone"), [("EST", "America/New_York"), ("edt", "America/New_York"),
                                              ("PT", "America/Los_Angeles"), ("JST", "Asia/Tokyo")])  # fmt: skip
def test_unambiguous_abbreviations_are_read_as_a_zone_and_say_so(typed: str, zone: str) -> None:
    found, note = read_zone(typed)
    assert found.key == zone
    assert note is not None and note.startswith(f"{typed.upper()} was read as {zone} (")
    assert read_zone("Europe/London")[1] is None


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("IST", "Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)"),
     ("CST", "America/Chicago (US Central), Asia/Shanghai (China) or America/Havana (Cuba)"),
     ("PST", "America/Los_Angeles (US Pacific) or Asia/Manila (Philippines)"),
     ("MST", "America/Denver"), ("GMT", "Europe/London"), ("cet", "Europe/Paris (France)")],
)  # fmt: skip
def test_ambiguous_abbreviations_are_refused_with_real_zones(typed: str, suggested: str) -> None:
    with pytest.raises(UserError, match=r"more than one place's clock") as refused:
        parse_zone(typed)
    assert f"Did you mean {suggested}" in str(refused.value)
    assert "EST or WET" not in str(refused.value)


def _abbreviations_in_use() -> dict[str, set[tuple[str, timedelta | None]]]:
    """Each abbreviation tzdata shows this year, with the (zone, UTC offset) pairs that show it."""
    seen: dict[str, set[tuple[str, timedelta | None]]] = {}
    for name in zoneinfo.available_timezones():
        if "/" not in name or name.startswith(("Etc/", "SystemV/")):
            continue
        zone = zoneinfo.ZoneInfo(name)
        for month in (1, 7):
            moment = datetime(2027, month, 15, 12, tzinfo=zone)
            seen.setdefault(moment.tzname() or "", set()).add((name, moment.utcoffset()))
    return seen


def test_accepted_abbreviations_mean_one_offset_and_are_used_by_their_zone() -> None:
    in_use = _abbreviations_in_use()
    for abbreviation, (zone, _) in _ABBREVIATIONS.items():
        assert zoneinfo.ZoneInfo(zone)  # a real zone
        if len(abbreviation) == 2:  # ET, CT, MT, PT: generic names tzdata never shows
            continue
        users = in_use.get(abbreviation, set())
        assert zone in {name for name, _ in users}, f"{zone} does not use {abbreviation}"
        assert len({offset for _, offset in users}) == 1, f"{abbreviation} means several offsets: {users}"
    for abbreviation, zones in _AMBIGUOUS.items():
        assert abbreviation not in _ABBREVIATIONS
        assert len(zones) >= 2 and all(zoneinfo.ZoneInfo(zone) for zone, _ in zones)


def test_zone_suggestions_put_an_abbreviations_zones_first() -> None:
    assert suggest_zones("EST")[0] == "America/New_York"
    assert suggest_zones("IST")[:3] == ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]
    assert "EST" not in suggest_zones("es") and "WET" not in suggest_zones("we")
    assert suggest_zones("lond") == ["Europe/London"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("08:00", time(8)), ("8:30", time(8, 30)), ("8am", time(8)), ("8:30 pm", time(20, 30)), ("12am", time(0))],
)
def test_local_time_forms(text: str, expected: time) -> None:
    assert parse_local_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("21", time(21)), ("13", time(13)), ("0", time(0)), ("00", time(0)), ("2130", time(21, 30)),
     ("21h", time(21)), ("21h30", time(21, 30)), ("21.30", time(21, 30)), ("9pm", time(21)), ("9 PM", time(21))],
)  # fmt: skip
def test_a_bare_hour_that_can_only_be_one_time_is_read(text: str, expected: time) -> None:
    assert parse_local_time(text) == expected


@pytest.mark.parametrize("bad", ["25:00", "8", "noon", "12:60", "13pm", "", "24", "2460"])
def test_local_time_refuses_bad_values(bad: str) -> None:
    with pytest.raises(UserError):
        parse_local_time(bad)


def test_a_bare_hour_from_1_to_12_is_ambiguous_and_says_both_readings() -> None:
    with pytest.raises(UserError, match=r"'9' is ambiguous: 09:00 or 21:00\?"):
        parse_local_time("9")
    with pytest.raises(UserError, match=r"'12' is ambiguous: 12:00 or 00:00\?"):
        parse_local_time("12")


def test_weekdays() -> None:
    assert parse_weekdays("daily") == frozenset(range(7))
    assert parse_weekdays("weekdays") == frozenset(range(5))
    assert parse_weekdays("mon,wed,fri") == frozenset({0, 2, 4})
    assert parse_weekdays("fri-mon") == frozenset({4, 5, 6, 0})
    assert format_weekdays(frozenset({0, 2})) == "Mon, Wed"
    with pytest.raises(UserError, match="not a day"):
        parse_weekdays("funday")


def test_durations() -> None:
    assert parse_duration("1d3h") == timedelta(days=1, hours=3)
    assert parse_duration("2w") == timedelta(weeks=2)
    for bad in ("", "3x", "1d 3", "999d"):
        with pytest.raises(UserError):
            parse_duration(bad)
