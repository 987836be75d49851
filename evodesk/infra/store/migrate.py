"""Alembic at start-up: refuse a database written by a newer evodesk, otherwise
bring its schema to head. No alembic.ini: the configuration is built here.

A database already at HEAD_REVISION is recognised by plain SQL, so an ordinary start
does not import Alembic (a third of a second); it is loaded only to create, upgrade or
refuse a database."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from evodesk.domain.errors import DatabaseTooNew

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

SCRIPT_LOCATION = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions; a new migration script updates it too
# (tests/test_migrate.py fails while the two differ).
HEAD_REVISION = "0009"
VERSION_TABLE = "alembic_version"
# Any fixed number: evodesk's key for the PostgreSQL advisory lock that keeps two
# workstations sharing a database from migrating it at the same moment.
_PG_MIGRATION_LOCK = 0x65766F64


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    # The value goes through configparser interpolation, where "%" is special.
    config.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(revision.revision for revision in script.walk_revisions())


@cache
def head_revision() -> str:
    """The head of the migration scripts, as Alembic reads them."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migration scripts found in {SCRIPT_LOCATION}")
    return head


def refuse_unknown(revisions: Iterable[str]) -> None:
    """Raise DatabaseTooNew when a revision is not one this program ships."""
    for revision in revisions:
        if revision != HEAD_REVISION and revision not in known_revisions():
            raise DatabaseTooNew(
                f"This database was written by a newer evodesk (revision {revision}). "
                "Update evodesk or choose another database."
            )


def current_revisions(connection: Connection) -> tuple[str, ...]:
    """The revisions in the version table; () for a database without one. Reads what
    Alembic's MigrationContext.get_current_heads() reads, without loading Alembic."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return ()
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    return tuple(str(row[0]) for row in rows)


def upgrade(connection: Connection) -> None:
    """Check, then migrate to head inside the caller's transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
    current = current_revisions(connection)
    if current == (HEAD_REVISION,):
        return
    refuse_unknown(current)
    if head_revision() != HEAD_REVISION:
        raise RuntimeError(
            f"HEAD_REVISION is {HEAD_REVISION} but the newest migration script is "
            f"{head_revision()}: update HEAD_REVISION in {__name__}"
        )
    log.info("migrating the database from %s to %s", current or "nothing", HEAD_REVISION)
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
