"""Challenges through the core, moderators' side: library, scheduling, DST-safe posts, restarts, edits, failures."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.app import TrustCore
from core.challenges.feature import ChallengesFeature
from core.clock import VirtualClock
from core.content.schema import ChallengeDay
from core.errors import DeliveryError
from core.models import CommandEvent
from core.scheduling.virtual_time import run_until
from fakes import CHANNEL, FakeChat, Sent, admin, member, moderator

__all__: list[str] = []

NY = ZoneInfo("America/New_York")
SETUP = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}
MOD = moderator("mona")
CoreFactory = Callable[..., Awaitable[TrustCore]]


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """A New York wall-clock time in 2027, as UTC."""
    return datetime(2027, month, day, hour, minute, tzinfo=NY).astimezone(UTC)


async def say(core: TrustCore, actor: object, name: str, **args: str) -> str:
    replies = await core.handle(CommandEvent("guild", actor, CHANNEL, name, dict(args)))  # type: ignore[arg-type]
    return "\n".join(reply.message.plain() for reply in replies)


async def set_up(core: TrustCore) -> None:
    text = await say(core, admin(), "setup", **SETUP)
    assert "Setup saved" in text


async def drive(cores: Sequence[TrustCore], clock: VirtualClock, target: datetime) -> None:
    """Move the clock to ``target``, stopping at every due moment and ticking every core there."""
    await run_until(clock, target, cores)


def challenge_sends(chat: FakeChat) -> tuple[list[Sent], list[Sent], list[Sent]]:
    """(intro posts in #challenges, threads opened there, posts in those threads)."""
    intros = [s for s in chat.sent if s.kind == "post" and s.target == "challenges"]
    threads = [s for s in chat.sent if s.kind == "thread" and s.target == "challenges"]
    refs = {t.ref for t in threads}
    in_thread = [s for s in chat.sent if s.kind == "in_thread" and s.target in refs]
    return intros, threads, in_thread


def titles(sends: list[Sent]) -> list[str]:
    return [s.message.title or "" for s in sends if s.message is not None]


# ---------------------------------------------------------------------- library and permissions


async def test_library_lists_every_challenge_with_days_summary_and_sources(core: TrustCore) -> None:
    await set_up(core)
    text = await say(core, MOD, "challenge library")
    for challenge in core.content.challenges:
        assert challenge.id in text
        assert challenge.title in text
        assert f"{len(challenge.days)} days" in text
        assert challenge.summary in text
        for source in challenge.sources:
            assert source.cite() in text
    assert "/trust challenge schedule challenge:nine-steps start:2027-03-02" in text


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("challenge library", {}),
        ("challenge schedule", {"challenge": "nine-steps", "start": "2027-03-08"}),
        ("challenge create", {"title": "Kind words", "days": "Say one kind thing today", "start": "2027-03-08"}),
        ("challenge list", {}),
        ("challenge reschedule", {"id": "1", "start": "2027-03-09"}),
        ("challenge cancel", {"id": "1"}),
    ],
)
async def test_members_are_refused_moderator_commands(core: TrustCore, name: str, args: dict[str, str]) -> None:
    await set_up(core)
    text = await say(core, member("alice"), name, **args)
    assert "Only moderators (role 'moderators') and admins" in text
    assert "No challenges yet" in await say(core, MOD, "challenge list")


# ---------------------------------------------------------------------- the daily posts


async def test_nine_days_at_local_time_across_dst_with_a_restart_and_no_duplicates(
    make_core: CoreFactory, sqlite_url: str, clock: VirtualClock, chat: FakeChat
) -> None:
    first = await make_core(sqlite_url, instance="a")
    await set_up(first)
    text = await say(first, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-12", time="09:00",
                     channel="#challenges")  # fmt: skip
    assert "“Nine steps in nine days” (#1) starts Fri 12 Mar 2027 09:00 EST in #challenges" in text
    assert "until Sat 20 Mar" in text and "summary follows on Sun 21 Mar" in text

    posted: list[tuple[datetime, Sent]] = []

    async def follow(cores: Sequence[TrustCore], target: datetime) -> None:
        # tick every 20 minutes, like the production waker, and note when each challenge send happened
        while clock.now() + timedelta(minutes=20) <= target:
            seen = len(chat.sent)
            clock.advance(timedelta(minutes=20))
            for c in cores:
                await c.tick()
            posted.extend((clock.now(), s) for s in chat.sent[seen:])

    clock.set(at(11, 12))  # nothing of the challenge's happens before its start
    await first.tick()
    await follow([first], at(12, 8, 50))
    assert challenge_sends(chat) == ([], [], []), [m for m, _ in posted][-3:]
    await follow([first], at(15, 12))
    second = await make_core(sqlite_url, instance="b")  # a restart: a new process on the same database
    await follow([second], at(17, 12))
    await follow([first, second], at(22, 12))  # and a while with both running

    intros, threads, in_thread = challenge_sends(chat)
    assert len(intros) == 1 and len(threads) == 1
    assert intros[0].message is not None and intros[0].message.buttons[0].action_id == "challenge:join"
    assert threads[0].title == "Challenge: Nine steps in nine days"
    expected = [f"Day {n} of 9 · {d.title}" for n, d in enumerate(core_days(first), 1)]
    assert titles(in_thread) == [*expected, "Challenge complete · Nine steps in nine days"]
    when = {id(s): moment for moment, s in posted}
    local_times = [when[id(s)].astimezone(NY) for s in in_thread]
    assert [t.date() for t in local_times] == [date(2027, 3, d) for d in range(12, 22)]
    assert all((t.hour, t.minute) == (9, 0) for t in local_times)
    utc_hours = [when[id(s)].hour for s in in_thread]
    assert utc_hours == [14, 14] + [13] * 8  # EST, then EDT from Sun 14 March
    assert when[id(intros[0])] == at(12, 9)


def core_days(core: TrustCore) -> list[ChallengeDay]:
    return list(core.content.challenge("nine-steps").days)


async def test_a_custom_challenge_posts_its_own_steps(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await set_up(core)
    steps = (
        "Say thank you for one small thing. Notice how they react. | Ask about the best part of their day\n"
        "Plan ten quiet minutes together tonight, phones away, and let them choose what you do"
    )
    text = await say(core, MOD, "challenge create", title="Kind words week", days=steps, start="2027-03-02",
                     channel="#challenges")  # fmt: skip
    assert "“Kind words week” (#1) starts Tue 02 Mar 2027 08:00 EST" in text  # the prompt time by default
    await drive([core], clock, at(6, 12))
    intros, _, in_thread = challenge_sends(chat)
    assert len(intros) == 1 and intros[0].message is not None
    assert "moderators put together" in intros[0].message.text
    assert titles(in_thread) == [
        "Day 1 of 3 · Say thank you for one small thing",
        "Day 2 of 3 · Ask about the best part of their day",
        "Day 3 of 3 · Plan ten quiet minutes together tonight…",
        "Challenge complete · Kind words week",
    ]
    texts = [s.message.text for s in in_thread if s.message]
    assert texts[1].startswith("Ask about the best part of their day")
    assert texts[2].startswith("Plan ten quiet minutes together tonight, phones away")


async def test_defaults_are_the_prompt_channel_and_nine_am_without_a_prompt(core: TrustCore) -> None:
    await set_up(core)
    text = await say(core, MOD, "challenge schedule", challenge="repair-and-apology", start="2027-03-03")
    assert "starts Wed 03 Mar 2027 08:00 EST in #daily-prompts" in text
    fresh = await say(core, admin(), "challenge schedule", challenge="nine-steps", start="2027-03-03")
    assert "overlap" in fresh  # same community: refused because of the first one


async def test_a_community_without_a_time_zone_is_asked_for_one(core: TrustCore) -> None:
    text = await core.handle(
        CommandEvent("other", admin(), CHANNEL, "challenge schedule", {"challenge": "nine-steps", "start": "2027-03-08",
                                                                        "channel": "#challenges"})
    )  # fmt: skip
    assert "Set the community's time zone first" in text[0].message.text


# ---------------------------------------------------------------------- overlap, reschedule, cancel


async def test_overlapping_challenges_are_refused_unless_overlap_yes(core: TrustCore) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-08", channel="#challenges")
    refused = await say(core, MOD, "challenge schedule", challenge="safe-harbour-week", start="2027-03-16")
    assert "overlap “Nine steps in nine days” (#1)" in refused
    assert "Mon 08 Mar to Tue 16 Mar" in refused and "overlap:yes" in refused and "Nothing was saved" in refused
    before = await say(core, MOD, "challenge list")
    assert "#2" not in before
    allowed = await say(
        core, MOD, "challenge schedule", challenge="safe-harbour-week", start="2027-03-16", overlap="yes"
    )
    assert "(#2)" in allowed and "It overlaps “Nine steps in nine days” (#1), as you asked." in allowed
    after = await say(core, MOD, "challenge schedule", challenge="repair-and-apology", start="2027-03-23")
    assert "(#3)" in after  # after both: fine
    custom = await say(core, MOD, "challenge create", title="Short one", days="Say one kind thing today",
                       start="2027-03-22")  # fmt: skip
    assert "overlap “Safe harbour week” (#2)" in custom


async def test_reschedule_before_the_start_moves_everything(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await set_up(core)
    await say(
        core, MOD, "challenge schedule", challenge="repair-and-apology", start="2027-03-03", channel="#challenges"
    )
    await say(core, MOD, "challenge schedule", challenge="safe-harbour-week", start="2027-03-10", channel="#challenges")
    clash = await say(core, MOD, "challenge reschedule", id="1", start="2027-03-08")
    assert "overlap “Safe harbour week” (#2)" in clash and "Nothing was saved" in clash
    text = await say(core, MOD, "challenge reschedule", id="1", start="2027-03-04", time="19:30")
    assert "now starts Thu 04 Mar 2027 19:30 EST" in text and "until Mon 08 Mar" in text
    await drive([core], clock, at(4, 19, 29))
    assert challenge_sends(chat)[0] == []
    await drive([core], clock, at(4, 19, 31))
    intros, _, in_thread = challenge_sends(chat)
    assert len(intros) == 1 and titles(in_thread) == ["Day 1 of 5 · Look honestly"]


async def test_reschedule_a_running_challenge_moves_the_remaining_days(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-02", time="09:00",
              channel="#challenges")  # fmt: skip
    await drive([core], clock, at(3, 12))
    assert len(challenge_sends(chat)[2]) == 2
    text = await say(core, MOD, "challenge reschedule", id="1", start="2027-03-08", time="18:00")
    assert "day 3 now goes out Mon 08 Mar 2027 18:00 EST" in text and "until Sun 14 Mar" in text
    await drive([core], clock, at(8, 17, 59))
    assert len(challenge_sends(chat)[2]) == 2  # nothing on the 4th to the 7th
    await drive([core], clock, at(16, 12))
    _, _, in_thread = challenge_sends(chat)
    assert len(in_thread) == 10 and titles(in_thread)[-1].startswith("Challenge complete")
    assert titles(in_thread)[2].startswith("Day 3 of 9")
    listing = await say(core, MOD, "challenge list")
    assert "#1 “Nine steps in nine days” — has finished" in listing
    late = await say(core, MOD, "challenge reschedule", id="1", start="2027-03-20")
    assert "has finished, so it can't be moved" in late


async def test_cancel_before_the_start_posts_nothing(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-02", channel="#challenges")
    text = await say(core, MOD, "challenge cancel", id="1")
    assert "Cancelled “Nine steps in nine days” (#1). Nothing had been posted yet." in text
    await drive([core], clock, at(14, 12))
    assert challenge_sends(chat) == ([], [], [])
    again = await say(core, MOD, "challenge cancel", id="1")
    assert "was cancelled already" in again


async def test_cancel_while_running_posts_a_note_and_stops(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-02", channel="#challenges")
    await drive([core], clock, at(3, 12))
    text = await say(core, MOD, "challenge cancel", id="1")
    assert "No more steps will be posted. A short note went to its thread." in text
    await drive([core], clock, at(14, 12))
    _, _, in_thread = challenge_sends(chat)
    assert titles(in_thread) == ["Day 1 of 9 · Keep one promise", "Day 2 of 9 · Listen first", "Challenge cancelled"]
    listing = await say(core, MOD, "challenge list")
    assert "#1 “Nine steps in nine days” — was cancelled on Wed 03 Mar 2027" in listing


# ---------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("challenge schedule", {"challenge": "nine-step", "start": "2027-03-08"}, "Did you mean `nine-steps`?"),
        ("challenge schedule", {"challenge": "nine-steps", "start": "2027-02-30"}, "2027-02-30 is not a real date"),
        ("challenge schedule", {"challenge": "nine-steps", "start": "next week"}, "'next week' is not a date"),
        ("challenge schedule", {"challenge": "nine-steps", "start": "2027-02-27"},
         "is in the past (today is 2027-03-01"),
        ("challenge schedule", {"challenge": "nine-steps", "start": "today", "time": "06:00"}, "has already passed"),
        ("challenge schedule", {"challenge": "nine-steps", "start": "2029-03-08"}, "at most a year ahead"),
        ("challenge schedule", {"challenge": "nine-steps", "start": "2027-03-08", "time": "25:00"}, "not a valid time"),
        ("challenge schedule", {"challenge": "nine-steps", "start": "2027-03-08", "channel": "#nope"},
         "can't find a channel"),
        ("challenge schedule", {"challenge": "nine-steps", "start": "2027-03-08", "overlap": "maybe"},
         "takes yes or no"),
        ("challenge schedule", {"start": "2027-03-08"}, "needs challenge"),
        ("challenge create", {"title": "ab", "days": "Say one kind thing today", "start": "2027-03-08"}, "3 to 80"),
        ("challenge create", {"title": "x" * 81, "days": "Say one kind thing", "start": "2027-03-08"}, "limit is 80"),
        ("challenge create", {"title": "Kind", "days": " | \n | ", "start": "2027-03-08"}, "at least one step"),
        ("challenge create", {"title": "Kind", "days": " | ".join(["Say one kind thing"] * 31), "start": "2027-03-08"},
         "at most 30 days; you gave 31"),
        ("challenge create", {"title": "Kind", "days": "Say one kind thing | " + "x" * 701, "start": "2027-03-08"},
         "Day 2 is too long (701 characters"),
        ("challenge create", {"title": "Kind", "days": "Say one kind thing | hug", "start": "2027-03-08"},
         "Day 2 is too short"),
        ("challenge reschedule", {"id": "99", "start": "2027-03-08"}, "There is no challenge #99"),
        ("challenge reschedule", {"id": "abc", "start": "2027-03-08"}, "'abc' is not a challenge id"),
        ("challenge cancel", {"id": "99"}, "There is no challenge #99"),
    ],
)  # fmt: skip
async def test_bad_input_is_refused_clearly_and_saves_nothing(
    core: TrustCore, name: str, args: dict[str, str], expected: str
) -> None:
    await set_up(core)
    text = await say(core, MOD, name, **args)
    assert expected in text
    assert "No challenges yet" in await say(core, MOD, "challenge list")


async def test_a_run_of_another_community_is_unknown_here(core: TrustCore) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-08", channel="#challenges")
    replies = await core.handle(CommandEvent("elsewhere", admin(), CHANNEL, "challenge cancel", {"id": "1"}))
    assert "There is no challenge #1 in this community" in replies[0].message.text


# ---------------------------------------------------------------------- failures while running


async def test_a_deleted_channel_stops_the_run_with_an_alert(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-02", channel="#challenges")
    chat.channels.discard("challenges")
    await drive([core], clock, at(5, 12))
    assert challenge_sends(chat) == ([], [], [])
    community = await core.store.communities.find("fake", "guild")
    assert community is not None
    alerts = community.settings["alerts"]
    assert any("“Nine steps in nine days” (#1)" in a and "no longer exists" in a for a in alerts)
    assert await core.feature(ChallengesFeature).next_due() is None
    status = await say(core, MOD, "status")
    assert "⚠️ The challenge “Nine steps in nine days” (#1) in #challenges was stopped" in status
    assert "was stopped" in await say(core, MOD, "challenge list")


async def test_a_deleted_thread_stops_the_run_and_later_ticks_are_fine(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-02", channel="#challenges")
    await drive([core], clock, at(2, 12))
    chat.fail_next("post_in_thread", DeliveryError("not_found", "thread deleted"))
    await drive([core], clock, at(12, 12))
    _, _, in_thread = challenge_sends(chat)
    assert titles(in_thread) == ["Day 1 of 9 · Keep one promise"]
    community = await core.store.communities.find("fake", "guild")
    assert community is not None and "its channel or thread no longer exists" in community.settings["alerts"][-1]


async def test_a_rate_limited_day_is_retried_once_it_may_go(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-02", channel="#challenges")
    await drive([core], clock, at(2, 12))
    chat.fail_next("post_in_thread", DeliveryError("rate_limited", "slow down", retry_after=90))
    await drive([core], clock, at(3, 8, 0))
    assert len(challenge_sends(chat)[2]) == 1
    await drive([core], clock, at(3, 8, 1))
    assert len(challenge_sends(chat)[2]) == 1  # waiting for the platform
    await drive([core], clock, at(3, 8, 5))
    _, _, in_thread = challenge_sends(chat)
    assert titles(in_thread) == ["Day 1 of 9 · Keep one promise", "Day 2 of 9 · Listen first"]


async def test_missed_days_are_caught_up_within_grace_and_skipped_beyond(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="nine-steps", start="2027-03-02", time="09:00",
              channel="#challenges")  # fmt: skip
    clock.set(at(2, 13))  # down from before the start until four hours after it
    await core.tick()
    _, _, in_thread = challenge_sends(chat)
    assert titles(in_thread) == ["Day 1 of 9 · Keep one promise"]
    clock.set(at(4, 8))  # down through all of day 2 (more than six hours late): skipped
    await core.tick()
    assert len(challenge_sends(chat)[2]) == 1
    await drive([core], clock, at(4, 12))
    _, _, in_thread = challenge_sends(chat)
    assert titles(in_thread) == ["Day 1 of 9 · Keep one promise", "Day 3 of 9 · Name your values"]
    days = await core.store.challenges.days(1)
    assert [(d.day, d.status) for d in days] == [(1, "posted"), (2, "skipped"), (3, "posted")]


async def test_a_challenge_missed_entirely_ends_quietly_with_an_alert(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await set_up(core)
    await say(
        core, MOD, "challenge schedule", challenge="repair-and-apology", start="2027-03-02", channel="#challenges"
    )
    clock.set(at(20, 12))
    await core.tick()
    assert challenge_sends(chat) == ([], [], [])
    community = await core.store.communities.find("fake", "guild")
    assert community is not None and "ended before it could start" in community.settings["alerts"][-1]


async def test_status_lists_the_start_days_and_summary(core: TrustCore) -> None:
    await set_up(core)
    await say(core, MOD, "challenge schedule", challenge="repair-and-apology", start="2027-03-02", time="19:00",
              channel="#challenges")  # fmt: skip
    status = await say(core, MOD, "status")
    assert "Tue 02 Mar 2027 19:00 EST — challenge “Repair and apology” (#1) starts in #challenges: intro, thread and " \
           "day 1 of 5, Look honestly" in status  # fmt: skip
    assert "Wed 03 Mar 2027 19:00 EST — challenge “Repair and apology” (#1) day 2 of 5: Apologise cleanly" in status
    assert "Sun 07 Mar 2027 19:00 EST — challenge “Repair and apology” (#1): summary in its thread" in status
