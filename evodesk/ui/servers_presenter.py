"""Between the Servers dialog and ServerService: every call runs as an owned task and
its outcome comes back as a signal. Writes are shielded, so closing the dialog never
leaves a server half-added; reads (list, check, reveal) are simply cancelled."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from evodesk.domain.models import Server
from evodesk.services.app import AppServices
from evodesk.services.servers import ServerCheck
from evodesk.ui.tasks import TaskOwner

log = logging.getLogger(__name__)

class ServersPresenter(QObject):
    servers_loaded = Signal(list, str)  # list[Server], name to select ("" for none)
    busy_changed = Signal(bool)
    check_finished = Signal(object)  # ServerCheck
    key_revealed = Signal(str, str)  # server name, API key
    server_added = Signal(str)
    server_saved = Signal(str)
    server_removed = Signal(str)
    servers_changed = Signal()
    failed = Signal(str, str)  # task name, message (English; the view translates)

    def __init__(self, app: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.tasks = TaskOwner(self)
        self.tasks.failed.connect(self._on_tasks_failed)
        self._running: set[str] = set()
        self._pending: set[asyncio.Future[Any]] = set()
        self._servers: dict[str, Server] = {}
        self._was_busy = False

    @property
    def busy(self) -> bool:
        return bool(self._running or self._pending)

    def server(self, name: str) -> Server | None:
        return self._servers.get(name)

    # --- reads ---------------------------------------------------------------------

    def load(self, select: str = "") -> None:
        self._run("load", self._load(select), self._on_loaded)

    async def _load(self, select: str) -> tuple[list[Server], str]:
        return await self.app.servers.all(), select

    def _on_loaded(self, result: tuple[list[Server], str]) -> None:
        servers, select = result
        self._servers = {s.name: s for s in servers}
        self.servers_loaded.emit(servers, select)

    def check(self, name: str) -> None:
        self._run("check", self.app.servers.check(name), self._on_checked)

    def _on_checked(self, result: ServerCheck) -> None:
        self._servers[result.server.name] = result.server
        self.check_finished.emit(result)

    def reveal_key(self, name: str) -> None:
        self._run("reveal", self._reveal(name), lambda key: self.key_revealed.emit(name, key))

    async def _reveal(self, name: str) -> str:
        server = self._servers.get(name) or await self.app.servers.get(name)
        return await self.app.servers.api_key(server)

    # --- writes --------------------------------------------------------------------

    def add(self, name: str, url: str, api_key: str) -> None:
        self._write("add", self._add(name, url, api_key), self._on_added)

    async def _add(self, name: str, url: str, api_key: str) -> str:
        return (await self.app.servers.add(name, url, api_key)).name

    def _on_added(self, name: str) -> None:
        self.server_added.emit(name)
        self.load(select=name)

    def save(self, name: str, *, url: str | None, api_key: str | None) -> None:
        self._write("save", self._save(name, url, api_key), self._on_saved)

    async def _save(self, name: str, url: str | None, api_key: str | None) -> str:
        return (await self.app.servers.update(name, url=url, api_key=api_key)).name

    def _on_saved(self, name: str) -> None:
        self.server_saved.emit(name)
        self.load(select=name)

    def remove(self, name: str) -> None:
        self._write("remove", self._remove(name), self._on_removed)

    async def _remove(self, name: str) -> str:
        await self.app.servers.remove(name)
        return name

    def _on_removed(self, name: str) -> None:
        self.server_removed.emit(name)
        self.load()

    # --- running -------------------------------------------------------------------

    def _run(self, name: str, coro: Coroutine[Any, Any, Any],
             on_done: Callable[[Any], None]) -> None:
        self._running.add(name)
        self._emit_busy()

        def finished(result: Any) -> None:
            # on_done may start the follow-up reload first, so busy never flickers off.
            on_done(result)
            self._stop(name)

        self.tasks.start(name, coro, finished)

    def _write(self, name: str, coro: Coroutine[Any, Any, Any],
               on_done: Callable[[Any], None]) -> None:
        if self.busy:
            coro.close()
            return
        inner = asyncio.ensure_future(coro)
        self._pending.add(inner)
        inner.add_done_callback(lambda done: self._on_inner_done(name, done))
        self._run(name, self._shielded(inner), on_done)

    @staticmethod
    async def _shielded(inner: asyncio.Future[Any]) -> Any:
        return await asyncio.shield(inner)

    def _on_inner_done(self, name: str, inner: asyncio.Future[Any]) -> None:
        self._pending.discard(inner)
        self._emit_busy()
        if inner.cancelled():
            return
        if inner.exception() is None:
            # Emitted here, not in the outer task, so the main window reloads even when
            # the dialog was closed while the write was still running.
            self.servers_changed.emit()
        elif not self.tasks.is_running(name):
            # Nobody is left to show it; the outer task reports it otherwise.
            log.warning("A server change failed after its dialog closed",
                        exc_info=inner.exception())

    def _on_tasks_failed(self, name: str, message: str) -> None:
        self._stop(name)
        self.failed.emit(name, message)

    def _stop(self, name: str) -> None:
        self._running.discard(name)
        self._emit_busy()

    def _emit_busy(self) -> None:
        if self.busy != self._was_busy:
            self._was_busy = self.busy
            self.busy_changed.emit(self.busy)

    async def wait_idle(self) -> None:
        """For shutdown and tests: wait until running writes have finished."""
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
        await self.tasks.wait_all()

    def close(self) -> None:
        """The dialog is going away: stop reads; a running write finishes on its own."""
        self.tasks.cancel_all()
        self._running.clear()
        self._emit_busy()
