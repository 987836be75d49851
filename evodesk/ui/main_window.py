"""The main window: every instance evodesk knows, with search and refresh."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from evodesk.domain.models import Instance
from evodesk.services.app import AppServices
from evodesk.ui.instance_model import SORT_ROLE, InstanceTableModel
from evodesk.ui.tasks import TaskOwner

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    instances_loaded = Signal(int)

    def __init__(self, app: AppServices) -> None:
        super().__init__()
        self._app = app
        self._tasks = TaskOwner(self)
        self._tasks.failed.connect(self._on_tasks_failed)
        self.setWindowTitle(self.tr("evodesk"))
        self.resize(1100, 640)

        self.model = InstanceTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search instances…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)

        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setShortcut("F5")
        self.refresh_action.triggered.connect(self.reload)
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.refresh_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)

        self.empty_hint = QLabel(self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setText(self.tr(
            "No instances yet. Add an Evolution server with "
            "“evodesk server add NAME --url URL”, then synchronise."
        ))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_hint)
        self.setCentralWidget(central)
        self.statusBar().showMessage(self.tr("Database: %1").replace(
            "%1", getattr(app.store, "url_for_display", "")))

    def reload(self) -> None:
        self._tasks.start("load-instances", self._load(), self._on_loaded)

    async def _load(self) -> tuple[list[Instance], dict[int, str]]:
        servers = await self._app.store.list_servers()
        instances = await self._app.store.list_instances()
        return instances, {s.id: s.name for s in servers if s.id is not None}

    def _on_loaded(self, result: tuple[list[Instance], dict[int, str]]) -> None:
        instances, names = result
        self.model.set_instances(instances, names)
        self.table.resizeColumnsToContents()
        self.empty_hint.setVisible(not instances)
        self.table.setVisible(bool(instances))
        self.instances_loaded.emit(len(instances))

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)

    def _on_tasks_failed(self, name: str, message: str) -> None:
        self.statusBar().showMessage(message)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._tasks.cancel_all()
        super().closeEvent(event)
