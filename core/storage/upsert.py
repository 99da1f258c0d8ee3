"""Dialect-aware ``INSERT ... ON CONFLICT DO NOTHING`` for SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite

from core.storage.db import Database

__all__ = ["insert_ignore"]


def insert_ignore(db: Database, table: Table, conflict_columns: list[str]) -> Any:
    """An insert that silently does nothing when the unique key already exists."""
    if db.dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=conflict_columns)
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=conflict_columns)
