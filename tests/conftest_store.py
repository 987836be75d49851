"""Fixtures for the store tests: every test runs once on a SQLite file and once on an
emptied database in a PostgreSQL cluster the session starts and stops itself."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from evodesk.infra.store import Store
from tests.store_pg import PgCluster, PgUnavailable


@dataclass
class StoreTarget:
    """Where a test's store lives, plus raw access that bypasses the store."""

    kind: str
    url: str
    path: Path | None = None
    cluster: PgCluster | None = None
    database: str | None = None

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        if self.path is not None:
            with contextlib.closing(sqlite3.connect(self.path)) as connection:
                return connection.execute(query).fetchall()
        assert self.cluster is not None and self.database is not None
        with self.cluster.connect(self.database) as connection:
            cursor = connection.execute(query)
            return cursor.fetchall() if cursor.description else []

    def execute(self, statement: str) -> None:
        if self.path is not None:
            with contextlib.closing(sqlite3.connect(self.path)) as connection:
                connection.execute(statement)
                connection.commit()
            return
        self.rows(statement)

    def snapshot(self) -> object:
        """Everything that must not change when the store refuses to open."""
        if self.path is not None:
            return (
                hashlib.sha256(self.path.read_bytes()).hexdigest(),
                sorted(os.listdir(self.path.parent)),
            )
        tables = [
            name
            for (name,) in self.rows(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' ORDER BY table_name"
            )
        ]
        columns = self.rows(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        )
        indexes = self.rows(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "ORDER BY indexname"
        )
        contents = {
            table: sorted(map(repr, self.rows(f'SELECT * FROM "{table}"'))) for table in tables
        }
        return tables, columns, indexes, contents


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    try:
        cluster = PgCluster.start()
    except PgUnavailable as error:
        pytest.fail(f"Cannot start the PostgreSQL test cluster: {error}", pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_database(pg_cluster: PgCluster) -> Iterator[str]:
    """One database for the session, emptied before each test that uses it."""
    name = f"evodesk_test_{os.getpid()}"
    pg_cluster.create_database(name)
    yield name
    pg_cluster.drop_database(name)


@pytest.fixture
def clean_pg_database(pg_cluster: PgCluster, pg_database: str) -> str:
    pg_cluster.reset_database(pg_database)
    return pg_database


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> StoreTarget:
    if request.param == "sqlite":
        # A folder that does not exist yet: the store must create it.
        path = tmp_path / "data" / "evodesk.db"
        return StoreTarget("sqlite", f"sqlite:///{path}", path=path)
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    database: str = request.getfixturevalue("clean_pg_database")
    return StoreTarget("postgresql", cluster.url(database), cluster=cluster, database=database)


@pytest.fixture
async def store(store_target: StoreTarget) -> AsyncIterator[Store]:
    opened = await Store.open(store_target.url)
    yield opened
    await opened.aclose()
