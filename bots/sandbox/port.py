"""The sandbox's ChatPort: posts, threads and DMs become transcript lines."""

from __future__ import annotations

import re
from datetime import timedelta

from bots.sandbox.render import render_message
from bots.sandbox.transcript import Transcript
from bots.sandbox.world import SandboxThread, World
from core.errors import DeliveryError
from core.models import Button, ChannelInfo, Form, Message, Place

__all__ = ["BOT_NAME", "SandboxChat", "place_label"]

BOT_NAME = "trustbot"


def place_label(world: World, kind: str, channel: str | None, thread: str | None, user: str | None = None) -> str:
    if kind == "dm":
        return f"DM {user}"
    if kind == "thread" and thread is not None:
        info = world.threads.get(thread)
        return f"#{info.channel if info else channel} > thread {thread}"
    return f"#{channel}"


class SandboxChat:
    """Implements :class:`core.ports.ChatPort` over the sandbox world."""

    def __init__(self, world: World, transcript: Transcript) -> None:
        self.world = world
        self.transcript = transcript
        self.dms_closed: set[str] = set()
        # the last buttons and form each person was shown, so ``:click`` and ``:form`` work on DMs too
        self.buttons: dict[str, tuple[tuple[Button, ...], Place]] = {}
        self.forms: dict[str, tuple[Form, Place]] = {}

    def remember(self, user: str, message: Message, place: Place) -> None:
        if message.buttons:
            self.buttons[user] = (message.buttons, place)
        if message.form is not None:
            self.forms[user] = (message.form, place)

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
        self.transcript.emit(f"#{channel}", BOT_NAME, render_message(message))
        return self.world.remember_key(key, self.world.next_ref("m"))

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
        self.transcript.emit(place_label(self.world, "thread", info.channel, thread), BOT_NAME, render_message(message))
        return self.world.remember_key(key, self.world.next_ref("m"))

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
        self.transcript.emit(f"DM {user_id}", BOT_NAME, render_message(message))
        self.remember(user_id, message, Place.dm())
        return self.world.remember_key(key, self.world.next_ref("d"))
