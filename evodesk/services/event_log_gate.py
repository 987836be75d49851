"""One writer of a SQLite event log at a time.

The window and `evodesk listen` may listen to the same database at the same time, each
with its own connection: both receive every event. SQLite keeps no index over what is
stored, so both would write it, and the log would hold everything twice. The process
holding the database's writer lock (a file next to it) writes; another keeps what it
receives (the newest few thousand), shows it live as usual, and takes over once the
lock comes free, writing what it kept that the first one had not stored.

A database a team shares keeps each event once by itself, so it needs none of this.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from evodesk.domain.models import Event, Gap
from evodesk.infra.process_locks import FolderLock
from evodesk.services.event_pipeline import EventSink

log = logging.getLogger(__name__)

# How often a process that does not write tries to take over.
TAKE_OVER_EVERY = 1.0
# The same event reaches two processes of one computer within this of each other.
RECEIPT_SPREAD = timedelta(minutes=1)


class KeyedEventLog(EventSink, Protocol):
    async def event_keys_since(self, since: datetime) -> set[tuple[int, str]]: ...

    async def oldest_event_time(self) -> datetime | None: ...

    def clear_marks(self) -> dict[str, datetime]: ...

    async def open_gap(self, instance_id: int, started_at: datetime) -> Gap: ...

    async def close_open_gaps(self, instance_ids: Sequence[int], ended_at: datetime) -> int: ...


class OneWriterEventLog:
    """An `EventSink` that writes only while this process holds the writer lock."""

    def __init__(self, store: KeyedEventLog, lock: FolderLock, *, keep: int = 20_000) -> None:
        self._store = store
        self._lock = lock
        self._keep = keep
        self._kept: list[Event] = []
        self._writing = asyncio.Lock()
        self._told = False
        self._watch: asyncio.Task[None] | None = None
        # Instances with a gap open here that another process's log did not need.
        self._unheard: set[int] = set()
        self.overflow = 0  # kept events pushed out before this process could write them
        self.took_over = asyncio.Event()  # set once this process writes after another did
        lock.try_take()  # the first to start writes, from the start

    @property
    def writing(self) -> bool:
        """Whether this process is the one writing the event log."""
        return self._lock.held

    def start(self) -> None:
        """Take over by itself once the writer is gone, even with no event arriving (its
        last events may be among those kept here)."""
        if self._watch is None and not self._lock.held:
            self._watch = asyncio.get_running_loop().create_task(
                self._take_over_when_free(), name="event-log-take-over")

    async def add_events(self, events: Sequence[Event]) -> int:
        async with self._writing:
            if self._lock.held and not self._kept:
                return await self._store.add_events(events)
            if not self._lock.try_take():
                self._keep_for_later(events)
                if not self._told:
                    self._told = True
                    log.warning("Another evodesk writes this event log; this one shows the "
                                "events and writes them once the other stops")
                return 0
            return await self._write_kept(events)

    async def _take_over_when_free(self) -> None:
        while not self._lock.held:
            await asyncio.sleep(TAKE_OVER_EVERY)
            async with self._writing:
                if self._lock.held and not self._kept:
                    return  # a batch took over meanwhile, and wrote what was kept
                if self._lock.try_take():
                    try:
                        await self._write_kept(())
                    except Exception:  # kept, and written before the next batch
                        log.exception("Could not write the events kept for the event log")

    async def _write_kept(self, events: Sequence[Event]) -> int:
        """This process holds the lock, and kept events while it did not: write those,
        and `events`, that the other writer has not stored. Should the write fail, what
        was kept is kept again; the pipeline tries `events` again itself."""
        log.info("This evodesk now writes the event log")
        await self._open_unheard_gaps()
        kept, self._kept = self._kept, []
        try:
            written = 0
            # Not what someone cleared from the log while this one waited.
            marks = self._store.clear_marks()
            waiting = [e for e in [*kept, *events] if not _cleared(e, marks)]
            # Nor what the writer has pruned: older than the oldest event it still has.
            # Written again, it would take the newest ids and push newer events out.
            oldest = await self._store.oldest_event_time()
            if oldest is not None:
                waiting = [e for e in waiting if e.received_at >= oldest]
            if waiting:
                since = min(e.received_at for e in waiting) - RECEIPT_SPREAD
                stored = await self._store.event_keys_since(since)
                missing = [e for e in waiting if (e.server_id, e.duplicate_key) not in stored]
                written = await self._store.add_events(missing)
        except BaseException:
            self._kept = kept + self._kept
            raise
        self.took_over.set()
        return written

    def _keep_for_later(self, events: Sequence[Event]) -> None:
        self._kept.extend(events)
        overflow = len(self._kept) - self._keep
        if overflow > 0:
            if not self.overflow:
                log.warning("More than %d events wait for the other evodesk to stop "
                            "writing the event log; the oldest are no longer kept here",
                            self._keep)
            self.overflow += overflow
            del self._kept[:overflow]

    async def open_gap(self, instance_id: int, started_at: datetime) -> Gap:
        """Gaps are the writer's too: both processes hear the same servers, and each would
        record every loss of its own connection, so the log would show each one twice. A
        loss only the other one has is no gap in what the log holds, until this one
        writes the log: from then on it is."""
        if not self._lock.held:
            self._unheard.add(instance_id)
            return Gap(instance_id=instance_id, started_at=started_at)
        return await self._store.open_gap(instance_id, started_at)

    async def close_open_gaps(self, instance_ids: Sequence[int], ended_at: datetime) -> int:
        self._unheard.difference_update(instance_ids)
        if not self._lock.held:
            return 0
        return await self._store.close_open_gaps(instance_ids, ended_at)

    async def _open_unheard_gaps(self) -> None:
        # One at a time from the set itself: one that ends meanwhile is not opened.
        while self._unheard:
            instance_id = self._unheard.pop()
            try:
                await self._store.open_gap(instance_id, datetime.now(UTC))
            except Exception:
                log.exception("Could not record a gap for instance #%d", instance_id)

    async def prune_events(self, keep: int) -> int:
        if not self._lock.held:
            return 0
        return await self._store.prune_events(keep)

    async def aclose(self) -> None:
        """After the pipeline wrote what it had: write what is kept if the writer is gone
        meanwhile, then let another process write."""
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        try:
            async with self._writing:
                if self._kept and self._lock.try_take():
                    await self._write_kept(())
        finally:
            self._lock.release()


def _cleared(event: Event, marks: dict[str, datetime]) -> bool:
    for scope in ("*", f"{event.server_id}/{event.instance}"):
        mark = marks.get(scope)
        if mark is not None and event.received_at <= mark:
            return True
    return False


class LockedStore(KeyedEventLog, Protocol):
    @property
    def shared(self) -> bool: ...

    @property
    def writer_lock_path(self) -> Path | None: ...


def one_writer_event_log(store: LockedStore) -> OneWriterEventLog | None:
    """The gate for a database of this computer's (a SQLite file); None for one a team
    shares, which keeps each event once by itself, or one in memory."""
    path = store.writer_lock_path
    if store.shared or path is None:
        return None
    gate = OneWriterEventLog(store, FolderLock(path))
    gate.start()
    return gate
