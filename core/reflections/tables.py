"""Table of weekly reflection threads: one row per community and week, open until ``close_at``."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, UniqueConstraint

from core.storage.tables import metadata
from core.storage.types import UTCDateTime

__all__ = ["reflections"]

reflections = Table(
    "reflections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), nullable=False),
    Column("week_start", Date, nullable=False),  # the Monday of the local ISO week
    Column("local_date", Date, nullable=False),  # the local day it opened
    Column("theme_id", String(100), nullable=False),
    Column("theme_source", String(12), nullable=False),  # rotation | peer
    Column("status", String(12), nullable=False),  # opening | open | closed
    Column("channel_ref", String(200), nullable=False),
    Column("message_ref", String(200), nullable=True),
    Column("thread_ref", String(200), nullable=True),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("close_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime, nullable=True),
    Column("closing_ref", String(200), nullable=True),
    Column("reply_count", Integer, nullable=False, server_default="0"),
    UniqueConstraint("community_id", "week_start", name="uq_reflections_community_week"),
    Index("ix_reflections_close_at", "close_at"),
    Index("ix_reflections_thread", "community_id", "thread_ref"),
)
