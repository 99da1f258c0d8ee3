"""Core messages as Discord messages: embeds within Discord's limits, buttons, modals, files (pure functions)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import discord

from bots.text import split_text
from core.models import Attachment, Button, Form, Message

__all__ = [
    "ACTION_PREFIX",
    "FORM_PREFIX",
    "Rendered",
    "decode_custom_id",
    "encode_custom_id",
    "modal_for",
    "modal_values",
    "render",
]

ACTION_PREFIX = "t"  # a button: t|action_id|value
FORM_PREFIX = "f"  # a modal: f|form_id|context
_SEP = "|"
CUSTOM_ID_MAX = 100
EMBED_DESCRIPTION_MAX = 4096
EMBED_TITLE_MAX = 256
EMBED_FOOTER_MAX = 2048
_CHUNK = 4000  # a little under the embed limit, cut at a paragraph or line where possible
_STYLES = {
    "primary": discord.ButtonStyle.primary,
    "secondary": discord.ButtonStyle.secondary,
    "danger": discord.ButtonStyle.danger,
}
_BUTTONS_MAX = 25  # 5 rows of 5


def encode_custom_id(prefix: str, name: str, value: str) -> str:
    """A stable custom id (it survives restarts: it carries everything the core needs)."""
    custom_id = f"{prefix}{_SEP}{name}{_SEP}{value}"
    if len(custom_id) > CUSTOM_ID_MAX:
        raise ValueError(f"custom id too long for Discord ({len(custom_id)} > {CUSTOM_ID_MAX}): {name}")
    return custom_id


def decode_custom_id(custom_id: str) -> tuple[str, str, str] | None:
    parts = custom_id.split(_SEP, 2)
    if len(parts) != 3 or parts[0] not in (ACTION_PREFIX, FORM_PREFIX):
        return None
    return parts[0], parts[1], parts[2]


class _StaticView(discord.ui.View):
    """Buttons only: presses are routed by their custom ids in ``on_interaction``, never by this view."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return False


@dataclass
class Rendered:
    """One Discord message's worth of a core message (a long message becomes several)."""

    embed: discord.Embed
    view: discord.ui.View | None = None
    files: list[discord.File] = field(default_factory=list)

    def kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"embed": self.embed}
        if self.view is not None:
            kwargs["view"] = self.view
        if self.files:
            kwargs["files"] = self.files
        return kwargs


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _view(buttons: tuple[Button, ...]) -> discord.ui.View | None:
    if not buttons:
        return None
    view = _StaticView()
    for index, button in enumerate(buttons[:_BUTTONS_MAX]):
        view.add_item(
            discord.ui.Button(
                label=_clip(button.label, 80),
                style=_STYLES.get(button.style, discord.ButtonStyle.secondary),
                custom_id=encode_custom_id(ACTION_PREFIX, button.action_id, button.value),
                row=index // 5,
            )
        )
    return view


class _File(discord.File):
    """discord.py numbers new attachments with integers; Discord's API description says snowflake strings."""

    def to_dict(self, index: int) -> dict[str, Any]:
        payload = super().to_dict(index)
        payload["id"] = str(index)
        return payload


def _file(attachment: Attachment) -> discord.File:
    return _File(io.BytesIO(attachment.data), filename=attachment.filename)


def render(message: Message) -> list[Rendered]:
    """Embeds (title, text, footer) in pieces within Discord's limits; buttons and files on the last piece."""
    pieces = split_text(message.text, _CHUNK, "\u200b")
    rendered = []
    for index, piece in enumerate(pieces):
        embed = discord.Embed(description=piece, colour=discord.Colour(0x3B7A57))
        if index == 0 and message.title:
            embed.title = _clip(message.title, EMBED_TITLE_MAX)
        rendered.append(Rendered(embed))
    last = rendered[-1]
    if message.footer:
        last.embed.set_footer(text=_clip(message.footer, EMBED_FOOTER_MAX))
    last.view = _view(message.buttons)
    last.files = [_file(a) for a in message.attachments]
    return rendered


class _FormModal(discord.ui.Modal):
    """A core form as a modal; its submission is routed by custom id in ``on_interaction``."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return False


def modal_for(form: Form) -> discord.ui.Modal:
    modal = _FormModal(
        title=_clip(form.title, 45), custom_id=encode_custom_id(FORM_PREFIX, form.form_id, form.context), timeout=None
    )
    for item in form.fields[:5]:
        modal.add_item(
            discord.ui.TextInput(
                label=_clip(item.label, 45),
                custom_id=item.id,
                style=discord.TextStyle.paragraph if item.kind == "paragraph" else discord.TextStyle.short,
                required=item.required,
                max_length=min(item.max_length or 4000, 4000),
                placeholder=_clip(item.placeholder, 100) or None,
                default=item.initial[:4000] or None,
            )
        )
    return modal


def modal_values(data: dict[str, Any]) -> dict[str, str]:
    """The submitted values of a modal by field id (action rows of text inputs, or labels wrapping them)."""
    values: dict[str, str] = {}

    def walk(components: list[dict[str, Any]]) -> None:
        for component in components:
            if "custom_id" in component and "value" in component:
                values[str(component["custom_id"])] = str(component.get("value") or "")
            if "components" in component:
                walk(component["components"])
            if "component" in component:
                walk([component["component"]])

    walk(list(data.get("components", [])))
    return values
