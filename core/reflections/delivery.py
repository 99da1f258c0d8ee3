"""Opens each week's reflection (its theme, post and thread) and closes its thread when the time is up."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from core.content.schema import Theme
from core.errors import DeliveryError
from core.formatting import format_local
from core.models import Message
from core.ports import ChatPort
from core.prompts import posted_prompt_ids
from core.reflections.message import closing_message, reflection_message, thread_title
from core.reflections.schedule import KIND, close_hours, week_start
from core.reflections.store import ReflectionRecord, ReflectionRepo
from core.scheduling.delivery import Delivery
from core.scheduling.recurrence import next_occurrence
from core.storage.records import CommunityRecord

if TYPE_CHECKING:
    from core.feature import Deps, Feature

__all__ = ["ReflectionDelivery"]

logger = logging.getLogger(__name__)

_CLOSE_RETRY = timedelta(minutes=5)


class ReflectionDelivery:
    """Posts a week's reflection at most once per community and ISO week, and closes due threads.

    ``peers`` (the other features) are passed per call: they give the week's theme and lines.
    """

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def theme_for(
        self, community: CommunityRecord, local_date: date, peers: Sequence[Feature]
    ) -> tuple[Theme, bool]:
        """The week's theme and whether a peer chose it (else the next theme in the rotation)."""
        content = self.deps.content
        for peer in peers:
            try:
                theme_id = await peer.current_theme(community, local_date)
            except Exception:
                logger.exception("%s failed to give the current theme", peer.name)
                continue
            if theme_id:
                try:
                    return content.theme(theme_id), True
                except KeyError:
                    logger.warning("%s named an unknown theme %r; ignored", peer.name, theme_id)
        themes = content.themes
        ids = [t.id for t in themes]
        last = await self.deps.store.repo(ReflectionRepo).last_rotation_theme(community.id)
        index = (ids.index(last) + 1) % len(ids) if last in ids else 0
        return themes[index], False

    @staticmethod
    async def _peer_lines(
        community: CommunityRecord, start: datetime, end: datetime, peers: Sequence[Feature]
    ) -> list[str]:
        lines: list[str] = []
        for peer in peers:
            try:
                lines += [str(line) for line in await peer.reflection_lines(community, start, end)]
            except Exception:
                logger.exception("%s failed to give reflection lines", peer.name)
        return lines

    async def _week_prompts(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        texts = {item.id: item.text for item in self.deps.content.deck}
        ids = await posted_prompt_ids(self.deps.store.db, community.id, start, end)
        return [texts[i] for i in ids if i in texts]

    async def open(
        self,
        port: ChatPort,
        community: CommunityRecord,
        channel: str,
        start: datetime,
        local_date: date,
        peers: Sequence[Feature],
        delivery: Delivery | None = None,
    ) -> ReflectionRecord | None:
        """Post the week's reflection in ``channel`` and open its thread; None when the week already has one.

        With a ``delivery`` (a scheduled post) the week's record is noted as a step and every
        send carries an idempotency key, so an attempt cut off by a crash is finished by the
        next one (same post, same thread) instead of being skipped or posted twice.

        Raises:
            DeliveryError: when the post fails (the week is given back, so a retry may post it).
                A failure to open the thread is logged and the post is kept.
        """
        repo = self.deps.store.repo(ReflectionRepo)
        monday = week_start(local_date)
        now = self.deps.clock.now()
        resumed = await repo.get(delivery.steps["reflection"]) if delivery and "reflection" in delivery.steps else None
        if resumed is not None and resumed.message_ref is not None:
            return resumed  # finished before the interruption: nothing left to send
        theme = self.deps.content.theme(resumed.theme_id) if resumed else None
        if resumed is None or theme is None:
            if await repo.for_week(community.id, monday) is not None:
                return None
            theme, from_peer = await self.theme_for(community, local_date, peers)
            close_at = now + timedelta(hours=close_hours(community))
            record = await repo.reserve(
                community.id, week_start=monday, local_date=local_date, theme_id=theme.id,
                theme_source="peer" if from_peer else "rotation", channel_ref=channel, now=now, close_at=close_at,
            )  # fmt: skip
            if record is None:
                return None
            if delivery is not None:
                await delivery.record("reflection", record.id)
        else:
            record, from_peer, close_at = resumed, resumed.theme_source == "peer", resumed.close_at
        message = reflection_message(
            theme,
            from_peer=from_peer,
            prompt_texts=await self._week_prompts(community, start, now),
            peer_lines=await self._peer_lines(community, start, now, peers),
            close_at=close_at,
            zone=community.zone,
        )
        key = delivery.key_for("message") if delivery else None
        try:
            maybe_sent = delivery.maybe_sent if delivery else False
            message_ref = await port.post(community.external_id, channel, message, key=key, maybe_sent=maybe_sent)
        except Exception:  # the post did not happen: give the week back (a kill leaves it for the resume)
            await repo.cancel(record.id)
            raise
        thread: str | None
        try:
            title = thread_title(theme, local_date)
            thread = await port.open_thread(
                community.external_id, channel, message_ref, title,
                key=delivery.key_for("thread") if delivery else None, archive_after=close_at - now,
            )  # fmt: skip
        except DeliveryError as exc:
            logger.warning("reflection posted in community %s but its thread failed: %s", community.id, exc)
            thread = None
        await repo.opened(record.id, message_ref=message_ref, thread_ref=thread, now=now)
        logger.info("opened the weekly reflection (%s) in community %s", theme.id, community.id)
        return replace(record, message_ref=message_ref, thread_ref=thread, status="open" if thread else "closed")

    # ------------------------------------------------------------------ closing

    async def tick(self, now: datetime) -> int:
        """Close every reflection thread that is due; return how many were closed here."""
        sent = 0
        for record in await self.deps.store.repo(ReflectionRepo).due_to_close(now):
            try:
                sent += await self._close(record, now)
            except Exception:
                logger.exception("closing reflection %s failed", record.id)
                await self.deps.store.repo(ReflectionRepo).postpone(record.id, now + _CLOSE_RETRY)
        return sent

    async def next_due(self) -> datetime | None:
        """When the next reflection thread closes."""
        return await self.deps.store.repo(ReflectionRepo).next_close()

    async def _close(self, record: ReflectionRecord, now: datetime) -> int:
        store = self.deps.store
        community = await store.communities.get(record.community_id)
        if community is None or record.thread_ref is None:
            await store.repo(ReflectionRepo).mark_closed(record.id, now)
            return 0
        key = f"reflection-close:{record.id}"
        claimed = await store.deliveries.claim(
            key, kind="reflection_close", scheduled_for=record.close_at, owner=self.deps.settings.instance_id,
            now=now, community_id=community.id,
        )  # fmt: skip
        if not claimed:
            delivery = await store.deliveries.get(key)
            if delivery is None or delivery.status != "sent":
                logger.warning(
                    "reflection %s of community %s: closing was taken elsewhere or gave up (%s); marked closed",
                    record.id, community.id, delivery.error if delivery else "no claim",
                )  # fmt: skip
            await store.repo(ReflectionRepo).mark_closed(record.id, now)
            return 0
        try:
            port = self.deps.port_for(community.platform)
            if record.closing_ref is None:
                try:
                    note = await self._closing(community, record, now)
                    ref = await port.post_in_thread(community.external_id, record.thread_ref, note)
                except DeliveryError as exc:
                    if exc.retryable or exc.reason == "not_found":
                        raise
                    logger.warning("reflection %s: the closing note failed (%s); closing anyway", record.id, exc)
                else:
                    await store.repo(ReflectionRepo).set_closing_ref(record.id, ref)
            await port.close_thread(community.external_id, record.thread_ref)
        except DeliveryError as exc:
            if exc.retryable:
                await store.deliveries.release(key, str(exc))
                wait = max(timedelta(seconds=exc.retry_after or 0), timedelta(seconds=30), _CLOSE_RETRY)
                await store.repo(ReflectionRepo).postpone(record.id, now + wait)
                logger.warning("reflection %s: closing will be retried: %s", record.id, exc)
                return 0
            await store.deliveries.release(key, str(exc), permanent=True)
            await store.repo(ReflectionRepo).mark_closed(record.id, now)
            if exc.reason == "not_found":
                logger.info("reflection %s of community %s: the thread is gone; marked closed", record.id, community.id)
            else:
                logger.warning("reflection %s could not be closed (%s); marked closed", record.id, exc)
            return 0
        await store.deliveries.mark_sent(key, self.deps.clock.now(), record.thread_ref)
        await store.repo(ReflectionRepo).mark_closed(record.id, now)
        logger.info("closed reflection %s of community %s", record.id, community.id)
        return 1

    async def _closing(self, community: CommunityRecord, record: ReflectionRecord, now: datetime) -> Message:
        schedule = await self.deps.store.schedules.get(community.id, KIND)
        next_opens: str | None = None
        if schedule is not None and not schedule.paused:
            nxt = next_occurrence(now, schedule.local_time, schedule.zone, schedule.weekdays)
            next_opens = format_local(nxt.at, schedule.zone)
        return closing_message(record.reply_count, next_opens)
