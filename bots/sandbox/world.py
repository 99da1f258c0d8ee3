"""The sandbox's little world: channels, threads, people and where you are, saved in the database."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from core.storage.kv import KeyValueRepo

__all__ = ["COMMUNITY_ID", "SandboxThread", "SandboxUser", "World"]

COMMUNITY_ID = "sandbox"
_KEY = "sandbox:world"
_KEYS_KEPT = 2000  # like a platform, remember recent keys only


@dataclass
class SandboxUser:
    name: str
    admin: bool = False
    roles: list[str] = field(default_factory=list)


@dataclass
class SandboxThread:
    ref: str
    channel: str
    title: str
    parent: str
    archived: bool = False


@dataclass
class World:
    channels: list[str] = field(default_factory=lambda: ["general", "daily-prompts", "reflections", "challenges"])
    threads: dict[str, SandboxThread] = field(default_factory=dict)
    users: dict[str, SandboxUser] = field(default_factory=lambda: {"owner": SandboxUser("owner", admin=True)})
    me: str = "owner"
    where_kind: str = "channel"
    where_channel: str = "general"
    where_thread: str | None = None
    counters: dict[str, int] = field(default_factory=dict)
    sent_keys: dict[str, str] = field(default_factory=dict)  # idempotency key -> what was posted (newest last)

    def sent_with(self, key: str | None) -> str | None:
        """What a scheduled send with this idempotency key already posted (None: nothing yet)."""
        return self.sent_keys.get(key) if key is not None else None

    def remember_key(self, key: str | None, ref: str) -> str:
        if key is not None:
            self.sent_keys[key] = ref
            while len(self.sent_keys) > _KEYS_KEPT:
                del self.sent_keys[next(iter(self.sent_keys))]
        return ref

    def next_ref(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}{self.counters[prefix]}"

    @classmethod
    async def load(cls, kv: KeyValueRepo) -> World:
        raw = await kv.get(_KEY)
        if raw is None:
            return cls()
        data = json.loads(raw)
        data["threads"] = {k: SandboxThread(**v) for k, v in data.get("threads", {}).items()}
        data["users"] = {k: SandboxUser(**v) for k, v in data.get("users", {}).items()}
        return cls(**data)

    async def save(self, kv: KeyValueRepo) -> None:
        await kv.set(_KEY, json.dumps(asdict(self), sort_keys=True))
