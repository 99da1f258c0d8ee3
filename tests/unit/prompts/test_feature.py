"""Daily prompts through the core with a fake chat and a virtual clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.app import TrustCore
from core.clock import VirtualClock
from core.errors import DeliveryError
from core.models import CommandEvent, MessageEvent, Place, Reply
from fakes import CHANNEL, FakeChat, admin, member, moderator

GUILD = "guild-1"
SETUP = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}


async def run(core: TrustCore, actor: object, name: str, **args: str) -> list[Reply]:
    return await core.handle(CommandEvent(GUILD, actor, CHANNEL, name, dict(args)))  # type: ignore[arg-type]


def text(replies: list[Reply]) -> str:
    return "\n".join(r.message.plain() for r in replies)


async def setup(core: TrustCore) -> None:
    replies = await run(core, admin(), "setup", **SETUP)
    assert "Daily prompts go to #daily-prompts at 08:00 (America/New_York)" in text(replies)


async def test_setup_posts_welcome_and_schedules_the_first_prompt(core: TrustCore, chat: FakeChat) -> None:
    await setup(core)
    assert [s.target for s in chat.of_kind("post")] == ["daily-prompts"]  # the welcome
    assert "education, not therapy" in chat.sent[0].message.plain()  # type: ignore[union-attr]
    community = await core.store.communities.find("fake", GUILD)
    assert community is not None and community.timezone == "America/New_York"


async def test_daily_prompt_posts_with_a_thread_at_local_time(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)  # Mon 2027-03-01 07:00 EST
    clock.set(datetime(2027, 3, 1, 12, 59, tzinfo=UTC))
    assert await core.tick() == 0
    clock.set(datetime(2027, 3, 1, 13, 0, tzinfo=UTC))  # 08:00 EST
    assert await core.tick() == 1
    assert await core.tick() == 0  # never twice
    prompts = chat.of_kind("post")[1:]
    assert len(prompts) == 1 and prompts[0].message is not None
    assert prompts[0].message.title is not None and prompts[0].message.title.startswith("Daily prompt")
    assert "Regaining Trust" in (prompts[0].message.footer or "")
    assert len(chat.of_kind("thread")) == 1


async def test_answers_count_once_and_streaks_are_private(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    thread_refs = []
    for day in range(3):
        clock.set(datetime(2027, 3, 1 + day, 13, 0, tzinfo=UTC))
        await core.tick()
        thread_refs.append(chat.of_kind("thread")[-1].ref)
    alice = member("alice")
    for ref in (thread_refs[0], thread_refs[0], thread_refs[2]):
        place = Place("thread", "daily-prompts", ref)
        assert await core.handle(MessageEvent(GUILD, alice, place, "my answer")) == []
    replies = await run(core, alice, "streak")
    assert replies[0].visibility == "private"
    assert "2 prompts in a row" in text(replies) and "2 answered in all" in text(replies)
    assert "grace day" in text(replies)
    bob = await run(core, member("bob"), "streak")
    assert "0 prompts in a row" in text(bob)


async def test_members_are_refused_moderator_commands(core: TrustCore, chat: FakeChat) -> None:
    await setup(core)
    before = len(chat.sent)
    for name in ("prompt skip", "prompt now", "prompt pause", "prompt preview", "setup", "status"):
        replies = await run(core, member("alice"), name)
        assert "Only moderators" in text(replies), name
        assert replies[0].visibility == "private"
    assert len(chat.sent) == before
    ok = await run(core, moderator("mona"), "prompt preview", count="2")
    assert "Next 2 prompt(s)" in text(ok)


async def test_before_a_role_is_set_only_admins_manage(core: TrustCore) -> None:
    replies = await run(core, member("alice"), "setup", **SETUP)
    assert "owners and admins" in text(replies)


async def test_invalid_setup_is_explained_and_nothing_is_stored(core: TrustCore, chat: FakeChat) -> None:
    cases = [
        ({**SETUP, "timezone": "Mars/Base"}, "I don't know the time zone 'Mars/Base'"),
        ({**SETUP, "time": "25:00"}, "not a valid time"),
        ({**SETUP, "channel": "#nowhere"}, "can't find a channel called #nowhere"),
        ({**SETUP, "days": "funday"}, "not a day"),
        ({"channel": "#daily-prompts"}, "first setup needs timezone, time"),
        ({**SETUP, "role": "r" * 150}, "too long"),
    ]
    for args, message in cases:
        replies = await run(core, admin(), "setup", **args)
        assert message in text(replies), (args, text(replies))
    community = await core.store.communities.find("fake", GUILD)
    assert community is not None and community.timezone is None
    assert await core.store.schedules.get(community.id, "prompt") is None
    assert chat.sent == []


async def test_preview_skip_now_pause_resume(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    mona = moderator("mona")
    preview = text(await run(core, mona, "prompt preview", count="3"))
    first, second = (line.split(". ", 1)[1].split(" — ")[0] for line in preview.splitlines()[1:3])
    assert first in text(await run(core, mona, "prompt skip"))
    await run(core, mona, "prompt now")
    assert second in chat.of_kind("post")[-1].message.text  # type: ignore[union-attr]
    assert "paused" in text(await run(core, mona, "prompt pause"))
    clock.set(datetime(2027, 3, 2, 13, 0, tzinfo=UTC))
    assert await core.tick() == 0
    assert "back on" in text(await run(core, mona, "prompt resume"))
    clock.set(datetime(2027, 3, 3, 13, 0, tzinfo=UTC))
    assert await core.tick() == 1  # no catch-up for paused days, just the next one


async def test_a_retryable_failure_is_retried_and_sent_once(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    chat.fail_next("post", DeliveryError("unavailable", "503"))
    clock.set(datetime(2027, 3, 1, 13, 0, tzinfo=UTC))
    assert await core.tick() == 0
    due = await core.next_due()
    assert due is not None and due - clock.now() <= timedelta(minutes=3)
    clock.set(due)
    assert await core.tick() == 1
    clock.advance(timedelta(minutes=10))
    assert await core.tick() == 0
    assert len(chat.of_kind("post")) == 2  # welcome + one prompt


async def test_a_deleted_channel_pauses_the_schedule_and_alerts_moderators(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await setup(core)
    chat.channels.discard("daily-prompts")
    clock.set(datetime(2027, 3, 1, 13, 0, tzinfo=UTC))
    assert await core.tick() == 0
    status = text(await run(core, moderator("mona"), "status"))
    assert "no longer exists" in status and "paused" in status
    clock.advance(timedelta(days=1))
    assert await core.tick() == 0


async def test_a_thread_failure_keeps_the_post(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await setup(core)
    chat.fail_next("open_thread", DeliveryError("forbidden", "no thread permission"))
    clock.set(datetime(2027, 3, 1, 13, 0, tzinfo=UTC))
    assert await core.tick() == 1
    assert len(chat.of_kind("post")) == 2


async def test_unknown_command_and_danger_in_a_thread(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    replies = await core.handle(CommandEvent(GUILD, member("alice"), CHANNEL, "dance", {}))
    assert "don't know the command" in text(replies)
    await setup(core)
    clock.set(datetime(2027, 3, 1, 13, 0, tzinfo=UTC))
    await core.tick()
    thread = chat.of_kind("thread")[-1].ref
    replies = await core.handle(
        MessageEvent(GUILD, member("alice"), Place("thread", "daily-prompts", thread), "he hits me when he is angry")
    )
    assert [r.visibility for r in replies] == ["dm"]
    assert "safe" in text(replies).lower()
    assert all(s.kind != "in_thread" for s in chat.sent)  # never echoed publicly
