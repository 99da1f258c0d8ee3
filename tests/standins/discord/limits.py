"""Discord-style rate limits: a sliding global window per bot token and fixed-window per-route buckets."""

from __future__ import annotations

import hashlib
import time
from bisect import insort
from collections import deque
from dataclasses import dataclass, field

__all__ = [
    "MAJOR_PARAMETERS",
    "BucketDecision",
    "BucketSpec",
    "RateLimiter",
    "default_buckets",
]

MAJOR_PARAMETERS = ("channel_id", "guild_id", "webhook_id", "webhook_token", "interaction_id", "interaction_token")
"""Path parameters that split a bucket into one limit per resource, as in Discord."""


@dataclass(frozen=True)
class BucketSpec:
    """A named bucket: ``limit`` requests per ``per`` seconds for each distinct value of the major parameters."""

    name: str
    limit: int
    per: float
    routes: tuple[tuple[str, str], ...]

    @property
    def hash(self) -> str:
        return hashlib.sha1(self.name.encode()).hexdigest()[:32]


def default_buckets(
    message_rate: tuple[int, float] = (5, 5.0), thread_rate: tuple[int, float] = (10, 10.0)
) -> list[BucketSpec]:
    """Discord's per-channel message bucket and a per-channel thread-creation bucket."""
    return [
        BucketSpec("create-message", message_rate[0], message_rate[1], (("POST", "/channels/{channel_id}/messages"),)),
        BucketSpec(
            "create-thread",
            thread_rate[0],
            thread_rate[1],
            (
                ("POST", "/channels/{channel_id}/messages/{message_id}/threads"),
                ("POST", "/channels/{channel_id}/threads"),
            ),
        ),
    ]


@dataclass
class BucketDecision:
    """Outcome of taking one request from a bucket, with the headers Discord would send."""

    allowed: bool
    headers: dict[str, str]
    retry_after: float = 0.0
    bucket: str = ""


@dataclass
class _Window:
    ends: float
    used: int = 0


@dataclass
class RateLimiter:
    """Counts requests; ``global_rate=None`` disables the global limit, ``default_rate=None`` the default buckets."""

    global_rate: int | None = 50
    buckets: list[BucketSpec] = field(default_factory=default_buckets)
    default_rate: tuple[int, float] | None = (50, 1.0)
    global_window: float = 1.0
    _global: dict[str, deque[float]] = field(default_factory=dict)
    _windows: dict[str, _Window] = field(default_factory=dict)
    _by_route: dict[tuple[str, str], BucketSpec] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for spec in self.buckets:
            for route in spec.routes:
                self._by_route[route] = spec

    def check_global(self, token: str, now: float | None = None) -> float | None:
        """Count a request against the token's global window; returns retry_after when it is over the limit."""
        if self.global_rate is None:
            return None
        now = time.monotonic() if now is None else now
        window = self._global.setdefault(token, deque())
        while window and window[0] <= now - self.global_window:
            window.popleft()
        if len(window) >= self.global_rate:
            return max(window[0] + self.global_window - now, 0.001)
        insort(window, now)  # moments may come slightly out of order (each request's own latency)
        return None

    def spec_for(self, method: str, template: str) -> BucketSpec | None:
        spec = self._by_route.get((method, template))
        if spec is None and self.default_rate is not None:
            name = f"{method} {template}"
            spec = BucketSpec(name, self.default_rate[0], self.default_rate[1], ((method, template),))
            self._by_route[(method, template)] = spec
        return spec

    def take(self, method: str, template: str, params: dict[str, str], now: float | None = None) -> BucketDecision:
        """Take one request from the route's bucket (keyed by its major parameters)."""
        spec = self.spec_for(method, template)
        if spec is None:
            return BucketDecision(True, {})
        now = time.monotonic() if now is None else now
        major = ":".join(params[p] for p in MAJOR_PARAMETERS if p in params)
        key = f"{spec.name}:{major}"
        window = self._windows.get(key)
        if window is None or now >= window.ends:
            window = self._windows[key] = _Window(now + spec.per)
        allowed = window.used < spec.limit
        if allowed:
            window.used += 1
        reset_after = max(window.ends - now, 0.0)
        headers = {
            "X-RateLimit-Limit": str(spec.limit),
            "X-RateLimit-Remaining": str(max(spec.limit - window.used, 0)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": spec.hash,
        }
        return BucketDecision(allowed, headers, 0.0 if allowed else max(reset_after, 0.001), spec.name)
