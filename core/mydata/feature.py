"""Members' data: export everything stored about you, delete all of it; remove a community's data."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from core.commandspec import CommandSpec
from core.errors import UserError
from core.feature import CommandHandler, Context, Feature, Route, private
from core.models import Attachment, Button, Message, Reply
from core.storage.records import MemberRecord
from core.storage.tables import community_members, deliveries, members

__all__ = ["MyDataFeature"]

logger = logging.getLogger(__name__)

_CONFIRM_WINDOW = timedelta(minutes=15)


class MyDataFeature(Feature):
    name = "mydata"
    SPECS = (
        CommandSpec(("mydata", "export"), "Everything trustbot stores about you, as a private JSON file"),
        CommandSpec(("mydata", "delete"), "Delete everything trustbot stores about you (asks first)"),
        CommandSpec(
            ("community", "remove"),
            "Delete all of this community's data from trustbot (asks first)",
            audience="admin",
        ),
    )

    def commands(self) -> dict[str, CommandHandler]:
        return {"mydata export": self._export, "mydata delete": self._ask_delete, "community remove": self._ask_remove}

    def actions(self) -> dict[str, Route]:
        return {
            "mydata:delete": Route(self._confirm_delete),
            "mydata:cancel": Route(self._cancel),
            "community:remove": Route(self._confirm_remove, audience="admin"),
        }

    # ------------------------------------------------------------------ export

    async def collect(self, member: MemberRecord, now: datetime) -> dict[str, Any]:
        """Everything about ``member``, from every feature."""
        store = self.deps.store
        async with store.db.begin() as conn:
            row = (await conn.execute(select(members).where(members.c.id == member.id))).one()
        communities = await store.communities.for_member(member.id)
        data: dict[str, Any] = {
            "exported_at": now.isoformat(),
            "about": "Everything trustbot stores about you. Delete it all with /trust mydata delete.",
            "member": {
                "platform": member.platform,
                "user_id": member.external_id,
                "display_name": member.display_name,
                "first_seen": row.created_at.isoformat(),
                "dms_blocked": member.dm_blocked,
            },
            "communities": [c.name or c.external_id for c in communities],
        }
        for feature in self.peers:
            part = await feature.export_member(member)
            if part:
                data[feature.name] = part
        return data

    async def _export(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        data = await self.collect(ctx.member, ctx.now)
        body = json.dumps(data, indent=2, sort_keys=True, default=str).encode("utf-8")
        attachment = Attachment(f"trustbot-data-{ctx.now:%Y%m%d}.json", body, "application/json")
        sections = ", ".join(k for k in data if k not in ("exported_at", "about", "member")) or "none"
        text = f"Here is everything trustbot stores about you ({len(body):,} bytes; sections: {sections})."
        return [
            Reply(Message(text, "Your data", attachments=(attachment,), footer="Only you can see this."), "private")
        ]

    # ------------------------------------------------------------------ delete

    async def _ask_delete(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        token = f"{ctx.member.id}:{int(ctx.now.timestamp())}"
        message = Message(
            "This deletes your check-ins and notes, prompt answers and streaks, challenge memberships and progress, "
            "tips history and preferences, in every community, and stops every DM from trustbot. It cannot be undone.",
            "Delete everything about you?",
            buttons=(
                Button("mydata:delete", "Delete everything", token, "danger"),
                Button("mydata:cancel", "Cancel", ""),
            ),
        )
        return [Reply(message, "private")]

    async def _cancel(self, ctx: Context, value: str) -> list[Reply]:
        return private("Nothing was deleted.")

    async def _confirm_delete(self, ctx: Context, value: str) -> list[Reply]:
        member_id, _, issued = value.partition(":")
        if member_id != str(ctx.member.id):
            raise UserError("That button belongs to someone else. Run `/trust mydata delete` yourself.")
        if not issued.isdigit() or ctx.now - datetime.fromtimestamp(int(issued), ctx.now.tzinfo) > _CONFIRM_WINDOW:
            raise UserError("That confirmation has expired. Run `/trust mydata delete` again. Nothing was deleted.")
        await self.erase(ctx.member)
        return private(
            "Everything trustbot stored about you has been deleted, and it will not DM you. "
            "If you use trustbot again, it starts afresh.",
            "Deleted",
        )

    async def erase(self, member: MemberRecord) -> None:
        """Delete every row about ``member`` (each feature's, then the member itself)."""
        for feature in self.peers:
            await feature.delete_member(member)
        async with self.deps.store.db.begin() as conn:
            await conn.execute(delete(deliveries).where(deliveries.c.member_id == member.id))
            await conn.execute(delete(community_members).where(community_members.c.member_id == member.id))
            await conn.execute(delete(members).where(members.c.id == member.id))
        logger.info("deleted all data of member %s", member.id)

    async def export_member(self, member: MemberRecord) -> dict[str, Any]:
        return {}

    # ------------------------------------------------------------------ community removal

    async def _ask_remove(self, ctx: Context, args: dict[str, str]) -> list[Reply]:
        community = ctx.need_community()
        token = f"{community.id}:{int(ctx.now.timestamp())}"
        message = Message(
            "This deletes this community's schedules, prompts and answers, reflections, challenges and everyone's "
            "check-ins tied to it, and stops every post. Members' own tips history stays theirs. It cannot be undone.",
            "Remove this community's data?",
            buttons=(Button("community:remove", "Remove all data", token, "danger"), Button("mydata:cancel", "Cancel")),
        )
        return [Reply(message, "private")]

    async def _confirm_remove(self, ctx: Context, value: str) -> list[Reply]:
        community = ctx.need_community()
        community_id, _, issued = value.partition(":")
        if community_id != str(community.id):
            raise UserError("That button belongs to another community.")
        if not issued.isdigit() or ctx.now - datetime.fromtimestamp(int(issued), ctx.now.tzinfo) > _CONFIRM_WINDOW:
            raise UserError("That confirmation has expired. Run `/trust community remove` again. Nothing was deleted.")
        await self.deps.store.communities.remove(community.id)
        logger.info("removed community %s at an admin's request", community.id)
        return private("All of this community's data has been deleted. Thank you for using trustbot.", "Removed")
