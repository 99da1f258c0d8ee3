"""Tables of guidance: each member's preferences and the tips they have been shown (on the core's one metadata)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from core.storage.tables import metadata
from core.storage.types import UTCDateTime

__all__ = ["member_prefs", "tip_history"]

tip_history = Table(
    "tip_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("tip_id", String(100), nullable=False),
    Column("shown_at", UTCDateTime, nullable=False),
    Index("ix_tip_history_member", "member_id", "id"),
)

member_prefs = Table(
    "member_prefs",
    metadata,
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
    Column("prefs", Text, nullable=False, server_default="{}"),
)
