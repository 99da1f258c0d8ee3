"""Table definitions (SQLAlchemy Core). Migrations in ``migrations/versions`` create them."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from core.storage.types import UTCDateTime

__all__ = [
    "communities",
    "community_members",
    "deliveries",
    "kv",
    "members",
    "metadata",
    "schedules",
]

metadata = MetaData()

communities = Table(
    "communities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(20), nullable=False),
    Column("external_id", String(100), nullable=False),
    Column("name", String(200), nullable=False, server_default=""),
    Column("timezone", String(64), nullable=True),
    Column("moderator_role", String(100), nullable=True),
    Column("settings", Text, nullable=False, server_default="{}"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("removed_at", UTCDateTime, nullable=True),
    Column("partition", Integer, nullable=True),
    UniqueConstraint("platform", "external_id", name="uq_communities_platform_external"),
)

members = Table(
    "members",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(20), nullable=False),
    Column("external_id", String(100), nullable=False),
    Column("display_name", String(200), nullable=False, server_default=""),
    Column("dm_blocked", Boolean, nullable=False, server_default=false()),
    Column("created_at", UTCDateTime, nullable=False),
    Column("dm_channel", String(100), nullable=True),
    UniqueConstraint("platform", "external_id", name="uq_members_platform_external"),
)

community_members = Table(
    "community_members",
    metadata,
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
)

schedules = Table(
    "schedules",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("channel_ref", String(200), nullable=False),
    Column("channel_name", String(200), nullable=False, server_default=""),
    Column("timezone", String(64), nullable=False),
    Column("local_time", String(5), nullable=False),
    Column("weekdays", Integer, nullable=False),
    Column("paused", Boolean, nullable=False, server_default=false()),
    Column("next_run_at", UTCDateTime, nullable=True),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("community_id", "kind", name="uq_schedules_community_kind"),
    Index("ix_schedules_due", "next_run_at"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), nullable=True),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=True),
    Column("scheduled_for", UTCDateTime, nullable=False),
    Column("status", String(12), nullable=False),
    Column("claimed_by", String(64), nullable=False),
    Column("claimed_at", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False, server_default="1"),
    Column("sent_at", UTCDateTime, nullable=True),
    Column("error", Text, nullable=True),
    Column("ref", String(200), nullable=True),
    Column("steps", Text, nullable=False, server_default="{}"),
)


kv = Table(
    "kv",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("value", Text, nullable=False),
)
