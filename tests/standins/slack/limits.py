"""Slack-style rate limits: per-method per-workspace tiers (sliding minute) and chat.postMessage per channel."""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field

__all__ = ["METHOD_TIERS", "TIER_PER_MINUTE", "Decision", "RateLimiter"]

TIER_PER_MINUTE = {1: 1, 2: 20, 3: 50, 4: 100}
"""Calls per minute per method per workspace for Slack's tiers 1-4 (the documented floors: "1+", "20+", ...)."""

METHOD_TIERS: dict[str, int | str] = {
    "auth.test": 4,
    "auth.revoke": 3,
    "team.info": 3,
    "users.info": 4,
    "users.list": 2,
    "usergroups.list": 2,
    "usergroups.users.list": 2,
    "conversations.info": 3,
    "conversations.list": 2,
    "conversations.join": 3,
    "conversations.open": 3,
    "conversations.history": 3,
    "conversations.replies": 3,
    "chat.postMessage": "special",
    "chat.postEphemeral": 4,
    "chat.update": 3,
    "chat.delete": 3,
    "views.open": 4,
    "views.update": 4,
    "views.push": 4,
    "views.publish": 4,
    "files.getUploadURLExternal": 4,
    "files.completeUploadExternal": 4,
    "apps.connections.open": 1,
    "apps.uninstall": 1,
    "oauth.v2.access": 4,
}
"""Slack's published tier of each implemented method (``special``: chat.postMessage, ~1 message/s per channel)."""


@dataclass
class Decision:
    allowed: bool
    retry_after: float = 0.0
    scope: str = ""


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class RateLimiter:
    """Counts calls; ``time_scale`` > 1 makes every window shorter (60 = a "minute" lasts one second).

    ``per_minute`` overrides a method's limit (calls per minute per workspace); ``post_rate`` and ``post_burst``
    shape chat.postMessage per channel (token bucket); ``post_team_per_minute`` caps it per workspace.
    """

    time_scale: float = 1.0
    enabled: bool = True
    per_minute: dict[str, int] = field(default_factory=dict)
    default_tier: int = 3
    post_rate: float = 1.0
    post_burst: int = 3
    post_team_per_minute: int = 600
    _windows: dict[tuple[str, str], deque[float]] = field(default_factory=dict)
    _buckets: dict[tuple[str, str], _Bucket] = field(default_factory=dict)

    def limit_for(self, method: str) -> int:
        if method in self.per_minute:
            return self.per_minute[method]
        tier = METHOD_TIERS.get(method, self.default_tier)
        return self.post_team_per_minute if tier == "special" else TIER_PER_MINUTE[int(tier)]

    def _window(self, key: tuple[str, str], limit: int, now: float) -> float | None:
        span = 60.0 / self.time_scale
        window = self._windows.setdefault(key, deque())
        while window and window[0] <= now - span:
            window.popleft()
        if len(window) >= limit:
            return max(window[0] + span - now, 0.001)
        window.append(now)
        return None

    def take(self, method: str, team_id: str, channel: str | None = None, now: float | None = None) -> Decision:
        """Count one call; ``allowed=False`` carries the seconds to wait (Slack sends them rounded up)."""
        if not self.enabled:
            return Decision(True)
        now = time.monotonic() if now is None else now
        if method == "chat.postMessage" and channel and method not in self.per_minute:
            key = (team_id, channel)
            rate = self.post_rate * self.time_scale
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(self.post_burst), now)
            bucket.tokens = min(float(self.post_burst), bucket.tokens + (now - bucket.at) * rate)
            bucket.at = now
            if bucket.tokens < 1.0:
                return Decision(False, (1.0 - bucket.tokens) / rate, f"channel:{channel}")
            wait = self._window((team_id, method), self.limit_for(method), now)
            if wait is not None:
                return Decision(False, wait, f"team:{team_id}")
            bucket.tokens -= 1.0
            return Decision(True)
        wait = self._window((team_id, method), self.limit_for(method), now)
        if wait is not None:
            return Decision(False, wait, f"team:{team_id}")
        return Decision(True)

    @staticmethod
    def header(retry_after: float) -> str:
        """``Retry-After`` as Slack writes it: whole seconds (slack_sdk parses it with ``int``)."""
        return str(max(1, math.ceil(retry_after)))
