"""The schema check at start-up: a database already at head is recognised without
Alembic, and the constant that makes this possible follows the migration scripts."""

from __future__ import annotations

import json
import subprocess
import sys
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
