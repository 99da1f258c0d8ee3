"""Socket Mode: the websocket behind ``apps.connections.open`` (hello, envelopes, acks, redelivery, disconnect)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

__all__ = ["SocketAck", "SocketConnection", "SocketEnvelope", "SocketModeHub"]

ENVELOPE_TYPES = ("events_api", "slash_commands", "interactive")


@dataclass
class SocketEnvelope:
    envelope_id: str
    type: str
    payload: dict[str, Any]
    accepts_response_payload: bool
    retry_attempt: int = 0
    retry_reason: str = ""
    sent_at: float = 0.0
    connection: int = 0

    def wire(self) -> dict[str, Any]:
        return {
            "envelope_id": self.envelope_id,
            "type": self.type,
            "payload": self.payload,
            "accepts_response_payload": self.accepts_response_payload,
            "retry_attempt": self.retry_attempt,
            "retry_reason": self.retry_reason,
        }


@dataclass
class SocketAck:
    """An ack from the app: its ``payload`` (if any) and how long it took after the envelope was sent."""

    envelope_id: str
    payload: Any
    latency: float
    envelope: SocketEnvelope | None


@dataclass
class SocketConnection:
    id: int
    ws: web.WebSocketResponse
    ticket: str
    connected_at: float = field(default_factory=time.monotonic)
    received: list[Any] = field(default_factory=list)


class SocketModeHub:
    """Issues tickets, accepts websocket connections and routes envelopes to the newest live connection."""

    def __init__(self, app_id: str) -> None:
        self.app_id = app_id
        self.tickets: dict[str, str | None] = {}  # ticket -> team id of the app token's owner (None: any)
        self.connections: list[SocketConnection] = []
        self.envelopes: list[SocketEnvelope] = []
        self.acks: list[SocketAck] = []
        self.unknown_messages: list[Any] = []
        self.hellos = 0
        self._by_id: dict[str, SocketEnvelope] = {}
        self._waiters: dict[str, asyncio.Future[SocketAck]] = {}
        self._connected = asyncio.Event()
        self._next = 0

    def issue_ticket(self, team_id: str | None) -> str:
        ticket = secrets.token_hex(16)
        self.tickets[ticket] = team_id
        return ticket

    def live(self) -> list[SocketConnection]:
        return [c for c in self.connections if not c.ws.closed]

    async def wait_connected(self, within: float = 3.0) -> SocketConnection:
        """The newest live connection, waiting for one (the hello has been sent when it returns)."""
        deadline = time.monotonic() + within
        while True:
            live = self.live()
            if live:
                return live[-1]
            self._connected.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no Socket Mode connection")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._connected.wait(), remaining)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        if ticket not in self.tickets:
            return web.Response(status=401, text="invalid ticket")
        del self.tickets[ticket]  # a URL is good for one connection, as in Slack
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._next += 1
        conn = SocketConnection(self._next, ws, ticket)
        self.connections.append(conn)
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": len(self.live()),
                "debug_info": {"host": "applink-standin", "build_number": 1, "approximate_connection_time": 18060},
                "connection_info": {"app_id": self.app_id},
            }
        )
        self.hellos += 1
        self._connected.set()
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            try:
                data = json.loads(msg.data)
            except ValueError:
                self.unknown_messages.append(msg.data)
                continue
            conn.received.append(data)
            envelope_id = data.get("envelope_id") if isinstance(data, dict) else None
            if not envelope_id:
                self.unknown_messages.append(data)
                continue
            envelope = self._by_id.get(envelope_id)
            latency = time.monotonic() - envelope.sent_at if envelope else 0.0
            ack = SocketAck(envelope_id, data.get("payload"), latency, envelope)
            self.acks.append(ack)
            waiter = self._waiters.pop(envelope_id, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(ack)
        return ws

    async def send(
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
        """Send one envelope to the newest connection; with ``wait``, return its ack (None when none came)."""
        if kind not in ENVELOPE_TYPES:
            raise ValueError(f"envelope type must be one of {ENVELOPE_TYPES}")
        conn = await self.wait_connected()
        accepts = kind != "events_api" if accepts_response_payload is None else accepts_response_payload
        envelope = SocketEnvelope(
            envelope_id or str(uuid.uuid4()), kind, payload, accepts, retry_attempt, retry_reason, connection=conn.id
        )
        waiter: asyncio.Future[SocketAck] = asyncio.get_running_loop().create_future()
        self._waiters[envelope.envelope_id] = waiter
        self._by_id[envelope.envelope_id] = envelope
        self.envelopes.append(envelope)
        envelope.sent_at = time.monotonic()
        await conn.ws.send_json(envelope.wire())
        if wait is None:
            return None
        try:
            return await asyncio.wait_for(asyncio.shield(waiter), wait)
        except TimeoutError:
            return None

    async def redeliver(self, envelope_id: str, reason: str = "timeout", wait: float | None = 3.0) -> SocketAck | None:
        """Send an envelope's payload again (new envelope id, same event_id), as Slack does after a missed ack."""
        old = self._by_id[envelope_id]
        return await self.send(
            old.type,
            old.payload,
            retry_attempt=old.retry_attempt + 1,
            retry_reason=reason,
            accepts_response_payload=old.accepts_response_payload,
            wait=wait,
        )

    async def disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the connected clients to reconnect (``{"type": "disconnect", "reason": ...}``)."""
        for conn in self.live():
            await conn.ws.send_json({"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-standin"}})

    async def close_all(self) -> None:
        for conn in self.connections:
            with contextlib.suppress(Exception):
                await conn.ws.close()
        for waiter in self._waiters.values():
            waiter.cancel()
        self._waiters.clear()
