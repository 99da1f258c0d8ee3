"""The daily prompt: a card a day from the deck, posted with its answer thread; private streaks for those who answer."""

from __future__ import annotations

from datetime import datetime

from core.prompts.store import PromptRepo
from core.storage.db import Database

__all__ = ["posted_prompt_ids"]


async def posted_prompt_ids(db: Database, community_id: int, since: datetime, until: datetime) -> list[str]:
    """Ids of the daily prompts a community was sent in [since, until], oldest first (for the weekly reflection)."""
    return await PromptRepo(db).posted_ids(community_id, since, until)
