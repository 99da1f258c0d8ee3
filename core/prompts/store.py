"""Daily prompt posts and who answered them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Row

from core.prompts.tables import participation, prompt_posts
from core.storage.db import Database
from core.storage.upsert import insert_ignore

__all__ = ["PromptPostRecord", "PromptRepo"]


@dataclass(frozen=True)
class PromptPostRecord:
    id: int
    community_id: int
    prompt_id: str
    cycle: int
    status: str
    local_date: date
    posted_at: datetime
    message_ref: str | None
    thread_ref: str | None


def _post(row: Row[Any]) -> PromptPostRecord:
    return PromptPostRecord(
        id=row.id,
        community_id=row.community_id,
        prompt_id=row.prompt_id,
        cycle=row.cycle,
        status=row.status,
        local_date=row.local_date,
        posted_at=row.posted_at,
        message_ref=row.message_ref,
        thread_ref=row.thread_ref,
    )


class PromptRepo:
    """The deck's memory: which prompt went out (or was skipped) in which cycle."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def current_cycle(self, community_id: int) -> tuple[int, set[str]]:
        """The cycle number in progress and the prompt ids already used in it."""
        async with self._db.begin() as conn:
            cycle = (
                await conn.execute(
                    select(func.max(prompt_posts.c.cycle)).where(prompt_posts.c.community_id == community_id)
                )
            ).scalar()
            if cycle is None:
                return 1, set()
            used = (
                await conn.execute(
                    select(prompt_posts.c.prompt_id).where(
                        prompt_posts.c.community_id == community_id, prompt_posts.c.cycle == cycle
                    )
                )
            ).scalars()
            return int(cycle), set(used)

    async def last_used(self, community_id: int) -> str | None:
        async with self._db.begin() as conn:
            return (
                await conn.execute(
                    select(prompt_posts.c.prompt_id)
                    .where(prompt_posts.c.community_id == community_id)
                    .order_by(prompt_posts.c.id.desc())
                    .limit(1)
                )
            ).scalar()

    async def record(
        self,
        community_id: int,
        prompt_id: str,
        cycle: int,
        *,
        status: str,
        local_date: date,
        now: datetime,
        message_ref: str | None = None,
        thread_ref: str | None = None,
    ) -> PromptPostRecord:
        async with self._db.begin() as conn:
            result = await conn.execute(
                prompt_posts.insert()
                .values(
                    community_id=community_id,
                    prompt_id=prompt_id,
                    cycle=cycle,
                    status=status,
                    local_date=local_date,
                    posted_at=now,
                    message_ref=message_ref,
                    thread_ref=thread_ref,
                )
                .returning(prompt_posts)
            )
            return _post(result.one())

    async def set_thread(self, post_id: int, thread_ref: str) -> None:
        async with self._db.begin() as conn:
            await conn.execute(update(prompt_posts).where(prompt_posts.c.id == post_id).values(thread_ref=thread_ref))

    async def by_message(self, community_id: int, message_ref: str) -> PromptPostRecord | None:
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    select(prompt_posts).where(
                        prompt_posts.c.community_id == community_id, prompt_posts.c.message_ref == message_ref
                    )
                )
            ).first()
        return _post(row) if row else None

    async def by_thread(self, community_id: int, thread_ref: str) -> PromptPostRecord | None:
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    select(prompt_posts).where(
                        prompt_posts.c.community_id == community_id, prompt_posts.c.thread_ref == thread_ref
                    )
                )
            ).first()
        return _post(row) if row else None

    async def posted(self, community_id: int, limit: int | None = None) -> list[PromptPostRecord]:
        """Posted (not skipped) prompts, oldest first (the newest ``limit`` when given)."""
        query = (
            select(prompt_posts)
            .where(prompt_posts.c.community_id == community_id, prompt_posts.c.status == "posted")
            .order_by(prompt_posts.c.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        async with self._db.begin() as conn:
            rows = (await conn.execute(query)).all()
        return [_post(r) for r in reversed(rows)]

    async def answer(self, post_id: int, community_id: int, member_id: int, now: datetime) -> bool:
        """Record that a member answered; True only the first time."""
        async with self._db.begin() as conn:
            result = await conn.execute(
                insert_ignore(self._db, participation, ["prompt_post_id", "member_id"]).values(
                    prompt_post_id=post_id, community_id=community_id, member_id=member_id, answered_at=now
                )
            )
        return bool(result.rowcount)

    async def answered_posts(self, community_id: int, member_id: int) -> set[int]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(participation.c.prompt_post_id).where(
                        participation.c.community_id == community_id, participation.c.member_id == member_id
                    )
                )
            ).scalars()
            return set(rows)

    async def answer_count(self, post_id: int) -> int:
        async with self._db.begin() as conn:
            value = (await conn.execute(select(func.count()).where(participation.c.prompt_post_id == post_id))).scalar()
        return int(value or 0)

    async def posted_ids(self, community_id: int, since: datetime, until: datetime) -> list[str]:
        """Ids of the daily prompts posted (not skipped) in [since, until], oldest first, without repeats."""
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(prompt_posts.c.prompt_id)
                    .where(
                        prompt_posts.c.community_id == community_id,
                        prompt_posts.c.status == "posted",
                        prompt_posts.c.posted_at >= since,
                        prompt_posts.c.posted_at <= until,
                    )
                    .order_by(prompt_posts.c.posted_at, prompt_posts.c.id)
                )
            ).scalars()
            ids = list(rows)
        return list(dict.fromkeys(ids))
