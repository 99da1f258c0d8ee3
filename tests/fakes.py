"""Fakes that satisfy our own ports and record what happened (no platform SDK involved)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from core.errors import DeliveryError
from core.models import Actor, ChannelInfo, Message, Place

__all__ = ["Crash", "FakeChat", "Sent", "admin", "member", "moderator"]


class Crash(BaseException):
    """Stands for a process killed mid-send (not an Exception: nothing in the core catches it)."""


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
    failures: list[tuple[str, BaseException]] = field(default_factory=list)
    counter: int = 0
    by_key: dict[str, str] = field(default_factory=dict)  # idempotency keys, as Discord's nonce would
    thread_of: dict[str, str] = field(default_factory=dict)  # parent message -> its thread
    repeats: int = 0  # sends that came back with a key already used (answered, not posted again)
    crash_after: list[str] = field(default_factory=list)  # kinds that "die" right after the platform accepted
    maybe_sent: list[str] = field(default_factory=list)  # keys sent again with the warning that they may be out

    def fail_next(self, kind: str, error: BaseException) -> None:
        """Make the next call of ``kind`` (post, open_thread, post_in_thread, send_dm, close_thread) raise."""
        self.failures.append((kind, error))

    def crash_next_after_send(self, kind: str) -> None:
        """The next ``kind`` reaches the platform, then the process dies before it hears back."""
        self.crash_after.append(kind)

    def _repeat(self, key: str | None, maybe_sent: bool = False) -> str | None:
        if maybe_sent and key is not None:
            self.maybe_sent.append(key)
        if key is not None and key in self.by_key:
            self.repeats += 1
            return self.by_key[key]
        return None

    def _done(self, kind: str, key: str | None, ref: str) -> str:
        if key is not None:
            self.by_key[key] = ref
        if kind in self.crash_after:
            self.crash_after.remove(kind)
            raise Crash(f"killed after {kind} {ref}")
        return ref

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

    async def post(
        self, community: str, channel: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        self._maybe_fail("post")
        if channel not in self.channels:
            raise DeliveryError("not_found", channel)
        if (earlier := self._repeat(key, maybe_sent)) is not None:
            return earlier
        ref = self._ref("m")
        self.sent.append(Sent("post", channel, message, ref))
        return self._done("post", key, ref)

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
        self._maybe_fail("open_thread")
        if channel not in self.channels:
            raise DeliveryError("not_found", channel)
        if parent in self.thread_of:
            self.repeats += 1
            return self.thread_of[parent]
        ref = self._ref("t")
        self.thread_of[parent] = ref
        self.sent.append(Sent("thread", channel, None, ref, title))
        return self._done("open_thread", key, ref)

    async def post_in_thread(
        self, community: str, thread: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        self._maybe_fail("post_in_thread")
        if (earlier := self._repeat(key, maybe_sent)) is not None:
            return earlier
        ref = self._ref("m")
        self.sent.append(Sent("in_thread", thread, message, ref))
        return self._done("post_in_thread", key, ref)

    async def close_thread(self, community: str, thread: str) -> None:
        self._maybe_fail("close_thread")
        self.sent.append(Sent("close", thread, None, thread))

    async def send_dm(self, user_id: str, message: Message, *, key: str | None = None, maybe_sent: bool = False) -> str:
        self._maybe_fail("send_dm")
        if user_id in self.dms_closed:
            raise DeliveryError("forbidden", f"{user_id} closed DMs")
        if (earlier := self._repeat(key, maybe_sent)) is not None:
            return earlier
        ref = self._ref("d")
        self.sent.append(Sent("dm", user_id, message, ref))
        return self._done("send_dm", key, ref)

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
