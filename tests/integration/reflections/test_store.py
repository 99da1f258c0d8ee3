"""The reflections repository on SQLite and PostgreSQL: one per week, opening, closing, the week's prompts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest

from core.reflections.store import ReflectionRecord
from core.store import Store

NOW = datetime(2027, 3, 7, 23, 0, tzinfo=UTC)
MONDAY = date(2027, 3, 1)


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Store]:
    store = await Store.open(db_url)
    yield store
    await store.close()


async def reserve(
    store: Store, community_id: int, monday: date = MONDAY, theme: str = "be-honest", source: str = "rotation"
) -> ReflectionRecord | None:
    return await store.reflections.reserve(
        community_id, week_start=monday, local_date=monday + timedelta(days=6), theme_id=theme, theme_source=source,
        channel_ref="daily-prompts", now=NOW, close_at=NOW + timedelta(hours=48),
    )  # fmt: skip


async def test_one_reflection_per_community_and_week(db: Store) -> None:
    community = await db.communities.ensure("fake", "guild-1", NOW)
    other = await db.communities.ensure("fake", "guild-2", NOW)
    results = await asyncio.gather(*(reserve(db, community.id) for _ in range(4)))
    assert sum(r is not None for r in results) == 1
    assert await reserve(db, other.id) is not None
    assert await reserve(db, community.id, MONDAY + timedelta(days=7)) is not None
    record = await db.reflections.for_week(community.id, MONDAY)
    assert record is not None and record.status == "opening" and record.close_at == NOW + timedelta(hours=48)
    assert record.opened_at == NOW and record.opened_at.tzinfo is not None


async def test_open_close_and_count_replies(db: Store) -> None:
    community = await db.communities.ensure("fake", "guild-1", NOW)
    record = await reserve(db, community.id)
    assert record is not None
    assert await db.reflections.next_close() is None  # still being opened: nothing to close
    await db.reflections.opened(record.id, message_ref="m1", thread_ref="t1", now=NOW)
    assert await db.reflections.next_close() == NOW + timedelta(hours=48)
    found = await db.reflections.by_thread(community.id, "t1")
    assert found is not None and found.id == record.id and found.status == "open"
    assert await db.reflections.by_thread(community.id, "t2") is None
    await db.reflections.add_reply(record.id)
    await db.reflections.add_reply(record.id)
    assert await db.reflections.due_to_close(NOW + timedelta(hours=47)) == []
    due = await db.reflections.due_to_close(NOW + timedelta(hours=48))
    assert [d.id for d in due] == [record.id] and due[0].reply_count == 2
    later = NOW + timedelta(hours=49)
    await db.reflections.postpone(record.id, later)
    assert await db.reflections.next_close() == later
    await db.reflections.set_closing_ref(record.id, "m9")
    assert await db.reflections.mark_closed(record.id, later) is True
    assert await db.reflections.mark_closed(record.id, later) is False
    closed = await db.reflections.get(record.id)
    assert closed is not None and closed.status == "closed" and closed.closed_at == later and closed.closing_ref == "m9"
    assert await db.reflections.next_close() is None
    assert await db.reflections.open_threads(community.id) == []


async def test_without_a_thread_it_is_closed_at_once_and_a_failed_post_gives_the_week_back(db: Store) -> None:
    community = await db.communities.ensure("fake", "guild-1", NOW)
    record = await reserve(db, community.id)
    assert record is not None
    await db.reflections.cancel(record.id)
    assert await db.reflections.for_week(community.id, MONDAY) is None
    record = await reserve(db, community.id)
    assert record is not None
    await db.reflections.opened(record.id, message_ref="m1", thread_ref=None, now=NOW)
    await db.reflections.cancel(record.id)  # only a reservation can be cancelled
    kept = await db.reflections.for_week(community.id, MONDAY)
    assert kept is not None and kept.status == "closed"
    assert await db.reflections.next_close() is None


async def test_rotation_memory_ignores_peer_themes(db: Store) -> None:
    community = await db.communities.ensure("fake", "guild-1", NOW)
    assert await db.reflections.last_rotation_theme(community.id) is None
    await reserve(db, community.id, MONDAY, "safe-harbour", "rotation")
    await reserve(db, community.id, MONDAY + timedelta(days=7), "be-honest", "peer")
    assert await db.reflections.last_rotation_theme(community.id) == "safe-harbour"
    await reserve(db, community.id, MONDAY + timedelta(days=14), "say-sorry", "rotation")
    assert await db.reflections.last_rotation_theme(community.id) == "say-sorry"


async def test_the_weeks_posted_prompts(db: Store) -> None:
    community = await db.communities.ensure("fake", "guild-1", NOW)
    start = NOW - timedelta(days=7)
    posts = [
        ("p-old", "posted", start - timedelta(minutes=1)),
        ("p-1", "posted", start + timedelta(hours=14)),
        ("p-skip", "skipped", start + timedelta(days=1)),
        ("p-2", "posted", start + timedelta(days=2)),
        ("p-1", "posted", start + timedelta(days=3)),  # posted again (a new cycle): named once
        ("p-3", "posted", NOW),
        ("p-late", "posted", NOW + timedelta(minutes=1)),
    ]
    for prompt_id, status, when in posts:
        await db.prompts.record(community.id, prompt_id, 1, status=status, local_date=when.date(), now=when)
    other = await db.communities.ensure("fake", "guild-2", NOW)
    await db.prompts.record(other.id, "p-other", 1, status="posted", local_date=NOW.date(), now=NOW)
    assert await db.prompts.posted_ids(community.id, start, NOW) == ["p-1", "p-2", "p-3"]


async def test_deleting_the_community_removes_its_reflections(db: Store) -> None:
    community = await db.communities.ensure("fake", "guild-1", NOW)
    record = await reserve(db, community.id)
    assert record is not None
    await db.reflections.opened(record.id, message_ref="m1", thread_ref="t1", now=NOW)
    await db.communities.remove(community.id)
    assert await db.reflections.get(record.id) is None
    assert await db.reflections.next_close() is None
