"""In-memory Discord state for the stand-in: snowflakes, users, guilds, channels, threads, DMs, messages."""

from __future__ import annotations

import itertools
import mimetypes
import random
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "DEFAULT_BOT_PERMISSIONS",
    "DEFAULT_EVERYONE_PERMISSIONS",
    "DISCORD_EPOCH_MS",
    "Channel",
    "ChannelType",
    "DiscordState",
    "Guild",
    "Member",
    "Permissions",
    "Role",
    "SnowflakeGenerator",
    "User",
    "iso",
    "mentions_user",
    "snowflake_time",
]

DISCORD_EPOCH_MS = 1_420_070_400_000


class ChannelType:
    """Discord channel type numbers (only those the stand-in models)."""

    GUILD_TEXT = 0
    DM = 1
    GUILD_VOICE = 2
    GUILD_CATEGORY = 4
    GUILD_ANNOUNCEMENT = 5
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12
    GUILD_FORUM = 15

    THREADS = frozenset({10, 11, 12})


class Permissions:
    """Permission bits used by the stand-in."""

    CREATE_INSTANT_INVITE = 1 << 0
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    CHANGE_NICKNAME = 1 << 26
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    SEND_MESSAGES_IN_THREADS = 1 << 38


DEFAULT_EVERYONE_PERMISSIONS = (
    Permissions.CREATE_INSTANT_INVITE
    | Permissions.ADD_REACTIONS
    | Permissions.VIEW_CHANNEL
    | Permissions.SEND_MESSAGES
    | Permissions.EMBED_LINKS
    | Permissions.ATTACH_FILES
    | Permissions.READ_MESSAGE_HISTORY
    | Permissions.USE_EXTERNAL_EMOJIS
    | Permissions.CONNECT
    | Permissions.SPEAK
    | Permissions.CHANGE_NICKNAME
    | Permissions.USE_APPLICATION_COMMANDS
    | Permissions.CREATE_PUBLIC_THREADS
    | Permissions.CREATE_PRIVATE_THREADS
    | Permissions.SEND_MESSAGES_IN_THREADS
)
DEFAULT_BOT_PERMISSIONS = DEFAULT_EVERYONE_PERMISSIONS | Permissions.MANAGE_THREADS | Permissions.MANAGE_MESSAGES


def snowflake_time(snowflake: int) -> datetime:
    """The creation time encoded in a snowflake."""
    return datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, tz=UTC)


def iso(moment: datetime | None = None) -> str:
    """An ISO-8601 timestamp shaped like Discord's (microseconds, +00:00)."""
    return (moment or datetime.now(UTC)).isoformat(timespec="microseconds")


class SnowflakeGenerator:
    """Monotonic snowflakes built from the current time, so ``id >> 22`` is a real timestamp."""

    def __init__(self, worker_id: int = 1, process_id: int = 0) -> None:
        self._worker = worker_id & 0x1F
        self._process = process_id & 0x1F
        self._increment = itertools.count()
        self._last = 0

    def next(self) -> int:
        """A new snowflake for "now" (strictly increasing)."""
        value = self._compose(int(time.time() * 1000))
        if value <= self._last:
            value = self._last + 1
        self._last = value
        return value

    def past(self, rng: random.Random, *, max_age_days: int = 5 * 365) -> int:
        """A snowflake from a random moment in the past (accounts and guilds usually predate the bot's session)."""
        now_ms = int(time.time() * 1000)
        return self._compose(now_ms - rng.randint(60_000, max_age_days * 86_400_000))

    def _compose(self, ms: int) -> int:
        value = ((ms - DISCORD_EPOCH_MS) << 22) | (self._worker << 17) | (self._process << 12)
        return value | (next(self._increment) & 0xFFF)


@dataclass
class User:
    """A Discord user (members, the bot itself, DM recipients)."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    dm_closed: bool = False
    discriminator: str = "0"

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "username": self.username,
            "avatar": None,
            "discriminator": self.discriminator,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "global_name": self.global_name,
            "avatar_decoration_data": None,
            "collectibles": None,
            "primary_guild": None,
        }
        if self.bot:
            data["bot"] = True
        return data


@dataclass
class Role:
    """A guild role."""

    id: int
    name: str
    permissions: int
    position: int = 0
    color: int = 0
    managed: bool = False
    bot_id: int | None = None

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "description": None,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": self.color,
            "colors": {"primary_color": self.color, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": self.managed,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass
class Member:
    """A guild member (user id + role ids)."""

    user_id: int
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso)


@dataclass
class Channel:
    """A guild channel, thread or DM channel."""

    id: int
    type: int
    name: str | None = None
    guild_id: int | None = None
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    forbidden: bool = False
    missing_permissions: bool = False
    recipient_id: int | None = None
    last_message_id: int | None = None
    # threads
    owner_id: int | None = None
    message_id: int | None = None
    archived: bool = False
    locked: bool = False
    auto_archive_duration: int = 1440
    archive_timestamp: str = field(default_factory=iso)
    create_timestamp: str = field(default_factory=iso)
    message_count: int = 0
    total_message_sent: int = 0
    member_ids: set[int] = field(default_factory=set)
    rate_limit_per_user: int = 0

    @property
    def is_thread(self) -> bool:
        return self.type in ChannelType.THREADS

    @property
    def is_dm(self) -> bool:
        return self.type == ChannelType.DM


@dataclass
class Guild:
    """A guild with its channels, roles and members."""

    id: int
    name: str
    owner_id: int
    channel_ids: list[int] = field(default_factory=list)
    roles: dict[int, Role] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    system_channel_id: int | None = None
    joined_at: str = field(default_factory=iso)
    preferred_locale: str = "en-US"

    @property
    def everyone_role_id(self) -> int:
        return self.id


class DiscordState:
    """Everything the stand-in knows; REST handlers and gateway helpers read and change it."""

    def __init__(
        self, *, bot_name: str = "trustbot", bot_permissions: int = DEFAULT_BOT_PERMISSIONS, seed: int | None = None
    ) -> None:
        self.ids = SnowflakeGenerator()
        self.random = random.Random(seed)
        self.application_id = self.ids.past(self.random)
        # As for every application created since 2016, the bot user's id equals the application id.
        self.bot = User(self.application_id, bot_name, global_name=None, bot=True, discriminator="0000")
        self.bot_permissions = bot_permissions
        self.app_owner = User(self.ids.past(self.random), f"{bot_name}-owner", global_name="Owner")
        self.users: dict[int, User] = {self.bot.id: self.bot, self.app_owner.id: self.app_owner}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.deleted_channels: set[int] = set()
        self.dm_channels: dict[int, int] = {}
        self.channel_messages: dict[int, list[dict[str, Any]]] = {}
        self.all_messages: dict[int, dict[str, Any]] = {}
        self.attachments: dict[int, bytes] = {}
        self.nonces: dict[tuple[int, int, str], tuple[int, float]] = {}
        self.commands: dict[str | int, list[dict[str, Any]]] = {}
        self.verify_key = secrets.token_hex(32)

    # ---- setup ---------------------------------------------------------------------------------------------

    def add_user(
        self, name: str, *, dm_closed: bool = False, bot: bool = False, global_name: str | None = None
    ) -> User:
        uid = self._unique_past_id()
        user = User(uid, name, global_name=global_name or name.title(), bot=bot, dm_closed=dm_closed)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str,
        owner_id: int | None = None,
        *,
        channels: list[str] | None = None,
        roles: dict[str, int] | None = None,
        members: list[int] | None = None,
        guild_id: int | None = None,
    ) -> Guild:
        if owner_id is None:
            owner_id = self.add_user(f"{name.lower().replace(' ', '-')}-owner").id
        gid = guild_id or self._unique_past_id()
        guild = Guild(gid, name, owner_id)
        guild.roles[gid] = Role(gid, "@everyone", DEFAULT_EVERYONE_PERMISSIONS, position=0)
        bot_role = Role(self.ids.next(), self.bot.username, self.bot_permissions, position=1, managed=True)
        bot_role.bot_id = self.bot.id
        guild.roles[bot_role.id] = bot_role
        for position, (role_name, permissions) in enumerate((roles or {}).items(), start=2):
            role = Role(self.ids.next(), role_name, permissions, position=position)
            guild.roles[role.id] = role
        self.guilds[gid] = guild
        guild.members[self.bot.id] = Member(self.bot.id, roles=[bot_role.id])
        for uid in {owner_id, *(members or [])}:
            if uid in self.users and uid not in guild.members:
                guild.members[uid] = Member(uid)
        for channel_name in channels if channels is not None else ["general"]:
            self.add_channel(gid, channel_name)
        if guild.channel_ids:
            guild.system_channel_id = guild.channel_ids[0]
        return guild

    def add_channel(
        self, guild_id: int, name: str, *, type: int = ChannelType.GUILD_TEXT, forbidden: bool = False
    ) -> Channel:
        guild = self.guilds[guild_id]
        channel = Channel(self.ids.next(), type, name=name, guild_id=guild_id, position=len(guild.channel_ids))
        channel.forbidden = forbidden
        self.channels[channel.id] = channel
        self.channel_messages[channel.id] = []
        guild.channel_ids.append(channel.id)
        return channel

    def add_member(self, guild_id: int, user_id: int, roles: list[int] | None = None) -> Member:
        member = Member(user_id, roles=list(roles or []))
        self.guilds[guild_id].members[user_id] = member
        return member

    def dm_channel(self, user_id: int) -> Channel:
        """The bot's DM channel with a user, created on first use (ids are stable per user)."""
        existing = self.dm_channels.get(user_id)
        if existing is not None:
            return self.channels[existing]
        channel = Channel(self.ids.next(), ChannelType.DM, recipient_id=user_id)
        self.channels[channel.id] = channel
        self.channel_messages[channel.id] = []
        self.dm_channels[user_id] = channel.id
        return channel

    def _unique_past_id(self) -> int:
        while True:
            value = self.ids.past(self.random)
            if value not in self.users and value not in self.guilds:
                return value

    # ---- lookups -------------------------------------------------------------------------------------------

    def guild_of(self, channel: Channel) -> Guild | None:
        return self.guilds.get(channel.guild_id) if channel.guild_id is not None else None

    def threads_of_guild(self, guild_id: int) -> list[Channel]:
        return [c for c in self.channels.values() if c.is_thread and c.guild_id == guild_id and not c.archived]

    def member_permissions(self, guild: Guild, user_id: int) -> int:
        if user_id == guild.owner_id:
            return (1 << 53) - 1
        member = guild.members.get(user_id)
        value = guild.roles[guild.everyone_role_id].permissions
        for role_id in member.roles if member else []:
            role = guild.roles.get(role_id)
            if role is not None:
                value |= role.permissions
        if value & Permissions.ADMINISTRATOR:
            return (1 << 53) - 1
        return value

    # ---- payloads ------------------------------------------------------------------------------------------

    def user_payload(self, user_id: int) -> dict[str, Any]:
        user = self.users.get(user_id) or User(user_id, f"user{user_id}")
        return user.payload()

    def member_payload(self, guild: Guild, user_id: int, *, with_user: bool = True) -> dict[str, Any]:
        member = guild.members.get(user_id) or Member(user_id)
        data: dict[str, Any] = {
            "avatar": None,
            "banner": None,
            "communication_disabled_until": None,
            "flags": 0,
            "joined_at": member.joined_at,
            "nick": member.nick,
            "pending": False,
            "premium_since": None,
            "roles": [str(r) for r in member.roles],
            "unusual_dm_activity_until": None,
            "collectibles": None,
            "mute": False,
            "deaf": False,
        }
        if with_user:
            data["user"] = self.user_payload(user_id)
        return data

    def channel_payload(self, channel: Channel, *, in_guild_create: bool = False) -> dict[str, Any]:
        if channel.is_dm:
            return {
                "id": str(channel.id),
                "type": ChannelType.DM,
                "last_message_id": _opt_str(channel.last_message_id),
                "flags": 0,
                "recipients": [self.user_payload(channel.recipient_id or 0)],
            }
        if channel.is_thread:
            return self.thread_payload(channel)
        data: dict[str, Any] = {
            "id": str(channel.id),
            "type": channel.type,
            "last_message_id": _opt_str(channel.last_message_id),
            "flags": 0,
            "name": channel.name,
            "parent_id": _opt_str(channel.parent_id),
            "rate_limit_per_user": channel.rate_limit_per_user,
            "topic": channel.topic,
            "position": channel.position,
            "permission_overwrites": [],
            "nsfw": False,
            "last_pin_timestamp": None,
        }
        if not in_guild_create:
            data["guild_id"] = str(channel.guild_id)
        return data

    def thread_payload(self, thread: Channel, *, with_member: bool = False) -> dict[str, Any]:
        metadata: dict[str, Any] = {
            "archived": thread.archived,
            "archive_timestamp": thread.archive_timestamp,
            "auto_archive_duration": thread.auto_archive_duration,
            "locked": thread.locked,
            "create_timestamp": thread.create_timestamp,
        }
        if thread.type == ChannelType.PRIVATE_THREAD:
            metadata["invitable"] = True
        data: dict[str, Any] = {
            "id": str(thread.id),
            "type": thread.type,
            "last_message_id": _opt_str(thread.last_message_id),
            "flags": 0,
            "guild_id": str(thread.guild_id),
            "name": thread.name,
            "parent_id": str(thread.parent_id),
            "rate_limit_per_user": thread.rate_limit_per_user,
            "owner_id": str(thread.owner_id),
            "thread_metadata": metadata,
            "message_count": thread.message_count,
            "member_count": min(len(thread.member_ids), 50),
            "total_message_sent": thread.total_message_sent,
            "last_pin_timestamp": None,
        }
        if with_member and self.bot.id in thread.member_ids:
            data["member"] = {
                "id": str(thread.id),
                "user_id": str(self.bot.id),
                "join_timestamp": thread.create_timestamp,
                "flags": 1,
                "mute_config": None,
                "muted": False,
            }
        return data

    def guild_payload(self, guild: Guild) -> dict[str, Any]:
        """The guild object as REST returns it (GET /guilds/{id})."""
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "description": None,
            "home_header": None,
            "splash": None,
            "discovery_splash": None,
            "features": [],
            "banner": None,
            "owner_id": str(guild.owner_id),
            "application_id": None,
            "region": "deprecated",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "system_channel_id": _opt_str(guild.system_channel_id),
            "system_channel_flags": 0,
            "widget_enabled": False,
            "widget_channel_id": None,
            "verification_level": 0,
            "roles": [r.payload() for r in sorted(guild.roles.values(), key=lambda r: r.position)],
            "default_message_notifications": 0,
            "mfa_level": 0,
            "explicit_content_filter": 0,
            "max_presences": None,
            "max_members": 500000,
            "max_stage_video_channel_users": 50,
            "max_video_channel_users": 25,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": guild.preferred_locale,
            "rules_channel_id": None,
            "safety_alerts_channel_id": None,
            "public_updates_channel_id": None,
            "premium_progress_bar_enabled": False,
            "nsfw": False,
            "nsfw_level": 0,
            "emojis": [],
            "stickers": [],
            "incidents_data": None,
        }

    def guild_create_payload(self, guild: Guild) -> dict[str, Any]:
        """The GUILD_CREATE event data: the guild plus channels, threads, members and join information."""
        data = self.guild_payload(guild)
        data.pop("region", None)
        live_channels = [self.channels[c] for c in guild.channel_ids if c in self.channels]
        member_ids = [self.bot.id, *[uid for uid in guild.members if uid != self.bot.id][:99]]
        data.update(
            {
                "joined_at": guild.joined_at,
                "large": len(guild.members) > 250,
                "unavailable": False,
                "member_count": len(guild.members),
                "voice_states": [],
                "members": [self.member_payload(guild, uid) for uid in member_ids],
                "channels": [self.channel_payload(c, in_guild_create=True) for c in live_channels],
                "threads": [self.thread_payload(t) for t in self.threads_of_guild(guild.id)],
                "presences": [],
                "stage_instances": [],
                "guild_scheduled_events": [],
                "soundboard_sounds": [],
                "embedded_activities": [],
                "lazy": True,
                "application_command_counts": {},
                "hub_type": None,
                "latest_onboarding_question_id": None,
                "version": int(time.time() * 1000),
            }
        )
        return data

    # ---- messages ------------------------------------------------------------------------------------------

    def create_message(
        self,
        channel: Channel,
        author_id: int,
        body: dict[str, Any],
        files: list[tuple[str, bytes, str]] | None = None,
        *,
        attachment_base: str = "",
        message_type: int = 0,
        extra: dict[str, Any] | None = None,
        store: bool = True,
    ) -> dict[str, Any]:
        """Build (and by default store) a message from a create-message body and uploaded files."""
        mid = self.ids.next()
        content = body.get("content") or ""
        message: dict[str, Any] = {
            "type": message_type,
            "content": content,
            "mentions": [self.user_payload(uid) for uid in _mentioned_users(content) if uid in self.users],
            "mention_roles": [m for m in re.findall(r"<@&(\d+)>", content)],
            "attachments": self._attachments(channel.id, body.get("attachments"), files or [], attachment_base),
            "embeds": [{"type": "rich", **e} for e in body.get("embeds") or []],
            "timestamp": iso(snowflake_time(mid)),
            "edited_timestamp": None,
            "flags": int(body.get("flags") or 0),
            "components": _number_components(body.get("components") or []),
            "id": str(mid),
            "channel_id": str(channel.id),
            "author": self.user_payload(author_id),
            "pinned": False,
            "mention_everyone": False,
            "tts": bool(body.get("tts") or False),
        }
        if body.get("nonce") is not None:
            message["nonce"] = body["nonce"]
        if body.get("message_reference"):
            reference = dict(body["message_reference"])
            reference.setdefault("channel_id", str(channel.id))
            message["message_reference"] = {"type": 0, **{k: _str_id(v) for k, v in reference.items()}}
            message["type"] = 19
        if extra:
            message.update(extra)
        if store:
            self.store_message(channel, message)
        return message

    def store_message(self, channel: Channel, message: dict[str, Any]) -> None:
        mid = int(message["id"])
        self.all_messages[mid] = message
        if message["flags"] & 64:  # ephemeral: never part of the channel history
            return
        if channel.is_thread:
            channel.message_count += 1
            channel.total_message_sent += 1
            message["position"] = channel.total_message_sent - 1
        channel.last_message_id = mid
        self.channel_messages.setdefault(channel.id, []).append(message)

    def edit_message(
        self,
        message: dict[str, Any],
        body: dict[str, Any],
        files: list[tuple[str, bytes, str]] | None = None,
        *,
        attachment_base: str = "",
    ) -> dict[str, Any]:
        """Apply an edit body (content, embeds, components, attachments, flags) to a stored message in place."""
        if "content" in body:
            message["content"] = body["content"] or ""
            message["mentions"] = [
                self.user_payload(u) for u in _mentioned_users(message["content"]) if u in self.users
            ]
        if "embeds" in body:
            message["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            message["components"] = _number_components(body["components"] or [])
        if "attachments" in body or files:
            kept = {str(a.get("id")) for a in body.get("attachments") or [] if len(str(a.get("id"))) > 5}
            old = [a for a in message["attachments"] if a["id"] in kept]
            new_files = body.get("attachments") if files else None
            message["attachments"] = old + self._attachments(
                int(message["channel_id"]), new_files, files or [], attachment_base
            )
        if body.get("flags") is not None:
            message["flags"] = (message["flags"] & (64 | 32)) | int(body["flags"])  # EPHEMERAL, HAS_THREAD stay
        message["flags"] &= ~128  # an edit ends a deferred "is thinking" state
        message["edited_timestamp"] = iso()
        return message

    def _attachments(
        self, channel_id: int, described: list[dict[str, Any]] | None, files: list[tuple[str, bytes, str]], base: str
    ) -> list[dict[str, Any]]:
        by_index = {str(a.get("id")): a for a in described or []}
        result = []
        for index, (filename, data, content_type) in enumerate(files):
            meta = by_index.get(str(index), {})
            name = meta.get("filename") or filename
            aid = self.ids.next()
            self.attachments[aid] = data
            guessed = mimetypes.guess_type(name)[0] or content_type or "application/octet-stream"
            if guessed.startswith("text/"):
                guessed += "; charset=utf-8"
            url = f"{base}/attachments/{channel_id}/{aid}/{name}"
            attachment: dict[str, Any] = {
                "id": str(aid),
                "filename": name,
                "size": len(data),
                "url": url,
                "proxy_url": url,
                "content_type": guessed,
                "content_scan_version": 0,
            }
            if meta.get("description"):
                attachment["description"] = meta["description"]
            result.append(attachment)
        return result


def _mentioned_users(content: str) -> list[int]:
    seen: list[int] = []
    for raw in re.findall(r"<@!?(\d+)>", content):
        uid = int(raw)
        if uid not in seen:
            seen.append(uid)
    return seen


def _str_id(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _number_components(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copy components and give each one a numeric ``id`` in depth-first order, as Discord does."""
    counter = itertools.count(1)

    def walk(component: dict[str, Any]) -> dict[str, Any]:
        copy = dict(component)
        copy.setdefault("id", next(counter))
        if isinstance(copy.get("components"), list):
            copy["components"] = [walk(c) for c in copy["components"]]
        if isinstance(copy.get("component"), dict):
            copy["component"] = walk(copy["component"])
        if isinstance(copy.get("accessory"), dict):
            copy["accessory"] = walk(copy["accessory"])
        return copy

    return [walk(c) for c in components]


def mentions_user(content: str, user_id: int) -> bool:
    """Whether message content mentions a user (``<@id>`` or ``<@!id>``)."""
    return user_id in _mentioned_users(content)


def _opt_str(value: int | None) -> str | None:
    return None if value is None else str(value)
