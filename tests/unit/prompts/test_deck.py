"""The prompt deck never repeats a prompt until every one has been used."""

from __future__ import annotations

import itertools

from core.content import Content
from core.prompts.deck import cycle_order, upcoming


def test_first_cycle_uses_every_prompt_once(content: Content) -> None:
    cards = upcoming(content, 1, 1, set(), len(content.deck))
    ids = [c.item.id for c in cards]
    assert len(ids) == len(set(ids)) == len(content.deck)
    assert {c.cycle for c in cards} == {1}


def test_consecutive_prompts_come_from_different_themes(content: Content) -> None:
    order = cycle_order(content, 1, 1)
    assert all(a.theme_id != b.theme_id for a, b in itertools.pairwise(order[:13]))


def test_exhausted_deck_starts_a_new_reproducible_round(content: Content) -> None:
    used = {item.id for item in content.deck}
    cards = upcoming(content, 7, 1, used, 3)
    assert [c.cycle for c in cards] == [2, 2, 2]
    assert cycle_order(content, 7, 2) == cycle_order(content, 7, 2)
    assert cycle_order(content, 7, 2)[0].id != cycle_order(content, 7, 1)[-1].id
