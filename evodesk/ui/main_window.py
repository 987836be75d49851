"""The main window: every instance evodesk knows, filters, Sync with progress, and the
doors to configuration, servers and events."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStyle,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from evodesk.domain.models import ConnectionState, Instance
from evodesk.domain.text import fill
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef
from evodesk.services.sync import SyncSummary
from evodesk.ui.icons import icon
from evodesk.ui.instance_model import Column, InstanceFilterProxy, InstanceTableModel
from evodesk.ui.live_state import LiveState
from evodesk.ui.main_presenter import MainPresenter
from evodesk.ui.texts import MESSAGES, translate_message
from evodesk.ui.widgets import Banner

if TYPE_CHECKING:
    # Imported when a dialog first opens: not needed to show the window (and the
    # webhook probe brings its HTTP client).
    from evodesk.ui.config_dialog import ConfigDialog
    from evodesk.ui.config_presenter import ConfigPresenter

log = logging.getLogger(__name__)

# Rows measured when columns are first sized to their contents (Qt's default, 1,000, costs
# ~0.5 s on a big table: every cell is several calls into Python).
SIZE_SAMPLE_ROWS = 100
# A sync summary names at most this many instances in a list, and this many of each kind
# of detail line; its banner shows this many lines before it scrolls.
SUMMARY_LIMIT = 5
SUMMARY_LINES = 12


class _Table(QTableView):
    activated_by_key = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_by_key.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    instances_loaded = Signal(int)
    config_opened = Signal(object)  # ConfigDialog
    servers_requested = Signal()
    events_requested = Signal()
    quit_requested = Signal()
    close_requested = Signal()  # instead of closing, while `intercept_close` is set

    # Set by the owner that decides what closing means (hide to the tray, ask to quit).
    intercept_close = False

    def __init__(self, app: AppServices) -> None:
        super().__init__()
        self.app = app
        self.presenter = MainPresenter(app, self)
        self.dialogs: dict[tuple[int, str], ConfigDialog] = {}
        # An instance's presenter lives while its dialog is open or a change it started
        # is still running, so that the change's end is shown, here and in a dialog
        # opened again meanwhile.
        self.config_presenters: dict[tuple[int, str], ConfigPresenter] = {}
        self.setWindowTitle(self.tr("evodesk"))
        self.setWindowIcon(icon("evodesk"))
        self.resize(1180, 680)

        self.model = InstanceTableModel(self)
        self.proxy = InstanceFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = _Table(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.INSTANCE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)  # rows a column's size looks at
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Sized to contents, a name thousands of characters long would push every other
        # column off the screen (and the saved header state would keep it so).
        header.setMaximumSectionSize(self.fontMetrics().horizontalAdvance("M") * 40)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated_by_key.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)

        self._build_toolbar()
        self._build_filters()
        self.summary = Banner(self, dismissible=True, max_lines=SUMMARY_LINES)
        self.summary.setVisible(False)
        self.empty_hint = QLabel(self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setText(self.tr(
            "No instances yet. Add an Evolution server with “Servers”, then press “Sync”."))
        self.empty_hint.setVisible(False)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(self.filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint, 1)
        self.setCentralWidget(central)

        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().showMessage(self.tr("Database: %1").replace(
            "%1", getattr(app.store, "url_for_display", "")))

        self.presenter.instances_loaded.connect(self._on_presenter_instances_loaded)
        self.presenter.sync_started.connect(self._on_presenter_sync_started)
        self.presenter.sync_progressed.connect(self._on_presenter_sync_progressed)
        self.presenter.sync_finished.connect(self._on_presenter_sync_finished)
        self.presenter.listener_state_changed.connect(self._on_presenter_listener_state_changed)
        self.presenter.failed.connect(self._on_presenter_failed)
        self._update_actions()

    # --- building ------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.sync_action = QAction(icon("sync"), self.tr("Sync"), self)
        self.sync_action.setShortcut("F5")
        self.sync_action.setToolTip(self.tr("Read every instance's real state from its server"))
        self.sync_action.triggered.connect(lambda: self.presenter.sync(None))
        self.sync_menu = QMenu(self)
        self.sync_button = QToolButton(self)
        self.sync_button.setDefaultAction(self.sync_action)
        self.sync_button.setMenu(self.sync_menu)
        self.sync_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.sync_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.configure_action = QAction(icon("configure"), self.tr("Configure"), self)
        self.configure_action.triggered.connect(self.open_selected)
        self.servers_action = QAction(icon("servers"), self.tr("Servers"), self)
        self.servers_action.triggered.connect(self.servers_requested.emit)
        self.events_action = QAction(icon("events"), self.tr("Events"), self)
        self.events_action.triggered.connect(self.events_requested.emit)
        toolbar.addWidget(self.sync_button)
        toolbar.addAction(self.configure_action)
        toolbar.addSeparator()
        toolbar.addAction(self.servers_action)
        toolbar.addAction(self.events_action)
        self.addToolBar(toolbar)

    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search name, number or profile…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.server_filter = QComboBox(self)
        self.server_filter.addItem(self.tr("All servers"), "")
        self.server_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_server(self.server_filter.currentData()))
        self.mode_filter = QComboBox(self)
        for text, value in ((self.tr("All modes"), ""), (self.tr("Webhook"), "webhook"),
                            (self.tr("WebSocket"), "websocket"), (self.tr("None"), "none"),
                            (self.tr("Conflict"), "conflict")):
            self.mode_filter.addItem(text, value)
        self.mode_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_mode(self.mode_filter.currentData()))
        self.state_filter = QComboBox(self)
        for text, value in ((self.tr("All states"), ""), (self.tr("connected"), "open"),
                            (self.tr("connecting"), "connecting"),
                            (self.tr("disconnected"), "close")):
            self.state_filter.addItem(text, value)
        self.state_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_state(
                ConnectionState(self.state_filter.currentData())
                if self.state_filter.currentData() else None))
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.search, 3)
        self.filters.addWidget(self.server_filter, 1)
        self.filters.addWidget(self.mode_filter, 1)
        self.filters.addWidget(self.state_filter, 1)

    # --- loading -------------------------------------------------------------------

    def reload(self) -> None:
        if self._shut_down:  # a change ending while evodesk quits: the store is closing
            return
        self.presenter.reload()

    _shut_down = False

    def _on_presenter_instances_loaded(self, instances: list[Instance],
                                       names: dict[int, str]) -> None:
        selected = self.selected_instance()
        self.model.set_instances(instances, names)
        for instance in instances:
            if instance.websocket_enabled:
                state = self.presenter.listener_state(instance.server_id, instance.name)
                if state is not None:
                    self.model.set_listener_state(instance.server_id, instance.name, state)
        self._refresh_server_choices(sorted(names.values()))
        if not self._columns_sized and instances:
            self.table.resizeColumnsToContents()
            self._fit_state_columns()
            self._columns_sized = True
        self.empty_hint.setVisible(not instances)
        self.table.setVisible(bool(instances))
        if selected is not None:
            self.select_instance(selected.server_id, selected.name)
        self._update_actions()
        self.instances_loaded.emit(len(instances))

    _columns_sized = False

    def _fit_state_columns(self) -> None:
        """Widen the columns of fixed states to their longest text: a state that
        appears later ("retrying", "aguardando o servidor") is not cut or wrapped."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        # The item's padding on both sides, as the style draws it, plus the grid line.
        padding = 2 * (self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1) + 8
        for column in Column:
            texts = InstanceTableModel.possible_texts(column)
            if texts:
                wanted = max(metrics.horizontalAdvance(text) for text in texts) + padding
                if header.sectionSize(column) < wanted:
                    header.resizeSection(column, wanted)

    def _refresh_server_choices(self, names: list[str]) -> None:
        current = self.server_filter.currentData()
        self.server_filter.blockSignals(True)
        while self.server_filter.count() > 1:
            self.server_filter.removeItem(1)
        for name in names:
            self.server_filter.addItem(name, name)
        index = self.server_filter.findData(current) if current else 0
        self.server_filter.setCurrentIndex(max(index, 0))
        self.server_filter.blockSignals(False)
        self.sync_menu.clear()
        all_action = self.sync_menu.addAction(self.tr("All servers"))
        all_action.triggered.connect(lambda: self.presenter.sync(None))
        for name in names:
            action = self.sync_menu.addAction(name)
            action.triggered.connect(lambda _c=False, n=name: self.presenter.sync(n))

    # --- selection and dialogs -----------------------------------------------------

    def selected_instance(self) -> Instance | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.instance_at(self.proxy.mapToSource(rows[0]).row())

    def select_instance(self, server_id: int, name: str) -> bool:
        for row in range(self.model.rowCount()):
            instance = self.model.instance_at(row)
            if instance is not None and (instance.server_id, instance.name) == (server_id, name):
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    self.table.selectRow(index.row())
                    return True
        return False

    def _update_actions(self) -> None:
        self.configure_action.setEnabled(self.selected_instance() is not None)
        self.sync_action.setEnabled(not self.presenter.syncing)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        instance = self.model.instance_at(self.proxy.mapToSource(index).row())
        if instance is not None:
            self.open_config(instance)

    def open_selected(self) -> None:
        instance = self.selected_instance()
        if instance is not None:
            self.open_config(instance)

    def open_config(self, instance: Instance) -> ConfigDialog:
        key = (instance.server_id, instance.name)
        dialog = self.dialogs.get(key)
        if dialog is None:
            from evodesk.ui.config_dialog import ConfigDialog

            presenter = self._config_presenter(key, instance)
            dialog = ConfigDialog(presenter, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.closed.connect(lambda: self._on_config_closed(key))
            self.dialogs[key] = dialog
            presenter.load()
            dialog.set_listener_state(self.model.listener_state(instance))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.config_opened.emit(dialog)
        return dialog

    def _config_presenter(self, key: tuple[int, str], instance: Instance) -> ConfigPresenter:
        presenter = self.config_presenters.get(key)
        if presenter is None:
            from evodesk.ui.config_presenter import ConfigPresenter

            ref = InstanceRef(instance.name, self.model.server_name(instance.server_id))
            presenter = ConfigPresenter(self.app, ref, self)
            presenter.change_succeeded.connect(lambda _o: self.reload())
            presenter.change_failed.connect(lambda _m: self.reload())
            presenter.busy_changed.connect(lambda _b: self._drop_idle_presenter(key))
            self.config_presenters[key] = presenter
        return presenter

    def _on_config_closed(self, key: tuple[int, str]) -> None:
        self.dialogs.pop(key, None)
        self._drop_idle_presenter(key)

    def _drop_idle_presenter(self, key: tuple[int, str]) -> None:
        presenter = self.config_presenters.get(key)
        if presenter is None or presenter.busy or key in self.dialogs:
            return
        del self.config_presenters[key]
        presenter.close()
        presenter.deleteLater()

    async def finish_changes(self) -> None:
        """For quitting: wait until every change started from a dialog has ended, so
        that none is cut half-way (one mode off at the server, the other not yet on)."""
        for presenter in list(self.config_presenters.values()):
            await presenter.wait_idle()

    # --- sync ----------------------------------------------------------------------

    def _on_presenter_sync_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.summary.setVisible(False)
        self.statusBar().showMessage(self.tr("Syncing…"))
        self._update_actions()

    def _on_presenter_sync_progressed(self, server: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{server}: %v/%m")

    def _on_presenter_sync_finished(self, summaries: list[SyncSummary]) -> None:
        self.progress.setVisible(False)
        self._update_actions()
        if not summaries:
            self.statusBar().showMessage(self.tr("Sync did not finish."))
            return
        lines = [line for s in summaries for line in self._summary_lines(s)]
        failed = any(s.error or s.failed for s in summaries)
        conflicts = any(s.conflicts for s in summaries)
        self.summary.show_text("\n".join(lines), "error" if failed or conflicts else "ok")
        self.statusBar().showMessage(self.tr("Sync finished."), 5000)

    def _summary_lines(self, summary: SyncSummary) -> list[str]:
        """The sync summary in the interface language, one fact per line. Its parts are
        names, numbers and the services' messages; only the messages have entries."""
        lines = [
            fill(QCoreApplication.translate(MESSAGES, fact.template),
                 tuple(translate_message(arg) for arg in fact.args))
            for fact in summary.facts(SUMMARY_LIMIT)
        ]
        return lines[:1] + ["  " + line for line in lines[1:]]

    def _on_presenter_listener_state_changed(self, server_id: int, instance: str,
                                             state: LiveState) -> None:
        if instance:
            self.model.set_listener_state(server_id, instance, state)
            dialog = self.dialogs.get((server_id, instance))
            if dialog is not None:
                dialog.set_listener_state(state)

    def _on_presenter_failed(self, message: str) -> None:
        self.summary.show_text(translate_message(message), "error")

    # --- persistence ---------------------------------------------------------------

    def save_state(self) -> None:
        state = {
            "geometry": bytes(self.saveGeometry().toBase64().data()).decode(),
            "header": bytes(self.table.horizontalHeader().saveState().toBase64().data()).decode(),
            "search": self.search.text(),
            "server": self.server_filter.currentData() or "",
            "mode": self.mode_filter.currentData() or "",
            "state": self.state_filter.currentData() or "",
        }
        settings = self.app.settings
        self.app.save_settings(settings.with_changes(ui_state={**settings.ui_state,
                                                               "main": state}))

    def restore_state(self) -> None:
        state = self.app.settings.ui_state.get("main")
        if not isinstance(state, dict):
            return
        if state.get("geometry"):
            self.restoreGeometry(QByteArray.fromBase64(state["geometry"].encode()))
        if state.get("header"):
            restored = self.table.horizontalHeader().restoreState(
                QByteArray.fromBase64(state["header"].encode()))
            self._columns_sized = bool(restored)
            if restored:
                self._fit_state_columns()
        self.search.setText(str(state.get("search", "")))
        for combo, key in ((self.mode_filter, "mode"), (self.state_filter, "state")):
            index = combo.findData(state.get(key, ""))
            combo.setCurrentIndex(max(index, 0))
        if state.get("server"):
            self.server_filter.addItem(state["server"], state["server"])
            self.server_filter.setCurrentIndex(self.server_filter.count() - 1)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self.intercept_close:
            event.ignore()
            self.close_requested.emit()
            return
        super().closeEvent(event)

    def shutdown(self) -> None:
        self._shut_down = True
        for dialog in list(self.dialogs.values()):
            dialog.close()
        self.presenter.close()
