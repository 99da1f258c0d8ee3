"""The weekly reflection: one themed thread a week that recalls the week's prompts, closed after a set time."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.commandspec import CommandSpec, Option
from core.content.schema import Content, Theme
from core.errors import DeliveryError, UserError
from core.features.base import CommandHandler, Context, Deps, Feature, ScheduleHandler, private
from core.models import Message, Reply
from core.ports import ChatPort
from core.scheduling.recurrence import Occurrence, next_occurrence, occurrences_between
from core.services.messages import format_local
from core.storage.records import CommunityRecord, ScheduleRecord
from core.storage.reflections import ReflectionRecord
from core.validation import parse_local_time, parse_weekdays

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

KIND = "reflection"
DEFAULT_DAY = 6  # Sunday
DEFAULT_TIME = time(18, 0)
DEFAULT_CLOSE_HOURS = 48
MAX_CLOSE_HOURS = 168
MAX_LENGTH = 1800
_SETTINGS_KEY = "reflection_close_hours"
_SETUP_OPTIONS = ("reflection_day", "reflection_time", "reflection_channel")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEK = timedelta(days=7)
_CLOSE_RETRY = timedelta(minutes=5)
_PROMPT_CLIP = 160
_LINE_CLIP = 300


def week_start(local_date: date) -> date:
    """The Monday of ``local_date``'s ISO week: a community has at most one reflection per such week."""
    return local_date - timedelta(days=local_date.weekday())


def iso_week(local_date: date) -> str:
    """``2027-W10``: the ISO week of a local date (used in the claim of ``/trust reflection now``)."""
    year, week, _ = local_date.isocalendar()
    return f"{year}-W{week:02d}"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    for end in (". ", "! ", "? "):
        cut = flat.find(end)
        if 0 < cut < 220:
            return flat[: cut + 1]
    return _clip(flat, 220)


def _build(
    theme: Theme,
    from_peer: bool,
    summary: str,
    prompts: list[str],
    dropped: int,
    lines: list[str],
    close_at: datetime,
    zone: ZoneInfo,
) -> Message:
    why = " (in step with this week's challenge)" if from_peer else ""
    parts = [f"This week's theme: **{theme.label}**{why}." + (f" {summary}" if summary else "")]
    if prompts or dropped:
        block = ["**This week's prompts**", *(f"• {p}" for p in prompts)]
        if dropped:
            block.append(f"• …and {dropped} more")
        parts.append("\n".join(block))
    parts.append("\n".join(["**Questions to reflect on**", *(f"• {q}" for q in theme.reflection_questions)]))
    if lines:
        parts.append("\n".join(["**This week in the community**", *lines]))
    parts.append(
        f"Reply in this reflection's thread; it stays open until {format_local(close_at, zone)}. "
        "Share only what you are comfortable sharing here."
    )
    return Message(
        text="\n\n".join(parts),
        title=f"Weekly reflection · {theme.label}",
        footer=f"From {theme.source.cite()}. trustbot is education, not therapy.",
    )


def reflection_message(
    theme: Theme,
    *,
    from_peer: bool,
    prompt_texts: list[str],
    peer_lines: list[str],
    close_at: datetime,
    zone: ZoneInfo,
    limit: int = MAX_LENGTH,
) -> Message:
    """The weekly reflection post, kept under ``limit`` characters.

    When everything does not fit, the recalled prompts are cut first (keeping at least two),
    then the peers' lines, then the theme's summary, then the remaining prompts.
    """
    prompts = [_clip(p, _PROMPT_CLIP) for p in prompt_texts if p.strip()]
    lines = [_clip(line, _LINE_CLIP) for line in peer_lines if line.strip()]
    summary = _first_sentence(theme.summary)
    dropped = 0
    while True:
        message = _build(theme, from_peer, summary, prompts, dropped, lines, close_at, zone)
        if len(message.plain()) <= limit:
            return message
        if len(prompts) > 2:
            prompts.pop()
            dropped += 1
        elif lines:
            lines.pop()
        elif summary:
            summary = ""
        elif prompts:
            prompts.pop()
            dropped += 1
        else:
            room = max(limit - len(message.plain()) + len(message.text), 0)
            return replace(message, text=_clip(message.text, room))


def _thread_title(theme: Theme, local_date: date) -> str:
    return _clip(f"Weekly reflection · {local_date:%d %b} · {theme.label}", 90)


def _parse_day(text: str) -> frozenset[int]:
    try:
        days = parse_weekdays(text)
    except UserError as exc:
        raise UserError(f"reflection_day: {exc} Nothing was changed.") from None
    if len(days) != 1:
        raise UserError(
            "The weekly reflection happens on exactly one day: give one weekday, e.g. reflection_day:sun. "
            "Nothing was changed."
        )
    return days


def _parse_time(text: str) -> time:
    try:
        return parse_local_time(text)
    except UserError as exc:
        raise UserError(f"reflection_time: {exc} Nothing was changed.") from None


def _parse_hours(text: str) -> int:
    try:
        hours = int(text.strip())
    except ValueError:
        raise UserError(
            f"close_after_hours must be a whole number of hours from 1 to {MAX_CLOSE_HOURS}, e.g. 48. "
            "Nothing was changed."
        ) from None
    if not 1 <= hours <= MAX_CLOSE_HOURS:
        raise UserError(
            f"close_after_hours must be from 1 to {MAX_CLOSE_HOURS} (one week); you gave {hours}. Nothing was changed."
        )
    return hours


def _day_label(days: frozenset[int]) -> str:
    return f"{_DAY_NAMES[min(days)]}s" if days else "no day"


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
        self._prompt_channel_before: dict[int, str | None] = {}

    @property
    def content(self) -> Content:
        return self.deps.content

    def commands(self) -> dict[str, CommandHandler]:
        return {"reflection on": self._on, "reflection off": self._off, "reflection now": self._now}

    def schedule_handlers(self) -> dict[str, ScheduleHandler]:
        return {KIND: self._deliver}

    def close_hours(self, community: CommunityRecord) -> int:
        value = community.settings.get(_SETTINGS_KEY)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_CLOSE_HOURS:
            return value
        return DEFAULT_CLOSE_HOURS

    # ------------------------------------------------------------------ setup

    async def validate_setup(self, ctx: Context, community: CommunityRecord, args: dict[str, str]) -> None:
        if "reflection_day" in args:
            _parse_day(args["reflection_day"])
        if "reflection_time" in args:
            _parse_time(args["reflection_time"])
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
        given = any(name in args for name in _SETUP_OPTIONS)
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
            record = await self._put_default(community, prompt, ctx.now, paused=False)
            return [
                f"{self._summary(record)[:-1]} (the default; change it with reflection_day, reflection_time "
                "and reflection_channel, or turn it off with `/trust reflection off`).",
                self._next_line(community, record),
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
        days = _parse_day(args["reflection_day"]) if "reflection_day" in args else None
        at = _parse_time(args["reflection_time"]) if "reflection_time" in args else None
        record = await self._put(
            community,
            channel,
            days if days is not None else existing.weekdays if existing else frozenset({DEFAULT_DAY}),
            at if at is not None else existing.local_time if existing else DEFAULT_TIME,
            ctx.now,
            paused=bool(existing and existing.paused),
        )
        lines = [self._summary(record)]
        if follows:
            lines[0] += " (It moved with the daily prompt; set reflection_channel to keep it elsewhere.)"
        lines.append(self._next_line(community, record))
        return lines

    async def _put_default(
        self, community: CommunityRecord, prompt: ScheduleRecord, now: datetime, *, paused: bool
    ) -> ScheduleRecord:
        channel = (prompt.channel_ref, prompt.channel_name)
        return await self._put(community, channel, frozenset({DEFAULT_DAY}), DEFAULT_TIME, now, paused=paused)

    async def _put(
        self,
        community: CommunityRecord,
        channel: tuple[str, str],
        days: frozenset[int],
        at: time,
        now: datetime,
        *,
        paused: bool,
    ) -> ScheduleRecord:
        zone = community.zone
        first = next_occurrence(now, at, zone, days)
        return await self.deps.store.schedules.put(
            community.id, KIND, channel_ref=channel[0], channel_name=channel[1], timezone=zone.key, local_time=at,
            weekdays=days, next_run_at=None if paused else first.at, now=now, paused=paused,
        )  # fmt: skip

    @staticmethod
    def _summary(schedule: ScheduleRecord) -> str:
        return (
            f"Weekly reflection: {_day_label(schedule.weekdays)} at {schedule.local_time:%H:%M} "
            f"in #{schedule.channel_name}."
        )

    def _next_line(self, community: CommunityRecord, schedule: ScheduleRecord) -> str:
        if schedule.paused or schedule.next_run_at is None:
            return "The weekly reflection is off; `/trust reflection on` starts it again."
        return (
            f"Next reflection: {format_local(schedule.next_run_at, schedule.zone)}; "
            f"each thread stays open {self.close_hours(community)} hours."
        )

    # ------------------------------------------------------------------ commands

    async def _on(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        store = self.deps.store
        hours = _parse_hours(args["close_after_hours"]) if args.get("close_after_hours", "").strip() else None
        schedule = await store.schedules.get(community.id, KIND)
        lines: list[str] = []
        if schedule is None:
            prompt = await store.schedules.get(community.id, "prompt")
            if prompt is None:
                raise UserError(
                    "Set up the daily prompt first with `/trust setup`, so I know which channel and time zone to use. "
                    "Nothing was changed."
                )
            schedule = await self._put_default(community, prompt, ctx.now, paused=False)
            state = "is on"
        elif schedule.paused:
            nxt = next_occurrence(ctx.now, schedule.local_time, schedule.zone, schedule.weekdays)
            await store.schedules.set_paused(schedule.id, False, nxt.at, ctx.now)
            schedule = replace(schedule, paused=False, next_run_at=nxt.at)
            state = "is back on"
        else:
            state = "was already on"
        if hours is not None:
            await store.communities.update(community.id, settings={**community.settings, _SETTINGS_KEY: hours})
            community = replace(community, settings={**community.settings, _SETTINGS_KEY: hours})
        lines.append(
            f"The weekly reflection {state}: {_day_label(schedule.weekdays)} at {schedule.local_time:%H:%M} "
            f"in #{schedule.channel_name}."
        )
        lines.append(self._next_line(community, schedule))
        if hours is not None:
            for open_one in await store.reflections.open_threads(community.id):
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
            await self._put_default(community, prompt, ctx.now, paused=True)  # remembered as off
        elif schedule.paused:
            return private("The weekly reflection is already off. `/trust reflection on` starts it again.")
        else:
            await store.schedules.set_paused(schedule.id, True, None, ctx.now)
        lines = ["The weekly reflection is off. `/trust reflection on` starts it again."]
        for open_one in await store.reflections.open_threads(community.id):
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
        existing = await store.reflections.for_week(community.id, week_start(local_date))
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
            record = await self._open(ctx.port, community, target.channel_ref, ctx.now - _WEEK, local_date)
        except DeliveryError as exc:
            await store.deliveries.release(key, str(exc))
            raise
        except Exception as exc:
            await store.deliveries.release(key, repr(exc), permanent=True)
            raise
        if record is None:
            await store.deliveries.release(key, "already opened this week", permanent=True)
            opened = await store.reflections.for_week(community.id, week_start(local_date))
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

    async def _deliver(self, schedule: ScheduleRecord, occurrence: Occurrence) -> str | None:
        community = await self.deps.store.communities.get(schedule.community_id)
        if community is None:
            return None
        port = self.deps.port_for(community.platform)
        record = await self._open(port, community, schedule.channel_ref, occurrence.at - _WEEK, occurrence.local_date)
        if record is None:
            logger.info(
                "weekly reflection of community %s for the week of %s was already opened; the scheduled one is skipped",
                community.id, week_start(occurrence.local_date),
            )  # fmt: skip
            return None
        return record.message_ref

    async def _theme_for(self, community: CommunityRecord, local_date: date) -> tuple[Theme, bool]:
        """The week's theme and whether a peer chose it (else the next theme in the rotation)."""
        for peer in self.peers:
            try:
                theme_id = await peer.current_theme(community, local_date)
            except Exception:
                logger.exception("%s failed to give the current theme", peer.name)
                continue
            if theme_id:
                try:
                    return self.content.theme(theme_id), True
                except KeyError:
                    logger.warning("%s named an unknown theme %r; ignored", peer.name, theme_id)
        themes = self.content.themes
        ids = [t.id for t in themes]
        last = await self.deps.store.reflections.last_rotation_theme(community.id)
        index = (ids.index(last) + 1) % len(ids) if last in ids else 0
        return themes[index], False

    async def _peer_lines(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        lines: list[str] = []
        for peer in self.peers:
            try:
                lines += [str(line) for line in await peer.reflection_lines(community, start, end)]
            except Exception:
                logger.exception("%s failed to give reflection lines", peer.name)
        return lines

    async def _week_prompts(self, community: CommunityRecord, start: datetime, end: datetime) -> list[str]:
        texts = {item.id: item.text for item in self.content.deck}
        ids = await self.deps.store.reflections.posted_prompt_ids(community.id, start, end)
        return [texts[i] for i in ids if i in texts]

    async def _open(
        self, port: ChatPort, community: CommunityRecord, channel: str, start: datetime, local_date: date
    ) -> ReflectionRecord | None:
        """Post the week's reflection in ``channel`` and open its thread; None when the week already has one.

        Raises:
            DeliveryError: when the post fails (the week is given back, so a retry may post it).
                A failure to open the thread is logged and the post is kept.
        """
        store = self.deps.store
        monday = week_start(local_date)
        if await store.reflections.for_week(community.id, monday) is not None:
            return None
        now = self.deps.clock.now()
        zone = community.zone
        theme, from_peer = await self._theme_for(community, local_date)
        close_at = now + timedelta(hours=self.close_hours(community))
        message = reflection_message(
            theme,
            from_peer=from_peer,
            prompt_texts=await self._week_prompts(community, start, now),
            peer_lines=await self._peer_lines(community, start, now),
            close_at=close_at,
            zone=zone,
        )
        record = await store.reflections.reserve(
            community.id, week_start=monday, local_date=local_date, theme_id=theme.id,
            theme_source="peer" if from_peer else "rotation", channel_ref=channel, now=now, close_at=close_at,
        )  # fmt: skip
        if record is None:
            return None
        try:
            message_ref = await port.post(community.external_id, channel, message)
        except BaseException:
            await store.reflections.cancel(record.id)
            raise
        thread: str | None
        try:
            title = _thread_title(theme, local_date)
            thread = await port.open_thread(community.external_id, channel, message_ref, title)
        except DeliveryError as exc:
            logger.warning("reflection posted in community %s but its thread failed: %s", community.id, exc)
            thread = None
        await store.reflections.opened(record.id, message_ref=message_ref, thread_ref=thread, now=now)
        logger.info("opened the weekly reflection (%s) in community %s", theme.id, community.id)
        return replace(record, message_ref=message_ref, thread_ref=thread, status="open" if thread else "closed")

    # ------------------------------------------------------------------ closing

    async def tick(self, now: datetime) -> int:
        sent = 0
        for record in await self.deps.store.reflections.due_to_close(now):
            try:
                sent += await self._close(record, now)
            except Exception:
                logger.exception("closing reflection %s failed", record.id)
                await self.deps.store.reflections.postpone(record.id, now + _CLOSE_RETRY)
        return sent

    async def next_due(self) -> datetime | None:
        return await self.deps.store.reflections.next_close()

    async def _close(self, record: ReflectionRecord, now: datetime) -> int:
        store = self.deps.store
        community = await store.communities.get(record.community_id)
        if community is None or record.thread_ref is None:
            await store.reflections.mark_closed(record.id, now)
            return 0
        key = f"reflection-close:{record.id}"
        claimed = await store.deliveries.claim(
            key, kind="reflection_close", scheduled_for=record.close_at, owner=self.deps.settings.instance_id,
            now=now, community_id=community.id,
        )  # fmt: skip
        if not claimed:
            delivery = await store.deliveries.get(key)
            if delivery is None or delivery.status != "sent":
                logger.warning(
                    "reflection %s of community %s: closing was taken elsewhere or gave up (%s); marked closed",
                    record.id, community.id, delivery.error if delivery else "no claim",
                )  # fmt: skip
            await store.reflections.mark_closed(record.id, now)
            return 0
        try:
            port = self.deps.port_for(community.platform)
            if record.closing_ref is None:
                try:
                    note = await self._closing(community, record, now)
                    ref = await port.post_in_thread(community.external_id, record.thread_ref, note)
                except DeliveryError as exc:
                    if exc.retryable or exc.reason == "not_found":
                        raise
                    logger.warning("reflection %s: the closing note failed (%s); closing anyway", record.id, exc)
                else:
                    await store.reflections.set_closing_ref(record.id, ref)
            await port.close_thread(community.external_id, record.thread_ref)
        except DeliveryError as exc:
            if exc.retryable:
                await store.deliveries.release(key, str(exc))
                wait = max(timedelta(seconds=exc.retry_after or 0), timedelta(seconds=30), _CLOSE_RETRY)
                await store.reflections.postpone(record.id, now + wait)
                logger.warning("reflection %s: closing will be retried: %s", record.id, exc)
                return 0
            await store.deliveries.release(key, str(exc), permanent=True)
            await store.reflections.mark_closed(record.id, now)
            if exc.reason == "not_found":
                logger.info("reflection %s of community %s: the thread is gone; marked closed", record.id, community.id)
            else:
                logger.warning("reflection %s could not be closed (%s); marked closed", record.id, exc)
            return 0
        await store.deliveries.mark_sent(key, self.deps.clock.now(), record.thread_ref)
        await store.reflections.mark_closed(record.id, now)
        logger.info("closed reflection %s of community %s", record.id, community.id)
        return 1

    async def _closing(self, community: CommunityRecord, record: ReflectionRecord, now: datetime) -> Message:
        if record.reply_count:
            count = "1 reply" if record.reply_count == 1 else f"{record.reply_count} replies"
            thanks = f"Thank you for sharing this week ({count})."
        else:
            thanks = "Thank you for reading along; reflecting quietly counts too."
        schedule = await self.deps.store.schedules.get(community.id, KIND)
        after = ""
        if schedule is not None and not schedule.paused:
            nxt = next_occurrence(now, schedule.local_time, schedule.zone, schedule.weekdays)
            after = f" The next weekly reflection opens {format_local(nxt.at, schedule.zone)}."
        return Message(text=f"This reflection is now closed. {thanks}{after}")

    # ------------------------------------------------------------------ threads and status

    async def on_thread_message(self, ctx: Context, thread: str, text: str) -> bool:
        if ctx.community is None:
            return False
        record = await self.deps.store.reflections.by_thread(ctx.community.id, thread)
        if record is None:
            return False
        if record.status == "open":
            await self.deps.store.reflections.add_reply(record.id)
        return True

    async def upcoming(self, community: CommunityRecord, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        store = self.deps.store
        items: list[tuple[datetime, str]] = []
        schedule = await store.schedules.get(community.id, KIND)
        if schedule is not None and not schedule.paused:
            for occ in occurrences_between(start, end, schedule.local_time, schedule.zone, schedule.weekdays):
                if await store.reflections.for_week(community.id, week_start(occ.local_date)) is not None:
                    continue  # this week's reflection was opened early
                theme, _ = await self._theme_for(community, occ.local_date)
                items.append((occ.at, f"weekly reflection in #{schedule.channel_name}: {theme.label}"))
        for record in await store.reflections.open_threads(community.id):
            if record.close_at <= end:
                try:
                    label = self.content.theme(record.theme_id).label
                except KeyError:
                    label = record.theme_id
                items.append((max(record.close_at, start), f"weekly reflection thread closes ({label})"))
        return items
