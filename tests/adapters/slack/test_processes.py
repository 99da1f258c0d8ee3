"""Two real ``trustbot --mode slack`` processes (HTTP mode with OAuth installs) on one PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from harness.discord_fleet import ROOT, stop, wait_until
from harness.slack_world import SECRET
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from standins.slack import SlackStandIn

from conftest import fresh_pg_database
from core.scheduling.recurrence import latest_occurrence
from core.store import Store

WORKSPACES = 12
ALL_DAYS = frozenset(range(7))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_two_http_processes_on_one_postgresql_never_double_post(tmp_path: Path) -> None:
    async with SlackStandIn(signing_secret=SECRET) as standin, fresh_pg_database() as url:
        now = datetime.now(UTC)
        local = (now - timedelta(minutes=1)).time().replace(second=0, microsecond=0)
        occurrence = latest_occurrence(now, local, UTC, ALL_DAYS)  # type: ignore[arg-type]
        store = await Store.open(url)
        channels: dict[str, str] = {}
        try:
            installations = AsyncSQLAlchemyInstallationStore(client_id=standin.client_id, engine=store.db.engine)
            for index in range(WORKSPACES):
                team = standin.add_team(f"Circle {index}")
                channel = standin.add_channel(team, "daily-prompts")
                channels[team.id] = channel
                await installations.async_save(
                    Installation(
                        app_id=standin.app_id, team_id=team.id, user_id=standin.add_user(team, "olive", is_owner=True),
                        bot_token=team.bot_token, bot_id=team.bot_id, bot_user_id=team.bot_user_id,
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
        processes = []
        for index in range(2):
            env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTBOT_", "DISCORD_", "SLACK_"))}
            env.update(
                SLACK_CLIENT_ID=standin.client_id, SLACK_CLIENT_SECRET=standin.client_secret,
                SLACK_SIGNING_SECRET=SECRET, TRUSTBOT_SLACK_API_BASE=standin.api_url,
                TRUSTBOT_SLACK_PORT=str(_free_port()), TRUSTBOT_DATABASE_URL=url, TRUSTBOT_TICK_SECONDS="1",
                TRUSTBOT_LOG_LEVEL="INFO", PYTHONPATH=str(ROOT),
            )  # fmt: skip
            log = (tmp_path / f"slack{index}.log").open("ab")
            processes.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "bots",
                    "--mode",
                    "slack",
                    cwd=str(tmp_path),
                    env=env,
                    stdout=log,
                    stderr=log,
                    stdin=asyncio.subprocess.DEVNULL,
                )
            )
            log.close()

        def posted() -> dict[str, int]:
            return {c: len([m for m in standin.messages(c) if m.get("bot_id")]) for c in channels.values()}

        try:
            done = await wait_until(lambda: all(n >= 1 for n in posted().values()), 60)
            assert done, (tmp_path / "slack0.log").read_text()[-3000:]
            await wait_until(lambda: False, 2)  # a moment for any second post to show itself
        finally:
            for process in processes:
                assert await stop(process) == 0
        assert set(posted().values()) == {1}  # every workspace's prompt exactly once
        assert standin.violations == []
        assert sum(standin.stats["429"].values()) == 0
