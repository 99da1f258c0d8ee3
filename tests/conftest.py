"""Shared fixtures: content, real SQLite and PostgreSQL stores, a virtual clock and a fake chat."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bots.settings import Settings
from core.app import TrustCore
from core.clock import VirtualClock
from core.content import Content, load_content
from core.feature import CoreSettings
from core.guidance.model import use_cache
from core.store import Store
from fakes import FakeChat

# The trained guidance model is kept where the bot keeps it (TRUSTBOT_MODEL_CACHE, else ~/.cache/trustbot), so
# the bot processes that tests start load it in seconds instead of each training it again.
use_cache(Settings().model_cache_dir())

PG_ADMIN_URL = os.environ.get("TRUSTBOT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
START = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(START)


@pytest.fixture
def chat() -> FakeChat:
    return FakeChat()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'trustbot.db'}"


@asynccontextmanager
async def fresh_pg_database() -> AsyncIterator[str]:
    """A fresh PostgreSQL database, dropped afterwards (fails in CI, skips elsewhere, if PG is down)."""
    try:
        admin = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        message = f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({exc}); start it or set TRUSTBOT_TEST_PG"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    name = f"trustbot_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    try:
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    async with fresh_pg_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Runs the test once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'trustbot.db'}"
        return
    async with fresh_pg_database() as url:
        yield url


@pytest.fixture
async def store(sqlite_url: str) -> AsyncIterator[Store]:
    s = await Store.open(sqlite_url)
    yield s
    await s.close()


CoreFactory = Callable[..., Awaitable[TrustCore]]


@pytest.fixture
async def make_core(content: Content, clock: VirtualClock, chat: FakeChat) -> AsyncIterator[CoreFactory]:
    """Build cores over a store URL (default: the test's SQLite file); all are closed at the end."""
    stores: list[Store] = []

    async def build(
        url: str, *, instance: str = "test-1", port: FakeChat | None = None, **settings: object
    ) -> TrustCore:
        s = await Store.open(url)
        stores.append(s)
        return TrustCore(s, content, clock, {"fake": port or chat}, CoreSettings(instance_id=instance, **settings))  # type: ignore[arg-type]

    yield build
    for s in stores:
        await s.close()


@pytest.fixture
async def core(make_core: CoreFactory, sqlite_url: str) -> TrustCore:
    return await make_core(sqlite_url)
