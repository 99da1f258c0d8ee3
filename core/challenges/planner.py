"""The moderators' side of challenges: the library, scheduling, the list, moving and cancelling runs."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from core.challenges.dates import current_day, last_date, phase_at
from core.challenges.input import community_zone, first_day, parse_yes_no
from core.challenges.lookup import ChallengeLookup
from core.challenges.messages import ENDED, cancel_message, days_label
from core.challenges.store import ChallengeRepo, ChallengeRunRecord, ChallengeStep
from core.errors import DeliveryError, UserError
from core.formatting import format_local
from core.storage.records import CommunityRecord
from core.validation import parse_local_time

if TYPE_CHECKING:
    from core.feature import Context, Deps

__all__ = ["DEFAULT_TIME", "ChallengePlanner"]

logger = logging.getLogger(__name__)

DEFAULT_TIME = time(9, 0)


def _clash_text(other: ChallengeRunRecord) -> str:
    state = "is running" if other.status == "running" else "is scheduled"
    return (
        f"That would overlap “{other.title}” (#{other.id}), which {state} from {other.start_date:%a %d %b} to "
        f"{last_date(other):%a %d %b}. Choose dates after it, move it with `/trust challenge reschedule`, or add "
        "overlap:yes to run both at once. Nothing was saved."
    )


def _overlap(args: dict[str, str]) -> bool:
    return parse_yes_no(args["overlap"], "overlap") if args.get("overlap", "").strip() else False


class ChallengePlanner:
    """Does what moderators ask of challenge runs and answers with the text of their private reply.

    Bad input raises :class:`UserError` before anything is saved.
    """

    def __init__(self, deps: Deps, lookup: ChallengeLookup) -> None:
        self.deps = deps
        self.lookup = lookup

    def library(self, ctx: Context) -> str:
        """The library's challenges with their sources, and how to schedule one."""
        challenges = self.deps.content.challenges
        if not challenges:
            return "The library is empty. Create your own with `/trust challenge create`."
        blocks = []
        for challenge in challenges:
            sources = "; ".join(source.cite() for source in challenge.sources)
            blocks.append(
                f"**{challenge.title}** · id `{challenge.id}` · {days_label(len(challenge.days))}\n"
                f"{challenge.summary}\nSource: {sources}"
            )
        zone = ctx.community.zone if ctx.community else ZoneInfo("UTC")
        tomorrow = (ctx.now.astimezone(zone).date() + timedelta(days=1)).isoformat()
        blocks.append(
            f"Schedule one with `/trust challenge schedule challenge:{challenges[0].id} start:{tomorrow}`, "
            "or write your own with `/trust challenge create`."
        )
        return "\n\n".join(blocks)

    async def create(
        self, ctx: Context, community: CommunityRecord, args: dict[str, str], challenge_id: str | None, title: str,
        steps: list[ChallengeStep],
    ) -> str:  # fmt: skip
        """Schedule a run of ``steps`` from the start, time, channel and overlap options in ``args``."""
        store = self.deps.store
        zone = community_zone(community)
        prompt = await store.schedules.get(community.id, "prompt")
        if args.get("time", "").strip():
            at = parse_local_time(args["time"])
        else:
            at = prompt.local_time if prompt else DEFAULT_TIME
        first, instant = first_day(ctx.now, zone, args["start"], at)
        if args.get("channel", "").strip():
            channel = await ctx.port.resolve_channel(community.external_id, args["channel"])
            if channel is None:
                raise UserError(
                    f"I can't find a channel called {args['channel'][:80]} that I can post in. Check the name, and "
                    "that I may post and create threads there. Nothing was saved."
                )
            channel_ref, channel_name = channel.ref, channel.name
        elif prompt is not None:
            channel_ref, channel_name = prompt.channel_ref, prompt.channel_name
        else:
            raise UserError(
                "Choose a channel, e.g. channel:#challenges (there is no daily-prompt channel yet). Nothing was saved."
            )
        overlap = _overlap(args)
        end = first + timedelta(days=len(steps) - 1)
        clashes = await self.lookup.overlapping(community, first, end, exclude=None)
        if clashes and not overlap:
            raise UserError(_clash_text(clashes[0]))
        run = await store.repo(ChallengeRepo).create_run(
            community.id, challenge_id=challenge_id, title=title, steps=steps, channel_ref=channel_ref,
            channel_name=channel_name, timezone=zone.key, local_time=at, start_date=first, next_run_at=instant,
            now=ctx.now,
        )  # fmt: skip
        logger.info("member %s scheduled challenge run %s in community %s", ctx.member.id, run.id, community.id)
        lines = [
            f"“{title}” (#{run.id}) starts {format_local(instant, zone)} in #{channel_name}: a thread opens with an "
            f"intro and day 1, then one step a day at {at:%H:%M} until {end:%a %d %b}. The summary follows on "
            f"{end + timedelta(days=1):%a %d %b}.",
            "Members join with the button on the intro or `/trust challenge join`.",
        ]
        if clashes:
            others = ", ".join(f"“{other.title}” (#{other.id})" for other in clashes)
            lines.append(f"It overlaps {others}, as you asked.")
        return "\n".join(lines)

    async def _participants(self, run: ChallengeRunRecord) -> str:
        count = await self.deps.store.repo(ChallengeRepo).participant_count(run.id)
        least = self.deps.settings.min_group_size
        if count == 0:
            return "nobody has joined yet"
        if count < least:
            return f"fewer than {least} participants"
        return f"{count} participants"

    async def listing(self, ctx: Context, community: CommunityRecord) -> str:
        """Running, scheduled and recently ended runs with their ids."""
        runs = await self.deps.store.repo(ChallengeRepo).for_community(community.id)
        if not runs:
            return "No challenges yet. `/trust challenge library` shows what you can schedule."
        running = [r for r in runs if r.status == "running"]
        scheduled = sorted((r for r in runs if r.status == "scheduled"), key=lambda r: (r.start_date, r.id))
        ended = [r for r in runs if not r.active][:10]
        lines: list[str] = []
        if running:
            lines.append("**Running**")
            for run in running:
                day = current_day(run, ctx.now)
                lines.append(
                    f"• #{run.id} “{run.title}” — day {day} of {run.days} in #{run.channel_name} at "
                    f"{run.local_time:%H:%M}, until {last_date(run):%a %d %b}; {await self._participants(run)}"
                )
        if scheduled:
            lines.append("**Scheduled**")
            for run in scheduled:
                lines.append(
                    f"• #{run.id} “{run.title}” — starts {format_local(phase_at(run, run.next_step), run.zone)} in "
                    f"#{run.channel_name}, {days_label(run.days)}; {await self._participants(run)}"
                )
        if ended:
            lines.append("**Ended**")
            for run in ended:
                when = f" on {run.ended_at.astimezone(run.zone):%a %d %b %Y}" if run.ended_at else ""
                lines.append(f"• #{run.id} “{run.title}” — {ENDED.get(run.status, run.status)}{when}")
        lines.append("")
        lines.append(
            "Change one with `/trust challenge reschedule id:N start:YYYY-MM-DD` or `/trust challenge cancel id:N`."
        )
        return "\n".join(lines)

    async def reschedule(
        self, ctx: Context, community: CommunityRecord, run: ChallengeRunRecord, args: dict[str, str]
    ) -> str:
        """Move a run: a new start, or new dates (and time) for the rest of a running one."""
        if not run.active:
            raise UserError(
                f"“{run.title}” (#{run.id}) {ENDED.get(run.status, 'has ended')}, so it can't be moved. Schedule it "
                "again with `/trust challenge schedule`. Nothing was changed."
            )
        if run.next_step > run.days:
            raise UserError(
                f"Every day of “{run.title}” (#{run.id}) has been posted; only its summary is left. "
                "Nothing was changed."
            )
        zone = run.zone
        at = parse_local_time(args["time"]) if args.get("time", "").strip() else run.local_time
        first, instant = first_day(ctx.now, zone, args["start"], at)
        overlap = _overlap(args)
        started = run.status == "running"
        moved = replace(
            run,
            local_time=at,
            anchor_day=run.next_step,
            anchor_date=first,
            start_date=run.start_date if started else first,
        )
        clashes = await self.lookup.overlapping(community, moved.start_date, last_date(moved), exclude=run.id)
        if clashes and not overlap:
            raise UserError(_clash_text(clashes[0]))
        changed = await self.deps.store.repo(ChallengeRepo).update(
            run.id, run.version, ctx.now, local_time=at.strftime("%H:%M"), anchor_day=moved.anchor_day,
            anchor_date=first, start_date=moved.start_date, next_run_at=instant,
        )  # fmt: skip
        if not changed:
            raise UserError(
                "That challenge changed just now (a step may have gone out). Nothing was changed; try again."
            )
        end = last_date(moved)
        if started:
            text = (
                f"“{run.title}” (#{run.id}): day {run.next_step} now goes out {format_local(instant, zone)}, and the "
                f"remaining days follow daily at {at:%H:%M} until {end:%a %d %b}. The summary follows on "
                f"{end + timedelta(days=1):%a %d %b}."
            )
        else:
            text = (
                f"“{run.title}” (#{run.id}) now starts {format_local(instant, zone)}, with one step a day at "
                f"{at:%H:%M} until {end:%a %d %b}. The summary follows on {end + timedelta(days=1):%a %d %b}."
            )
        if clashes:
            text += f"\nIt overlaps “{clashes[0].title}” (#{clashes[0].id}), as you asked."
        return text

    async def cancel(self, ctx: Context, community: CommunityRecord, run: ChallengeRunRecord) -> str:
        """End a run as cancelled and leave a short note in its thread (if it has one)."""
        if not run.active or not await self.deps.store.repo(ChallengeRepo).end(run.id, "cancelled", ctx.now):
            fresh = await self.deps.store.repo(ChallengeRepo).get(run.id) or run
            raise UserError(
                f"“{run.title}” (#{run.id}) {ENDED.get(fresh.status, 'has ended')} already. Nothing was changed."
            )
        logger.info("member %s cancelled challenge run %s", ctx.member.id, run.id)
        if run.thread_ref is None:
            return f"Cancelled “{run.title}” (#{run.id}). Nothing had been posted yet."
        try:
            await ctx.port.post_in_thread(community.external_id, run.thread_ref, cancel_message(run))
        except DeliveryError as exc:
            logger.warning("cancel note for challenge run %s failed: %s", run.id, exc)
            note = "I could not post a note in its thread (it may have been deleted)."
        else:
            note = "A short note went to its thread."
        return f"Cancelled “{run.title}” (#{run.id}). No more steps will be posted. {note}"
