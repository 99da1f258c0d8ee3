"""Tips by DM (or ``/trust tip``), safety first; and each community's own safety resources."""

from __future__ import annotations

import logging
import random
import re
import zlib
from typing import Any

from core.commandspec import CommandSpec, Option
from core.errors import UserError
from core.feature import CommandHandler, Context, Deps, Feature, Route, private
from core.guidance.assess import assess_soon
from core.guidance.country import zone_country
from core.guidance.messages import safety_message
from core.guidance.model import start_training
from core.guidance.store import PrefsRepo, TipHistoryRepo
from core.guidance.tips import TipChoice, TipRanker
from core.models import Button, Message, Reply
from core.storage.records import CommunityRecord, MemberRecord

__all__ = ["GuidanceFeature"]

logger = logging.getLogger(__name__)

_RECENT = 10
_MAX_RESOURCES = 10


class GuidanceFeature(Feature):
    name = "guidance"
    SPECS = (
        CommandSpec(
            ("tip",),
            "A tip on what is on your mind (or a fresh one); DM me for the same",
            (Option("topic", "What is on your mind, e.g. honesty or apology", rest=True, max_length=1000),),
            example="/trust tip apology",
        ),
        CommandSpec(
            ("safety", "show"), "People who can help right now (only you see it)", example="/trust safety show"
        ),
        CommandSpec(
            ("safety", "add"),
            "Add a safety resource for this community (a real service you have checked)",
            (
                Option("name", "Name of the service", required=True, max_length=100),
                Option("country", "Country code, e.g. US, GB, or INTL", required=True, max_length=4),
                Option("phone", "Phone number", max_length=40),
                Option("url", "Web address (https://...)", max_length=200),
                Option("sms", "Text/SMS instructions", max_length=80),
            ),
            audience="moderator",
            example='/trust safety add name:"City Crisis Line" country:US phone:"555 0100"',
        ),
        CommandSpec(
            ("safety", "remove"),
            "Remove one of this community's safety resources",
            (Option("number", "Its number in /trust safety show", "integer", required=True),),
            audience="moderator",
        ),
    )

    def __init__(self, deps: Deps) -> None:
        super().__init__(deps)
        self.ranker = TipRanker(deps.content)
        start_training(deps.content, deps.settings.model_cache)

    def commands(self) -> dict[str, CommandHandler]:
        return {
            "tip": self._tip_command,
            "safety show": self._safety_show,
            "safety add": self._safety_add,
            "safety remove": self._safety_remove,
        }

    def actions(self) -> dict[str, Route]:
        return {
            "tips:more": Route(self._more),
            "tips:different": Route(self._different),
            "tips:another": Route(self._legacy_another),
            "safety:show": Route(self._safety_button),
        }

    async def _legacy_another(self, ctx: Context, value: str) -> list[Reply]:
        """Buttons on tips sent before "More on" existed: a theme id meant "another on this"."""
        return await (self._more(ctx, value) if value else self._different(ctx, ""))

    async def _safety_button(self, ctx: Context, value: str) -> list[Reply]:
        return await self.safety_replies(ctx, asked=True)

    # ------------------------------------------------------------------ safety

    async def resources_for(self, ctx: Context) -> list[dict[str, Any]]:
        communities = await self._communities(ctx)
        found: list[dict[str, Any]] = []
        for community in communities:
            found += community.settings.get("safety_resources", [])
        return found

    async def _communities(self, ctx: Context) -> list[CommunityRecord]:
        if ctx.community is not None:
            return [ctx.community]
        return [c for c in await self.deps.store.communities.for_member(ctx.member.id) if c is not None]

    async def countries_for(self, ctx: Context) -> list[str]:
        """The member's country (from their own time zone), then their communities' (from the community zone)."""
        zones: list[str | None] = []
        for peer in self.peers:
            zones.append(await peer.member_zone(ctx.member))
        zones += [community.timezone for community in await self._communities(ctx)]
        return [c for c in dict.fromkeys(zone_country(zone) for zone in zones) if c]

    async def safety_replies(
        self, ctx: Context, visibility: str = "private", *, asked: bool = False, language: str = "en"
    ) -> list[Reply]:
        message = safety_message(
            self.deps.content,
            await self.resources_for(ctx),
            asked=asked,
            language=language,
            countries=await self.countries_for(ctx),
        )
        return [Reply(message, "dm" if visibility == "dm" else "private")]

    async def _safety_show(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        return await self.safety_replies(ctx, asked=True)

    async def _safety_add(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        country = args["country"].strip().upper()
        if not re.fullmatch(r"[A-Z]{2}|INTL", country):
            raise UserError("The country must be a two-letter code such as US or GB, or INTL. Nothing was saved.")
        phone, url, sms = args.get("phone", "").strip(), args.get("url", "").strip(), args.get("sms", "").strip()
        if not (phone or url or sms):
            raise UserError("Give at least a phone, url or sms for the resource. Nothing was saved.")
        if url and not re.fullmatch(r"https://[^\s<>\"]+", url):
            raise UserError("The url must start with https:// and contain no spaces. Nothing was saved.")
        if phone and not re.fullmatch(r"[0-9+()\-. ]{2,40}", phone):
            raise UserError("The phone may contain digits, spaces and + ( ) - . only. Nothing was saved.")
        resources = list(community.settings.get("safety_resources", []))
        if len(resources) >= _MAX_RESOURCES:
            raise UserError(f"A community can list up to {_MAX_RESOURCES} resources. Remove one first.")
        entry = {
            "name": args["name"].strip(),
            "country": country,
            "phone": phone or None,
            "url": url or None,
            "sms": sms or None,
        }
        resources.append(entry)
        await self.deps.store.communities.update(
            community.id, settings={**community.settings, "safety_resources": resources}
        )
        return private(
            f"Added {entry['name']} ({country}). Members now see it first in the safety resources.", "Resource added"
        )

    async def _safety_remove(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        resources = list(community.settings.get("safety_resources", []))
        try:
            number = int(args["number"])
        except ValueError:
            raise UserError("Give the resource's number as shown by `/trust safety show`.") from None
        if not 1 <= number <= len(resources):
            raise UserError(f"There is no community resource number {number} (there are {len(resources)}).")
        removed = resources.pop(number - 1)
        await self.deps.store.communities.update(
            community.id, settings={**community.settings, "safety_resources": resources}
        )
        return private(f"Removed {removed['name']}.", "Resource removed")

    # ------------------------------------------------------------------ tips

    async def handle_text(self, ctx: Context, text: str) -> list[Reply]:
        """A DM to the bot (or a tip topic): safety first, then the best-fitting fresh tip."""
        words = text.strip().lower()
        if words in ("help safety", "safety", "/trust help safety"):
            return await self.safety_replies(ctx, asked=True)
        found = await assess_soon(self.deps.content, text, today=ctx.now.date())
        if found.level == "danger":
            logger.info("safety resources sent privately to member %s (%s)", ctx.member.id, found.cue)
            return await self.safety_replies(ctx, language=found.language.code)
        if not (found.understood or found.asks_for_any_tip):
            return [Reply(self._unclear(found.language.code), "private")]
        recent = await self._recent_tips(ctx)
        seed = zlib.crc32(f"{ctx.member.id}:{ctx.now.isoformat()}:{len(recent)}".encode())
        choice = self.ranker.choose(text, recent, seed, topical=found.understood)
        return await self._send_tip(ctx, choice, concern=found.level == "concern")

    async def _recent_tips(self, ctx: Context) -> list[str]:
        """The member's last tips, oldest first (what the ranker avoids repeating)."""
        return list(reversed(await self.deps.store.repo(TipHistoryRepo).recent(ctx.member.id, _RECENT)))

    def _unclear(self, language: str) -> Message:
        words = self.deps.content.safety.text(language)
        return Message(text=words.unclear_reply, footer=words.footer)

    async def _tip_command(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        return await self.handle_text(ctx, args.get("topic", ""))

    async def _more(self, ctx: Context, value: str) -> list[Reply]:
        """A tip from the theme named by the button ("Another on this", "More on: ...")."""
        try:
            theme = self.deps.content.theme(value)
        except KeyError:
            return await self._different(ctx, "")
        rng = random.Random(zlib.crc32(f"{ctx.member.id}:{ctx.now}".encode()))
        tip = TipRanker.fresh_tip(theme, await self._recent_tips(ctx), rng)
        return await self._send_tip(ctx, TipChoice(theme, tip, topical=True))

    async def _different(self, ctx: Context, value: str) -> list[Reply]:
        """ "Something different": a fresh tip from any theme but the one just shown (``value``)."""
        recent = await self._recent_tips(ctx)
        seed = zlib.crc32(f"{ctx.member.id}:{ctx.now.isoformat()}:{len(recent)}:different".encode())
        exclude = {value} if value else set()
        choice = self.ranker.choose("", recent, seed, topical=False, exclude=exclude)
        return await self._send_tip(ctx, choice)

    async def _send_tip(self, ctx: Context, choice: TipChoice, *, concern: bool = False) -> list[Reply]:
        theme, tip = choice.theme, choice.tip
        await self.deps.store.repo(TipHistoryRepo).add(ctx.member.id, tip.id, ctx.now)
        prefs = await self.deps.store.repo(PrefsRepo).get(ctx.member.id)
        footer = f"From {theme.source.cite()}."
        if not prefs.get("notice_shown"):
            footer += " " + self.deps.content.notices.education_not_therapy
            await self.deps.store.repo(PrefsRepo).update(ctx.member.id, notice_shown=True)
        buttons = [Button("tips:more", f"More on: {other.title}"[:80], other.id) for other in choice.next_best]
        buttons.append(Button("tips:more", "Another on this", theme.id, "primary"))
        buttons.append(Button("tips:different", "Something different", theme.id))
        text = tip.text
        if concern:
            text += "\n\n" + self.deps.content.safety.concern_line
        message = Message(text=text, title=f"Tip · {theme.label}", footer=footer, buttons=tuple(buttons))
        return [Reply(message, "private")]

    # ------------------------------------------------------------------ member data

    async def export_member(self, member: MemberRecord) -> dict[str, Any]:
        shown = await self.deps.store.repo(TipHistoryRepo).all_for(member.id)
        return {
            "tips_shown": [{"tip_id": tip_id, "shown_at": when.isoformat()} for tip_id, when in shown],
            "preferences": await self.deps.store.repo(PrefsRepo).get(member.id),
        }

    async def delete_member(self, member: MemberRecord) -> None:
        await self.deps.store.repo(TipHistoryRepo).delete(member.id)
        await self.deps.store.repo(PrefsRepo).delete(member.id)
