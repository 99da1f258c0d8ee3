"""Per-member preferences and the tips each member has been shown."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update

from core.guidance.tables import member_prefs, tip_history
from core.storage.db import Database
from core.storage.upsert import insert_ignore

__all__ = ["PrefsRepo", "TipHistoryRepo"]


class PrefsRepo:
    """A small JSON document of preferences per member (notice shown, DM choices, ...)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, member_id: int) -> dict[str, Any]:
        async with self._db.begin() as conn:
            raw = (
                await conn.execute(select(member_prefs.c.prefs).where(member_prefs.c.member_id == member_id))
            ).scalar()
        return dict(json.loads(raw)) if raw else {}

    async def update(self, member_id: int, **changes: Any) -> dict[str, Any]:
        async with self._db.begin() as conn:
            await conn.execute(
                insert_ignore(self._db, member_prefs, ["member_id"]).values(member_id=member_id, prefs="{}")
            )
            raw = (
                await conn.execute(select(member_prefs.c.prefs).where(member_prefs.c.member_id == member_id))
            ).scalar()
            prefs = dict(json.loads(raw or "{}"))
            prefs.update(changes)
            await conn.execute(
                update(member_prefs)
                .where(member_prefs.c.member_id == member_id)
                .values(prefs=json.dumps(prefs, sort_keys=True))
            )
        return prefs

    async def delete(self, member_id: int) -> None:
        async with self._db.begin() as conn:
            await conn.execute(delete(member_prefs).where(member_prefs.c.member_id == member_id))


class TipHistoryRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def recent(self, member_id: int, limit: int = 10) -> list[str]:
        """Tip ids shown to the member, newest first."""
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(tip_history.c.tip_id)
                    .where(tip_history.c.member_id == member_id)
                    .order_by(tip_history.c.id.desc())
                    .limit(limit)
                )
            ).scalars()
            return list(rows)

    async def add(self, member_id: int, tip_id: str, now: datetime) -> None:
        async with self._db.begin() as conn:
            await conn.execute(tip_history.insert().values(member_id=member_id, tip_id=tip_id, shown_at=now))

    async def all_for(self, member_id: int) -> list[tuple[str, datetime]]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(tip_history.c.tip_id, tip_history.c.shown_at)
                    .where(tip_history.c.member_id == member_id)
                    .order_by(tip_history.c.id)
                )
            ).all()
        return [(r.tip_id, r.shown_at) for r in rows]

    async def delete(self, member_id: int) -> None:
        async with self._db.begin() as conn:
            await conn.execute(delete(tip_history).where(tip_history.c.member_id == member_id))
