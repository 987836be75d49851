"""One writer of a SQLite event log at a time: the window and `evodesk listen` (or two
data folders) on one database store each event once, and the second takes over when
the first stops, with what only it heard."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from evodesk.domain.models import Event, Instance, ListenerState, Server
from evodesk.infra.paths import resolve_paths
from evodesk.infra.process_locks import FolderLock
from evodesk.infra.secrets import MemorySecretStore, server_key_ref
from evodesk.infra.store import Store
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.event_log_gate import OneWriterEventLog
from evodesk.services.instances import InstanceRef
from evodesk.services.listener import StateChange
from tests.cli_support import Cli, cli_env

T0 = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def _event(server: Server, number: int) -> Event:
    assert server.id is not None
    return Event(server_id=server.id, instance="loja", wire_event="messages.upsert",
                 received_at=T0 + timedelta(seconds=number), payload={"n": number},
                 duplicate_key=f"loja|{number}")


async def _numbers(store: Store) -> list[int]:
    return sorted(e.payload["n"] for e in await store.list_events())


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(f"sqlite:///{tmp_path / 'e.sqlite3'}")
    yield opened
    await opened.aclose()


async def _behind_a_writer(
    store: Store, tmp_path: Path, **options: int
) -> tuple[Server, FolderLock, OneWriterEventLog]:
    """Server "Main", the writer lock held as another process's writer holds it, and a
    gate waiting behind it."""
    server = await store.add_server(Server(name="Main", base_url="https://e.example"))
    holder = FolderLock(tmp_path / "l")
    assert holder.try_take()
    return server, holder, OneWriterEventLog(store, FolderLock(tmp_path / "l"), **options)


async def test_the_second_writer_waits_then_writes_only_what_the_first_did_not(
    store: Store, tmp_path: Path
) -> None:
    server = await store.add_server(Server(name="Main", base_url="https://e.example"))
    assert store.writer_lock_path == tmp_path / "e.sqlite3.writer.lock"
    first = OneWriterEventLog(store, FolderLock(tmp_path / "w.lock"))
    second = OneWriterEventLog(store, FolderLock(tmp_path / "w.lock"))
    assert await first.add_events([_event(server, 1)]) == 1
    assert first.writing
    # Both hear 2; only the second hears 3 (the first was stopping).
    assert await second.add_events([_event(server, 2), _event(server, 3)]) == 0
    assert not second.writing
    assert await second.prune_events(0) == 0  # nor does it prune
    assert await first.add_events([_event(server, 2)]) == 1
    assert await _numbers(store) == [1, 2]

    await first.aclose()
    assert await second.add_events([_event(server, 4)]) == 2  # 3 and 4
    assert second.writing
    assert await _numbers(store) == [1, 2, 3, 4]
    assert await second.add_events([_event(server, 5)]) == 1
    await second.aclose()


async def test_what_waits_is_bounded_and_the_overflow_counted(
    store: Store, tmp_path: Path
) -> None:
    server, holder, waiting = await _behind_a_writer(store, tmp_path, keep=3)
    await waiting.add_events([_event(server, n) for n in range(1, 6)])
    assert waiting.overflow == 2
    holder.release()
    assert await waiting.add_events([]) == 3
    assert await _numbers(store) == [3, 4, 5]
    await waiting.aclose()


async def test_a_failed_take_over_keeps_what_waits_for_the_next_try(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, holder, waiting = await _behind_a_writer(store, tmp_path)
    await waiting.add_events([_event(server, n) for n in range(1, 51)])
    holder.release()
    real = store.add_events

    async def locked(events: object) -> int:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(store, "add_events", locked)
    batch = [_event(server, 51), _event(server, 52)]
    for attempt in (batch, batch[:1], batch[1:]):  # the pipeline's own retries, in parts
        with pytest.raises(RuntimeError):
            await waiting.add_events(attempt)
    monkeypatch.setattr(store, "add_events", real)
    assert await waiting.add_events(batch) == 52
    assert await _numbers(store) == list(range(1, 53))  # each once
    await waiting.aclose()


async def test_what_waits_is_written_once_the_writer_is_gone_with_no_new_event(
    store: Store, tmp_path: Path
) -> None:
    # The writer crashed or quit; nothing more arrives here, and this one quits too.
    server, holder, waiting = await _behind_a_writer(store, tmp_path)
    await waiting.add_events([_event(server, 1), _event(server, 2)])
    holder.release()
    await waiting.aclose()
    assert await _numbers(store) == [1, 2]
    assert FolderLock(tmp_path / "l").try_take()  # and let go


async def test_what_waits_is_written_by_itself_once_the_writer_is_gone(
    store: Store, tmp_path: Path
) -> None:
    server, holder, waiting = await _behind_a_writer(store, tmp_path)
    waiting.start()
    await waiting.add_events([_event(server, 1)])
    holder.release()
    await asyncio.wait_for(waiting.took_over.wait(), 10)
    assert waiting.writing and await _numbers(store) == [1]
    await waiting.aclose()


async def test_a_batch_that_took_over_leaves_nothing_for_the_watch_to_do(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The writer left and the next batch took over before the watch looked again: the
    # watch stops; it does not take over a second time (and say so a second time).
    server, holder, waiting = await _behind_a_writer(store, tmp_path)
    waiting.start()
    watch = waiting._watch
    assert watch is not None
    await asyncio.sleep(0)  # one turn of the loop: the watch now waits for its next look
    await waiting.add_events([_event(server, 1)])
    holder.release()
    with caplog.at_level(logging.INFO, logger="evodesk.services.event_log_gate"):
        assert await waiting.add_events([_event(server, 2)]) == 2
        await asyncio.wait_for(watch, 10)
    assert [r.getMessage() for r in caplog.records].count(
        "This evodesk now writes the event log") == 1
    assert await _numbers(store) == [1, 2]
    await waiting.aclose()


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key="gate-key-0001", instances=["loja-sp"]) as sb:
        yield sb


@pytest.fixture
def cli(secret_service: object, tmp_path: Path) -> Cli:
    return Cli(data_dir=tmp_path / "data", env=cli_env(secret_service.env))  # type: ignore[attr-defined]


async def _window(cli: Cli, sandbox: Sandbox) -> AppServices:
    """The window's services on the command's data folder, listening."""
    app = await AppServices.open(resolve_paths(cli.data_dir), secrets=MemorySecretStore(),
                                 listen=True)
    await app.secrets.set(server_key_ref("Main"), sandbox.api_key)
    await app.start_listening()
    assert app.listener is not None
    listener = app.listener
    changed = asyncio.Event()
    stop = listener.on_state_changed(lambda _c: changed.set())
    try:
        while listener.namespace_state(1, "loja-sp") is not ListenerState.LIVE:
            changed.clear()
            await asyncio.wait_for(changed.wait(), 20)
    finally:
        stop()
    return app


async def _lines_until(stream: asyncio.StreamReader, done: Callable[[bytes], bool]) -> None:
    async def read() -> None:
        while not done(line := await stream.readline()):
            assert line, "listen ended early"

    await asyncio.wait_for(read(), 20)


async def _loja_sp_heard_live(cli: Cli, sandbox: Sandbox) -> None:
    """The sandbox added, synced and loja-sp put in websocket mode through the CLI, its
    namespace opened by a first message."""
    assert (await cli.run("server", "add", "Main", "--url", sandbox.url,
                          api_key=sandbox.api_key)).code == 0
    assert (await cli.run("sync")).code == 0
    assert (await cli.run("websocket", "enable", "loja-sp", "--event", "MESSAGES_UPSERT")).code == 0
    await sandbox.send_text("loja-sp", "opens the namespace")


@pytest.mark.keyring
async def test_the_window_and_evodesk_listen_store_each_event_once(
    cli: Cli, sandbox: Sandbox
) -> None:
    await _loja_sp_heard_live(cli, sandbox)
    window = await _window(cli, sandbox)
    listen = await cli.start("listen")
    assert listen.stdout is not None and listen.stderr is not None
    window_open = True
    try:
        await _lines_until(listen.stderr, lambda line: b"instance 'loja-sp': live" in line)
        texts = [f"both hear {n}" for n in range(5)]
        left = set(texts)
        for text in texts:
            await sandbox.send_text("loja-sp", text)
        await _lines_until(listen.stdout, lambda line: not left.difference_update(
            [t for t in texts if t.encode() in line]) and not left)
        window_open = False
        await window.aclose()  # `listen` goes on, and takes over the writing
        await sandbox.send_text("loja-sp", "after the window")
        await _lines_until(listen.stdout, lambda line: b"after the window" in line)
        listen.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(listen.wait(), 10) == 0
    finally:
        if listen.returncode is None:
            listen.kill()
            await listen.wait()
        if window_open:
            await window.aclose()
    store = await Store.open(f"sqlite:///{cli.data_dir / 'evodesk.sqlite3'}")
    try:
        stored = [json.dumps(e.payload, ensure_ascii=False) for e in await store.list_events()]
    finally:
        await store.aclose()
    every = [*texts, "after the window"]
    assert sorted(t for t in every for s in stored if t in s) == sorted(every)


@pytest.mark.keyring
async def test_evodesk_listen_beside_the_window_records_no_loss_of_its_own(
    cli: Cli, sandbox: Sandbox
) -> None:
    # The window writes the log; `evodesk listen` on the same folder loses the server
    # too, and the log still shows the loss once.
    await _loja_sp_heard_live(cli, sandbox)
    window = await _window(cli, sandbox)
    listen = await cli.start("listen")
    assert listen.stdout is not None and listen.stderr is not None
    assert window.listener is not None
    window_states: list[ListenerState] = []
    changed = asyncio.Event()
    window.listener.on_state_changed(
        lambda c: (window_states.append(c.state), changed.set()) if c.instance else None)
    try:
        await _lines_until(listen.stderr, lambda line: b"instance 'loja-sp': live" in line)
        await sandbox.drop_sockets()
        # Each records what it records of the loss before it says it is retrying.
        await _lines_until(listen.stderr, lambda line: b"connection: retrying" in line)
        await _lines_until(listen.stderr, lambda line: b"instance 'loja-sp': live" in line)
        while window_states[-1:] != [ListenerState.LIVE]:
            changed.clear()
            await asyncio.wait_for(changed.wait(), 20)
        listen.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(listen.wait(), 10) == 0
        gaps = await window.store.list_gaps()
    finally:
        if listen.returncode is None:
            listen.kill()
            await listen.wait()
        await window.aclose()
    assert len(gaps) == 1


async def test_two_data_folders_on_one_sqlite_file_have_one_writer(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    first = await AppServices.open(resolve_paths(tmp_path / "a"), database_url=url,
                                   secrets=MemorySecretStore(), listen=True)
    second = await AppServices.open(resolve_paths(tmp_path / "b"), database_url=url,
                                    secrets=MemorySecretStore(), listen=True)
    try:
        assert first.event_log is not None and first.event_log.writing
        assert second.event_log is not None and not second.event_log.writing
    finally:
        await second.aclose()
        await first.aclose()


async def test_one_file_reached_by_two_paths_has_one_lock(tmp_path: Path) -> None:
    real = tmp_path / "real.sqlite3"
    (tmp_path / "link.sqlite3").symlink_to(real)
    first = await Store.open(f"sqlite:///{real}")
    second = await Store.open(f"sqlite:///{tmp_path / 'link.sqlite3'}")
    try:
        assert first.writer_lock_path == second.writer_lock_path == tmp_path / (
            "real.sqlite3.writer.lock")
    finally:
        await second.aclose()
        await first.aclose()


async def test_what_was_cleared_while_one_waited_is_not_written_back(
    store: Store, tmp_path: Path
) -> None:
    server = await store.add_server(Server(name="Main", base_url="https://e.example"))
    other = await store.add_server(Server(name="Other", base_url="https://o.example"))
    [loja] = await store.save_instances([Instance(server_id=server.id or 0, name="loja")])
    assert loja.id is not None
    first = OneWriterEventLog(store, FolderLock(tmp_path / "w.lock"))
    second = OneWriterEventLog(store, FolderLock(tmp_path / "w.lock"))
    heard = [_event(server, 1), _event(server, 2)]
    elsewhere = replace(_event(other, 3), instance="loja")
    await first.add_events([*heard, elsewhere])
    await second.add_events([*heard, elsewhere])  # kept: the first writes
    assert await store.clear_events(instance_id=loja.id) == 2  # Main/loja only
    await first.aclose()
    await second.add_events([replace(_event(server, 4), received_at=datetime.now(UTC))])
    assert await _numbers(store) == [3, 4]  # 1 and 2 stay cleared; Other/loja stays
    assert await store.clear_events() == 2
    await second.aclose()
    third = OneWriterEventLog(store, FolderLock(tmp_path / "w.lock"))
    assert third.writing and await _numbers(store) == []
    await third.aclose()


async def test_what_the_writer_pruned_is_not_written_back(store: Store, tmp_path: Path) -> None:
    # Both hear 1..20; the writer keeps the newest 5. Taking over, the other writes only
    # what is newer than the oldest event left, so the next prune keeps the newest.
    server = await store.add_server(Server(name="Main", base_url="https://e.example"))
    first = OneWriterEventLog(store, FolderLock(tmp_path / "w.lock"))
    second = OneWriterEventLog(store, FolderLock(tmp_path / "w.lock"))
    for start in range(1, 21, 5):
        batch = [_event(server, n) for n in range(start, start + 5)]
        for gate in (first, second):
            await gate.add_events(batch)
            await gate.prune_events(5)
    assert await _numbers(store) == [16, 17, 18, 19, 20]
    await first.aclose()
    # Only the second hears 21 (the first had stopped).
    assert await second.add_events([_event(server, 21)]) == 1
    await second.prune_events(5)
    assert await _numbers(store) == [17, 18, 19, 20, 21]
    await second.aclose()


async def test_two_listeners_on_one_sqlite_file_record_each_loss_once(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    # Both hear the server and both lose it: the log shows the loss once, not once for
    # each process.
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    secrets = MemorySecretStore()
    apps = [await AppServices.open(resolve_paths(tmp_path / folder), database_url=url,
                                   secrets=secrets, listen=True) for folder in ("a", "b")]
    try:
        await apps[0].servers.add("Main", sandbox.url, sandbox.api_key)
        await apps[0].sync.sync_all()
        await apps[0].manager.enable_websocket(InstanceRef("loja-sp", "Main"),
                                               ["MESSAGES_UPSERT"])
        await sandbox.send_text("loja-sp", "opens the namespace")
        changes: list[tuple[int, StateChange]] = []
        changed = asyncio.Event()
        for number, app in enumerate(apps):
            assert app.listener is not None
            app.listener.on_state_changed(
                lambda c, n=number: (changes.append((n, c)), changed.set()))
            await app.start_listening()

        async def until(predicate: Callable[[], bool]) -> None:
            while not predicate():
                changed.clear()
                await asyncio.wait_for(changed.wait(), 20)

        await until(lambda: all(app.listener is not None and app.listener.namespace_state(
            1, "loja-sp") is ListenerState.LIVE for app in apps))
        await sandbox.drop_sockets()
        # Each records the loss before it says it is retrying.
        await until(lambda: {n for n, c in changes if c.instance is None
                             and c.state is ListenerState.RETRYING} == {0, 1})
        assert len(await apps[0].store.list_gaps()) == 1
    finally:
        for app in reversed(apps):
            await app.aclose()
    store = await Store.open(url)
    try:
        gaps = await store.list_gaps()
    finally:
        await store.aclose()
    assert len(gaps) == 1 and gaps[0].ended_at is not None


async def test_a_loss_of_the_one_that_takes_over_is_recorded_from_then(
    tmp_path: Path
) -> None:
    # The second lost the server while the first still heard it: no gap in the log. Once
    # the first stops and the second writes the log, nothing is heard: that is a gap.
    async with Sandbox(api_key="gate-key-0001", instances=["loja-sp"],
                       require_socket_key=True) as sandbox:
        url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        apps = [await AppServices.open(resolve_paths(tmp_path / folder), database_url=url,
                                       secrets=MemorySecretStore(), listen=True)
                for folder in ("a", "b")]
        first, second = apps
        try:
            await first.servers.add("Main", sandbox.url, sandbox.api_key)
            await second.secrets.set(server_key_ref("Main"), sandbox.api_key)
            await first.sync.sync_all()
            await first.manager.enable_websocket(InstanceRef("loja-sp", "Main"),
                                                 ["MESSAGES_UPSERT"])
            await sandbox.send_text("loja-sp", "opens the namespace")
            changed = asyncio.Event()
            for app in apps:
                assert app.listener is not None
                app.listener.on_state_changed(lambda _c: changed.set())
                await app.start_listening()

            def state(app: AppServices) -> ListenerState:
                assert app.listener is not None
                return app.listener.namespace_state(1, "loja-sp")

            async def until(predicate: Callable[[], bool]) -> None:
                while not predicate():
                    changed.clear()
                    await asyncio.wait_for(changed.wait(), 20)

            await until(lambda: all(state(app) is ListenerState.LIVE for app in apps))
            await second.servers.update("Main", api_key="a-key-that-is-refused")
            await until(lambda: state(second) is ListenerState.REFUSED)
            assert await first.store.list_gaps() == []  # the first hears it all
            await first.aclose()
            apps = [second]
            assert second.event_log is not None
            await asyncio.wait_for(second.event_log.took_over.wait(), 20)
            [gap] = await second.store.list_gaps()
            assert gap.ended_at is None
            await second.servers.update("Main", api_key=sandbox.api_key)
            await until(lambda: state(second) is ListenerState.LIVE)
        finally:
            for app in reversed(apps):
                await app.aclose()
        store = await Store.open(url)
        try:
            [gap] = await store.list_gaps()
        finally:
            await store.aclose()
        assert gap.ended_at is not None
