"""Builds and runs the sandbox on a real database: interactive at a terminal, a transcript otherwise."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from bots.sandbox.files import SandboxFiles
from bots.sandbox.lines import PipeLines, TerminalLines
from bots.sandbox.logs import logs_in_transcript
from bots.sandbox.port import SandboxChat
from bots.sandbox.shell import SandboxShell
from bots.sandbox.transcript import Transcript
from bots.sandbox.world import World
from core.app import TrustCore
from core.clock import VirtualClock
from core.content.schema import Content
from core.feature import CoreSettings
from core.scheduling.waker import Waker
from core.store import Store

__all__ = ["open_sandbox", "run_sandbox"]


@asynccontextmanager
async def open_sandbox(
    database_url: str,
    content: Content,
    out: TextIO,
    *,
    settings: CoreSettings | None = None,
    start: datetime | None = None,
    files: SandboxFiles | None = None,
    log_level: str | None = None,
) -> AsyncIterator[SandboxShell]:
    """A ready shell over ``database_url``; the clock and world continue from the last run.

    Attachments are saved under ``files`` (default: beside a SQLite file; not saved for other
    databases). With ``log_level``, log records at that level and above are transcript notes.
    """
    store = await Store.open(database_url)
    try:
        world = await World.load(store.kv)
        clock = VirtualClock(start or datetime.now(UTC).replace(second=0, microsecond=0))
        shell_ref: list[SandboxShell] = []
        transcript = Transcript(out, clock, lambda: shell_ref[0].zone if shell_ref else ZoneInfo("UTC"))
        chat = SandboxChat(world, transcript)
        chat.files = files if files is not None else SandboxFiles.beside(database_url, fallback=None)
        core = TrustCore(store, content, clock, {"sandbox": chat}, settings)
        saved = await SandboxShell.saved_clock(core)
        if saved is not None:
            clock.set(max(saved, start) if start else saved)
        shell = SandboxShell(core, chat, world, clock, transcript)
        shell_ref.append(shell)
        await shell.refresh_zone()
        async with AsyncExitStack() as stack:
            if log_level is not None:
                details = chat.files.log if chat.files is not None else None
                stack.enter_context(logs_in_transcript(transcript, log_level, details))
            await core.tick()  # catch up on anything missed since the last run
            await shell.save()
            yield shell
    finally:
        await store.close()


async def run_sandbox(
    database_url: str,
    content: Content,
    *,
    settings: CoreSettings | None = None,
    start: datetime | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    realtime: bool = False,
    tick_seconds: float = 20.0,
    log_level: str | None = None,
) -> None:
    """Run the sandbox until end of input or ``:quit``.

    With ``realtime`` the virtual clock also follows the wall clock, and APScheduler (through
    :class:`core.scheduling.waker.Waker`, as in platform mode) wakes the core every
    ``tick_seconds`` and at each due moment; ``:advance`` and ``:jump`` still move time ahead.
    Attachments are saved beside the database (``data/attachments/`` for a database that is not
    a file); with ``log_level``, log records show as transcript notes.
    """
    source = stdin or sys.stdin
    sink = out or sys.stdout
    files = SandboxFiles.beside(database_url)
    opened = open_sandbox(database_url, content, sink, settings=settings, start=start, files=files, log_level=log_level)
    async with opened as shell:
        where = shell.core.store.db.shown_url
        shell.transcript.note(f"trustbot sandbox on {where} — type :help for sandbox commands, /trust help for the bot")
        waker = Waker(_follow_wall_clock(shell), shell.core.next_due, interval=tick_seconds) if realtime else None
        if waker is not None:
            shell.transcript.note("real time: the clock follows the wall clock and the scheduler wakes trustbot")
            await waker.start()
        lines = TerminalLines(files.history) if source.isatty() else PipeLines(source)
        try:
            await _read_lines(shell, lines)
        finally:
            lines.close()
            if waker is not None:
                await waker.stop()


def _follow_wall_clock(shell: SandboxShell) -> Callable[[], Awaitable[int]]:
    async def tick() -> int:
        shell.clock.set(max(shell.clock.now(), datetime.now(UTC)))
        sent = await shell.core.tick()
        await shell.save()
        return sent

    return tick


async def _read_lines(shell: SandboxShell, lines: PipeLines | TerminalLines) -> None:
    while (line := await lines.read(shell.prompt())) is not None:
        if lines.too_long(line):
            shell.transcript.note(
                f"sandbox: that line reached the terminal's limit of {len(line):,} characters, so its end may be "
                "lost; it was not used. Pipe long text in instead (printf '...' | trustbot)."
            )
            continue
        if not await shell.run_line(line):
            break
