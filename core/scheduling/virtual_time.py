"""Moving a virtual clock forward through every due moment (the sandbox and tests use it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from core.clock import VirtualClock

__all__ = ["Tickable", "run_until"]

_MAX_STEPS = 100_000


class Tickable(Protocol):
    """Something with due work: the core."""

    async def tick(self) -> int: ...

    async def next_due(self) -> datetime | None: ...


async def run_until(clock: VirtualClock, target: datetime, cores: Sequence[Tickable]) -> None:
    """Advance ``clock`` to ``target``, stopping at each due moment on the way and ticking every core there.

    Several cores stand for several processes on one database. Time never moves backwards.
    """
    for _ in range(_MAX_STEPS):
        dues = [due for due in [await core.next_due() for core in cores] if due is not None]
        due = min(dues) if dues else None
        if due is None or due > target:
            break
        if due > clock.now():
            clock.set(due)
        for core in cores:
            await core.tick()
        after = [d for d in [await core.next_due() for core in cores] if d is not None]
        if after and min(after) == due:
            break  # nothing moved: do not spin
    clock.set(max(target, clock.now()))
    for core in cores:
        await core.tick()
