"""Between the main window and the services: loading instances, syncing with progress,
and the listener's state changes turned into Qt signals."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from evodesk.domain.models import Instance
from evodesk.services.app import AppServices
from evodesk.services.listener import StateChange
from evodesk.services.sync import SyncSummary
from evodesk.ui.live_state import LiveState, live_change, live_state
from evodesk.ui.tasks import TaskOwner

log = logging.getLogger(__name__)


class MainPresenter(QObject):
    instances_loaded = Signal(object, object)  # [Instance], {server_id: name}
    sync_started = Signal()
    sync_progressed = Signal(str, int, int)  # server, done, total
    sync_finished = Signal(list)  # [SyncSummary]
    # server_id, instance ("" = the connection), LiveState
    listener_state_changed = Signal(int, str, object)
    failed = Signal(str)

    def __init__(self, app: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.tasks = TaskOwner(self)
        self.tasks.failed.connect(self._on_tasks_failed)
        self._unsubscribe: Any = None
        if app.listener is not None:
            self._unsubscribe = app.listener.on_state_changed(self._on_listener_changed)

    def reload(self) -> None:
        self.tasks.start("load", self._load(), self._on_loaded)

    async def _load(self) -> tuple[list[Instance], dict[int, str]]:
        servers = await self.app.store.list_servers()
        instances = await self.app.store.list_instances()
        return instances, {s.id: s.name for s in servers if s.id is not None}

    def _on_loaded(self, result: tuple[list[Instance], dict[int, str]]) -> None:
        self.instances_loaded.emit(*result)

    def sync(self, server: str | None = None) -> None:
        if self.tasks.is_running("sync"):
            return
        self.tasks.start("sync", self._sync(server), self._on_synced)
        self.sync_started.emit()

    @property
    def syncing(self) -> bool:
        return self.tasks.is_running("sync")

    async def _sync(self, server: str | None) -> list[SyncSummary]:
        return await self.app.sync.sync_all(server, progress=self.sync_progressed.emit)

    def _on_synced(self, summaries: list[SyncSummary]) -> None:
        self.sync_finished.emit(summaries)
        self.reload()

    def listener_state(self, server_id: int, instance: str) -> LiveState | None:
        listener = self.app.listener
        return live_state(listener, server_id, instance) if listener is not None else None

    def _on_listener_changed(self, change: StateChange) -> None:
        listener = self.app.listener
        live = (live_change(listener, change) if listener is not None
                else LiveState(change.state, change.reason))
        self.listener_state_changed.emit(change.server_id, change.instance or "", live)

    def _on_tasks_failed(self, name: str, message: str) -> None:
        if name == "sync":
            self.sync_finished.emit([])
        self.failed.emit(message)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.tasks.cancel_all()
