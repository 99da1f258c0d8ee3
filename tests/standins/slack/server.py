"""``SlackStandIn``: an aiohttp server on 127.0.0.1 that the real slack_sdk / slack_bolt talk to (Web API and more)."""

from __future__ import annotations

import asyncio
import base64
import json
import random
import secrets
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import aiohttp
from aiohttp import web

from .blocks import check_blocks, check_view, decode_json
from .limits import RateLimiter
from .payloads import sign
from .samples import shape_problems
from .socket_mode import SocketAck, SocketModeHub
from .spec import SpecValidator
from .state import Channel, File, Message, SlackState, Team, Token, View

__all__ = ["CallRecord", "DeliveryResult", "SlackError", "SlackStandIn", "TeamHandle"]

TRIGGER_LIFETIME = 3.0
MAX_TEXT = 40000
NO_TOKEN_METHODS = ("oauth.v2.access",)
APP_TOKEN_METHODS = ("apps.connections.open",)


class SlackError(Exception):
    """An ``{"ok": false, "error": ...}`` answer (HTTP 200, as Slack sends them)."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


@dataclass
class CallRecord:
    """One Web API call as the stand-in saw it."""

    method: str
    params: dict[str, Any]
    ok: bool
    error: str | None
    team_id: str | None
    status: int
    at: float


@dataclass
class DeliveryResult:
    """What the app answered to a delivery: HTTP status, body, and how long it took to acknowledge."""

    kind: str
    status: int
    body: str
    elapsed: float
    payload: Any
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def json(self) -> Any:
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None

    @property
    def in_time(self) -> bool:
        """Acknowledged within Slack's 3 seconds."""
        return self.elapsed <= 3.0


@dataclass
class TeamHandle:
    """Ids of a workspace created with :meth:`SlackStandIn.add_team`."""

    id: str
    name: str
    bot_token: str
    bot_user_id: str
    bot_id: str


@dataclass
class _Fault:
    method: str
    error: str
    remaining: int
    retry_after: float | None
    http_status: int | None


@dataclass
class _Call:
    method: str
    params: dict[str, Any]
    token: Token | None
    team: Team | None
    request: web.Request


Handler = Callable[[_Call], Awaitable[dict[str, Any]]]


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


class SlackStandIn:
    """A local Slack: Web API under ``/api/<method>``, Socket Mode websocket, file uploads and response URLs.

    Point slack_sdk at it with ``AsyncWebClient(token=..., base_url=standin.api_url)``.
    """

    def __init__(
        self,
        signing_secret: str = "standin-signing-secret",
        *,
        latency: tuple[float, float] | float | None = None,
        validate: bool = True,
        spec_path: str | Path | None = None,
        rate_limits: bool = True,
        time_scale: float = 1.0,
        per_minute: dict[str, int] | None = None,
        post_rate: float = 1.0,
        post_burst: int = 3,
        post_team_per_minute: int = 600,
        reject_invalid_blocks: bool = True,
        trigger_lifetime: float = TRIGGER_LIFETIME,
        app_id: str = "A0STANDIN",
        seed: int | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.signing_secret = signing_secret
        self.verification_token = secrets.token_hex(12)
        self.client_id = f"{random.randint(10**9, 10**10)}.{random.randint(10**9, 10**10)}"
        self.client_secret = secrets.token_hex(16)
        self.latency = latency
        self.reject_invalid_blocks = reject_invalid_blocks
        self.trigger_lifetime = trigger_lifetime
        self.host = host
        self._port = port
        self._random = random.Random(seed)
        self.validator: SpecValidator | None = SpecValidator.load(spec_path) if validate else None
        self.state = SlackState(app_id)
        self.app_token = self.state.new_token("app", None)
        self.limiter = RateLimiter(
            time_scale=time_scale,
            enabled=rate_limits,
            per_minute=dict(per_minute or {}),
            post_rate=post_rate,
            post_burst=post_burst,
            post_team_per_minute=post_team_per_minute,
        )
        self.socket = SocketModeHub(app_id)
        self.calls: list[CallRecord] = []
        self.violations: list[str] = []
        self.shape_violations: list[str] = []  # answer keys absent from Slack's samples
        self.ephemerals: list[dict[str, Any]] = []
        self.response_url_posts: list[dict[str, Any]] = []
        self.views: list[dict[str, Any]] = []
        self.deliveries: list[DeliveryResult] = []
        self.view_responses: list[dict[str, Any]] = []
        self.uploads: list[dict[str, Any]] = []
        self.stats: dict[str, Any] = {"calls": Counter(), "429": Counter(), "errors": Counter(), "5xx": Counter()}
        self._faults: list[_Fault] = []
        self._triggers: dict[str, tuple[float, str | None, str | None]] = {}  # id -> (expires, team, user)
        self._response_urls: dict[str, dict[str, Any]] = {}
        self._oauth_codes: dict[str, tuple[str, str | None]] = {}
        self._used_triggers: set[str] = set()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._handlers: dict[str, Handler] = {
            "auth.test": self._auth_test,
            "auth.revoke": self._auth_revoke,
            "team.info": self._team_info,
            "users.info": self._users_info,
            "users.list": self._users_list,
            "usergroups.list": self._usergroups_list,
            "usergroups.users.list": self._usergroups_users_list,
            "conversations.info": self._conversations_info,
            "conversations.list": self._conversations_list,
            "conversations.join": self._conversations_join,
            "conversations.open": self._conversations_open,
            "conversations.history": self._conversations_history,
            "conversations.replies": self._conversations_replies,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "views.open": self._views_open,
            "views.push": self._views_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "apps.connections.open": self._apps_connections_open,
            "apps.uninstall": self._apps_uninstall,
            "oauth.v2.access": self._oauth_v2_access,
        }

    # ---- lifecycle -----------------------------------------------------------------------------------------

    async def start(self) -> SlackStandIn:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/v1/{file_id}", self._upload)
        app.router.add_post("/response/{id}", self._response_url)
        app.router.add_get("/socket", self.socket.handle)
        app.on_shutdown.append(self._on_shutdown)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self._port)
        await site.start()
        server = site._server
        assert server is not None
        self._port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self._session = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _on_shutdown(self, _app: web.Application) -> None:
        await self.socket.close_all()

    async def __aenter__(self) -> SlackStandIn:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self._port}"

    @property
    def api_url(self) -> str:
        """Base URL for ``AsyncWebClient(base_url=...)`` (with the trailing slash slack_sdk needs)."""
        return f"{self.url}/api/"

    @property
    def app_id(self) -> str:
        return self.state.app_id

    # ---- setup helpers -------------------------------------------------------------------------------------

    def add_team(self, name: str, *, domain: str | None = None, enterprise_id: str | None = None) -> TeamHandle:
        """Create a workspace with the app installed; returns its ids and a bot token (``xoxb-...``)."""
        team = self.state.add_team(name, domain, enterprise_id)
        token = self.state.new_token("bot", team.id)
        return TeamHandle(team.id, team.name, token, team.bot_user_id, team.bot_id)

    def add_user(
        self,
        team: str | TeamHandle,
        name: str,
        *,
        is_admin: bool = False,
        is_owner: bool = False,
        is_primary_owner: bool = False,
        deleted: bool = False,
        is_bot: bool = False,
        tz: str = "Europe/London",
    ) -> str:
        team_id = team.id if isinstance(team, TeamHandle) else team
        user = self.state.add_user(
            team_id,
            name,
            is_admin=is_admin or is_owner or is_primary_owner,
            is_owner=is_owner or is_primary_owner,
            is_primary_owner=is_primary_owner,
            deleted=deleted,
            is_bot=is_bot,
            tz=tz,
        )
        return user.id

    def add_channel(
        self,
        team: str | TeamHandle,
        name: str,
        *,
        private: bool = False,
        bot_member: bool = True,
        archived: bool = False,
        members: list[str] | None = None,
    ) -> str:
        """Create a channel; the bot can post only where ``bot_member`` (or after conversations.join / invite).

        ``members`` (user ids) limits who may receive ephemerals there; empty means everyone in the team.
        """
        team_id = team.id if isinstance(team, TeamHandle) else team
        channel = self.state.add_channel(
            team_id, name, private=private, bot_member=bot_member, archived=archived, members=set(members or [])
        )
        return channel.id

    def invite_bot(self, channel_id: str) -> None:
        """Someone invites the bot to a channel (the only way into a private one)."""
        self.state.channels[channel_id].bot_member = True

    def archive(self, channel_id: str, archived: bool = True) -> None:
        self.state.channels[channel_id].archived = archived

    def deactivate_user(self, user_id: str, deleted: bool = True) -> None:
        self.state.users[user_id].deleted = deleted

    def add_usergroup(self, team: str | TeamHandle, handle: str, users: list[str], name: str | None = None) -> str:
        team_id = team.id if isinstance(team, TeamHandle) else team
        group_id = self.state.new_id("S")
        self.state.usergroups[group_id] = {
            "id": group_id,
            "team_id": team_id,
            "is_usergroup": True,
            "is_subteam": True,
            "name": name or handle,
            "description": "",
            "handle": handle,
            "is_external": False,
            "date_create": int(time.time()),
            "date_update": int(time.time()),
            "date_delete": 0,
            "auto_provision": False,
            "enterprise_subteam_id": "",
            "created_by": "",
            "updated_by": "",
            "deleted_by": None,
            "prefs": {"channels": [], "groups": []},
            "users": list(users),
            "user_count": len(users),
        }
        return group_id

    def set_usergroup_users(self, group_id: str, users: list[str]) -> None:
        """A workspace admin changes who is in a user group (``usergroups.users.update``)."""
        group = self.state.usergroups[group_id]
        group["users"], group["user_count"], group["date_update"] = list(users), len(users), int(time.time())

    def set_admin(self, user_id: str, is_admin: bool = True) -> None:
        """A workspace owner makes someone an admin, or takes it away (``users.info`` says so from now on)."""
        self.state.users[user_id].is_admin = is_admin

    def revoke_team(self, team_id: str) -> None:
        """Revoke every token of a workspace (calls then fail with ``token_revoked``)."""
        for token in self.state.tokens.values():
            if token.team_id == team_id:
                token.revoked = True

    def delete_team(self, team_id: str) -> None:
        """Mark a workspace deleted (its tokens then answer ``account_inactive``)."""
        self.state.teams[team_id].deleted = True

    def oauth_code(self, team: str | TeamHandle, user_id: str | None = None) -> str:
        """A one-time OAuth code, as Slack would put in the redirect after a user approves the install."""
        team_id = team.id if isinstance(team, TeamHandle) else team
        code = f"{secrets.token_hex(6)}.{secrets.token_hex(10)}"
        self._oauth_codes[code] = (team_id, user_id)
        return code

    def new_trigger(self, team_id: str | None = None, user_id: str | None = None) -> str:
        """A trigger_id that views.open accepts once within ``trigger_lifetime`` seconds."""
        trigger = f"{random.randint(10**9, 10**10)}.{random.randint(10**9, 10**10)}.{secrets.token_hex(16)}"
        self._triggers[trigger] = (time.monotonic() + self.trigger_lifetime, team_id, user_id)
        return trigger

    def new_response_url(self, team_id: str | None, channel_id: str | None, user_id: str | None) -> str:
        key = secrets.token_hex(12)
        self._response_urls[key] = {"team": team_id, "channel": channel_id, "user": user_id, "uses": 0}
        return f"{self.url}/response/{key}"

    def fail_next(
        self,
        method: str,
        error: str = "ratelimited",
        count: int = 1,
        retry_after: float | None = None,
        http_status: int | None = None,
    ) -> None:
        """Make the next ``count`` calls of a method fail: ``ratelimited`` is a 429 with Retry-After (default 1 s);
        ``http_status`` >= 500 answers that status with an HTML body; anything else is ``{"ok": false}``."""
        self._faults.append(_Fault(method, error, count, retry_after, http_status))

    # ---- inspection ----------------------------------------------------------------------------------------

    def team(self, team_id: str) -> Team:
        return self.state.teams[team_id]

    def channel(self, channel_id: str) -> Channel:
        return self.state.channels[channel_id]

    def messages(self, channel_id: str) -> list[dict[str, Any]]:
        """Every message in a channel (thread replies included), oldest first."""
        return [m.payload() for m in self.state.history.get(channel_id, [])]

    def replies(self, channel_id: str, thread_ts: str) -> list[dict[str, Any]]:
        """A thread: the parent then its replies."""
        return [m.payload() for m in self._thread(channel_id, thread_ts)]

    def im_channel(self, team_id: str, user_id: str) -> str:
        return self.state.im_channel(team_id, user_id).id

    @property
    def files(self) -> list[File]:
        return list(self.state.files.values())

    def home(self, user_id: str, team_id: str | None = None) -> dict[str, Any] | None:
        """The App Home view last published for a user."""
        for (team, user), view in self.state.home_views.items():
            if user == user_id and (team_id is None or team == team_id):
                return view.view
        return None

    def calls_of(self, method: str) -> list[CallRecord]:
        return [c for c in self.calls if c.method == method]

    # ---- Web API -------------------------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            ctype = request.content_type
            raw = await request.read()
            if ctype == "application/json":
                body = json.loads(raw or b"{}")
                if isinstance(body, dict):
                    params.update(body)
            elif ctype.startswith("multipart/"):
                params["_multipart"] = True
            else:
                params.update(dict(parse_qsl(raw.decode(), keep_blank_values=True)))
        return params

    def _token(self, request: web.Request, params: dict[str, Any]) -> str | None:
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return header[7:].strip()
        token = params.get("token")
        return str(token) if token else None

    async def _sleep_latency(self) -> None:
        if self.latency is None:
            return
        delay = self._random.uniform(*self.latency) if isinstance(self.latency, tuple) else float(self.latency)
        if delay > 0:
            await asyncio.sleep(delay)

    def _json(self, data: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        return web.Response(
            status=status, body=json.dumps(data), content_type="application/json", headers=headers or {}
        )

    def _take_fault(self, method: str) -> _Fault | None:
        for fault in self._faults:
            if fault.method == method and fault.remaining > 0:
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _record(self, method: str, params: dict[str, Any], error: str | None, team: str | None, status: int) -> None:
        safe = {k: v for k, v in params.items() if k not in ("token", "client_secret")}
        self.calls.append(CallRecord(method, safe, error is None, error, team, status, time.monotonic()))
        self.stats["calls"][method] += 1
        if error is not None:
            self.stats["errors"][f"{method}:{error}"] += 1

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        await self._sleep_latency()
        token_value = self._token(request, params)
        token = self.state.tokens.get(token_value) if token_value else None
        team = self.state.teams.get(token.team_id) if token and token.team_id else None
        team_id = team.id if team else None

        fault = self._take_fault(method)
        if fault is not None:
            if fault.http_status and fault.http_status >= 500:
                self._record(method, params, f"http_{fault.http_status}", team_id, fault.http_status)
                self.stats["5xx"][method] += 1
                return web.Response(
                    status=fault.http_status, text="<html>upstream error</html>", content_type="text/html"
                )
            if fault.error == "ratelimited" or fault.http_status == 429:
                self._record(method, params, "ratelimited", team_id, 429)
                self.stats["429"][method] += 1
                retry = self.limiter.header(1.0 if fault.retry_after is None else fault.retry_after)
                return self._json({"ok": False, "error": "ratelimited"}, 429, {"Retry-After": retry})
            self._record(method, params, fault.error, team_id, fault.http_status or 200)
            return self._json({"ok": False, "error": fault.error}, fault.http_status or 200)

        handler = self._handlers.get(method)
        if handler is None:
            self._record(method, params, "unknown_method", team_id, 200)
            return self._json({"ok": False, "error": "unknown_method", "req_method": method})
        if self.validator is not None:
            self.violations.extend(self.validator.check(method, {k: v for k, v in params.items() if k[0] != "_"}))

        error = self._auth_error(method, token_value, token, team)
        if error is not None:
            self._record(method, params, error, team_id, 200)
            return self._json({"ok": False, "error": error})

        if team is not None:
            channel = params.get("channel") if method == "chat.postMessage" else None
            decision = self.limiter.take(method, team.id, str(channel) if channel else None)
            if not decision.allowed:
                self._record(method, params, "ratelimited", team_id, 429)
                self.stats["429"][method] += 1
                headers = {"Retry-After": self.limiter.header(decision.retry_after)}
                return self._json({"ok": False, "error": "ratelimited"}, 429, headers)

        try:
            data = await handler(_Call(method, params, token, team, request))
        except SlackError as exc:
            self._record(method, params, exc.error, team_id, 200)
            return self._json({"ok": False, "error": exc.error, **exc.extra})
        except (ValueError, TypeError) as exc:  # a malformed argument (e.g. limit=abc), as Slack answers it
            self._record(method, params, "invalid_arguments", team_id, 200)
            messages = [f"[ERROR] {exc}"]
            return self._json({"ok": False, "error": "invalid_arguments", "response_metadata": {"messages": messages}})
        self._record(method, params, None, team_id, 200)
        answer = {"ok": True, **data}
        self.shape_violations.extend(shape_problems(method, answer))
        return self._json(answer)

    def _auth_error(self, method: str, value: str | None, token: Token | None, team: Team | None) -> str | None:
        if method in NO_TOKEN_METHODS:
            return None
        if not value:
            return "not_authed"
        if token is None:
            return "invalid_auth"
        if token.revoked:
            return "token_revoked"
        if method in APP_TOKEN_METHODS:
            return None if token.kind == "app" else "not_allowed_token_type"
        if token.kind == "app":
            return "not_allowed_token_type"
        if team is None:
            return "invalid_auth"
        if team.deleted:
            return "account_inactive"
        return None

    # ---- helpers for handlers ------------------------------------------------------------------------------

    @staticmethod
    def _require(call: _Call, *names: str) -> None:
        for name in names:
            if call.params.get(name) in (None, ""):
                raise SlackError("invalid_arguments", response_metadata={"messages": [f"[ERROR] missing '{name}'"]})

    def _channel(self, call: _Call, key: str = "channel") -> Channel:
        assert call.team is not None
        value = str(call.params.get(key) or "")
        if value.startswith(("U", "W")) and value in self.state.users:
            return self._im_for_user(call.team, value)
        channel = self.state.channels.get(value)
        if channel is None and value.startswith("#"):
            channel = next(
                (c for c in self.state.channels.values() if c.team_id == call.team.id and c.name == value[1:]), None
            )
        if channel is None or channel.team_id != call.team.id:
            raise SlackError("channel_not_found")
        if channel.private and not channel.bot_member:
            raise SlackError("channel_not_found")  # a private channel the bot is not in is invisible to it
        return channel

    def _im_for_user(self, team: Team, user_id: str) -> Channel:
        user = self.state.users.get(user_id)
        if user is None or user.team_id != team.id:
            raise SlackError("user_not_found")
        if user.id == team.bot_user_id or user.is_bot:
            raise SlackError("cannot_dm_bot")
        if user.deleted:
            raise SlackError("user_disabled")
        return self.state.im_channel(team.id, user.id)

    def _member_channel(self, call: _Call, key: str = "channel") -> Channel:
        channel = self._channel(call, key)
        if channel.is_im:
            user = self.state.users.get(channel.im_user or "")
            if user is not None and user.deleted:
                raise SlackError("user_disabled")
        elif not channel.bot_member:
            raise SlackError("not_in_channel")
        return channel

    def _check_blocks(self, method: str, blocks: Any) -> list[dict[str, Any]] | None:
        if blocks in (None, ""):
            return None
        problems = check_blocks(blocks)
        if problems:
            self.violations.extend(f"{method}: {p}" for p in problems)
            if self.reject_invalid_blocks:
                raise SlackError("invalid_blocks", response_metadata={"messages": [f"[ERROR] {p}" for p in problems]})
        decoded = decode_json(blocks)
        return decoded if isinstance(decoded, list) else None

    def _check_view(self, method: str, view: Any) -> dict[str, Any]:
        problems = check_view(view)
        if problems:
            self.violations.extend(f"{method}: {p}" for p in problems)
            if self.reject_invalid_blocks:
                raise SlackError(
                    "invalid_arguments", response_metadata={"messages": [f"[ERROR] {p}" for p in problems]}
                )
        decoded = decode_json(view)
        if not isinstance(decoded, dict):
            raise SlackError("invalid_arguments")
        return decoded

    def _bot_profile(self, team: Team) -> dict[str, Any]:
        return {
            "id": team.bot_id,
            "deleted": False,
            "name": "trustbot",
            "updated": int(time.time()),
            "app_id": self.app_id,
            "icons": {"image_36": "", "image_48": "", "image_72": ""},
            "team_id": team.id,
        }

    def _thread(self, channel_id: str, thread_ts: str) -> list[Message]:
        return [m for m in self.state.history.get(channel_id, []) if m.ts == thread_ts or m.thread_ts == thread_ts]

    # ---- auth, team, users ---------------------------------------------------------------------------------

    async def _auth_test(self, call: _Call) -> dict[str, Any]:
        team = call.team
        assert team is not None
        bot = self.state.users[team.bot_user_id]
        return {
            "url": f"https://{team.domain}.slack.com/",
            "team": team.name,
            "user": bot.name,
            "team_id": team.id,
            "user_id": bot.id,
            "bot_id": team.bot_id,
            "is_enterprise_install": False,
        }

    async def _auth_revoke(self, call: _Call) -> dict[str, Any]:
        assert call.token is not None
        if not _truthy(call.params.get("test", False)):
            call.token.revoked = True
        return {"revoked": True}

    async def _team_info(self, call: _Call) -> dict[str, Any]:
        team = call.team
        assert team is not None
        return {
            "team": {
                "id": team.id,
                "name": team.name,
                "domain": team.domain,
                "email_domain": "",
                "icon": {"image_default": True},
                "enterprise_id": team.enterprise_id,
                "url": f"https://{team.domain}.slack.com/",
                "is_verified": False,
            }
        }

    async def _users_info(self, call: _Call) -> dict[str, Any]:
        self._require(call, "user")
        user = self.state.users.get(str(call.params["user"]))
        if user is None or call.team is None or user.team_id != call.team.id:
            raise SlackError("user_not_found")
        return {"user": user.payload()}

    async def _users_list(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        found = [u.payload() for u in self.state.users.values() if u.team_id == call.team.id]
        return {**self._page(call, found, "members", 200), "cache_ts": int(time.time())}

    async def _usergroups_list(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        include_users = _truthy(call.params.get("include_users", False))
        groups = []
        for group in self.state.usergroups.values():
            if group["team_id"] != call.team.id:
                continue
            data = dict(group)
            if not include_users:
                data.pop("users")
            groups.append(data)
        return {"usergroups": groups}

    async def _usergroups_users_list(self, call: _Call) -> dict[str, Any]:
        self._require(call, "usergroup")
        group = self.state.usergroups.get(str(call.params["usergroup"]))
        if group is None or call.team is None or group["team_id"] != call.team.id:
            raise SlackError("no_such_subteam")
        return {"users": list(group["users"])}

    # ---- conversations -------------------------------------------------------------------------------------

    async def _conversations_info(self, call: _Call) -> dict[str, Any]:
        self._require(call, "channel")
        return {"channel": self._channel(call).payload()}

    async def _conversations_list(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        types = set(str(call.params.get("types") or "public_channel").split(","))
        exclude_archived = _truthy(call.params.get("exclude_archived", False))
        found = []
        for channel in self.state.channels.values():
            if channel.team_id != call.team.id or (exclude_archived and channel.archived):
                continue
            kind = "im" if channel.is_im else "private_channel" if channel.private else "public_channel"
            if kind not in types or (kind == "private_channel" and not channel.bot_member):
                continue
            found.append(channel.payload())
        return self._page(call, found, "channels", 100)

    @staticmethod
    def _page(call: _Call, items: list[Any], key: str, default: int) -> dict[str, Any]:
        limit = int(call.params.get("limit") or default)
        if limit <= 0:
            limit = default
        start = int(base64.b64decode(str(call.params["cursor"])).decode()) if call.params.get("cursor") else 0
        page = items[start : start + limit]
        more = start + limit < len(items)
        cursor = base64.b64encode(str(start + limit).encode()).decode() if more else ""
        return {key: page, "response_metadata": {"next_cursor": cursor}}

    async def _conversations_join(self, call: _Call) -> dict[str, Any]:
        self._require(call, "channel")
        channel = self._channel(call)
        if channel.is_im or channel.private:
            raise SlackError("method_not_supported_for_channel_type")
        if channel.archived:
            raise SlackError("is_archived")
        data: dict[str, Any] = {}
        if channel.bot_member:
            data = {"warning": "already_in_channel", "response_metadata": {"warnings": ["already_in_channel"]}}
        channel.bot_member = True
        body = {k: v for k, v in channel.payload().items() if k != "num_members"}  # as Slack's sample
        return {"channel": body, **data}

    async def _conversations_open(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        if call.params.get("channel"):
            channel = self._channel(call)
            return {"channel": channel.payload() if _truthy(call.params.get("return_im")) else {"id": channel.id}}
        self._require(call, "users")
        users = [u.strip() for u in str(call.params["users"]).split(",") if u.strip()]
        if len(users) != 1:
            raise SlackError("not_implemented", detail="the stand-in opens one-to-one IMs only")
        existed = (call.team.id, users[0]) in self.state.ims
        channel = self._im_for_user(call.team, users[0])
        body = channel.payload() if _truthy(call.params.get("return_im")) else {"id": channel.id}
        return {"no_op": existed, "already_open": existed, "channel": body}

    async def _conversations_history(self, call: _Call) -> dict[str, Any]:
        self._require(call, "channel")
        channel = self._member_channel(call)
        with_meta = _truthy(call.params.get("include_all_metadata", False))
        oldest = float(call.params.get("oldest") or 0)
        latest = float(call.params.get("latest") or "inf")
        inclusive = _truthy(call.params.get("inclusive", False))
        found = []
        for message in reversed(self.state.history[channel.id]):
            if message.thread_ts and message.thread_ts != message.ts and not message.reply_broadcast:
                continue
            ts = float(message.ts)
            if (ts > oldest or (inclusive and ts == oldest)) and (ts < latest or (inclusive and ts == latest)):
                found.append(message.payload(include_metadata=with_meta))
        limit = min(int(call.params.get("limit") or 100), 999)
        page = self._page(call, found, "messages", limit)
        page["has_more"] = bool(page["response_metadata"]["next_cursor"])
        page["pin_count"] = 0
        return page

    async def _conversations_replies(self, call: _Call) -> dict[str, Any]:
        self._require(call, "channel", "ts")
        channel = self._member_channel(call)
        ts = str(call.params["ts"])
        parent = self.state.find_message(channel.id, ts)
        if parent is None:
            raise SlackError("thread_not_found")
        root = parent.thread_ts or parent.ts
        with_meta = _truthy(call.params.get("include_all_metadata", False))
        found = [m.payload(include_metadata=with_meta) for m in self._thread(channel.id, root)]
        limit = min(int(call.params.get("limit") or 1000), 1000)
        page = self._page(call, found, "messages", limit)
        page["has_more"] = bool(page["response_metadata"]["next_cursor"])
        return page

    # ---- chat ----------------------------------------------------------------------------------------------

    def _metadata(self, raw: Any) -> dict[str, Any] | None:
        if raw in (None, ""):
            return None
        meta = decode_json(raw)
        if not isinstance(meta, dict) or not isinstance(meta.get("event_type"), str):
            raise SlackError("invalid_metadata_format")
        payload = meta.get("event_payload", {})
        if not isinstance(payload, dict):
            raise SlackError("invalid_metadata_format")
        return {"event_type": meta["event_type"], "event_payload": payload}

    async def _chat_post_message(self, call: _Call) -> dict[str, Any]:
        team = call.team
        assert team is not None
        self._require(call, "channel")
        channel = self._member_channel(call)
        if channel.archived:
            raise SlackError("is_archived")
        text = str(call.params.get("text") or "")
        blocks = self._check_blocks(call.method, call.params.get("blocks"))
        if not text and not blocks and not call.params.get("attachments"):
            raise SlackError("no_text")
        if len(text) > MAX_TEXT:
            raise SlackError("msg_too_long")
        metadata = self._metadata(call.params.get("metadata"))
        thread_ts = str(call.params.get("thread_ts") or "") or None
        parent = None
        if thread_ts:
            parent = self.state.find_message(channel.id, thread_ts)
            if parent is not None and parent.thread_ts and parent.thread_ts != parent.ts:
                thread_ts = parent.thread_ts  # replying to a reply joins the parent's thread
                parent = self.state.find_message(channel.id, thread_ts)
        message = Message(
            channel.id,
            self.state.new_ts(),
            text,
            user=team.bot_user_id,
            bot_id=team.bot_id,
            team=team.id,
            blocks=blocks,
            thread_ts=thread_ts,
            metadata=metadata,
            reply_broadcast=bool(thread_ts) and _truthy(call.params.get("reply_broadcast", False)),
        )
        if parent is not None:
            parent.thread_ts = parent.ts
            parent.reply_count += 1
            parent.latest_reply = message.ts
            if team.bot_user_id not in parent.reply_users:
                parent.reply_users.append(team.bot_user_id)
        self.state.history[channel.id].append(message)
        body = message.payload()
        body["bot_profile"] = self._bot_profile(team)
        if parent is not None and parent.user:
            body["parent_user_id"] = parent.user
        return {"channel": channel.id, "ts": message.ts, "message": body}

    async def _chat_post_ephemeral(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        self._require(call, "channel", "user")
        channel = self._member_channel(call)
        if channel.archived:
            raise SlackError("is_archived")
        user_id = str(call.params["user"])
        user = self.state.users.get(user_id)
        if user is None or user.team_id != call.team.id:
            raise SlackError("user_not_found")
        if channel.is_im and channel.im_user != user_id:
            raise SlackError("user_not_in_channel")
        if not channel.is_im and channel.members and user_id not in channel.members:
            raise SlackError("user_not_in_channel")
        text = str(call.params.get("text") or "")
        blocks = self._check_blocks(call.method, call.params.get("blocks"))
        if not text and not blocks and not call.params.get("attachments"):
            raise SlackError("no_text")
        ts = self.state.new_ts()
        self.ephemerals.append(
            {
                "team": call.team.id,
                "channel": channel.id,
                "user": user_id,
                "text": text,
                "blocks": blocks,
                "thread_ts": call.params.get("thread_ts"),
                "message_ts": ts,
            }
        )
        return {"message_ts": ts}

    def _own_message(self, call: _Call, denied: str) -> tuple[Channel, Message]:
        assert call.team is not None
        self._require(call, "channel", "ts")
        channel = self._member_channel(call)
        message = self.state.find_message(channel.id, str(call.params["ts"]))
        if message is None:
            raise SlackError("message_not_found")
        if message.bot_id != call.team.bot_id:
            raise SlackError(denied)
        return channel, message

    async def _chat_update(self, call: _Call) -> dict[str, Any]:
        channel, message = self._own_message(call, "cant_update_message")
        if channel.archived:
            raise SlackError("is_archived")
        if "text" in call.params:
            message.text = str(call.params["text"] or "")
        if call.params.get("blocks") not in (None, ""):
            message.blocks = self._check_blocks(call.method, call.params["blocks"])
        if call.params.get("metadata") not in (None, ""):
            message.metadata = self._metadata(call.params["metadata"])
        message.edited = True
        body = {k: v for k, v in message.payload().items() if k not in ("ts", "thread_ts")}  # as Slack's sample
        return {"channel": channel.id, "ts": message.ts, "text": message.text, "message": body}

    async def _chat_delete(self, call: _Call) -> dict[str, Any]:
        channel, message = self._own_message(call, "cant_delete_message")
        self.state.history[channel.id].remove(message)
        return {"channel": channel.id, "ts": message.ts}

    # ---- views ---------------------------------------------------------------------------------------------

    def _take_trigger(self, call: _Call) -> tuple[str | None, str | None]:
        self._require(call, "trigger_id")
        trigger = str(call.params["trigger_id"])
        entry = self._triggers.pop(trigger, None)
        if entry is None:
            raise SlackError("invalid_trigger_id" if trigger not in self._used_triggers else "expired_trigger_id")
        self._used_triggers.add(trigger)
        expires, team_id, user_id = entry
        if time.monotonic() > expires:
            raise SlackError("expired_trigger_id")
        if team_id is not None and call.team is not None and team_id != call.team.id:
            raise SlackError("invalid_trigger_id")
        return team_id, user_id

    def _view_record(self, method: str, view: View, team: Team) -> dict[str, Any]:
        payload = view.payload(self.app_id, team.bot_id)
        self.views.append({"method": method, "id": view.id, "user": view.user_id, "team": team.id, "view": view.view})
        return {"view": payload}

    async def _views_open(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        self._require(call, "view")
        view_data = self._check_view(call.method, call.params["view"])
        _team, user_id = self._take_trigger(call)
        view = View(self.state.new_id("V"), call.team.id, user_id, view_data, "modal")
        self.state.views[view.id] = view
        return self._view_record(call.method, view, call.team)

    async def _views_push(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        self._require(call, "view")
        view_data = self._check_view(call.method, call.params["view"])
        _team, user_id = self._take_trigger(call)
        stack = [v for v in self.state.views.values() if v.user_id == user_id and v.kind == "modal"]
        if len(stack) >= 3:
            raise SlackError("push_limit_reached")
        previous = stack[-1] if stack else None
        view = View(
            self.state.new_id("V"),
            call.team.id,
            user_id,
            view_data,
            "modal",
            root_view_id=(previous.root_view_id or previous.id) if previous else None,
            previous_view_id=previous.id if previous else None,
        )
        self.state.views[view.id] = view
        return self._view_record(call.method, view, call.team)

    async def _views_update(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        self._require(call, "view")
        view_data = self._check_view(call.method, call.params["view"])
        view = self.state.views.get(str(call.params.get("view_id") or ""))
        if view is None and call.params.get("external_id"):
            external = call.params["external_id"]
            view = next((v for v in self.state.views.values() if v.view.get("external_id") == external), None)
        if view is None or view.team_id != call.team.id:
            raise SlackError("not_found")
        if call.params.get("hash") and call.params["hash"] != view.hash:
            raise SlackError("hash_conflict")
        view.view = view_data
        view.hash = f"{int(time.time())}.{secrets.token_hex(4)}"
        return self._view_record(call.method, view, call.team)

    async def _views_publish(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        self._require(call, "user_id", "view")
        view_data = self._check_view(call.method, call.params["view"])
        if view_data.get("type") != "home":
            raise SlackError("invalid_arguments", response_metadata={"messages": ["[ERROR] view type must be home"]})
        user_id = str(call.params["user_id"])
        user = self.state.users.get(user_id)
        if user is None or user.team_id != call.team.id:
            raise SlackError("user_not_found")
        key = (call.team.id, user_id)
        existing = self.state.home_views.get(key)
        if existing is not None and call.params.get("hash") and call.params["hash"] != existing.hash:
            raise SlackError("hash_conflict")
        view = View(existing.id if existing else self.state.new_id("V"), call.team.id, user_id, view_data, "home")
        self.state.home_views[key] = view
        self.state.views[view.id] = view
        return self._view_record(call.method, view, call.team)

    # ---- files ---------------------------------------------------------------------------------------------

    async def _files_get_upload_url(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        self._require(call, "filename", "length")
        try:
            length = int(call.params["length"])
        except (TypeError, ValueError):
            raise SlackError("invalid_arguments") from None
        file = File(self.state.new_id("F"), call.team.id, str(call.params["filename"]), length)
        file.alt_txt = call.params.get("alt_txt")
        self.state.files[file.id] = file
        return {"upload_url": f"{self.url}/upload/v1/{file.id}", "file_id": file.id}

    async def _upload(self, request: web.Request) -> web.Response:
        await self._sleep_latency()
        file = self.state.files.get(request.match_info["file_id"])
        if file is None:
            return web.Response(status=404, text="file not found")
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            part = await reader.next()
            data = await part.read() if isinstance(part, aiohttp.BodyPartReader) else b""
        else:
            data = await request.read()
        file.data = bytes(data)
        self.uploads.append({"file_id": file.id, "size": len(data), "declared": file.length})
        if len(data) != file.length:
            self.violations.append(f"upload {file.id}: {len(data)} bytes sent, {file.length} declared")
        return web.Response(text=f"OK - {len(data)}")

    async def _files_complete_upload(self, call: _Call) -> dict[str, Any]:
        team = call.team
        assert team is not None
        self._require(call, "files")
        entries = decode_json(call.params["files"])
        if not isinstance(entries, list) or not entries:
            raise SlackError("invalid_arguments")
        targets: list[Channel] = []
        if call.params.get("channel_id"):
            targets.append(self._member_channel(call, "channel_id"))
        elif call.params.get("channels"):
            for cid in str(call.params["channels"]).split(","):
                call.params["_one"] = cid.strip()
                targets.append(self._member_channel(call, "_one"))
        files: list[File] = []
        for entry in entries:
            file = self.state.files.get(str(entry.get("id") if isinstance(entry, dict) else ""))
            if file is None or file.team_id != team.id:
                raise SlackError("file_not_found")
            if file.data is None:
                raise SlackError("file_upload_not_completed")  # nothing was sent to the upload URL
            file.title = entry.get("title") or file.filename
            file.completed = True
            files.append(file)
        for channel in targets:
            if channel.archived:
                raise SlackError("is_archived")
            for file in files:
                file.channels.append(channel.id)
            message = Message(
                channel.id,
                self.state.new_ts(),
                str(call.params.get("initial_comment") or ""),
                user=team.bot_user_id,
                bot_id=team.bot_id,
                team=team.id,
                thread_ts=str(call.params.get("thread_ts") or "") or None,
                files=[f.id for f in files],
            )
            self.state.history[channel.id].append(message)
        return {"files": [{"id": f.id, "title": f.title} | f.payload() for f in files]}

    # ---- apps, oauth ---------------------------------------------------------------------------------------

    async def _apps_connections_open(self, call: _Call) -> dict[str, Any]:
        ticket = self.socket.issue_ticket(None)
        return {"url": f"ws://{self.host}:{self._port}/socket?ticket={ticket}&app_id={self.app_id}"}

    def _client_auth(self, call: _Call) -> None:
        client_id, secret = call.params.get("client_id"), call.params.get("client_secret")
        header = call.request.headers.get("Authorization", "")
        if header.startswith("Basic "):
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        if client_id != self.client_id:
            raise SlackError("invalid_client_id")
        if secret != self.client_secret:
            raise SlackError("bad_client_secret")

    async def _apps_uninstall(self, call: _Call) -> dict[str, Any]:
        assert call.team is not None
        self._client_auth(call)
        self.revoke_team(call.team.id)
        call.team.installed = False
        return {}

    async def _oauth_v2_access(self, call: _Call) -> dict[str, Any]:
        self._client_auth(call)
        self._require(call, "code")
        entry = self._oauth_codes.pop(str(call.params["code"]), None)
        if entry is None:
            raise SlackError("invalid_code")
        team_id, user_id = entry
        team = self.state.teams[team_id]
        team.installed = True
        token = self.state.new_token("bot", team.id)
        scope = "chat:write,commands,im:write,im:history,users:read,channels:read,groups:read,usergroups:read"
        return {
            "access_token": token,
            "token_type": "bot",
            "scope": scope,
            "bot_user_id": team.bot_user_id,
            "app_id": self.app_id,
            "team": {"id": team.id, "name": team.name},
            "enterprise": {"id": team.enterprise_id, "name": ""} if team.enterprise_id else None,
            "is_enterprise_install": False,
            "authed_user": {"id": user_id or ""},
        }

    # ---- response URLs -------------------------------------------------------------------------------------

    async def _response_url(self, request: web.Request) -> web.Response:
        key = request.match_info["id"]
        entry = self._response_urls.get(key)
        if entry is None:
            return web.Response(status=404, text="invalid_token")
        entry["uses"] += 1
        if entry["uses"] > 5:  # Slack allows five responses within 30 minutes
            return web.Response(status=404, text="used_url")
        raw = await request.read()
        try:
            body = json.loads(raw) if request.content_type == "application/json" else dict(parse_qsl(raw.decode()))
        except ValueError:
            return web.Response(status=400, text="invalid_payload")
        if isinstance(body, dict) and "payload" in body and isinstance(body["payload"], str):
            body = json.loads(body["payload"])
        problems = check_blocks(body["blocks"], "response_url.blocks") if body.get("blocks") else []
        self.violations.extend(problems)
        self.response_url_posts.append(
            {
                "url": key,
                "team": entry["team"],
                "channel": entry["channel"],
                "user": entry["user"],
                "response_type": body.get("response_type", "ephemeral"),
                "replace_original": _truthy(body.get("replace_original", False)),
                "delete_original": _truthy(body.get("delete_original", False)),
                "text": body.get("text"),
                "blocks": body.get("blocks"),
                "body": body,
            }
        )
        if body.get("response_type") == "in_channel" and entry["channel"] in self.state.history:
            team = self.state.teams.get(entry["team"] or "")
            self.state.history[entry["channel"]].append(
                Message(
                    entry["channel"],
                    self.state.new_ts(),
                    str(body.get("text") or ""),
                    user=team.bot_user_id if team else None,
                    bot_id=team.bot_id if team else None,
                    team=entry["team"],
                    blocks=body.get("blocks"),
                )
            )
        return web.Response(text="ok")

    # ---- delivery to the app (HTTP mode) -------------------------------------------------------------------

    def _default_team(self, team_id: str | None) -> Team:
        if team_id is not None:
            return self.state.teams[team_id]
        if not self.state.teams:
            raise RuntimeError("add_team() first")
        return next(iter(self.state.teams.values()))

    def event_envelope(
        self, event: dict[str, Any], *, team_id: str | None = None, event_id: str | None = None
    ) -> dict[str, Any]:
        """The Events API ``event_callback`` wrapper Slack posts (and puts in Socket Mode ``events_api``)."""
        team = self._default_team(team_id)
        event = dict(event)
        event.setdefault("event_ts", f"{time.time():.6f}")
        return {
            "token": self.verification_token,
            "team_id": team.id,
            "enterprise_id": team.enterprise_id,
            "api_app_id": self.app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{secrets.token_hex(5).upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": team.enterprise_id,
                    "team_id": team.id,
                    "user_id": team.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{secrets.token_hex(20)}",
        }

    def command_payload(
        self,
        command: str = "/trust",
        text: str = "",
        *,
        user_id: str,
        channel_id: str,
        team_id: str | None = None,
    ) -> dict[str, str]:
        """A slash command's form fields, with a live response_url and trigger_id."""
        team = self._default_team(team_id)
        user = self.state.users.get(user_id)
        channel = self.state.channels.get(channel_id)
        return {
            "token": self.verification_token,
            "team_id": team.id,
            "team_domain": team.domain,
            "channel_id": channel_id,
            "channel_name": ("directmessage" if channel.is_im else channel.name) if channel else "unknown",
            "user_id": user_id,
            "user_name": user.name if user else "unknown",
            "command": command,
            "text": text,
            "api_app_id": self.app_id,
            "is_enterprise_install": "false",
            "response_url": self.new_response_url(team.id, channel_id, user_id),
            "trigger_id": self.new_trigger(team.id, user_id),
        }

    def _user_obj(self, user_id: str, team: Team) -> dict[str, Any]:
        user = self.state.users.get(user_id)
        name = user.name if user else "unknown"
        return {"id": user_id, "username": name, "name": name, "team_id": team.id}

    def block_action_payload(
        self,
        *,
        user_id: str,
        action_id: str,
        value: str | None = None,
        block_id: str = "actions",
        channel_id: str | None = None,
        message_ts: str | None = None,
        view_id: str | None = None,
        team_id: str | None = None,
        action_type: str = "button",
    ) -> dict[str, Any]:
        """A ``block_actions`` payload for a button in a message (channel_id + message_ts) or in a view."""
        team = self._default_team(team_id)
        action: dict[str, Any] = {
            "action_id": action_id,
            "block_id": block_id,
            "type": action_type,
            "action_ts": f"{time.time():.6f}",
        }
        if action_type == "button":
            action["text"] = {"type": "plain_text", "text": action_id, "emoji": True}
        if value is not None:
            action["value"] = value
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": self._user_obj(user_id, team),
            "api_app_id": self.app_id,
            "token": self.verification_token,
            "trigger_id": self.new_trigger(team.id, user_id),
            "team": {"id": team.id, "domain": team.domain},
            "enterprise": None,
            "is_enterprise_install": False,
            "state": {"values": {}},
            "actions": [action],
        }
        if view_id is not None:
            view = self.state.views[view_id]
            payload["container"] = {"type": "view", "view_id": view_id}
            payload["view"] = view.payload(self.app_id, team.bot_id)
        else:
            if channel_id is None:
                raise ValueError("block actions need channel_id (message) or view_id (view)")
            message = self.state.find_message(channel_id, message_ts) if message_ts else None
            channel = self.state.channels.get(channel_id)
            payload["container"] = {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel_id,
                "is_ephemeral": message is None,
            }
            payload["channel"] = {"id": channel_id, "name": channel.name if channel else ""}
            if message is not None:
                payload["message"] = message.payload()
            payload["response_url"] = self.new_response_url(team.id, channel_id, user_id)
        return payload

    def view_submission_payload(
        self,
        *,
        user_id: str,
        values: dict[str, dict[str, Any]],
        view_id: str | None = None,
        callback_id: str | None = None,
        private_metadata: str | None = None,
        team_id: str | None = None,
    ) -> dict[str, Any]:
        """A ``view_submission``: ``values[block_id][action_id]`` is a string (plain_text_input) or a state dict."""
        team = self._default_team(team_id)
        if view_id is not None:
            view = self.state.views[view_id].payload(self.app_id, team.bot_id)
        else:
            view = View(self.state.new_id("V"), team.id, user_id, {"type": "modal"}, "modal").payload(
                self.app_id, team.bot_id
            )
        if callback_id is not None:
            view["callback_id"] = callback_id
        if private_metadata is not None:
            view["private_metadata"] = private_metadata
        view["state"] = {
            "values": {
                block: {
                    action: ({"type": "plain_text_input", "value": v} if isinstance(v, str) or v is None else v)
                    for action, v in actions.items()
                }
                for block, actions in values.items()
            }
        }
        return {
            "type": "view_submission",
            "team": {"id": team.id, "domain": team.domain},
            "user": self._user_obj(user_id, team),
            "api_app_id": self.app_id,
            "token": self.verification_token,
            "trigger_id": self.new_trigger(team.id, user_id),
            "view": view,
            "response_urls": [],
            "enterprise": None,
            "is_enterprise_install": False,
        }

    async def _deliver(
        self,
        kind: str,
        app_url: str,
        body: str,
        content_type: str,
        payload: Any,
        *,
        signature: str = "valid",
        extra_headers: dict[str, str] | None = None,
        limit: float = 10.0,
    ) -> DeliveryResult:
        assert self._session is not None, "start the stand-in first"
        now = int(time.time())
        timestamp = now - 6 * 60 if signature == "stale" else now
        headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(timestamp)}
        if signature != "missing":
            secret = "not-the-signing-secret" if signature == "bad" else self.signing_secret
            headers["X-Slack-Signature"] = sign(secret, timestamp, body)
        headers.update(extra_headers or {})
        started = time.monotonic()
        async with self._session.post(
            app_url, data=body.encode(), headers=headers, timeout=aiohttp.ClientTimeout(total=limit)
        ) as response:
            text = await response.text()
            result = DeliveryResult(
                kind, response.status, text, time.monotonic() - started, payload, dict(response.headers)
            )
        self.deliveries.append(result)
        return result

    async def send_event(
        self,
        app_url: str,
        event: dict[str, Any],
        *,
        team_id: str | None = None,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str | None = None,
        signature: str = "valid",
    ) -> DeliveryResult:
        """POST an Events API envelope; ``signature`` is ``valid``, ``bad``, ``stale`` (6 min old) or ``missing``."""
        envelope = (
            event
            if event.get("type") == "event_callback"
            else self.event_envelope(event, team_id=team_id, event_id=event_id)
        )
        headers = {}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        return await self._deliver(
            "event",
            app_url,
            json.dumps(envelope),
            "application/json",
            envelope,
            signature=signature,
            extra_headers=headers,
        )

    async def send_command(
        self,
        app_url: str,
        command: str = "/trust",
        text: str = "",
        *,
        user_id: str,
        channel_id: str,
        team_id: str | None = None,
        signature: str = "valid",
    ) -> DeliveryResult:
        """POST a slash command (form-encoded); its response_url posts land in :attr:`response_url_posts`."""
        payload = self.command_payload(command, text, user_id=user_id, channel_id=channel_id, team_id=team_id)
        return await self._deliver(
            "command", app_url, urlencode(payload), "application/x-www-form-urlencoded", payload, signature=signature
        )

    async def _send_interactive(
        self, kind: str, app_url: str, payload: dict[str, Any], signature: str
    ) -> DeliveryResult:
        body = urlencode({"payload": json.dumps(payload)})
        result = await self._deliver(
            kind, app_url, body, "application/x-www-form-urlencoded", payload, signature=signature
        )
        return result

    async def send_block_action(self, app_url: str, *, signature: str = "valid", **kwargs: Any) -> DeliveryResult:
        """POST a ``block_actions`` payload (arguments as :meth:`block_action_payload`)."""
        return await self._send_interactive("block_actions", app_url, self.block_action_payload(**kwargs), signature)

    async def send_view_submission(self, app_url: str, *, signature: str = "valid", **kwargs: Any) -> DeliveryResult:
        """POST a ``view_submission`` (arguments as :meth:`view_submission_payload`); records the app's answer."""
        payload = self.view_submission_payload(**kwargs)
        result = await self._send_interactive("view_submission", app_url, payload, signature)
        answer = result.json
        self.view_responses.append({"view_id": payload["view"]["id"], "status": result.status, "response": answer})
        return result

    # ---- Socket Mode ---------------------------------------------------------------------------------------

    async def socket_send(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        envelope_id: str | None = None,
        retry_attempt: int = 0,
        retry_reason: str = "",
        accepts_response_payload: bool | None = None,
        wait: float | None = 3.0,
    ) -> SocketAck | None:
        """Send an envelope (``events_api``: pass an event or an envelope) and wait for its ack."""
        if kind == "events_api" and payload.get("type") != "event_callback":
            payload = self.event_envelope(payload)
        return await self.socket.send(
            kind,
            payload,
            envelope_id=envelope_id,
            retry_attempt=retry_attempt,
            retry_reason=retry_reason,
            accepts_response_payload=accepts_response_payload,
            wait=wait,
        )

    async def socket_redeliver(self, envelope_id: str, reason: str = "timeout", wait: float | None = 3.0) -> Any:
        return await self.socket.redeliver(envelope_id, reason, wait)

    async def disconnect(self, reason: str = "refresh_requested") -> None:
        await self.socket.disconnect(reason)

    @property
    def socket_acks(self) -> list[SocketAck]:
        return self.socket.acks
