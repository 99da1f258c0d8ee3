"""A trustbot core behind the real slack-bolt AsyncApp, in HTTP mode or Socket Mode, talking to the Slack stand-in.

Every scenario that uses the ``slack`` fixture runs twice: once over signed HTTP requests and once over the
stand-in's Socket Mode websocket. Tests send through :class:`SlackWorld` (``command``, ``send_event``,
``send_block_action``, ``send_view_submission``), which picks the transport.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
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
TRANSPORTS = ("http", "socket")


@dataclass
class Delivered:
    """How the app acknowledged a delivery, whichever way it came: status, in time, and the answer's JSON."""

    status: int
    in_time: bool
    json: Any


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
    transport: str = "http"
    socket: AsyncSocketModeHandler | None = None  # the app's Socket Mode connection (closed at the end)

    async def _socket(self, kind: str, payload: dict[str, Any], **options: Any) -> Delivered:
        ack = await self.standin.socket_send(kind, payload, **options)
        assert ack is not None, f"the app did not acknowledge a {kind} envelope"
        return Delivered(200, ack.latency <= 3.0, ack.payload or None)

    async def command(self, user: str, text: str, channel: str | None = None) -> Delivered:
        """``/trust text`` typed by ``user`` (in #general unless ``channel``)."""
        options = {"user_id": user, "channel_id": channel or self.general, "team_id": self.team.id}
        if self.transport == "socket":
            return await self._socket("slash_commands", self.standin.command_payload("/trust", text, **options))
        result = await self.standin.send_command(self.url, "/trust", text, **options)
        return Delivered(result.status, result.in_time, result.json)

    async def send_event(
        self,
        event: dict[str, Any],
        *,
        team_id: str | None = None,
        event_id: str | None = None,
        retry_num: int | None = None,
    ) -> Delivered:
        """An Events API event for the workspace; ``retry_num`` redelivers it as Slack does when unsure."""
        team_id = team_id or self.team.id
        if self.transport == "socket":
            envelope = self.standin.event_envelope(event, team_id=team_id, event_id=event_id)
            retry = {"retry_attempt": retry_num, "retry_reason": "timeout"} if retry_num else {}
            return await self._socket("events_api", envelope, **retry)
        result = await self.standin.send_event(self.url, event, team_id=team_id, event_id=event_id, retry_num=retry_num)
        return Delivered(result.status, result.in_time, result.json)

    async def send_block_action(self, **options: Any) -> Delivered:
        """A button pressed (in a message: ``channel_id`` and ``message_ts``; on App Home: ``view_id``)."""
        options.setdefault("team_id", self.team.id)
        if self.transport == "socket":
            return await self._socket("interactive", self.standin.block_action_payload(**options))
        result = await self.standin.send_block_action(self.url, **options)
        return Delivered(result.status, result.in_time, result.json)

    async def send_view_submission(self, **options: Any) -> Delivered:
        """A modal submitted; the answer (``response_action``) is the HTTP body or the Socket Mode ack payload."""
        options.setdefault("team_id", self.team.id)
        if self.transport == "socket":
            return await self._socket("interactive", self.standin.view_submission_payload(**options))
        result = await self.standin.send_view_submission(self.url, **options)
        return Delivered(result.status, result.in_time, result.json)

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


@pytest.fixture(params=TRANSPORTS)
async def slack(
    request: pytest.FixtureRequest, tmp_path: Path, content: Content, clock: VirtualClock
) -> AsyncIterator[SlackWorld]:
    transport = str(request.param)
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
        handler = AsyncSocketModeHandler(app, standin.app_token) if transport == "socket" else None
        if handler is not None:
            await handler.connect_async()  # type: ignore[no-untyped-call]
            await standin.socket.wait_connected()
        world = SlackWorld(
            standin, team, core, bot, store, clock, f"http://127.0.0.1:{port}/slack/events", owner, alice, bob,
            general, prompts, transport, handler,
        )  # fmt: skip
        try:
            yield world
        finally:
            if world.socket is not None:
                await world.socket.close_async()  # type: ignore[no-untyped-call]
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
