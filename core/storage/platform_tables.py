"""Tables platform adapters keep in our database: Slack installations, bots and OAuth state (slack_sdk's layout).

They follow the definitions slack_sdk's ``AsyncSQLAlchemyInstallationStore`` and
``AsyncSQLAlchemyOAuthStateStore`` build (a test compares them column by column), so the Slack
adapter uses those stores on our engine while the tables come from our one migration history;
the core itself never imports slack_sdk.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table

from core.storage.tables import metadata

__all__ = ["slack_bots", "slack_installations", "slack_oauth_states"]


def _s(name: str, length: int, nullable: bool = True) -> Column[str]:
    return Column(name, String(length), nullable=nullable)


slack_installations = Table(
    "slack_installations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _s("client_id", 32, False),
    _s("app_id", 32, False),
    _s("enterprise_id", 32),
    _s("enterprise_name", 200),
    _s("enterprise_url", 200),
    _s("team_id", 32),
    _s("team_name", 200),
    _s("bot_token", 200),
    _s("bot_id", 32),
    _s("bot_user_id", 32),
    _s("bot_scopes", 1000),
    _s("bot_refresh_token", 200),
    Column("bot_token_expires_at", DateTime, nullable=True),
    _s("user_id", 32, False),
    _s("user_token", 200),
    _s("user_scopes", 1000),
    _s("user_refresh_token", 200),
    Column("user_token_expires_at", DateTime, nullable=True),
    _s("incoming_webhook_url", 200),
    _s("incoming_webhook_channel", 200),
    _s("incoming_webhook_channel_id", 200),
    _s("incoming_webhook_configuration_url", 200),
    Column("is_enterprise_install", Boolean, nullable=False),
    _s("token_type", 32),
    Column("installed_at", DateTime, nullable=False),
    Index("slack_installations_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)

slack_bots = Table(
    "slack_bots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _s("client_id", 32, False),
    _s("app_id", 32, False),
    _s("enterprise_id", 32),
    _s("enterprise_name", 200),
    _s("team_id", 32),
    _s("team_name", 200),
    _s("bot_token", 200),
    _s("bot_id", 32),
    _s("bot_user_id", 32),
    _s("bot_scopes", 1000),
    _s("bot_refresh_token", 200),
    Column("bot_token_expires_at", DateTime, nullable=True),
    Column("is_enterprise_install", Boolean, nullable=False),
    Column("installed_at", DateTime, nullable=False),
    Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

slack_oauth_states = Table(
    "slack_oauth_states",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _s("state", 200, False),
    Column("expire_at", DateTime, nullable=False),
)
