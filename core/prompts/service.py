"""Daily prompts: posting the next card with its thread, previews, skips, answers and streaks."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from core.clock import Clock
from core.content.schema import Content
from core.errors import DeliveryError
from core.ports import ChatPort
from core.prompts.deck import DeckCard, upcoming
from core.prompts.messages import prompt_message, thread_title
from core.prompts.store import PromptPostRecord, PromptRepo
from core.prompts.streaks import Streak, compute_streak
from core.storage.records import CommunityRecord
from core.storage.store import Store

__all__ = ["PromptService"]

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
        self, port: ChatPort, community: CommunityRecord, channel: str, local_date: date
    ) -> PromptPostRecord:
        """Post the next card in ``channel`` and open its answer thread.

        Raises:
            DeliveryError: when the post itself fails (nothing is recorded then). A failure to
                open the thread is logged and the post is kept.
        """
        cards = await self.upcoming(community, 1)
        if not cards:
            raise DeliveryError("invalid", "the prompt deck is empty")
        card = cards[0]
        message = prompt_message(self._content, card.item)
        message_ref = await port.post(community.external_id, channel, message)
        now = self._clock.now()
        post = await self._store.repo(PromptRepo).record(
            community.id, card.item.id, card.cycle, status="posted", local_date=local_date, now=now,
            message_ref=message_ref,
        )  # fmt: skip
        try:
            thread = await port.open_thread(
                community.external_id, channel, message_ref, thread_title(card.item, local_date)
            )
        except DeliveryError as exc:
            logger.warning(
                "prompt %s posted in community %s but its thread failed: %s", card.item.id, community.id, exc
            )
            return post
        await self._store.repo(PromptRepo).set_thread(post.id, thread)
        logger.info("posted prompt %s (cycle %d) in community %s", card.item.id, card.cycle, community.id)
        return replace(post, thread_ref=thread)

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
        posts = await self._store.repo(PromptRepo).posted(community.id)
        answered = await self._store.repo(PromptRepo).answered_posts(community.id, member_id)
        by_day: dict[date, bool] = {}
        for post in posts:
            by_day[post.local_date] = by_day.get(post.local_date, False) or post.id in answered
        return compute_streak(sorted(by_day.items()))
