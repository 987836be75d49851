"""One writer of the event log per data folder.

The window and `evodesk listen` may listen on the same data folder at the same time,
each with its own connection: both receive every event. On SQLite, which keeps no
index over what is stored, both would write it, and the log would hold everything
twice. The process holding the folder's event-log lock writes; another keeps what it
receives (the newest few thousand), shows it live as usual, and takes over when the
lock comes free, writing what it kept that the first one had not stored.

A database a team shares keeps each event once by itself, so it needs none of this.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from evodesk.domain.models import Event
from evodesk.infra.process_locks import FolderLock
from evodesk.services.event_pipeline import EventSink

log = logging.getLogger(__name__)


class KeyedEventLog(EventSink, Protocol):
    async def recent_event_keys(self, limit: int) -> set[tuple[int, str]]: ...


class FolderEventLog:
    """An `EventSink` that writes only while this process holds the folder's lock."""

    def __init__(self, store: KeyedEventLog, lock: FolderLock, *, keep: int = 20_000) -> None:
        self._store = store
        self._lock = lock
        self._keep = keep
        self._kept: list[Event] = []
        self._told = False
        self.overflow = 0  # kept events pushed out before this process could write them
        lock.try_take()  # the first to start writes, from the start

    @property
    def writing(self) -> bool:
        """Whether this process is the one writing the folder's event log."""
        return self._lock.held

    async def add_events(self, events: Sequence[Event]) -> int:
        if self._lock.held:
            return await self._store.add_events(events)
        if not self._lock.try_take():
            self._keep_for_later(events)
            return 0
        log.info("This evodesk now writes the event log of its data folder")
        waiting, self._kept = self._kept + list(events), []
        # What the other one stored is among the newest rows; twice what waits leaves
        # room for the events it heard and this one did not.
        stored = await self._store.recent_event_keys(2 * len(waiting) + 1000)
        missing = [e for e in waiting if (e.server_id, e.duplicate_key) not in stored]
        return await self._store.add_events(missing)

    def _keep_for_later(self, events: Sequence[Event]) -> None:
        if not self._told:
            self._told = True
            log.warning("Another evodesk on this data folder writes the event log; this one "
                        "shows the events and writes them once the other stops")
        self._kept.extend(events)
        overflow = len(self._kept) - self._keep
        if overflow > 0:
            self.overflow += overflow
            del self._kept[:overflow]

    async def prune_events(self, keep: int) -> int:
        if not self._lock.held:
            return 0
        return await self._store.prune_events(keep)

    def close(self) -> None:
        """Let another process write (after the pipeline wrote what it had)."""
        self._lock.release()
