"""Settings from the environment (and an optional ``.env`` file); every one is listed in .env.example."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field("sqlite+aiosqlite:///data/trustbot.db", alias="TRUSTBOT_DATABASE_URL")
    content_dirs: str = Field("", alias="TRUSTBOT_CONTENT_DIRS")
    grace_hours: float = Field(6.0, alias="TRUSTBOT_GRACE_HOURS", ge=0, le=72)
    min_group_size: int = Field(5, alias="TRUSTBOT_MIN_GROUP_SIZE", ge=3)
    tick_seconds: float = Field(20.0, alias="TRUSTBOT_TICK_SECONDS", ge=1, le=300)
    log_level: str = Field("WARNING", alias="TRUSTBOT_LOG_LEVEL")
    sandbox_start: str = Field("", alias="TRUSTBOT_SANDBOX_START")
    discord_token: SecretStr | None = Field(None, alias="DISCORD_TOKEN")
    slack_bot_token: SecretStr | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, alias="SLACK_SIGNING_SECRET")

    @field_validator("discord_token", "slack_bot_token", "slack_app_token", "slack_signing_secret", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    def content_paths(self) -> list[Path]:
        return [Path(p).expanduser() for p in self.content_dirs.split(os.pathsep) if p.strip()]

    def platforms(self) -> list[str]:
        found = []
        if self.discord_token:
            found.append("discord")
        if self.slack_bot_token:
            found.append("slack")
        return found
