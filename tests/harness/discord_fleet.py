"""Many servers with a prompt due now, and trustbot processes (real ``trustbot --mode discord``) to send them."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from standins.discord import DiscordStandIn

from core.scheduling.recurrence import latest_occurrence
from core.store import Store

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-token"
ALL_DAYS = frozenset(range(7))


@dataclass
class Fleet:
    """``guilds`` maps each server id to its prompt channel id."""

    standin: DiscordStandIn
    database_url: str
    guilds: dict[int, int]

    def prompts(self) -> dict[int, list[dict[str, Any]]]:
        """Bot messages in each prompt channel."""
        bot = str(self.standin.bot_id)
        return {
            channel: [m for m in self.standin.messages(channel) if m["author"]["id"] == bot]
            for channel in self.guilds.values()
        }

    def threads_by_channel(self) -> dict[int, int]:
        counts = dict.fromkeys(self.guilds.values(), 0)
        for thread in self.standin.threads.values():
            if thread["parent_id"] in counts:
                counts[thread["parent_id"]] += 1
        return counts

    _seen: int = 0
    _threads: int = 0

    def threads_opened(self) -> int:
        """Threads opened so far, read incrementally from the request log (cheap enough to poll often)."""
        log = self.standin.request_log
        for record in log[self._seen :]:
            if record.method == "POST" and record.path.endswith("/threads") and 200 <= record.status < 300:
                self._threads += 1
        self._seen = len(log)
        return self._threads

    def finished(self) -> int:
        """Servers whose prompt went out with its thread."""
        posted = self.prompts()
        threads = self.threads_by_channel()
        return sum(1 for channel in self.guilds.values() if posted[channel] and threads[channel])


async def make_fleet(standin: DiscordStandIn, database_url: str, count: int, now: datetime | None = None) -> Fleet:
    """``count`` servers, each set up with a daily prompt due at the current minute (UTC)."""
    now = now or datetime.now(UTC)
    local = (now - timedelta(minutes=1)).time().replace(second=0, microsecond=0)
    occurrence = latest_occurrence(now, local, UTC, ALL_DAYS)  # type: ignore[arg-type]
    guilds: dict[int, int] = {}
    store = await Store.open(database_url)
    try:
        for index in range(count):
            handle = standin.add_guild(f"Circle {index}", channels=["prompts"])
            channel = handle.channels["prompts"]
            guilds[handle.id] = channel
            community = await store.communities.ensure("discord", str(handle.id), now)
            await store.communities.update(community.id, timezone="UTC")
            await store.schedules.put(
                community.id, "prompt", channel_ref=str(channel), channel_name="prompts", timezone="UTC",
                local_time=local, weekdays=ALL_DAYS, next_run_at=occurrence.at, now=now,
            )  # fmt: skip
    finally:
        await store.close()
    return Fleet(standin, database_url, guilds)


def bot_env(standin: DiscordStandIn, database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUSTBOT_", "DISCORD_", "SLACK_"))}
    env.update(
        DISCORD_TOKEN=TOKEN,
        TRUSTBOT_DATABASE_URL=database_url,
        TRUSTBOT_DISCORD_API_BASE=standin.api_url,
        TRUSTBOT_DISCORD_GATEWAY=standin.gateway_url,
        TRUSTBOT_TICK_SECONDS="1",
        TRUSTBOT_LOG_LEVEL="INFO",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


async def start_bot(env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    """``trustbot --mode discord`` as a separate process (so it can be killed with SIGKILL)."""
    handle = log.open("ab")
    try:
        profile = ["-m", "cProfile", "-o", env["TRUSTBOT_PROFILE"]] if env.get("TRUSTBOT_PROFILE") else []
        return await asyncio.create_subprocess_exec(
            sys.executable, *profile, "-m", "bots", "--mode", "discord", cwd=str(log.parent), env=env,
            stdout=handle, stderr=handle, stdin=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
    finally:
        handle.close()


async def kill(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGKILL)
        await process.wait()


async def stop(process: asyncio.subprocess.Process, grace: float = 20) -> int:
    """SIGTERM, and wait for a clean exit."""
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), grace)
    return process.returncode or 0


async def wait_until(predicate: Any, within: float, step: float = 0.1) -> bool:
    """Poll ``predicate()`` until true or ``within`` seconds pass (a bounded wait for other processes' work)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + within
    while loop.time() < end:
        if predicate():
            return True
        await asyncio.sleep(step)
    return bool(predicate())
