"""The core's front door: one entry point for inbound events, one for the scheduler's tick."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import TypeVar

from core.checkins.feature import CheckinsFeature
from core.checkins.messages import state_line
from core.clock import Clock
from core.commands import (
    COMMANDS,
    GROUPS,
    command_help,
    find_command,
    group_help,
    unknown_command,
    unknown_topic,
    usage,
)
from core.commandspec import CommandSpec
from core.community import permissions
from core.content.schema import Content
from core.errors import DeliveryError, UserError
from core.feature import CommandHandler, Context, CoreSettings, Deps, Feature, Route, private
from core.formatting import format_local
from core.guidance import is_dangerous
from core.guidance.feature import GuidanceFeature
from core.models import ActionEvent, Actor, Button, CommandEvent, Event, FormEvent, Message, MessageEvent, Place, Reply
from core.ports import ChatPort
from core.prompts import streak_line
from core.registry import FEATURE_CLASSES
from core.scheduling.runner import ScheduleRunner
from core.storage.records import ScheduleRecord
from core.storage.store import Store
from core.validation import format_weekdays, suggest_zones

__all__ = ["CoreSettings", "TrustCore"]

logger = logging.getLogger(__name__)

_F = TypeVar("_F", bound=Feature)

# a member's own page (home): their settings in words
_CHECKINS_OFF = "Check-ins: off. `/trust checkin start time:21:00 timezone:Europe/London` starts them."
_NO_CHECKINS = "You don't get check-ins now (`/trust checkin start`)."  # the trend's own line, shown as a setting
_DMS_ON = "DMs from trustbot: on (your check-ins, tips you ask for, and challenge steps if you chose them)."
_DMS_REFUSED = (
    "DMs from trustbot: off, because my last DM to you was refused. Allow DMs from trustbot, then "
    "`/trust checkin resume`."
)


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
        settings = settings or CoreSettings()
        self.store = store
        self.content = content
        self.clock = clock
        self.settings = settings
        self.deps = Deps(store, content, clock, dict(ports), settings)
        self.features: list[Feature] = [cls(self.deps) for cls in FEATURE_CLASSES]
        for feature in self.features:
            feature.peers = [f for f in self.features if f is not feature]
        self.guidance = self.feature(GuidanceFeature)
        self._commands: dict[str, CommandHandler] = {"help": self._cmd_help, "about": self._cmd_about}
        self._actions: dict[str, Route] = {}
        self._forms: dict[str, Route] = {}
        schedule_handlers = {}
        for feature in self.features:
            self._commands.update(feature.commands())
            self._actions.update(feature.actions())
            self._forms.update(feature.forms())
            schedule_handlers.update(feature.schedule_handlers())
        missing = {spec.name for spec in COMMANDS} - set(self._commands)
        if missing:
            raise RuntimeError(f"commands without handlers: {sorted(missing)}")
        self.runner = ScheduleRunner(
            store,
            clock,
            grace=settings.grace,
            owner=settings.instance_id,
            handlers=schedule_handlers,
            on_permanent_failure=self._schedule_failed,
            concurrency=settings.concurrency,
            lease=settings.claim_lease,
            platforms=frozenset(self.deps.ports),
            partitions=settings.partitions,
        )
        self._ticking = asyncio.Lock()
        self._tick_again = False

    def feature(self, cls: type[_F]) -> _F:
        for feature in self.features:
            if isinstance(feature, cls):
                return feature
        raise KeyError(cls.__name__)

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
            return private(str(exc))
        except DeliveryError as exc:
            logger.warning("delivery failed while handling %s: %s", type(event).__name__, exc)
            return private(f"I could not do that: {delivery_problem(exc)}")
        raise TypeError(f"unknown event {event!r}")

    async def _context(self, event: CommandEvent | MessageEvent | ActionEvent | FormEvent, place: Place) -> Context:
        now = self.clock.now()
        actor = event.actor
        port = self.deps.ports.get(actor.platform)
        if port is None:
            raise UserError(f"trustbot is not connected to {actor.platform}.")
        member = await self.store.members.ensure(actor.platform, actor.user_id, actor.display_name, now)
        community = None
        if event.community:
            community = await self.store.communities.ensure(actor.platform, event.community, now)
            await self.store.members.seen_in(community.id, member.id, now)
        return Context(actor, member, community, place, port, now)

    async def _command(self, event: CommandEvent) -> list[Reply]:
        spec = find_command(event.name)
        if spec is None:
            raise unknown_command(event.name.split())
        _check_args(spec, event.args)
        ctx = await self._context(event, event.place)
        permissions.require(spec.audience, ctx.actor, ctx.community, f"use `/trust {spec.name}`")
        permissions.require_options(spec, event.args, ctx.actor, ctx.community)
        return await self._commands[spec.name](ctx, event.args)

    async def _message(self, event: MessageEvent) -> list[Reply]:
        if event.place.kind == "dm":
            async with self.store.db.transaction():  # a DM is one transaction (README: "What a DM costs")
                ctx = await self._context(event, event.place)
                text = event.text.strip()
                if text.lower() in ("help", "/help", "?", "commands", "/trust help"):
                    return await self._cmd_help(ctx, {})
                return await self.guidance.handle_text(ctx, text)
        if event.place.kind == "thread" and event.community and event.place.thread:
            ctx = await self._context(event, event.place)
            for feature in self.features:
                if await feature.on_thread_message(ctx, event.place.thread, event.text):
                    break
            if await is_dangerous(self.content, event.text, today=ctx.now.date()):
                logger.info("safety resources sent by DM to member %s after a thread message", ctx.member.id)
                return await self.guidance.safety_replies(ctx, "dm")
        return []

    async def _action(self, event: ActionEvent) -> list[Reply]:
        route = self._actions.get(event.action_id)
        if route is None:
            raise UserError("That button no longer works. Run the command again.")
        ctx = await self._context(event, event.place)
        permissions.require(route.audience, ctx.actor, ctx.community, "use that button")
        replies: list[Reply] = await route.handler(ctx, event.value)
        return replies

    async def _form(self, event: FormEvent) -> list[Reply]:
        route = self._forms.get(event.form_id)
        if route is None:
            raise UserError("That form no longer works. Run the command again.")
        ctx = await self._context(event, Place.dm() if event.community is None else Place("channel"))
        permissions.require(route.audience, ctx.actor, ctx.community, "submit that form")
        replies: list[Reply] = await route.handler(ctx, event.values, event.context)
        return replies

    async def remove_community(self, platform: str, external_id: str) -> bool:
        """Delete all of a community's data now (``community remove`` after its confirmation)."""
        community = await self.store.communities.find(platform, external_id)
        if community is None:
            return False
        await self.store.communities.remove(community.id)
        logger.info("removed community %s and all of its data", community.id)
        return True

    async def suggest(
        self, platform: str, community: str | None, command: str, option: str, text: str, limit: int = 25
    ) -> list[tuple[str, str]]:
        """Suggestions while someone types an option (Discord autocomplete): (label, value) pairs."""
        spec = find_command(command)
        opt = spec.option(option) if spec else None
        if opt is None or not opt.suggested:
            return []
        if opt.kind == "timezone":
            return [(zone, zone) for zone in suggest_zones(text, limit)]
        found = await self.store.communities.find(platform, community) if community else None
        suggestions: list[tuple[str, str]] = []
        for feature in self.features:
            suggestions += await feature.suggest(found, command, option, text)
        return suggestions[:limit]

    # ------------------------------------------------------------------ platform events

    async def community_seen(self, platform: str, external_id: str, *, partition: int | None = None) -> None:
        """The bot is in this community (it joined, or it connected): cancel a pending removal."""
        await self.communities_seen(platform, {external_id: partition})

    async def communities_seen(self, platform: str, partitions: dict[str, int | None]) -> None:
        """The bot is in these communities (external id -> partition, e.g. a Discord shard), in one go."""
        for community_id in await self.store.communities.seen(platform, partitions):
            logger.info("community %s added the bot back within the grace period: its data is kept", community_id)

    async def community_left(self, platform: str, external_id: str) -> bool:
        """The bot was removed from a community: its data goes after the removal grace period."""
        community = await self.store.communities.find(platform, external_id)
        if community is None:
            return False
        if community.removed_at is None:
            await self.store.communities.set_removed(community.id, self.clock.now())
            logger.info(
                "the bot left community %s: its data is removed after %s unless it is added back",
                community.id, self.settings.removal_grace,
            )  # fmt: skip
        return True

    async def channel_gone(self, platform: str, community: str, channel: str) -> list[str]:
        """A channel was deleted: pause what posts there and tell moderators (returned lines, also in status)."""
        found = await self.store.communities.find(platform, community)
        if found is None:
            return []
        error = DeliveryError("not_found", f"channel {channel} was deleted")
        paused = []
        for schedule in await self.store.schedules.for_community(found.id):
            if schedule.channel_ref == channel and not schedule.paused:
                paused.append(await self._schedule_failed(schedule, error))
        for feature in self.features:
            paused += await feature.on_channel_gone(found, channel)
        return [line for line in paused if line]

    async def first_time(self, key: str) -> bool:
        """True the first time ``key`` is seen, across processes (a platform's retried event is handled once)."""
        now = self.clock.now()
        claim = await self.store.deliveries.claim(
            key[:200], kind="inbound", scheduled_for=now, owner=self.settings.instance_id, now=now
        )
        if claim:
            await self.store.deliveries.mark_sent(key[:200], now)
        return bool(claim)

    async def home(self, actor: Actor) -> Message:
        """A member's own page (Slack's App Home): streak, check-in trend, challenges and settings, only for them."""
        now = self.clock.now()
        member = await self.store.members.ensure(actor.platform, actor.user_id, actor.display_name, now)
        communities = await self.store.communities.for_member(member.id)
        named = len(communities) > 1
        streaks = [
            f"{c.name or c.external_id}: {line}" if named else line
            for c in communities
            for line in [await streak_line(self.store, c, member.id)]
        ]
        parts = ["**Your streak**\n" + ("\n".join(streaks) or "Answer a daily prompt in its thread to start one.")]
        checkins = self.feature(CheckinsFeature)
        sub = await checkins.repo.subscription(member.id)
        settings = [state_line(sub, now, member) if sub else _CHECKINS_OFF]
        trend = await checkins.history_message(member, now)  # its last line, the check-in settings, goes below
        kept = [line for line in trend.text.splitlines() if line not in (settings[0], _NO_CHECKINS)]
        parts.append(f"**{trend.title}**\n" + "\n".join(kept).strip())
        for reply in await self.handle(CommandEvent(None, actor, Place.dm(), "challenge progress")):
            if reply.message.text.strip():
                parts.append(f"**{reply.message.title or 'Your challenges'}**\n{reply.message.text}")
        settings.append(_DMS_REFUSED if member.dm_blocked else _DMS_ON)
        for community in communities:
            prompt = await self.store.schedules.get(community.id, "prompt")
            if prompt is not None:
                where = f" in {community.name or community.external_id}" if named else ""
                state = " It is paused now." if prompt.paused else ""
                settings.append(
                    f"Daily prompt{where}: #{prompt.channel_name} at {prompt.local_time:%H:%M} ({prompt.timezone}), "
                    f"{format_weekdays(prompt.weekdays)}.{state}"
                )
        parts.append("**Your settings**\n" + "\n".join(f"• {line}" for line in settings))
        parts.append("Use `/trust help` for everything trustbot does. " + self.content.notices.education_not_therapy)
        buttons = (
            Button("tips:another", "A tip", "", "primary"),
            Button("checkin:history", "Your trend", ""),
            Button("safety:show", "People who can help", ""),
        )
        return Message("\n\n".join(parts), "Your trustbot", buttons=buttons, footer="Only you can see this page.")

    async def dm_channel(self, platform: str, user_id: str) -> str | None:
        """The DM channel an adapter stored for this person (one lookup per person, ever)."""
        return await self.store.members.dm_channel(platform, user_id)

    async def remember_dm_channel(self, platform: str, user_id: str, channel: str) -> None:
        await self.store.members.set_dm_channel(platform, user_id, channel, self.clock.now())

    # ------------------------------------------------------------------ scheduling

    async def tick(self) -> int:
        """Send whatever is due now. Safe to call often, from several processes.

        Single-flight per process: a call while a tick runs returns 0 at once and makes the
        running tick go round once more, so overlapping wake-ups never send in parallel twice.
        """
        if self._ticking.locked():
            self._tick_again = True
            return 0
        sent = 0
        async with self._ticking:
            self._tick_again = True
            while self._tick_again:
                self._tick_again = False
                sent += await self._tick_once()
        return sent

    async def drain(self) -> None:
        """Wait for the running tick, if any, to finish its sends (for a clean shutdown)."""
        async with self._ticking:
            self._tick_again = False

    async def _tick_once(self) -> int:
        sent = await self.runner.run_due()
        now = self.clock.now()
        for feature in self.features:
            try:
                sent += await feature.tick(now)
            except Exception:
                logger.exception("%s tick failed", feature.name)
        for community in await self.store.communities.removed_before(now - self.settings.removal_grace):
            await self.store.communities.remove(community.id)
            logger.info("removed community %s: the bot was removed and the grace period is over", community.id)
        return sent

    async def next_due(self) -> datetime | None:
        """When something is next due (for the virtual clock and for precise wake-ups)."""
        candidates = [await self.store.schedules.next_due()]
        removal = await self.store.communities.next_removal()
        if removal is not None:
            candidates.append(removal + self.settings.removal_grace)
        for feature in self.features:
            candidates.append(await feature.next_due())
        present = [c for c in candidates if c is not None]
        return min(present) if present else None

    async def _schedule_failed(self, schedule: ScheduleRecord, error: DeliveryError) -> str:
        """A permanent failure (deleted channel, lost access): pause, and tell moderators in status."""
        now = self.clock.now()
        await self.store.schedules.set_paused(schedule.id, True, None, now)
        community = await self.store.communities.get(schedule.community_id)
        if community is None:
            return ""
        alert = (
            f"The {schedule.kind} schedule for #{schedule.channel_name} was paused on "
            f"{format_local(now, community.zone)}: {delivery_problem(error)} Run `/trust setup` to choose a channel, "
            "then resume it."
        )
        await self.store.communities.add_alert(community.id, alert)
        return alert

    async def communities_with_alerts(self, platform: str) -> list[str]:
        """External ids of ``platform``'s communities with alerts not yet told to moderators."""
        return [c.external_id for c in await self.store.communities.with_unsent_alerts(platform)]

    async def pending_alerts(self, platform: str, external_id: str) -> list[str]:
        """Alerts not yet told to moderators outside ``/trust status`` (an adapter tells them once)."""
        community = await self.store.communities.find(platform, external_id)
        return [] if community is None else await self.store.communities.take_unsent_alerts(community.id)

    # ------------------------------------------------------------------ help

    async def _cmd_help(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        topic = " ".join(args.get("topic", "").lower().removeprefix("/").removeprefix("trust ").split())
        if topic == "safety":
            return await self.guidance.safety_replies(ctx, asked=True)
        if topic in GROUPS:
            return private(group_help(topic), f"/trust {topic}")
        if topic:
            spec = find_command(topic)
            if spec is None:
                raise unknown_topic(topic)
            return private(command_help(spec), f"/trust {spec.name}")
        mod = permissions.is_moderator(ctx.actor, ctx.community)
        lines = ["For everyone:"]
        lines += [f"• `/trust {s.name}` — {s.description}" for s in COMMANDS if s.audience == "anyone"]
        lines.append("• DM me what is on your mind (for example “how do I apologise?”) and I'll send a tip.")
        if mod:
            lines.append("")
            lines.append("For moderators:")
            lines += [f"• `/trust {s.name}` — {s.description}" for s in COMMANDS if s.audience != "anyone"]
        lines.append("")
        lines.append("`/trust help checkin` lists a group's commands; `/trust help checkin start` shows one command.")
        lines.append(self.content.notices.education_not_therapy)
        return private("\n".join(lines), "What trustbot can do")

    async def _cmd_about(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        text = f"{self.content.notices.welcome}\n\n{self.content.notices.education_not_therapy}"
        return private(text, "About trustbot")


def _check_args(spec: CommandSpec, args: dict[str, str]) -> None:
    for key, value in args.items():
        option = spec.option(key)
        if option is None:
            known = ", ".join(o.name for o in spec.options) or "none"
            raise UserError(f"`/trust {spec.name}` has no option '{key[:40]}'. Its options: {known}.")
        if len(value) > option.max_length:
            raise UserError(
                f"The {option.name} is too long ({len(value)} characters; the limit is {option.max_length}). "
                "Nothing was saved."
            )
    missing = [o.name for o in spec.options if o.required and not args.get(o.name, "").strip()]
    if missing:
        raise UserError(f"`/trust {spec.name}` needs {', '.join(missing)}. Usage: `{usage(spec)}`")


def delivery_problem(exc: DeliveryError) -> str:
    return {
        "forbidden": "I don't have permission to post there (check my channel permissions).",
        "not_found": "the channel or thread no longer exists.",
        "rate_limited": "the platform asked me to slow down; I will try again shortly.",
        "unavailable": "the platform is not answering right now; I will try again shortly.",
        "invalid": "the platform refused the message.",
    }[exc.reason]
