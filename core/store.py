"""Composition: the store with every capability's repository by name (for the sandbox, tools and tests)."""

from __future__ import annotations

from core.challenges.store import ChallengeRepo
from core.checkins.store import CheckinRepo
from core.guidance.store import PrefsRepo, TipHistoryRepo
from core.prompts.store import PromptRepo
from core.reflections.store import ReflectionRepo
from core.storage import platform_tables  # noqa: F401  (the adapters' tables join the one metadata)
from core.storage.store import Store as SharedStore

__all__ = ["Store"]


class Store(SharedStore):
    """The shared store plus each capability's repository as an attribute (the same instances :meth:`repo` gives)."""

    @property
    def prompts(self) -> PromptRepo:
        return self.repo(PromptRepo)

    @property
    def prefs(self) -> PrefsRepo:
        return self.repo(PrefsRepo)

    @property
    def tips(self) -> TipHistoryRepo:
        return self.repo(TipHistoryRepo)

    @property
    def challenges(self) -> ChallengeRepo:
        return self.repo(ChallengeRepo)

    @property
    def checkins(self) -> CheckinRepo:
        return self.repo(CheckinRepo)

    @property
    def reflections(self) -> ReflectionRepo:
        return self.repo(ReflectionRepo)
