"""An in-memory store implementing the listener's `EventStorePort`, and nothing else.

The socket side is never faked: listener tests talk to real servers.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from evodesk.domain.models import Event, Gap, Instance, Server


class MemoryEventStore:
    def __init__(self) -> None:
        self.servers: list[Server] = []
        self.instances: list[Instance] = []
        self.events: list[Event] = []
        self.gaps: list[Gap] = []
        self.batches: list[int] = []
        self.prunes: list[int] = []
        self.fail_writes = 0  # the next this-many add_events calls raise
        self._ids = itertools.count(1)
        self._changed = asyncio.Event()

    # --- setup helpers (not part of the port) ---------------------------------------

    def add_server(self, name: str, base_url: str) -> Server:
        server = Server(name=name, base_url=base_url, id=next(self._ids))
        self.servers.append(server)
        return server

    def add_instance(self, server: Server, name: str, *, websocket: bool = True) -> Instance:
        assert server.id is not None
        instance = Instance(
            server_id=server.id, name=name, id=next(self._ids), websocket_enabled=websocket
        )
        self.instances.append(instance)
        return instance

    def set_websocket(self, name: str, enabled: bool) -> None:
        self.instances = [
            replace(i, websocket_enabled=enabled) if i.name == name else i for i in self.instances
        ]

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        async def wait() -> None:
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(wait(), timeout)

    # --- the port -------------------------------------------------------------------

    async def list_servers(self) -> list[Server]:
        return list(self.servers)

    async def list_instances(self, server_id: int | None = None) -> list[Instance]:
        return [i for i in self.instances if server_id is None or i.server_id == server_id]

    async def add_events(self, events: Sequence[Event]) -> int:
        if self.fail_writes:
            self.fail_writes -= 1
            raise OSError("disk full")
        self.events.extend(events)
        self.batches.append(len(events))
        self._changed.set()
        return len(events)

    async def prune_events(self, keep: int) -> int:
        self.prunes.append(keep)
        removed = max(0, len(self.events) - keep)
        del self.events[:removed]
        return removed

    async def open_gap(self, instance_id: int, started_at: datetime) -> Gap:
        gap = Gap(instance_id=instance_id, started_at=started_at, id=next(self._ids))
        self.gaps.append(gap)
        self._changed.set()
        return gap

    async def close_open_gaps(self, instance_ids: Sequence[int], ended_at: datetime) -> int:
        closed = 0
        for index, gap in enumerate(self.gaps):
            if gap.instance_id in instance_ids and gap.ended_at is None:
                self.gaps[index] = replace(gap, ended_at=ended_at)
                closed += 1
        self._changed.set()
        return closed
