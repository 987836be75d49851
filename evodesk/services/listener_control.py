"""What the manager and sync need from the live listener: stop one instance before its
websocket row is switched off, follow the database after every change, and try a
refused connection again once the server accepted its key."""

from __future__ import annotations

from typing import Protocol

from evodesk.domain.models import ListenerState, Server


class ListenerControl(Protocol):
    async def stop_instance(self, server: Server, name: str) -> None: ...

    async def refresh(self) -> None: ...

    def namespace_state(self, server_id: int, instance: str) -> ListenerState: ...

    async def key_accepted(self, server_id: int) -> None: ...
