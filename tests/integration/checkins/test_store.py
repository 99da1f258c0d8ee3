"""The check-in repository on SQLite and PostgreSQL: one subscription each, due rows by index, upserts, deletion."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import Table, func, select

from core.checkins.tables import checkin_answers, checkin_subscriptions, checkins
from core.storage.records import MemberRecord
from core.store import Store

__all__: list[str] = []

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Store]:
    store = await Store.open(db_url)
    yield store
    await store.close()


async def subscribe(store: Store, name: str, due: datetime, community_id: int | None = None) -> MemberRecord:
    member = await store.members.ensure("fake", name, name, NOW)
    await store.checkins.put_subscription(
        member.id, community_id=community_id, timezone="Europe/London", local_time=time(21, 0),
        weekdays=frozenset(range(7)), quiet=None, next_due_at=due, now=NOW,
    )  # fmt: skip
    return member


async def count(store: Store, table: Table) -> int:
    async with store.db.begin() as conn:
        return int((await conn.execute(select(func.count()).select_from(table))).scalar() or 0)


async def test_one_subscription_per_member_replaced_in_place(db: Store) -> None:
    alice = await subscribe(db, "alice", NOW)
    replaced = await db.checkins.put_subscription(
        alice.id, community_id=None, timezone="Asia/Tokyo", local_time=time(7, 15), weekdays=frozenset({6}),
        quiet=(time(23, 0), time(6, 0)), next_due_at=NOW + timedelta(days=3), now=NOW,
    )  # fmt: skip
    assert await count(db, checkin_subscriptions) == 1
    assert (replaced.timezone, replaced.local_time, replaced.weekdays) == ("Asia/Tokyo", time(7, 15), frozenset({6}))
    assert replaced.quiet == (time(23, 0), time(6, 0))
    changed = await db.checkins.update_subscription(alice.id, NOW, quiet=None, paused_until=NOW + timedelta(days=1))
    assert changed is not None and changed.quiet is None and changed.paused_until == NOW + timedelta(days=1)
    assert await db.checkins.delete_subscription(alice.id)
    assert not await db.checkins.delete_subscription(alice.id)


async def test_due_returns_only_due_rows_earliest_first_and_bounded(db: Store) -> None:
    for index in range(6):
        await subscribe(db, f"m{index}", NOW + timedelta(minutes=index - 3))  # three due, three later
    due = await db.checkins.due(NOW, limit=10)
    assert [d.member.external_id for d in due] == ["m0", "m1", "m2", "m3"]  # m3 is due exactly now
    assert [d.subscription.next_due_at for d in due] == [NOW + timedelta(minutes=i - 3) for i in range(4)]
    assert len(await db.checkins.due(NOW, limit=2)) == 2
    assert await db.checkins.next_due() == NOW - timedelta(minutes=3)


async def test_advance_is_compare_and_set(db: Store) -> None:
    alice = await subscribe(db, "alice", NOW)
    sub = await db.checkins.subscription(alice.id)
    assert sub is not None
    assert await db.checkins.advance(sub.id, NOW, NOW + timedelta(days=1))
    assert not await db.checkins.advance(sub.id, NOW, NOW + timedelta(days=2))  # someone moved it meanwhile
    again = await db.checkins.subscription(alice.id)
    assert again is not None and again.next_due_at == NOW + timedelta(days=1)


async def test_check_ins_and_answers_are_upserts(db: Store) -> None:
    alice = await subscribe(db, "alice", NOW)
    first = await db.checkins.ensure_checkin(alice.id, None, NOW.date(), NOW, NOW)
    same = await db.checkins.ensure_checkin(alice.id, None, NOW.date(), NOW, NOW)
    assert first.id == same.id and await count(db, checkins) == 1
    assert await db.checkins.save_score(first.id, "safe-to-open", 2, NOW) is None
    assert await db.checkins.save_score(first.id, "safe-to-open", 2, NOW) == 2
    assert await db.checkins.save_score(first.id, "safe-to-open", 5, NOW) == 2
    await db.checkins.save_note(first.id, "note", "one", NOW)
    await db.checkins.save_note(first.id, "note", "two", NOW)
    answers = await db.checkins.answers(first.id)
    assert answers["safe-to-open"].score == 5 and answers["note"].note == "two"
    assert await count(db, checkin_answers) == 2
    await db.checkins.save_note(first.id, "note", None, NOW)
    assert "note" not in await db.checkins.answers(first.id)


async def test_reminders_due_by_index_and_cleared(db: Store) -> None:
    alice = await subscribe(db, "alice", NOW + timedelta(days=1))
    checkin = await db.checkins.ensure_checkin(alice.id, None, NOW.date(), NOW, NOW)
    await db.checkins.mark_sent(checkin.id, NOW, "d1", NOW + timedelta(hours=2))
    assert await db.checkins.due_reminders(NOW, 10) == []
    (due,) = await db.checkins.due_reminders(NOW + timedelta(hours=2), 10)
    assert due.checkin.id == checkin.id and due.subscription is not None and due.member.external_id == "alice"
    assert await db.checkins.next_due() == NOW + timedelta(hours=2)
    await db.checkins.complete(checkin.id, NOW)
    assert await db.checkins.due_reminders(NOW + timedelta(hours=3), 10) == []


async def test_weekly_member_scores_group_by_member(db: Store) -> None:
    community = await db.communities.ensure("fake", "guild", NOW)
    for name, scores in {"a": [1, 5], "b": [4]}.items():
        member = await subscribe(db, name, NOW, community.id)
        for day, score in enumerate(scores):
            at = NOW + timedelta(days=day)
            checkin = await db.checkins.ensure_checkin(member.id, community.id, at.date(), at, at)
            await db.checkins.save_score(checkin.id, "safe-to-open", score, at)
    rows = sorted(await db.checkins.member_scores(community.id, NOW, NOW + timedelta(days=7)))
    assert [(q, round(mean, 2)) for _, q, mean in rows] == [("safe-to-open", 3.0), ("safe-to-open", 4.0)]
    assert await db.checkins.member_scores(community.id, NOW + timedelta(days=7), NOW + timedelta(days=14)) == []


async def test_delete_member_and_cascades(db: Store) -> None:
    community = await db.communities.ensure("fake", "guild", NOW)
    alice = await subscribe(db, "alice", NOW, community.id)
    bob = await subscribe(db, "bob", NOW, community.id)
    for member in (alice, bob):
        checkin = await db.checkins.ensure_checkin(member.id, community.id, NOW.date(), NOW, NOW)
        await db.checkins.save_score(checkin.id, "safe-to-open", 3, NOW)
        claim = f"checkin:{member.id}:{NOW.date().isoformat()}"
        await db.deliveries.claim(claim, kind="checkin", scheduled_for=NOW, owner="t", now=NOW, member_id=member.id)
    await db.checkins.delete_member(alice.id)
    assert (await db.checkins.export(alice.id)) == {"subscription": None, "checkins": []}
    assert await db.deliveries.get(f"checkin:{alice.id}:{NOW.date().isoformat()}") is None
    assert await count(db, checkin_subscriptions) == 1 and await count(db, checkin_answers) == 1
    await db.communities.remove(community.id)  # removing the community removes its check-in rows
    assert await count(db, checkin_subscriptions) == 0
    assert await count(db, checkins) == 0 and await count(db, checkin_answers) == 0
