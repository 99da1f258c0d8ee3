"""Weekly reflections through the core with a fake chat and a virtual clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from core.app import TrustCore
from core.clock import VirtualClock
from core.content import Content
from core.errors import DeliveryError
from core.feature import Context, Feature
from core.models import Actor, CommandEvent, Message, MessageEvent, Place, Reply
from core.reflections.feature import ReflectionsFeature
from core.scheduling.virtual_time import run_until as shared_run_until
from core.storage.records import CommunityRecord
from fakes import CHANNEL, FakeChat, admin, member, moderator

GUILD = "guild-1"
SETUP = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}
SUN_MAR_7_1800_EST = datetime(2027, 3, 7, 23, 0, tzinfo=UTC)
SUN_MAR_14_1800_EDT = datetime(2027, 3, 14, 22, 0, tzinfo=UTC)  # DST began at 02:00 that morning


async def run(core: TrustCore, actor: Actor, name: str, **args: str) -> list[Reply]:
    return await core.handle(CommandEvent(GUILD, actor, CHANNEL, name, dict(args)))


def text(replies: list[Reply]) -> str:
    return "\n".join(r.message.plain() for r in replies)


async def setup(core: TrustCore, **extra: str) -> str:
    replies = await run(core, admin(), "setup", **{**SETUP, **extra})
    body = text(replies)
    assert "Setup saved" in body, body
    return body


async def community_of(core: TrustCore) -> CommunityRecord:
    found = await core.store.communities.find("fake", GUILD)
    assert found is not None
    return found


async def run_until(core: TrustCore, clock: VirtualClock, target: datetime) -> None:
    """Move the clock to ``target``, stopping at every due moment on the way (like the sandbox)."""
    await shared_run_until(clock, target, [core])


def reflections(chat: FakeChat) -> list[Message]:
    found = []
    for sent in chat.of_kind("post"):
        if sent.message is not None and (sent.message.title or "").startswith("Weekly reflection"):
            found.append(sent.message)
    return found


def thread_message(actor: Actor, thread: str, words: str) -> MessageEvent:
    return MessageEvent(GUILD, actor, Place("thread", "daily-prompts", thread), words)


class ThemePeer(Feature):
    """A stand-in for a running challenge: it names the week's theme and adds a line."""

    name = "theme-peer"

    def __init__(self, core: TrustCore, theme: str | None, lines: list[str]) -> None:
        super().__init__(core.deps)
        self.theme = theme
        self.lines = lines
        self.asked: list[tuple[datetime, datetime]] = []

    async def current_theme(self, community: CommunityRecord, local_date: date) -> str | None:
        return self.theme

    async def reflection_lines(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        self.asked.append((start, end))
        return list(self.lines)


class BrokenPeer(Feature):
    name = "broken-peer"

    async def current_theme(self, community: CommunityRecord, local_date: date) -> str | None:
        raise RuntimeError("boom")

    async def reflection_lines(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        raise RuntimeError("boom")


# ---------------------------------------------------------------------- setup


async def test_first_setup_enables_a_default_sunday_reflection(core: TrustCore) -> None:
    body = await setup(core)
    assert "Weekly reflection: Sundays at 18:00 in #daily-prompts (the default" in body
    assert "`/trust reflection off`" in body
    community = await community_of(core)
    schedule = await core.store.schedules.get(community.id, "reflection")
    assert schedule is not None
    assert schedule.weekdays == frozenset({6}) and schedule.local_time == time(18, 0)
    assert schedule.channel_ref == "daily-prompts" and schedule.timezone == "America/New_York"
    assert schedule.next_run_at == SUN_MAR_7_1800_EST


async def test_setup_with_reflection_options(core: TrustCore) -> None:
    body = await setup(core, reflection_day="wednesday", reflection_time="7:30pm", reflection_channel="#reflections")
    assert "Weekly reflection: Wednesdays at 19:30 in #reflections." in body
    assert "Next reflection: Wed 03 Mar 2027 19:30 EST; each thread stays open 48 hours." in body
    schedule = await core.store.schedules.get((await community_of(core)).id, "reflection")
    assert schedule is not None and schedule.channel_ref == "reflections" and schedule.weekdays == frozenset({2})


async def test_bad_reflection_options_store_nothing(core: TrustCore, chat: FakeChat) -> None:
    cases = [
        ({"reflection_day": "sat,sun"}, "exactly one day"),
        ({"reflection_day": "daily"}, "exactly one day"),
        ({"reflection_day": "funday"}, "'funday' is not a day"),
        ({"reflection_time": "25:00"}, "reflection_time: '25:00' is not a valid time"),
        ({"reflection_time": "soon"}, "reflection_time: 'soon' is not a time of day"),
        ({"reflection_channel": "#nowhere"}, "can't find a channel called #nowhere"),
    ]
    for extra, expected in cases:
        body = text(await run(core, admin(), "setup", **{**SETUP, **extra}))
        assert expected in body, body
        assert "Nothing was changed" in body
        community = await community_of(core)
        assert await core.store.schedules.for_community(community.id) == []
        assert community.timezone is None
    assert chat.sent == []
    # after a good setup, a bad change leaves the reflection as it was
    await setup(core, reflection_day="fri")
    community = await community_of(core)
    before = await core.store.schedules.get(community.id, "reflection")
    body = text(await run(core, admin(), "setup", reflection_day="mon-wed", reflection_time="09:00"))
    assert "exactly one day" in body
    assert await core.store.schedules.get(community.id, "reflection") == before


async def test_timezone_change_moves_the_reflection_to_the_new_zone(core: TrustCore) -> None:
    await setup(core)
    body = text(await run(core, admin(), "setup", timezone="Europe/London"))
    assert "Next reflection: Sun 07 Mar 2027 18:00 GMT" in body
    schedule = await core.store.schedules.get((await community_of(core)).id, "reflection")
    assert schedule is not None and schedule.timezone == "Europe/London"
    assert schedule.next_run_at == datetime(2027, 3, 7, 18, 0, tzinfo=UTC)


async def test_reflection_follows_the_prompt_channel_unless_set_apart(core: TrustCore) -> None:
    await setup(core)
    body = text(await run(core, admin(), "setup", channel="#general"))
    assert "Weekly reflection: Sundays at 18:00 in #general. (It moved with the daily prompt" in body
    await setup(core, reflection_channel="#reflections")
    text(await run(core, admin(), "setup", channel="#challenges"))
    schedule = await core.store.schedules.get((await community_of(core)).id, "reflection")
    assert schedule is not None and schedule.channel_ref == "reflections"


# ---------------------------------------------------------------------- delivery


async def test_opens_on_the_chosen_day_at_local_time_across_dst(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    await run_until(core, clock, SUN_MAR_7_1800_EST - timedelta(minutes=1))
    assert reflections(chat) == []
    await run_until(core, clock, datetime(2027, 3, 15, 12, 0, tzinfo=UTC))
    rows = await core.store.reflections.for_community((await community_of(core)).id)
    assert [r.opened_at for r in rows] == [SUN_MAR_7_1800_EST, SUN_MAR_14_1800_EDT]
    assert [r.local_date for r in rows] == [date(2027, 3, 7), date(2027, 3, 14)]
    assert len(reflections(chat)) == 2
    threads = [s for s in chat.of_kind("thread") if s.title.startswith("Weekly reflection")]
    assert [t.title for t in threads] == [
        "Weekly reflection · 07 Mar · Safe to be open",
        "Weekly reflection · 14 Mar · Commit to being trustworthy",
    ]


async def test_the_message_recalls_the_weeks_prompts_and_asks_the_themes_questions(
    core: TrustCore, chat: FakeChat, clock: VirtualClock, content: Content
) -> None:
    await setup(core)
    await run_until(core, clock, SUN_MAR_14_1800_EDT)
    community = await community_of(core)
    posted = await core.store.prompts.posted(community.id)
    texts = {item.id: item.text for item in content.deck}
    first_week = [texts[p.prompt_id] for p in posted if p.local_date <= date(2027, 3, 7)]
    second_week = [texts[p.prompt_id] for p in posted if date(2027, 3, 8) <= p.local_date <= date(2027, 3, 14)]
    assert len(first_week) == 7 and len(second_week) == 7
    week1, week2 = reflections(chat)
    assert all(prompt in week1.text for prompt in first_week)
    assert all(prompt in week2.text for prompt in second_week)
    assert not any(prompt in week2.text for prompt in first_week)
    theme = content.themes[1]
    assert week2.title == f"Weekly reflection · {theme.label}"
    assert all(question in week2.text for question in theme.reflection_questions)
    assert theme.source.cite() in (week2.footer or "") and "education, not therapy" in (week2.footer or "")
    assert "stays open until Tue 16 Mar 2027 18:00 EDT" in week2.text
    assert all(len(m.plain()) <= 1800 for m in (week1, week2))


async def test_exactly_once_across_a_restart(
    make_core: Any, sqlite_url: str, chat: FakeChat, clock: VirtualClock
) -> None:
    first = await make_core(sqlite_url, instance="a")
    await setup(first)
    clock.set(SUN_MAR_7_1800_EST)
    await first.tick()
    assert len(reflections(chat)) == 1
    second = await make_core(sqlite_url, instance="b")  # the process restarted
    clock.set(SUN_MAR_7_1800_EST + timedelta(minutes=5))
    await second.tick()
    await first.tick()
    assert len(reflections(chat)) == 1
    # down over next Sunday's time, back within the grace window: caught up once, rotation continues
    third = await make_core(sqlite_url, instance="c")
    clock.set(SUN_MAR_14_1800_EDT + timedelta(hours=2))
    await third.tick()
    await second.tick()
    assert len(reflections(chat)) == 2
    assert reflections(chat)[1].title == "Weekly reflection · Commit to being trustworthy"


async def test_a_reflection_missed_beyond_the_grace_window_is_skipped(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    clock.set(SUN_MAR_7_1800_EST + timedelta(hours=7))
    await core.tick()
    assert reflections(chat) == []


async def test_two_cores_on_one_postgres_database_open_and_close_once(
    make_core: Any, pg_url: str, chat: FakeChat, clock: VirtualClock
) -> None:
    a = await make_core(pg_url, instance="a")
    b = await make_core(pg_url, instance="b")
    await setup(a)
    clock.set(SUN_MAR_7_1800_EST)
    await asyncio.gather(a.tick(), b.tick(), a.tick(), b.tick())
    assert len(reflections(chat)) == 1
    assert len([s for s in chat.of_kind("thread") if s.title.startswith("Weekly reflection")]) == 1
    clock.set(SUN_MAR_7_1800_EST + timedelta(hours=48))
    await asyncio.gather(a.tick(), b.tick(), a.tick(), b.tick())
    assert len(chat.of_kind("close")) == 1
    assert len(chat.of_kind("in_thread")) == 1


async def test_a_peers_theme_and_lines_are_used(
    core: TrustCore, chat: FakeChat, clock: VirtualClock, content: Content
) -> None:
    feature = core.feature(ReflectionsFeature)
    peer = ThemePeer(core, "be-honest", ["**Check-ins:** 6 members checked in; the average closeness was 3.8 of 5."])
    feature.peers.extend([BrokenPeer(core.deps), peer])
    await setup(core)
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    (message,) = reflections(chat)
    assert message.title == "Weekly reflection · Step 4: Be honest"
    assert "in step with this week's challenge" in message.text
    assert "**Check-ins:** 6 members checked in; the average closeness was 3.8 of 5." in message.text
    assert all(q in message.text for q in content.theme("be-honest").reflection_questions)
    assert peer.asked == [(SUN_MAR_7_1800_EST - timedelta(days=7), SUN_MAR_7_1800_EST)]
    # the challenge is over: the rotation starts where it was, not one further
    peer.theme = None
    peer.lines = []
    clock.set(SUN_MAR_14_1800_EDT)
    await core.tick()
    assert reflections(chat)[1].title == f"Weekly reflection · {content.themes[0].label}"
    assert "This week in the community" not in reflections(chat)[1].text


async def test_a_peer_naming_an_unknown_theme_is_ignored(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    core.feature(ReflectionsFeature).peers.append(ThemePeer(core, "no-such-theme", []))
    await setup(core)
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    assert reflections(chat)[0].title == "Weekly reflection · Safe to be open"


# ---------------------------------------------------------------------- closing and threads


async def test_the_thread_closes_after_48_hours_with_a_note(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    thread = next(s for s in chat.of_kind("thread") if s.title.startswith("Weekly reflection")).ref
    for who in ("alice", "bob"):
        await core.handle(thread_message(member(who), thread, "I noticed I listened better this week."))
    close_at = SUN_MAR_7_1800_EST + timedelta(hours=48)
    assert await core.feature(ReflectionsFeature).next_due() == close_at
    clock.set(close_at - timedelta(minutes=1))
    await core.tick()
    assert chat.of_kind("close") == []
    clock.set(close_at)
    await core.tick()
    assert [c.target for c in chat.of_kind("close")] == [thread]
    notes = [s.message for s in chat.of_kind("in_thread") if s.target == thread]
    assert len(notes) == 1 and notes[0] is not None
    assert (
        "Thank you for sharing this week (2 replies)." in notes[0].text and "Sun 14 Mar 2027 18:00 EDT" in notes[0].text
    )
    assert await core.feature(ReflectionsFeature).next_due() is None
    await core.tick()
    assert len(chat.of_kind("close")) == 1
    # a late answer in the closed thread still belongs to the reflection, but is not counted
    feature = core.feature(ReflectionsFeature)
    assert await feature.on_thread_message(await context(core, thread), thread, "late")
    assert not await feature.on_thread_message(await context(core, "t-other"), "t-other", "elsewhere")
    rows = await core.store.reflections.for_community((await community_of(core)).id)
    assert rows[0].status == "closed" and rows[0].reply_count == 2


async def context(core: TrustCore, thread: str) -> Context:
    community = await community_of(core)
    carol = await core.store.members.ensure("fake", "carol", "Carol", core.clock.now())
    place = Place("thread", "daily-prompts", thread)
    return Context(member("carol"), carol, community, place, core.deps.ports["fake"], core.clock.now())


async def test_close_after_hours_setting(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    body = text(await run(core, moderator("mona"), "reflection on", close_after_hours="24"))
    assert "was already on" in body and "each thread stays open 24 hours" in body
    for bad, expected in (("0", "from 1 to 168"), ("200", "from 1 to 168"), ("a day", "whole number")):
        reply = text(await run(core, moderator("mona"), "reflection on", close_after_hours=bad))
        assert expected in reply and "Nothing was changed" in reply
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    clock.set(SUN_MAR_7_1800_EST + timedelta(hours=24))
    await core.tick()
    assert len(chat.of_kind("close")) == 1


async def test_a_deleted_thread_is_marked_closed(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    chat.fail_next("post_in_thread", DeliveryError("not_found", "thread deleted"))
    clock.set(SUN_MAR_7_1800_EST + timedelta(hours=48))
    await core.tick()
    rows = await core.store.reflections.for_community((await community_of(core)).id)
    assert rows[0].status == "closed"
    assert await core.feature(ReflectionsFeature).next_due() is None


async def test_a_platform_outage_while_closing_is_retried_without_a_second_note(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    close_at = SUN_MAR_7_1800_EST + timedelta(hours=48)
    chat.fail_next("close_thread", DeliveryError("unavailable", "502"))
    clock.set(close_at)
    await core.tick()
    assert chat.of_kind("close") == []
    retry = await core.feature(ReflectionsFeature).next_due()
    assert retry is not None and retry > close_at  # never due in the past, so nothing spins
    clock.set(retry)
    await core.tick()
    assert len(chat.of_kind("close")) == 1
    assert len(chat.of_kind("in_thread")) == 1


async def test_a_failed_thread_keeps_the_post(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    chat.fail_next("open_thread", DeliveryError("forbidden", "no thread permission"))
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    assert len(reflections(chat)) == 1
    assert await core.feature(ReflectionsFeature).next_due() is None


async def test_a_failed_post_is_retried_then_sent_once(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    chat.fail_next("post", DeliveryError("rate_limited", "429", retry_after=60))
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    assert reflections(chat) == []
    await run_until(core, clock, SUN_MAR_7_1800_EST + timedelta(minutes=10))
    assert len(reflections(chat)) == 1


async def test_a_deleted_channel_pauses_the_reflection(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core, reflection_channel="#reflections")
    chat.channels.discard("reflections")
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    schedule = await core.store.schedules.get((await community_of(core)).id, "reflection")
    assert schedule is not None and schedule.paused
    assert "reflection schedule for #reflections was paused" in text(await run(core, admin(), "status"))
    assert (await core.store.reflections.for_community((await community_of(core)).id)) == []


# ---------------------------------------------------------------------- commands


async def test_off_and_on(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    body = text(await run(core, moderator("mona"), "reflection off"))
    assert "The weekly reflection is off" in body
    assert "already off" in text(await run(core, moderator("mona"), "reflection off"))
    clock.set(SUN_MAR_7_1800_EST + timedelta(hours=1))
    await core.tick()
    assert reflections(chat) == []
    assert "weekly reflection" not in text(await run(core, admin(), "status"))
    # a later setup keeps it off (and does not bring the default back)
    body = text(await run(core, admin(), "setup", reflection_time="19:00"))
    assert "The weekly reflection is off" in body
    clock.set(datetime(2027, 3, 9, 12, 0, tzinfo=UTC))
    body = text(await run(core, moderator("mona"), "reflection on"))
    assert "is back on: Sundays at 19:00" in body and "Next reflection: Sun 14 Mar 2027 19:00 EDT" in body
    schedule = await core.store.schedules.get((await community_of(core)).id, "reflection")
    assert schedule is not None and schedule.next_run_at == datetime(2027, 3, 14, 23, 0, tzinfo=UTC)
    clock.set(datetime(2027, 3, 14, 23, 0, tzinfo=UTC))
    await core.tick()
    assert len(reflections(chat)) == 1


async def test_now_opens_once_per_week_and_replaces_the_scheduled_one(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    clock.set(datetime(2027, 3, 3, 15, 0, tzinfo=UTC))  # Wed 10:00 EST
    body = text(await run(core, moderator("mona"), "reflection now"))
    assert "This week's reflection is open in #daily-prompts (Safe to be open)" in body
    assert "closes Fri 05 Mar 2027 10:00 EST" in body
    assert "the one due Sun 07 Mar 2027 18:00 EST is skipped" in body
    again = text(await run(core, moderator("mona"), "reflection now"))
    assert "already open" in again
    assert len(reflections(chat)) == 1
    community = await community_of(core)
    delivery = await core.store.deliveries.get(f"reflection:{community.id}:2027-W09")
    assert delivery is not None and delivery.status == "sent"
    await run_until(core, clock, SUN_MAR_7_1800_EST + timedelta(hours=1))
    assert len(reflections(chat)) == 1  # the scheduled one saw this week's was already open
    await run_until(core, clock, SUN_MAR_14_1800_EDT)
    assert len(reflections(chat)) == 2
    assert reflections(chat)[1].title == "Weekly reflection · Commit to being trustworthy"


async def test_now_after_a_failure_can_be_tried_again(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    chat.fail_next("post", DeliveryError("unavailable", "503"))
    body = text(await run(core, moderator("mona"), "reflection now"))
    assert "I could not do that" in body
    assert reflections(chat) == []
    assert "is open in #daily-prompts" in text(await run(core, moderator("mona"), "reflection now"))
    assert len(reflections(chat)) == 1


async def test_members_are_refused_and_nothing_changes(core: TrustCore, chat: FakeChat) -> None:
    await setup(core)
    before = len(chat.sent)
    for command in ("reflection now", "reflection off", "reflection on"):
        body = text(await run(core, member("bob"), command))
        assert "Only moderators (role 'moderators') and admins" in body
    assert len(chat.sent) == before
    schedule = await core.store.schedules.get((await community_of(core)).id, "reflection")
    assert schedule is not None and not schedule.paused


async def test_commands_before_setup_say_what_to_do(core: TrustCore, chat: FakeChat) -> None:
    for command in ("reflection now", "reflection on", "reflection off"):
        body = text(await run(core, admin(), command))
        assert "/trust setup" in body
    assert chat.sent == []


async def test_status_lists_the_next_reflection_and_the_pending_close(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    body = text(await run(core, admin(), "status"))
    assert "Sun 07 Mar 2027 18:00 EST — weekly reflection in #daily-prompts: Safe to be open" in body
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    body = text(await run(core, admin(), "status"))
    assert "Tue 09 Mar 2027 18:00 EST — weekly reflection thread closes (Safe to be open)" in body
    assert "Sun 14 Mar 2027 18:00 EDT — weekly reflection in #daily-prompts: Commit to being trustworthy" in body


async def test_reflections_store_no_member_data(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    clock.set(SUN_MAR_7_1800_EST)
    await core.tick()
    thread = next(s for s in chat.of_kind("thread") if s.title.startswith("Weekly reflection")).ref
    await core.handle(thread_message(member("alice"), thread, "A private thought."))
    alice = await core.store.members.ensure("fake", "alice", "Alice", clock.now())
    feature = core.feature(ReflectionsFeature)
    assert await feature.export_member(alice) == {}
    await feature.delete_member(alice)
    rows = await core.store.reflections.for_community((await community_of(core)).id)
    assert rows[0].reply_count == 1  # a count only; nothing names alice
