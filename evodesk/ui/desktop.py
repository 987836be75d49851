"""The desktop application object: owns the services, the main window, the tray and the
secondary windows, decides what closing the window means, and shuts everything down in
order (connections, then the database)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from evodesk.infra import autostart
from evodesk.services.app import AppServices
from evodesk.services.notifications import Notification
from evodesk.ui import collector
from evodesk.ui.main_window import MainWindow
from evodesk.ui.single_instance import QUIT, RAISE
from evodesk.ui.tasks import TaskOwner
from evodesk.ui.tray import Tray, notification_texts
from evodesk.ui.tray_presenter import TrayPresenter

log = logging.getLogger(__name__)

HIDDEN_NOTICE = "close-to-tray"
NO_TRAY_NOTICE = "no-tray"


class Desktop(QObject):
    started = Signal()
    quit_requested = Signal()
    window_hidden = Signal()
    window_raised = Signal()

    def __init__(self, services: AppServices, parent: QObject | None = None, *,
                 use_tray: bool | None = None) -> None:
        """`use_tray` None: use the system tray when there is one."""
        super().__init__(parent)
        self.services = services
        self.tasks = TaskOwner(self)
        self.window = MainWindow(services)
        self.window.restore_state()
        self.window.servers_requested.connect(self.show_servers)
        self.window.events_requested.connect(self.show_events)
        self.window.quit_requested.connect(self.request_quit)
        self.window.intercept_close = True
        self.window.close_requested.connect(self._on_window_close_requested)
        self.servers_dialog: QObject | None = None
        self.events_window: QObject | None = None
        self.quit_question: QMessageBox | None = None
        self.no_tray_notice: QMessageBox | None = None

        self.tray_presenter = TrayPresenter(services, self)
        self.tray_presenter.notified.connect(self._on_tray_presenter_notified)
        self.window.presenter.instances_loaded.connect(self.tray_presenter.set_instances)
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: Tray | None = Tray(self.tray_presenter, self) if use_tray else None
        if self.tray is not None:
            tray = self.tray
            tray.set_options(autostart=services.settings.autostart,
                             close_to_tray=services.settings.close_to_tray)
            tray.open_requested.connect(self.show_window)
            tray.sync_requested.connect(self._on_tray_sync_requested)
            tray.quit_requested.connect(self.request_quit)
            tray.instance_requested.connect(self.open_instance)
            tray.autostart_toggled.connect(self._on_tray_autostart_toggled)
            tray.close_to_tray_toggled.connect(self._on_tray_close_to_tray_toggled)
            tray.show()

    @property
    def can_start_hidden(self) -> bool:
        """Without a tray a hidden window would leave no way back in."""
        return self.tray is not None

    async def start(self) -> None:
        """Begin listening to every websocket-mode instance and show the data."""
        try:
            self.tray_presenter.start()
            if self.services.settings.autostart:
                self._apply_autostart(True)  # keeps the entry's command current
            await self.tray_presenter.load_server_names()
            await self.services.start_listening()
            self.window.reload()
            if self.tray is None:
                self._tell_no_tray()
        finally:
            collector.resume()
        self.started.emit()

    # --- the window -------------------------------------------------------------------

    def show_window(self) -> None:
        window = self.window
        window.show()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()
        self.window_raised.emit()

    def on_message(self, message: str) -> None:
        """A later launch of evodesk spoke over the single-instance socket."""
        if message == RAISE:
            log.info("Showing the window at the request of another launch")
            self.show_window()
        elif message == QUIT:
            self.request_quit()

    def _on_window_close_requested(self) -> None:
        if self.tray is None:
            self._ask_to_quit()
        elif self.services.settings.close_to_tray:
            self._hide_to_tray()
        else:
            self.request_quit()

    def _hide_to_tray(self) -> None:
        assert self.tray is not None
        self.window.hide()
        log.info("Window hidden; still listening from the tray")
        if self._first_time(HIDDEN_NOTICE):
            self.tray.show_message(
                self.tr("evodesk is still running"),
                self.tr("It keeps listening in the tray. To stop it, choose Quit in the "
                        "tray menu."))
        self.window_hidden.emit()

    def _ask_to_quit(self) -> None:
        if self.quit_question is not None:
            self.quit_question.raise_()
            return
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Quit evodesk?"))
        box.setText(self.tr("Quit evodesk?"))
        box.setInformativeText(self.tr(
            "There is no system tray on this desktop, so evodesk stops listening when its "
            "window closes."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Quit"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep running"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(self._on_quit_question_finished)
        self.quit_question = box
        box.open()

    def _on_quit_question_finished(self, result: int) -> None:
        box, self.quit_question = self.quit_question, None
        if box is not None:
            box.deleteLater()
        if result == QMessageBox.StandardButton.Yes:
            self.request_quit()

    def _tell_no_tray(self) -> None:
        if not self._first_time(NO_TRAY_NOTICE):
            return
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("No system tray"))
        box.setText(self.tr("This desktop has no system tray."))
        box.setInformativeText(self.tr(
            "evodesk keeps listening only while its window is open; closing the window "
            "will ask whether to quit."))
        box.setModal(False)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(self._on_no_tray_notice_finished)
        self.no_tray_notice = box
        box.show()

    def _on_no_tray_notice_finished(self, _result: int) -> None:
        box, self.no_tray_notice = self.no_tray_notice, None
        if box is not None:
            box.deleteLater()

    def _first_time(self, notice: str) -> bool:
        settings = self.services.settings
        if notice in settings.shown_notices:
            return False
        self.services.save_settings(settings.with_changes(
            shown_notices=[*settings.shown_notices, notice]))
        return True

    def request_quit(self) -> None:
        log.info("Quit requested")
        self.quit_requested.emit()

    # --- tray actions -----------------------------------------------------------------

    def _on_tray_sync_requested(self) -> None:
        self.window.presenter.sync(None)

    def open_instance(self, server_id: int, name: str) -> None:
        instance = self.tray_presenter.instance(server_id, name)
        if instance is None:
            log.info("Instance %s of server %s is no longer known", name, server_id)
            self.show_window()
            return
        self.window.open_config(instance)

    def _on_tray_autostart_toggled(self, enabled: bool) -> None:
        if self._apply_autostart(enabled):
            self.services.save_settings(self.services.settings.with_changes(autostart=enabled))

    def _apply_autostart(self, enabled: bool) -> bool:
        try:
            autostart.apply(enabled)
        except OSError as exc:
            log.warning("Could not change the autostart entry: %s", exc)
            if self.tray is not None:
                self.tray.set_options(autostart=not enabled,
                                      close_to_tray=self.services.settings.close_to_tray)
                self.tray.show_message(self.tr("Could not change starting with the session"),
                                       str(exc), critical=True)
            return False
        return True

    def _on_tray_close_to_tray_toggled(self, enabled: bool) -> None:
        self.services.save_settings(self.services.settings.with_changes(close_to_tray=enabled))

    def _on_tray_presenter_notified(self, notification: Notification) -> None:
        if self.tray is not None:
            return  # the tray shows it
        if notification.critical:
            title, body = notification_texts(notification)
            self.window.summary.show_text(f"{title}\n{body}", "error")
            QApplication.alert(self.window)

    # --- secondary windows ------------------------------------------------------------

    def show_servers(self) -> None:
        from evodesk.ui.servers_dialog import ServersDialog
        from evodesk.ui.servers_presenter import ServersPresenter

        if self.servers_dialog is None:
            presenter = ServersPresenter(self.services)
            created = ServersDialog(presenter, self.window)
            presenter.setParent(created)
            created.servers_changed.connect(self.window.reload)
            created.finished.connect(self._on_servers_dialog_finished)
            self.servers_dialog = created
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
        """Connections close first, so every pending event is written before the store."""
        self.window.save_state()
        if self.events_window is not None:
            # Closed now, not when Qt deletes it at exit: its state is kept, and its feed
            # ends while the loop still runs.
            self.events_window.close()  # type: ignore[attr-defined]
        if self.tray is not None:
            self.tray.close()
        await self.tray_presenter.aclose()
        self.window.shutdown()
        # A mode change cut by closing the store could leave no delivery at the server.
        await self.window.finish_changes()
        self.tasks.cancel_all()
        await self.services.aclose()
