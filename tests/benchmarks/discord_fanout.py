"""Benchmark: a daily prompt (message + thread) to N Discord servers through real trustbot processes (prints figures).

Run::

    python tests/benchmarks/discord_fanout.py [--servers 2000] [--no-kill] [--postgres postgresql://postgres@127.0.0.1/test]

The bot's database is a new SQLite file per run, or with ``--postgres ADMIN_URL`` a new PostgreSQL
database per run (created and dropped through that admin connection).

The Discord stand-in enforces the global limit (50 requests/s per bot) and Discord's per-channel
limits, and answers after 50-150 ms. The floor is what those limits allow: 2 requests per
server at 50/s, so 2N/50 s. Targets: duration/floor <= 1.10, no 429, no duplicate, nothing lost;
and the same when the process is killed with SIGKILL in the middle and started again.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import gc
import os
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VALIDATE = os.environ.get("TRUSTBOT_BENCH_VALIDATE", "1") == "1"
for path in (ROOT, ROOT / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)

import asyncpg  # noqa: E402
from harness.discord_fleet import TOKEN, Fleet, bot_env, kill, make_fleet, start_bot, stop, wait_until  # noqa: E402
from standins.discord import DiscordStandIn  # noqa: E402


def _figures(fleet: Fleet, standin: DiscordStandIn, started: float, finished: float, servers: int) -> dict[str, Any]:
    posted = fleet.prompts()
    threads = fleet.threads_by_channel()
    duplicates = sum(max(0, len(v) - 1) for v in posted.values()) + sum(max(0, n - 1) for n in threads.values())
    lost = sum(1 for channel in fleet.guilds.values() if not posted[channel] or not threads[channel])
    floor = 2 * servers / 50
    arrivals = sorted(standin.arrivals)
    counts = [bisect.bisect_left(arrivals, a + 1.0) - i for i, a in enumerate(arrivals)]
    busiest = max(counts, default=0)
    if os.environ.get("TRUSTBOT_BENCH_DEBUG"):
        first = arrivals[0]
        print("  busy seconds at", [round(arrivals[i] - first, 1) for i, c in enumerate(counts) if c > 48][:40])
        print("  429 at", [round(r.at - first, 1) for r in standin.request_log if r.status == 429])
    return {
        "duration_s": finished - started,
        "floor_s": floor,
        "ratio": (finished - started) / floor,
        "429s": float(standin.stats["429"].total()),
        "429s_by_scope": dict(standin.stats["429"]),  # type: ignore[dict-item]
        "duplicates": float(duplicates),
        "lost": float(lost),
        "spec_violations": float(len(standin.violations)),
        "busiest_second": float(busiest),
    }


@asynccontextmanager
async def _database(postgres: str | None, workdir: Path, name: str) -> AsyncIterator[str]:
    if not postgres:
        yield f"sqlite+aiosqlite:///{workdir / f'{name}.db'}"
        return
    admin = await asyncpg.connect(postgres)
    database = f"trustbot_bench_{uuid.uuid4().hex[:10]}"
    await admin.execute(f'CREATE DATABASE "{database}"')
    try:
        yield f"{postgres.rsplit('/', 1)[0].replace('postgresql://', 'postgresql+asyncpg://')}/{database}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await admin.close()


async def run(servers: int, kill_midway: bool, postgres: str | None, workdir: Path) -> dict[str, Any]:
    async with (
        DiscordStandIn(token=TOKEN, latency=(0.05, 0.15), validate=VALIDATE) as standin,
        _database(postgres, workdir, f"fanout-{servers}-{kill_midway}") as url,
    ):
        fleet = await make_fleet(standin, url, servers)
        gc.freeze()  # the stand-in's servers stay out of its collector's way (a pause would look like a burst)
        env = bot_env(
            standin,
            url,
            TRUSTBOT_CLAIM_LEASE_SECONDS="5",
            TRUSTBOT_LOG_LEVEL="WARNING",
            TRUSTBOT_PROFILE=os.environ.get("TRUSTBOT_PROFILE", ""),
            TRUSTBOT_CONCURRENCY=os.environ.get("TRUSTBOT_CONCURRENCY", "32"),
        )
        log = workdir / "bot.log"
        began = len(standin.request_log)
        process = await start_bot(env, log)
        if kill_midway:
            await wait_until(lambda: fleet.threads_opened() >= servers // 2, 600)
            await kill(process)
            print(f"  killed with SIGKILL after {fleet.finished()} of {servers} servers", flush=True)
            process = await start_bot(env, log)
        await wait_until(lambda: fleet.threads_opened() >= servers, 1200, step=0.25)
        done = fleet.finished() == servers
        await stop(process)
        posts = [r for r in standin.request_log[began:] if r.method == "POST" and "/channels/" in r.path]
        started, finished = posts[0].at, posts[-1].at
        figures = _figures(fleet, standin, started, finished, servers)
        if not done:
            print("  did not finish; see", log)
        return figures


def _print(title: str, figures: dict[str, Any]) -> None:
    print(title)
    print(
        f"  duration {figures['duration_s']:.1f} s · floor {figures['floor_s']:.1f} s · ratio {figures['ratio']:.3f} · "
        f"429s {figures['429s']:.0f} · duplicates {figures['duplicates']:.0f} · lost {figures['lost']:.0f} · "
        f"spec violations {figures['spec_violations']:.0f} · "
        f"most requests sent in any 1 s {figures['busiest_second']:.0f}"
    )
    if figures["429s"]:
        print(f"  429s by scope: {figures['429s_by_scope']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--servers", type=int, default=2000)
    parser.add_argument("--no-kill", action="store_true", help="skip the run with a SIGKILL in the middle")
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="run on new PostgreSQL databases (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        plain = asyncio.run(run(args.servers, False, args.postgres, Path(tmp)))
        _print(f"daily prompt to {args.servers} servers (message + thread each):", plain)
        if not args.no_kill:
            killed = asyncio.run(run(args.servers, True, args.postgres, Path(tmp)))
            _print("the same, killed with SIGKILL midway and restarted (lease 5 s):", killed)
        print(f"(benchmark wall time {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
