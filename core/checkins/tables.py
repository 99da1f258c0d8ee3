"""Tables of private check-ins: who gets them and when, each check-in sent, and its answers."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint, false

from core.storage.tables import metadata
from core.storage.types import UTCDateTime

__all__ = ["checkin_answers", "checkin_subscriptions", "checkins"]

checkin_subscriptions = Table(
    "checkin_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), nullable=True),
    Column("timezone", String(64), nullable=False),
    Column("local_time", String(5), nullable=False),
    Column("weekdays", Integer, nullable=False),
    Column("quiet_start", String(5), nullable=True),
    Column("quiet_end", String(5), nullable=True),
    Column("paused_until", UTCDateTime, nullable=True),
    Column("blocked", Boolean, nullable=False, server_default=false()),
    Column("next_due_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("member_id", name="uq_checkin_subscriptions_member"),
    Index("ix_checkin_subscriptions_due", "next_due_at"),
    Index("ix_checkin_subscriptions_community", "community_id"),
)

checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("member_id", Integer, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("community_id", Integer, ForeignKey("communities.id", ondelete="CASCADE"), nullable=True),
    Column("local_date", Date, nullable=False),
    Column("scheduled_for", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime, nullable=True),
    Column("dm_ref", String(200), nullable=True),
    Column("remind_at", UTCDateTime, nullable=True),
    Column("reminded_at", UTCDateTime, nullable=True),
    Column("completed_at", UTCDateTime, nullable=True),
    UniqueConstraint("member_id", "local_date", name="uq_checkins_member_date"),
    Index("ix_checkins_remind", "remind_at"),
    Index("ix_checkins_community_week", "community_id", "scheduled_for"),
)

checkin_answers = Table(
    "checkin_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("checkin_id", Integer, ForeignKey("checkins.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("score", Integer, nullable=True),
    Column("note", Text, nullable=True),
    Column("answered_at", UTCDateTime, nullable=False),
    UniqueConstraint("checkin_id", "question_id", name="uq_checkin_answers_question"),
)
