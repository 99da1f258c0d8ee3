"""trustbot on Discord: every capability through the real discord.py client against the local stand-in."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

from harness.discord_world import (
    EIGHT,
    DiscordWorld,
    Running,
    answer,
    command,
    custom_ids,
    embed_text,
    find_button,
    setup,
)

from bots.discord.commands import command_payload
from core.commands import COMMANDS


async def test_commands_are_registered_once_from_the_core_registry(world: DiscordWorld) -> None:
    running = await world.start()
    stored = world.standin.commands["global"]
    assert [c["name"] for c in stored] == ["trust"]
    names = {o["name"] for o in stored[0]["options"]}
    assert {"setup", "checkin", "challenge", "mydata", "tip"} <= names
    assert stored[0]["options"] == json.loads(json.dumps(command_payload(COMMANDS)[0]["options"]))
    puts = [r for r in world.standin.requests if r[0] == "PUT"]
    await world.stop(running)
    await world.start()  # a restart with the same commands does not sync again
    assert [r for r in world.standin.requests if r[0] == "PUT"] == puts


async def test_setup_by_the_owner_and_refused_for_a_member(world: DiscordWorld) -> None:
    running = await world.start()
    text = await setup(world, running)
    assert "Daily prompts go to #daily-prompts at 08:00" in text
    record = await command(world, world.alice, "setup", time="09:00")
    refused = await answer(record)
    assert record.ephemeral and "Only" in refused and "admins" in refused
    welcome = world.bot_messages(world.channel("daily-prompts"))
    assert welcome and "education, not therapy" in embed_text(welcome[0])


async def test_a_daily_prompt_opens_a_thread_and_an_answer_counts(world: DiscordWorld) -> None:
    running = await world.start()
    await setup(world, running)
    world.clock.set(EIGHT)
    assert await running.core.tick() == 1
    posts = world.bot_messages(world.channel("daily-prompts"))
    prompt = posts[-1]
    assert embed_text(prompt).startswith("Daily prompt")
    assert prompt.get("nonce")  # sent with an idempotency nonce
    thread = world.standin.threads[int(prompt["id"])]
    assert thread["parent_id"] == world.channel("daily-prompts") and thread["auto_archive_duration"] == 1440
    await world.standin.user_message(int(prompt["id"]), world.alice, "We talked about it tonight.", world.guild.id)
    await answered(world, running, prompt)
    streak = await answer(await command(world, world.alice, "streak"))
    assert "1 prompt in a row" in streak


async def test_a_checkin_dm_is_answered_with_buttons_across_a_restart_and_the_note_is_a_modal(
    world: DiscordWorld,
) -> None:
    running = await world.start()
    await setup(world, running)
    started = await command(world, world.alice, "checkin start", time="21:00", timezone="America/New_York")
    assert "21:00" in await answer(started)
    world.clock.set(datetime(2027, 3, 2, 2, 0, tzinfo=UTC))  # Mon 21:00 in New York
    assert await running.core.tick() >= 1
    dm = world.standin.dm_channels[world.alice]
    sent = world.bot_messages(dm)
    assert len(sent) == 1 and "check-in" in embed_text(sent[0]).lower()
    opens = [r for r in world.standin.requests if r[:2] == ("POST", "/users/@me/channels")]
    assert len(opens) == 1
    await world.stop(running)
    running = await world.start(instance="p2")  # a restart: the buttons still work
    button = find_button(sent[0], lambda c: c.get("label") == "4")
    pressed = await world.standin.interact_component(None, dm, world.alice, button, int(sent[0]["id"]))
    await pressed.response(timeout=10)
    note_button = None
    for _ in range(5):
        for message in [*world.bot_messages(dm), *[pressed.callback.get("data") or {}], *pressed.followups]:
            ids = custom_ids(message)
            note_button = next((i for i in ids if i.startswith("t|checkin:note|")), note_button)
        if note_button:
            break
        await asyncio.sleep(0.05)
    assert note_button is not None
    opened = await world.standin.interact_component(None, dm, world.alice, note_button, int(sent[0]["id"]))
    modal = await opened.response(timeout=10)
    assert modal["type"] == 9 and modal["data"]["custom_id"].startswith("f|checkin:note|")
    submitted = await world.standin.interact_modal_submit(
        None, dm, world.alice, modal["data"]["custom_id"], {"note": "A calm evening."}
    )
    assert "Note saved" in await answer(submitted)
    await world.stop(running)
    running = await world.start(instance="p3")
    history = await answer(await command(world, world.alice, "checkin history"))
    assert "4" in history
    assert len([r for r in world.standin.requests if r[:2] == ("POST", "/users/@me/channels")]) == 1  # stored


async def test_a_challenge_is_joined_and_a_day_marked_done(world: DiscordWorld) -> None:
    running = await world.start()
    await setup(world, running)
    options = {"challenge": "nine-steps", "start": "2027-03-02", "channel": world.channel("challenges")}
    scheduled = await world.standin.interact_command(
        world.guild.id, world.channel("general"), world.mona, "trust", options,
        group="challenge", subcommand="schedule", roles=[world.guild.roles["moderators"]],
    )  # fmt: skip
    assert "Nine steps" in await answer(scheduled)
    world.clock.set(datetime(2027, 3, 2, 14, 0, tzinfo=UTC))
    await running.core.tick()
    intro = world.bot_messages(world.channel("challenges"))[0]
    join = find_button(intro, lambda c: c.get("label") == "Join")
    joined = await world.standin.interact_component(
        world.guild.id, world.channel("challenges"), world.bob, join, int(intro["id"])
    )
    assert "joined" in (await answer(joined)).lower()
    done = await command(world, world.bob, "challenge done")
    assert "day 1" in (await answer(done)).lower()


async def test_tips_and_safety_by_dm(world: DiscordWorld) -> None:
    running = await world.start()
    await world.standin.user_dm(world.bob, "How do I apologise properly after I forgot our anniversary?")
    dm = world.standin.dm_channels[world.bob]
    for _ in range(50):
        if world.bot_messages(dm):
            break
        await asyncio.sleep(0.05)
    tip = embed_text(world.bot_messages(dm)[-1])
    assert "Something different" in json.dumps(world.bot_messages(dm)[-1].get("components"))
    await world.standin.user_dm(world.bob, "He hit me again last night and I am scared to go home.")
    for _ in range(50):
        if len(world.bot_messages(dm)) >= 2:
            break
        await asyncio.sleep(0.05)
    danger = embed_text(world.bot_messages(dm)[-1])
    assert "safe" in danger.lower() and danger != tip
    assert not world.bot_messages(world.channel("general"))  # never a public echo
    assert running.core is not None


async def test_export_and_delete_with_confirmation(world: DiscordWorld) -> None:
    running = await world.start()
    await setup(world, running)
    await command(world, world.alice, "checkin start", time="21:00", timezone="Europe/London")
    export = await command(world, world.alice, "mydata export")
    await answer(export)
    files = [a for m in [export.callback.get("data") or {}, *export.followups] for a in m.get("attachments", [])]
    assert export.ephemeral and any(a["filename"].endswith(".json") for a in files)
    asked = await command(world, world.alice, "mydata delete")
    body = await asked.response(timeout=10)
    confirm = find_button(body["data"], lambda c: c.get("label") == "Delete everything")
    assert asked.original is not None  # the ephemeral question, which only alice sees
    deleted = await world.standin.interact_component(
        world.guild.id, world.channel("general"), world.alice, confirm, int(asked.original["id"])
    )
    assert "deleted" in (await answer(deleted)).lower()
    member = await running.store.members.dm_channel("discord", str(world.alice))
    assert member is None


async def test_with_message_content_a_thread_answer_that_suggests_danger_gets_resources_by_dm(
    world: DiscordWorld,
) -> None:
    running = await world.start(message_content=True)
    assert world.standin.identifies[-1]["intents"] & (1 << 15)  # asked for the privileged intent
    await setup(world, running)
    world.clock.set(EIGHT)
    await running.core.tick()
    prompt = world.bot_messages(world.channel("daily-prompts"))[-1]
    await world.standin.user_message(
        int(prompt["id"]), world.bob, "He hit me again last night and I am scared to go home.", world.guild.id
    )
    dm_has_resources = False
    for _ in range(60):
        dm = world.standin.dm_channels.get(world.bob)
        if dm is not None and any("safe" in embed_text(m).lower() for m in world.bot_messages(dm)):
            dm_has_resources = True
            break
        await asyncio.sleep(0.05)
    assert dm_has_resources
    in_thread = world.bot_messages(int(prompt["id"]))
    assert in_thread == []  # never a public echo


async def test_without_message_content_thread_answers_still_count_and_nothing_is_read(world: DiscordWorld) -> None:
    running = await world.start()
    assert not world.standin.identifies[-1]["intents"] & (1 << 15)
    await setup(world, running)
    world.clock.set(EIGHT)
    await running.core.tick()
    prompt = world.bot_messages(world.channel("daily-prompts"))[-1]
    await world.standin.user_message(
        int(prompt["id"]), world.bob, "He hit me again last night and I am scared to go home.", world.guild.id
    )
    await answered(world, running, prompt)
    assert world.standin.dm_channels.get(world.bob) is None  # the text never reached the bot
    assert "1" in await answer(await command(world, world.bob, "streak"))


async def test_the_weekly_reflection_thread_archives_with_the_cores_close_time(world: DiscordWorld) -> None:
    running = await world.start()
    await setup(world, running)
    world.clock.set(datetime(2027, 3, 7, 23, 0, tzinfo=UTC))  # Sun 18:00 in New York
    await running.core.tick()
    posts = [
        m for m in world.bot_messages(world.channel("daily-prompts")) if embed_text(m).startswith("Weekly reflection")
    ]
    assert len(posts) == 1
    thread = world.standin.threads[int(posts[0]["id"])]
    assert thread["auto_archive_duration"] == 4320 and not thread["archived"]  # open 48 h: Discord's 3-day setting
    world.clock.set(datetime(2027, 3, 9, 23, 1, tzinfo=UTC))  # 48 hours later
    await running.core.tick()
    thread = world.standin.threads[int(posts[0]["id"])]
    assert thread["archived"] and thread["locked"]


async def test_after_a_gateway_drop_the_bot_resumes_and_answers(world: DiscordWorld) -> None:
    running = await world.start()
    await world.standin.disconnect(resumable=True)
    record = None
    for _ in range(100):
        if any(c.get("kind") == "resume" for c in world.standin.gateway.connections):
            record = await command(world, world.alice, "about")
            break
        await asyncio.sleep(0.05)
    assert record is not None, "the client did not resume"
    assert "education, not therapy" in await answer(record)
    assert running.client.is_ready()


async def answered(world: DiscordWorld, running: Running, prompt: dict[str, Any]) -> None:
    """Wait (bounded) until the bot has recorded an answer in the prompt's thread."""
    community = await running.store.communities.find("discord", str(world.guild.id))
    assert community is not None
    post = await running.store.prompts.by_message(community.id, str(prompt["id"]))
    assert post is not None
    for _ in range(250):
        if await running.store.prompts.answer_count(post.id):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the thread answer never reached the core")
