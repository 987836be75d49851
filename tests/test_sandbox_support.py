"""Shared tools of the sandbox tests (a webhook receiver, a recording Socket.IO client,
the capture shape comparison) and the tests that keep those tools honest."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import socketio
from aiohttp import web

from evodesk.sandbox import Sandbox

_CANDIDATES = (
    Path(__file__).parent / "fixtures" / "evolution-2.3.6",
    Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "evolution-2.3.6",
    Path("/work/shared/fixtures/evolution-2.3.6"),
)
FIXTURES = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[-1])

WAIT = 10.0  # seconds any single expected event may take before the test fails


def load_capture(name: str) -> Any:
    path = FIXTURES / name
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return json.loads(path.read_text(encoding="utf-8"))


# ---- shape comparison ------------------------------------------------------------------

# Values that differ on every server and run; only their type is compared.
VOLATILE = frozenset(
    {
        "id",
        "instanceId",
        "createdAt",
        "updatedAt",
        "token",
        "hash",
        "clientName",
        "manager",
        "whatsappWebVersion",
        "date_time",
        "disconnectionAt",
        "messageTimestamp",
    }
)


def shape_diff(expected: Any, actual: Any, path: str = "$") -> list[str]:
    """Differences in keys, value types, and (outside VOLATILE keys) values."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {type(actual).__name__}"]
        out = [f"{path}: missing key {k!r}" for k in expected if k not in actual]
        out += [f"{path}: unexpected key {k!r}" for k in actual if k not in expected]
        for key in expected.keys() & actual.keys():
            sub = f"{path}.{key}"
            if key in VOLATILE:
                want, got = type(expected[key]).__name__, type(actual[key]).__name__
                if want != got:
                    out.append(f"{sub}: type {got}, expected {want}")
            else:
                out += shape_diff(expected[key], actual[key], sub)
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list, got {type(actual).__name__}"]
        if len(expected) != len(actual):
            return [f"{path}: {len(actual)} items, expected {len(expected)}: {actual!r}"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            out += shape_diff(e, a, f"{path}[{i}]")
        return out
    if type(expected) is not type(actual) or expected != actual:
        return [f"{path}: {actual!r}, expected {expected!r}"]
    return []


# ---- a webhook receiver ----------------------------------------------------------------


@dataclass
class Hit:
    path: str
    headers: Mapping[str, str]  # case-insensitive, as HTTP header names are
    body: Any


@dataclass
class Receiver:
    """A local HTTP server recording every POST. ``statuses`` scripts the answers
    (first in, first used; 200 once empty); ``gate`` when set holds each answer until
    the test opens it."""

    url: str = ""
    hits: asyncio.Queue[Hit] = field(default_factory=asyncio.Queue)
    statuses: list[int] = field(default_factory=list)
    gate: asyncio.Event | None = None
    waiting: int = 0

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.hits.put_nowait(Hit(request.path, request.headers.copy(), body))
        if self.gate is not None:
            self.waiting += 1
            try:
                await self.gate.wait()
            finally:
                self.waiting -= 1
        status = self.statuses.pop(0) if self.statuses else 200
        return web.json_response({"ok": status < 400}, status=status)

    async def next(self, timeout: float = WAIT) -> Hit:
        return await asyncio.wait_for(self.hits.get(), timeout)

    def drain(self) -> list[Hit]:
        out = []
        while not self.hits.empty():
            out.append(self.hits.get_nowait())
        return out


@asynccontextmanager
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver()
    app = web.Application()
    app.router.add_post("/{tail:.*}", rec.handle)
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    rec.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        yield rec
    finally:
        if rec.gate is not None:
            rec.gate.set()
        await runner.cleanup()


# ---- REST and Socket.IO clients --------------------------------------------------------


def rest(sb: Sandbox, key: str | None = None, **kwargs: Any) -> httpx.AsyncClient:
    headers = {"apikey": sb.api_key if key is None else key}
    return httpx.AsyncClient(
        base_url=sb.url, headers=headers, timeout=kwargs.pop("timeout", WAIT), **kwargs
    )


async def set_websocket(
    sb: Sandbox, instance: str, events: list[str], enabled: bool = True
) -> None:
    async with rest(sb) as http:
        r = await http.post(
            f"/websocket/set/{instance}", json={"websocket": {"enabled": enabled, "events": events}}
        )
        assert r.status_code == 201, r.text


async def set_webhook(sb: Sandbox, instance: str, **section: Any) -> dict[str, Any]:
    async with rest(sb) as http:
        r = await http.post(f"/webhook/set/{instance}", json={"webhook": section})
        assert r.status_code == 201, r.text
        row: dict[str, Any] = r.json()
        return row


@dataclass
class Seen:
    kind: str  # event | connect | connect_error | disconnect
    namespace: str
    name: str = ""
    data: Any = None


class Recorder:
    """A python-socketio AsyncClient that records everything it is told, in order."""

    def __init__(self, **client_kwargs: Any) -> None:
        self.client = socketio.AsyncClient(**client_kwargs)
        self.seen: asyncio.Queue[Seen] = asyncio.Queue()
        self.client.on("*", self._event, namespace="*")
        self.client.on("connect", self._connect, namespace="*")
        self.client.on("connect_error", self._connect_error, namespace="*")
        self.client.on("disconnect", self._disconnect, namespace="*")

    def _event(self, event: str, namespace: str, data: Any = None) -> None:
        self.seen.put_nowait(Seen("event", namespace, event, data))

    def _connect(self, namespace: str) -> None:
        self.seen.put_nowait(Seen("connect", namespace))

    def _connect_error(self, namespace: str, data: Any = None) -> None:
        self.seen.put_nowait(Seen("connect_error", namespace, data=data))

    def _disconnect(self, namespace: str, reason: Any = None) -> None:
        self.seen.put_nowait(Seen("disconnect", namespace, data=reason))

    async def connect(self, sb: Sandbox, namespaces: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("transports", ["websocket"])
        kwargs.setdefault("wait_timeout", 5)
        await self.client.connect(
            sb.url, namespaces=namespaces, socketio_path="socket.io", **kwargs
        )

    async def next(self, timeout: float = WAIT) -> Seen:
        return await asyncio.wait_for(self.seen.get(), timeout)

    async def next_event(self, timeout: float = WAIT) -> Seen:
        while True:
            seen = await self.next(timeout)
            if seen.kind == "event":
                return seen

    async def next_of(self, kind: str, timeout: float = WAIT) -> Seen:
        while True:
            seen = await self.next(timeout)
            if seen.kind == kind:
                return seen

    def pending_events(self) -> list[Seen]:
        out = []
        while not self.seen.empty():
            seen = self.seen.get_nowait()
            if seen.kind == "event":
                out.append(seen)
        return out

    async def close(self) -> None:
        await self.client.shutdown()
        if self.client.eio.http is not None and not self.client.eio.http.closed:
            await self.client.eio.http.close()


@asynccontextmanager
async def recorder(**client_kwargs: Any) -> AsyncIterator[Recorder]:
    rec = Recorder(**client_kwargs)
    try:
        yield rec
    finally:
        await rec.close()


async def join_fails(sb: Sandbox, namespace: str) -> tuple[Any, str]:
    """Joins ``namespace`` with a fresh client that expects refusal; returns the
    connect_error payload and the client's exception text."""
    async with recorder(reconnection=False) as rec:
        with pytest.raises(socketio.exceptions.ConnectionError) as info:
            await rec.connect(sb, [namespace])
        seen = await rec.next_of("connect_error")
        return seen.data, str(info.value)


# ---- the tools' own tests --------------------------------------------------------------


def test_shape_diff_sees_keys_types_and_values() -> None:
    assert shape_diff({"a": 1, "id": "x"}, {"a": 1, "id": "y"}) == []
    assert shape_diff({"a": 1}, {"a": 2}) == ["$.a: 2, expected 1"]
    assert shape_diff({"a": True}, {"a": 1}) != []
    assert shape_diff({"a": None}, {"a": "s"}) != []
    assert shape_diff({"id": None}, {"id": "s"}) != []
    assert shape_diff({"a": [1]}, {"a": [1, 2]}) != []
    assert shape_diff({"a": 1}, {"a": 1, "b": 2}) == ["$: unexpected key 'b'"]
    assert shape_diff({"m": [["x"]]}, {"m": ["x"]}) != []


def test_fixtures_are_present() -> None:
    assert len(list(FIXTURES.glob("[0-9]*.json"))) >= 58
    assert load_capture("00_root.json")["response"]["status"] == 200


async def test_receiver_records_and_scripts_answers() -> None:
    async with receiver() as rec, httpx.AsyncClient(timeout=WAIT) as http:
        rec.statuses = [500]
        r1 = await http.post(rec.url + "/a/b", json={"x": 1}, headers={"X-T": "1"})
        r2 = await http.post(rec.url + "/c", json={"y": 2})
        assert (r1.status_code, r2.status_code) == (500, 200)
        hit = await rec.next()
        assert (hit.path, hit.body, hit.headers["X-T"]) == ("/a/b", {"x": 1}, "1")
        assert (await rec.next()).path == "/c"
