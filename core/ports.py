"""Ports: what an adapter must be able to do for the core (outbound chat) and what it needs to know."""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from core.models import ChannelInfo, Message

__all__ = ["ChatPort"]


class ChatPort(Protocol):
    """Outbound messaging on one platform.

    Every method raises :class:`core.errors.DeliveryError` when the platform refuses
    (403, 404 / deleted channel, 429 after the adapter's own retries, 5xx). References
    returned are opaque strings the core stores and hands back unchanged.

    ``key`` is an idempotency key (at most 200 characters) that the core gives every scheduled
    send. A second call with the same key must not post twice: it returns the reference of
    what the first call posted (Discord: the message ``nonce`` with ``enforce_nonce``; Slack:
    the key in message metadata, looked up in the channel's recent history; the sandbox: a
    table of keys). Opening a thread on a message that already has one returns that thread.
    Implementations need not deduplicate calls without a key (replies to a person's own action).
    ``maybe_sent`` says an earlier attempt with this key may have reached the platform (a resumed
    delivery): an adapter that cannot deduplicate on the platform's side (Slack) looks first.
    """

    async def resolve_channel(self, community: str, text: str) -> ChannelInfo | None:
        """Find a channel the bot can post in from what a person typed (``#name``, a mention, an id)."""
        ...

    async def post(
        self, community: str, channel: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        """Post in a channel; return a reference to the posted message."""
        ...

    async def open_thread(
        self,
        community: str,
        channel: str,
        parent: str,
        title: str,
        *,
        key: str | None = None,
        archive_after: timedelta | None = None,
    ) -> str:
        """Open a thread on a posted message; return the thread reference.

        ``archive_after``: when the core will close the thread (the platform may archive it on
        its own after that much quiet, where it has such a setting).
        """
        ...

    async def post_in_thread(
        self, community: str, thread: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        """Post in a thread; return a reference to the posted message."""
        ...

    async def close_thread(self, community: str, thread: str) -> None:
        """Archive or lock a thread (a no-op where the platform has no such notion)."""
        ...

    async def send_dm(self, user_id: str, message: Message, *, key: str | None = None, maybe_sent: bool = False) -> str:
        """Send a direct message to a person; return a reference to it."""
        ...
