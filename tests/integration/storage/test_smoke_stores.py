"""Both databases migrate and round-trip a community (a smoke test for the fixtures)."""

from __future__ import annotations

from core.clock import VirtualClock
from core.store import Store


async def test_migrate_and_roundtrip(db_url: str, clock: VirtualClock) -> None:
    store = await Store.open(db_url)
    try:
        community = await store.communities.ensure("fake", "guild-1", clock.now(), "Guild")
        again = await store.communities.ensure("fake", "guild-1", clock.now(), "Guild")
        assert community.id == again.id
        second = await Store.open(db_url)  # migrating twice is harmless
        await second.close()
    finally:
        await store.close()
