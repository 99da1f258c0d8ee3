"""Building the Slack app from settings: Socket Mode, HTTP mode, or HTTP with OAuth install to many workspaces."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncEngine

from bots.settings import Settings
from bots.slack.bot import SlackBot

__all__ = ["BOT_SCOPES", "SlackRuntime", "build_slack", "finish_listeners", "web_client"]

logger = logging.getLogger(__name__)

BOT_SCOPES = [
    "commands",
    "chat:write",
    "channels:join",
    "channels:read",
    "groups:read",
    "channels:history",
    "groups:history",
    "im:history",
    "im:read",
    "im:write",
    "users:read",
    "usergroups:read",
    "files:write",
]  # fmt: skip  (the same as bots/slack/manifest.yaml)


async def finish_listeners(within: float = 30.0) -> None:
    """Wait for slack-bolt's listeners still running after their ack (they reply and write to the database)."""
    current = asyncio.current_task()
    loop = asyncio.get_running_loop()
    end = loop.time() + within
    while loop.time() < end:
        if not [t for t in asyncio.all_tasks() if t is not current and "run_ack_function" in repr(t.get_coro())]:
            return
        await asyncio.sleep(0.05)


def web_client(token: str | None, base_url: str) -> AsyncWebClient:
    """A Web API client that waits out a 429 (Retry-After) twice at most, then lets the core retry later."""
    client = AsyncWebClient(token=token, base_url=base_url)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    return client


@dataclass
class SlackRuntime:
    """The bot, and how to start and stop it in this process's event loop."""

    bot: SlackBot
    mode: str
    start: Callable[[], Awaitable[None]]
    stop: Callable[[], Awaitable[None]]
    _runner: list[web.AppRunner] = field(default_factory=list)


def build_slack(settings: Settings, engine: AsyncEngine) -> SlackRuntime:
    """Socket Mode with SLACK_APP_TOKEN; else HTTP on TRUSTBOT_SLACK_PORT (with OAuth when a client id is set)."""
    base_url = settings.slack_api_base or AsyncWebClient.BASE_URL
    signing = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    oauth = bool(settings.slack_client_id and settings.slack_client_secret)
    client = web_client(None, base_url)
    if oauth:
        assert settings.slack_client_secret is not None
        installations = AsyncSQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine)
        states = AsyncSQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
        app = AsyncApp(
            signing_secret=signing,
            client=client,
            oauth_settings=AsyncOAuthSettings(
                client_id=settings.slack_client_id,
                client_secret=settings.slack_client_secret.get_secret_value(),
                scopes=BOT_SCOPES,
                installation_store=installations,
                state_store=states,
            ),
        )
    else:
        app = AsyncApp(token=token, signing_secret=signing, client=client)
        installations = None
    clients: dict[str, AsyncWebClient] = {}

    async def client_for(team_id: str) -> AsyncWebClient:
        """The workspace's bot client (the one token, or the installation's)."""
        found = clients.get(team_id)
        if found is None:
            bot_token = token
            if installations is not None:
                bot = await installations.async_find_bot(enterprise_id=None, team_id=team_id)
                bot_token = bot.bot_token if bot is not None else None
            found = clients[team_id] = web_client(bot_token, base_url)
        return found

    bot = SlackBot(app, client_for)
    if settings.slack_app_token and not oauth:
        handler = AsyncSocketModeHandler(app, settings.slack_app_token.get_secret_value())

        async def start_socket() -> None:
            await handler.connect_async()  # type: ignore[no-untyped-call]
            logger.info("connected to Slack in Socket Mode")

        async def stop_socket() -> None:
            await handler.close_async()  # type: ignore[no-untyped-call]
            await finish_listeners()

        return SlackRuntime(bot, "socket", start_socket, stop_socket)
    runners: list[web.AppRunner] = []

    async def start_http() -> None:
        runner = web.AppRunner(app.web_app(path="/slack/events"))
        await runner.setup()
        await web.TCPSite(runner, "0.0.0.0", settings.slack_port).start()
        runners.append(runner)
        logger.info("Slack HTTP mode on port %d%s", settings.slack_port, " with OAuth install" if oauth else "")

    async def stop_http() -> None:
        for runner in runners:
            await runner.cleanup()
        await finish_listeners()

    return SlackRuntime(bot, "http", start_http, stop_http, runners)
