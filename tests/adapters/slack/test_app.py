"""bots.slack.app from settings alone: one workspace's token in Socket Mode and in HTTP mode, as `trustbot` runs it."""

from __future__ import annotations

import socket
from pathlib import Path

from harness.discord_fleet import wait_until
from harness.slack_world import SECRET
from standins.slack import SlackStandIn
from standins.slack.payloads import message_event

from bots.settings import Settings
from bots.slack.app import build_slack
from core.app import TrustCore
from core.clock import VirtualClock
from core.content import Content
from core.store import Store


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_socket_mode_from_a_bot_token_and_an_app_token(
    tmp_path: Path, content: Content, clock: VirtualClock
) -> None:
    async with SlackStandIn(signing_secret=SECRET) as standin:
        team = standin.add_team("Trust Circle")
        user = standin.add_user(team, "sam")
        general = standin.add_channel(team, "general")
        settings = Settings(
            SLACK_BOT_TOKEN=team.bot_token, SLACK_APP_TOKEN=standin.app_token, TRUSTBOT_SLACK_API_BASE=standin.api_url
        )
        store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'trustbot.db'}")
        runtime = build_slack(settings, store.db.engine)
        runtime.bot.attach(TrustCore(store, content, clock, {"slack": runtime.bot.port}))
        assert runtime.mode == "socket"
        await runtime.start()
        try:
            await standin.socket.wait_connected()
            payload = standin.command_payload("/trust", "about", user_id=user, channel_id=general, team_id=team.id)
            ack = await standin.socket_send("slash_commands", payload)
            assert ack is not None and ack.latency < 3
            assert await wait_until(lambda: any("not therapy" in str(p) for p in standin.response_url_posts), 5)
            dm = standin.im_channel(team.id, user)
            ack = await standin.socket_send("events_api", message_event(dm, user, "how do I say sorry?", team=team.id))
            assert ack is not None and ack.latency < 3
            assert await wait_until(lambda: any(m.get("bot_id") for m in standin.messages(dm)), 5)
        finally:
            await runtime.stop()
            await store.close()
        assert standin.violations == [] and standin.shape_violations == []


async def test_http_mode_from_a_bot_token_and_a_signing_secret(
    tmp_path: Path, content: Content, clock: VirtualClock
) -> None:
    async with SlackStandIn(signing_secret=SECRET) as standin:
        team = standin.add_team("Trust Circle")
        user = standin.add_user(team, "sam")
        port = _free_port()
        settings = Settings(
            SLACK_BOT_TOKEN=team.bot_token, SLACK_SIGNING_SECRET=SECRET, TRUSTBOT_SLACK_API_BASE=standin.api_url,
            TRUSTBOT_SLACK_PORT=port,
        )  # fmt: skip
        store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'trustbot.db'}")
        runtime = build_slack(settings, store.db.engine)
        runtime.bot.attach(TrustCore(store, content, clock, {"slack": runtime.bot.port}))
        assert runtime.mode == "http"
        await runtime.start()
        url = f"http://127.0.0.1:{port}/slack/events"
        try:
            dm = standin.im_channel(team.id, user)
            event = message_event(dm, user, "how do I say sorry?", team=team.id)
            for refused in ("bad", "stale"):
                assert (await standin.send_event(url, event, team_id=team.id, signature=refused)).status == 401
            sent = await standin.send_event(url, event, team_id=team.id)
            assert sent.status == 200 and sent.in_time
            assert await wait_until(lambda: any(m.get("bot_id") for m in standin.messages(dm)), 5)
        finally:
            await runtime.stop()
            await store.close()
        assert standin.violations == [] and standin.shape_violations == []
