"""What the bot says when a message suggests danger, or someone asks for help: safety resources, privately."""

from __future__ import annotations

from typing import Any

from core.content.schema import Content, SafetyResource
from core.models import Message

__all__ = ["safety_message"]


def _resource_line(res: SafetyResource | dict[str, Any]) -> str:
    data = res.model_dump() if isinstance(res, SafetyResource) else res
    bits = [f"**{data['name']}**"]
    if data.get("phone"):
        bits.append(f"call {data['phone']}")
    if data.get("sms"):
        sms = str(data["sms"])
        bits.append(sms if sms.lower().startswith("text") else f"text {sms}")
    if data.get("url"):
        bits.append(str(data["url"]))
    if data.get("hours"):
        bits.append(f"({data['hours']})")
    return " · ".join(bits)


def safety_message(
    content: Content, community_resources: list[dict[str, Any]] | None = None, *, asked: bool = False
) -> Message:
    """The private answer to a message that suggests danger: resources, and nothing else.

    ``asked`` is for someone who asked for the list (``help safety``) rather than a message
    that suggested danger: the same resources, without the "what you shared" opening.
    """
    safety = content.safety
    opening = (
        "These services are free and confidential. If you are in immediate danger, call your local emergency number."
        if asked
        else safety.intro
    )
    lines = [opening, ""]
    if community_resources:
        lines.append("**Your community's resources**")
        lines += [f"• {_resource_line(r)}" for r in community_resources]
        lines.append("")
    by_country: dict[str, list[SafetyResource]] = {}
    for res in safety.resources:
        by_country.setdefault(res.country, []).append(res)
    for country, items in by_country.items():
        label = "International" if country == "INTL" else country
        lines.append(f"**{label}**")
        lines += [f"• {_resource_line(r)}" for r in items]
    lines.append("")
    lines.append("**When to reach out**")
    lines += [f"• {item}" for item in safety.when_to_seek_help]
    title = "People who can help right now" if asked else "You deserve to be safe"
    return Message(text="\n".join(lines), title=title, footer="Only you can see this message.")
