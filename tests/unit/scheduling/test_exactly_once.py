"""Exactly-once across crashes, single-flight ticks, and the platform events the core handles."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from conftest import CoreFactory
from core.app import TrustCore
from core.clock import VirtualClock
from core.models import CommandEvent, Reply
from core.storage.deliveries import DEFAULT_LEASE
from fakes import CHANNEL, Crash, FakeChat, admin

GUILD = "guild-1"
SETUP = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}
EIGHT = datetime(2027, 3, 1, 13, 0, tzinfo=UTC)  # 08:00 EST, Monday


async def setup(core: TrustCore, community: str = GUILD) -> list[Reply]:
    return await core.handle(CommandEvent(community, admin(), CHANNEL, "setup", dict(SETUP)))


def prompts(chat: FakeChat) -> list[str]:
    return [s.message.text for s in chat.of_kind("post") if s.message and (s.message.title or "").startswith("Daily")]


@pytest.mark.parametrize("dies_after", ["post", "open_thread"])
async def test_a_kill_mid_delivery_is_finished_once_by_the_next_process(
    make_core: CoreFactory, sqlite_url: str, chat: FakeChat, clock: VirtualClock, dies_after: str
) -> None:
    first = await make_core(sqlite_url, instance="first")
    await setup(first)
    clock.set(EIGHT)
    chat.crash_next_after_send(dies_after)
    with pytest.raises(Crash):
        await first.tick()  # the platform took the send; the process died before recording it
    second = await make_core(sqlite_url, instance="second")
    assert await second.tick() == 0  # the dead sender's lease is still running: nothing twice, nothing lost
    clock.advance(DEFAULT_LEASE)
    assert await second.tick() == 1
    assert await second.tick() == 0
    assert len(prompts(chat)) == 1  # posted once
    assert len(chat.of_kind("thread")) == 1  # one thread, on that post
    assert [key.rsplit("#", 1)[1] for key in chat.maybe_sent] == ["message"]  # the port was told to look first
    community = await second.store.communities.find("fake", GUILD)
    assert community is not None
    posted = await second.store.prompts.posted_ids(community.id, EIGHT - timedelta(days=1), EIGHT + timedelta(days=1))
    assert len(posted) == 1  # recorded once, so the deck does not repeat the card
    record = await second.store.deliveries.get(f"prompt:{community.id}:2027-03-01")
    assert record is not None and record.status == "sent" and record.attempts == 2
    post = await second.store.prompts.by_message(community.id, chat.of_kind("post")[-1].ref)
    assert post is not None and post.thread_ref == chat.of_kind("thread")[0].ref


async def test_the_next_day_goes_on_with_a_new_card(
    make_core: CoreFactory, sqlite_url: str, chat: FakeChat, clock: VirtualClock
) -> None:
    first = await make_core(sqlite_url, instance="first")
    await setup(first)
    clock.set(EIGHT)
    chat.crash_next_after_send("post")
    with pytest.raises(Crash):
        await first.tick()
    second = await make_core(sqlite_url, instance="second")
    clock.advance(DEFAULT_LEASE)
    await second.tick()
    clock.set(EIGHT + timedelta(days=1))
    await second.tick()
    texts = prompts(chat)
    assert len(texts) == 2 and texts[0] != texts[1]


async def test_a_checkin_dm_cut_off_by_a_kill_is_sent_once(
    make_core: CoreFactory, sqlite_url: str, chat: FakeChat, clock: VirtualClock
) -> None:
    first = await make_core(sqlite_url, instance="first")
    await setup(first)
    alice = admin("alice")
    start = {"time": "21:00", "timezone": "America/New_York"}
    await first.handle(CommandEvent(GUILD, alice, CHANNEL, "checkin start", start))
    clock.set(datetime(2027, 3, 2, 2, 0, tzinfo=UTC))  # 21:00 EST
    chat.crash_next_after_send("send_dm")
    with pytest.raises(Crash):
        await first.tick()
    second = await make_core(sqlite_url, instance="second")
    clock.advance(DEFAULT_LEASE)
    await second.tick()
    checkins = [m for m in chat.dms_to("alice") if "check-in" in m.text]
    assert len(checkins) == 1 and chat.repeats == 1  # the resend came back with the first DM, not a second one


async def test_overlapping_ticks_in_one_process_run_one_at_a_time(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    for index in range(5):
        await setup(core, f"guild-{index}")
    clock.set(EIGHT)
    results = await asyncio.gather(core.tick(), core.tick(), core.tick())
    assert sum(results) == 5 and sorted(results)[:2] == [0, 0]
    assert len(prompts(chat)) == 5


async def test_many_due_communities_are_drained_in_one_tick(
    make_core: CoreFactory, sqlite_url: str, chat: FakeChat, clock: VirtualClock
) -> None:
    core = await make_core(sqlite_url, concurrency=8)
    for index in range(30):
        await setup(core, f"guild-{index}")
    clock.set(EIGHT)
    in_flight = peak = 0
    original = chat.post

    async def slow_post(*args: object, **kwargs: object) -> str:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.02)  # a platform's latency (not a schedule: nothing waits for a time)
        try:
            return await original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            in_flight -= 1

    chat.post = slow_post  # type: ignore[method-assign]
    assert await core.tick() == 30
    assert peak > 1  # sent concurrently, not one at a time


async def test_removal_waits_for_the_grace_period_and_readding_keeps_everything(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    assert await core.community_left("fake", GUILD)
    clock.set(EIGHT)
    assert await core.tick() == 0  # no prompt for a community the bot left
    await core.community_seen("fake", GUILD)  # added back within the grace period
    clock.set(EIGHT + timedelta(days=1))
    assert await core.tick() == 1
    assert await core.community_left("fake", GUILD)
    due = await core.next_due()
    assert due is not None and due <= clock.now() + core.settings.removal_grace
    clock.advance(core.settings.removal_grace + timedelta(minutes=1))
    await core.tick()
    assert await core.store.communities.find("fake", GUILD) is None


async def test_a_deleted_channel_pauses_its_schedules_and_tells_moderators_once(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    lines = await core.channel_gone("fake", GUILD, "daily-prompts")
    assert len(lines) >= 1 and "paused" in lines[0]
    status = await core.handle(CommandEvent(GUILD, admin(), CHANNEL, "status", {}))
    assert "paused" in status[0].message.text
    assert await core.pending_alerts("fake", GUILD) == lines
    assert await core.pending_alerts("fake", GUILD) == []  # told once
    clock.set(EIGHT)
    assert await core.tick() == 0
