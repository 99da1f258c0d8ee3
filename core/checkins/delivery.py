"""Sends due check-ins and their reminders by DM, each claimed first; a refused DM pauses the member's check-ins."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core.checkins.cadence import in_quiet_hours, reminder_at
from core.checkins.messages import CheckinMessages
from core.checkins.store import CheckinRepo, DueCheckin, DueReminder
from core.errors import DeliveryError
from core.ports import ChatPort
from core.scheduling.recurrence import latest_occurrence, next_occurrence
from core.storage.records import MemberRecord

if TYPE_CHECKING:
    from core.feature import Deps

__all__ = ["CheckinDelivery"]

logger = logging.getLogger(__name__)

_BATCH = 250  # due rows fetched per query
_MAX_BATCHES = 40  # per tick; anything left is due at once on the next tick
_RETRY_BACKOFF = timedelta(minutes=2)
_MIN_RETRY = timedelta(seconds=30)


class CheckinDelivery:
    """Runs the check-in tick: only due rows are read (indexed), never every member.

    A check-in missed by more than the grace window, or falling in a pause, is skipped with a
    log line; a late one is not sent in quiet hours. A reminder goes out at most once, on the
    check-in's local day, and waits for the end of quiet hours.
    """

    def __init__(self, deps: Deps, messages: CheckinMessages) -> None:
        self.deps = deps
        self.messages = messages

    @property
    def repo(self) -> CheckinRepo:
        return self.deps.store.repo(CheckinRepo)

    async def next_due(self) -> datetime | None:
        due: datetime | None = await self.repo.next_due()
        return due

    async def tick(self, now: datetime) -> int:
        """Send due check-ins, then due reminders; returns how many DMs went out."""
        sent = 0
        slots = asyncio.Semaphore(max(1, self.deps.settings.concurrency))

        async def checkin(item: DueCheckin) -> int:
            async with slots:
                try:
                    return await self._send_checkin(item, now)
                except Exception:
                    logger.exception("check-in for member %s failed", item.member.id)
                    sub = item.subscription
                    following = next_occurrence(now, sub.local_time, sub.zone, sub.weekdays).at
                    await self.repo.advance(sub.id, sub.next_due_at, following)
                    return 0

        async def reminder(item: DueReminder) -> int:
            async with slots:
                try:
                    return await self._send_reminder(item, now)
                except Exception:
                    logger.exception("check-in reminder %s failed", item.checkin.id)
                    await self.repo.set_remind_at(item.checkin.id, None)
                    return 0

        for _ in range(_MAX_BATCHES):
            batch: list[DueCheckin] = await self.repo.due(now, _BATCH)
            sent += sum(await asyncio.gather(*(checkin(item) for item in batch)))
            if len(batch) < _BATCH:
                break
        for _ in range(_MAX_BATCHES):
            reminders: list[DueReminder] = await self.repo.due_reminders(now, _BATCH)
            sent += sum(await asyncio.gather(*(reminder(item) for item in reminders)))
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
            community_id=sub.community_id, member_id=member.id, lease=self.deps.settings.claim_lease,
        )  # fmt: skip
        if not claimed:
            # sent already, or another sender holds it: look again when its lease runs out
            await self.repo.advance(sub.id, sub.next_due_at, min(following, claimed.busy_until or following))
            return 0
        checkin = await self.repo.ensure_checkin(member.id, sub.community_id, occurrence.local_date, occurrence.at, now)
        intro = f"Time for your check-in: {len(self.messages.scale)} quick questions, one tap each."
        message = self.messages.question(checkin, {}, intro=intro)
        assert message is not None
        try:
            ref = await port.send_dm(member.external_id, message, key=key, maybe_sent=claimed.maybe_sent)
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
            checkin.id, now, ref, reminder_at(occurrence, now, zone),
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
        message = self.messages.question(checkin, answers, intro=intro)
        port = self._port(member)
        if message is None or port is None:
            await self.repo.set_remind_at(checkin.id, None)
            return 0
        key = f"checkin-reminder:{member.id}:{checkin.local_date.isoformat()}"
        store = self.deps.store
        claimed = await store.deliveries.claim(
            key, kind="checkin_reminder", scheduled_for=checkin.remind_at, owner=self.deps.settings.instance_id,
            now=now, community_id=checkin.community_id, member_id=member.id, lease=self.deps.settings.claim_lease,
        )  # fmt: skip
        if not claimed:
            await self.repo.set_remind_at(checkin.id, claimed.busy_until)
            return 0
        try:
            ref = await port.send_dm(member.external_id, message, key=key, maybe_sent=claimed.maybe_sent)
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
