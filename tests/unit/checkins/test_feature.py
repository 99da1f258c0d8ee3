"""Private check-ins through the core: opt in, DMs at local time, answers, reminders, pauses, history, privacy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from core.app import TrustCore
from core.checkins.chart import PNG_SIGNATURE
from core.checkins.feature import CheckinsFeature
from core.checkins.tables import checkin_answers, checkin_subscriptions, checkins
from core.clock import VirtualClock
from core.errors import DeliveryError
from core.models import ActionEvent, CommandEvent, FormEvent, Message, Reply
from core.scheduling.virtual_time import run_until as shared_run_until
from fakes import CHANNEL, DM, FakeChat, member

__all__: list[str] = []

SCALE_IDS = ["safe-to-open", "words-match-actions", "felt-connected", "felt-respected"]


# ---------------------------------------------------------------------- helpers


async def run(core: TrustCore, who: str, name: str, **args: str) -> list[Reply]:
    return await core.handle(CommandEvent("guild", member(who), CHANNEL, name, dict(args)))


async def opt_in(core: TrustCore, who: str = "alice", **args: str) -> list[Reply]:
    options = {"time": "21:00", "timezone": "Europe/London", **args}
    return await run(core, who, "checkin start", **options)


async def advance_to(core: TrustCore, clock: VirtualClock, target: datetime) -> None:
    """Move the virtual clock to ``target``, ticking at every due moment on the way (like the sandbox)."""
    await shared_run_until(clock, target, [core])


async def dm_times(
    core: TrustCore, clock: VirtualClock, chat: FakeChat, who: str, target: datetime, *, reminders: bool = False
) -> list[datetime]:
    """Advance to ``target`` and return when each new check-in DM (and, if asked, reminder) to ``who`` went out."""
    seen = len(chat.dms_to(who))
    times: list[datetime] = []
    for _ in range(10_000):
        due = await core.next_due()
        if due is None or due > target:
            break
        clock.set(max(due, clock.now()))
        await core.tick()
        fresh = chat.dms_to(who)[seen:]
        times += [clock.now() for m in fresh if reminders or not is_reminder(m)]
        seen += len(fresh)
    clock.set(target)
    await core.tick()
    return times


def is_reminder(message: Message) -> bool:
    return "gentle reminder" in message.text


def text_of(replies: list[Reply]) -> str:
    return "\n".join(r.message.plain() for r in replies)


def press(who: str, button_value: str, action: str = "checkin:answer") -> ActionEvent:
    return ActionEvent(None, member(who), DM, action, button_value)


def answer_value(message: Message, score: int) -> str:
    return next(b.value for b in message.buttons if b.action_id == "checkin:answer" and b.label == str(score))


async def count(core: TrustCore, table: Any) -> int:
    async with core.store.db.begin() as conn:
        return int((await conn.execute(select(func.count()).select_from(table))).scalar() or 0)


def feature(core: TrustCore) -> CheckinsFeature:
    return core.feature(CheckinsFeature)


# ---------------------------------------------------------------------- opting in and delivery


async def test_opt_in_replies_privately_and_dms_at_local_time(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    replies = await opt_in(core)
    assert [r.visibility for r in replies] == ["private"]
    assert "every day at 21:00 (Europe/London)" in text_of(replies)
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 12, 0, tzinfo=UTC))
    assert times == [datetime(2027, 3, 1, 21, 0, tzinfo=UTC)]  # London is on GMT in early March
    dm = chat.dms_to("alice")[0]
    assert dm.title == "Your check-in"
    for word in ("partner", "relationship", "trust", "marriage"):
        assert word not in (dm.title or "").lower()
    assert "How safe did I feel" in dm.text
    scores = [b for b in dm.buttons if b.action_id == "checkin:answer"]
    assert [b.label for b in scores] == ["1", "2", "3", "4", "5"]
    assert all(b.value.split(":")[1:] == ["safe-to-open", b.label] for b in scores)
    assert any(b.action_id == "checkin:note" for b in dm.buttons)
    assert chat.of_kind("post") == []  # nothing public, ever


async def test_a_check_in_goes_out_once_however_often_the_clock_ticks(
    core: TrustCore, clock: VirtualClock, chat: FakeChat, make_core: Any, sqlite_url: str
) -> None:
    await opt_in(core)
    other = await make_core(sqlite_url, instance="test-2")
    clock.set(datetime(2027, 3, 1, 21, 0, tzinfo=UTC))
    await core.tick()
    await other.tick()
    await core.tick()
    clock.set(datetime(2027, 3, 1, 21, 5, tzinfo=UTC))
    await other.tick()
    assert len(chat.dms_to("alice")) == 1


async def test_local_time_survives_a_daylight_saving_change(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core, time="07:30", timezone="America/New_York")
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 16, 0, 0, tzinfo=UTC))
    by_date = {t.date(): t.time().isoformat("minutes") for t in times}
    assert by_date[datetime(2027, 3, 13).date()] == "12:30"  # EST, UTC-5
    assert by_date[datetime(2027, 3, 14).date()] == "11:30"  # EDT from 14 March, UTC-4
    assert by_date[datetime(2027, 3, 15).date()] == "11:30"
    assert len(times) == len(by_date)  # one a day


async def test_a_time_skipped_by_spring_forward_fires_at_the_next_valid_minute(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    clock.set(datetime(2027, 3, 13, 12, 0, tzinfo=UTC))
    await opt_in(core, time="02:30", timezone="America/New_York")
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 16, 12, 0, tzinfo=UTC))
    assert [t.isoformat() for t in times] == [
        "2027-03-14T07:00:00+00:00",  # 02:30 does not exist on 14 March: 03:00 EDT instead
        "2027-03-15T06:30:00+00:00",  # 02:30 EDT
        "2027-03-16T06:30:00+00:00",
    ]


async def test_weekly_cadence_sends_only_on_its_day(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    replies = await opt_in(core, cadence="weekly:wed")
    assert "weekly on Wednesday" in text_of(replies)
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 15, 0, 0, tzinfo=UTC))
    assert [t.strftime("%a %d") for t in times] == ["Wed 03", "Wed 10"]


async def test_weekdays_cadence_skips_the_weekend(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core, cadence="weekdays")
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 8, 0, 0, tzinfo=UTC))
    assert [t.strftime("%a") for t in times] == ["Mon", "Tue", "Wed", "Thu", "Fri"]


async def test_day_list_cadence(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core, cadence="mon,wed,fri")
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 8, 0, 0, tzinfo=UTC))
    assert [t.strftime("%a") for t in times] == ["Mon", "Wed", "Fri"]


async def test_check_in_from_a_dm_is_tied_to_the_last_community_seen(core: TrustCore) -> None:
    await run(core, "alice", "checkin history")  # alice is seen in "guild"
    await core.handle(
        CommandEvent(None, member("alice"), DM, "checkin start", {"time": "21:00", "timezone": "Europe/London"})
    )
    community = await core.store.communities.find("fake", "guild")
    alice = await core.store.members.ensure("fake", "alice", "Alice", datetime(2027, 3, 1, tzinfo=UTC))
    sub = await core.store.checkins.subscription(alice.id)
    assert community is not None and sub is not None
    assert sub.community_id == community.id


# ---------------------------------------------------------------------- answering


async def first_dm(core: TrustCore, clock: VirtualClock, chat: FakeChat, who: str = "alice") -> Message:
    await advance_to(core, clock, datetime(2027, 3, 1, 21, 1, tzinfo=UTC))
    return chat.dms_to(who)[-1]


async def test_button_answers_are_idempotent_and_last_answer_wins(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    first = await core.handle(press("alice", answer_value(dm, 4)))
    assert first[0].visibility == "private"
    assert "Saved: Safe to be open 4/5" in text_of(first)
    assert "How well did my words match my actions" in text_of(first)  # the next question follows
    again = await core.handle(press("alice", answer_value(dm, 4)))
    assert "Already saved: Safe to be open 4/5" in text_of(again)
    changed = await core.handle(press("alice", answer_value(dm, 2)))
    assert "Changed: Safe to be open 4 → 2/5" in text_of(changed)
    assert await count(core, checkin_answers) == 1
    rows = await core.store.checkins.recent(await member_id(core, "alice"), 5)
    assert rows[0][1]["safe-to-open"].score == 2


async def member_id(core: TrustCore, who: str) -> int:
    record = await core.store.members.ensure("fake", who, who.capitalize(), datetime(2027, 3, 1, tzinfo=UTC))
    return record.id


async def answer_all(core: TrustCore, who: str, dm: Message, scores: list[int]) -> list[Reply]:
    message = dm
    replies: list[Reply] = []
    for score in scores:
        replies = await core.handle(press(who, answer_value(message, score)))
        message = replies[-1].message
    return replies


async def test_answering_every_question_completes_with_a_tiny_trend(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    done = await answer_all(core, "alice", dm, [4, 5, 3, 4])
    assert "check-in done" in text_of(done)
    assert {b.action_id for b in done[-1].message.buttons} == {"checkin:note", "checkin:history"}
    await advance_to(core, clock, datetime(2027, 3, 2, 21, 1, tzinfo=UTC))
    second = await answer_all(core, "alice", chat.dms_to("alice")[-1], [5, 5, 4, 4])
    assert "Your last 2 check-ins" in text_of(second)
    assert "Safe to be open: ▆█" in text_of(second)


async def test_a_button_from_someone_elses_check_in_saves_nothing(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    replies = await core.handle(press("mallory", answer_value(dm, 1)))
    assert "not yours" in text_of(replies) and "Nothing was saved" in text_of(replies)
    assert await count(core, checkin_answers) == 0
    forged = await core.handle(press("alice", "1:safe-to-open:9"))
    assert "no longer works" in text_of(forged)
    unknown = await core.handle(press("alice", "1:no-such-question:3"))
    assert "no longer works" in text_of(unknown)
    assert await count(core, checkin_answers) == 0


async def test_answers_close_after_the_answer_window(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    await run(core, "alice", "checkin stop")
    clock.advance(timedelta(days=4))
    replies = await core.handle(press("alice", answer_value(dm, 3)))
    assert "has closed" in text_of(replies) and "Nothing was saved" in text_of(replies)


async def test_note_opens_a_bounded_form_and_keeps_a_too_long_note_out(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    note_button = next(b for b in dm.buttons if b.action_id == "checkin:note")
    opened = await core.handle(press("alice", note_button.value, "checkin:note"))
    form = opened[0].message.form
    assert form is not None and opened[0].visibility == "private"
    field = form.fields[0]
    assert field.kind == "paragraph" and field.max_length == 280 and not field.required
    too_long = await core.handle(FormEvent(None, member("alice"), form.form_id, {"note": "x" * 281}, form.context))
    assert "281 characters; the limit is 280" in text_of(too_long) and "Nothing was saved" in text_of(too_long)
    assert await count(core, checkin_answers) == 0
    saved = await core.handle(FormEvent(None, member("alice"), form.form_id, {"note": "A calm evening"}, form.context))
    assert "Note saved" in text_of(saved)
    reopened = await core.handle(press("alice", note_button.value, "checkin:note"))
    assert reopened[0].message.form is not None and reopened[0].message.form.fields[0].initial == "A calm evening"
    forged = await core.handle(FormEvent(None, member("bob"), form.form_id, {"note": "hi"}, form.context))
    assert "not yours" in text_of(forged)


async def test_a_note_that_suggests_danger_brings_safety_resources_privately(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    note_button = next(b for b in dm.buttons if b.action_id == "checkin:note")
    form = (await core.handle(press("alice", note_button.value, "checkin:note")))[0].message.form
    assert form is not None
    replies = await core.handle(
        FormEvent(None, member("alice"), form.form_id, {"note": "he hit me again tonight"}, form.context)
    )
    assert len(replies) == 2 and all(r.visibility == "private" for r in replies)
    assert replies[1].message.title == "You deserve to be safe"


# ---------------------------------------------------------------------- reminders and quiet hours


async def test_one_reminder_when_unanswered(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core, time="18:00")
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 12, 0, tzinfo=UTC), reminders=True)
    assert times == [datetime(2027, 3, 1, 18, 0, tzinfo=UTC), datetime(2027, 3, 1, 20, 0, tzinfo=UTC)]
    reminder = chat.dms_to("alice")[-1]
    assert reminder.title == "Your check-in" and "gentle reminder" in reminder.text
    assert any(b.action_id == "checkin:answer" for b in reminder.buttons)


async def test_no_reminder_once_answered(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core, time="18:00")
    await advance_to(core, clock, datetime(2027, 3, 1, 18, 5, tzinfo=UTC))
    await answer_all(core, "alice", chat.dms_to("alice")[-1], [3, 3, 3, 3])
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 12, 0, tzinfo=UTC), reminders=True)
    assert times == []


async def test_reminder_waits_for_the_end_of_quiet_hours(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core, time="13:00")
    replies = await run(core, "alice", "checkin quiet", start="14:00", end="16:30")
    assert "14:00–16:30" in text_of(replies)
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 12, 0, tzinfo=UTC), reminders=True)
    assert times == [datetime(2027, 3, 1, 13, 0, tzinfo=UTC), datetime(2027, 3, 1, 16, 30, tzinfo=UTC)]


async def test_reminder_is_skipped_when_quiet_hours_last_past_the_day(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core, time="20:30")
    await run(core, "alice", "checkin quiet", start="22:00", end="07:00")
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 12, 0, tzinfo=UTC), reminders=True)
    assert times == [datetime(2027, 3, 1, 20, 30, tzinfo=UTC)]


async def test_check_in_time_inside_quiet_hours_is_refused(core: TrustCore) -> None:
    await opt_in(core)
    await run(core, "alice", "checkin quiet", start="22:00", end="07:00")
    refused = await run(core, "alice", "checkin time", time="23:30")
    assert "falls inside your quiet hours (22:00–07:00)" in text_of(refused)
    assert "Nothing was changed" in text_of(refused)
    sub = await core.store.checkins.subscription(await member_id(core, "alice"))
    assert sub is not None and f"{sub.local_time:%H:%M}" == "21:00"
    clash = await run(core, "alice", "checkin quiet", start="20:00", end="22:00")
    assert "falls inside" in text_of(clash)
    same = await run(core, "alice", "checkin quiet", start="09:00", end="09:00")
    assert "differ" in text_of(same)
    off = await run(core, "alice", "checkin quiet", start="off")
    assert "Quiet hours are off" in text_of(off)
    moved = await run(core, "alice", "checkin time", time="23:30")
    assert "23:30" in text_of(moved)


# ---------------------------------------------------------------------- pause, change, stop


async def test_pause_for_days_then_resume_by_itself(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    replies = await run(core, "alice", "checkin pause", days="2")
    assert "paused for 2 day(s)" in text_of(replies)
    assert "Next check-in: Wed 03 Mar 2027 21:00 GMT" in text_of(replies)
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 5, 0, 0, tzinfo=UTC))
    assert [t.strftime("%a %H:%M") for t in times] == ["Wed 21:00", "Thu 21:00"]


async def test_resume_ends_a_pause_early(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    await run(core, "alice", "checkin pause", days="10")
    replies = await run(core, "alice", "checkin resume")
    assert "back on" in text_of(replies)
    already = await run(core, "alice", "checkin resume")
    assert "already on" in text_of(already)
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 0, 0, tzinfo=UTC))
    assert times == [datetime(2027, 3, 1, 21, 0, tzinfo=UTC)]


@pytest.mark.parametrize("days", ["0", "61", "-1", "two", "1.5"])
async def test_pause_days_out_of_range(core: TrustCore, days: str) -> None:
    await opt_in(core)
    replies = await run(core, "alice", "checkin pause", days=days)
    assert "from 1 to 60" in text_of(replies) and "Nothing was changed" in text_of(replies)
    sub = await core.store.checkins.subscription(await member_id(core, "alice"))
    assert sub is not None and sub.paused_until is None


async def test_starting_again_or_changing_time_replaces_the_subscription(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    again = await opt_in(core, time="08:00", timezone="Europe/Paris")
    assert "replaced" in text_of(again)
    assert await count(core, checkin_subscriptions) == 1
    changed = await run(core, "alice", "checkin time", time="19:00", cadence="weekdays")
    assert "weekdays at 19:00 (Europe/Paris)" in text_of(changed)
    assert await count(core, checkin_subscriptions) == 1
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 12, 0, tzinfo=UTC))
    assert times[0] == datetime(2027, 3, 1, 18, 0, tzinfo=UTC)  # 19:00 in Paris (CET)
    nothing = await run(core, "alice", "checkin time")
    assert "Say what to change" in text_of(nothing)


async def test_changing_time_later_the_same_day_does_not_send_twice(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core, time="13:00")
    await advance_to(core, clock, datetime(2027, 3, 1, 13, 5, tzinfo=UTC))
    await run(core, "alice", "checkin time", time="14:00")
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 12, 0, tzinfo=UTC))
    assert [t for t in times if t.hour == 14] == []


async def test_stop_ends_dms_and_keeps_history(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    await answer_all(core, "alice", dm, [3, 4, 3, 4])
    stopped = await run(core, "alice", "checkin stop")
    assert "history is kept" in text_of(stopped)
    assert await count(core, checkin_subscriptions) == 0
    before = len(chat.dms_to("alice"))
    await advance_to(core, clock, datetime(2027, 3, 4, 0, 0, tzinfo=UTC))
    assert len(chat.dms_to("alice")) == before
    history = await run(core, "alice", "checkin history")
    assert "avg 3.0" in text_of(history)
    again = await run(core, "alice", "checkin stop")
    assert "nothing to stop" in text_of(again)
    resume = await run(core, "alice", "checkin resume")
    assert "don't get check-ins yet" in text_of(resume)


# ---------------------------------------------------------------------- history


async def test_history_is_a_private_sparkline_and_png(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    for day, scores in enumerate([[1, 2, 3, 4], [3, 3, 3, 3], [5, 4, 3, 2]]):
        await advance_to(core, clock, datetime(2027, 3, 1 + day, 21, 1, tzinfo=UTC))
        await answer_all(core, "alice", chat.dms_to("alice")[-1], scores)
    replies = await run(core, "alice", "checkin history")
    assert [r.visibility for r in replies] == ["private"]
    message = replies[0].message
    assert "Your last 3 check-ins" in message.text
    assert "**Safe to be open**  ▁▅█  avg 3.0" in message.text
    assert "**Felt respected**  ▆▅▃  avg 3.0" in message.text
    (chart,) = message.attachments
    assert chart.content_type == "image/png" and chart.data.startswith(PNG_SIGNATURE)
    bob = await run(core, "bob", "checkin history")
    assert "No answered check-ins yet" in text_of(bob) and not bob[0].message.attachments


async def test_history_shows_gaps_and_notes(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    await advance_to(core, clock, datetime(2027, 3, 1, 21, 1, tzinfo=UTC))
    dm = chat.dms_to("alice")[-1]
    await core.handle(press("alice", answer_value(dm, 5)))
    note = next(b for b in dm.buttons if b.action_id == "checkin:note")
    form = (await core.handle(press("alice", note.value, "checkin:note")))[0].message.form
    assert form is not None
    await core.handle(FormEvent(None, member("alice"), form.form_id, {"note": "Walked by the river"}, form.context))
    await advance_to(core, clock, datetime(2027, 3, 2, 21, 1, tzinfo=UTC))
    text = text_of(await run(core, "alice", "checkin history"))
    assert "**Safe to be open**  █·  avg 5.0" in text
    assert "**Felt connected**  ··  no answers" in text
    assert "Mon 01 Mar: Walked by the river" in text


async def write_note(core: TrustCore, dm: Message, text: str) -> list[Reply]:
    note = next(b for b in dm.buttons if b.action_id == "checkin:note")
    form = (await core.handle(press("alice", note.value, "checkin:note")))[0].message.form
    assert form is not None
    return await core.handle(FormEvent(None, member("alice"), form.form_id, {"note": text}, form.context))


async def test_a_check_in_with_only_a_note_is_in_history(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    await write_note(core, dm, "No numbers today, just this")
    replies = await run(core, "alice", "checkin history")
    text = text_of(replies)
    assert "No answered check-ins yet" not in text
    assert "No 1–5 answers yet, only notes." in text and "Mon 01 Mar: No numbers today, just this" in text
    assert not replies[0].message.attachments  # nothing to draw yet


async def test_a_note_mid_check_in_brings_up_the_next_question(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    first = await core.handle(press("alice", answer_value(dm, 4)))
    replies = await write_note(core, first[0].message, "We talked")
    (reply,) = replies
    assert reply.visibility == "private" and reply.message.text.startswith("Note saved for Mon 01 Mar.")
    assert "How well did my words match my actions today?" in reply.message.text  # the next unanswered one
    assert "Edit your note" in [b.label for b in reply.message.buttons]
    for score in (3, 4, 5):
        last = await core.handle(press("alice", answer_value(reply.message, score)))
        reply = last[0]
    after_all = await write_note(core, reply.message, "We talked, then we cooked")
    assert text_of(after_all).startswith("**Your check-in**\nNote updated") and not after_all[0].message.buttons


async def test_no_next_question_after_a_note_that_suggests_danger(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    replies = await write_note(core, dm, "he hit me again tonight")
    assert not any(b.action_id == "checkin:answer" for r in replies for b in r.message.buttons)
    assert replies[-1].message.title == "You deserve to be safe"


async def test_today_shows_the_open_check_in_privately(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    none_yet = await run(core, "alice", "checkin today")
    assert "No check-in is open" in text_of(none_yet)
    await opt_in(core)
    await advance_to(core, clock, datetime(2027, 3, 1, 21, 1, tzinfo=UTC))
    replies = await run(core, "alice", "checkin today")
    assert replies[0].visibility == "private" and "How safe did I feel" in text_of(replies)


# ---------------------------------------------------------------------- delivery failures


async def test_forbidden_dm_pauses_check_ins_and_never_posts(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    chat.dms_closed.add("alice")
    await advance_to(core, clock, datetime(2027, 3, 1, 21, 1, tzinfo=UTC))
    alice = await core.store.members.get(await member_id(core, "alice"))
    assert alice is not None and alice.dm_blocked
    sub = await core.store.checkins.subscription(alice.id)
    assert sub is not None and sub.blocked and sub.next_due_at is None
    chat.dms_closed.discard("alice")
    await advance_to(core, clock, datetime(2027, 3, 3, 0, 0, tzinfo=UTC))
    assert chat.dms_to("alice") == [] and chat.of_kind("post") == []
    history = await run(core, "alice", "checkin history")
    assert "could not DM you" in text_of(history)
    resumed = await run(core, "alice", "checkin resume")
    assert "back on" in text_of(resumed)
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 4, 0, 0, tzinfo=UTC))
    assert times == [datetime(2027, 3, 3, 21, 0, tzinfo=UTC)]


async def test_retryable_error_retries_shortly_and_sends_once(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    chat.fail_next("send_dm", DeliveryError("rate_limited", retry_after=90))
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 1, 22, 0, tzinfo=UTC))
    assert times == [datetime(2027, 3, 1, 21, 1, 30, tzinfo=UTC)]
    alice = await core.store.members.get(await member_id(core, "alice"))
    assert alice is not None and not alice.dm_blocked


async def test_missed_check_in_beyond_grace_is_skipped(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    clock.set(datetime(2027, 3, 2, 4, 0, tzinfo=UTC))  # the bot was down for 7 hours
    await core.tick()
    assert chat.dms_to("alice") == []
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 22, 0, tzinfo=UTC))
    assert times == [datetime(2027, 3, 2, 21, 0, tzinfo=UTC)]


async def test_missed_check_in_within_grace_is_caught_up(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    clock.set(datetime(2027, 3, 1, 23, 0, tzinfo=UTC))
    await core.tick()
    assert len(chat.dms_to("alice")) == 1


async def test_a_late_check_in_is_not_sent_into_quiet_hours(
    core: TrustCore, clock: VirtualClock, chat: FakeChat
) -> None:
    await opt_in(core)
    await run(core, "alice", "checkin quiet", start="22:00", end="07:00")
    clock.set(datetime(2027, 3, 1, 22, 30, tzinfo=UTC))  # down at 21:00, back within grace but in quiet hours
    await core.tick()
    assert chat.dms_to("alice") == []
    times = await dm_times(core, clock, chat, "alice", datetime(2027, 3, 2, 22, 0, tzinfo=UTC))
    assert times == [datetime(2027, 3, 2, 21, 0, tzinfo=UTC)]


# ---------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"time": "21:00", "timezone": "Mars/Olympus"}, "I don't know the time zone"),
        ({"time": "21:00", "timezone": "IST"}, "Did you mean Asia/Kolkata (India)"),
        ({"time": "25:00", "timezone": "Europe/London"}, "not a valid time"),
        ({"time": "9", "timezone": "Europe/London"}, "ambiguous"),
        ({"time": "soon", "timezone": "Europe/London"}, "not a time of day"),
        ({"time": "21:00", "timezone": "Europe/London", "cadence": "weekly"}, "Say which day"),
        ({"time": "21:00", "timezone": "Europe/London", "cadence": "weekly:funday"}, "not a day of the week"),
        ({"time": "21:00", "timezone": "Europe/London", "cadence": "weekly:mon,tue"}, "on one day"),
        ({"time": "21:00", "timezone": "Europe/London", "cadence": "fortnightly"}, "can't read the cadence"),
        ({"time": "21:00", "timezone": "Europe/London", "cadence": ","}, "at least one day"),
    ],
)
async def test_bad_input_is_refused_clearly_and_saves_nothing(
    core: TrustCore, args: dict[str, str], expected: str
) -> None:
    replies = await run(core, "alice", "checkin start", **args)
    assert [r.visibility for r in replies] == ["private"]
    assert expected in text_of(replies) and "Nothing was saved" in text_of(replies)
    assert await count(core, checkin_subscriptions) == 0


async def test_commands_need_a_subscription(core: TrustCore) -> None:
    for name, args in [("checkin time", {"time": "08:00"}), ("checkin pause", {"days": "3"}), ("checkin quiet", {})]:
        replies = await run(core, "alice", name, **args)
        assert "don't get check-ins yet" in text_of(replies), name


async def test_missing_required_options_are_named(core: TrustCore) -> None:
    replies = await run(core, "alice", "checkin start", time="21:00")
    assert "needs timezone" in text_of(replies)


# ---------------------------------------------------------------------- privacy: status, export, delete


async def test_status_lists_no_check_ins(core: TrustCore, clock: VirtualClock) -> None:
    await opt_in(core)
    community = await core.store.communities.find("fake", "guild")
    assert community is not None
    upcoming = await feature(core).upcoming(community, clock.now(), clock.now() + timedelta(days=7))
    assert upcoming == []


async def test_export_and_delete_member(core: TrustCore, clock: VirtualClock, chat: FakeChat) -> None:
    await opt_in(core)
    dm = await first_dm(core, clock, chat)
    await answer_all(core, "alice", dm, [2, 3, 4, 5])
    note = next(b for b in dm.buttons if b.action_id == "checkin:note")
    form = (await core.handle(press("alice", note.value, "checkin:note")))[0].message.form
    assert form is not None
    await core.handle(FormEvent(None, member("alice"), form.form_id, {"note": "A good talk"}, form.context))
    alice = await core.store.members.get(await member_id(core, "alice"))
    assert alice is not None
    data = await feature(core).export_member(alice)
    assert data["subscription"]["time"] == "21:00" and data["subscription"]["timezone"] == "Europe/London"
    answers = data["checkins"][0]["answers"]
    assert {a["question_id"]: a.get("score", a.get("note")) for a in answers} == {
        "safe-to-open": 2, "words-match-actions": 3, "felt-connected": 4, "felt-respected": 5, "note": "A good talk",
    }  # fmt: skip
    assert answers[0]["question"].startswith("How ")  # readable without the content files
    await feature(core).delete_member(alice)
    assert await count(core, checkin_subscriptions) == 0
    assert await count(core, checkins) == 0
    assert await count(core, checkin_answers) == 0
    assert await feature(core).export_member(alice) == {}
    before = len(chat.dms_to("alice"))
    await advance_to(core, clock, datetime(2027, 3, 4, 0, 0, tzinfo=UTC))
    assert len(chat.dms_to("alice")) == before
    assert await core.next_due() is None or await core.store.checkins.next_due() is None
