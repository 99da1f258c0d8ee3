"""Benchmark: one check-in tick with 100 members due among 1k, 10k and 100k opted in (prints figures, exits 0).

Run::

    python tests/benchmarks/checkin_tick.py [--postgres-url URL] [--runs 7] [--sizes 1000,10000,100000] [--no-postgres]

A tick reads only the due rows (an index range scan on ``next_due_at``), so its time should
not grow with the number of members: the target is 100k within 1.5x of 1k. DMs go to a
no-op chat port, so the figures are the core's and the database's cost alone.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time as clock_time
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
from sqlalchemy import delete, text, update  # noqa: E402

from core.checkins.feature import CheckinsFeature  # noqa: E402
from core.checkins.tables import checkin_answers, checkin_subscriptions, checkins  # noqa: E402
from core.clock import VirtualClock  # noqa: E402
from core.content import load_content  # noqa: E402
from core.feature import CoreSettings, Deps  # noqa: E402
from core.models import ChannelInfo, Message  # noqa: E402
from core.storage.tables import communities, deliveries, members  # noqa: E402
from core.store import Store  # noqa: E402

__all__ = ["DEFAULT_PG", "NullChat", "Result", "bench_backend", "main"]

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
SIZES = (1_000, 10_000, 100_000)
DUE = 100
TICK_AT = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
_CHUNK = 5_000
_ALL_DAYS = 0b1111111


class NullChat:
    """A chat port that delivers nothing and takes no time."""

    def __init__(self) -> None:
        self.dms = 0

    async def resolve_channel(self, community: str, text: str) -> ChannelInfo | None:
        return None

    async def post(self, community: str, channel: str, message: Message) -> str:
        return "m"

    async def open_thread(self, community: str, channel: str, parent: str, title: str) -> str:
        return "t"

    async def post_in_thread(self, community: str, thread: str, message: Message) -> str:
        return "m"

    async def close_thread(self, community: str, thread: str) -> None:
        return None

    async def send_dm(self, user_id: str, message: Message) -> str:
        self.dms += 1
        return f"d{self.dms}"


@dataclass
class Result:
    backend: str
    size: int
    seed_seconds: float
    tick_ms: list[float] = field(default_factory=list)
    next_due_ms: list[float] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)

    @property
    def median_tick(self) -> float:
        return statistics.median(self.tick_ms)

    @property
    def median_next_due(self) -> float:
        return statistics.median(self.next_due_ms)


async def _seed(store: Store, start: int, stop: int, community_id: int) -> None:
    """Members ``start``..``stop`` opted in; the first ``DUE`` of all are due exactly at ``TICK_AT``."""
    for low in range(start, stop, _CHUNK):
        high = min(stop, low + _CHUNK)
        people = [
            {"platform": "bench", "external_id": f"u{i}", "display_name": f"Member {i}", "created_at": TICK_AT}
            for i in range(low, high)
        ]
        async with store.db.begin() as conn:
            await conn.execute(members.insert(), people)
            first_id = (
                await conn.execute(text("SELECT id FROM members WHERE external_id = :x"), {"x": f"u{low}"})
            ).scalar_one()
            subscriptions = []
            for offset, i in enumerate(range(low, high)):
                due = i < DUE
                minutes = 1 + (i * 7919) % 1439  # spread the rest over the next day
                local = TICK_AT if due else TICK_AT + timedelta(minutes=minutes)
                subscriptions.append(
                    {
                        "member_id": first_id + offset,
                        "community_id": community_id,
                        "timezone": "UTC",
                        "local_time": f"{local:%H:%M}",
                        "weekdays": _ALL_DAYS,
                        "blocked": False,
                        "next_due_at": local,
                        "created_at": TICK_AT,
                        "updated_at": TICK_AT,
                    }
                )
            await conn.execute(checkin_subscriptions.insert(), subscriptions)


async def _reset(store: Store) -> None:
    """Make the same 100 members due again, as if the tick had never run."""
    async with store.db.begin() as conn:
        await conn.execute(delete(checkin_answers))
        await conn.execute(delete(checkins))
        await conn.execute(delete(deliveries).where(deliveries.c.kind.in_(("checkin", "checkin_reminder"))))
        await conn.execute(
            update(checkin_subscriptions)
            .where(checkin_subscriptions.c.local_time == f"{TICK_AT:%H:%M}")
            .values(next_due_at=TICK_AT)
        )


async def _analyze(store: Store) -> None:
    async with store.db.begin() as conn:
        await conn.execute(text("ANALYZE"))


@dataclass
class _Bench:
    size: int
    store: Store
    feature: CheckinsFeature
    result: Result


async def _prepare(name: str, url: str, size: int) -> _Bench:
    store = await Store.open(url)
    deps = Deps(store, load_content(), VirtualClock(TICK_AT), {"bench": NullChat()}, CoreSettings(instance_id="bench"))
    started = clock_time.perf_counter()
    async with store.db.begin() as conn:
        community_id = (
            await conn.execute(
                communities.insert()
                .values(platform="bench", external_id="guild", name="Bench", created_at=TICK_AT, settings="{}")
                .returning(communities.c.id)
            )
        ).scalar_one()
    await _seed(store, 0, size, community_id)
    await _analyze(store)
    return _Bench(size, store, CheckinsFeature(deps), Result(name, size, clock_time.perf_counter() - started))


async def bench_backend(name: str, urls: dict[int, str], runs: int) -> list[Result]:
    """Seed one database per size, then time ``runs`` ticks per size, taking the sizes in turn.

    Taking turns (1k, 10k, 100k, 1k, ...) spreads any drift in the machine's load evenly over
    the sizes, so the medians stay comparable on a busy machine.
    """
    benches: list[_Bench] = []
    try:
        for size, url in sorted(urls.items()):
            benches.append(await _prepare(name, url, size))
            print(f"  {name:<10} {size:>7,} members seeded in {benches[-1].result.seed_seconds:5.1f} s", flush=True)
        for bench in benches:  # warm-up: connections, statement caches
            await _reset(bench.store)
            await bench.feature.tick(TICK_AT)
        for _ in range(runs):
            for bench in benches:
                await _reset(bench.store)
                started = clock_time.perf_counter()
                bench.result.sent.append(await bench.feature.tick(TICK_AT))
                bench.result.tick_ms.append((clock_time.perf_counter() - started) * 1000)
                started = clock_time.perf_counter()
                await bench.feature.next_due()
                bench.result.next_due_ms.append((clock_time.perf_counter() - started) * 1000)
        for bench in benches:
            r = bench.result
            print(
                f"  {name:<10} {r.size:>7,} members: tick {r.median_tick:8.1f} ms (median of {runs}, "
                f"min {min(r.tick_ms):.1f}; {min(r.sent)}-{max(r.sent)} sent), next_due {r.median_next_due:6.2f} ms",
                flush=True,
            )
    finally:
        for bench in benches:
            await bench.store.close()
    return [bench.result for bench in benches]


@asynccontextmanager
async def temporary_pg_database(url: str) -> AsyncIterator[str]:
    """A fresh PostgreSQL database next to ``url``'s, dropped afterwards (like tests/conftest.py)."""
    admin_url = url.replace("postgresql+asyncpg://", "postgresql://")
    admin = await asyncpg.connect(admin_url, timeout=5)
    name = f"trustbot_bench_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    base = url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def _summary(results: list[Result]) -> None:
    by_backend: dict[str, dict[int, Result]] = {}
    for result in results:
        by_backend.setdefault(result.backend, {})[result.size] = result
    print("\nsummary (median tick time, 100 members due):")
    for backend, rows in by_backend.items():
        figures = ", ".join(f"{size:,}: {row.median_tick:.1f} ms" for size, row in sorted(rows.items()))
        smallest, largest = min(rows), max(rows)
        ratio = rows[largest].median_tick / rows[smallest].median_tick
        verdict = "within" if ratio <= 1.5 else "OVER"
        print(f"  {backend:<10} {figures}; ratio {largest // 1000}k/{smallest // 1000}k = {ratio:.2f} ({verdict} 1.5x)")


async def _main(args: argparse.Namespace) -> None:
    sizes = tuple(int(s) for s in args.sizes.split(","))
    results: list[Result] = []
    print(f"check-in tick benchmark: {DUE} due at {TICK_AT:%Y-%m-%d %H:%M} UTC, sizes {', '.join(map(str, sizes))}")
    with tempfile.TemporaryDirectory() as folder:
        urls = {size: f"sqlite+aiosqlite:///{Path(folder) / f'bench-{size}.db'}" for size in sizes}
        results += await bench_backend("sqlite", urls, args.runs)
    if not args.no_postgres:
        try:
            async with AsyncExitStack() as stack:
                pg_urls = {
                    size: await stack.enter_async_context(temporary_pg_database(args.postgres_url)) for size in sizes
                }
                results += await bench_backend("postgresql", pg_urls, args.runs)
        except (OSError, asyncpg.PostgresError) as exc:
            print(f"  postgresql skipped: not reachable at {args.postgres_url} ({exc})")
    _summary(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--postgres-url", default=DEFAULT_PG, help=f"an existing database to start from ({DEFAULT_PG})")
    parser.add_argument("--runs", type=int, default=7, help="timed ticks per size (the median is shown)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated member counts")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    asyncio.run(_main(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
