"""Reading the years a message names: a past long over, or danger that goes on."""

from __future__ import annotations

from datetime import date

import pytest

from core.guidance.dated import latest_year, told_long_ago

__all__: list[str] = []

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "latest"),
    [
        ("In 2011 my ex choked me. I left that week.", 2011),
        ("from 2008 to 2014 he cut me off from my sisters", 2014),
        ("2017-2018 I burned myself, I have not since", 2018),
        ("divorced 2004, she lives in spain now", 2004),
        ("em 2012 pensei em me matar, hoje estou bem", 2012),
        ("we married in 2010 and since 2019 he reads my phone", 2026),  # "since" goes on today
        ("desde 2018 me controla el celular", 2026),
        ("de 2015 à aujourd'hui il me suit partout", 2026),
        ("2019 to now he has tracked my car", 2026),
        ("in 2025 he broke my wrist", 2025),
        ("he takes 2000 dollars of my pay every month", None),  # a sum, not a year
        ("he spent $2000 of our savings", None),
        ("on 12/03/2011 he hit me", None),  # a date we do not read
        ("he hit me again last night", None),
    ],
)
def test_the_latest_year_a_message_names(text: str, latest: int | None) -> None:
    assert latest_year(text, TODAY) == latest


def test_long_ago_is_three_years_before_today_by_the_clock_not_by_the_code() -> None:
    text = "In 2015 he pushed me down the stairs. I left him."
    assert told_long_ago(text, TODAY)
    assert told_long_ago(text, date(2018, 1, 1))
    assert not told_long_ago(text, date(2017, 12, 31))
    assert not told_long_ago(text, date(2015, 6, 1))
    assert not told_long_ago("he pushed me down the stairs. I left him years ago.", TODAY)  # no year named


def test_fear_told_now_means_it_goes_on_whatever_the_years() -> None:
    today = date(2026, 12, 1)
    assert told_long_ago("He hit me in 2015. He hasn't done it again.", today)
    assert not told_long_ago("He hit me in 2015. He hasn't done it again but I'm scared of him.", today)
    assert not told_long_ago("En 2012 me pegó. Ya no, pero tengo miedo de él.", today)
    assert not told_long_ago("Il m'a frappée en 2014 et j'ai toujours peur de lui.", today)
    assert told_long_ago("I was afraid of him for years. He died in 2010.", today)  # fear told as past
