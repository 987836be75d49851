"""What the manager needs from the live listener: stop one instance before its websocket
row is switched off, and follow the database after every change."""

from __future__ import annotations

from typing import Protocol

from evodesk.domain.models import ListenerState, Server
from evodesk.services.ports import StorePort


class ListenerControl(Protocol):
    async def stop_instance(self, server: Server, name: str) -> None: ...

    async def refresh(self) -> None: ...

    def namespace_state(self, server_id: int, instance: str) -> ListenerState: ...


class SupervisorPort(Protocol):
    async def set_targets(self, server: Server, instances: list[str]) -> None: ...

    async def refresh_from_store(self) -> None: ...

    def namespace_state(self, server_id: int, instance: str) -> ListenerState: ...


class SupervisorControl:
    """Adapts the listener supervisor to the manager's needs."""

    def __init__(self, supervisor: SupervisorPort, store: StorePort) -> None:
        self._supervisor = supervisor
        self._store = store

    async def stop_instance(self, server: Server, name: str) -> None:
        assert server.id is not None
        instances = await self._store.list_instances(server.id)
        keep = [i.name for i in instances if i.websocket_enabled and i.name != name]
        await self._supervisor.set_targets(server, keep)

    async def refresh(self) -> None:
        await self._supervisor.refresh_from_store()

    def namespace_state(self, server_id: int, instance: str) -> ListenerState:
        return self._supervisor.namespace_state(server_id, instance)
