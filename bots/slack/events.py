"""Slack facts as core facts: who acted (owner, admin, user groups) and where (channel, reply thread, DM)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bots.slack.port import PLATFORM
from core.models import Actor, Place

__all__ = ["TTL", "People", "member_id", "place_of", "unescape_groups"]

TTL = 60.0  # seconds a user's facts (owner, admin) and a workspace's user groups are kept
_KEEP = 10_000  # users cached before expired ones are dropped
_GROUP = re.compile(r"<!subteam\^[A-Z0-9]+\|@?([^>]+)>")


def member_id(team_id: str, user_id: str) -> str:
    """Slack user ids belong to a workspace: the core knows a person as ``TEAM:USER``."""
    return f"{team_id}:{user_id}"


def place_of(channel_id: str | None, thread_ts: str | None = None, ts: str | None = None) -> Place:
    if not channel_id or channel_id.startswith("D"):
        return Place.dm()
    if thread_ts and thread_ts != ts:
        return Place("thread", channel=channel_id, thread=f"{channel_id}:{thread_ts}")
    return Place("channel", channel=channel_id)


def unescape_groups(text: str) -> str:
    """``<!subteam^S123|@mods>`` (a user group picked in Slack) as its handle, ``mods``."""
    return _GROUP.sub(lambda m: m.group(1), text)


class People:
    """Owners and admins (``users.info``) and user-group handles (``usergroups.list``), cached briefly.

    A role given or taken away in Slack counts within ``TTL`` seconds (``monotonic`` is injected in tests).
    """

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._now = monotonic
        self._users: dict[str, tuple[float, dict[str, Any]]] = {}
        self._groups: dict[str, tuple[float, dict[str, list[str]]]] = {}

    def forget(self, team_id: str) -> None:
        """Drop what is cached about a workspace (its token changed, or it was removed)."""
        self._groups.pop(team_id, None)
        for key in [k for k in self._users if k.startswith(f"{team_id}:")]:
            del self._users[key]

    async def actor(self, client: AsyncWebClient, team_id: str, user_id: str, name: str = "") -> Actor:
        user = await self._user(client, team_id, user_id)
        groups = await self._user_groups(client, team_id)
        roles = frozenset(handle for handle, users in groups.items() if user_id in users)
        is_admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
        display = name or str((user.get("profile") or {}).get("display_name") or user.get("name") or user_id)
        return Actor(PLATFORM, member_id(team_id, user_id), display, roles, is_admin=is_admin)

    async def _user(self, client: AsyncWebClient, team_id: str, user_id: str) -> dict[str, Any]:
        key = member_id(team_id, user_id)
        cached = self._users.get(key)
        if cached and self._now() - cached[0] < TTL:
            return cached[1]
        try:
            user = dict((await client.users_info(user=user_id))["user"])
        except Exception:  # an unknown user or a refusal: no admin rights, no groups
            user = {}
        if len(self._users) > _KEEP:  # a long-running process: drop what has expired
            self._users = {k: v for k, v in self._users.items() if self._now() - v[0] < TTL}
        self._users[key] = (self._now(), user)
        return user

    async def _user_groups(self, client: AsyncWebClient, team_id: str) -> dict[str, list[str]]:
        cached = self._groups.get(team_id)
        if cached and self._now() - cached[0] < TTL:
            return cached[1]
        try:
            found = await client.usergroups_list(include_users=True)
            listed: list[dict[str, Any]] = list(found.get("usergroups", []))
            groups = {str(g["handle"]).lower(): list(g.get("users") or []) for g in listed}
        except Exception:  # no usergroups:read scope, or a free workspace without groups
            groups = {}
        self._groups[team_id] = (self._now(), groups)
        return groups
