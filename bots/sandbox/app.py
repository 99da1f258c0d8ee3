"""Builds and runs the sandbox on a real database: interactive at a terminal, a transcript otherwise."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import TextIO

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
) -> AsyncIterator[SandboxShell]:
    """A ready shell over ``database_url``; the clock and world continue from the last run."""
    store = await Store.open(database_url)
    try:
        world = await World.load(store.kv)
        clock = VirtualClock(start or datetime.now(UTC).replace(second=0, microsecond=0))
        shell_ref: list[SandboxShell] = []
        transcript = Transcript(out, clock, lambda: shell_ref[0].zone)
        chat = SandboxChat(world, transcript)
        core = TrustCore(store, content, clock, {"sandbox": chat}, settings)
        saved = await SandboxShell.saved_clock(core)
        if saved is not None:
            clock.set(max(saved, start) if start else saved)
        shell = SandboxShell(core, chat, world, clock, transcript)
        shell_ref.append(shell)
        await shell.refresh_zone()
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
) -> None:
    """Run the sandbox until end of input or ``:quit``.

    With ``realtime`` the virtual clock also follows the wall clock, and APScheduler (through
    :class:`core.scheduling.waker.Waker`, as in platform mode) wakes the core every
    ``tick_seconds`` and at each due moment; ``:advance`` and ``:jump`` still move time ahead.
    """
    source = stdin or sys.stdin
    sink = out or sys.stdout
    interactive = source.isatty()
    async with open_sandbox(database_url, content, sink, settings=settings, start=start) as shell:
        where = shell.core.store.db.shown_url
        shell.transcript.note(f"trustbot sandbox on {where} — type :help for sandbox commands, /trust help for the bot")
        waker = Waker(_follow_wall_clock(shell), shell.core.next_due, interval=tick_seconds) if realtime else None
        if waker is not None:
            shell.transcript.note("real time: the clock follows the wall clock and the scheduler wakes trustbot")
            await waker.start()
        try:
            await _read_lines(shell, source, interactive)
        finally:
            if waker is not None:
                await waker.stop()


def _follow_wall_clock(shell: SandboxShell) -> Callable[[], Awaitable[int]]:
    async def tick() -> int:
        shell.clock.set(max(shell.clock.now(), datetime.now(UTC)))
        sent = await shell.core.tick()
        await shell.save()
        return sent

    return tick


async def _read_lines(shell: SandboxShell, source: TextIO, interactive: bool) -> None:
    while True:
        if interactive:
            try:
                line = await asyncio.to_thread(input, shell.prompt())
            except EOFError:
                break
        else:
            line = await asyncio.to_thread(source.readline)
            if line == "":
                break
        if not await shell.run_line(line):
            break
