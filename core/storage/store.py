"""The shared store: the repositories every capability uses, and each capability's own repository on request."""

from __future__ import annotations

from typing import Any, Protocol, Self, TypeVar

from core.storage.communities import CommunityRepo, MemberRepo
from core.storage.db import Database, DatabaseUnavailable
from core.storage.deliveries import DeliveryRepo
from core.storage.kv import KeyValueRepo
from core.storage.schedules import ScheduleRepo

__all__ = ["DatabaseUnavailable", "Store"]


class _Repo(Protocol):
    def __init__(self, db: Database) -> None: ...


_R = TypeVar("_R", bound=_Repo)


class Store:
    """Repositories over one :class:`Database`. Build with :meth:`open`, close with :meth:`close`.

    The shared tables (communities, members, schedules, deliveries, kv) have their repositories
    here; a capability asks for its own with :meth:`repo` (one instance per class, kept), so
    storage never has to know which capabilities exist.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.communities = CommunityRepo(db)
        self.members = MemberRepo(db)
        self.schedules = ScheduleRepo(db)
        self.deliveries = DeliveryRepo(db)
        self.kv = KeyValueRepo(db)
        self._repos: dict[type[Any], Any] = {}

    def repo(self, cls: type[_R]) -> _R:
        """The repository of class ``cls`` over this store's database (built on first use)."""
        found = self._repos.get(cls)
        if found is None:
            found = self._repos[cls] = cls(self.db)
        return found

    @classmethod
    async def open(cls, url: str, *, migrate: bool = True) -> Self:
        """Open ``url`` and bring its schema up to date; :class:`DatabaseUnavailable` says why it could not."""
        db = Database(url)
        if migrate:
            try:
                await db.migrate()
            except BaseException:
                await db.dispose()
                raise
        return cls(db)

    async def close(self) -> None:
        await self.db.dispose()
