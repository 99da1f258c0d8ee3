"""Tells which language a message is in, with py3langid (a maintained langid.py), loaded on first use."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["SUPPORTED", "Language", "detect_language"]

SUPPORTED: Final = ("en", "es", "pt", "fr")
"""Languages whose danger signs we read and whose safety replies we write."""

_UNDETERMINED: Final = "und"
_LETTERS: Final = re.compile(r"[^\W\d_]{2,}")
_LATIN: Final = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_lock = threading.Lock()
_identifier: Any = None


@dataclass(frozen=True)
class Language:
    """A message's language (ISO 639-1, or ``und``) and how sure the detector is (0..1)."""

    code: str
    confidence: float

    @property
    def supported(self) -> bool:
        return self.code in SUPPORTED


def _model() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import _load_identifier

                _identifier = _load_identifier(norm_probs=True)
    return _identifier


def warm_up() -> None:
    """Load the model now (the core calls this at start so the first DM is not slow)."""
    _model()


def detect_language(text: str, *, default: str = "en") -> Language:
    """The language of ``text``: one of :data:`SUPPORTED` when it is likely one of them.

    Short, ambiguous text ("ok", "hi") gets ``default``; keyboard mash and emoji get ``und``;
    a clear other language (German, Japanese...) gets its own code.
    """
    words = _LETTERS.findall(text)
    if not words:
        return Language(_UNDETERMINED, 0.0)
    ranked: list[tuple[str, float]] = _model().rank(text)
    top, top_p = ranked[0]
    if not _LATIN.search(text):  # no Latin letters: none of ours
        return Language(top if top not in SUPPORTED and top != "zxx" else _UNDETERMINED, float(top_p))
    if top in SUPPORTED:
        return Language(top, float(top_p))
    ours = [(code, p) for code, p in ranked if code in SUPPORTED]
    best, best_p = max(ours, key=lambda pair: pair[1]) if ours else (default, 0.0)
    if top == "zxx":  # the model's own "no linguistic content"
        return Language(_UNDETERMINED, float(top_p))
    if top_p >= 0.5:
        return Language(top, float(top_p))
    if best_p >= 0.05 and best_p >= top_p / 4:
        return Language(best, float(best_p))
    if len(words) <= 2:
        return Language(default, 0.0)
    return Language(top if top_p >= 0.2 else _UNDETERMINED, float(top_p))
