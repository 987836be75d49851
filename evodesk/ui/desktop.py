"""The desktop application object: owns the services, the main window and the secondary
windows, and shuts everything down in order (connections, then the database)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from evodesk.services.app import AppServices
from evodesk.ui.main_window import MainWindow
from evodesk.ui.tasks import TaskOwner

log = logging.getLogger(__name__)


class Desktop(QObject):
    started = Signal()

    def __init__(self, services: AppServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = TaskOwner(self)
        self.window = MainWindow(services)
        self.window.restore_state()
        self.window.servers_requested.connect(self.show_servers)
        self.window.events_requested.connect(self.show_events)
        self.servers_dialog: QObject | None = None
        self.events_window: QObject | None = None

    async def start(self) -> None:
        """Begin listening to every websocket-mode instance and show the data."""
        await self.services.start_listening()
        self.window.reload()
        self.started.emit()

    def show_servers(self) -> None:
        from evodesk.ui.servers_dialog import ServersDialog
        from evodesk.ui.servers_presenter import ServersPresenter

        if self.servers_dialog is None:
            presenter = ServersPresenter(self.services)
            dialog = ServersDialog(presenter, self.window)
            presenter.setParent(dialog)
            dialog.servers_changed.connect(self.window.reload)
            dialog.finished.connect(self._on_servers_dialog_finished)
            self.servers_dialog = dialog
        dialog = self.servers_dialog
        dialog.show()  # type: ignore[attr-defined]
        dialog.raise_()  # type: ignore[attr-defined]

    def _on_servers_dialog_finished(self, _result: int) -> None:
        if self.servers_dialog is not None:
            self.servers_dialog.deleteLater()
            self.servers_dialog = None

    def show_events(self) -> None:
        from evodesk.ui.events_window import EventsWindow

        if self.events_window is None:
            self.events_window = EventsWindow(self.services, self.window)
            self.events_window.destroyed.connect(self._on_events_window_destroyed)
        window = self.events_window
        window.show()  # type: ignore[attr-defined]
        window.raise_()  # type: ignore[attr-defined]

    def _on_events_window_destroyed(self) -> None:
        self.events_window = None

    async def shutdown(self) -> None:
        self.window.save_state()
        self.window.shutdown()
        self.tasks.cancel_all()
        await self.services.aclose()
