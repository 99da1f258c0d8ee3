"""A small key-value table for bits of state that need no table of their own."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from core.storage.db import Database
from core.storage.tables import kv
from core.storage.upsert import insert_ignore

__all__ = ["KeyValueRepo"]


class KeyValueRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, key: str) -> str | None:
        async with self._db.begin() as conn:
            return (await conn.execute(select(kv.c.value).where(kv.c.key == key))).scalar()

    async def set(self, key: str, value: str) -> None:
        async with self._db.begin() as conn:
            result = await conn.execute(update(kv).where(kv.c.key == key).values(value=value))
            if not result.rowcount:
                await conn.execute(insert_ignore(self._db, kv, ["key"]).values(key=key, value=value))

    async def delete(self, key: str) -> None:
        async with self._db.begin() as conn:
            await conn.execute(delete(kv).where(kv.c.key == key))
