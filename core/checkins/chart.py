"""Check-in trends drawn two ways: a text sparkline and a small PNG chart (zlib + struct, no imaging library)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

__all__ = ["PALETTE", "PNG_SIGNATURE", "encode_png", "sparkline", "trend_chart"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_BARS = "▁▂▃▄▅▆▇█"
_GAP = "·"

Color = tuple[int, int, int]

PALETTE: tuple[Color, ...] = (
    (0x3B, 0x6E, 0xA8),  # blue
    (0xD0, 0x7A, 0x2E),  # orange
    (0x4C, 0x9A, 0x5A),  # green
    (0x8E, 0x5B, 0xA8),  # purple
    (0xB8, 0x4A, 0x5C),  # rose
    (0x3A, 0x94, 0x98),  # teal
)
_BACKGROUND: Color = (0xFF, 0xFF, 0xFF)
_GRID: Color = (0xE4, 0xE4, 0xE4)
_MISSING: Color = (0xB0, 0xB0, 0xB0)
_AVERAGE: Color = (0x40, 0x40, 0x40)


def sparkline(values: Sequence[float | None], low: float = 1, high: float = 5) -> str:
    """One character per value (``▁`` for ``low`` up to ``█`` for ``high``); ``·`` where a value is missing.

    Example::

        >>> sparkline([1, 3, None, 5])
        '▁▄·█'
    """
    out = []
    span = high - low
    for value in values:
        if value is None:
            out.append(_GAP)
            continue
        share = 0.0 if span <= 0 else (min(max(value, low), high) - low) / span
        out.append(_BARS[round(share * (len(_BARS) - 1))])
    return "".join(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(width: int, height: int, pixels: Sequence[Sequence[Color]]) -> bytes:
    """Encode rows of RGB pixels as an 8-bit truecolour PNG (filter 0 on every row)."""
    if width <= 0 or height <= 0 or len(pixels) != height or any(len(row) != width for row in pixels):
        raise ValueError("pixels must be height rows of width (r, g, b) tuples")
    raw = bytearray()
    for row in pixels:
        raw.append(0)
        for r, g, b in row:
            raw += bytes((r, g, b))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + _chunk(b"IEND", b"")
    )


def trend_chart(series: Sequence[Sequence[int | None]], low: int = 1, high: int = 5, *, scale: int = 2) -> bytes:
    """A PNG with one band per series, top to bottom: a bar per value, oldest on the left.

    Each band has faint grid lines at every level from ``low`` to ``high``, a dark tick at the
    series' average on the right edge, and a small grey dot where a value is missing.
    """
    if not series:
        raise ValueError("a chart needs at least one series")
    columns = max(1, max(len(s) for s in series))
    level, column, bar, pad, band_gap = 7, 14, 9, 6, 8
    levels = high - low + 1
    band_height = levels * level
    width = pad * 2 + columns * column + 8
    height = pad * 2 + len(series) * band_height + (len(series) - 1) * band_gap
    grid = [[_BACKGROUND] * width for _ in range(height)]

    def fill(x0: int, y0: int, x1: int, y1: int, color: Color) -> None:
        for y in range(max(0, y0), min(height, y1)):
            row = grid[y]
            for x in range(max(0, x0), min(width, x1)):
                row[x] = color

    for index, values in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        top = pad + index * (band_height + band_gap)
        bottom = top + band_height
        for step in range(levels):
            y = bottom - 1 - step * level
            fill(pad, y, width - pad, y + 1, _GRID)
        for position, value in enumerate(values):
            x = pad + position * column + (column - bar) // 2
            if value is None:
                fill(x + bar // 2 - 1, bottom - 3, x + bar // 2 + 1, bottom - 1, _MISSING)
                continue
            clamped = min(max(value, low), high)
            fill(x, bottom - (clamped - low + 1) * level, x + bar, bottom, color)
        present = [v for v in values if v is not None]
        if present:
            mean = sum(present) / len(present)
            y = bottom - round((mean - low + 1) * level)
            fill(width - pad - 6, y - 1, width - pad, y + 1, _AVERAGE)
    if scale > 1:
        grid = [[pixel for pixel in row for _ in range(scale)] for row in grid for _ in range(scale)]
        width, height = width * scale, height * scale
    return encode_png(width, height, grid)
