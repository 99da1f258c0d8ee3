"""The members' side of challenges: joining, marking days done, private progress and their exported data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.challenges.dates import current_day, day_at, is_open, phase_at
from core.challenges.lookup import ChallengeLookup
from core.challenges.messages import ENDED, days_label, progress_bar
from core.challenges.store import ChallengeMemberRecord, ChallengeRepo, ChallengeRunRecord
from core.errors import UserError
from core.formatting import format_local
from core.storage.records import MemberRecord

if TYPE_CHECKING:
    from core.feature import Context
    from core.storage.store import Store

__all__ = ["ChallengeMembership"]


class ChallengeMembership:
    """Does what a member asks of a challenge run and answers with the text of their private reply."""

    def __init__(self, store: Store, lookup: ChallengeLookup) -> None:
        self.store = store
        self.lookup = lookup

    async def join(self, ctx: Context, run: ChallengeRunRecord, dm: bool | None) -> str:
        """Join ``run`` (again), turning its daily DMs on or off when ``dm`` says so."""
        store = self.store
        if not run.active:
            raise UserError(f"“{run.title}” {ENDED.get(run.status, 'has ended')}, so it can't be joined any more.")
        created = await store.repo(ChallengeRepo).join(run.id, ctx.member.id, run.community_id, ctx.now, dm)
        membership = await store.repo(ChallengeRepo).membership(run.id, ctx.member.id)
        lines = [f"You joined “{run.title}”." if created else f"You are already in “{run.title}”."]
        if dm is True:
            lines.append("I'll also DM you each day's step.")
            if ctx.member.dm_blocked:
                await store.members.set_dm_blocked(ctx.member.id, False)
                lines.append(
                    "Earlier my DMs to you were refused. If they still are, I'll switch these off again; I never post "
                    "them in public instead."
                )
        elif dm is False:
            lines.append("No DMs: each day's step is in the challenge's thread.")
        elif created or (membership is not None and not membership.dm):
            lines.append(
                "Each day's step is in the challenge's thread. `/trust challenge join dm:yes` also DMs it to you."
            )
        if run.status == "scheduled":
            lines.append(f"It starts {format_local(phase_at(run, run.next_step), run.zone)} in #{run.channel_name}.")
        else:
            day = current_day(run, ctx.now)
            if day:
                step = run.step(day)
                lines.append(f"\nToday is day {day} of {run.days}: **{step.title}**\n{step.text}")
                lines.append("Mark it done with the button under the day's post or `/trust challenge done`.")
        lines.append("Your progress is private. `/trust challenge leave` takes you out.")
        return "\n".join(lines)

    async def mark(self, ctx: Context, run: ChallengeRunRecord, day: int | None) -> str:
        """Mark ``day`` (default: today's) done, joining the run first if needed."""
        store = self.store
        if run.status == "scheduled":
            raise UserError(
                f"“{run.title}” hasn't started yet: day 1 opens {format_local(phase_at(run, run.next_step), run.zone)}."
            )
        if not run.active:
            raise UserError(
                f"“{run.title}” {ENDED.get(run.status, 'has ended')}, so days can't be marked any more. "
                "`/trust challenge progress` shows your result."
            )
        today = current_day(run, ctx.now)
        day = today if day is None else day
        if not 1 <= day <= run.days:
            raise UserError(f"“{run.title}” has days 1 to {run.days}; there is no day {day}. Nothing was saved.")
        if not is_open(run, day, ctx.now):
            raise UserError(
                f"Day {day} hasn't started yet: it opens {format_local(day_at(run, day), run.zone)}. You can mark "
                f"today's step (day {today}) or earlier ones. Nothing was saved."
            )
        joined = await store.repo(ChallengeRepo).join(run.id, ctx.member.id, run.community_id, ctx.now, None)
        first = await store.repo(ChallengeRepo).mark_done(run.id, ctx.member.id, day, ctx.now)
        done = await store.repo(ChallengeRepo).done_days(run.id, ctx.member.id)
        lines = [
            f"Day {day} marked done. Nice work." if first else f"Day {day} was already marked done; nothing changed."
        ]
        if joined:
            lines.append(f"You have joined “{run.title}” (`/trust challenge leave` takes you out).")
        lines.append(f"Day {today} of {run.days} · {len(done)} done {progress_bar(run.days, done)}")
        return "\n".join(lines)

    async def progress(self, ctx: Context) -> list[str]:
        """One block per active run the member is in (else their latest ended one); empty when they joined none."""
        mine = await self.lookup.mine(ctx, ctx.community)
        shown = [(run, m) for run, m in mine if run.active]
        if not shown:
            ended = sorted((pair for pair in mine if pair[0].ended_at), key=lambda pair: pair[0].ended_at or ctx.now)
            shown = ended[-1:]
        return [await self._progress_block(ctx, run, membership) for run, membership in shown]

    async def _progress_block(self, ctx: Context, run: ChallengeRunRecord, membership: ChallengeMemberRecord) -> str:
        done = await self.store.repo(ChallengeRepo).done_days(run.id, ctx.member.id)
        bar = progress_bar(run.days, done)
        lines = [f"**{run.title}** (#{run.id})"]
        if run.status == "scheduled":
            lines.append(
                f"Starts {format_local(phase_at(run, run.next_step), run.zone)} · {days_label(run.days)} {bar}"
            )
        elif run.status == "running":
            day = current_day(run, ctx.now)
            lines.append(f"Day {day} of {run.days} · {len(done)} done {bar}")
            if day and day not in done:
                lines.append(
                    f"Today's step, **{run.step(day).title}**, is still open: `/trust challenge done` marks it."
                )
        elif run.status == "finished":
            lines.append(f"Finished · {len(done)} of {run.days} done {bar}")
        else:
            lines.append(f"Ended early ({ENDED.get(run.status, run.status)}) · {len(done)} done {bar}")
        if membership.dm and run.active:
            lines.append("Each day's step also comes by DM.")
        elif ctx.member.dm_blocked and run.active:
            lines.append(
                "My DMs to you were refused, so daily DMs are off. Open your DMs to the bot and use "
                "`/trust challenge join dm:yes` to get them again."
            )
        return "\n".join(lines)

    async def export(self, member: MemberRecord) -> dict[str, Any]:
        """Every run the member joined, with the days they marked done."""
        repo = self.store.repo(ChallengeRepo)
        entries = []
        for membership in await repo.memberships(member.id):
            run = await repo.get(membership.run_id)
            if run is None:
                continue
            done = await repo.done_days(run.id, member.id)
            entries.append(
                {
                    "challenge_run": run.id,
                    "title": run.title,
                    "library_id": run.challenge_id,
                    "status": run.status,
                    "joined_at": membership.joined_at.isoformat(),
                    "daily_dm": membership.dm,
                    "days_done": [{"day": day, "done_at": when.isoformat()} for day, when in sorted(done.items())],
                }
            )
        return {"challenges": entries}
