"""End to end: the listener against the Evolution sandbox, with websocket rows set through
its REST API as evodesk's manager would."""

from __future__ import annotations

import asyncio
import base64
import json
import signal
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from evodesk.domain.models import Event, ListenerState, Server
from evodesk.domain.secrets import MASK
from evodesk.sandbox import Sandbox
from evodesk.services.listener import BackoffPolicy, ListenerSupervisor, StateChange
from tests.cli_support import Cli, cli_env
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


@pytest.mark.keyring
@pytest.mark.timeout(60)
async def test_byte_fields_sent_as_binary_reach_the_store_and_evodesk_listen(
    secret_service: object, tmp_path: Path
) -> None:
    # Evolution rebuilds WhatsApp's byte fields as Uint8Array, so its Socket.IO sends
    # such a message as a binary packet. From the sandbox through `evodesk listen`: the
    # events are stored and printed whole, bytes as base64, messageSecret masked.
    cli = Cli(data_dir=tmp_path / "data", env=cli_env(secret_service.env))  # type: ignore[attr-defined]
    async with Sandbox(api_key="binary-key-canary-5151", instances=["loja-sp"],
                       binary_fields=True) as sb:
        added = await cli.run("server", "add", "Main", "--url", sb.url, api_key=sb.api_key)
        assert added.code == 0, added.err
        assert (await cli.run("sync")).code == 0
        enabled = await cli.run("websocket", "enable", "loja-sp",
                                "--event", "MESSAGES_UPSERT", "--event", "SEND_MESSAGE")
        assert enabled.code == 0, enabled.err
        process = await cli.start("listen")
        assert process.stdout is not None and process.stderr is not None
        printed: dict[str, dict[str, Any]] = {}
        try:
            await sb.send_text("loja-sp", "creates the namespace")
            await _stderr_line(process.stderr, b"instance 'loja-sp': live")
            sent = [await sb.send_media("loja-sp", "image", caption="nota fiscal"),
                    await sb.send_text("loja-sp", "enviado pela API", via_api=True)]
            ids = {data["key"]["id"] for data in sent}
            while not ids <= printed.keys():
                line = await asyncio.wait_for(process.stdout.readline(), 10)
                assert line, "listen ended early"
                record = json.loads(line)
                printed[record["payload"]["data"]["key"]["id"]] = record
            process.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(process.wait(), 10)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        rest = (await process.stderr.read()).decode()
        assert code == 0, rest
    with sqlite3.connect(cli.data_dir / "evodesk.sqlite3") as db:
        rows = db.execute("select payload from events where wire_event = 'messages.upsert' "
                          "or wire_event = 'send.message'").fetchall()
    stored = {p["data"]["key"]["id"]: p for p in (json.loads(row[0]) for row in rows)}
    assert ids <= stored.keys()
    media, text = sent
    for payload in (printed[media["key"]["id"]]["payload"], stored[media["key"]["id"]]):
        image = payload["data"]["message"]["imageMessage"]
        for name in ("jpegThumbnail", "mediaKey", "fileSha256", "fileEncSha256"):
            assert image[name] == base64.b64encode(media["message"]["imageMessage"][name]).decode()
        assert image["caption"] == "nota fiscal"
        assert payload["data"]["message"]["messageContextInfo"]["messageSecret"] == MASK
        assert payload["apikey"] == MASK
    for payload in (printed[text["key"]["id"]]["payload"], stored[text["key"]["id"]]):
        assert payload["event"] == "send.message"
        message = payload["data"]["message"]
        assert message["conversation"] == "enviado pela API"
        assert message["messageContextInfo"]["messageSecret"] == MASK
        sender_hash = text["message"]["messageContextInfo"]["deviceListMetadata"]["senderKeyHash"]
        assert message["messageContextInfo"]["deviceListMetadata"]["senderKeyHash"] == \
            base64.b64encode(sender_hash).decode()
    # No secret in the output, the stored rows, the log or anything else written.
    everything = json.dumps(printed) + rest + cli.files_text()
    for data in sent:
        secret = data["message"]["messageContextInfo"]["messageSecret"]
        assert base64.b64encode(secret).decode() not in everything
        assert secret.hex() not in everything
    assert sb.api_key not in everything and sb.token_of("loja-sp") not in everything


async def _stderr_line(stderr: asyncio.StreamReader, text: bytes) -> None:
    async def read() -> None:
        while text not in await stderr.readline():
            assert not stderr.at_eof(), "listen ended early"

    await asyncio.wait_for(read(), 10)
