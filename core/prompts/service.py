"""Daily prompts: posting the next card with its thread, previews, skips, answers and streaks."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from core.clock import Clock
from core.content.schema import Content
from core.errors import DeliveryError
from core.ports import ChatPort
from core.prompts.deck import DeckCard, upcoming
from core.prompts.messages import prompt_message, thread_title
from core.prompts.store import PromptPostRecord, PromptRepo
from core.prompts.streaks import Streak, compute_streak
from core.scheduling.delivery import Delivery
from core.storage.records import CommunityRecord
from core.storage.store import Store

__all__ = ["THREAD_OPEN_FOR", "PromptService", "member_streak"]

THREAD_OPEN_FOR = timedelta(hours=24)  # a prompt's thread stays open a day; the platform may archive it after

logger = logging.getLogger(__name__)


class PromptService:
    def __init__(self, store: Store, content: Content, clock: Clock) -> None:
        self._store = store
        self._content = content
        self._clock = clock

    async def upcoming(self, community: CommunityRecord, count: int) -> list[DeckCard]:
        cycle, used = await self._store.repo(PromptRepo).current_cycle(community.id)
        return upcoming(self._content, community.id, cycle, used, count)

    async def post_next(
        self,
        port: ChatPort,
        community: CommunityRecord,
        channel: str,
        local_date: date,
        delivery: Delivery | None = None,
    ) -> PromptPostRecord:
        """Post the next card in ``channel`` and open its answer thread.

        With a ``delivery`` (a scheduled post) each step is recorded as it completes (the card
        chosen, the message, its record, the thread) and every send carries an idempotency key,
        so an attempt cut off by a crash is finished by the next one from where it stopped, with
        the same card and no second post.

        Raises:
            DeliveryError: when the post itself fails (nothing is recorded then). A failure to
                open the thread is logged and the post is kept.
        """
        steps = delivery.steps if delivery else {}
        resumed = "card" in steps  # an earlier attempt chose the card, and may have posted it
        card = self._card_from(steps) or await self._next_card(community)
        if delivery is not None and not resumed:
            await delivery.record("card", [card.item.id, card.cycle])
        message = prompt_message(self._content, card.item)
        key = delivery.key_for("message") if delivery else None
        maybe_sent = delivery.maybe_sent if delivery else False
        message_ref = await port.post(community.external_id, channel, message, key=key, maybe_sent=maybe_sent)
        repo = self._store.repo(PromptRepo)
        post = await repo.by_message(community.id, message_ref) if resumed else None
        if post is None:
            post = await repo.record(
                community.id, card.item.id, card.cycle, status="posted", local_date=local_date,
                now=self._clock.now(), message_ref=message_ref,
            )  # fmt: skip
        if post.thread_ref is not None:
            return post
        try:
            thread = await port.open_thread(
                community.external_id, channel, message_ref, thread_title(card.item, local_date),
                key=delivery.key_for("thread") if delivery else None, archive_after=THREAD_OPEN_FOR,
            )  # fmt: skip
        except DeliveryError as exc:
            logger.warning(
                "prompt %s posted in community %s but its thread failed: %s", card.item.id, community.id, exc
            )
            return post
        await repo.set_thread(post.id, thread)
        logger.info("posted prompt %s (cycle %d) in community %s", card.item.id, card.cycle, community.id)
        return replace(post, thread_ref=thread)

    async def _next_card(self, community: CommunityRecord) -> DeckCard:
        cards = await self.upcoming(community, 1)
        if not cards:
            raise DeliveryError("invalid", "the prompt deck is empty")
        return cards[0]

    def _card_from(self, steps: dict[str, Any]) -> DeckCard | None:
        """The card an interrupted attempt chose (None if none, or it left the content since)."""
        if "card" not in steps:
            return None
        item_id, cycle = steps["card"]
        item = next((i for i in self._content.deck if i.id == item_id), None)
        return DeckCard(int(cycle), item) if item else None

    async def skip(self, community: CommunityRecord, local_date: date) -> DeckCard | None:
        cards = await self.upcoming(community, 1)
        if not cards:
            return None
        card = cards[0]
        await self._store.repo(PromptRepo).record(
            community.id, card.item.id, card.cycle, status="skipped", local_date=local_date, now=self._clock.now()
        )
        return card

    async def record_answer(self, community: CommunityRecord, thread: str, member_id: int) -> PromptPostRecord | None:
        """Count a member's answer in a prompt thread (once per prompt). None if not a prompt thread."""
        post = await self._store.repo(PromptRepo).by_thread(community.id, thread)
        if post is None:
            return None
        await self._store.repo(PromptRepo).answer(post.id, community.id, member_id, self._clock.now())
        return post

    async def streak(self, community: CommunityRecord, member_id: int) -> Streak:
        return await member_streak(self._store, community.id, member_id)


async def member_streak(store: Store, community_id: int, member_id: int) -> Streak:
    """A member's answer streak over a community's prompt days (several posts on one day count as one day)."""
    posts = await store.repo(PromptRepo).posted(community_id)
    answered = await store.repo(PromptRepo).answered_posts(community_id, member_id)
    by_day: dict[date, bool] = {}
    for post in posts:
        by_day[post.local_date] = by_day.get(post.local_date, False) or post.id in answered
    return compute_streak(sorted(by_day.items()))
