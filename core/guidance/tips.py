"""Ranks the guidance themes for a member's message (the trained theme model) and picks a fresh tip."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from core.content.schema import Content, Theme, Tip
from core.guidance.model import guidance_model

__all__ = ["ThemeScore", "TipChoice", "TipRanker"]


@dataclass(frozen=True)
class ThemeScore:
    """How well one theme matches a message (higher is better)."""

    theme: Theme
    score: float


@dataclass(frozen=True)
class TipChoice:
    """The tip to send, its theme, and the next best themes to offer as buttons."""

    theme: Theme
    tip: Tip
    topical: bool
    next_best: tuple[Theme, ...] = ()


class TipRanker:
    """Ranks themes with the trained theme model and picks tips the member has not seen lately.

    Example:
        >>> ranker = TipRanker(load_content())  # doctest: +SKIP
        >>> ranker.rank("how do I apologise properly?")[0].theme.id  # doctest: +SKIP
        'say-sorry'
    """

    def __init__(self, content: Content) -> None:
        self._content = content
        self._themes = {theme.id: theme for theme in content.themes}

    def rank(self, text: str) -> list[ThemeScore]:
        """Every theme for ``text``, best first."""
        ranked = guidance_model(self._content).rank_themes(text)
        return [ThemeScore(self._themes[theme_id], score) for theme_id, score in ranked if theme_id in self._themes]

    def choose(
        self,
        text: str,
        recent_tip_ids: Sequence[str],
        seed: int,
        *,
        topical: bool = True,
        exclude: Collection[str] = (),
    ) -> TipChoice:
        """The tip to send for ``text``: from the best theme when ``topical``, else from a random theme.

        A tip in ``recent_tip_ids`` (oldest first) is not chosen while another in the theme is
        fresh; a theme in ``exclude`` (the step just shown) is never chosen. The two next best
        themes come back as ``next_best`` for the "More on" buttons.

        Raises:
            ValueError: if no theme is left to choose from.
        """
        rng = random.Random(seed)
        if topical and text.strip():
            order = [entry.theme for entry in self.rank(text) if entry.theme.id not in exclude]
        else:
            order = [theme for theme in self._content.themes if theme.id not in exclude]
            rng.shuffle(order)
        order = [theme for theme in order if theme.tips]
        if not order:
            raise ValueError("no theme with tips to choose from")
        theme = order[0]
        return TipChoice(theme, self.fresh_tip(theme, recent_tip_ids, rng), topical, tuple(order[1:3]))

    @staticmethod
    def fresh_tip(theme: Theme, recent_tip_ids: Sequence[str], rng: random.Random | None = None) -> Tip:
        """A tip of ``theme`` not seen lately, or the one seen longest ago."""
        recent = list(recent_tip_ids)
        fresh = [tip for tip in theme.tips if tip.id not in recent]
        if fresh:
            return (rng or random.Random(0)).choice(fresh)
        return min(theme.tips, key=lambda tip: recent.index(tip.id))
