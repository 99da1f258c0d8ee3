"""Challenges: scheduled runs, the days they posted, who joined and which days each member did.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "challenge_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("community_id", sa.Integer, sa.ForeignKey("communities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("challenge_id", sa.String(100), nullable=True),
        sa.Column("title", sa.String(80), nullable=False),
        sa.Column("steps", sa.Text, nullable=False),
        sa.Column("days", sa.Integer, nullable=False),
        sa.Column("channel_ref", sa.String(200), nullable=False),
        sa.Column("channel_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("local_time", sa.String(5), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("anchor_day", sa.Integer, nullable=False, server_default="1"),
        sa.Column("anchor_date", sa.Date, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("next_step", sa.Integer, nullable=False, server_default="1"),
        sa.Column("next_run_at", UTCDateTime, nullable=True),
        sa.Column("message_ref", sa.String(200), nullable=True),
        sa.Column("thread_ref", sa.String(200), nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("ended_at", UTCDateTime, nullable=True),
    )
    op.create_index("ix_challenge_runs_due", "challenge_runs", ["next_run_at"])
    op.create_index("ix_challenge_runs_community", "challenge_runs", ["community_id", "status"])
    op.create_table(
        "challenge_days",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("challenge_runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.Integer, nullable=False),
        sa.Column("local_date", sa.Date, nullable=False),
        sa.Column("scheduled_for", UTCDateTime, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("message_ref", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("run_id", "day", name="pk_challenge_days"),
    )
    op.create_table(
        "challenge_members",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("challenge_runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
        sa.Column("community_id", sa.Integer, sa.ForeignKey("communities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("joined_at", UTCDateTime, nullable=False),
        sa.Column("dm", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("run_id", "member_id", name="pk_challenge_members"),
    )
    op.create_index("ix_challenge_members_member", "challenge_members", ["member_id"])
    op.create_table(
        "challenge_progress",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("challenge_runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.Integer, nullable=False),
        sa.Column("done_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("run_id", "member_id", "day", name="pk_challenge_progress"),
    )
    op.create_index("ix_challenge_progress_member", "challenge_progress", ["member_id"])


def downgrade() -> None:
    op.drop_table("challenge_progress")
    op.drop_table("challenge_members")
    op.drop_table("challenge_days")
    op.drop_table("challenge_runs")
