"""The Socket.IO side: handshake gate, namespaces that appear on first emit, delivery."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from typing import Any

import engineio
import socketio
from aiohttp import web

from evodesk.domain.events import config_name
from evodesk.sandbox.state import Instance, Store

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_EXPRESS_404 = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n'
    "</head>\n<body>\n<pre>Cannot GET /socket.io/</pre>\n</body>\n</html>\n"
)


class _Server(socketio.AsyncServer):  # type: ignore[misc]
    async def _handle_eio_disconnect(self, eio_sid: str, reason: Any) -> None:
        # A Node Engine.IO server answers a client's pending long-poll when that client
        # closes; python-engineio leaves it hanging until the ping timeout, so a
        # polling client would need ~30 s to disconnect. Release it here.
        sock = self.eio.sockets.get(eio_sid)
        await super()._handle_eio_disconnect(eio_sid, reason)
        if sock is not None and not sock.upgraded:
            sock.queue.put_nowait(engineio.packet.Packet(engineio.packet.NOOP))


class Realtime:
    """Owns the python-socketio server.

    A per-instance namespace ``/{name}`` answers "Invalid namespace" until the first
    event is actually emitted to it, as the real server only creates it then. The
    root namespace always exists and carries every event in global mode."""

    def __init__(
        self,
        store: Store,
        *,
        api_key: Callable[[], str],
        websocket_enabled: Callable[[], bool],
        global_socket: Callable[[], bool],
        require_key: Callable[[], bool],
    ) -> None:
        self._store = store
        self._api_key = api_key
        self._enabled = websocket_enabled
        self._global = global_socket
        self._require_key = require_key
        self.live: set[str] = set()
        self._transports: set[asyncio.Transport] = set()
        self.sio = _Server(
            async_mode="aiohttp",
            namespaces="*",
            cors_allowed_origins="*",
            ping_interval=25,
            ping_timeout=20,
            logger=False,
            engineio_logger=False,
        )
        self.sio.on("connect", self._on_connect, namespace="*")
        self.emitted = 0
        self._joins: dict[str, int] = {}
        self._joined = asyncio.Condition()

    def attach(self, app: web.Application) -> None:
        self.sio.attach(app, socketio_path="socket.io")

    async def _on_connect(
        self, namespace: str, sid: str, environ: dict[str, Any], auth: Any = None
    ) -> bool:
        if namespace == "/" or namespace[1:] in self.live:
            async with self._joined:
                self._joins[namespace] = self._joins.get(namespace, 0) + 1
                self._joined.notify_all()
            return True
        raise socketio.exceptions.ConnectionRefusedError("Invalid namespace")

    async def joined(self, namespace: str, total: int) -> None:
        """Returns once clients have joined `namespace` `total` times in all."""
        async with self._joined:
            await self._joined.wait_for(lambda: self._joins.get(namespace, 0) >= total)

    # ---- handshake gate ----------------------------------------------------------------

    def _key_accepted(self, key: str | None) -> bool:
        if not key:
            return False
        return key == self._api_key() or self._store.by_token(key) is not None

    async def gate(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Runs before python-socketio sees a request under /socket.io/."""
        if not self._enabled():
            # With websockets off the real server never mounts Socket.IO at all.
            return web.Response(status=404, text=_EXPRESS_404, content_type="text/html")
        if "sid" not in request.query and self._require_key():
            key = request.query.get("apikey") or request.headers.get("apikey")
            if not key:
                return _forbidden("apiKey is required")
            if not self._key_accepted(key):
                return _forbidden("Invalid global token")
        transport = request.transport
        if transport is not None:
            self._transports.add(transport)
        try:
            return await handler(request)
        finally:
            if transport is not None:
                self._transports.discard(transport)

    # ---- delivery ----------------------------------------------------------------------

    async def emit(self, inst: Instance, wire_event: str, message: dict[str, Any]) -> int:
        """Sends one event; returns how many namespaces it went to (0, 1 or 2)."""
        if not self._enabled():
            return 0
        sent = 0
        if self._global():
            await self.sio.emit(wire_event, message, namespace="/")
            sent += 1
        row = inst.websocket
        if row is not None and row.enabled and config_name(wire_event) in row.events:
            self.live.add(inst.name)
            await self.sio.emit(wire_event, message, namespace="/" + inst.name)
            sent += 1
        self.emitted += sent
        return sent

    def client_count(self) -> int:
        return len(self.sio.eio.sockets)

    # ---- breaking things ---------------------------------------------------------------

    async def drop(self) -> None:
        """Cuts every Engine.IO connection at the TCP level, as a crashed server or a
        network failure would: clients see a transport error and start reconnecting
        (a polite Socket.IO disconnect would tell them not to)."""
        for transport in list(self._transports):
            transport.abort()
        self._transports.clear()
        for sid, sock in list(self.sio.eio.sockets.items()):
            await sock.close(wait=False, abort=True, reason=self.sio.eio.reason.TRANSPORT_CLOSE)
            self.sio.eio.sockets.pop(sid, None)

    def forget_namespaces(self) -> None:
        self.live.clear()

    async def close(self) -> None:
        """Polite shutdown: clients are told the server closed, so they stop retrying.

        Engine.IO's own disconnect-all waits for each socket's queue to drain, which
        never happens for a client that has just gone away; so the close packets are
        queued without waiting, given a moment to leave, and the rest is cut."""
        for sock in list(self.sio.eio.sockets.values()):
            with contextlib.suppress(Exception):
                await sock.close(wait=False, reason=self.sio.eio.reason.SERVER_DISCONNECT)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 1.0
        while self._transports and loop.time() < deadline:
            await asyncio.sleep(0.02)
        for transport in list(self._transports):
            transport.abort()
        self._transports.clear()
        self.sio.eio.sockets.clear()
        await self.sio.shutdown()


def _forbidden(message: str) -> web.Response:
    # Engine.IO's refusal: HTTP 403 and code 4 ("Forbidden").
    return web.Response(
        status=403,
        text=json.dumps({"code": 4, "message": message}),
        content_type="application/json",
    )
