"""PostgreSQL connections: pinged only after sitting idle, and a dead one is replaced without an error."""

from __future__ import annotations

from harness.db_cost import count_db_cost
from sqlalchemy import text

from core.storage.db import Database, database_url

__all__: list[str] = []


async def _backend_pid(db: Database) -> int:
    async with db.begin() as conn:
        return int((await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def test_a_busy_connection_is_not_pinged(pg_url: str) -> None:
    db = Database(pg_url)  # pings after 30 s idle
    try:
        await _backend_pid(db)
        with count_db_cost(db.engine) as cost:
            for _ in range(5):
                await _backend_pid(db)
        assert (cost.checkouts, cost.pings, cost.transactions) == (5, 0, 5)
    finally:
        await db.dispose()


async def test_an_idle_connection_is_pinged_and_a_dead_one_replaced(pg_url: str) -> None:
    db = Database(pg_url, ping_after=0.0)  # every checkout counts as idle
    other = Database(pg_url)
    try:
        first = await _backend_pid(db)
        async with other.begin() as conn:  # the server drops the pooled connection (a restart, a proxy timeout)
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        with count_db_cost(db.engine) as cost:
            second = await _backend_pid(db)  # no error: the ping found it dead and the pool reconnected
        assert second != first
        assert cost.pings >= 1
    finally:
        await db.dispose()
        await other.dispose()


def test_urls_are_read_with_the_async_drivers() -> None:
    assert database_url("postgresql://u@h/db").drivername == "postgresql+asyncpg"
    assert database_url("postgres://u@h/db").drivername == "postgresql+asyncpg"
    assert database_url("sqlite:///data/x.db").drivername == "sqlite+aiosqlite"
    assert database_url("sqlite+aiosqlite:///data/x.db").database == "data/x.db"
