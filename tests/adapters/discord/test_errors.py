"""How trustbot on Discord copes when Discord refuses, slows down, fails, or the core is slow."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from harness.discord_world import EIGHT, DiscordWorld, answer, command, embed_text, setup

from bots.discord import bot as bot_module
from core.models import Event, Reply

NINE_PM = datetime(2027, 3, 2, 2, 0, tzinfo=UTC)  # Mon 21:00 in New York


def posts_to(world: DiscordWorld, channel_id: int) -> list[tuple[str, str, int]]:
    return [r for r in world.standin.requests if r[:2] == ("POST", f"/channels/{channel_id}/messages")]


async def test_closed_dms_pause_that_members_checkins_and_are_never_retried(world: DiscordWorld) -> None:
    running = await world.start()
    await setup(world, running)
    await answer(await command(world, world.alice, "checkin start", time="21:00", timezone="America/New_York"))
    world.standin.set_dm_closed(world.alice)
    world.clock.set(NINE_PM)
    await running.core.tick()
    dm = world.standin.dm_channels[world.alice]
    refused = posts_to(world, dm)
    assert [r[2] for r in refused] == [403]  # 50007, once
    for later in (timedelta(hours=2), timedelta(days=1), timedelta(days=2)):
        world.clock.set(NINE_PM + later)
        await running.core.tick()
    assert len(posts_to(world, dm)) == 1  # nothing retried in a loop
    member = await running.store.members.ensure("discord", str(world.alice), "", world.clock.now())
    assert member.dm_blocked


async def test_lost_access_pauses_the_schedule_and_tells_moderators_once(world: DiscordWorld) -> None:
    running = await world.start()
    await setup(world, running)
    world.standin.channel(world.channel("daily-prompts")).forbidden = True
    world.clock.set(EIGHT)
    await running.core.tick()
    await running.bot.flush_alerts()
    await running.bot.flush_alerts()
    status = await answer(await command(world, world.owner, "status"))
    assert "paused" in status
    told = [m for m in world.bot_messages(world.channel("general")) if "needs a moderator" in embed_text(m)]
    assert len(told) == 1 and "paused" in embed_text(told[0])
    world.clock.set(EIGHT.replace(day=2))
    await running.core.tick()
    assert [r[2] for r in posts_to(world, world.channel("daily-prompts"))].count(403) == 1


async def test_a_deleted_channel_pauses_its_schedules_and_is_told_once(world: DiscordWorld) -> None:
    running = await world.start()
    await setup(world, running)
    await world.standin.delete_channel(world.channel("daily-prompts"))
    for _ in range(50):
        told = [m for m in world.bot_messages(world.channel("general")) if "needs a moderator" in embed_text(m)]
        if told:
            break
        await asyncio.sleep(0.05)
    assert len(told) == 1
    world.clock.set(EIGHT)
    assert await running.core.tick() == 0
    assert "paused" in await answer(await command(world, world.owner, "status"))


@pytest.mark.parametrize(("status", "after_processing"), [(429, False), (500, False), (502, True)])
async def test_429_and_5xx_are_waited_out_and_the_prompt_posts_once(
    world: DiscordWorld, status: int, after_processing: bool
) -> None:
    running = await world.start()
    await setup(world, running)
    channel = world.channel("daily-prompts")
    world.standin.fail_next(
        "POST", rf"/channels/{channel}/messages$", status, retry_after=0.2 if status == 429 else None,
        after_processing=after_processing,
    )  # fmt: skip
    world.clock.set(EIGHT)
    assert await running.core.tick() == 1
    prompts = [m for m in world.bot_messages(channel) if embed_text(m).startswith("Daily prompt")]
    assert len(prompts) == 1  # a lost response was resent with the same nonce: Discord answered with the first
    assert len(world.standin.threads) == 1


async def test_autocomplete_offers_zones_and_challenge_ids(world: DiscordWorld) -> None:
    await world.start()
    zones = await world.standin.interact_autocomplete(
        world.guild.id, world.channel("general"), world.alice, "trust", {"timezone": "lond", "time": "21:00"},
        focused="timezone", group="checkin", subcommand="start",
    )  # fmt: skip
    body = await zones.response(timeout=10)
    assert body["type"] == 8 and {"name": "Europe/London", "value": "Europe/London"} in body["data"]["choices"]
    library = await world.standin.interact_autocomplete(
        world.guild.id, world.channel("general"), world.mona, "trust", {"challenge": "nine"},
        focused="challenge", group="challenge", subcommand="schedule",
    )  # fmt: skip
    choices = (await library.response(timeout=10))["data"]["choices"]
    assert [c["value"] for c in choices] == ["nine-steps"]


async def test_a_slow_answer_is_deferred_then_followed_up(world: DiscordWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    running = await world.start()
    monkeypatch.setattr(bot_module, "DEFER_AFTER", 0.05)
    original = running.core.handle

    async def slow(event: Event) -> list[Reply]:
        await asyncio.sleep(0.3)  # stands for a slow database; Discord's 3 s are scaled down with DEFER_AFTER
        return await original(event)

    monkeypatch.setattr(running.core, "handle", slow)
    record = await command(world, world.alice, "about")
    body = await record.response(timeout=10)
    assert body["type"] == 5 and record.latency is not None and record.latency < 3
    await record.wait_followups(1)
    assert "education, not therapy" in embed_text(record.followups[0] if record.followups else record.edits[0])


async def test_removal_keeps_data_for_the_grace_period(world: DiscordWorld) -> None:
    running = await world.start()
    await setup(world, running)
    await world.standin.remove_guild(world.guild.id)
    for _ in range(50):
        community = await running.store.communities.find("discord", str(world.guild.id))
        if community is not None and community.removed_at is not None:
            break
        await asyncio.sleep(0.05)
    assert community is not None and community.removed_at is not None
