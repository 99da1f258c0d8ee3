"""Errors the core understands: a member's mistake, and a platform's refusal to deliver."""

from __future__ import annotations

from typing import Literal

__all__ = ["DeliveryError", "UserError"]


class UserError(Exception):
    """Something a person typed or asked for is not possible; the message says why, plainly."""


class DeliveryError(Exception):
    """An adapter could not deliver a message.

    ``reason`` is one of: ``forbidden`` (403, DMs closed, missing access), ``not_found``
    (deleted channel or thread), ``rate_limited`` (429, with ``retry_after`` seconds),
    ``unavailable`` (5xx, network), ``invalid`` (the platform rejected the payload).
    """

    def __init__(
        self,
        reason: Literal["forbidden", "not_found", "rate_limited", "unavailable", "invalid"],
        detail: str = "",
        retry_after: float | None = None,
    ) -> None:
        self.reason = reason
        self.detail = detail
        self.retry_after = retry_after
        super().__init__(f"{reason}: {detail}" if detail else reason)

    @property
    def retryable(self) -> bool:
        return self.reason in ("rate_limited", "unavailable")
