"""Counts what the core asks of the database: transactions, statements, pool checkouts and pings (SQLAlchemy events)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

__all__ = ["DbCost", "count_db_cost"]


@dataclass
class DbCost:
    """What one piece of work cost: every count is of calls that reach the driver."""

    transactions: int = 0
    statements: list[str] = field(default_factory=list)
    checkouts: int = 0
    pings: int = 0
    statement_seconds: float = 0.0  # time spent inside statements (their round trips included)

    @property
    def writes(self) -> list[str]:
        """The tables written to, one entry per INSERT, UPDATE or DELETE."""
        tables = []
        for sql in self.statements:
            match = re.match(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)\"?", sql, re.IGNORECASE)
            if match:
                tables.append(match.group(1))
        return tables

    def reset(self) -> None:
        self.transactions, self.checkouts, self.pings = 0, 0, 0
        self.statement_seconds = 0.0
        self.statements.clear()


@contextmanager
def count_db_cost(engine: AsyncEngine) -> Iterator[DbCost]:
    """Count on ``engine`` while the block runs.

    Statements are counted with ``before_cursor_execute`` (each is one call to the driver: one
    round trip on PostgreSQL once its prepared statement is cached), transactions with ``begin``,
    and pool checkouts with the pool's ``checkout`` event. Pings are not statements: the database
    wraps the dialect's ``do_ping`` to count them.
    """
    cost = DbCost()
    sync = engine.sync_engine

    def on_begin(_conn: Any) -> None:
        cost.transactions += 1

    started: list[float] = []

    def on_statement(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        cost.statements.append(statement)
        started.append(time.perf_counter())

    def after_statement(*_args: Any) -> None:
        if started:
            cost.statement_seconds += time.perf_counter() - started.pop()

    def on_checkout(*_args: Any) -> None:
        cost.checkouts += 1

    dialect = sync.dialect
    original_ping = dialect.do_ping

    def counted_ping(dbapi_connection: Any) -> bool:
        cost.pings += 1
        return bool(original_ping(dbapi_connection))

    event.listen(sync, "begin", on_begin)
    event.listen(sync, "before_cursor_execute", on_statement)
    event.listen(sync, "after_cursor_execute", after_statement)
    event.listen(sync.pool, "checkout", on_checkout)
    dialect.do_ping = counted_ping  # type: ignore[method-assign]
    try:
        yield cost
    finally:
        dialect.do_ping = original_ping  # type: ignore[method-assign]
        event.remove(sync.pool, "checkout", on_checkout)
        event.remove(sync, "after_cursor_execute", after_statement)
        event.remove(sync, "before_cursor_execute", on_statement)
        event.remove(sync, "begin", on_begin)
