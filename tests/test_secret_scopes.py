"""Secrets belong to one database: two data folders (or databases) with a server of the
same name keep two keys in the one keyring, and neither reads or deletes the other's."""

from __future__ import annotations

import logging
import shutil
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

import pytest

from evodesk.domain.errors import SecretMissing, SecretStoreUnavailable
from evodesk.domain.models import Server
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import (
    MemorySecretStore,
    ScopedSecretStore,
    server_key_ref,
    webhook_headers_ref,
)
from evodesk.infra.store import Store
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.ports import EvolutionPort
from tests.cli_support import Cli, cli_env
from tests.conftest_store import StoreTarget

KEY = server_key_ref("loja")


# --- the wrapper --------------------------------------------------------------------


async def test_each_scope_keeps_its_own_secret_under_one_ref() -> None:
    keyring = MemorySecretStore()
    first, second = ScopedSecretStore(keyring, "one"), ScopedSecretStore(keyring, "two")
    await first.set(KEY, "key-one")
    await second.set(KEY, "key-two")
    assert (await first.get(KEY), await second.get(KEY)) == ("key-one", "key-two")
    await second.delete(KEY)
    assert (await first.get(KEY), await second.get(KEY)) == ("key-one", None)
    assert await keyring.get(KEY) is None  # nothing under the bare reference


async def predates_scopes(server: str) -> bool:
    """The servers of the wrapper tests: 'loja' existed before secrets were scoped."""
    return server == "loja"


async def test_a_secret_saved_before_scopes_is_adopted_and_left_for_others() -> None:
    keyring = MemorySecretStore()
    await keyring.set(KEY, "old-key")
    first = ScopedSecretStore(keyring, "one", predates_scopes=predates_scopes)
    second = ScopedSecretStore(keyring, "two", predates_scopes=predates_scopes)
    assert await first.get(KEY) == "old-key"
    assert await keyring.get(first.scoped(KEY)) == "old-key"
    # Another folder that still needs the old entry finds it.
    assert await keyring.get(KEY) == "old-key"
    await second.set(KEY, "new-key")
    assert (await first.get(KEY), await second.get(KEY)) == ("old-key", "new-key")
    assert await keyring.get(KEY) == "old-key"


async def test_a_bare_entry_is_not_adopted_for_a_server_added_since_scopes() -> None:
    keyring = MemorySecretStore()
    headers = webhook_headers_ref("caixa", "sp")
    for ref in (KEY, server_key_ref("caixa"), headers):
        await keyring.set(ref, f"another-database's {ref}")
    # Without a say on which servers are old, none are.
    assert await ScopedSecretStore(keyring, "one").get(KEY) is None
    scoped = ScopedSecretStore(keyring, "two", predates_scopes=predates_scopes)
    assert await scoped.get(server_key_ref("caixa")) is None
    assert await scoped.get(headers) is None
    assert await keyring.get(scoped.scoped(server_key_ref("caixa"))) is None
    assert await scoped.get(KEY) == f"another-database's {KEY}"


async def test_deleting_leaves_the_bare_entry_an_older_folder_reads() -> None:
    keyring = MemorySecretStore()
    ref = webhook_headers_ref("loja", "sp")
    await keyring.set(ref, '{"X-Tenant": "old"}')
    scoped = ScopedSecretStore(keyring, "one")
    await scoped.set(ref, '{"X-Tenant": "new"}')
    await scoped.delete(ref)
    assert await keyring.get(scoped.scoped(ref)) is None
    assert await scoped.get(ref) is None
    assert await keyring.get(ref) == '{"X-Tenant": "old"}'


class ReadOnly(MemorySecretStore):
    async def set(self, ref: str, value: str) -> None:
        raise SecretStoreUnavailable("The keyring refused to store a secret: Locked.")


async def test_a_keyring_that_refuses_the_copy_still_gives_the_old_secret() -> None:
    keyring = ReadOnly()
    await MemorySecretStore.set(keyring, KEY, "old-key")  # saved while it still could
    scoped = ScopedSecretStore(keyring, "one", predates_scopes=predates_scopes)
    assert await scoped.get(KEY) == "old-key"


async def test_a_refused_copy_is_reported_once_per_secret(
    caplog: pytest.LogCaptureFixture,
) -> None:
    keyring = ReadOnly()
    headers = webhook_headers_ref("loja", "sp")
    for ref in (KEY, headers):
        await MemorySecretStore.set(keyring, ref, "old")
    scoped = ScopedSecretStore(keyring, "one", predates_scopes=predates_scopes)
    with caplog.at_level(logging.WARNING, logger="evodesk.infra.secrets"):
        for _ in range(3):
            assert (await scoped.get(KEY), await scoped.get(headers)) == ("old", "old")
    warned = [r for r in caplog.records if "Could not copy a saved secret" in r.getMessage()]
    assert len(warned) == 2


def test_a_scope_cannot_reach_into_another() -> None:
    with pytest.raises(ValueError):
        ScopedSecretStore(MemorySecretStore(), "")
    with pytest.raises(ValueError):
        ScopedSecretStore(MemorySecretStore(), "a/../b")


# --- two data folders, one keyring -----------------------------------------------------


class Recorded:
    """A client factory that remembers which key went to which URL."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def __call__(self, server: Server, api_key: str) -> EvolutionPort:
        self.sent.append((server.base_url, api_key))
        return cast(EvolutionPort, _Client())


class _Client:
    async def aclose(self) -> None:
        pass


@pytest.fixture
async def two_folders(tmp_path: Path) -> AsyncIterator[tuple[AppServices, AppServices, Recorded]]:
    keyring, recorded = MemorySecretStore(), Recorded()
    prod = await AppServices.open(
        resolve_paths(tmp_path / "d5"), secrets=keyring, client_factory=recorded)
    staging = await AppServices.open(
        resolve_paths(tmp_path / "d6"), secrets=keyring, client_factory=recorded)
    try:
        yield prod, staging, recorded
    finally:
        await staging.aclose()
        await prod.aclose()


async def test_two_folders_with_a_server_of_one_name_send_each_its_own_key(
    two_folders: tuple[AppServices, AppServices, Recorded],
) -> None:
    prod, staging, recorded = two_folders
    await staging.servers.add("loja", "http://staging.example", "STAGING-KEY")
    await prod.servers.add("loja", "http://prod.example", "PROD-KEY")
    await staging.servers.client(await staging.servers.get("loja"))
    await prod.servers.client(await prod.servers.get("loja"))
    assert recorded.sent == [
        ("http://staging.example", "STAGING-KEY"), ("http://prod.example", "PROD-KEY")]


async def test_removing_a_server_in_one_folder_keeps_the_other_folders_key(
    two_folders: tuple[AppServices, AppServices, Recorded],
) -> None:
    prod, staging, _recorded = two_folders
    await prod.servers.add("loja", "http://prod.example", "PROD-KEY")
    await staging.servers.add("loja", "http://staging.example", "STAGING-KEY")
    await staging.servers.remove("loja")
    assert await prod.servers.api_key(await prod.servers.get("loja")) == "PROD-KEY"
    assert await staging.secrets.get(KEY) is None


async def test_workstations_sharing_a_database_see_one_id(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    first = await Store.open(store_target.url, workstation="ws-1")
    second = await Store.open(store_target.url, workstation="ws-2")
    other = await Store.open(f"sqlite:///{tmp_path / 'other' / 'evodesk.db'}")
    try:
        assert first.database_id == second.database_id
        assert other.database_id != first.database_id
        assert store_target.rows("SELECT database_id FROM database_identity") == [
            (first.database_id,)]
    finally:
        for store in (first, second, other):
            await store.aclose()


def _database_before_scopes(store_target: StoreTarget, *servers: str) -> None:
    """The target's database as evodesk left it before secrets were scoped (revision
    0004), holding `servers`."""
    from alembic import command
    from sqlalchemy import create_engine

    from evodesk.infra.store import migrate

    if store_target.path is not None:
        store_target.path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(store_target.url)
    try:
        with engine.begin() as connection:
            command.upgrade(migrate.alembic_config(connection), "0004")
    finally:
        engine.dispose()
    for name in servers:
        store_target.execute(
            f"INSERT INTO servers (name, base_url) VALUES ('{name}', 'https://{name}.example')")


async def test_a_team_database_does_not_adopt_a_personal_folders_key(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    colleague = await AppServices.open(
        resolve_paths(tmp_path / "ws1"), database_url=store_target.url,
        secrets=MemorySecretStore())
    await colleague.servers.add("loja", "https://team.example", "TEAM-KEY")
    await colleague.aclose()
    # This workstation's keyring still holds the key of its own, older folder's 'loja'.
    keyring, recorded = MemorySecretStore(), Recorded()
    await keyring.set(KEY, "PERSONAL-KEY")
    await keyring.set(webhook_headers_ref("loja", "sp"), '{"X-Tenant": "personal"}')
    joined = await AppServices.open(
        resolve_paths(tmp_path / "ws2"), database_url=store_target.url, secrets=keyring,
        client_factory=recorded)
    try:
        with pytest.raises(SecretMissing):
            await joined.servers.client(await joined.servers.get("loja"))
        assert await joined.secrets.get(webhook_headers_ref("loja", "sp")) is None
    finally:
        await joined.aclose()
    assert recorded.sent == []
    [(database_id,)] = store_target.rows("SELECT database_id FROM database_identity")
    for ref in (KEY, webhook_headers_ref("loja", "sp")):
        assert await keyring.get(f"database/{database_id}/{ref}") is None


async def test_removing_a_server_keeps_the_key_an_older_folder_reads(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    keyring = MemorySecretStore()
    await keyring.set(KEY, "OLD-FOLDER-KEY")  # the older folder's, under the bare name
    newer = await AppServices.open(resolve_paths(tmp_path / "newer"), secrets=keyring)
    try:
        await newer.servers.add("loja", "https://test.example", "NEWER-KEY")
        await newer.servers.remove("loja")
    finally:
        await newer.aclose()
    assert await keyring.get(KEY) == "OLD-FOLDER-KEY"

    # The older folder, upgraded at last, still has its key.
    _database_before_scopes(store_target, "loja")
    older = await AppServices.open(
        resolve_paths(tmp_path / "older"), database_url=store_target.url, secrets=keyring)
    try:
        assert await older.servers.api_key(await older.servers.get("loja")) == "OLD-FOLDER-KEY"
    finally:
        await older.aclose()


async def test_a_server_added_again_after_removal_reads_no_bare_entry(
    store_target: StoreTarget, tmp_path: Path
) -> None:
    headers = webhook_headers_ref("loja", "sp")
    keyring = MemorySecretStore()
    await keyring.set(KEY, "OLD-KEY")
    _database_before_scopes(store_target, "loja")
    services = await AppServices.open(
        resolve_paths(tmp_path / "data"), database_url=store_target.url, secrets=keyring)
    try:
        assert await services.servers.api_key(await services.servers.get("loja")) == "OLD-KEY"
        await services.servers.remove("loja")
        await services.servers.add("loja", "https://elsewhere.example", "NEW-KEY")
        # An older folder, or an older evodesk, still writes under the bare name.
        await keyring.set(headers, '{"X-Tenant": "old"}')
        assert await services.secrets.get(headers) is None
        assert await services.servers.api_key(await services.servers.get("loja")) == "NEW-KEY"
    finally:
        await services.aclose()
    assert (await keyring.get(KEY), await keyring.get(headers)) == (
        "OLD-KEY", '{"X-Tenant": "old"}')


# --- the command line, the real keyring -------------------------------------------------


@pytest.mark.keyring
async def test_the_command_line_keeps_the_keys_of_two_folders_apart(
    secret_service: object, tmp_path: Path
) -> None:
    env = cli_env(secret_service.env)  # type: ignore[attr-defined]
    prod, staging = Cli(tmp_path / "d5", env), Cli(tmp_path / "d6", env)
    prod_key, staging_key = (f"canary-{uuid.uuid4().hex}" for _ in range(2))
    async with Sandbox(api_key=prod_key) as prod_sb, Sandbox(api_key=staging_key) as stage_sb:
        added = await staging.run("server", "add", "loja", "--url", stage_sb.url,
                                  api_key=staging_key)
        assert added.code == 0, added.err
        added = await prod.run("server", "add", "loja", "--url", prod_sb.url, api_key=prod_key)
        assert added.code == 0, added.err

        # Each folder's key goes to its own server, which accepts it.
        for cli in (staging, prod):
            checked = await cli.run("server", "check", "loja")
            assert checked.code == 0, checked.err
            assert "Key valid:  yes" in checked.out

        removed = await staging.run("server", "remove", "loja")
        assert removed.code == 0, removed.err
        checked = await prod.run("server", "check", "loja")
        assert checked.code == 0, checked.err
        assert "Key valid:  yes" in checked.out


# --- copied data folders -----------------------------------------------------------


async def test_a_copy_reads_the_secrets_it_came_with_and_keeps_its_own() -> None:
    keyring = MemorySecretStore()
    original = ScopedSecretStore(keyring, "one")
    await original.set(KEY, "the-key")
    copy = ScopedSecretStore(keyring, "two", lineage=("one",))
    assert await copy.get(KEY) == "the-key"
    assert await keyring.get(copy.scoped(KEY)) == "the-key"  # now its own
    await copy.set(KEY, "a-new-key")
    await copy.delete(KEY)  # removing the server in the copy
    assert await original.get(KEY) == "the-key"
    # A copy of the copy reaches back to where the key was first saved.
    assert await ScopedSecretStore(keyring, "three", lineage=("two", "one")).get(KEY) \
        == "the-key"


async def _identity(path: Path) -> tuple[str, tuple[str, ...]]:
    store = await Store.open(f"sqlite:///{path}")
    try:
        return store.database_id, store.database_lineage
    finally:
        await store.aclose()


async def test_a_copied_database_gets_an_id_of_its_own_and_a_moved_one_keeps_its(
    tmp_path: Path,
) -> None:
    first = tmp_path / "a" / "evodesk.sqlite3"
    first.parent.mkdir()
    original_id, lineage = await _identity(first)
    assert lineage == ()
    copy = tmp_path / "b" / "evodesk.sqlite3"
    shutil.copytree(first.parent, copy.parent)
    copy_id, copy_lineage = await _identity(copy)
    assert copy_id != original_id and copy_lineage == (original_id,)
    assert await _identity(copy) == (copy_id, (original_id,))  # once, not on every open
    assert await _identity(first) == (original_id, ())  # the original is untouched
    # Reached through a link it is the same file, not a copy.
    link = tmp_path / "link.sqlite3"
    link.symlink_to(first)
    assert await _identity(link) == (original_id, ())
    moved = tmp_path / "c" / "evodesk.sqlite3"
    moved.parent.mkdir()
    first.rename(moved)
    assert await _identity(moved) == (original_id, ())
    # A copy of the moved one, whose first home is gone, is a copy of where it lives now.
    again = tmp_path / "d" / "evodesk.sqlite3"
    shutil.copytree(moved.parent, again.parent)
    again_id, again_lineage = await _identity(again)
    assert again_id not in (original_id, copy_id) and again_lineage == (original_id,)


@pytest.mark.keyring
async def test_removing_a_server_in_a_copied_folder_keeps_the_originals_key(
    secret_service: object, tmp_path: Path
) -> None:
    env = cli_env(secret_service.env)  # type: ignore[attr-defined]
    key = f"canary-{uuid.uuid4().hex}"
    original = Cli(tmp_path / "original", env)
    async with Sandbox(api_key=key) as sandbox:
        added = await original.run("server", "add", "loja", "--url", sandbox.url, api_key=key)
        assert added.code == 0, added.err
        shutil.copytree(tmp_path / "original", tmp_path / "copy")
        copy = Cli(tmp_path / "copy", env)
        checked = await copy.run("server", "check", "loja")  # the copy has the key too
        assert checked.code == 0, checked.err
        assert "Key valid:  yes" in checked.out
        removed = await copy.run("server", "remove", "loja")
        assert removed.code == 0, removed.err
        checked = await original.run("server", "check", "loja")
        assert checked.code == 0, checked.err
        assert "Key valid:  yes" in checked.out
