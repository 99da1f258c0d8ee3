"""Building the Discord client from settings: intents, shards, pacing, and where it connects."""

from __future__ import annotations

import logging

import discord
import yarl

from bots.discord.bot import DiscordBot, intents
from bots.discord.pacing import pace, share_of
from bots.settings import Settings

__all__ = ["build_discord", "point_at"]

logger = logging.getLogger(__name__)


def point_at(api_base: str = "", gateway: str = "") -> None:
    """Send discord.py to another server (a local stand-in in tests); blank keeps Discord's own."""
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
    if gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


def build_discord(settings: Settings) -> DiscordBot:
    """The client (sharded when ``TRUSTBOT_DISCORD_SHARDS`` says so) with its requests paced, and its bot."""
    point_at(settings.discord_api_base, settings.discord_gateway)
    chosen = intents(settings.discord_message_content)
    shards = settings.shards()
    client: discord.Client
    if shards is None:
        client = discord.Client(intents=chosen)
        rate = settings.discord_rate
    else:
        ids, count = shards
        client = discord.AutoShardedClient(intents=chosen, shard_ids=ids, shard_count=count)
        rate = share_of(settings.discord_rate, len(ids), count)
        logger.info("Discord shards %s of %d in this process", ids, count)
    pace(client.http, rate)
    return DiscordBot(client, dev_guild=settings.discord_dev_guild)
