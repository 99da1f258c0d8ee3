"""``DiscordStandIn``: an aiohttp server on 127.0.0.1 that the real discord.py client talks to (REST + gateway)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import random
import re
import time
import warnings
from collections import Counter
from collections.abc import Awaitable, Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from aiohttp import BodyPartReader, web

from .gateway import PRIVILEGED_INTENTS, Gateway, GatewaySession
from .interactions import (
    InteractionRecord,
    InteractionType,
    build_interaction,
    command_data,
    component_data,
    modal_submit_data,
)
from .limits import BucketSpec, RateLimiter, default_buckets
from .spec import NO_BODY, OperationMatch, SpecValidator
from .state import DEFAULT_BOT_PERMISSIONS, Channel, ChannelType, DiscordState, Guild, Permissions, iso

__all__ = ["ApiError", "DiscordStandIn", "GuildHandle", "RequestRecord"]

API_PREFIX = "/api/v10"
NONCE_WINDOW = 300.0
INTERACTION_TOKEN_LIFETIME = 15 * 60.0
_AUTO_ARCHIVE = (60, 1440, 4320, 10080)
_CHANNEL_MESSAGE_FLAGS = (1 << 2) | (1 << 12) | (1 << 15)  # SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2
_COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")
_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class ApiError(Exception):
    """An error answer in Discord's shape: ``{"message": ..., "code": ...}`` (plus ``errors`` for form errors)."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors is not None:
            data["errors"] = self.errors
        return data


def _form_error(field_path: str, code: str, message: str) -> ApiError:
    errors: dict[str, Any] = {"_errors": [{"code": code, "message": message}]}
    for part in reversed(field_path.split(".")):
        errors = {part: errors}
    return ApiError(400, 50035, "Invalid Form Body", errors)


@dataclass
class RequestRecord:
    """One REST request as the stand-in saw it."""

    method: str
    path: str
    status: int
    template: str | None
    at: float
    query: dict[str, str]
    body: Any
    files: list[str]
    scope: str | None = None


@dataclass
class _Request:
    method: str
    path: str
    template: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    files: list[tuple[str, bytes, str]]
    headers: dict[str, str]


@dataclass
class _Trace:
    template: str | None = None
    body: Any = None
    files: list[str] = field(default_factory=list)
    scope: str | None = None
    reached_at: float | None = None  # when the request "reached Discord" (arrival plus half the latency)


@dataclass
class _Fault:
    method: str | None
    pattern: re.Pattern[str]
    status: int
    code: int
    remaining: int
    retry_after: float | None
    message: str | None
    scope: str
    after_processing: bool


@dataclass
class GuildHandle:
    """Ids of a guild created with :meth:`DiscordStandIn.add_guild`; await it to wait for its GUILD_CREATE."""

    id: int
    channels: dict[str, int]
    roles: dict[str, int]
    everyone_role_id: int
    bot_role_id: int
    owner_id: int
    _task: asyncio.Task[Any] | None = field(default=None, repr=False)

    @property
    def channel_ids(self) -> list[int]:
        return list(self.channels.values())

    def __await__(self) -> Generator[Any, None, GuildHandle]:
        if self._task is not None:
            yield from self._task.__await__()
        return self


Handler = Callable[[_Request], Awaitable[tuple[int, Any]]]


@dataclass
class _Route:
    method: str
    template: str
    regex: re.Pattern[str]
    handler: Handler
    bot_auth: bool
    literals: int


class DiscordStandIn:
    """A local Discord (REST under ``/api/v10`` + websocket gateway) for the real discord.py client.

    Point discord.py at it with::

        discord.http.Route.BASE = f"{standin.url}/api/v10"
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(standin.gateway_url)
    """

    def __init__(
        self,
        token: str = "test-token",
        *,
        latency: tuple[float, float] | float | None = None,
        global_rate: int | None = 50,
        message_rate: tuple[int, float] = (5, 5.0),
        thread_rate: tuple[int, float] = (10, 10.0),
        default_rate: tuple[int, float] | None = (50, 1.0),
        buckets: list[BucketSpec] | None = None,
        validate: bool = True,
        spec_path: str | Path | None = None,
        validate_responses: bool = False,
        heartbeat_interval: int = 41250,
        interaction_deadline: float | None = 3.0,
        allowed_privileged_intents: int = PRIVILEGED_INTENTS,
        recommended_shards: int = 1,
        bot_name: str = "trustbot",
        bot_permissions: int = DEFAULT_BOT_PERMISSIONS,
        echo_events: bool = True,
        seed: int | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token
        self.host = host
        self._port = port
        self.latency = latency
        self.interaction_deadline = interaction_deadline
        self.recommended_shards = recommended_shards
        self.echo_events = echo_events
        self.validate_responses = validate_responses
        self._random = random.Random(seed)
        self.validator: SpecValidator | None = SpecValidator.load(spec_path) if validate else None
        self.state = DiscordState(bot_name=bot_name, bot_permissions=bot_permissions, seed=seed)
        self.limiter = RateLimiter(
            global_rate=global_rate,
            buckets=buckets if buckets is not None else default_buckets(message_rate, thread_rate),
            default_rate=default_rate,
        )
        self.gateway = Gateway(
            self.state,
            token,
            heartbeat_interval=heartbeat_interval,
            allowed_privileged_intents=allowed_privileged_intents,
        )
        self.violations: list[str] = []
        self.arrivals: list[float] = []  # when each request arrived (monotonic), for pacing figures
        self.response_violations: list[str] = []
        self.unhandled: list[str] = []
        self.undelivered: list[str] = []
        self.requests: list[tuple[str, str, int]] = []
        self.request_log: list[RequestRecord] = []
        self.interactions: list[InteractionRecord] = []
        self.stats: dict[str, Any] = {
            "requests": 0,
            "429": Counter(),
            "status": Counter(),
            "invalid_requests": 0,
        }
        self._by_token: dict[str, InteractionRecord] = {}
        self._modals: dict[str, tuple[dict[str, Any], InteractionRecord]] = {}
        self._faults: list[_Fault] = []
        self._background: set[asyncio.Task[Any]] = set()
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._routes: list[_Route] = []
        self._register_routes()

    # ---- lifecycle -----------------------------------------------------------------------------------------

    async def start(self) -> DiscordStandIn:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/gateway-resume", self.gateway.handle)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._attachment)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        app.on_shutdown.append(self._on_shutdown)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, self.host, self._port)
        await self._site.start()
        server = self._site._server
        assert server is not None
        self._port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.gateway.resume_url = f"ws://{self.host}:{self._port}/gateway-resume"
        return self

    async def stop(self) -> None:
        for task in list(self._background):
            task.cancel()
        for task in list(self._background):
            with contextlib.suppress(BaseException):
                await task
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _on_shutdown(self, _app: web.Application) -> None:
        await self.gateway.close_all()

    async def __aenter__(self) -> DiscordStandIn:
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
        return f"{self.url}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self._port}/gateway"

    @contextlib.contextmanager
    def patched_discord_py(self) -> Iterator[None]:
        """Point discord.py's REST base and default gateway at this stand-in while the block runs."""
        with warnings.catch_warnings():  # discord.py imports audioop, deprecated since Python 3.11
            warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
            import discord.gateway
            import discord.http
        import yarl

        saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_url
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved

    # ---- state shortcuts -----------------------------------------------------------------------------------

    @property
    def bot_id(self) -> int:
        return self.state.bot.id

    @property
    def application_id(self) -> int:
        return self.state.application_id

    @property
    def commands(self) -> dict[str | int, list[dict[str, Any]]]:
        """Registered application commands: ``"global"`` and one list per guild id."""
        return self.state.commands

    @property
    def dm_channels(self) -> dict[int, int]:
        """User id -> id of the bot's DM channel with them."""
        return self.state.dm_channels

    @property
    def threads(self) -> dict[int, dict[str, Any]]:
        """Thread id -> {parent_id, name, archived, locked, auto_archive_duration, message_id, message_count}."""
        return {
            c.id: {
                "parent_id": c.parent_id,
                "guild_id": c.guild_id,
                "name": c.name,
                "archived": c.archived,
                "locked": c.locked,
                "auto_archive_duration": c.auto_archive_duration,
                "message_id": c.message_id,
                "message_count": c.message_count,
                "type": c.type,
            }
            for c in self.state.channels.values()
            if c.is_thread
        }

    @property
    def identifies(self) -> list[dict[str, Any]]:
        """IDENTIFY payloads received (token removed): intents, shard, properties, presence."""
        return self.gateway.identifies

    @property
    def sessions(self) -> list[GatewaySession]:
        return self.gateway.live_sessions()

    def messages(self, channel_id: int) -> list[dict[str, Any]]:
        """Messages in a channel, thread or DM, oldest first (ephemeral ones are not part of a channel)."""
        return list(self.state.channel_messages.get(channel_id, []))

    def message(self, message_id: int) -> dict[str, Any] | None:
        return self.state.all_messages.get(message_id)

    def channel(self, channel_id: int) -> Channel:
        """The channel object (set ``forbidden`` / ``missing_permissions`` on it to make requests fail)."""
        return self.state.channels[channel_id]

    def guild(self, guild_id: int) -> Guild:
        return self.state.guilds[guild_id]

    def attachment_data(self, attachment_id: int | str) -> bytes:
        return self.state.attachments[int(attachment_id)]

    # ---- setup helpers -------------------------------------------------------------------------------------

    def add_user(self, name: str, dm_closed: bool = False, *, bot: bool = False) -> int:
        """Create a user; ``dm_closed=True`` makes DMs to them fail with 403 / 50007."""
        return self.state.add_user(name, dm_closed=dm_closed, bot=bot).id

    def set_dm_closed(self, user_id: int, closed: bool = True) -> None:
        self.state.users[user_id].dm_closed = closed

    def add_guild(
        self,
        name: str,
        owner_id: int | None = None,
        channels: list[str] | None = None,
        roles: dict[str, int] | None = None,
        members: list[int] | None = None,
    ) -> GuildHandle:
        """Create a guild the bot is in (channels: text channel names; roles: name -> permission bits).

        If a gateway client is connected, GUILD_CREATE is sent to it; ``await`` the handle to wait for that.
        """
        guild = self.state.add_guild(name, owner_id, channels=channels, roles=roles, members=members)
        by_name = {self.state.channels[c].name or str(c): c for c in guild.channel_ids}
        role_ids = {r.name: r.id for r in guild.roles.values()}
        bot_role = next(r.id for r in guild.roles.values() if r.bot_id == self.bot_id)
        task = None
        if self.gateway.live_sessions():
            task = self._spawn(self.gateway.dispatch("GUILD_CREATE", self.state.guild_create_payload(guild)))
        return GuildHandle(guild.id, by_name, role_ids, guild.everyone_role_id, bot_role, guild.owner_id, task)

    async def add_channel(self, guild_id: int, name: str, *, forbidden: bool = False) -> int:
        """Create a text channel (CHANNEL_CREATE to connected clients)."""
        channel = self.state.add_channel(guild_id, name, forbidden=forbidden)
        await self.gateway.dispatch("CHANNEL_CREATE", self.state.channel_payload(channel))
        return channel.id

    def add_member(self, guild_id: int, user_id: int, roles: list[int] | None = None) -> None:
        self.state.add_member(guild_id, user_id, roles)

    def dm_channel_id(self, user_id: int) -> int:
        """The bot's DM channel id with a user (created if needed, as when the user writes first)."""
        return self.state.dm_channel(user_id).id

    def _spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def settle(self) -> None:
        """Wait for gateway events scheduled by synchronous helpers."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

    # ---- fault injection -----------------------------------------------------------------------------------

    def fail_next(
        self,
        method: str | None,
        path_regex: str,
        status: int,
        code: int = 0,
        count: int = 1,
        retry_after: float | None = None,
        *,
        message: str | None = None,
        scope: str = "user",
        after_processing: bool = False,
    ) -> None:
        """Make the next ``count`` requests matching ``method`` (None: any) and ``path_regex`` fail.

        ``path_regex`` is searched in the path below /api/v10 (e.g. ``r"^/channels/\\d+/messages$"``). A 429 gets
        Discord's body and headers (``scope="global"`` for a global one). ``after_processing=True`` performs the
        request first and then answers with the failure (a lost response: the message exists, the client sees 5xx).
        """
        self._faults.append(
            _Fault(
                method.upper() if method else None,
                re.compile(path_regex),
                status,
                code,
                count,
                retry_after,
                message,
                scope,
                after_processing,
            )
        )

    def _take_fault(self, method: str, path: str) -> _Fault | None:
        for fault in self._faults:
            if fault.remaining > 0 and (fault.method in (None, method)) and fault.pattern.search(path):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _fault_response(self, fault: _Fault) -> web.Response:
        if fault.status == 429:
            retry_after = fault.retry_after if fault.retry_after is not None else 1.0
            return self._too_many(retry_after, fault.scope, code=fault.code, bucket_headers=None)
        if fault.status in (502, 504) and not fault.code and fault.message is None:
            reason = _REASONS.get(fault.status, "Error")
            html = f"<html><head><title>{fault.status} {reason}</title></head><body>{reason}</body></html>"
            return web.Response(status=fault.status, text=html, content_type="text/html", headers={"Via": "1.1 google"})
        reason = _REASONS.get(fault.status, "Error")
        body = {"message": fault.message or f"{fault.status}: {reason}", "code": fault.code}
        return self._json(fault.status, body)

    # ---- responses -----------------------------------------------------------------------------------------

    @staticmethod
    def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> web.Response:
        all_headers = {"Via": "1.1 google"}
        if headers:
            all_headers.update(headers)
        return web.Response(
            status=status,
            body=json.dumps(body, separators=(",", ":")).encode(),
            content_type="application/json",
            headers=all_headers,
        )

    def _too_many(
        self, retry_after: float, scope: str, *, code: int = 0, bucket_headers: dict[str, str] | None
    ) -> web.Response:
        self.stats["429"][scope] += 1
        headers = dict(bucket_headers or {})
        headers.update({"Retry-After": str(max(1, math.ceil(retry_after))), "X-RateLimit-Scope": scope})
        if scope == "global":
            headers["X-RateLimit-Global"] = "true"
        else:
            headers.setdefault("X-RateLimit-Remaining", "0")
        body = {
            "message": "You are being rate limited.",
            "retry_after": round(retry_after, 3),
            "global": scope == "global",
            "code": code,
        }
        return self._json(429, body, headers)

    # ---- REST pipeline -------------------------------------------------------------------------------------

    def _draw_latency(self) -> float:
        if not self.latency:
            return 0.0
        if isinstance(self.latency, (int, float)):
            return float(self.latency)
        low, high = self.latency
        return self._random.uniform(low, high)

    async def _attachment(self, request: web.Request) -> web.Response:
        data = self.state.attachments.get(int(request.match_info["attachment_id"]))
        if data is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=data, content_type="application/octet-stream")

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        delay = self._draw_latency()
        # when the request "reaches Discord": arrival plus the way there; the limits count this moment, not the
        # moment this stand-in gets round to it (its own CPU load must not look like a burst from the client)
        arrived = time.monotonic()
        self.arrivals.append(arrived)
        if delay:
            await asyncio.sleep(delay / 2)
        raw = request.raw_path.split("?", 1)[0]
        if not raw.startswith(API_PREFIX + "/"):
            response = self._json(404, {"message": "404: Not Found", "code": 0})
            self._log(request.method, raw, response.status, None, {}, None, [], None)
            return response
        path = "/".join(unquote(part) for part in raw[len(API_PREFIX) :].split("/"))
        trace = _Trace(reached_at=arrived + delay / 2)
        try:
            response = await self._process(request, path, trace)
        except ConnectionResetError:  # the client went away mid-request (a killed process): nobody to answer
            self._log(request.method, path, 499, None, {}, None, [], None)
            return web.Response(status=499)
        except Exception as exc:  # a bug in the stand-in: answer 500 and keep it visible
            self.violations.append(f"{request.method} {path}: stand-in error {exc!r}")
            response = self._json(500, {"message": f"stand-in error: {exc!r}", "code": 0})
        if delay:
            await asyncio.sleep(delay / 2)
        self._log(
            request.method,
            path,
            response.status,
            trace.template,
            dict(request.query),
            trace.body,
            trace.files,
            trace.scope,
        )
        return response

    def _log(
        self,
        method: str,
        path: str,
        status: int,
        template: str | None,
        query: dict[str, str],
        body: Any,
        files: list[str],
        scope: str | None,
    ) -> None:
        self.stats["requests"] += 1
        self.stats["status"][status] += 1
        if status in (401, 403) or (status == 429 and scope != "shared"):
            self.stats["invalid_requests"] += 1
        self.requests.append((method, path, status))
        self.request_log.append(
            RequestRecord(method, path, status, template, time.monotonic(), query, body, files, scope)
        )

    def _match_route(self, method: str, path: str) -> tuple[_Route | None, dict[str, str], bool]:
        path_known = False
        for route in self._routes:
            found = route.regex.fullmatch(path)
            if found is None:
                continue
            if route.method == method:
                return route, {k: unquote(v) for k, v in found.groupdict().items()}, True
            path_known = True
        return None, {}, path_known

    async def _read_body(self, request: web.Request) -> tuple[Any, Any, list[tuple[str, bytes, str]], ApiError | None]:
        """(body for handlers, body for validation, files, parse error)."""
        if not request.can_read_body:
            return None, NO_BODY, [], None
        if request.content_type.startswith("multipart/"):
            fields: dict[str, Any] = {}
            files: list[tuple[int, str, bytes, str]] = []
            reader = await request.multipart()
            while True:
                part = await reader.next()
                if part is None:
                    break
                if not isinstance(part, BodyPartReader):
                    continue
                data = await part.read()
                if part.filename is not None:
                    found = re.fullmatch(r"files\[(\d+)\]", part.name or "")
                    index = int(found.group(1)) if found else len(files)
                    ctype = part.headers.get("Content-Type", "application/octet-stream")
                    files.append((index, part.filename, bytes(data), ctype))
                else:
                    fields[part.name or ""] = bytes(data).decode("utf-8", "replace")
            body: dict[str, Any] = {}
            if "payload_json" in fields:
                try:
                    body = json.loads(fields.pop("payload_json"))
                except ValueError:
                    error = ApiError(400, 50109, "The request body contains invalid JSON.")
                    return None, NO_BODY, [], error
            body.update(fields)
            ordered = [(name, data, ctype) for _, name, data, ctype in sorted(files, key=lambda f: f[0])]
            return body, body, ordered, None
        text = await request.text()
        if not text:
            return None, NO_BODY, [], None
        if request.content_type == "application/json":
            try:
                parsed = json.loads(text)
            except ValueError:
                return None, text, [], ApiError(400, 50109, "The request body contains invalid JSON.")
            return parsed, parsed, [], None
        return None, text, [], None

    async def _process(self, request: web.Request, path: str, trace: _Trace) -> web.Response:
        method = request.method
        route, params, path_known = self._match_route(method, path)
        operation: OperationMatch | None = None
        if self.validator is not None:
            operation = self.validator.match(method, path)
        trace.template = route.template if route else (operation.template if operation else None)

        body, for_validation, files, parse_error = await self._read_body(request)
        trace.body = body if body is not None else (for_validation if for_validation is not NO_BODY else None)
        trace.files = [name for name, _, _ in files]

        if self.validator is not None:
            if operation is None:
                self.violations.append(f"{method} {path}: no operation in the OpenAPI description matches")
            else:
                query = list(request.query.items())
                content_type = request.headers.get("Content-Type")
                value = for_validation if parse_error is None else NO_BODY
                for problem in self.validator.validate_request(operation, query, content_type, value):
                    self.violations.append(f"{method} {path}: {problem}")

        if route is None:
            if operation is not None:
                self.unhandled.append(f"{method} {operation.template}")
            if path_known:
                return self._json(405, {"message": "405: Method Not Allowed", "code": 0})
            return self._json(404, {"message": "404: Not Found", "code": 0})

        if route.bot_auth and request.headers.get("Authorization") != f"Bot {self.token}":
            return self._json(401, {"message": "401: Unauthorized", "code": 0})

        fault = self._take_fault(method, path)
        if fault is not None and not fault.after_processing:
            trace.scope = fault.scope if fault.status == 429 else None
            return self._fault_response(fault)

        if route.bot_auth:
            retry_after = self.limiter.check_global(self.token, trace.reached_at)
            if retry_after is not None:
                trace.scope = "global"
                return self._too_many(retry_after, "global", bucket_headers=None)

        decision = self.limiter.take(method, route.template, params)
        if not decision.allowed:
            trace.scope = "user"
            return self._too_many(decision.retry_after, "user", bucket_headers=decision.headers)

        try:
            if parse_error is not None:
                raise parse_error
            req = _Request(
                method, path, route.template, params, dict(request.query), body, files, dict(request.headers)
            )
            status, payload = await route.handler(req)
        except ApiError as error:
            status, payload = error.status, error.body()

        if fault is not None:
            trace.scope = fault.scope if fault.status == 429 else None
            return self._fault_response(fault)

        if self.validate_responses and self.validator is not None and operation is not None:
            checked = payload
            if status >= 400 and isinstance(payload, dict) and "errors" in payload:
                # Discord's field errors carry string codes ("BASE_TYPE_MAX_LENGTH"); the spec types them as integers.
                checked = {k: v for k, v in payload.items() if k != "errors"}
            for problem in self.validator.validate_response(operation, status, checked):
                self.response_violations.append(f"{method} {operation.template} -> {status}: {problem}")
        if status == 204 or payload is None:
            return web.Response(status=204, headers={"Via": "1.1 google", **decision.headers})
        return self._json(status, payload, decision.headers)

    # ---- routes --------------------------------------------------------------------------------------------

    def _route(self, method: str, template: str, handler: Handler, *, bot_auth: bool = True) -> None:
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
        literals = sum(1 for part in template.split("/") if part and not part.startswith("{"))
        self._routes.append(_Route(method, template, re.compile(pattern), handler, bot_auth, literals))
        self._routes.sort(key=lambda r: -r.literals)

    def _register_routes(self) -> None:
        r = self._route
        r("GET", "/users/@me", self._get_me)
        r("GET", "/users/{user_id}", self._get_user)
        r("POST", "/users/@me/channels", self._create_dm)
        r("GET", "/gateway", self._get_gateway)
        r("GET", "/gateway/bot", self._get_gateway_bot)
        r("GET", "/oauth2/applications/@me", self._get_application)
        r("GET", "/applications/@me", self._get_application)
        for scope in (
            "/applications/{application_id}/commands",
            "/applications/{application_id}/guilds/{guild_id}/commands",
        ):
            r("GET", scope, self._list_commands)
            r("PUT", scope, self._put_commands)
            r("POST", scope, self._post_command)
            r("GET", scope + "/{command_id}", self._get_command)
            r("DELETE", scope + "/{command_id}", self._delete_command)
        r("GET", "/channels/{channel_id}", self._get_channel)
        r("PATCH", "/channels/{channel_id}", self._patch_channel)
        r("DELETE", "/channels/{channel_id}", self._delete_channel_route)
        r("GET", "/channels/{channel_id}/messages", self._list_messages)
        r("POST", "/channels/{channel_id}/messages", self._create_message)
        r("GET", "/channels/{channel_id}/messages/{message_id}", self._get_message)
        r("PATCH", "/channels/{channel_id}/messages/{message_id}", self._edit_message)
        r("DELETE", "/channels/{channel_id}/messages/{message_id}", self._delete_message)
        r("POST", "/channels/{channel_id}/messages/{message_id}/threads", self._thread_from_message)
        r("POST", "/channels/{channel_id}/threads", self._thread_without_message)
        r("POST", "/channels/{channel_id}/typing", self._typing)
        r("PUT", "/channels/{channel_id}/thread-members/@me", self._join_thread)
        r("DELETE", "/channels/{channel_id}/thread-members/@me", self._leave_thread)
        r("PUT", "/channels/{channel_id}/thread-members/{user_id}", self._add_thread_member)
        r("GET", "/guilds/{guild_id}", self._get_guild)
        r("GET", "/guilds/{guild_id}/channels", self._get_guild_channels)
        r("GET", "/guilds/{guild_id}/members/{user_id}", self._get_member)
        r("GET", "/guilds/{guild_id}/roles", self._get_roles)
        r("GET", "/guilds/{guild_id}/threads/active", self._get_active_threads)
        r("POST", "/interactions/{interaction_id}/{interaction_token}/callback", self._callback, bot_auth=False)
        hook = "/webhooks/{webhook_id}/{webhook_token}"
        r("POST", hook, self._followup, bot_auth=False)
        for suffix in ("/messages/@original", "/messages/{message_id}"):
            r("GET", hook + suffix, self._get_webhook_message, bot_auth=False)
            r("PATCH", hook + suffix, self._edit_webhook_message, bot_auth=False)
            r("DELETE", hook + suffix, self._delete_webhook_message, bot_auth=False)

    # ---- helpers for handlers ------------------------------------------------------------------------------

    def _snowflake(self, raw: str | None, unknown: tuple[int, int, str]) -> int:
        if raw is None or not raw.isdigit():
            raise ApiError(*unknown)
        return int(raw)

    def _channel(self, raw: str | None) -> Channel:
        cid = self._snowflake(raw, (404, 10003, "Unknown Channel"))
        channel = self.state.channels.get(cid)
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        if channel.forbidden or (channel.guild_id is not None and channel.guild_id not in self.state.guilds):
            raise ApiError(403, 50001, "Missing Access")
        return channel

    def _guild(self, raw: str | None) -> Guild:
        gid = self._snowflake(raw, (404, 10004, "Unknown Guild"))
        guild = self.state.guilds.get(gid)
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    def _event_message(self, message: dict[str, Any], channel: Channel) -> dict[str, Any]:
        data = dict(message)
        guild = self.state.guild_of(channel)
        if guild is not None:
            data["guild_id"] = str(guild.id)
            author_id = int(message["author"]["id"])
            if author_id in guild.members and "webhook_id" not in message:
                data["member"] = self.state.member_payload(guild, author_id, with_user=False)
        return data

    async def _echo(self, event: str, data: dict[str, Any]) -> None:
        if self.echo_events:
            await self.gateway.dispatch(event, data)

    async def _unarchive_if_needed(self, channel: Channel) -> None:
        if channel.is_thread and channel.archived:
            if channel.locked and not self.state.bot_permissions & Permissions.MANAGE_THREADS:
                raise ApiError(400, 50083, "Thread is archived")
            channel.archived = False
            channel.archive_timestamp = iso()
            await self._echo("THREAD_UPDATE", self.state.thread_payload(channel))

    # ---- users, gateway, application -----------------------------------------------------------------------

    async def _get_me(self, req: _Request) -> tuple[int, Any]:
        data = self.state.bot.payload()
        data.update({"mfa_enabled": False, "locale": "en-US", "verified": True, "email": None})
        return 200, data

    async def _get_user(self, req: _Request) -> tuple[int, Any]:
        uid = self._snowflake(req.params["user_id"], (404, 10013, "Unknown User"))
        if uid not in self.state.users:
            raise ApiError(404, 10013, "Unknown User")
        return 200, self.state.user_payload(uid)

    async def _get_gateway(self, req: _Request) -> tuple[int, Any]:
        return 200, {"url": self.gateway_url}

    async def _get_gateway_bot(self, req: _Request) -> tuple[int, Any]:
        remaining = max(1000 - self.gateway.identify_count, 0)
        limit = {"total": 1000, "remaining": remaining, "reset_after": 86_400_000, "max_concurrency": 1}
        return 200, {"url": self.gateway_url, "shards": self.recommended_shards, "session_start_limit": limit}

    async def _get_application(self, req: _Request) -> tuple[int, Any]:
        state = self.state
        return 200, {
            "id": str(state.application_id),
            "name": state.bot.username,
            "icon": None,
            "description": "",
            "type": None,
            "bot": state.bot.payload(),
            "summary": "",
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": state.verify_key,
            "flags": self.gateway.application_flags,
            "flags_new": str(self.gateway.application_flags),
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "owner": state.app_owner.payload(),
            "approximate_guild_count": len(state.guilds),
            "approximate_user_install_count": 0,
            "approximate_user_authorization_count": 0,
            "explicit_content_filter": 0,
            "team": None,
            "eligible_oauth2_scopes": ["bot", "applications.commands"],
            "integration_types_config": {"0": {}},
            "tags": [],
        }

    # ---- application commands ------------------------------------------------------------------------------

    def _command_scope(self, req: _Request) -> str | int:
        if req.params["application_id"] != str(self.state.application_id):
            raise ApiError(403, 50001, "Missing Access")
        if "guild_id" in req.params:
            return self._guild(req.params["guild_id"]).id
        return "global"

    def _check_command(self, command: Any, where: str) -> None:
        if not isinstance(command, dict):
            raise _form_error(where, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
        name = command.get("name")
        ctype = int(command.get("type") or 1)
        if not isinstance(name, str) or not 1 <= len(name) <= 32:
            raise _form_error(f"{where}.name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.")
        if ctype == 1 and (name != name.lower() or not _COMMAND_NAME.fullmatch(name)):
            raise _form_error(f"{where}.name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
        description = command.get("description") or ""
        if ctype == 1 and not 1 <= len(description) <= 100:
            raise _form_error(f"{where}.description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        options = command.get("options") or []
        if len(options) > 25:
            raise _form_error(f"{where}.options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        seen: set[str] = set()
        optional_seen = False
        for index, option in enumerate(options):
            self._check_command({**option, "type": 1}, f"{where}.options.{index}")
            if option["name"] in seen:
                raise _form_error(f"{where}.options", "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Duplicate")
            seen.add(option["name"])
            if int(option.get("type", 3)) > 2:
                if option.get("required") and optional_seen:
                    raise _form_error(
                        f"{where}.options.{index}",
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options",
                    )
                optional_seen = optional_seen or not option.get("required")

    def _stored_command(
        self, scope: str | int, body: dict[str, Any], existing: dict[str, Any] | None
    ) -> dict[str, Any]:
        permissions = body.get("default_member_permissions")
        command: dict[str, Any] = {
            "id": existing["id"] if existing else str(self.state.ids.next()),
            "application_id": str(self.state.application_id),
            "version": str(self.state.ids.next()),
            "default_member_permissions": None if permissions is None else str(permissions),
            "type": int(body.get("type") or 1),
            "name": body["name"],
            "description": body.get("description") or "",
            "integration_types": body.get("integration_types") or [0],
            "contexts": body.get("contexts"),
            "nsfw": bool(body.get("nsfw") or False),
        }
        for key in ("name_localizations", "description_localizations"):
            if body.get(key) is not None:
                command[key] = body[key]
        if body.get("options"):
            command["options"] = [{k: v for k, v in o.items() if v is not None} for o in body["options"]]
        if scope == "global":
            command["dm_permission"] = body.get("dm_permission") if body.get("dm_permission") is not None else True
        else:
            command["guild_id"] = str(scope)
        return command

    async def _list_commands(self, req: _Request) -> tuple[int, Any]:
        return 200, self.state.commands.get(self._command_scope(req), [])

    async def _put_commands(self, req: _Request) -> tuple[int, Any]:
        scope = self._command_scope(req)
        if not isinstance(req.body, list):
            raise _form_error("_root", "BASE_TYPE_ARRAY", "Must be an array.")
        if len(req.body) > 110:
            raise _form_error("_root", "BASE_TYPE_MAX_LENGTH", "Must be 110 or fewer in length.")
        old = {(c["name"], c["type"]): c for c in self.state.commands.get(scope, [])}
        for index, command in enumerate(req.body):
            self._check_command(command, str(index))
        stored = [self._stored_command(scope, c, old.get((c["name"], int(c.get("type") or 1)))) for c in req.body]
        self.state.commands[scope] = stored
        return 200, stored

    async def _post_command(self, req: _Request) -> tuple[int, Any]:
        scope = self._command_scope(req)
        self._check_command(req.body, "_root")
        commands = self.state.commands.setdefault(scope, [])
        body = req.body
        existing = next(
            (c for c in commands if c["name"] == body["name"] and c["type"] == int(body.get("type") or 1)), None
        )
        stored = self._stored_command(scope, body, existing)
        if existing is not None:
            commands[commands.index(existing)] = stored
            return 200, stored
        commands.append(stored)
        return 201, stored

    async def _get_command(self, req: _Request) -> tuple[int, Any]:
        for command in self.state.commands.get(self._command_scope(req), []):
            if command["id"] == req.params["command_id"]:
                return 200, command
        raise ApiError(404, 10063, "Unknown application command")

    async def _delete_command(self, req: _Request) -> tuple[int, Any]:
        commands = self.state.commands.get(self._command_scope(req), [])
        for command in commands:
            if command["id"] == req.params["command_id"]:
                commands.remove(command)
                return 204, None
        raise ApiError(404, 10063, "Unknown application command")

    # ---- channels ------------------------------------------------------------------------------------------

    async def _create_dm(self, req: _Request) -> tuple[int, Any]:
        raw = (req.body or {}).get("recipient_id")
        if raw is None or not str(raw).isdigit():
            raise _form_error("recipient_id", "BASE_TYPE_REQUIRED", "This field is required")
        if int(raw) not in self.state.users:
            raise ApiError(404, 10013, "Unknown User")
        return 200, self.state.channel_payload(self.state.dm_channel(int(raw)))

    async def _get_channel(self, req: _Request) -> tuple[int, Any]:
        channel = self._channel(req.params["channel_id"])
        if channel.is_thread:
            return 200, self.state.thread_payload(channel, with_member=True)
        return 200, self.state.channel_payload(channel)

    async def _patch_channel(self, req: _Request) -> tuple[int, Any]:
        channel = self._channel(req.params["channel_id"])
        body = req.body or {}
        if channel.is_dm:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        if "auto_archive_duration" in body and body["auto_archive_duration"] not in (None, *_AUTO_ARCHIVE):
            raise _form_error("auto_archive_duration", "BASE_TYPE_CHOICES", f"Value must be one of {_AUTO_ARCHIVE}.")
        if body.get("name") is not None:
            channel.name = str(body["name"])
        if body.get("rate_limit_per_user") is not None:
            channel.rate_limit_per_user = int(body["rate_limit_per_user"])
        if channel.is_thread:
            if body.get("auto_archive_duration") is not None:
                channel.auto_archive_duration = int(body["auto_archive_duration"])
            if body.get("locked") is not None:
                channel.locked = bool(body["locked"])
            if body.get("archived") is not None and bool(body["archived"]) != channel.archived:
                channel.archived = bool(body["archived"])
                channel.archive_timestamp = iso()
            payload = self.state.thread_payload(channel, with_member=True)
            await self._echo("THREAD_UPDATE", self.state.thread_payload(channel))
            return 200, payload
        if "topic" in body:
            channel.topic = body["topic"]
        if body.get("position") is not None:
            channel.position = int(body["position"])
        payload = self.state.channel_payload(channel)
        await self._echo("CHANNEL_UPDATE", payload)
        return 200, payload

    async def _delete_channel_route(self, req: _Request) -> tuple[int, Any]:
        channel = self._channel(req.params["channel_id"])
        if channel.is_dm:
            return 200, self.state.channel_payload(channel)
        payload = self.state.channel_payload(channel)
        await self._remove_channel(channel)
        return 200, payload

    async def _remove_channel(self, channel: Channel) -> None:
        payload = self.state.channel_payload(channel)
        self.state.channels.pop(channel.id, None)
        self.state.deleted_channels.add(channel.id)
        guild = self.state.guild_of(channel)
        if guild is not None and channel.id in guild.channel_ids:
            guild.channel_ids.remove(channel.id)
            if guild.system_channel_id == channel.id:
                guild.system_channel_id = None
        if channel.is_thread:
            event = {"id": str(channel.id), "guild_id": str(channel.guild_id), "parent_id": str(channel.parent_id)}
            await self.gateway.dispatch("THREAD_DELETE", {**event, "type": channel.type})
        else:
            await self.gateway.dispatch("CHANNEL_DELETE", payload)
        for thread in [c for c in self.state.channels.values() if c.parent_id == channel.id]:
            self.state.channels.pop(thread.id, None)
            self.state.deleted_channels.add(thread.id)

    async def _list_messages(self, req: _Request) -> tuple[int, Any]:
        channel = self._channel(req.params["channel_id"])
        raw_limit = req.query.get("limit") or "50"
        limit = int(raw_limit) if raw_limit.isdigit() else 0
        if not 1 <= limit <= 100:
            raise _form_error("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.")
        items = self.state.channel_messages.get(channel.id, [])
        before, after = req.query.get("before", ""), req.query.get("after", "")
        if before.isdigit():
            items = [m for m in items if int(m["id"]) < int(before)]
        if after.isdigit():
            items = [m for m in items if int(m["id"]) > int(after)]
            return 200, list(reversed(items[:limit]))
        return 200, list(reversed(items[-limit:]))

    def _check_message_body(self, body: dict[str, Any], files: list[tuple[str, bytes, str]], limit: int = 2000) -> None:
        content = body.get("content")
        if content is not None and not isinstance(content, str):
            raise _form_error("content", "BASE_TYPE_STRING", "Must be a string.")
        if content and len(content) > limit:
            raise _form_error("content", "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
        nonce = body.get("nonce")
        if isinstance(nonce, str) and len(nonce) > 25:
            raise _form_error("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        flags = int(body.get("flags") or 0)
        if not (content or body.get("embeds") or files or body.get("components") or body.get("sticker_ids")) and not (
            body.get("poll") or flags & (1 << 15)
        ):
            raise ApiError(400, 50006, "Cannot send an empty message")

    async def _create_message(self, req: _Request) -> tuple[int, Any]:
        channel = self._channel(req.params["channel_id"])
        body = req.body if isinstance(req.body, dict) else {}
        if channel.is_dm:
            recipient = self.state.users.get(channel.recipient_id or 0)
            if recipient is None or recipient.dm_closed or recipient.bot:
                raise ApiError(403, 50007, "Cannot send messages to this user")
        elif channel.missing_permissions:
            raise ApiError(403, 50013, "Missing Permissions")
        self._check_message_body(body, req.files)
        if int(body.get("flags") or 0) & ~_CHANNEL_MESSAGE_FLAGS:
            raise _form_error("flags", "MESSAGE_FLAGS_INVALID", "Invalid flags")
        nonce_key = None
        if body.get("enforce_nonce") and body.get("nonce") is not None:
            nonce_key = (channel.id, self.bot_id, str(body["nonce"]))
            seen = self.state.nonces.get(nonce_key)
            if seen is not None and time.monotonic() - seen[1] < NONCE_WINDOW:
                existing = self.state.all_messages.get(seen[0])
                if existing is not None:
                    return 200, existing
        reference = body.get("message_reference")
        if reference and reference.get("message_id") is not None:
            target = self.state.all_messages.get(int(reference["message_id"]))
            if target is None and reference.get("fail_if_not_exists", True):
                raise _form_error("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
        await self._unarchive_if_needed(channel)
        message = self.state.create_message(channel, self.bot_id, body, req.files, attachment_base=self.url)
        if nonce_key is not None:
            self.state.nonces[nonce_key] = (int(message["id"]), time.monotonic())
        await self._echo("MESSAGE_CREATE", self._event_message(message, channel))
        return 200, message

    def _channel_message(self, channel: Channel, raw: str) -> dict[str, Any]:
        mid = self._snowflake(raw, (404, 10008, "Unknown Message"))
        message = self.state.all_messages.get(mid)
        if message is None or message["channel_id"] != str(channel.id) or message["flags"] & 64:
            raise ApiError(404, 10008, "Unknown Message")
        return message

    async def _get_message(self, req: _Request) -> tuple[int, Any]:
        channel = self._channel(req.params["channel_id"])
        return 200, self._channel_message(channel, req.params["message_id"])

    async def _edit_message(self, req: _Request) -> tuple[int, Any]:
        channel = self._channel(req.params["channel_id"])
        message = self._channel_message(channel, req.params["message_id"])
        if message["author"]["id"] != str(self.bot_id):
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body = req.body if isinstance(req.body, dict) else {}
        self._check_message_body({"content": "x", **body}, req.files)
        self.state.edit_message(message, body, req.files, attachment_base=self.url)
        await self._echo("MESSAGE_UPDATE", self._event_message(message, channel))
        return 200, message

    async def _delete_message(self, req: _Request) -> tuple[int, Any]:
        channel = self._channel(req.params["channel_id"])
        message = self._channel_message(channel, req.params["message_id"])
        if message["author"]["id"] != str(self.bot_id) and channel.is_dm:
            raise ApiError(403, 50003, "Cannot execute action on a DM channel")
        await self._drop_message(channel, message)
        return 204, None

    async def _drop_message(self, channel: Channel, message: dict[str, Any]) -> None:
        history = self.state.channel_messages.get(channel.id, [])
        if message in history:
            history.remove(message)
        self.state.all_messages.pop(int(message["id"]), None)
        event: dict[str, Any] = {"id": message["id"], "channel_id": str(channel.id)}
        if channel.guild_id is not None:
            event["guild_id"] = str(channel.guild_id)
        await self._echo("MESSAGE_DELETE", event)

    # ---- threads -------------------------------------------------------------------------------------------

    def _thread_options(self, body: dict[str, Any]) -> tuple[str, int, int]:
        name = body.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= 100:
            raise _form_error("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        duration = body.get("auto_archive_duration") or 4320
        if duration not in _AUTO_ARCHIVE:
            raise _form_error("auto_archive_duration", "BASE_TYPE_CHOICES", f"Value must be one of {_AUTO_ARCHIVE}.")
        return name, int(duration), int(body.get("rate_limit_per_user") or 0)

    def _thread_parent(self, raw: str) -> Channel:
        parent = self._channel(raw)
        if parent.type not in (ChannelType.GUILD_TEXT, ChannelType.GUILD_ANNOUNCEMENT):
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        if parent.missing_permissions:
            raise ApiError(403, 50013, "Missing Permissions")
        return parent

    async def _new_thread(
        self, parent: Channel, thread_id: int, body: dict[str, Any], *, thread_type: int, message_id: int | None
    ) -> dict[str, Any]:
        name, duration, slowmode = self._thread_options(body)
        thread = Channel(
            thread_id,
            thread_type,
            name=name,
            guild_id=parent.guild_id,
            parent_id=parent.id,
            owner_id=self.bot_id,
            message_id=message_id,
            auto_archive_duration=duration,
            rate_limit_per_user=slowmode,
        )
        thread.member_ids.add(self.bot_id)
        self.state.channels[thread.id] = thread
        self.state.channel_messages[thread.id] = []
        payload = self.state.thread_payload(thread, with_member=True)
        await self._echo("THREAD_CREATE", {**payload, "newly_created": True})
        return payload

    async def _thread_from_message(self, req: _Request) -> tuple[int, Any]:
        parent = self._thread_parent(req.params["channel_id"])
        message = self._channel_message(parent, req.params["message_id"])
        mid = int(message["id"])
        if mid in self.state.channels or mid in self.state.deleted_channels or "thread" in message:
            raise ApiError(400, 160004, "A thread has already been created for this message")
        payload = await self._new_thread(
            parent, mid, req.body or {}, thread_type=ChannelType.PUBLIC_THREAD, message_id=mid
        )
        message["thread"] = self.state.thread_payload(self.state.channels[mid])
        message["flags"] |= 1 << 5  # HAS_THREAD
        return 201, payload

    async def _thread_without_message(self, req: _Request) -> tuple[int, Any]:
        parent = self._thread_parent(req.params["channel_id"])
        body = req.body or {}
        thread_type = int(body.get("type") or ChannelType.PRIVATE_THREAD)
        if thread_type not in (ChannelType.PUBLIC_THREAD, ChannelType.PRIVATE_THREAD):
            raise _form_error("type", "BASE_TYPE_CHOICES", "Value must be one of {11, 12}.")
        payload = await self._new_thread(parent, self.state.ids.next(), body, thread_type=thread_type, message_id=None)
        if thread_type == ChannelType.PUBLIC_THREAD:
            starter = self.state.create_message(
                parent,
                self.bot_id,
                {"content": payload["name"]},
                message_type=18,
                extra={
                    "message_reference": {
                        "type": 0,
                        "channel_id": payload["id"],
                        "guild_id": str(parent.guild_id),
                    }
                },
            )
            await self._echo("MESSAGE_CREATE", self._event_message(starter, parent))
        return 201, payload

    async def _typing(self, req: _Request) -> tuple[int, Any]:
        self._channel(req.params["channel_id"])
        return 204, None

    async def _join_thread(self, req: _Request) -> tuple[int, Any]:
        thread = self._channel(req.params["channel_id"])
        if not thread.is_thread:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        thread.member_ids.add(self.bot_id)
        return 204, None

    async def _leave_thread(self, req: _Request) -> tuple[int, Any]:
        thread = self._channel(req.params["channel_id"])
        thread.member_ids.discard(self.bot_id)
        return 204, None

    async def _add_thread_member(self, req: _Request) -> tuple[int, Any]:
        thread = self._channel(req.params["channel_id"])
        uid = self._snowflake(req.params["user_id"], (404, 10013, "Unknown User"))
        if not thread.is_thread:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        thread.member_ids.add(uid)
        return 204, None

    # ---- guilds --------------------------------------------------------------------------------------------

    async def _get_guild(self, req: _Request) -> tuple[int, Any]:
        guild = self._guild(req.params["guild_id"])
        data = self.state.guild_payload(guild)
        if req.query.get("with_counts") in ("true", "1", "True"):
            data["approximate_member_count"] = len(guild.members)
            data["approximate_presence_count"] = 0
        return 200, data

    async def _get_guild_channels(self, req: _Request) -> tuple[int, Any]:
        guild = self._guild(req.params["guild_id"])
        return 200, [self.state.channel_payload(self.state.channels[c]) for c in guild.channel_ids]

    async def _get_member(self, req: _Request) -> tuple[int, Any]:
        guild = self._guild(req.params["guild_id"])
        uid = self._snowflake(req.params["user_id"], (404, 10013, "Unknown User"))
        if uid not in guild.members:
            raise ApiError(404, 10007, "Unknown Member")
        return 200, self.state.member_payload(guild, uid)

    async def _get_roles(self, req: _Request) -> tuple[int, Any]:
        guild = self._guild(req.params["guild_id"])
        return 200, [r.payload() for r in sorted(guild.roles.values(), key=lambda r: r.position)]

    async def _get_active_threads(self, req: _Request) -> tuple[int, Any]:
        guild = self._guild(req.params["guild_id"])
        threads = self.state.threads_of_guild(guild.id)
        members = [
            self.state.thread_payload(t, with_member=True)["member"] for t in threads if self.bot_id in t.member_ids
        ]
        return 200, {"threads": [self.state.thread_payload(t) for t in threads], "members": members, "has_more": False}

    # ---- interactions --------------------------------------------------------------------------------------

    def _interaction_extra(self, record: InteractionRecord, *, followup_of: dict[str, Any] | None) -> dict[str, Any]:
        user = self.state.user_payload(record.user_id)
        owners = record.payload.get("authorizing_integration_owners", {})
        metadata: dict[str, Any] = {
            "id": str(record.id),
            "type": record.type,
            "user": user,
            "authorizing_integration_owners": owners,
        }
        data = record.payload.get("data") or {}
        if record.type == InteractionType.APPLICATION_COMMAND and data.get("target_id") is not None:
            key = "target_user" if int(data.get("type", 1)) == 2 else "target_message_id"
            target = data["target_id"]
            metadata[key] = self.state.user_payload(int(target)) if key == "target_user" else target
        if record.type == InteractionType.MESSAGE_COMPONENT and record.message_id is not None:
            metadata["interacted_message_id"] = str(record.message_id)
        if record.type == InteractionType.MODAL_SUBMIT:
            trigger = record.trigger
            if trigger is not None:
                metadata["triggering_interaction_metadata"] = self._interaction_extra(trigger, followup_of=None)[
                    "interaction_metadata"
                ]
        if followup_of is not None:
            metadata["original_response_message_id"] = followup_of["id"]
        extra: dict[str, Any] = {
            "application_id": str(self.state.application_id),
            "webhook_id": str(self.state.application_id),
            "interaction_metadata": metadata,
        }
        if record.type == InteractionType.APPLICATION_COMMAND:
            extra["interaction"] = {"id": str(record.id), "type": record.type, "name": record.name or "", "user": user}
        return extra

    def _interaction_message_type(self, record: InteractionRecord) -> int:
        if record.type == InteractionType.APPLICATION_COMMAND:
            command_type = int((record.payload.get("data") or {}).get("type", 1))
            return 20 if command_type == 1 else 23
        return 0

    async def _callback(self, req: _Request) -> tuple[int, Any]:
        record = self._by_token.get(req.params["interaction_token"])
        if record is None or str(record.id) != req.params["interaction_id"]:
            raise ApiError(404, 10062, "Unknown interaction")
        now = time.monotonic()
        if record.callback is not None:
            record.rejected.append((400, 40060))
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        if self.interaction_deadline is not None and now - record.dispatched_at > self.interaction_deadline:
            record.rejected.append((404, 10062))
            raise ApiError(404, 10062, "Unknown interaction")
        body = req.body if isinstance(req.body, dict) else {}
        ctype = int(body.get("type") or 0)
        allowed = {1: {1}, 2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}
        if ctype not in allowed.get(record.type, set()):
            raise _form_error("type", "INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type is invalid.")
        data = body.get("data") or {}
        channel = self.state.channels.get(record.channel_id)
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        resource: dict[str, Any] | None = None
        if ctype == 4:
            self._check_message_body(data, req.files)
            message = self.state.create_message(
                channel,
                self.bot_id,
                data,
                req.files,
                attachment_base=self.url,
                message_type=self._interaction_message_type(record),
                extra=self._interaction_extra(record, followup_of=None),
            )
            record.original = message
            resource = {"type": 4, "message": message}
        elif ctype == 5:
            flags = 128 | (int(data.get("flags") or 0) & 64)
            message = self.state.create_message(
                channel,
                self.bot_id,
                {"content": "", "flags": flags},
                message_type=self._interaction_message_type(record),
                extra=self._interaction_extra(record, followup_of=None),
            )
            record.original = message  # the spec's resource union has no deferred variant: only the ids are sent
        elif ctype in (6, 7):
            target = self.state.all_messages.get(record.message_id or 0)
            if target is None:
                raise ApiError(404, 10008, "Unknown Message")
            if ctype == 7:
                self.state.edit_message(target, data, req.files, attachment_base=self.url)
                resource = {"type": 7, "message": target}
            record.original = target
        elif ctype == 9:
            self._modals[str(data.get("custom_id"))] = (data, record)
        record.callback = body
        record.callback_at = now
        record.callback_files = [name for name, _, _ in req.files]
        record._responded.set()
        record._touch()
        if record.original is not None and ctype in (4, 5) and not record.original["flags"] & 64:
            await self._echo("MESSAGE_CREATE", self._event_message(record.original, channel))
        if ctype == 7 and record.original is not None and not record.original["flags"] & 64:
            await self._echo("MESSAGE_UPDATE", self._event_message(record.original, channel))
        if req.query.get("with_response") not in ("1", "true", "True"):
            return 204, None
        interaction: dict[str, Any] = {"id": str(record.id), "type": record.type}
        if record.original is not None and ctype in (4, 5, 7):
            interaction["response_message_id"] = record.original["id"]
            interaction["response_message_loading"] = ctype == 5
            interaction["response_message_ephemeral"] = bool(record.original["flags"] & 64)
        response: dict[str, Any] = {"interaction": interaction}
        if resource is not None:
            response["resource"] = resource
        return 200, response

    def _webhook_record(self, req: _Request) -> InteractionRecord:
        record = self._by_token.get(req.params["webhook_token"])
        if record is None or req.params["webhook_id"] != str(self.state.application_id):
            raise ApiError(404, 10015, "Unknown Webhook")
        if time.monotonic() - record.dispatched_at > INTERACTION_TOKEN_LIFETIME:
            raise ApiError(401, 50027, "Invalid Webhook Token")
        if record.callback is None:
            raise ApiError(404, 10015, "Unknown Webhook")
        return record

    def _webhook_target(self, record: InteractionRecord, raw: str | None) -> dict[str, Any]:
        if raw is None:  # @original
            if record.original is None or record.deleted_original:
                raise ApiError(404, 10008, "Unknown Message")
            return record.original
        for message in [*record.followups, *([record.original] if record.original else [])]:
            if message["id"] == raw:
                return message
        raise ApiError(404, 10008, "Unknown Message")

    async def _followup(self, req: _Request) -> tuple[int, Any]:
        record = self._webhook_record(req)
        channel = self.state.channels.get(record.channel_id)
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        body = req.body if isinstance(req.body, dict) else {}
        self._check_message_body(body, req.files)
        original = record.original
        if original is not None and original["flags"] & 128 and not record.edits:
            # The first follow-up after a deferral replaces the "thinking" message, keeping its visibility.
            update = {k: v for k, v in body.items() if k != "flags"}
            message = self.state.edit_message(original, update, req.files, attachment_base=self.url)
            event = "MESSAGE_UPDATE"
        else:
            message = self.state.create_message(
                channel,
                self.bot_id,
                body,
                req.files,
                attachment_base=self.url,
                message_type=self._interaction_message_type(record),
                extra=self._interaction_extra(record, followup_of=original),
            )
            event = "MESSAGE_CREATE"
        record.followups.append(message)
        record._touch()
        if not message["flags"] & 64:
            await self._echo(event, self._event_message(message, channel))
        if req.query.get("wait") in ("1", "true", "True"):
            return 200, message
        return 204, None

    async def _get_webhook_message(self, req: _Request) -> tuple[int, Any]:
        record = self._webhook_record(req)
        return 200, self._webhook_target(record, req.params.get("message_id"))

    async def _edit_webhook_message(self, req: _Request) -> tuple[int, Any]:
        record = self._webhook_record(req)
        message = self._webhook_target(record, req.params.get("message_id"))
        body = req.body if isinstance(req.body, dict) else {}
        self._check_message_body({"content": "x", **body}, req.files)
        self.state.edit_message(message, body, req.files, attachment_base=self.url)
        record.edits.append(body)
        record._touch()
        channel = self.state.channels.get(record.channel_id)
        if channel is not None and not message["flags"] & 64:
            await self._echo("MESSAGE_UPDATE", self._event_message(message, channel))
        return 200, message

    async def _delete_webhook_message(self, req: _Request) -> tuple[int, Any]:
        record = self._webhook_record(req)
        message = self._webhook_target(record, req.params.get("message_id"))
        channel = self.state.channels.get(record.channel_id)
        if channel is not None:
            await self._drop_message(channel, message)
        if message is record.original:
            record.deleted_original = True
        record._touch()
        return 204, None

    # ---- gateway-side test API -----------------------------------------------------------------------------

    async def wait_for_gateway(self, count: int = 1, timeout: float = 5.0) -> list[GatewaySession]:  # noqa: ASYNC109 - a timeout argument is the documented API
        """Wait until ``count`` gateway sessions have identified and are connected."""
        return await self.gateway.wait_for_sessions(count, timeout)

    async def dispatch(self, event: str, data: dict[str, Any], *, shard_id: int | None = None) -> int:
        """Push a gateway event to the sessions of the right shard (by ``guild_id``; DMs go to shard 0)."""
        return await self.gateway.dispatch(event, data, shard_id=shard_id)

    async def disconnect(self, *, code: int = 4000, resumable: bool = True, shard_id: int | None = None) -> int:
        """Close the gateway sockets; discord.py resumes (or re-identifies when ``resumable=False``)."""
        return await self.gateway.disconnect(code=code, resumable=resumable, shard_id=shard_id)

    async def send_reconnect(self, shard_id: int | None = None) -> int:
        """Send op 7 RECONNECT."""
        return await self.gateway.send_op(7, None, shard_id=shard_id)

    async def _send_interaction(self, record: InteractionRecord) -> InteractionRecord:
        self.interactions.append(record)
        self._by_token[record.token] = record
        record.dispatched_at = time.monotonic()
        delivered = await self.gateway.dispatch("INTERACTION_CREATE", record.payload)
        if delivered == 0:
            self.undelivered.append(f"INTERACTION_CREATE {record.id}")
        return record

    async def interact_command(
        self,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int,
        name: str = "trust",
        options: list[dict[str, Any]] | dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        group: str | None = None,
        member_permissions: str | int | None = None,
        roles: list[int] | None = None,
        locale: str = "en-US",
        command_type: int = 1,
        target_id: int | None = None,
    ) -> InteractionRecord:
        """A user runs a slash command: INTERACTION_CREATE type 2 (guild_id=None: in the user's DM with the bot).

        ``options``: Discord option dicts or ``{name: value}``; types come from the registered command when it is
        known. ``member_permissions`` defaults to what the member's roles grant.
        """
        data = command_data(
            self.state,
            name=name,
            guild_id=guild_id,
            options=options,
            subcommand=subcommand,
            group=group,
            command_type=command_type,
            target_id=target_id,
        )
        record = build_interaction(
            self.state,
            itype=InteractionType.APPLICATION_COMMAND,
            data=data,
            guild_id=guild_id,
            channel_id=channel_id,
            user_id=user_id,
            member_permissions=member_permissions,
            roles=roles,
            locale=locale,
            name=name,
        )
        return await self._send_interaction(record)

    async def interact_autocomplete(
        self,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int,
        name: str = "trust",
        options: list[dict[str, Any]] | dict[str, Any] | None = None,
        *,
        focused: str,
        subcommand: str | None = None,
        group: str | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """A user types into an autocomplete option: INTERACTION_CREATE type 4 with ``focused: true``."""
        data = command_data(
            self.state,
            name=name,
            guild_id=guild_id,
            options=options,
            subcommand=subcommand,
            group=group,
            focused=focused,
        )
        record = build_interaction(
            self.state,
            itype=InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
            data=data,
            guild_id=guild_id,
            channel_id=channel_id,
            user_id=user_id,
            locale=locale,
            name=name,
        )
        return await self._send_interaction(record)

    async def interact_component(
        self,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int,
        custom_id: str,
        message_id: int,
        component_type: int = 2,
        values: list[str] | None = None,
        *,
        member_permissions: str | int | None = None,
        roles: list[int] | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """A user clicks a button / picks from a select on a message: INTERACTION_CREATE type 3 with ``message``."""
        message = self.state.all_messages.get(message_id)
        if message is None:
            raise ValueError(f"unknown message {message_id}")
        data = component_data(
            self.state, custom_id=custom_id, component_type=component_type, values=values, guild_id=guild_id
        )
        record = build_interaction(
            self.state,
            itype=InteractionType.MESSAGE_COMPONENT,
            data=data,
            guild_id=guild_id,
            channel_id=channel_id if channel_id is not None else int(message["channel_id"]),
            user_id=user_id,
            member_permissions=member_permissions,
            roles=roles,
            locale=locale,
            message=message,
        )
        return await self._send_interaction(record)

    async def interact_modal_submit(
        self,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int,
        custom_id: str,
        values: dict[str, str | list[str]],
        *,
        message_id: int | None = None,
        layout: str = "auto",
        locale: str = "en-US",
    ) -> InteractionRecord:
        """A user submits a modal: INTERACTION_CREATE type 5 (inputs laid out like the modal the bot sent)."""
        modal, trigger = self._modals.get(custom_id, (None, None))
        data = modal_submit_data(custom_id=custom_id, values=values, modal=modal, layout=layout)
        if message_id is None and trigger is not None:
            message_id = trigger.message_id
        message = self.state.all_messages.get(message_id) if message_id is not None else None
        record = build_interaction(
            self.state,
            itype=InteractionType.MODAL_SUBMIT,
            data=data,
            guild_id=guild_id,
            channel_id=channel_id,
            user_id=user_id,
            locale=locale,
            message=message,
        )
        record.trigger = trigger
        return await self._send_interaction(record)

    async def user_message(
        self,
        channel_id: int,
        user_id: int,
        content: str,
        guild_id: int | None = None,
        *,
        files: Iterable[tuple[str, bytes]] = (),
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """A user posts in a channel, thread or DM channel: stored, then MESSAGE_CREATE to the bot.

        Sessions without the MESSAGE_CONTENT intent get empty content for guild messages that do not mention the
        bot; DMs keep their content.
        """
        channel = self.state.channels.get(channel_id)
        if channel is None:
            raise ValueError(f"unknown channel {channel_id}")
        if channel.is_dm and channel.recipient_id != user_id:
            raise ValueError(f"channel {channel_id} is not the DM channel of user {user_id}")
        if guild_id is not None and channel.guild_id != guild_id:
            raise ValueError(f"channel {channel_id} is not in guild {guild_id}")
        guild = self.state.guild_of(channel)
        if guild is not None and user_id not in guild.members:
            self.state.add_member(guild.id, user_id)
        if channel.is_thread:
            channel.member_ids.add(user_id)
            if channel.archived and not channel.locked:
                channel.archived = False
                await self.gateway.dispatch("THREAD_UPDATE", self.state.thread_payload(channel))
        body: dict[str, Any] = {"content": content}
        if reply_to is not None:
            body["message_reference"] = {"message_id": str(reply_to), "channel_id": str(channel.id)}
        attached = [(name, data, "application/octet-stream") for name, data in files]
        message = self.state.create_message(channel, user_id, body, attached, attachment_base=self.url)
        await self.gateway.dispatch("MESSAGE_CREATE", self._event_message(message, channel))
        return message

    async def user_dm(self, user_id: int, content: str) -> dict[str, Any]:
        """A user writes to the bot in DMs (the DM channel is created if needed)."""
        return await self.user_message(self.dm_channel_id(user_id), user_id, content)

    async def remove_guild(self, guild_id: int) -> None:
        """The bot is removed from a guild: GUILD_DELETE without ``unavailable``; its channels become inaccessible."""
        await self.gateway.dispatch("GUILD_DELETE", {"id": str(guild_id)})
        self.state.guilds.pop(guild_id, None)

    async def delete_channel(self, channel_id: int) -> None:
        """A channel (or thread) is deleted: CHANNEL_DELETE / THREAD_DELETE; later requests get 404 / 10003."""
        channel = self.state.channels.get(channel_id)
        if channel is not None:
            await self._remove_channel(channel)

    async def archive_thread(self, thread_id: int, *, locked: bool = False) -> None:
        """Discord auto-archives a thread: THREAD_UPDATE with archived (and optionally locked)."""
        thread = self.state.channels[thread_id]
        thread.archived = True
        thread.locked = locked
        thread.archive_timestamp = iso()
        await self.gateway.dispatch("THREAD_UPDATE", self.state.thread_payload(thread))
