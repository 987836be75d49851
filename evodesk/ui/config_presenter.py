"""Between the configuration dialog and the manager: runs the calls as owned tasks and
turns their outcomes into signals. Changes are shielded, so closing the dialog lets a
running change finish on the server instead of stopping it half-way; the main window
keeps the presenter until then, so that a dialog opened again meanwhile shows the change
as running and its end."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from evodesk.domain.models import WebhookConfig
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef, find_known
from evodesk.services.status import ChangeOutcome, InstanceStatus
from evodesk.services.webhook_probe import WebhookProbe, probe_webhook
from evodesk.ui.tasks import TaskOwner

log = logging.getLogger(__name__)


class ConfigPresenter(QObject):
    state_loaded = Signal(object)  # InstanceStatus
    busy_changed = Signal(bool)
    change_succeeded = Signal(object)  # ChangeOutcome
    change_failed = Signal(str)
    probe_finished = Signal(object)  # WebhookProbe
    headers_loaded = Signal(object)
    # After a failed change: what the database holds (the server's answer), for the
    # toggles and the status; the form keeps what the person entered.
    reverted = Signal(object)  # InstanceStatus
    message_shown = Signal(str)

    def __init__(self, app: AppServices, ref: InstanceRef, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.ref = ref
        self.tasks = TaskOwner(self)
        self.tasks.failed.connect(self._on_tasks_failed)
        self._busy = False
        self._pending: set[asyncio.Future[Any]] = set()

    @property
    def busy(self) -> bool:
        return self._busy

    def load(self, *, live: bool = True) -> None:
        self.tasks.start("load", self._load(live), self.state_loaded.emit)

    async def _load(self, live: bool) -> InstanceStatus:
        status = await self.app.manager.get_connection_state(self.ref, live=live)
        self.headers_loaded.emit(await self._headers(status.instance.webhook_headers_ref))
        return status

    async def _stored(self) -> InstanceStatus:
        return await self.app.manager.get_connection_state(self.ref, live=False)

    # --- changes -------------------------------------------------------------------

    def enable_webhook(self, config: WebhookConfig) -> None:
        self._change(self.app.manager.enable_webhook(self.ref, config))

    def enable_websocket(self, events: Sequence[str], all_events: bool) -> None:
        self._change(self.app.manager.enable_websocket(self.ref, events, all_events=all_events))

    def disable(self) -> None:
        self._change(self.app.manager.disable_both(self.ref))

    def keep_webhook(self) -> None:
        self._change(self.app.manager.keep_webhook(self.ref))

    def keep_websocket(self) -> None:
        self._change(self.app.manager.keep_websocket(self.ref))

    def restart(self) -> None:
        self._set_busy(True)
        self.tasks.start("restart", self._restart(), self._on_restarted)

    async def _restart(self) -> str:
        return await self.app.manager.restart_instance(self.ref)

    def _on_restarted(self, message: str) -> None:
        self._set_busy(False)
        self.message_shown.emit(message)

    def test_webhook(self, url: str, by_events: bool, headers: dict[str, str]) -> None:
        self.tasks.start("probe", self._probe(url, by_events, headers), self.probe_finished.emit)

    async def _probe(self, url: str, by_events: bool, headers: dict[str, str]) -> WebhookProbe:
        server, instance = await find_known(self.app.store, self.ref)
        if instance is None:
            from evodesk.domain.models import Instance

            assert server.id is not None
            instance = Instance(server_id=server.id, name=self.ref.name)
        return await probe_webhook(server, instance, self.app.secrets, url=url,
                                   by_events=by_events, headers=headers)

    def _change(self, call: Coroutine[Any, Any, ChangeOutcome]) -> None:
        if self._busy:
            call.close()
            return
        self._set_busy(True)
        # The change runs to its end even if the dialog goes away meanwhile.
        inner = asyncio.ensure_future(call)
        self._pending.add(inner)
        inner.add_done_callback(self._on_inner_done)
        self.tasks.start("change", self._shielded(inner), self._on_changed)

    def _on_inner_done(self, inner: asyncio.Future[Any]) -> None:
        self._pending.discard(inner)
        # Read the outcome so a failure after the dialog closed is logged, not lost.
        if not inner.cancelled() and inner.exception() is not None:
            log.info("A change finished after its dialog closed: %s", inner.exception())

    @staticmethod
    async def _shielded(inner: asyncio.Future[ChangeOutcome]) -> ChangeOutcome:
        return await asyncio.shield(inner)

    def _on_changed(self, outcome: ChangeOutcome) -> None:
        # A read started while the change ran would show the state from before it.
        self.tasks.cancel("load")
        # The headers as the change saved them: a dialog opened while it ran read them
        # before (or never, its read cancelled above), and applying from it would
        # otherwise send none and delete them. Started while still busy: going idle
        # with no dialog open lets the presenter go, and cancels this with it.
        self.tasks.start("headers", self._headers(outcome.status.instance.webhook_headers_ref),
                         self.headers_loaded.emit)
        self._set_busy(False)
        self.state_loaded.emit(outcome.status)
        self.change_succeeded.emit(outcome)

    async def _headers(self, ref: str | None) -> dict[str, str]:
        from evodesk.infra.secrets import get_headers

        return await get_headers(self.app.secrets, ref)

    def _on_tasks_failed(self, name: str, message: str) -> None:
        if name in ("change", "restart"):
            self.change_failed.emit(message)
            # Whatever happened, show what the database now holds (the server's answer).
            # Its own name: a dialog opened while the change ran is still reading the
            # form's contents (headers included) under "load".
            self.tasks.start("revert", self._stored(), self.reverted.emit)
            self._set_busy(False)
        elif name == "probe":
            self.change_failed.emit(message)
        else:
            self.change_failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)

    async def wait_idle(self) -> None:
        """For shutdown and tests: wait until running changes have finished."""
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
        await self.tasks.wait_all()

    def close(self) -> None:
        """The dialog is going away: stop reads; a running change or restart goes on to
        its end and still reports it (the main window listens)."""
        self.tasks.cancel("load", "probe", "headers", "revert")
