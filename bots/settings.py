"""Settings from the environment (and an optional ``.env`` file); every one is listed in .env.example."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.guidance.cache import default_cache_dir

__all__ = ["Settings", "parse_shards"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field("sqlite+aiosqlite:///data/trustbot.db", alias="TRUSTBOT_DATABASE_URL")
    content_dirs: str = Field("", alias="TRUSTBOT_CONTENT_DIRS")
    grace_hours: float = Field(6.0, alias="TRUSTBOT_GRACE_HOURS", ge=0, le=72)
    min_group_size: int = Field(5, alias="TRUSTBOT_MIN_GROUP_SIZE", ge=3)
    tick_seconds: float = Field(20.0, alias="TRUSTBOT_TICK_SECONDS", ge=1, le=300)
    log_level: str = Field("WARNING", alias="TRUSTBOT_LOG_LEVEL")
    sandbox_start: str = Field("", alias="TRUSTBOT_SANDBOX_START")
    concurrency: int = Field(32, alias="TRUSTBOT_CONCURRENCY", ge=1, le=256)
    claim_lease_seconds: float = Field(45.0, alias="TRUSTBOT_CLAIM_LEASE_SECONDS", ge=1, le=600)
    removal_grace_days: float = Field(7.0, alias="TRUSTBOT_REMOVAL_GRACE_DAYS", ge=0, le=90)
    model_cache: str = Field("", alias="TRUSTBOT_MODEL_CACHE")
    discord_token: SecretStr | None = Field(None, alias="DISCORD_TOKEN")
    discord_message_content: bool = Field(False, alias="TRUSTBOT_DISCORD_MESSAGE_CONTENT")
    discord_dev_guild: int | None = Field(None, alias="TRUSTBOT_DISCORD_DEV_GUILD")
    discord_shards: str = Field("", alias="TRUSTBOT_DISCORD_SHARDS")
    discord_rate: float = Field(46.0, alias="TRUSTBOT_DISCORD_RATE", gt=0, le=50)
    discord_api_base: str = Field("", alias="TRUSTBOT_DISCORD_API_BASE")
    discord_gateway: str = Field("", alias="TRUSTBOT_DISCORD_GATEWAY")
    slack_bot_token: SecretStr | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, alias="SLACK_SIGNING_SECRET")
    slack_client_id: str = Field("", alias="SLACK_CLIENT_ID")
    slack_client_secret: SecretStr | None = Field(None, alias="SLACK_CLIENT_SECRET")
    slack_port: int = Field(3000, alias="TRUSTBOT_SLACK_PORT", ge=1, le=65535)
    slack_api_base: str = Field("", alias="TRUSTBOT_SLACK_API_BASE")

    @field_validator("discord_dev_guild", mode="before")
    @classmethod
    def _blank_guild(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("discord_shards")
    @classmethod
    def _check_shards(cls, value: str) -> str:
        parse_shards(value)
        return value

    def shards(self) -> tuple[list[int], int] | None:
        """``TRUSTBOT_DISCORD_SHARDS`` as (this process's shard ids, the shard count); None: one process, auto."""
        return parse_shards(self.discord_shards)

    @field_validator(
        "discord_token",
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        "slack_client_secret",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    def model_cache_dir(self) -> Path | None:
        """Where the trained guidance model is kept: the user's cache folder unless set; ``off``: nowhere."""
        value = self.model_cache.strip()
        if value.lower() in ("off", "none", "false", "0"):
            return None
        return Path(value).expanduser() if value else default_cache_dir()

    def content_paths(self) -> list[Path]:
        return [Path(p).expanduser() for p in self.content_dirs.split(os.pathsep) if p.strip()]

    def platforms(self) -> list[str]:
        found = []
        if self.discord_token:
            found.append("discord")
        if self.slack_bot_token or (self.slack_client_id and self.slack_client_secret and self.slack_signing_secret):
            found.append("slack")
        return found


def parse_shards(text: str) -> tuple[list[int], int] | None:
    """``"0,1/4"``: shards 0 and 1 of 4. Empty: None. Anything else is refused with a clear message."""
    text = text.strip()
    if not text:
        return None
    ids_text, _, count_text = text.partition("/")
    try:
        count = int(count_text)
        ids = sorted({int(part) for part in ids_text.split(",") if part.strip()})
    except ValueError:
        raise ValueError(f"TRUSTBOT_DISCORD_SHARDS must look like 0,1/4 (shards 0 and 1 of 4), not {text!r}") from None
    if count < 1 or not ids or any(i < 0 or i >= count for i in ids):
        raise ValueError(f"TRUSTBOT_DISCORD_SHARDS {text!r}: shard ids must be between 0 and {count - 1}")
    return ids, count
