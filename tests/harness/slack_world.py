"""A trustbot core behind the real slack-bolt AsyncApp (HTTP mode), talking to the local Slack stand-in."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from standins.slack import SlackStandIn, TeamHandle

from bots.slack.app import finish_listeners, web_client
from bots.slack.bot import SlackBot
from core.app import TrustCore
from core.clock import VirtualClock
from core.content import Content
from core.feature import CoreSettings
from core.store import Store

SECRET = "trustbot-test-signing-secret"


@dataclass
class SlackWorld:
    standin: SlackStandIn
    team: TeamHandle
    core: TrustCore
    bot: SlackBot
    store: Store
    clock: VirtualClock
    url: str
    owner: str
    alice: str
    bob: str
    general: str
    prompts: str

    async def command(self, user: str, text: str, channel: str | None = None) -> Any:
        return await self.standin.send_command(
            self.url, "/trust", text, user_id=user, channel_id=channel or self.general, team_id=self.team.id
        )

    async def settle(self, predicate: Callable[[], bool], within: float = 5.0) -> bool:
        loop = asyncio.get_running_loop()
        end = loop.time() + within
        while loop.time() < end:
            if predicate():
                return True
            await asyncio.sleep(0.02)
        return predicate()

    def answers(self, user: str) -> list[str]:
        """What ``user`` was told privately: ephemeral replies through the response URL."""
        return [str(p.get("text", "")) for p in self.standin.response_url_posts if p.get("user") in (user, None)]

    def bot_texts(self, channel: str) -> list[str]:
        return [str(m.get("text", "")) for m in self.standin.messages(channel) if m.get("bot_id")]


@pytest.fixture
async def slack(tmp_path: Path, content: Content, clock: VirtualClock) -> AsyncIterator[SlackWorld]:
    async with SlackStandIn(signing_secret=SECRET) as standin:
        team = standin.add_team("Trust Circle")
        owner = standin.add_user(team, "olive", is_owner=True)
        alice = standin.add_user(team, "alice")
        bob = standin.add_user(team, "bob")
        general = standin.add_channel(team, "general")
        prompts = standin.add_channel(team, "daily-prompts", bot_member=False)
        app = AsyncApp(client=web_client(team.bot_token, standin.api_url), signing_secret=SECRET)
        api = web_client(team.bot_token, standin.api_url)

        async def client_for(team_id: str) -> AsyncWebClient:
            return api

        bot = SlackBot(app, client_for)
        store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'trustbot.db'}")
        core = TrustCore(store, content, clock, {"slack": bot.port}, CoreSettings(instance_id="slack-1"))
        bot.attach(core)
        runner = web.AppRunner(app.web_app(path="/slack/events"), handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        try:
            yield SlackWorld(
                standin, team, core, bot, store, clock, f"http://127.0.0.1:{port}/slack/events", owner, alice, bob,
                general, prompts,
            )  # fmt: skip
        finally:
            await runner.cleanup()
            await finish_listeners(5.0)  # slack-bolt runs listeners after the ack, in tasks of their own
            await store.close()
        assert standin.violations == [], standin.violations
        assert standin.shape_violations == [], standin.shape_violations


EIGHT = datetime(2027, 3, 1, 13, 0, tzinfo=UTC)  # Mon 08:00 in New York


async def setup(slack: SlackWorld) -> None:
    text = f"setup channel:<#{slack.prompts}|daily-prompts> timezone:America/New_York time:08:00 role:mods"
    result = await slack.command(slack.owner, text)
    assert result.status == 200 and result.in_time
    assert await slack.settle(lambda: any("Daily prompts go to" in t for t in slack.answers(slack.owner)))
