"""Storage: the core's only door to the database (SQLAlchemy 2 async; SQLite or PostgreSQL)."""

from core.storage.db import Database
from core.storage.store import Store

__all__ = ["Database", "Store"]
