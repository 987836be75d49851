"""The schema check at start-up: a database already at head is recognised without
Alembic, and the constant that makes this possible follows the migration scripts."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from evodesk.infra.store import Store, migrate
from tests.conftest_store import StoreTarget

# Opens the database the way every start does, then says which Alembic modules it loaded.
OPEN_AND_LIST_ALEMBIC = """
import asyncio, json, sys
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.services.app import AppServices

async def main():
    services = await AppServices.open(
        resolve_paths(sys.argv[1]), database_url=sys.argv[2], secrets=MemorySecretStore())
    await services.aclose()

asyncio.run(main())
print(json.dumps(sorted(m for m in sys.modules if m == "alembic" or m.startswith("alembic."))))
"""


def alembic_modules_after_open(data_dir: Path, url: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LIST_ALEMBIC, str(data_dir), url],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    listed: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return listed


def test_head_revision_constant_is_the_head_of_the_scripts() -> None:
    assert migrate.head_revision() == migrate.HEAD_REVISION
    assert migrate.HEAD_REVISION in migrate.known_revisions()


async def test_opening_a_current_database_does_not_import_alembic(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    # A new database is created by Alembic: this proves the check sees Alembic loading.
    assert "alembic.command" in alembic_modules_after_open(tmp_path / "first", store_target.url)
    assert store_target.rows("SELECT version_num FROM alembic_version") == [
        (migrate.HEAD_REVISION,)
    ]
    assert alembic_modules_after_open(tmp_path / "again", store_target.url) == []


async def test_a_stale_head_constant_stops_a_migration(
    store_target: StoreTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "HEAD_REVISION", "0000_stale")
    with pytest.raises(RuntimeError, match="update HEAD_REVISION"):
        await Store.open(store_target.url)


def _indexes(store_target: StoreTarget) -> set[str]:
    if store_target.kind == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
    else:
        query = "SELECT indexname FROM pg_indexes WHERE tablename = 'events'"
    return {name for (name,) in store_target.rows(query)}


def _move_to(store_target: StoreTarget, revision: str, *, down: bool = False) -> None:
    """Migrate the target's database up (or `down`) to `revision` with Alembic itself,
    as an older evodesk would have left it."""
    from alembic import command
    from sqlalchemy import create_engine

    if store_target.path is not None:
        store_target.path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(store_target.url)
    try:
        with engine.begin() as connection:
            move = command.downgrade if down else command.upgrade
            move(migrate.alembic_config(connection), revision)
    finally:
        engine.dispose()


def _insert_event(
    store_target: StoreTarget, n: int, key: str, *, repeat: bool = False,
    server_time: str | None = None,
) -> None:
    """An event row written as schema 0001/0002 knows it, payload {"n": n}."""
    time = "NULL" if server_time is None else f"'{server_time}'"
    store_target.execute(
        "INSERT INTO events (server_id, instance_id, instance_name, wire_event, "
        "received_at, server_time, sender, payload, duplicate_key, is_duplicate) VALUES "
        f"((SELECT id FROM servers), NULL, 'loja-sp', 'messages.upsert', "
        f"'2026-11-29 10:00:0{n}', {time}, NULL, '{{\"n\": {n}}}', "
        f"'loja-sp|messages.upsert|{key}||', {'true' if repeat else 'false'})"
    )


async def test_a_database_of_the_first_schema_is_upgraded_keeping_its_events(
    store_target: StoreTarget,
) -> None:
    _move_to(store_target, "0001")
    store_target.execute("INSERT INTO servers (name, base_url) VALUES ('main', 'https://e.example')")
    _insert_event(store_target, 1, "ID1")
    assert "ix_events_duplicate_key" in _indexes(store_target)

    store = await Store.open(store_target.url)
    try:
        (event,) = await store.list_events()
        assert (event.instance, event.payload, event.duplicate_key) == (
            "loja-sp", {"n": 1}, "loja-sp|messages.upsert|ID1||",
        )
    finally:
        await store.aclose()
    assert store_target.rows("SELECT version_num FROM alembic_version") == [
        (migrate.HEAD_REVISION,)
    ]
    # Nothing reads events by duplicate key; the index only slowed every write.
    assert "ix_events_duplicate_key" not in _indexes(store_target)
    assert {"ix_events_instance_id_id", "ix_events_server_id_id"} <= _indexes(store_target)


async def test_copies_of_an_event_from_several_workstations_go_on_postgresql_only(
    store_target: StoreTarget,
) -> None:
    # A team's workstations, before 0003, each wrote every event they received.
    _move_to(store_target, "0002")
    store_target.execute("INSERT INTO servers (name, base_url) VALUES ('main', 'https://e.example')")
    rows = [  # (n, key, is_duplicate): two workstations' copies of ID1, a repeat, ID2
        (1, "ID1", False), (2, "ID1", False), (3, "ID1", True), (4, "ID1", False),
        (5, "ID2", False),
    ]
    for n, key, repeat in rows:
        _insert_event(store_target, n, key, repeat=repeat)

    store = await Store.open(store_target.url)
    try:
        kept = sorted(event.payload["n"] for event in await store.list_events())
    finally:
        await store.aclose()
    if store_target.kind == "postgresql":
        # The oldest copy of each first sighting stays, and the repeat seen as one.
        assert kept == [1, 3, 5]
        assert "ux_events_first_sighting" in _indexes(store_target)
    else:
        # One machine's SQLite file: nothing to merge, and no index to slow its writes.
        assert kept == [1, 2, 3, 4, 5]
        assert "ux_events_first_sighting" not in _indexes(store_target)


async def test_copies_of_a_repeat_from_several_workstations_go_on_postgresql_only(
    store_target: StoreTarget,
) -> None:
    # Before 0008 every workstation that heard a repeat wrote it.
    _move_to(store_target, "0007")
    store_target.execute("INSERT INTO servers (name, base_url) VALUES ('main', 'https://e.example')")
    # 2 and 3 are one delivery heard twice; 4 is the server's next repeat of ID1; 5 has
    # no server time, so it cannot be told from another delivery.
    for n, key, repeat, server_time in [
        (1, "ID1", False, "T0"), (2, "ID1", True, "T1"), (3, "ID1", True, "T1"),
        (4, "ID1", True, "T2"), (5, "ID2", True, None),
    ]:
        _insert_event(store_target, n, key, repeat=repeat, server_time=server_time)

    store = await Store.open(store_target.url)
    try:
        kept = sorted(event.payload["n"] for event in await store.list_events())
    finally:
        await store.aclose()
    if store_target.kind == "postgresql":
        assert kept == [1, 2, 4, 5]
        assert "ux_events_repeat_sighting" in _indexes(store_target)
    else:
        assert kept == [1, 2, 3, 4, 5]
        assert "ux_events_repeat_sighting" not in _indexes(store_target)


async def test_gaps_recorded_before_they_named_a_workstation_are_kept_and_closed(
    store_target: StoreTarget,
) -> None:
    from datetime import UTC, datetime

    from evodesk.domain.models import Instance, Server

    store = await Store.open(store_target.url)
    server = await store.add_server(Server(name="main", base_url="https://e.example"))
    [instance] = await store.save_instances([Instance(server_id=server.id or 0, name="a")])
    assert instance.id is not None
    await store.open_gap(instance.id, datetime(2026, 11, 29, 9, tzinfo=UTC))
    await store.aclose()
    _move_to(store_target, "0003", down=True)

    store = await Store.open(store_target.url)  # upgraded to 0004 again
    try:
        [gap] = await store.list_gaps()
        assert (gap.instance_id, gap.ended_at, gap.workstation) == (instance.id, None, None)
        # Whoever comes back first closes a gap that names no workstation.
        ended = datetime(2026, 11, 29, 10, tzinfo=UTC)
        assert await store.close_open_gaps([instance.id], ended) == 1
        assert [g.ended_at for g in await store.list_gaps()] == [ended]
    finally:
        await store.aclose()


def _database_ids(store_target: StoreTarget) -> list[str]:
    return [value for (value,) in store_target.rows("SELECT database_id FROM database_identity")]


async def test_a_database_is_given_one_id_which_stays(store_target: StoreTarget) -> None:
    import uuid

    _move_to(store_target, "0004")
    store_target.execute("INSERT INTO servers (name, base_url) VALUES ('main', 'https://e.example')")

    store = await Store.open(store_target.url)
    try:
        [first] = _database_ids(store_target)
        assert store.database_id == first == str(uuid.UUID(first))
        assert [s.name for s in await store.list_servers()] == ["main"]
    finally:
        await store.aclose()
    again = await Store.open(store_target.url)
    await again.aclose()
    assert again.database_id == first and _database_ids(store_target) == [first]

    _move_to(store_target, "0004", down=True)
    assert store_target.rows("SELECT version_num FROM alembic_version") == [("0004",)]
    if store_target.kind == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE name = 'database_identity'"
    else:
        query = "SELECT tablename FROM pg_tables WHERE tablename = 'database_identity'"
    assert store_target.rows(query) == []
    assert store_target.rows("SELECT name FROM servers") == [("main",)]


async def test_a_key_saved_before_databases_had_an_id_still_works(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore, server_key_ref
    from evodesk.services.app import AppServices

    _move_to(store_target, "0004")
    store_target.execute("INSERT INTO servers (name, base_url) VALUES ('loja', 'https://e.example')")
    keyring = MemorySecretStore()
    await keyring.set(server_key_ref("loja"), "key-saved-by-0004")

    services = await AppServices.open(
        resolve_paths(tmp_path / "data"), database_url=store_target.url, secrets=keyring)
    try:
        server = await services.servers.get("loja")
        assert await services.servers.api_key(server) == "key-saved-by-0004"
    finally:
        await services.aclose()
    # Copied under the database's id; the old entry stays for any other folder using it.
    [database_id] = _database_ids(store_target)
    assert await keyring.get(f"database/{database_id}/{server_key_ref('loja')}") == (
        "key-saved-by-0004")
    assert await keyring.get(server_key_ref("loja")) == "key-saved-by-0004"


def _legacy_flags(store_target: StoreTarget) -> list[tuple[str, bool]]:
    rows = store_target.rows("SELECT name, legacy_secret_names FROM servers ORDER BY name")
    return [(name, bool(flag)) for name, flag in rows]


async def test_servers_of_before_revision_0007_may_read_bare_secret_names(
    store_target: StoreTarget,
) -> None:
    from evodesk.domain.models import Server

    _move_to(store_target, "0006")
    store_target.execute("INSERT INTO servers (name, base_url) VALUES ('old', 'https://o.example')")

    store = await Store.open(store_target.url)
    try:
        await store.add_server(Server(name="new", base_url="https://n.example"))
        assert _legacy_flags(store_target) == [("new", False), ("old", True)]
        assert [await store.server_predates_secret_scopes(name)
                for name in ("old", "new", "absent")] == [True, False, False]
        # A change to the server keeps what it is.
        old = await store.get_server("old")
        await store.update_server(replace(old, base_url="https://o2.example"))
        assert await store.server_predates_secret_scopes("old")
        # Removed and added again: another server, which never saved a bare entry.
        await store.remove_server("old")
        await store.add_server(Server(name="old", base_url="https://o.example"))
        assert not await store.server_predates_secret_scopes("old")
    finally:
        await store.aclose()
    # A row written without the column, as plain SQL would, is a new server too.
    store_target.execute("INSERT INTO servers (name, base_url) VALUES ('raw', 'https://r.example')")
    assert _legacy_flags(store_target) == [("new", False), ("old", False), ("raw", False)]

    _move_to(store_target, "0006", down=True)
    assert store_target.rows("SELECT version_num FROM alembic_version") == [("0006",)]
    assert store_target.rows("SELECT name, base_url FROM servers ORDER BY name") == [
        ("new", "https://n.example"), ("old", "https://o.example"),
        ("raw", "https://r.example")]
    if store_target.kind == "sqlite":
        columns = {row[1] for row in store_target.rows("PRAGMA table_info(servers)")}
    else:
        columns = {name for (name,) in store_target.rows(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'servers'")}
    assert "name" in columns and "legacy_secret_names" not in columns


async def test_a_database_that_lost_its_id_is_given_a_new_one(store_target: StoreTarget) -> None:
    store = await Store.open(store_target.url)
    await store.aclose()
    store_target.execute("DELETE FROM database_identity")
    again = await Store.open(store_target.url)
    await again.aclose()
    assert again.database_id != store.database_id
    assert _database_ids(store_target) == [again.database_id]
