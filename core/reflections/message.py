"""Composes the weekly reflection's texts: the post within its length limit, its thread title and the closing note."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.content.schema import Theme
from core.formatting import format_local
from core.models import Message

__all__ = ["MAX_LENGTH", "closing_message", "reflection_message", "thread_title"]

MAX_LENGTH = 1800
_PROMPT_CLIP = 160
_LINE_CLIP = 300


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    for end in (". ", "! ", "? "):
        cut = flat.find(end)
        if 0 < cut < 220:
            return flat[: cut + 1]
    return _clip(flat, 220)


def _build(
    theme: Theme,
    from_peer: bool,
    summary: str,
    prompts: list[str],
    dropped: int,
    lines: list[str],
    close_at: datetime,
    zone: ZoneInfo,
) -> Message:
    why = " (in step with this week's challenge)" if from_peer else ""
    parts = [f"This week's theme: **{theme.label}**{why}." + (f" {summary}" if summary else "")]
    if prompts or dropped:
        block = ["**This week's prompts**", *(f"• {p}" for p in prompts)]
        if dropped:
            block.append(f"• …and {dropped} more")
        parts.append("\n".join(block))
    parts.append("\n".join(["**Questions to reflect on**", *(f"• {q}" for q in theme.reflection_questions)]))
    if lines:
        parts.append("\n".join(["**This week in the community**", *lines]))
    parts.append(
        f"Reply in this reflection's thread; it stays open until {format_local(close_at, zone)}. "
        "Share only what you are comfortable sharing here."
    )
    return Message(
        text="\n\n".join(parts),
        title=f"Weekly reflection · {theme.label}",
        footer=f"From {theme.source.cite()}. trustbot is education, not therapy.",
    )


def reflection_message(
    theme: Theme,
    *,
    from_peer: bool,
    prompt_texts: list[str],
    peer_lines: list[str],
    close_at: datetime,
    zone: ZoneInfo,
    limit: int = MAX_LENGTH,
) -> Message:
    """The weekly reflection post, kept under ``limit`` characters.

    When everything does not fit, the recalled prompts are cut first (keeping at least two),
    then the peers' lines, then the theme's summary, then the remaining prompts.
    """
    prompts = [_clip(p, _PROMPT_CLIP) for p in prompt_texts if p.strip()]
    lines = [_clip(line, _LINE_CLIP) for line in peer_lines if line.strip()]
    summary = _first_sentence(theme.summary)
    dropped = 0
    while True:
        message = _build(theme, from_peer, summary, prompts, dropped, lines, close_at, zone)
        if len(message.plain()) <= limit:
            return message
        if len(prompts) > 2:
            prompts.pop()
            dropped += 1
        elif lines:
            lines.pop()
        elif summary:
            summary = ""
        elif prompts:
            prompts.pop()
            dropped += 1
        else:
            room = max(limit - len(message.plain()) + len(message.text), 0)
            return replace(message, text=_clip(message.text, room))


def thread_title(theme: Theme, local_date: date) -> str:
    """The title of the reflection's thread."""
    return _clip(f"Weekly reflection · {local_date:%d %b} · {theme.label}", 90)


def closing_message(reply_count: int, next_opens: str | None) -> Message:
    """The note posted as a reflection's thread closes; ``next_opens`` is when the next one opens, if scheduled."""
    if reply_count:
        count = "1 reply" if reply_count == 1 else f"{reply_count} replies"
        thanks = f"Thank you for sharing this week ({count})."
    else:
        thanks = "Thank you for reading along; reflecting quietly counts too."
    after = f" The next weekly reflection opens {next_opens}." if next_opens is not None else ""
    return Message(text=f"This reflection is now closed. {thanks}{after}")
