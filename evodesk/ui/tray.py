"""The tray icon: overall health at a glance, a menu to open, sync, pause notifications,
see each server's instances and quit, and the notifications themselves."""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QRect, QTime, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from evodesk.domain.models import ListenerState
from evodesk.domain.text import OwnWords, ServiceMessage
from evodesk.services.notifications import Notification, fill, name_label
from evodesk.ui.icons import icon
from evodesk.ui.live_state import LiveState
from evodesk.ui.texts import (
    connection_text,
    listener_text,
    live_reason,
    live_text,
    mode_text,
    plain_tooltip,
    translate_message,
)
from evodesk.ui.tray_presenter import (
    Health,
    HealthSummary,
    InstanceLine,
    ServerLine,
    TrayPresenter,
)

log = logging.getLogger(__name__)

MESSAGE_MS = 8000
# Instances a server's submenu lists; a longer menu runs off the screen in columns.
MENU_INSTANCES = 25
_COUNTED = (ListenerState.LIVE, ListenerState.CONNECTING, ListenerState.WAITING,
            ListenerState.RETRYING, ListenerState.REFUSED, ListenerState.STOPPED)


def notification_texts(notification: Notification) -> tuple[str, str]:
    """Title and body in the interface language; the arguments (names, what people
    wrote) are filled in as they are, never as markup, except the previews that stand
    for a message without text ("[image]"), which are evodesk's words, and the services'
    messages (a refusal's reason), translated as the window translates them."""
    def argument(arg: str) -> str:
        if isinstance(arg, OwnWords):
            return QCoreApplication.translate("evodesk.notifications", arg)
        if isinstance(arg, ServiceMessage):
            return translate_message(arg)
        return arg

    def translated(template: str, args: tuple[str, ...]) -> str:
        return fill(QCoreApplication.translate("evodesk.notifications", template),
                    tuple(argument(arg) for arg in args))

    return (translated(notification.title_text.template, notification.title_text.args),
            translated(notification.body_text.template, notification.body_text.args))


class Tray(QObject):
    open_requested = Signal()
    sync_requested = Signal()
    quit_requested = Signal()
    instance_requested = Signal(int, str)  # server id, instance name
    autostart_toggled = Signal(bool)
    close_to_tray_toggled = Signal(bool)
    message_shown = Signal(str, str)  # title, body as shown

    def __init__(self, presenter: TrayPresenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.icon = QSystemTrayIcon(self)
        self._clicked_ref: tuple[int, str] | None = None
        self.menu = QMenu()
        self.menu.setObjectName("tray-menu")
        self._build_menu()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_icon_activated)
        self.icon.messageClicked.connect(self._on_icon_message_clicked)
        presenter.health_changed.connect(self._on_presenter_health_changed)
        presenter.notified.connect(self._on_presenter_notified)
        self._show_health(presenter.summary)

    def _build_menu(self) -> None:
        menu = self.menu
        self.open_action = menu.addAction(icon("evodesk"), self.tr("Open evodesk"))
        self.open_action.triggered.connect(self.open_requested.emit)
        menu.setDefaultAction(self.open_action)
        self.sync_action = menu.addAction(icon("sync"), self.tr("Sync now"))
        self.sync_action.triggered.connect(self.sync_requested.emit)
        self.pause_menu = menu.addMenu(icon("tray-paused"), self.tr("Pause notifications"))
        self.pause_hour_action = self.pause_menu.addAction(self.tr("For 1 hour"))
        self.pause_hour_action.triggered.connect(self._on_pause_hour_action_triggered)
        self.pause_forever_action = self.pause_menu.addAction(self.tr("Until resumed"))
        self.pause_forever_action.triggered.connect(self._on_pause_forever_action_triggered)
        self.pause_menu.addSeparator()
        self.resume_action = self.pause_menu.addAction(self.tr("Resume"))
        self.resume_action.triggered.connect(self.presenter.resume)
        menu.addSeparator()
        self._servers_anchor = menu.addSeparator()
        self.server_menus: list[QMenu] = []
        self.autostart_action = menu.addAction(self.tr("Start with the desktop session"))
        self.autostart_action.setCheckable(True)
        self.autostart_action.toggled.connect(self.autostart_toggled.emit)
        self.close_to_tray_action = menu.addAction(
            self.tr("Keep running when the window is closed"))
        self.close_to_tray_action.setCheckable(True)
        self.close_to_tray_action.toggled.connect(self.close_to_tray_toggled.emit)
        menu.addSeparator()
        self.quit_action = menu.addAction(self.tr("Quit"))
        self.quit_action.triggered.connect(self.quit_requested.emit)
        menu.aboutToShow.connect(self._on_menu_about_to_show)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def close(self) -> None:
        # The presenter may still report during shutdown; the menu it would update is gone.
        if self._closed:
            return
        self._closed = True
        self.presenter.health_changed.disconnect(self._on_presenter_health_changed)
        self.presenter.notified.disconnect(self._on_presenter_notified)
        self.icon.hide()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]
        self.menu.deleteLater()

    def is_visible(self) -> bool:
        return self.icon.isVisible()

    def geometry(self) -> QRect:
        return self.icon.geometry()

    def set_options(self, *, autostart: bool, close_to_tray: bool) -> None:
        for action, value in ((self.autostart_action, autostart),
                              (self.close_to_tray_action, close_to_tray)):
            action.blockSignals(True)
            action.setChecked(value)
            action.blockSignals(False)

    # --- health -----------------------------------------------------------------------

    _closed = False

    def _on_presenter_health_changed(self, summary: HealthSummary) -> None:
        if not self._closed:
            self._show_health(summary)

    def _show_health(self, summary: HealthSummary) -> None:
        self.health: Health = summary.health
        self.icon.setIcon(icon(f"tray-{summary.health.value}"))
        self.icon.setToolTip(self.tooltip(summary))
        paused = summary.paused
        self.resume_action.setEnabled(paused)
        self.pause_hour_action.setEnabled(True)
        self.pause_forever_action.setEnabled(not (paused and summary.paused_until is None))

    def tooltip(self, summary: HealthSummary) -> str:
        lines = [self.tr("evodesk")]
        counts = [f"{listener_text(state, key_refused=summary.refused_for_key)}: "
                  f"{summary.counts[state]}" for state in _COUNTED if summary.counts.get(state)]
        lines.append(", ".join(counts) if counts else self.tr("No instance in WebSocket mode"))
        if summary.attention:
            lines.append(self.tr("Needing attention: %1").replace("%1", str(summary.attention)))
        if summary.paused:
            until = summary.paused_until
            lines.append(
                fill(self.tr("Notifications paused until %1"), (QLocale().toString(
                    QTime(until.astimezone().hour, until.astimezone().minute),
                    QLocale.FormatType.ShortFormat),))
                if until is not None else self.tr("Notifications paused until resumed"))
        return "\n".join(lines)

    # --- the menu ---------------------------------------------------------------------

    def _on_menu_about_to_show(self) -> None:
        self.rebuild_server_menus()

    def rebuild_server_menus(self) -> None:
        """Fresh at every opening, so the states shown are the states now."""
        for submenu in self.server_menus:
            self.menu.removeAction(submenu.menuAction())
            submenu.deleteLater()
        self.server_menus = []
        for line in self.presenter.servers():
            submenu = QMenu(self.menu)
            submenu.setToolTipsVisible(True)  # an instance's refusal says why
            submenu.setTitle(self._server_title(line))
            submenu.setIcon(icon(f"tray-{self._server_health(line).value}"))
            self._fill_server_menu(submenu, line)
            self.menu.insertMenu(self._servers_anchor, submenu)
            self.server_menus.append(submenu)

    def _server_title(self, line: ServerLine) -> str:
        name = _menu_label(line.name)
        if line.connection is ListenerState.STOPPED:
            return name
        return fill(self.tr("%1 (%2)"), (name, listener_text(line.connection)))

    def _server_health(self, line: ServerLine) -> Health:
        states = {i.listener for i in line.instances if i.listener is not None}
        states.add(line.connection)
        if ListenerState.REFUSED in states or any(
                i.instance.attention or i.instance.conflict for i in line.instances):
            return Health.ERROR
        if states & {ListenerState.RETRYING, ListenerState.WAITING, ListenerState.CONNECTING}:
            return Health.WARNING
        return Health.OK

    def _fill_server_menu(self, submenu: QMenu, line: ServerLine) -> None:
        if not line.instances:
            empty = submenu.addAction(self.tr("No instances; sync to list them"))
            empty.setEnabled(False)
        # Instances with a problem first, so that none of them is among those left out.
        shown = sorted(line.instances, key=lambda item: not _needs_attention(item))
        for item in shown[:MENU_INSTANCES]:
            instance = item.instance
            live = (LiveState(item.listener, item.reason, item.key_refused)
                    if item.listener is not None else None)
            how = live_text(live) if live is not None else mode_text(instance.mode,
                                                                     instance.conflict)
            text = fill(self.tr("%1 — %2, %3"),
                        (_menu_label(instance.name), connection_text(instance.connection_state),
                         how))
            action = QAction(text, submenu)
            why = live_reason(live)
            if why:
                action.setToolTip(plain_tooltip(why) or "")
            if _needs_attention(item):
                action.setIcon(icon("tray-error"))
            action.triggered.connect(
                lambda _checked=False, s=instance.server_id, n=instance.name:
                self.instance_requested.emit(s, n))
            submenu.addAction(action)
        rest = len(line.instances) - MENU_INSTANCES
        if rest > 0:
            submenu.addSeparator()
            more = submenu.addAction(fill(self.tr("%1 more in evodesk…"), (str(rest),)))
            more.triggered.connect(self.open_requested.emit)

    def _on_pause_hour_action_triggered(self) -> None:
        self.presenter.pause_for(timedelta(hours=1))

    def _on_pause_forever_action_triggered(self) -> None:
        self.presenter.pause_until_resumed()

    # --- notifications ----------------------------------------------------------------

    def _on_presenter_notified(self, notification: Notification) -> None:
        if self._closed:
            return
        self.show_notification(notification)

    def show_notification(self, notification: Notification) -> None:
        title, body = notification_texts(notification)
        self.show_message(title, body, notification.instance_ref, critical=notification.critical)

    def show_message(self, title: str, body: str, ref: tuple[int, str] | None = None, *,
                     critical: bool = False) -> None:
        self._clicked_ref = ref
        kind = (QSystemTrayIcon.MessageIcon.Warning if critical
                else QSystemTrayIcon.MessageIcon.Information)
        self.icon.showMessage(title, body, kind, MESSAGE_MS)
        self.message_shown.emit(title, body)

    def _on_icon_message_clicked(self) -> None:
        ref = self._clicked_ref
        if ref is not None:
            self.instance_requested.emit(*ref)
        else:
            self.open_requested.emit()

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()


def _needs_attention(item: InstanceLine) -> bool:
    instance = item.instance
    return bool(instance.attention or instance.conflict
                or item.listener is ListenerState.REFUSED)


def _menu_label(name: str) -> str:
    """A name as a menu item shows it: one short line without direction overrides, and
    "&" as itself rather than the mark of a keyboard shortcut."""
    return name_label(name).replace("&", "&&")
