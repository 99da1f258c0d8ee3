"""What the daily prompt says: the post that opens each day's answer thread, and the thread's title."""

from __future__ import annotations

from datetime import date

from core.content.schema import Content, DeckItem
from core.models import Message
from core.prompts.streaks import Streak

__all__ = ["prompt_message", "streak_text", "thread_title"]


def prompt_message(content: Content, item: DeckItem) -> Message:
    theme = content.theme(item.theme_id) if item.theme_id else None
    title = f"Daily prompt · {theme.label}" if theme else "Daily prompt"
    footer = f"From {theme.source.cite()}. " if theme else ""
    footer += "Share only what you are comfortable sharing here. trustbot is education, not therapy."
    return Message(
        text=f"{item.text}\n\nAnswer in the thread for this prompt.",
        title=title,
        footer=footer,
    )


def thread_title(item: DeckItem, local_date: date) -> str:
    text = item.text if len(item.text) <= 70 else item.text[:69].rstrip() + "…"
    return f"{local_date:%d %b} · {text}"


def streak_text(streak: Streak) -> str:
    """A member's streak in one line: in a row, longest, answered in all, the grace day and today's open prompt."""
    noun = "prompt" if streak.current == 1 else "prompts"
    line = f"{streak.current} {noun} in a row (longest {streak.longest}, {streak.total} answered in all)."
    if streak.grace_used_on:
        line += f" Your grace day covered {streak.grace_used_on:%a %d %b}."
    if streak.pending_today:
        line += " Today's prompt is still open."
    return line
