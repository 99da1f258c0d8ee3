"""Community schedules (daily prompt, weekly reflection): one row per community and kind."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Row

from core.storage.db import Database
from core.storage.records import ScheduleRecord, days_from_mask, mask_from_days
from core.storage.tables import communities, schedules
from core.storage.types import as_utc
from core.storage.upsert import insert_ignore

__all__ = ["ScheduleRepo"]


def _schedule(row: Row[Any]) -> ScheduleRecord:
    hour, minute = (int(x) for x in row.local_time.split(":"))
    return ScheduleRecord(
        id=row.id,
        community_id=row.community_id,
        kind=row.kind,
        channel_ref=row.channel_ref,
        channel_name=row.channel_name,
        timezone=row.timezone,
        local_time=time(hour, minute),
        weekdays=days_from_mask(row.weekdays),
        paused=bool(row.paused),
        next_run_at=row.next_run_at,
    )


class ScheduleRepo:
    """A schedule is replaced on change, never added twice (unique per community and kind)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def put(
        self,
        community_id: int,
        kind: str,
        *,
        channel_ref: str,
        channel_name: str,
        timezone: str,
        local_time: time,
        weekdays: frozenset[int],
        next_run_at: datetime | None,
        now: datetime,
        paused: bool = False,
    ) -> ScheduleRecord:
        values = {
            "channel_ref": channel_ref,
            "channel_name": channel_name,
            "timezone": timezone,
            "local_time": local_time.strftime("%H:%M"),
            "weekdays": mask_from_days(weekdays),
            "paused": paused,
            "next_run_at": next_run_at,
            "updated_at": now,
        }
        async with self._db.begin() as conn:
            await conn.execute(
                insert_ignore(self._db, schedules, ["community_id", "kind"]).values(
                    community_id=community_id, kind=kind, **values
                )
            )
            await conn.execute(
                update(schedules)
                .where(schedules.c.community_id == community_id, schedules.c.kind == kind)
                .values(**values)
            )
            row = (
                await conn.execute(
                    select(schedules).where(schedules.c.community_id == community_id, schedules.c.kind == kind)
                )
            ).one()
        return _schedule(row)

    async def get(self, community_id: int, kind: str) -> ScheduleRecord | None:
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    select(schedules).where(schedules.c.community_id == community_id, schedules.c.kind == kind)
                )
            ).first()
        return _schedule(row) if row else None

    async def set_paused(self, schedule_id: int, paused: bool, next_run_at: datetime | None, now: datetime) -> None:
        async with self._db.begin() as conn:
            await conn.execute(
                update(schedules)
                .where(schedules.c.id == schedule_id)
                .values(paused=paused, next_run_at=next_run_at, updated_at=now)
            )

    async def set_next_run(self, schedule_id: int, expected: datetime | None, next_run_at: datetime) -> bool:
        """Move ``next_run_at`` forward if nobody else already did (compare-and-set)."""
        async with self._db.begin() as conn:
            cond = schedules.c.next_run_at.is_(None) if expected is None else schedules.c.next_run_at == expected
            result = await conn.execute(
                update(schedules).where(schedules.c.id == schedule_id, cond).values(next_run_at=next_run_at)
            )
        return bool(result.rowcount)

    async def due(
        self,
        now: datetime,
        limit: int = 500,
        *,
        platforms: frozenset[str] | None = None,
        partitions: frozenset[int] | None = None,
    ) -> list[ScheduleRecord]:
        """Due, unpaused schedules of communities the bot is still in, oldest first.

        ``platforms`` keeps those this process can send to; ``partitions`` keeps communities in
        this process's partitions (Discord shards) and those with no partition.
        """
        query = (
            select(schedules)
            .join(communities, communities.c.id == schedules.c.community_id)
            .where(schedules.c.next_run_at <= now, schedules.c.paused.is_(False), communities.c.removed_at.is_(None))
        )
        if platforms is not None:
            query = query.where(communities.c.platform.in_(sorted(platforms)))
        if partitions is not None:
            query = query.where(communities.c.partition.is_(None) | communities.c.partition.in_(sorted(partitions)))
        async with self._db.begin() as conn:
            rows = (await conn.execute(query.order_by(schedules.c.next_run_at).limit(limit))).all()
        return [_schedule(r) for r in rows]

    async def next_due(self) -> datetime | None:
        async with self._db.begin() as conn:
            value = (
                await conn.execute(select(func.min(schedules.c.next_run_at)).where(schedules.c.paused.is_(False)))
            ).scalar()
        return None if value is None else as_utc(value)

    async def for_community(self, community_id: int) -> list[ScheduleRecord]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(schedules).where(schedules.c.community_id == community_id).order_by(schedules.c.kind)
                )
            ).all()
        return [_schedule(r) for r in rows]
