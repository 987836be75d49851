"""Owned asyncio tasks for Qt objects: strong references, "latest wins" by name,
cancellation when the owner goes away, and errors reported instead of lost."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class TaskOwner(QObject):
    """Starts coroutines on the running (qasync) loop and keeps them accountable."""

    failed = Signal(str, str)  # task name, message for people

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: dict[str, asyncio.Task[Any]] = {}

    def start(
        self,
        name: str,
        coro: Coroutine[Any, Any, Any],
        on_done: Callable[[Any], None] | None = None,
    ) -> asyncio.Task[Any]:
        """Run ``coro`` as ``name``; an earlier task of the same name is cancelled."""
        previous = self._tasks.get(name)
        if previous is not None and not previous.done():
            previous.cancel()
        task = asyncio.get_event_loop().create_task(coro, name=name)
        self._tasks[name] = task
        task.add_done_callback(lambda t: self._finished(name, t, on_done))
        return task

    def is_running(self, name: str) -> bool:
        task = self._tasks.get(name)
        return task is not None and not task.done()

    def _finished(
        self, name: str, task: asyncio.Task[Any], on_done: Callable[[Any], None] | None
    ) -> None:
        if self._tasks.get(name) is task:
            del self._tasks[name]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            from evodesk.domain.errors import EvodeskError

            if isinstance(exc, EvodeskError):
                log.warning("%s failed: %s", name, exc)
                self.failed.emit(name, str(exc))
            else:
                log.error("%s crashed", name, exc_info=exc)
                self.failed.emit(name, self.tr("Unexpected error: %1").replace("%1", repr(exc)))
            return
        if on_done is not None:
            on_done(task.result())

    def cancel(self, *names: str) -> None:
        """Cancel the running tasks of these names, if any."""
        for name in names:
            task = self._tasks.pop(name, None)
            if task is not None:
                task.cancel()

    def cancel_all(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()
        self._tasks.clear()

    async def wait_all(self) -> None:
        tasks = list(self._tasks.values())
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
