"""Weekly reflection threads: the week's reservation, its thread, its closing, and the week's prompts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Row

from core.reflections.tables import reflections
from core.storage.db import Database
from core.storage.upsert import insert_ignore

__all__ = ["ReflectionRecord", "ReflectionRepo"]


@dataclass(frozen=True)
class ReflectionRecord:
    """One week's reflection. ``status`` is ``opening`` (being posted), ``open`` or ``closed``."""

    id: int
    community_id: int
    week_start: date
    local_date: date
    theme_id: str
    theme_source: str
    status: str
    channel_ref: str
    message_ref: str | None
    thread_ref: str | None
    opened_at: datetime
    close_at: datetime
    closed_at: datetime | None
    closing_ref: str | None
    reply_count: int


def _record(row: Row[Any]) -> ReflectionRecord:
    return ReflectionRecord(
        id=row.id,
        community_id=row.community_id,
        week_start=row.week_start,
        local_date=row.local_date,
        theme_id=row.theme_id,
        theme_source=row.theme_source,
        status=row.status,
        channel_ref=row.channel_ref,
        message_ref=row.message_ref,
        thread_ref=row.thread_ref,
        opened_at=row.opened_at,
        close_at=row.close_at,
        closed_at=row.closed_at,
        closing_ref=row.closing_ref,
        reply_count=int(row.reply_count or 0),
    )


class ReflectionRepo:
    """At most one reflection per community and local week (a unique key, so two processes cannot both open one)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def reserve(
        self,
        community_id: int,
        *,
        week_start: date,
        local_date: date,
        theme_id: str,
        theme_source: str,
        channel_ref: str,
        now: datetime,
        close_at: datetime,
    ) -> ReflectionRecord | None:
        """Take the week for a new reflection; None when the week already has one."""
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    insert_ignore(self._db, reflections, ["community_id", "week_start"])
                    .values(
                        community_id=community_id,
                        week_start=week_start,
                        local_date=local_date,
                        theme_id=theme_id,
                        theme_source=theme_source,
                        status="opening",
                        channel_ref=channel_ref,
                        opened_at=now,
                        close_at=close_at,
                        reply_count=0,
                    )
                    .returning(reflections)
                )
            ).first()
        return _record(row) if row else None

    async def opened(self, reflection_id: int, *, message_ref: str, thread_ref: str | None, now: datetime) -> None:
        """The message is posted: the reflection is open (or closed at once when no thread could be opened)."""
        values: dict[str, Any] = {"message_ref": message_ref, "thread_ref": thread_ref, "status": "open"}
        if thread_ref is None:
            values.update(status="closed", closed_at=now)
        async with self._db.begin() as conn:
            await conn.execute(update(reflections).where(reflections.c.id == reflection_id).values(**values))

    async def cancel(self, reflection_id: int) -> None:
        """The post failed: give the week back (only while it is still being opened)."""
        async with self._db.begin() as conn:
            await conn.execute(
                delete(reflections).where(reflections.c.id == reflection_id, reflections.c.status == "opening")
            )

    async def get(self, reflection_id: int) -> ReflectionRecord | None:
        async with self._db.begin() as conn:
            row = (await conn.execute(select(reflections).where(reflections.c.id == reflection_id))).first()
        return _record(row) if row else None

    async def for_week(self, community_id: int, week_start: date) -> ReflectionRecord | None:
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    select(reflections).where(
                        reflections.c.community_id == community_id, reflections.c.week_start == week_start
                    )
                )
            ).first()
        return _record(row) if row else None

    async def by_thread(self, community_id: int, thread_ref: str) -> ReflectionRecord | None:
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    select(reflections).where(
                        reflections.c.community_id == community_id, reflections.c.thread_ref == thread_ref
                    )
                )
            ).first()
        return _record(row) if row else None

    async def for_community(self, community_id: int) -> list[ReflectionRecord]:
        """Every reflection of the community, oldest first."""
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(reflections)
                    .where(reflections.c.community_id == community_id)
                    .order_by(reflections.c.week_start)
                )
            ).all()
        return [_record(r) for r in rows]

    async def open_threads(self, community_id: int) -> list[ReflectionRecord]:
        """The community's reflections whose thread is still open, soonest to close first."""
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(reflections)
                    .where(reflections.c.community_id == community_id, reflections.c.status == "open")
                    .order_by(reflections.c.close_at)
                )
            ).all()
        return [_record(r) for r in rows]

    async def due_to_close(self, now: datetime, limit: int = 100) -> list[ReflectionRecord]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(reflections)
                    .where(reflections.c.status == "open", reflections.c.close_at <= now)
                    .order_by(reflections.c.close_at)
                    .limit(limit)
                )
            ).all()
        return [_record(r) for r in rows]

    async def next_close(self) -> datetime | None:
        """The earliest ``close_at`` of an open reflection."""
        async with self._db.begin() as conn:
            value: datetime | None = (
                await conn.execute(
                    select(reflections.c.close_at)
                    .where(reflections.c.status == "open")
                    .order_by(reflections.c.close_at)
                    .limit(1)
                )
            ).scalar()
        return value

    async def postpone(self, reflection_id: int, close_at: datetime) -> None:
        async with self._db.begin() as conn:
            await conn.execute(
                update(reflections)
                .where(reflections.c.id == reflection_id, reflections.c.status == "open")
                .values(close_at=close_at)
            )

    async def set_closing_ref(self, reflection_id: int, ref: str) -> None:
        async with self._db.begin() as conn:
            await conn.execute(update(reflections).where(reflections.c.id == reflection_id).values(closing_ref=ref))

    async def mark_closed(self, reflection_id: int, now: datetime) -> bool:
        """Mark the thread closed; True only for the caller that changed it."""
        async with self._db.begin() as conn:
            result = await conn.execute(
                update(reflections)
                .where(reflections.c.id == reflection_id, reflections.c.status != "closed")
                .values(status="closed", closed_at=now)
            )
        return bool(result.rowcount)

    async def add_reply(self, reflection_id: int) -> None:
        """Count one reply in the thread (a number only: who replied is not stored)."""
        async with self._db.begin() as conn:
            await conn.execute(
                update(reflections)
                .where(reflections.c.id == reflection_id)
                .values(reply_count=reflections.c.reply_count + 1)
            )

    async def last_rotation_theme(self, community_id: int) -> str | None:
        """The theme of the community's latest reflection that followed the rotation (not a peer's theme)."""
        async with self._db.begin() as conn:
            value: str | None = (
                await conn.execute(
                    select(reflections.c.theme_id)
                    .where(reflections.c.community_id == community_id, reflections.c.theme_source == "rotation")
                    .order_by(reflections.c.week_start.desc())
                    .limit(1)
                )
            ).scalar()
        return value
