"""Delivery claims: every scheduled send is claimed under a unique key before it is sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Row

from core.storage.db import Database
from core.storage.records import DeliveryRecord
from core.storage.tables import deliveries
from core.storage.upsert import insert_ignore

__all__ = ["MAX_ATTEMPTS", "DeliveryRepo"]

MAX_ATTEMPTS = 3


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
    )


class DeliveryRepo:
    """At-most-once delivery.

    ``claim`` succeeds for exactly one caller per key, across processes. A send that failed
    in a way known not to have posted (``release``) may be claimed again, up to
    ``MAX_ATTEMPTS``; a claim whose sender vanished is never retaken, because the message
    may have gone out.
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
    ) -> bool:
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
                )
            )
            if result.rowcount:
                return True
            retry = await conn.execute(
                update(deliveries)
                .where(
                    deliveries.c.key == key,
                    deliveries.c.status == "failed",
                    deliveries.c.attempts < MAX_ATTEMPTS,
                )
                .values(status="claimed", claimed_by=owner, claimed_at=now, attempts=deliveries.c.attempts + 1)
            )
        return bool(retry.rowcount)

    async def mark_sent(self, key: str, now: datetime, ref: str | None = None) -> None:
        async with self._db.begin() as conn:
            await conn.execute(
                update(deliveries)
                .where(deliveries.c.key == key)
                .values(status="sent", sent_at=now, ref=ref, error=None)
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
