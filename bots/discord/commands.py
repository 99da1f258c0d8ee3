"""The core's command registry as one Discord ``/trust`` command, and interaction options back as core args."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from core.commandspec import CommandSpec, Option

__all__ = ["ROOT", "command_payload", "interaction_args", "payload_hash"]

ROOT = "trust"
_DESCRIPTION_MAX = 100
_STRING, _INTEGER, _CHANNEL = 3, 4, 7
_SUBCOMMAND, _GROUP = 1, 2
_TEXT_CHANNELS = [0, 5]  # text and announcement channels
_GROUP_DESCRIPTIONS = {
    "prompt": "The daily prompt",
    "checkin": "Your private check-ins",
    "challenge": "Multi-day challenges",
    "reflection": "The weekly reflection",
    "safety": "Safety resources",
    "mydata": "Your data: export or delete it",
    "community": "This community's data",
}


def _describe(text: str) -> str:
    text = " ".join(text.replace("`", "").split()) or "-"
    return text if len(text) <= _DESCRIPTION_MAX else text[: _DESCRIPTION_MAX - 1].rstrip() + "…"


def _option(option: Option) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": option.name,
        "description": _describe(option.description),
        "required": option.required,
    }
    if option.kind == "channel":
        data.update(type=_CHANNEL, channel_types=_TEXT_CHANNELS)
    elif option.kind == "integer":
        data.update(type=_INTEGER, min_value=0)
        if option.suggested:
            data["autocomplete"] = True
    else:
        data.update(type=_STRING, max_length=min(max(option.max_length, 1), 6000))
        if option.choices:
            data["choices"] = [{"name": c, "value": c} for c in option.choices[:25]]
        elif option.suggested:
            data["autocomplete"] = True
    return data


def _subcommand(name: str, spec: CommandSpec) -> dict[str, Any]:
    options = sorted(spec.options, key=lambda o: not o.required)  # Discord wants required options first
    return {
        "type": _SUBCOMMAND,
        "name": name,
        "description": _describe(spec.description),
        "options": [_option(o) for o in options],
    }


def command_payload(commands: tuple[CommandSpec, ...]) -> list[dict[str, Any]]:
    """The application commands to register: one ``/trust`` with subcommands and subcommand groups."""
    top: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for spec in commands:
        if len(spec.path) == 1:
            top.append(_subcommand(spec.path[0], spec))
            continue
        group_name, leaf = spec.path[0], spec.path[1]
        group = groups.get(group_name)
        if group is None:
            group = groups[group_name] = {
                "type": _GROUP,
                "name": group_name,
                "description": _describe(_GROUP_DESCRIPTIONS.get(group_name, group_name.capitalize())),
                "options": [],
            }
            top.append(group)
        group["options"].append(_subcommand(leaf, spec))
    return [
        {
            "name": ROOT,
            "type": 1,
            "description": "trustbot: build and regain trust, together",
            "options": top,
            "contexts": [0, 1],  # in servers and in DMs with the bot
            "integration_types": [0],
        }
    ]


def payload_hash(payload: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def interaction_args(data: dict[str, Any]) -> tuple[str, dict[str, str], str | None]:
    """(command name, args, focused option) from an application command or autocomplete interaction."""
    words: list[str] = []
    args: dict[str, str] = {}
    focused: str | None = None
    options = list(data.get("options", []))
    while options and options[0].get("type") in (_SUBCOMMAND, _GROUP):
        words.append(str(options[0]["name"]))
        options = list(options[0].get("options", []))
    for option in options:
        value = option.get("value")
        if option.get("type") == _CHANNEL:
            value = f"<#{value}>"
        args[str(option["name"])] = "" if value is None else str(value)
        if option.get("focused"):
            focused = str(option["name"])
    return " ".join(words), args, focused
