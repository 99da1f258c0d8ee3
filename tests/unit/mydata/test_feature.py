"""Members export and delete everything about them; admins remove a community's data."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import Table, func, select

from core.app import TrustCore
from core.clock import VirtualClock
from core.guidance.tables import member_prefs, tip_history
from core.models import ActionEvent, CommandEvent, MessageEvent, Place, Reply
from core.prompts.tables import participation, prompt_posts
from core.storage import tables
from fakes import CHANNEL, DM, FakeChat, admin, member

GUILD = "guild-1"
SETUP = {"channel": "#daily-prompts", "timezone": "America/New_York", "time": "08:00", "role": "moderators"}


async def seed(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await core.handle(CommandEvent(GUILD, admin(), CHANNEL, "setup", SETUP))
    clock.set(datetime(2027, 3, 1, 13, 0, tzinfo=UTC))
    await core.tick()
    thread = chat.of_kind("thread")[-1].ref
    await core.handle(MessageEvent(GUILD, member("alice"), Place("thread", "daily-prompts", thread), "an answer"))
    await core.handle(MessageEvent(None, member("alice"), DM, "how do I apologise"))


async def count(core: TrustCore, table: Table) -> int:
    async with core.store.db.begin() as conn:
        return int((await conn.execute(select(func.count()).select_from(table))).scalar() or 0)


def click(reply: Reply, label: str) -> tuple[str, str]:
    button = next(b for b in reply.message.buttons if b.label == label)
    return button.action_id, button.value


async def test_export_is_private_json_with_every_section(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await seed(core, chat, clock)
    replies = await core.handle(CommandEvent(GUILD, member("alice"), CHANNEL, "mydata export", {}))
    assert replies[0].visibility == "private"
    data = json.loads(replies[0].message.attachments[0].data)
    assert data["member"]["user_id"] == "alice"
    assert len(data["prompts"]["prompt_answers"]) == 1
    assert len(data["guidance"]["tips_shown"]) == 1
    assert "an answer" not in json.dumps(data)  # thread answers are the platform's; we store only participation


async def test_delete_asks_first_then_removes_everything(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await seed(core, chat, clock)
    alice = member("alice")
    ask = await core.handle(CommandEvent(GUILD, alice, CHANNEL, "mydata delete", {}))
    assert "cannot be undone" in ask[0].message.text
    cancel = await core.handle(ActionEvent(GUILD, alice, CHANNEL, *click(ask[0], "Cancel")))
    assert "Nothing was deleted" in cancel[0].message.text
    assert await count(core, participation) == 1
    # someone else pressing alice's button deletes nothing
    stolen = await core.handle(ActionEvent(GUILD, member("mallory"), CHANNEL, *click(ask[0], "Delete everything")))
    assert "belongs to someone else" in stolen[0].message.text
    done = await core.handle(ActionEvent(GUILD, alice, CHANNEL, *click(ask[0], "Delete everything")))
    assert "has been deleted" in done[0].message.text
    for table in (participation, tip_history, member_prefs):
        assert await count(core, table) == 0
    async with core.store.db.begin() as conn:
        names = (await conn.execute(select(tables.members.c.external_id))).scalars().all()
    assert "alice" not in names
    streak = await core.handle(CommandEvent(GUILD, alice, CHANNEL, "streak", {}))
    assert "0 prompts in a row" in streak[0].message.text


async def test_an_old_confirmation_expires(core: TrustCore, chat: FakeChat, clock: VirtualClock) -> None:
    await seed(core, chat, clock)
    ask = await core.handle(CommandEvent(GUILD, member("alice"), CHANNEL, "mydata delete", {}))
    clock.advance(timedelta(hours=1))
    late = await core.handle(ActionEvent(GUILD, member("alice"), CHANNEL, *click(ask[0], "Delete everything")))
    assert "expired" in late[0].message.text
    assert await count(core, participation) == 1


async def test_admin_removes_a_community_and_the_platform_event_does_too(
    core: TrustCore, chat: FakeChat, clock: VirtualClock
) -> None:
    await seed(core, chat, clock)
    refused = await core.handle(CommandEvent(GUILD, member("alice"), CHANNEL, "community remove", {}))
    assert "Only server owners and admins" in refused[0].message.text
    ask = await core.handle(CommandEvent(GUILD, admin(), CHANNEL, "community remove", {}))
    done = await core.handle(ActionEvent(GUILD, admin(), CHANNEL, *click(ask[0], "Remove all data")))
    assert "deleted" in done[0].message.text
    assert await count(core, prompt_posts) == 0 and await count(core, tables.schedules) == 0
    await core.handle(CommandEvent("guild-2", admin(), CHANNEL, "setup", SETUP))
    assert await core.remove_community("fake", "guild-2")
    assert not await core.remove_community("fake", "guild-2")
    assert await count(core, tables.schedules) == 0
