"""Delivery claims: every scheduled send is claimed under a unique key before it is sent."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Row

from core.storage.db import Database
from core.storage.records import DeliveryRecord
from core.storage.tables import deliveries, schedules
from core.storage.upsert import insert_ignore

__all__ = ["DEFAULT_LEASE", "MAX_ATTEMPTS", "Claim", "DeliveryRepo"]

MAX_ATTEMPTS = 3
DEFAULT_LEASE = timedelta(seconds=45)


@dataclass(frozen=True)
class Claim:
    """The answer to :meth:`DeliveryRepo.claim`: true when the caller now owns the delivery.

    ``steps`` holds what an earlier, interrupted attempt finished (resume from there).
    ``busy_until`` is set when another sender holds a fresh claim: try again after it.
    """

    won: bool
    steps: dict[str, Any] = field(default_factory=dict)
    busy_until: datetime | None = None
    attempt: int = 1

    @property
    def maybe_sent(self) -> bool:
        """An earlier attempt may have reached the platform (the adapter checks before sending again)."""
        return self.attempt > 1

    def __bool__(self) -> bool:
        return self.won


def _delivery(row: Row[Any]) -> DeliveryRecord:
    return DeliveryRecord(
        key=row.key,
        kind=row.kind,
        status=row.status,
        attempts=row.attempts,
        scheduled_for=row.scheduled_for,
        sent_at=row.sent_at,
        ref=row.ref,
        error=row.error,
        steps=json.loads(row.steps or "{}"),
    )


class DeliveryRepo:
    """Exactly-once delivery, with the platform's help.

    ``claim`` succeeds for exactly one caller per key at a time, across processes. A send
    known not to have posted (``release``) may be claimed again, up to ``MAX_ATTEMPTS``. A
    claim whose sender vanished (a crash, a kill) is retaken once its lease has run out, with
    the steps that sender recorded (``save_steps``), so the new sender resumes where the old
    one stopped; every platform send carries an idempotency key derived from the delivery key,
    so a step that reached the platform but not our table is not posted twice.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    async def claim(
        self,
        key: str,
        *,
        kind: str,
        scheduled_for: datetime,
        owner: str,
        now: datetime,
        community_id: int | None = None,
        member_id: int | None = None,
        lease: timedelta = DEFAULT_LEASE,
    ) -> Claim:
        async with self._db.begin() as conn:
            result = await conn.execute(
                insert_ignore(self._db, deliveries, ["key"]).values(
                    key=key,
                    kind=kind,
                    community_id=community_id,
                    member_id=member_id,
                    scheduled_for=scheduled_for,
                    status="claimed",
                    claimed_by=owner,
                    claimed_at=now,
                    attempts=1,
                    steps="{}",
                )
            )
            if result.rowcount:
                return Claim(True)
            retry = await conn.execute(
                update(deliveries)
                .where(
                    deliveries.c.key == key,
                    deliveries.c.attempts < MAX_ATTEMPTS,
                    (deliveries.c.status == "failed")
                    | ((deliveries.c.status == "claimed") & (deliveries.c.claimed_at <= now - lease)),
                )
                .values(status="claimed", claimed_by=owner, claimed_at=now, attempts=deliveries.c.attempts + 1)
            )
            row = (
                await conn.execute(
                    select(
                        deliveries.c.status, deliveries.c.claimed_at, deliveries.c.steps, deliveries.c.attempts
                    ).where(deliveries.c.key == key)
                )
            ).one()
        if retry.rowcount:
            return Claim(True, json.loads(row.steps or "{}"), attempt=int(row.attempts))
        if row.status == "claimed" and row.attempts < MAX_ATTEMPTS:
            return Claim(False, busy_until=row.claimed_at + lease)
        return Claim(False)

    async def save_steps(self, key: str, steps: dict[str, Any]) -> None:
        """Record what a claimed delivery has done so far (a message posted, a thread opened): one write."""
        async with self._db.begin() as conn:
            await conn.execute(
                update(deliveries).where(deliveries.c.key == key).values(steps=json.dumps(steps, sort_keys=True))
            )

    async def mark_sent(self, key: str, now: datetime, ref: str | None = None) -> None:
        async with self._db.begin() as conn:
            await conn.execute(
                update(deliveries)
                .where(deliveries.c.key == key)
                .values(status="sent", sent_at=now, ref=ref, error=None)
            )

    async def mark_sent_and_reschedule(
        self,
        key: str,
        now: datetime,
        ref: str | None,
        *,
        schedule_id: int,
        expected: datetime | None,
        following: datetime,
    ) -> None:
        """``mark_sent`` and move the schedule on, in one transaction (the runner's last two writes)."""
        async with self._db.begin() as conn:
            await conn.execute(
                update(deliveries)
                .where(deliveries.c.key == key)
                .values(status="sent", sent_at=now, ref=ref, error=None)
            )
            same = schedules.c.next_run_at.is_(None) if expected is None else schedules.c.next_run_at == expected
            await conn.execute(
                update(schedules).where(schedules.c.id == schedule_id, same).values(next_run_at=following)
            )

    async def release(self, key: str, error: str, *, permanent: bool = False) -> None:
        """The send did not happen: allow a retry later, or give up for good."""
        async with self._db.begin() as conn:
            await conn.execute(
                update(deliveries)
                .where(deliveries.c.key == key)
                .values(status="abandoned" if permanent else "failed", error=error[:2000])
            )

    async def get(self, key: str) -> DeliveryRecord | None:
        async with self._db.begin() as conn:
            row = (await conn.execute(select(deliveries).where(deliveries.c.key == key))).first()
        return _delivery(row) if row else None

    async def retryable(self, kind: str, now: datetime, since: datetime) -> list[DeliveryRecord]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(deliveries).where(
                        deliveries.c.kind == kind,
                        deliveries.c.status == "failed",
                        deliveries.c.attempts < MAX_ATTEMPTS,
                        deliveries.c.scheduled_for >= since,
                        deliveries.c.scheduled_for <= now,
                    )
                )
            ).all()
        return [_delivery(r) for r in rows]

    async def for_member_delete(self, member_id: int) -> None:
        async with self._db.begin() as conn:
            await conn.execute(delete(deliveries).where(deliveries.c.member_id == member_id))
