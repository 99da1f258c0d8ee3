"""Multi-day challenges: moderators schedule them, a thread carries one step a day, members track progress privately."""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.commandspec import CommandSpec, Option
from core.content.schema import Challenge
from core.errors import DeliveryError, UserError
from core.features.base import CommandHandler, Context, Deps, Feature, Route, private
from core.models import Reply
from core.scheduling.recurrence import local_to_utc
from core.services.challenges_messages import DONE_ACTION, JOIN_ACTION, cancel_message, progress_bar
from core.services.challenges_runner import ChallengeRunner
from core.services.challenges_time import current_day, day_at, day_date, is_open, last_date, phase_at
from core.services.messages import format_local
from core.storage.challenges import ACTIVE, ChallengeMemberRecord, ChallengeRunRecord, ChallengeStep
from core.storage.records import CommunityRecord, MemberRecord
from core.validation import parse_local_time

__all__ = ["ChallengesFeature", "parse_steps"]

logger = logging.getLogger(__name__)

MAX_DAYS = 30
STEP_LENGTH = (10, 700)
TITLE_LENGTH = (3, 80)
MAX_DAYS_AHEAD = 366
DEFAULT_TIME = time(9, 0)
_YES = ("yes", "y", "true", "on", "1")
_NO = ("no", "n", "false", "off", "0")
_ENDED = {"finished": "has finished", "cancelled": "was cancelled", "stopped": "was stopped"}


def parse_steps(text: str) -> list[str]:
    """A custom challenge's steps: one per day, separated by ``|`` or new lines (blank ones are ignored)."""
    steps = [part.strip() for part in re.split(r"\||\n", text) if part.strip()]
    if not steps:
        raise UserError('Give at least one step, e.g. days:"Say thank you for one thing | Ask about their day".')
    if len(steps) > MAX_DAYS:
        raise UserError(f"A challenge has at most {MAX_DAYS} days; you gave {len(steps)} steps. Nothing was saved.")
    low, high = STEP_LENGTH
    for number, step in enumerate(steps, 1):
        if len(step) < low:
            raise UserError(
                f"Day {number} is too short ({len(step)} characters; at least {low}). Describe one small action. "
                "Nothing was saved."
            )
        if len(step) > high:
            raise UserError(
                f"Day {number} is too long ({len(step)} characters; the limit is {high}). Nothing was saved."
            )
    return steps


def _yes_no(value: str, name: str) -> bool:
    word = value.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise UserError(f"The {name} option takes yes or no (you gave '{value.strip()[:20]}'). Nothing was saved.")


def _run_id(value: str) -> int:
    text = value.strip().lstrip("#")
    if not text.isdigit() or len(text) > 9:
        raise UserError(
            f"'{value.strip()[:20]}' is not a challenge id. Use the number shown by `/trust challenge list`, e.g. id:3."
        )
    return int(text)


def _parse_date(value: str, today: date) -> date:
    text = value.strip().lower()
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    example = (today + timedelta(days=1)).isoformat()
    if not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        raise UserError(
            f"'{value.strip()[:30]}' is not a date. Use YYYY-MM-DD, e.g. {example} (or today/tomorrow). "
            "Nothing was saved."
        )
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return date(year, month, day)
    except ValueError:
        raise UserError(
            f"{value.strip()} is not a real date. Use YYYY-MM-DD, e.g. {example}. Nothing was saved."
        ) from None


def _short_title(text: str, limit: int = 48) -> str:
    """A custom step's title: its first sentence, or its first words, within ``limit`` characters."""
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".!?")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0] if " " in sentence[: limit - 1] else sentence[: limit - 1]
    return cut.rstrip(",;:") + "…"


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


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
                Option("challenge", "Its id from /trust challenge library", required=True, max_length=100),
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
                Option("id", "Its id from /trust challenge list", "integer", required=True, max_length=12),
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
            (Option("id", "Its id from /trust challenge list", "integer", required=True, max_length=12),),
            audience="moderator",
            example="/trust challenge cancel id:3",
        ),
        CommandSpec(
            ("challenge", "join"),
            "Join the running (or next) challenge; dm:yes also DMs you each day's step",
            (
                Option("id", "Which challenge (default: the running or next one)", "integer", max_length=12),
                Option("dm", "yes: DM me each day's step too", "choice", choices=("yes", "no"), max_length=5),
            ),
            example="/trust challenge join dm:yes",
        ),
        CommandSpec(
            ("challenge", "leave"),
            "Leave a challenge (your marks for it are deleted)",
            (Option("id", "Which challenge (default: the one you are in)", "integer", max_length=12),),
        ),
        CommandSpec(
            ("challenge", "done"),
            "Mark today's step (or an earlier day) done",
            (
                Option("day", "Which day (default: today's)", "integer", max_length=4),
                Option("id", "Which challenge (default: the one you are in)", "integer", max_length=12),
            ),
            example="/trust challenge done",
        ),
        CommandSpec(("challenge", "progress"), "Your own challenge progress (only you see it)"),
    )

    def __init__(self, deps: Deps) -> None:
        super().__init__(deps)
        self.runner = ChallengeRunner(deps)

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
        challenges = self.deps.content.challenges
        if not challenges:
            return private("The library is empty. Create your own with `/trust challenge create`.", "Challenge library")
        blocks = []
        for challenge in challenges:
            sources = "; ".join(source.cite() for source in challenge.sources)
            blocks.append(
                f"**{challenge.title}** · id `{challenge.id}` · {_days(len(challenge.days))}\n"
                f"{challenge.summary}\nSource: {sources}"
            )
        zone = ctx.community.zone if ctx.community else ZoneInfo("UTC")
        tomorrow = (ctx.now.astimezone(zone).date() + timedelta(days=1)).isoformat()
        blocks.append(
            f"Schedule one with `/trust challenge schedule challenge:{challenges[0].id} start:{tomorrow}`, "
            "or write your own with `/trust challenge create`."
        )
        return private("\n\n".join(blocks), "Challenge library")

    def _from_library(self, text: str) -> Challenge:
        wanted = text.strip().lower()
        for challenge in self.deps.content.challenges:
            if wanted in (challenge.id, challenge.title.lower()):
                return challenge
        ids = [c.id for c in self.deps.content.challenges]
        guess = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.5)
        hint = f" Did you mean `{guess[0]}`?" if guess else ""
        raise UserError(
            f"There is no challenge '{text.strip()[:60]}' in the library.{hint} Its ids: {', '.join(ids)} "
            "(`/trust challenge library` describes them). Nothing was saved."
        )

    async def _schedule(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        challenge = self._from_library(args["challenge"])
        steps = [ChallengeStep(day.title, day.text, day.theme) for day in challenge.days]
        return await self._create_run(ctx, community, args, challenge.id, challenge.title, steps)

    async def _create(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        title = " ".join(args["title"].split())
        low, high = TITLE_LENGTH
        if not low <= len(title) <= high:
            raise UserError(f"The title must be {low} to {high} characters (it has {len(title)}). Nothing was saved.")
        texts = parse_steps(args["days"])
        steps = [ChallengeStep(_short_title(text), text) for text in texts]
        return await self._create_run(ctx, community, args, None, title, steps)

    def _zone(self, community: CommunityRecord) -> ZoneInfo:
        if not community.timezone:
            raise UserError(
                "Set the community's time zone first, e.g. `/trust setup timezone:America/New_York`, so challenge "
                "days go out at the right local time. Nothing was saved."
            )
        return community.zone

    def _start(self, ctx: Context, zone: ZoneInfo, text: str, at: time) -> tuple[date, datetime]:
        """The first day's date and instant, refused when in the past or too far ahead."""
        local_now = ctx.now.astimezone(zone)
        today = local_now.date()
        first = _parse_date(text, today)
        if first < today:
            raise UserError(
                f"{first.isoformat()} is in the past (today is {today.isoformat()} in {zone.key}). "
                "Choose today or a later date. Nothing was saved."
            )
        if first > today + timedelta(days=MAX_DAYS_AHEAD):
            raise UserError(
                f"Schedule challenges at most a year ahead ({first.isoformat()} is further). Nothing was saved."
            )
        instant = local_to_utc(first, at, zone)
        if instant <= ctx.now:
            raise UserError(
                f"{at:%H:%M} on {first.isoformat()} has already passed (it is now {local_now:%H:%M} in {zone.key}). "
                "Choose a later time or day. Nothing was saved."
            )
        return first, instant

    async def _create_run(
        self, ctx: Context, community: CommunityRecord, args: dict[str, str], challenge_id: str | None, title: str,
        steps: list[ChallengeStep],
    ) -> list[Reply]:  # fmt: skip
        store = self.deps.store
        zone = self._zone(community)
        prompt = await store.schedules.get(community.id, "prompt")
        if args.get("time", "").strip():
            at = parse_local_time(args["time"])
        else:
            at = prompt.local_time if prompt else DEFAULT_TIME
        first, instant = self._start(ctx, zone, args["start"], at)
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
        overlap = _yes_no(args["overlap"], "overlap") if args.get("overlap", "").strip() else False
        end = first + timedelta(days=len(steps) - 1)
        clashes = await self._overlapping(community, first, end, exclude=None)
        if clashes and not overlap:
            raise UserError(self._clash_text(clashes[0]))
        run = await store.challenges.create_run(
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
        return private("\n".join(lines), "Challenge scheduled")

    async def _overlapping(
        self, community: CommunityRecord, first: date, end: date, exclude: int | None
    ) -> list[ChallengeRunRecord]:
        runs = await self.deps.store.challenges.for_community(community.id, ACTIVE)
        return [run for run in runs if run.id != exclude and run.start_date <= end and first <= last_date(run)]

    def _clash_text(self, other: ChallengeRunRecord) -> str:
        state = "is running" if other.status == "running" else "is scheduled"
        return (
            f"That would overlap “{other.title}” (#{other.id}), which {state} from {other.start_date:%a %d %b} to "
            f"{last_date(other):%a %d %b}. Choose dates after it, move it with `/trust challenge reschedule`, or add "
            "overlap:yes to run both at once. Nothing was saved."
        )

    async def _run_in(self, community: CommunityRecord, value: str) -> ChallengeRunRecord:
        run_id = _run_id(value)
        run = await self.deps.store.challenges.get(run_id)
        if run is None or run.community_id != community.id:
            raise UserError(
                f"There is no challenge #{run_id} in this community. `/trust challenge list` shows the ids."
            )
        return run

    async def _participants(self, run: ChallengeRunRecord) -> str:
        count = await self.deps.store.challenges.participant_count(run.id)
        least = self.deps.settings.min_group_size
        if count == 0:
            return "nobody has joined yet"
        if count < least:
            return f"fewer than {least} participants"
        return f"{count} participants"

    async def _list(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        runs = await self.deps.store.challenges.for_community(community.id)
        if not runs:
            return private("No challenges yet. `/trust challenge library` shows what you can schedule.", "Challenges")
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
                    f"#{run.channel_name}, {_days(run.days)}; {await self._participants(run)}"
                )
        if ended:
            lines.append("**Ended**")
            for run in ended:
                when = f" on {run.ended_at.astimezone(run.zone):%a %d %b %Y}" if run.ended_at else ""
                lines.append(f"• #{run.id} “{run.title}” — {_ENDED.get(run.status, run.status)}{when}")
        lines.append("")
        lines.append(
            "Change one with `/trust challenge reschedule id:N start:YYYY-MM-DD` or `/trust challenge cancel id:N`."
        )
        return private("\n".join(lines), "Challenges")

    async def _reschedule(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        run = await self._run_in(community, args["id"])
        if not run.active:
            raise UserError(
                f"“{run.title}” (#{run.id}) {_ENDED.get(run.status, 'has ended')}, so it can't be moved. Schedule it "
                "again with `/trust challenge schedule`. Nothing was changed."
            )
        if run.next_step > run.days:
            raise UserError(
                f"Every day of “{run.title}” (#{run.id}) has been posted; only its summary is left. "
                "Nothing was changed."
            )
        zone = run.zone
        at = parse_local_time(args["time"]) if args.get("time", "").strip() else run.local_time
        first, instant = self._start(ctx, zone, args["start"], at)
        overlap = _yes_no(args["overlap"], "overlap") if args.get("overlap", "").strip() else False
        started = run.status == "running"
        moved = replace(
            run,
            local_time=at,
            anchor_day=run.next_step,
            anchor_date=first,
            start_date=run.start_date if started else first,
        )
        clashes = await self._overlapping(community, moved.start_date, last_date(moved), exclude=run.id)
        if clashes and not overlap:
            raise UserError(self._clash_text(clashes[0]))
        changed = await self.deps.store.challenges.update(
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
        return private(text, "Challenge moved")

    async def _cancel(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        run = await self._run_in(community, args["id"])
        if not run.active or not await self.deps.store.challenges.end(run.id, "cancelled", ctx.now):
            fresh = await self.deps.store.challenges.get(run.id) or run
            raise UserError(
                f"“{run.title}” (#{run.id}) {_ENDED.get(fresh.status, 'has ended')} already. Nothing was changed."
            )
        logger.info("member %s cancelled challenge run %s", ctx.member.id, run.id)
        if run.thread_ref is None:
            return private(f"Cancelled “{run.title}” (#{run.id}). Nothing had been posted yet.", "Challenge cancelled")
        try:
            await ctx.port.post_in_thread(community.external_id, run.thread_ref, cancel_message(run))
        except DeliveryError as exc:
            logger.warning("cancel note for challenge run %s failed: %s", run.id, exc)
            note = "I could not post a note in its thread (it may have been deleted)."
        else:
            note = "A short note went to its thread."
        return private(
            f"Cancelled “{run.title}” (#{run.id}). No more steps will be posted. {note}", "Challenge cancelled"
        )

    # ------------------------------------------------------------------ members

    async def _thread_run(self, ctx: Context, community: CommunityRecord) -> ChallengeRunRecord | None:
        if ctx.place.kind == "thread" and ctx.place.thread:
            return await self.deps.store.challenges.by_thread(community.id, ctx.place.thread)
        return None

    async def _my_runs(
        self, ctx: Context, community: CommunityRecord | None
    ) -> list[tuple[ChallengeRunRecord, ChallengeMemberRecord]]:
        found = []
        for membership in await self.deps.store.challenges.memberships(ctx.member.id):
            if community is not None and membership.community_id != community.id:
                continue
            run = await self.deps.store.challenges.get(membership.run_id)
            if run is not None:
                found.append((run, membership))
        return found

    def _which(self, runs: list[ChallengeRunRecord], what: str) -> str:
        listed = ", ".join(f"#{run.id} “{run.title}”" for run in runs)
        return f"Several challenges fit: {listed}. Add id:N to say which one to {what}."

    async def _join(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        dm = _yes_no(args["dm"], "dm") if args.get("dm", "").strip() else None
        if args.get("id", "").strip():
            run = await self._run_in(community, args["id"])
        else:
            run = await self._default_join(ctx, community)
        return await self._do_join(ctx, run, dm)

    async def _default_join(self, ctx: Context, community: CommunityRecord) -> ChallengeRunRecord:
        here = await self._thread_run(ctx, community)
        if here is not None and here.active:
            return here
        runs = await self.deps.store.challenges.for_community(community.id, ACTIVE)
        running = [run for run in runs if run.status == "running"]
        if len(running) > 1:
            raise UserError(self._which(running, "join"))
        if running:
            return running[0]
        if not runs:
            raise UserError(
                "No challenge is running or scheduled here right now. Moderators can start one with "
                "`/trust challenge schedule`."
            )
        return min(runs, key=lambda run: (phase_at(run, run.next_step), run.id))

    async def _join_button(self, ctx: Context, value: str) -> list[Reply]:
        run = await self._button_run(ctx, value)
        return await self._do_join(ctx, run, None)

    async def _button_run(self, ctx: Context, value: str) -> ChallengeRunRecord:
        try:
            run_id = int(value.split(":")[0])
        except ValueError:
            raise UserError("That button no longer works. Use `/trust challenge join` instead.") from None
        run = await self.deps.store.challenges.get(run_id)
        if run is None or (ctx.community is not None and ctx.community.id != run.community_id):
            raise UserError("That challenge no longer exists. `/trust challenge join` joins the current one.")
        return run

    async def _do_join(self, ctx: Context, run: ChallengeRunRecord, dm: bool | None) -> list[Reply]:
        store = self.deps.store
        if not run.active:
            raise UserError(f"“{run.title}” {_ENDED.get(run.status, 'has ended')}, so it can't be joined any more.")
        created = await store.challenges.join(run.id, ctx.member.id, run.community_id, ctx.now, dm)
        membership = await store.challenges.membership(run.id, ctx.member.id)
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
        return private("\n".join(lines), "Challenge")

    async def _leave(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        if args.get("id", "").strip():
            run = await self._run_in(community, args["id"])
        else:
            mine = [run for run, _ in await self._my_runs(ctx, community) if run.active]
            if not mine:
                return private("You are not in a challenge here, so there is nothing to leave.")
            if len(mine) > 1:
                raise UserError(self._which(mine, "leave"))
            run = mine[0]
        if not await self.deps.store.challenges.leave(run.id, ctx.member.id):
            return private(f"You are not in “{run.title}” (#{run.id}); nothing changed.")
        return private(
            f"You left “{run.title}”. The days you marked were deleted and no more DMs will come for it. "
            "You can join again while it runs.",
            "Challenge",
        )

    async def _done(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        if args.get("id", "").strip():
            run = await self._run_in(community, args["id"])
        else:
            run = await self._default_done(ctx, community)
        day = None
        if args.get("day", "").strip():
            text = args["day"].strip()
            if not text.isdigit() or len(text) > 4:
                raise UserError(f"'{text[:20]}' is not a day number. Use e.g. day:3, or leave it out for today.")
            day = int(text)
        return await self._mark(ctx, run, day)

    async def _default_done(self, ctx: Context, community: CommunityRecord) -> ChallengeRunRecord:
        here = await self._thread_run(ctx, community)
        if here is not None:
            return here
        mine = [run for run, _ in await self._my_runs(ctx, community) if run.status == "running"]
        if len(mine) > 1:
            raise UserError(self._which(mine, "mark"))
        if mine:
            return mine[0]
        running = await self.deps.store.challenges.for_community(community.id, ("running",))
        if len(running) > 1:
            raise UserError(self._which(running, "mark"))
        if running:
            return running[0]
        scheduled = await self.deps.store.challenges.for_community(community.id, ("scheduled",))
        if scheduled:
            first = min(scheduled, key=lambda run: (phase_at(run, run.next_step), run.id))
            opens = format_local(phase_at(first, first.next_step), first.zone)
            raise UserError(f"“{first.title}” hasn't started yet: day 1 opens {opens}.")
        raise UserError("No challenge is running here right now, so there is nothing to mark.")

    async def _done_button(self, ctx: Context, value: str) -> list[Reply]:
        run = await self._button_run(ctx, value)
        try:
            day = int(value.split(":")[1])
        except (IndexError, ValueError):
            raise UserError("That button no longer works. Use `/trust challenge done` instead.") from None
        return await self._mark(ctx, run, day)

    async def _mark(self, ctx: Context, run: ChallengeRunRecord, day: int | None) -> list[Reply]:
        store = self.deps.store
        if run.status == "scheduled":
            raise UserError(
                f"“{run.title}” hasn't started yet: day 1 opens {format_local(phase_at(run, run.next_step), run.zone)}."
            )
        if not run.active:
            raise UserError(
                f"“{run.title}” {_ENDED.get(run.status, 'has ended')}, so days can't be marked any more. "
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
        joined = await store.challenges.join(run.id, ctx.member.id, run.community_id, ctx.now, None)
        first = await store.challenges.mark_done(run.id, ctx.member.id, day, ctx.now)
        done = await store.challenges.done_days(run.id, ctx.member.id)
        lines = [
            f"Day {day} marked done. Nice work." if first else f"Day {day} was already marked done; nothing changed."
        ]
        if joined:
            lines.append(f"You have joined “{run.title}” (`/trust challenge leave` takes you out).")
        lines.append(f"Day {today} of {run.days} · {len(done)} done {progress_bar(run.days, done)}")
        return private("\n".join(lines), "Challenge progress", footer="Only you can see this.")

    async def _progress(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        mine = await self._my_runs(ctx, ctx.community)
        shown = [(run, m) for run, m in mine if run.active]
        if not shown:
            ended = sorted((pair for pair in mine if pair[0].ended_at), key=lambda pair: pair[0].ended_at or ctx.now)
            shown = ended[-1:]
        if not shown:
            return private(
                "You haven't joined a challenge. `/trust challenge join` joins the running or next one.",
                "Your challenge progress",
            )
        blocks = [await self._progress_block(ctx, run, membership) for run, membership in shown]
        return private("\n\n".join(blocks), "Your challenge progress", footer="Only you can see this.")

    async def _progress_block(self, ctx: Context, run: ChallengeRunRecord, membership: ChallengeMemberRecord) -> str:
        done = await self.deps.store.challenges.done_days(run.id, ctx.member.id)
        bar = progress_bar(run.days, done)
        lines = [f"**{run.title}** (#{run.id})"]
        if run.status == "scheduled":
            lines.append(f"Starts {format_local(phase_at(run, run.next_step), run.zone)} · {_days(run.days)} {bar}")
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
            lines.append(f"Ended early ({_ENDED.get(run.status, run.status)}) · {len(done)} done {bar}")
        if membership.dm and run.active:
            lines.append("Each day's step also comes by DM.")
        elif ctx.member.dm_blocked and run.active:
            lines.append(
                "My DMs to you were refused, so daily DMs are off. Open your DMs to the bot and use "
                "`/trust challenge join dm:yes` to get them again."
            )
        return "\n".join(lines)

    # ------------------------------------------------------------------ hooks for other features

    async def upcoming(self, community: CommunityRecord, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        items: list[tuple[datetime, str]] = []
        for run in await self.deps.store.challenges.for_community(community.id, ACTIVE):
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
        repo = self.deps.store.challenges
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
        repo = self.deps.store.challenges
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

    # ------------------------------------------------------------------ member data

    async def export_member(self, member: MemberRecord) -> dict[str, Any]:
        repo = self.deps.store.challenges
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

    async def delete_member(self, member: MemberRecord) -> None:
        await self.deps.store.challenges.delete_member(member.id)
