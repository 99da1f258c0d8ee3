"""Fakes that satisfy our own ports and record what happened (no platform SDK involved)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.errors import DeliveryError
from core.models import Actor, ChannelInfo, Message, Place

__all__ = ["FakeChat", "Sent", "admin", "member", "moderator"]


@dataclass
class Sent:
    kind: str  # post | thread | in_thread | dm | close
    target: str  # channel, thread ref or user id
    message: Message | None
    ref: str
    title: str = ""


@dataclass
class FakeChat:
    """An in-memory :class:`core.ports.ChatPort` with failure injection."""

    channels: set[str] = field(default_factory=lambda: {"general", "daily-prompts", "reflections", "challenges"})
    sent: list[Sent] = field(default_factory=list)
    dms_closed: set[str] = field(default_factory=set)
    failures: list[tuple[str, DeliveryError]] = field(default_factory=list)
    counter: int = 0

    def fail_next(self, kind: str, error: DeliveryError) -> None:
        """Make the next call of ``kind`` (post, open_thread, post_in_thread, send_dm, close_thread) raise."""
        self.failures.append((kind, error))

    def _maybe_fail(self, kind: str) -> None:
        for index, (what, error) in enumerate(self.failures):
            if what == kind:
                del self.failures[index]
                raise error

    def _ref(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    async def resolve_channel(self, community: str, text: str) -> ChannelInfo | None:
        name = re.sub(r"^<#|>$", "", text.strip()).lstrip("#").lower()
        return ChannelInfo(name, name) if name in self.channels else None

    async def post(self, community: str, channel: str, message: Message) -> str:
        self._maybe_fail("post")
        if channel not in self.channels:
            raise DeliveryError("not_found", channel)
        ref = self._ref("m")
        self.sent.append(Sent("post", channel, message, ref))
        return ref

    async def open_thread(self, community: str, channel: str, parent: str, title: str) -> str:
        self._maybe_fail("open_thread")
        if channel not in self.channels:
            raise DeliveryError("not_found", channel)
        ref = self._ref("t")
        self.sent.append(Sent("thread", channel, None, ref, title))
        return ref

    async def post_in_thread(self, community: str, thread: str, message: Message) -> str:
        self._maybe_fail("post_in_thread")
        ref = self._ref("m")
        self.sent.append(Sent("in_thread", thread, message, ref))
        return ref

    async def close_thread(self, community: str, thread: str) -> None:
        self._maybe_fail("close_thread")
        self.sent.append(Sent("close", thread, None, thread))

    async def send_dm(self, user_id: str, message: Message) -> str:
        self._maybe_fail("send_dm")
        if user_id in self.dms_closed:
            raise DeliveryError("forbidden", f"{user_id} closed DMs")
        ref = self._ref("d")
        self.sent.append(Sent("dm", user_id, message, ref))
        return ref

    def of_kind(self, kind: str) -> list[Sent]:
        return [s for s in self.sent if s.kind == kind]

    def dms_to(self, user_id: str) -> list[Message]:
        return [s.message for s in self.sent if s.kind == "dm" and s.target == user_id and s.message is not None]


def member(name: str, *roles: str) -> Actor:
    return Actor("fake", name, name.capitalize(), frozenset(roles))


def moderator(name: str, role: str = "moderators") -> Actor:
    return Actor("fake", name, name.capitalize(), frozenset({role}))


def admin(name: str = "owner") -> Actor:
    return Actor("fake", name, name.capitalize(), frozenset(), is_admin=True)


CHANNEL = Place("channel", "general")
DM = Place.dm()
