"""Discord and Slack in one real ``trustbot`` process, on one core and one event loop, against both stand-ins."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from harness.discord_fleet import ROOT, TOKEN, stop, wait_until
from harness.slack_world import SECRET
from standins.discord import DiscordStandIn
from standins.slack import SlackStandIn
from standins.slack.payloads import message_event

from core.scheduling.recurrence import latest_occurrence
from core.store import Store

ALL_DAYS = frozenset(range(7))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _prompt_due_now(url: str, platform: str, community: str, channel: str) -> None:
    """A community with its daily prompt due this minute (UTC), as a moderator's setup would leave it."""
    now = datetime.now(UTC)
    local = (now - timedelta(minutes=1)).time().replace(second=0, microsecond=0)
    occurrence = latest_occurrence(now, local, UTC, ALL_DAYS)  # type: ignore[arg-type]
    store = await Store.open(url)
    try:
        record = await store.communities.ensure(platform, community, now)
        await store.communities.update(record.id, timezone="UTC")
        await store.schedules.put(
            record.id, "prompt", channel_ref=channel, channel_name="daily-prompts", timezone="UTC", local_time=local,
            weekdays=ALL_DAYS, next_run_at=occurrence.at, now=now,
        )  # fmt: skip
    finally:
        await store.close()


def _discord_bot_texts(standin: DiscordStandIn, channel: int) -> list[str]:
    bot = str(standin.bot_id)
    texts = []
    for message in standin.messages(channel):
        if message["author"]["id"] == bot:
            embeds = message.get("embeds") or []
            texts.append(" ".join([message.get("content") or ""] + [e.get("title") or "" for e in embeds]))
    return texts


def _slack_bot_texts(standin: SlackStandIn, channel: str) -> list[str]:
    return [str(m.get("text", "")) for m in standin.messages(channel) if m.get("bot_id")]


async def test_one_process_serves_discord_and_slack_on_one_core(tmp_path: Path) -> None:
    async with DiscordStandIn(token=TOKEN) as discord, SlackStandIn(signing_secret=SECRET) as slack:
        guild = discord.add_guild("Trust Circle", channels=["daily-prompts"])
        discord_prompts = guild.channels["daily-prompts"]
        dana = discord.add_user("dana")
        team = slack.add_team("Trust Circle")
        slack_prompts = slack.add_channel(team, "daily-prompts")
        sam = slack.add_user(team, "sam")
        url = f"sqlite+aiosqlite:///{tmp_path / 'trustbot.db'}"
        await _prompt_due_now(url, "discord", str(guild.id), str(discord_prompts))
        await _prompt_due_now(url, "slack", team.id, slack_prompts)
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTBOT_", "DISCORD_", "SLACK_"))}
        env.update(
            DISCORD_TOKEN=TOKEN, TRUSTBOT_DISCORD_API_BASE=discord.api_url,
            TRUSTBOT_DISCORD_GATEWAY=discord.gateway_url,
            SLACK_BOT_TOKEN=team.bot_token, SLACK_SIGNING_SECRET=SECRET, TRUSTBOT_SLACK_API_BASE=slack.api_url,
            TRUSTBOT_SLACK_PORT=str(port), TRUSTBOT_DATABASE_URL=url, TRUSTBOT_TICK_SECONDS="1",
            TRUSTBOT_LOG_LEVEL="INFO", PYTHONPATH=str(ROOT),
        )  # fmt: skip
        log = tmp_path / "trustbot.log"
        with log.open("ab") as handle:  # no --mode: both platforms' settings are present, so both run
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bots", cwd=str(tmp_path), env=env, stdout=handle, stderr=handle,
                stdin=asyncio.subprocess.DEVNULL,
            )  # fmt: skip

        def problem() -> str:
            return log.read_text()[-4000:]

        try:
            posted = await wait_until(
                lambda: (
                    bool(_discord_bot_texts(discord, discord_prompts)) and bool(_slack_bot_texts(slack, slack_prompts))
                ),
                60,
            )
            assert posted, problem()
            assert any("Daily prompt" in t for t in _discord_bot_texts(discord, discord_prompts))
            assert any("Daily prompt" in t for t in _slack_bot_texts(slack, slack_prompts))

            # a DM tip on each platform, answered by the same process
            await discord.user_dm(dana, "how do I apologise after I lied about money?")
            slack_dm = slack.im_channel(team.id, sam)
            event = message_event(slack_dm, sam, "how do I apologise after I lied about money?", team=team.id)
            sent: Any = await slack.send_event(f"http://127.0.0.1:{port}/slack/events", event, team_id=team.id)
            assert sent.status == 200 and sent.in_time
            discord_dm = discord.dm_channel_id(dana)
            answered = await wait_until(
                lambda: bool(_discord_bot_texts(discord, discord_dm)) and bool(_slack_bot_texts(slack, slack_dm)), 30
            )
            assert answered, problem()
            assert any("Tip" in t for t in _discord_bot_texts(discord, discord_dm)), _discord_bot_texts(
                discord, discord_dm
            )
            assert any("Tip" in t for t in _slack_bot_texts(slack, slack_dm)), _slack_bot_texts(slack, slack_dm)
        finally:
            assert await stop(process) == 0, problem()  # SIGTERM: both platforms close, then the database
        text = log.read_text()
        assert "connected to Discord" in text and "Slack HTTP mode" in text
        assert len(_discord_bot_texts(discord, discord_prompts)) == 1 == len(_slack_bot_texts(slack, slack_prompts))
        assert discord.violations == [] and slack.violations == []
