"""The core's front door: one entry point for inbound events, one for the scheduler's tick."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from core.clock import Clock
from core.commands import COMMANDS, CommandSpec, find_command, usage
from core.content.schema import Content
from core.errors import DeliveryError, UserError
from core.models import ActionEvent, Actor, CommandEvent, Event, FormEvent, Message, MessageEvent, Place, Reply
from core.ports import ChatPort
from core.scheduling.recurrence import Occurrence, next_occurrence
from core.scheduling.runner import ScheduleRunner
from core.services import permissions
from core.services.messages import format_local, safety_message
from core.services.prompts import PromptService
from core.storage.records import CommunityRecord, MemberRecord, ScheduleRecord
from core.storage.store import Store
from core.validation import format_weekdays, parse_local_time, parse_weekdays, parse_zone

__all__ = ["CoreSettings", "TrustCore"]

logger = logging.getLogger(__name__)


def _default_instance() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class CoreSettings:
    """Knobs of community behaviour (read from the environment by the composition root)."""

    grace: timedelta = timedelta(hours=6)
    min_group_size: int = 5
    instance_id: str = field(default_factory=_default_instance)


@dataclass(frozen=True)
class Context:
    """Everything a command handler needs about who asked and where."""

    actor: Actor
    member: MemberRecord
    community: CommunityRecord | None
    place: Place
    port: ChatPort


Handler = Callable[[Context, dict[str, str]], Awaitable[list[Reply]]]


def _private(text: str, title: str | None = None) -> list[Reply]:
    return [Reply(Message(text=text, title=title), "private")]


class TrustCore:
    """The platform-neutral bot.

    Example::

        core = TrustCore(store, content, clock, {"sandbox": sandbox_port})
        replies = await core.handle(CommandEvent(...))
        await core.tick()  # called by the scheduler, or by the sandbox's virtual clock
    """

    def __init__(
        self,
        store: Store,
        content: Content,
        clock: Clock,
        ports: Mapping[str, ChatPort],
        settings: CoreSettings | None = None,
    ) -> None:
        self.store = store
        self.content = content
        self.clock = clock
        self.ports = dict(ports)
        self.settings = settings or CoreSettings()
        self.prompts = PromptService(store, content, clock)
        self.runner = ScheduleRunner(
            store,
            clock,
            grace=self.settings.grace,
            owner=self.settings.instance_id,
            handlers={"prompt": self._deliver_prompt},
            on_permanent_failure=self._schedule_failed,
        )
        self._commands: dict[str, Handler] = {
            "help": self._cmd_help,
            "about": self._cmd_about,
            "setup": self._cmd_setup,
            "status": self._cmd_status,
            "prompt preview": self._cmd_prompt_preview,
            "prompt skip": self._cmd_prompt_skip,
            "prompt now": self._cmd_prompt_now,
            "prompt pause": self._cmd_prompt_pause,
            "prompt resume": self._cmd_prompt_resume,
            "streak": self._cmd_streak,
            "tip": self._cmd_tip,
        }
        missing = {spec.name for spec in COMMANDS} - set(self._commands)
        if missing:
            raise RuntimeError(f"commands without handlers: {sorted(missing)}")

    # ------------------------------------------------------------------ inbound

    async def handle(self, event: Event) -> list[Reply]:
        """Handle one inbound event and return the replies for the actor (or the place)."""
        try:
            if isinstance(event, CommandEvent):
                return await self._command(event)
            if isinstance(event, MessageEvent):
                return await self._message(event)
            if isinstance(event, ActionEvent):
                return await self._action(event)
            if isinstance(event, FormEvent):
                return await self._form(event)
        except UserError as exc:
            return _private(str(exc))
        except DeliveryError as exc:
            logger.warning("delivery failed while handling %s: %s", type(event).__name__, exc)
            return _private(_delivery_problem(exc))
        raise TypeError(f"unknown event {event!r}")

    async def _context(self, event: CommandEvent | MessageEvent | ActionEvent | FormEvent, place: Place) -> Context:
        now = self.clock.now()
        actor = event.actor
        port = self.ports.get(actor.platform)
        if port is None:
            raise UserError(f"trustbot is not connected to {actor.platform}.")
        member = await self.store.members.ensure(actor.platform, actor.user_id, actor.display_name, now)
        community = None
        if event.community:
            community = await self.store.communities.ensure(actor.platform, event.community, now)
            await self.store.members.seen_in(community.id, member.id, now)
        return Context(actor, member, community, place, port)

    async def _command(self, event: CommandEvent) -> list[Reply]:
        spec = find_command(event.name)
        if spec is None:
            raise UserError(f"I don't know the command `/trust {event.name}`. Try `/trust help`.")
        _check_args(spec, event.args)
        ctx = await self._context(event, event.place)
        permissions.require(spec.audience, ctx.actor, ctx.community, f"use `/trust {spec.name}`")
        return await self._commands[spec.name](ctx, event.args)

    async def _message(self, event: MessageEvent) -> list[Reply]:
        if event.place.kind == "thread" and event.community and event.place.thread:
            ctx = await self._context(event, event.place)
            assert ctx.community is not None
            await self.prompts.record_answer(ctx.community, event.place.thread, ctx.member.id)
            return []
        if event.place.kind == "dm":
            ctx = await self._context(event, event.place)
            return await self._direct_message(ctx, event.text)
        return []

    async def _action(self, event: ActionEvent) -> list[Reply]:
        raise UserError("That button has expired. Run the command again.")

    async def _form(self, event: FormEvent) -> list[Reply]:
        raise UserError("That form has expired. Run the command again.")

    async def _direct_message(self, ctx: Context, text: str) -> list[Reply]:
        words = text.strip().lower()
        if words in ("help", "/help", "?", "commands"):
            return await self._cmd_help(ctx, {})
        return await self._cmd_tip(ctx, {"topic": text})

    # ------------------------------------------------------------------ scheduling

    async def tick(self) -> int:
        """Send whatever is due now. Safe to call often, from several processes."""
        return await self.runner.run_due()

    async def next_due(self) -> datetime | None:
        """When something is next due (for the virtual clock and for precise wake-ups)."""
        return await self.store.schedules.next_due()

    async def _deliver_prompt(self, schedule: ScheduleRecord, occurrence: Occurrence) -> str | None:
        community = await self.store.communities.get(schedule.community_id)
        if community is None:
            return None
        port = self._port_for(community)
        post = await self.prompts.post_next(port, community, schedule.channel_ref, occurrence.local_date)
        return post.message_ref

    async def _schedule_failed(self, schedule: ScheduleRecord, error: DeliveryError) -> None:
        """A permanent failure (deleted channel, lost access): pause and tell moderators in status."""
        now = self.clock.now()
        await self.store.schedules.set_paused(schedule.id, True, None, now)
        community = await self.store.communities.get(schedule.community_id)
        if community is None:
            return
        alert = (
            f"The {schedule.kind} schedule for #{schedule.channel_name} was paused on "
            f"{format_local(now, community.zone)}: {_delivery_problem(error)} Run `/trust setup` to pick a channel."
        )
        settings = dict(community.settings)
        settings["alerts"] = [*settings.get("alerts", [])[-4:], alert]
        await self.store.communities.update(community.id, settings=settings)

    def _port_for(self, community: CommunityRecord) -> ChatPort:
        port = self.ports.get(community.platform)
        if port is None:
            raise DeliveryError("unavailable", f"no adapter for {community.platform}")
        return port

    # ------------------------------------------------------------------ commands

    def _need_community(self, ctx: Context) -> CommunityRecord:
        if ctx.community is None:
            raise UserError("Use this command in your community's server or workspace, not in a DM.")
        return ctx.community

    async def _cmd_help(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        mod = permissions.is_moderator(ctx.actor, ctx.community)
        lines = ["**For everyone**"]
        lines += [f"• `{usage(s)}` — {s.description}" for s in COMMANDS if s.audience == "anyone"]
        lines.append("• DM me any worry or topic (for example “how do I apologise?”) for a tip.")
        if mod:
            lines.append("")
            lines.append("**For moderators**")
            lines += [f"• `{usage(s)}` — {s.description}" for s in COMMANDS if s.audience != "anyone"]
        lines.append("")
        lines.append(self.content.notices.education_not_therapy)
        return _private("\n".join(lines), "What trustbot can do")

    async def _cmd_about(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        text = f"{self.content.notices.welcome}\n\n{self.content.notices.education_not_therapy}"
        return _private(text, "About trustbot")

    async def _cmd_setup(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = self._need_community(ctx)
        zone = parse_zone(args["timezone"])
        at = parse_local_time(args["time"])
        days = parse_weekdays(args.get("days", "daily"))
        if not days:
            raise UserError("Choose at least one day for the daily prompt.")
        channel = await ctx.port.resolve_channel(community.external_id, args["channel"])
        if channel is None:
            raise UserError(
                f"I can't find a channel called {args['channel']!s} that I can post in. "
                "Check the name, and that I have permission to post and create threads there. Nothing was changed."
            )
        role = args.get("role", "").strip() or None
        now = self.clock.now()
        first = next_occurrence(now, at, zone, days)
        await self.store.communities.update(community.id, timezone=zone.key, moderator_role=role)
        await self.store.schedules.put(
            community.id, "prompt", channel_ref=channel.ref, channel_name=channel.name, timezone=zone.key,
            local_time=at, weekdays=days, next_run_at=first.at, now=now,
        )  # fmt: skip
        settings = dict(community.settings)
        settings.pop("alerts", None)
        welcomed = settings.get("welcomed", False)
        settings["welcomed"] = True
        await self.store.communities.update(community.id, settings=settings)
        if not welcomed:
            await ctx.port.post(community.external_id, channel.ref, Message(self.content.notices.welcome, "Welcome to trustbot"))
        role_text = f"Moderator role: **{role}**." if role else (
            "Moderator role: " + (f"**{community.moderator_role}** (unchanged)." if community.moderator_role else "none yet (owners and admins only).")
        )  # fmt: skip
        text = (
            f"Daily prompts go to **#{channel.name}** at **{at:%H:%M}** ({zone.key}), {format_weekdays(days)}.\n"
            f"First prompt: {format_local(first.at, zone)}.\n{role_text}"
        )
        return _private(text, "Daily prompts are set up")

    async def _cmd_status(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = self._need_community(ctx)
        zone = community.zone
        now = self.clock.now()
        lines: list[str] = []
        for alert in community.settings.get("alerts", []):
            lines.append(f"⚠️ {alert}")
        schedule = await self.store.schedules.get(community.id, "prompt")
        if schedule is None:
            lines.append("Daily prompt: not set up. Use `/trust setup`.")
        else:
            state = "paused" if schedule.paused else "active"
            lines.append(
                f"Daily prompt ({state}): #{schedule.channel_name} at {schedule.local_time:%H:%M} "
                f"{schedule.timezone}, {format_weekdays(schedule.weekdays)}."
            )
            if not schedule.paused:
                cards = await self.prompts.upcoming(community, 7)
                cursor = now
                lines.append("**Next 7 days**")
                end = now + timedelta(days=7)
                index = 0
                while True:
                    occ = next_occurrence(cursor, schedule.local_time, schedule.zone, schedule.weekdays)
                    if occ.at > end or index >= len(cards):
                        break
                    lines.append(f"• {format_local(occ.at, zone)} — prompt: {cards[index].item.text}")
                    cursor = occ.at
                    index += 1
        lines.append(f"\nNow: {format_local(now, zone)}")
        return _private("\n".join(lines), "Community status")

    async def _cmd_prompt_preview(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = self._need_community(ctx)
        count = _int_arg(args.get("count", "3"), "count", 1, 10)
        cards = await self.prompts.upcoming(community, count)
        cycle, _ = await self.store.prompts.current_cycle(community.id)
        lines = []
        for number, card in enumerate(cards, 1):
            marker = " _(new round)_" if card.cycle != cycle else ""
            theme = self.content.theme(card.item.theme_id).label if card.item.theme_id else "Community prompt"
            lines.append(f"{number}. {card.item.text} — {theme}{marker}")
        return _private("\n".join(lines) or "The deck is empty.", f"Next {len(cards)} prompt(s)")

    async def _cmd_prompt_skip(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = self._need_community(ctx)
        card = await self.prompts.skip(community, self.clock.now().astimezone(community.zone).date())
        if card is None:
            return _private("The deck is empty.")
        following = await self.prompts.upcoming(community, 1)
        after = f"\nNext up: {following[0].item.text}" if following else ""
        return _private(f"Skipped: {card.item.text}{after}", "Prompt skipped")

    async def _cmd_prompt_now(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = self._need_community(ctx)
        schedule = await self.store.schedules.get(community.id, "prompt")
        if schedule is None:
            raise UserError("Set up the daily prompt first with `/trust setup`, so I know which channel to use.")
        local_date = self.clock.now().astimezone(community.zone).date()
        post = await self.prompts.post_next(ctx.port, community, schedule.channel_ref, local_date)
        logger.info("moderator %s posted prompt %s now", ctx.member.id, post.prompt_id)
        return _private(f"Posted in #{schedule.channel_name}. The scheduled prompt still goes out as usual.", "Prompt posted")

    async def _cmd_prompt_pause(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = self._need_community(ctx)
        schedule = await self.store.schedules.get(community.id, "prompt")
        if schedule is None:
            raise UserError("There is no daily prompt to pause yet. Use `/trust setup`.")
        if schedule.paused:
            return _private("The daily prompt is already paused. `/trust prompt resume` starts it again.")
        await self.store.schedules.set_paused(schedule.id, True, None, self.clock.now())
        return _private("The daily prompt is paused. `/trust prompt resume` starts it again.", "Paused")

    async def _cmd_prompt_resume(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = self._need_community(ctx)
        schedule = await self.store.schedules.get(community.id, "prompt")
        if schedule is None:
            raise UserError("There is no daily prompt to resume yet. Use `/trust setup`.")
        if not schedule.paused:
            return _private("The daily prompt is already running.")
        now = self.clock.now()
        nxt = next_occurrence(now, schedule.local_time, schedule.zone, schedule.weekdays)
        await self.store.schedules.set_paused(schedule.id, False, nxt.at, now)
        return _private(f"The daily prompt is back on. Next one: {format_local(nxt.at, schedule.zone)}.", "Resumed")

    async def _cmd_streak(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        communities = [ctx.community] if ctx.community else await self.store.communities.for_member(ctx.member.id)
        if not communities:
            return _private("You have not answered any prompts yet. Answer today's prompt in its thread to start a streak.")
        lines = []
        for community in communities:
            streak = await self.prompts.streak(community, ctx.member.id)
            line = f"**{streak.current}** prompt(s) in a row (longest {streak.longest}, {streak.total} answered in all)."
            if streak.grace_used_on:
                line += f" Your grace day covered {streak.grace_used_on:%a %d %b}."
            if streak.pending_today:
                line += " Today's prompt is still open."
            lines.append(line if len(communities) == 1 else f"{community.name or community.external_id}: {line}")
        lines.append("A streak survives one missed prompt; two in a row start it again. Only you can see this.")
        return _private("\n".join(lines), "Your streak")

    async def _cmd_tip(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.community
        resources = community.settings.get("safety_resources") if community else None
        return [Reply(safety_message(self.content, resources), "private")]


def _check_args(spec: CommandSpec, args: dict[str, str]) -> None:
    for key, value in args.items():
        option = spec.option(key)
        if option is None:
            known = ", ".join(o.name for o in spec.options) or "none"
            raise UserError(f"`/trust {spec.name}` has no option '{key}'. Its options: {known}.")
        if len(value) > option.max_length:
            raise UserError(
                f"The {option.name} is too long ({len(value)} characters; the limit is {option.max_length}). "
                "Nothing was saved."
            )
    missing = [o.name for o in spec.options if o.required and not args.get(o.name, "").strip()]
    if missing:
        raise UserError(f"`/trust {spec.name}` needs {', '.join(missing)}. Usage: `{usage(spec)}`")


def _int_arg(value: str, name: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise UserError(f"The {name} must be a whole number from {low} to {high}.") from None
    if not low <= number <= high:
        raise UserError(f"The {name} must be from {low} to {high}.")
    return number


def _delivery_problem(exc: DeliveryError) -> str:
    return {
        "forbidden": "I don't have permission to post there (check my channel permissions).",
        "not_found": "the channel or thread no longer exists.",
        "rate_limited": "the platform asked me to slow down; I will try again shortly.",
        "unavailable": "the platform is not answering right now; I will try again shortly.",
        "invalid": "the platform refused the message.",
    }[exc.reason]
