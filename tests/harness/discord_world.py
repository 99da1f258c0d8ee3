"""A trustbot core behind the real discord.py client, talking to the local Discord stand-in over loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
import pytest
from standins.discord import DiscordStandIn, GuildHandle, InteractionRecord

from bots.discord.bot import DiscordBot, intents
from bots.discord.pacing import pace
from core.app import TrustCore
from core.clock import VirtualClock
from core.content import Content
from core.feature import CoreSettings
from core.store import Store

TOKEN = "test-token"


@dataclass
class Running:
    """One bot process: client, bot, core and store (several may share a database)."""

    client: discord.Client
    bot: DiscordBot
    core: TrustCore
    store: Store
    task: asyncio.Task[None]

    async def stop(self) -> None:
        await self.client.close()
        await asyncio.wait_for(self.task, 5)
        await self.store.close()


@dataclass
class DiscordWorld:
    """The stand-in with one server (owner, a moderator, members) and a way to start bot processes."""

    standin: DiscordStandIn
    clock: VirtualClock
    content: Content
    database_url: str
    guild: GuildHandle
    owner: int
    mona: int
    alice: int
    bob: int
    running: list[Running] = field(default_factory=list)

    async def start(self, *, instance: str = "p1", message_content: bool = False, **settings: Any) -> Running:
        client = discord.Client(intents=intents(message_content), guild_ready_timeout=0.05)
        bot = DiscordBot(client)
        pace(client.http, 46)
        store = await Store.open(self.database_url)
        core = TrustCore(
            store, self.content, self.clock, {"discord": bot.port}, CoreSettings(instance_id=instance, **settings)
        )
        bot.attach(core)
        await client.login(TOKEN)
        task = asyncio.create_task(client.connect(reconnect=True))
        await asyncio.wait_for(bot.ready.wait(), 10)
        running = Running(client, bot, core, store, task)
        self.running.append(running)
        return running

    async def stop(self, running: Running) -> None:
        self.running.remove(running)
        await running.stop()

    def channel(self, name: str) -> int:
        return self.guild.channels[name]

    def bot_messages(self, channel_id: int) -> list[dict[str, Any]]:
        return [m for m in self.standin.messages(channel_id) if m["author"]["id"] == str(self.standin.bot_id)]


def embed_text(message: dict[str, Any]) -> str:
    """What a person reads in a bot message: content, then each embed's title, description and footer."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or "", (embed.get("footer") or {}).get("text", "")]
    return "\n".join(p for p in parts if p)


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components") or [] for c in row.get("components", [])]


def find_button(message: dict[str, Any], predicate: Callable[[dict[str, Any]], bool]) -> str:
    for row in message.get("components") or []:
        for component in row.get("components", []):
            if predicate(component):
                return str(component["custom_id"])
    raise AssertionError(f"no such button in {custom_ids(message)}")


@pytest.fixture
async def world(tmp_path: Path, content: Content, clock: VirtualClock) -> AsyncIterator[DiscordWorld]:
    async with DiscordStandIn(token=TOKEN, validate_responses=True) as standin:
        with standin.patched_discord_py():
            owner = standin.add_user("owner")
            mona = standin.add_user("mona")
            alice = standin.add_user("alice")
            bob = standin.add_user("bob")
            guild = standin.add_guild(
                "Trust Circle",
                owner_id=owner,
                channels=["general", "daily-prompts", "challenges"],
                roles={"moderators": 0},
                members=[owner, mona, alice, bob],
            )
            standin.add_member(guild.id, mona, roles=[guild.roles["moderators"]])
            world = DiscordWorld(
                standin, clock, content, f"sqlite+aiosqlite:///{tmp_path / 'trustbot.db'}", guild, owner, mona,
                alice, bob,
            )  # fmt: skip
            try:
                yield world
            finally:
                for running in list(world.running):
                    await world.stop(running)
            assert standin.violations == [], standin.violations


EIGHT = datetime(2027, 3, 1, 13, 0, tzinfo=UTC)  # Mon 08:00 in New York


async def command(
    world: DiscordWorld, user: int, words: str, *, channel: str | None = "general", **options: Any
) -> InteractionRecord:
    path = words.split()
    group, sub = (path[0], path[1]) if len(path) == 2 else (None, path[0])
    roles = [world.guild.roles["moderators"]] if user == world.mona else None
    guild_id = world.guild.id if channel else None
    channel_id = world.channel(channel) if channel else None
    return await world.standin.interact_command(
        guild_id, channel_id, user, "trust", options or None, subcommand=sub, group=group, roles=roles
    )


async def answer(record: InteractionRecord) -> str:
    """What the person sees: the callback's message (or each follow-up after a deferral)."""
    body = await record.response(timeout=10)
    if body.get("type") == 5:
        await record.wait_followups(1)
        return "\n".join(embed_text(f) for f in record.followups)
    return embed_text(body.get("data") or {})


async def setup(world: DiscordWorld, running: Running) -> str:
    options = {
        "channel": world.channel("daily-prompts"),
        "timezone": "America/New_York",
        "time": "08:00",
        "role": "moderators",
    }
    record = await world.standin.interact_command(
        world.guild.id, world.channel("general"), world.owner, "trust", options, subcommand="setup"
    )
    return await answer(record)
