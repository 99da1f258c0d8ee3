"""Reading what the person types: line editing and history at a terminal, whole lines of any length from a pipe."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

__all__ = ["TERMINAL_LIMIT", "PipeLines", "TerminalLines"]

TERMINAL_LIMIT = 4095  # a terminal's own line editing keeps at most this many characters of a line
_HISTORY_KEPT = 1000


class PipeLines:
    """Lines from a pipe or a file, read whole however long they are."""

    def __init__(self, source: TextIO) -> None:
        self._source = source

    async def read(self, prompt: str) -> str | None:
        """The next line (None at the end of the input); ``prompt`` is not shown."""
        line = await asyncio.to_thread(self._source.readline)
        return None if line == "" else line

    def too_long(self, line: str) -> bool:
        return False

    def close(self) -> None:
        return None


class TerminalLines:
    """Lines typed at a terminal, with GNU readline when Python has it.

    Readline takes the terminal out of its own line editing, so a line is read whole however
    long it is; arrow keys move and recall earlier lines; the history is kept in ``history``
    (beside the database). Without readline the terminal's own editing cuts a line at
    :data:`TERMINAL_LIMIT` characters, and :meth:`too_long` says when that may have happened.
    Each line is read in a daemon thread, so Ctrl-C ends the sandbox at once; the terminal's
    settings are put back on :meth:`close`.
    """

    def __init__(self, history: Path | None, stdin: TextIO | None = None) -> None:
        self._stdin = stdin or sys.stdin
        self._history = history
        self._saved_tty: list[Any] | None = None
        self.readline: ModuleType | None = None
        try:
            import termios

            self._saved_tty = termios.tcgetattr(self._stdin.fileno())
        except (ImportError, OSError, ValueError):
            self._saved_tty = None
        try:
            import readline
        except ImportError:  # e.g. Windows: the terminal's own editing
            return
        self.readline = readline
        readline.set_history_length(_HISTORY_KEPT)
        if history is not None:
            with contextlib.suppress(OSError):
                history.parent.mkdir(parents=True, exist_ok=True)
                if history.exists():
                    readline.read_history_file(history)
                readline.write_history_file(history)  # created, and trimmed to the last lines kept

    async def read(self, prompt: str) -> str | None:
        """The next line typed (None at Ctrl-D)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[str | None] = loop.create_future()

        def settle(line: str | None, error: BaseException | None) -> None:
            if done.done():
                return
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(line)

        def work() -> None:
            try:
                line: str | None = input(prompt)
            except EOFError:
                line = None
            except BaseException as exc:
                loop.call_soon_threadsafe(settle, None, exc)
                return
            loop.call_soon_threadsafe(settle, line, None)

        threading.Thread(target=work, name="sandbox-input", daemon=True).start()
        line = await done
        if line is not None and line.strip():
            self._remember()
        return line

    def too_long(self, line: str) -> bool:
        """True when the terminal may have cut ``line`` (no readline, and the line is at the terminal's limit)."""
        return self.readline is None and len(line.rstrip("\n")) >= TERMINAL_LIMIT

    def _remember(self) -> None:
        if self.readline is None or self._history is None:
            return
        with contextlib.suppress(OSError):
            self.readline.append_history_file(1, self._history)

    def close(self) -> None:
        """Put the terminal's settings back (readline may have been stopped mid-line)."""
        if self._saved_tty is None:
            return
        import termios

        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(self._stdin.fileno(), termios.TCSADRAIN, self._saved_tty)
