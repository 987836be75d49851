"""Alembic at start-up: refuse a database written by a newer evodesk, otherwise
bring its schema to head. No alembic.ini: the configuration is built here."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from evodesk.domain.errors import DatabaseTooNew

log = logging.getLogger(__name__)

SCRIPT_LOCATION = Path(__file__).with_name("migrations")
# Any fixed number: evodesk's key for the PostgreSQL advisory lock that keeps two
# workstations sharing a database from migrating it at the same moment.
_PG_MIGRATION_LOCK = 0x65766F64


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    # The value goes through configparser interpolation, where "%" is special.
    config.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def known_revisions() -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(revision.revision for revision in script.walk_revisions())


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migration scripts found in {SCRIPT_LOCATION}")
    return head


def refuse_unknown(revisions: Iterable[str]) -> None:
    """Raise DatabaseTooNew when a revision is not one this program ships."""
    for revision in revisions:
        if revision not in known_revisions():
            raise DatabaseTooNew(
                f"This database was written by a newer evodesk (revision {revision}). "
                "Update evodesk or choose another database."
            )


def current_revisions(connection: Connection) -> tuple[str, ...]:
    return tuple(MigrationContext.configure(connection).get_current_heads())


def upgrade(connection: Connection) -> None:
    """Check, then migrate to head inside the caller's transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
    current = current_revisions(connection)
    refuse_unknown(current)
    if current == (head_revision(),):
        return
    log.info("migrating the database from %s to %s", current or "nothing", head_revision())
    command.upgrade(alembic_config(connection), "head")
