"""Benchmark: trustbot's Slack fan-out against the Slack stand-in (prints figures; exits 0).

Run::

    python tests/benchmarks/slack_fanout.py [--workspaces 500] [--members 2000]

Two runs through the real core, SlackPort and slack_sdk (50-150 ms latency; the stand-in
enforces about one post a second per channel with short bursts, 600 posts a minute per
workspace, and the method tiers):

1. the daily prompt to N workspaces at once: no Slack limit binds one post per workspace, so
   the figure is trustbot's own pace (posts a second), with 429s, duplicates and losses;
2. check-in DMs to M members of one workspace, whose DM channels are already stored (one
   conversations.open per member, ever): the workspace's posts a minute set the floor.

Targets (issue 8): duration/floor <= 1.10, 0 429s, 0 duplicates, 0 lost.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from slack_sdk.web.async_client import AsyncWebClient  # noqa: E402
from standins.slack import SlackStandIn  # noqa: E402

from bots.slack.app import web_client  # noqa: E402
from bots.slack.port import WORKSPACE_POSTS_PER_MINUTE, SlackPort  # noqa: E402
from core.app import TrustCore  # noqa: E402
from core.clock import VirtualClock  # noqa: E402
from core.content import load_content  # noqa: E402
from core.feature import CoreSettings  # noqa: E402
from core.scheduling.recurrence import latest_occurrence  # noqa: E402
from core.store import Store  # noqa: E402

ALL_DAYS = frozenset(range(7))
LATENCY = (0.05, 0.15)
NOW = datetime(2027, 3, 1, 13, 0, tzinfo=UTC)


def _figures(name: str, duration: float, floor: float | None, standin: SlackStandIn, sent: dict[str, int]) -> None:
    duplicates = sum(max(0, n - 1) for n in sent.values())
    lost = sum(1 for n in sent.values() if n == 0)
    print(name)
    bound = f"floor {floor:.1f} s · ratio {duration / floor:.3f}" if floor else f"{len(sent) / duration:.0f} a second"
    print(
        f"  duration {duration:.1f} s · {bound} · "
        f"429s {sum(standin.stats['429'].values())} · duplicates {duplicates} · lost {lost} · "
        f"spec violations {len(standin.violations)}"
    )


async def _core(store: Store, port: SlackPort, concurrency: int) -> TrustCore:
    clock = VirtualClock(NOW)
    return TrustCore(
        store, load_content(), clock, {"slack": port}, CoreSettings(instance_id="bench", concurrency=concurrency)
    )


async def prompts(workspaces: int, workdir: Path, concurrency: int = 32) -> None:
    async with SlackStandIn(latency=LATENCY) as standin:
        store = await Store.open(f"sqlite+aiosqlite:///{workdir / 'prompts.db'}")
        clients: dict[str, AsyncWebClient] = {}
        channels: dict[str, str] = {}
        local = (NOW - timedelta(minutes=1)).time()
        occurrence = latest_occurrence(NOW, local, UTC, ALL_DAYS)  # type: ignore[arg-type]
        for index in range(workspaces):
            team = standin.add_team(f"Circle {index}")
            channels[team.id] = standin.add_channel(team, "daily-prompts")
            clients[team.id] = web_client(team.bot_token, standin.api_url)
            community = await store.communities.ensure("slack", team.id, NOW)
            await store.communities.update(community.id, timezone="UTC")
            await store.schedules.put(
                community.id, "prompt", channel_ref=channels[team.id], channel_name="daily-prompts",
                timezone="UTC", local_time=local, weekdays=ALL_DAYS, next_run_at=occurrence.at, now=NOW,
            )  # fmt: skip

        async def client_for(team_id: str) -> AsyncWebClient:
            return clients[team_id]

        async def no_dm(user: str) -> str | None:
            return None

        async def keep_dm(user: str, channel: str) -> None:
            return None

        port = SlackPort(client_for, no_dm, keep_dm)
        core = await _core(store, port, concurrency)
        gc.freeze()
        started = time.perf_counter()
        await core.tick()
        duration = time.perf_counter() - started
        sent = {c: len([m for m in standin.messages(c) if m.get("bot_id")]) for c in channels.values()}
        _figures(
            f"daily prompt to {workspaces} workspaces (no Slack limit binds one post per workspace: the pace is "
            "trustbot's own, mostly its database work)",
            duration, None, standin, sent,
        )  # fmt: skip
        await store.close()


async def checkins(members: int, workdir: Path) -> None:
    async with SlackStandIn(latency=LATENCY) as standin:
        store = await Store.open(f"sqlite+aiosqlite:///{workdir / 'checkins.db'}")
        team = standin.add_team("One big workspace")
        client = web_client(team.bot_token, standin.api_url)
        community = await store.communities.ensure("slack", team.id, NOW)
        people: dict[str, str] = {}
        for index in range(members):
            user = standin.add_user(team, f"member{index}")
            person = f"{team.id}:{user}"
            people[person] = standin.im_channel(team.id, user)
            await store.members.set_dm_channel("slack", person, people[person], NOW)

        async def client_for(team_id: str) -> AsyncWebClient:
            return client

        async def dm_lookup(user: str) -> str | None:
            return await store.members.dm_channel("slack", user)

        async def keep_dm(user: str, channel: str) -> None:
            return None

        port = SlackPort(client_for, dm_lookup, keep_dm)
        core = await _core(store, port, 64)
        from core.models import Actor, CommandEvent, Place

        for person in people:
            actor = Actor("slack", person, person)
            await core.handle(
                CommandEvent(
                    team.id, actor, Place("channel", "C0"), "checkin start", {"time": "08:00", "timezone": "UTC"}
                )
            )
        core.clock.set(NOW.replace(hour=8) + timedelta(days=1))  # type: ignore[attr-defined]
        gc.freeze()
        started = time.perf_counter()
        await core.tick()
        duration = time.perf_counter() - started
        sent = {c: len([m for m in standin.messages(c) if m.get("bot_id")]) for c in people.values()}
        floor = members / (600 / 60)
        _figures(
            f"check-in DMs to {members} members of one workspace (floor: 600 posts/min; paced at "
            f"{WORKSPACE_POSTS_PER_MINUTE:.0f})",
            duration, floor, standin, sent,
        )  # fmt: skip
        await store.close()
        del community


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspaces", type=int, default=500)
    parser.add_argument("--members", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(prompts(args.workspaces, Path(tmp)))
        asyncio.run(checkins(args.members, Path(tmp)))


if __name__ == "__main__":
    main()
