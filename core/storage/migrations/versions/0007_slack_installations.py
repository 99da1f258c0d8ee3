"""Slack installations, bots and OAuth state, laid out as slack_sdk's SQLAlchemy stores expect.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

from core.storage.platform_tables import slack_bots, slack_installations, slack_oauth_states

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TABLES = (slack_installations, slack_bots, slack_oauth_states)


def upgrade() -> None:
    bind = op.get_bind()
    for table in _TABLES:  # the tables as defined today; a later change to them gets a migration of its own
        table.create(bind, checkfirst=True)


def downgrade() -> None:
    bind = op.get_bind()
    for table in reversed(_TABLES):
        table.drop(bind, checkfirst=True)
