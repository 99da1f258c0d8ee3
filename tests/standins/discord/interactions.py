"""Interaction payloads shaped like Discord's (commands, components, modals, autocomplete) and their records."""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from .state import Channel, DiscordState

__all__ = [
    "InteractionRecord",
    "InteractionType",
    "build_interaction",
    "command_data",
    "component_data",
    "modal_submit_data",
]

_OPTION_TYPES_BY_PYTHON = ((bool, 5), (int, 4), (float, 10), (str, 3))
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


class InteractionType:
    """Interaction type numbers."""

    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    APPLICATION_COMMAND_AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


@dataclass
class InteractionRecord:
    """What happened to one interaction the stand-in sent: its payload, callback, follow-ups and edits."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    user_id: int
    channel_id: int
    guild_id: int | None
    name: str | None = None
    message_id: int | None = None
    dispatched_at: float = field(default_factory=time.monotonic)
    callback: dict[str, Any] | None = None
    callback_at: float | None = None
    callback_files: list[str] = field(default_factory=list)
    original: dict[str, Any] | None = None
    followups: list[dict[str, Any]] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    deleted_original: bool = False
    rejected: list[tuple[int, int]] = field(default_factory=list)
    trigger: InteractionRecord | None = field(default=None, repr=False)
    _responded: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    _changed: asyncio.Event = field(default_factory=asyncio.Event, repr=False)

    @property
    def callback_type(self) -> int | None:
        return None if self.callback is None else int(self.callback.get("type", 0))

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the callback request arriving (Discord allows 3)."""
        return None if self.callback_at is None else self.callback_at - self.dispatched_at

    @property
    def ephemeral(self) -> bool:
        data = (self.callback or {}).get("data") or {}
        return bool(int(data.get("flags") or 0) & 64)

    @property
    def responded(self) -> bool:
        return self.callback is not None

    def _touch(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def response(self, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109 - a timeout argument is the documented API
        """The callback body (``{"type": ..., "data": ...}``) once the bot has answered."""
        async with asyncio.timeout(timeout):
            await self._responded.wait()
        assert self.callback is not None
        return self.callback

    async def wait_followups(self, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:  # noqa: ASYNC109 - a timeout argument is the documented API
        """Wait until at least ``count`` follow-up messages exist."""
        async with asyncio.timeout(timeout):
            while len(self.followups) < count:
                await self._changed.wait()
        return self.followups

    async def wait_edits(self, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:  # noqa: ASYNC109 - a timeout argument is the documented API
        """Wait until the original response was edited at least ``count`` times."""
        async with asyncio.timeout(timeout):
            while len(self.edits) < count:
                await self._changed.wait()
        return self.edits


def _interaction_channel(state: DiscordState, channel: Channel, permissions: int | None) -> dict[str, Any]:
    data = state.channel_payload(channel)
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def build_interaction(
    state: DiscordState,
    *,
    itype: int,
    data: dict[str, Any] | None,
    guild_id: int | None,
    channel_id: int | None,
    user_id: int,
    member_permissions: str | int | None = None,
    roles: list[int] | None = None,
    locale: str = "en-US",
    message: dict[str, Any] | None = None,
    name: str | None = None,
) -> InteractionRecord:
    """A full INTERACTION_CREATE payload and the record that tracks its answer."""
    iid = state.ids.next()
    token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(96)
    user = state.users.get(user_id)
    if user is None:
        raise ValueError(f"unknown user {user_id}; add it with add_user() first")
    found = state.channels.get(channel_id) if channel_id is not None else None
    if guild_id is None:
        channel = found if found is not None else state.dm_channel(user_id)
        if not channel.is_dm:
            raise ValueError("a DM interaction needs a DM channel (or channel_id=None)")
    elif found is None or found.guild_id != guild_id:
        raise ValueError(f"channel {channel_id} is not a channel of guild {guild_id}")
    else:
        channel = found
    payload: dict[str, Any] = {
        "app_permissions": "0",
        "application_id": str(state.application_id),
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "channel_id": str(channel.id),
        "entitlement_sku_ids": [],
        "entitlements": [],
        "id": str(iid),
        "locale": locale,
        "token": token,
        "type": itype,
        "version": 1,
    }
    if data is not None:
        payload["data"] = data
    if message is not None:
        payload["message"] = message
    if guild_id is not None:
        guild = state.guilds[guild_id]
        if user_id not in guild.members:
            state.add_member(guild_id, user_id)
        member = guild.members[user_id]
        if roles is not None:
            member.roles = [int(r) for r in roles]
        permissions = (
            int(member_permissions) if member_permissions is not None else state.member_permissions(guild, user_id)
        )
        member_data = state.member_payload(guild, user_id)
        member_data["permissions"] = str(permissions)
        app_permissions = state.member_permissions(guild, state.bot.id)
        payload.update(
            {
                "app_permissions": str(app_permissions),
                "authorizing_integration_owners": {"0": str(guild_id)},
                "channel": _interaction_channel(state, channel, permissions),
                "context": 0,
                "guild": {"id": str(guild_id), "locale": guild.preferred_locale, "features": []},
                "guild_id": str(guild_id),
                "guild_locale": guild.preferred_locale,
                "member": member_data,
            }
        )
    else:
        payload.update(
            {
                "app_permissions": str(_DM_APP_PERMISSIONS),
                "authorizing_integration_owners": {"0": "0"},
                "channel": _interaction_channel(state, channel, None),
                "context": 1,
                "user": user.payload(),
            }
        )
    return InteractionRecord(
        id=iid,
        token=token,
        type=itype,
        payload=payload,
        user_id=user_id,
        channel_id=channel.id,
        guild_id=guild_id,
        name=name,
        message_id=int(message["id"]) if message else None,
    )


_DM_APP_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 18) | (1 << 6)


# ---- application command data -------------------------------------------------------------------------------


def _find_command(state: DiscordState, name: str, guild_id: int | None, command_type: int) -> dict[str, Any] | None:
    scopes: list[str | int] = [guild_id, "global"] if guild_id is not None else ["global"]
    for scope in scopes:
        for command in state.commands.get(scope, []):
            if command["name"] == name and int(command.get("type", 1)) == command_type:
                return command
    return None


def _option_type(value: Any, definition: dict[str, Any] | None) -> int:
    if definition is not None and "type" in definition:
        return int(definition["type"])
    for python_type, option_type in _OPTION_TYPES_BY_PYTHON:
        if isinstance(value, python_type):
            return option_type
    return 3


def _resolve(
    state: DiscordState, resolved: dict[str, dict[str, Any]], option_type: int, value: Any, guild_id: int | None
) -> Any:
    """Add users, members, channels or roles referred to by an option to ``resolved``; returns the wire value."""
    key = str(value)
    if option_type in (6, 9) and int(value) in state.users:
        resolved.setdefault("users", {})[key] = state.user_payload(int(value))
        guild = state.guilds.get(guild_id) if guild_id is not None else None
        if guild is not None and int(value) in guild.members:
            member = state.member_payload(guild, int(value), with_user=False)
            member["permissions"] = str(state.member_permissions(guild, int(value)))
            resolved.setdefault("members", {})[key] = member
        return key
    if option_type == 7 and int(value) in state.channels:
        channel = state.channels[int(value)]
        data: dict[str, Any] = {
            "id": key,
            "name": channel.name,
            "type": channel.type,
            "permissions": str(state.bot_permissions),
            "flags": 0,
        }
        if channel.is_thread:
            data["parent_id"] = str(channel.parent_id)
            data["thread_metadata"] = state.thread_payload(channel)["thread_metadata"]
        resolved.setdefault("channels", {})[key] = data
        return key
    if option_type in (8, 9) and guild_id is not None:
        role = state.guilds[guild_id].roles.get(int(value))
        if role is not None:
            resolved.setdefault("roles", {})[key] = role.payload()
            return key
    return key if option_type in (6, 7, 8, 9, 11) else value


def _options(
    state: DiscordState,
    given: list[dict[str, Any]] | dict[str, Any] | None,
    definitions: list[dict[str, Any]],
    resolved: dict[str, dict[str, Any]],
    guild_id: int | None,
    focused: str | None,
) -> list[dict[str, Any]]:
    if given is None:
        return []
    items = [{"name": k, "value": v} for k, v in given.items()] if isinstance(given, dict) else given
    by_name = {d["name"]: d for d in definitions}
    result = []
    for item in items:
        option = dict(item)
        definition = by_name.get(option["name"])
        option_type = int(option.get("type") or _option_type(option.get("value"), definition))
        option["type"] = option_type
        if option_type in (1, 2):
            nested = definition.get("options", []) if definition else []
            option["options"] = _options(state, option.get("options") or [], nested, resolved, guild_id, focused)
        elif focused is not None and option["name"] == focused:
            option["focused"] = True
            option["value"] = option.get("value", "")
        else:
            option["value"] = _resolve(state, resolved, option_type, option.get("value"), guild_id)
        result.append(option)
    return result


def command_data(
    state: DiscordState,
    *,
    name: str,
    guild_id: int | None,
    options: list[dict[str, Any]] | dict[str, Any] | None = None,
    subcommand: str | None = None,
    group: str | None = None,
    command_type: int = 1,
    target_id: int | None = None,
    focused: str | None = None,
) -> dict[str, Any]:
    """``data`` of an APPLICATION_COMMAND (or autocomplete) interaction, using the registered command if any."""
    command = _find_command(state, name, guild_id, command_type)
    definitions = list(command.get("options") or []) if command else []
    path: list[tuple[str, int]] = []
    if group is not None:
        path.append((group, 2))
    if subcommand is not None:
        path.append((subcommand, 1))
    for part, _ in path:
        match = next((d for d in definitions if d["name"] == part), None)
        definitions = list(match.get("options") or []) if match else []
    resolved: dict[str, dict[str, Any]] = {}
    built = _options(state, options, definitions, resolved, guild_id, focused)
    for part, option_type in reversed(path):
        built = [{"name": part, "type": option_type, "options": built}]
    data: dict[str, Any] = {
        "id": command["id"] if command else str(state.ids.next()),
        "name": name,
        "type": command_type,
    }
    if command and command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    if built:
        data["options"] = built
    if target_id is not None:
        data["target_id"] = str(target_id)
        if command_type == 2:
            _resolve(state, resolved, 6, target_id, guild_id)
        if command_type == 3 and target_id in state.all_messages:
            resolved.setdefault("messages", {})[str(target_id)] = state.all_messages[target_id]
    if resolved:
        data["resolved"] = resolved
    return data


def component_data(
    state: DiscordState,
    *,
    custom_id: str,
    component_type: int,
    values: list[str] | None,
    guild_id: int | None,
) -> dict[str, Any]:
    """``data`` of a MESSAGE_COMPONENT interaction (buttons and select menus)."""
    data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
    if component_type in (3, 5, 6, 7, 8):
        data["values"] = [str(v) for v in values or []]
        if component_type in (5, 6, 7, 8):
            resolved: dict[str, dict[str, Any]] = {}
            kind = {5: 6, 6: 8, 7: 9, 8: 7}[component_type]
            for value in values or []:
                _resolve(state, resolved, kind, value, guild_id)
            data["resolved"] = resolved
    return data


def modal_submit_data(
    *,
    custom_id: str,
    values: dict[str, str | list[str]],
    modal: dict[str, Any] | None,
    layout: str = "auto",
) -> dict[str, Any]:
    """``data`` of a MODAL_SUBMIT interaction.

    ``layout="label"`` wraps each input in a label component (type 18, ``component``), as Discord sends for modals
    built from labels; ``"action_row"`` uses action rows (type 1, ``components``); ``"auto"`` copies the layout of
    the modal the bot sent with that custom_id (action rows when unknown). discord.py 2.7 parses both.
    """
    rows: list[dict[str, Any]] = (modal or {}).get("components") or []
    if layout == "auto":
        layout = "label" if any(r.get("type") == 18 for r in rows) else "action_row"
    kinds: dict[str, int] = {}
    for row in rows:
        for inner in [row.get("component"), *(row.get("components") or [])]:
            if isinstance(inner, dict) and "custom_id" in inner:
                kinds[inner["custom_id"]] = int(inner.get("type", 4))
    counter = iter(range(1, 1000))
    components: list[dict[str, Any]] = []
    for field_id, value in values.items():
        kind = kinds.get(field_id, 3 if isinstance(value, list) else 4)
        outer_id = next(counter)
        entry: dict[str, Any] = {"type": kind, "id": next(counter), "custom_id": field_id}
        if kind == 4:
            entry["value"] = value if isinstance(value, str) else " ".join(value)
        else:
            entry["values"] = list(value) if isinstance(value, list) else [value]
        if layout == "label":
            components.append({"type": 18, "id": outer_id, "component": entry})
        else:
            components.append({"type": 1, "id": outer_id, "components": [entry]})
    return {"custom_id": custom_id, "components": components}
