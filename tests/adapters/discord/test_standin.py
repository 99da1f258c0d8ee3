"""The Discord stand-in against the real discord.py client: login, commands, interactions, sends, limits, spec."""

from __future__ import annotations

import asyncio
import io
import json
import time
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
import yarl
from standins.discord import DiscordStandIn, GuildHandle

with warnings.catch_warnings():  # discord.py imports audioop, deprecated since Python 3.11
    warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
    import discord
    import discord.gateway
    import discord.http
    from discord import app_commands

TOKEN = "test-token"
INTENTS = discord.Intents(guilds=True, guild_messages=True, dm_messages=True)


@pytest.fixture
async def standin(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(token=TOKEN, validate_responses=True) as server:
        monkeypatch.setattr(discord.http.Route, "BASE", server.api_url)
        monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
        yield server
        assert server.response_violations == []
        assert server.unhandled == []


@pytest.fixture
def guild(standin: DiscordStandIn) -> GuildHandle:
    return standin.add_guild("Trust Circle", channels=["general", "prompts"], roles={"Moderator": 1 << 5})


def make_client(intents: discord.Intents = INTENTS) -> tuple[discord.Client, app_commands.CommandTree[Any]]:
    client = discord.Client(intents=intents, guild_ready_timeout=0.05)
    return client, app_commands.CommandTree(client)


@asynccontextmanager
async def connected(client: discord.Client) -> AsyncIterator[discord.Client]:
    await client.login(TOKEN)
    task = asyncio.create_task(client.connect(reconnect=True))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 5)
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(task, 5)


async def raw(
    standin: DiscordStandIn, method: str, path: str, *, auth: bool = True, **kwargs: Any
) -> tuple[int, Any, dict[str, str]]:
    headers = {"Authorization": f"Bot {TOKEN}"} if auth else {}
    async with aiohttp.ClientSession() as session:
        async with session.request(method, standin.api_url + path, headers=headers, **kwargs) as response:
            text = await response.text()
            body = json.loads(text) if response.headers.get("Content-Type") == "application/json" else text
            return response.status, body, dict(response.headers)


# ---- login, gateway, commands --------------------------------------------------------------------------------


async def test_client_logs_in_and_caches_the_guild(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()
    async with connected(client):
        cached = client.get_guild(guild.id)
        assert cached is not None and cached.name == "Trust Circle"
        assert [c.name for c in cached.text_channels] == ["general", "prompts"]
        assert cached.me is not None and cached.me.id == standin.bot_id
        assert cached.get_role(guild.roles["Moderator"]) is not None
        assert client.user is not None and client.user.id == standin.bot_id
        assert client.application_id == standin.application_id
        fetched = await client.fetch_guild(guild.id)
        assert fetched.owner_id == guild.owner_id
        assert [c.name for c in await fetched.fetch_channels()] == ["general", "prompts"]
        assert {r.name for r in await fetched.fetch_roles()} == {"@everyone", "trustbot", "Moderator"}
        assert (await fetched.fetch_member(standin.bot_id)).id == standin.bot_id
        channel = await client.fetch_channel(guild.channels["general"])
        assert isinstance(channel, discord.TextChannel) and channel.position == 0
    assert standin.identifies[0]["intents"] == INTENTS.value
    assert ("GET", "/users/@me", 200) in standin.requests
    assert standin.violations == []


async def test_command_tree_sync_registers_commands(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, tree = make_client()
    trust = app_commands.Group(name="trust", description="Trust practice")

    @trust.command(name="tip", description="A trust tip")
    @app_commands.describe(topic="What the tip is about")
    async def tip(interaction: discord.Interaction, topic: str, count: int = 1) -> None:
        await interaction.response.send_message(f"{topic}:{count}", ephemeral=True)

    tree.add_command(trust)
    async with connected(client):
        synced = await tree.sync()
        guild_synced = await tree.sync(guild=discord.Object(guild.id))
    assert [c.name for c in synced] == ["trust"]
    assert guild_synced == []
    stored = standin.commands["global"]
    assert stored[0]["name"] == "trust" and stored[0]["id"] == str(synced[0].id)
    assert stored[0]["options"][0]["name"] == "tip"
    assert standin.commands[guild.id] == []
    assert standin.violations == []


async def test_slash_command_answered_ephemerally(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, tree = make_client()
    seen: list[tuple[str, int]] = []

    @tree.command(name="trust", description="Trust practice")
    async def trust(interaction: discord.Interaction, topic: str, count: int = 1) -> None:
        seen.append((topic, count))
        await interaction.response.send_message(f"tip about {topic}", ephemeral=True)

    member = standin.add_user("alice")
    async with connected(client):
        await tree.sync()
        record = await standin.interact_command(
            guild.id, guild.channels["general"], member, "trust", {"topic": "honesty", "count": 2}
        )
        body = await record.response(timeout=5)
        in_dm = await standin.interact_command(None, None, member, "trust", {"topic": "repair"})
        assert (await in_dm.response())["data"]["content"] == "tip about repair"
    assert seen == [("honesty", 2), ("repair", 1)]
    assert in_dm.payload["context"] == 1 and in_dm.payload["channel"]["type"] == 1 and "member" not in in_dm.payload
    assert in_dm.payload["user"]["id"] == str(member) and "guild_id" not in in_dm.payload
    assert body["type"] == 4 and body["data"]["flags"] == 64
    assert record.ephemeral and record.latency is not None and record.latency < 3
    assert record.payload["data"]["options"][1] == {"name": "count", "type": 4, "value": 2}
    assert standin.messages(guild.channels["general"]) == []  # ephemeral replies are not in the channel
    assert standin.violations == []


async def test_deferred_response_then_followups(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, tree = make_client()

    @tree.command(name="trust", description="Trust practice")
    async def trust(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("here is your tip")
        await interaction.followup.send("and one more", file=discord.File(io.BytesIO(b"notes"), filename="tip.txt"))

    member = standin.add_user("bob")
    channel_id = guild.channels["general"]
    async with connected(client):
        await tree.sync()
        record = await standin.interact_command(guild.id, channel_id, member)
        assert (await record.response())["type"] == 5
        followups = await record.wait_followups(2)
    assert [m["content"] for m in followups] == ["here is your tip", "and one more"]
    # The first follow-up after a deferral replaces the "thinking" message, as Discord does.
    assert record.original is not None and followups[0]["id"] == record.original["id"]
    assert [m["content"] for m in standin.messages(channel_id)] == ["here is your tip", "and one more"]
    assert all(m["flags"] & 128 == 0 for m in standin.messages(channel_id))
    assert followups[1]["attachments"][0]["filename"] == "tip.txt"
    assert len(standin.violations) == 1 and "$.attachments[0].id: 0 is not of type 'string'" in standin.violations[0]


async def test_component_click_and_modal_submit_reach_the_client(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()
    kinds: list[discord.InteractionType] = []
    answers: list[str] = []

    class Reflection(discord.ui.Modal, title="Reflect"):
        answer: discord.ui.TextInput[Reflection] = discord.ui.TextInput(label="Your answer", custom_id="answer")

        async def on_submit(self, interaction: discord.Interaction) -> None:
            answers.append(self.answer.value)
            await interaction.response.send_message("saved", ephemeral=True)

    class Prompt(discord.ui.View):
        @discord.ui.button(label="Answer", custom_id="prompt:answer")
        async def answer(self, interaction: discord.Interaction, button: discord.ui.Button[Prompt]) -> None:
            await interaction.response.send_modal(Reflection(custom_id="reflect"))

    @client.event
    async def on_interaction(interaction: discord.Interaction) -> None:
        kinds.append(interaction.type)

    member = standin.add_user("carol")
    channel_id = guild.channels["prompts"]
    async with connected(client):
        channel = client.get_channel(channel_id)
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("Today's question", view=Prompt(timeout=None))
        for text, layout in (("I listened", "auto"), ("again", "label")):
            click = await standin.interact_component(guild.id, channel_id, member, "prompt:answer", sent.id)
            assert (await click.response())["type"] == 9
            submit = await standin.interact_modal_submit(
                guild.id, channel_id, member, "reflect", {"answer": text}, layout=layout
            )
            assert (await submit.response())["type"] == 4
    assert kinds == [discord.InteractionType.component, discord.InteractionType.modal_submit] * 2
    assert submit.payload["data"]["components"][0]["type"] == 18
    assert answers == ["I listened", "again"]
    assert standin.messages(channel_id)[0]["components"][0]["components"][0]["custom_id"] == "prompt:answer"
    assert standin.violations == []


async def test_update_message_deferred_update_and_webhook_edits(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()

    class Card(discord.ui.View):
        @discord.ui.button(label="Flip", custom_id="card:flip")
        async def flip(self, interaction: discord.Interaction, button: discord.ui.Button[Card]) -> None:
            await interaction.response.edit_message(content="flipped")

        @discord.ui.button(label="Slow", custom_id="card:slow")
        async def slow(self, interaction: discord.Interaction, button: discord.ui.Button[Card]) -> None:
            await interaction.response.defer()
            await interaction.edit_original_response(content="slowly edited", view=None)
            temporary = await interaction.followup.send("temporary", ephemeral=True, wait=True)
            await temporary.delete()

    member = standin.add_user("kim")
    channel_id = guild.channels["general"]
    async with connected(client):
        channel = client.get_channel(channel_id)
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("card", view=Card(timeout=None))
        flip = await standin.interact_component(guild.id, channel_id, member, "card:flip", sent.id)
        assert (await flip.response())["type"] == 7
        slow = await standin.interact_component(guild.id, channel_id, member, "card:slow", sent.id)
        assert (await slow.response())["type"] == 6
        await slow.wait_edits(1)
        await slow.wait_followups(1)
        for _ in range(50):
            if not standin.message(int(slow.followups[0]["id"])):
                break
            await asyncio.sleep(0.01)
    stored = standin.message(sent.id)
    assert stored is not None and stored["content"] == "slowly edited" and stored["components"] == []
    assert slow.edits[0]["content"] == "slowly edited" and slow.edits[0]["components"] == []
    assert slow.followups[0]["flags"] & 64 and standin.message(int(slow.followups[0]["id"])) is None
    assert [m["content"] for m in standin.messages(channel_id)] == ["slowly edited"]
    assert standin.violations == []


async def test_autocomplete_and_late_callback() -> None:
    async with DiscordStandIn(token=TOKEN, interaction_deadline=0.2) as server:
        handle = server.add_guild("Slow", channels=["general"])
        channel_id = handle.channels["general"]
        client, tree = make_client()
        errors: list[Exception] = []

        @tree.command(name="trust", description="Trust practice")
        async def trust(interaction: discord.Interaction, topic: str) -> None:
            await asyncio.sleep(0.3)
            try:
                await interaction.response.send_message("too late")
            except discord.HTTPException as exc:
                errors.append(exc)

        @trust.autocomplete("topic")
        async def topics(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=t, value=t) for t in ("honesty", "repair") if t.startswith(current)]

        member = server.add_user("dan")
        with server.patched_discord_py():
            async with connected(client):
                await tree.sync()
                auto = await server.interact_autocomplete(
                    handle.id, channel_id, member, "trust", {"topic": "rep"}, focused="topic"
                )
                assert (await auto.response())["data"]["choices"] == [{"name": "repair", "value": "repair"}]
                late = await server.interact_command(handle.id, channel_id, member, "trust", {"topic": "x"})
                await asyncio.sleep(0.4)
        assert discord.http.Route.BASE != server.api_url  # restored after the block
        assert isinstance(errors[0], discord.NotFound) and errors[0].code == 10062
        assert late.callback is None and late.rejected == [(404, 10062)]
        assert auto.payload["data"]["options"] == [{"name": "topic", "type": 3, "value": "rep", "focused": True}]


# ---- messages, threads, DMs ----------------------------------------------------------------------------------


async def test_nonce_makes_a_send_idempotent(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()
    channel_id = guild.channels["prompts"]
    async with connected(client):
        channel = client.get_channel(channel_id)
        assert isinstance(channel, discord.TextChannel)
        first = await channel.send("Question of the day", nonce="delivery-42")
        second = await channel.send("Question of the day", nonce="delivery-42")
        other = await channel.send(
            "Another", nonce="delivery-43", file=discord.File(io.BytesIO(b"abc"), filename="a.txt")
        )
    assert first.id == second.id and other.id != first.id
    stored = standin.messages(channel_id)
    assert [m["content"] for m in stored] == ["Question of the day", "Another"]
    assert stored[0]["nonce"] == "delivery-42" and stored[1]["attachments"][0]["filename"] == "a.txt"
    assert standin.attachment_data(stored[1]["attachments"][0]["id"]) == b"abc"
    # discord.py numbers new attachments with integers; the spec wants snowflake strings: recorded as a violation.
    assert [v.split(": ", 1)[1] for v in standin.violations] == ["body: $.attachments[0].id: 0 is not of type 'string'"]


async def test_lost_response_is_recovered_by_the_nonce(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()
    channel_id = guild.channels["general"]
    standin.fail_next("POST", rf"^/channels/{channel_id}/messages$", 500, after_processing=True)
    async with connected(client):
        channel = client.get_channel(channel_id)
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("once", nonce="k1")
    assert [m["id"] for m in standin.messages(channel_id)] == [str(sent.id)]
    assert [s for m, p, s in standin.requests if m == "POST" and p.endswith("/messages")] == [500, 200]


async def test_second_thread_on_a_message_fails(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()
    channel_id = guild.channels["prompts"]
    async with connected(client):
        channel = client.get_channel(channel_id)
        assert isinstance(channel, discord.TextChannel)
        message = await channel.send("Prompt")
        thread = await message.create_thread(name="Answers", auto_archive_duration=1440)
        with pytest.raises(discord.HTTPException) as failure:
            await message.create_thread(name="Again")
        await thread.edit(archived=True, locked=True)
        await standin.user_message(channel_id, standin.add_user("erin"), "hi")
    assert thread.id == message.id
    assert failure.value.status == 400 and failure.value.code == 160004
    info = standin.threads[thread.id]
    assert info["parent_id"] == channel_id and info["message_id"] == message.id
    assert info["archived"] and info["locked"] and info["auto_archive_duration"] == 1440
    assert standin.violations == []


async def test_dm_through_partial_messageable(standin: DiscordStandIn) -> None:
    client, _ = make_client()
    open_user = standin.add_user("frank")
    closed_user = standin.add_user("gina", dm_closed=True)
    async with connected(client):
        user = await client.fetch_user(open_user)
        dm = await user.create_dm()
        assert standin.dm_channels[open_user] == dm.id
        sent = await client.get_partial_messageable(dm.id, type=discord.ChannelType.private).send("check-in time")
        closed_dm = standin.dm_channel_id(closed_user)
        with pytest.raises(discord.Forbidden) as refused:
            await client.get_partial_messageable(closed_dm, type=discord.ChannelType.private).send("hello")
    assert standin.messages(dm.id)[0]["id"] == str(sent.id)
    assert refused.value.code == 50007 and standin.messages(closed_dm) == []
    # discord.py sends recipient_id as an integer where the spec says snowflake string: recorded, not hidden.
    assert len(standin.violations) == 1 and "recipient_id" in standin.violations[0]


async def test_deleted_forbidden_and_removed(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()
    other = standin.add_guild("Other", channels=["lobby"])
    async with connected(client):
        prompts = client.get_channel(guild.channels["prompts"])
        general = client.get_channel(guild.channels["general"])
        assert isinstance(prompts, discord.TextChannel) and isinstance(general, discord.TextChannel)
        standin.channel(general.id).forbidden = True
        with pytest.raises(discord.Forbidden) as forbidden:
            await general.send("x")
        await standin.delete_channel(prompts.id)
        with pytest.raises(discord.NotFound) as missing:
            await prompts.send("x")
        await standin.remove_guild(other.id)
        await asyncio.sleep(0.05)
        assert client.get_guild(other.id) is None and client.get_guild(guild.id) is not None
        assert client.get_channel(prompts.id) is None
    assert forbidden.value.code == 50001 and missing.value.code == 10003


async def test_message_content_intent(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()
    seen: list[tuple[int, str]] = []

    @client.event
    async def on_message(message: discord.Message) -> None:
        seen.append((message.channel.id, message.content))

    user = standin.add_user("hana")
    channel_id = guild.channels["general"]
    async with connected(client):
        await standin.user_message(channel_id, user, "secret")
        await standin.user_message(channel_id, user, f"<@{standin.bot_id}> hello")
        dm = await standin.user_dm(user, "private words")
        await asyncio.sleep(0.05)
    assert seen == [
        (channel_id, ""),
        (channel_id, f"<@{standin.bot_id}> hello"),
        (int(dm["channel_id"]), "private words"),
    ]


async def test_gateway_resume_and_late_guild(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()
    resumed = asyncio.Event()

    async def identify_at_once(shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py waits 5 s before every IDENTIFY but the first; not needed against the stand-in."""

    client.before_identify_hook = identify_at_once  # type: ignore[method-assign]

    @client.event
    async def on_resumed() -> None:
        resumed.set()

    async with connected(client):
        await standin.disconnect()
        await asyncio.wait_for(resumed.wait(), 5)
        handle = await standin.add_guild("Joined later", channels=["hello"])
        await asyncio.sleep(0.05)
        assert client.get_guild(handle.id) is not None and client.get_guild(guild.id) is not None
        await standin.disconnect(resumable=False)  # the session is gone: RESUME is refused, the client identifies
        sessions = await standin.wait_for_gateway()
        assert sessions[0].resumes == 0 and len(standin.identifies) == 2
    kinds = [(c["kind"], c["path"]) for c in standin.gateway.connections]
    assert kinds == [
        ("identify", "/gateway"),
        ("resume", "/gateway-resume"),
        ("resume-rejected", "/gateway-resume"),
        ("identify", "/gateway-resume"),  # discord.py keeps the resume URL for the fresh IDENTIFY
    ]


async def test_raw_gateway_shards_heartbeats_and_replay(standin: DiscordStandIn) -> None:
    handles = [standin.add_guild(f"Guild {n}") for n in range(8)]
    by_shard: dict[int, set[int]] = {}
    async with aiohttp.ClientSession() as session:

        async def receive(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
            message = await asyncio.wait_for(ws.receive(), 2)
            assert message.type is aiohttp.WSMsgType.TEXT
            payload: dict[str, Any] = json.loads(message.data)
            return payload

        for shard in (0, 1):
            async with session.ws_connect(standin.gateway_url + "?v=10&encoding=json") as ws:
                hello = await receive(ws)
                assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] == 41250
                await ws.send_json({"op": 1, "d": None})
                assert (await receive(ws))["op"] == 11
                await ws.send_json(
                    {"op": 2, "d": {"token": TOKEN, "intents": 513, "shard": [shard, 2], "properties": {}}}
                )
                ready = await receive(ws)
                assert ready["t"] == "READY" and ready["d"]["shard"] == [shard, 2]
                stubs = {int(g["id"]) for g in ready["d"]["guilds"]}
                assert all(g["unavailable"] for g in ready["d"]["guilds"])
                for _ in stubs:
                    created = await receive(ws)
                    assert created["t"] == "GUILD_CREATE" and int(created["d"]["id"]) in stubs
                by_shard[shard] = stubs
                session_id, seq = ready["d"]["session_id"], created["s"]
        assert by_shard[0] | by_shard[1] == {h.id for h in handles} and not by_shard[0] & by_shard[1]
        assert all((gid >> 22) % 2 == shard for shard, ids in by_shard.items() for gid in ids)
        # Events sent while shard 1 was away are replayed on RESUME, then RESUMED.
        target = next(iter(by_shard[1]))
        await standin.user_message(standin.guild(target).channel_ids[0], standin.add_user("ivy"), "while away")
        async with session.ws_connect(standin.gateway_url) as ws:
            await receive(ws)
            await ws.send_json({"op": 6, "d": {"token": TOKEN, "session_id": session_id, "seq": seq}})
            replayed = await receive(ws)
            assert replayed["t"] == "MESSAGE_CREATE" and replayed["s"] == seq + 1
            assert replayed["d"]["content"] == ""  # no MESSAGE_CONTENT intent (513 = GUILDS | GUILD_MESSAGES)
            assert (await receive(ws))["t"] == "RESUMED"
        async with session.ws_connect(standin.gateway_url) as ws:
            await receive(ws)
            await ws.send_json({"op": 2, "d": {"token": "wrong", "intents": 1, "properties": {}}})
            closing = await asyncio.wait_for(ws.receive(), 2)
            assert closing.type is aiohttp.WSMsgType.CLOSE and closing.data == 4004


# ---- rate limits and faults ----------------------------------------------------------------------------------


async def test_injected_429_is_retried_and_counted(standin: DiscordStandIn, guild: GuildHandle) -> None:
    client, _ = make_client()
    channel_id = guild.channels["general"]
    standin.fail_next("POST", rf"^/channels/{channel_id}/messages$", 429, retry_after=0.05)
    async with connected(client):
        channel = client.get_channel(channel_id)
        assert isinstance(channel, discord.TextChannel)
        await channel.send("after a 429")
    assert standin.stats["429"]["user"] == 1
    assert [s for m, p, s in standin.requests if p == f"/channels/{channel_id}/messages"] == [429, 200]
    assert len(standin.messages(channel_id)) == 1


async def test_per_channel_message_bucket(standin: DiscordStandIn, guild: GuildHandle) -> None:
    status, body, _ = await raw(standin, "GET", "/gateway/bot")
    assert status == 200 and body["url"] == standin.gateway_url and body["shards"] == 1
    assert body["session_start_limit"]["max_concurrency"] == 1
    channel_id = guild.channels["general"]
    statuses = []
    for index in range(6):
        status, body, headers = await raw(
            standin, "POST", f"/channels/{channel_id}/messages", json={"content": str(index)}
        )
        statuses.append(status)
    assert statuses == [200] * 5 + [429]
    assert headers["X-RateLimit-Scope"] == "user" and body["global"] is False and body["retry_after"] > 0
    assert headers["X-RateLimit-Limit"] == "5" and headers["X-RateLimit-Remaining"] == "0"
    assert standin.stats["429"]["user"] == 1


async def test_global_limit_burst_and_paced() -> None:
    async with DiscordStandIn(token=TOKEN, default_rate=None) as server:
        headers = {"Authorization": f"Bot {TOKEN}"}
        async with aiohttp.ClientSession() as session:

            async def get() -> int:
                async with session.get(server.api_url + "/users/@me", headers=headers) as response:
                    await response.read()
                    if response.status == 429:
                        assert response.headers["X-RateLimit-Global"] == "true"
                        assert response.headers["X-RateLimit-Scope"] == "global"
                    return response.status

            burst = await asyncio.gather(*(get() for _ in range(120)))
            # 50 fit in the sliding 1-second window; the other 70 are refused when the burst lands within a second.
            assert burst.count(429) >= 60 and set(burst) == {200, 429}
            assert server.stats["429"]["global"] == burst.count(429)
            await asyncio.sleep(1.05)
            server.stats["429"].clear()
            started = time.monotonic()
            paced = []
            for index in range(40):
                await asyncio.sleep(max(0.0, started + index / 40 - time.monotonic()))
                paced.append(await get())
            assert paced == [200] * 40 and server.stats["429"]["global"] == 0


async def test_thread_bucket_and_latency() -> None:
    async with DiscordStandIn(token=TOKEN, latency=(0.02, 0.03), thread_rate=(2, 10.0)) as server:
        handle = server.add_guild("Busy", channels=["general"])
        channel_id = handle.channels["general"]
        started = time.monotonic()
        statuses = []
        for name in ("a", "b", "c"):
            status, _, headers = await raw(server, "POST", f"/channels/{channel_id}/threads", json={"name": name})
            statuses.append(status)
        assert time.monotonic() - started >= 0.06
        assert statuses == [201, 201, 429] and headers["X-RateLimit-Limit"] == "2"
        assert len(server.threads) == 2 and server.violations == []


async def test_error_shapes_and_callbacks_exempt_from_the_global_limit() -> None:
    async with DiscordStandIn(token=TOKEN, global_rate=1) as server:
        handle = server.add_guild("Quiet", channels=["general"])
        assert (await raw(server, "GET", "/users/@me"))[0] == 200
        status, body, headers = await raw(server, "GET", "/users/@me")
        assert status == 429 and body["global"] is True and headers["X-RateLimit-Global"] == "true"
        record = await server.interact_command(handle.id, handle.channels["general"], server.add_user("jo"))
        path = f"/interactions/{record.id}/{record.token}/callback"
        status, body, _ = await raw(server, "POST", path, auth=False, json={"type": 4, "data": {"content": "hi"}})
        assert status == 204 and record.callback_type == 4
        status, body, _ = await raw(server, "POST", path, auth=False, json={"type": 4, "data": {"content": "hi"}})
        assert (status, body["code"]) == (400, 40060)
        status, body, _ = await raw(server, "POST", "/interactions/1/abc/callback", auth=False, json={"type": 1})
        assert (status, body["code"]) == (404, 10062)
        status, body, _ = await raw(server, "GET", "/users/@me", auth=False)
        assert (status, body) == (401, {"message": "401: Unauthorized", "code": 0})
        status, body, _ = await raw(server, "GET", "/nothing/here", auth=False)
        assert (status, body) == (404, {"message": "404: Not Found", "code": 0})
        assert server.stats["429"]["global"] == 1 and server.stats["invalid_requests"] == 2


# ---- OpenAPI conformance -------------------------------------------------------------------------------------


async def test_validator_records_invalid_requests(standin: DiscordStandIn, guild: GuildHandle) -> None:
    channel_id = guild.channels["general"]
    status, body, headers = await raw(
        standin, "POST", f"/channels/{channel_id}/messages", json={"content": "x" * 4001, "flags": "loud"}
    )
    assert status == 400 and body["code"] == 50035 and headers["Content-Type"] == "application/json"
    await raw(standin, "GET", f"/channels/{channel_id}/messages", params={"limit": "500"})
    await raw(standin, "GET", "/channels/not-a-snowflake")
    problems = "\n".join(standin.violations)
    assert "$.content: longer than 4000 characters" in problems
    assert "$.flags" in problems and "query parameter limit=500" in problems
    assert "path parameter channel_id=not-a-snowflake" in problems
    assert len(standin.violations) == 4


def test_missing_spec_is_reported_clearly(tmp_path: Any) -> None:
    missing = tmp_path / "openapi.json"
    with pytest.raises(FileNotFoundError, match=str(missing)):
        DiscordStandIn(spec_path=missing)
    assert DiscordStandIn(spec_path=missing, validate=False).validator is None
