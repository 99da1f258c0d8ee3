"""The Discord side of :class:`core.ports.ChatPort`: channels, threads and DMs through discord.py."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar, cast

import discord

from bots.discord.pacing import nonce_for
from bots.discord.render import render
from core.errors import DeliveryError
from core.models import ChannelInfo, Message

if TYPE_CHECKING:
    from discord.types.threads import ThreadArchiveDuration

__all__ = ["PLATFORM", "DiscordPort", "delivery_error"]

logger = logging.getLogger(__name__)

PLATFORM = "discord"
_ARCHIVE_MINUTES = (60, 1440, 4320, 10080)  # what Discord allows for auto_archive_duration
_THREAD_EXISTS = 160004
_T = TypeVar("_T")

DmLookup = Callable[[str], Awaitable[str | None]]
DmRemember = Callable[[str, str], Awaitable[None]]


def delivery_error(exc: discord.HTTPException) -> DeliveryError:
    """What a Discord refusal means for the core (50007: that member's DMs; 50001/10003: that channel)."""
    code = getattr(exc, "code", 0)
    detail = f"{exc.status} code {code}: {exc.text[:200] if isinstance(exc.text, str) else ''}".strip()
    if exc.status == 429:
        retry = getattr(exc, "retry_after", None)
        return DeliveryError("rate_limited", detail, retry_after=float(retry) if retry else 5.0)
    if exc.status >= 500:
        return DeliveryError("unavailable", detail)
    if exc.status == 404 or code in (10003, 10008):
        return DeliveryError("not_found", detail)
    if exc.status in (401, 403):
        return DeliveryError("forbidden", detail)
    return DeliveryError("invalid", detail)


def _archive_minutes(after: timedelta | None) -> ThreadArchiveDuration:
    minutes = 1440 if after is None else after.total_seconds() / 60
    return cast("ThreadArchiveDuration", next((m for m in _ARCHIVE_MINUTES if m >= minutes), _ARCHIVE_MINUTES[-1]))


class DiscordPort:
    """Implements :class:`core.ports.ChatPort` with a discord.py client (one request per post or DM)."""

    def __init__(self, client: discord.Client, dm_lookup: DmLookup, dm_remember: DmRemember) -> None:
        self.client = client
        self._dm_lookup = dm_lookup
        self._dm_remember = dm_remember
        self._dm_channels: dict[str, str] = {}

    async def _call(self, what: str, action: Awaitable[_T]) -> _T:
        try:
            return await action
        except discord.HTTPException as exc:
            error = delivery_error(exc)
            logger.warning("Discord refused %s: %s", what, error)
            raise error from None
        except (OSError, TimeoutError) as exc:
            raise DeliveryError("unavailable", f"{what}: {exc!r}") from None

    async def resolve_channel(self, community: str, text: str) -> ChannelInfo | None:
        guild = self.client.get_guild(int(community)) if community.isdigit() else None
        if guild is None:
            return None
        typed = text.strip()
        match = re.fullmatch(r"<#(\d+)>|(\d{15,25})", typed)
        channel: Any = None
        if match:
            channel = guild.get_channel(int(match.group(1) or match.group(2)))
        else:
            name = typed.lstrip("#").strip().lower()
            channel = next((c for c in guild.text_channels if c.name.lower() == name), None)
        if not isinstance(channel, discord.TextChannel):
            return None
        perms = channel.permissions_for(guild.me)
        if not (perms.view_channel and perms.send_messages and perms.create_public_threads):
            return None
        return ChannelInfo(ref=str(channel.id), name=channel.name)

    async def _send(self, channel_id: str, message: Message, key: str | None, **partial: Any) -> str:
        target = self.client.get_partial_messageable(int(channel_id), **partial)
        first: str | None = None
        pieces = render(message)
        for index, piece in enumerate(pieces):
            kwargs = piece.kwargs()
            if key:
                kwargs["nonce"] = nonce_for(f"{key}#{index}")  # discord.py sets enforce_nonce: sent once, ever
            sent = await self._call(f"a post in {channel_id}", target.send(**kwargs))
            first = first or str(sent.id)
        assert first is not None
        return first

    async def post(
        self, community: str, channel: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        return await self._send(channel, message, key, guild_id=int(community) if community.isdigit() else None)

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
        try:
            data = await self.client.http.start_thread_with_message(
                int(channel),
                int(parent),
                name=title[:100] or "Thread",
                auto_archive_duration=_archive_minutes(archive_after),
            )
        except discord.HTTPException as exc:
            if getattr(exc, "code", 0) == _THREAD_EXISTS:
                return parent  # the message has its thread already (a resumed delivery): a thread's id is its message's
            raise delivery_error(exc) from None
        except (OSError, TimeoutError) as exc:
            raise DeliveryError("unavailable", f"a thread in {channel}: {exc!r}") from None
        return str(data["id"])

    async def post_in_thread(
        self, community: str, thread: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        guild_id = int(community) if community.isdigit() else None
        return await self._send(thread, message, key, guild_id=guild_id, type=discord.ChannelType.public_thread)

    async def close_thread(self, community: str, thread: str) -> None:
        await self._call(
            f"closing thread {thread}", self.client.http.edit_channel(int(thread), archived=True, locked=True)
        )

    async def dm_channel(self, user_id: str) -> str:
        """The DM channel with ``user_id``: from memory, then our table, else one request to Discord (then stored)."""
        known = self._dm_channels.get(user_id) or await self._dm_lookup(user_id)
        if known is None:
            data = await self._call(f"opening a DM with {user_id}", self.client.http.start_private_message(user_id))
            known = str(data["id"])
            await self._dm_remember(user_id, known)
        self._dm_channels[user_id] = known
        return known

    def learn_dm_channel(self, user_id: str, channel_id: str) -> bool:
        """A DM arrived: note its channel; True when it is news (to be stored)."""
        new = self._dm_channels.get(user_id) != channel_id
        self._dm_channels[user_id] = channel_id
        return new

    async def send_dm(self, user_id: str, message: Message, *, key: str | None = None, maybe_sent: bool = False) -> str:
        channel = await self.dm_channel(user_id)
        return await self._send(channel, message, key, type=discord.ChannelType.private)
