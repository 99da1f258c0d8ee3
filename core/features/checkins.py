"""Private check-ins by DM at each member's own local time: answers, reminders, pauses, history and weekly figures."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from core.commandspec import CommandSpec, Option
from core.content.schema import CheckinQuestion
from core.errors import DeliveryError, UserError
from core.features.base import CommandHandler, Context, Deps, Feature, Route, private
from core.features.guidance import GuidanceFeature
from core.guidance import detect_danger
from core.models import Attachment, Button, Form, FormField, Message, Reply
from core.ports import ChatPort
from core.scheduling.recurrence import Occurrence, latest_occurrence, next_occurrence
from core.services.checkins_chart import sparkline, trend_chart
from core.services.messages import format_local, safety_message
from core.storage.checkins import (
    AnswerRecord,
    CheckinRecord,
    CheckinRepo,
    DueCheckin,
    DueReminder,
    SubscriptionRecord,
)
from core.storage.records import CommunityRecord, MemberRecord
from core.validation import format_weekdays, parse_local_time, parse_weekdays, parse_zone

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

REMINDER_DELAY = timedelta(hours=2)  # one gentle reminder this long after an unanswered check-in
ANSWER_WINDOW = timedelta(days=3)  # answers to a check-in are taken for this long after it was due
HISTORY_SIZE = 14  # check-ins shown by /trust checkin history
TREND_SIZE = 7  # check-ins in the tiny trend shown when a check-in is done
SCALE = range(1, 6)
PAUSE_DAYS = (1, 60)
TITLE = "Your check-in"  # neutral: someone else may see the notification

_BATCH = 250  # due rows fetched per query
_MAX_BATCHES = 40  # per tick; anything left is due at once on the next tick
_RETRY_BACKOFF = timedelta(minutes=2)
_MIN_RETRY = timedelta(seconds=30)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_T = TypeVar("_T")


def _nothing_saved(parse: Callable[[str], _T], text: str) -> _T:
    try:
        return parse(text)
    except UserError as exc:
        raise UserError(f"{exc} Nothing was saved.") from None


def parse_cadence(text: str) -> frozenset[int]:
    """``daily``, ``weekdays``, ``weekly:<day>`` or a day list such as ``mon,wed,fri`` (Monday is 0)."""
    raw = text.strip().lower()
    hint = "Use daily, weekdays, weekly:<day> (e.g. weekly:sun) or days such as mon,wed,fri. Nothing was saved."
    if raw.startswith("weekly"):
        day = raw[len("weekly") :].lstrip(":= ")
        if not day:
            raise UserError(f"Say which day for a weekly check-in, e.g. cadence:weekly:sun. {hint}")
        try:
            days = parse_weekdays(day)
        except UserError:
            raise UserError(f"'{day[:20]}' is not a day of the week. {hint}") from None
        if len(days) != 1:
            raise UserError(f"A weekly check-in is on one day, e.g. weekly:sun; for several days list them. {hint}")
        return days
    try:
        days = parse_weekdays(raw)
    except UserError:
        raise UserError(f"I can't read the cadence '{text.strip()[:40]}'. {hint}") from None
    if not days:
        raise UserError(f"Choose at least one day. {hint}")
    return days


def format_cadence(days: frozenset[int]) -> str:
    if len(days) == 1:
        return f"weekly on {_DAY_NAMES[next(iter(days))]}"
    return format_weekdays(days)


def in_quiet_hours(moment: time, quiet: tuple[time, time]) -> bool:
    """Is the local ``moment`` inside [start, end)? Quiet hours may run past midnight (22:00-07:00)."""
    start, end = quiet
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def _quiet_text(quiet: tuple[time, time]) -> str:
    return f"{quiet[0]:%H:%M}–{quiet[1]:%H:%M}"


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
        questions = deps.content.checkin_questions
        self.scale: list[CheckinQuestion] = [q for q in questions if q.kind == "scale"]
        self.note: CheckinQuestion | None = next((q for q in questions if q.kind == "note"), None)

    @property
    def repo(self) -> CheckinRepo:
        return self.deps.store.checkins

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

    @staticmethod
    def _refuse_quiet_clash(at: time, quiet: tuple[time, time] | None, what: str) -> None:
        if quiet is not None and in_quiet_hours(at, quiet):
            raise UserError(
                f"{what} {at:%H:%M} falls inside your quiet hours ({_quiet_text(quiet)}). Choose a time outside "
                "them, or change them with `/trust checkin quiet`. Nothing was changed."
            )

    def _reminder_at(self, occurrence: Occurrence, sent_at: datetime, zone: ZoneInfo) -> datetime | None:
        """The reminder time: ``REMINDER_DELAY`` after the check-in went out, on the same local day, else none."""
        remind = max(occurrence.at, sent_at) + REMINDER_DELAY
        return remind if remind.astimezone(zone).date() == occurrence.local_date else None

    def _state_line(self, sub: SubscriptionRecord, now: datetime, member: MemberRecord) -> str:
        zone = sub.zone
        line = f"Check-ins: {format_cadence(sub.weekdays)} at {sub.local_time:%H:%M} ({sub.timezone})."
        if sub.blocked or member.dm_blocked:
            return (
                f"{line} They are paused because I could not DM you. Allow DMs from server members, then run "
                "`/trust checkin resume`."
            )
        if sub.paused_at(now):
            assert sub.paused_until is not None
            line += f" Paused until {format_local(sub.paused_until, zone)}."
        if sub.next_due_at is not None:
            line += f" Next: {format_local(sub.next_due_at, zone)}."
        if sub.quiet is not None:
            line += f" Quiet hours: {_quiet_text(sub.quiet)}."
        return line

    # ------------------------------------------------------------------ messages

    def _question_message(
        self, checkin: CheckinRecord, answers: dict[str, AnswerRecord], intro: str | None = None
    ) -> Message | None:
        """The next unanswered scale question with its 1-5 buttons (None when all are answered)."""
        pending = [q for q in self.scale if answers.get(q.id) is None or answers[q.id].score is None]
        if not pending:
            return None
        question = pending[0]
        number = self.scale.index(question) + 1
        text = f"{intro}\n\n" if intro else ""
        text += f"**{question.text}**\n1 = {question.low_label} · 5 = {question.high_label}"
        buttons = [
            Button("checkin:answer", str(n), f"{checkin.id}:{question.id}:{n}", "primary" if n == 3 else "secondary")
            for n in SCALE
        ]
        buttons += self._note_buttons(checkin, answers)
        return Message(
            text=text,
            title=TITLE,
            buttons=tuple(buttons),
            footer=f"Question {number} of {len(self.scale)}. Only you see your answers.",
        )

    def _note_buttons(self, checkin: CheckinRecord, answers: dict[str, AnswerRecord]) -> list[Button]:
        if self.note is None:
            return []
        existing = answers.get(self.note.id)
        label = "Edit your note" if existing is not None and existing.note else "Add a note"
        return [Button("checkin:note", label, str(checkin.id))]

    async def _done_message(self, ctx: Context, checkin: CheckinRecord, confirmation: str) -> Message:
        answers = await self.repo.answers(checkin.id)
        recent = await self.repo.recent(ctx.member.id, TREND_SIZE)
        lines = [confirmation, "", "That's your check-in done. Thank you for taking a moment."]
        if len(recent) > 1:
            lines.append("")
            lines.append(f"Your last {len(recent)} check-ins:")
            for question in self.scale:
                values = [_score(a, question.id) for _, a in recent]
                lines.append(f"{question.short}: {sparkline(values)}")
        buttons = [*self._note_buttons(checkin, answers), Button("checkin:history", "Your trend", "")]
        return Message("\n".join(lines), title=TITLE, buttons=tuple(buttons), footer="Only you can see this.")

    # ------------------------------------------------------------------ commands

    async def _start(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        at = _nothing_saved(parse_local_time, args["time"])
        zone = _nothing_saved(parse_zone, args["timezone"])
        days = parse_cadence(args.get("cadence", "daily"))
        existing: SubscriptionRecord | None = await self.repo.subscription(ctx.member.id)
        quiet = existing.quiet if existing else None
        self._refuse_quiet_clash(at, quiet, "Your check-in time")
        community = await self._community_for(ctx)
        first = next_occurrence(ctx.now, at, zone, days)
        sub = await self.repo.put_subscription(
            ctx.member.id, community_id=community.id if community else None, timezone=zone.key, local_time=at,
            weekdays=days, quiet=quiet, next_due_at=first.at, now=ctx.now,
        )  # fmt: skip
        if ctx.member.dm_blocked:
            await self.deps.store.members.set_dm_blocked(ctx.member.id, False)
        lines = [
            ("Your check-in is replaced: " if existing else "Your private check-in is on: ")
            + f"{format_cadence(days)} at {at:%H:%M} ({zone.key}).",
            f"First one: {format_local(first.at, zone)}.",
            "",
            f"I'll DM you {len(self.scale)} short questions (tap 1–5) and you can add a note. Only you see your "
            "answers. "
            + (
                f"Your community sees only anonymous weekly figures, and only when at least {self.min_group} "
                "members check in."
                if community
                else "They are not counted in any community's figures."
            ),
        ]
        if sub.quiet is not None:
            lines.append(f"Your quiet hours stay {_quiet_text(sub.quiet)} (no reminders then).")
        if ctx.member.dm_blocked:
            lines.append("I could not DM you before: please allow DMs from server members, or I'll pause again.")
        lines.append(
            "Change: `/trust checkin time` · pause: `/trust checkin pause days:N` · stop: `/trust checkin stop`."
        )
        return private("\n".join(lines), "Check-ins on")

    async def _change(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        sub = await self._need_subscription(ctx)
        if not any(args.get(k, "").strip() for k in ("time", "timezone", "cadence")):
            raise UserError(
                "Say what to change: time, timezone or cadence, e.g. `/trust checkin time time:07:30`. "
                "Nothing was changed."
            )
        at = _nothing_saved(parse_local_time, args["time"]) if args.get("time", "").strip() else sub.local_time
        zone = _nothing_saved(parse_zone, args["timezone"]) if args.get("timezone", "").strip() else sub.zone
        days = parse_cadence(args["cadence"]) if args.get("cadence", "").strip() else sub.weekdays
        self._refuse_quiet_clash(at, sub.quiet, "Your check-in time")
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
        return private(f"{text}\n{self._state_line(updated, ctx.now, ctx.member)}", "Check-in changed")

    async def _pause(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        raw = args["days"].strip()
        low, high = PAUSE_DAYS
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise UserError(f"Pause for a whole number of days from {low} to {high}, e.g. days:7. Nothing was changed.")
        sub = await self._need_subscription(ctx)
        until = ctx.now + timedelta(days=int(raw))
        blocked = sub.blocked or ctx.member.dm_blocked
        nxt = None if blocked else next_occurrence(until, sub.local_time, sub.zone, sub.weekdays).at
        await self._update(ctx, paused_until=until, next_due_at=nxt)
        await self.repo.cancel_reminders(ctx.member.id)
        text = f"Check-ins paused for {raw} day(s), until {format_local(until, sub.zone)}. They resume by themselves."
        if nxt is not None:
            text += f"\nNext check-in: {format_local(nxt, sub.zone)}."
        text += "\n`/trust checkin resume` starts them sooner."
        return private(text, "Check-ins paused")

    async def _resume(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        sub = await self._need_subscription(ctx)
        blocked = sub.blocked or ctx.member.dm_blocked
        if not blocked and not sub.paused_at(ctx.now):
            return private(f"Your check-ins are already on.\n{self._state_line(sub, ctx.now, ctx.member)}")
        nxt = next_occurrence(ctx.now, sub.local_time, sub.zone, sub.weekdays).at
        updated = await self._update(ctx, paused_until=None, blocked=False, next_due_at=nxt)
        if ctx.member.dm_blocked:
            await self.deps.store.members.set_dm_blocked(ctx.member.id, False)
        member = MemberRecord(
            ctx.member.id, ctx.member.platform, ctx.member.external_id, ctx.member.display_name, False
        )
        text = f"Check-ins are back on.\n{self._state_line(updated, ctx.now, member)}"
        if blocked:
            text += "\nMake sure you allow DMs from server members, or I'll have to pause them again."
        return private(text, "Check-ins resumed")

    async def _stop(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        removed = await self.repo.delete_subscription(ctx.member.id)
        await self.repo.cancel_reminders(ctx.member.id)
        if not removed:
            return private("You don't get check-ins, so there was nothing to stop.")
        return private(
            "Check-ins stopped: no more DMs from them. Your history is kept, and only you can see it "
            "(`/trust checkin history`). `/trust mydata delete` removes it; `/trust checkin start` starts again.",
            "Check-ins stopped",
        )

    async def _quiet(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        start_raw, end_raw = args.get("start", "").strip(), args.get("end", "").strip()
        sub = await self._need_subscription(ctx)
        if start_raw.lower() in ("off", "none", "clear"):
            await self._update(ctx, quiet=None)
            return private("Quiet hours are off: a reminder can come at any time of day.", "Quiet hours")
        if not start_raw or not end_raw:
            raise UserError(
                "Give both ends, e.g. `/trust checkin quiet start:22:00 end:07:00`, or `/trust checkin quiet off`. "
                "Nothing was changed."
            )
        start = _nothing_saved(parse_local_time, start_raw)
        end = _nothing_saved(parse_local_time, end_raw)
        if start == end:
            raise UserError(
                "Quiet hours need a start and an end that differ, e.g. 22:00 to 07:00. Nothing was changed."
            )
        if in_quiet_hours(sub.local_time, (start, end)):
            raise UserError(
                f"Your check-in time {sub.local_time:%H:%M} falls inside {start:%H:%M}–{end:%H:%M}. Choose quiet "
                "hours around it, or move your check-in first with `/trust checkin time`. Nothing was changed."
            )
        await self._update(ctx, quiet=(start, end))
        return private(
            f"Quiet hours: {start:%H:%M}–{end:%H:%M} ({sub.timezone}). A reminder due then waits until {end:%H:%M}, "
            "or is skipped if that is after the check-in's day has ended.",
            "Quiet hours",
        )

    async def _today(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        latest: CheckinRecord | None = await self.repo.latest(ctx.member.id)
        if latest is None or ctx.now - latest.scheduled_for > ANSWER_WINDOW or latest.scheduled_for > ctx.now:
            sub: SubscriptionRecord | None = await self.repo.subscription(ctx.member.id)
            tail = f"\n{self._state_line(sub, ctx.now, ctx.member)}" if sub else " Start with `/trust checkin start`."
            return private(f"No check-in is open right now.{tail}")
        answers = await self.repo.answers(latest.id)
        message = self._question_message(latest, answers, intro=f"Your check-in for {latest.local_date:%a %d %b}.")
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
        recent: list[tuple[CheckinRecord, dict[str, AnswerRecord]]] = await self.repo.recent(member.id, HISTORY_SIZE)
        state = self._state_line(sub, now, member) if sub else "You don't get check-ins now (`/trust checkin start`)."
        answered = [(c, a) for c, a in recent if any(_score(a, q.id) is not None for q in self.scale)]
        if not answered:
            return Message(
                f"No answered check-ins yet.\n{state}", title="Your check-in history", footer="Only you can see this."
            )
        first, last = recent[0][0].local_date, recent[-1][0].local_date
        span = (
            f"Your check-in on {first:%a %d %b}"
            if len(recent) == 1
            else (f"Your last {len(recent)} check-ins, {first:%d %b} to {last:%d %b} (oldest first; · = not answered)")
        )
        lines = [f"{span}:", ""]
        series: list[list[int | None]] = []
        for question in self.scale:
            values = [_score(a, question.id) for _, a in recent]
            series.append(values)
            present = [v for v in values if v is not None]
            if not present:
                lines.append(f"**{question.short}**  {sparkline(values)}  no answers")
                continue
            line = f"**{question.short}**  {sparkline(values)}  avg {sum(present) / len(present):.1f}"
            change = _half_change(values)
            if change is not None:
                line += f" ({'↑' if change > 0 else '↓' if change < 0 else '→'}{abs(change):.1f} in the newer half)"
            lines.append(line)
        notes = [(c.local_date, a[self.note.id].note) for c, a in recent if self.note and a.get(self.note.id)]
        if notes:
            lines.append("")
            lines.append("Your latest notes:")
            lines += [f"• {day:%a %d %b}: {text}" for day, text in notes[-3:]]
        lines += ["", state]
        chart = Attachment("checkin-trend.png", trend_chart(series), "image/png")
        legend = ", ".join(q.short for q in self.scale)
        return Message(
            "\n".join(lines),
            title="Your check-in history",
            footer=f"Only you can see this. The chart has one band per question ({legend}), oldest on the left.",
            attachments=(chart,),
        )

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
        parts = value.split(":")
        question = next((q for q in self.scale if len(parts) == 3 and q.id == parts[1]), None)
        if question is None or not parts[0].isdigit() or not parts[2].isdigit() or int(parts[2]) not in SCALE:
            raise UserError("That button no longer works. `/trust checkin today` shows your latest check-in.")
        checkin = await self._own_checkin(ctx, int(parts[0]))
        score = int(parts[2])
        before = await self.repo.save_score(checkin.id, question.id, score, ctx.now)
        if before is None:
            confirmation = f"Saved: {question.short} {score}/5."
        elif before == score:
            confirmation = f"Already saved: {question.short} {score}/5."
        else:
            confirmation = f"Changed: {question.short} {before} → {score}/5."
        answers = await self.repo.answers(checkin.id)
        message = self._question_message(checkin, answers, intro=confirmation)
        if message is not None:
            return [Reply(message, "private")]
        await self.repo.complete(checkin.id, ctx.now)
        return [Reply(await self._done_message(ctx, checkin, confirmation), "private")]

    async def _open_note(self, ctx: Context, value: str) -> list[Reply]:
        if self.note is None or not value.isdigit():
            raise UserError("That button no longer works. `/trust checkin today` shows your latest check-in.")
        checkin = await self._own_checkin(ctx, int(value))
        existing = (await self.repo.answers(checkin.id)).get(self.note.id)
        form = Form(
            form_id="checkin:note",
            title="Your note",
            fields=(
                FormField(
                    "note",
                    self.note.short,
                    "paragraph",
                    required=False,
                    max_length=self.note.max_length,
                    placeholder=self.note.text[:100],
                    initial=existing.note if existing and existing.note else "",
                ),
            ),
            submit_label="Save",
            context=str(checkin.id),
        )
        return [Reply(Message(text=self.note.text, title=TITLE, form=form), "private")]

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
        replies = private(
            f"Note {'updated' if existing else 'saved'} for {checkin.local_date:%a %d %b}. Only you can see it "
            "(`/trust checkin history`).",
            TITLE,
        )
        if detect_danger(text) is not None:
            logger.info("safety resources sent privately to member %s after a check-in note", ctx.member.id)
            replies += await self._safety(ctx)
        return replies

    async def _safety(self, ctx: Context) -> list[Reply]:
        for peer in self.peers:
            if isinstance(peer, GuidanceFeature):
                return await peer.safety_replies(ctx)
        return [Reply(safety_message(self.deps.content), "private")]

    # ------------------------------------------------------------------ scheduling

    async def next_due(self) -> datetime | None:
        due: datetime | None = await self.repo.next_due()
        return due

    async def tick(self, now: datetime) -> int:
        """Send due check-ins, then due reminders; only due rows are read (indexed), never every member."""
        sent = 0
        for _ in range(_MAX_BATCHES):
            batch: list[DueCheckin] = await self.repo.due(now, _BATCH)
            for item in batch:
                try:
                    sent += await self._send_checkin(item, now)
                except Exception:
                    logger.exception("check-in for member %s failed", item.member.id)
                    sub = item.subscription
                    following = next_occurrence(now, sub.local_time, sub.zone, sub.weekdays).at
                    await self.repo.advance(sub.id, sub.next_due_at, following)
            if len(batch) < _BATCH:
                break
        for _ in range(_MAX_BATCHES):
            reminders: list[DueReminder] = await self.repo.due_reminders(now, _BATCH)
            for reminder in reminders:
                try:
                    sent += await self._send_reminder(reminder, now)
                except Exception:
                    logger.exception("check-in reminder %s failed", reminder.checkin.id)
                    await self.repo.set_remind_at(reminder.checkin.id, None)
            if len(reminders) < _BATCH:
                break
        return sent

    async def _blocked(self, member: MemberRecord, now: datetime, exc: DeliveryError) -> None:
        logger.warning("DMs to member %s refused (%s): check-ins paused until they resume", member.id, exc.reason)
        await self.deps.store.members.set_dm_blocked(member.id, True)
        await self.repo.block(member.id, now)

    def _port(self, member: MemberRecord) -> ChatPort | None:
        port = self.deps.ports.get(member.platform)
        if port is None:
            logger.warning("no adapter for %s: check-in for member %s not sent", member.platform, member.id)
        return port

    async def _send_checkin(self, item: DueCheckin, now: datetime) -> int:
        sub, member = item.subscription, item.member
        zone, at, days = sub.zone, sub.local_time, sub.weekdays
        following = next_occurrence(now, at, zone, days).at
        if member.dm_blocked:
            await self.repo.block(member.id, now)
            logger.info("check-ins for member %s paused: their DMs are closed", member.id)
            return 0
        if sub.paused_at(now):
            assert sub.paused_until is not None
            await self.repo.advance(sub.id, sub.next_due_at, next_occurrence(sub.paused_until, at, zone, days).at)
            return 0
        occurrence = latest_occurrence(now, at, zone, days)
        late = now - occurrence.at
        skip = None
        if sub.paused_until is not None and occurrence.at <= sub.paused_until:
            skip = "it fell in a pause"
        elif late > self.deps.settings.grace:
            skip = f"{late} late, beyond the {self.deps.settings.grace} grace window"
        elif late > timedelta(0) and sub.quiet is not None and in_quiet_hours(now.astimezone(zone).time(), sub.quiet):
            skip = "a late check-in would land in the member's quiet hours"
        port = self._port(member)
        if skip is not None or port is None:
            if skip is not None:
                logger.warning("skipped check-in for member %s on %s: %s", member.id, occurrence.local_date, skip)
            await self.repo.advance(sub.id, sub.next_due_at, following)
            return 0
        key = f"checkin:{member.id}:{occurrence.local_date.isoformat()}"
        store = self.deps.store
        claimed = await store.deliveries.claim(
            key, kind="checkin", scheduled_for=occurrence.at, owner=self.deps.settings.instance_id, now=now,
            community_id=sub.community_id, member_id=member.id,
        )  # fmt: skip
        if not claimed:
            await self.repo.advance(sub.id, sub.next_due_at, following)
            return 0
        checkin = await self.repo.ensure_checkin(member.id, sub.community_id, occurrence.local_date, occurrence.at, now)
        intro = f"Time for your check-in: {len(self.scale)} quick questions, one tap each."
        message = self._question_message(checkin, {}, intro=intro)
        assert message is not None
        try:
            ref = await port.send_dm(member.external_id, message)
        except DeliveryError as exc:
            await store.deliveries.release(key, str(exc), permanent=not exc.retryable)
            if exc.retryable:
                wait = timedelta(seconds=exc.retry_after) if exc.retry_after else _RETRY_BACKOFF
                retry_at = min(following, now + max(wait, _MIN_RETRY))
                logger.warning("%s will be retried at %s: %s", key, retry_at, exc.reason)
                await self.repo.advance(sub.id, sub.next_due_at, retry_at)
            elif exc.reason in ("forbidden", "not_found"):
                await self._blocked(member, now, exc)
            else:
                logger.warning("%s failed for good: %s", key, exc.reason)
                await self.repo.advance(sub.id, sub.next_due_at, following)
            return 0
        await store.deliveries.mark_sent(key, now, ref)
        await self.repo.mark_sent(
            checkin.id, now, ref, self._reminder_at(occurrence, now, zone),
            subscription_id=sub.id, expected=sub.next_due_at, next_due_at=following,
        )  # fmt: skip
        return 1

    async def _send_reminder(self, item: DueReminder, now: datetime) -> int:
        checkin, sub, member = item.checkin, item.subscription, item.member
        assert checkin.remind_at is not None
        if checkin.completed_at is not None or sub is None or sub.blocked or member.dm_blocked or sub.paused_at(now):
            await self.repo.set_remind_at(checkin.id, None)
            return 0
        zone = sub.zone
        local = now.astimezone(zone)
        if now - checkin.remind_at > self.deps.settings.grace or local.date() != checkin.local_date:
            logger.info("skipped reminder for member %s on %s: too late", member.id, checkin.local_date)
            await self.repo.set_remind_at(checkin.id, None)
            return 0
        if sub.quiet is not None and in_quiet_hours(local.time(), sub.quiet):
            end = next_occurrence(now, sub.quiet[1], zone).at
            if end.astimezone(zone).date() != checkin.local_date:
                logger.info("skipped reminder for member %s on %s: quiet hours", member.id, checkin.local_date)
                end_or_none: datetime | None = None
            else:
                end_or_none = end
            await self.repo.set_remind_at(checkin.id, end_or_none)
            return 0
        answers = await self.repo.answers(checkin.id)
        intro = "A gentle reminder: today's check-in is still open. It takes a minute."
        message = self._question_message(checkin, answers, intro=intro)
        port = self._port(member)
        if message is None or port is None:
            await self.repo.set_remind_at(checkin.id, None)
            return 0
        key = f"checkin-reminder:{member.id}:{checkin.local_date.isoformat()}"
        store = self.deps.store
        claimed = await store.deliveries.claim(
            key, kind="checkin_reminder", scheduled_for=checkin.remind_at, owner=self.deps.settings.instance_id,
            now=now, community_id=checkin.community_id, member_id=member.id,
        )  # fmt: skip
        if not claimed:
            await self.repo.set_remind_at(checkin.id, None)
            return 0
        try:
            ref = await port.send_dm(member.external_id, message)
        except DeliveryError as exc:
            await store.deliveries.release(key, str(exc), permanent=not exc.retryable)
            if exc.retryable:
                wait = timedelta(seconds=exc.retry_after) if exc.retry_after else _RETRY_BACKOFF
                await self.repo.set_remind_at(checkin.id, now + max(wait, _MIN_RETRY))
            elif exc.reason in ("forbidden", "not_found"):
                await self._blocked(member, now, exc)
            else:
                await self.repo.set_remind_at(checkin.id, None)
            return 0
        await store.deliveries.mark_sent(key, now, ref)
        await self.repo.set_remind_at(checkin.id, None, reminded_at=now)
        return 1

    # ------------------------------------------------------------------ community view

    async def upcoming(self, community: CommunityRecord, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        """Nothing: check-ins are private, so status never lists who gets them or when."""
        return []

    async def reflection_lines(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        """Anonymous figures for [start, end) and the same span a week earlier, only when enough members checked in.

        Each member counts once (the mean of their own answers), and a question is left out when
        fewer than the minimum group answered it, so no one's answers can be singled out.
        """
        this_week = await self.repo.member_scores(community.id, start, end)
        members = {m for m, _, _ in this_week}
        if not members:
            return []
        if len(members) < self.min_group:
            return [
                f"Private check-ins: figures are hidden this week because fewer than {self.min_group} members "
                "checked in (small groups stay anonymous)."
            ]
        week = timedelta(days=7)
        last_week = await self.repo.member_scores(community.id, start - week, end - week)  # the same span
        now_means, before_means = _question_means(this_week, self.min_group), _question_means(last_week, self.min_group)
        lines = [
            f"Private check-ins: {len(members)} members checked in this week. "
            "Averages out of 5, each member counted once:"
        ]
        for question in self.scale:
            mean = now_means.get(question.id)
            if mean is None:
                continue
            line = f"• {question.short}: {mean:.1f}"
            previous = before_means.get(question.id)
            if previous is not None:
                diff = round(mean - previous, 1)
                direction = "up" if diff > 0 else "down"
                line += " (same as last week)" if diff == 0 else f" ({direction} {abs(diff):.1f} from last week)"
            lines.append(line)
        return lines

    # ------------------------------------------------------------------ member data

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


def _score(answers: dict[str, AnswerRecord], question_id: str) -> int | None:
    answer = answers.get(question_id)
    return answer.score if answer is not None else None


def _half_change(values: list[int | None]) -> float | None:
    """The newer half's average minus the older half's (None when either half has no answers)."""
    middle = len(values) // 2
    older = [v for v in values[:middle] if v is not None]
    newer = [v for v in values[middle:] if v is not None]
    if not older or not newer:
        return None
    return sum(newer) / len(newer) - sum(older) / len(older)


def _question_means(rows: list[tuple[int, str, float]], minimum: int) -> dict[str, float]:
    """Per question, the mean of member means, only where at least ``minimum`` members answered it."""
    per_question: dict[str, list[float]] = {}
    for _, question_id, mean in rows:
        per_question.setdefault(question_id, []).append(mean)
    return {q: sum(v) / len(v) for q, v in per_question.items() if len(v) >= minimum}
