"""What check-ins say: the 1-5 questions by DM, the note form, the done and history messages and command replies."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from zoneinfo import ZoneInfo

from core.checkins.cadence import format_cadence, quiet_text
from core.checkins.chart import sparkline, trend_chart
from core.checkins.store import AnswerRecord, CheckinRecord, SubscriptionRecord
from core.content.schema import CheckinQuestion
from core.errors import UserError
from core.formatting import format_local
from core.models import Attachment, Button, Form, FormField, Message
from core.storage.records import MemberRecord

__all__ = [
    "SCALE",
    "STOPPED_TEXT",
    "TITLE",
    "CheckinMessages",
    "answer_confirmation",
    "note_saved_text",
    "paused_text",
    "quiet_set_text",
    "resumed_text",
    "state_line",
]

SCALE = range(1, 6)
TITLE = "Your check-in"  # neutral: someone else may see the notification
STOPPED_TEXT = (
    "Check-ins stopped: no more DMs from them. Your history is kept, and only you can see it "
    "(`/trust checkin history`). `/trust mydata delete` removes it; `/trust checkin start` starts again."
)

_Recent = Sequence[tuple[CheckinRecord, dict[str, AnswerRecord]]]


def state_line(sub: SubscriptionRecord, now: datetime, member: MemberRecord) -> str:
    """One line on the member's check-ins: cadence and time, pause, next one and quiet hours."""
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
        line += f" Quiet hours: {quiet_text(sub.quiet)}."
    return line


def paused_text(days: str, until: datetime, next_at: datetime | None, zone: ZoneInfo) -> str:
    """The reply to ``/trust checkin pause``: ``days`` as the member typed it, and the next check-in if any."""
    text = f"Check-ins paused for {days} day(s), until {format_local(until, zone)}. They resume by themselves."
    if next_at is not None:
        text += f"\nNext check-in: {format_local(next_at, zone)}."
    text += "\n`/trust checkin resume` starts them sooner."
    return text


def resumed_text(sub: SubscriptionRecord, now: datetime, member: MemberRecord, was_blocked: bool) -> str:
    """The reply to ``/trust checkin resume``; the member's DMs count as open again."""
    member = MemberRecord(member.id, member.platform, member.external_id, member.display_name, False)
    text = f"Check-ins are back on.\n{state_line(sub, now, member)}"
    if was_blocked:
        text += "\nMake sure you allow DMs from server members, or I'll have to pause them again."
    return text


def quiet_set_text(quiet: tuple[time, time], timezone: str) -> str:
    """The reply to ``/trust checkin quiet`` when quiet hours are set."""
    start, end = quiet
    return (
        f"Quiet hours: {start:%H:%M}–{end:%H:%M} ({timezone}). A reminder due then waits until {end:%H:%M}, "
        "or is skipped if that is after the check-in's day has ended."
    )


def note_saved_text(checkin: CheckinRecord, *, updated: bool) -> str:
    return (
        f"Note {'updated' if updated else 'saved'} for {checkin.local_date:%a %d %b}. Only you can see it "
        "(`/trust checkin history`)."
    )


def answer_confirmation(question: CheckinQuestion, before: int | None, score: int) -> str:
    """What a tap on 1-5 did, given the score saved ``before`` it (None when there was none)."""
    if before is None:
        return f"Saved: {question.short} {score}/5."
    if before == score:
        return f"Already saved: {question.short} {score}/5."
    return f"Changed: {question.short} {before} → {score}/5."


class CheckinMessages:
    """The messages for one set of check-in questions: the 1-5 scale questions and the optional note."""

    def __init__(self, questions: Sequence[CheckinQuestion]) -> None:
        self.scale: list[CheckinQuestion] = [q for q in questions if q.kind == "scale"]
        self.note: CheckinQuestion | None = next((q for q in questions if q.kind == "note"), None)

    def started(
        self,
        *,
        replaced: bool,
        days: frozenset[int],
        at: time,
        zone: ZoneInfo,
        first: datetime,
        min_group: int | None,
        quiet: tuple[time, time] | None,
        was_blocked: bool,
    ) -> str:
        """The reply to ``/trust checkin start``; ``min_group`` is None when no community counts the answers."""
        lines = [
            ("Your check-in is replaced: " if replaced else "Your private check-in is on: ")
            + f"{format_cadence(days)} at {at:%H:%M} ({zone.key}).",
            f"First one: {format_local(first, zone)}.",
            "",
            f"I'll DM you {len(self.scale)} short questions (tap 1–5) and you can add a note. Only you see your "
            "answers. "
            + (
                f"Your community sees only anonymous weekly figures, and only when at least {min_group} "
                "members check in."
                if min_group is not None
                else "They are not counted in any community's figures."
            ),
        ]
        if quiet is not None:
            lines.append(f"Your quiet hours stay {quiet_text(quiet)} (no reminders then).")
        if was_blocked:
            lines.append("I could not DM you before: please allow DMs from server members, or I'll pause again.")
        lines.append(
            "Change: `/trust checkin time` · pause: `/trust checkin pause days:N` · stop: `/trust checkin stop`."
        )
        return "\n".join(lines)

    def question(
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
        buttons += self.note_buttons(checkin, answers)
        return Message(
            text=text,
            title=TITLE,
            buttons=tuple(buttons),
            footer=f"Question {number} of {len(self.scale)}. Only you see your answers.",
        )

    def parse_answer(self, value: str) -> tuple[int, CheckinQuestion, int]:
        """The check-in id, question and score carried by a 1-5 button made by :meth:`question`."""
        parts = value.split(":")
        question = next((q for q in self.scale if len(parts) == 3 and q.id == parts[1]), None)
        if question is None or not parts[0].isdigit() or not parts[2].isdigit() or int(parts[2]) not in SCALE:
            raise UserError("That button no longer works. `/trust checkin today` shows your latest check-in.")
        return int(parts[0]), question, int(parts[2])

    def note_buttons(self, checkin: CheckinRecord, answers: dict[str, AnswerRecord]) -> list[Button]:
        if self.note is None:
            return []
        existing = answers.get(self.note.id)
        label = "Edit your note" if existing is not None and existing.note else "Add a note"
        return [Button("checkin:note", label, str(checkin.id))]

    def note_form(self, checkin: CheckinRecord, existing: AnswerRecord | None) -> Message:
        """The note question with a form to write (or edit) the note; only call it when there is a note question."""
        assert self.note is not None
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
        return Message(text=self.note.text, title=TITLE, form=form)

    def done(
        self, checkin: CheckinRecord, answers: dict[str, AnswerRecord], recent: _Recent, confirmation: str
    ) -> Message:
        """Thanks once every scale question is answered, with a tiny trend of the ``recent`` check-ins."""
        lines = [confirmation, "", "That's your check-in done. Thank you for taking a moment."]
        if len(recent) > 1:
            lines.append("")
            lines.append(f"Your last {len(recent)} check-ins:")
            for question in self.scale:
                values = [_score(a, question.id) for _, a in recent]
                lines.append(f"{question.short}: {sparkline(values)}")
        buttons = [*self.note_buttons(checkin, answers), Button("checkin:history", "Your trend", "")]
        return Message("\n".join(lines), title=TITLE, buttons=tuple(buttons), footer="Only you can see this.")

    def history(self, recent: _Recent, sub: SubscriptionRecord | None, now: datetime, member: MemberRecord) -> Message:
        """The member's own trend: a sparkline and average per scale question, and a PNG chart."""
        state = state_line(sub, now, member) if sub else "You don't get check-ins now (`/trust checkin start`)."
        scored = any(_score(a, q.id) is not None for _, a in recent for q in self.scale)
        if not scored and not any(self._note(a) for _, a in recent):
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
        if not scored:
            lines.append("No 1–5 answers yet, only notes.")
        for question in self.scale if scored else ():
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
        notes = [(c.local_date, note) for c, a in recent if (note := self._note(a))]
        if notes:
            lines.append("")
            lines.append("Your latest notes:")
            lines += [f"• {day:%a %d %b}: {text}" for day, text in notes[-3:]]
        lines += ["", state]
        if not scored:  # only notes so far: nothing to draw
            return Message("\n".join(lines), title="Your check-in history", footer="Only you can see this.")
        labels, dates = [q.short for q in self.scale], [c.local_date for c, _ in recent]
        chart = Attachment("checkin-trend.png", trend_chart(series, labels=labels, dates=dates), "image/png")
        return Message(
            "\n".join(lines),
            title="Your check-in history",
            footer="Only you can see this. The chart has a line per question and your average, oldest on the left.",
            attachments=(chart,),
        )

    def _note(self, answers: dict[str, AnswerRecord]) -> str | None:
        """The note written with a check-in, if any."""
        answer = answers.get(self.note.id) if self.note is not None else None
        return answer.note if answer is not None and answer.note else None


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
