"""The thin owner of APScheduler 3: it only wakes the core; schedules live in our tables."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

__all__ = ["TICK_JOB_ID", "WAKE_JOB_ID", "Waker"]

logger = logging.getLogger(__name__)

TICK_JOB_ID = "trustbot:tick"
WAKE_JOB_ID = "trustbot:wake"


class Waker:
    """Calls ``tick`` every ``interval`` seconds, and once more at the next due moment.

    Example::

        waker = Waker(core.tick, core.next_due, interval=20)
        await waker.start()
        ...
        await waker.stop()
    """

    def __init__(
        self,
        tick: Callable[[], Awaitable[int]],
        next_due: Callable[[], Awaitable[datetime | None]],
        *,
        interval: float = 20.0,
    ) -> None:
        self._tick = tick
        self._next_due = next_due
        self._interval = interval
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    async def start(self) -> None:
        self.scheduler.add_job(
            self.wake,
            IntervalTrigger(seconds=self._interval, timezone=UTC),
            id=TICK_JOB_ID,
            replace_existing=True,
            coalesce=True,
            max_instances=3,  # overlapping wake-ups return at once: the core's tick is single-flight
            misfire_grace_time=None,
        )
        self.scheduler.start()
        await self.wake()

    async def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def wake(self) -> None:
        """Run one tick, then arrange a precise wake-up for the next due moment."""
        try:
            await self._tick()
        except Exception:
            logger.exception("scheduler tick failed")
        due = await self._next_due()
        if due is not None and self.scheduler.running:
            self.scheduler.add_job(
                self.wake,
                DateTrigger(run_date=max(due, datetime.now(UTC)), timezone=UTC),
                id=WAKE_JOB_ID,
                replace_existing=True,
                misfire_grace_time=None,
            )
