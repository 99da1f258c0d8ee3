"""The APScheduler owner only wakes the core: one interval job and one precise wake-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.scheduling.waker import TICK_JOB_ID, WAKE_JOB_ID, Waker


async def test_waker_registers_fixed_jobs_and_ticks_on_wake() -> None:
    calls: list[str] = []
    due = datetime.now(UTC) + timedelta(hours=1)

    async def tick() -> int:
        calls.append("tick")
        return 0

    async def next_due() -> datetime | None:
        return due

    waker = Waker(tick, next_due, interval=30)
    await waker.start()
    try:
        assert calls == ["tick"]  # a tick on start catches up at once
        jobs = {job.id for job in waker.scheduler.get_jobs()}
        assert jobs == {TICK_JOB_ID, WAKE_JOB_ID}
        wake = waker.scheduler.get_job(WAKE_JOB_ID)
        assert wake is not None and wake.next_run_time == due
        await waker.wake()  # replacing, never adding
        assert len(waker.scheduler.get_jobs()) == 2
        assert calls == ["tick", "tick"]
    finally:
        await waker.stop()


async def test_a_failing_tick_does_not_stop_the_waker() -> None:
    async def tick() -> int:
        raise RuntimeError("boom")

    async def next_due() -> datetime | None:
        return None

    waker = Waker(tick, next_due, interval=30)
    await waker.start()
    try:
        assert waker.scheduler.get_job(TICK_JOB_ID) is not None
    finally:
        await waker.stop()
