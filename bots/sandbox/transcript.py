"""The sandbox transcript: every line carries the virtual time, the place and the speaker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from core.clock import Clock

__all__ = ["Transcript"]


class Transcript:
    """Writes transcript lines to ``out``: said things with place and speaker, and notes (``--``)."""

    def __init__(self, out: TextIO, clock: Clock, zone: Callable[[], ZoneInfo]) -> None:
        self._out = out
        self._clock = clock
        self._zone = zone

    def now(self) -> datetime:
        """The virtual time in the community's zone."""
        return self._clock.now().astimezone(self._zone())

    def stamp(self) -> str:
        local = self._clock.now().astimezone(self._zone())
        return f"[{local:%a %Y-%m-%d %H:%M} {local.tzname()}]"

    def emit(self, place: str, speaker: str, text: str) -> None:
        prefix = f"{self.stamp()} {place} | {speaker}:"
        for line in text.splitlines() or [""]:
            self._out.write(f"{prefix} {line}".rstrip() + "\n")
        self._out.flush()

    def note(self, text: str) -> None:
        for line in text.splitlines() or [""]:
            self._out.write(f"{self.stamp()} -- {line}".rstrip() + "\n")
        self._out.flush()
