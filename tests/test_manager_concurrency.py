"""Delivery changes that overlap in time, against the sandbox with latency on: calls on
one instance queue and end in one consistent mode, repeated calls change nothing more,
calls on different instances run side by side, and a sync that overlaps a change never
stores an older state over the change's."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from evodesk.domain.events import catalogue_for
from evodesk.domain.models import DeliveryMode, Server, WebhookConfig
from evodesk.infra.evolution import EvolutionClient
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef
from evodesk.services.status import ChangeOutcome

NAMES = ["loja-sp", "loja-rj", "loja-bh"]
CATALOGUE = catalogue_for("2.3.6")
URLS = ("http://127.0.0.1:9/a", "https://hooks.example.com/b", "http://10.0.0.7:8080/c")
EVENTS = (
    ("MESSAGES_UPSERT",),
    ("CONNECTION_UPDATE", "MESSAGES_UPSERT"),
    ("SEND_MESSAGE", "MESSAGES_UPDATE", "CALL"),
)


@dataclass
class Traffic:
    """What the client was asked while a test ran, and doors a test can close on it."""

    in_flight: Counter[str] = field(default_factory=Counter)
    max_in_flight: Counter[str] = field(default_factory=Counter)
    total: int = 0
    max_total: int = 0
    # (method, instance) -> the call waits here until the test opens the door.
    doors: dict[tuple[str, str], asyncio.Event] = field(default_factory=dict)
    waiting: dict[tuple[str, str], asyncio.Event] = field(default_factory=dict)
    done: dict[tuple[str, str], asyncio.Event] = field(default_factory=dict)

    def watch(self, method: str, instance: str) -> asyncio.Event:
        return self.done.setdefault((method, instance), asyncio.Event())

    def close_door(self, method: str, instance: str) -> tuple[asyncio.Event, asyncio.Event]:
        door = self.doors[(method, instance)] = asyncio.Event()
        waiting = self.waiting[(method, instance)] = asyncio.Event()
        return door, waiting


class TrackedClient:
    """The real client; counts calls in flight per instance and honours closed doors."""

    def __init__(self, real: EvolutionClient, traffic: Traffic) -> None:
        self._real = real
        self._traffic = traffic

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._real, name)
        if not callable(attr) or name.startswith("_") or name == "aclose":
            return attr

        async def call(*args: Any, **kwargs: Any) -> Any:
            t = self._traffic
            instance = args[0] if args and isinstance(args[0], str) else ""
            key = (name, instance)
            door = t.doors.get(key)
            if door is not None:
                t.waiting[key].set()
                await door.wait()
            t.in_flight[instance] += 1
            t.max_in_flight[instance] = max(t.max_in_flight[instance], t.in_flight[instance])
            t.total += 1
            t.max_total = max(t.max_total, t.total)
            try:
                return await attr(*args, **kwargs)
            finally:
                t.in_flight[instance] -= 1
                t.total -= 1
                if key in t.done:
                    t.done[key].set()

        return call

    async def aclose(self) -> None:
        await self._real.aclose()


class Rows:
    """The sandbox's rows over plain HTTP (its own library and pool), latency aside."""

    def __init__(self, sandbox: Sandbox, http: aiohttp.ClientSession) -> None:
        self._sandbox = sandbox
        self._http = http

    async def _get(self, path: str) -> Any:
        latency, self._sandbox.latency = self._sandbox.latency, 0.0
        try:
            async with self._http.get(path) as response:
                return await response.json()
        finally:
            self._sandbox.latency = latency

    async def webhook(self, name: str) -> dict[str, Any] | None:
        row: dict[str, Any] | None = await self._get(f"/webhook/find/{name}")
        return row

    async def enabled(self, name: str) -> tuple[bool, bool]:
        webhook = await self.webhook(name)
        websocket = await self._get(f"/websocket/find/{name}")
        return bool(webhook and webhook["enabled"]), bool(websocket and websocket["enabled"])


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key="conc-key-0001", instances=list(NAMES), latency=0.005) as sb:
        yield sb


@pytest.fixture
async def rows(sandbox: Sandbox) -> AsyncIterator[Rows]:
    async with aiohttp.ClientSession(
        base_url=sandbox.url, headers={"apikey": sandbox.api_key}, raise_for_status=True
    ) as http:
        yield Rows(sandbox, http)


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
async def app(tmp_path: Path, sandbox: Sandbox, traffic: Traffic) -> AsyncIterator[AppServices]:
    def factory(server: Server, key: str) -> TrackedClient:
        return TrackedClient(
            EvolutionClient(server.base_url, key, version=server.version, timeout=10), traffic
        )

    services = await AppServices.open(
        resolve_paths(tmp_path / "d"), secrets=MemorySecretStore(), client_factory=factory
    )
    try:
        await services.servers.add("Main", sandbox.url, sandbox.api_key)
        [summary] = await services.sync.sync_all()
        assert summary.added == tuple(sorted(NAMES))
        yield services
    finally:
        await services.aclose()


def ref(name: str) -> InstanceRef:
    return InstanceRef(name, "Main")


async def stored(app: AppServices, name: str):  # type: ignore[no-untyped-def]
    server = await app.store.get_server("Main")
    assert server.id is not None
    return await app.store.get_instance(server.id, name)


MODES = {
    DeliveryMode.WEBHOOK: (True, False),
    DeliveryMode.WEBSOCKET: (False, True),
    DeliveryMode.NONE: (False, False),
}


@dataclass(frozen=True)
class Ask:
    """One request of the person: a mode and, for it, a selection."""

    mode: DeliveryMode
    url: str = ""
    events: tuple[str, ...] = ()

    def call(self, app: AppServices, name: str) -> Awaitable[ChangeOutcome]:
        if self.mode is DeliveryMode.WEBHOOK:
            return app.manager.enable_webhook(
                ref(name), WebhookConfig(url=self.url, events=self.events)
            )
        if self.mode is DeliveryMode.WEBSOCKET:
            return app.manager.enable_websocket(ref(name), self.events)
        return app.manager.disable_both(ref(name))


def random_ask(rng: random.Random) -> Ask:
    mode = rng.choice(list(MODES))
    if mode is DeliveryMode.NONE:
        return Ask(mode)
    return Ask(mode, rng.choice(URLS), rng.choice(EVENTS))


def in_order(events: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(e for e in CATALOGUE if e in events)


async def run_in_order(calls: list[Callable[[], Awaitable[ChangeOutcome]]]) -> list[int]:
    """Starts every call at once; returns their indexes in the order they finished."""
    finished: list[int] = []

    async def one(i: int) -> None:
        await calls[i]()
        finished.append(i)

    await asyncio.gather(*(one(i) for i in range(len(calls))))
    return finished


async def test_opposite_calls_on_one_instance_end_in_the_last_mode_every_round(
    app: AppServices, traffic: Traffic, rows: Rows
) -> None:
    rng = random.Random(20261129)
    last_webhook: Ask | None = None
    last_websocket: Ask | None = None
    for round_no in range(20):
        asks = [random_ask(rng) for _ in range(rng.randint(2, 5))]
        # Both switches in every round: the calls really are opposite.
        asks[0] = Ask(DeliveryMode.WEBHOOK, rng.choice(URLS), rng.choice(EVENTS))
        asks[1] = Ask(DeliveryMode.WEBSOCKET, events=rng.choice(EVENTS))
        rng.shuffle(asks)
        order = await run_in_order([partial(a.call, app, "loja-sp") for a in asks])
        final = asks[order[-1]]
        for i in order:
            if asks[i].mode is DeliveryMode.WEBHOOK:
                last_webhook = asks[i]
            elif asks[i].mode is DeliveryMode.WEBSOCKET:
                last_websocket = asks[i]
        server = await rows.enabled("loja-sp")
        instance = await stored(app, "loja-sp")
        context = f"round {round_no}: {asks} finished as {order}"
        assert server == MODES[final.mode], context
        assert (instance.webhook_enabled, instance.websocket_enabled) == server, context
        assert instance.attention is None and not instance.conflict
        # The selections are those of the last request of each kind, not a stale copy.
        assert last_webhook is not None and last_websocket is not None
        assert instance.webhook_url == last_webhook.url, context
        assert instance.webhook_events == in_order(last_webhook.events), context
        assert instance.websocket_events == in_order(last_websocket.events), context
    assert traffic.max_in_flight["loja-sp"] == 1  # one instance: one request at a time


async def test_simultaneous_repeated_calls_change_nothing_more(
    app: AppServices, sandbox: Sandbox, rows: Rows
) -> None:
    config = WebhookConfig(url=URLS[1], events=EVENTS[1], base64=True)
    await app.manager.enable_websocket(ref("loja-rj"), EVENTS[0])

    def posts() -> Counter[str]:
        return Counter(r.path.split("/")[1] for r in sandbox.requests if r.method == "POST")

    start = posts()
    first, second = await asyncio.gather(
        app.manager.enable_webhook(ref("loja-rj"), config),
        app.manager.enable_webhook(ref("loja-rj"), config),
    )
    assert sorted([first.message, second.message]) == [
        "Webhook enabled. WebSocket was disabled.", "Webhook updated."
    ]
    # The websocket is turned off once; the webhook row is written by each call.
    assert posts() - start == Counter({"webhook": 2, "websocket": 1})
    assert first.status.instance == replace(
        second.status.instance, last_sync_at=first.status.instance.last_sync_at
    )
    assert await rows.enabled("loja-rj") == (True, False)
    webhook = await rows.webhook("loja-rj")
    assert webhook is not None and webhook["url"] == URLS[1] and webhook["webhookBase64"]

    start = posts()
    outcomes = await asyncio.gather(
        *(app.manager.enable_websocket(ref("loja-rj"), EVENTS[2]) for _ in range(3))
    )
    assert sorted(o.message for o in outcomes) == [
        "WebSocket enabled. Webhook was disabled.", "WebSocket events updated.",
        "WebSocket events updated.",
    ]
    assert posts() - start == Counter({"webhook": 1, "websocket": 3})
    assert await rows.enabled("loja-rj") == (False, True)

    start = posts()
    outcomes = await asyncio.gather(
        *(app.manager.disable_both(ref("loja-rj")) for _ in range(3))
    )
    assert sorted(o.message.split(":")[0] for o in outcomes) == [
        "Delivery disabled", "Nothing was active; no change was needed.",
        "Nothing was active; no change was needed.",
    ]
    assert posts() - start == Counter({"websocket": 1})
    assert await rows.enabled("loja-rj") == (False, False)
    instance = await stored(app, "loja-rj")
    assert instance.mode is DeliveryMode.NONE
    assert (instance.webhook_url, instance.webhook_events) == (URLS[1], in_order(EVENTS[1]))
    assert instance.websocket_events == in_order(EVENTS[2])


async def test_calls_on_different_instances_overlap_in_time(
    app: AppServices, sandbox: Sandbox, traffic: Traffic, rows: Rows
) -> None:
    sandbox.latency = 0.02
    traffic.max_total = 0  # the fixture's sync read the instances side by side already
    traffic.max_in_flight.clear()
    rng = random.Random(7)
    for _ in range(5):
        asks = {name: random_ask(rng) for name in NAMES}
        await asyncio.gather(*(ask.call(app, name) for name, ask in asks.items()))
        for name, ask in asks.items():
            server = await rows.enabled(name)
            assert server == MODES[ask.mode]
            instance = await stored(app, name)
            assert (instance.webhook_enabled, instance.websocket_enabled) == server
    # Each instance's requests one at a time, but the instances side by side.
    assert all(traffic.max_in_flight[name] == 1 for name in NAMES)
    assert traffic.max_total >= 2


async def test_a_change_waits_for_the_other_calls_on_its_instance_only(
    app: AppServices, traffic: Traffic, rows: Rows
) -> None:
    # loja-sp's first change is held at its first write; a second change on loja-sp
    # must queue behind it while loja-rj's change runs to the end.
    door, waiting = traffic.close_door("set_webhook", "loja-sp")
    held = asyncio.ensure_future(
        app.manager.enable_webhook(ref("loja-sp"), WebhookConfig(url=URLS[0], events=EVENTS[0]))
    )
    queued = asyncio.ensure_future(app.manager.enable_websocket(ref("loja-sp"), EVENTS[1]))
    await waiting.wait()
    # Bounded: were loja-rj queued behind loja-sp, this would never finish.
    other = await asyncio.wait_for(
        app.manager.enable_websocket(ref("loja-rj"), EVENTS[2]), timeout=30
    )
    assert other.status.instance.mode is DeliveryMode.WEBSOCKET
    assert not held.done() and not queued.done()
    assert app.manager.locks.locked((await app.store.get_server("Main")).id or 0, "loja-sp")
    door.set()
    first, second = await held, await queued
    assert first.status.instance.mode is DeliveryMode.WEBHOOK
    assert second.message == "WebSocket enabled. Webhook was disabled."
    assert await rows.enabled("loja-sp") == (False, True)


@pytest.mark.parametrize("how", ["sync_all", "sync_instances"])
async def test_a_sync_never_stores_an_older_state_over_a_change(
    app: AppServices, traffic: Traffic, rows: Rows, how: str
) -> None:
    await app.manager.enable_websocket(ref("loja-sp"), EVENTS[0])
    # The sync reads loja-sp, then is held on loja-rj; meanwhile loja-sp changes mode.
    sp_read = traffic.watch("connection_state", "loja-sp")
    door, rj_waiting = traffic.close_door("find_webhook", "loja-rj")
    server = await app.store.get_server("Main")
    sync: asyncio.Future[Any]
    if how == "sync_all":
        sync = asyncio.ensure_future(app.sync.sync_all("Main"))
    else:
        sync = asyncio.ensure_future(app.sync.sync_instances(server, ["loja-sp", "loja-rj"]))
    await sp_read.wait()
    await rj_waiting.wait()
    outcome = await app.manager.enable_webhook(
        ref("loja-sp"), WebhookConfig(url=URLS[2], events=EVENTS[2])
    )
    assert outcome.status.instance.mode is DeliveryMode.WEBHOOK
    assert not sync.done()
    door.set()
    await sync
    assert await rows.enabled("loja-sp") == (True, False)
    instance = await stored(app, "loja-sp")
    assert (instance.webhook_enabled, instance.websocket_enabled) == (True, False)
    assert instance.webhook_url == URLS[2]
    # The instance the sync was held on is stored as read.
    assert (await stored(app, "loja-rj")).last_sync_at is not None


async def test_sync_and_changes_on_many_instances_end_consistent(
    app: AppServices, rows: Rows
) -> None:
    rng = random.Random(99)
    for _ in range(8):
        asks = {name: random_ask(rng) for name in NAMES}
        calls: list[Awaitable[Any]] = [app.sync.sync_all("Main")]
        calls += [ask.call(app, name) for name, ask in asks.items()]
        rng.shuffle(calls)
        await asyncio.gather(*calls)
        for name, ask in asks.items():
            server = await rows.enabled(name)
            assert server == MODES[ask.mode]
            instance = await stored(app, name)
            assert (instance.webhook_enabled, instance.websocket_enabled) == server, name


async def test_keep_webhook_keeps_the_rows_as_they_are_once_its_turn_comes(
    app: AppServices, traffic: Traffic, rows: Rows, sandbox: Sandbox
) -> None:
    """A conflict, a change already under way, then "keep webhook": what is kept is the
    webhook the change left, read under the lock, not the one seen while waiting."""
    from tests.manager_support import SandboxRows

    direct = SandboxRows(sandbox)
    await direct.set_webhook("loja-sp", enabled=True, url=URLS[1], events=list(EVENTS[0]))
    await direct.set_websocket("loja-sp", True, list(EVENTS[1]))
    server_id = (await app.store.get_server("Main")).id or 0
    door, waiting = traffic.close_door("set_webhook", "loja-sp")
    held = asyncio.ensure_future(
        app.manager.enable_webhook(ref("loja-sp"), WebhookConfig(url=URLS[2], events=EVENTS[2]))
    )
    await waiting.wait()
    keep = asyncio.ensure_future(app.manager.keep_webhook(ref("loja-sp")))

    async def queued() -> None:
        while app.manager.locks.queued(server_id, "loja-sp") == 0:
            await asyncio.sleep(0)

    await asyncio.wait_for(queued(), timeout=30)
    door.set()
    await held
    kept = await keep
    webhook = await rows.webhook("loja-sp")
    assert webhook is not None and webhook["url"] == URLS[2]
    assert webhook["events"] == list(in_order(EVENTS[2]))
    assert await rows.enabled("loja-sp") == (True, False)
    assert kept.status.instance.webhook_url == URLS[2] and not kept.status.instance.conflict
