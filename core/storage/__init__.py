"""Shared storage beneath every capability: the database, the shared tables, delivery claims, schedules, migrations."""

from core.storage.db import Database
from core.storage.store import Store

__all__ = ["Database", "Store"]
