"""The daily prompt: a card a day from the deck, posted with its answer thread; private streaks for those who answer."""

from __future__ import annotations

from datetime import datetime

from core.prompts.messages import streak_text
from core.prompts.service import member_streak
from core.prompts.store import PromptRepo
from core.storage.db import Database
from core.storage.records import CommunityRecord
from core.storage.store import Store

__all__ = ["posted_prompt_ids", "streak_line"]


async def posted_prompt_ids(db: Database, community_id: int, since: datetime, until: datetime) -> list[str]:
    """Ids of the daily prompts a community was sent in [since, until], oldest first (for the weekly reflection)."""
    return await PromptRepo(db).posted_ids(community_id, since, until)


async def streak_line(store: Store, community: CommunityRecord, member_id: int) -> str:
    """A member's own streak in one community, in one line (as ``/trust streak`` says it), for their own page."""
    streak = await member_streak(store, community.id, member_id)
    if streak.total:
        return streak_text(streak)
    today = " Today's prompt is still open." if streak.pending_today else ""
    return f"No answers yet: answer a daily prompt in its thread to start a streak.{today}"
