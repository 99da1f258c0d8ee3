"""Slack facts as core facts: who acted (owner, admin, user groups) and where (channel, reply thread, DM)."""

from __future__ import annotations

import re
import time
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bots.slack.port import PLATFORM
from core.models import Actor, Place

__all__ = ["People", "member_id", "place_of", "unescape_groups"]

_TTL = 300.0  # seconds a user's facts and a workspace's user groups are kept
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
    """Owners and admins (``users.info``) and user-group handles (``usergroups.list``), cached briefly."""

    def __init__(self) -> None:
        self._users: dict[str, tuple[float, dict[str, Any]]] = {}
        self._groups: dict[str, tuple[float, dict[str, list[str]]]] = {}

    async def actor(self, client: AsyncWebClient, team_id: str, user_id: str, name: str = "") -> Actor:
        user = await self._user(client, user_id)
        groups = await self._user_groups(client, team_id)
        roles = frozenset(handle for handle, users in groups.items() if user_id in users)
        is_admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
        display = name or str((user.get("profile") or {}).get("display_name") or user.get("name") or user_id)
        return Actor(PLATFORM, member_id(team_id, user_id), display, roles, is_admin=is_admin)

    async def _user(self, client: AsyncWebClient, user_id: str) -> dict[str, Any]:
        cached = self._users.get(user_id)
        if cached and time.monotonic() - cached[0] < _TTL:
            return cached[1]
        try:
            user = dict((await client.users_info(user=user_id))["user"])
        except Exception:  # an unknown user or a refusal: no admin rights, no groups
            user = {}
        self._users[user_id] = (time.monotonic(), user)
        return user

    async def _user_groups(self, client: AsyncWebClient, team_id: str) -> dict[str, list[str]]:
        cached = self._groups.get(team_id)
        if cached and time.monotonic() - cached[0] < _TTL:
            return cached[1]
        try:
            found = await client.usergroups_list(include_users=True)
            listed: list[dict[str, Any]] = list(found.get("usergroups", []))
            groups = {str(g["handle"]).lower(): list(g.get("users") or []) for g in listed}
        except Exception:  # no usergroups:read scope, or a free workspace without groups
            groups = {}
        self._groups[team_id] = (time.monotonic(), groups)
        return groups
