"""The anonymous weekly check-in figures a community's reflection shows, hidden when too few members took part."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from core.checkins.store import CheckinRepo
from core.content.schema import CheckinQuestion

__all__ = ["weekly_figures"]


async def weekly_figures(
    repo: CheckinRepo,
    scale: Sequence[CheckinQuestion],
    min_group: int,
    community_id: int,
    start: datetime,
    end: datetime,
) -> list[str]:
    """Anonymous figures for [start, end) and the same span a week earlier, only when enough members checked in.

    Each member counts once (the mean of their own answers), and a question is left out when
    fewer than ``min_group`` members answered it, so no one's answers can be singled out.
    """
    this_week = await repo.member_scores(community_id, start, end)
    members = {m for m, _, _ in this_week}
    if not members:
        return []
    if len(members) < min_group:
        return [
            f"Private check-ins: figures are hidden this week because fewer than {min_group} members "
            "checked in (small groups stay anonymous)."
        ]
    week = timedelta(days=7)
    last_week = await repo.member_scores(community_id, start - week, end - week)  # the same span
    now_means, before_means = _question_means(this_week, min_group), _question_means(last_week, min_group)
    lines = [
        f"Private check-ins: {len(members)} members checked in this week. Averages out of 5, each member counted once:"
    ]
    for question in scale:
        mean = now_means.get(question.id)
        if mean is None:
            continue
        line = f"• {question.short}: {mean:.1f}"
        previous = before_means.get(question.id)
        if previous is not None:
            diff = round(mean - previous, 1)
            direction = "up" if diff > 0 else "down"
            line += " (same as last week)" if diff == 0 else f" ({direction} {abs(diff):.1f} from last week)"
        lines.append(line)
    return lines


def _question_means(rows: list[tuple[int, str, float]], minimum: int) -> dict[str, float]:
    """Per question, the mean of member means, only where at least ``minimum`` members answered it."""
    per_question: dict[str, list[float]] = {}
    for _, question_id, mean in rows:
        per_question.setdefault(question_id, []).append(mean)
    return {q: sum(v) / len(v) for q, v in per_question.items() if len(v) >= minimum}
