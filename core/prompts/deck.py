"""The daily-prompt deck: a fixed order per cycle, no repeats until every prompt has been used."""

from __future__ import annotations

import random
from dataclasses import dataclass

from core.content.schema import Content, DeckItem

__all__ = ["DeckCard", "cycle_order", "upcoming"]


@dataclass(frozen=True)
class DeckCard:
    cycle: int
    item: DeckItem


def cycle_order(content: Content, community_id: int, cycle: int) -> list[DeckItem]:
    """Cycle 1 follows the content's interleaved order; later cycles are shuffled, reproducibly.

    A new cycle never opens with the card that closed the one before.
    """
    items = content.deck
    if cycle <= 1 or len(items) < 2:
        return list(items)
    previous_last = cycle_order(content, community_id, cycle - 1)[-1].id if cycle > 1 else None
    shuffled = list(items)
    random.Random(f"trustbot:{community_id}:{cycle}").shuffle(shuffled)
    if shuffled[0].id == previous_last:
        shuffled.append(shuffled.pop(0))
    return shuffled


def upcoming(content: Content, community_id: int, cycle: int, used: set[str], count: int) -> list[DeckCard]:
    """The next ``count`` cards, starting a new cycle when the current one is exhausted."""
    cards: list[DeckCard] = []
    if not content.deck or count <= 0:
        return cards
    seen = set(used)
    current = cycle
    while len(cards) < count:
        for item in cycle_order(content, community_id, current):
            if item.id not in seen:
                cards.append(DeckCard(current, item))
                if len(cards) >= count:
                    break
        current += 1
        seen = set()
    return cards
