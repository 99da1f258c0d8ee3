"""Delivery claims on SQLite and PostgreSQL: exactly one winner, bounded retries, no retaking."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from core.clock import VirtualClock
from core.storage.deliveries import DEFAULT_LEASE, MAX_ATTEMPTS
from core.store import Store


async def test_one_claim_wins_even_when_many_race(db_url: str, clock: VirtualClock) -> None:
    stores = [await Store.open(db_url) for _ in range(2)]
    try:
        now = clock.now()
        results = await asyncio.gather(
            *[
                stores[i % 2].deliveries.claim(
                    "prompt:1:2027-03-01", kind="prompt", scheduled_for=now, owner=f"p{i}", now=now
                )
                for i in range(12)
            ]
        )
        assert [bool(r) for r in results].count(True) == 1
    finally:
        for s in stores:
            await s.close()


async def test_failed_sends_are_retried_a_bounded_number_of_times(db_url: str, clock: VirtualClock) -> None:
    store = await Store.open(db_url)
    try:
        now = clock.now()
        key = "prompt:1:2027-03-02"
        assert await store.deliveries.claim(key, kind="prompt", scheduled_for=now, owner="a", now=now)
        assert not await store.deliveries.claim(key, kind="prompt", scheduled_for=now, owner="b", now=now)
        for _ in range(MAX_ATTEMPTS - 1):
            await store.deliveries.release(key, "503")
            assert await store.deliveries.claim(key, kind="prompt", scheduled_for=now, owner="b", now=now)
        await store.deliveries.release(key, "503")
        assert not await store.deliveries.claim(key, kind="prompt", scheduled_for=now, owner="c", now=now)
        record = await store.deliveries.get(key)
        assert record is not None and record.attempts == MAX_ATTEMPTS and record.status == "failed"
    finally:
        await store.close()


async def test_a_vanished_claim_is_retaken_after_its_lease_with_its_steps(db_url: str, clock: VirtualClock) -> None:
    """Issue 7 turned at-most-once into exactly-once: a dead sender's claim is finished by another."""
    store = await Store.open(db_url)
    try:
        now = clock.now()
        first = await store.deliveries.claim("k", kind="prompt", scheduled_for=now, owner="a", now=now)
        assert first and first.steps == {}
        await store.deliveries.save_steps("k", {"message": "m1"})
        within = now + DEFAULT_LEASE - timedelta(seconds=1)
        busy = await store.deliveries.claim("k", kind="prompt", scheduled_for=now, owner="b", now=within)
        assert not busy and busy.busy_until == now + DEFAULT_LEASE
        later = now + DEFAULT_LEASE
        resumed = await store.deliveries.claim("k", kind="prompt", scheduled_for=now, owner="b", now=later)
        assert resumed and resumed.steps == {"message": "m1"}
        await store.deliveries.mark_sent("k", later, "m1")
        record = await store.deliveries.get("k")
        assert record is not None and record.status == "sent" and record.ref == "m1" and record.attempts == 2
        much_later = later + timedelta(days=1)
        final = await store.deliveries.claim("k", kind="prompt", scheduled_for=now, owner="c", now=much_later)
        assert not final and final.busy_until is None  # sent is final
        await store.deliveries.release("k2", "never claimed")  # harmless
    finally:
        await store.close()


async def test_a_delivery_that_keeps_dying_is_given_up(db_url: str, clock: VirtualClock) -> None:
    """A poison delivery (its sender dies every time) is retaken a bounded number of times, never in a loop."""
    store = await Store.open(db_url)
    try:
        now = clock.now()
        taken = 0
        for attempt in range(MAX_ATTEMPTS + 2):
            at = now + attempt * DEFAULT_LEASE
            taken += bool(await store.deliveries.claim("k", kind="prompt", scheduled_for=now, owner="x", now=at))
        assert taken == MAX_ATTEMPTS
    finally:
        await store.close()
