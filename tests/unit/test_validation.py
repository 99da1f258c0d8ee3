"""What people type: zones, times, days, durations."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from core.errors import UserError
from core.validation import format_weekdays, parse_duration, parse_local_time, parse_weekdays, parse_zone


def test_zone_accepts_iana_names_case_insensitively() -> None:
    assert parse_zone("america/new_york").key == "America/New_York"
    assert parse_zone("UTC").key == "UTC"


@pytest.mark.parametrize("bad", ["Mars/Olympus", "EST", "", "../../etc/passwd", "x" * 100])
def test_zone_refuses_unknown_or_ambiguous(bad: str) -> None:
    with pytest.raises(UserError, match=r"time zone|IANA"):
        parse_zone(bad)


def test_zone_suggests_a_close_name() -> None:
    with pytest.raises(UserError, match="Did you mean America/New_York"):
        parse_zone("America/New_Yrok")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("08:00", time(8)), ("8:30", time(8, 30)), ("8am", time(8)), ("8:30 pm", time(20, 30)), ("12am", time(0))],
)
def test_local_time_forms(text: str, expected: time) -> None:
    assert parse_local_time(text) == expected


@pytest.mark.parametrize("bad", ["25:00", "8", "noon", "12:60", "13pm", ""])
def test_local_time_refuses_bad_values(bad: str) -> None:
    with pytest.raises(UserError):
        parse_local_time(bad)


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
