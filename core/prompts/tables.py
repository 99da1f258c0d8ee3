"""Tables of daily prompts: each post with its thread, and who answered it (on the core's one metadata)."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, UniqueConstraint

from core.storage.tables import metadata
from core.storage.types import UTCDateTime

__all__ = ["participation", "prompt_posts"]

prompt_posts = Table(
    "prompt_posts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), nullable=False),
    Column("prompt_id", String(100), nullable=False),
    Column("cycle", Integer, nullable=False),
    Column("status", String(12), nullable=False),
    Column("local_date", Date, nullable=False),
    Column("posted_at", UTCDateTime, nullable=False),
    Column("message_ref", String(200), nullable=True),
    Column("thread_ref", String(200), nullable=True),
    Index("ix_prompt_posts_thread", "community_id", "thread_ref"),
    Index("ix_prompt_posts_cycle", "community_id", "cycle"),
)

participation = Table(
    "participation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("prompt_post_id", Integer, ForeignKey("prompt_posts.id", ondelete="CASCADE"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), nullable=False),
    Column("answered_at", UTCDateTime, nullable=False),
    UniqueConstraint("prompt_post_id", "member_id", name="uq_participation_post_member"),
    Index("ix_participation_member", "member_id", "community_id"),
)
