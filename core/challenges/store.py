"""Challenge runs, the days they posted, their participants and each participant's done days."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Row

from core.challenges.tables import challenge_days, challenge_members, challenge_progress, challenge_runs
from core.storage.db import Database
from core.storage.tables import members
from core.storage.upsert import insert_ignore

__all__ = [
    "ACTIVE",
    "ChallengeDayRecord",
    "ChallengeMemberRecord",
    "ChallengeRepo",
    "ChallengeRunRecord",
    "ChallengeStep",
    "DmRecipient",
]

ACTIVE = ("scheduled", "running")


@dataclass(frozen=True)
class ChallengeStep:
    """One day of a challenge, as it was when the run was scheduled."""

    title: str
    text: str
    theme: str | None = None


@dataclass(frozen=True)
class ChallengeRunRecord:
    """One scheduled challenge in one community.

    Day ``anchor_day`` falls on ``anchor_date`` and each later day on the following date, at
    ``local_time`` in ``timezone`` (earlier days have already gone out). ``next_step`` is the next
    day to post, or ``days + 1`` when the summary is next.
    """

    id: int
    community_id: int
    challenge_id: str | None
    title: str
    steps: tuple[ChallengeStep, ...]
    days: int
    channel_ref: str
    channel_name: str
    timezone: str
    local_time: time
    start_date: date
    anchor_day: int
    anchor_date: date
    status: str
    next_step: int
    next_run_at: datetime | None
    message_ref: str | None
    thread_ref: str | None
    version: int
    created_at: datetime
    ended_at: datetime | None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    def step(self, day: int) -> ChallengeStep:
        return self.steps[day - 1]


@dataclass(frozen=True)
class ChallengeDayRecord:
    run_id: int
    day: int
    local_date: date
    scheduled_for: datetime
    status: str
    message_ref: str | None


@dataclass(frozen=True)
class ChallengeMemberRecord:
    run_id: int
    member_id: int
    community_id: int
    joined_at: datetime
    dm: bool


@dataclass(frozen=True)
class DmRecipient:
    """A participant who asked for each day's step by DM."""

    member_id: int
    platform: str
    external_id: str
    dm_blocked: bool


def _run(row: Row[Any]) -> ChallengeRunRecord:
    hour, minute = (int(x) for x in row.local_time.split(":"))
    steps = tuple(ChallengeStep(s["title"], s["text"], s.get("theme")) for s in json.loads(row.steps))
    return ChallengeRunRecord(
        id=row.id,
        community_id=row.community_id,
        challenge_id=row.challenge_id,
        title=row.title,
        steps=steps,
        days=row.days,
        channel_ref=row.channel_ref,
        channel_name=row.channel_name,
        timezone=row.timezone,
        local_time=time(hour, minute),
        start_date=row.start_date,
        anchor_day=row.anchor_day,
        anchor_date=row.anchor_date,
        status=row.status,
        next_step=row.next_step,
        next_run_at=row.next_run_at,
        message_ref=row.message_ref,
        thread_ref=row.thread_ref,
        version=row.version,
        created_at=row.created_at,
        ended_at=row.ended_at,
    )


def _member(row: Row[Any]) -> ChallengeMemberRecord:
    return ChallengeMemberRecord(row.run_id, row.member_id, row.community_id, row.joined_at, bool(row.dm))


def _day(row: Row[Any]) -> ChallengeDayRecord:
    return ChallengeDayRecord(row.run_id, row.day, row.local_date, row.scheduled_for, row.status, row.message_ref)


class ChallengeRepo:
    """Runs change by compare-and-set on ``version``, so two processes never both move a run on."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ runs

    async def create_run(
        self,
        community_id: int,
        *,
        challenge_id: str | None,
        title: str,
        steps: list[ChallengeStep],
        channel_ref: str,
        channel_name: str,
        timezone: str,
        local_time: time,
        start_date: date,
        next_run_at: datetime,
        now: datetime,
    ) -> ChallengeRunRecord:
        payload = json.dumps([{"title": s.title, "text": s.text, "theme": s.theme} for s in steps])
        async with self._db.begin() as conn:
            result = await conn.execute(
                challenge_runs.insert()
                .values(
                    community_id=community_id,
                    challenge_id=challenge_id,
                    title=title,
                    steps=payload,
                    days=len(steps),
                    channel_ref=channel_ref,
                    channel_name=channel_name,
                    timezone=timezone,
                    local_time=local_time.strftime("%H:%M"),
                    start_date=start_date,
                    anchor_day=1,
                    anchor_date=start_date,
                    status="scheduled",
                    next_step=1,
                    next_run_at=next_run_at,
                    version=0,
                    created_at=now,
                    updated_at=now,
                )
                .returning(challenge_runs)
            )
            return _run(result.one())

    async def get(self, run_id: int) -> ChallengeRunRecord | None:
        async with self._db.begin() as conn:
            row = (await conn.execute(select(challenge_runs).where(challenge_runs.c.id == run_id))).first()
        return _run(row) if row else None

    async def for_community(
        self, community_id: int, statuses: tuple[str, ...] | None = None, limit: int | None = None
    ) -> list[ChallengeRunRecord]:
        """Runs of a community, newest start first (only ``statuses`` when given)."""
        query = select(challenge_runs).where(challenge_runs.c.community_id == community_id)
        if statuses is not None:
            query = query.where(challenge_runs.c.status.in_(statuses))
        query = query.order_by(challenge_runs.c.start_date.desc(), challenge_runs.c.id.desc())
        if limit is not None:
            query = query.limit(limit)
        async with self._db.begin() as conn:
            rows = (await conn.execute(query)).all()
        return [_run(r) for r in rows]

    async def by_thread(self, community_id: int, thread_ref: str) -> ChallengeRunRecord | None:
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    select(challenge_runs).where(
                        challenge_runs.c.community_id == community_id, challenge_runs.c.thread_ref == thread_ref
                    )
                )
            ).first()
        return _run(row) if row else None

    async def due(self, now: datetime, limit: int = 200) -> list[ChallengeRunRecord]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(challenge_runs)
                    .where(challenge_runs.c.next_run_at <= now, challenge_runs.c.status.in_(ACTIVE))
                    .order_by(challenge_runs.c.next_run_at)
                    .limit(limit)
                )
            ).all()
        return [_run(r) for r in rows]

    async def next_due(self) -> datetime | None:
        async with self._db.begin() as conn:
            value = (
                await conn.execute(
                    select(func.min(challenge_runs.c.next_run_at)).where(challenge_runs.c.status.in_(ACTIVE))
                )
            ).scalar()
        if value is None:
            return None
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value  # SQLite's min() gives text
        assert isinstance(moment, datetime)
        return moment.replace(tzinfo=UTC)

    async def update(self, run_id: int, version: int, now: datetime, **values: Any) -> bool:
        """Change a run if nobody changed it since ``version`` was read (compare-and-set)."""
        async with self._db.begin() as conn:
            result = await conn.execute(
                update(challenge_runs)
                .where(challenge_runs.c.id == run_id, challenge_runs.c.version == version)
                .values(version=version + 1, updated_at=now, **values)
            )
        return bool(result.rowcount)

    async def mark_running(self, run_id: int, now: datetime) -> bool:
        """The thread is open: a scheduled run becomes running (True for the caller who changed it)."""
        async with self._db.begin() as conn:
            result = await conn.execute(
                update(challenge_runs)
                .where(challenge_runs.c.id == run_id, challenge_runs.c.status == "scheduled")
                .values(status="running", version=challenge_runs.c.version + 1, updated_at=now)
            )
        return bool(result.rowcount)

    async def end(self, run_id: int, status: str, now: datetime) -> bool:
        """Finish, cancel or stop an active run; True only for the caller who ended it."""
        if status not in ("finished", "cancelled", "stopped"):
            raise ValueError(status)
        async with self._db.begin() as conn:
            result = await conn.execute(
                update(challenge_runs)
                .where(challenge_runs.c.id == run_id, challenge_runs.c.status.in_(ACTIVE))
                .values(
                    status=status,
                    next_run_at=None,
                    ended_at=now,
                    version=challenge_runs.c.version + 1,
                    updated_at=now,
                )
            )
        return bool(result.rowcount)

    async def set_ref(self, run_id: int, column: str, ref: str, now: datetime) -> None:
        """Store the intro post's or the thread's reference (set once, whatever the version)."""
        if column not in ("message_ref", "thread_ref"):
            raise ValueError(column)
        async with self._db.begin() as conn:
            await conn.execute(
                update(challenge_runs)
                .where(challenge_runs.c.id == run_id, challenge_runs.c[column].is_(None))
                .values({column: ref, "updated_at": now})
            )

    # ------------------------------------------------------------------ days

    async def record_day(
        self, run_id: int, day: int, local_date: date, scheduled_for: datetime, status: str, message_ref: str | None
    ) -> None:
        async with self._db.begin() as conn:
            result = await conn.execute(
                insert_ignore(self._db, challenge_days, ["run_id", "day"]).values(
                    run_id=run_id, day=day, local_date=local_date, scheduled_for=scheduled_for, status=status,
                    message_ref=message_ref,
                )
            )  # fmt: skip
            if not result.rowcount and status == "posted":
                await conn.execute(
                    update(challenge_days)
                    .where(challenge_days.c.run_id == run_id, challenge_days.c.day == day)
                    .values(status=status, message_ref=message_ref, local_date=local_date, scheduled_for=scheduled_for)
                )

    async def days(self, run_id: int) -> list[ChallengeDayRecord]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(challenge_days).where(challenge_days.c.run_id == run_id).order_by(challenge_days.c.day)
                )
            ).all()
        return [_day(r) for r in rows]

    # ------------------------------------------------------------------ participants

    async def join(self, run_id: int, member_id: int, community_id: int, now: datetime, dm: bool | None) -> bool:
        """Add a participant (True the first time); ``dm`` None keeps their earlier choice (or off)."""
        async with self._db.begin() as conn:
            result = await conn.execute(
                insert_ignore(self._db, challenge_members, ["run_id", "member_id"]).values(
                    run_id=run_id, member_id=member_id, community_id=community_id, joined_at=now, dm=bool(dm)
                )
            )
            created = bool(result.rowcount)
            if not created and dm is not None:
                await conn.execute(
                    update(challenge_members)
                    .where(challenge_members.c.run_id == run_id, challenge_members.c.member_id == member_id)
                    .values(dm=dm)
                )
        return created

    async def leave(self, run_id: int, member_id: int) -> bool:
        """Remove a participant and the days they marked; True if they had joined."""
        async with self._db.begin() as conn:
            await conn.execute(
                delete(challenge_progress).where(
                    challenge_progress.c.run_id == run_id, challenge_progress.c.member_id == member_id
                )
            )
            result = await conn.execute(
                delete(challenge_members).where(
                    challenge_members.c.run_id == run_id, challenge_members.c.member_id == member_id
                )
            )
        return bool(result.rowcount)

    async def membership(self, run_id: int, member_id: int) -> ChallengeMemberRecord | None:
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    select(challenge_members).where(
                        challenge_members.c.run_id == run_id, challenge_members.c.member_id == member_id
                    )
                )
            ).first()
        return _member(row) if row else None

    async def memberships(self, member_id: int) -> list[ChallengeMemberRecord]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(challenge_members)
                    .where(challenge_members.c.member_id == member_id)
                    .order_by(challenge_members.c.joined_at)
                )
            ).all()
        return [_member(r) for r in rows]

    async def set_dm(self, run_id: int, member_id: int, dm: bool) -> None:
        async with self._db.begin() as conn:
            await conn.execute(
                update(challenge_members)
                .where(challenge_members.c.run_id == run_id, challenge_members.c.member_id == member_id)
                .values(dm=dm)
            )

    async def participant_count(self, run_id: int) -> int:
        async with self._db.begin() as conn:
            value = (await conn.execute(select(func.count()).where(challenge_members.c.run_id == run_id))).scalar()
        return int(value or 0)

    async def dm_recipients(self, run_id: int) -> list[DmRecipient]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(members.c.id, members.c.platform, members.c.external_id, members.c.dm_blocked)
                    .join(challenge_members, challenge_members.c.member_id == members.c.id)
                    .where(challenge_members.c.run_id == run_id, challenge_members.c.dm.is_(True))
                    .order_by(members.c.id)
                )
            ).all()
        return [DmRecipient(r.id, r.platform, r.external_id, bool(r.dm_blocked)) for r in rows]

    # ------------------------------------------------------------------ progress

    async def mark_done(self, run_id: int, member_id: int, day: int, now: datetime) -> bool:
        """Record a done day; True only the first time."""
        async with self._db.begin() as conn:
            result = await conn.execute(
                insert_ignore(self._db, challenge_progress, ["run_id", "member_id", "day"]).values(
                    run_id=run_id, member_id=member_id, day=day, done_at=now
                )
            )
        return bool(result.rowcount)

    async def done_days(self, run_id: int, member_id: int) -> dict[int, datetime]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(challenge_progress.c.day, challenge_progress.c.done_at)
                    .where(challenge_progress.c.run_id == run_id, challenge_progress.c.member_id == member_id)
                    .order_by(challenge_progress.c.day)
                )
            ).all()
        return {r.day: r.done_at for r in rows}

    async def done_counts(self, run_id: int) -> list[int]:
        """For every current participant, how many days they marked done (0 included)."""
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(challenge_members.c.member_id, func.count(challenge_progress.c.day))
                    .select_from(
                        challenge_members.outerjoin(
                            challenge_progress,
                            (challenge_progress.c.run_id == challenge_members.c.run_id)
                            & (challenge_progress.c.member_id == challenge_members.c.member_id),
                        )
                    )
                    .where(challenge_members.c.run_id == run_id)
                    .group_by(challenge_members.c.member_id)
                )
            ).all()
        return [int(r[1]) for r in rows]

    # ------------------------------------------------------------------ member data

    async def delete_member(self, member_id: int) -> None:
        async with self._db.begin() as conn:
            await conn.execute(delete(challenge_progress).where(challenge_progress.c.member_id == member_id))
            await conn.execute(delete(challenge_members).where(challenge_members.c.member_id == member_id))
