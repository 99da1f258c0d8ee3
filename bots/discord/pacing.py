"""Paces the bot's REST requests ahead of Discord's global limit (discord.py only reacts to 429s)."""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bots.pacing import Pacer

__all__ = ["GLOBAL_LIMIT", "PACED_RATE", "Pacer", "nonce_for", "pace", "share_of"]

logger = logging.getLogger(__name__)

GLOBAL_LIMIT = 50  # requests per second per bot token, across every process
PACED_RATE = 46.0  # what we send: a margin for jitter (measured: 48/s starts drawing 429s)
_EXEMPT = ("/interactions/", "/webhooks/")  # interaction callbacks and follow-ups are not globally limited
NONCE_MAX = 25


def share_of(rate: float, shards: int, total: int) -> float:
    """This process's part of the bot's global budget when it runs ``shards`` of ``total`` shards."""
    return rate * shards / max(total, 1)


def nonce_for(key: str) -> str:
    """Discord's message nonce (at most 25 characters) for a core idempotency key: stable and unlikely to clash."""
    digest = hashlib.sha256(key.encode()).digest()
    return base64.b32encode(digest).decode()[:NONCE_MAX].lower()


def pace(http: discord.http.HTTPClient, rate: float) -> Pacer:
    """Wrap ``http.request`` so bot requests go out at most ``rate`` a second, evenly (no burst at start)."""
    pacer = Pacer(rate)
    original: Callable[..., Awaitable[Any]] = http.request

    async def paced(route: discord.http.Route, **kwargs: Any) -> Any:
        if not route.path.startswith(_EXEMPT):
            await pacer.wait()
        return await original(route, **kwargs)

    http.request = paced  # type: ignore[method-assign]
    logger.info("Discord requests paced at %.1f/s (global limit %d/s per bot)", rate, GLOBAL_LIMIT)
    return pacer
