"""Text the adapters share: long messages cut into pieces a platform accepts, at paragraphs where possible."""

from __future__ import annotations

__all__ = ["split_text"]


def split_text(text: str, limit: int, empty: str = " ") -> list[str]:
    """Pieces of at most ``limit`` characters, cut at a blank line, else a line, else a space, else anywhere."""
    pieces: list[str] = []
    rest = text.strip() or empty
    while len(rest) > limit:
        cut = max(rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit))
        if cut < limit // 2:
            cut = rest.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    pieces.append(rest)
    return pieces
