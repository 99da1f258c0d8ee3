"""OAuth install to many workspaces in HTTP mode: slack_sdk's stores on our database, built by bots.slack.app."""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path

import aiohttp
from harness.slack_world import SECRET
from sqlalchemy import text
from standins.slack import SlackStandIn
from standins.slack.payloads import app_uninstalled

from bots.settings import Settings
from bots.slack.app import build_slack
from core.app import TrustCore
from core.clock import VirtualClock
from core.content import Content
from core.models import Message
from core.store import Store


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _install(http: aiohttp.ClientSession, base: str, code: str) -> int:
    """A browser's install: the install page sets the state cookie (Secure, so sent by hand over loopback http)."""
    async with http.get(f"{base}/slack/install") as page:
        assert page.status == 200
        state = re.search(r"state=([A-Za-z0-9_\-.%]+)", await page.text())
        cookie = page.headers.get("Set-Cookie", "").split(";")[0]
        assert state is not None and cookie
    params = {"code": code, "state": state.group(1)}
    async with http.get(f"{base}/slack/oauth_redirect", params=params, headers={"Cookie": cookie}) as done:
        return done.status


async def test_two_workspaces_install_use_trustbot_and_one_uninstalls(
    tmp_path: Path, content: Content, clock: VirtualClock
) -> None:
    async with SlackStandIn(signing_secret=SECRET) as standin:
        teams = [standin.add_team("Circle A"), standin.add_team("Circle B")]
        users = [standin.add_user(team, "olive", is_owner=True) for team in teams]
        channels = [standin.add_channel(team, "general") for team in teams]
        port = _free_port()
        settings = Settings(
            SLACK_CLIENT_ID=standin.client_id,
            SLACK_CLIENT_SECRET=standin.client_secret,
            SLACK_SIGNING_SECRET=SECRET,
            TRUSTBOT_SLACK_API_BASE=standin.api_url,
            TRUSTBOT_SLACK_PORT=port,
        )
        store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'trustbot.db'}")
        runtime = build_slack(settings, store.db.engine)
        core = TrustCore(store, content, clock, {"slack": runtime.bot.port})
        runtime.bot.attach(core)
        assert runtime.mode == "http"
        await runtime.start()
        base = f"http://127.0.0.1:{port}"
        try:
            async with aiohttp.ClientSession() as http:
                for team, user in zip(teams, users, strict=True):
                    assert await _install(http, base, standin.oauth_code(team, user)) == 200
            async with store.db.begin() as conn:
                installed = (await conn.execute(text("SELECT team_id, bot_token FROM slack_bots"))).all()
            assert sorted(row.team_id for row in installed) == sorted(t.id for t in teams)
            for team, user, channel in zip(teams, users, channels, strict=True):
                result = await standin.send_command(
                    f"{base}/slack/events", "/trust", "about", user_id=user, channel_id=channel, team_id=team.id
                )
                assert result.status == 200 and result.in_time
            for _ in range(100):
                if len(standin.response_url_posts) >= 2:
                    break
                await asyncio.sleep(0.02)
            assert len(standin.response_url_posts) == 2  # each workspace answered with its own installation
            await core.handle(
                __import__("core.models", fromlist=["CommandEvent"]).CommandEvent(  # a community exists
                    teams[0].id,
                    __import__("core.models", fromlist=["Actor"]).Actor("slack", f"{teams[0].id}:{users[0]}", "o"),
                    __import__("core.models", fromlist=["Place"]).Place.dm(),
                    "about",
                )
            )
            port = runtime.bot.port
            await port.post(teams[0].id, channels[0], Message("Before the uninstall"))  # its client is kept
            standin.revoke_team(teams[0].id)  # uninstalling revokes the workspace's tokens
            await standin.send_event(f"{base}/slack/events", app_uninstalled(), team_id=teams[0].id)
            for _ in range(100):
                found = await store.communities.find("slack", teams[0].id)
                if found is not None and found.removed_at is not None:
                    break
                await asyncio.sleep(0.02)
            assert found is not None and found.removed_at is not None

            # installed again within the grace period: the data stays and the new token is used at once
            async with aiohttp.ClientSession() as http:
                assert await _install(http, base, standin.oauth_code(teams[0], users[0])) == 200
            again = await store.communities.find("slack", teams[0].id)
            assert again is not None and again.removed_at is None
            await port.post(teams[0].id, channels[0], Message("After the install"))
            texts = [m.get("text") for m in standin.messages(channels[0]) if m.get("bot_id")]
            assert texts == ["Before the uninstall", "After the install"]
        finally:
            await runtime.stop()
            await store.close()
        assert standin.violations == []
