"""A team on one PostgreSQL database: locks every workstation shares (advisory locks),
taken by the delivery manager so that two workstations changing one instance at the same
moment never leave both delivery modes on; and an event log that keeps each event once
however many workstations receive it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evodesk.domain.models import Event, Instance, ListenerState, Server, WebhookConfig
from evodesk.infra.paths import resolve_paths
from evodesk.infra.process_locks import LockTimeout
from evodesk.infra.secrets import MemorySecretStore
from evodesk.infra.store import Store
from evodesk.infra.store import store as store_module
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.event_pipeline import EventPipeline
from evodesk.services.instances import InstanceRef
from tests.manager_support import SandboxRows
from tests.store_pg import PgCluster
from tests.support.relay import TcpRelay

pytestmark = pytest.mark.postgres

NAME = "instance:1:loja-sp"


@pytest.fixture
def pg_url(pg_cluster: PgCluster, clean_pg_database: str) -> str:
    return pg_cluster.url(clean_pg_database)


@pytest.fixture
async def workstations(pg_url: str) -> AsyncIterator[tuple[Store, Store]]:
    """Two stores on one database: what two workstations of a team open."""
    first = await Store.open(pg_url)
    second = await Store.open(pg_url)
    yield first, second
    await first.aclose()
    await second.aclose()


def held_locks(cluster: PgCluster, database: str) -> int:
    """Advisory locks granted in the database right now, as the server counts them."""
    with cluster.connect(database) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        ).fetchone()
    assert row is not None
    return int(row[0])


class RefusedTries:
    """Wraps the store's try so a test can wait until a waiter has been refused."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.refused = 0
        self._loop = asyncio.get_running_loop()
        self._event = asyncio.Event()
        real = store_module._try_lock
        lock = threading.Lock()

        def counted(connection: object, key: int) -> bool:
            taken = real(connection, key)  # type: ignore[arg-type]
            if not taken:
                with lock:
                    self.refused += 1
                self._loop.call_soon_threadsafe(self._event.set)
            return taken

        monkeypatch.setattr(store_module, "_try_lock", counted)

    async def wait(self) -> None:
        await self._event.wait()


async def test_sqlite_has_no_shared_locks(tmp_path: Path) -> None:
    store = await Store.open(f"sqlite:///{tmp_path / 'evodesk.db'}")
    try:
        assert store.shared_locks() is None
    finally:
        await store.aclose()


async def test_a_lock_held_on_one_workstation_keeps_the_other_out(
    workstations: tuple[Store, Store], pg_cluster: PgCluster, clean_pg_database: str
) -> None:
    first, second = workstations
    mine = first.shared_locks()
    theirs = second.shared_locks(timeout=0.2)
    assert mine is not None and theirs is not None
    busy = "Another evodesk is changing 'loja-sp'."
    async with mine.hold(NAME, busy_message=busy):
        assert held_locks(pg_cluster, clean_pg_database) == 1
        with pytest.raises(LockTimeout, match=re.escape(busy)):
            async with theirs.hold(NAME, busy_message=busy):
                pytest.fail("both workstations held one lock")
        # Another instance's lock is free meanwhile.
        async with theirs.hold("instance:1:loja-rj", busy_message="busy"):
            assert held_locks(pg_cluster, clean_pg_database) == 2
    assert held_locks(pg_cluster, clean_pg_database) == 0
    async with theirs.hold(NAME, busy_message="busy"):
        assert held_locks(pg_cluster, clean_pg_database) == 1
    assert held_locks(pg_cluster, clean_pg_database) == 0


async def test_a_waiter_goes_in_once_the_holder_leaves(
    workstations: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = workstations
    mine, theirs = first.shared_locks(), second.shared_locks()
    assert mine is not None and theirs is not None
    tries = RefusedTries(monkeypatch)
    order: list[str] = []

    async def wait_then_take() -> None:
        async with theirs.hold(NAME, busy_message="busy"):
            order.append("theirs in")

    async with mine.hold(NAME, busy_message="busy"):
        order.append("mine in")
        waiter = asyncio.create_task(wait_then_take())
        await tries.wait()  # the waiter was refused at least once while this one held it
        order.append("mine out")
    await waiter
    assert order == ["mine in", "mine out", "theirs in"]
    assert tries.refused >= 1


async def test_cancelled_holders_and_waiters_leave_no_lock_behind(
    workstations: tuple[Store, Store],
    pg_cluster: PgCluster,
    clean_pg_database: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = workstations
    mine, theirs = first.shared_locks(), second.shared_locks()
    assert mine is not None and theirs is not None
    tries = RefusedTries(monkeypatch)
    inside = asyncio.Event()

    async def hold_forever() -> None:
        async with mine.hold(NAME, busy_message="busy"):
            inside.set()
            await asyncio.Event().wait()

    async def wait_for_it() -> None:
        async with theirs.hold(NAME, busy_message="busy"):
            pytest.fail("the waiter went in while the lock was held")

    holder = asyncio.create_task(hold_forever())
    await inside.wait()
    waiter = asyncio.create_task(wait_for_it())
    await tries.wait()
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert held_locks(pg_cluster, clean_pg_database) == 1  # the holder's, and only that
    holder.cancel()
    with pytest.raises(asyncio.CancelledError):
        await holder
    assert held_locks(pg_cluster, clean_pg_database) == 0
    # Both pools got healthy connections back: the stores go on working.
    assert await first.count_events() == 0
    assert await second.count_events() == 0


async def test_a_lock_whose_session_died_is_let_go_quietly(
    workstations: tuple[Store, Store], pg_cluster: PgCluster, clean_pg_database: str
) -> None:
    first, second = workstations
    mine, theirs = first.shared_locks(), second.shared_locks(timeout=5)
    assert mine is not None and theirs is not None
    async with mine.hold(NAME, busy_message="busy"):
        with pg_cluster.connect(clean_pg_database) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
            )
    # The server dropped the lock with the session; leaving raised nothing, and the lock
    # is free for the other workstation.
    assert held_locks(pg_cluster, clean_pg_database) == 0
    async with theirs.hold(NAME, busy_message="busy"):
        assert held_locks(pg_cluster, clean_pg_database) == 1
    assert await first.count_events() == 0


async def test_a_lock_held_when_its_store_closes_is_let_go(
    pg_url: str, pg_cluster: PgCluster, clean_pg_database: str
) -> None:
    closing, other = await Store.open(pg_url), await Store.open(pg_url)
    try:
        mine, theirs = closing.shared_locks(), other.shared_locks(timeout=10)
        assert mine is not None and theirs is not None
        async with mine.hold(NAME, busy_message="busy"):
            await closing.aclose()  # evodesk quitting while a change waits on the server
        # The session ended with the connection, and the lock with it.
        async with theirs.hold(NAME, busy_message="busy"):
            assert held_locks(pg_cluster, clean_pg_database) == 1
    finally:
        await closing.aclose()
        await other.aclose()


@contextlib.asynccontextmanager
async def two_desks(
    tmp_path: Path, pg_url: str, sandbox: Sandbox, *, listen: bool = False
) -> AsyncIterator[tuple[AppServices, AppServices]]:
    """Two workstations (two data folders, one PostgreSQL database), the sandbox added
    as server "Main" by the first and synced."""
    secrets = MemorySecretStore()
    first = await AppServices.open(resolve_paths(tmp_path / "desk-1"), database_url=pg_url,
                                   secrets=secrets, listen=listen)
    try:
        second = await AppServices.open(resolve_paths(tmp_path / "desk-2"),
                                        database_url=pg_url, secrets=secrets, listen=listen)
        try:
            await first.servers.add("Main", sandbox.url, sandbox.api_key)
            await first.sync.sync_all()
            yield first, second
        finally:
            await second.aclose()
    finally:
        await first.aclose()


async def test_two_workstations_on_one_database_take_turns(
    tmp_path: Path, pg_url: str
) -> None:
    # Two workstations (two data folders, one PostgreSQL database): one turns the
    # webhook on, the other the websocket, at the same moment. Each must see what the
    # other did, so the server never ends with both on.
    ref = InstanceRef("loja-sp", "Main")
    async with (
        Sandbox(api_key="team-key-0001", instances=["loja-sp"]) as sandbox,
        two_desks(tmp_path, pg_url, sandbox) as (first, second),
    ):
        for turn in range(3):
            webhook = WebhookConfig(url="http://127.0.0.1:9/hook", events=("MESSAGES_UPSERT",))
            changes = (first.manager.enable_webhook(ref, webhook),
                       second.manager.enable_websocket(ref, ("MESSAGES_UPSERT",)))
            outcomes = await asyncio.gather(*(changes if turn % 2 else changes[::-1]))
            enabled = await SandboxRows(sandbox).enabled("loja-sp")
            assert enabled in ((True, False), (False, True))
            assert not any(o.status.instance.conflict for o in outcomes)



def event(server_id: int, message_id: str, *, repeat: bool = False) -> Event:
    return Event(
        server_id=server_id, instance="loja-sp", wire_event="messages.upsert",
        received_at=datetime(2026, 11, 29, 12, 0, tzinfo=UTC),
        payload={"data": {"key": {"id": message_id}}},
        duplicate_key=f"loja-sp|messages.upsert|{message_id}||", is_duplicate=repeat,
    )


async def test_each_event_is_kept_once_however_many_workstations_write_it(
    workstations: tuple[Store, Store],
) -> None:
    first, second = workstations
    server = await first.add_server(Server(name="Main", base_url="https://e.example"))
    await first.save_instances([Instance(server_id=server.id or 0, name="loja-sp")])
    assert server.id is not None
    received = [event(server.id, f"ID{n}") for n in range(3)]
    assert await first.add_events(received) == 3
    # The other workstation got the same three, one of them twice (a repeat it
    # recognised as one), and one more.
    theirs = [*received, event(server.id, "ID1", repeat=True), event(server.id, "ID9")]
    assert await second.add_events(theirs) == 2
    stored = await first.list_events()
    assert sorted(e.duplicate_key.split("|")[2] for e in stored) == [
        "ID0", "ID1", "ID1", "ID2", "ID9"
    ]
    assert [e.is_duplicate for e in stored if e.duplicate_key.endswith("ID1||")].count(True) == 1


async def test_each_delivery_of_a_repeat_is_kept_once_however_many_workstations_write_it(
    workstations: tuple[Store, Store],
) -> None:
    first, second = workstations
    server = await first.add_server(Server(name="Main", base_url="https://e.example"))
    assert server.id is not None

    def delivery(message_id: str, server_time: str | None, *, repeat: bool) -> Event:
        return replace(event(server.id or 0, message_id, repeat=repeat),
                       server_time=server_time)

    heard = [delivery("ID1", "2026-11-29T12:00:00.100Z", repeat=False),
             delivery("ID1", "2026-11-29T12:00:00.900Z", repeat=True)]
    assert await first.add_events(heard) == 2
    # The other workstation heard the same two deliveries, then the server's third
    # (another server time), and a repeat whose payload had no time, which cannot be
    # told from another.
    theirs = [*heard, delivery("ID1", "2026-11-29T12:00:05.000Z", repeat=True),
              delivery("ID1", None, repeat=True)]
    assert await second.add_events(theirs) == 2
    assert sorted((e.is_duplicate, e.server_time or "") for e in await first.list_events()) == [
        (False, "2026-11-29T12:00:00.100Z"), (True, ""),
        (True, "2026-11-29T12:00:00.900Z"), (True, "2026-11-29T12:00:05.000Z"),
    ]


async def test_a_write_undone_to_break_a_deadlock_is_run_again(
    workstations: tuple[Store, Store], pg_cluster: PgCluster, clean_pg_database: str
) -> None:
    # Events of two instances interleave differently on two computers: this one writes
    # X then Y while another has written Y and goes on to X. Each waits for the other;
    # PostgreSQL undoes this one (it waited first) and the store runs it again.
    store, _ = workstations
    server = await store.add_server(Server(name="Main", base_url="https://e.example"))
    assert server.id is not None
    other = pg_cluster.connect(clean_pg_database)
    other.autocommit = False
    # The store's session finds the deadlock first (100 ms) and is the one undone.
    other.execute("SET deadlock_timeout = '10s'")
    insert = (
        "INSERT INTO events (server_id, instance_name, wire_event, received_at, payload, "
        "duplicate_key, is_duplicate) VALUES (%s, 'loja-sp', 'messages.upsert', now(), "
        "'{}', %s, false) ON CONFLICT (server_id, duplicate_key) WHERE NOT is_duplicate "
        "DO NOTHING"
    )
    x, y = event(server.id, "X"), event(server.id, "Y")
    try:
        other.execute(insert, (server.id, y.duplicate_key))  # held, not yet committed
        writing = asyncio.create_task(store.add_events([x, y]))

        def waits_for_a_lock() -> bool:
            with pg_cluster.connect(clean_pg_database) as probe:
                row = probe.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                ).fetchone()
            return row is not None and row[0] >= 1

        while not await asyncio.to_thread(waits_for_a_lock):
            assert not writing.done(), writing  # it must wait for the other's Y
        await asyncio.to_thread(other.execute, insert, (server.id, x.duplicate_key))
        await asyncio.to_thread(other.commit)
        # Undone once, then run again after the other's commit: both were there already.
        assert await writing == 0
    finally:
        other.close()
    keys = sorted(e.duplicate_key for e in await store.list_events())
    assert keys == sorted([x.duplicate_key, y.duplicate_key])


async def test_two_listening_workstations_store_each_event_once(
    tmp_path: Path, pg_url: str
) -> None:
    ref = InstanceRef("loja-sp", "Main")
    async with (
        Sandbox(api_key="team-key-0002", instances=["loja-sp"]) as sandbox,
        two_desks(tmp_path, pg_url, sandbox, listen=True) as desks,
    ):
        await desks[0].manager.enable_websocket(ref, ("MESSAGES_UPSERT",))
        server = await desks[0].store.get_server("Main")
        changed = asyncio.Event()
        listeners = [desk.listener for desk in desks]
        for listener in listeners:
            assert listener is not None
            listener.on_state_changed(lambda _change: changed.set())
        for desk in desks:
            await desk.start_listening()
        # Evolution makes an instance's namespace on its first event.
        await sandbox.send_text("loja-sp", "creates the namespace")

        async def both_live() -> None:
            while not all(listener is not None and listener.namespace_state(
                    server.id or 0, "loja-sp") is ListenerState.LIVE
                    for listener in listeners):
                changed.clear()
                await changed.wait()

        await asyncio.wait_for(both_live(), 10)
        subscriptions = [listener.subscribe() for listener in listeners if listener]
        sent = [await sandbox.send_text("loja-sp", f"mensagem {n}") for n in range(5)]

        async def received(subscription: object, count: int) -> None:
            seen = 0
            async for _ in subscription:  # type: ignore[attr-defined]
                seen += 1
                if seen == count:
                    return

        await asyncio.wait_for(
            asyncio.gather(*(received(s, len(sent)) for s in subscriptions)), 10)
        for listener in listeners:
            assert listener is not None
            await listener.flush()
        stored = await desks[0].store.list_events()
        ids = [e.payload["data"]["key"]["id"] for e in stored if "mensagem" in str(e.payload)]
        assert sorted(ids) == sorted(data["key"]["id"] for data in sent)

async def test_a_workstation_keeps_its_name_when_its_host_name_changes(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from evodesk.infra.settings import load_settings

    paths = resolve_paths(tmp_path / "desk")
    monkeypatch.setattr(socket, "gethostname", lambda: "Johns-MacBook-Pro.local")
    first = await AppServices.open(paths, database_url=pg_url, secrets=MemorySecretStore())
    await first.aclose()
    assert first.store.workstation == "Johns-MacBook-Pro.local"
    assert load_settings(paths.settings_file).workstation == "Johns-MacBook-Pro.local"
    # Another network, another host name: still the same computer to the team.
    monkeypatch.setattr(socket, "gethostname", lambda: "johns-mbp.lan")
    again = await AppServices.open(paths, database_url=pg_url, secrets=MemorySecretStore())
    await again.aclose()
    assert again.store.workstation == "Johns-MacBook-Pro.local"
    # A SQLite file is this computer's alone: nothing to name, nothing kept.
    own = resolve_paths(tmp_path / "own")
    alone = await AppServices.open(own, secrets=MemorySecretStore())
    await alone.aclose()
    assert load_settings(own.settings_file).workstation is None


async def test_the_shared_log_keeps_what_its_most_generous_workstation_asks(
    pg_url: str, pg_cluster: PgCluster, clean_pg_database: str
) -> None:
    # One workstation set to keep few events pruned everyone's log to its own number.
    keeper = await Store.open(pg_url, workstation="recepcao")
    pruner = await Store.open(pg_url, workstation="caixa")
    try:
        server = await keeper.add_server(Server(name="Main", base_url="https://e.example"))
        assert server.id is not None
        await keeper.note_retention(100_000)
        await keeper.add_events([event(server.id, f"ID{n}") for n in range(5)])
        assert await pruner.prune_events(2) == 0  # the other asks for 100,000
        assert await keeper.count_events() == 5

        await keeper.note_retention(3)  # lowered there too: the most now asked is 3
        assert await pruner.prune_events(2) == 2
        assert await keeper.count_events() == 3

        await keeper.note_retention(100_000)
        with pg_cluster.connect(clean_pg_database) as connection:  # not seen for 31 days
            connection.execute("UPDATE workstations SET seen_at = seen_at - interval '31 days'"
                               " WHERE name = 'recepcao'")
        assert await pruner.prune_events(2) == 1
        assert await keeper.count_events() == 2
    finally:
        await keeper.aclose()
        await pruner.aclose()


async def test_a_sqlite_log_keeps_what_this_computer_asks(tmp_path: Path) -> None:
    store = await Store.open(f"sqlite:///{tmp_path / 'e.sqlite3'}", workstation="recepcao")
    try:
        server = await store.add_server(Server(name="Main", base_url="https://e.example"))
        assert server.id is not None
        await store.note_retention(100_000)  # nothing to note: the file is this computer's
        await store.add_events([event(server.id, f"ID{n}") for n in range(5)])
        assert await store.prune_events(2) == 3
    finally:
        await store.aclose()


class Watched:
    """Sets `done` once the wrapped store method has returned, `failed` once it raised."""

    def __init__(self, store: Store, method: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.done = asyncio.Event()
        self.failed = asyncio.Event()
        real = getattr(store, method)

        async def watched(*args: object, **kwargs: object) -> object:
            try:
                result = await real(*args, **kwargs)
            except Exception:
                self.failed.set()
                raise
            self.done.set()
            return result

        monkeypatch.setattr(store, method, watched)


@dataclass
class _RelayedDesk:
    """A desk whose database is reached through a relay the test can cut, listening to
    instance loja-sp of a sandbox (websocket mode, not yet listening)."""

    desk: AppServices
    sandbox: Sandbox
    relay: TcpRelay
    server: Server
    states: asyncio.Queue[ListenerState]

    async def until(self, state: ListenerState) -> None:
        while await self.states.get() is not state:
            pass


@contextlib.asynccontextmanager
async def relayed_desk(
    tmp_path: Path, pg_cluster: PgCluster, database: str, api_key: str
) -> AsyncIterator[_RelayedDesk]:
    relay = TcpRelay(pg_cluster.port)
    await relay.start()
    url = f"postgresql+psycopg://postgres@127.0.0.1:{relay.port}/{database}"
    async with Sandbox(api_key=api_key, instances=["loja-sp"]) as sandbox:
        desk = await AppServices.open(resolve_paths(tmp_path / "desk"), database_url=url,
                                      secrets=MemorySecretStore(), listen=True,
                                      workstation="recepcao")
        try:
            await desk.servers.add("Main", sandbox.url, sandbox.api_key)
            await desk.sync.sync_all()
            await desk.manager.enable_websocket(InstanceRef("loja-sp", "Main"),
                                                ("MESSAGES_UPSERT",))
            assert desk.listener is not None
            server = await desk.store.get_server("Main")
            assert server.id is not None
            states: asyncio.Queue[ListenerState] = asyncio.Queue()
            desk.listener.on_state_changed(
                lambda change: states.put_nowait(change.state)
                if change.instance == "loja-sp" else None)
            yield _RelayedDesk(desk, sandbox, relay, server, states)
        finally:
            await desk.aclose()
            await relay.aclose()


@pytest.mark.parametrize("database_away", ["before the loss", "after the loss"])
async def test_a_gap_the_database_missed_is_recorded_once_it_is_back(
    tmp_path: Path, pg_cluster: PgCluster, clean_pg_database: str,
    monkeypatch: pytest.MonkeyPatch, database_away: str,
) -> None:
    # The workstation's network drops: the Evolution connection and the database are
    # away at once. Its listener hears the instance again before the database is back;
    # the gap (the messages it could not hear) must still be in the log, and closed.
    async with relayed_desk(tmp_path, pg_cluster, clean_pg_database, "team-key-0003") as r:
        desk, sandbox, relay, until = r.desk, r.sandbox, r.relay, r.until
        opened = Watched(desk.store, "open_gap", monkeypatch)
        closed = Watched(desk.store, "close_open_gaps", monkeypatch)
        await desk.start_listening()
        await sandbox.send_text("loja-sp", "creates the namespace")
        await asyncio.wait_for(until(ListenerState.LIVE), 10)
        # Live for the first time: any gap an earlier run left open is closed.
        await asyncio.wait_for(closed.done.wait(), 10)
        closed.done.clear()

        if database_away == "before the loss":
            await relay.cut()
        await sandbox.drop_sockets()
        await asyncio.wait_for(until(ListenerState.RETRYING), 10)
        if database_away == "after the loss":
            await asyncio.wait_for(opened.done.wait(), 10)
            await relay.cut()
        await asyncio.wait_for(until(ListenerState.LIVE), 10)
        heard_again = datetime.now(UTC)
        # What the listener had to write meanwhile was refused.
        missed = opened if database_away == "before the loss" else closed
        await asyncio.wait_for(missed.failed.wait(), 10)
        assert not closed.done.is_set()
        await relay.start()  # the database is back

        await asyncio.wait_for(closed.done.wait(), 10)
        with pg_cluster.connect(clean_pg_database) as connection:
            gaps = connection.execute(
                "SELECT g.workstation, g.started_at, g.ended_at FROM gaps g "
                "JOIN instances i ON i.id = g.instance_id WHERE i.name = 'loja-sp' "
                "AND i.server_id = %s", (r.server.id,)).fetchall()
        assert len(gaps) == 1
        workstation, started_at, ended_at = gaps[0]
        assert workstation == "recepcao"
        # Ended when the instance was heard again, not when the database came back.
        assert ended_at is not None and started_at <= ended_at <= heard_again


async def test_a_database_away_costs_the_log_a_line_or_two_and_no_event(
    pg_cluster: PgCluster, clean_pg_database: str, caplog: pytest.LogCaptureFixture
) -> None:
    # PostgreSQL restarting, or the network to it gone: the writes are retried every
    # second for as long as it takes. Each retry used to log a traceback of some 9 KB, so
    # an hour's outage pushed everything else out of the rotating log files.
    relay = TcpRelay(pg_cluster.port)
    await relay.start()
    url = f"postgresql+psycopg://postgres@127.0.0.1:{relay.port}/{clean_pg_database}"
    store = await Store.open(url)
    pipeline = EventPipeline(store, retention=None)
    try:
        server = await store.add_server(Server(name="Main", base_url="https://e.example"))
        assert server.id is not None
        caplog.set_level(logging.INFO, logger="evodesk.services.event_pipeline")
        await relay.cut()
        for n in range(4):
            pipeline.accept(server.id, "loja-sp", "messages.upsert",
                            [{"data": {"key": {"id": f"ID{n}"}}}], {})
            await pipeline.flush()
        assert pipeline.stored == 0
        await relay.start()
        await pipeline.flush()
        assert pipeline.stored == 4 and pipeline.lost == 0
        assert await store.count_events() == 4
        said = [r for r in caplog.records if r.name == "evodesk.services.event_pipeline"]
        assert not [r.getMessage() for r in said if r.exc_info], "a traceback was logged"
        lines = [r.getMessage() for r in said]
        assert len(lines) == 3, lines
        assert lines[0].startswith("Could not write 1 events to the event log: The database ")
        assert lines[1] == "1 events wait to be written to the event log; will retry"
        assert lines[2] == "The event log takes events again (4 written now)"
    finally:
        await pipeline.aclose()
        await store.aclose()
        await relay.aclose()


async def test_evodesks_of_one_computer_that_start_together_all_open(
    pg_url: str, pg_cluster: PgCluster, clean_pg_database: str
) -> None:
    # The window and `evodesk listen` started at login on a computer new to the team:
    # each notes what this workstation asks the shared log to keep, at the same moment.
    # The second insert of the name failed, and that evodesk would not start.
    stores = [await Store.open(pg_url, workstation="recepcao") for _ in range(4)]
    try:
        for keep in (100, 200, 300):
            with pg_cluster.connect(clean_pg_database) as connection:
                connection.execute("DELETE FROM workstations")  # new to the team again
            await asyncio.gather(*(store.note_retention(keep) for store in stores))
            with pg_cluster.connect(clean_pg_database) as connection:
                rows = connection.execute(
                    "SELECT name, event_retention FROM workstations").fetchall()
            assert rows == [("recepcao", keep)]
    finally:
        for store in stores:
            await store.aclose()


async def test_a_resync_the_database_missed_runs_once_it_is_back(
    tmp_path: Path, pg_cluster: PgCluster, clean_pg_database: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Back from an outage, the listener re-reads its instances: their rows may have
    # changed at the server meanwhile. With the database still away, that read was
    # given up for good, and a change made meanwhile stayed unknown.
    async with relayed_desk(tmp_path, pg_cluster, clean_pg_database, "team-key-0004") as r:
        desk, sandbox, relay, until = r.desk, r.sandbox, r.relay, r.until
        await desk.start_listening()
        await sandbox.send_text("loja-sp", "creates the namespace")
        await asyncio.wait_for(until(ListenerState.LIVE), 10)
        read = Watched(desk.store, "list_instances", monkeypatch)
        saved = Watched(desk.store, "save_instances", monkeypatch)

        await relay.cut()
        await sandbox.drop_sockets()
        # Meanwhile another tool turns the webhook on as well.
        await SandboxRows(sandbox).set_webhook(
            "loja-sp", enabled=True, url="http://127.0.0.1:9/hook",
            events=["MESSAGES_UPSERT"])
        await asyncio.wait_for(until(ListenerState.LIVE), 10)
        await asyncio.wait_for(read.failed.wait(), 10)  # the resync found no database
        await relay.start()

        await asyncio.wait_for(saved.done.wait(), 10)
        assert r.server.id is not None
        instance = await desk.store.get_instance(r.server.id, "loja-sp")
        assert instance.conflict


async def test_a_repeat_heard_by_a_listener_that_missed_the_first_is_kept(
    workstations: tuple[Store, Store],
) -> None:
    # A listener started after the server's first delivery of a message (evodesk was
    # restarted, or this workstation opened later) cannot know the next delivery is a
    # repeat: it takes it for a first sighting, which the shared log already held, and
    # the repeat was lost (a SQLite log kept it).
    first, second = workstations
    server = await first.add_server(Server(name="Main", base_url="https://e.example"))
    assert server.id is not None

    def delivery(server_time: str) -> list[object]:
        return [{"event": "messages.upsert", "date_time": server_time,
                 "data": {"key": {"id": "ABC"}, "messageTimestamp": 1}}]

    before = EventPipeline(first, retention=None)
    try:
        before.accept(server.id, "loja-sp", "messages.upsert",
                      delivery("2026-11-29T10:00:00.100Z"), {})
    finally:
        await before.aclose()  # written, and evodesk ends
    # The repeat, heard by two listeners that both started after the first delivery:
    # kept, and once.
    for store in (second, first):
        after = EventPipeline(store, retention=None)
        try:
            after.accept(server.id, "loja-sp", "messages.upsert",
                         delivery("2026-11-29T10:05:00.200Z"), {})
        finally:
            await after.aclose()
    stored = sorted((e.server_time, e.is_duplicate) for e in await first.list_events())
    assert stored == [("2026-11-29T10:00:00.100Z", False), ("2026-11-29T10:05:00.200Z", True)]


async def test_one_computer_records_a_loss_once_however_many_evodesks_it_runs(
    tmp_path: Path, pg_url: str, pg_cluster: PgCluster, clean_pg_database: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The window and `evodesk listen` on one computer (one workstation name) both hear
    # the server, and both lose it when it goes: the events window showed each
    # outage of that computer twice.
    ref = InstanceRef("loja-sp", "Main")
    secrets = MemorySecretStore()
    async with Sandbox(api_key="team-key-0005", instances=["loja-sp"]) as sandbox:
        desks = [await AppServices.open(resolve_paths(tmp_path / f"desk-{n}"),
                                        database_url=pg_url, secrets=secrets, listen=True,
                                        workstation="recepcao") for n in range(2)]
        try:
            await desks[0].servers.add("Main", sandbox.url, sandbox.api_key)
            await desks[0].sync.sync_all()
            await desks[0].manager.enable_websocket(ref, ("MESSAGES_UPSERT",))
            closes = [Watched(desk.store, "close_open_gaps", monkeypatch) for desk in desks]
            opens = [Watched(desk.store, "open_gap", monkeypatch) for desk in desks]
            for desk in desks:
                await desk.sync.sync_all()
                await desk.start_listening()
            await sandbox.send_text("loja-sp", "creates the namespace")
            await sandbox.wait_for_joins("loja-sp", 2)
            # Live for the first time: each closed what an earlier run left open.
            for watched in closes:
                await asyncio.wait_for(watched.done.wait(), 10)
                watched.done.clear()

            await sandbox.drop_sockets()
            for watched in (*opens, *closes):
                await asyncio.wait_for(watched.done.wait(), 10)
            with pg_cluster.connect(clean_pg_database) as connection:
                gaps = connection.execute(
                    "SELECT workstation, ended_at IS NOT NULL FROM gaps").fetchall()
            assert gaps == [("recepcao", True)]
        finally:
            for desk in desks:
                await desk.aclose()


async def test_connections_notice_a_dead_route_within_seconds(
    pg_cluster: PgCluster, clean_pg_database: str
) -> None:
    """Every connection evodesk opens has TCP keepalives and a TCP user timeout, so a
    route that dies, idle or mid-write, is noticed in about 30 s rather than the
    system's 15 minutes of retries; what the URL sets itself wins."""
    url = pg_cluster.url(clean_pg_database)
    for query, idle in (("", "20"), ("?keepalives_idle=60", "60")):
        store = await Store.open(url + query)
        try:
            raw = store._engine.raw_connection()
            try:
                parameters = raw.driver_connection.info.get_parameters()  # type: ignore[union-attr]
            finally:
                raw.close()
        finally:
            await store.aclose()
        assert {name: parameters.get(name) for name in (
            "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
            "keepalives_count", "tcp_user_timeout")} == {
            "connect_timeout": "10", "keepalives": "1", "keepalives_idle": idle,
            "keepalives_interval": "5", "keepalives_count": "2", "tcp_user_timeout": "30000"}
