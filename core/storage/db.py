"""The database handle: engine creation for SQLite or PostgreSQL, one-transaction units, and migrations on start."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

__all__ = ["Database", "DatabaseUnavailable", "database_url"]

logger = logging.getLogger(__name__)

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 7_274_431  # pg advisory lock id: one process migrates at a time
_EXAMPLES = "sqlite+aiosqlite:///data/trustbot.db or postgresql+asyncpg://user@host:5432/dbname"
_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+pysqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+psycopg": "postgresql+asyncpg",
    "postgresql+psycopg2": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}

# the transaction that repositories join while a unit of work (Database.transaction) is open in this task
_UNIT: ContextVar[tuple[Database, AsyncConnection] | None] = ContextVar("trustbot_unit", default=None)


class DatabaseUnavailable(Exception):
    """The database cannot be used; the message says, on one line, what is wrong and how to fix it."""


def database_url(url: str) -> URL:
    """The URL with its async driver (``postgresql://`` means asyncpg, ``sqlite://`` aiosqlite), or a clear refusal."""
    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise DatabaseUnavailable(
            f"the database URL is not a URL (it may hold a password, so it is not shown); use {_EXAMPLES}"
        ) from None
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        raise DatabaseUnavailable(
            f"trustbot cannot use {parsed.drivername!r} databases; use {_EXAMPLES}",
        )
    return parsed.set(drivername=driver)


class Database:
    """Owns the async engine. SQLite gets WAL, foreign keys and a busy timeout.

    PostgreSQL connections are not pinged on every checkout (three round trips each): a
    connection idle longer than ``ping_after`` seconds is pinged first, and every connection is
    replaced after ``recycle`` seconds, so a DM that follows another costs no extra round trip.
    """

    def __init__(self, url: str, *, echo: bool = False, ping_after: float = 30.0, recycle: float = 1800.0) -> None:
        parsed = self._parsed = database_url(url)
        self.url = parsed.render_as_string(hide_password=False)
        self.shown_url = parsed.render_as_string(hide_password=True)
        self.dialect = parsed.get_backend_name()
        self.ping_after = ping_after
        kwargs: dict[str, Any] = {"echo": echo}
        if self.dialect == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                folder = Path(database).expanduser().resolve().parent
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DatabaseUnavailable(
                        f"cannot create the folder {folder} for the SQLite file ({exc.strerror}); "
                        "choose a writable path in --database or TRUSTBOT_DATABASE_URL"
                    ) from None
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs["pool_size"] = 5
            kwargs["max_overflow"] = 5
            kwargs["pool_recycle"] = recycle
            kwargs["connect_args"] = {"timeout": 10}
        self.engine: AsyncEngine = create_async_engine(parsed, **kwargs)
        pool_events = self.engine.sync_engine.pool
        if self.dialect == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        else:
            event.listen(pool_events, "connect", _note_checkin)
            event.listen(pool_events, "checkin", _note_checkin)
            event.listen(pool_events, "checkout", self._ping_if_idle)

    def _ping_if_idle(self, dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        """Ping a connection that sat idle (the server may have closed it); a dead one is replaced."""
        if time.monotonic() - record.info.get("checked_in", 0.0) < self.ping_after:
            return
        try:
            self.engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            logger.info("a pooled database connection was dead after idling; reconnecting (%s)", exc)
            raise DisconnectionError("connection lost while idle") from exc

    @asynccontextmanager
    async def begin(self) -> AsyncIterator[AsyncConnection]:
        """One transaction: committed on success, rolled back on error.

        Inside :meth:`transaction` (in the same task) this joins the unit's transaction instead.
        """
        unit = _UNIT.get()
        if unit is not None and unit[0] is self:
            yield unit[1]
            return
        async with self.engine.begin() as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """A unit of work: every repository call inside it, in this task, shares one transaction.

        Example::

            async with store.db.transaction():
                member = await store.members.ensure(...)   # these share one BEGIN ... COMMIT
                await store.repo(TipHistoryRepo).add(...)

        Use it around short request handling only: not around platform calls (it holds a
        connection, and on SQLite the write lock once it writes), and not around concurrent tasks
        (they would share one connection). An error anywhere inside rolls back all of it.
        """
        unit = _UNIT.get()
        if unit is not None and unit[0] is self:
            yield unit[1]
            return
        async with self.engine.begin() as conn:
            token = _UNIT.set((self, conn))
            try:
                yield conn
            finally:
                _UNIT.reset(token)

    async def migrate(self, revision: str = "head") -> None:
        """Apply Alembic migrations up to ``revision`` (safe when several processes start at once).

        Raises :class:`DatabaseUnavailable` when the database cannot be reached or opened.
        """
        try:
            conn = await self.engine.connect()
        except Exception as exc:
            problem = self._connect_problem(exc)
            if problem is None:
                raise
            raise DatabaseUnavailable(problem) from exc
        try:
            async with conn.begin():
                if self.dialect == "postgresql":
                    await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
                await conn.run_sync(_upgrade, revision)
        finally:
            await conn.close()
        logger.info("database schema is up to date (%s)", self.dialect)

    def _connect_problem(self, exc: BaseException) -> str | None:
        """One line for a connection failure we recognise (None: let the traceback show)."""
        url = self._parsed
        fix = "check --database or TRUSTBOT_DATABASE_URL"
        if self.dialect == "sqlite":
            if any(isinstance(e, DBAPIError | sqlite3.Error | OSError) for e in _chain(exc)):
                return f"cannot open the SQLite file {url.database} ({_first_line(exc)}); {fix}"
            return None
        where = f"{url.host or 'localhost'}:{url.port or 5432}"
        for error in _chain(exc):
            state = getattr(error, "sqlstate", None)
            if state == "3D000":
                return (
                    f"PostgreSQL at {where} has no database {url.database!r}; "
                    f"create it (createdb {url.database}) or {fix}"
                )
            if state in ("28P01", "28000"):
                return f"PostgreSQL at {where} refused user {url.username!r} ({_first_line(error)}); {fix}"
            if isinstance(error, TimeoutError):
                return f"PostgreSQL at {where} did not answer within 10 s; is it running and reachable? {fix}"
            if isinstance(error, OSError):
                refused = isinstance(error, ConnectionRefusedError)
                reason = "connection refused" if refused else error.strerror or _first_line(error)
                return f"cannot reach PostgreSQL at {where} ({reason}); is it running? {fix}"
        return None

    async def dispose(self) -> None:
        await self.engine.dispose()


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, its causes and contexts, and the driver errors SQLAlchemy wraps."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        error = todo.pop()
        if error is None or any(error is s for s in seen):
            continue
        seen.append(error)
        todo += [error.__cause__, error.__context__, getattr(error, "orig", None)]
    return seen


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]


def _note_checkin(_dbapi_connection: Any, record: Any, *_args: Any) -> None:
    record.info["checked_in"] = time.monotonic()


def _upgrade(connection: Connection, revision: str) -> None:
    from alembic import command  # only when migrating: alembic costs ~0.2 s of start-up
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
