"""The sandbox in real time: APScheduler wakes the core as in platform mode (no test waits for it)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from bots.sandbox.app import run_sandbox
from core.content import Content


async def test_realtime_sandbox_catches_up_on_start_and_stops_cleanly(sqlite_url: str, content: Content) -> None:
    # a prompt set for a minute ago on a previous run is caught up by the scheduler's first wake-up
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    setup = f"/trust setup channel:#daily-prompts timezone:UTC time:{(now + timedelta(minutes=1)):%H:%M}\n"
    first = io.StringIO()
    await run_sandbox(sqlite_url, content, stdin=io.StringIO(setup), out=first, start=now - timedelta(minutes=5))
    assert "Next prompt:" in first.getvalue()
    later = io.StringIO()
    await run_sandbox(
        sqlite_url, content, stdin=io.StringIO(":now\n"), out=later, start=now + timedelta(minutes=2), realtime=True
    )
    transcript = later.getvalue()
    assert "real time: the clock follows the wall clock" in transcript
    assert transcript.count("#daily-prompts | trustbot: == Daily prompt") == 1
