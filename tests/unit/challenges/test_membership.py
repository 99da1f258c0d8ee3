"""Challenges through the core, members' side: join, leave, done, progress, DMs, the summary, hooks and member data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from core.app import TrustCore
from core.challenges.feature import ChallengesFeature
from core.challenges.runner import dm_key
from core.challenges.store import ChallengeRepo
from core.clock import VirtualClock
from core.models import ActionEvent, CommandEvent, Message, Place
from core.scheduling.virtual_time import run_until
from core.storage.records import CommunityRecord
from fakes import CHANNEL, DM, FakeChat, Sent, admin, member, moderator

__all__: list[str] = []

NY = ZoneInfo("America/New_York")
SETUP = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}
MOD = moderator("mona")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, day, hour, minute, tzinfo=NY).astimezone(UTC)


async def say(core: TrustCore, who: str, name: str, place: Place = CHANNEL, **args: str) -> str:
    actor = MOD if who == "mona" else member(who)
    replies = await core.handle(CommandEvent("guild", actor, place, name, dict(args)))
    return "\n".join(reply.message.plain() for reply in replies)


async def press(core: TrustCore, who: str, button_message: Message, label: str, place: Place = CHANNEL) -> str:
    button = next(b for b in button_message.buttons if b.label == label)
    replies = await core.handle(ActionEvent("guild", member(who), place, button.action_id, button.value))
    return "\n".join(reply.message.plain() for reply in replies)


async def drive(cores: Sequence[TrustCore], clock: VirtualClock, target: datetime) -> None:
    """Move the clock to ``target``, stopping at every due moment and ticking every core there."""
    await run_until(clock, target, cores)


async def start_nine_steps(core: TrustCore, start: str = "2027-03-02") -> None:
    assert "Setup saved" in "\n".join(
        r.message.plain() for r in await core.handle(CommandEvent("guild", admin(), CHANNEL, "setup", SETUP))
    )
    text = await say(core, "mona", "challenge schedule", challenge="nine-steps", start=start, time="09:00",
                     channel="#challenges")  # fmt: skip
    assert "Challenge scheduled" in text


def thread_posts(chat: FakeChat) -> list[Sent]:
    threads = {s.ref for s in chat.sent if s.kind == "thread" and s.target == "challenges"}
    return [s for s in chat.sent if s.kind == "in_thread" and s.target in threads]


def intro(chat: FakeChat) -> Message:
    posts = [s.message for s in chat.sent if s.kind == "post" and s.target == "challenges" and s.message]
    assert len(posts) == 1
    return posts[0]


async def community(core: TrustCore) -> CommunityRecord:
    found = await core.store.communities.find("fake", "guild")
    assert found is not None
    return found


# ---------------------------------------------------------------------- join, done, leave, progress


async def test_join_done_leave_and_progress_are_idempotent(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await start_nine_steps(core)
    text = await say(core, "alice", "challenge join")
    assert "You joined “Nine steps in nine days”." in text and "It starts Tue 02 Mar 2027 09:00 EST" in text
    assert "You are already in" in await say(core, "alice", "challenge join")
    assert "hasn't started yet: day 1 opens Tue 02 Mar 2027 09:00 EST" in await say(core, "alice", "challenge done")
    progress = await say(core, "alice", "challenge progress")
    assert "Starts Tue 02 Mar 2027 09:00 EST · 9 days □□□□□□□□□" in progress and "Only you can see this" in progress

    await drive([core], clock, at(2, 10))
    assert "Day 1 marked done" in await say(core, "alice", "challenge done")
    again = await say(core, "alice", "challenge done", day="1")
    assert "Day 1 was already marked done; nothing changed." in again
    assert "Day 1 of 9 · 1 done ▣□□□□□□□□" in again
    future = await say(core, "alice", "challenge done", day="2")
    assert "Day 2 hasn't started yet: it opens Wed 03 Mar 2027 09:00 EST" in future and "Nothing was saved" in future
    assert "there is no day 10" in await say(core, "alice", "challenge done", day="10")
    assert "there is no day 0" in await say(core, "alice", "challenge done", day="0")
    assert "not a day number" in await say(core, "alice", "challenge done", day="two")

    await drive([core], clock, at(5, 10))  # days 2, 3 and 4 are out
    for day in ("2", "3"):
        await say(core, "alice", "challenge done", day=day)
    progress = await say(core, "alice", "challenge progress")
    assert "Day 4 of 9 · 3 done ▣▣▣□□□□□□" in progress
    assert (
        "Today's step, **Talk about one worry**" not in progress and "**One true sentence**, is still open" in progress
    )

    left = await say(core, "alice", "challenge leave")
    assert "You left “Nine steps in nine days”. The days you marked were deleted" in left
    assert "You haven't joined a challenge" in await say(core, "alice", "challenge progress")
    assert "You are not in a challenge here" in await say(core, "alice", "challenge leave")
    assert "You are not in “Nine steps in nine days” (#1); nothing changed." in await say(
        core, "alice", "challenge leave", id="1"
    )
    rejoin = await say(core, "alice", "challenge join")
    assert "You joined" in rejoin and "Today is day 4 of 9: **One true sentence**" in rejoin
    assert "Day 4 of 9 · 0 done □□□□□□□□□" in await say(core, "alice", "challenge progress")


async def test_buttons_join_and_mark_done_and_the_thread_knows_its_challenge(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await start_nine_steps(core)
    await drive([core], clock, at(3, 10))
    joined = await press(core, "bob", intro(chat), "Join")
    assert "You joined “Nine steps in nine days”." in joined and "Today is day 2 of 9: **Listen first**" in joined
    day_one, day_two = (s.message for s in thread_posts(chat))
    assert day_one is not None and day_two is not None
    assert "Day 1 marked done" in await press(core, "bob", day_one, "Mark today done")
    assert "Day 1 was already marked done" in await press(core, "bob", day_one, "Mark today done")
    # a first press of "done" joins the challenge
    carol = await press(core, "carol", day_two, "Mark today done")
    assert "Day 2 marked done" in carol and "You have joined “Nine steps in nine days”" in carol
    assert "Day 2 of 9 · 1 done □▣□□□□□□□" in carol
    # in the challenge's thread, `done` needs no id even for someone who has not joined
    thread = Place("thread", "challenges", next(s.ref for s in chat.sent if s.kind == "thread"))
    assert "Day 2 marked done" in await say(core, "dave", "challenge done", place=thread)
    stale = await core.handle(ActionEvent("guild", member("erin"), CHANNEL, "challenge:done", "99:1"))
    assert "That challenge no longer exists" in stale[0].message.text
    broken = await core.handle(ActionEvent("guild", member("erin"), CHANNEL, "challenge:done", "1"))
    assert "That button no longer works" in broken[0].message.text


async def test_a_press_without_a_community_needs_membership_to_join_and_participation_to_mark(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await start_nine_steps(core)
    await drive([core], clock, at(2, 10))
    join, (day_one,) = intro(chat).buttons[0], [s.message for s in thread_posts(chat)]
    assert day_one is not None
    done = day_one.buttons[0]

    async def forwarded(who: str, action_id: str, value: str) -> str:
        replies = await core.handle(ActionEvent(None, member(who), DM, action_id, value))
        return "\n".join(reply.message.plain() for reply in replies)

    # mallory was never seen in the community: a forwarded (or forged) press neither joins nor marks
    refused = await forwarded("mallory", join.action_id, join.value)
    assert "You can join “Nine steps in nine days” only from its community" in refused
    assert "You are not taking part" in await forwarded("mallory", done.action_id, done.value)
    # alice is a member of the community but not taking part: she may join, but not mark from outside
    await say(core, "alice", "streak")
    assert "You are not taking part" in await forwarded("alice", done.action_id, done.value)
    assert "You joined “Nine steps in nine days”." in await forwarded("alice", join.action_id, join.value)
    assert "Day 1 marked done" in await forwarded("alice", done.action_id, done.value)
    repo = core.feature(ChallengesFeature).membership.store.repo(ChallengeRepo)
    mallory = await core.store.members.ensure("fake", "mallory", "Mallory", clock.now())
    assert await repo.membership(1, mallory.id) is None and await repo.done_days(1, mallory.id) == {}
    # in the community itself, a press still joins and marks at once (the platform says where it happened)
    assert "Day 1 marked done" in await press(core, "bob", day_one, "Mark today done")


async def test_join_picks_the_running_one_and_asks_when_several_run(core: TrustCore, clock: VirtualClock) -> None:
    assert "No challenge is running or scheduled" in await say(core, "alice", "challenge join")
    await start_nine_steps(core)
    await say(core, "mona", "challenge schedule", challenge="safe-harbour-week", start="2027-03-03", overlap="yes",
              channel="#challenges")  # fmt: skip
    assert "“Nine steps in nine days”" in await say(core, "alice", "challenge join")  # the next to start
    await drive([core], clock, at(3, 10))
    both = await say(core, "bob", "challenge join")
    assert "Several challenges fit: #2 “Safe harbour week”, #1 “Nine steps in nine days”. Add id:N" in both
    assert "You joined “Safe harbour week”" in await say(core, "bob", "challenge join", id="2")
    assert "There is no challenge #7" in await say(core, "bob", "challenge join", id="7")
    assert "'x' is not a challenge id" in await say(core, "bob", "challenge join", id="x")
    assert "takes yes or no" in await say(core, "bob", "challenge join", id="2", dm="maybe")
    await say(core, "alice", "challenge join", id="2")
    assert "Several challenges fit" in await say(core, "alice", "challenge done")
    assert "Day 2 marked done" in await say(core, "alice", "challenge done", id="1")


async def test_a_finished_challenge_cannot_be_joined_or_marked(core: TrustCore, clock: VirtualClock) -> None:
    await start_nine_steps(core)
    await say(core, "alice", "challenge join")
    await drive([core], clock, at(12, 10))
    assert "has finished, so it can't be joined" in await say(core, "alice", "challenge join", id="1")
    assert "has finished, so days can't be marked" in await say(core, "alice", "challenge done", id="1", day="3")
    assert "Finished · 0 of 9 done □□□□□□□□□" in await say(core, "alice", "challenge progress")
    assert "No challenge is running here right now" in await say(core, "alice", "challenge done")


# ---------------------------------------------------------------------- DMs


async def test_dm_yes_participants_get_each_step_by_dm(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await start_nine_steps(core)
    assert "I'll also DM you each day's step" in await say(core, "alice", "challenge join", dm="yes")
    assert "No DMs" in await say(core, "bob", "challenge join", dm="no")
    await drive([core], clock, at(4, 10))
    dms = chat.dms_to("alice")
    assert [m.title for m in dms] == [f"Nine steps in nine days · Day {n} of 9" for n in (1, 2, 3)]
    assert dms[0].buttons[0].value == "1:1" and "dm:no" in (dms[0].footer or "")
    assert chat.dms_to("bob") == []
    # pressing "done" in the DM works without a community
    replies = await core.handle(ActionEvent(None, member("alice"), DM, "challenge:done", dms[2].buttons[0].value))
    assert "Day 3 marked done" in replies[0].message.text
    await say(core, "alice", "challenge join", dm="no")
    await say(core, "bob", "challenge join", dm="yes")
    await drive([core], clock, at(5, 10))
    assert len(chat.dms_to("alice")) == 3 and [m.title for m in chat.dms_to("bob")] == [
        "Nine steps in nine days · Day 4 of 9"
    ]


async def test_a_refused_dm_blocks_the_member_and_never_goes_public(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await start_nine_steps(core)
    await say(core, "carol", "challenge join", dm="yes")
    chat.dms_closed.add("carol")
    await drive([core], clock, at(2, 10))
    carol = await core.store.members.ensure("fake", "carol", "Carol", clock.now())
    assert carol.dm_blocked
    membership = await core.store.challenges.membership(1, carol.id)
    assert membership is not None and not membership.dm
    public = [s for s in chat.sent if s.kind != "dm" and s.message and "Carol" in s.message.plain()]
    assert public == [] and len(thread_posts(chat)) == 1
    progress = await say(core, "carol", "challenge progress")
    assert "My DMs to you were refused, so daily DMs are off" in progress
    await drive([core], clock, at(3, 10))
    assert await core.store.deliveries.get(dm_key(1, 2, carol.id)) is None  # not even tried on day 2
    chat.dms_closed.discard("carol")
    back = await say(core, "carol", "challenge join", dm="yes")
    assert "Earlier my DMs to you were refused" in back
    await drive([core], clock, at(4, 10))
    assert [m.title for m in chat.dms_to("carol")] == ["Nine steps in nine days · Day 3 of 9"]


# ---------------------------------------------------------------------- the summary


async def test_the_summary_gives_anonymous_completion_figures(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await start_nine_steps(core)
    names = ["ann", "ben", "cat", "dan", "eve", "fay"]
    for name in names:
        await say(core, name, "challenge join")
    await drive([core], clock, at(10, 10))  # all nine days are out; the summary comes tomorrow
    marks = {"ann": 9, "ben": 9, "cat": 5, "dan": 3, "eve": 0, "fay": 1}
    for name, count in marks.items():
        for day in range(1, count + 1):
            await say(core, name, "challenge done", day=str(day))
    await drive([core], clock, at(11, 10))
    summary = thread_posts(chat)[-1].message
    assert summary is not None and summary.title == "Challenge complete · Nine steps in nine days"
    average = round(100 * sum(marks.values()) / (6 * 9))  # 27 of 54 days: 50%
    assert f"6 people took part over 9 days. On average each of you did {average}% of the days" in summary.text
    assert "2 of 6 did every single day" in summary.text
    for name in names:
        assert re.search(rf"\b{name}\b", summary.plain(), re.IGNORECASE) is None
    listing = await say(core, "mona", "challenge list")
    assert "#1 “Nine steps in nine days” — has finished on Thu 11 Mar 2027" in listing
    assert await core.feature(ChallengesFeature).next_due() is None


async def test_a_small_group_keeps_its_figures_private(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await start_nine_steps(core)
    await say(core, "ann", "challenge join")
    await say(core, "ben", "challenge join")
    await drive([core], clock, at(11, 10))
    summary = thread_posts(chat)[-1].message
    assert summary is not None
    assert "A small group took part (fewer than 5)" in summary.text and "%" not in summary.text


async def test_nobody_joined(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await start_nine_steps(core)
    await drive([core], clock, at(11, 10))
    summary = thread_posts(chat)[-1].message
    assert summary is not None and "Nobody joined this round" in summary.text


# ---------------------------------------------------------------------- hooks for other features


async def test_current_theme_and_reflection_lines(core: TrustCore, clock: VirtualClock) -> None:
    await start_nine_steps(core)
    feature = core.feature(ChallengesFeature)
    place = await community(core)
    assert await feature.current_theme(place, date(2027, 3, 3)) == "show-respect"  # day 2, still ahead
    assert await feature.current_theme(place, date(2027, 3, 1)) is None
    for name in ["ann", "ben", "cat", "dan"]:
        await say(core, name, "challenge join")
    await drive([core], clock, at(5, 10))
    assert await feature.current_theme(place, date(2027, 3, 3)) == "show-respect"  # day 2, posted
    assert await feature.current_theme(place, date(2027, 3, 5)) == "be-honest"  # day 4
    week = (at(1, 0), at(8, 0))
    lines = await feature.reflection_lines(place, *week)
    assert lines == [
        "Challenge “Nine steps in nine days”: days 1–4 of 9 went out this week. "
        "You can still join with `/trust challenge join`."
    ]
    await say(core, "eve", "challenge join")
    lines = await feature.reflection_lines(place, *week)
    assert "days 1–4 of 9 went out this week, with 5 people taking part." in lines[0]
    assert await feature.reflection_lines(place, at(20, 0), at(27, 0)) == []


async def test_export_and_delete_a_members_challenge_data(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await start_nine_steps(core)
    await say(core, "alice", "challenge join", dm="yes")
    await drive([core], clock, at(3, 10))
    await say(core, "alice", "challenge done", day="1")
    await say(core, "alice", "challenge done", day="2")
    feature = core.feature(ChallengesFeature)
    alice = await core.store.members.ensure("fake", "alice", "Alice", clock.now())
    data = await feature.export_member(alice)
    [entry] = data["challenges"]
    assert entry["challenge_run"] == 1 and entry["title"] == "Nine steps in nine days" and entry["daily_dm"] is True
    assert [d["day"] for d in entry["days_done"]] == [1, 2]
    assert entry["joined_at"] == at(1, 7).isoformat()
    await feature.delete_member(alice)
    assert await feature.export_member(alice) == {"challenges": []}
    await drive([core], clock, at(4, 10))
    assert len(chat.dms_to("alice")) == 2  # no DM on day 3
    assert "You haven't joined a challenge" in await say(core, "alice", "challenge progress")
