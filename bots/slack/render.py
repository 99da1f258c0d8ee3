"""Core messages as Slack Block Kit within Slack's limits, built with slack_sdk.models (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bots.text import split_text
from core.models import Button, Form, Message

__all__ = [
    "FORM_CALLBACK",
    "SlackMessage",
    "action_of",
    "form_of",
    "modal_for",
    "mrkdwn",
    "render",
]

SECTION_MAX = 3000
HEADER_MAX = 150
CONTEXT_MAX = 2000
BLOCKS_MAX = 50
BUTTON_TEXT_MAX = 75
MODAL_TITLE_MAX = 24
FORM_CALLBACK = "trustbot-form"
_ACTION_SEP = "#"
_FALLBACK_MAX = 3000


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def mrkdwn(text: str) -> str:
    """The core's light markdown (``**bold**``, ``_italic_``) in Slack's mrkdwn (``*bold*``), with &, <, > escaped."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\*\*(.+?)\*\*", r"*\1*", escaped, flags=re.S)


def _buttons(buttons: tuple[Button, ...]) -> list[Block]:
    blocks: list[Block] = []
    for start in range(0, len(buttons), 5):  # five to a row reads like the other platforms
        elements = []
        for index, button in enumerate(buttons[start : start + 5], start):
            element = ButtonElement(
                text=PlainTextObject(text=_clip(button.label, BUTTON_TEXT_MAX)),
                action_id=f"{button.action_id}{_ACTION_SEP}{index}",
                value=button.value or "-",
                style=button.style if button.style in ("primary", "danger") else None,
            )
            elements.append(element)
        blocks.append(ActionsBlock(elements=elements))
    return blocks


def action_of(action_id: str, value: str) -> tuple[str, str]:
    """The core's (action id, value) from a Slack button press (ids are made unique per message)."""
    core_id = action_id.rsplit(_ACTION_SEP, 1)[0]
    return core_id, "" if value == "-" else value


@dataclass
class SlackMessage:
    """One ``chat.postMessage`` worth: blocks and the notification text."""

    blocks: list[dict[str, Any]]
    text: str


def render(message: Message) -> list[SlackMessage]:
    """Blocks within Slack's limits (long texts split over sections, and over messages past 50 blocks)."""
    blocks: list[Block] = []
    if message.title:
        blocks.append(HeaderBlock(text=PlainTextObject(text=_clip(message.title, HEADER_MAX))))
    for piece in split_text(mrkdwn(message.text), SECTION_MAX - 100):
        blocks.append(SectionBlock(text=MarkdownTextObject(text=piece)))
    if message.footer:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_clip(mrkdwn(message.footer), CONTEXT_MAX))]))
    blocks += _buttons(message.buttons)
    for block in blocks:
        block.validate_json()
    fallback = _clip(mrkdwn(message.plain()), _FALLBACK_MAX)
    chunks = [blocks[i : i + BLOCKS_MAX] for i in range(0, len(blocks), BLOCKS_MAX)]
    return [
        SlackMessage([b.to_dict() for b in chunk], fallback if i == 0 else "(continued)")
        for i, chunk in enumerate(chunks)
    ]


def modal_for(form: Form, *, context: str = "") -> dict[str, Any]:
    """A core form as a modal (``views.open``); its submission comes back with ``callback_id`` FORM_CALLBACK."""
    blocks: list[Block] = []
    for field in form.fields[:100]:
        element = PlainTextInputElement(
            action_id=field.id,
            multiline=field.kind == "paragraph",
            max_length=field.max_length or 3000,
            placeholder=PlainTextObject(text=_clip(field.placeholder, 150)) if field.placeholder else None,
            initial_value=field.initial or None,
        )
        blocks.append(
            InputBlock(
                block_id=field.id,
                label=PlainTextObject(text=_clip(field.label, 2000)),
                element=element,
                optional=not field.required,
            )
        )
    view = View(
        type="modal",
        callback_id=FORM_CALLBACK,
        private_metadata=f"{form.form_id}|{form.context}|{context}"[:3000],
        title=PlainTextObject(text=_clip(form.title, MODAL_TITLE_MAX)),
        submit=PlainTextObject(text=_clip(form.submit_label, MODAL_TITLE_MAX)),
        close=PlainTextObject(text="Cancel"),
        blocks=blocks,
    )
    view.validate_json()
    return view.to_dict()


def form_of(view: dict[str, Any]) -> tuple[str, str, str, dict[str, str]]:
    """(form id, form context, adapter context, values) from a ``view_submission``'s view."""
    form_id, _, rest = str(view.get("private_metadata", "")).partition("|")
    form_context, _, adapter_context = rest.partition("|")
    values: dict[str, str] = {}
    for block_id, actions in (view.get("state", {}).get("values") or {}).items():
        for action in actions.values():
            values[block_id] = str(action.get("value") or "")
    return form_id, form_context, adapter_context, values
