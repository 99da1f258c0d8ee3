"""Private check-ins: subscriptions (with the indexed next due time), check-ins sent, answers.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkin_subscriptions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
        sa.Column("community_id", sa.Integer, sa.ForeignKey("communities.id", ondelete="CASCADE"), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("local_time", sa.String(5), nullable=False),
        sa.Column("weekdays", sa.Integer, nullable=False),
        sa.Column("quiet_start", sa.String(5), nullable=True),
        sa.Column("quiet_end", sa.String(5), nullable=True),
        sa.Column("paused_until", UTCDateTime, nullable=True),
        sa.Column("blocked", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("next_due_at", UTCDateTime, nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("member_id", name="uq_checkin_subscriptions_member"),
    )
    op.create_index("ix_checkin_subscriptions_due", "checkin_subscriptions", ["next_due_at"])
    op.create_index("ix_checkin_subscriptions_community", "checkin_subscriptions", ["community_id"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
        sa.Column("community_id", sa.Integer, sa.ForeignKey("communities.id", ondelete="CASCADE"), nullable=True),
        sa.Column("local_date", sa.Date, nullable=False),
        sa.Column("scheduled_for", UTCDateTime, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("sent_at", UTCDateTime, nullable=True),
        sa.Column("dm_ref", sa.String(200), nullable=True),
        sa.Column("remind_at", UTCDateTime, nullable=True),
        sa.Column("reminded_at", UTCDateTime, nullable=True),
        sa.Column("completed_at", UTCDateTime, nullable=True),
        sa.UniqueConstraint("member_id", "local_date", name="uq_checkins_member_date"),
    )
    op.create_index("ix_checkins_remind", "checkins", ["remind_at"])
    op.create_index("ix_checkins_community_week", "checkins", ["community_id", "scheduled_for"])
    op.create_table(
        "checkin_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("checkin_id", sa.Integer, sa.ForeignKey("checkins.id", ondelete="CASCADE"), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("score", sa.Integer, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("answered_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("checkin_id", "question_id", name="uq_checkin_answers_question"),
    )


def downgrade() -> None:
    op.drop_table("checkin_answers")
    op.drop_index("ix_checkins_community_week", table_name="checkins")
    op.drop_index("ix_checkins_remind", table_name="checkins")
    op.drop_table("checkins")
    op.drop_index("ix_checkin_subscriptions_community", table_name="checkin_subscriptions")
    op.drop_index("ix_checkin_subscriptions_due", table_name="checkin_subscriptions")
    op.drop_table("checkin_subscriptions")
