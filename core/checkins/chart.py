"""Check-in trends drawn two ways: a text sparkline, and a labelled PNG line chart (Pillow, loaded only to draw)."""

from __future__ import annotations

import io
import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "AVERAGE",
    "PALETTE",
    "PNG_SIGNATURE",
    "STYLES",
    "Chart",
    "ChartText",
    "draw_trend",
    "sparkline",
    "trend_chart",
]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_BARS = "▁▂▃▄▅▆▇█"
_GAP = "·"

Color = tuple[int, int, int]
Marker = Literal["circle", "square", "triangle", "diamond", "down", "cross"]

# Okabe & Ito's palette for colour-blind readers (the yellow, too light on white, is left out)
PALETTE: tuple[Color, ...] = (
    (0x00, 0x72, 0xB2),  # blue
    (0xD5, 0x5E, 0x00),  # vermillion
    (0x00, 0x9E, 0x73),  # bluish green
    (0xCC, 0x79, 0xA7),  # reddish purple
    (0xE6, 0x9F, 0x00),  # orange
    (0x56, 0xB4, 0xE9),  # sky blue
)
# each series also has its own marker and dash (on, off in pixels; () is solid): colour is never the only cue
STYLES: tuple[tuple[Marker, tuple[int, ...]], ...] = (
    ("circle", ()),
    ("square", (14, 7)),
    ("triangle", (4, 6)),
    ("diamond", (16, 6, 4, 6)),
    ("down", (8, 8)),
    ("cross", (2, 5)),
)
AVERAGE: Color = (0x22, 0x22, 0x22)  # the member's average over all questions: thick, dark, long dashes

WIDTH, HEIGHT = 800, 450  # 16:9; Discord and Slack previews show it whole at about half this size
_SS = 2  # drawn at twice the size and scaled down, for smooth lines and text
_BACKGROUND: Color = (0xFF, 0xFF, 0xFF)
_INK: Color = (0x22, 0x22, 0x22)
_MUTED: Color = (0x5A, 0x5A, 0x5A)
_GRID: Color = (0xDD, 0xDD, 0xDD)
_TITLE, _TEXT, _SMALL = 30, 22, 19  # font sizes in output pixels: legible at half size
_ROW = 31  # a legend row


@dataclass(frozen=True)
class ChartText:
    """A piece of text on the chart and the box it occupies (output pixels: left, top, right, bottom)."""

    text: str
    box: tuple[int, int, int, int]
    size: int


@dataclass(frozen=True)
class Chart:
    """The PNG and what it says where (for tests and for alt text)."""

    png: bytes
    width: int
    height: int
    texts: tuple[ChartText, ...]


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


def trend_chart(
    series: Sequence[Sequence[int | None]],
    low: int = 1,
    high: int = 5,
    *,
    labels: Sequence[str] = (),
    dates: Sequence[date] = (),
    title: str = "",
) -> bytes:
    """A PNG line chart of a member's check-ins: one line per question, and their average.

    Example::

        png = trend_chart([[4, 5, None], [3, 3, 4]], labels=["Safe to be open", "Felt respected"],
                          dates=[date(2027, 3, 1), date(2027, 3, 2), date(2027, 3, 3)])
    """
    return draw_trend(series, low, high, labels=labels, dates=dates, title=title).png


def draw_trend(
    series: Sequence[Sequence[int | None]],
    low: int = 1,
    high: int = 5,
    *,
    labels: Sequence[str] = (),
    dates: Sequence[date] = (),
    title: str = "",
) -> Chart:
    """The chart of :func:`trend_chart` with the place of every text on it.

    ``series`` holds one list of scores per question, oldest first, ``None`` where a check-in
    was not answered; ``dates`` the date of each check-in (else they are numbered); ``labels``
    the questions' short names. The title names the dates unless ``title`` is given.
    """
    if not series:
        raise ValueError("a chart needs at least one series")
    if high <= low:
        raise ValueError("high must be above low")
    columns = max(1, max(len(s) for s in series))
    if dates and len(dates) != columns:
        raise ValueError(f"{len(dates)} dates for {columns} check-ins")
    from PIL import Image  # here, not at import: `import core` stays quick

    canvas = _Canvas(Image.new("RGB", (WIDTH * _SS, HEIGHT * _SS), _BACKGROUND))
    names = [labels[i] if i < len(labels) else f"Question {i + 1}" for i in range(len(series))]
    averages = _averages(series, columns)
    if not title:
        title = "Your check-ins"
        if dates:
            first, last = dates[0], dates[-1]
            title += f", {_day(last, year=True)}" if first == last else f", {_day(first)} to {_day(last, year=True)}"
    canvas.text((24, 14), title, _TITLE, _INK)
    note = f"Scores from {low} (low) to {high} (high), oldest on the left; a gap is a check-in not answered"
    canvas.text((24, 54), note, _SMALL, _MUTED, max_width=WIDTH - 48)

    legend_rows = (len(series) + 2) // 2  # the questions and the average, in two columns
    left, right, top = 64, WIDTH - 28, 96
    bottom = HEIGHT - 54 - legend_rows * _ROW  # below: the dates, then the legend
    step_y = (bottom - top) / (high - low)
    for level in range(low, high + 1):
        y = bottom - (level - low) * step_y
        canvas.line([(left, y), (right, y)], _GRID, 1)
        canvas.text((left - 16, y), str(level), _TEXT, _MUTED, anchor="rm")
    span = (right - left) / columns
    xs = [left + span * (i + 0.5) for i in range(columns)]
    every = max(1, -(-columns * 84 // (right - left)))  # a date label at most every 84 px
    for i, x in enumerate(xs):
        if (columns - 1 - i) % every == 0:  # counted from the newest, which is always labelled
            tick = _day(dates[i]) if dates else str(i + 1)
            canvas.line([(x, bottom), (x, bottom + 6)], _MUTED, 1)
            canvas.text((x, bottom + 10), tick, _SMALL, _MUTED, anchor="mt")

    def y_of(value: float) -> float:
        return bottom - (min(max(value, low), high) - low) * step_y

    dodge = min(7.0, span * 0.12)  # series side by side within a check-in, so equal scores stay visible
    for index, values in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        marker, dash = STYLES[index % len(STYLES)]
        offset = (index - (len(series) - 1) / 2) * dodge
        points = [(xs[i] + offset, y_of(v)) if v is not None else None for i, v in enumerate(values)]
        canvas.polyline(points, colour, 3, dash)
        for point in points:
            if point is not None:
                canvas.marker(point, marker, colour)
    average_points = [(xs[i], y_of(v)) if v is not None else None for i, v in enumerate(averages)]
    canvas.polyline(average_points, AVERAGE, 4, (18, 8), lone=True)

    legend_top = bottom + 58  # the middle of the legend's first row
    entries: list[tuple[str, Color, Marker | None, tuple[int, ...], int]] = []
    for index, (name, values) in enumerate(zip(names, series, strict=True)):
        present = [v for v in values if v is not None]
        figure = f"avg {sum(present) / len(present):.1f}" if present else "no answers"
        marker, dash = STYLES[index % len(STYLES)]
        entries.append((f"{name} ({figure})", PALETTE[index % len(PALETTE)], marker, dash, 3))
    present_all = [v for values in series for v in values if v is not None]
    overall = f"avg {sum(present_all) / len(present_all):.1f}" if present_all else "no answers"
    entries.append((f"Your average, all questions ({overall})", AVERAGE, None, (18, 8), 4))
    for n, (text, colour, entry_marker, dash, width) in enumerate(entries):
        x = 24 + (n % 2) * (WIDTH // 2 - 8)
        y = legend_top + (n // 2) * _ROW
        canvas.polyline([(x, y), (x + 38, y)], colour, width, dash)
        if entry_marker is not None:
            canvas.marker((x + 19, y), entry_marker, colour)
        alone = n % 2 == 0 and n == len(entries) - 1  # nothing to its right: it may run on
        room = WIDTH - x - 64 if alone else WIDTH // 2 - 64
        canvas.text((x + 48, y), text, _TEXT, _INK, anchor="lm", max_width=room)

    image = canvas.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    # 128 colours look the same here and make the file a third of the size
    image = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return Chart(out.getvalue(), WIDTH, HEIGHT, tuple(canvas.texts))


def _averages(series: Sequence[Sequence[int | None]], columns: int) -> list[float | None]:
    """The member's average over every answered question, per check-in."""
    out: list[float | None] = []
    for i in range(columns):
        present = [s[i] for s in series if i < len(s) and s[i] is not None]
        out.append(sum(v for v in present if v is not None) / len(present) if present else None)
    return out


def _day(day: date, *, year: bool = False) -> str:
    return f"{day.day} {day:%b}" + (f" {day.year}" if year else "")


class _Canvas:
    """Drawing in output pixels on a canvas ``_SS`` times larger, remembering where text went."""

    def __init__(self, image: Image.Image) -> None:
        from PIL import ImageDraw

        self.image = image
        self.draw: ImageDraw.ImageDraw = ImageDraw.Draw(image)
        self.texts: list[ChartText] = []
        self._fonts: dict[int, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}
        self._missing: dict[str, bool] = {}

    def font(self, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        from PIL import ImageFont

        found = self._fonts.get(size)
        if found is None:
            found = self._fonts[size] = ImageFont.load_default(size=size * _SS)  # Pillow's own scalable font
        return found

    def text(
        self,
        at: tuple[float, float],
        text: str,
        size: int,
        colour: Color,
        *,
        anchor: str = "la",
        max_width: int | None = None,
    ) -> None:
        font = self.font(size)
        shown = self._printable(text, font)
        if max_width is not None:
            while shown and self.draw.textlength(shown, font=font) > max_width * _SS:
                shown = shown[:-2].rstrip() + "…" if shown.endswith("…") else shown[:-1].rstrip() + "…"
                shown = self._printable(shown, font)
        where = (at[0] * _SS, at[1] * _SS)
        self.draw.text(where, shown, font=font, fill=colour, anchor=anchor)
        left, top, right, bottom = self.draw.textbbox(where, shown, font=font, anchor=anchor)
        box = (int(left // _SS), int(top // _SS), int(-(-right // _SS)), int(-(-bottom // _SS)))
        self.texts.append(ChartText(text, box, size))

    def _printable(self, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> str:
        """The text with characters the default font lacks spelt in plain letters (é as e, – as -)."""
        out = []
        for ch in text:
            if ch.isascii() or not self._lacks(ch, font):
                out.append(ch)
                continue
            plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if c.isascii() and c.isprintable())
            out.append(plain or {"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "…": "..."}.get(ch, "?"))
        return "".join(out)

    def _lacks(self, ch: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> bool:
        if ch not in self._missing:
            self._missing[ch] = bytes(font.getmask(ch)) == bytes(font.getmask("\uffff"))
        return self._missing[ch]

    def line(self, points: list[tuple[float, float]], colour: Color, width: int) -> None:
        self.draw.line([(x * _SS, y * _SS) for x, y in points], fill=colour, width=width * _SS)

    def polyline(
        self,
        points: Sequence[tuple[float, float] | None],
        colour: Color,
        width: int,
        dash: tuple[int, ...],
        *,
        lone: bool = False,
    ) -> None:
        """Lines between consecutive points (broken where a point is None), solid or dashed.

        With ``lone``, a point with no neighbour gets a short level stroke, so it is not lost.
        """
        run: list[tuple[float, float]] = []
        for point in [*points, None]:
            if point is not None:
                run.append(point)
                continue
            if len(run) == 1 and lone:
                (x, y) = run[0]
                self.line([(x - 10, y), (x + 10, y)], colour, width)
            elif len(run) > 1:
                if dash:
                    self._dashed(run, colour, width, dash)
                else:
                    self.draw.line([(x * _SS, y * _SS) for x, y in run], fill=colour, width=width * _SS, joint="curve")
            run = []

    def _dashed(self, run: list[tuple[float, float]], colour: Color, width: int, dash: tuple[int, ...]) -> None:
        phase, index = 0.0, 0  # how far into pattern part ``index`` the pen is
        for (x0, y0), (x1, y1) in itertools.pairwise(run):
            length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
            done = 0.0
            while done < length:
                part = dash[index % len(dash)]
                take = min(part - phase, length - done)
                if index % 2 == 0:
                    a, b = done / length, (done + take) / length
                    start = (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a)
                    end = (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)
                    self.line([start, end], colour, width)
                done += take
                phase += take
                if phase >= part:
                    phase, index = 0.0, index + 1

    def marker(self, at: tuple[float, float], kind: Marker, colour: Color, radius: float = 6) -> None:
        x, y, r = at[0] * _SS, at[1] * _SS, radius * _SS
        if kind == "circle":
            self.draw.ellipse([x - r, y - r, x + r, y + r], fill=colour, outline=_BACKGROUND, width=_SS)
        elif kind == "square":
            s = r * 0.9
            self.draw.rectangle([x - s, y - s, x + s, y + s], fill=colour, outline=_BACKGROUND, width=_SS)
        elif kind == "triangle":
            self.draw.polygon([(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)], fill=colour)
        elif kind == "down":
            self.draw.polygon([(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)], fill=colour)
        elif kind == "diamond":
            self.draw.polygon([(x, y - r * 1.25), (x + r, y), (x, y + r * 1.25), (x - r, y)], fill=colour)
        else:
            w = _SS * 3
            self.draw.line([(x - r, y - r), (x + r, y + r)], fill=colour, width=w)
            self.draw.line([(x - r, y + r), (x + r, y - r)], fill=colour, width=w)
