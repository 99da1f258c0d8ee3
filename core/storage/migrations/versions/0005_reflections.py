"""Weekly reflections: one thread per community and week, closed after a set time.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reflections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("community_id", sa.Integer, sa.ForeignKey("communities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("week_start", sa.Date, nullable=False),
        sa.Column("local_date", sa.Date, nullable=False),
        sa.Column("theme_id", sa.String(100), nullable=False),
        sa.Column("theme_source", sa.String(12), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("channel_ref", sa.String(200), nullable=False),
        sa.Column("message_ref", sa.String(200), nullable=True),
        sa.Column("thread_ref", sa.String(200), nullable=True),
        sa.Column("opened_at", UTCDateTime, nullable=False),
        sa.Column("close_at", UTCDateTime, nullable=False),
        sa.Column("closed_at", UTCDateTime, nullable=True),
        sa.Column("closing_ref", sa.String(200), nullable=True),
        sa.Column("reply_count", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("community_id", "week_start", name="uq_reflections_community_week"),
    )
    op.create_index("ix_reflections_close_at", "reflections", ["close_at"])
    op.create_index("ix_reflections_thread", "reflections", ["community_id", "thread_ref"])


def downgrade() -> None:
    op.drop_index("ix_reflections_thread", table_name="reflections")
    op.drop_index("ix_reflections_close_at", table_name="reflections")
    op.drop_table("reflections")
