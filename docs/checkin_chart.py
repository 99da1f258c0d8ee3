"""Draws docs/checkin-chart.png: two weeks of one member's check-ins in the sandbox, then their history chart.

Run from the repository root::

    .venv/bin/python docs/checkin_chart.py

It plays the sandbox as a person would (opt in, answer each evening's check-in by its buttons,
skip two days, ask for ``/trust checkin history``) and copies the chart the sandbox saved.
"""

from __future__ import annotations

import asyncio
import io
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bots.sandbox.app import open_sandbox  # noqa: E402
from core.content import load_content  # noqa: E402

START = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # Mon 07:00 in New York
# four answers an evening (safe to be open, words matched actions, connected, respected); None: not answered
EVENINGS: list[tuple[int, int, int, int] | None] = [
    (3, 2, 3, 4), (4, 3, 2, 4), (4, 3, 3, 3), None, (3, 4, 3, 4), (4, 4, 4, 4), (5, 4, 4, 5),
    (5, 3, 4, 5), (4, 4, 5, 4), (4, 5, 4, 5), (5, 5, 4, 5), None, (5, 4, 5, 5), (5, 5, 4, 5),
]  # fmt: skip


def script() -> list[str]:
    lines = [
        "/trust setup channel:#daily-prompts timezone:America/New_York time:08:00",
        ":as alice",
        "/trust checkin start time:20:00 timezone:America/New_York cadence:daily",
        ":go dm",
    ]
    for day, evening in enumerate(EVENINGS, start=1):
        lines.append(f":jump 2027-03-{day:02d} 20:05")  # the check-in came at 20:00
        if evening is not None:
            lines += [f":click {score}" for score in evening]
    return lines


async def main(target: Path) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        out = io.StringIO()
        async with open_sandbox(f"sqlite+aiosqlite:///{folder}/chart.db", load_content(), out, start=START) as shell:
            for line in [*script(), "/trust checkin history"]:
                assert await shell.run_line(line), line
        transcript = out.getvalue()
        saved = re.findall(r"\[attachment: checkin-trend\.png, [\d,]+ bytes, saved to (.+?)\]", transcript)
        if not saved:
            raise SystemExit("the sandbox saved no chart; its transcript ends:\n" + transcript[-2000:])
        shutil.copyfile(Path(saved[-1]), target)
    return target


if __name__ == "__main__":
    print(asyncio.run(main(ROOT / "docs" / "checkin-chart.png")))
