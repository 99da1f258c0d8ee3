"""Request signing and builders for the payloads Slack sends to apps (events, commands, interactions)."""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

__all__ = [
    "app_home_opened",
    "app_uninstalled",
    "member_joined_channel",
    "message_event",
    "sign",
    "tokens_revoked",
]


def sign(secret: str, timestamp: str | int, body: str) -> str:
    """Slack's request signature: ``v0=`` + HMAC-SHA256(secret, ``v0:{timestamp}:{body}``)."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def _ts() -> str:
    return f"{time.time():.6f}"


def message_event(
    channel: str,
    user: str,
    text: str,
    *,
    team: str | None = None,
    channel_type: str = "im",
    ts: str | None = None,
    thread_ts: str | None = None,
    parent_user_id: str | None = None,
    blocks: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A user's ``message`` event (message.im / message.channels; a thread reply with ``thread_ts``)."""
    ts = ts or _ts()
    event: dict[str, Any] = {
        "type": "message",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": channel_type,
        "client_msg_id": f"{abs(hash((channel, ts))) % 10**12:012d}-standin",
    }
    if team:
        event["team"] = team
    if blocks is not None:
        event["blocks"] = blocks
    if thread_ts:
        event["thread_ts"] = thread_ts
        if parent_user_id:
            event["parent_user_id"] = parent_user_id
    return event


def app_home_opened(user: str, channel: str, tab: str = "home", view: dict[str, Any] | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {"type": "app_home_opened", "user": user, "channel": channel, "tab": tab, "event_ts": _ts()}
    if view is not None:
        event["view"] = view
    return event


def app_uninstalled() -> dict[str, Any]:
    return {"type": "app_uninstalled", "event_ts": _ts()}


def tokens_revoked(bot: list[str] | None = None, oauth: list[str] | None = None) -> dict[str, Any]:
    """``tokens_revoked``: user ids whose bot / user (oauth) tokens were revoked."""
    return {"type": "tokens_revoked", "tokens": {"oauth": oauth or [], "bot": bot or []}, "event_ts": _ts()}


def member_joined_channel(
    user: str, channel: str, team: str, channel_type: str = "C", inviter: str | None = None
) -> dict[str, Any]:
    event = {
        "type": "member_joined_channel",
        "user": user,
        "channel": channel,
        "channel_type": channel_type,
        "team": team,
        "event_ts": _ts(),
    }
    if inviter:
        event["inviter"] = inviter
    return event
