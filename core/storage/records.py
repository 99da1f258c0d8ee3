"""Plain records returned by the repositories (no SQLAlchemy objects leave storage)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

__all__ = [
    "CommunityRecord",
    "DeliveryRecord",
    "MemberRecord",
    "ScheduleRecord",
    "days_from_mask",
    "mask_from_days",
]


def mask_from_days(days: frozenset[int]) -> int:
    return sum(1 << d for d in days)


def days_from_mask(mask: int) -> frozenset[int]:
    return frozenset(d for d in range(7) if mask & (1 << d))


@dataclass(frozen=True)
class CommunityRecord:
    id: int
    platform: str
    external_id: str
    name: str
    timezone: str | None
    moderator_role: str | None
    settings: dict[str, Any] = field(default_factory=dict)
    removed_at: datetime | None = None
    partition: int | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone or "UTC")


@dataclass(frozen=True)
class MemberRecord:
    id: int
    platform: str
    external_id: str
    display_name: str
    dm_blocked: bool


@dataclass(frozen=True)
class ScheduleRecord:
    id: int
    community_id: int
    kind: str
    channel_ref: str
    channel_name: str
    timezone: str
    local_time: time
    weekdays: frozenset[int]
    paused: bool
    next_run_at: datetime | None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class DeliveryRecord:
    key: str
    kind: str
    status: str
    attempts: int
    scheduled_for: datetime
    sent_at: datetime | None
    ref: str | None
    error: str | None
    steps: dict[str, Any] = field(default_factory=dict)
