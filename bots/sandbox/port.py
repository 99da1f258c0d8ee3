"""The sandbox's ChatPort: posts, threads and DMs become transcript lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from bots.sandbox.files import SandboxFiles
from bots.sandbox.render import render_message
from bots.sandbox.transcript import Transcript
from bots.sandbox.world import SandboxThread, World
from core.errors import DeliveryError
from core.models import Button, ChannelInfo, Form, Message, Place

__all__ = ["BOT_NAME", "SandboxChat", "ShownButtons", "place_label"]

BOT_NAME = "trustbot"
_POSTS_KEPT = 500  # public messages with buttons remembered for ``:click``


@dataclass(frozen=True)
class ShownButtons:
    """A message's buttons, where the message is, and when it was shown (a larger ``order`` is newer)."""

    buttons: tuple[Button, ...]
    place: Place
    order: int


def place_label(world: World, kind: str, channel: str | None, thread: str | None, user: str | None = None) -> str:
    if kind == "dm":
        return f"DM {user}"
    if kind == "thread" and thread is not None:
        info = world.threads.get(thread)
        return f"#{info.channel if info else channel} > thread {thread}"
    return f"#{channel}"


class SandboxChat:
    """Implements :class:`core.ports.ChatPort` over the sandbox world."""

    files: SandboxFiles | None = None  # where attachments are saved (set by the sandbox; None: only described)

    def __init__(self, world: World, transcript: Transcript) -> None:
        self.world = world
        self.transcript = transcript
        self.dms_closed: set[str] = set()
        # the last buttons and form each person was shown, so ``:click`` and ``:form`` work on DMs too
        self.buttons: dict[str, ShownButtons] = {}
        self.forms: dict[str, tuple[Form, Place]] = {}
        self.posted: dict[str, ShownButtons] = {}  # public messages with buttons, by message ref, oldest first
        self._order = 0

    def _shown(self, message: Message, place: Place) -> ShownButtons:
        self._order += 1
        return ShownButtons(message.buttons, place, self._order)

    def remember(self, user: str, message: Message, place: Place) -> None:
        """``message`` was shown to ``user`` alone (a DM or a private reply)."""
        if message.buttons:
            self.buttons[user] = self._shown(message, place)
        if message.form is not None:
            self.forms[user] = (message.form, place)

    def remember_public(self, ref: str | None, message: Message, place: Place) -> None:
        """``message`` (posted as ``ref``; None for a public reply) was posted for everyone in ``place``."""
        if message.buttons:
            shown = self._shown(message, place)
            self.posted[ref or f"reply-{shown.order}"] = shown
            while len(self.posted) > _POSTS_KEPT:
                del self.posted[next(iter(self.posted))]

    def visible_buttons(self, user: str, place: Place) -> list[ShownButtons]:
        """The messages with buttons ``user`` can see from ``place``, newest first: those shown to them alone,
        and those posted where they are (in a thread: its own posts and the message it was opened on)."""
        seen = [self.buttons[user]] if user in self.buttons else []
        thread = self.world.threads.get(place.thread or "") if place.kind == "thread" else None
        for ref, shown in self.posted.items():
            if place.kind == "dm":
                break
            here = shown.place.kind == place.kind and shown.place.channel == place.channel
            if (here and shown.place.thread == place.thread) or (thread is not None and ref == thread.parent):
                seen.append(shown)
        return sorted(seen, key=lambda shown: -shown.order)

    async def resolve_channel(self, community: str, text: str) -> ChannelInfo | None:
        name = re.sub(r"^<#|>$", "", text.strip()).lstrip("#").lower()
        if name in self.world.channels:
            return ChannelInfo(ref=name, name=name)
        return None

    async def post(
        self, community: str, channel: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        if channel not in self.world.channels:
            raise DeliveryError("not_found", f"channel #{channel} does not exist")
        if (earlier := self.world.sent_with(key)) is not None:
            return earlier
        self.transcript.emit(f"#{channel}", BOT_NAME, self.render(message))
        ref = self.world.remember_key(key, self.world.next_ref("m"))
        self.remember_public(ref, message, Place("channel", channel))
        return ref

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
        if channel not in self.world.channels:
            raise DeliveryError("not_found", f"channel #{channel} does not exist")
        for existing in self.world.threads.values():
            if existing.parent == parent and existing.channel == channel:
                return existing.ref  # one thread per message, as on the platforms
        ref = self.world.next_ref("t")
        self.world.threads[ref] = SandboxThread(ref=ref, channel=channel, title=title, parent=parent)
        self.transcript.note(f"thread {ref} opened in #{channel}: {title}  (answer there with `:go {ref}`)")
        return ref

    async def post_in_thread(
        self, community: str, thread: str, message: Message, *, key: str | None = None, maybe_sent: bool = False
    ) -> str:
        info = self.world.threads.get(thread)
        if info is None or info.channel not in self.world.channels:
            raise DeliveryError("not_found", f"thread {thread} does not exist")
        if (earlier := self.world.sent_with(key)) is not None:
            return earlier
        self.transcript.emit(place_label(self.world, "thread", info.channel, thread), BOT_NAME, self.render(message))
        ref = self.world.remember_key(key, self.world.next_ref("m"))
        self.remember_public(ref, message, Place("thread", info.channel, thread))
        return ref

    async def close_thread(self, community: str, thread: str) -> None:
        info = self.world.threads.get(thread)
        if info is None:
            raise DeliveryError("not_found", f"thread {thread} does not exist")
        info.archived = True
        self.transcript.note(f"thread {thread} archived")

    async def send_dm(self, user_id: str, message: Message, *, key: str | None = None, maybe_sent: bool = False) -> str:
        if user_id in self.dms_closed:
            raise DeliveryError("forbidden", f"{user_id} does not accept DMs")
        if (earlier := self.world.sent_with(key)) is not None:
            return earlier
        self.transcript.emit(f"DM {user_id}", BOT_NAME, self.render(message))
        self.remember(user_id, message, Place.dm())
        return self.world.remember_key(key, self.world.next_ref("d"))

    def render(self, message: Message) -> str:
        """The message as transcript lines; its attachments are saved as files when :attr:`files` is set."""
        files = self.files
        if files is None:
            return render_message(message)
        return render_message(message, lambda attachment: files.save(attachment, self.transcript.now()))
