"""Tables of scheduled challenges: runs, the days they posted, who joined and which days they did."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    false,
)

from core.storage.tables import metadata
from core.storage.types import UTCDateTime

__all__ = ["challenge_days", "challenge_members", "challenge_progress", "challenge_runs"]

challenge_runs = Table(
    "challenge_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), nullable=False),
    Column("challenge_id", String(100), nullable=True),  # a library id; None for a custom challenge
    Column("title", String(80), nullable=False),
    Column("steps", Text, nullable=False),  # JSON snapshot: [{"title", "text", "theme"}, ...]
    Column("days", Integer, nullable=False),
    Column("channel_ref", String(200), nullable=False),
    Column("channel_name", String(200), nullable=False, server_default=""),
    Column("timezone", String(64), nullable=False),
    Column("local_time", String(5), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("anchor_day", Integer, nullable=False, server_default="1"),  # day anchor_day falls on anchor_date,
    Column("anchor_date", Date, nullable=False),  # and every later day on the following dates
    Column("status", String(12), nullable=False),  # scheduled | running | finished | cancelled | stopped
    Column("next_step", Integer, nullable=False, server_default="1"),  # 1..days, then days + 1: the summary
    Column("next_run_at", UTCDateTime, nullable=True),
    Column("message_ref", String(200), nullable=True),
    Column("thread_ref", String(200), nullable=True),
    Column("version", Integer, nullable=False, server_default="0"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime, nullable=True),
    Index("ix_challenge_runs_due", "next_run_at"),
    Index("ix_challenge_runs_community", "community_id", "status"),
)

challenge_days = Table(
    "challenge_days",
    metadata,
    Column("run_id", Integer, ForeignKey("challenge_runs.id", ondelete="CASCADE"), nullable=False),
    Column("day", Integer, nullable=False),
    Column("local_date", Date, nullable=False),
    Column("scheduled_for", UTCDateTime, nullable=False),
    Column("status", String(12), nullable=False),  # posted | skipped | failed
    Column("message_ref", String(200), nullable=True),
    PrimaryKeyConstraint("run_id", "day", name="pk_challenge_days"),
)

challenge_members = Table(
    "challenge_members",
    metadata,
    Column("run_id", Integer, ForeignKey("challenge_runs.id", ondelete="CASCADE"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), nullable=False),
    Column("joined_at", UTCDateTime, nullable=False),
    Column("dm", Boolean, nullable=False, server_default=false()),
    PrimaryKeyConstraint("run_id", "member_id", name="pk_challenge_members"),
    Index("ix_challenge_members_member", "member_id"),
)

challenge_progress = Table(
    "challenge_progress",
    metadata,
    Column("run_id", Integer, ForeignKey("challenge_runs.id", ondelete="CASCADE"), nullable=False),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("day", Integer, nullable=False),
    Column("done_at", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("run_id", "member_id", "day", name="pk_challenge_progress"),
    Index("ix_challenge_progress_member", "member_id"),
)
