"""Evenly spaced send slots for the adapters' outbound requests (ahead of the platforms' limits)."""

from __future__ import annotations

import asyncio

__all__ = ["Pacer"]


class Pacer:
    """Hands out evenly spaced send slots, ``rate`` a second, never in a burst.

    Why not aiolimiter: its leaky bucket either allows a burst of its whole capacity (a bucket
    of 46 draws 429s at the start) or, with a bucket of one, wakes waiters on their own timers
    and delivers about 41 a second instead of 46 (measured); both miss the targets here.
    A slot whose moment passed while the event loop was busy is not used late (that would
    bunch requests): the request takes the next free slot instead.
    """

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            slot = max(now, self._next)
            self._next = slot + self.interval
            if slot > now:
                await asyncio.sleep(slot - now)
            if loop.time() - slot <= self.interval:
                return
