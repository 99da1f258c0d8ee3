"""The Slack stand-in against the real slack_sdk AsyncWebClient and slack_bolt AsyncApp (HTTP and Socket Mode)."""

from __future__ import annotations

import asyncio
import json
import time
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.models.blocks import SectionBlock
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from standins.slack import SlackStandIn, TeamHandle
from standins.slack.payloads import message_event

SECRET = "test-signing-secret"
SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "specs" / "slack" / "samples"


@pytest.fixture
async def standin() -> AsyncIterator[SlackStandIn]:
    async with SlackStandIn(signing_secret=SECRET) as server:
        yield server
        assert server.shape_violations == []


@pytest.fixture
def team(standin: SlackStandIn) -> TeamHandle:
    return standin.add_team("Trust Circle")


@pytest.fixture
def client(standin: SlackStandIn, team: TeamHandle) -> AsyncWebClient:
    return AsyncWebClient(token=team.bot_token, base_url=standin.api_url)


# ---- Web API -----------------------------------------------------------------------------------------------


async def test_auth_test_and_bad_tokens(standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient) -> None:
    res = await client.auth_test()
    assert res["ok"] and res["team_id"] == team.id and res["user_id"] == team.bot_user_id
    assert res["bot_id"] == team.bot_id
    with pytest.raises(SlackApiError) as err:
        await AsyncWebClient(token="xoxb-nope", base_url=standin.api_url).auth_test()
    assert err.value.response["error"] == "invalid_auth"
    standin.revoke_team(team.id)
    with pytest.raises(SlackApiError) as err:
        await client.auth_test()
    assert err.value.response["error"] == "token_revoked"
    with pytest.raises(SlackApiError) as err:
        await client.api_call("no.such.method")
    assert err.value.response["error"] in ("unknown_method", "token_revoked")


async def test_users_usergroups_team(standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient) -> None:
    owner = standin.add_user(team, "olive", is_owner=True)
    member = standin.add_user(team, "max")
    group = standin.add_usergroup(team, "mods", [owner])
    info = await client.users_info(user=owner)
    assert info["user"]["is_admin"] and info["user"]["is_owner"] and not info["user"]["is_primary_owner"]
    assert not (await client.users_info(user=member))["user"]["is_admin"]
    groups = await client.usergroups_list(include_users=True)
    assert groups["usergroups"][0]["handle"] == "mods" and groups["usergroups"][0]["users"] == [owner]
    assert (await client.usergroups_users_list(usergroup=group))["users"] == [owner]
    assert (await client.team_info())["team"]["id"] == team.id
    with pytest.raises(SlackApiError):
        await client.users_info(user="U404")


async def test_post_blocks_and_metadata_then_history(
    standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient
) -> None:
    channel = standin.add_channel(team, "prompts")
    blocks = [SectionBlock(text="Today's question").to_dict()]
    meta = {"event_type": "trustbot_delivery", "event_payload": {"key": "d-42"}}
    posted = await client.chat_postMessage(channel=channel, text="Today's question", blocks=blocks, metadata=meta)
    assert posted["ts"] and posted["message"]["blocks"][0]["type"] == "section"
    history = await client.conversations_history(channel=channel, include_all_metadata=True, limit=10)
    assert history["messages"][0]["metadata"] == meta
    plain = await client.conversations_history(channel=channel)
    assert "metadata" not in plain["messages"][0]
    reply = await client.chat_postMessage(channel=channel, text="an answer", thread_ts=posted["ts"])
    replies = await client.conversations_replies(channel=channel, ts=posted["ts"])
    assert [m["ts"] for m in replies["messages"]] == [posted["ts"], reply["ts"]]
    assert replies["messages"][0]["reply_count"] == 1
    assert [m["ts"] for m in (await client.conversations_history(channel=channel))["messages"]] == [posted["ts"]]
    assert standin.replies(channel, posted["ts"])[1]["thread_ts"] == posted["ts"]
    updated = await client.chat_update(channel=channel, ts=reply["ts"], text="edited")
    assert updated["text"] == "edited"
    await client.chat_delete(channel=channel, ts=reply["ts"])
    assert len(standin.messages(channel)) == 1
    assert standin.violations == []


async def test_membership_errors(standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient) -> None:
    outside = standin.add_channel(team, "random", bot_member=False)
    private = standin.add_channel(team, "mods", private=True, bot_member=False)
    archived = standin.add_channel(team, "old", archived=True)
    for channel, error in [(outside, "not_in_channel"), ("C404", "channel_not_found"), (archived, "is_archived")]:
        with pytest.raises(SlackApiError) as err:
            await client.chat_postMessage(channel=channel, text="hi")
        assert err.value.response["error"] == error
    await client.conversations_join(channel=outside)
    assert (await client.chat_postMessage(channel=outside, text="hi"))["ok"]
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel=private, text="hi")
    assert err.value.response["error"] == "channel_not_found"
    standin.invite_bot(private)
    with pytest.raises(SlackApiError) as err:
        await client.conversations_join(channel=private)
    assert err.value.response["error"] == "method_not_supported_for_channel_type"
    assert (await client.chat_postMessage(channel=private, text="hi"))["ok"]


async def test_dms_open_twice_and_refusals(standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient) -> None:
    user = standin.add_user(team, "max")
    gone = standin.add_user(team, "ghost", deleted=True)
    first = await client.conversations_open(users=user)
    second = await client.conversations_open(users=user)
    assert first["channel"]["id"] == second["channel"]["id"] and first["channel"]["id"].startswith("D")
    assert standin.stats["calls"]["conversations.open"] == 2
    for target, error in [(gone, "user_disabled"), (team.bot_user_id, "cannot_dm_bot"), ("U404", "user_not_found")]:
        with pytest.raises(SlackApiError) as err:
            await client.conversations_open(users=target)
        assert err.value.response["error"] == error
    await client.chat_postMessage(channel=first["channel"]["id"], text="check-in")
    assert standin.messages(first["channel"]["id"])[0]["text"] == "check-in"


async def test_files_upload_v2_to_dm(standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient) -> None:
    user = standin.add_user(team, "max")
    dm = (await client.conversations_open(users=user))["channel"]["id"]
    res = await client.files_upload_v2(
        channel=dm, content=b"date,answer\n", filename="export.csv", title="Your export", initial_comment="Here"
    )
    assert res["file"]["id"]
    [file] = standin.files
    assert file.data == b"date,answer\n" and file.filename == "export.csv" and file.title == "Your export"
    assert file.channels == [dm]
    assert standin.messages(dm)[-1]["files"] == [{"id": file.id}]
    assert standin.violations == []


async def test_home_ephemeral_and_views(standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient) -> None:
    user = standin.add_user(team, "max")
    channel = standin.add_channel(team, "general")
    home = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Welcome"}}]}
    res = await client.views_publish(user_id=user, view=home)
    assert res["view"]["id"].startswith("V") and standin.home(user) == home
    await client.chat_postEphemeral(channel=channel, user=user, text="only you")
    assert standin.ephemerals[0]["user"] == user and standin.ephemerals[0]["text"] == "only you"
    assert standin.messages(channel) == []
    modal = {
        "type": "modal",
        "callback_id": "settings",
        "title": {"type": "plain_text", "text": "Settings"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}],
    }
    trigger = standin.new_trigger(team.id, user)
    opened = await client.views_open(trigger_id=trigger, view=modal)
    assert opened["view"]["callback_id"] == "settings"
    with pytest.raises(SlackApiError) as err:
        await client.views_open(trigger_id=trigger, view=modal)
    assert err.value.response["error"] == "expired_trigger_id"
    await client.views_update(view_id=opened["view"]["id"], view=modal)


async def test_rate_limit_429_with_and_without_retry_handler(
    standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient
) -> None:
    user = standin.add_user(team, "max")
    standin.fail_next("users.info", "ratelimited", retry_after=1)
    with pytest.raises(SlackApiError) as err:
        await client.users_info(user=user)
    assert err.value.response.status_code == 429 and err.value.response.headers["retry-after"] == "1"
    assert err.value.response["error"] == "ratelimited"
    patient = AsyncWebClient(
        token=team.bot_token,
        base_url=standin.api_url,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)],
    )
    standin.fail_next("users.info", "ratelimited", retry_after=0)
    started = time.monotonic()
    assert (await patient.users_info(user=user))["ok"]
    assert time.monotonic() - started >= 0.9  # Retry-After is whole seconds (at least 1)
    assert standin.stats["429"]["users.info"] == 2


async def test_post_message_pacing_per_channel(standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient) -> None:
    a, b = standin.add_channel(team, "a"), standin.add_channel(team, "b")
    for _ in range(3):  # burst of three, then about one per second
        await client.chat_postMessage(channel=a, text="x")
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel=a, text="x")
    assert err.value.response.status_code == 429
    assert (await client.chat_postMessage(channel=b, text="x"))["ok"]  # another channel has its own budget
    assert standin.stats["429"]["chat.postMessage"] == 1


async def test_tiers_scale_with_time() -> None:
    async with SlackStandIn(signing_secret=SECRET, time_scale=60.0) as fast:  # a "minute" lasts one second
        handle = fast.add_team("Fast")
        client = AsyncWebClient(token=handle.bot_token, base_url=fast.api_url)
        fast.limiter.per_minute["team.info"] = 2
        await client.team_info()
        await client.team_info()
        with pytest.raises(SlackApiError):
            await client.team_info()
        await asyncio.sleep(1.05)
        assert (await client.team_info())["ok"]


async def test_faults_5xx_and_errors(standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient) -> None:
    channel = standin.add_channel(team, "general")
    standin.fail_next("chat.postMessage", http_status=503)
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel=channel, text="x")
    assert err.value.response.status_code == 503
    standin.fail_next("chat.postMessage", "channel_not_found")
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel=channel, text="x")
    assert err.value.response["error"] == "channel_not_found"
    assert (await client.chat_postMessage(channel=channel, text="x"))["ok"]


async def test_block_kit_and_spec_violations(standin: SlackStandIn, team: TeamHandle, client: AsyncWebClient) -> None:
    channel = standin.add_channel(team, "general")
    too_long = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel=channel, text="x", blocks=too_long)
    assert err.value.response["error"] == "invalid_blocks"
    assert any("3000" in v for v in standin.violations)
    standin.violations.clear()
    with pytest.raises(SlackApiError) as err:
        await client.conversations_history(channel=channel, limit="many")  # type: ignore[arg-type]
    assert err.value.response["error"] == "invalid_arguments"
    assert any("limit" in v and "integer" in v for v in standin.violations)
    standin.violations.clear()
    bad_modal = {"type": "modal", "title": {"type": "plain_text", "text": "t" * 25}, "blocks": too_long[:0]}
    with pytest.raises(SlackApiError):
        await client.views_open(trigger_id=standin.new_trigger(team.id), view=bad_modal)
    assert any("title" in v for v in standin.violations)


async def test_oauth_install_and_uninstall(standin: SlackStandIn, team: TeamHandle) -> None:
    admin = standin.add_user(team, "olive", is_admin=True)
    anon = AsyncWebClient(base_url=standin.api_url)
    with warnings.catch_warnings():  # slack_sdk sends client credentials with aiohttp.BasicAuth (deprecated)
        warnings.filterwarnings("ignore", "BasicAuth is deprecated", DeprecationWarning)
        res = await anon.oauth_v2_access(
            client_id=standin.client_id, client_secret=standin.client_secret, code=standin.oauth_code(team, admin)
        )
    assert res["team"]["id"] == team.id and res["enterprise"] is None and res["authed_user"]["id"] == admin
    assert res["access_token"].startswith("xoxb-") and res["bot_user_id"] == team.bot_user_id
    with pytest.raises(SlackApiError) as err:  # credentials as form fields work too
        await anon.api_call(
            "oauth.v2.access",
            data={"client_id": standin.client_id, "client_secret": standin.client_secret, "code": "x"},
        )
    assert err.value.response["error"] == "invalid_code"
    client = AsyncWebClient(token=res["access_token"], base_url=standin.api_url)
    await client.apps_uninstall(client_id=standin.client_id, client_secret=standin.client_secret)
    with pytest.raises(SlackApiError) as err:
        await client.auth_test()
    assert err.value.response["error"] == "token_revoked"


def test_events_use_sample_keys(standin: SlackStandIn, team: TeamHandle) -> None:
    envelope = standin.event_envelope(message_event("D1", "U1", "hi", thread_ts="1.0", parent_user_id="U2"))
    with open(SAMPLES / "events" / "MessagePayload.json") as fh:
        sample = json.load(fh)
    assert set(envelope) <= set(sample)
    assert set(envelope["event"]) <= set(sample["event"])


# ---- Delivery to a real slack_bolt app ---------------------------------------------------------------------


def make_app(standin: SlackStandIn, team: TeamHandle) -> AsyncApp:
    client = AsyncWebClient(token=team.bot_token, base_url=standin.api_url)
    return AsyncApp(client=client, signing_secret=SECRET)


@asynccontextmanager
async def serve(app: AsyncApp) -> AsyncIterator[str]:
    runner = web.AppRunner(app.web_app(path="/slack/events"), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/slack/events"
    finally:
        await runner.cleanup()


async def test_signatures_verify(standin: SlackStandIn, team: TeamHandle) -> None:
    received: list[tuple[str, dict[str, str]]] = []

    async def handler(request: web.Request) -> web.Response:
        received.append(((await request.read()).decode(), dict(request.headers)))
        return web.Response(text="")

    app = web.Application()
    app.router.add_post("/", handler)
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/"  # type: ignore[union-attr]
    try:
        await standin.send_event(url, message_event("D1", "U1", "hi"), retry_num=1, retry_reason="http_timeout")
        await standin.send_event(url, message_event("D1", "U1", "hi"), signature="bad")
    finally:
        await runner.cleanup()
    verifier = SignatureVerifier(SECRET)
    (good_body, good), (bad_body, bad) = received
    assert verifier.is_valid_request(good_body, good)
    assert not verifier.is_valid_request(bad_body, bad)
    assert good["X-Slack-Retry-Num"] == "1" and good["X-Slack-Retry-Reason"] == "http_timeout"


async def test_bolt_http_event_signature_and_command(standin: SlackStandIn, team: TeamHandle) -> None:
    user = standin.add_user(team, "max")
    dm = standin.im_channel(team.id, user)
    app = make_app(standin, team)
    seen: list[dict[str, Any]] = []

    @app.event("message")
    async def on_message(event: dict[str, Any], say: Any) -> None:
        seen.append(event)
        await say(text="got it", thread_ts=event.get("thread_ts"))

    @app.command("/trust")
    async def on_trust(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        await ack()
        await respond(text=f"tip for {command['text']}", response_type="ephemeral")

    async with serve(app) as url:
        ok = await standin.send_event(url, message_event(dm, user, "hello", team=team.id), team_id=team.id)
        assert ok.status == 200 and ok.in_time
        for mode in ("bad", "stale", "missing"):
            refused = await standin.send_event(url, message_event(dm, user, "x"), signature=mode)
            assert refused.status == 401, mode
        cmd = await standin.send_command(url, "/trust", "trust", user_id=user, channel_id=dm, team_id=team.id)
        assert cmd.status == 200 and cmd.elapsed < 3
        for _ in range(50):
            if standin.response_url_posts and standin.messages(dm):
                break
            await asyncio.sleep(0.02)
    assert [e["text"] for e in seen] == ["hello"]
    assert standin.messages(dm)[0]["text"] == "got it"
    assert standin.response_url_posts[0]["text"] == "tip for trust"
    assert standin.response_url_posts[0]["response_type"] == "ephemeral"


async def test_bolt_interactions(standin: SlackStandIn, team: TeamHandle) -> None:
    user = standin.add_user(team, "max")
    channel = standin.add_channel(team, "general")
    app = make_app(standin, team)
    modal = {
        "type": "modal",
        "callback_id": "answer",
        "private_metadata": "q-7",
        "title": {"type": "plain_text", "text": "Answer"},
        "submit": {"type": "plain_text", "text": "Send"},
        "blocks": [
            {
                "type": "input",
                "block_id": "a",
                "label": {"type": "plain_text", "text": "Your answer"},
                "element": {"type": "plain_text_input", "action_id": "text"},
            }
        ],
    }

    @app.action("open")
    async def on_open(ack: Any, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.views_open(trigger_id=body["trigger_id"], view=modal)

    @app.view("answer")
    async def on_answer(ack: Any, view: dict[str, Any]) -> None:
        if not view["state"]["values"]["a"]["text"]["value"]:
            await ack(response_action="errors", errors={"a": "Please write something"})
        else:
            await ack()

    async with serve(app) as url:
        res = await standin.send_block_action(
            url, user_id=user, action_id="open", value="q-7", channel_id=channel, team_id=team.id
        )
        assert res.status == 200
        assert standin.views[0]["view"]["callback_id"] == "answer"
        view_id = standin.views[0]["id"]
        empty = await standin.send_view_submission(url, user_id=user, view_id=view_id, values={"a": {"text": ""}})
        assert empty.json == {"response_action": "errors", "errors": {"a": "Please write something"}}
        fine = await standin.send_view_submission(url, user_id=user, view_id=view_id, values={"a": {"text": "ok"}})
        assert fine.status == 200 and fine.json is None
    assert standin.view_responses[0]["response"]["response_action"] == "errors"


async def test_bolt_socket_mode(standin: SlackStandIn, team: TeamHandle) -> None:
    user = standin.add_user(team, "max")
    dm = standin.im_channel(team.id, user)
    app = make_app(standin, team)
    seen: list[str] = []

    @app.event("message")
    async def on_message(event: dict[str, Any]) -> None:
        seen.append(event["text"])

    @app.command("/trust")
    async def on_trust(ack: Any) -> None:
        await ack(text="noted")

    handler = AsyncSocketModeHandler(app, standin.app_token)
    await handler.connect_async()
    try:
        await standin.socket.wait_connected()
        ack = await standin.socket_send("events_api", message_event(dm, user, "over the socket", team=team.id))
        assert ack is not None and ack.latency < 3
        assert ack.envelope is not None
        again = await standin.socket_redeliver(ack.envelope_id)
        assert again is not None and again.envelope.payload["event_id"] == ack.envelope.payload["event_id"]
        assert again.envelope.retry_attempt == 1
        cmd = await standin.socket_send(
            "slash_commands", standin.command_payload("/trust", "x", user_id=user, channel_id=dm)
        )
        assert cmd is not None and cmd.payload == {"text": "noted"}
    finally:
        await handler.close_async()
    assert seen == ["over the socket", "over the socket"]  # the redelivery reaches the listener again
    assert standin.socket.hellos == 1


async def test_socket_disconnect_reconnects(standin: SlackStandIn, team: TeamHandle) -> None:
    standin.limiter.enabled = False  # apps.connections.open is Tier 1 (1 per minute): a refresh would be limited
    app = make_app(standin, team)
    handler = AsyncSocketModeHandler(app, standin.app_token)
    await handler.connect_async()
    try:
        await standin.socket.wait_connected()
        await standin.disconnect()
        for _ in range(100):
            if standin.socket.hellos >= 2:
                break
            await asyncio.sleep(0.02)
        assert standin.socket.hellos == 2
    finally:
        await handler.close_async()


async def test_response_url_in_channel(standin: SlackStandIn, team: TeamHandle) -> None:
    channel = standin.add_channel(team, "general")
    user = standin.add_user(team, "max")
    payload = standin.command_payload("/trust", "", user_id=user, channel_id=channel, team_id=team.id)
    async with aiohttp.ClientSession() as session:
        async with session.post(payload["response_url"], json={"response_type": "in_channel", "text": "hi"}) as r:
            assert r.status == 200
    assert standin.messages(channel)[0]["text"] == "hi"
