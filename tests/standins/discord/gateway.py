"""The stand-in's websocket gateway: HELLO, IDENTIFY/READY/GUILD_CREATE, heartbeats, RESUME and event dispatch."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .state import DiscordState, mentions_user

__all__ = [
    "INTENT_DIRECT_MESSAGES",
    "INTENT_GUILDS",
    "INTENT_GUILD_MEMBERS",
    "INTENT_GUILD_MESSAGES",
    "INTENT_GUILD_PRESENCES",
    "INTENT_MESSAGE_CONTENT",
    "PRIVILEGED_INTENTS",
    "Gateway",
    "GatewaySession",
    "required_intent",
]

INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_GUILD_MESSAGE_REACTIONS = 1 << 10
INTENT_GUILD_MESSAGE_TYPING = 1 << 11
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_DIRECT_MESSAGE_REACTIONS = 1 << 13
INTENT_DIRECT_MESSAGE_TYPING = 1 << 14
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT
_ALL_INTENTS = (1 << 26) - 1
_MAX_GUILDS_PER_SHARD = 2500

_GUILDS_EVENTS = {
    "GUILD_CREATE",
    "GUILD_UPDATE",
    "GUILD_DELETE",
    "GUILD_ROLE_CREATE",
    "GUILD_ROLE_UPDATE",
    "GUILD_ROLE_DELETE",
    "CHANNEL_CREATE",
    "CHANNEL_UPDATE",
    "CHANNEL_DELETE",
    "CHANNEL_PINS_UPDATE",
    "THREAD_CREATE",
    "THREAD_UPDATE",
    "THREAD_DELETE",
    "THREAD_LIST_SYNC",
    "THREAD_MEMBER_UPDATE",
    "STAGE_INSTANCE_CREATE",
    "STAGE_INSTANCE_UPDATE",
    "STAGE_INSTANCE_DELETE",
}
_MEMBER_EVENTS = {"GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE", "THREAD_MEMBERS_UPDATE"}
_MESSAGE_EVENTS = {"MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK"}


def required_intent(event: str, data: dict[str, Any]) -> int | None:
    """The intent a session needs to receive an event (None: always delivered)."""
    in_guild = data.get("guild_id") is not None
    if event in _GUILDS_EVENTS:
        return INTENT_GUILDS
    if event in _MEMBER_EVENTS:
        return INTENT_GUILD_MEMBERS
    if event in _MESSAGE_EVENTS:
        return INTENT_GUILD_MESSAGES if in_guild else INTENT_DIRECT_MESSAGES
    if event.startswith("MESSAGE_REACTION_"):
        return INTENT_GUILD_MESSAGE_REACTIONS if in_guild else INTENT_DIRECT_MESSAGE_REACTIONS
    if event == "TYPING_START":
        return INTENT_GUILD_MESSAGE_TYPING if in_guild else INTENT_DIRECT_MESSAGE_TYPING
    return None


@dataclass(eq=False)
class _Connection:
    ws: web.WebSocketResponse
    path: str
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, payload: dict[str, Any]) -> bool:
        async with self.lock:
            if self.ws.closed:
                return False
            try:
                await self.ws.send_str(json.dumps(payload, separators=(",", ":")))
            except (ConnectionError, RuntimeError):
                return False
            return True


@dataclass
class GatewaySession:
    """One identified gateway session (a shard of a bot), kept across reconnects so it can be resumed."""

    session_id: str
    shard_id: int
    shard_count: int
    intents: int
    identify: dict[str, Any]
    seq: int = 0
    invalid: bool = False
    presence: dict[str, Any] | None = None
    resumes: int = 0
    buffer: deque[tuple[int, dict[str, Any]]] = field(default_factory=lambda: deque(maxlen=5000))
    conn: _Connection | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def connected(self) -> bool:
        return self.conn is not None and not self.conn.ws.closed and not self.invalid

    def handles_guild(self, guild_id: int | None) -> bool:
        if guild_id is None:
            return self.shard_id == 0
        return (guild_id >> 22) % self.shard_count == self.shard_id

    async def send_dispatch(self, event: str, data: dict[str, Any]) -> bool:
        async with self.lock:
            self.seq += 1
            payload = {"op": 0, "t": event, "s": self.seq, "d": data}
            self.buffer.append((self.seq, payload))
            conn = self.conn
            return conn is not None and await conn.send(payload)


class Gateway:
    """Websocket endpoint plus the sessions it created; the server mounts :meth:`handle` at the gateway paths."""

    def __init__(
        self,
        state: DiscordState,
        token: str,
        *,
        heartbeat_interval: int = 41250,
        allowed_privileged_intents: int = PRIVILEGED_INTENTS,
    ) -> None:
        self.state = state
        self.token = token
        self.heartbeat_interval = heartbeat_interval
        self.allowed_privileged_intents = allowed_privileged_intents
        self.resume_url = ""
        self.sessions: dict[str, GatewaySession] = {}
        self.identifies: list[dict[str, Any]] = []
        self.connections: list[dict[str, Any]] = []
        self.heartbeats = 0
        self.identify_count = 0
        self._connections: set[_Connection] = set()
        self._changed = asyncio.Event()
        self.on_connect: Callable[[GatewaySession], None] | None = None

    @property
    def application_flags(self) -> int:
        flags = 1 << 23  # APPLICATION_COMMAND_BADGE
        if self.allowed_privileged_intents & INTENT_GUILD_PRESENCES:
            flags |= 1 << 13
        if self.allowed_privileged_intents & INTENT_GUILD_MEMBERS:
            flags |= 1 << 15
        if self.allowed_privileged_intents & INTENT_MESSAGE_CONTENT:
            flags |= 1 << 19
        return flags

    def live_sessions(self) -> list[GatewaySession]:
        return [s for s in self.sessions.values() if not s.invalid]

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for_sessions(self, count: int = 1, timeout: float = 5.0) -> list[GatewaySession]:  # noqa: ASYNC109 - a timeout argument is the documented API
        """Wait until ``count`` identified sessions are connected."""
        async with asyncio.timeout(timeout):
            while True:
                live = [s for s in self.live_sessions() if s.connected]
                if len(live) >= count:
                    return live
                await self._changed.wait()

    # ---- websocket endpoint --------------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        conn = _Connection(ws, request.path)
        self._connections.add(conn)
        record: dict[str, Any] = {"path": request.path, "query": dict(request.query), "kind": None, "shard": None}
        self.connections.append(record)
        session: GatewaySession | None = None
        try:
            if request.query.get("encoding", "json") != "json":
                await ws.close(code=4002, message=b"Error while decoding payload.")
                return ws
            hello = {"heartbeat_interval": self.heartbeat_interval, "_trace": ['["standin-gateway",{"micros":0}]']}
            await conn.send({"op": 10, "d": hello, "s": None, "t": None})
            async for msg in ws:
                if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                    break
                try:
                    payload = json.loads(msg.data)
                    op = payload["op"]
                except (ValueError, KeyError, TypeError):
                    await ws.close(code=4002, message=b"Error while decoding payload.")
                    break
                data = payload.get("d")
                if op == 1:
                    self.heartbeats += 1
                    await conn.send({"op": 11, "d": None, "s": None, "t": None})
                elif op == 2:
                    if session is not None:
                        await ws.close(code=4005, message=b"Already authenticated.")
                        break
                    session = await self._identify(conn, data or {})
                    record.update(kind="identify", shard=[session.shard_id, session.shard_count] if session else None)
                elif op == 6:
                    if session is not None:
                        await ws.close(code=4005, message=b"Already authenticated.")
                        break
                    session = await self._resume(conn, data or {})
                    if session is None:
                        record.update(kind="resume-rejected")
                    else:
                        record.update(kind="resume", shard=[session.shard_id, session.shard_count])
                elif session is None and op in (3, 4, 8):
                    await ws.close(code=4003, message=b"Not authenticated.")
                    break
                elif op == 3 and session is not None:
                    session.presence = data
                elif op == 8 and session is not None:
                    await self._request_members(session, data or {})
                elif op == 4:
                    continue
                else:
                    await ws.close(code=4001, message=b"Unknown opcode.")
                    break
        finally:
            self._connections.discard(conn)
            if session is not None and session.conn is conn:
                session.conn = None
            self._notify()
        return ws

    async def _identify(self, conn: _Connection, data: dict[str, Any]) -> GatewaySession | None:
        ws = conn.ws
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        intents = data.get("intents")
        if not isinstance(intents, int) or intents < 0 or intents & ~_ALL_INTENTS:
            await ws.close(code=4013, message=b"Invalid intent(s).")
            return None
        if intents & PRIVILEGED_INTENTS & ~self.allowed_privileged_intents:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return None
        shard = data.get("shard") or [0, 1]
        shard_id, shard_count = int(shard[0]), int(shard[1])
        if shard_count < 1 or not 0 <= shard_id < shard_count:
            await ws.close(code=4010, message=b"Invalid shard.")
            return None
        guilds = [g for g in self.state.guilds.values() if (g.id >> 22) % shard_count == shard_id]
        if len(guilds) > _MAX_GUILDS_PER_SHARD:
            await ws.close(code=4011, message=b"Sharding required.")
            return None
        self.identify_count += 1
        self.identifies.append({k: v for k, v in data.items() if k != "token"})
        for old in self.sessions.values():
            if old.shard_id == shard_id and old.shard_count == shard_count:
                old.invalid = True
        session = GatewaySession(secrets.token_hex(16), shard_id, shard_count, intents, dict(data))
        session.presence = data.get("presence")
        self.sessions[session.session_id] = session
        session.conn = conn
        ready = {
            "v": 10,
            "user": {**self.state.bot.payload(), "verified": True, "mfa_enabled": False, "email": None},
            "user_settings": {},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "guild_join_requests": [],
            "presences": [],
            "private_channels": [],
            "relationships": [],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_url,
            "shard": [shard_id, shard_count],
            "application": {"id": str(self.state.application_id), "flags": self.application_flags},
            "geo_ordered_rtc_regions": ["us-east", "us-central", "us-south", "us-west", "atlanta"],
            "auth": {},
            "_trace": ['["standin-gateway",{"micros":0}]'],
        }
        await session.send_dispatch("READY", ready)
        for guild in guilds:
            await session.send_dispatch("GUILD_CREATE", self.state.guild_create_payload(guild))
        self._notify()
        if self.on_connect is not None:
            self.on_connect(session)
        return session

    async def _resume(self, conn: _Connection, data: dict[str, Any]) -> GatewaySession | None:
        session = self.sessions.get(str(data.get("session_id")))
        seq = data.get("seq") or 0
        oldest = session.buffer[0][0] if session and session.buffer else 1
        if session is None or session.invalid or data.get("token") != self.token or seq + 1 < oldest:
            await conn.send({"op": 9, "d": False, "s": None, "t": None})
            return None
        async with session.lock:
            if session.conn is not None and session.conn is not conn:
                with contextlib.suppress(Exception):
                    await session.conn.ws.close(code=4000)
            session.conn = conn
            session.resumes += 1
            for number, payload in list(session.buffer):
                if number > seq:
                    await conn.send(payload)
        await session.send_dispatch("RESUMED", {"_trace": ['["standin-gateway",{"micros":0}]']})
        self._notify()
        return session

    async def _request_members(self, session: GatewaySession, data: dict[str, Any]) -> None:
        guild = self.state.guilds.get(int(data.get("guild_id") or 0))
        if guild is None:
            return
        wanted = {int(u) for u in data.get("user_ids") or []}
        query = (data.get("query") or "").lower()
        members = []
        for uid in guild.members:
            user = self.state.users.get(uid)
            if wanted and uid not in wanted:
                continue
            if not wanted and query and not (user and user.username.lower().startswith(query)):
                continue
            members.append(self.state.member_payload(guild, uid))
        limit = int(data.get("limit") or 0)
        if limit:
            members = members[:limit]
        chunk: dict[str, Any] = {
            "guild_id": str(guild.id),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [str(u) for u in wanted if u not in guild.members],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        if data.get("presences"):
            chunk["presences"] = []
        await session.send_dispatch("GUILD_MEMBERS_CHUNK", chunk)

    # ---- pushing events ------------------------------------------------------------------------------------

    def _route_guild(self, event: str, data: dict[str, Any]) -> int | None:
        raw = data.get("guild_id")
        if raw is None and event.startswith("GUILD_") and "id" in data:
            raw = data["id"]
        return int(raw) if raw is not None else None

    def _shape(self, session: GatewaySession, event: str, data: dict[str, Any]) -> dict[str, Any]:
        if event not in ("MESSAGE_CREATE", "MESSAGE_UPDATE") or session.intents & INTENT_MESSAGE_CONTENT:
            return data
        if data.get("guild_id") is None:
            return data
        bot_id = self.state.bot.id
        author = data.get("author") or {}
        if str(author.get("id")) == str(bot_id) or mentions_user(data.get("content") or "", bot_id):
            return data
        shaped = dict(data)
        shaped.update(content="", embeds=[], attachments=[], components=[])
        shaped.pop("poll", None)
        return shaped

    async def dispatch(self, event: str, data: dict[str, Any], *, shard_id: int | None = None) -> int:
        """Send a DISPATCH event to every live session it belongs to; returns how many connected sessions got it."""
        guild_id = self._route_guild(event, data)
        needed = required_intent(event, data)
        delivered = 0
        for session in self.live_sessions():
            if shard_id is not None and session.shard_id != shard_id:
                continue
            if shard_id is None and not session.handles_guild(guild_id):
                continue
            if needed is not None and not session.intents & needed:
                continue
            if await session.send_dispatch(event, self._shape(session, event, data)):
                delivered += 1
        return delivered

    async def send_op(self, op: int, data: Any = None, *, shard_id: int | None = None) -> int:
        """Send a raw opcode (e.g. 7 RECONNECT, 9 INVALID_SESSION) to connected sessions."""
        sent = 0
        for session in self.live_sessions():
            if shard_id is not None and session.shard_id != shard_id:
                continue
            if session.conn is not None and await session.conn.send({"op": op, "d": data, "s": None, "t": None}):
                sent += 1
        return sent

    async def disconnect(self, *, code: int = 4000, resumable: bool = True, shard_id: int | None = None) -> int:
        """Close the sockets of live sessions; with ``resumable=False`` the sessions are invalidated too."""
        closed = 0
        for session in self.live_sessions():
            if shard_id is not None and session.shard_id != shard_id:
                continue
            conn = session.conn
            if not resumable:
                session.invalid = True
            if conn is not None:
                await conn.ws.close(code=code, message=b"stand-in disconnect")
                closed += 1
        self._notify()
        return closed

    async def close_all(self) -> None:
        for conn in list(self._connections):
            with contextlib.suppress(Exception):
                await conn.ws.close(code=1001, message=b"stand-in stopping")
