"""The event picker: the server version's events in groups, select all or none, and the
explicit "all events" choice (Evolution's empty list)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evodesk.domain.events import EVENT_GROUPS, catalogue_for, wire_name
from evodesk.ui.widgets import Banner


class EventPicker(QWidget):
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemChanged.connect(self._on_tree_item_changed)
        self.all_events = QCheckBox(self.tr("All events (Evolution sends every event)"), self)
        self.all_events.toggled.connect(self._on_all_events_toggled)
        self.select_all = QPushButton(self.tr("Select all"), self)
        self.select_all.clicked.connect(lambda: self.set_all(True))
        self.select_none = QPushButton(self.tr("Select none"), self)
        self.select_none.clicked.connect(lambda: self.set_all(False))
        self.warning = Banner(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_events)
        buttons.addStretch(1)
        buttons.addWidget(self.select_all)
        buttons.addWidget(self.select_none)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)
        layout.addWidget(self.warning)
        self._items: dict[str, QTreeWidgetItem] = {}
        self.set_catalogue(None)

    def set_catalogue(self, version: str | None) -> None:
        """Show the events a server of ``version`` accepts, grouped for people."""
        chosen = set(self.selected())
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items.clear()
        known = catalogue_for(version)
        placed: set[str] = set()
        for group, names in EVENT_GROUPS.items():
            present = [n for n in names if n in known]
            if not present:
                continue
            parent = QTreeWidgetItem(self.tree, [self._group_title(group)])
            parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsAutoTristate
                            | Qt.ItemFlag.ItemIsUserCheckable)
            for name in present:
                self._add_item(parent, name, chosen)
                placed.add(name)
        rest = [n for n in known if n not in placed]
        if rest:
            parent = QTreeWidgetItem(self.tree, [self.tr("Other")])
            parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsAutoTristate
                            | Qt.ItemFlag.ItemIsUserCheckable)
            for name in rest:
                self._add_item(parent, name, chosen)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self._refresh_warning()

    def _add_item(self, parent: QTreeWidgetItem, name: str, chosen: set[str]) -> None:
        item = QTreeWidgetItem(parent, [name])
        item.setToolTip(0, self.tr("On the wire: %1").replace("%1", wire_name(name)))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if name in chosen
                           else Qt.CheckState.Unchecked)
        self._items[name] = item

    def _group_title(self, group: str) -> str:
        titles = {
            "Messages": self.tr("Messages"),
            "Contacts and chats": self.tr("Contacts and chats"),
            "Groups": self.tr("Groups"),
            "Instance": self.tr("Instance"),
            "Bots": self.tr("Bots"),
        }
        return titles.get(group, group)

    def item(self, name: str) -> QTreeWidgetItem:
        return self._items[name]

    def names(self) -> list[str]:
        return list(self._items)

    def selected(self) -> list[str]:
        if not hasattr(self, "_items"):
            return []
        return [n for n, item in self._items.items()
                if item.checkState(0) == Qt.CheckState.Checked]

    def set_selected(self, names: Sequence[str], *, all_events: bool = False) -> None:
        wanted = set(names)
        self.tree.blockSignals(True)
        for name, item in self._items.items():
            item.setCheckState(0, Qt.CheckState.Checked if name in wanted
                               else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)
        self.all_events.setChecked(all_events)
        self._refresh_warning()

    def set_all(self, checked: bool) -> None:
        self.set_selected(self.names() if checked else [], all_events=self.all_events.isChecked())
        self.selection_changed.emit()

    def is_all_events(self) -> bool:
        return self.all_events.isChecked()

    def is_valid(self) -> bool:
        return self.is_all_events() or bool(self.selected())

    def _on_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        self._refresh_warning()
        self.selection_changed.emit()

    def _on_all_events_toggled(self, checked: bool) -> None:
        self.tree.setEnabled(not checked)
        self.select_all.setEnabled(not checked)
        self.select_none.setEnabled(not checked)
        self._refresh_warning()
        self.selection_changed.emit()

    def _refresh_warning(self) -> None:
        if self.all_events.isChecked():
            self.warning.show_text(self.tr(
                "Evolution will send every event, including chats, contacts and presence: "
                "expect a lot of traffic."), "warning")
        elif not self.selected():
            self.warning.show_text(self.tr(
                "No event chosen. Evolution treats an empty list as every event, so evodesk "
                "asks you to choose events or tick “All events”."), "warning")
        else:
            self.warning.show_text("")
