"""Qt table model of the instances evodesk knows (one row each), and the proxy that
sorts and filters it by text, server, delivery mode and WhatsApp state.

The rows are sorted in the model, not in the proxy: Qt's proxy compares rows through
`data()`, a call into Python per side, and redoes it whenever a filter lets rows back in,
which on 1,000 rows is ~10,000 calls for one keystroke."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush

from evodesk.domain.models import ConnectionState, DeliveryMode, Instance, ListenerState
from evodesk.domain.secrets import mask_url_secrets
from evodesk.ui.live_state import LiveState
from evodesk.ui.texts import (
    connection_text,
    listener_text,
    live_reason,
    live_text,
    mode_text,
    plain_tooltip,
)
from evodesk.ui.theme import Tone, tone

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
INSTANCE_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    SERVER = 0
    INSTANCE = 1
    WHATSAPP = 2
    MODE = 3
    BASE64 = 4
    LISTENER = 5
    LAST_SYNC = 6
    ATTENTION = 7


_STATE_TONES = {
    ConnectionState.OPEN: Tone.OK,
    ConnectionState.CONNECTING: Tone.WARNING,
    ConnectionState.CLOSE: Tone.ERROR,
}
_LISTENER_TONES = {
    ListenerState.LIVE: Tone.OK,
    ListenerState.WAITING: Tone.WARNING,
    ListenerState.RETRYING: Tone.WARNING,
    ListenerState.REFUSED: Tone.ERROR,
}


class InstanceTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._given: list[Instance] = []  # in the order set, for when sorting stops
        self._rows: list[Instance] = []  # in the order shown
        self._server_names: dict[int, str] = {}
        self._listener: dict[tuple[int, str], LiveState] = {}
        self._order: tuple[Column, bool] | None = None  # column, descending
        self._resort_pending = False
        # Shades for the palette in use when the window opens (light or dark).
        self._brushes = {kind: QBrush(tone(kind)) for kind in Tone}

    # --- data in -------------------------------------------------------------------

    def set_instances(self, instances: Sequence[Instance], server_names: dict[int, str]) -> None:
        self.beginResetModel()
        self._server_names = dict(server_names)
        self._given = list(instances)
        self._rows = self._sorted(list(instances))
        self.endResetModel()

    def set_listener_state(self, server_id: int, instance: str, state: LiveState) -> None:
        self._listener[(server_id, instance)] = state
        for row, item in enumerate(self._rows):
            if item.server_id == server_id and item.name == instance:
                index = self.index(row, Column.LISTENER)
                self.dataChanged.emit(index, index)
        if self._order is not None and self._order[0] == Column.LISTENER:
            self._resort_later()  # states come in bursts: one sort for the burst

    def instance_at(self, row: int) -> Instance | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def server_name(self, server_id: int) -> str:
        return self._server_names.get(server_id, "?")

    def server_names(self) -> list[str]:
        return sorted(self._server_names.values())

    def listener_state(self, instance: Instance) -> LiveState | None:
        return self._listener.get((instance.server_id, instance.name))

    # --- order --------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows by `SORT_ROLE` of `column`; ties keep the order they had (as in Qt's proxy,
        so sorting by one column, then another, orders by both); -1 stops sorting."""
        descending = order == Qt.SortOrder.DescendingOrder
        self._order = (Column(column), descending) if 0 <= column < len(Column) else None
        self._resort()

    def _sorted(self, rows: list[Instance]) -> list[Instance]:
        if self._order is None:
            return rows
        column, descending = self._order
        return sorted(rows, key=lambda i: self._sort_key(i, column), reverse=descending)

    def _resort(self) -> None:
        self._resort_pending = False
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._rows = self._sorted(list(before if self._order is not None else self._given))
        row_of = {id(instance): row for row, instance in enumerate(self._rows)}
        old = self.persistentIndexList()
        new = [self.index(row_of[id(before[i.row()])], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _resort_later(self) -> None:
        if not self._resort_pending:
            self._resort_pending = True
            QTimer.singleShot(0, self, self._on_resort_timer)

    def _on_resort_timer(self) -> None:
        if self._resort_pending:
            self._resort()

    # --- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.SERVER: self.tr("Server"),
            Column.INSTANCE: self.tr("Instance"),
            Column.WHATSAPP: self.tr("WhatsApp"),
            Column.MODE: self.tr("Delivery"),
            Column.BASE64: self.tr("Base64"),
            Column.LISTENER: self.tr("Live"),
            Column.LAST_SYNC: self.tr("Last sync"),
            Column.ATTENTION: self.tr("Attention"),
        }[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        instance = self._rows[index.row()]
        column = Column(index.column())
        if role == INSTANCE_ROLE:
            return instance
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(instance, column)
        if role == SORT_ROLE:
            return self._sort_key(instance, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(instance, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(instance, column)
        return None

    def _display(self, instance: Instance, column: Column) -> str:
        if column == Column.SERVER:
            return self.server_name(instance.server_id)
        if column == Column.INSTANCE:
            return instance.name
        if column == Column.WHATSAPP:
            return "● " + connection_text(instance.connection_state)
        if column == Column.MODE:
            return mode_text(instance.mode, instance.conflict)
        if column == Column.BASE64:
            if instance.mode is not DeliveryMode.WEBHOOK:
                return ""
            return self.tr("yes") if instance.webhook_base64 else self.tr("no")
        if column == Column.LISTENER:
            if instance.mode is not DeliveryMode.WEBSOCKET:
                return ""
            return live_text(self.listener_state(instance))
        if column == Column.LAST_SYNC:
            if instance.last_sync_at is None:
                return self.tr("never")
            return instance.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if instance.conflict:
            return "⚠ " + self.tr("conflict")
        if instance.attention:
            return "⚠ " + self.tr("attention")
        if instance.vanished:
            return self.tr("not on server")
        return ""

    @staticmethod
    def possible_texts(column: Column) -> list[str]:
        """Every text a column of a few fixed states can show, in the interface
        language: its width must fit the longest, not the ones shown when it was sized."""
        if column == Column.WHATSAPP:
            return ["● " + connection_text(state) for state in ConnectionState]
        if column == Column.MODE:
            return [mode_text(mode) for mode in DeliveryMode] + [mode_text(DeliveryMode.NONE,
                                                                           conflict=True)]
        if column == Column.LISTENER:
            return [listener_text(None), listener_text(ListenerState.REFUSED, key_refused=False)
                    ] + [listener_text(state) for state in ListenerState]
        return []

    def _sort_key(self, instance: Instance, column: Column) -> str | float:
        if column == Column.LAST_SYNC:
            return instance.last_sync_at.timestamp() if instance.last_sync_at else 0.0
        if column == Column.ATTENTION:
            return (2 if instance.conflict else 1 if instance.attention else 0)
        return self._display(instance, column).lower()

    def _colour(self, instance: Instance, column: Column) -> QBrush | None:
        kind: Tone | None = None
        if column == Column.WHATSAPP:
            kind = _STATE_TONES.get(instance.connection_state)
        elif column == Column.LISTENER and instance.mode is DeliveryMode.WEBSOCKET:
            live = self.listener_state(instance)
            kind = _LISTENER_TONES.get(live.state) if live is not None else None
        elif column == Column.ATTENTION and (instance.conflict or instance.attention):
            kind = Tone.ERROR
        elif column == Column.MODE and instance.mode is DeliveryMode.NONE:
            kind = Tone.WARNING
        return self._brushes[kind] if kind is not None else None

    def _tooltip(self, instance: Instance, column: Column) -> str | None:
        if column == Column.ATTENTION:
            return plain_tooltip(instance.attention or instance.last_error)
        if column == Column.INSTANCE:
            parts = [instance.profile_name or "", instance.owner_number or ""]
            return plain_tooltip(" · ".join(p for p in parts if p))
        if column == Column.MODE and instance.mode is DeliveryMode.WEBHOOK:
            return plain_tooltip(mask_url_secrets(instance.webhook_url or ""))
        if column == Column.LISTENER and instance.mode is DeliveryMode.WEBSOCKET:
            return plain_tooltip(live_reason(self.listener_state(instance)))
        return None


class InstanceFilterProxy(QSortFilterProxyModel):
    """Text search over name, number and profile, plus server, mode and state filters."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._server: str | None = None
        self._mode: str | None = None
        self._state: ConnectionState | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The view's sort goes to the model; this proxy only filters, so a filter that
        lets rows back in costs no comparisons."""
        model = self.sourceModel()
        if isinstance(model, InstanceTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_server(self, server: str | None) -> None:
        self.beginFilterChange()
        self._server = server or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_mode(self, mode: str | None) -> None:
        """'webhook', 'websocket', 'none', 'conflict' or None for all."""
        self.beginFilterChange()
        self._mode = mode or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_state(self, state: ConnectionState | None) -> None:
        self.beginFilterChange()
        self._state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, InstanceTableModel):
            return True
        instance = model.instance_at(source_row)
        if instance is None:
            return False
        if self._server and model.server_name(instance.server_id) != self._server:
            return False
        if self._mode is not None:
            actual = "conflict" if instance.conflict else instance.mode.value
            if actual != self._mode:
                return False
        if self._state is not None and instance.connection_state is not self._state:
            return False
        if self._text:
            haystack = " ".join(filter(None, (
                instance.name, instance.owner_number, instance.profile_name,
                model.server_name(instance.server_id),
            ))).lower()
            return self._text in haystack
        return True
