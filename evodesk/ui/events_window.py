"""The events window: stored and live events with gaps, filters, pause, a masked JSON
tree, copy, export and clear. `EventFeed` (in event_model) does the talking to services."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evodesk.services.app import AppServices
from evodesk.ui.event_delegate import EventDelegate
from evodesk.ui.event_model import (
    DEFAULT_CAP,
    PAGE_SIZE,
    QUEUE_SIZE,
    Column,
    EventFeed,
    EventFilterProxy,
    EventTableModel,
)
from evodesk.ui.event_summary import (
    KNOWN_WIRE_EVENTS,
    EventRow,
    GapRow,
    More,
    Row,
    clipped,
    event_record,
    format_time,
    gap_record,
    instance_key,
    json_lines,
    json_text,
    member_count,
    plain,
    tree_view,
)
from evodesk.ui.tasks import TaskOwner
from evodesk.ui.texts import translate_message
from evodesk.ui.widgets import Banner, error_label

log = logging.getLogger(__name__)

TREE_CHILDREN = 500  # members shown of one object or array
TREE_ITEMS = 2_000  # members shown in all (a payload may hold 250,000)
TREE_TEXT = 500  # characters shown of a key or a value
SEARCH_SLICE = 500  # rows whose search text is made between two turns of the event loop


class EventsWindow(QMainWindow):
    """Deleted on close; closing ends its subscription and tasks."""

    copied = Signal(int)
    exported = Signal(str, int)
    clear_confirmation_opened = Signal(object)  # the QMessageBox, opened with open()

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 page_size: int = PAGE_SIZE, cap: int = DEFAULT_CAP,
                 queue_size: int = QUEUE_SIZE) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services = services
        self.setWindowTitle(self.tr("evodesk — Events"))
        self.resize(1180, 680)
        self.model = EventTableModel(self, cap=cap)
        # Only a shared database has other workstations; a SQLite file's gaps are all
        # this computer's, whatever its host name was called when it recorded them.
        self.model.here = services.store.workstation if services.store.shared else None
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.feed = EventFeed(services, self.model, self, page_size=page_size,
                              queue_size=queue_size)
        self.tasks = TaskOwner(self)
        self.confirm_box: QMessageBox | None = None
        self._search_texts: asyncio.Task[None] | None = None
        self.export_dialog: QFileDialog | None = None
        self._pending_instance = ""
        self._instance_keys: set[str] = set()
        self._wire_events: set[str] = set(KNOWN_WIRE_EVENTS)
        # The row at the top of a view scrolled down to read, while rows go in above it.
        self._anchor: QPersistentModelIndex | None = None

        self._build_filters()
        self._build_buttons()
        self._build_table()
        self._build_details()
        self.banner = Banner(self)
        self.banner.setVisible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 400])
        self.splitter = splitter
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(self.filters)
        layout.addLayout(self.buttons)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self._build_status()
        self._connect()
        if not self.feed.live:
            self.banner.show_text(self.tr(
                "Live events are off in this window: showing stored events only."), "info")
        # Python-side teardown also when a parent deletes this window without closing it.
        feed, tasks = self.feed, self.tasks

        def tear_down(*_args: object) -> None:
            feed.close()
            tasks.cancel_all()

        self.destroyed.connect(tear_down)
        self.restore_state()
        self._update_counts()
        self.feed.start()

    # --- building ---------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.instance_filter = QComboBox(self)
        self.instance_filter.addItem(self.tr("All instances"), "")
        self.instance_filter.setMinimumContentsLength(18)
        self.type_filter = QComboBox(self)
        self.type_filter.addItem(self.tr("All events"), "")
        for wire in KNOWN_WIRE_EVENTS:
            self.type_filter.addItem(clipped(wire), wire)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search the summary and the JSON…"))
        self.search.setClearButtonEnabled(True)
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr("Hold new events; they are shown on resume"))
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.instance_filter, 1)
        self.filters.addWidget(self.type_filter, 1)
        self.filters.addWidget(self.search, 3)
        self.filters.addWidget(self.pause_button)

    def _build_buttons(self) -> None:
        self.older_button = QPushButton(self.tr("Load older"), self)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy the selected event as JSON"))
        self.copy_all_button = QPushButton(self.tr("Copy all"), self)
        self.copy_all_button.setToolTip(self.tr("Copy the events shown as JSON Lines"))
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setToolTip(self.tr("Save the events shown as a JSON Lines file"))
        self.buttons = QHBoxLayout()
        for button in (self.older_button, self.clear_button, self.copy_button,
                       self.copy_all_button, self.export_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)

    def _build_table(self) -> None:
        table = QTableView(self)
        table.setModel(self.proxy)
        self.delegate = EventDelegate(self.proxy, table)
        table.setItemDelegate(self.delegate)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        # Fixed heights: Qt never measures 20,000 rows.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for column, width in ((Column.TIME, 90), (Column.SOURCE, 170), (Column.EVENT, 150),
                              (Column.DUPLICATE, 80)):
            table.setColumnWidth(column, width)
        self.table = table

    def _build_details(self) -> None:
        self.details = QWidget(self)
        self.detail = QLabel(self.details)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # message text is never HTML
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel(self.details)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.tree = QTreeWidget(self.details)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Key"), self.tr("Value")])
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self.details)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.meta)
        layout.addWidget(self.detail)
        layout.addWidget(self.tree, 1)
        self._show_row(None)

    def _build_status(self) -> None:
        self.shown_label = QLabel(self)
        self.dropped_label = error_label(self)
        self.unstored_label = error_label(self)
        self.statusBar().addWidget(self.shown_label)
        self.statusBar().addPermanentWidget(self.dropped_label)
        self.statusBar().addPermanentWidget(self.unstored_label)

    def _connect(self) -> None:
        self.instance_filter.currentIndexChanged.connect(
            self._on_instance_filter_current_index_changed)
        self.type_filter.currentIndexChanged.connect(self._on_type_filter_current_index_changed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)  # its focus: a search is coming
        self.pause_button.toggled.connect(self._on_pause_button_toggled)
        self.older_button.clicked.connect(self._on_older_button_clicked)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.copy_all_button.clicked.connect(self._on_copy_all_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.proxy.rowsAboutToBeInserted.connect(self._on_proxy_rows_about_to_be_inserted)
        self.proxy.rowsInserted.connect(self._on_proxy_rows_inserted)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._update_counts)
        feed = self.feed
        feed.directory_loaded.connect(self._on_feed_directory_loaded)
        feed.stored_loaded.connect(self._on_feed_rows_arrived)
        feed.older_loaded.connect(self._on_feed_rows_arrived)
        feed.live_added.connect(self._on_feed_rows_arrived)
        feed.waiting_changed.connect(self._on_feed_waiting_changed)
        feed.dropped_changed.connect(self._on_feed_dropped_changed)
        feed.unstored_changed.connect(self._on_feed_unstored_changed)
        feed.stored_counted.connect(self._on_feed_stored_counted)
        feed.stored_cleared.connect(self._on_feed_stored_cleared)
        feed.failed.connect(self._on_feed_failed)
        self.tasks.failed.connect(self._on_tasks_failed)

    # --- the reader's place ------------------------------------------------------------

    def _on_proxy_rows_about_to_be_inserted(self, _parent: QModelIndex, first: int,
                                            _last: int) -> None:
        # At the top the view follows what arrives; scrolled down to read, it keeps the
        # rows being read where they are while new ones go in above them.
        table = self.table
        self._anchor = None
        if table.verticalScrollBar().value() > 0:
            top = table.indexAt(QPoint(0, 0))
            if top.isValid() and first <= top.row():
                self._anchor = QPersistentModelIndex(top)

    def _on_proxy_rows_inserted(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is None or not anchor.isValid():
            return
        table = self.table
        table.updateGeometries()  # the scroll range grows with the rows only later
        table.scrollTo(self.proxy.index(anchor.row(), anchor.column()),
                       QAbstractItemView.ScrollHint.PositionAtTop)

    # --- filters, pause, paging -------------------------------------------------------

    def _on_instance_filter_current_index_changed(self, _index: int) -> None:
        self.proxy.set_instance(self.instance_filter.currentData() or None)
        self._update_counts()

    def _on_type_filter_current_index_changed(self, _index: int) -> None:
        self.proxy.set_event(self.type_filter.currentData() or None)
        self._update_counts()

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_counts()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.FocusIn:
            self.prepare_search()
        return super().eventFilter(watched, event)

    def prepare_search(self) -> asyncio.Task[None]:
        """Makes the rows' search texts before the first keystroke, a slice at a time
        (the window stays responsive): typing over 20,000 rows then only compares."""
        task = self._search_texts
        if task is None or task.done():
            task = self._search_texts = self.tasks.start("search-texts",
                                                         self._make_search_texts())
        return task

    async def _make_search_texts(self) -> None:
        rows = self.model.rows()
        for start in range(0, len(rows), SEARCH_SLICE):
            for row in rows[start : start + SEARCH_SLICE]:
                if isinstance(row, EventRow):
                    _ = row.search
            await asyncio.sleep(0)

    def _on_pause_button_toggled(self, checked: bool) -> None:
        self.feed.set_paused(checked)
        self._update_pause_text()

    def _update_pause_text(self) -> None:
        if self.feed.paused:
            self.pause_button.setText(
                self.tr("Resume (%1 waiting)").replace("%1", str(self.feed.waiting)))
        else:
            self.pause_button.setText(self.tr("Pause"))

    def _on_older_button_clicked(self) -> None:
        self.feed.load_older()

    def _on_feed_directory_loaded(self) -> None:
        self._refresh_instance_choices()

    def _on_feed_rows_arrived(self, _count: int) -> None:
        if not self.model.instance_keys <= self._instance_keys:
            self._refresh_instance_choices()
        if not self.model.wire_events <= self._wire_events:
            for wire in sorted(self.model.wire_events - self._wire_events):
                self.type_filter.addItem(clipped(wire), wire)
            self._wire_events |= self.model.wire_events
        self._update_counts()

    def _refresh_instance_choices(self) -> None:
        names = {instance_key(i.server_id, i.name): (self.model.server_name(i.server_id), i.name)
                 for i in self.feed.instances}
        for key in self.model.instance_keys - names.keys():
            server_id, _sep, name = key.partition(":")
            names[key] = (self.model.server_name(int(server_id)), name)
        self._instance_keys = set(names)
        combo = self.instance_filter
        current = self._pending_instance or combo.currentData() or ""
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for key, (server, name) in sorted(names.items(), key=lambda item: item[1]):
            combo.addItem(f"{clipped(server)} / {clipped(name)}", key)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if index >= 0 and current:
            self._pending_instance = ""
        if (combo.currentData() or None) != self.proxy.instance:
            self.proxy.set_instance(combo.currentData() or None)

    def _on_feed_waiting_changed(self, _waiting: int) -> None:
        self._update_pause_text()
        self._update_counts()

    def _on_feed_dropped_changed(self, dropped: int) -> None:
        self.dropped_label.setText(self.tr(
            "%1 live events were dropped for this view: it fell behind.").replace(
            "%1", str(dropped)))
        self.dropped_label.setVisible(dropped > 0)

    def _on_feed_unstored_changed(self, unstored: int) -> None:
        self.unstored_label.setText(self.tr(
            "%1 events could not be stored in the database; the log says why.").replace(
            "%1", str(unstored)))
        self.unstored_label.setVisible(unstored > 0)

    def _update_counts(self) -> None:
        self.clear_button.setText(self.tr("Clear (%1)").replace(
            "%1", str(self.model.event_count + self.feed.waiting)))
        self.shown_label.setText(self.tr("%1 of %2 rows shown").replace(
            "%1", str(self.proxy.rowCount())).replace("%2", str(self.model.rowCount())))
        self.older_button.setEnabled(self.model.can_load_older)
        self.copy_all_button.setEnabled(self.proxy.rowCount() > 0)
        self.export_button.setEnabled(self.proxy.rowCount() > 0)
        self.copy_button.setEnabled(self.selected_row() is not None)

    # --- clearing ---------------------------------------------------------------------

    def _on_clear_button_clicked(self) -> None:
        self.feed.clear_view()
        self._show_row(None)
        self.feed.count_stored()

    def _on_feed_stored_counted(self, stored: int) -> None:
        if stored == 0 or self.confirm_box is not None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Clear events"))
        box.setText(self.tr("Also delete the %1 events stored in the database?").replace(
            "%1", str(stored)))
        informative = self.tr(
            "The view is already clear. Deleted events cannot be loaded again.")
        if self.services.store.shared:
            informative += " " + self.tr(
                "This database is shared: they are deleted for every workstation that uses it.")
        box.setInformativeText(informative)
        box.addButton(self.tr("Delete stored events"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(self.tr("Keep them"),
                                           QMessageBox.ButtonRole.RejectRole))
        box.finished.connect(self._on_confirm_box_finished)
        self.confirm_box = box
        box.open()
        self.clear_confirmation_opened.emit(box)

    def _on_confirm_box_finished(self, _result: int) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is None:
            return
        clicked = box.clickedButton()
        confirmed = (clicked is not None
                     and box.buttonRole(clicked) is QMessageBox.ButtonRole.DestructiveRole)
        box.deleteLater()
        if confirmed:
            self.feed.clear_stored()

    def _on_feed_stored_cleared(self, deleted: int) -> None:
        self.banner.show_text(self.tr("Deleted %1 stored events.").replace(
            "%1", str(deleted)), "ok")

    def _on_feed_failed(self, message: str) -> None:
        self.banner.show_text(translate_message(message), "error")

    def _on_tasks_failed(self, _name: str, message: str) -> None:
        self.banner.show_text(translate_message(message), "error")

    # --- selection and the JSON tree --------------------------------------------------

    def selected_row(self) -> Row | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def _on_table_selection_changed(self, _selected: QItemSelection,
                                    _deselected: QItemSelection) -> None:
        self._show_row(self.selected_row())
        self.copy_button.setEnabled(self.selected_row() is not None)

    def _gap_record(self, row: GapRow) -> dict[str, Any]:
        place = self.model.gap_instance(row.gap)
        server, name = (self.model.server_name(place[0]), place[1]) if place else ("", "")
        return gap_record(row.gap, server, name)

    def _show_row(self, row: Row | None) -> None:
        self.tree.clear()
        self.meta.setVisible(row is not None)
        if row is None:
            self.detail.setText(self.tr("Select an event to see all its fields."))
            self.meta.setText("")
            return
        if isinstance(row, EventRow):
            self.detail.setText(row.summary)
            meta = [clipped(row.event.wire_event), self.model.source_text(row),
                    format_time(row.event.received_at)]
            if row.event.is_duplicate:
                meta.append(self.tr("duplicate"))
            self.meta.setText(" · ".join(meta))
            shown: Any = row.event.payload
        else:
            self.detail.setText(row.text)
            self.meta.setText(self.model.source_text(row))
            shown = self._gap_record(row)
        # Masked as copy masks it, but only the members the tree shows.
        self._fill_tree(self.tree.invisibleRootItem(),
                        tree_view(shown, TREE_ITEMS, TREE_CHILDREN))
        self.tree.expandToDepth(0)

    def _fill_tree(self, parent: QTreeWidgetItem, value: Any) -> None:
        """`value`, a view made by `tree_view`, under `parent`."""
        members: Iterator[tuple[str, Any]]
        if isinstance(value, dict):
            members = ((str(k), v) for k, v in value.items())
        else:
            members = ((f"[{i}]", v) for i, v in enumerate(value))
        for key, child in members:
            if isinstance(child, More):
                QTreeWidgetItem(parent, ["…", self.tr("%1 more").replace(
                    "%1", str(child.count))])
                continue
            item = QTreeWidgetItem(parent, [self._shown(key), self._leaf_text(child)])
            if isinstance(child, dict | list) and child:
                self._fill_tree(item, child)

    def _leaf_text(self, value: Any) -> str:
        if isinstance(value, dict):
            return f"{{{member_count(value)}}}"
        if isinstance(value, list):
            return f"[{member_count(value)}]"
        return self._shown(value if isinstance(value, str) else json.dumps(value))

    def _shown(self, text: str) -> str:
        """A key or a value as the tree shows it: cut, without bidi controls."""
        if len(text) > TREE_TEXT:
            text = text[:TREE_TEXT] + self.tr("… (%1 characters)").replace(
                "%1", str(len(text)))
        return plain(text)

    # --- copy and export --------------------------------------------------------------

    async def copy_selected(self) -> bool:
        """The selected row as JSON on the clipboard; False if none is selected."""
        row = self.selected_row()
        if row is None:
            return False
        make = self._record_maker(row)
        # Masking and encoding a payload of 250,000 members takes a while: a thread.
        text = await asyncio.to_thread(lambda: json_text(make()))
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(1)
        return True

    def _record_maker(self, row: Row) -> Callable[[], dict[str, Any]]:
        """Makes `row`'s record anywhere: what it needs of the window is read now."""
        if isinstance(row, EventRow):
            event, server = row.event, self.model.server_name(row.event.server_id)
            return lambda: event_record(event, server)
        record = self._gap_record(row)  # a few members
        return lambda: record

    def _on_copy_button_clicked(self) -> None:
        self.tasks.start("copy", self.copy_selected())

    def _on_copy_all_button_clicked(self) -> None:
        self.tasks.start("copy-all", self.copy_visible())

    async def copy_visible(self) -> int:
        """The visible events, oldest first, as JSON Lines on the clipboard."""
        text, count = await self._visible_lines()
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(count)
        return count

    async def _visible_lines(self) -> tuple[str, int]:
        events = [(row.event, self.model.server_name(row.event.server_id))
                  for row in reversed(self.proxy.rows()) if isinstance(row, EventRow)]
        # Masking and encoding thousands of payloads would stall the window: a thread.
        text = await asyncio.to_thread(
            lambda: json_lines(event_record(event, server) for event, server in events))
        return text, len(events)

    def _on_export_button_clicked(self) -> None:
        if self.export_dialog is not None:
            self.export_dialog.raise_()
            return
        dialog = QFileDialog(self, self.tr("Export events"), str(Path.home() / "events.jsonl"),
                             self.tr("JSON Lines (*.jsonl);;All files (*)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("jsonl")
        # Qt's own dialog (where the desktop has none) takes its words from Qt's
        # catalogue, which may be missing: these come from evodesk's.
        label = QFileDialog.DialogLabel
        for which, text in ((label.LookIn, self.tr("&Look in:")),
                            (label.FileName, self.tr("File &name:")),
                            (label.FileType, self.tr("Files of &type:")),
                            (label.Accept, self.tr("&Save")),
                            (label.Reject, self.tr("Cancel"))):
            dialog.setLabelText(which, text)
        dialog.fileSelected.connect(self._on_export_dialog_file_selected)
        dialog.finished.connect(self._on_export_dialog_finished)
        self.export_dialog = dialog
        dialog.open()

    def _on_export_dialog_file_selected(self, path: str) -> None:
        self.tasks.start("export", self.export_to(path))

    def _on_export_dialog_finished(self, _result: int) -> None:
        dialog, self.export_dialog = self.export_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    async def export_to(self, path: str | Path) -> int | None:
        """Writes the visible events, oldest first, as JSON Lines; returns how many, or
        None when the file could not be written (the banner says why)."""
        text, count = await self._visible_lines()
        target = Path(path)
        try:
            await asyncio.to_thread(target.write_text, text, encoding="utf-8")
        except OSError as error:
            log.warning("Exporting events to %s failed: %r", target, error)
            self.banner.show_text(self.tr("Could not write %1: %2").replace(
                "%1", str(target)).replace("%2", error.strerror or str(error)), "error")
            return None
        self.banner.show_text(self.tr("Exported %1 events to %2").replace(
            "%1", str(count)).replace("%2", str(target)), "ok")
        self.exported.emit(str(target), count)
        return count

    # --- persistence and closing ------------------------------------------------------

    def save_state(self) -> None:
        def encoded(data: QByteArray) -> str:
            return bytes(data.toBase64().data()).decode()

        state = {
            "geometry": encoded(self.saveGeometry()),
            "splitter": encoded(self.splitter.saveState()),
            "header": encoded(self.table.horizontalHeader().saveState()),
            "instance": self.instance_filter.currentData() or self._pending_instance,
            "event": self.type_filter.currentData() or "",
            "search": self.search.text(),
        }
        settings = self.services.settings
        self.services.save_settings(settings.with_changes(
            ui_state={**settings.ui_state, "events": state}))

    def restore_state(self) -> None:
        state = self.services.settings.ui_state.get("events")
        if not isinstance(state, dict):
            return

        def decoded(key: str) -> QByteArray | None:
            value = state.get(key)
            return QByteArray.fromBase64(value.encode()) if isinstance(value, str) and value \
                else None

        if (geometry := decoded("geometry")) is not None:
            self.restoreGeometry(geometry)
        if (splitter := decoded("splitter")) is not None:
            self.splitter.restoreState(splitter)
        if (header := decoded("header")) is not None:
            self.table.horizontalHeader().restoreState(header)
        wire = str(state.get("event") or "")
        if wire and self.type_filter.findData(wire) < 0:
            self.type_filter.addItem(clipped(wire), wire)
            self._wire_events.add(wire)
        self.type_filter.setCurrentIndex(max(self.type_filter.findData(wire), 0))
        self.search.setText(str(state.get("search") or ""))
        self._pending_instance = str(state.get("instance") or "")

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self.save_state()
        except OSError:
            log.exception("Could not save the events window's state")
        self.feed.close()
        self.tasks.cancel_all()
        for dialog in (self.confirm_box, self.export_dialog):
            if dialog is not None:
                dialog.close()
        super().closeEvent(event)
