"""Runs the platform adapters on one core in one event loop, woken by the scheduler, until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import signal
from collections.abc import Awaitable, Callable

from bots.settings import Settings
from core.app import TrustCore
from core.clock import SystemClock
from core.content import Content
from core.feature import CoreSettings
from core.ports import ChatPort
from core.scheduling.waker import Waker
from core.store import Store

__all__ = ["run_platforms"]

logger = logging.getLogger(__name__)

_DRAIN_SECONDS = 30.0  # on shutdown, how long in-flight sends may take to finish


async def run_platforms(
    settings: Settings, content: Content, core_settings: CoreSettings, database_url: str, platforms: list[str]
) -> None:
    """Open the store, start each platform's client and the waker; on a signal, finish sends and close in order."""
    store = await Store.open(database_url)
    ports: dict[str, ChatPort] = {}
    starters: list[Callable[[], Awaitable[None]]] = []
    closers: list[Callable[[], Awaitable[None]]] = []
    after_tick: list[Callable[[], Awaitable[None]]] = []
    attach: list[Callable[[TrustCore], None]] = []
    if "discord" in platforms:
        from bots.discord.app import build_discord

        bot = build_discord(settings)
        ports["discord"] = bot.port
        assert settings.discord_token is not None
        token = settings.discord_token.get_secret_value()
        starters.append(lambda: bot.client.start(token))
        closers.append(bot.client.close)
        after_tick.append(bot.flush_alerts)
        attach.append(bot.attach)
        shards = settings.shards()
        if shards is not None:
            core_settings = dataclasses.replace(core_settings, partitions=frozenset(shards[0]))
    core = TrustCore(store, content, SystemClock(), ports, core_settings)
    for hook in attach:
        hook(core)

    async def tick() -> int:
        sent = await core.tick()
        for step in after_tick:
            await step()
        return sent

    waker = Waker(tick, core.next_due, interval=settings.tick_seconds)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    clients: list[asyncio.Future[None]] = [asyncio.ensure_future(start()) for start in starters]
    try:
        await waker.start()
        stopper: asyncio.Future[None] = asyncio.ensure_future(_wait(stop))
        done, _ = await asyncio.wait([stopper, *clients], return_when=asyncio.FIRST_COMPLETED)
        for task in clients:
            if task in done and not task.cancelled() and task.exception() is not None:
                logger.error("a platform client stopped: %s", task.exception())
        stopper.cancel()
        logger.info("shutting down: finishing in-flight sends")
    finally:
        await waker.stop()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(_DRAIN_SECONDS):
                await core.drain()
        for close in reversed(closers):
            with contextlib.suppress(Exception):
                await close()
        for task in clients:
            task.cancel()
        await asyncio.gather(*clients, return_exceptions=True)
        await store.close()
        logger.info("stopped")


async def _wait(event: asyncio.Event) -> None:
    await event.wait()
