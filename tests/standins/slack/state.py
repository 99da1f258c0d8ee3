"""In-memory Slack workspace state: teams, users, channels, messages, files, views, tokens and installations."""

from __future__ import annotations

import itertools
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Channel", "File", "Message", "SlackState", "Team", "Token", "User", "View"]


@dataclass
class Team:
    """A workspace; ``deleted`` makes its tokens answer ``account_inactive``."""

    id: str
    name: str
    domain: str
    bot_user_id: str
    bot_id: str
    enterprise_id: str | None = None
    deleted: bool = False
    installed: bool = True


@dataclass
class User:
    id: str
    team_id: str
    name: str
    is_admin: bool = False
    is_owner: bool = False
    is_primary_owner: bool = False
    is_bot: bool = False
    deleted: bool = False
    tz: str = "Europe/London"

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "team_id": self.team_id,
            "name": self.name,
            "deleted": self.deleted,
            "color": "9f69e7",
            "real_name": self.name,
            "tz": self.tz,
            "tz_label": self.tz,
            "tz_offset": 0,
            "profile": {"real_name": self.name, "display_name": self.name, "team": self.team_id},
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_primary_owner": self.is_primary_owner,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": int(time.time()),
        }


@dataclass
class Channel:
    """A public or private channel, or an IM (``im_user`` set); the bot posts only where ``bot_member``."""

    id: str
    team_id: str
    name: str
    private: bool = False
    archived: bool = False
    bot_member: bool = True
    im_user: str | None = None
    members: set[str] = field(default_factory=set)
    created: int = field(default_factory=lambda: int(time.time()))

    @property
    def is_im(self) -> bool:
        return self.im_user is not None

    def payload(self) -> dict[str, Any]:
        if self.is_im:
            return {
                "id": self.id,
                "created": self.created,
                "is_archived": self.archived,
                "is_im": True,
                "is_org_shared": False,
                "user": self.im_user,
                "is_user_deleted": False,
                "priority": 0,
            }
        return {
            "id": self.id,
            "name": self.name,
            "is_channel": not self.private,
            "is_group": self.private,
            "is_im": False,
            "is_mpim": False,
            "is_private": self.private,
            "created": self.created,
            "is_archived": self.archived,
            "is_general": False,
            "unlinked": 0,
            "name_normalized": self.name,
            "is_shared": False,
            "is_ext_shared": False,
            "is_org_shared": False,
            "is_member": self.bot_member,
            "creator": "",
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
            "previous_names": [],
            "num_members": len(self.members) + (1 if self.bot_member else 0),
            "context_team_id": self.team_id,
        }


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    user: str | None = None
    bot_id: str | None = None
    team: str | None = None
    blocks: list[dict[str, Any]] | None = None
    thread_ts: str | None = None
    metadata: dict[str, Any] | None = None
    reply_broadcast: bool = False
    edited: bool = False
    files: list[str] = field(default_factory=list)
    reply_count: int = 0
    reply_users: list[str] = field(default_factory=list)
    latest_reply: str | None = None

    def payload(self, include_metadata: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "message", "text": self.text, "ts": self.ts}
        if self.user:
            data["user"] = self.user
        if self.bot_id:
            data["bot_id"] = self.bot_id
            data["app_id"] = "A0STANDIN"
        if self.team:
            data["team"] = self.team
        if self.blocks is not None:
            data["blocks"] = self.blocks
        if self.thread_ts:
            data["thread_ts"] = self.thread_ts
            if self.thread_ts == self.ts:
                data.update(
                    reply_count=self.reply_count,
                    reply_users_count=len(self.reply_users),
                    reply_users=list(self.reply_users),
                    latest_reply=self.latest_reply,
                )
            elif self.reply_broadcast:
                data["subtype"] = "thread_broadcast"
        if self.edited:
            data["edited"] = {"user": self.user or "", "ts": self.ts}
        if self.files:
            data["files"] = [{"id": f} for f in self.files]
        if include_metadata and self.metadata is not None:
            data["metadata"] = self.metadata
        return data


@dataclass
class File:
    id: str
    team_id: str
    filename: str
    length: int
    title: str | None = None
    data: bytes | None = None
    channels: list[str] = field(default_factory=list)
    completed: bool = False
    alt_txt: str | None = None

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created": int(time.time()),
            "timestamp": int(time.time()),
            "name": self.filename,
            "title": self.title or self.filename,
            "mimetype": "application/octet-stream",
            "filetype": "binary",
            "pretty_type": "Binary",
            "user": "",
            "size": len(self.data or b""),
            "mode": "hosted",
            "is_external": False,
            "is_public": False,
            "public_url_shared": False,
            "url_private": f"https://files.example.invalid/{self.id}/{self.filename}",
            "channels": [c for c in self.channels if c.startswith("C")],
            "groups": [c for c in self.channels if c.startswith("G")],
            "ims": [c for c in self.channels if c.startswith("D")],
            "shares": {},
        }


@dataclass
class View:
    id: str
    team_id: str
    user_id: str | None
    view: dict[str, Any]
    kind: str  # "modal" stack entry ("open"/"push"/"update") or "home"
    root_view_id: str | None = None
    previous_view_id: str | None = None
    hash: str = field(default_factory=lambda: f"{int(time.time())}.{secrets.token_hex(4)}")

    def payload(self, app_id: str, bot_id: str) -> dict[str, Any]:
        v = self.view
        return {
            "id": self.id,
            "team_id": self.team_id,
            "type": v.get("type", "modal"),
            "title": v.get("title"),
            "submit": v.get("submit"),
            "close": v.get("close"),
            "blocks": v.get("blocks", []),
            "private_metadata": v.get("private_metadata", ""),
            "callback_id": v.get("callback_id", ""),
            "external_id": v.get("external_id", ""),
            "state": {"values": {}},
            "hash": self.hash,
            "clear_on_close": bool(v.get("clear_on_close", False)),
            "notify_on_close": bool(v.get("notify_on_close", False)),
            "root_view_id": self.root_view_id or self.id,
            "previous_view_id": self.previous_view_id,
            "app_id": app_id,
            "app_installed_team_id": self.team_id,
            "bot_id": bot_id,
        }


@dataclass
class Token:
    """A token: ``kind`` is ``bot`` (xoxb), ``app`` (xapp) or ``user`` (xoxp)."""

    value: str
    kind: str
    team_id: str | None
    revoked: bool = False


class SlackState:
    """All workspaces known to one stand-in, with id and ``ts`` generation."""

    def __init__(self, app_id: str = "A0STANDIN") -> None:
        self.app_id = app_id
        self.teams: dict[str, Team] = {}
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.history: dict[str, list[Message]] = {}
        self.files: dict[str, File] = {}
        self.views: dict[str, View] = {}
        self.home_views: dict[tuple[str, str], View] = {}
        self.tokens: dict[str, Token] = {}
        self.usergroups: dict[str, dict[str, Any]] = {}
        self.ims: dict[tuple[str, str], str] = {}
        self._ids = itertools.count(1)
        self._last_ts = 0.0

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):08X}"

    def new_ts(self) -> str:
        """A strictly increasing message ``ts`` (seconds with microseconds, as Slack writes it)."""
        now = max(time.time(), self._last_ts + 0.000001)
        self._last_ts = now
        return f"{now:.6f}"

    def new_token(self, kind: str, team_id: str | None) -> str:
        prefix = {"bot": "xoxb", "app": "xapp", "user": "xoxp"}[kind]
        value = f"{prefix}-{secrets.token_hex(6)}-{secrets.token_hex(12)}"
        self.tokens[value] = Token(value, kind, team_id)
        return value

    def add_team(self, name: str, domain: str | None = None, enterprise_id: str | None = None) -> Team:
        team = Team(self.new_id("T"), name, domain or name.lower().replace(" ", "-"), "", "", enterprise_id)
        self.teams[team.id] = team
        bot = self.add_user(team.id, f"{name.lower()}-bot", is_bot=True)
        team.bot_user_id = bot.id
        team.bot_id = self.new_id("B")
        return team

    def add_user(self, team_id: str, name: str, **flags: Any) -> User:
        user = User(self.new_id("U"), team_id, name, **flags)
        self.users[user.id] = user
        return user

    def add_channel(self, team_id: str, name: str, *, private: bool = False, **flags: Any) -> Channel:
        channel = Channel(self.new_id("G" if private else "C"), team_id, name, private=private, **flags)
        self.channels[channel.id] = channel
        self.history[channel.id] = []
        return channel

    def im_channel(self, team_id: str, user_id: str) -> Channel:
        """The bot's IM with a user (stable: the same ``D...`` id every time)."""
        key = (team_id, user_id)
        if key not in self.ims:
            channel = Channel(self.new_id("D"), team_id, "", im_user=user_id, members={user_id})
            self.channels[channel.id] = channel
            self.history[channel.id] = []
            self.ims[key] = channel.id
        return self.channels[self.ims[key]]

    def find_message(self, channel: str, ts: str) -> Message | None:
        for message in self.history.get(channel, []):
            if message.ts == ts:
                return message
        return None
