"""The challenge repository on SQLite and PostgreSQL: runs by compare-and-set, idempotent joins and marks, cascades."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta

from core.app import TrustCore
from core.challenges.store import ChallengeStep
from core.clock import VirtualClock
from core.models import CommandEvent
from core.store import Store
from fakes import CHANNEL, FakeChat, admin, member, moderator

__all__: list[str] = []

STEPS = [ChallengeStep("Day one", "Say one kind thing today", "be-honest"), ChallengeStep("Day two", "Listen first")]


async def test_challenge_repo_round_trip(db_url: str, clock: VirtualClock) -> None:
    store = await Store.open(db_url)
    try:
        now = clock.now()
        community = await store.communities.ensure("fake", "guild-1", now)
        alice = await store.members.ensure("fake", "alice", "Alice", now)
        bob = await store.members.ensure("fake", "bob", "Bob", now)
        repo = store.challenges
        start = now + timedelta(days=1)
        run = await repo.create_run(
            community.id, challenge_id=None, title="Kind words", steps=STEPS, channel_ref="c1", channel_name="general",
            timezone="Europe/London", local_time=time(9, 30), start_date=date(2027, 3, 2), next_run_at=start, now=now,
        )  # fmt: skip
        assert run.steps == tuple(STEPS) and run.days == 2 and run.local_time == time(9, 30)
        assert run.status == "scheduled" and run.anchor_day == 1 and run.anchor_date == date(2027, 3, 2)
        assert await repo.get(run.id) == run
        assert await repo.next_due() == start
        assert await repo.due(now) == [] and [r.id for r in await repo.due(start)] == [run.id]

        # compare-and-set: a stale version loses
        assert await repo.update(run.id, run.version, now, next_run_at=start + timedelta(hours=1))
        assert not await repo.update(run.id, run.version, now, next_run_at=start)
        assert await repo.next_due() == start + timedelta(hours=1)

        await repo.set_ref(run.id, "thread_ref", "t1", now)
        await repo.set_ref(run.id, "thread_ref", "t2", now)  # set once only
        assert await repo.mark_running(run.id, now) and not await repo.mark_running(run.id, now)
        fresh = await repo.get(run.id)
        assert fresh is not None and fresh.thread_ref == "t1" and fresh.status == "running"
        assert await repo.by_thread(community.id, "t1") == fresh

        await repo.record_day(run.id, 1, date(2027, 3, 2), start, "skipped", None)
        await repo.record_day(run.id, 1, date(2027, 3, 2), start, "posted", "m9")
        await repo.record_day(run.id, 1, date(2027, 3, 2), start, "skipped", None)
        assert [(d.day, d.status, d.message_ref) for d in await repo.days(run.id)] == [(1, "posted", "m9")]

        assert await repo.join(run.id, alice.id, community.id, now, True)
        assert not await repo.join(run.id, alice.id, community.id, now, None)  # keeps the DM choice
        assert await repo.join(run.id, bob.id, community.id, now, None)
        alice_in = await repo.membership(run.id, alice.id)
        assert alice_in is not None and alice_in.dm
        assert [p.external_id for p in await repo.dm_recipients(run.id)] == ["alice"]
        assert await repo.mark_done(run.id, alice.id, 1, now) and not await repo.mark_done(run.id, alice.id, 1, now)
        assert await repo.mark_done(run.id, alice.id, 2, now)
        assert sorted(await repo.done_counts(run.id)) == [0, 2]
        assert await repo.participant_count(run.id) == 2

        assert await repo.leave(run.id, bob.id) and not await repo.leave(run.id, bob.id)
        await repo.delete_member(alice.id)
        assert await repo.memberships(alice.id) == [] and await repo.done_days(run.id, alice.id) == {}
        assert await repo.participant_count(run.id) == 0

        assert await repo.end(run.id, "finished", now) and not await repo.end(run.id, "cancelled", now)
        assert await repo.next_due() is None
        assert [r.status for r in await repo.for_community(community.id)] == ["finished"]

        await repo.join(run.id, bob.id, community.id, now, False)
        await store.communities.remove(community.id)  # cascades
        assert await repo.get(run.id) is None and await repo.memberships(bob.id) == []
    finally:
        await store.close()


async def test_two_cores_on_one_postgres_post_each_challenge_day_once(
    make_core: Callable[..., Awaitable[TrustCore]], pg_url: str, clock: VirtualClock
) -> None:
    chat_a, chat_b = FakeChat(), FakeChat()
    core_a = await make_core(pg_url, instance="a", port=chat_a)
    core_b = await make_core(pg_url, instance="b", port=chat_b)
    setup = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}
    await core_a.handle(CommandEvent("guild", admin(), CHANNEL, "setup", setup))
    args = {"challenge": "nine-steps", "start": "2027-03-12", "time": "09:00", "channel": "#challenges"}
    replies = await core_b.handle(CommandEvent("guild", moderator("mona"), CHANNEL, "challenge schedule", args))
    assert "Challenge scheduled" in replies[0].message.plain()
    for name in ("ann", "ben"):
        await core_a.handle(CommandEvent("guild", member(name), CHANNEL, "challenge join", {"dm": "yes"}))
    start = datetime(2027, 3, 12, 13, 0, tzinfo=UTC)
    for step in range(10 * 24 * 3):  # every 20 minutes for ten days, both processes at once
        clock.set(start + timedelta(minutes=20 * step))
        await asyncio.gather(core_a.tick(), core_b.tick(), core_a.tick(), core_b.tick())
    sent = chat_a.sent + chat_b.sent
    intros = [s for s in sent if s.kind == "post" and s.target == "challenges"]
    threads = [s for s in sent if s.kind == "thread" and s.target == "challenges"]
    assert len(intros) == 1 and len(threads) == 1
    posts = Counter(s.message.title for s in sent if s.kind == "in_thread" and s.message)
    days = [t for t in posts if t and t.startswith("Day ")]
    assert len(days) == 9 and set(posts.values()) == {1}
    assert posts["Challenge complete · Nine steps in nine days"] == 1
    dms = Counter((s.target, s.message.title) for s in sent if s.kind == "dm" and s.message)
    assert len(dms) == 18 and set(dms.values()) == {1}
