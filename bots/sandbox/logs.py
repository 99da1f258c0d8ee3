"""Log records in the sandbox: notes in the transcript at the virtual time, never lines with the wall-clock time."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bots.sandbox.transcript import Transcript

__all__ = ["TranscriptLogHandler", "logs_in_transcript"]


class TranscriptLogHandler(logging.Handler):
    """Writes each record as ``[virtual time] -- note: message (level, logger)``.

    A record with an exception gets its last line in the note; the whole traceback goes to
    ``details`` (a file beside the database), which the note names.
    """

    def __init__(self, transcript: Transcript, details: Path | None = None, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self.transcript = transcript
        self.details = details

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = f"note: {record.getMessage()} ({record.levelname.lower()}, {record.name})"
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                text += f": {type(error).__name__}: {error}"
                if self.details is not None:
                    self.details.parent.mkdir(parents=True, exist_ok=True)
                    with self.details.open("a", encoding="utf-8") as out:
                        out.write(f"{self.transcript.stamp()} {record.getMessage()}\n")
                        out.write("".join(traceback.format_exception(*record.exc_info)))
                    text += f" (details in {self.details})"
            self.transcript.note(text)
        except Exception:  # a logging handler never raises
            self.handleError(record)


@contextmanager
def logs_in_transcript(transcript: Transcript, level: str | int, details: Path | None = None) -> Iterator[None]:
    """While the block runs, log records at ``level`` and above appear in the transcript (and nowhere else)."""
    root = logging.getLogger()
    handler = TranscriptLogHandler(transcript, details)
    previous = root.level
    root.setLevel(level.upper() if isinstance(level, str) else level)
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)
