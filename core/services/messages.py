"""Wording shared by several features: notices, safety resources, prompt posts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from core.content.schema import Content, DeckItem, SafetyResource
from core.models import Message

__all__ = ["format_local", "prompt_message", "safety_message", "thread_title"]


def format_local(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a %d %b %Y %H:%M} {local.tzname()}"


def prompt_message(content: Content, item: DeckItem) -> Message:
    theme = content.theme(item.theme_id) if item.theme_id else None
    title = f"Daily prompt · {theme.label}" if theme else "Daily prompt"
    footer = f"From {theme.source.cite()}. " if theme else ""
    footer += "Share only what you are comfortable sharing here. trustbot is education, not therapy."
    return Message(
        text=f"{item.text}\n\nAnswer in the thread for this prompt.",
        title=title,
        footer=footer,
    )


def thread_title(item: DeckItem, local_date: date) -> str:
    text = item.text if len(item.text) <= 70 else item.text[:69].rstrip() + "…"
    return f"{local_date:%d %b} · {text}"


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
