"""What the bot says when a message suggests danger, or someone asks for help: safety resources, privately."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.content.schema import Content, SafetyResource
from core.models import Message

__all__ = ["order_resources", "safety_message"]

_INTL = "INTL"


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


def order_resources(
    resources: Sequence[SafetyResource], countries: Sequence[str], language: str = "en"
) -> list[tuple[str, list[SafetyResource]]]:
    """Resources grouped by country: the member's and community's ``countries`` first, then the
    countries whose services speak ``language`` (when it is not English), then international ones,
    then the rest in content order."""
    groups: dict[str, list[SafetyResource]] = {}
    for res in resources:
        groups.setdefault(res.country, []).append(res)
    order = [c for c in dict.fromkeys(countries) if c in groups]
    if language != "en":
        order += [c for c, items in groups.items() if c != _INTL and any(language in r.languages for r in items)]
    order += [_INTL] if _INTL in groups else []
    order += list(groups)
    seen = list(dict.fromkeys(order))
    return [(country, groups[country]) for country in seen]


def safety_message(
    content: Content,
    community_resources: list[dict[str, Any]] | None = None,
    *,
    asked: bool = False,
    language: str = "en",
    countries: Sequence[str] = (),
) -> Message:
    """The private answer to a message that suggests danger: resources, and nothing else.

    ``asked`` is for someone who asked for the list (``help safety``) rather than a message
    that suggested danger: the same resources, without the "what you shared" opening. The
    words are in ``language`` where we have them; services are ordered for ``countries``.
    """
    safety = content.safety
    words = safety.text(language)
    lines = [words.asked_intro if asked else words.intro, ""]
    if community_resources:
        lines.append(f"**{words.community_heading}**")
        lines += [f"{number}. {_resource_line(r)}" for number, r in enumerate(community_resources, start=1)]
        lines.append("")
    groups = order_resources(safety.resources, countries, language)
    if countries or language != "en":  # we know where the member is, or their language: those services only
        fits = set(countries) | {_INTL}
        speaks = language != "en"
        groups = [
            (c, items) for c, items in groups if c in fits or (speaks and any(language in r.languages for r in items))
        ]
    for country, items in groups:
        lines.append(f"**{words.international if country == _INTL else country}**")
        lines += [f"• {_resource_line(r)}" for r in items]
    lines.append("")
    lines.append(f"**{words.when_heading}**")
    lines += [f"• {item}" for item in words.when_to_seek_help]
    return Message(text="\n".join(lines), title=words.asked_title if asked else words.title, footer=words.footer)
