"""The daily prompt: scheduled posts with answer threads, moderator controls and private streaks."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from core.commandspec import CommandSpec, Option
from core.errors import UserError
from core.feature import CommandHandler, Context, Deps, Feature, ScheduleHandler, private
from core.formatting import format_local
from core.models import Reply
from core.prompts.messages import streak_text
from core.prompts.service import PromptService
from core.prompts.store import PromptRepo
from core.prompts.tables import participation, prompt_posts
from core.scheduling.delivery import Delivery
from core.scheduling.recurrence import Occurrence, next_occurrence, occurrences_between
from core.storage.records import CommunityRecord, MemberRecord, ScheduleRecord

__all__ = ["PromptsFeature", "int_arg"]

logger = logging.getLogger(__name__)


def int_arg(value: str, name: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise UserError(f"The {name} must be a whole number from {low} to {high}.") from None
    if not low <= number <= high:
        raise UserError(f"The {name} must be from {low} to {high}.")
    return number


class PromptsFeature(Feature):
    name = "prompts"
    SPECS = (
        CommandSpec(
            ("prompt", "preview"),
            "Show the next prompts in the deck",
            (Option("count", "How many (1-10)", "integer"),),
            audience="moderator",
            example="/trust prompt preview 3",
        ),
        CommandSpec(("prompt", "skip"), "Skip the next prompt in the deck", audience="moderator"),
        CommandSpec(("prompt", "now"), "Post the next prompt now", audience="moderator"),
        CommandSpec(("prompt", "pause"), "Pause the daily prompt", audience="moderator"),
        CommandSpec(("prompt", "resume"), "Resume the daily prompt", audience="moderator"),
        CommandSpec(("streak",), "Your own answer streak (only you see it)", example="/trust streak"),
    )

    def __init__(self, deps: Deps) -> None:
        super().__init__(deps)
        self.service = PromptService(deps.store, deps.content, deps.clock)

    def commands(self) -> dict[str, CommandHandler]:
        return {
            "prompt preview": self._preview,
            "prompt skip": self._skip,
            "prompt now": self._now,
            "prompt pause": self._pause,
            "prompt resume": self._resume,
            "streak": self._streak,
        }

    def schedule_handlers(self) -> dict[str, ScheduleHandler]:
        return {"prompt": self._deliver}

    async def _deliver(self, schedule: ScheduleRecord, occurrence: Occurrence, delivery: Delivery) -> str | None:
        community = await self.deps.store.communities.get(schedule.community_id)
        if community is None:
            return None
        port = self.deps.port_for(community.platform)
        post = await self.service.post_next(port, community, schedule.channel_ref, occurrence.local_date, delivery)
        return post.message_ref

    async def on_thread_message(self, ctx: Context, thread: str, text: str) -> bool:
        community = ctx.need_community()
        return await self.service.record_answer(community, thread, ctx.member.id) is not None

    async def upcoming(self, community: CommunityRecord, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
        schedule = await self.deps.store.schedules.get(community.id, "prompt")
        if schedule is None or schedule.paused:
            return []
        times = occurrences_between(start, end, schedule.local_time, schedule.zone, schedule.weekdays)
        cards = await self.service.upcoming(community, len(times))
        return [
            (occ.at, f"daily prompt in #{schedule.channel_name}: {card.item.text}")
            for occ, card in zip(times, cards, strict=False)
        ]

    async def export_member(self, member: MemberRecord) -> dict[str, Any]:
        async with self.deps.store.db.begin() as conn:
            rows = (
                await conn.execute(
                    select(prompt_posts.c.prompt_id, prompt_posts.c.local_date, participation.c.answered_at)
                    .join(prompt_posts, prompt_posts.c.id == participation.c.prompt_post_id)
                    .where(participation.c.member_id == member.id)
                    .order_by(participation.c.answered_at)
                )
            ).all()
        return {
            "prompt_answers": [
                {
                    "prompt_id": r.prompt_id,
                    "prompt_date": r.local_date.isoformat(),
                    "answered_at": r.answered_at.isoformat(),
                }
                for r in rows
            ]
        }

    async def delete_member(self, member: MemberRecord) -> None:
        async with self.deps.store.db.begin() as conn:
            await conn.execute(delete(participation).where(participation.c.member_id == member.id))

    # ------------------------------------------------------------------ commands

    async def _preview(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        count = int_arg(args.get("count", "3"), "count", 1, 10)
        cards = await self.service.upcoming(community, count)
        cycle, _ = await self.deps.store.repo(PromptRepo).current_cycle(community.id)
        lines = []
        for number, card in enumerate(cards, 1):
            marker = " (new round: the deck starts again)" if card.cycle != cycle else ""
            theme = self.deps.content.theme(card.item.theme_id).label if card.item.theme_id else "Community prompt"
            lines.append(f"{number}. {card.item.text} — {theme}{marker}")
        return private("\n".join(lines) or "The deck is empty.", f"Next {len(cards)} prompt(s)")

    async def _skip(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        card = await self.service.skip(community, ctx.now.astimezone(community.zone).date())
        if card is None:
            return private("The deck is empty.")
        following = await self.service.upcoming(community, 1)
        after = f"\nNext up: {following[0].item.text}" if following else ""
        return private(f"Skipped: {card.item.text}{after}", "Prompt skipped")

    async def _now(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        schedule = await self.deps.store.schedules.get(community.id, "prompt")
        if schedule is None:
            raise UserError("Set up the daily prompt first with `/trust setup`, so I know which channel to use.")
        local_date = ctx.now.astimezone(community.zone).date()
        post = await self.service.post_next(ctx.port, community, schedule.channel_ref, local_date)
        logger.info("moderator %s posted prompt %s now", ctx.member.id, post.prompt_id)
        return private(
            f"Posted in #{schedule.channel_name}. The scheduled prompt still goes out as usual.", "Prompt posted"
        )

    async def _pause(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        schedule = await self.deps.store.schedules.get(community.id, "prompt")
        if schedule is None:
            raise UserError("There is no daily prompt to pause yet. Use `/trust setup`.")
        if schedule.paused:
            return private("The daily prompt is already paused. `/trust prompt resume` starts it again.")
        await self.deps.store.schedules.set_paused(schedule.id, True, None, ctx.now)
        return private("The daily prompt is paused. `/trust prompt resume` starts it again.", "Paused")

    async def _resume(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        schedule = await self.deps.store.schedules.get(community.id, "prompt")
        if schedule is None:
            raise UserError("There is no daily prompt to resume yet. Use `/trust setup`.")
        if not schedule.paused:
            return private("The daily prompt is already running.")
        nxt = next_occurrence(ctx.now, schedule.local_time, schedule.zone, schedule.weekdays)
        await self.deps.store.schedules.set_paused(schedule.id, False, nxt.at, ctx.now)
        return private(f"The daily prompt is back on. Next one: {format_local(nxt.at, schedule.zone)}.", "Resumed")

    async def _streak(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        store = self.deps.store
        communities = [ctx.community] if ctx.community else await store.communities.for_member(ctx.member.id)
        if not communities:
            return private(
                "You have not answered any prompts yet. Answer today's prompt in its thread to start a streak."
            )
        lines = []
        for community in communities:
            line = streak_text(await self.service.streak(community, ctx.member.id))
            lines.append(line if len(communities) == 1 else f"{community.name or community.external_id}: {line}")
        lines.append("A streak survives one missed prompt; two in a row start it again. Only you can see this.")
        return private("\n".join(lines), "Your streak")
