"""Finding an instance by name across servers, and the per-instance locks that serialise
every change of delivery mode."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from evodesk.domain.errors import InvalidInput, NotFound
from evodesk.domain.models import Instance, Server
from evodesk.services.ports import StorePort


@dataclass(frozen=True, slots=True)
class InstanceRef:
    """An instance named by person: its name and, when needed, its server's name."""

    name: str
    server: str | None = None

    def __str__(self) -> str:
        return f"{self.server}/{self.name}" if self.server else self.name


class InstanceLocks:
    """One lock per (server, instance): calls on one instance queue, others run at once."""

    def __init__(self) -> None:
        self._locks: dict[tuple[int, str], asyncio.Lock] = {}
        self._queued: Counter[tuple[int, str]] = Counter()

    @asynccontextmanager
    async def hold(self, server_id: int, name: str) -> AsyncIterator[None]:
        key = (server_id, name)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._queued[key] += 1
        try:
            await lock.acquire()
        finally:
            self._queued[key] -= 1
        try:
            yield
        finally:
            lock.release()

    def queued(self, server_id: int, name: str) -> int:
        """Calls waiting for this instance's lock."""
        return self._queued[(server_id, name)]

    def locked(self, server_id: int, name: str) -> bool:
        lock = self._locks.get((server_id, name))
        return lock is not None and lock.locked()


async def resolve_server(store: StorePort, server_name: str | None) -> Server | None:
    return await store.get_server(server_name) if server_name else None


async def find_known(store: StorePort, ref: InstanceRef) -> tuple[Server, Instance | None]:
    """The server of ``ref`` and the stored instance (None when the server has not been
    synchronised with it yet). Ambiguous names must be qualified with the server."""
    if ref.server:
        server = await store.get_server(ref.server)
        assert server.id is not None
        try:
            return server, await store.get_instance(server.id, ref.name)
        except NotFound:
            return server, None
    servers = await store.list_servers()
    if not servers:
        raise NotFound("No servers yet. Add one with: evodesk server add NAME --url URL")
    matches: list[tuple[Server, Instance]] = []
    for server in servers:
        assert server.id is not None
        try:
            matches.append((server, await store.get_instance(server.id, ref.name)))
        except NotFound:
            continue
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        names = ", ".join(s.name for s, _ in matches)
        raise InvalidInput(
            f"Instance '{ref.name}' exists on several servers ({names}): choose one with --server."
        )
    if len(servers) == 1:
        return servers[0], None
    raise NotFound(
        f"Instance '{ref.name}' is not known yet. Run a sync, or name its server with --server."
    )
