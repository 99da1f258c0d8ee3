"""One claimed delivery: the idempotency key of each send, and the steps an interrupted attempt finished."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.storage.deliveries import DeliveryRepo

__all__ = ["Delivery"]


@dataclass
class Delivery:
    """Handed to whoever sends a claimed delivery.

    Each platform send passes ``key_for(step)`` as its idempotency key, so a resend after a
    crash returns the first post instead of posting again; each finished step is recorded
    with :meth:`record`, so a resumed attempt skips it (``steps`` holds what is done).

    Example::

        ref = delivery.steps.get("message") or await port.post(..., key=delivery.key_for("message"))
        await delivery.record("message", ref)
    """

    key: str
    repo: DeliveryRepo
    steps: dict[str, Any] = field(default_factory=dict)
    maybe_sent: bool = False  # an earlier attempt may have reached the platform (pass it to the port)

    def key_for(self, step: str) -> str:
        return f"{self.key}#{step}"

    async def record(self, step: str, value: Any) -> None:
        self.steps[step] = value
        await self.repo.save_steps(self.key, self.steps)
