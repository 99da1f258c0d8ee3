"""Real ``trustbot --mode slack`` processes (HTTP mode, OAuth installs): two on one PostgreSQL; one killed mid-send."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from harness.discord_fleet import ROOT, kill, stop, wait_until
from harness.slack_world import SECRET
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from standins.slack import SlackStandIn

from conftest import fresh_pg_database
from core.scheduling.recurrence import latest_occurrence
from core.store import Store

ALL_DAYS = frozenset(range(7))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _workspaces(standin: SlackStandIn, url: str, count: int) -> dict[str, str]:
    """``count`` installed workspaces, each with a daily prompt due now; returns team -> prompt channel."""
    now = datetime.now(UTC)
    local = (now - timedelta(minutes=1)).time().replace(second=0, microsecond=0)
    occurrence = latest_occurrence(now, local, UTC, ALL_DAYS)  # type: ignore[arg-type]
    store = await Store.open(url)
    channels: dict[str, str] = {}
    try:
        installations = AsyncSQLAlchemyInstallationStore(client_id=standin.client_id, engine=store.db.engine)
        for index in range(count):
            team = standin.add_team(f"Circle {index}")
            channels[team.id] = channel = standin.add_channel(team, "daily-prompts")
            owner = standin.add_user(team, "olive", is_owner=True)
            await installations.async_save(
                Installation(
                    app_id=standin.app_id, team_id=team.id, user_id=owner, bot_token=team.bot_token,
                    bot_id=team.bot_id, bot_user_id=team.bot_user_id,
                )
            )  # fmt: skip
            community = await store.communities.ensure("slack", team.id, now)
            await store.communities.update(community.id, timezone="UTC")
            await store.schedules.put(
                community.id, "prompt", channel_ref=channel, channel_name="daily-prompts", timezone="UTC",
                local_time=local, weekdays=ALL_DAYS, next_run_at=occurrence.at, now=now,
            )  # fmt: skip
    finally:
        await store.close()
    return channels


async def _start(standin: SlackStandIn, url: str, log: Path, **extra: str) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTBOT_", "DISCORD_", "SLACK_"))}
    env.update(
        SLACK_CLIENT_ID=standin.client_id, SLACK_CLIENT_SECRET=standin.client_secret, SLACK_SIGNING_SECRET=SECRET,
        TRUSTBOT_SLACK_API_BASE=standin.api_url, TRUSTBOT_SLACK_PORT=str(_free_port()), TRUSTBOT_DATABASE_URL=url,
        TRUSTBOT_TICK_SECONDS="1", TRUSTBOT_LOG_LEVEL="INFO", PYTHONPATH=str(ROOT),
    )  # fmt: skip
    env.update(extra)
    handle = log.open("ab")
    try:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bots", "--mode", "slack", cwd=str(log.parent), env=env, stdout=handle,
            stderr=handle, stdin=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
    finally:
        handle.close()


def _posted(standin: SlackStandIn, channels: dict[str, str]) -> dict[str, int]:
    return {c: len([m for m in standin.messages(c) if m.get("bot_id")]) for c in channels.values()}


async def test_two_http_processes_on_one_postgresql_never_double_post(tmp_path: Path) -> None:
    async with SlackStandIn(signing_secret=SECRET) as standin, fresh_pg_database() as url:
        channels = await _workspaces(standin, url, 12)
        processes = [await _start(standin, url, tmp_path / f"slack{index}.log") for index in range(2)]
        try:
            done = await wait_until(lambda: all(n >= 1 for n in _posted(standin, channels).values()), 60)
            assert done, (tmp_path / "slack0.log").read_text()[-3000:]
            await wait_until(lambda: False, 2)  # a moment for any second post to show itself
        finally:
            for process in processes:
                assert await stop(process) == 0
        assert set(_posted(standin, channels).values()) == {1}  # every workspace's prompt exactly once
        assert standin.violations == []
        assert sum(standin.stats["429"].values()) == 0


async def test_a_process_killed_mid_fanout_restarts_and_posts_each_prompt_once(tmp_path: Path) -> None:
    async with SlackStandIn(signing_secret=SECRET, latency=(0.2, 0.4)) as standin, fresh_pg_database() as url:
        channels = await _workspaces(standin, url, 60)
        log = tmp_path / "slack.log"
        lease = {"TRUSTBOT_CLAIM_LEASE_SECONDS": "2", "TRUSTBOT_CONCURRENCY": "4"}
        first = await _start(standin, url, log, **lease)
        started = await wait_until(lambda: sum(_posted(standin, channels).values()) >= 6, 60)
        assert started, log.read_text()[-3000:]
        await kill(first)  # kill -9 with posts in flight
        assert sum(1 for n in _posted(standin, channels).values() if n) < len(channels), "finished before the kill"
        second = await _start(standin, url, log, **lease)
        try:
            done = await wait_until(lambda: all(n >= 1 for n in _posted(standin, channels).values()), 90)
            assert done, log.read_text()[-3000:]
            await wait_until(lambda: False, 2)
        finally:
            assert await stop(second) == 0
        assert set(_posted(standin, channels).values()) == {1}  # resumed posts looked in history first
        assert standin.violations == []
