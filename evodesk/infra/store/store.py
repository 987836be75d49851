"""The async face of the local store: every call runs on one dedicated worker thread,
so the Qt window never waits on the disk and SQLite sees a single writer."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import socket
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from evodesk.domain.errors import DatabaseUnreadable, StoreError
from evodesk.domain.models import Event, Gap, Instance, Server
from evodesk.infra.process_locks import take_polling
from evodesk.infra.store import migrate, repository
from evodesk.infra.store.engine import (
    build_engine,
    check_sqlite_file,
    mask_url,
    parse_url,
    scrub,
    secrets_in,
    sqlite_path,
    write_problem,
)

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


_WORKSTATION_LIMIT = 255  # the column's size
# PostgreSQL's "deadlock detected" and "could not serialize": the transaction was undone
# as a whole and may simply run again.
_TRY_AGAIN = frozenset({"40P01", "40001"})
_ATTEMPTS = 3


def _sqlstate(error: SQLAlchemyError) -> str | None:
    cause = error.orig if isinstance(error, DBAPIError) else None
    state = getattr(cause, "sqlstate", None)
    return state if isinstance(state, str) else None


def workstation_name(given: str | None = None) -> str:
    """`given`, or this computer's host name; one line that fits its column."""
    name = " ".join((given if given is not None else socket.gethostname()).split())
    return name[:_WORKSTATION_LIMIT] or "?"


def _first_line(error: BaseException) -> str:
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    text = str(cause).strip()
    return text.splitlines()[0] if text else type(cause).__name__


def _open_engine(url: URL, display: str) -> tuple[Engine, repository.DatabaseIdentity]:
    """Engine on a migrated database, and the database's identity; raises the domain
    errors Store.open documents."""
    path = sqlite_path(url)
    if path is not None:
        # Refuse before the engine's pragmas or the migrations can write to the file.
        migrate.refuse_unknown(check_sqlite_file(path))
    engine = build_engine(url)
    try:
        with engine.begin() as connection:
            migrate.upgrade(connection)
            identity = repository.database_identity(
                connection, None if path is None else path.resolve())
    except SQLAlchemyError as error:
        engine.dispose()
        raise _open_failure(error, url, display) from None
    except BaseException:
        engine.dispose()
        raise
    return engine, identity


def _open_failure(error: SQLAlchemyError, url: URL, display: str) -> StoreError:
    reason = scrub(_first_line(error), secrets_in(url))
    if sqlite_path(url) is None:
        hint = "Check the address, the user name and that the database server is running."
    elif "not a database" in reason:
        return DatabaseUnreadable(
            f"The file {url.database} cannot be read as a SQLite database. Choose another file.",
            detail=reason,
        )
    elif (path := sqlite_path(url)) is not None and (problem := write_problem(path)):
        return StoreError(problem, detail=reason)
    else:
        hint = "Check that the folder exists and that you may write to it."
    return StoreError(f"Cannot open the database {display}: {reason}. {hint}", detail=reason)


def _dispose_opened(opening: Future[tuple[Engine, repository.DatabaseIdentity]]) -> None:
    if not opening.cancelled() and opening.exception() is None:
        opening.result()[0].dispose()


class Store:
    """The local database. Create with `await Store.open(url)`, end with `aclose()`.

    Calls run one at a time, in the order made. A call whose awaiting task is
    cancelled still completes (or rolls back) on the worker thread.
    """

    url_for_display: str
    # The database's own random id: the same for every workstation sharing it, another
    # for every other database (the keyring names its secrets by it).
    database_id: str
    # The ids of the databases this one is a copy of, newest first: their secrets are
    # this one's until it saves its own.
    database_lineage: tuple[str, ...]

    def __init__(
        self, engine: Engine, executor: ThreadPoolExecutor, url_for_display: str,
        workstation: str | None = None, *, database_id: str,
        database_lineage: tuple[str, ...] = (),
    ):
        self.workstation = workstation_name(workstation)
        self.database_id = database_id
        self.database_lineage = database_lineage
        self._engine = engine
        self._executor = executor
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._closed = False
        self.url_for_display = url_for_display

    @classmethod
    async def open(cls, url: str, *, workstation: str | None = None) -> Store:
        """Open (creating if needed) and migrate the database at `url`. `workstation`
        names this computer in what it records for a team (its gaps); the host name
        unless given."""
        display = mask_url(url)
        parsed = parse_url(url)
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evodesk-store")
        opening = executor.submit(_open_engine, parsed, display)
        try:
            engine, identity = await asyncio.wrap_future(opening)
        except asyncio.CancelledError:
            # A connect may still be running: let it finish on its own, then let go
            # of whatever it opened, without holding up the loop.
            opening.add_done_callback(_dispose_opened)
            executor.shutdown(wait=False)
            raise
        except BaseException:
            executor.shutdown(wait=True)  # the worker is idle: this returns at once
            raise
        log.info("database open: %s", display)
        return cls(engine, executor, display, workstation, database_id=identity.database_id,
                   database_lineage=identity.lineage)

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._executor, self._engine.dispose)
        finally:
            # Calls are refused from here on and the queue ran dry before the dispose
            # above, so the worker is idle and joins at once.
            self._executor.shutdown(wait=True)

    async def _run(
        self, job: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `job` on the worker thread inside one transaction."""
        if self._closed:
            raise StoreError("The database is closed.")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, partial(self._in_transaction, job, *args, **kwargs)
        )

    def _in_transaction(
        self, job: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        attempt = 1
        while True:
            try:
                with self._sessions.begin() as session:
                    return job(session, *args, **kwargs)
            except IntegrityError as error:
                raise StoreError(
                    "The database refused the change because it conflicts with what it "
                    "holds (it may have been changed from another workstation). Sync and "
                    "try again.",
                    detail=_first_line(error),
                ) from error
            except SQLAlchemyError as error:
                if attempt < _ATTEMPTS and _sqlstate(error) in _TRY_AGAIN:
                    # Workstations writing one event log at once: PostgreSQL undid this
                    # transaction to break a deadlock. Nothing of it stayed; run it again.
                    log.info("The database undid a transaction (%s); trying again",
                             _first_line(error))
                    attempt += 1
                    continue
                raise self._failed(error) from error

    def _failed(self, error: SQLAlchemyError) -> StoreError:
        reason = _first_line(error)
        # "attempt to write a readonly database": opened and read, then refused a write.
        path = sqlite_path(self._engine.url) if "readonly" in reason else None
        if path is not None and (problem := write_problem(path)) is not None:
            return StoreError(problem, detail=reason)
        return StoreError(f"The database {self.url_for_display} failed: {reason}", detail=reason)

    async def _on_worker(self, job: Callable[[], T]) -> T:
        """Run `job` on the worker thread, outside any transaction."""
        if self._closed:
            raise StoreError("The database is closed.")

        def translated() -> T:
            try:
                return job()
            except SQLAlchemyError as error:
                raise self._failed(error) from error

        return await asyncio.get_running_loop().run_in_executor(self._executor, translated)

    @property
    def shared(self) -> bool:
        """Whether other workstations may use this database too: a server database
        (PostgreSQL), not a file of this computer's."""
        return self._engine.dialect.name != "sqlite"

    def _beside(self, suffix: str) -> Path | None:
        """A file next to this SQLite database, whichever data folder opened it; None
        when the database is not a file."""
        path = sqlite_path(self._engine.url)
        if path is None:
            return None
        path = path.resolve()  # one file reached by two paths has one of each
        return path.with_name(path.name + suffix)

    @property
    def writer_lock_path(self) -> Path | None:
        """The file whose lock makes one process at a time write this SQLite database's
        event log; None when not a file."""
        return self._beside(".writer.lock")

    def shared_locks(self, *, timeout: float = 60.0) -> SharedLocks | None:
        """Locks that every evodesk using this database sees, on any workstation:
        PostgreSQL's advisory locks. None for SQLite, whose users share one machine."""
        if self._engine.dialect.name != "postgresql":
            return None
        return SharedLocks(self, timeout=timeout)

    # --- servers ------------------------------------------------------------------

    async def add_server(self, server: Server) -> Server:
        return await self._run(repository.add_server, server)

    async def get_server(self, name: str) -> Server:
        return await self._run(repository.get_server, name)

    async def get_server_by_id(self, server_id: int) -> Server:
        return await self._run(repository.get_server_by_id, server_id)

    async def list_servers(self) -> list[Server]:
        return await self._run(repository.list_servers)

    async def server_predates_secret_scopes(self, name: str) -> bool:
        """Whether server `name` existed before secrets were named by the database's id
        (its secrets may still be under the bare keyring name)."""
        return await self._run(repository.server_predates_secret_scopes, name)

    async def update_server(self, server: Server) -> Server:
        return await self._run(repository.update_server, server)

    async def remove_server(self, name: str) -> None:
        await self._run(repository.remove_server, name)

    # --- instances ----------------------------------------------------------------

    async def list_instances(self, server_id: int | None = None) -> list[Instance]:
        return await self._run(repository.list_instances, server_id)

    async def get_instance(self, server_id: int, name: str) -> Instance:
        return await self._run(repository.get_instance, server_id, name)

    async def get_instance_by_id(self, instance_id: int) -> Instance:
        return await self._run(repository.get_instance_by_id, instance_id)

    async def save_instance(self, instance: Instance) -> Instance:
        (saved,) = await self._run(repository.save_instances, [instance])
        return saved

    async def save_instances(self, instances: Sequence[Instance]) -> list[Instance]:
        return await self._run(repository.save_instances, list(instances))

    async def remove_instance(self, instance_id: int) -> None:
        await self._run(repository.remove_instance, instance_id)

    # --- events -------------------------------------------------------------------

    async def add_events(self, events: Sequence[Event]) -> int:
        """Write `events`; returns how many were kept. On PostgreSQL, where a team's
        workstations each write what they receive, an event another one already stored
        is skipped (unless it was a repeat: those are kept as the log's duplicates)."""
        return await self._run(repository.add_events, list(events))

    async def list_events(
        self,
        *,
        server_id: int | None = None,
        instance_id: int | None = None,
        wire_event: str | None = None,
        search: str | None = None,
        limit: int = 500,
        before_id: int | None = None,
    ) -> list[Event]:
        """Newest first; `search` matches the payload's JSON text or the sender,
        ignoring case. Page with `before_id` = the last id of the previous page."""
        return await self._run(
            repository.list_events,
            server_id=server_id,
            instance_id=instance_id,
            wire_event=wire_event,
            search=search,
            limit=limit,
            before_id=before_id,
        )

    async def event_keys_since(self, since: datetime) -> set[tuple[int, str]]:
        """(server id, duplicate key) of the events received at or after `since`."""
        return await self._run(repository.event_keys_since, since)

    async def oldest_event_time(self) -> datetime | None:
        """When the event a prune removes first was received; None for an empty log."""
        return await self._run(repository.oldest_event_time)

    async def count_events(self, *, instance_id: int | None = None) -> int:
        return await self._run(repository.count_events, instance_id=instance_id)

    async def clear_events(self, *, instance_id: int | None = None) -> int:
        """Delete the stored events (of one instance); another process that waits to
        write this SQLite log is told, so that it does not write them again."""
        scope = "*"
        if instance_id is not None:
            instance = await self.get_instance_by_id(instance_id)
            scope = f"{instance.server_id}/{instance.name}"
        cleared_at = datetime.now(UTC)
        removed = await self._run(repository.clear_events, instance_id=instance_id)
        self._mark_cleared(scope, cleared_at)
        return removed

    def _mark_cleared(self, scope: str, when: datetime) -> None:
        path = self._beside(".cleared.json")
        if path is None:
            return
        marks = {k: v.isoformat() for k, v in self.clear_marks().items()}
        marks[scope] = when.isoformat()
        try:
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps(marks), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("Could not note the clearing of the event log in %s (%s)", path, exc)

    def clear_marks(self) -> dict[str, datetime]:
        """When the log was last cleared: "*" for all of it, "<server id>/<instance>" for
        one instance. Empty for a database that is not a file, or never cleared."""
        path = self._beside(".cleared.json")
        if path is None:
            return {}
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return {str(k): datetime.fromisoformat(v) for k, v in raw.items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            log.warning("Unreadable notes of clearing in %s (%s); ignored", path, exc)
            return {}

    async def prune_events(self, keep: int) -> int:
        """Delete all but the newest `keep` events; returns how many went. On a shared
        database `keep` is what this workstation asks for, and the log keeps as many as
        the most generous workstation seen in the last 30 days asks."""
        return await self._run(repository.prune_events, keep,
                               self.workstation if self.shared else None)

    async def note_retention(self, keep: int) -> None:
        """On a shared database: this workstation asks the log to keep `keep` events
        (whether or not it listens, and before it first prunes)."""
        if self.shared:
            await self._run(repository.note_retention, self.workstation, keep,
                            datetime.now(UTC))

    # --- gaps ---------------------------------------------------------------------

    async def open_gap(self, instance_id: int, started_at: datetime) -> Gap:
        """A gap in this workstation's connection, open until closed."""
        return await self._run(repository.open_gap, instance_id, started_at, self.workstation)

    async def close_open_gaps(self, instance_ids: Sequence[int], ended_at: datetime) -> int:
        """Close this workstation's open gaps of `instance_ids`; on a shared database
        other workstations' stay open until their own connections come back. (A SQLite
        file is one computer's: all close, whatever name its host had then.)"""
        mine = self.workstation if self.shared else None
        return await self._run(repository.close_open_gaps, list(instance_ids), ended_at, mine)

    async def list_gaps(self, *, instance_id: int | None = None) -> list[Gap]:
        return await self._run(repository.list_gaps, instance_id=instance_id)


def lock_key(name: str) -> int:
    """The advisory lock key for `name`: 64 bits of its digest, as PostgreSQL's bigint."""
    digest = hashlib.blake2b(f"evodesk:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class SharedLocks:
    """Named locks held in a PostgreSQL database, so that evodesks on different
    workstations queue their changes to one instance as one process's tasks do.

    Each lock is a session advisory lock on a connection of its own, taken with
    `pg_try_advisory_lock` polled as a lock file is (the store's thread never waits) and
    given up with the connection's every advisory lock before the pool gets it back. Should
    the connection die meanwhile, the server drops the lock with the session.
    """

    def __init__(self, store: Store, *, timeout: float) -> None:
        self._store = store
        self._timeout = timeout

    @asynccontextmanager
    async def hold(self, name: str, *, busy_message: str) -> AsyncIterator[None]:
        """Hold the lock called `name`; LockTimeout(`busy_message`) when another evodesk
        keeps it past the timeout; StoreError when the database cannot be reached."""
        store, key = self._store, lock_key(name)
        engine = store._engine

        def connect() -> Connection:
            return engine.connect().execution_options(isolation_level="AUTOCOMMIT")

        connection = await store._on_worker(connect)
        try:
            await take_polling(
                lambda: store._on_worker(partial(_try_lock, connection, key)),
                timeout=self._timeout, busy_message=busy_message,
            )
            yield
        finally:
            # The worker runs jobs in order, so this comes after any try still running
            # (one whose waiter was cancelled may have taken the lock). Shielded: a second
            # cancellation must not leave the connection, and its lock, held.
            await asyncio.shield(self._release(connection))

    async def _release(self, connection: Connection) -> None:
        try:
            await self._store._on_worker(partial(_unlock_all, connection))
        except (StoreError, RuntimeError):
            # The store closed meanwhile: end the session (and its lock) without a round
            # trip on this thread.
            connection.invalidate()
            connection.close()


def _try_lock(connection: Connection, key: int) -> bool:
    return bool(connection.execute(select(func.pg_try_advisory_lock(key))).scalar())


def _unlock_all(connection: Connection) -> None:
    try:
        connection.execute(select(func.pg_advisory_unlock_all()))
    except SQLAlchemyError as error:
        # The session may still hold the lock: end it rather than pool it.
        log.warning("Could not release a shared lock (%s); closing its connection",
                    _first_line(error))
        connection.invalidate()
    finally:
        connection.close()
