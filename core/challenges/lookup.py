"""Finds the challenge run a command means: by id, by button, by thread, the member's own or the current one."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from core.challenges.dates import last_date, phase_at
from core.challenges.input import parse_run_id
from core.challenges.store import ACTIVE, ChallengeMemberRecord, ChallengeRepo, ChallengeRunRecord
from core.errors import UserError
from core.formatting import format_local
from core.storage.records import CommunityRecord

if TYPE_CHECKING:
    from core.feature import Context
    from core.storage.store import Store

__all__ = ["ChallengeLookup", "which_text"]


def which_text(runs: list[ChallengeRunRecord], what: str) -> str:
    """The refusal when several runs fit and the member must add ``id:N`` to ``what`` (join, leave, mark)."""
    listed = ", ".join(f"#{run.id} “{run.title}”" for run in runs)
    return f"Several challenges fit: {listed}. Add id:N to say which one to {what}."


class ChallengeLookup:
    """Reads runs for commands and buttons; raises :class:`UserError` when none (or several) fit."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def in_community(self, community: CommunityRecord, value: str) -> ChallengeRunRecord:
        """The run with the id typed in ``value``, which must belong to ``community``."""
        run_id = parse_run_id(value)
        run = await self.store.repo(ChallengeRepo).get(run_id)
        if run is None or run.community_id != community.id:
            raise UserError(
                f"There is no challenge #{run_id} in this community. `/trust challenge list` shows the ids."
            )
        return run

    async def from_button(self, ctx: Context, value: str, *, joining: bool) -> ChallengeRunRecord:
        """The run named by a Join or Done button's value (``{run}`` or ``{run}:{day}``).

        A press from outside any community (a DM, or a forwarded or forged press) only counts for
        someone already in the run's community (to join) or already taking part (to mark a day).
        """
        try:
            run_id = int(value.split(":")[0])
        except ValueError:
            raise UserError("That button no longer works. Use `/trust challenge join` instead.") from None
        repo = self.store.repo(ChallengeRepo)
        run = await repo.get(run_id)
        if run is None or (ctx.community is not None and ctx.community.id != run.community_id):
            raise UserError("That challenge no longer exists. `/trust challenge join` joins the current one.")
        if ctx.community is None:
            if joining and run.community_id not in {
                c.id for c in await self.store.communities.for_member(ctx.member.id)
            }:
                raise UserError(
                    f"You can join “{run.title}” only from its community: press Join in the challenge's thread, or "
                    "use `/trust challenge join` there. Nothing was changed."
                )
            if not joining and await repo.membership(run.id, ctx.member.id) is None:
                raise UserError(
                    f"You are not taking part in “{run.title}”, so there is nothing to mark. Join it in the "
                    "challenge's thread first. Nothing was saved."
                )
        return run

    async def in_thread(self, ctx: Context, community: CommunityRecord) -> ChallengeRunRecord | None:
        """The run whose thread the command was used in, if any."""
        if ctx.place.kind == "thread" and ctx.place.thread:
            return await self.store.repo(ChallengeRepo).by_thread(community.id, ctx.place.thread)
        return None

    async def mine(
        self, ctx: Context, community: CommunityRecord | None
    ) -> list[tuple[ChallengeRunRecord, ChallengeMemberRecord]]:
        """The runs the member has joined (in ``community``, or anywhere when None), with their membership."""
        found = []
        for membership in await self.store.repo(ChallengeRepo).memberships(ctx.member.id):
            if community is not None and membership.community_id != community.id:
                continue
            run = await self.store.repo(ChallengeRepo).get(membership.run_id)
            if run is not None:
                found.append((run, membership))
        return found

    async def to_join(self, ctx: Context, community: CommunityRecord) -> ChallengeRunRecord:
        """Without an id: this thread's run, else the running one, else the next scheduled one."""
        here = await self.in_thread(ctx, community)
        if here is not None and here.active:
            return here
        runs = await self.store.repo(ChallengeRepo).for_community(community.id, ACTIVE)
        running = [run for run in runs if run.status == "running"]
        if len(running) > 1:
            raise UserError(which_text(running, "join"))
        if running:
            return running[0]
        if not runs:
            raise UserError(
                "No challenge is running or scheduled here right now. Moderators can start one with "
                "`/trust challenge schedule`."
            )
        return min(runs, key=lambda run: (phase_at(run, run.next_step), run.id))

    async def to_leave(self, ctx: Context, community: CommunityRecord) -> ChallengeRunRecord | None:
        """Without an id: the one active run the member is in (None when they are in none)."""
        mine = [run for run, _ in await self.mine(ctx, community) if run.active]
        if not mine:
            return None
        if len(mine) > 1:
            raise UserError(which_text(mine, "leave"))
        return mine[0]

    async def to_mark(self, ctx: Context, community: CommunityRecord) -> ChallengeRunRecord:
        """Without an id: this thread's run, else the member's running one, else the community's running one."""
        here = await self.in_thread(ctx, community)
        if here is not None:
            return here
        mine = [run for run, _ in await self.mine(ctx, community) if run.status == "running"]
        if len(mine) > 1:
            raise UserError(which_text(mine, "mark"))
        if mine:
            return mine[0]
        running = await self.store.repo(ChallengeRepo).for_community(community.id, ("running",))
        if len(running) > 1:
            raise UserError(which_text(running, "mark"))
        if running:
            return running[0]
        scheduled = await self.store.repo(ChallengeRepo).for_community(community.id, ("scheduled",))
        if scheduled:
            first = min(scheduled, key=lambda run: (phase_at(run, run.next_step), run.id))
            opens = format_local(phase_at(first, first.next_step), first.zone)
            raise UserError(f"“{first.title}” hasn't started yet: day 1 opens {opens}.")
        raise UserError("No challenge is running here right now, so there is nothing to mark.")

    async def overlapping(
        self, community: CommunityRecord, first: date, end: date, exclude: int | None
    ) -> list[ChallengeRunRecord]:
        """The community's active runs (but ``exclude``) whose days meet [first, end]."""
        runs = await self.store.repo(ChallengeRepo).for_community(community.id, ACTIVE)
        return [run for run in runs if run.id != exclude and run.start_date <= end and first <= last_date(run)]
