"""The store's queries, as plain synchronous functions on a Session.

They run only on the store's worker thread, inside the transaction the caller opened,
and hand back domain objects.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import sqlite3
import typing
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    CursorResult,
    Delete,
    Dialect,
    Table,
    Text,
    Update,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from evodesk.domain.errors import AlreadyExists, NotFound
from evodesk.domain.models import Event, Gap, Instance, Server
from evodesk.infra.store.convert import (
    EVENT_COLUMNS,
    aware,
    copy_instance,
    copy_server,
    event_from_row,
    event_rows,
    event_values,
    gap_from_row,
    instance_from_row,
    server_from_row,
    sqlite_stamp,
)
from evodesk.infra.store.models import (
    DatabaseIdentityRow,
    EventRow,
    GapRow,
    InstanceRow,
    ServerRow,
    WorkstationRow,
)

log = logging.getLogger(__name__)


def _affected(session: Session, statement: Delete | Update) -> int:
    """How many rows a DELETE or UPDATE touched."""
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return result.rowcount


# --- the database itself ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DatabaseIdentity:
    """The database's id, and the ids of the databases it is a copy of (newest first)."""

    database_id: str
    lineage: tuple[str, ...] = ()
    copied_from: str | None = None  # the file it was found to be a copy of, on this open


def database_identity(connection: Connection, home: Path | None = None) -> DatabaseIdentity:
    """The database's id, which revision 0005 wrote; a new one should its row be gone.

    `home` is the SQLite file being opened. One that was last opened as another file,
    which still holds the same id, is a copy of it and takes an id of its own; one that
    was moved, or whose original is gone, keeps its id."""
    table = typing.cast(Table, DatabaseIdentityRow.__table__)
    row = connection.execute(
        select(DatabaseIdentityRow.database_id, DatabaseIdentityRow.home,
               DatabaseIdentityRow.lineage).where(DatabaseIdentityRow.id == 1)
    ).one_or_none()
    if row is None:
        new = str(uuid.uuid4())
        # Secrets named by the old id stay in the keyring, out of this database's reach.
        log.warning("The database had lost its id; it is given a new one: %s", new)
        connection.execute(insert(table).values(
            id=1, database_id=new, home=None if home is None else str(home)))
        return DatabaseIdentity(new)
    found, was_home, lineage_text = row
    lineage = tuple((lineage_text or "").split())
    if home is None or was_home == str(home):
        return DatabaseIdentity(found, lineage)
    original = Path(was_home) if was_home else None
    if original is None or not _a_copy_of(home, original, found):
        connection.execute(update(table).where(DatabaseIdentityRow.id == 1)
                           .values(home=str(home)))
        return DatabaseIdentity(found, lineage)
    new = str(uuid.uuid4())
    lineage = (found, *lineage)
    changed = connection.execute(
        update(table).where(DatabaseIdentityRow.id == 1, DatabaseIdentityRow.database_id == found)
        .values(database_id=new, home=str(home), lineage=" ".join(lineage))
    )
    if changed.rowcount != 1:  # another process made it a copy first: its id stands
        return database_identity(connection, home)
    log.info("The database %s is a copy of %s: it has an id of its own now and reads the "
             "original's keys until it saves its own", home, original)
    return DatabaseIdentity(new, lineage, str(original))


def _a_copy_of(home: Path, original: Path, database_id: str) -> bool:
    """Whether `original`, another file than `home`, is there and holds `database_id`."""
    try:
        if not original.is_file() or original.samefile(home):
            return False
        uri = f"{original.as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=1)) as other:
            held = other.execute(
                "SELECT database_id FROM database_identity WHERE id = 1").fetchone()
    except (OSError, sqlite3.Error):
        return False  # unreadable, or no evodesk database any more: not the original
    return held is not None and held[0] == database_id


# --- servers ------------------------------------------------------------------------


def _server_row(session: Session, name: str) -> ServerRow:
    row = session.scalars(select(ServerRow).where(ServerRow.name == name)).one_or_none()
    if row is None:
        raise NotFound(f"There is no server named '{name}'.")
    return row


def _require_name_free(session: Session, name: str, *, except_id: int | None = None) -> None:
    query = select(ServerRow.id).where(ServerRow.name == name)
    if except_id is not None:
        query = query.where(ServerRow.id != except_id)
    if session.scalar(query) is not None:
        raise AlreadyExists(f"A server named '{name}' already exists. Choose another name.")


def add_server(session: Session, server: Server) -> Server:
    _require_name_free(session, server.name)
    row = ServerRow()
    copy_server(server, row)
    session.add(row)
    session.flush()
    return server_from_row(row)


def get_server(session: Session, name: str) -> Server:
    return server_from_row(_server_row(session, name))


def get_server_by_id(session: Session, server_id: int) -> Server:
    row = session.get(ServerRow, server_id)
    if row is None:
        raise NotFound(f"There is no server #{server_id}; it may have been removed.")
    return server_from_row(row)


def list_servers(session: Session) -> list[Server]:
    rows = session.scalars(select(ServerRow).order_by(ServerRow.name, ServerRow.id))
    return [server_from_row(row) for row in rows]


def server_predates_secret_scopes(session: Session, name: str) -> bool:
    """Whether server `name` was in the database when revision 0007 ran, so its secrets
    may still be under the bare keyring name; False when there is no such server."""
    query = select(ServerRow.legacy_secret_names).where(ServerRow.name == name)
    return bool(session.scalar(query))


def update_server(session: Session, server: Server) -> Server:
    if server.id is None:
        raise ValueError("update_server needs a server read from the store (id is None)")
    row = session.get(ServerRow, server.id)
    if row is None:
        raise NotFound(f"The server '{server.name}' is no longer in the database.")
    _require_name_free(session, server.name, except_id=server.id)
    copy_server(server, row)
    session.flush()
    return server_from_row(row)


def remove_server(session: Session, name: str) -> None:
    row = _server_row(session, name)
    # The database's ON DELETE CASCADE removes instances, events and gaps.
    session.execute(delete(ServerRow).where(ServerRow.id == row.id))


# --- instances ----------------------------------------------------------------------


def list_instances(session: Session, server_id: int | None) -> list[Instance]:
    query = select(InstanceRow).join(ServerRow, ServerRow.id == InstanceRow.server_id)
    if server_id is not None:
        query = query.where(InstanceRow.server_id == server_id)
    query = query.order_by(ServerRow.name, InstanceRow.server_id, InstanceRow.name)
    return [instance_from_row(row) for row in session.scalars(query)]


def get_instance(session: Session, server_id: int, name: str) -> Instance:
    row = session.scalars(
        select(InstanceRow).where(InstanceRow.server_id == server_id, InstanceRow.name == name)
    ).one_or_none()
    if row is None:
        raise NotFound(f"Instance '{name}' is not in the database for this server.")
    return instance_from_row(row)


def get_instance_by_id(session: Session, instance_id: int) -> Instance:
    row = session.get(InstanceRow, instance_id)
    if row is None:
        raise NotFound(f"There is no instance #{instance_id}; it may have been removed.")
    return instance_from_row(row)


def _existing_servers(session: Session, server_ids: set[int]) -> set[int]:
    return set(session.scalars(select(ServerRow.id).where(ServerRow.id.in_(server_ids))))


def _require_servers(session: Session, server_ids: set[int]) -> None:
    found = _existing_servers(session, server_ids)
    missing = sorted(server_ids - found)
    if missing:
        raise NotFound(f"There is no server #{missing[0]}; it may have been removed.")


def save_instances(session: Session, instances: Sequence[Instance]) -> list[Instance]:
    """Insert or update each instance, keyed by (server_id, name); the last of
    duplicate keys in one call wins."""
    if not instances:
        return []
    _require_servers(session, {instance.server_id for instance in instances})
    keys = {(instance.server_id, instance.name) for instance in instances}
    existing = session.scalars(
        select(InstanceRow).where(tuple_(InstanceRow.server_id, InstanceRow.name).in_(keys))
    )
    rows = {(row.server_id, row.name): row for row in existing}
    ordered: list[InstanceRow] = []
    for instance in instances:
        key = (instance.server_id, instance.name)
        row = rows.get(key)
        if row is None:
            row = rows[key] = InstanceRow(server_id=instance.server_id, name=instance.name)
            session.add(row)
        copy_instance(instance, row)
        ordered.append(row)
    session.flush()
    return [instance_from_row(row) for row in ordered]


def remove_instance(session: Session, instance_id: int) -> None:
    if _affected(session, delete(InstanceRow).where(InstanceRow.id == instance_id)) == 0:
        raise NotFound(f"There is no instance #{instance_id}; it may have been removed.")


# --- events -------------------------------------------------------------------------


def _instance_ids(session: Session, events: Iterable[Event]) -> dict[tuple[int, str], int]:
    wanted = {(event.server_id, event.instance) for event in events if event.instance_id is None}
    if not wanted:
        return {}
    rows = session.execute(
        select(InstanceRow.server_id, InstanceRow.name, InstanceRow.id).where(
            tuple_(InstanceRow.server_id, InstanceRow.name).in_(wanted)
        )
    )
    return {(server_id, name): instance_id for server_id, name, instance_id in rows}


# The table itself, so bulk inserts skip the ORM's per-row bookkeeping.
EVENTS_TABLE = typing.cast(Table, EventRow.__table__)


class _EventInsert:
    """`INSERT INTO events … VALUES (…), (…), …` on the driver itself, for a dialect
    whose placeholders and JSON column it knows (SQLite, PostgreSQL).

    Events arrive in floods and are written by the worker thread while the loop thread
    decodes more: the rows are plain tuples (no per-row work in SQLAlchemy) and many go
    in one statement, so the driver drops the GIL once per statement, not once per row.
    """

    MAX_ROWS = 1000

    def __init__(self, dialect: Dialect, max_parameters: int) -> None:
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        # PostgreSQL takes text for a json column only when told it is JSON.
        payload = f"CAST({mark} AS JSON)" if dialect.name == "postgresql" else mark
        marks = [payload if column == "payload" else mark for column in EVENT_COLUMNS]
        self._group = f"({', '.join(marks)})"
        self._head = f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES "
        # A team's workstations each write what they receive: PostgreSQL keeps the
        # first sighting of an event once (migration 0003), and each delivery of a
        # repeat once (0008), and skips the other copies.
        self._tail = " ON CONFLICT DO NOTHING" if dialect.name == "postgresql" else ""
        self.rows_per_statement = max(1, min(self.MAX_ROWS, max_parameters // len(marks)))
        # SQLite keeps naive UTC text; PostgreSQL an aware timestamp.
        self.stamp: Callable[[datetime], Any] = sqlite_stamp if dialect.name == "sqlite" else aware
        self._statements: dict[int, str] = {}

    def statement(self, rows: int) -> str:
        sql = self._statements.get(rows)
        if sql is None:
            sql = self._head + ", ".join([self._group] * rows) + self._tail
            self._statements[rows] = sql
        return sql

    def run(self, connection: Connection, rows: list[tuple[Any, ...]]) -> int:
        """Insert `rows`; returns how many the database kept."""
        step, kept = self.rows_per_statement, 0
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            parameters = tuple(itertools.chain.from_iterable(chunk))
            result = connection.exec_driver_sql(self.statement(len(chunk)), parameters)
            kept += result.rowcount if result.rowcount >= 0 else len(chunk)
        return kept


_INSERTS: dict[tuple[str, str, int], _EventInsert] = {}


def _event_insert(connection: Connection) -> _EventInsert | None:
    """The driver-level insert for this connection's dialect; None for other dialects."""
    dialect = connection.dialect
    if dialect.name == "sqlite" and dialect.paramstyle == "qmark":
        getlimit = getattr(connection.connection.driver_connection, "getlimit", None)
        # 999 is the lowest limit any SQLite build has had.
        limit = getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if getlimit else 999
    elif dialect.name == "postgresql" and dialect.paramstyle in ("format", "pyformat"):
        limit = 65535  # the protocol's count of parameters is 16 bits
    else:
        return None
    key = (dialect.name, dialect.paramstyle, limit)
    found = _INSERTS.get(key)
    if found is None:
        found = _INSERTS[key] = _EventInsert(dialect, limit)
    return found


_SERVER, _KEY, _TIME, _REPEAT = (EVENT_COLUMNS.index(column) for column in (
    "server_id", "duplicate_key", "server_time", "is_duplicate"))


def _unheard_repeats(session: Session, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Of `rows` the shared log skipped as first sightings it holds, those the server
    sent again later (another server time), as repeats: a listener that started after
    the first delivery (or forgot it) cannot tell, and the repeat would be lost."""
    firsts = [row for row in rows if not row[_REPEAT] and row[_TIME] is not None]
    if not firsts:
        return []
    stored = dict(((server_id, key), time) for server_id, key, time in session.execute(
        select(EventRow.server_id, EventRow.duplicate_key, EventRow.server_time).where(
            EventRow.is_duplicate.is_(False),
            tuple_(EventRow.server_id, EventRow.duplicate_key).in_(
                {(row[_SERVER], row[_KEY]) for row in firsts}))))
    return [
        (*row[:_REPEAT], True, *row[_REPEAT + 1:]) for row in firsts
        if stored.get((row[_SERVER], row[_KEY]), row[_TIME]) != row[_TIME]
    ]


def add_events(session: Session, events: Sequence[Event]) -> int:
    """Insert `events`; returns how many were kept. Events of a server removed since
    they arrived are left out: their place went with the server (and refusing the whole
    batch would hold the others back for ever)."""
    if not events:
        return 0
    wanted = {event.server_id for event in events}
    found = _existing_servers(session, wanted)
    if found != wanted:
        events = [event for event in events if event.server_id in found]
        log.info("Left out events of removed server(s) %s", sorted(wanted - found))
        if not events:
            return 0
    known = _instance_ids(session, events)
    connection = session.connection()
    insert_ = _event_insert(connection)
    if insert_ is not None:
        rows = event_rows(events, known, insert_.stamp)
        kept = insert_.run(connection, rows)
        if kept < len(rows) and connection.dialect.name == "postgresql":
            kept += insert_.run(connection, _unheard_repeats(session, rows))
        return kept
    values = [
        event_values(
            event,
            event.instance_id
            if event.instance_id is not None
            else known.get((event.server_id, event.instance)),
        )
        for event in events
    ]
    session.execute(insert(EVENTS_TABLE), values)
    return len(values)


def list_events(
    session: Session,
    *,
    server_id: int | None,
    instance_id: int | None,
    wire_event: str | None,
    search: str | None,
    limit: int,
    before_id: int | None,
) -> list[Event]:
    query = select(EventRow)
    if server_id is not None:
        query = query.where(EventRow.server_id == server_id)
    if instance_id is not None:
        query = query.where(EventRow.instance_id == instance_id)
    if wire_event is not None:
        query = query.where(EventRow.wire_event == wire_event)
    if search:
        query = query.where(
            or_(
                cast(EventRow.payload, Text).icontains(search, autoescape=True),
                EventRow.sender.icontains(search, autoescape=True),
            )
        )
    if before_id is not None:
        query = query.where(EventRow.id < before_id)
    query = query.order_by(EventRow.id.desc()).limit(max(limit, 0))
    return [event_from_row(row) for row in session.scalars(query)]


def event_keys_since(session: Session, since: datetime) -> set[tuple[int, str]]:
    """(server id, duplicate key) of the events received at or after `since`."""
    query = select(EventRow.server_id, EventRow.duplicate_key).where(
        EventRow.received_at >= since)
    return {(server_id, key) for server_id, key in session.execute(query)}


def oldest_event_time(session: Session) -> datetime | None:
    """When the event that a prune removes first (the lowest id) was received."""
    return session.scalar(select(EventRow.received_at).order_by(EventRow.id).limit(1))


def count_events(session: Session, *, instance_id: int | None) -> int:
    query = select(func.count()).select_from(EventRow)
    if instance_id is not None:
        query = query.where(EventRow.instance_id == instance_id)
    return session.scalar(query) or 0


def clear_events(session: Session, *, instance_id: int | None) -> int:
    statement = delete(EventRow)
    if instance_id is not None:
        statement = statement.where(EventRow.instance_id == instance_id)
    return _affected(session, statement)


# A workstation not seen for this long no longer holds the shared log to what it asked.
WORKSTATION_FORGOTTEN = timedelta(days=30)


def note_retention(session: Session, workstation: str, keep: int, now: datetime) -> int:
    """Note that `workstation` asks the shared log to keep `keep` events; returns what
    the log keeps: the most any workstation seen lately asks for."""
    if session.get_bind().dialect.name == "postgresql":
        # Two evodesks of one computer (the window and `evodesk listen`) may note it at
        # the same moment, the first time either opens the database: one insert wins,
        # the other updates what it inserted, instead of failing to start.
        noted = postgresql.insert(WorkstationRow).values(
            name=workstation, event_retention=keep, seen_at=now)
        session.execute(noted.on_conflict_do_update(
            index_elements=[WorkstationRow.name],
            set_={"event_retention": noted.excluded.event_retention,
                  "seen_at": noted.excluded.seen_at}))
    else:
        row = session.get(WorkstationRow, workstation)
        if row is None:
            session.add(WorkstationRow(name=workstation, event_retention=keep, seen_at=now))
        else:
            row.event_retention, row.seen_at = keep, now
        session.flush()
    wanted = session.scalar(select(func.max(WorkstationRow.event_retention)).where(
        WorkstationRow.seen_at >= now - WORKSTATION_FORGOTTEN))
    return max(keep, wanted or 0)


def prune_events(session: Session, keep: int, workstation: str | None = None,
                 now: datetime | None = None) -> int:
    """Delete all but the newest `keep` events; with `workstation` (a shared database),
    all but as many as the most generous workstation seen lately asks."""
    if keep < 0:
        raise ValueError(f"keep must be zero or more, not {keep}")
    if workstation is not None:
        keep = note_retention(session, workstation, keep, now or datetime.now(UTC))
    # The newest `keep` events are those above the keep-th highest id.
    boundary = session.scalar(
        select(EventRow.id).order_by(EventRow.id.desc()).offset(keep).limit(1)
    )
    if boundary is None:
        return 0
    return _affected(session, delete(EventRow).where(EventRow.id <= boundary))


# --- gaps ---------------------------------------------------------------------------


def open_gap(
    session: Session, instance_id: int, started_at: datetime, workstation: str
) -> Gap:
    if session.get(InstanceRow, instance_id) is None:
        raise NotFound(f"There is no instance #{instance_id}; it may have been removed.")
    if session.get_bind().dialect.name == "postgresql":
        # The window and `evodesk listen` of one computer lose a server together: the
        # computer's loss is one gap, open until either hears the instance again (the
        # shared log takes that one's events from then on). Taken in turns, so that two
        # that lose it at the same moment do not both find none open.
        session.execute(select(func.pg_advisory_xact_lock(
            func.hashtext(f"evodesk:gap:{instance_id}:{workstation}"))))
        found = session.scalars(
            select(GapRow).where(GapRow.instance_id == instance_id,
                                 GapRow.workstation == workstation, GapRow.ended_at.is_(None))
            .order_by(GapRow.started_at).limit(1)).first()
        if found is not None:
            return gap_from_row(found)
    row = GapRow(instance_id=instance_id, started_at=aware(started_at), ended_at=None,
                 workstation=workstation)
    session.add(row)
    session.flush()
    return gap_from_row(row)


def close_open_gaps(
    session: Session, instance_ids: Sequence[int], ended_at: datetime, workstation: str | None
) -> int:
    """Close the open gaps of `instance_ids`: with `workstation`, only its own and those
    that name none (another workstation's connection may still be down)."""
    if not instance_ids:
        return 0
    query = update(GapRow).where(
        GapRow.instance_id.in_(set(instance_ids)), GapRow.ended_at.is_(None)
    )
    if workstation is not None:
        query = query.where(or_(GapRow.workstation == workstation, GapRow.workstation.is_(None)))
    return _affected(session, query.values(ended_at=aware(ended_at)))


def list_gaps(session: Session, *, instance_id: int | None) -> list[Gap]:
    query = select(GapRow)
    if instance_id is not None:
        query = query.where(GapRow.instance_id == instance_id)
    query = query.order_by(GapRow.started_at.desc(), GapRow.id.desc())
    return [gap_from_row(row) for row in session.scalars(query)]
