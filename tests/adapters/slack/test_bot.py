"""trustbot on Slack through the real slack-bolt AsyncApp in HTTP mode, against the local Slack stand-in."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aiohttp import web
from harness.slack_world import EIGHT, SECRET, SlackWorld, setup
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from standins.slack.payloads import message_event

from bots.slack.app import finish_listeners, web_client
from bots.slack.bot import SlackBot
from bots.slack.port import KEY_EVENT
from core.app import TrustCore
from core.content import Content
from core.feature import CoreSettings
from core.models import Message


async def test_setup_by_an_owner_joins_the_channel_and_a_member_is_refused(slack: SlackWorld) -> None:
    await setup(slack)
    assert slack.standin.calls_of("conversations.join")  # the bot joined the public channel it was pointed at
    result = await slack.command(slack.alice, "setup time:09:00")
    assert result.in_time
    assert await slack.settle(lambda: any("Only" in t and "admins" in t for t in slack.answers(slack.alice)))


async def test_commands_with_apostrophes_and_a_tip_in_a_dm(slack: SlackWorld) -> None:
    await slack.command(slack.bob, "tip I don't know how to say sorry")
    assert await slack.settle(lambda: bool(slack.answers(slack.bob)))
    assert not any("could not read" in t for t in slack.answers(slack.bob))
    dm = slack.standin.im_channel(slack.team.id, slack.bob)
    event = message_event(dm, slack.bob, "He hit me again last night and I am scared to go home.", team=slack.team.id)
    await slack.send_event(event, team_id=slack.team.id)
    assert await slack.settle(lambda: any("safe" in t.lower() for t in slack.bot_texts(dm)))


async def test_a_prompt_is_a_parent_message_and_a_reply_counts(slack: SlackWorld) -> None:
    await setup(slack)
    slack.clock.set(EIGHT)
    assert await slack.core.tick() == 1
    posts = [
        m for m in slack.standin.messages(slack.prompts) if (m.get("metadata") or {}).get("event_type") == KEY_EVENT
    ]
    assert len(posts) == 1 and "Daily prompt" in posts[0]["text"]
    reply = message_event(
        slack.prompts, slack.alice, "We talked tonight.", team=slack.team.id, channel_type="channel",
        thread_ts=posts[0]["ts"],
    )  # fmt: skip
    await slack.send_event(reply, team_id=slack.team.id)
    community = await slack.store.communities.find("slack", slack.team.id)
    assert community is not None
    post = await slack.store.prompts.by_message(community.id, posts[0]["ts"])
    assert post is not None
    for _ in range(100):  # the event is handled after its ack
        if await slack.store.prompts.answer_count(post.id):
            break
        await slack.settle(lambda: False, within=0.02)
    await slack.command(slack.alice, "streak")
    assert await slack.settle(lambda: any("1 prompt in a row" in t for t in slack.answers(slack.alice)))


async def test_a_retried_event_is_handled_once(slack: SlackWorld) -> None:
    dm = slack.standin.im_channel(slack.team.id, slack.bob)
    event = message_event(dm, slack.bob, "how do I rebuild trust after lying about money?", team=slack.team.id)
    first = await slack.send_event(event, team_id=slack.team.id, event_id="Ev0001")
    again = await slack.send_event(event, team_id=slack.team.id, event_id="Ev0001", retry_num=1)
    assert first.status == again.status == 200
    assert await slack.settle(lambda: len(slack.bot_texts(dm)) >= 1)
    await slack.settle(lambda: len(slack.bot_texts(dm)) >= 2, within=0.5)
    assert len(slack.bot_texts(dm)) == 1


async def test_a_resumed_delivery_finds_its_earlier_post_and_does_not_post_twice(slack: SlackWorld) -> None:
    port = slack.bot.port
    first = await port.post(slack.team.id, slack.general, Message("Hello", "Daily prompt"), key="prompt:1:x#message")
    again = await port.post(
        slack.team.id, slack.general, Message("Hello", "Daily prompt"), key="prompt:1:x#message", maybe_sent=True
    )
    assert first == again and len(slack.bot_texts(slack.general)) == 1


async def test_a_checkin_dm_is_pressed_and_the_note_modal_saves(slack: SlackWorld) -> None:
    await setup(slack)
    await slack.command(slack.alice, "checkin start time:21:00 timezone:America/New_York")
    assert await slack.settle(lambda: any("21:00" in t for t in slack.answers(slack.alice)))  # handled after its ack
    slack.clock.set(datetime(2027, 3, 2, 2, 0, tzinfo=UTC))
    await slack.core.tick()
    dm = slack.standin.im_channel(slack.team.id, slack.alice)
    checkin = [m for m in slack.standin.messages(dm) if m.get("bot_id")]
    assert len(checkin) == 1 and len(slack.standin.calls_of("conversations.open")) == 1
    buttons = [e for b in checkin[0]["blocks"] if b["type"] == "actions" for e in b["elements"]]
    four = next(e for e in buttons if e["text"]["text"] == "4")
    await slack.send_block_action(
        user_id=slack.alice, action_id=four["action_id"], value=four["value"], channel_id=dm,
        message_ts=checkin[0]["ts"], team_id=slack.team.id,
    )  # fmt: skip
    assert await slack.settle(lambda: len(slack.bot_texts(dm)) >= 2)
    note = next(
        e
        for m in slack.standin.messages(dm)
        for b in m.get("blocks") or []
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].startswith("checkin:note")
    )
    await slack.send_block_action(
        user_id=slack.alice, action_id=note["action_id"], value=note["value"], channel_id=dm,
        message_ts=checkin[0]["ts"], team_id=slack.team.id,
    )  # fmt: skip
    assert await slack.settle(lambda: any(v["method"] == "views.open" for v in slack.standin.views))
    opened = next(v for v in slack.standin.views if v["method"] == "views.open")
    await slack.send_view_submission(
        user_id=slack.alice, values={"note": {"note": "A calm evening."}}, view_id=opened["id"],
        team_id=slack.team.id,
    )  # fmt: skip
    assert await slack.settle(lambda: any("Note saved" in t for t in slack.bot_texts(dm)))


async def test_an_uninstall_starts_the_removal_grace(slack: SlackWorld) -> None:
    await setup(slack)
    await slack.send_event({"type": "app_uninstalled", "event_ts": "1"}, team_id=slack.team.id)
    found = None
    for _ in range(100):
        found = await slack.store.communities.find("slack", slack.team.id)
        if found is not None and found.removed_at is not None:
            break
        await slack.settle(lambda: False, within=0.02)
    assert found is not None and found.removed_at is not None


@pytest.mark.parametrize("slack", ["http"], indirect=True)  # it opens its own Socket Mode connection
async def test_socket_mode_commands_and_a_redelivered_envelope_handled_once(slack: SlackWorld) -> None:
    handler = AsyncSocketModeHandler(slack.bot.app, slack.standin.app_token)
    await handler.connect_async()  # type: ignore[no-untyped-call]
    try:
        await slack.standin.socket.wait_connected()
        dm = slack.standin.im_channel(slack.team.id, slack.bob)
        event = message_event(dm, slack.bob, "we keep drifting apart since the baby", team=slack.team.id)
        ack = await slack.standin.socket_send("events_api", event)
        assert ack is not None and ack.latency < 3
        again = await slack.standin.socket_redeliver(ack.envelope_id)
        assert again is not None and again.latency < 3
        assert await slack.settle(lambda: len(slack.bot_texts(dm)) >= 1)
        await slack.settle(lambda: len(slack.bot_texts(dm)) >= 2, within=0.5)
        assert len(slack.bot_texts(dm)) == 1  # the redelivered envelope kept its event id: handled once
        payload = slack.standin.command_payload("/trust", "about", user_id=slack.bob, channel_id=slack.general)
        acked = await slack.standin.socket_send("slash_commands", payload)
        assert acked is not None and acked.latency < 3
        assert await slack.settle(lambda: any("education, not therapy" in t for t in slack.answers(slack.bob)))
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]


async def test_a_refused_form_is_shown_in_the_modal(slack: SlackWorld) -> None:
    await slack.command(slack.alice, "checkin start time:21:00 timezone:America/New_York")
    assert await slack.settle(lambda: any("21:00" in t for t in slack.answers(slack.alice)))
    slack.clock.set(datetime(2027, 3, 2, 2, 0, tzinfo=UTC))
    await slack.core.tick()
    dm = slack.standin.im_channel(slack.team.id, slack.alice)
    checkin = next(m for m in slack.standin.messages(dm) if m.get("bot_id"))
    note = next(
        e for b in checkin["blocks"] if b["type"] == "actions" for e in b["elements"] if "note" in e["action_id"]
    )
    await slack.send_block_action(
        user_id=slack.alice, action_id=note["action_id"], value=note["value"], channel_id=dm,
        message_ts=checkin["ts"], team_id=slack.team.id,
    )  # fmt: skip
    assert await slack.settle(lambda: any(v["method"] == "views.open" for v in slack.standin.views))
    opened = next(v for v in slack.standin.views if v["method"] == "views.open")
    result = await slack.send_view_submission(
        user_id=slack.alice, values={"note": {"note": "x" * 400}}, view_id=opened["id"],
        team_id=slack.team.id,
    )  # fmt: skip
    answer = result.json or {}
    assert answer.get("response_action") == "errors" and "note" in answer.get("errors", {})


async def test_a_challenge_is_joined_with_its_button_and_a_day_marked_done(slack: SlackWorld) -> None:
    slack.standin.add_usergroup(slack.team, "mods", [slack.bob])  # before the first look (groups are cached 5 min)
    await setup(slack)
    await slack.command(
        slack.bob, f"challenge schedule challenge:nine-steps start:2027-03-02 channel:<#{slack.general}>"
    )
    assert await slack.settle(lambda: any("Nine steps" in t for t in slack.answers(slack.bob)))
    slack.clock.set(datetime(2027, 3, 2, 14, 0, tzinfo=UTC))
    await slack.core.tick()
    intro = next(m for m in slack.standin.messages(slack.general) if m.get("bot_id") and "Join" in str(m.get("blocks")))
    join = next(
        e for b in intro["blocks"] if b["type"] == "actions" for e in b["elements"] if e["text"]["text"] == "Join"
    )
    await slack.send_block_action(
        user_id=slack.alice, action_id=join["action_id"], value=join["value"], channel_id=slack.general,
        message_ts=intro["ts"], team_id=slack.team.id,
    )  # fmt: skip
    assert await slack.settle(lambda: any("joined" in t.lower() for t in slack.answers(slack.alice)))
    await slack.command(slack.alice, "challenge done")
    assert await slack.settle(lambda: any("day 1" in t.lower() for t in slack.answers(slack.alice)))


async def test_delete_everything_asks_first_then_deletes(slack: SlackWorld) -> None:
    await slack.command(slack.alice, "checkin start time:21:00 timezone:Europe/London")
    await slack.command(slack.alice, "mydata delete")
    asked = None
    for _ in range(200):
        asked = next((p for p in slack.standin.response_url_posts if "Delete everything" in str(p.get("blocks"))), None)
        if asked:
            break
        await slack.settle(lambda: False, within=0.02)
    assert asked is not None
    button = next(
        e
        for b in asked["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["text"]["text"] == "Delete everything"
    )
    await slack.send_block_action(
        user_id=slack.alice, action_id=button["action_id"], value=button["value"], channel_id=slack.general,
        team_id=slack.team.id,
    )  # fmt: skip
    assert await slack.settle(lambda: any("deleted" in t.lower() for t in slack.answers(slack.alice)))
    member = await slack.store.members.dm_channel("slack", f"{slack.team.id}:{slack.alice}")
    assert member is None


async def test_a_checkin_button_still_works_after_a_restart(slack: SlackWorld, content: Content) -> None:
    await slack.command(slack.alice, "checkin start time:21:00 timezone:America/New_York")
    assert await slack.settle(lambda: any("21:00" in t for t in slack.answers(slack.alice)))
    slack.clock.set(datetime(2027, 3, 2, 2, 0, tzinfo=UTC))
    await slack.core.tick()
    dm = slack.standin.im_channel(slack.team.id, slack.alice)
    checkin = next(m for m in slack.standin.messages(dm) if m.get("bot_id"))
    # a new process: a new app, bot and core on the same database, nothing in memory
    client = web_client(slack.team.bot_token, slack.standin.api_url)
    app = AsyncApp(client=client, signing_secret=SECRET)

    async def client_for(team_id: str) -> AsyncWebClient:
        return client

    bot = SlackBot(app, client_for)
    core = TrustCore(slack.store, content, slack.clock, {"slack": bot.port}, CoreSettings(instance_id="slack-2"))
    bot.attach(core)
    runner = web.AppRunner(app.web_app(path="/slack/events"), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    slack.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/slack/events"  # type: ignore[union-attr]
    if slack.socket is not None:  # the old process's connection is gone; the new one connects
        await slack.socket.close_async()  # type: ignore[no-untyped-call]
        hellos = slack.standin.socket.hellos
        slack.socket = AsyncSocketModeHandler(app, slack.standin.app_token)
        await slack.socket.connect_async()  # type: ignore[no-untyped-call]
        assert await slack.settle(lambda: slack.standin.socket.hellos > hellos)
    try:
        four = next(
            e for b in checkin["blocks"] if b["type"] == "actions" for e in b["elements"] if e["text"]["text"] == "4"
        )
        await slack.send_block_action(
            user_id=slack.alice, action_id=four["action_id"], value=four["value"], channel_id=dm,
            message_ts=checkin["ts"],
        )  # fmt: skip
        assert await slack.settle(lambda: any("4/5" in t for t in slack.bot_texts(dm)))
    finally:
        await runner.cleanup()
        await finish_listeners(5.0)
