"""Community setup (one flow for every schedule) and the moderators' status view."""

from __future__ import annotations

from datetime import timedelta

from core.commandspec import CommandSpec, Option
from core.errors import UserError
from core.feature import CommandHandler, Context, Feature, private
from core.formatting import format_local
from core.models import Message, Reply
from core.scheduling.recurrence import next_occurrence
from core.validation import format_weekdays, parse_local_time, parse_weekdays, read_zone

__all__ = ["CommunityFeature"]


class CommunityFeature(Feature):
    name = "community"
    SPECS = (
        CommandSpec(
            ("setup",),
            "Set up (or change) this community's schedules and moderator role",
            (
                Option("channel", "Channel for the daily prompt", "channel"),
                Option("timezone", "IANA time zone, e.g. America/New_York", "timezone", max_length=64),
                Option("time", "Daily prompt time, 24-hour HH:MM", "time", max_length=20),
                Option("days", "Prompt days: daily, weekdays, or e.g. mon,wed,fri", "days", max_length=60),
                Option("role", "Name of the moderator role: who the moderators are", max_length=100, audience="admin"),
                Option("reflection_day", "Weekday of the weekly reflection, e.g. sun", "days", max_length=20),
                Option("reflection_time", "Time of the weekly reflection, HH:MM", "time", max_length=20),
                Option("reflection_channel", "Channel for weekly reflections (default: the prompt channel)", "channel"),
            ),
            audience="moderator",
            example="/trust setup channel:#daily-prompts timezone:America/New_York time:08:00 role:moderators",
        ),
        CommandSpec(
            ("status",), "Everything scheduled for the next 7 days", audience="moderator", example="/trust status"
        ),
    )

    def commands(self) -> dict[str, CommandHandler]:
        return {"setup": self._setup, "status": self._status}

    async def _setup(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        store = self.deps.store
        existing = await store.schedules.get(community.id, "prompt")
        if existing is None:
            missing = [name for name in ("channel", "timezone", "time") if not args.get(name, "").strip()]
            if missing:
                raise UserError(
                    f"The first setup needs {', '.join(missing)}. For example: "
                    "`/trust setup channel:#daily-prompts timezone:America/New_York time:08:00`"
                )
        if not args:
            raise UserError("Nothing to change. `/trust help` lists the setup options.")
        zone, zone_note = read_zone(args["timezone"]) if "timezone" in args else (community.zone, None)
        at = parse_local_time(args["time"]) if "time" in args else existing.local_time if existing else None
        days = (
            parse_weekdays(args["days"])
            if "days" in args
            else existing.weekdays
            if existing
            else parse_weekdays("daily")
        )
        if not days:
            raise UserError("Choose at least one day for the daily prompt.")
        channel = None
        if "channel" in args:
            channel = await ctx.port.resolve_channel(community.external_id, args["channel"])
            if channel is None:
                raise UserError(
                    f"I can't find a channel called {args['channel']} that I can post in. Check the name, and that I "
                    "may post and create threads there; a private channel needs me added (invited) first. "
                    "Nothing was changed."
                )
        role = args.get("role", "").strip().lstrip("@") or None
        for feature in self.peers:
            await feature.validate_setup(ctx, community, args)
        # everything is valid: store
        if "timezone" in args or role:
            await store.communities.update(
                community.id, timezone=zone.key if "timezone" in args else None, moderator_role=role
            )
        lines: list[str] = [zone_note] if zone_note else []
        if channel is not None or (existing is not None and ({"timezone", "time", "days"} & set(args))):
            assert at is not None
            channel_ref = channel.ref if channel else existing.channel_ref if existing else ""
            channel_name = channel.name if channel else existing.channel_name if existing else ""
            first = next_occurrence(ctx.now, at, zone, days)
            await store.schedules.put(
                community.id, "prompt", channel_ref=channel_ref, channel_name=channel_name, timezone=zone.key,
                local_time=at, weekdays=days, next_run_at=None if existing and existing.paused else first.at,
                now=ctx.now, paused=bool(existing and existing.paused),
            )  # fmt: skip
            lines.append(f"Daily prompts go to #{channel_name} at {at:%H:%M} ({zone.key}), {format_weekdays(days)}.")
            if existing and existing.paused:
                lines.append("The daily prompt is paused; `/trust prompt resume` starts it again.")
            else:
                lines.append(f"Next prompt: {format_local(first.at, zone)}.")
        if role:
            lines.append(f"Moderator role: {role}.")
        community = await store.communities.get(community.id) or community
        for feature in self.peers:
            lines += await feature.on_setup(ctx, community, args)
        settings = dict(community.settings)
        settings.pop("alerts", None)
        settings.pop("alerts_unsent", None)
        first_time = not settings.get("welcomed")
        settings["welcomed"] = True
        await store.communities.update(community.id, settings=settings)
        if first_time and channel is not None:
            notices = self.deps.content.notices
            await ctx.port.post(community.external_id, channel.ref, Message(notices.welcome, "Welcome to trustbot"))
        if not community.moderator_role and not role:
            lines.append("No moderator role yet: only owners and admins can manage trustbot (add role:NAME).")
        return private("\n".join(lines), "Setup saved")

    async def _status(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        zone = community.zone
        lines = [f"⚠️ {alert}" for alert in community.settings.get("alerts", [])]
        schedule = await self.deps.store.schedules.get(community.id, "prompt")
        if schedule is None:
            lines.append("Daily prompt: not set up yet. Start with `/trust setup`.")
        else:
            state = "paused" if schedule.paused else "on"
            lines.append(
                f"Daily prompt ({state}): #{schedule.channel_name} at {schedule.local_time:%H:%M} {schedule.timezone}, "
                f"{format_weekdays(schedule.weekdays)}."
            )
        lines.append(f"Moderator role: {community.moderator_role or 'none (owners and admins only)'}.")
        end = ctx.now + timedelta(days=7)
        items: list[tuple[str, str]] = []
        for feature in [self, *self.peers]:
            for when, what in await feature.upcoming(community, ctx.now, end):
                items.append((when.isoformat(), f"• {format_local(when, zone)} — {what}"))
        lines.append("")
        lines.append("Next 7 days:" if items else "Nothing is scheduled for the next 7 days.")
        lines += [line for _, line in sorted(items)]
        lines.append(f"\nNow: {format_local(ctx.now, zone)}")
        return private("\n".join(lines), "Community status")
