"""What a feature is: its commands, buttons, forms, scheduled work and its part of a member's data."""

from __future__ import annotations

import os
import socket
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from core.clock import Clock
from core.commandspec import Audience, CommandSpec
from core.content.schema import Content
from core.errors import DeliveryError, UserError
from core.models import Actor, Message, Place, Reply
from core.ports import ChatPort
from core.scheduling.delivery import Delivery
from core.scheduling.recurrence import Occurrence
from core.storage.deliveries import DEFAULT_LEASE
from core.storage.records import CommunityRecord, MemberRecord, ScheduleRecord
from core.storage.store import Store

__all__ = [
    "ActionHandler",
    "CommandHandler",
    "Context",
    "CoreSettings",
    "Deps",
    "Feature",
    "FormHandler",
    "Route",
    "private",
]


@dataclass(frozen=True)
class CoreSettings:
    """Knobs of community behaviour (read from the environment by the composition root)."""

    grace: timedelta = timedelta(hours=6)
    min_group_size: int = 5
    claim_lease: timedelta = DEFAULT_LEASE  # a claim older than this, unfinished, was left by a dead sender
    concurrency: int = 32  # scheduled sends in flight at once (the adapters pace them)
    removal_grace: timedelta = timedelta(days=7)  # a community's data is kept this long after the bot is removed
    partitions: frozenset[int] | None = None  # the communities' partitions (Discord shards) this process serves
    instance_id: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    model_cache: Path | None = None  # a folder where the trained guidance model is kept for the next start


@dataclass(frozen=True)
class Deps:
    """What every feature may use. ``ports`` maps a platform name to its adapter."""

    store: Store
    content: Content
    clock: Clock
    ports: Mapping[str, ChatPort]
    settings: CoreSettings

    def port_for(self, platform: str) -> ChatPort:
        port = self.ports.get(platform)
        if port is None:
            raise DeliveryError("unavailable", f"no adapter for {platform}")
        return port


@dataclass(frozen=True)
class Context:
    """Who acted, where, and in which community (None in a DM)."""

    actor: Actor
    member: MemberRecord
    community: CommunityRecord | None
    place: Place
    port: ChatPort
    now: datetime

    def need_community(self) -> CommunityRecord:
        if self.community is None:
            raise UserError("Use this command in your community's server or workspace, not in a DM.")
        return self.community


CommandHandler = Callable[[Context, dict[str, str]], Awaitable[list[Reply]]]
ActionHandler = Callable[[Context, str], Awaitable[list[Reply]]]
FormHandler = Callable[[Context, dict[str, str], str], Awaitable[list[Reply]]]
ScheduleHandler = Callable[[ScheduleRecord, Occurrence, Delivery], Awaitable[str | None]]


@dataclass(frozen=True)
class Route:
    """A button or form handler and who may press or submit it (checked by the core)."""

    handler: Any
    audience: Audience = "anyone"


def private(text: str, title: str | None = None, **extra: Any) -> list[Reply]:
    """A reply only the actor sees."""
    return [Reply(Message(text=text, title=title, **extra), "private")]


class Feature:
    """Base class: override what the feature needs; every default does nothing.

    ``SPECS`` lists the feature's commands (the registry in :mod:`core.commands` collects
    them); :meth:`commands` maps each spec's name to its handler. Button ``action_id``
    values and form ids must be unique across features (prefix them with the feature name).
    """

    SPECS: ClassVar[tuple[CommandSpec, ...]] = ()
    name: ClassVar[str] = "feature"

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.peers: list[Feature] = []  # every other feature; set by the core after construction

    def commands(self) -> dict[str, CommandHandler]:
        return {}

    def actions(self) -> dict[str, Route]:
        """Button handlers by ``action_id``; a handler takes (ctx, value)."""
        return {}

    def forms(self) -> dict[str, Route]:
        """Form handlers by ``form_id``; a handler takes (ctx, values, context)."""
        return {}

    def schedule_handlers(self) -> dict[str, ScheduleHandler]:
        """Handlers for rows of the shared ``schedules`` table, by kind."""
        return {}

    async def validate_setup(self, ctx: Context, community: CommunityRecord, args: dict[str, str]) -> None:
        """``/trust setup`` is about to run: raise :class:`UserError` if an option this feature owns is invalid."""
        return None

    async def on_setup(self, ctx: Context, community: CommunityRecord, args: dict[str, str]) -> list[str]:
        """``/trust setup`` passed validation: store the options this feature owns; return confirmation lines."""
        return []

    async def on_thread_message(self, ctx: Context, thread: str, text: str) -> bool:
        """A member wrote in a thread; return True when this feature owns that thread."""
        return False

    async def tick(self, now: datetime) -> int:
        """Send what is due in the feature's own tables; return how many deliveries went out."""
        return 0

    async def next_due(self) -> datetime | None:
        """When the feature next has something due (None: nothing scheduled)."""
        return None

    async def upcoming(self, community: CommunityRecord, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        """What the feature will post in ``community`` between start and end (for ``/trust status``)."""
        return []

    async def current_theme(self, community: CommunityRecord, local_date: date) -> str | None:
        """The theme id this feature puts at the centre of ``community``'s week (e.g. a running challenge)."""
        return None

    async def reflection_lines(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        """Lines this feature adds to the weekly reflection for the week [start, end)."""
        return []

    async def safety_replies(self, ctx: Context, visibility: str = "private", *, asked: bool = False) -> list[Reply]:
        """The safety resources for ``ctx``'s community, if this feature keeps them (guidance does); else none."""
        return []

    async def member_zone(self, member: MemberRecord) -> str | None:
        """The member's own IANA time zone, if this feature knows it (check-ins do)."""
        return None

    async def suggest(
        self, community: CommunityRecord | None, command: str, option: str, text: str
    ) -> list[tuple[str, str]]:
        """Values for ``option`` of ``command`` that start with or contain ``text``, as (label, value) pairs."""
        return []

    async def on_channel_gone(self, community: CommunityRecord, channel: str) -> list[str]:
        """A channel of ``community`` was deleted: stop what this feature posts there; return lines for moderators."""
        return []

    async def export_member(self, member: MemberRecord) -> dict[str, Any]:
        """Everything this feature stores about the member, as JSON-ready data."""
        return {}

    async def delete_member(self, member: MemberRecord) -> None:
        """Delete everything this feature stores about the member and stop their DMs."""
        return None
