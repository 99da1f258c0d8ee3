"""Renders neutral messages as plain transcript text."""

from __future__ import annotations

import re
from collections.abc import Callable

from core.models import Attachment, Message

__all__ = ["render_message"]

_INLINE = 20_000  # text attachments up to this size are shown in the transcript


def _plain(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


def render_message(message: Message, save: Callable[[Attachment], str] | None = None) -> str:
    """Title, text, footer and numbered buttons, as plain lines.

    With ``save``, each attachment is written to a file and the line says where (``save`` returns the path).
    """
    parts: list[str] = []
    if message.title:
        parts.append(f"== {_plain(message.title)} ==")
    parts.append(_plain(message.text))
    if message.footer:
        parts.append(f"({_plain(message.footer)})")
    for attachment in message.attachments:
        where = f", saved to {save(attachment)}" if save is not None else ""
        parts.append(f"[attachment: {attachment.filename}, {len(attachment.data):,} bytes{where}]")
        if attachment.content_type.startswith(("application/json", "text/")) and len(attachment.data) <= _INLINE:
            parts.append(attachment.data.decode("utf-8", errors="replace"))
    if message.buttons:
        parts.append("  ".join(f"[{i}: {b.label}]" for i, b in enumerate(message.buttons, 1)))
    if message.form:
        fields = ", ".join(f.id for f in message.form.fields)
        parts.append(
            f"[form {message.form.form_id}: {message.form.title} — fill with :form {fields.replace(', ', '=… ')}=…]"
        )
    return "\n".join(p for p in parts if p)
