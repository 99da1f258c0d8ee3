"""Private check-ins: subscriptions by member, check-ins sent, and one answer per (check-in, question)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, delete, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Row

from core.checkins.tables import checkin_answers, checkin_subscriptions, checkins
from core.storage.db import Database
from core.storage.records import MemberRecord, days_from_mask, mask_from_days
from core.storage.tables import deliveries, members
from core.storage.upsert import insert_ignore

__all__ = [
    "DELIVERY_KINDS",
    "AnswerRecord",
    "CheckinRecord",
    "CheckinRepo",
    "DueCheckin",
    "DueReminder",
    "SubscriptionRecord",
]

DELIVERY_KINDS = ("checkin", "checkin_reminder")


@dataclass(frozen=True)
class SubscriptionRecord:
    """A member's check-in settings; ``next_due_at`` is None while their DMs are blocked."""

    id: int
    member_id: int
    community_id: int | None
    timezone: str
    local_time: time
    weekdays: frozenset[int]
    quiet_start: time | None
    quiet_end: time | None
    paused_until: datetime | None
    blocked: bool
    next_due_at: datetime | None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def quiet(self) -> tuple[time, time] | None:
        if self.quiet_start is None or self.quiet_end is None:
            return None
        return self.quiet_start, self.quiet_end

    def paused_at(self, now: datetime) -> bool:
        return self.paused_until is not None and self.paused_until > now


@dataclass(frozen=True)
class CheckinRecord:
    """One check-in sent (or being sent) to a member for one local date."""

    id: int
    member_id: int
    community_id: int | None
    local_date: date
    scheduled_for: datetime
    sent_at: datetime | None
    remind_at: datetime | None
    reminded_at: datetime | None
    completed_at: datetime | None


@dataclass(frozen=True)
class AnswerRecord:
    question_id: str
    score: int | None
    note: str | None
    answered_at: datetime


@dataclass(frozen=True)
class DueCheckin:
    subscription: SubscriptionRecord
    member: MemberRecord


@dataclass(frozen=True)
class DueReminder:
    checkin: CheckinRecord
    subscription: SubscriptionRecord | None
    member: MemberRecord


def _hhmm(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _subscription(row: Row[Any]) -> SubscriptionRecord:
    local = _hhmm(row.local_time)
    assert local is not None
    return SubscriptionRecord(
        id=row.id,
        member_id=row.member_id,
        community_id=row.community_id,
        timezone=row.timezone,
        local_time=local,
        weekdays=days_from_mask(row.weekdays),
        quiet_start=_hhmm(row.quiet_start),
        quiet_end=_hhmm(row.quiet_end),
        paused_until=row.paused_until,
        blocked=bool(row.blocked),
        next_due_at=row.next_due_at,
    )


def _checkin(row: Row[Any]) -> CheckinRecord:
    return CheckinRecord(
        id=row.id,
        member_id=row.member_id,
        community_id=row.community_id,
        local_date=row.local_date,
        scheduled_for=row.scheduled_for,
        sent_at=row.sent_at,
        remind_at=row.remind_at,
        reminded_at=row.reminded_at,
        completed_at=row.completed_at,
    )


def _answer(row: Row[Any]) -> AnswerRecord:
    return AnswerRecord(row.question_id, row.score, row.note, row.answered_at)


_SUB = checkin_subscriptions.c
_CHK = checkins.c
_ANS = checkin_answers.c


class CheckinRepo:
    """Check-in storage. Due work is found through indexed columns only (``next_due_at``, ``remind_at``)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _upsert(self, table: Table, values: dict[str, Any], conflict: list[str], update_columns: list[str]) -> Any:
        """``INSERT ... ON CONFLICT DO UPDATE`` on either database."""
        dialect_insert = postgresql.insert if self._db.dialect == "postgresql" else sqlite.insert
        stmt = dialect_insert(table).values(**values)
        return stmt.on_conflict_do_update(
            index_elements=conflict, set_={name: stmt.excluded[name] for name in update_columns}
        )

    # ------------------------------------------------------------------ subscriptions

    async def subscription(self, member_id: int) -> SubscriptionRecord | None:
        async with self._db.begin() as conn:
            row = (await conn.execute(select(checkin_subscriptions).where(_SUB.member_id == member_id))).first()
        return _subscription(row) if row else None

    async def put_subscription(
        self,
        member_id: int,
        *,
        community_id: int | None,
        timezone: str,
        local_time: time,
        weekdays: frozenset[int],
        quiet: tuple[time, time] | None,
        next_due_at: datetime,
        now: datetime,
    ) -> SubscriptionRecord:
        """Create or replace the member's one subscription (never a second row); clears pause and block."""
        values: dict[str, Any] = {
            "member_id": member_id,
            "community_id": community_id,
            "timezone": timezone,
            "local_time": f"{local_time:%H:%M}",
            "weekdays": mask_from_days(weekdays),
            "quiet_start": f"{quiet[0]:%H:%M}" if quiet else None,
            "quiet_end": f"{quiet[1]:%H:%M}" if quiet else None,
            "paused_until": None,
            "blocked": False,
            "next_due_at": next_due_at,
            "created_at": now,
            "updated_at": now,
        }
        replaced = [k for k in values if k not in ("member_id", "created_at")]
        async with self._db.begin() as conn:
            await conn.execute(self._upsert(checkin_subscriptions, values, ["member_id"], replaced))
            row = (await conn.execute(select(checkin_subscriptions).where(_SUB.member_id == member_id))).one()
        return _subscription(row)

    async def update_subscription(self, member_id: int, now: datetime, **values: Any) -> SubscriptionRecord | None:
        """Change some columns (``quiet`` takes a pair of times or None); return the new record."""
        if "quiet" in values:
            quiet = values.pop("quiet")
            values["quiet_start"] = f"{quiet[0]:%H:%M}" if quiet else None
            values["quiet_end"] = f"{quiet[1]:%H:%M}" if quiet else None
        if "local_time" in values:
            values["local_time"] = f"{values['local_time']:%H:%M}"
        if "weekdays" in values:
            values["weekdays"] = mask_from_days(values["weekdays"])
        async with self._db.begin() as conn:
            await conn.execute(
                update(checkin_subscriptions).where(_SUB.member_id == member_id).values(updated_at=now, **values)
            )
            row = (await conn.execute(select(checkin_subscriptions).where(_SUB.member_id == member_id))).first()
        return _subscription(row) if row else None

    async def delete_subscription(self, member_id: int) -> bool:
        async with self._db.begin() as conn:
            result = await conn.execute(delete(checkin_subscriptions).where(_SUB.member_id == member_id))
        return bool(result.rowcount)

    async def due(self, now: datetime, limit: int) -> list[DueCheckin]:
        """Subscriptions whose next check-in is due, earliest first (an index range scan on ``next_due_at``)."""
        query = (
            select(checkin_subscriptions, members.c.platform, members.c.external_id, members.c.display_name,
                   members.c.dm_blocked)
            .join(members, members.c.id == _SUB.member_id)
            .where(_SUB.next_due_at <= now)
            .order_by(_SUB.next_due_at)
            .limit(limit)
        )  # fmt: skip
        async with self._db.begin() as conn:
            rows = (await conn.execute(query)).all()
        return [
            DueCheckin(
                _subscription(r),
                MemberRecord(r.member_id, r.platform, r.external_id, r.display_name, bool(r.dm_blocked)),
            )
            for r in rows
        ]

    async def advance(self, subscription_id: int, expected: datetime | None, next_due_at: datetime | None) -> bool:
        """Move ``next_due_at`` on, unless someone changed it meanwhile (compare-and-set)."""
        cond = _SUB.next_due_at.is_(None) if expected is None else _SUB.next_due_at == expected
        async with self._db.begin() as conn:
            result = await conn.execute(
                update(checkin_subscriptions).where(_SUB.id == subscription_id, cond).values(next_due_at=next_due_at)
            )
        return bool(result.rowcount)

    async def block(self, member_id: int, now: datetime) -> None:
        """DMs were refused: no more check-ins or reminders until the member resumes."""
        async with self._db.begin() as conn:
            await conn.execute(
                update(checkin_subscriptions)
                .where(_SUB.member_id == member_id)
                .values(blocked=True, next_due_at=None, updated_at=now)
            )
            await conn.execute(
                update(checkins).where(_CHK.member_id == member_id, _CHK.remind_at.is_not(None)).values(remind_at=None)
            )

    async def next_due(self) -> datetime | None:
        """The earliest check-in or reminder due (two index lookups)."""
        async with self._db.begin() as conn:
            first = (await conn.execute(select(func.min(_SUB.next_due_at)))).scalar()
            reminder = (await conn.execute(select(func.min(_CHK.remind_at)))).scalar()
        present = [d for d in (first, reminder) if d is not None]
        return min(present) if present else None

    async def count_active(self, community_id: int) -> int:
        async with self._db.begin() as conn:
            value = (
                await conn.execute(
                    select(func.count()).where(_SUB.community_id == community_id, _SUB.next_due_at.is_not(None))
                )
            ).scalar()
        return int(value or 0)

    # ------------------------------------------------------------------ check-ins

    async def ensure_checkin(
        self, member_id: int, community_id: int | None, local_date: date, scheduled_for: datetime, now: datetime
    ) -> CheckinRecord:
        """The member's check-in for ``local_date``, created on first call."""
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    insert_ignore(self._db, checkins, ["member_id", "local_date"])
                    .values(
                        member_id=member_id,
                        community_id=community_id,
                        local_date=local_date,
                        scheduled_for=scheduled_for,
                        created_at=now,
                    )
                    .returning(checkins)
                )
            ).first()
            if row is None:  # it already existed (a retry)
                row = (
                    await conn.execute(
                        select(checkins).where(_CHK.member_id == member_id, _CHK.local_date == local_date)
                    )
                ).one()
        return _checkin(row)

    async def mark_sent(
        self,
        checkin_id: int,
        sent_at: datetime,
        dm_ref: str | None,
        remind_at: datetime | None,
        *,
        subscription_id: int | None = None,
        expected: datetime | None = None,
        next_due_at: datetime | None = None,
    ) -> None:
        """The check-in went out; in the same transaction, move the subscription on (compare-and-set)."""
        async with self._db.begin() as conn:
            await conn.execute(
                update(checkins)
                .where(_CHK.id == checkin_id)
                .values(sent_at=sent_at, dm_ref=(dm_ref or "")[:200] or None, remind_at=remind_at)
            )
            if subscription_id is not None:
                cond = _SUB.next_due_at.is_(None) if expected is None else _SUB.next_due_at == expected
                await conn.execute(
                    update(checkin_subscriptions)
                    .where(_SUB.id == subscription_id, cond)
                    .values(next_due_at=next_due_at)
                )

    async def set_remind_at(
        self, checkin_id: int, remind_at: datetime | None, reminded_at: datetime | None = None
    ) -> None:
        values: dict[str, Any] = {"remind_at": remind_at}
        if reminded_at is not None:
            values["reminded_at"] = reminded_at
        async with self._db.begin() as conn:
            await conn.execute(update(checkins).where(_CHK.id == checkin_id).values(**values))

    async def cancel_reminders(self, member_id: int) -> None:
        async with self._db.begin() as conn:
            await conn.execute(
                update(checkins).where(_CHK.member_id == member_id, _CHK.remind_at.is_not(None)).values(remind_at=None)
            )

    async def checkin(self, checkin_id: int) -> CheckinRecord | None:
        async with self._db.begin() as conn:
            row = (await conn.execute(select(checkins).where(_CHK.id == checkin_id))).first()
        return _checkin(row) if row else None

    async def latest(self, member_id: int) -> CheckinRecord | None:
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    select(checkins).where(_CHK.member_id == member_id).order_by(_CHK.local_date.desc()).limit(1)
                )
            ).first()
        return _checkin(row) if row else None

    async def complete(self, checkin_id: int, now: datetime) -> None:
        """All scale questions answered: no reminder; the first completion time is kept."""
        async with self._db.begin() as conn:
            await conn.execute(
                update(checkins)
                .where(_CHK.id == checkin_id, _CHK.completed_at.is_(None))
                .values(completed_at=now, remind_at=None)
            )

    async def due_reminders(self, now: datetime, limit: int) -> list[DueReminder]:
        """Check-ins whose reminder is due, earliest first (an index range scan on ``remind_at``)."""
        query = (
            select(
                checkins,
                members.c.platform, members.c.external_id, members.c.display_name, members.c.dm_blocked,
                _SUB.id.label("sub_id"), _SUB.community_id.label("sub_community_id"), _SUB.timezone,
                _SUB.local_time, _SUB.weekdays, _SUB.quiet_start, _SUB.quiet_end, _SUB.paused_until, _SUB.blocked,
                _SUB.next_due_at,
            )
            .join(members, members.c.id == _CHK.member_id)
            .outerjoin(checkin_subscriptions, _SUB.member_id == _CHK.member_id)
            .where(_CHK.remind_at <= now)
            .order_by(_CHK.remind_at)
            .limit(limit)
        )  # fmt: skip
        async with self._db.begin() as conn:
            rows = (await conn.execute(query)).all()
        found = []
        for r in rows:
            sub = None
            if r.sub_id is not None:
                local = _hhmm(r.local_time)
                assert local is not None
                sub = SubscriptionRecord(
                    r.sub_id, r.member_id, r.sub_community_id, r.timezone, local, days_from_mask(r.weekdays),
                    _hhmm(r.quiet_start), _hhmm(r.quiet_end), r.paused_until, bool(r.blocked), r.next_due_at,
                )  # fmt: skip
            member = MemberRecord(r.member_id, r.platform, r.external_id, r.display_name, bool(r.dm_blocked))
            found.append(DueReminder(_checkin(r), sub, member))
        return found

    # ------------------------------------------------------------------ answers

    async def answers(self, checkin_id: int) -> dict[str, AnswerRecord]:
        async with self._db.begin() as conn:
            rows = (await conn.execute(select(checkin_answers).where(_ANS.checkin_id == checkin_id))).all()
        return {r.question_id: _answer(r) for r in rows}

    async def save_score(self, checkin_id: int, question_id: str, score: int, now: datetime) -> int | None:
        """Record a score; a repeat replaces the earlier one (last answer wins). Return the earlier score."""
        async with self._db.begin() as conn:
            before = (
                await conn.execute(
                    select(_ANS.score).where(_ANS.checkin_id == checkin_id, _ANS.question_id == question_id)
                )
            ).scalar()
            if before != score:
                values = {"checkin_id": checkin_id, "question_id": question_id, "score": score, "answered_at": now}
                await conn.execute(
                    self._upsert(checkin_answers, values, ["checkin_id", "question_id"], ["score", "answered_at"])
                )
        return int(before) if before is not None else None

    async def save_note(self, checkin_id: int, question_id: str, note: str | None, now: datetime) -> None:
        """Record (or with None, remove) the note; a repeat replaces the earlier one."""
        async with self._db.begin() as conn:
            if note is None:
                await conn.execute(
                    delete(checkin_answers).where(_ANS.checkin_id == checkin_id, _ANS.question_id == question_id)
                )
                return
            values = {"checkin_id": checkin_id, "question_id": question_id, "note": note, "answered_at": now}
            await conn.execute(
                self._upsert(checkin_answers, values, ["checkin_id", "question_id"], ["note", "answered_at"])
            )

    async def recent(self, member_id: int, limit: int) -> list[tuple[CheckinRecord, dict[str, AnswerRecord]]]:
        """The member's newest ``limit`` check-ins that were sent (or answered), oldest first, with their answers."""
        answered = exists().where(_ANS.checkin_id == _CHK.id)
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(checkins)
                    .where(_CHK.member_id == member_id, or_(_CHK.sent_at.is_not(None), answered))
                    .order_by(_CHK.local_date.desc())
                    .limit(limit)
                )
            ).all()
            ids = [r.id for r in rows]
            answer_rows = (
                (await conn.execute(select(checkin_answers).where(_ANS.checkin_id.in_(ids)))).all() if ids else []
            )
        by_checkin: dict[int, dict[str, AnswerRecord]] = {}
        for a in answer_rows:
            by_checkin.setdefault(a.checkin_id, {})[a.question_id] = _answer(a)
        return [(_checkin(r), by_checkin.get(r.id, {})) for r in reversed(rows)]

    async def member_scores(self, community_id: int, start: datetime, end: datetime) -> list[tuple[int, str, float]]:
        """(member, question, that member's mean score) for check-ins scheduled in [start, end)."""
        query = (
            select(_CHK.member_id, _ANS.question_id, func.avg(_ANS.score).label("mean"))
            .join(checkin_answers, _ANS.checkin_id == _CHK.id)
            .where(
                _CHK.community_id == community_id,
                _CHK.scheduled_for >= start,
                _CHK.scheduled_for < end,
                _ANS.score.is_not(None),
            )
            .group_by(_CHK.member_id, _ANS.question_id)
        )
        async with self._db.begin() as conn:
            rows = (await conn.execute(query)).all()
        return [(int(r.member_id), str(r.question_id), float(r.mean)) for r in rows]

    # ------------------------------------------------------------------ member data

    async def export(self, member_id: int) -> dict[str, Any]:
        sub = await self.subscription(member_id)
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(select(checkins).where(_CHK.member_id == member_id).order_by(_CHK.local_date))
            ).all()
            ids = [r.id for r in rows]
            answer_rows = (
                (
                    await conn.execute(
                        select(checkin_answers).where(_ANS.checkin_id.in_(ids)).order_by(_ANS.question_id)
                    )
                ).all()
                if ids
                else []
            )
        answers: dict[int, list[dict[str, Any]]] = {}
        for a in answer_rows:
            item: dict[str, Any] = {"question_id": a.question_id, "answered_at": a.answered_at.isoformat()}
            if a.score is not None:
                item["score"] = a.score
            if a.note is not None:
                item["note"] = a.note
            answers.setdefault(a.checkin_id, []).append(item)
        subscription = None
        if sub is not None:
            subscription = {
                "time": f"{sub.local_time:%H:%M}",
                "timezone": sub.timezone,
                "weekdays": sorted(sub.weekdays),
                "quiet_hours": [f"{q:%H:%M}" for q in sub.quiet] if sub.quiet else None,
                "paused_until": sub.paused_until.isoformat() if sub.paused_until else None,
                "dms_blocked": sub.blocked,
                "next_checkin_at": sub.next_due_at.isoformat() if sub.next_due_at else None,
            }
        return {
            "subscription": subscription,
            "checkins": [
                {
                    "date": r.local_date.isoformat(),
                    "scheduled_for": r.scheduled_for.isoformat(),
                    "sent_at": r.sent_at.isoformat() if r.sent_at else None,
                    "completed_at": r.completed_at.isoformat() if r.completed_at else None,
                    "answers": answers.get(r.id, []),
                }
                for r in rows
            ],
        }

    async def delete_member(self, member_id: int) -> None:
        """Remove the subscription, every check-in and answer, and the delivery claims of both."""
        async with self._db.begin() as conn:
            await conn.execute(delete(checkin_subscriptions).where(_SUB.member_id == member_id))
            ids = select(_CHK.id).where(_CHK.member_id == member_id).scalar_subquery()
            await conn.execute(delete(checkin_answers).where(_ANS.checkin_id.in_(ids)))
            await conn.execute(delete(checkins).where(_CHK.member_id == member_id))
            await conn.execute(
                delete(deliveries).where(deliveries.c.member_id == member_id, deliveries.c.kind.in_(DELIVERY_KINDS))
            )
