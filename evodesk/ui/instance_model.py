"""Qt table model of the instances evodesk knows, one row per instance."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from evodesk.domain.models import ConnectionState, DeliveryMode, Instance, ListenerState

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


_STATE_COLOURS = {
    ConnectionState.OPEN: QColor("#2e7d32"),
    ConnectionState.CONNECTING: QColor("#b26a00"),
    ConnectionState.CLOSE: QColor("#c62828"),
}


class InstanceTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Instance] = []
        self._server_names: dict[int, str] = {}
        self._listener: dict[int, ListenerState] = {}

    # --- data in -------------------------------------------------------------------

    def set_instances(self, instances: Sequence[Instance], server_names: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows = list(instances)
        self._server_names = dict(server_names)
        self.endResetModel()

    def set_listener_state(self, instance_id: int, state: ListenerState) -> None:
        self._listener[instance_id] = state
        for row, instance in enumerate(self._rows):
            if instance.id == instance_id:
                index = self.index(row, Column.LISTENER)
                self.dataChanged.emit(index, index)

    def instance_at(self, row: int) -> Instance | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.SERVER: self.tr("Server"),
            Column.INSTANCE: self.tr("Instance"),
            Column.WHATSAPP: self.tr("WhatsApp"),
            Column.MODE: self.tr("Delivery"),
            Column.BASE64: self.tr("Base64"),
            Column.LISTENER: self.tr("Live"),
            Column.LAST_SYNC: self.tr("Last sync"),
            Column.ATTENTION: self.tr("Attention"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        instance = self._rows[index.row()]
        column = Column(index.column())
        if role == INSTANCE_ROLE:
            return instance
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._display(instance, column, sort=role == SORT_ROLE)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.WHATSAPP:
            colour = _STATE_COLOURS.get(instance.connection_state)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.ATTENTION:
            return instance.attention or instance.last_error
        return None

    def _display(self, instance: Instance, column: Column, *, sort: bool) -> object:
        if column == Column.SERVER:
            return self._server_names.get(instance.server_id, "?")
        if column == Column.INSTANCE:
            return instance.name
        if column == Column.WHATSAPP:
            return self._connection_text(instance.connection_state)
        if column == Column.MODE:
            return self._mode_text(instance)
        if column == Column.BASE64:
            if instance.mode != DeliveryMode.WEBHOOK:
                return "" if not sort else 0
            return self.tr("yes") if instance.webhook_base64 else self.tr("no")
        if column == Column.LISTENER:
            state = self._listener.get(instance.id or -1)
            if state is None or instance.mode != DeliveryMode.WEBSOCKET:
                return ""
            return self._listener_text(state)
        if column == Column.LAST_SYNC:
            if instance.last_sync_at is None:
                return "" if not sort else 0.0
            if sort:
                return instance.last_sync_at.timestamp()
            return instance.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if column == Column.ATTENTION:
            if instance.conflict:
                return self.tr("Conflict")
            return "⚠" if instance.attention else ""
        return None

    def _connection_text(self, state: ConnectionState) -> str:
        return {
            ConnectionState.OPEN: self.tr("connected"),
            ConnectionState.CONNECTING: self.tr("connecting"),
            ConnectionState.CLOSE: self.tr("disconnected"),
            ConnectionState.UNKNOWN: self.tr("unknown"),
        }[state]

    def _mode_text(self, instance: Instance) -> str:
        if instance.webhook_enabled and instance.websocket_enabled:
            return self.tr("Both (conflict)")
        return {
            DeliveryMode.WEBHOOK: self.tr("Webhook"),
            DeliveryMode.WEBSOCKET: self.tr("WebSocket"),
            DeliveryMode.NONE: self.tr("None"),
        }[instance.mode]

    def _listener_text(self, state: ListenerState) -> str:
        return {
            ListenerState.STOPPED: self.tr("stopped"),
            ListenerState.CONNECTING: self.tr("connecting"),
            ListenerState.LIVE: self.tr("live"),
            ListenerState.WAITING: self.tr("waiting"),
            ListenerState.RETRYING: self.tr("retrying"),
            ListenerState.REFUSED: self.tr("refused"),
        }[state]
