"""The weekly reflection: one themed thread a week that recalls the week's prompts, closed after a set time."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from core.commandspec import CommandSpec, Option
from core.content.schema import Content
from core.errors import DeliveryError, UserError
from core.feature import CommandHandler, Context, Deps, Feature, ScheduleHandler, private
from core.formatting import format_local
from core.models import Reply
from core.reflections.delivery import ReflectionDelivery
from core.reflections.message import MAX_LENGTH, reflection_message
from core.reflections.schedule import (
    DEFAULT_CLOSE_HOURS,
    DEFAULT_DAY,
    DEFAULT_TIME,
    KIND,
    MAX_CLOSE_HOURS,
    SETTINGS_KEY,
    SETUP_OPTIONS,
    close_hours,
    day_label,
    iso_week,
    next_line,
    parse_day,
    parse_hours,
    parse_time,
    put,
    put_default,
    summary,
    week_start,
)
from core.reflections.store import ReflectionRecord, ReflectionRepo
from core.scheduling.delivery import Delivery
from core.scheduling.recurrence import Occurrence, next_occurrence, occurrences_between
from core.storage.records import CommunityRecord, ScheduleRecord

__all__ = [
    "DEFAULT_CLOSE_HOURS",
    "DEFAULT_DAY",
    "DEFAULT_TIME",
    "MAX_CLOSE_HOURS",
    "MAX_LENGTH",
    "ReflectionsFeature",
    "iso_week",
    "reflection_message",
    "week_start",
]

logger = logging.getLogger(__name__)

_WEEK = timedelta(days=7)


class ReflectionsFeature(Feature):
    """A weekly reflection thread per community.

    The ``reflection`` schedule (shared ``schedules`` table) opens one thread a week; the
    ``reflections`` table remembers each week's thread until it is closed. Replies are only
    counted (a number per thread), so this feature stores nothing about members.
    """

    name = "reflections"
    SPECS = (
        CommandSpec(
            ("reflection", "on"),
            "Turn the weekly reflection on, or change how long its thread stays open",
            (
                Option(
                    "close_after_hours",
                    f"Hours each reflection thread stays open (1-{MAX_CLOSE_HOURS}, default {DEFAULT_CLOSE_HOURS})",
                    "integer",
                    max_length=6,
                ),
            ),
            audience="moderator",
            example="/trust reflection on close_after_hours:72",
        ),
        CommandSpec(("reflection", "off"), "Pause the weekly reflection", audience="moderator"),
        CommandSpec(
            ("reflection", "now"),
            "Open this week's reflection now (once per week)",
            audience="moderator",
            example="/trust reflection now",
        ),
    )

    def __init__(self, deps: Deps) -> None:
        super().__init__(deps)
        self.delivery = ReflectionDelivery(deps)
        self._prompt_channel_before: dict[int, str | None] = {}

    @property
    def content(self) -> Content:
        return self.deps.content

    def commands(self) -> dict[str, CommandHandler]:
        return {"reflection on": self._on, "reflection off": self._off, "reflection now": self._now}

    def schedule_handlers(self) -> dict[str, ScheduleHandler]:
        return {KIND: self._deliver}

    def close_hours(self, community: CommunityRecord) -> int:
        """How long ``community``'s reflection threads stay open, in hours."""
        return close_hours(community)

    # ------------------------------------------------------------------ setup

    async def validate_setup(self, ctx: Context, community: CommunityRecord, args: dict[str, str]) -> None:
        if "reflection_day" in args:
            parse_day(args["reflection_day"])
        if "reflection_time" in args:
            parse_time(args["reflection_time"])
        if "reflection_channel" in args:
            found = await ctx.port.resolve_channel(community.external_id, args["reflection_channel"])
            if found is None:
                raise UserError(
                    f"I can't find a channel called {args['reflection_channel'][:100]} that I can post in, for the "
                    "weekly reflection. Check the name, and that I may post and create threads there. "
                    "Nothing was changed."
                )
        prompt = await self.deps.store.schedules.get(community.id, "prompt")
        self._prompt_channel_before[community.id] = prompt.channel_ref if prompt else None

    async def on_setup(self, ctx: Context, community: CommunityRecord, args: dict[str, str]) -> list[str]:
        store = self.deps.store
        before = self._prompt_channel_before.pop(community.id, None)
        existing = await store.schedules.get(community.id, KIND)
        prompt = await store.schedules.get(community.id, "prompt")
        given = any(name in args for name in SETUP_OPTIONS)
        channel: tuple[str, str] | None = None
        follows = False
        if "reflection_channel" in args:
            found = await ctx.port.resolve_channel(community.external_id, args["reflection_channel"])
            if found is not None:
                channel = (found.ref, found.name)
        elif (
            existing is not None
            and prompt is not None
            and "channel" in args
            and before is not None
            and existing.channel_ref == before
            and prompt.channel_ref != before
        ):
            channel, follows = (prompt.channel_ref, prompt.channel_name), True
        if existing is None and not given:
            if prompt is None:
                return []
            record = await put_default(store, community, prompt, ctx.now, paused=False)
            return [
                f"{summary(record)[:-1]} (the default; change it with reflection_day, reflection_time "
                "and reflection_channel, or turn it off with `/trust reflection off`).",
                next_line(community, record),
            ]
        if existing is not None and not given and not follows and "timezone" not in args:
            return []
        if channel is None:
            if existing is not None:
                channel = (existing.channel_ref, existing.channel_name)
            elif prompt is not None:
                channel = (prompt.channel_ref, prompt.channel_name)
            else:
                return ["Weekly reflection: not set yet; give the daily prompt's channel first."]
        days = parse_day(args["reflection_day"]) if "reflection_day" in args else None
        at = parse_time(args["reflection_time"]) if "reflection_time" in args else None
        record = await put(
            store,
            community,
            channel,
            days if days is not None else existing.weekdays if existing else frozenset({DEFAULT_DAY}),
            at if at is not None else existing.local_time if existing else DEFAULT_TIME,
            ctx.now,
            paused=bool(existing and existing.paused),
        )
        lines = [summary(record)]
        if follows:
            lines[0] += " (It moved with the daily prompt; set reflection_channel to keep it elsewhere.)"
        lines.append(next_line(community, record))
        return lines

    # ------------------------------------------------------------------ commands

    async def _on(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        store = self.deps.store
        hours = parse_hours(args["close_after_hours"]) if args.get("close_after_hours", "").strip() else None
        schedule = await store.schedules.get(community.id, KIND)
        lines: list[str] = []
        if schedule is None:
            prompt = await store.schedules.get(community.id, "prompt")
            if prompt is None:
                raise UserError(
                    "Set up the daily prompt first with `/trust setup`, so I know which channel and time zone to use. "
                    "Nothing was changed."
                )
            schedule = await put_default(store, community, prompt, ctx.now, paused=False)
            state = "is on"
        elif schedule.paused:
            nxt = next_occurrence(ctx.now, schedule.local_time, schedule.zone, schedule.weekdays)
            await store.schedules.set_paused(schedule.id, False, nxt.at, ctx.now)
            schedule = replace(schedule, paused=False, next_run_at=nxt.at)
            state = "is back on"
        else:
            state = "was already on"
        if hours is not None:
            await store.communities.update(community.id, settings={**community.settings, SETTINGS_KEY: hours})
            community = replace(community, settings={**community.settings, SETTINGS_KEY: hours})
        lines.append(
            f"The weekly reflection {state}: {day_label(schedule.weekdays)} at {schedule.local_time:%H:%M} "
            f"in #{schedule.channel_name}."
        )
        lines.append(next_line(community, schedule))
        if hours is not None:
            for open_one in await store.repo(ReflectionRepo).open_threads(community.id):
                lines.append(
                    f"The thread open now still closes {format_local(open_one.close_at, community.zone)}; "
                    f"the new {hours} hours apply from the next reflection."
                )
        lines.append("Change the day, time or channel with `/trust setup reflection_day:sun reflection_time:18:00`.")
        return private("\n".join(lines), "Weekly reflection on")

    async def _off(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        store = self.deps.store
        schedule = await store.schedules.get(community.id, KIND)
        if schedule is None:
            prompt = await store.schedules.get(community.id, "prompt")
            if prompt is None:
                raise UserError("There is no weekly reflection to turn off: nothing is set up yet. Use `/trust setup`.")
            await put_default(store, community, prompt, ctx.now, paused=True)  # remembered as off
        elif schedule.paused:
            return private("The weekly reflection is already off. `/trust reflection on` starts it again.")
        else:
            await store.schedules.set_paused(schedule.id, True, None, ctx.now)
        lines = ["The weekly reflection is off. `/trust reflection on` starts it again."]
        for open_one in await store.repo(ReflectionRepo).open_threads(community.id):
            lines.append(f"The thread open now still closes {format_local(open_one.close_at, community.zone)}.")
        return private("\n".join(lines), "Weekly reflection off")

    async def _now(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        store = self.deps.store
        schedule = await store.schedules.get(community.id, KIND)
        target = schedule or await store.schedules.get(community.id, "prompt")
        if target is None:
            raise UserError("Set up the daily prompt first with `/trust setup`, so I know which channel to use.")
        zone = community.zone
        local_date = ctx.now.astimezone(zone).date()
        existing = await store.repo(ReflectionRepo).for_week(community.id, week_start(local_date))
        if existing is not None:
            return private(self._already(existing, zone), "Already open")
        key = f"{KIND}:{community.id}:{iso_week(local_date)}"
        claimed = await store.deliveries.claim(
            key, kind=KIND, scheduled_for=ctx.now, owner=self.deps.settings.instance_id, now=ctx.now,
            community_id=community.id,
        )  # fmt: skip
        if not claimed:
            delivery = await store.deliveries.get(key)
            if delivery is not None and delivery.status == "claimed":
                raise UserError("This week's reflection is being opened right now. Look in the channel in a moment.")
            raise UserError(
                "I could not open this week's reflection after several tries "
                f"({delivery.error if delivery else 'unknown error'}). The next one opens as scheduled."
            )
        try:
            record = await self.delivery.open(
                ctx.port, community, target.channel_ref, ctx.now - _WEEK, local_date, self.peers
            )
        except DeliveryError as exc:
            await store.deliveries.release(key, str(exc))
            raise
        except Exception as exc:
            await store.deliveries.release(key, repr(exc), permanent=True)
            raise
        if record is None:
            await store.deliveries.release(key, "already opened this week", permanent=True)
            opened = await store.repo(ReflectionRepo).for_week(community.id, week_start(local_date))
            return private(self._already(opened, zone) if opened else "This week's reflection is already open.")
        await store.deliveries.mark_sent(key, self.deps.clock.now(), record.message_ref)
        logger.info("moderator %s opened the weekly reflection of community %s now", ctx.member.id, community.id)
        lines = [
            f"This week's reflection is open in #{target.channel_name} ({self.content.theme(record.theme_id).label}). "
            f"Its thread closes {format_local(record.close_at, zone)}."
        ]
        if schedule is not None and not schedule.paused:
            nxt = next_occurrence(ctx.now, schedule.local_time, schedule.zone, schedule.weekdays)
            if week_start(nxt.local_date) == week_start(local_date):
                lines.append(f"It counts as this week's: the one due {format_local(nxt.at, zone)} is skipped.")
        return private("\n".join(lines), "Reflection opened")

    def _already(self, record: ReflectionRecord, zone: ZoneInfo) -> str:
        if record.status == "open":
            return f"This week's reflection is already open; its thread closes {format_local(record.close_at, zone)}."
        if record.status == "opening":
            return "This week's reflection is being opened right now."
        return "This week's reflection has already been posted (its thread is closed). The next one opens next week."

    # ------------------------------------------------------------------ delivery

    async def _deliver(self, schedule: ScheduleRecord, occurrence: Occurrence, delivery: Delivery) -> str | None:
        community = await self.deps.store.communities.get(schedule.community_id)
        if community is None:
            return None
        port = self.deps.port_for(community.platform)
        start = occurrence.at - _WEEK
        record = await self.delivery.open(
            port, community, schedule.channel_ref, start, occurrence.local_date, self.peers, delivery
        )
        if record is None:
            logger.info(
                "weekly reflection of community %s for the week of %s was already opened; the scheduled one is skipped",
                community.id, week_start(occurrence.local_date),
            )  # fmt: skip
            return None
        return record.message_ref

    async def tick(self, now: datetime) -> int:
        return await self.delivery.tick(now)

    async def next_due(self) -> datetime | None:
        return await self.delivery.next_due()

    # ------------------------------------------------------------------ threads and status

    async def on_thread_message(self, ctx: Context, thread: str, text: str) -> bool:
        if ctx.community is None:
            return False
        record = await self.deps.store.repo(ReflectionRepo).by_thread(ctx.community.id, thread)
        if record is None:
            return False
        if record.status == "open":
            await self.deps.store.repo(ReflectionRepo).add_reply(record.id)
        return True

    async def upcoming(self, community: CommunityRecord, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        store = self.deps.store
        items: list[tuple[datetime, str]] = []
        schedule = await store.schedules.get(community.id, KIND)
        if schedule is not None and not schedule.paused:
            for occ in occurrences_between(start, end, schedule.local_time, schedule.zone, schedule.weekdays):
                if await store.repo(ReflectionRepo).for_week(community.id, week_start(occ.local_date)) is not None:
                    continue  # this week's reflection was opened early
                theme, _ = await self.delivery.theme_for(community, occ.local_date, self.peers)
                items.append((occ.at, f"weekly reflection in #{schedule.channel_name}: {theme.label}"))
        for record in await store.repo(ReflectionRepo).open_threads(community.id):
            if record.close_at <= end:
                try:
                    label = self.content.theme(record.theme_id).label
                except KeyError:
                    label = record.theme_id
                items.append((max(record.close_at, start), f"weekly reflection thread closes ({label})"))
        return items
