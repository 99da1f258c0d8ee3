"""Multi-day challenges: moderators schedule them, a thread carries one step a day, members track progress privately."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from core.challenges.calendar import ChallengeCalendar
from core.challenges.input import (
    TITLE_LENGTH,
    from_library,
    parse_day_number,
    parse_steps,
    parse_title,
    parse_yes_no,
    short_title,
)
from core.challenges.lookup import ChallengeLookup
from core.challenges.membership import ChallengeMembership
from core.challenges.messages import DONE_ACTION, JOIN_ACTION
from core.challenges.planner import ChallengePlanner
from core.challenges.runner import ChallengeRunner
from core.challenges.store import ACTIVE, ChallengeRepo, ChallengeRunRecord, ChallengeStep
from core.commandspec import CommandSpec, Option
from core.errors import UserError
from core.feature import CommandHandler, Context, Deps, Feature, Route, private
from core.models import Reply
from core.storage.records import CommunityRecord, MemberRecord

__all__ = ["ChallengesFeature", "parse_steps"]

_OVERLAP = Option(
    "overlap", "yes: allow it to overlap another challenge", "choice", choices=("yes", "no"), max_length=5
)
_TIME = Option("time", "Daily time, HH:MM (default: the prompt time, else 09:00)", "time", max_length=20)
_CHANNEL = Option("channel", "Channel for its thread (default: the prompt channel)", "channel")
_START = Option("start", "First day, YYYY-MM-DD (or today/tomorrow)", "date", required=True, max_length=20)


class ChallengesFeature(Feature):
    """``/trust challenge ...``: the library, scheduling and the members' side of a challenge.

    Example::

        /trust challenge schedule challenge:nine-steps start:2027-03-08 time:19:00 channel:#challenges
        /trust challenge join dm:yes
        /trust challenge done
    """

    name = "challenges"
    SPECS = (
        CommandSpec(
            ("challenge", "library"),
            "The challenges you can schedule, with their sources",
            audience="moderator",
            example="/trust challenge library",
        ),
        CommandSpec(
            ("challenge", "schedule"),
            "Schedule a challenge from the library (a thread, one step a day)",
            (
                Option(
                    "challenge", "Its id from /trust challenge library", required=True, max_length=100, suggest=True
                ),
                _START,
                _TIME,
                _CHANNEL,
                _OVERLAP,
            ),
            audience="moderator",
            example="/trust challenge schedule challenge:nine-steps start:2027-03-08 time:19:00",
        ),
        CommandSpec(
            ("challenge", "create"),
            "Schedule your own challenge: one step per day",
            (
                Option("title", "Its title (3-80 characters)", required=True, max_length=TITLE_LENGTH[1]),
                Option("days", "The steps, one per day, separated by | (1-30 steps)", required=True, max_length=6000),
                _START,
                _TIME,
                _CHANNEL,
                _OVERLAP,
            ),
            audience="moderator",
            example='/trust challenge create title:"Kind words week" '
            'days:"Thank them for one thing | Ask about their day" start:2027-03-08',
        ),
        CommandSpec(
            ("challenge", "list"), "Scheduled, running and finished challenges, with their ids", audience="moderator"
        ),
        CommandSpec(
            ("challenge", "reschedule"),
            "Move a challenge: a new start, or new dates for the rest of a running one",
            (
                Option(
                    "id", "Its id from /trust challenge list", "integer", required=True, max_length=12, suggest=True
                ),
                Option("start", "New date of its next day, YYYY-MM-DD", "date", required=True, max_length=20),
                Option("time", "New daily time, HH:MM (default: unchanged)", "time", max_length=20),
                _OVERLAP,
            ),
            audience="moderator",
            example="/trust challenge reschedule id:3 start:2027-03-15",
        ),
        CommandSpec(
            ("challenge", "cancel"),
            "Cancel a scheduled or running challenge",
            (Option("id", "Its id from /trust challenge list", "integer", required=True, max_length=12, suggest=True),),
            audience="moderator",
            example="/trust challenge cancel id:3",
        ),
        CommandSpec(
            ("challenge", "join"),
            "Join the running (or next) challenge; dm:yes also DMs you each day's step",
            (
                Option(
                    "id", "Which challenge (default: the running or next one)", "integer", max_length=12, suggest=True
                ),
                Option("dm", "yes: DM me each day's step too", "choice", choices=("yes", "no"), max_length=5),
            ),
            example="/trust challenge join dm:yes",
        ),
        CommandSpec(
            ("challenge", "leave"),
            "Leave a challenge (your marks for it are deleted)",
            (Option("id", "Which challenge (default: the one you are in)", "integer", max_length=12, suggest=True),),
        ),
        CommandSpec(
            ("challenge", "done"),
            "Mark today's step (or an earlier day) done",
            (
                Option("day", "Which day (default: today's)", "integer", max_length=4),
                Option("id", "Which challenge (default: the one you are in)", "integer", max_length=12, suggest=True),
            ),
            example="/trust challenge done",
        ),
        CommandSpec(("challenge", "progress"), "Your own challenge progress (only you see it)"),
    )

    def __init__(self, deps: Deps) -> None:
        super().__init__(deps)
        self.runner = ChallengeRunner(deps)
        self.lookup = ChallengeLookup(deps.store)
        self.planner = ChallengePlanner(deps, self.lookup)
        self.membership = ChallengeMembership(deps.store, self.lookup)
        self.calendar = ChallengeCalendar(deps)

    def commands(self) -> dict[str, CommandHandler]:
        return {
            "challenge library": self._library,
            "challenge schedule": self._schedule,
            "challenge create": self._create,
            "challenge list": self._list,
            "challenge reschedule": self._reschedule,
            "challenge cancel": self._cancel,
            "challenge join": self._join,
            "challenge leave": self._leave,
            "challenge done": self._done,
            "challenge progress": self._progress,
        }

    def actions(self) -> dict[str, Route]:
        return {JOIN_ACTION: Route(self._join_button), DONE_ACTION: Route(self._done_button)}

    async def tick(self, now: datetime) -> int:
        return await self.runner.tick(now)

    async def next_due(self) -> datetime | None:
        return await self.runner.next_due()

    # ------------------------------------------------------------------ moderators

    async def _library(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        return private(self.planner.library(ctx), "Challenge library")

    async def _schedule(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        challenge = from_library(self.deps.content, args["challenge"])
        steps = [ChallengeStep(day.title, day.text, day.theme) for day in challenge.days]
        text = await self.planner.create(ctx, community, args, challenge.id, challenge.title, steps)
        return private(text, "Challenge scheduled")

    async def _create(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        title = parse_title(args["title"])
        steps = [ChallengeStep(short_title(text), text) for text in parse_steps(args["days"])]
        return private(await self.planner.create(ctx, community, args, None, title, steps), "Challenge scheduled")

    async def _list(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        return private(await self.planner.listing(ctx, community), "Challenges")

    async def _reschedule(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        run = await self.lookup.in_community(community, args["id"])
        return private(await self.planner.reschedule(ctx, community, run, args), "Challenge moved")

    async def _cancel(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        run = await self.lookup.in_community(community, args["id"])
        return private(await self.planner.cancel(ctx, community, run), "Challenge cancelled")

    # ------------------------------------------------------------------ members

    async def _join(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        dm = parse_yes_no(args["dm"], "dm") if args.get("dm", "").strip() else None
        if args.get("id", "").strip():
            run = await self.lookup.in_community(community, args["id"])
        else:
            run = await self.lookup.to_join(ctx, community)
        return private(await self.membership.join(ctx, run, dm), "Challenge")

    async def _join_button(self, ctx: Context, value: str) -> list[Reply]:
        run = await self.lookup.from_button(ctx, value, joining=True)
        return private(await self.membership.join(ctx, run, None), "Challenge")

    async def _leave(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        if args.get("id", "").strip():
            run = await self.lookup.in_community(community, args["id"])
        else:
            found = await self.lookup.to_leave(ctx, community)
            if found is None:
                return private("You are not in a challenge here, so there is nothing to leave.")
            run = found
        if not await self.deps.store.repo(ChallengeRepo).leave(run.id, ctx.member.id):
            return private(f"You are not in “{run.title}” (#{run.id}); nothing changed.")
        return private(
            f"You left “{run.title}”. The days you marked were deleted and no more DMs will come for it. "
            "You can join again while it runs.",
            "Challenge",
        )

    async def _done(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        if args.get("id", "").strip():
            run = await self.lookup.in_community(community, args["id"])
        else:
            run = await self.lookup.to_mark(ctx, community)
        day = parse_day_number(args["day"]) if args.get("day", "").strip() else None
        return await self._mark(ctx, run, day)

    async def _done_button(self, ctx: Context, value: str) -> list[Reply]:
        run = await self.lookup.from_button(ctx, value, joining=False)
        try:
            day = int(value.split(":")[1])
        except (IndexError, ValueError):
            raise UserError("That button no longer works. Use `/trust challenge done` instead.") from None
        return await self._mark(ctx, run, day)

    async def _mark(self, ctx: Context, run: ChallengeRunRecord, day: int | None) -> list[Reply]:
        text = await self.membership.mark(ctx, run, day)
        return private(text, "Challenge progress", footer="Only you can see this.")

    async def _progress(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        blocks = await self.membership.progress(ctx)
        if not blocks:
            return private(
                "You haven't joined a challenge. `/trust challenge join` joins the running or next one.",
                "Your challenge progress",
            )
        return private("\n\n".join(blocks), "Your challenge progress", footer="Only you can see this.")

    # ------------------------------------------------------------------ hooks for other features

    async def upcoming(self, community: CommunityRecord, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        return await self.calendar.upcoming(community, start, end)

    async def current_theme(self, community: CommunityRecord, local_date: date) -> str | None:
        return await self.calendar.current_theme(community, local_date)

    async def reflection_lines(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        return await self.calendar.reflection_lines(community, start, end)

    async def suggest(
        self, community: CommunityRecord | None, command: str, option: str, text: str
    ) -> list[tuple[str, str]]:
        if option == "challenge":
            return [
                (f"{c.title} ({c.id})", c.id) for c in self.deps.content.challenges if _matches(text, c.id, c.title)
            ]
        if option != "id" or community is None:
            return []
        runs = await self.deps.store.repo(ChallengeRepo).for_community(community.id, ACTIVE)
        return [(f"#{r.id} {r.title} ({r.status})", str(r.id)) for r in runs if _matches(text, str(r.id), r.title)]

    async def on_channel_gone(self, community: CommunityRecord, channel: str) -> list[str]:
        return await self.runner.channel_gone(community, channel)

    # ------------------------------------------------------------------ member data

    async def export_member(self, member: MemberRecord) -> dict[str, Any]:
        return await self.membership.export(member)

    async def delete_member(self, member: MemberRecord) -> None:
        await self.deps.store.repo(ChallengeRepo).delete_member(member.id)


def _matches(typed: str, *names: str) -> bool:
    words = typed.strip().lower()
    return not words or any(words in name.lower() for name in names)
