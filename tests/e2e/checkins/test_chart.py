"""End-to-end: the check-in chart through the sandbox, saved beside the database where a person can open it."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from bots.sandbox.app import open_sandbox
from core.checkins.chart import AVERAGE, PALETTE
from core.content import Content

__all__: list[str] = []

START = datetime(2027, 3, 8, 12, 0, tzinfo=UTC)  # Mon 07:00 EST
SAVED = re.compile(r"\[attachment: checkin-trend\.png, ([\d,]+) bytes, saved to (.+?)\]")


def read_chart(path: Path) -> tuple[bytes, Image.Image]:
    data = path.read_bytes()
    return data, Image.open(io.BytesIO(data))


async def test_history_saves_a_readable_chart_and_says_where(tmp_path: Path, content: Content) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'db' / 'trustbot.db'}"
    lines = [
        "/trust setup channel:#daily-prompts timezone:America/New_York time:08:00",
        ":as alice",
        "/trust checkin start time:20:00 timezone:America/New_York cadence:daily",
        ":go dm",
    ]
    for day, scores in ((8, "4 5 3 4"), (9, "3 4 4 5"), (10, "5 5 4 4")):
        lines.append(f":jump 2027-03-{day:02d} 20:05")
        lines += [f":click {score}" for score in scores.split()]
    lines.append("/trust checkin history")
    out = io.StringIO()
    async with open_sandbox(url, content, out, start=START) as shell:
        for line in lines:
            assert await shell.run_line(line), line
    transcript = out.getvalue()
    assert "sandbox:" not in transcript  # every click was accepted
    (found,) = SAVED.findall(transcript)
    size, where = int(found[0].replace(",", "")), Path(found[1])
    assert where.parent == tmp_path / "db" / "attachments"  # beside the database
    assert where.name == "20270310-2005-checkin-trend.png"  # named by the virtual time it was sent
    data, image = read_chart(where)
    assert len(data) == size
    assert image.format == "PNG" and image.size == (800, 450)
    raw = image.convert("RGB").tobytes()
    colours = {(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)}
    for colour in (*PALETTE[:4], AVERAGE):  # a line for each of the four questions, and the average
        assert any(max(abs(a - b) for a, b in zip(c, colour, strict=True)) <= 12 for c in colours), colour
    line = next(line for line in transcript.splitlines() if "checkin-trend.png" in line)
    assert line.startswith("[Wed 2027-03-10 20:05 EST] DM alice | trustbot: [attachment:")
    assert "The chart has a line per question and your average, oldest on the left." in transcript


async def test_a_database_that_is_not_a_file_saves_nothing_unless_asked(content: Content) -> None:
    out = io.StringIO()
    async with open_sandbox("sqlite+aiosqlite:///:memory:", content, out, start=START) as shell:
        assert shell.chat.files is None
