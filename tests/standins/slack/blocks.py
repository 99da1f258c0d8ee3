"""Block Kit checks: parse blocks and views with ``slack_sdk.models`` and validate them, plus Slack's size limits."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

__all__ = [
    "HEADER_TEXT_MAX",
    "MESSAGE_BLOCKS_MAX",
    "MODAL_TITLE_MAX",
    "SECTION_TEXT_MAX",
    "VIEW_BLOCKS_MAX",
    "check_blocks",
    "check_view",
    "decode_json",
]

SECTION_TEXT_MAX = 3000
HEADER_TEXT_MAX = 150
MODAL_TITLE_MAX = 24
MESSAGE_BLOCKS_MAX = 50
VIEW_BLOCKS_MAX = 100


def decode_json(value: Any) -> Any:
    """Form-encoded calls carry blocks/views/metadata as JSON strings; JSON calls carry objects."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _text_of(obj: Any) -> str:
    if isinstance(obj, dict):
        return str(obj.get("text", ""))
    return "" if obj is None else str(obj)


def _check_block_list(blocks: Any, where: str, max_blocks: int) -> list[str]:
    if not isinstance(blocks, list):
        return [f"{where}: blocks must be a JSON array, got {type(blocks).__name__}"]
    out: list[str] = []
    if len(blocks) > max_blocks:
        out.append(f"{where}: {len(blocks)} blocks (at most {max_blocks})")
    for i, raw in enumerate(blocks):
        if not isinstance(raw, dict) or "type" not in raw:
            out.append(f"{where}[{i}]: not a block object")
            continue
        kind = raw["type"]
        if kind == "section" and len(_text_of(raw.get("text"))) > SECTION_TEXT_MAX:
            out.append(f"{where}[{i}]: section text longer than {SECTION_TEXT_MAX}")
        if kind == "header" and len(_text_of(raw.get("text"))) > HEADER_TEXT_MAX:
            out.append(f"{where}[{i}]: header text longer than {HEADER_TEXT_MAX}")
        try:
            block = Block.parse(raw)
            if block is None:
                out.append(f"{where}[{i}]: unparseable block")
            else:
                block.validate_json()
        except (SlackObjectFormationError, TypeError, ValueError, KeyError, AttributeError) as exc:
            out.append(f"{where}[{i}] ({kind}): {exc}")
    return list(dict.fromkeys(out))


def check_blocks(blocks: Any, where: str = "blocks") -> list[str]:
    """Violations in a message's blocks (empty list when fine)."""
    return _check_block_list(decode_json(blocks), where, MESSAGE_BLOCKS_MAX)


def check_view(view: Any, where: str = "view") -> list[str]:
    """Violations in a modal or home view."""
    view = decode_json(view)
    if not isinstance(view, dict):
        return [f"{where}: not a JSON object"]
    out = _check_block_list(view.get("blocks", []), f"{where}.blocks", VIEW_BLOCKS_MAX)
    if view.get("type") == "modal" and len(_text_of(view.get("title"))) > MODAL_TITLE_MAX:
        out.append(f"{where}.title: longer than {MODAL_TITLE_MAX}")
    try:
        View(**view).validate_json()
    except (SlackObjectFormationError, TypeError, ValueError, KeyError, AttributeError) as exc:
        out.append(f"{where}: {exc}")
    return list(dict.fromkeys(out))
