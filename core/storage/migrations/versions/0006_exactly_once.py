"""Exactly-once deliveries and platform facts: delivery steps, DM channels, removals, partitions (shards).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from core.storage.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("steps", sa.Text, nullable=False, server_default="{}"))
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("dm_channel", sa.String(100), nullable=True))
    with op.batch_alter_table("communities") as batch:
        batch.add_column(sa.Column("removed_at", UTCDateTime, nullable=True))
        batch.add_column(sa.Column("partition", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("communities") as batch:
        batch.drop_column("partition")
        batch.drop_column("removed_at")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("dm_channel")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("steps")
