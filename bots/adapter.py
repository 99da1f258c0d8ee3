"""What every platform adapter's bot shares: the core it serves (attached after both exist) and its DM channel table."""

from __future__ import annotations

from typing import ClassVar

from core.app import TrustCore

__all__ = ["AdapterBot"]


class AdapterBot:
    """Base for an adapter's bot: ``attach`` the core once it is built (the core needs the bot's port first)."""

    platform: ClassVar[str] = ""

    def __init__(self) -> None:
        self._core: TrustCore | None = None

    @property
    def core(self) -> TrustCore:
        if self._core is None:
            raise RuntimeError(f"attach the core before serving {self.platform}")
        return self._core

    def attach(self, core: TrustCore) -> None:
        self._core = core

    async def _dm_lookup(self, user_id: str) -> str | None:
        return await self.core.dm_channel(self.platform, user_id)

    async def _dm_remember(self, user_id: str, channel: str) -> None:
        await self.core.remember_dm_channel(self.platform, user_id, channel)
