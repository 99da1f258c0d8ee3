"""Check-in helpers without a database: sparklines, the labelled PNG chart, cadence and quiet-hour parsing."""

from __future__ import annotations

import io
from datetime import date, time, timedelta

import pytest
from PIL import Image

from core.checkins.cadence import format_cadence, in_quiet_hours, parse_cadence
from core.checkins.chart import AVERAGE, PALETTE, PNG_SIGNATURE, STYLES, Chart, draw_trend, sparkline, trend_chart
from core.errors import UserError

__all__: list[str] = []

LABELS = ["Safe to be open", "Words matched actions", "Felt connected", "Felt respected"]
DAYS = [date(2027, 3, 1) + timedelta(days=i) for i in range(14)]
SERIES: list[list[int | None]] = [
    [3, 4, 4, None, 3, 4, 5, 5, 4, 4, 5, None, 5, 5],
    [2, 3, 3, None, 4, 4, 4, 3, 4, 5, 5, None, 4, 5],
    [3, 2, 3, None, 3, 4, 4, 4, 5, 4, 4, None, 5, 4],
    [4, 4, 3, None, 4, 4, 5, 5, 4, 5, 5, None, 5, 5],
]


def image_of(chart: Chart) -> Image.Image:
    image = Image.open(io.BytesIO(chart.png))
    image.load()
    return image.convert("RGB")


def ink_in(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """How many pixels in ``box`` are clearly darker than the white background (text drawn there)."""
    region = image.crop(box).convert("L")
    return sum(1 for value in region.tobytes() if value < 160)


def pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    raw = image.convert("RGB").tobytes()
    return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]


def has_colour(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 12) -> bool:
    return any(all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True)) for pixel in pixels(image))


def test_sparkline_maps_the_scale_and_marks_gaps() -> None:
    assert sparkline([1, 2, 3, 4, 5]) == "▁▃▅▆█"
    assert sparkline([1, None, 5]) == "▁·█"
    assert sparkline([]) == ""
    assert sparkline([0, 9]) == "▁█"  # clamped to the scale


def test_the_chart_is_a_png_sized_for_chat_previews() -> None:
    data = trend_chart(SERIES, labels=LABELS, dates=DAYS)
    assert data.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (800, 450)  # 16:9, shown whole by Discord and Slack
    assert len(data) < 250_000


def test_the_chart_says_what_it_shows_title_dates_scale_and_a_legend() -> None:
    chart = draw_trend(SERIES, labels=LABELS, dates=DAYS)
    texts = [t.text for t in chart.texts]
    assert texts[0] == "Your check-ins, 1 Mar to 14 Mar 2027"
    assert "Scores from 1 (low) to 5 (high)" in texts[1]
    assert [t for t in texts if t in {"1", "2", "3", "4", "5"}] == ["1", "2", "3", "4", "5"]
    assert "14 Mar" in texts and "2 Mar" in texts  # dates along the bottom, the newest always named
    assert "Safe to be open (avg 4.2)" in texts
    assert "Words matched actions (avg 3.8)" in texts
    assert "Felt connected (avg 3.8)" in texts
    assert "Felt respected (avg 4.4)" in texts
    assert "Your average, all questions (avg 4.1)" in texts


def test_every_text_is_drawn_legibly_inside_the_image_and_nothing_overlaps() -> None:
    chart = draw_trend(SERIES, labels=LABELS, dates=DAYS)
    image = image_of(chart)
    boxes = [t.box for t in chart.texts]
    for text in chart.texts:
        left, top, right, bottom = text.box
        assert 0 <= left < right <= chart.width and 0 <= top < bottom <= chart.height, text
        assert text.size >= 19, text  # about 10 px or more when a preview halves it
        assert ink_in(image, text.box) > 10, text  # really drawn, not only placed
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
            assert not overlap, (a, b)


def test_each_question_has_its_own_colour_marker_and_dash_so_colour_is_not_needed() -> None:
    image = image_of(draw_trend(SERIES, labels=LABELS, dates=DAYS))
    for colour in PALETTE[: len(SERIES)]:
        assert has_colour(image, colour), colour
    assert has_colour(image, AVERAGE)
    styles = STYLES[: len(SERIES)]
    assert len({marker for marker, _ in styles}) == len(styles)
    assert len({dash for _, dash in styles}) == len(styles)
    # Okabe-Ito: the colour-blind-safe set
    assert PALETTE[:4] == ((0x00, 0x72, 0xB2), (0xD5, 0x5E, 0x00), (0x00, 0x9E, 0x73), (0xCC, 0x79, 0xA7))


def test_the_lines_follow_the_scores() -> None:
    """A question answered 5 every day is drawn near the top of the plot, one answered 1 near the bottom."""
    chart = draw_trend([[5, 5, 5, 5], [1, 1, 1, 1]], labels=["High", "Low"], dates=DAYS[:4])
    image = image_of(chart)
    ticks = {t.text: t.box for t in chart.texts if t.text in {"1", "5"}}
    top_row = (ticks["5"][1] + ticks["5"][3]) // 2
    bottom_row = (ticks["1"][1] + ticks["1"][3]) // 2
    plot = image.crop((120, 0, 780, bottom_row + 12))  # the plot only: no scale, no legend
    colours = pixels(plot)

    def rows_with(colour: tuple[int, int, int]) -> set[int]:
        near = [i for i, p in enumerate(colours) if all(abs(a - b) <= 12 for a, b in zip(p, colour, strict=True))]
        return {i // plot.width for i in near}

    high, low = rows_with(PALETTE[0]), rows_with(PALETTE[1])
    assert high and low
    assert all(abs(y - top_row) <= 8 for y in high), sorted(high)  # markers' height at most
    assert all(abs(y - bottom_row) <= 8 for y in low), sorted(low)


def test_one_check_in_gaps_and_letters_the_font_lacks() -> None:
    chart = draw_trend([[4], [None]], labels=["Sécurité – ouverte", "Ünïcode"], dates=[date(2027, 3, 1)])
    texts = [t.text for t in chart.texts]
    assert texts[0] == "Your check-ins, 1 Mar 2027"
    assert "Ünïcode (no answers)" in texts
    image_of(chart)  # a valid image


def test_the_chart_needs_a_series_and_matching_dates() -> None:
    with pytest.raises(ValueError):
        trend_chart([])
    with pytest.raises(ValueError):
        trend_chart([[1, 2, 3]], dates=DAYS[:2])


def test_importing_the_chart_does_not_load_pillow() -> None:
    import subprocess
    import sys

    probe = "import sys, core.checkins.messages; print('PIL' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == "False\n"


@pytest.mark.parametrize(
    ("text", "days", "shown"),
    [
        ("daily", frozenset(range(7)), "every day"),
        ("", frozenset(range(7)), "every day"),
        ("weekdays", frozenset(range(5)), "weekdays"),
        ("weekly:sun", frozenset({6}), "weekly on Sunday"),
        ("Weekly:Wednesday", frozenset({2}), "weekly on Wednesday"),
        ("mon,wed,fri", frozenset({0, 2, 4}), "Mon, Wed, Fri"),
        ("tue", frozenset({1}), "weekly on Tuesday"),
    ],
)
def test_parse_cadence(text: str, days: frozenset[int], shown: str) -> None:
    assert parse_cadence(text) == days
    assert format_cadence(days) == shown


@pytest.mark.parametrize("text", ["weekly", "weekly:", "weekly:xyz", "weekly:mon-fri", "monthly", "mon,blursday"])
def test_parse_cadence_refuses_clearly(text: str) -> None:
    with pytest.raises(UserError, match="Nothing was saved"):
        parse_cadence(text)


def test_quiet_hours_may_cross_midnight() -> None:
    overnight = (time(22, 0), time(7, 0))
    assert in_quiet_hours(time(23, 0), overnight)
    assert in_quiet_hours(time(6, 59), overnight)
    assert not in_quiet_hours(time(7, 0), overnight)
    assert not in_quiet_hours(time(21, 59), overnight)
    daytime = (time(9, 0), time(17, 0))
    assert in_quiet_hours(time(9, 0), daytime)
    assert not in_quiet_hours(time(17, 0), daytime)
