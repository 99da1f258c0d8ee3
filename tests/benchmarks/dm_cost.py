"""Benchmark: what a returning member's DM (a tip) costs the database, on SQLite and PostgreSQL (prints figures).

Run::

    python tests/benchmarks/dm_cost.py [--postgres-url URL] [--dms 500] [--no-postgres]

How it counts, per DM (``TrustCore.handle`` of a DM from a member already known):

- transactions, statements, pool checkouts and pings: SQLAlchemy events on the engine
  (``begin``, ``before_cursor_execute``, the pool's ``checkout``) and a wrapper round the
  dialect's ``do_ping`` (``tests/harness/db_cost.py``);
- round trips (PostgreSQL): the DMs are sent a second time through a small TCP proxy between
  asyncpg and PostgreSQL that counts how often the client starts talking again after the server
  answered. Each such turn is one network round trip, whatever it carried (BEGIN, a prepared
  statement's Bind/Execute/Sync, COMMIT, a ping). SQLite has no network: its figure is the
  number of calls into the driver's thread (statements plus the commit).

Times are ``time.perf_counter`` round ``handle`` on the direct connection (not through the proxy);
the chat port is a no-op, so the figures are the core's and the database's alone. Targets on
PostgreSQL: at most 8 round trips and a p50 of at most 5 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import asyncpg  # noqa: E402
from harness.db_cost import DbCost, count_db_cost  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from core.app import TrustCore  # noqa: E402
from core.clock import VirtualClock  # noqa: E402
from core.content import load_content  # noqa: E402
from core.models import Actor, ChannelInfo, Message, MessageEvent, Place  # noqa: E402
from core.store import Store  # noqa: E402

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
START = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
TEXTS = (
    "how do I apologise after I lied about money",
    "we keep arguing and I don't feel heard",
    "I want to rebuild trust with my wife",
    "how can I be more honest",
    "he doesn't keep his promises",
)


class _NoChat:
    """A chat port that sends nothing (a DM's replies are returned, not sent)."""

    async def resolve_channel(self, community: str, text: str) -> ChannelInfo | None:
        return None

    async def post(self, community: str, channel: str, message: Message, **_: object) -> str:
        return "m"

    async def open_thread(self, community: str, channel: str, parent: str, title: str, **_: object) -> str:
        return "t"

    async def post_in_thread(self, community: str, thread: str, message: Message, **_: object) -> str:
        return "m"

    async def close_thread(self, community: str, thread: str) -> None:
        return None

    async def send_dm(self, user_id: str, message: Message, **_: object) -> str:
        return "d"


class TurnCounter:
    """A TCP proxy that counts round trips: each time the client speaks again after the server answered."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.turns = 0
        self.server: asyncio.Server | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection(*self.target)
        last = ["server"]  # who spoke last on this connection

        async def pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, side: str) -> None:
            try:
                while data := await reader.read(65536):
                    if side == "client" and last[0] == "server":
                        self.turns += 1
                    last[0] = side
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                writer.close()

        await asyncio.gather(pump(client_r, server_w, "client"), pump(server_r, client_w, "server"))


@dataclass
class Figures:
    backend: str
    transactions: float
    statements: float
    checkouts: float
    pings: float
    round_trips: float | None
    member_writes: int
    p50: float
    p99: float
    db_p50: float  # of that, time inside the database's statements


async def _core(url: str) -> tuple[TrustCore, Store, VirtualClock]:
    store = await Store.open(url)
    clock = VirtualClock(START)
    return TrustCore(store, load_content(), clock, {"bench": _NoChat()}), store, clock


async def _dm(core: TrustCore, clock: VirtualClock, i: int) -> None:
    clock.advance(timedelta(seconds=30))
    actor = Actor("bench", f"member-{i % 20}", f"Member {i % 20}", frozenset())
    replies = await core.handle(MessageEvent(None, actor, Place.dm(), TEXTS[i % len(TEXTS)]))
    assert replies and replies[0].message.title.startswith("Tip"), replies


async def bench(backend: str, url: str, dms: int, proxy_url: str | None) -> Figures:
    core, store, clock = await _core(url)
    try:
        for i in range(40):  # every member known, every statement prepared, the pool warm
            await _dm(core, clock, i)
        times: list[float] = []
        db_times: list[float] = []
        totals = Counts()
        with count_db_cost(store.db.engine) as cost:
            for i in range(dms):
                cost.reset()
                began = time.perf_counter()
                await _dm(core, clock, i)
                times.append((time.perf_counter() - began) * 1000)
                db_times.append(cost.statement_seconds * 1000)
                totals.add(cost)
        member_writes = totals.member_writes
    finally:
        await store.close()
    round_trips: float | None = (totals.statements + totals.transactions) / dms  # SQLite: statements + commit
    if proxy_url is not None:
        round_trips = await _proxied_round_trips(proxy_url, dms)
    quantiles = statistics.quantiles(times, n=100)
    return Figures(
        backend,
        totals.transactions / dms,
        totals.statements / dms,
        totals.checkouts / dms,
        totals.pings / dms,
        round_trips,
        member_writes,
        statistics.median(times),
        quantiles[98],
        statistics.median(db_times),
    )


@dataclass
class Counts:
    transactions: int = 0
    statements: int = 0
    checkouts: int = 0
    pings: int = 0
    member_writes: int = 0

    def add(self, cost: DbCost) -> None:
        self.transactions += cost.transactions
        self.statements += len(cost.statements)
        self.checkouts += cost.checkouts
        self.pings += cost.pings
        self.member_writes += sum(t in ("members", "communities", "community_members") for t in cost.writes)


async def _proxied_round_trips(url: str, dms: int) -> float:
    parsed = make_url(url)
    proxy = TurnCounter(parsed.host or "127.0.0.1", parsed.port or 5432)
    port = await proxy.start()
    try:
        core, store, clock = await _core(parsed.set(host="127.0.0.1", port=port).render_as_string(hide_password=False))
        try:
            for i in range(40):
                await _dm(core, clock, i)
            before = proxy.turns
            for i in range(dms):
                await _dm(core, clock, i)
            return (proxy.turns - before) / dms
        finally:
            await store.close()
    finally:
        await proxy.stop()


@asynccontextmanager
async def temporary_pg_database(url: str) -> AsyncIterator[str]:
    """A fresh PostgreSQL database next to ``url``'s, dropped afterwards (like tests/conftest.py)."""
    admin = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"), timeout=5)
    name = f"trustbot_bench_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{url.rsplit('/', 1)[0]}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def _show(rows: list[Figures]) -> None:
    print(
        f"\n{'backend':<11}{'round trips':>12}{'transactions':>14}{'statements':>12}{'checkouts':>11}"
        f"{'pings':>7}{'member writes':>15}{'p50 ms':>9}{'p99 ms':>9}{'db p50 ms':>11}"
    )
    for row in rows:
        trips = f"{row.round_trips:.1f}" if row.round_trips is not None else "-"
        print(
            f"{row.backend:<11}{trips:>12}{row.transactions:>14.1f}{row.statements:>12.1f}{row.checkouts:>11.1f}"
            f"{row.pings:>7.1f}{row.member_writes:>15}{row.p50:>9.2f}{row.p99:>9.2f}{row.db_p50:>11.2f}"
        )
    for row in rows:
        if row.backend == "postgresql" and row.round_trips is not None:
            ok = row.round_trips <= 8 and row.p50 <= 5
            print(
                f"\npostgresql target (<= 8 round trips, p50 <= 5 ms): {'met' if ok else 'NOT met'} "
                f"({row.round_trips:.1f} round trips, p50 {row.p50:.2f} ms)"
            )
    print("(SQLite's round trips: calls into the driver's thread, statements plus the commit; no network)")
    print("(db p50: the time inside the database's statements; the rest is the core's own work, mostly tip ranking)")


async def _main(args: argparse.Namespace) -> None:
    print(f"DM cost benchmark: {args.dms} DMs from 20 members already known, after 40 warm-up DMs")
    rows: list[Figures] = []
    with tempfile.TemporaryDirectory() as folder:
        rows.append(await bench("sqlite", f"sqlite+aiosqlite:///{Path(folder) / 'dm.db'}", args.dms, None))
    if not args.no_postgres:
        try:
            async with temporary_pg_database(args.postgres_url) as url:
                rows.append(await bench("postgresql", url, args.dms, url))
        except (OSError, asyncpg.PostgresError) as exc:
            print(f"  postgresql skipped: not reachable at {args.postgres_url} ({exc})")
    _show(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--postgres-url", default=DEFAULT_PG, help=f"an existing database to start from ({DEFAULT_PG})")
    parser.add_argument("--dms", type=int, default=500, help="timed DMs per backend")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    asyncio.run(_main(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
