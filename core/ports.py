"""Ports: what an adapter must be able to do for the core (outbound chat) and what it needs to know."""

from __future__ import annotations

from typing import Protocol

from core.models import ChannelInfo, Message

__all__ = ["ChatPort"]


class ChatPort(Protocol):
    """Outbound messaging on one platform.

    Every method raises :class:`core.errors.DeliveryError` when the platform refuses
    (403, 404 / deleted channel, 429 after the adapter's own retries, 5xx). Implementations
    need not deduplicate: the core claims every scheduled delivery before calling them.
    References returned are opaque strings the core stores and hands back unchanged.
    """

    async def resolve_channel(self, community: str, text: str) -> ChannelInfo | None:
        """Find a channel the bot can post in from what a person typed (``#name``, a mention, an id)."""
        ...

    async def post(self, community: str, channel: str, message: Message) -> str:
        """Post in a channel; return a reference to the posted message."""
        ...

    async def open_thread(self, community: str, channel: str, parent: str, title: str) -> str:
        """Open a thread on a posted message; return the thread reference."""
        ...

    async def post_in_thread(self, community: str, thread: str, message: Message) -> str:
        """Post in a thread; return a reference to the posted message."""
        ...

    async def close_thread(self, community: str, thread: str) -> None:
        """Archive or lock a thread (a no-op where the platform has no such notion)."""
        ...

    async def send_dm(self, user_id: str, message: Message) -> str:
        """Send a direct message to a person; return a reference to it."""
        ...
