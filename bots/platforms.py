"""Runs the platform adapters on one core in one event loop, woken by the scheduler, until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import logging
import signal
import sys
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
_READY_SECONDS = 60.0  # at start, how long scheduled sends wait for the platforms' gateways


async def run_platforms(
    settings: Settings, content: Content, core_settings: CoreSettings, database_url: str, platforms: list[str]
) -> int:
    """Open the store, start each platform's client and the waker; on a signal, finish sends and close in order.

    Returns the exit status: 0 after a signal, 1 when a platform client stopped on its own (a bad token).
    """
    store = await Store.open(database_url)
    ports: dict[str, ChatPort] = {}
    starters: list[Callable[[], Awaitable[None]]] = []
    closers: list[Callable[[], Awaitable[None]]] = []
    after_tick: list[Callable[[], Awaitable[None]]] = []
    ready: list[asyncio.Event] = []
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
        ready.append(bot.ready)
        shards = settings.shards()
        if shards is not None:
            core_settings = dataclasses.replace(core_settings, partitions=frozenset(shards[0]))
    services: list[Callable[[], Awaitable[None]]] = []  # started before the scheduler, and return once up
    if "slack" in platforms:
        from bots.slack.app import build_slack

        slack = build_slack(settings, store.db.engine)
        ports["slack"] = slack.bot.port
        services.append(slack.start)
        closers.append(slack.stop)
        after_tick.append(slack.bot.flush_alerts)
        attach.append(slack.bot.attach)
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
    status = 0
    try:
        for start_service in services:
            await start_service()
        # the first fan-out waits for the gateway (its server list floods in at start), a minute at most
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(_READY_SECONDS):
                await asyncio.gather(*(event.wait() for event in ready))
        gc.freeze()  # what start-up loaded (the platform's caches) stays out of the collector's way
        await waker.start()
        stopper: asyncio.Future[None] = asyncio.ensure_future(_wait(stop))
        done, _ = await asyncio.wait([stopper, *clients], return_when=asyncio.FIRST_COMPLETED)
        for task in clients:
            if task in done:
                status = 1
                problem = task.exception() if not task.cancelled() else None
                logger.error("a platform client stopped: %s", problem or "it closed")
                print(f"trustbot: the platform connection ended: {problem or 'it closed'}", file=sys.stderr)
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
    return status


async def _wait(event: asyncio.Event) -> None:
    await event.wait()
