"""Communities and the people seen in them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Row

from core.storage.db import Database
from core.storage.records import CommunityRecord, MemberRecord
from core.storage.tables import communities, community_members, members
from core.storage.upsert import insert_ignore

__all__ = ["CommunityRepo", "MemberRepo"]


def _community(row: Row[Any]) -> CommunityRecord:
    return CommunityRecord(
        id=row.id,
        platform=row.platform,
        external_id=row.external_id,
        name=row.name,
        timezone=row.timezone,
        moderator_role=row.moderator_role,
        settings=json.loads(row.settings or "{}"),
        removed_at=row.removed_at,
        partition=row.partition,
    )


def _member(row: Row[Any]) -> MemberRecord:
    return MemberRecord(row.id, row.platform, row.external_id, row.display_name, bool(row.dm_blocked))


class CommunityRepo:
    """Communities by (platform, external id)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def ensure(self, platform: str, external_id: str, now: datetime, name: str = "") -> CommunityRecord:
        """Return the community, creating it on first sight (a known one costs one read and no write)."""
        mine = (communities.c.platform == platform) & (communities.c.external_id == external_id)
        async with self._db.begin() as conn:
            row = (await conn.execute(select(communities).where(mine))).first()
            if row is None:
                stmt = insert_ignore(self._db, communities, ["platform", "external_id"]).values(
                    platform=platform, external_id=external_id, name=name, created_at=now, settings="{}"
                )
                await conn.execute(stmt)
                row = (await conn.execute(select(communities).where(mine))).one()
        return _community(row)

    async def get(self, community_id: int) -> CommunityRecord | None:
        async with self._db.begin() as conn:
            row = (await conn.execute(select(communities).where(communities.c.id == community_id))).first()
        return _community(row) if row else None

    async def find(self, platform: str, external_id: str) -> CommunityRecord | None:
        async with self._db.begin() as conn:
            row = (
                await conn.execute(
                    select(communities).where(
                        communities.c.platform == platform, communities.c.external_id == external_id
                    )
                )
            ).first()
        return _community(row) if row else None

    async def update(
        self,
        community_id: int,
        *,
        timezone: str | None = None,
        moderator_role: str | None = None,
        settings: dict[str, Any] | None = None,
    ) -> None:
        values: dict[str, Any] = {}
        if timezone is not None:
            values["timezone"] = timezone
        if moderator_role is not None:
            values["moderator_role"] = moderator_role
        if settings is not None:
            values["settings"] = json.dumps(settings, sort_keys=True)
        if values:
            async with self._db.begin() as conn:
                await conn.execute(update(communities).where(communities.c.id == community_id).values(**values))

    async def add_alert(self, community_id: int, text: str, keep: int = 5) -> None:
        """Keep an alert for moderators (shown in ``/trust status``; also queued to be told once elsewhere)."""
        async with self._db.begin() as conn:
            row = (await conn.execute(select(communities.c.settings).where(communities.c.id == community_id))).first()
            if row is None:
                return
            settings = json.loads(row.settings or "{}")
            for name in ("alerts", "alerts_unsent"):
                settings[name] = [*settings.get(name, [])[-(keep - 1) :], text]
            await conn.execute(
                update(communities)
                .where(communities.c.id == community_id)
                .values(settings=json.dumps(settings, sort_keys=True))
            )

    async def with_unsent_alerts(self, platform: str) -> list[CommunityRecord]:
        """Communities of ``platform`` with alerts not yet told to moderators (one query, however many there are)."""
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(communities).where(
                        communities.c.platform == platform, communities.c.settings.contains('"alerts_unsent"')
                    )
                )
            ).all()
        return [_community(r) for r in rows]

    async def take_unsent_alerts(self, community_id: int) -> list[str]:
        """The alerts not yet told to moderators outside ``/trust status``; each is handed out once."""
        async with self._db.begin() as conn:
            row = (await conn.execute(select(communities.c.settings).where(communities.c.id == community_id))).first()
            settings = json.loads(row.settings or "{}") if row else {}
            unsent = [str(a) for a in settings.pop("alerts_unsent", [])]
            if unsent:
                await conn.execute(
                    update(communities)
                    .where(communities.c.id == community_id)
                    .values(settings=json.dumps(settings, sort_keys=True))
                )
        return unsent

    async def remove(self, community_id: int) -> None:
        """Delete the community and, through cascades, everything that belongs to it."""
        async with self._db.begin() as conn:
            await conn.execute(delete(communities).where(communities.c.id == community_id))

    async def set_removed(self, community_id: int, removed_at: datetime | None) -> None:
        """The bot left the community (``removed_at``) or came back (None): data stays until the grace ends."""
        async with self._db.begin() as conn:
            await conn.execute(
                update(communities).where(communities.c.id == community_id).values(removed_at=removed_at)
            )

    async def seen(self, platform: str, partitions: dict[str, int | None]) -> list[int]:
        """The bot is in these communities (external id -> partition): clear pending removals, note partitions.

        Two statements per partition, however many communities: a start-up with thousands of servers
        costs a few writes. Returns the ids of the communities whose pending removal was cancelled.
        """
        restored: list[int] = []
        by_partition: dict[int | None, list[str]] = {}
        for external_id, partition in partitions.items():
            by_partition.setdefault(partition, []).append(external_id)
        async with self._db.begin() as conn:
            for partition, ids in by_partition.items():
                for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
                    mine = (communities.c.platform == platform) & communities.c.external_id.in_(chunk)
                    result = await conn.execute(
                        update(communities)
                        .where(mine, communities.c.removed_at.is_not(None))
                        .values(removed_at=None)
                        .returning(communities.c.id)
                    )
                    restored += [row.id for row in result]
                    if partition is not None:
                        await conn.execute(
                            update(communities)
                            .where(mine, communities.c.partition.is_distinct_from(partition))
                            .values(partition=partition)
                        )
        return restored

    async def set_partition(self, community_id: int, partition: int) -> None:
        """Which partition (a Discord shard) the community belongs to, so one process serves it."""
        async with self._db.begin() as conn:
            await conn.execute(update(communities).where(communities.c.id == community_id).values(partition=partition))

    async def removed_before(self, cutoff: datetime) -> list[CommunityRecord]:
        """Communities the bot left before ``cutoff`` (their grace period is over)."""
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(communities).where(communities.c.removed_at.is_not(None), communities.c.removed_at < cutoff)
                )
            ).all()
        return [_community(r) for r in rows]

    async def next_removal(self) -> datetime | None:
        """When the earliest pending removal started (None: the bot has left no community)."""
        async with self._db.begin() as conn:
            value: datetime | None = (await conn.execute(select(func.min(communities.c.removed_at)))).scalar()
        return value

    async def for_member(self, member_id: int) -> list[CommunityRecord]:
        async with self._db.begin() as conn:
            rows = (
                await conn.execute(
                    select(communities)
                    .join(community_members, community_members.c.community_id == communities.c.id)
                    .where(community_members.c.member_id == member_id)
                    .order_by(community_members.c.last_seen.desc())
                )
            ).all()
        return [_community(r) for r in rows]


class MemberRepo:
    """People by (platform, external id), and where they have been seen."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def ensure(self, platform: str, external_id: str, display_name: str, now: datetime) -> MemberRecord:
        """The member, created on first sight; a member already known costs one read and no write."""
        name = display_name[:200]
        mine = (members.c.platform == platform) & (members.c.external_id == external_id)
        async with self._db.begin() as conn:
            row = (await conn.execute(select(members).where(mine))).first()
            if row is None:
                await conn.execute(
                    insert_ignore(self._db, members, ["platform", "external_id"]).values(
                        platform=platform, external_id=external_id, display_name=name, created_at=now
                    )
                )
                row = (await conn.execute(select(members).where(mine))).one()
            if name and row.display_name != name:
                await conn.execute(update(members).where(members.c.id == row.id).values(display_name=name))
        return MemberRecord(row.id, platform, external_id, name or row.display_name, bool(row.dm_blocked))

    async def get(self, member_id: int) -> MemberRecord | None:
        async with self._db.begin() as conn:
            row = (await conn.execute(select(members).where(members.c.id == member_id))).first()
        return _member(row) if row else None

    async def seen_in(self, community_id: int, member_id: int, now: datetime) -> None:
        async with self._db.begin() as conn:
            result = await conn.execute(
                update(community_members)
                .where(community_members.c.community_id == community_id, community_members.c.member_id == member_id)
                .values(last_seen=now)
            )
            if result.rowcount == 0:
                await conn.execute(
                    insert_ignore(self._db, community_members, ["community_id", "member_id"]).values(
                        community_id=community_id, member_id=member_id, first_seen=now, last_seen=now
                    )
                )

    async def dm_channel(self, platform: str, external_id: str) -> str | None:
        """The platform's DM channel with this person, once an adapter has stored it."""
        async with self._db.begin() as conn:
            value: str | None = (
                await conn.execute(
                    select(members.c.dm_channel).where(
                        members.c.platform == platform, members.c.external_id == external_id
                    )
                )
            ).scalar()
        return value

    async def set_dm_channel(self, platform: str, external_id: str, channel: str, now: datetime) -> None:
        """Remember the DM channel (one lookup per person, ever), creating the member on first sight."""
        async with self._db.begin() as conn:
            await conn.execute(
                insert_ignore(self._db, members, ["platform", "external_id"]).values(
                    platform=platform, external_id=external_id, display_name="", created_at=now
                )
            )
            await conn.execute(
                update(members)
                .where(members.c.platform == platform, members.c.external_id == external_id)
                .values(dm_channel=channel)
            )

    async def set_dm_blocked(self, member_id: int, blocked: bool) -> None:
        async with self._db.begin() as conn:
            await conn.execute(update(members).where(members.c.id == member_id).values(dm_blocked=blocked))
