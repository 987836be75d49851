"""End to end: the listener against the Evolution sandbox, with websocket rows set through
its REST API as evodesk's manager would."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest

from evodesk.domain.models import Event, ListenerState, Server
from evodesk.domain.secrets import MASK
from evodesk.sandbox import Sandbox
from evodesk.services.listener import BackoffPolicy, ListenerSupervisor, StateChange
from tests.fakes import MemoryEventStore

S = ListenerState
KEY = "sandbox-global-key"
FAST = BackoffPolicy(initial=0.01, cap=0.05, jitter=0.5)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    names = ["loja-sp", "loja-rj"]
    async with Sandbox(api_key=KEY, instances=names, require_socket_key=True) as sb:
        async with httpx.AsyncClient(base_url=sb.url, headers={"apikey": KEY}) as rest:
            for name in sb.instance_names:
                answer = await rest.post(
                    f"/websocket/set/{name}",
                    json={"websocket": {"enabled": True,
                                        "events": ["MESSAGES_UPSERT", "CONNECTION_UPDATE"]}},
                )
                assert answer.status_code == 201, answer.text
        yield sb


async def _until(changes: asyncio.Event, predicate: object, timeout: float = 5.0) -> None:
    assert callable(predicate)

    async def wait() -> None:
        while not predicate():
            changes.clear()
            await changes.wait()

    await asyncio.wait_for(wait(), timeout)


async def _event_with_text(events: AsyncIterator[Event], text: str) -> Event:
    async def find() -> Event:
        async for event in events:
            if text in json.dumps(event.payload, ensure_ascii=False):
                return event
        raise AssertionError("subscription ended")

    return await asyncio.wait_for(find(), 5)


async def test_listening_to_the_sandbox_across_a_restart(sandbox: Sandbox) -> None:
    store = MemoryEventStore()
    server = store.add_server("sandbox", sandbox.url)
    ids = {n: store.add_instance(server, n).id for n in sandbox.instance_names}
    resynced: list[list[str]] = []

    async def key_for(s: Server) -> str:
        return KEY

    async def resync(s: Server, names: list[str]) -> None:
        resynced.append(sorted(names))

    sup = ListenerSupervisor(
        store, key_for=key_for, resync=resync, backoff=FAST, namespace_backoff=FAST,
        batch_interval=0.01,
    )
    poke = asyncio.Event()
    changes: list[StateChange] = []
    sup.on_state_changed(lambda c: (changes.append(c), poke.set()))
    events = sup.subscribe()
    assert server.id is not None
    sid = server.id

    def all_in(state: S) -> bool:
        return all(sup.namespace_state(sid, n) is state for n in ids)

    await sup.refresh_from_store()
    # Fresh server: no namespace exists until the sandbox's first emit to it.
    await _until(poke, lambda: all_in(S.WAITING))
    for name in ids:
        await sandbox.send_text(name, "creates the namespace")
    await _until(poke, lambda: all_in(S.LIVE))
    assert sandbox.socket_clients == 1  # both instances over one Engine.IO connection

    data = await sandbox.send_text("loja-sp", "olá, tudo bem?")
    event = await _event_with_text(events, "olá, tudo bem?")
    assert event.instance == "loja-sp" and event.instance_id == ids["loja-sp"]
    assert event.wire_event == "messages.upsert"
    assert data["key"]["id"] in event.duplicate_key
    assert event.payload["apikey"] == MASK and sandbox.token_of("loja-sp") not in json.dumps(
        event.payload
    )

    await sandbox.restart()
    await _until(poke, lambda: len(store.gaps) == 2)
    assert {g.instance_id for g in store.gaps} == set(ids.values())
    await _until(poke, lambda: all_in(S.WAITING))
    await _until(poke, lambda: resynced == [sorted(ids)])
    for name in ids:
        await sandbox.send_text(name, "first after restart")
    await _until(poke, lambda: all_in(S.LIVE))
    await sandbox.send_text("loja-rj", "de volta")
    assert (await _event_with_text(events, "de volta")).instance == "loja-rj"
    await store.wait_until(lambda: all(g.ended_at is not None for g in store.gaps))

    await sup.aclose()
    assert any("olá, tudo bem?" in json.dumps(e.payload, ensure_ascii=False) for e in store.events)
    assert sandbox.socket_clients == 0 or sup.connection_state(sid) is S.STOPPED


async def test_the_sandbox_refuses_a_wrong_key(sandbox: Sandbox) -> None:
    store = MemoryEventStore()
    server = store.add_server("sandbox", sandbox.url)
    store.add_instance(server, "loja-sp")

    async def wrong(s: Server) -> str:
        return "not-the-key"

    sup = ListenerSupervisor(store, key_for=wrong, backoff=FAST)
    poke = asyncio.Event()
    sup.on_state_changed(lambda c: poke.set())
    assert server.id is not None
    sid = server.id
    await sup.set_targets(server, ["loja-sp"])
    await _until(poke, lambda: sup.connection_state(sid) is S.REFUSED)
    assert sup.namespace_state(sid, "loja-sp") is S.REFUSED
    assert sup.connection_reason(sid) == "The server refused the API key."
    await sup.aclose()
