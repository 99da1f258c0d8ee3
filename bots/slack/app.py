"""Building the Slack app from settings: Socket Mode, HTTP mode, or HTTP with OAuth install to many workspaces."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncFailureArgs, AsyncSuccessArgs
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncEngine

from bots.settings import Settings
from bots.slack.bot import SlackBot

__all__ = ["BOT_SCOPES", "Clients", "SlackRuntime", "build_slack", "finish_listeners", "web_client"]

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


class Clients:
    """Each workspace's Web API client (the one bot token, or the installation's), kept until its token changes."""

    def __init__(
        self, base_url: str, token: str | None, installations: AsyncSQLAlchemyInstallationStore | None
    ) -> None:
        self._base_url = base_url
        self._token = token
        self._installations = installations
        self._clients: dict[str, AsyncWebClient] = {}

    async def __call__(self, team_id: str) -> AsyncWebClient:
        found = self._clients.get(team_id)
        if found is None:
            bot_token = self._token
            if self._installations is not None:
                bot = await self._installations.async_find_bot(enterprise_id=None, team_id=team_id)
                bot_token = bot.bot_token if bot is not None else None
            found = self._clients[team_id] = web_client(bot_token, self._base_url)
        return found

    def forget(self, team_id: str) -> None:
        """The workspace's token changed (installed again) or stopped working: look it up afresh next time."""
        self._clients.pop(team_id, None)


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
    bots: list[SlackBot] = []
    if oauth:
        assert settings.slack_client_secret is not None
        installations = AsyncSQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine)
        states = AsyncSQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)

        async def installed(args: AsyncSuccessArgs) -> BoltResponse:
            """Installed (again): the workspace's pending removal is cancelled and its new token used."""
            if args.installation.team_id:
                await bots[0].installed(args.installation.team_id)
            return await args.default.success(args)

        async def refused(args: AsyncFailureArgs) -> BoltResponse:
            return await args.default.failure(args)

        app = AsyncApp(
            signing_secret=signing,
            client=client,
            oauth_settings=AsyncOAuthSettings(
                client_id=settings.slack_client_id,
                client_secret=settings.slack_client_secret.get_secret_value(),
                scopes=BOT_SCOPES,
                installation_store=installations,
                state_store=states,
                callback_options=AsyncCallbackOptions(success=installed, failure=refused),
            ),
        )
    else:  # one workspace: the client carries its token (bolt ignores ``token`` when given a client)
        app = AsyncApp(signing_secret=signing, client=web_client(token, base_url))
        installations = None
    bot = SlackBot(app, Clients(base_url, token, installations))
    bots.append(bot)

    async def seen_at_start() -> None:
        """One workspace's token: the workspace is there (installed again after a removal keeps its data)."""
        if token is None:
            return
        try:
            team = (await web_client(token, base_url).auth_test()).get("team_id")
        except Exception as exc:  # a bad token shows itself on the first call with a clear log line
            logger.error("Slack refused SLACK_BOT_TOKEN at start (%s)", type(exc).__name__)
            return
        if team:
            await bot.installed(str(team))

    if settings.slack_app_token and not oauth:
        handler = AsyncSocketModeHandler(app, settings.slack_app_token.get_secret_value())

        async def start_socket() -> None:
            await seen_at_start()
            await handler.connect_async()  # type: ignore[no-untyped-call]
            logger.info("connected to Slack in Socket Mode")

        async def stop_socket() -> None:
            await handler.close_async()  # type: ignore[no-untyped-call]
            await finish_listeners()

        return SlackRuntime(bot, "socket", start_socket, stop_socket)
    runners: list[web.AppRunner] = []

    async def start_http() -> None:
        await seen_at_start()
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
