"""The store: one object that hands the core its repositories over one database."""

from __future__ import annotations

from core.storage.challenges import ChallengeRepo
from core.storage.checkins import CheckinRepo
from core.storage.communities import CommunityRepo, MemberRepo
from core.storage.db import Database
from core.storage.deliveries import DeliveryRepo
from core.storage.guidance import PrefsRepo, TipHistoryRepo
from core.storage.kv import KeyValueRepo
from core.storage.prompts import PromptRepo
from core.storage.reflections import ReflectionRepo
from core.storage.schedules import ScheduleRepo

__all__ = ["Store"]


class Store:
    """Repositories over one :class:`Database`. Build with :meth:`open`, close with :meth:`close`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.communities = CommunityRepo(db)
        self.members = MemberRepo(db)
        self.schedules = ScheduleRepo(db)
        self.deliveries = DeliveryRepo(db)
        self.prompts = PromptRepo(db)
        self.kv = KeyValueRepo(db)
        self.prefs = PrefsRepo(db)
        self.tips = TipHistoryRepo(db)
        self.challenges = ChallengeRepo(db)
        self.checkins = CheckinRepo(db)
        self.reflections = ReflectionRepo(db)

    @classmethod
    async def open(cls, url: str, *, migrate: bool = True) -> Store:
        db = Database(url)
        if migrate:
            await db.migrate()
        return cls(db)

    async def close(self) -> None:
        await self.db.dispose()
