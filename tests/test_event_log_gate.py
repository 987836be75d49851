"""One writer of the event log per data folder: the window and `evodesk listen` both
listening on one SQLite database store each event once, and the second takes over
when the first stops, with what only it heard."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from evodesk.domain.models import Event, ListenerState, Server
from evodesk.infra.paths import resolve_paths
from evodesk.infra.process_locks import FolderLock
from evodesk.infra.secrets import MemorySecretStore, server_key_ref
from evodesk.infra.store import Store
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.event_log_gate import FolderEventLog
from evodesk.services.instances import InstanceRef

T0 = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def _event(server: Server, number: int) -> Event:
    assert server.id is not None
    return Event(server_id=server.id, instance="loja", wire_event="messages.upsert",
                 received_at=T0 + timedelta(seconds=number), payload={"n": number},
                 duplicate_key=f"loja|{number}")


async def _numbers(store: Store) -> list[int]:
    return sorted(e.payload["n"] for e in await store.list_events())


async def test_the_second_writer_waits_then_writes_only_what_the_first_did_not(
    tmp_path: Path,
) -> None:
    store = await Store.open(f"sqlite:///{tmp_path / 'e.sqlite3'}")
    try:
        server = await store.add_server(Server(name="Main", base_url="https://e.example"))
        lock_path = tmp_path / "locks" / "event-log.lock"
        first = FolderEventLog(store, FolderLock(lock_path))
        second = FolderEventLog(store, FolderLock(lock_path))
        assert await first.add_events([_event(server, 1)]) == 1
        assert first.writing
        # Both hear 2; only the second hears 3 (the first was stopping).
        assert await second.add_events([_event(server, 2), _event(server, 3)]) == 0
        assert not second.writing
        assert await second.prune_events(0) == 0  # nor does it prune
        assert await first.add_events([_event(server, 2)]) == 1
        assert await _numbers(store) == [1, 2]

        first.close()
        assert await second.add_events([_event(server, 4)]) == 2  # 3 and 4
        assert second.writing
        assert await _numbers(store) == [1, 2, 3, 4]
        assert await second.add_events([_event(server, 5)]) == 1
        second.close()
    finally:
        await store.aclose()


async def test_what_waits_is_bounded_and_the_overflow_counted(tmp_path: Path) -> None:
    store = await Store.open(f"sqlite:///{tmp_path / 'e.sqlite3'}")
    try:
        server = await store.add_server(Server(name="Main", base_url="https://e.example"))
        holder = FolderLock(tmp_path / "l")
        assert holder.try_take()
        waiting = FolderEventLog(store, FolderLock(tmp_path / "l"), keep=3)
        await waiting.add_events([_event(server, n) for n in range(1, 6)])
        assert waiting.overflow == 2
        holder.release()
        assert await waiting.add_events([]) == 3
        assert await _numbers(store) == [3, 4, 5]
    finally:
        await store.aclose()


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key="gate-key-0001", instances=["loja-sp"]) as sb:
        yield sb


async def _listening(paths_dir: Path, sandbox: Sandbox, *, first: bool) -> AppServices:
    app = await AppServices.open(resolve_paths(paths_dir), secrets=MemorySecretStore(),
                                 listen=True)
    if first:
        await app.servers.add("Main", sandbox.url, sandbox.api_key)
        await app.sync.sync_all()
        await app.manager.enable_websocket(InstanceRef("loja-sp", "Main"), ["MESSAGES_UPSERT"])
    else:
        await app.secrets.set(server_key_ref("Main"), sandbox.api_key)
    await app.start_listening()
    return app


async def _until_live(apps: list[AppServices], sandbox: Sandbox) -> None:
    async def live(app: AppServices) -> None:
        assert app.listener is not None
        listener = app.listener
        changed = asyncio.Event()
        stop = listener.on_state_changed(lambda _c: changed.set())
        try:
            while listener.namespace_state(1, "loja-sp") is not ListenerState.LIVE:
                changed.clear()
                await changed.wait()
        finally:
            stop()

    await sandbox.send_text("loja-sp", "opens the namespace")
    await asyncio.wait_for(asyncio.gather(*(live(a) for a in apps)), 20)


def _hearing(app: AppServices, texts: set[str]) -> asyncio.Future[None]:
    """Subscribed now: done once `app` has received an event with each of `texts`."""
    assert app.listener is not None
    events = app.listener.subscribe()
    left = set(texts)

    async def drain() -> None:
        async for event in events:
            payload = json.dumps(event.payload, ensure_ascii=False)
            left.difference_update([t for t in left if t in payload])
            if not left:
                return

    return asyncio.ensure_future(asyncio.wait_for(drain(), 20))


async def _stored_texts(app: AppServices, texts: set[str]) -> list[str]:
    """Each of `texts` once for every stored event that holds it."""
    assert app.listener is not None
    await app.listener.pipeline.flush()
    stored = [json.dumps(e.payload, ensure_ascii=False) for e in await app.store.list_events()]
    return sorted(t for t in texts for s in stored if t in s)


async def test_the_window_and_listen_on_one_folder_store_each_event_once(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    window = await _listening(tmp_path / "d", sandbox, first=True)
    listen = await _listening(tmp_path / "d", sandbox, first=False)
    open_ = [listen, window]
    try:
        await _until_live([window, listen], sandbox)
        texts = {f"both hear {n}" for n in range(5)}
        heard = [_hearing(app, texts) for app in (window, listen)]
        for text in sorted(texts):
            await sandbox.send_text("loja-sp", text)
        await asyncio.gather(*heard)
        # Both flushed; one stored row per message (two before: one from each).
        assert await _stored_texts(window, texts) == sorted(texts)
        assert await _stored_texts(listen, texts) == sorted(texts)
        assert window.event_log is not None and window.event_log.writing
        assert listen.event_log is not None and not listen.event_log.writing

        open_.remove(window)
        await window.aclose()  # `listen` goes on, and now writes
        later = _hearing(listen, {"after the window"})
        await sandbox.send_text("loja-sp", "after the window")
        await later
        every = texts | {"after the window"}
        assert await _stored_texts(listen, every) == sorted(every)
        assert listen.event_log.writing
    finally:
        for app in open_:
            await app.aclose()
