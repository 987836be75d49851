"""Real Socket.IO and WebSocket servers for the live-listener tests.

`EvoLikeServer` is python-socketio (an independent implementation) on aiohttp, made to
behave like Evolution where it matters: the API key is checked at the handshake and a
namespace exists only after the first emit to it ("Invalid namespace" before).
`RawServer` is a bare `websockets` server that says exactly what a test scripts.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import socketio
from aiohttp import web
from websockets.asyncio.server import Server, ServerConnection, serve

API_KEY = "B6D711FCDE4D-4F98-9B6E-GLOBAL-KEY"


def _listening_socket(port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Restarting on the same port must not wait for TIME_WAIT to expire.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


class EvoLikeServer:
    def __init__(
        self,
        *,
        api_key: str = API_KEY,
        ping_interval: float | tuple[float, float] = 25,
        ping_timeout: float = 20,
        refuse_status: int = 403,
        refuse_body: str = "Forbidden",
        port: int = 0,
    ) -> None:
        self.api_key = api_key
        self.ping_interval = ping_interval
        self.ping_timeout = ping_timeout
        self.refuse_status = refuse_status
        self.refuse_body = refuse_body
        self.port = port
        self.handshakes = 0
        self.refusals = 0
        self.existing: set[str] = set()
        self.members: dict[str, set[str]] = {}
        self.joins = 0
        self.eio_sids: set[str] = set()
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.sio: socketio.AsyncServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self.existing = set()
        self.members = {}
        sio = socketio.AsyncServer(
            async_mode="aiohttp",
            namespaces="*",
            ping_interval=self.ping_interval,
            ping_timeout=self.ping_timeout,
            logger=False,
            engineio_logger=False,
        )
        sio.on("connect", self._on_connect, namespace="*")
        sio.on("disconnect", self._on_disconnect, namespace="*")
        app = web.Application(middlewares=[self._check_key])
        sio.attach(app)
        runner = web.AppRunner(app, shutdown_timeout=0.5, access_log=None)
        await runner.setup()
        sock = _listening_socket(self.port)
        self.port = sock.getsockname()[1]
        await web.SockSite(runner, sock).start()
        self._runner = runner
        self.sio = sio

    async def stop(self, *, kill: bool = False) -> None:
        runner, self._runner = self._runner, None
        if runner is None:
            return
        if kill and runner.server is not None:
            # Like a crashed process: no close frame, the TCP connections just die.
            for handler in runner.server.connections:
                if handler.transport is not None:
                    handler.transport.abort()
        await runner.cleanup()
        self.sio = None
        self.eio_sids.clear()
        self.members.clear()
        await self._notify()

    async def __aenter__(self) -> EvoLikeServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def emit(self, instance: str, event: str, data: Any, /, **extra: Any) -> dict[str, Any]:
        """Emit like Evolution: the first emit brings the namespace into existence."""
        assert self.sio is not None
        self.existing.add(instance)
        payload = {
            "event": event,
            "instance": instance,
            "data": data,
            "server_url": self.url,
            "date_time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "apikey": "INSTANCE-TOKEN-" + instance,
            **extra,
        }
        await self.sio.emit(event, payload, namespace=f"/{instance}")
        return payload

    async def kick(self, instance: str) -> None:
        """Server-initiated disconnect of every client in that namespace."""
        assert self.sio is not None
        for sid in list(self.members.get(f"/{instance}", ())):
            await self.sio.disconnect(sid, namespace=f"/{instance}")

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        async def wait() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        await asyncio.wait_for(wait(), timeout)

    def engine_sockets(self) -> int:
        if self.sio is None:
            return 0
        return len(self.sio.eio.sockets)

    @web.middleware
    async def _check_key(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if request.path.startswith("/socket.io"):
            self.handshakes += 1
            key = request.headers.get("apikey") or request.query.get("apikey")
            if key != self.api_key:
                self.refusals += 1
                await self._notify()
                return web.Response(status=self.refuse_status, text=self.refuse_body)
        return await handler(request)

    async def _on_connect(self, namespace: str, sid: str, environ: Any, auth: Any) -> None:
        if namespace[1:] not in self.existing:
            raise socketio.exceptions.ConnectionRefusedError("Invalid namespace")
        assert self.sio is not None
        self.members.setdefault(namespace, set()).add(sid)
        self.eio_sids.add(self.sio.manager.eio_sid_from_sid(sid, namespace))
        self.joins += 1
        await self._notify()

    async def _on_disconnect(self, namespace: str, sid: str, reason: Any = None) -> None:
        self.members.get(namespace, set()).discard(sid)
        await self._notify()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()


Script = Callable[[ServerConnection], Awaitable[None]]


class RawServer:
    """A bare WebSocket server running `script` for every connection."""

    def __init__(self, script: Script, *, process_request: Any = None) -> None:
        self._script = script
        self._process_request = process_request
        self._server: Server | None = None
        self.received: asyncio.Queue[str | bytes] = asyncio.Queue()
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> RawServer:
        self._server = await serve(
            self._handle, "127.0.0.1", 0, compression=None, process_request=self._process_request
        )
        self.port = next(iter(self._server.sockets)).getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, ws: ServerConnection) -> None:
        with contextlib.suppress(Exception):
            await self._script(ws)

    async def collect(self, ws: ServerConnection) -> None:
        """Put whatever the client sends into `received` until it goes away."""
        async for message in ws:
            await self.received.put(message)


def open_packet(sid: str = "raw-sid", interval_ms: int = 25000, timeout_ms: int = 20000) -> str:
    return (
        f'0{{"sid":"{sid}","upgrades":[],"pingInterval":{interval_ms},'
        f'"pingTimeout":{timeout_ms},"maxPayload":1000000}}'
    )
