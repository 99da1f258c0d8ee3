"""Runs due community schedules: claim each occurrence under a unique key, send, then move on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from core.clock import Clock
from core.errors import DeliveryError
from core.scheduling.delivery import Delivery
from core.scheduling.recurrence import Occurrence, latest_occurrence, next_occurrence, occurrences_between
from core.storage.deliveries import DEFAULT_LEASE
from core.storage.records import ScheduleRecord
from core.storage.store import Store

__all__ = ["FailureHandler", "ScheduleHandler", "ScheduleRunner", "delivery_key"]

logger = logging.getLogger(__name__)

ScheduleHandler = Callable[[ScheduleRecord, Occurrence, Delivery], Awaitable[str | None]]
FailureHandler = Callable[[ScheduleRecord, DeliveryError], Awaitable[object]]

_RETRY_BACKOFF = timedelta(minutes=2)
_BATCH = 500
_MAX_BATCHES = 1000  # a guard: a tick never loops for ever


def delivery_key(kind: str, community_id: int, occurrence: Occurrence) -> str:
    return f"{kind}:{community_id}:{occurrence.local_date.isoformat()}"


class ScheduleRunner:
    """Turns due rows of ``schedules`` into exactly-once deliveries.

    For each due schedule the most recent occurrence is sent if it is within ``grace`` of
    now (older missed ones are skipped with a log line), under the claim
    ``kind:community:local-date``; then ``next_run_at`` moves to the next occurrence. Due
    schedules are drained in batches, up to ``concurrency`` sends at once (the adapter paces
    them under the platform's limits). A retryable failure (429, 5xx) is tried again shortly,
    up to the claim's attempt limit; a permanent one (403, deleted channel) goes to
    ``on_permanent_failure``. A claim left by a sender that died is retaken once its lease
    runs out, and the handler resumes from the steps recorded in its :class:`Delivery`; every
    send carries an idempotency key, so nothing is posted twice.
    """

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        grace: timedelta,
        owner: str,
        handlers: dict[str, ScheduleHandler],
        on_permanent_failure: FailureHandler,
        concurrency: int = 32,
        lease: timedelta = DEFAULT_LEASE,
        platforms: frozenset[str] | None = None,
        partitions: frozenset[int] | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._grace = grace
        self._owner = owner
        self._handlers = handlers
        self._on_failure = on_permanent_failure
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._lease = lease
        self._platforms = platforms
        self._partitions = partitions

    async def run_due(self) -> int:
        """Run every due schedule (all batches); return how many deliveries this process sent."""
        sent = 0
        seen: set[int] = set()
        for _ in range(_MAX_BATCHES):
            now = self._clock.now()
            due = await self._store.schedules.due(
                now, limit=_BATCH, platforms=self._platforms, partitions=self._partitions
            )
            batch = [s for s in due if s.id not in seen]
            if not batch:
                break
            seen.update(s.id for s in batch)
            results = await asyncio.gather(*(self._guarded(s, now) for s in batch))
            sent += sum(results)
        return sent

    async def _guarded(self, schedule: ScheduleRecord, now: datetime) -> int:
        async with self._slots:
            try:
                return await self._run_one(schedule, now)
            except Exception:
                logger.exception("schedule %s (%s) failed", schedule.id, schedule.kind)
                nxt = next_occurrence(now, schedule.local_time, schedule.zone, schedule.weekdays)
                await self._store.schedules.set_next_run(schedule.id, schedule.next_run_at, nxt.at)
                return 0

    async def _run_one(self, schedule: ScheduleRecord, now: datetime) -> int:
        zone, at, days = schedule.zone, schedule.local_time, schedule.weekdays
        occurrence = latest_occurrence(now, at, zone, days)
        following = next_occurrence(now, at, zone, days).at
        if schedule.next_run_at is not None:
            skipped = occurrences_between(
                schedule.next_run_at - timedelta(microseconds=1), occurrence.at, at, zone, days
            )
            for old in skipped[:-1]:
                logger.warning(
                    "skipped %s for community %s on %s: missed while down", schedule.kind, schedule.community_id,
                    old.local_date,
                )  # fmt: skip
        sent = 0
        if now - occurrence.at > self._grace:
            logger.warning(
                "skipped %s for community %s on %s: %s late, beyond the %s grace window",
                schedule.kind, schedule.community_id, occurrence.local_date, now - occurrence.at, self._grace,
            )  # fmt: skip
        else:
            key = delivery_key(schedule.kind, schedule.community_id, occurrence)
            claim = await self._store.deliveries.claim(
                key, kind=schedule.kind, scheduled_for=occurrence.at, owner=self._owner, now=now,
                community_id=schedule.community_id, lease=self._lease,
            )  # fmt: skip
            if claim.busy_until is not None:
                # another sender holds it; if that sender died, its lease runs out and we finish the job
                following = min(following, claim.busy_until)
            elif claim:
                if claim.steps:
                    logger.warning("%s: resuming an interrupted delivery after %s", key, sorted(claim.steps))
                delivery = Delivery(key, self._store.deliveries, dict(claim.steps), claim.maybe_sent)
                try:
                    ref = await self._handlers[schedule.kind](schedule, occurrence, delivery)
                except DeliveryError as exc:
                    await self._store.deliveries.release(key, str(exc), permanent=not exc.retryable)
                    if exc.retryable:
                        wait = timedelta(seconds=exc.retry_after) if exc.retry_after else _RETRY_BACKOFF
                        following = min(following, now + max(wait, timedelta(seconds=30)))
                        logger.warning("%s will be retried at %s: %s", key, following, exc)
                    else:
                        logger.warning("%s failed for good: %s", key, exc)
                        await self._on_failure(schedule, exc)
                except Exception as exc:
                    await self._store.deliveries.release(key, repr(exc), permanent=True)
                    raise
                else:
                    await self._store.deliveries.mark_sent_and_reschedule(
                        key, self._clock.now(), ref, schedule_id=schedule.id, expected=schedule.next_run_at,
                        following=following,
                    )  # fmt: skip
                    return 1
        await self._store.schedules.set_next_run(schedule.id, schedule.next_run_at, following)
        return sent
