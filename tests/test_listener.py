"""The listener supervisor and its event pipeline against real Socket.IO servers
(python-socketio, and scripted `websockets` servers for faults)."""

from __future__ import annotations

import asyncio
import base64
import io
import itertools
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from websockets.asyncio.server import ServerConnection

from evodesk.domain.errors import SecretMissing
from evodesk.domain.models import Event, Gap, Instance, ListenerState, Server
from evodesk.domain.secrets import (
    MASK,
    SECRET_CAMEL_SUFFIXES,
    SECRET_KEYS,
    SECRET_SUFFIXES,
    is_secret_key,
    mask_secrets,
)
from evodesk.infra.socketio_codec import decode_message
from evodesk.services.event_pipeline import (
    _SECRET_HINTS,
    EventPipeline,
    RecentKeys,
    SecretMasker,
    duplicate_key,
)
from evodesk.services.listen_cmd import run_listen
from evodesk.services.listener import (
    BackoffPolicy,
    EventStorePort,
    ListenerSupervisor,
    StateChange,
)
from tests.fakes import MemoryEventStore
from tests.sio_servers import API_KEY, EvoLikeServer, RawServer, open_packet
from tests.test_socketio_client import own_tasks

S = ListenerState
FAST = BackoffPolicy(initial=0.01, cap=0.05, jitter=0.5)


class FixedClock:
    def __init__(self) -> None:
        self.ticks = 0

    def now(self) -> datetime:
        self.ticks += 1
        return datetime(2026, 1, 1, tzinfo=UTC).replace(microsecond=self.ticks % 1_000_000)


class Watch:
    """Records state changes and lets a test await a condition on the supervisor."""

    def __init__(self, supervisor: ListenerSupervisor) -> None:
        self.changes: list[StateChange] = []
        self._poke = asyncio.Event()
        supervisor.on_state_changed(self._on_change)

    def _on_change(self, change: StateChange) -> None:
        self.changes.append(change)
        self._poke.set()

    async def until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        async def wait() -> None:
            while not predicate():
                self._poke.clear()
                await self._poke.wait()

        await asyncio.wait_for(wait(), timeout)

    def of(self, instance: str | None) -> list[S]:
        return [c.state for c in self.changes if c.instance == instance]


async def static_key(server: Server) -> str:
    return API_KEY


def supervisor(store: EventStorePort, **options: Any) -> ListenerSupervisor:
    options.setdefault("key_for", static_key)
    options.setdefault("backoff", FAST)
    options.setdefault("namespace_backoff", FAST)
    options.setdefault("batch_interval", 0.01)
    return ListenerSupervisor(store, **options)


async def next_event(subscription: AsyncIterator[Event], timeout: float = 5.0) -> Event:
    return await asyncio.wait_for(anext(subscription), timeout)


@pytest.fixture
async def evo() -> AsyncIterator[EvoLikeServer]:
    async with EvoLikeServer() as server:
        yield server


def test_the_fake_store_implements_the_port() -> None:
    store: EventStorePort = MemoryEventStore()
    assert store is not None


# --- joining, events, states ---------------------------------------------------------


async def test_events_of_several_instances_over_one_connection(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    ids = {n: store.add_instance(server, n).id for n in ("a", "b", "c")}
    for name in ids:
        await evo.emit(name, "connection.update", {"state": "open"})
    sup = supervisor(store)
    watch = Watch(sup)
    events = sup.subscribe()
    assert server.id is not None
    await sup.set_targets(server, ["a", "b", "c"])
    await watch.until(lambda: all(sup.namespace_state(server.id, n) is S.LIVE for n in ids))
    assert sup.connection_state(server.id) is S.LIVE
    sent = {}
    for name in ids:
        sent[name] = await evo.emit(
            name, "messages.upsert",
            {"key": {"id": f"M-{name}"}, "messageTimestamp": 1700000000, "status": "SERVER_ACK"},
            sender="5511999999999@s.whatsapp.net",
        )
    got = {e.instance: e for e in [await next_event(events) for _ in ids]}
    assert set(got) == set(ids)
    for name, event in got.items():
        assert event.server_id == server.id and event.instance_id == ids[name]
        assert event.wire_event == "messages.upsert" and event.config_event == "MESSAGES_UPSERT"
        assert event.server_time == sent[name]["date_time"]
        assert event.sender == "5511999999999@s.whatsapp.net"
        assert event.payload["apikey"] == MASK
        assert event.payload["data"] == sent[name]["data"]
        assert event.duplicate_key == f"{name}|messages.upsert|M-{name}|SERVER_ACK|1700000000"
        assert not event.is_duplicate
    await sup.flush()
    assert {e.instance for e in store.events} == set(ids)
    assert all("INSTANCE-TOKEN" not in json.dumps(e.payload) for e in store.events)
    assert evo.engine_sockets() == 1 and len(evo.eio_sids) == 1 and evo.handshakes == 1
    assert watch.of(None)[:2] == [S.CONNECTING, S.LIVE]
    await sup.aclose()
    assert sup.connection_state(server.id) is S.STOPPED


async def test_the_namespace_names_the_instance_not_the_payload(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    a, b = store.add_instance(server, "a"), store.add_instance(server, "b")
    await evo.emit("a", "connection.update", {"state": "open"})
    sup = supervisor(store)
    watch = Watch(sup)
    events = sup.subscribe()
    assert server.id is not None
    await sup.set_targets(server, ["a"])
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    for claimed in ("b", "nobody\nfake log line"):
        await evo.emit("a", "messages.upsert", {"key": {"id": f"M-{claimed}"}}, instance=claimed)
    got = [await next_event(events) for _ in range(2)]
    assert [(e.instance, e.instance_id) for e in got] == [("a", a.id)] * 2
    await sup.flush()
    assert [(e.instance, e.instance_id) for e in store.events] == [("a", a.id)] * 2
    assert b.id not in {e.instance_id for e in store.events}
    await sup.aclose()


async def test_invalid_namespace_waits_then_goes_live(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    store.add_instance(server, "fresh")
    sup = supervisor(store)
    watch = Watch(sup)
    assert server.id is not None
    await sup.set_targets(server, ["fresh"])
    await watch.until(lambda: sup.namespace_state(server.id, "fresh") is S.WAITING)
    waiting = [c for c in watch.changes if c.state is S.WAITING]
    assert waiting[0].reason == "Invalid namespace"
    assert evo.joins == 0
    await evo.emit("fresh", "connection.update", {})  # the server's first emit creates it
    await watch.until(lambda: sup.namespace_state(server.id, "fresh") is S.LIVE)
    assert watch.of("fresh")[0] == S.CONNECTING and watch.of("fresh")[-1] == S.LIVE
    assert sup.connection_state(server.id) is S.LIVE and evo.handshakes == 1
    assert store.gaps == []  # waiting for a namespace is not a lost connection
    await sup.aclose()


async def test_a_gap_left_open_by_an_earlier_run_ends_once_live(evo: EvoLikeServer) -> None:
    # evodesk ended without closing its gap (a crash, the power): the gap ends when the
    # instance is live again, instead of saying "offline since" for ever.
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    inst = store.add_instance(server, "loja")
    assert inst.id is not None and server.id is not None
    crashed = datetime(2026, 11, 29, 9, tzinfo=UTC)
    await store.open_gap(inst.id, crashed)
    await evo.emit("loja", "connection.update", {})  # the namespace exists
    sup = supervisor(store)
    await sup.set_targets(server, ["loja"])
    await store.wait_until(lambda: store.gaps[0].ended_at is not None)
    assert sup.namespace_state(server.id, "loja") is S.LIVE
    [gap] = store.gaps
    assert gap.started_at == crashed and gap.ended_at is not None and gap.ended_at > crashed
    await sup.aclose()
    assert len(store.gaps) == 1


class CountedCloses(MemoryEventStore):
    """Counts the writes that close gaps; the first is held until `release`."""

    def __init__(self) -> None:
        super().__init__()
        self.closes: list[list[int]] = []
        self.release = asyncio.Event()

    async def close_open_gaps(self, instance_ids: Sequence[int], ended_at: datetime) -> int:
        self.closes.append(list(instance_ids))
        if len(self.closes) == 1:
            await self.release.wait()
        return await super().close_open_gaps(instance_ids, ended_at)


async def test_gaps_left_open_by_an_earlier_run_end_in_one_write(evo: EvoLikeServer) -> None:
    # Hundreds of instances going live must not cost a database write each.
    store = CountedCloses()
    server = store.add_server("main", evo.url)
    names = [f"i{n}" for n in range(50)]
    ids = {}
    crashed = datetime(2026, 11, 29, 9, tzinfo=UTC)
    for name in names:
        instance = store.add_instance(server, name)
        assert instance.id is not None
        ids[name] = instance.id
        await store.open_gap(instance.id, crashed)
        await evo.emit(name, "connection.update", {})
    sup = supervisor(store)
    watch = Watch(sup)
    assert server.id is not None
    await sup.set_targets(server, names)
    await watch.until(lambda: all(sup.namespace_state(server.id, n) is S.LIVE for n in names))
    store.release.set()  # the first write, held while the others went live
    await store.wait_until(lambda: all(g.ended_at is not None for g in store.gaps))
    assert len(store.closes) <= 2, [len(c) for c in store.closes]
    assert sorted(i for c in store.closes for i in c) == sorted(ids.values())
    assert all(g.ended_at is not None and g.ended_at > crashed for g in store.gaps)
    await sup.aclose()
    assert len(store.gaps) == len(names) and len(store.closes) <= 2


async def test_targets_join_and_leave_while_the_connection_stays_up(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    for name in ("a", "b"):
        store.add_instance(server, name)
        await evo.emit(name, "connection.update", {})
    sup = supervisor(store)
    watch = Watch(sup)
    assert server.id is not None
    await sup.set_targets(server, ["a"])
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    await sup.set_targets(server, ["a", "b"])
    await watch.until(lambda: sup.namespace_state(server.id, "b") is S.LIVE)
    await sup.set_targets(server, ["b"])
    await evo.wait_until(lambda: not evo.members.get("/a"))
    assert sup.namespace_state(server.id, "a") is S.STOPPED
    assert evo.handshakes == 1 and len(evo.eio_sids) == 1
    await sup.set_targets(server, [])
    await evo.wait_until(lambda: not evo.members.get("/b"))
    assert sup.connection_state(server.id) is S.STOPPED
    assert watch.of(None)[-1] is S.STOPPED
    await sup.aclose()


async def test_a_target_dropped_and_restored_at_once_is_joined_once(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    for name in ("a", "b"):
        store.add_instance(server, name)
        await evo.emit(name, "connection.update", {})
    sup = supervisor(store)
    watch = Watch(sup)
    events = sup.subscribe()
    assert server.id is not None
    await sup.set_targets(server, ["a", "b"])
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    joins = evo.joins
    await sup.set_targets(server, ["b"])
    await sup.set_targets(server, ["a", "b"])  # before the link could send the leave
    await evo.wait_until(lambda: evo.joins > joins)
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    await evo.emit("a", "messages.upsert", {"key": {"id": "once"}})
    await evo.emit("b", "messages.upsert", {"key": {"id": "marker"}})
    got = [await next_event(events), await next_event(events)]
    assert sorted(e.instance for e in got) == ["a", "b"]
    assert len(evo.members["/a"]) == 1
    await sup.aclose()


async def test_server_closing_a_namespace_is_rejoined_and_leaves_a_gap(
    evo: EvoLikeServer,
) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    inst = store.add_instance(server, "a")
    await evo.emit("a", "connection.update", {})
    sup = supervisor(store)
    watch = Watch(sup)
    assert server.id is not None
    await sup.set_targets(server, ["a"])
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    await evo.kick("a")
    await watch.until(lambda: S.RETRYING in watch.of("a"))
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    await store.wait_until(lambda: len(store.gaps) == 1 and store.gaps[0].ended_at is not None)
    assert store.gaps[0].instance_id == inst.id
    assert evo.handshakes == 1  # the connection itself never dropped
    await sup.aclose()


@pytest.mark.parametrize(
    ("status", "body"), [(401, "Unauthorized"), (403, "Forbidden"), (400, "Invalid global token")]
)
async def test_a_refused_key_stops_without_retrying(status: int, body: str) -> None:
    async with EvoLikeServer(refuse_status=status, refuse_body=body) as evo:
        store = MemoryEventStore()
        server = store.add_server("main", evo.url)
        store.add_instance(server, "a")
        keys = ["WRONG"]

        async def key_for(s: Server) -> str:
            return keys[-1]

        before = own_tasks()
        sup = supervisor(store, key_for=key_for)
        watch = Watch(sup)
        assert server.id is not None
        await sup.set_targets(server, ["a"])
        await watch.until(lambda: sup.connection_state(server.id) is S.REFUSED)
        assert sup.namespace_state(server.id, "a") is S.REFUSED
        refused = [c for c in watch.changes if c.state is S.REFUSED and c.instance is None]
        assert refused[0].reason == "The server refused the API key."
        assert own_tasks() - before == set()  # nothing left that could retry
        assert evo.handshakes == 1 and evo.refusals == 1

        keys.append(API_KEY)  # the user fixed the key
        await evo.emit("a", "connection.update", {})
        await sup.reconnect(server.id)
        await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
        assert evo.handshakes == 2
        await sup.aclose()


async def test_reconnect_skips_a_long_backoff() -> None:
    down = EvoLikeServer()
    await down.start()
    await down.stop()  # nothing listens on this port now
    store = MemoryEventStore()
    server = store.add_server("main", down.url)
    store.add_instance(server, "a")
    sup = supervisor(store, backoff=BackoffPolicy(initial=60, cap=60))
    watch = Watch(sup)
    assert server.id is not None
    await sup.set_targets(server, ["a"])
    await watch.until(lambda: sup.connection_state(server.id) is S.RETRYING)
    async with EvoLikeServer(port=down.port) as evo:
        await evo.emit("a", "connection.update", {})
        await sup.reconnect(server.id)
        await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
        await sup.aclose()


async def test_a_new_url_keeps_the_gap_of_a_server_still_unheard() -> None:
    # The server is down and its address is corrected: the instances are not heard any
    # more at the new address than at the old one, so their gap stays open until they are.
    old, new = EvoLikeServer(), EvoLikeServer()
    await old.start()
    await new.start()
    await new.stop()  # nothing listens there yet
    store = MemoryEventStore()
    server = store.add_server("main", old.url)
    inst = store.add_instance(server, "a")
    await old.emit("a", "connection.update", {})
    sup = supervisor(store)
    watch = Watch(sup)
    assert server.id is not None
    await sup.set_targets(server, ["a"])
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    await old.stop(kill=True)
    await store.wait_until(lambda: len(store.gaps) == 1)

    seen = len(watch.changes)
    await sup.set_targets(replace(server, base_url=new.url), ["a"])
    await watch.until(lambda: any(c.state is S.RETRYING and c.instance is None
                                  for c in watch.changes[seen:]))  # tried the new URL
    [gap] = store.gaps
    assert gap.instance_id == inst.id and gap.ended_at is None

    await new.start()
    await new.emit("a", "connection.update", {})
    await sup.reconnect(server.id)
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    await store.wait_until(lambda: store.gaps[0].ended_at is not None)
    assert len(store.gaps) == 1
    await sup.aclose()
    await new.stop()


async def test_a_missing_key_is_refused(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)

    async def no_key(s: Server) -> str:
        raise SecretMissing("No API key is stored for this server.")

    sup = supervisor(store, key_for=no_key)
    watch = Watch(sup)
    assert server.id is not None
    await sup.set_targets(server, ["a"])
    await watch.until(lambda: sup.connection_state(server.id) is S.REFUSED)
    assert watch.changes[-1].reason == "No API key is stored for this server."
    assert evo.handshakes == 0
    await sup.aclose()


async def test_refresh_from_store_follows_websocket_mode(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    other = store.add_server("other", evo.url + "/other")
    store.add_instance(server, "ws1")
    store.add_instance(server, "hook", websocket=False)
    store.add_instance(other, "x", websocket=False)
    await evo.emit("ws1", "connection.update", {})
    await evo.emit("hook", "connection.update", {})
    sup = supervisor(store)
    watch = Watch(sup)
    assert server.id is not None and other.id is not None
    await sup.refresh_from_store()
    await watch.until(lambda: sup.namespace_state(server.id, "ws1") is S.LIVE)
    assert sup.namespace_state(server.id, "hook") is S.STOPPED
    assert sup.connection_state(other.id) is S.STOPPED  # no websocket instance: no connection
    store.set_websocket("hook", True)
    store.set_websocket("ws1", False)
    await sup.refresh()
    await watch.until(lambda: sup.namespace_state(server.id, "hook") is S.LIVE)
    await evo.wait_until(lambda: not evo.members.get("/ws1"))
    await sup.stop_instance(server, "hook")
    assert sup.connection_state(server.id) is S.STOPPED
    await sup.aclose()


# --- faults ----------------------------------------------------------------------------


async def test_twenty_server_restarts_while_events_flow() -> None:
    rounds = 20
    evo = EvoLikeServer()
    await evo.start()
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    inst = store.add_instance(server, "a")
    resyncs: list[list[str]] = []

    async def resync(s: Server, names: list[str]) -> None:
        resyncs.append(names)

    before = own_tasks()
    sup = supervisor(store, resync=resync)
    watch = Watch(sup)
    events = sup.subscribe(maxsize=1_000_000)
    current = {"round": 0}

    async def emit_forever() -> None:
        while True:
            if evo.sio is not None:
                await evo.emit("a", "messages.upsert", {"round": current["round"]})
            await asyncio.sleep(0.002)  # the event stream's pace

    emitter = asyncio.create_task(emit_forever())
    assert server.id is not None
    await sup.set_targets(server, ["a"])
    for round_ in range(rounds + 1):
        current["round"] = round_
        while (await next_event(events)).payload["data"]["round"] != round_:
            pass
        assert len(evo.eio_sids) == 1  # one Engine.IO connection per server life
        if round_ < rounds:
            await evo.stop(kill=True)
            await evo.start()
    await store.wait_until(
        lambda: len(store.gaps) == rounds and all(g.ended_at for g in store.gaps)
    )
    assert {g.instance_id for g in store.gaps} == {inst.id}
    assert all(g.ended_at is not None and g.started_at <= g.ended_at for g in store.gaps)
    await watch.until(lambda: len(resyncs) == rounds)
    assert resyncs == [["a"]] * rounds
    assert watch.of(None).count(S.RETRYING) >= rounds
    emitter.cancel()
    await asyncio.gather(emitter, return_exceptions=True)
    await sup.aclose()
    await evo.wait_until(lambda: not evo.members.get("/a"))
    assert own_tasks() - before == set()
    await evo.stop()


def kicks_once(*frames: str) -> Callable[[ServerConnection], Any]:
    """A server that answers every join of /a, then after the first one sends `frames`,
    all at once (the client reads them all before it writes anything)."""
    kicked: list[bool] = []

    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        async for frame in ws:
            if frame == "40/a,":
                await ws.send('40/a,{"sid":"n"}')
                if not kicked:
                    kicked.append(True)
                    for sent in frames:
                        await ws.send(sent)

    return script


async def test_a_namespace_back_before_its_gap_is_written_closes_the_gap() -> None:
    # The server drops /a and takes it back at once: both frames are read before the
    # gap is written. The gap still ends when /a is live again, not never.
    store = MemoryEventStore()
    async with RawServer(kicks_once("41/a,", '40/a,{"sid":"again"}')) as raw:
        server = store.add_server("raw", raw.url)
        inst = store.add_instance(server, "a")
        sup = supervisor(store)
        assert server.id is not None
        await sup.set_targets(server, ["a"])
        await store.wait_until(lambda: bool(store.gaps) and store.gaps[-1].ended_at is not None)
        assert sup.namespace_state(server.id, "a") is S.LIVE
        assert [g.instance_id for g in store.gaps] == [inst.id]
        gap = store.gaps[0]
        assert gap.ended_at is not None and gap.started_at <= gap.ended_at
        await sup.aclose()
        assert all(g.ended_at is not None for g in store.gaps)


async def test_a_connect_error_on_a_live_namespace_opens_a_gap() -> None:
    store = MemoryEventStore()
    async with RawServer(kicks_once('44/a,{"message":"Invalid namespace"}')) as raw:
        server = store.add_server("raw", raw.url)
        inst = store.add_instance(server, "a")
        sup = supervisor(store)
        assert server.id is not None
        await sup.set_targets(server, ["a"])
        # Back after the retry: the gap from the error to then is recorded and closed.
        await store.wait_until(lambda: bool(store.gaps) and store.gaps[-1].ended_at is not None)
        assert [g.instance_id for g in store.gaps] == [inst.id]
        assert sup.namespace_state(server.id, "a") is S.LIVE
        await sup.aclose()


async def test_a_silent_server_is_detected_and_left_for_a_new_connection() -> None:
    opened: list[int] = []

    async def script(ws: ServerConnection) -> None:
        opened.append(len(opened))
        await ws.send(open_packet(f"s{len(opened)}", interval_ms=150, timeout_ms=100))
        async for frame in ws:
            if frame == "40/a,":
                await ws.send('40/a,{"sid":"n"}')
                if len(opened) > 1:  # the second session keeps pinging like a live server
                    await ws.send('42/a,["connection.update",{"data":{}}]')
        # the first session simply goes silent after joining

    store = MemoryEventStore()
    async with RawServer(script) as raw:
        server = store.add_server("raw", raw.url)
        store.add_instance(server, "a")
        sup = supervisor(store)
        watch = Watch(sup)
        events = sup.subscribe()
        assert server.id is not None
        await sup.set_targets(server, ["a"])
        event = await next_event(events, timeout=3)
        assert event.wire_event == "connection.update"
        retrying = [c for c in watch.changes if c.state is S.RETRYING and c.instance is None]
        assert retrying and "dead peer" in (retrying[0].reason or "")
        assert len(opened) == 2 and len(store.gaps) == 1
        await sup.aclose()


async def test_a_frame_over_the_cap_costs_one_reconnect() -> None:
    sessions: list[int] = []

    async def script(ws: ServerConnection) -> None:
        sessions.append(1)
        await ws.send(open_packet())
        async for frame in ws:
            if frame == "40/a,":
                await ws.send('40/a,{"sid":"n"}')
                body = "x" * (5000 if len(sessions) == 1 else 10)
                await ws.send(f'42/a,["messages.upsert",{{"data":"{body}"}}]')

    store = MemoryEventStore()
    async with RawServer(script) as raw:
        server = store.add_server("raw", raw.url)
        sup = supervisor(store, max_frame_size=4096)
        watch = Watch(sup)
        events = sup.subscribe()
        assert server.id is not None
        await sup.set_targets(server, ["a"])
        event = await next_event(events)
        assert event.payload["data"] == "x" * 10
        assert any("cap" in (c.reason or "") for c in watch.changes if c.state is S.RETRYING)
        assert len(sessions) == 2
        await sup.aclose()


async def test_a_dead_peers_gap_starts_when_it_was_last_heard() -> None:
    # A silent peer is found dead only after its ping interval and timeout; the events
    # lost are those it did not send since it was last heard, so the gap starts there.
    heard: list[datetime] = []

    async def script(ws: ServerConnection) -> None:
        first = not heard
        interval = 600 if first else 25000
        await ws.send(open_packet(interval_ms=interval, timeout_ms=400))
        async for frame in ws:
            if frame == "40/a,":
                await ws.send('40/a,{"sid":"n"}')
                heard.append(datetime.now(UTC))
        # the first session goes silent after the join

    store = MemoryEventStore()
    async with RawServer(script) as raw:
        server = store.add_server("raw", raw.url)
        store.add_instance(server, "a")
        sup = supervisor(store)
        watch = Watch(sup)
        assert server.id is not None
        await sup.set_targets(server, ["a"])
        await store.wait_until(lambda: bool(store.gaps) and store.gaps[0].ended_at is not None)
        retrying = [c for c in watch.changes if c.state is S.RETRYING and c.instance is None]
        assert "dead peer" in (retrying[0].reason or "")
        gap = store.gaps[0]
        assert gap.ended_at is not None
        # Found 1 s after the last frame: the gap holds that second, give or take the loop.
        assert abs((gap.started_at - heard[0]).total_seconds()) < 0.5
        assert (gap.ended_at - gap.started_at).total_seconds() >= 0.9
        await sup.aclose()


class HeldGapStore(MemoryEventStore):
    """The first gap it is asked to open is written on a worker thread, as the real
    store writes, and held there until `release`: once begun, it is written even if
    whoever waits for it is cancelled."""

    def __init__(self) -> None:
        super().__init__()
        self.holding = asyncio.Event()
        self.release = threading.Event()
        self.written = threading.Event()

    async def open_gap(self, instance_id: int, started_at: datetime) -> Gap:
        if self.holding.is_set():
            return await super().open_gap(instance_id, started_at)
        self.holding.set()

        def write() -> Gap:
            self.release.wait(10)
            gap = Gap(instance_id=instance_id, started_at=started_at, id=next(self._ids))
            self.gaps.append(gap)
            self.written.set()
            return gap

        return await asyncio.get_running_loop().run_in_executor(None, write)


class LogSeen(logging.Handler):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self.text in record.getMessage():
            self.seen.set()


async def test_a_connection_lost_just_before_the_link_closes_still_leaves_gaps(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The link is busy writing one gap when the connection goes, and is closed before
    # it gets to that loss: both the gap being written and the loss are recorded.
    drop = asyncio.Event()

    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        async for frame in ws:
            if frame in ("40/a,", "40/b,"):
                await ws.send(frame[:-1] + ',{"sid":"n"}')
            if frame == "40/b,":
                await ws.send("41/b,")
                await drop.wait()
                await ws.close()

    caplog.set_level(logging.INFO, logger="evodesk.infra.socketio_client")
    closed = LogSeen("ended: the server closed the connection")
    logging.getLogger("evodesk.infra.socketio_client").addHandler(closed)
    store = HeldGapStore()
    try:
        async with RawServer(script) as raw:
            server = store.add_server("raw", raw.url)
            ids = {n: store.add_instance(server, n).id for n in ("a", "b")}
            sup = supervisor(store)
            assert server.id is not None
            await sup.set_targets(server, ["a", "b"])
            await asyncio.wait_for(store.holding.wait(), 5)  # b's gap, being written
            drop.set()
            await asyncio.wait_for(closed.seen.wait(), 5)
            [run] = [t for t in asyncio.all_tasks() if t.get_name() == "listener-raw"]
            closing = asyncio.create_task(sup.aclose())
            await asyncio.wait_for(asyncio.wait([run]), 5)  # cancelled mid-write
            store.release.set()
            await asyncio.wait_for(closing, 5)
            assert await asyncio.to_thread(store.written.wait, 5)
    finally:
        store.release.set()
        logging.getLogger("evodesk.infra.socketio_client").removeHandler(closed)
    # Each once: the write under way when the link closed is not made a second time.
    assert sorted(g.instance_id for g in store.gaps) == sorted(ids.values())
    assert all(g.ended_at is not None and g.started_at <= g.ended_at for g in store.gaps)


def connections_and_joins(
    *, drop_connection: bool, keep_after: int | None = None
) -> tuple[list[float], Callable[[ServerConnection], Any]]:
    """A peer that accepts /a and at once drops the connection (or just /a); the
    returned list gets the loop time of every connection (or join)."""
    times: list[float] = []

    async def script(ws: ServerConnection) -> None:
        now = asyncio.get_running_loop().time
        if drop_connection:
            times.append(now())
        kept = keep_after is not None and len(times) > keep_after
        # A kept connection is never pinged: it is found dead 1.2 s later.
        await ws.send(open_packet(interval_ms=1000, timeout_ms=200) if kept else open_packet())
        async for frame in ws:
            if frame == "40/a,":
                await ws.send('40/a,{"sid":"n"}')
                if kept:
                    continue
                if drop_connection:
                    return  # websockets closes the connection
                times.append(now())
                await ws.send("41/a,")

    return times, script


async def test_a_peer_that_drops_every_connection_gets_a_growing_backoff() -> None:
    # Going live proves nothing: only a connection that stayed up for the backoff's cap
    # starts the delays again from the first.
    policy = BackoffPolicy(initial=0.01, factor=3, cap=1.0, jitter=0)
    starts, script = connections_and_joins(drop_connection=True, keep_after=6)
    store = MemoryEventStore()
    async with RawServer(script) as raw:
        server = store.add_server("raw", raw.url)
        store.add_instance(server, "a")
        sup = supervisor(store, backoff=policy)
        watch = Watch(sup)
        assert server.id is not None
        await sup.set_targets(server, ["a"])
        await watch.until(lambda: len(starts) >= 8, timeout=15)
        await sup.aclose()
    waits = [b - a for a, b in itertools.pairwise(starts)]
    for attempt, waited in enumerate(waits[:6], start=1):
        assert waited >= policy.delay(attempt), waits  # 0.01, 0.03, 0.09, 0.27, 0.81, 1.0
    # The seventh lived past the cap (until found dead, 1.2 s): the next try came at once.
    assert waits[6] < 1.2 + 0.5, waits


async def test_a_peer_that_drops_a_namespace_at_once_gets_a_growing_backoff() -> None:
    policy = BackoffPolicy(initial=0.01, factor=3, cap=1.0, jitter=0)
    joins, script = connections_and_joins(drop_connection=False)
    store = MemoryEventStore()
    async with RawServer(script) as raw:
        server = store.add_server("raw", raw.url)
        store.add_instance(server, "a")
        sup = supervisor(store, namespace_backoff=policy)
        watch = Watch(sup)
        assert server.id is not None
        await sup.set_targets(server, ["a"])
        await watch.until(lambda: len(joins) >= 6, timeout=10)
        await sup.aclose()
    waits = [b - a for a, b in itertools.pairwise(joins)]
    for attempt, waited in enumerate(waits[:5], start=1):
        assert waited >= policy.delay(attempt), waits  # 0.01, 0.03, 0.09, 0.27, 0.81


# --- the pipeline ----------------------------------------------------------------------


async def test_undecodable_arguments_are_a_protocol_error_at_the_pipeline(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad_frames = [
        '42/a,["messages.upsert",{"apikey":"CANARY-KEY",]',
        '42/a,["messages.upsert",{"x":1}}]',
        '42/a,["messages.upsert",tru]',
    ]

    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        async for frame in ws:
            if frame == "40/a,":
                await ws.send('40/a,{"sid":"n"}')
                for bad in bad_frames:
                    await ws.send(bad)
                await ws.send('42/a,["messages.upsert",{"data":{"key":{"id":"M1"}}}]')

    caplog.set_level(logging.WARNING, "evodesk")
    store = MemoryEventStore()
    async with RawServer(script) as raw:
        server = store.add_server("raw", raw.url)
        store.add_instance(server, "a")
        sup = supervisor(store)
        events = sup.subscribe()
        assert server.id is not None
        await sup.set_targets(server, ["a"])
        event = await next_event(events)
        assert event.payload == {"data": {"key": {"id": "M1"}}}
        assert sup.pipeline.protocol_errors == len(bad_frames)
        assert sup.connection_state(server.id) is S.LIVE
        assert sup.namespace_state(server.id, "a") is S.LIVE
        await sup.flush()
        assert [e.payload for e in store.events] == [event.payload]
        await sup.aclose()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == len(bad_frames) and all("/a" in w for w in warnings)
    assert not any("CANARY" in w for w in warnings)  # payload text never reaches the log


async def test_events_with_other_arguments_than_one_object() -> None:
    pipeline = EventPipeline(MemoryEventStore(), clock=FixedClock())
    several = pipeline.accept_packet(1, "a", decode_message('42/a,["ev",{"x":1},"y"]'), {})
    bare = pipeline.accept_packet(1, "a", decode_message('42/a,["ev","y"]'), {})
    none = pipeline.accept_packet(1, "a", decode_message('42/a,["ev"]'), {})
    assert several is not None and bare is not None and none is not None
    # The first object is the payload, as ever; its text is kept only when it is alone.
    assert several.payload == {"x": 1} and several.payload_json is None
    assert bare.payload == {"args": ["y"]} and none.payload == {"args": []}
    assert pipeline.protocol_errors == 0
    await pipeline.aclose()


CANARY = "CANARY-5E1F"


def frame_of(payload_text: str) -> str:
    return f'42/a,["messages.upsert",{payload_text}]'


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # Evolution's own shape, spelt as its Node server spells it: the text is kept.
        ('{"event":"x","data":{"n":"São"},"apikey":"' + CANARY + '"}', True),
        ('{"apikey":"' + CANARY + '","data":{}}', True),
        ('{"data":{"n":1},"apikey":""}', True),
        ('{"data":{"n":1},"apikey":null}', True),
        ('{"data":{"n":"nothing to hide"}}', True),
        # Anything the text proof cannot vouch for is written again from the dict.
        ('{"data":{"apikey":"' + CANARY + '"},"data":{},"apikey":"K"}', False),
        ('{"apikey":"' + CANARY + '","apikey":""}', False),
        ('{"\\u0061pikey":"' + CANARY + '","apikey":"K"}', False),
        ('{"api\u212aey":"' + CANARY + '","apikey":"K"}', False),
        ('{"data":{"refresh-Token":"' + CANARY + '"},"apikey":"K"}', False),
        ('{"data":{"apikey":"' + CANARY + '"}}', False),
        ('{"apikey" : "' + CANARY + '"}', False),
        ('{"apikey":"' + CANARY + '\\"x"}', False),
        ('{"apikey":{"v":"' + CANARY + '"}}', False),
        ('{"t":"Ol\\u00e1","apikey":"' + CANARY + '"}', False),
        ('{"t":"a token in a message","apikey":"' + CANARY + '"}', False),
    ],
)
async def test_the_stored_text_is_masked_or_written_again(text: str, kept: bool) -> None:
    store = MemoryEventStore()
    pipeline = EventPipeline(store, clock=FixedClock())
    event = pipeline.accept_packet(1, "a", decode_message(frame_of(text)), {})
    assert event is not None
    assert event.payload == mask_secrets(json.loads(text))
    assert (event.payload_json is not None) is kept
    if event.payload_json is not None:
        assert CANARY not in event.payload_json
        assert json.loads(event.payload_json) == event.payload
        assert event.payload_json.startswith(text[:8])  # the text as received, not rewritten
    await pipeline.aclose()
    assert store.events == [event]


def test_the_splice_is_what_an_evolution_payload_takes() -> None:
    payload = {"event": "messages.upsert", "data": {"key": {"id": "M"}}, "apikey": CANARY}
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    masked, masked_text = SecretMasker().mask_json(payload, text)
    assert masked_text == text.replace(CANARY, MASK) and masked["apikey"] == MASK
    assert payload["apikey"] == CANARY  # the caller's dict is left alone


def test_only_two_characters_lower_case_to_ascii_letters() -> None:
    """mask_json lower-cases UTF-8 bytes (ASCII only) instead of the text, which is sound
    while these stay the only two; a new Unicode version must be looked at again."""
    found = {
        chr(code)
        for code in range(0x80, 0x110000)
        if not 0xD800 <= code < 0xE000 and any("a" <= c <= "z" for c in chr(code).lower())
    }
    assert found == {"\u0130", "\u212a"}
    assert "\u0130".lower() == "i\u0307"  # "i" then a combining dot: no hint ends in "i"


async def test_a_slow_subscriber_loses_only_its_own_copies(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    store.add_instance(server, "a")
    await evo.emit("a", "connection.update", {})
    sup = supervisor(store, batch_max=7)
    watch = Watch(sup)
    slow = sup.subscribe(maxsize=5)
    fast = sup.subscribe(maxsize=1000)
    assert server.id is not None
    await sup.set_targets(server, ["a"])
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    for n in range(50):
        await evo.emit("a", "messages.upsert", {"key": {"id": f"m{n}"}})
    received = [await next_event(fast) for _ in range(50)]
    assert [e.payload["data"]["key"]["id"] for e in received] == [f"m{n}" for n in range(50)]
    await store.wait_until(lambda: len(store.events) == 50)
    assert slow.qsize() == 5 and slow.dropped == 45 and fast.dropped == 0
    assert [slow.get_nowait().payload["data"]["key"]["id"] for _ in range(5)] == [
        f"m{n}" for n in range(5)
    ]
    assert max(store.batches) <= 50 and len(store.batches) >= 2
    await sup.aclose()
    assert [e async for e in fast] == []  # closed subscriptions end


async def test_duplicates_are_flagged_and_still_stored(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    store.add_instance(server, "a")
    await evo.emit("a", "connection.update", {})
    sup = supervisor(store)
    watch = Watch(sup)
    events = sup.subscribe()
    assert server.id is not None
    await sup.set_targets(server, ["a"])
    await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
    message = {"key": {"id": "ABC"}, "status": "DELIVERY_ACK", "messageTimestamp": 1}
    await evo.emit("a", "messages.update", message)
    await evo.emit("a", "messages.update", message)
    await evo.emit("a", "messages.update", {**message, "status": "READ"})
    flags = [(await next_event(events)).is_duplicate for _ in range(3)]
    assert flags == [False, True, False]
    await sup.flush()
    assert len(store.events) == 3
    await sup.aclose()


def test_duplicate_keys() -> None:
    payload = {"date_time": "2026-01-01T00:00:00.000Z", "data": {"state": "open", "n": 1}}
    same = {"date_time": "2026-01-01T00:00:00.000Z", "data": {"n": 1, "state": "open"}}
    later = {"date_time": "2026-01-01T00:00:01.000Z", "data": {"state": "open", "n": 1}}
    assert duplicate_key("a", "connection.update", payload) == duplicate_key(
        "a", "connection.update", same
    )
    assert duplicate_key("a", "connection.update", payload) != duplicate_key(
        "a", "connection.update", later
    )
    assert duplicate_key("a", "messages.update", {"data": {"keyId": "K", "status": "READ"}}) == (
        "a|messages.update|K|READ|"
    )
    assert duplicate_key("a", "x", {"data": None}).startswith("a|x||")
    recent = RecentKeys(2)
    assert [recent.seen(k) for k in ("1", "2", "1", "3", "1", "2")] == [
        False, False, True, False, True, False,  # "1" was used lately, so "2" was evicted
    ]


KEYS = st.sampled_from(
    ["apikey", "ApiKey", "token", "id", "key", "Authorization", "x-api-key", "jwt_key",
     "refresh_token", "client-Secret", "data", "password", "remoteJid", "",
     "accessToken", "clientSecret", "secretKey", "passwd", "openaiApiKey", "mediaKey"]
) | st.text(max_size=6)


SECRET_SPELLINGS = st.sampled_from(
    [*SECRET_KEYS, *SECRET_SUFFIXES, *SECRET_CAMEL_SUFFIXES, "Api-Key", "API_KEY"]
)


@settings(database=None, max_examples=300, deadline=None)
@given(
    st.text(alphabet="aAbBkKyY_-. 0", max_size=6),
    SECRET_SPELLINGS | st.text(alphabet="apikeyAPIKEYtonsecrwdhzjJ_-. ", max_size=12),
)
def test_every_secret_key_holds_a_word_the_masker_looks_for(prefix: str, word: str) -> None:
    # The masker proves a payload's text free of secrets by looking for these words; a
    # key is_secret_key accepts without one of them would slip through unmasked.
    spelt = [word.replace("_", sep) for sep in "-. "]
    for key in (word, prefix + word, *(prefix + w for w in spelt), f" {word} "):
        if is_secret_key(key):
            assert any(hint in key.lower() for hint in _SECRET_HINTS), key


def test_secret_keys_in_the_spellings_servers_use() -> None:
    for key in ("apikey", "apiKey", "x-api-key", "openaiApiKey", "accessToken",
                "refresh_token", "clientSecret", "secretKey", "client_secret_key",
                "password", "passwd", "Authorization", "jwt"):
        assert is_secret_key(key), key
    for key in ("key", "mediaKey", "remoteJid", "keyId", "tokenCount", "messageTimestamp",
                "pushName", "instanceId", "secretary"):
        assert not is_secret_key(key), key
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=4) | st.just(""),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)
SHARED_MASKER = SecretMasker(memo_size=8)  # also exercises a full memo


@settings(database=None, max_examples=100, deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=6))
def test_the_fast_masker_masks_exactly_like_mask_secrets(payload: dict[str, Any]) -> None:
    expected = mask_secrets(payload)
    assert SecretMasker().mask(payload) == expected
    assert SHARED_MASKER.mask(payload) == expected


SECRETISH = st.sampled_from(["apikey", "APIKEY", "api-key", "x_token", "data", "id", "token"])


@settings(database=None, max_examples=200, deadline=None)
@given(
    st.dictionaries(KEYS | SECRETISH, JSON, max_size=6),
    st.none() | st.just("") | st.text(max_size=8) | st.integers(),
    st.booleans(),
)
def test_masked_text_says_what_the_masked_payload_says(
    payload: dict[str, Any], apikey: object, node_spelling: bool
) -> None:
    payload = {**payload, "apikey": apikey}
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=not node_spelling)
    masked, masked_text = SecretMasker().mask_json(json.loads(text), text)
    expected = mask_secrets(payload)
    assert masked == expected
    if masked_text is not None:
        assert json.loads(masked_text) == expected


async def test_pipeline_batches_retries_and_prunes() -> None:
    store = MemoryEventStore()
    store.fail_writes = 1
    pipeline = EventPipeline(
        store, clock=FixedClock(), batch_max=10, batch_interval=0.01,
        retention=5000, retry_delay=0.01,
    )
    for n in range(25):
        pipeline.accept(1, "a", "messages.upsert",
                        [{"data": {"key": {"id": str(n)}}, "apikey": "TOKEN"}], {"a": 9})
    await store.wait_until(lambda: len(store.events) == 25)
    assert store.batches[0] >= 10  # the failed batch came back with the rest
    assert store.prunes == [5000]  # once early, then every tenth of the retention
    assert all(e.instance_id == 9 and e.payload["apikey"] == MASK for e in store.events)
    assert pipeline.stored == 25 and pipeline.lost == 0
    await pipeline.aclose()


def test_backoff_grows_is_capped_and_jittered() -> None:
    policy = BackoffPolicy(initial=1, factor=2, cap=10, jitter=0.5, rng=lambda: 1.0)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5, 10_000)] == [0.5, 1, 2, 4, 5, 5]
    assert BackoffPolicy(rng=lambda: 0.0).delay(1_000_000) == 30.0


# --- evodesk listen --------------------------------------------------------------------


async def test_listen_prints_events_and_states(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    store.add_instance(server, "a")
    await evo.emit("a", "connection.update", {})
    out, err, stop = io.StringIO(), io.StringIO(), asyncio.Event()
    task = asyncio.create_task(run_listen(store, static_key, None, out, err, stop))
    await evo.wait_until(lambda: bool(evo.members.get("/a")))
    await evo.emit("a", "messages.upsert", {"key": {"id": "X"}})
    await store.wait_until(lambda: len(store.events) == 1)
    stop.set()
    assert await asyncio.wait_for(task, 5) == 0
    line = json.loads(out.getvalue().splitlines()[0])
    assert line["instance"] == "a" and line["event"] == "messages.upsert"
    assert line["payload"]["apikey"] == MASK and "INSTANCE-TOKEN" not in out.getvalue()
    assert "main" in err.getvalue() and "live" in err.getvalue()


async def test_listen_fails_clearly_on_a_refused_key(evo: EvoLikeServer) -> None:
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    store.add_instance(server, "a")

    async def wrong(s: Server) -> str:
        return "WRONG"

    out, err = io.StringIO(), io.StringIO()
    code = await asyncio.wait_for(run_listen(store, wrong, ["a"], out, err, asyncio.Event()), 5)
    assert code != 0 and out.getvalue() == ""
    assert err.getvalue().splitlines()[-1] == (
        "evodesk listen: server 'main' refused the API key. Check the key stored for it."
    )


async def test_listen_with_nothing_to_listen_to() -> None:
    store = MemoryEventStore()
    store.add_instance(store.add_server("main", "http://127.0.0.1:9"), "a", websocket=False)
    out, err = io.StringIO(), io.StringIO()
    assert await run_listen(store, static_key, ["nope"], out, err, asyncio.Event()) != 0
    assert "nope" in err.getvalue()
    err = io.StringIO()
    assert await run_listen(store, static_key, None, out, err, asyncio.Event()) != 0
    assert "no instance is in websocket mode" in err.getvalue()


async def test_listen_names_the_instance_meant_when_only_its_case_differs() -> None:
    store = MemoryEventStore()
    server = store.add_server("main", "http://127.0.0.1:9")
    store.add_instance(server, "Loja-SP")
    store.add_instance(server, "loja\x1b[2J")
    out, err = io.StringIO(), io.StringIO()
    assert await run_listen(store, static_key, ["LOJA-SP"], out, err, asyncio.Event()) != 0
    assert err.getvalue() == ("evodesk listen: unknown instance LOJA-SP; instance names differ "
                              "by case: did you mean Loja-SP?\n")
    err = io.StringIO()
    assert await run_listen(store, static_key, ["LOJA\x1b[2J"], out, err,
                            asyncio.Event()) != 0
    assert "\x1b" not in err.getvalue() and "did you mean loja\\x1b[2J?" in err.getvalue()


class PickyStore(MemoryEventStore):
    """Refuses any batch holding an event whose id starts with "bad", and everything
    while `down` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.down = False
        self.attempts = 0

    async def add_events(self, events: Any) -> int:
        self.attempts += 1
        if self.down:
            raise OSError("database unavailable")
        if any(str(e.payload.get("data", {}).get("key", {}).get("id", "")).startswith("bad")
               for e in events):
            raise ValueError("payload refused")
        return await super().add_events(events)


def accept_ids(pipeline: EventPipeline, ids: list[str]) -> None:
    for message_id in ids:
        pipeline.accept(1, "a", "messages.upsert", [{"data": {"key": {"id": message_id}}}],
                        {"a": 9})


async def test_an_event_the_database_refuses_does_not_hold_back_the_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = PickyStore()
    pipeline = EventPipeline(store, clock=FixedClock(), retry_delay=0.01)
    ids = [f"m{n}" for n in range(40)]
    ids[13], ids[29] = "bad-1", "bad-2"
    accept_ids(pipeline, ids)
    await pipeline.flush()
    assert sorted(e.payload["data"]["key"]["id"] for e in store.events) == sorted(
        i for i in ids if not i.startswith("bad"))
    assert (pipeline.stored, pipeline.refused, pipeline.lost) == (38, 2, 0)
    assert store.attempts < 40  # halves, not one write per event
    assert "refused 2 event(s)" in caplog.text
    await pipeline.aclose()


async def test_a_database_that_is_away_loses_nothing_and_is_not_hammered() -> None:
    store = PickyStore()
    store.down = True
    pipeline = EventPipeline(store, clock=FixedClock(), retry_delay=0.01)
    accept_ids(pipeline, [f"m{n}" for n in range(100)])
    await pipeline.flush()
    assert pipeline.stored == 0 and pipeline.refused == 0
    assert store.attempts <= 1 + 2 + 4 + 8  # the whole, then halves down to eighths
    store.down = False
    await pipeline.flush()
    assert pipeline.stored == 100 and len(store.events) == 100 and pipeline.refused == 0
    await pipeline.aclose()


async def test_an_event_holding_bytes_is_stored_masked_with_its_bytes_as_base64(
    evo: EvoLikeServer, tmp_path: Path
) -> None:
    # Evolution emits messages.upsert with WhatsApp's byte fields as bytes, so Socket.IO
    # sends it as a binary packet: it goes through the pipeline into the store like any
    # other event, its secret bytes masked.
    from evodesk.infra.store import Store

    store = await Store.open(f"sqlite:///{tmp_path / 'events.db'}")
    server = await store.add_server(Server(name="main", base_url=evo.url))
    assert server.id is not None
    await store.save_instances([Instance(server_id=server.id, name="a", websocket_enabled=True)])
    await evo.emit("a", "connection.update", {})
    sup = supervisor(store)
    watch = Watch(sup)
    events = sup.subscribe()
    try:
        await sup.set_targets(server, ["a"])
        await watch.until(lambda: sup.namespace_state(server.id, "a") is S.LIVE)
        secret, thumb = b"\x00CANARY-SECRET-BYTES\xff", b"\xff\xd8\xff\xe0" + bytes(range(256))
        await evo.emit("a", "messages.upsert", {
            "key": {"id": "BIN-1"}, "status": "DELIVERY_ACK", "messageTimestamp": 1700000000,
            "message": {"messageContextInfo": {"messageSecret": secret},
                        "imageMessage": {"jpegThumbnail": thumb, "caption": "foto"}},
        })
        live = await next_event(events)
        await sup.flush()
        stored = await store.list_events(limit=10)
    finally:
        events.close()
        await sup.aclose()
        await store.aclose()
    assert sup.pipeline.protocol_errors == 0
    assert [e.duplicate_key for e in stored] == [live.duplicate_key] == [
        "a|messages.upsert|BIN-1|DELIVERY_ACK|1700000000"]
    for event in (live, stored[0]):
        message = event.payload["data"]["message"]
        assert message["imageMessage"] == {
            "jpegThumbnail": base64.b64encode(thumb).decode(), "caption": "foto"}
        assert message["messageContextInfo"]["messageSecret"] == MASK
        assert base64.b64encode(secret).decode() not in json.dumps(event.payload)


async def test_events_without_evolution_data_are_told_apart_by_what_they_carry() -> None:
    # No "data" member and no "date_time": the payload as a whole tells them apart.
    pipeline = EventPipeline(MemoryEventStore(), clock=FixedClock())
    frames = ['["ev","one"]', '["ev",42]', '["ev",[1,2]]', '["ev",{"x":1}]', '["ev",{"x":2}]',
              '["ev",{"x":1}]', '["ev","one"]']
    events = [pipeline.accept_packet(1, "a", decode_message(f"42/a,{f}"), {}) for f in frames]
    assert [e.is_duplicate for e in events if e is not None] == [
        False, False, False, False, False, True, True]
    await pipeline.aclose()


async def test_events_arriving_while_the_database_is_away_do_not_hasten_the_retry() -> None:
    store = PickyStore()
    store.down = True
    pipeline = EventPipeline(store, clock=FixedClock(), batch_max=10, retry_delay=60)
    accept_ids(pipeline, [f"m{n}" for n in range(10)])

    async def tried(times: int) -> None:
        while store.attempts < times:
            await asyncio.sleep(0)

    await asyncio.wait_for(tried(1 + 2 + 4 + 8), 5)  # the whole, then halves to eighths
    first_round = store.attempts
    for n in range(10, 40):  # each one past batch_max wakes the writer
        accept_ids(pipeline, [f"m{n}"])
        for _ in range(5):
            await asyncio.sleep(0)  # room for a write, were one started
    assert store.attempts == first_round  # the next try waits its 60 s
    store.down = False
    await pipeline.aclose()  # the close writes them
    assert pipeline.stored == 40 and pipeline.lost == 0


@pytest.mark.parametrize(
    "key",
    ["Proxy-Authorization", "X-Authorization", "proxyAuthorization", "jwtKey",
     "authorization ", " Token", "api key", "api.key", "user password"],
)
async def test_secret_keys_spelt_otherwise_are_masked_too(key: str) -> None:
    store = MemoryEventStore()
    pipeline = EventPipeline(store, clock=FixedClock())
    text = json.dumps({"data": {"headers": [{key: CANARY}]}, "apikey": "K"})
    event = pipeline.accept_packet(1, "a", decode_message(frame_of(text)), {})
    assert event is not None
    assert event.payload["data"]["headers"] == [{key: MASK}]
    assert CANARY not in (event.payload_json or "")
    await pipeline.aclose()
    assert CANARY not in json.dumps(store.events[0].payload)


async def test_a_small_retention_keeps_the_log_near_its_size() -> None:
    # Pruning every tenth of the retention keeps a large log within a tenth of its size;
    # a small one must not wait for a thousand events first.
    store = MemoryEventStore()
    pipeline = EventPipeline(store, clock=FixedClock(), batch_max=20, retention=50)
    largest = 0
    for n in range(1500):
        pipeline.accept(1, "a", "messages.upsert", [{"data": {"key": {"id": str(n)}}}], {})
        if n % 20 == 19:
            await pipeline.flush()
            largest = max(largest, len(store.events))
    assert largest <= 50 + 20  # at most one batch over
    assert [e.payload["data"]["key"]["id"] for e in store.events[-50:]] == [
        str(n) for n in range(1450, 1500)]  # the newest are kept
    await pipeline.aclose()


async def test_listen_with_no_server_says_so() -> None:
    for names in (None, ["loja-sp"]):
        err = io.StringIO()
        code = await run_listen(MemoryEventStore(), static_key, names, io.StringIO(), err,
                                asyncio.Event())
        assert code == 1
        assert err.getvalue() == ("evodesk listen: No servers yet. Add one with: evodesk server "
                                  "add NAME --url URL\n")
