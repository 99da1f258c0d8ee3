"""Check-in helpers without a database: sparklines, the PNG encoder and chart, cadence and quiet-hour parsing."""

from __future__ import annotations

import struct
import zlib
from datetime import time

import pytest

from core.checkins.cadence import format_cadence, in_quiet_hours, parse_cadence
from core.checkins.chart import PALETTE, PNG_SIGNATURE, encode_png, sparkline, trend_chart
from core.errors import UserError

__all__: list[str] = []


def decode_png(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """A minimal reader for what :func:`encode_png` writes (8-bit RGB, filter 0), checking every CRC."""
    assert data.startswith(PNG_SIGNATURE)
    offset = len(PNG_SIGNATURE)
    chunks: dict[bytes, bytes] = {}
    order: list[bytes] = []
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        chunks[kind] = body
        order.append(kind)
        offset += 12 + length
    assert order == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, _, _, _ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour) == (8, 2)
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + 3 * width
    assert len(raw) == stride * height
    rows = []
    for y in range(height):
        line = raw[y * stride : (y + 1) * stride]
        assert line[0] == 0
        rows.append([(line[1 + 3 * x], line[2 + 3 * x], line[3 + 3 * x]) for x in range(width)])
    return width, height, rows


def test_sparkline_maps_the_scale_and_marks_gaps() -> None:
    assert sparkline([1, 2, 3, 4, 5]) == "▁▃▅▆█"
    assert sparkline([1, None, 5]) == "▁·█"
    assert sparkline([]) == ""
    assert sparkline([0, 9]) == "▁█"  # clamped to the scale


def test_encode_png_round_trips() -> None:
    red, blue = (255, 0, 0), (0, 0, 255)
    pixels = [[red, blue, red], [blue, red, blue]]
    width, height, rows = decode_png(encode_png(3, 2, pixels))
    assert (width, height) == (3, 2)
    assert rows == pixels


def test_encode_png_refuses_ragged_rows() -> None:
    with pytest.raises(ValueError):
        encode_png(2, 2, [[(0, 0, 0)] * 2, [(0, 0, 0)]])


def test_trend_chart_draws_one_coloured_band_per_series() -> None:
    data = trend_chart([[1, 5, None], [3, 3, 3]], scale=1)
    width, height, rows = decode_png(data)
    assert width > 3 * 10 and height > 2 * 5 * 5
    colours = {pixel for row in rows for pixel in row}
    assert PALETTE[0] in colours and PALETTE[1] in colours
    first_band = {pixel for row in rows[: height // 2] for pixel in row}
    assert PALETTE[1] not in first_band  # the second series is drawn below the first
    scaled_width, scaled_height, _ = decode_png(trend_chart([[1, 5, None], [3, 3, 3]], scale=2))
    assert (scaled_width, scaled_height) == (width * 2, height * 2)


def test_trend_chart_needs_a_series() -> None:
    with pytest.raises(ValueError):
        trend_chart([])


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
