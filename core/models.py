"""Neutral models: who acted, where, what they did, and what the bot says back.

Adapters translate platform events into these and render :class:`Message` into their own
format. Places are opaque references that only the adapter interprets (a Discord thread is a
channel id; a Slack thread is ``channel:ts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "ActionEvent",
    "Actor",
    "Attachment",
    "Button",
    "ChannelInfo",
    "CommandEvent",
    "Event",
    "Form",
    "FormEvent",
    "FormField",
    "Message",
    "MessageEvent",
    "Place",
    "Reply",
]


@dataclass(frozen=True)
class Actor:
    """A person, as the adapter knows them. Roles are facts; the core decides what they allow."""

    platform: str
    user_id: str
    display_name: str
    roles: frozenset[str] = frozenset()
    is_admin: bool = False


@dataclass(frozen=True)
class Place:
    """Where something happened: a channel, a thread in a channel, or a DM with the bot."""

    kind: Literal["channel", "thread", "dm"]
    channel: str | None = None
    thread: str | None = None

    @classmethod
    def dm(cls) -> Place:
        return cls("dm")


@dataclass(frozen=True)
class ChannelInfo:
    """A channel the adapter resolved from what a person typed."""

    ref: str
    name: str


@dataclass(frozen=True)
class CommandEvent:
    """A ``/trust`` command. ``args`` holds option values as typed (strings)."""

    community: str | None
    actor: Actor
    place: Place
    name: str
    args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MessageEvent:
    """A plain message the bot can see: an answer in a thread, or a DM to the bot."""

    community: str | None
    actor: Actor
    place: Place
    text: str
    message_ref: str | None = None


@dataclass(frozen=True)
class ActionEvent:
    """A button press. ``action_id`` and ``value`` come back exactly as the core sent them."""

    community: str | None
    actor: Actor
    place: Place
    action_id: str
    value: str = ""


@dataclass(frozen=True)
class FormEvent:
    """A submitted form (a Discord modal, a Slack modal, a sandbox form line)."""

    community: str | None
    actor: Actor
    form_id: str
    values: dict[str, str]
    context: str = ""


Event = CommandEvent | MessageEvent | ActionEvent | FormEvent


@dataclass(frozen=True)
class Button:
    """A button. Its press comes back as an :class:`ActionEvent` with the same id and value."""

    action_id: str
    label: str
    value: str = ""
    style: Literal["primary", "secondary", "danger"] = "secondary"


@dataclass(frozen=True)
class FormField:
    """One input of a form."""

    id: str
    label: str
    kind: Literal["text", "paragraph", "choice"] = "text"
    required: bool = True
    max_length: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    initial: str = ""


@dataclass(frozen=True)
class Form:
    """A form to show (a modal). Its submission comes back as a :class:`FormEvent`."""

    form_id: str
    title: str
    fields: tuple[FormField, ...]
    submit_label: str = "Submit"
    context: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file to attach where the platform takes attachments (a chart, an export)."""

    filename: str
    data: bytes
    content_type: str


@dataclass(frozen=True)
class Message:
    """What the bot says, neutrally. ``text`` uses light markdown (``**bold**``, ``_italic_``)."""

    text: str
    title: str | None = None
    buttons: tuple[Button, ...] = ()
    footer: str | None = None
    attachments: tuple[Attachment, ...] = ()
    form: Form | None = None

    def plain(self) -> str:
        parts = [f"**{self.title}**"] if self.title else []
        parts.append(self.text)
        if self.footer:
            parts.append(f"_{self.footer}_")
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Reply:
    """The core's answer to an inbound event.

    ``visibility``: ``private`` is seen only by the actor (ephemeral where the platform has
    it, else a DM); ``public`` goes where the event happened; ``dm`` is always a DM.
    A reply with ``message.form`` set asks the adapter to open that form instead.
    """

    message: Message
    visibility: Literal["private", "public", "dm"] = "private"
