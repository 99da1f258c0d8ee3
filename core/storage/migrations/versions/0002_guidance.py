"""Tips by DM: which tips each member has seen, and per-member preferences.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tip_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tip_id", sa.String(100), nullable=False),
        sa.Column("shown_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_tip_history_member", "tip_history", ["member_id", "id"])
    op.create_table(
        "member_prefs",
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("prefs", sa.Text, nullable=False, server_default="{}"),
    )


def downgrade() -> None:
    op.drop_table("member_prefs")
    op.drop_table("tip_history")
