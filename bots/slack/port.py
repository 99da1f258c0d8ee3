"""The Slack side of :class:`core.ports.ChatPort`: channels, reply threads and DMs through slack_sdk."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bots.pacing import Pacer
from bots.slack.render import render
from core.errors import DeliveryError
from core.models import ChannelInfo, Message

__all__ = ["KEY_EVENT", "PLATFORM", "ClientFor", "SlackPort", "delivery_error"]

logger = logging.getLogger(__name__)

PLATFORM = "slack"
KEY_EVENT = "trustbot_delivery"  # message metadata event_type that carries a delivery's key
_POSTS_PER_CHANNEL = 1.0  # Slack: about one message a second per channel
WORKSPACE_POSTS_PER_MINUTE = 570.0  # under the "several hundred a minute" Slack allows a workspace in all
_TIERS = {  # calls a second per method per workspace, under Slack's published tiers (2: 20/min, 3: 50/min, 4: 100/min)
    "conversations.open": 45 / 60,
    "conversations.info": 45 / 60,
    "conversations.join": 45 / 60,
    "conversations.history": 45 / 60,
    "conversations.replies": 45 / 60,
    "conversations.list": 18 / 60,
    "views.publish": 90 / 60,
    "users.list": 18 / 60,
}
_OWNERS_TOLD = 5  # at most this many workspace owners are told about a paused schedule
_HISTORY = 100  # how far back a resumed delivery looks for its key
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>|^([CG][A-Z0-9]{6,})$")
_CHANNEL_GONE = {"channel_not_found", "is_archived"}
_NOT_ALLOWED = {"not_in_channel", "restricted_action", "missing_scope", "ekm_access_denied"}
_DM_REFUSED = {"cannot_dm_bot", "user_not_found", "user_disabled", "user_not_visible"}
_WORKSPACE_GONE = {"invalid_auth", "account_inactive", "token_revoked", "not_authed", "team_access_not_granted"}

ClientFor = Callable[[str], Awaitable[AsyncWebClient]]
DmLookup = Callable[[str], Awaitable[str | None]]
DmRemember = Callable[[str, str], Awaitable[None]]


def delivery_error(exc: SlackApiError, what: str) -> DeliveryError:
    """What a Slack refusal means for the core (a channel, a member's DMs, the workspace, or a wait)."""
    response = exc.response
    error = str(response.get("error", "")) if response is not None else ""
    status = getattr(response, "status_code", 200) if response is not None else 200
    detail = f"{what}: {error or status}"
    if error == "ratelimited" or status == 429:
        headers = getattr(response, "headers", {}) or {}
        retry = headers.get("Retry-After") or headers.get("retry-after")
        return DeliveryError("rate_limited", detail, retry_after=float(retry) if retry else 30.0)
    if status >= 500 or error in ("fatal_error", "internal_error", "service_unavailable", "request_timeout"):
        return DeliveryError("unavailable", detail)
    if error in _CHANNEL_GONE:
        return DeliveryError("not_found", detail)
    if error in _NOT_ALLOWED | _DM_REFUSED | _WORKSPACE_GONE:
        if error in _WORKSPACE_GONE:
            logger.error("Slack refused this workspace's token (%s): it stops until it is installed again", error)
        return DeliveryError("forbidden", detail)
    return DeliveryError("invalid", detail)


class SlackPort:
    """Implements :class:`core.ports.ChatPort` for every installed workspace (``community`` is the team id).

    A person is ``TEAM:USER`` (Slack user ids belong to a workspace, and a DM needs its token).

    Posts are paced per channel (about one a second); a thread is the parent message's
    ``channel:ts``; a DM goes to the member's IM channel, opened once and then stored.
    """

    def __init__(
        self,
        client_for: ClientFor,
        dm_lookup: DmLookup,
        dm_remember: DmRemember,
        *,
        posts_per_minute: float = WORKSPACE_POSTS_PER_MINUTE,
        on_workspace_gone: Callable[[str], Awaitable[object]] | None = None,
    ) -> None:
        self._client_for = client_for
        self._on_workspace_gone = on_workspace_gone
        self._workspace_rate = posts_per_minute / 60
        self._dm_lookup = dm_lookup
        self._dm_remember = dm_remember
        self._pacers: dict[str, Pacer] = {}
        self._dm_channels: dict[str, str] = {}

    async def _call(self, team: str, what: str, method: str, **params: Any) -> Any:
        rate = _TIERS.get(method)
        if rate is not None:
            await self._pacer(f"{team}:{method}", rate).wait()
        client = await self._client_for(team)
        try:
            return await getattr(client, method.replace(".", "_"))(**params)  # slack_sdk's own method
        except SlackApiError as exc:
            error = delivery_error(exc, what)
            if str(exc.response.get("error", "")) in _WORKSPACE_GONE and self._on_workspace_gone is not None:
                await self._on_workspace_gone(team)  # stop that workspace cleanly: no more sends to a dead token
            raise error from None
        except (OSError, TimeoutError) as exc:
            raise DeliveryError("unavailable", f"{what}: {exc!r}") from None

    async def resolve_channel(self, community: str, text: str) -> ChannelInfo | None:
        typed = text.strip()
        match = _CHANNEL.search(typed)
        try:
            if match:
                info = (
                    await self._call(
                        community, "a channel", "conversations.info", channel=match.group(1) or match.group(2)
                    )
                )["channel"]
            else:
                info = await self._find_by_name(community, typed.lstrip("#").strip().lower())
        except DeliveryError:
            return None
        if info is None or info.get("is_archived") or info.get("is_im"):
            return None
        if not info.get("is_member"):
            if info.get("is_private"):
                return None  # a private channel: the bot must be invited (/invite @trustbot)
            try:
                await self._call(community, "joining a channel", "conversations.join", channel=info["id"])
            except DeliveryError:
                return None
        return ChannelInfo(ref=str(info["id"]), name=str(info.get("name", info["id"])))

    async def _find_by_name(self, team: str, name: str) -> dict[str, Any] | None:
        cursor = None
        for _ in range(20):  # up to 20 pages of 200 channels
            params: dict[str, Any] = {"types": "public_channel,private_channel", "exclude_archived": True, "limit": 200}
            if cursor:
                params["cursor"] = cursor
            page = await self._call(team, "listing channels", "conversations.list", **params)
            for channel in page.get("channels", []):
                if str(channel.get("name", "")).lower() == name:
                    return dict(channel)
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    def _pacer(self, name: str, rate: float) -> Pacer:
        pacer = self._pacers.get(name)
        if pacer is None:
            pacer = self._pacers[name] = Pacer(rate)
        return pacer

    async def _pace(self, team: str, channel: str) -> None:
        await self._pacer(channel, _POSTS_PER_CHANNEL).wait()
        await self._pacer(f"{team}:chat.postMessage", self._workspace_rate).wait()

    async def _already_posted(self, team: str, channel: str, key: str, thread_ts: str | None) -> str | None:
        """The ts of a message carrying ``key`` in the channel's (or thread's) recent history, if any."""
        method, params = ("conversations.replies", {"ts": thread_ts}) if thread_ts else ("conversations.history", {})
        found = await self._call(
            team,
            "looking for an earlier post",
            method,
            channel=channel,
            limit=_HISTORY,
            include_all_metadata=True,
            **params,
        )
        for message in found.get("messages", []):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == KEY_EVENT and (metadata.get("event_payload") or {}).get("key") == key:
                return str(message["ts"])
        return None

    async def _post(
        self, team: str, channel: str, message: Message, key: str | None, maybe_sent: bool, thread_ts: str | None = None
    ) -> str:
        if key and maybe_sent:
            earlier = await self._already_posted(team, channel, key, thread_ts)
            if earlier is not None:
                logger.info("%s was already posted in %s: not sent again", key, channel)
                return earlier
        first: str | None = None
        for index, piece in enumerate(render(message)):
            params: dict[str, Any] = {"channel": channel, "blocks": piece.blocks, "text": piece.text}
            if thread_ts:
                params["thread_ts"] = thread_ts
            if key:
                params["metadata"] = {"event_type": KEY_EVENT, "event_payload": {"key": key, "part": index}}
            await self._pace(team, channel)
            sent = await self._call(team, f"a post in {channel}", "chat.postMessage", **params)
            first = first or str(sent["ts"])
        assert first is not None
        return first

    async def post(
        self, community: str, channel: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        return await self._post(community, channel, message, key, maybe_sent)

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
        return f"{channel}:{parent}"  # on Slack a thread is the replies to its parent message

    async def post_in_thread(
        self, community: str, thread: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        channel, _, parent = thread.partition(":")
        return await self._post(community, channel, message, key, maybe_sent, thread_ts=parent)

    async def close_thread(self, community: str, thread: str) -> None:
        return None  # Slack threads cannot be archived; the core's closing note says the thread is closed

    async def owners(self, team: str) -> list[str]:
        """The workspace's owners (``users.list``; the primary owner first), to tell about a paused schedule."""
        found: list[tuple[bool, str]] = []
        cursor = None
        for _ in range(25):  # up to 25 pages of 200 people
            params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            page = await self._call(team, "listing the workspace's owners", "users.list", **params)
            for user in page.get("members", []):
                if (user.get("is_owner") or user.get("is_primary_owner")) and not (
                    user.get("deleted") or user.get("is_bot")
                ):
                    found.append((not user.get("is_primary_owner"), str(user["id"])))
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        return [user for _, user in sorted(found)][:_OWNERS_TOLD]

    async def publish_home(self, user_id: str, blocks: list[dict[str, Any]]) -> None:
        """A member's App Home (``views.publish``; at most 100 blocks), paced under its tier per workspace."""
        team, _, user = user_id.partition(":")
        view = {"type": "home", "blocks": blocks[:100]}
        await self._call(team, f"App Home for {user}", "views.publish", user_id=user, view=view)

    def remember_dm(self, user_id: str, channel: str) -> bool:
        """A DM arrived from this person: its channel is their IM (saves a conversations.open). True if news."""
        new = self._dm_channels.get(user_id) != channel
        self._dm_channels[user_id] = channel
        return new

    async def dm_channel(self, user_id: str) -> tuple[str, str]:
        """(workspace, IM channel) for a member ``T…:U…``: from memory, our table, else one conversations.open."""
        team, _, user = user_id.partition(":")
        known = self._dm_channels.get(user_id) or await self._dm_lookup(user_id)
        if known is None:
            opened = await self._call(team, f"opening a DM with {user}", "conversations.open", users=user)
            known = str(opened["channel"]["id"])
            await self._dm_remember(user_id, known)
        self._dm_channels[user_id] = known
        return team, known

    async def send_dm(self, user_id: str, message: Message, *, key: str | None = None, maybe_sent: bool = False) -> str:
        team, channel = await self.dm_channel(user_id)
        return await self._post(team, channel, message, key, maybe_sent)
