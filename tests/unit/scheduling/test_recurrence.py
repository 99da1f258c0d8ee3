"""Wall-clock recurrence across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.scheduling.recurrence import latest_occurrence, local_to_utc, next_occurrence, occurrences_between

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def test_nine_am_stays_nine_am_across_spring_forward() -> None:
    start = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)
    found = occurrences_between(start, start + timedelta(days=7), time(9, 0), NY)
    local = [o.at.astimezone(NY) for o in found]
    assert [t.hour for t in local] == [9] * 7
    assert [t.utcoffset() for t in local].count(timedelta(hours=-5)) == 4  # Mar 10-13 EST, then EDT
    assert [o.local_date for o in found] == [date(2027, 3, d) for d in range(10, 17)]


def test_nonexistent_local_time_fires_at_first_valid_minute() -> None:
    # 2027-03-14 02:30 does not exist in New York (clocks jump 02:00 -> 03:00)
    at = local_to_utc(date(2027, 3, 14), time(2, 30), NY)
    assert at.astimezone(NY).strftime("%H:%M %Z") == "03:00 EDT"


def test_repeated_local_time_fires_once_at_first_instance() -> None:
    # 2027-11-07 01:30 happens twice in New York
    start = datetime(2027, 11, 6, 12, 0, tzinfo=UTC)
    found = occurrences_between(start, start + timedelta(days=2), time(1, 30), NY)
    nov7 = [o for o in found if o.local_date == date(2027, 11, 7)]
    assert len(nov7) == 1
    assert nov7[0].at.astimezone(NY).utcoffset() == timedelta(hours=-4)  # the first (EDT) instance


def test_weekdays_filter_and_strictly_after() -> None:
    monday_8 = local_to_utc(date(2027, 3, 1), time(8, 0), LONDON)
    nxt = next_occurrence(monday_8, time(8, 0), LONDON, frozenset({0, 2}))
    assert nxt.local_date == date(2027, 3, 3)
    assert latest_occurrence(monday_8, time(8, 0), LONDON, frozenset({0, 2})).at == monday_8


def test_occurrences_between_is_half_open() -> None:
    at = local_to_utc(date(2027, 3, 1), time(8, 0), LONDON)
    assert occurrences_between(at, at, time(8, 0), LONDON) == []
    assert [o.at for o in occurrences_between(at - timedelta(seconds=1), at, time(8, 0), LONDON)] == [at]
