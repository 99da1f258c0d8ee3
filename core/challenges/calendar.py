"""What challenges tell other features: their upcoming posts, the day's theme and a line for the weekly reflection."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from core.challenges.dates import day_date, last_date, phase_at
from core.challenges.store import ACTIVE, ChallengeRepo, ChallengeRunRecord
from core.storage.records import CommunityRecord

if TYPE_CHECKING:
    from core.feature import Deps

__all__ = ["ChallengeCalendar"]


class ChallengeCalendar:
    """Reads a community's runs for ``/trust status``, the weekly reflection's theme and its summary lines."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def upcoming(self, community: CommunityRecord, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        """Each intro, day and summary due in [start, end], described for moderators."""
        items: list[tuple[datetime, str]] = []
        for run in await self.deps.store.repo(ChallengeRepo).for_community(community.id, ACTIVE):
            for step in range(run.next_step, run.days + 2):
                at = phase_at(run, step)
                if at > end:
                    break
                if at < start:
                    continue
                if step > run.days:
                    items.append((at, f"challenge “{run.title}” (#{run.id}): summary in its thread"))
                elif run.thread_ref is None and step == run.next_step:
                    items.append(
                        (at, f"challenge “{run.title}” (#{run.id}) starts in #{run.channel_name}: intro, thread and "
                         f"day {step} of {run.days}, {run.step(step).title}")
                    )  # fmt: skip
                else:
                    items.append(
                        (at, f"challenge “{run.title}” (#{run.id}) day {step} of {run.days}: {run.step(step).title}")
                    )
        return items

    async def current_theme(self, community: CommunityRecord, local_date: date) -> str | None:
        """The theme of the step posted (or due) on ``local_date``, if a run has one that day."""
        repo = self.deps.store.repo(ChallengeRepo)
        for run in await repo.for_community(community.id, ("running", "scheduled", "finished")):
            if not run.start_date <= local_date <= last_date(run):
                continue
            for posted in await repo.days(run.id):
                if posted.local_date == local_date and posted.status == "posted":
                    theme = run.step(posted.day).theme
                    if theme:
                        return theme
            if run.active:
                for day in range(run.next_step, run.days + 1):
                    if day_date(run, day) == local_date and run.step(day).theme:
                        return run.step(day).theme
        return None

    async def reflection_lines(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        """One line on the latest run that posted days in [start, end); participants only for big enough groups."""
        repo = self.deps.store.repo(ChallengeRepo)
        found: tuple[ChallengeRunRecord, list[int]] | None = None
        for candidate in await repo.for_community(community.id, limit=10):  # the latest start first
            posted = await repo.days(candidate.id)
            days = [d.day for d in posted if d.status == "posted" and start <= d.scheduled_for < end]
            if days:
                found = (candidate, days)
                break
        if found is None:
            return []
        run, days = found
        span = f"day {days[0]}" if len(days) == 1 else f"days {min(days)}–{max(days)}"
        line = f"Challenge “{run.title}”: {span} of {run.days} went out this week"
        count = await repo.participant_count(run.id)
        if count >= self.deps.settings.min_group_size:
            line += f", with {count} people taking part"
        line += "."
        if run.active:
            line += " You can still join with `/trust challenge join`."
        elif run.status == "finished":
            line += " It has finished; the summary is in its thread."
        return [line]
