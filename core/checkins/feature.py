"""Private check-ins by DM at each member's own local time: answers, reminders, pauses, history and weekly figures."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from core.checkins.cadence import (
    REMINDER_DELAY,
    format_cadence,
    in_quiet_hours,
    nothing_saved,
    parse_cadence,
    parse_changes,
    parse_pause_days,
    parse_quiet_hours,
    refuse_quiet_clash,
)
from core.checkins.delivery import CheckinDelivery
from core.checkins.figures import weekly_figures
from core.checkins.messages import (
    STOPPED_TEXT,
    TITLE,
    CheckinMessages,
    answer_confirmation,
    note_saved_text,
    paused_text,
    quiet_set_text,
    resumed_text,
    state_line,
)
from core.checkins.store import CheckinRecord, CheckinRepo, SubscriptionRecord
from core.commandspec import CommandSpec, Option
from core.content.schema import CheckinQuestion
from core.errors import UserError
from core.feature import CommandHandler, Context, Deps, Feature, Route, private
from core.guidance import is_dangerous, safety_message
from core.models import Message, Reply
from core.scheduling.recurrence import next_occurrence
from core.storage.records import CommunityRecord, MemberRecord
from core.validation import parse_local_time, read_zone

# format_cadence, in_quiet_hours, parse_cadence and REMINDER_DELAY live in core.checkins.cadence;
# they stay importable from here for existing callers.
__all__ = [
    "ANSWER_WINDOW",
    "HISTORY_SIZE",
    "REMINDER_DELAY",
    "CheckinsFeature",
    "format_cadence",
    "in_quiet_hours",
    "parse_cadence",
]

logger = logging.getLogger(__name__)

ANSWER_WINDOW = timedelta(days=3)  # answers to a check-in are taken for this long after it was due
HISTORY_SIZE = 14  # check-ins shown by /trust checkin history
TREND_SIZE = 7  # check-ins in the tiny trend shown when a check-in is done


class CheckinsFeature(Feature):
    """Members opt in to a private check-in by DM; the community only ever sees anonymous weekly figures."""

    name = "checkins"
    SPECS = (
        CommandSpec(
            ("checkin", "start"),
            "Get a private check-in by DM at your own local time (replaces any you have)",
            (
                Option("time", "Your local time, 24-hour HH:MM", "time", required=True, max_length=20),
                Option("timezone", "Your IANA time zone, e.g. Europe/London", "timezone", required=True, max_length=64),
                Option("cadence", "daily (default), weekdays, weekly:sun, or days like mon,wed,fri", max_length=60),
            ),
            example="/trust checkin start time:21:00 timezone:Europe/London cadence:daily",
        ),
        CommandSpec(
            ("checkin", "time"),
            "Change your check-in time, time zone or cadence",
            (
                Option("time", "Your local time, 24-hour HH:MM", "time", max_length=20),
                Option("timezone", "Your IANA time zone, e.g. Europe/London", "timezone", max_length=64),
                Option("cadence", "daily, weekdays, weekly:sun, or days like mon,wed,fri", max_length=60),
            ),
            example="/trust checkin time time:07:30 cadence:weekdays",
        ),
        CommandSpec(
            ("checkin", "pause"),
            "Pause your check-ins for some days (they resume by themselves)",
            (Option("days", "How many days (1-60)", "integer", required=True, max_length=5),),
            example="/trust checkin pause days:7",
        ),
        CommandSpec(("checkin", "resume"), "Resume your check-ins now", example="/trust checkin resume"),
        CommandSpec(("checkin", "stop"), "Stop your check-ins (your history is kept)", example="/trust checkin stop"),
        CommandSpec(
            ("checkin", "history"), "Your own check-in trend (only you see it)", example="/trust checkin history"
        ),
        CommandSpec(
            ("checkin", "quiet"),
            "Hours with no check-in reminders (or 'off')",
            (
                Option("start", "When quiet hours start, HH:MM (or off)", "time", max_length=20),
                Option("end", "When quiet hours end, HH:MM", "time", max_length=20),
            ),
            example="/trust checkin quiet start:22:00 end:07:00",
        ),
        CommandSpec(
            ("checkin", "today"),
            "Answer your latest check-in here (if you missed the DM)",
            example="/trust checkin today",
        ),
    )

    def __init__(self, deps: Deps) -> None:
        super().__init__(deps)
        self.messages = CheckinMessages(deps.content.checkin_questions)
        self.scale: list[CheckinQuestion] = self.messages.scale
        self.note: CheckinQuestion | None = self.messages.note
        self.delivery = CheckinDelivery(deps, self.messages)

    @property
    def repo(self) -> CheckinRepo:
        return self.deps.store.repo(CheckinRepo)

    def commands(self) -> dict[str, CommandHandler]:
        return {
            "checkin start": self._start,
            "checkin time": self._change,
            "checkin pause": self._pause,
            "checkin resume": self._resume,
            "checkin stop": self._stop,
            "checkin history": self._history,
            "checkin quiet": self._quiet,
            "checkin today": self._today,
        }

    def actions(self) -> dict[str, Route]:
        return {
            "checkin:answer": Route(self._answer),
            "checkin:note": Route(self._open_note),
            "checkin:history": Route(self._history_button),
        }

    def forms(self) -> dict[str, Route]:
        return {"checkin:note": Route(self._save_note)}

    # ------------------------------------------------------------------ helpers

    @property
    def min_group(self) -> int:
        return max(3, self.deps.settings.min_group_size)

    async def _community_for(self, ctx: Context) -> CommunityRecord | None:
        if ctx.community is not None:
            return ctx.community
        seen = await self.deps.store.communities.for_member(ctx.member.id)
        return seen[0] if seen else None

    async def _need_subscription(self, ctx: Context) -> SubscriptionRecord:
        sub: SubscriptionRecord | None = await self.repo.subscription(ctx.member.id)
        if sub is None:
            raise UserError(
                "You don't get check-ins yet. Start with e.g. "
                "`/trust checkin start time:21:00 timezone:Europe/London cadence:daily`. Nothing was changed."
            )
        return sub

    async def _update(self, ctx: Context, **values: Any) -> SubscriptionRecord:
        updated = await self.repo.update_subscription(ctx.member.id, ctx.now, **values)
        if updated is None:  # stopped meanwhile (another device, another process)
            raise UserError(
                "You don't get check-ins any more, so nothing was changed. `/trust checkin start` starts them."
            )
        return updated

    async def _done_message(self, ctx: Context, checkin: CheckinRecord, confirmation: str) -> Message:
        answers = await self.repo.answers(checkin.id)
        recent = await self.repo.recent(ctx.member.id, TREND_SIZE)
        return self.messages.done(checkin, answers, recent, confirmation)

    # ------------------------------------------------------------------ commands

    async def _start(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        at = nothing_saved(parse_local_time, args["time"])
        zone, zone_note = nothing_saved(read_zone, args["timezone"])
        days = parse_cadence(args.get("cadence", "daily"))
        existing: SubscriptionRecord | None = await self.repo.subscription(ctx.member.id)
        quiet = existing.quiet if existing else None
        refuse_quiet_clash(at, quiet, "Your check-in time")
        community = await self._community_for(ctx)
        first = next_occurrence(ctx.now, at, zone, days)
        sub = await self.repo.put_subscription(
            ctx.member.id, community_id=community.id if community else None, timezone=zone.key, local_time=at,
            weekdays=days, quiet=quiet, next_due_at=first.at, now=ctx.now,
        )  # fmt: skip
        if ctx.member.dm_blocked:
            await self.deps.store.members.set_dm_blocked(ctx.member.id, False)
        text = self.messages.started(
            replaced=existing is not None, days=days, at=at, zone=zone, first=first.at,
            min_group=self.min_group if community else None, quiet=sub.quiet, was_blocked=ctx.member.dm_blocked,
        )  # fmt: skip
        return private(f"{zone_note}\n{text}" if zone_note else text, "Check-ins on")

    async def _change(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        sub = await self._need_subscription(ctx)
        at, zone, days, zone_note = parse_changes(args, sub)
        refuse_quiet_clash(at, sub.quiet, "Your check-in time")
        start = max(ctx.now, sub.paused_until) if sub.paused_until else ctx.now
        blocked = sub.blocked or ctx.member.dm_blocked
        nxt = None if blocked else next_occurrence(start, at, zone, days).at
        community_id = ctx.community.id if ctx.community else sub.community_id
        updated = await self._update(
            ctx, local_time=at, timezone=zone.key, weekdays=days, next_due_at=nxt,
            community_id=community_id,
        )  # fmt: skip
        await self.repo.cancel_reminders(ctx.member.id)
        text = f"Your check-in is now {format_cadence(days)} at {at:%H:%M} ({zone.key}). It replaces the old time."
        text = f"{zone_note}\n{text}" if zone_note else text
        return private(f"{text}\n{state_line(updated, ctx.now, ctx.member)}", "Check-in changed")

    async def _pause(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        raw = args["days"].strip()
        days = parse_pause_days(raw)
        sub = await self._need_subscription(ctx)
        until = ctx.now + timedelta(days=days)
        blocked = sub.blocked or ctx.member.dm_blocked
        nxt = None if blocked else next_occurrence(until, sub.local_time, sub.zone, sub.weekdays).at
        await self._update(ctx, paused_until=until, next_due_at=nxt)
        await self.repo.cancel_reminders(ctx.member.id)
        return private(paused_text(raw, until, nxt, sub.zone), "Check-ins paused")

    async def _resume(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        sub = await self._need_subscription(ctx)
        blocked = sub.blocked or ctx.member.dm_blocked
        if not blocked and not sub.paused_at(ctx.now):
            return private(f"Your check-ins are already on.\n{state_line(sub, ctx.now, ctx.member)}")
        nxt = next_occurrence(ctx.now, sub.local_time, sub.zone, sub.weekdays).at
        updated = await self._update(ctx, paused_until=None, blocked=False, next_due_at=nxt)
        if ctx.member.dm_blocked:
            await self.deps.store.members.set_dm_blocked(ctx.member.id, False)
        return private(resumed_text(updated, ctx.now, ctx.member, blocked), "Check-ins resumed")

    async def _stop(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        removed = await self.repo.delete_subscription(ctx.member.id)
        await self.repo.cancel_reminders(ctx.member.id)
        if not removed:
            return private("You don't get check-ins, so there was nothing to stop.")
        return private(STOPPED_TEXT, "Check-ins stopped")

    async def _quiet(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        start_raw, end_raw = args.get("start", "").strip(), args.get("end", "").strip()
        sub = await self._need_subscription(ctx)
        quiet = parse_quiet_hours(start_raw, end_raw, sub.local_time)
        if quiet is None:
            await self._update(ctx, quiet=None)
            return private("Quiet hours are off: a reminder can come at any time of day.", "Quiet hours")
        await self._update(ctx, quiet=quiet)
        return private(quiet_set_text(quiet, sub.timezone), "Quiet hours")

    async def _today(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        latest: CheckinRecord | None = await self.repo.latest(ctx.member.id)
        if latest is None or ctx.now - latest.scheduled_for > ANSWER_WINDOW or latest.scheduled_for > ctx.now:
            sub: SubscriptionRecord | None = await self.repo.subscription(ctx.member.id)
            tail = f"\n{state_line(sub, ctx.now, ctx.member)}" if sub else " Start with `/trust checkin start`."
            return private(f"No check-in is open right now.{tail}")
        answers = await self.repo.answers(latest.id)
        message = self.messages.question(latest, answers, intro=f"Your check-in for {latest.local_date:%a %d %b}.")
        if message is None:
            message = await self._done_message(ctx, latest, f"Your check-in for {latest.local_date:%a %d %b} is done.")
        return [Reply(message, "private")]

    # ------------------------------------------------------------------ history

    async def _history(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        return [Reply(await self.history_message(ctx.member, ctx.now), "private")]

    async def _history_button(self, ctx: Context, value: str) -> list[Reply]:
        return [Reply(await self.history_message(ctx.member, ctx.now), "private")]

    async def history_message(self, member: MemberRecord, now: datetime) -> Message:
        """The member's own trend: a sparkline and average per scale question, and a PNG chart."""
        sub: SubscriptionRecord | None = await self.repo.subscription(member.id)
        recent = await self.repo.recent(member.id, HISTORY_SIZE)
        return self.messages.history(recent, sub, now, member)

    # ------------------------------------------------------------------ answering

    async def _own_checkin(self, ctx: Context, checkin_id: int) -> CheckinRecord:
        checkin: CheckinRecord | None = await self.repo.checkin(checkin_id)
        if checkin is None or checkin.member_id != ctx.member.id:
            raise UserError("That check-in is not yours, or it no longer exists. Nothing was saved.")
        if ctx.now - checkin.scheduled_for > ANSWER_WINDOW:
            raise UserError(
                f"That check-in from {checkin.local_date:%a %d %b} has closed: answers are taken for "
                f"{ANSWER_WINDOW.days} days. Nothing was saved."
            )
        return checkin

    async def _answer(self, ctx: Context, value: str) -> list[Reply]:
        checkin_id, question, score = self.messages.parse_answer(value)
        checkin = await self._own_checkin(ctx, checkin_id)
        before = await self.repo.save_score(checkin.id, question.id, score, ctx.now)
        confirmation = answer_confirmation(question, before, score)
        answers = await self.repo.answers(checkin.id)
        message = self.messages.question(checkin, answers, intro=confirmation)
        if message is not None:
            return [Reply(message, "private")]
        await self.repo.complete(checkin.id, ctx.now)
        return [Reply(await self._done_message(ctx, checkin, confirmation), "private")]

    async def _open_note(self, ctx: Context, value: str) -> list[Reply]:
        if self.note is None or not value.isdigit():
            raise UserError("That button no longer works. `/trust checkin today` shows your latest check-in.")
        checkin = await self._own_checkin(ctx, int(value))
        existing = (await self.repo.answers(checkin.id)).get(self.note.id)
        return [Reply(self.messages.note_form(checkin, existing), "private")]

    async def _save_note(self, ctx: Context, values: dict[str, str], context: str) -> list[Reply]:
        if self.note is None or not context.isdigit():
            raise UserError("That form no longer works. `/trust checkin today` shows your latest check-in.")
        checkin = await self._own_checkin(ctx, int(context))
        text = values.get("note", "").strip()
        limit = self.note.max_length or 0
        if len(text) > limit:
            raise UserError(
                f"Your note is {len(text)} characters; the limit is {limit}. Nothing was saved: shorten it and "
                "press the note button again."
            )
        existing = (await self.repo.answers(checkin.id)).get(self.note.id)
        if not text:
            if existing is None:
                return private("The note was empty, so nothing was saved.")
            await self.repo.save_note(checkin.id, self.note.id, None, ctx.now)
            return private("Your note was removed.", TITLE)
        await self.repo.save_note(checkin.id, self.note.id, text, ctx.now)
        saved = note_saved_text(checkin, updated=existing is not None)
        # Safety first, and no more questions after such a note.
        if await is_dangerous(self.deps.content, text, today=ctx.now.date()):
            logger.info("safety resources sent privately to member %s after a check-in note", ctx.member.id)
            return private(saved, TITLE) + await self._safety(ctx)
        following = self.messages.question(checkin, await self.repo.answers(checkin.id), intro=saved)
        return [Reply(following, "private")] if following is not None else private(saved, TITLE)

    async def _safety(self, ctx: Context) -> list[Reply]:
        for peer in self.peers:
            replies = await peer.safety_replies(ctx)
            if replies:
                return replies
        return [Reply(safety_message(self.deps.content), "private")]

    # ------------------------------------------------------------------ scheduling

    async def next_due(self) -> datetime | None:
        return await self.delivery.next_due()

    async def tick(self, now: datetime) -> int:
        """Send due check-ins, then due reminders; only due rows are read (indexed), never every member."""
        return await self.delivery.tick(now)

    # ------------------------------------------------------------------ community view

    async def upcoming(self, community: CommunityRecord, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        """Nothing: check-ins are private, so status never lists who gets them or when."""
        return []

    async def reflection_lines(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        """Anonymous figures for [start, end) and the same span a week earlier, only when enough members checked in."""
        return await weekly_figures(self.repo, self.scale, self.min_group, community.id, start, end)

    # ------------------------------------------------------------------ member data

    async def member_zone(self, member: MemberRecord) -> str | None:
        subscription = await self.repo.subscription(member.id)
        return subscription.timezone if subscription is not None else None

    async def export_member(self, member: MemberRecord) -> dict[str, Any]:
        data: dict[str, Any] = await self.repo.export(member.id)
        if data["subscription"] is None and not data["checkins"]:
            return {}
        questions = {q.id: q.text for q in self.deps.content.checkin_questions}
        for checkin in data["checkins"]:
            for answer in checkin["answers"]:
                answer["question"] = questions.get(answer["question_id"], answer["question_id"])
        return data

    async def delete_member(self, member: MemberRecord) -> None:
        await self.repo.delete_member(member.id)
