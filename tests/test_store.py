"""The local store, run on SQLite and on PostgreSQL: CRUD, cascades, events, gaps,
migrations, refusals, credentials masking and concurrent use from asyncio tasks."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event

from evodesk.domain.errors import (
    AlreadyExists,
    DatabaseTooNew,
    DatabaseUnreadable,
    NotFound,
    StoreError,
)
from evodesk.domain.models import ConnectionState, Event, Instance, Server
from evodesk.domain.secrets import MASK
from evodesk.infra.socketio_codec import decode_message
from evodesk.infra.store import Store, mask_url
from evodesk.infra.store.migrate import head_revision
from evodesk.infra.store.models import Base
from evodesk.infra.store.store import workstation_name
from evodesk.services.event_pipeline import EventPipeline
from tests.conftest_store import StoreTarget
from tests.store_pg import PgCluster

T0 = datetime(2025, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


async def add_server(store: Store, name: str = "main") -> Server:
    return await store.add_server(Server(name=name, base_url=f"https://{name}.example.com"))


async def add_instance(store: Store, server: Server, name: str = "loja-sp") -> Instance:
    assert server.id is not None
    return await store.save_instance(Instance(server_id=server.id, name=name))


def make_event(server: Server, instance: str, number: int, **changes: Any) -> Event:
    assert server.id is not None
    values: dict[str, Any] = {
        "server_id": server.id,
        "instance": instance,
        "wire_event": "messages.upsert",
        "received_at": T0 + timedelta(seconds=number),
        "payload": {"n": number, "text": f"message {number}"},
        "duplicate_key": f"{instance}:{number}",
    }
    values.update(changes)
    return Event(**values)


def store_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("evodesk-store")]


# --- servers ------------------------------------------------------------------------


async def test_server_round_trip(store: Store) -> None:
    added = await store.add_server(
        Server(
            name="main",
            base_url="https://evo.example.com",
            version="2.2.3",
            websocket_available=False,
            last_check_at=T0,
            last_check_error="timeout",
        )
    )
    assert added.id is not None
    assert await store.get_server("main") == added
    assert await store.get_server_by_id(added.id) == added
    assert added.last_check_at == T0 and added.last_check_at.tzinfo == UTC
    assert added.websocket_available is False


async def test_duplicate_server_name_is_refused(store: Store) -> None:
    await add_server(store, "main")
    other = await add_server(store, "backup")
    with pytest.raises(AlreadyExists, match="'main' already exists"):
        await add_server(store, "main")
    with pytest.raises(AlreadyExists):
        await store.update_server(Server(id=other.id, name="main", base_url="https://x"))
    assert [s.name for s in await store.list_servers()] == ["backup", "main"]


async def test_missing_server_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no server named 'ghost'"):
        await store.get_server("ghost")
    with pytest.raises(NotFound):
        await store.get_server_by_id(999)
    with pytest.raises(NotFound):
        await store.remove_server("ghost")
    with pytest.raises(NotFound):
        await store.update_server(Server(id=999, name="ghost", base_url="https://x"))


async def test_list_servers_by_name(store: Store) -> None:
    for name in ("zeta", "alpha", "mid"):
        await add_server(store, name)
    assert [s.name for s in await store.list_servers()] == ["alpha", "mid", "zeta"]


async def test_update_server_by_id(store: Store) -> None:
    added = await add_server(store, "main")
    checked = T0 + timedelta(hours=1)
    changed = Server(
        id=added.id,
        name="renamed",
        base_url="https://new.example.com",
        version="2.3.0",
        websocket_available=True,
        last_check_at=checked,
    )
    assert await store.update_server(changed) == changed
    assert await store.get_server_by_id(added.id or 0) == changed
    with pytest.raises(NotFound):
        await store.get_server("main")


async def test_remove_server_cascades(store: Store, store_target: StoreTarget) -> None:
    doomed = await add_server(store, "doomed")
    kept = await add_server(store, "kept")
    doomed_instance = await add_instance(store, doomed, "loja")
    kept_instance = await add_instance(store, kept, "loja")
    await store.add_events([make_event(doomed, "loja", 1), make_event(kept, "loja", 2)])
    await store.open_gap(doomed_instance.id or 0, T0)
    await store.open_gap(kept_instance.id or 0, T0)

    await store.remove_server("doomed")

    assert [s.name for s in await store.list_servers()] == ["kept"]
    assert await store.list_instances() == [kept_instance]
    assert [e.server_id for e in await store.list_events()] == [kept.id]
    assert [g.instance_id for g in await store.list_gaps()] == [kept_instance.id]
    # The rows are gone from the tables, not merely hidden by the queries.
    assert store_target.rows("SELECT count(*) FROM instances") == [(1,)]
    assert store_target.rows("SELECT count(*) FROM events") == [(1,)]
    assert store_target.rows("SELECT count(*) FROM gaps") == [(1,)]


# --- instances ----------------------------------------------------------------------


def full_instance(server_id: int, name: str) -> Instance:
    return Instance(
        server_id=server_id,
        name=name,
        evolution_id="6f1c-uuid",
        integration="WHATSAPP-BAILEYS",
        connection_state=ConnectionState.OPEN,
        owner_number="5511999990000",
        profile_name="Loja São Paulo",
        webhook_enabled=True,
        websocket_enabled=False,
        webhook_url="https://hooks.example.com/in",
        webhook_base64=True,
        webhook_by_events=True,
        webhook_events=("MESSAGES_UPSERT", "CONNECTION_UPDATE"),
        websocket_events=("QRCODE_UPDATED",),
        webhook_header_names=("Authorization", "X-Tenant"),
        webhook_headers_ref="evodesk/main/loja-sp/webhook-headers",
        last_sync_at=T0,
        last_error="timed out once",
        attention="restore failed",
        conflict=True,
        vanished=True,
    )


async def test_instance_round_trip_keeps_every_field(store: Store) -> None:
    server = await add_server(store)
    assert server.id is not None
    wanted = full_instance(server.id, "loja-sp")
    saved = await store.save_instance(wanted)
    assert saved.id is not None
    for read in (saved, await store.get_instance_by_id(saved.id)):
        assert read == Instance(**{**_fields(wanted), "id": saved.id})
        assert isinstance(read.webhook_events, tuple)
        assert isinstance(read.connection_state, ConnectionState)
        assert read.last_sync_at is not None and read.last_sync_at.tzinfo == UTC


def _fields(instance: Instance) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in Instance.__dataclass_fields__}


async def test_save_instance_updates_by_server_and_name(store: Store) -> None:
    server = await add_server(store)
    assert server.id is not None
    first = await store.save_instance(full_instance(server.id, "loja"))
    # A fresh value without id: the key (server_id, name) finds the same row.
    second = await store.save_instance(
        Instance(server_id=server.id, name="loja", websocket_enabled=True, websocket_events=())
    )
    assert second.id == first.id
    assert second.webhook_enabled is False and second.websocket_enabled is True
    assert second.webhook_events == () and second.webhook_url is None
    assert await store.list_instances() == [second]


async def test_same_instance_name_on_two_servers_stays_apart(store: Store) -> None:
    one = await add_server(store, "one")
    two = await add_server(store, "two")
    assert one.id is not None and two.id is not None
    a = await store.save_instance(Instance(server_id=one.id, name="loja", owner_number="1"))
    b = await store.save_instance(Instance(server_id=two.id, name="loja", owner_number="2"))
    assert a.id != b.id
    await store.save_instance(Instance(server_id=two.id, name="loja", owner_number="22"))
    assert (await store.get_instance(one.id, "loja")).owner_number == "1"
    assert (await store.get_instance(two.id, "loja")).owner_number == "22"
    await store.add_events([make_event(one, "loja", 1), make_event(two, "loja", 2)])
    assert [e.duplicate_key for e in await store.list_events(instance_id=a.id)] == ["loja:1"]
    assert [e.duplicate_key for e in await store.list_events(instance_id=b.id)] == ["loja:2"]


async def test_instance_key_is_unique_in_the_database(
    store: Store, store_target: StoreTarget
) -> None:
    server = await add_server(store)
    await add_instance(store, server, "loja")
    columns = (
        "server_id, name, connection_state, webhook_enabled, websocket_enabled, webhook_base64, "
        "webhook_by_events, webhook_events, websocket_events, webhook_header_names, conflict, "
        "vanished"
    )
    values = (
        f"{server.id}, 'loja', 'open', false, false, false, false, '[]', '[]', '[]', false, false"
    )
    with pytest.raises((sqlite3.IntegrityError, psycopg.errors.UniqueViolation)):
        store_target.execute(f"INSERT INTO instances ({columns}) VALUES ({values})")


async def test_list_instances_by_server_then_name(store: Store) -> None:
    beta = await add_server(store, "beta")
    alpha = await add_server(store, "alpha")
    for server, name in ((beta, "b2"), (alpha, "z"), (beta, "b1"), (alpha, "a")):
        await add_instance(store, server, name)
    listed = await store.list_instances()
    assert [(i.server_id, i.name) for i in listed] == [
        (alpha.id, "a"),
        (alpha.id, "z"),
        (beta.id, "b1"),
        (beta.id, "b2"),
    ]
    assert [i.name for i in await store.list_instances(beta.id)] == ["b1", "b2"]


async def test_save_instances_is_one_transaction(store: Store) -> None:
    server = await add_server(store)
    assert server.id is not None
    batch = [Instance(server_id=server.id, name=f"i{n}") for n in range(5)]
    with pytest.raises(NotFound):
        await store.save_instances([*batch, Instance(server_id=4242, name="orphan")])
    assert await store.list_instances() == []
    saved = await store.save_instances(batch)
    assert [i.name for i in saved] == [f"i{n}" for n in range(5)]
    assert all(i.id is not None for i in saved)


async def test_missing_instance_is_not_found(store: Store) -> None:
    server = await add_server(store)
    with pytest.raises(NotFound, match="'ghost'"):
        await store.get_instance(server.id or 0, "ghost")
    with pytest.raises(NotFound):
        await store.get_instance_by_id(999)
    with pytest.raises(NotFound):
        await store.remove_instance(999)
    with pytest.raises(NotFound):
        await store.save_instance(Instance(server_id=999, name="x"))


async def test_remove_instance_drops_gaps_and_keeps_events(store: Store) -> None:
    server = await add_server(store)
    instance = await add_instance(store, server, "loja")
    assert instance.id is not None
    await store.add_events([make_event(server, "loja", 1)])
    await store.open_gap(instance.id, T0)
    await store.remove_instance(instance.id)
    assert await store.list_instances() == []
    assert await store.list_gaps() == []
    (kept,) = await store.list_events()
    assert kept.instance_id is None and kept.instance == "loja"


# --- events -------------------------------------------------------------------------


async def test_event_round_trip(store: Store) -> None:
    server = await add_server(store)
    instance = await add_instance(store, server, "loja")
    brasilia = timezone(timedelta(hours=-3))
    sent = make_event(
        server,
        "loja",
        7,
        received_at=datetime(2025, 3, 1, 9, 0, 0, 1, tzinfo=brasilia),
        server_time="2025-03-01T12:00:00.000Z",
        sender="5511999990000@s.whatsapp.net",
        payload={"key": {"id": "ABC", "fromMe": False}, "text": "Olá, São Paulo", "n": [1, 2.5]},
        is_duplicate=True,
    )
    assert await store.add_events([sent]) == 1
    (read,) = await store.list_events()
    assert read.id is not None and read.instance_id == instance.id
    assert read == Event(
        **{
            **{f: getattr(sent, f) for f in Event.__dataclass_fields__},
            "id": read.id,
            "instance_id": instance.id,
        }
    )
    assert read.received_at.tzinfo == UTC
    assert read.received_at == datetime(2025, 3, 1, 12, 0, 0, 1, tzinfo=UTC)


async def test_naive_datetimes_are_refused(store: Store) -> None:
    server = await add_server(store)
    instance = await add_instance(store, server)
    naive = datetime(2025, 3, 1, 12, 0)
    with pytest.raises(ValueError, match="naive"):
        await store.add_events([make_event(server, "loja-sp", 1, received_at=naive)])
    with pytest.raises(ValueError, match="naive"):
        await store.open_gap(instance.id or 0, naive)
    with pytest.raises(ValueError, match="naive"):
        await store.add_server(Server(name="x", base_url="https://x", last_check_at=naive))
    assert await store.count_events() == 0
    assert [s.name for s in await store.list_servers()] == ["main"]


async def test_add_events_batch_of_a_thousand(store: Store) -> None:
    server = await add_server(store)
    a = await add_instance(store, server, "a")
    await add_instance(store, server, "b")
    events = [make_event(server, "ab"[n % 2], n) for n in range(1000)]
    assert await store.add_events(events) == 1000
    assert await store.count_events() == 1000
    assert await store.count_events(instance_id=a.id) == 500
    stored = await store.list_events(limit=2000)
    assert [e.payload["n"] for e in stored] == list(range(999, -1, -1))
    assert all(e.instance_id is not None for e in stored)


async def test_add_events_leaves_out_the_events_of_a_removed_server(store: Store) -> None:
    # A listener's batch may still hold events of a server removed meanwhile: they have
    # nowhere to go, and refusing the batch would hold the others back for ever.
    server = await add_server(store)
    gone = await add_server(store, "gone")
    await store.remove_server("gone")
    events = [make_event(server, "x", 1), make_event(gone, "x", 2), make_event(server, "x", 3)]
    assert await store.add_events(events) == 2
    assert sorted(e.payload["n"] for e in await store.list_events()) == [1, 3]
    assert await store.add_events([make_event(gone, "x", 4)]) == 0
    assert await store.count_events() == 2


async def test_add_events_fills_instance_id_by_server_and_name(store: Store) -> None:
    one = await add_server(store, "one")
    two = await add_server(store, "two")
    on_one = await add_instance(store, one, "loja")
    on_two = await add_instance(store, two, "loja")
    await store.add_events(
        [
            make_event(one, "loja", 1),
            make_event(two, "loja", 2),
            make_event(one, "unknown", 3),
            make_event(one, "whatever", 4, instance_id=on_two.id),
        ]
    )
    by_n = {e.payload["n"]: e.instance_id for e in await store.list_events()}
    assert by_n == {1: on_one.id, 2: on_two.id, 3: None, 4: on_two.id}


async def test_list_events_filters(store: Store) -> None:
    one = await add_server(store, "one")
    two = await add_server(store, "two")
    a = await add_instance(store, one, "a")
    await add_instance(store, two, "b")
    await store.add_events(
        [
            make_event(one, "a", 1, wire_event="connection.update"),
            make_event(one, "a", 2),
            make_event(two, "b", 3),
            make_event(one, "gone", 4, wire_event="connection.update"),
        ]
    )

    def numbers(events: list[Event]) -> list[int]:
        return [e.payload["n"] for e in events]

    assert numbers(await store.list_events()) == [4, 3, 2, 1]
    assert numbers(await store.list_events(server_id=one.id)) == [4, 2, 1]
    assert numbers(await store.list_events(instance_id=a.id)) == [2, 1]
    assert numbers(await store.list_events(wire_event="connection.update")) == [4, 1]
    assert numbers(
        await store.list_events(server_id=one.id, instance_id=a.id, wire_event="messages.upsert")
    ) == [2]
    assert numbers(await store.list_events(limit=2)) == [4, 3]


async def test_list_events_search(store: Store) -> None:
    server = await add_server(store)
    payloads = [
        {"text": "Pedido do JOÃO chegou"},
        {"text": "100% pago", "n": 1},
        {"text": "nada_aqui"},
        {"nested": {"deep": ["Confirmação"]}},
    ]
    await store.add_events(
        [make_event(server, "i", n, payload=p) for n, p in enumerate(payloads)]
        + [make_event(server, "i", 9, payload={}, sender="5511988887777@s.whatsapp.net")]
    )

    async def found(text: str) -> list[str]:
        return [e.duplicate_key for e in await store.list_events(search=text)]

    assert await found("joão") == ["i:0"]
    assert await found("PEDIDO") == ["i:0"]
    assert await found("confirmaÇÃo") == ["i:3"]
    # LIKE wildcards in the search text are plain characters.
    assert await found("100%") == ["i:1"]
    assert await found("a_a") == ["i:2"]
    assert await found("%") == ["i:1"]
    assert await found("88887777") == ["i:9"]
    assert await found("nothing like this") == []
    assert len(await found("")) == 5


async def test_an_events_json_text_is_written_as_it_came(
    store: Store, store_target: StoreTarget
) -> None:
    server = await add_server(store)
    text = '{"b":1,"a":{"t":"Olá, São Paulo","l":[1,2.5,null,true]},"apikey":"••••••"}'
    payload = json.loads(text)
    await store.add_events(
        [
            make_event(server, "i", 1, payload=payload, payload_json=text),
            make_event(server, "i", 2),  # no text: the store writes the payload
        ]
    )
    rows = store_target.rows("SELECT CAST(payload AS TEXT) FROM events ORDER BY id")
    assert rows[0][0] == text  # byte for byte: not decoded and written again
    assert json.loads(rows[1][0]) == {"n": 2, "text": "message 2"}
    read = await store.list_events()
    assert [e.payload for e in read] == [{"n": 2, "text": "message 2"}, payload]
    assert [e.duplicate_key for e in await store.list_events(search="são paulo")] == ["i:1"]


async def test_many_events_go_in_several_statements(store: Store) -> None:
    server = await add_server(store)
    await add_instance(store, server, "a")
    events = [
        make_event(server, "a", n, payload_json=json.dumps({"n": n, "text": f"message {n}"}))
        if n % 3
        else make_event(server, "a", n)
        for n in range(2345)
    ]
    assert await store.add_events(events) == 2345
    stored = await store.list_events(limit=3000)
    assert [e.payload["n"] for e in stored] == list(range(2344, -1, -1))
    assert [e.received_at for e in stored] == [e.received_at for e in reversed(events)]
    assert len({e.id for e in stored}) == 2345 and all(e.instance_id for e in stored)


async def test_received_at_is_written_as_the_orm_writes_a_time(
    store: Store, store_target: StoreTarget
) -> None:
    server = await add_server(store)
    instance = await add_instance(store, server)
    assert instance.id is not None
    for n, when in enumerate(
        [
            datetime(2025, 3, 1, 9, 0, 0, tzinfo=timezone(timedelta(hours=-3))),
            datetime(2025, 3, 1, 12, 0, 0, 7, tzinfo=UTC),
            datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=5))),
        ]
    ):
        await store.add_events([make_event(server, "loja-sp", n, received_at=when)])
        gap = await store.open_gap(instance.id, when)  # through the ORM's column type
        ((event_text,),) = store_target.rows(
            f"SELECT CAST(received_at AS TEXT) FROM events WHERE duplicate_key = 'loja-sp:{n}'"
        )
        ((gap_text,),) = store_target.rows(
            f"SELECT CAST(started_at AS TEXT) FROM gaps WHERE id = {gap.id}"
        )
        assert event_text == gap_text
        # Closed, so that the next opens a gap of its own (one stays open per computer).
        await store.close_open_gaps([instance.id], when)
        (read,) = await store.list_events(limit=1)
        assert read.received_at == when and read.received_at.tzinfo == UTC


async def test_no_secret_from_the_wire_reaches_the_database(
    store: Store, store_target: StoreTarget
) -> None:
    server = await add_server(store)
    await add_instance(store, server, "a")
    assert server.id is not None
    canary = "CANARY-5E1F-4C2A"
    payloads = [
        {"event": "messages.upsert", "data": {"t": "São"}, "apikey": canary},
        {"data": {"token": canary, "deep": [{"Authorization": canary}]}, "apikey": canary},
    ]
    frames = [
        '42/a,["messages.upsert",' + json.dumps(p, separators=(",", ":"), ensure_ascii=ascii) + "]"
        for p in payloads
        for ascii in (False, True)
    ] + [
        # A duplicate key hides its first value from the decoded payload, not from the text.
        '42/a,["messages.upsert",{"data":{"apikey":"' + canary + '"},"data":{},"apikey":"K"}]',
        '42/a,["messages.upsert",' + json.dumps(payloads[1], indent=2) + "]",
    ]
    pipeline = EventPipeline(store, retention=None)
    for frame in frames:
        assert pipeline.accept_packet(server.id, "a", decode_message(frame), {}) is not None
    await pipeline.aclose()
    texts = [text for (text,) in store_target.rows("SELECT CAST(payload AS TEXT) FROM events")]
    assert len(texts) == len(frames)
    assert all(canary not in text and MASK in text for text in texts)
    assert all(e.payload["apikey"] == MASK for e in await store.list_events())
    assert await store.list_events(search=canary) == []


async def test_list_events_pages_with_before_id(store: Store) -> None:
    server = await add_server(store)
    await store.add_events([make_event(server, "i", n) for n in range(23)])
    pages: list[list[int]] = []
    before: int | None = None
    while page := await store.list_events(limit=10, before_id=before):
        pages.append([e.payload["n"] for e in page])
        before = page[-1].id
    assert [len(p) for p in pages] == [10, 10, 3]
    assert [n for p in pages for n in p] == list(range(22, -1, -1))


async def test_count_and_clear_events(store: Store) -> None:
    server = await add_server(store)
    a = await add_instance(store, server, "a")
    b = await add_instance(store, server, "b")
    await store.add_events([make_event(server, "ab"[n % 2], n) for n in range(10)])
    assert await store.count_events(instance_id=b.id) == 5
    assert await store.clear_events(instance_id=a.id) == 5
    assert await store.count_events(instance_id=a.id) == 0
    assert await store.count_events() == 5
    assert await store.clear_events() == 5
    assert await store.count_events() == 0
    assert await store.clear_events() == 0


async def test_prune_keeps_the_newest(store: Store) -> None:
    server = await add_server(store)
    await store.add_events([make_event(server, "i", n) for n in range(30)])
    assert await store.prune_events(keep=40) == 0
    assert await store.prune_events(keep=12) == 18
    assert [e.payload["n"] for e in await store.list_events()] == list(range(29, 17, -1))
    assert await store.prune_events(keep=12) == 0
    assert await store.prune_events(keep=0) == 12
    assert await store.count_events() == 0
    with pytest.raises(ValueError):
        await store.prune_events(keep=-1)


# --- gaps ---------------------------------------------------------------------------


async def test_gaps_open_close_list(store: Store) -> None:
    server = await add_server(store)
    a = await add_instance(store, server, "a")
    b = await add_instance(store, server, "b")
    c = await add_instance(store, server, "c")
    assert a.id is not None and b.id is not None and c.id is not None
    old = await store.open_gap(a.id, T0)
    assert old.ended_at is None and old.id is not None
    assert await store.close_open_gaps([a.id], T0 + timedelta(minutes=1)) == 1
    newer_a = await store.open_gap(a.id, T0 + timedelta(hours=1))
    newer_b = await store.open_gap(b.id, T0 + timedelta(hours=1))
    open_c = await store.open_gap(c.id, T0 + timedelta(hours=2))

    ended = T0 + timedelta(hours=1, minutes=5)
    assert await store.close_open_gaps([a.id, b.id], ended) == 2
    assert await store.close_open_gaps([a.id, b.id], ended + timedelta(hours=1)) == 0
    assert await store.close_open_gaps([], ended) == 0

    gaps = await store.list_gaps()
    assert [g.id for g in gaps] == [open_c.id, newer_b.id, newer_a.id, old.id]
    assert [g.ended_at for g in gaps] == [None, ended, ended, T0 + timedelta(minutes=1)]
    assert all(g.started_at.tzinfo == UTC for g in gaps)
    assert [g.id for g in await store.list_gaps(instance_id=a.id)] == [newer_a.id, old.id]
    with pytest.raises(NotFound):
        await store.open_gap(999, T0)



async def test_gaps_name_their_workstation_and_each_closes_only_its_own_when_shared(
    store: Store, store_target: StoreTarget
) -> None:
    # Two workstations of a team on one database (on SQLite: two evodesks that were
    # given names), plus a gap from before gaps had names.
    assert store.workstation == workstation_name() == " ".join(socket.gethostname().split())
    other = await Store.open(store_target.url, workstation=" desk\n2 ")
    try:
        assert other.workstation == "desk 2"
        server = await add_server(store)
        instance = await add_instance(store, server)
        assert instance.id is not None
        mine = await store.open_gap(instance.id, T0)
        theirs = await other.open_gap(instance.id, T0 + timedelta(minutes=1))
        store_target.execute(
            f"INSERT INTO gaps (instance_id, started_at) VALUES ({instance.id}, "
            "'2026-11-29 09:00:00')"
        )
        assert (mine.workstation, theirs.workstation) == (store.workstation, "desk 2")
        back = T0 + timedelta(minutes=5)
        if not store.shared:
            # A SQLite file is one computer's, whatever its host was called: all close.
            assert await store.close_open_gaps([instance.id], back) == 3
            assert all(g.ended_at == back for g in await store.list_gaps())
            return
        # This workstation is back: its gap and the nameless one close, not the other's.
        assert await store.close_open_gaps([instance.id], back) == 2
        still_open = [g for g in await store.list_gaps() if g.ended_at is None]
        assert [(g.id, g.workstation) for g in still_open] == [(theirs.id, "desk 2")]
        assert await other.close_open_gaps([instance.id], T0 + timedelta(minutes=9)) == 1
        assert all(g.ended_at is not None for g in await store.list_gaps())
    finally:
        await other.aclose()


# --- opening, migrations, refusals --------------------------------------------------


async def test_reopen_is_idempotent(store_target: StoreTarget) -> None:
    first = await Store.open(store_target.url)
    server = await add_server(first)
    await add_instance(first, server)
    await first.aclose()
    schema_before = store_target.rows("SELECT version_num FROM alembic_version")
    for _ in range(2):
        again = await Store.open(store_target.url)
        assert await again.list_servers() == [server]
        assert len(await again.list_instances()) == 1
        await again.aclose()
    assert schema_before == store_target.rows("SELECT version_num FROM alembic_version")
    assert schema_before == [(head_revision(),)]


async def test_migrations_match_the_models(store: Store, store_target: StoreTarget) -> None:
    engine = create_engine(store_target.url)
    try:
        with engine.connect() as connection:
            dialect = connection.dialect.name

            def built_here(item: Any, *_: Any) -> bool:
                # Schema items the models build on one dialect only (`ddl_if`).
                condition = getattr(item, "_ddl_if", None)
                return condition is None or condition.dialect in (None, dialect)

            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": built_here}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


async def test_newer_database_is_refused_untouched(store_target: StoreTarget) -> None:
    store = await Store.open(store_target.url)
    await add_server(store, "precious")
    await store.aclose()
    store_target.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = store_target.snapshot()
    with pytest.raises(DatabaseTooNew) as raised:
        await Store.open(store_target.url)
    assert str(raised.value) == (
        "This database was written by a newer evodesk (revision 9999_from_the_future). "
        "Update evodesk or choose another database."
    )
    assert store_target.snapshot() == before
    assert store_threads() == []


async def test_text_file_is_unreadable_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    before = path.read_bytes()
    with pytest.raises(DatabaseUnreadable) as raised:
        await Store.open(f"sqlite:///{path}")
    assert str(path) in str(raised.value)
    assert "not a SQLite file" in str(raised.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
    assert store_threads() == []


async def test_foreign_sqlite_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE bookmarks (url TEXT)")
        connection.commit()
    before = path.read_bytes()
    with pytest.raises(DatabaseUnreadable, match="another program"):
        await Store.open(f"sqlite:///{path}")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


async def test_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    store = await Store.open(f"sqlite:///{path}")
    await add_server(store)
    await store.aclose()
    assert path.stat().st_size > 0


async def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "evodesk.db"
    store = await Store.open(f"sqlite:///{path}")
    try:
        await add_server(store)
        # A second reader sees the committed row while the store keeps its connection.
        with contextlib.closing(sqlite3.connect(path)) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert connection.execute("SELECT name FROM servers").fetchall() == [("main",)]
    finally:
        await store.aclose()


async def test_unusable_sqlite_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot create the folder"):
        await Store.open(f"sqlite:///{blocker}/sub/evodesk.db")
    with pytest.raises(StoreError, match="not a file"):
        await Store.open(f"sqlite:///{tmp_path}")
    assert store_threads() == []


async def test_invalid_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not a database URL") as raised:
        await Store.open("postgres ql://evodesk:hunter2@db/x")
    assert "hunter2" not in str(raised.value)
    with pytest.raises(StoreError, match="cannot use nosuchdb databases") as raised:
        await Store.open("nosuchdb://evodesk:hunter2@db/x")
    assert "hunter2" not in str(raised.value)
    assert store_threads() == []


async def test_in_memory_sqlite_works() -> None:
    store = await Store.open("sqlite://")
    try:
        server = await add_server(store)
        await add_instance(store, server)
        assert len(await store.list_instances()) == 1
    finally:
        await store.aclose()


async def test_unreachable_postgres_hides_the_password() -> None:
    port = _closed_port()
    url = f"postgresql://evodesk:hunter2@127.0.0.1:{port}/evodesk?sslmode=disable"
    with pytest.raises(StoreError) as raised:
        await Store.open(url)
    message = str(raised.value)
    assert "hunter2" not in message and "hunter2" not in (raised.value.detail or "")
    assert f"evodesk:***@127.0.0.1:{port}/evodesk" in message
    assert "Cannot open the database" in message
    assert store_threads() == []


async def test_missing_postgres_database_hides_the_password(pg_cluster: PgCluster) -> None:
    url = pg_cluster.url("no_such_database", password="hunter2")
    with pytest.raises(StoreError, match="no_such_database") as raised:
        await Store.open(url)
    assert "hunter2" not in str(raised.value)
    assert "hunter2" not in (raised.value.detail or "")


async def test_url_for_display_masks_the_password(
    pg_cluster: PgCluster, clean_pg_database: str
) -> None:
    store = await Store.open(pg_cluster.url(clean_pg_database, password="hunter2"))
    try:
        assert "hunter2" not in store.url_for_display
        assert store.url_for_display.startswith("postgresql+psycopg://postgres:***@127.0.0.1")
    finally:
        await store.aclose()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:p4ss@h:5432/db", "postgresql://u:***@h:5432/db"),
        ("postgresql://u:p@ss/w@rd@h/db", "postgresql://u:***@h/db"),
        (
            "postgresql://u@h/db?password=p4ss&sslmode=require",
            "postgresql://u@h/db?password=***&sslmode=require",
        ),
        ("postgresql://h/db", "postgresql://h/db"),
        ("sqlite:////home/ana/evodesk.db", "sqlite:////home/ana/evodesk.db"),
        ("postgres ql://u:p4ss@h/db", "postgres ql://u:***@h/db"),
    ],
)
def test_mask_url(url: str, shown: str) -> None:
    assert mask_url(url) == shown


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# --- lifecycle and concurrency ------------------------------------------------------


async def test_closed_store_refuses_calls(store_target: StoreTarget) -> None:
    store = await Store.open(store_target.url)
    assert len(store_threads()) == 1
    await store.aclose()
    await store.aclose()
    assert store_threads() == []
    with pytest.raises(StoreError, match="closed"):
        await store.list_servers()


async def test_cancelled_open_releases_the_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evodesk.infra.store import store as store_module

    real_open_engine = store_module._open_engine
    loop = asyncio.get_running_loop()
    started = asyncio.Event()
    release = threading.Event()
    disposed: list[Engine] = []

    def slow_open_engine(*args: Any) -> tuple[Engine, str]:
        loop.call_soon_threadsafe(started.set)
        assert release.wait(timeout=30)
        engine, database_id = real_open_engine(*args)
        event.listen(engine, "engine_disposed", disposed.append)
        return engine, database_id

    monkeypatch.setattr(store_module, "_open_engine", slow_open_engine)
    opening = asyncio.create_task(Store.open(f"sqlite:///{tmp_path / 'evodesk.db'}"))
    await started.wait()
    opening.cancel()
    with pytest.raises(asyncio.CancelledError):
        await opening
    # The loop was not held up: the worker is still inside the open.
    assert len(store_threads()) == 1
    release.set()
    for thread in store_threads():
        thread.join(timeout=30)
    assert store_threads() == []
    assert len(disposed) == 1


@pytest.fixture
def sql_threads() -> Iterator[set[int]]:
    seen: set[int] = set()

    def record(*_args: object) -> None:
        seen.add(threading.get_ident())

    event.listen(Engine, "before_cursor_execute", record)
    yield seen
    event.remove(Engine, "before_cursor_execute", record)


async def test_concurrent_tasks_share_one_worker(sql_threads: set[int], store: Store) -> None:
    servers = [await add_server(store, f"s{n}") for n in range(4)]
    sql_threads.clear()

    async def worker(n: int) -> None:
        server = servers[n % len(servers)]
        assert server.id is not None
        instance = await store.save_instance(
            Instance(server_id=server.id, name=f"i{n}", webhook_events=(f"E{n}",))
        )
        await store.save_instance(Instance(server_id=server.id, name="shared", owner_number=str(n)))
        await store.add_events([make_event(server, f"i{n}", n * 100 + k) for k in range(25)])
        await store.open_gap(instance.id or 0, T0)
        await store.list_events(instance_id=instance.id, limit=5)
        await store.close_open_gaps([instance.id or 0], T0 + timedelta(seconds=n))

    await asyncio.gather(*(worker(n) for n in range(40)))

    assert len(sql_threads) == 1 and threading.get_ident() not in sql_threads
    instances = await store.list_instances()
    assert len(instances) == 40 + len(servers)
    assert sorted(i.webhook_events for i in instances if i.name != "shared") == sorted(
        (f"E{n}",) for n in range(40)
    )
    assert await store.count_events() == 1000
    events = await store.list_events(limit=2000)
    assert len({e.id for e in events}) == 1000
    for e in events:
        assert e.instance == f"i{e.payload['n'] // 100}"
        assert e.instance_id is not None
    gaps = await store.list_gaps()
    assert len(gaps) == 40 and all(g.ended_at is not None for g in gaps)


async def test_a_lone_surrogate_from_the_wire_is_stored_as_a_replacement_character(
    store: Store,
) -> None:
    """JSON may spell half a surrogate pair ("\\ud800"); that is not text and no database
    takes it. It arrives as U+FFFD, the events around it unharmed, an emoji pair intact."""
    server = await add_server(store)
    await add_instance(store, server)
    assert server.id is not None
    pipeline = EventPipeline(store)
    texts = ["antes", "\\ud800 meio", "\\ud83d\\ude00 depois"]
    for number, text in enumerate(texts):
        frame = ('42/loja-sp,["messages.upsert",{"event":"messages.upsert","data":{"key":'
                 f'{{"id":"S{number}"}},"message":{{"conversation":"{text}"}}}}}}]')
        assert pipeline.accept_packet(server.id, "loja-sp", decode_message(frame), {}) is not None
    await pipeline.flush()
    assert pipeline.stored == 3 and pipeline.refused == 0
    stored = sorted(await store.list_events(limit=10), key=lambda e: e.duplicate_key or "")
    said = [e.payload["data"]["message"]["conversation"] for e in stored]
    assert said == ["antes", "\ufffd meio", "\U0001f600 depois"]
    await pipeline.aclose()


async def test_what_the_server_says_is_fitted_to_its_columns(
    store: Store, store_target: StoreTarget
) -> None:
    # PostgreSQL enforces the column sizes and takes no NUL in text; SQLite does neither,
    # and both must end up holding the same.
    server = await add_server(store)
    await add_instance(store, server)
    long = make_event(
        server, "loja-sp", 1, wire_event="E" * 150, sender="s" * 250,
        server_time="2" * 120, duplicate_key="k" * 400,
    )
    nul = make_event(server, "loja-sp", 2, wire_event="nul\x00name", sender="a\x00b")
    assert await store.add_events([long, nul]) == 2
    first, second = sorted(await store.list_events(), key=lambda e: e.received_at)
    assert first.wire_event == "E" * 99 + "…" and len(first.sender or "") == 200
    assert first.server_time == "2" * 99 + "…" and first.duplicate_key == "k" * 299 + "…"
    assert (second.wire_event, second.sender) == ("nul\ufffdname", "a\ufffdb")
    assert first.payload == long.payload


def test_a_failing_statement_does_not_show_its_values(store_target: StoreTarget) -> None:
    import traceback

    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from evodesk.infra.store.engine import build_engine, parse_url

    engine = build_engine(parse_url(store_target.url))
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT)"))
        with pytest.raises(IntegrityError) as caught, engine.begin() as connection:
            for _ in range(2):
                connection.execute(
                    text("INSERT INTO t (id, note) VALUES (:id, :note)"),
                    {"id": 1, "note": "private words of a customer"},
                )
        shown = "".join(traceback.format_exception(caught.value))
        assert "private words" not in shown
    finally:
        engine.dispose()
