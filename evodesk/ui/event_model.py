"""The events view's data: the table model (events and gaps, newest first, grown from the
top in batches and from the bottom by pages), the proxy that filters it, and `EventFeed`,
the presenter that fills it from the store and the live listener."""

from __future__ import annotations

import asyncio
import heapq
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from enum import IntEnum
from typing import Any, Protocol, cast

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont

from evodesk.domain.models import Event, Gap, Instance, Server
from evodesk.services.app import AppServices
from evodesk.services.event_pipeline import EventSubscription
from evodesk.services.listener import StateChange
from evodesk.ui.event_summary import (
    EventRow,
    GapRow,
    Row,
    RowLook,
    clipped,
    format_time,
    gap_text,
    instance_key,
)
from evodesk.ui.tasks import TaskOwner
from evodesk.ui.theme import Tone, tone

Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_CAP = 20_000
PAGE_SIZE = 500
QUEUE_SIZE = 10_000  # ~10 s of a busy server between two batches before anything drops
BATCH_INTERVAL = 0.1
# Each insertion repaints the table (~10 ms before EventDelegate, a few ms since); under a
# flood, fewer and bigger insertions keep the loop free (ten repaints a second made a
# 1,000 events/s storm stall it ~5% of the time).
FLOOD_BATCH = 50  # events in one batch: a flood
FLOOD_INTERVAL = 0.5
UNSTORED_CHECK_MS = 1000
GAP_SETTLE = 0.5  # a state change comes just before its gap is written


class Column(IntEnum):
    TIME = 0
    SOURCE = 1
    EVENT = 2
    SUMMARY = 3
    DUPLICATE = 4


COLUMNS = len(Column)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ROLES = frozenset({_DISPLAY, _FOREGROUND, _FONT, ROW_ROLE})  # what data() answers


class EventTableModel(QAbstractTableModel):
    """Rows newest first. Gaps older than the oldest loaded event wait until a page
    reaches their time, so paging never puts a gap above events it predates."""

    def __init__(self, parent: QObject | None = None, *, cap: int = DEFAULT_CAP) -> None:
        super().__init__(parent)
        self.cap = cap
        self._rows: list[Row] = []
        self._gap_rows: dict[int, GapRow] = {}
        self._older_gaps: list[Gap] = []
        self._complete = True  # nothing older to load
        self._trimmed = False  # the cap dropped rows: older pages would leave a hole
        self._cleared_at: datetime | None = None
        self._servers: dict[int, str] = {}
        self._times: dict[tuple[int, date], str] = {}
        self._instances: dict[int, tuple[int, str]] = {}
        self.event_count = 0
        self.here: str | None = None  # this workstation: gaps of others name theirs
        self.wire_events: set[str] = set()
        self.instance_keys: set[str] = set()
        # Shades for the palette in use when the window opens (light or dark).
        self._gap_brush = QBrush(tone(Tone.WARNING))
        self._duplicate_brush = QBrush(tone(Tone.MUTED))
        self._gap_font = QFont()
        self._gap_font.setItalic(True)
        self._headers = (self.tr("Time"), self.tr("Server / instance"), self.tr("Event"),
                         self.tr("Summary"), self.tr("Duplicate"))

    # --- Qt -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def index(self, row: int, column: int,
              parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's own asks rowCount() and columnCount(), two calls into Python, and the proxy
        # asks for an index each time a view asks it anything about a cell.
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Qt's delegate asks seven roles of every cell it paints (EventDelegate paints
        # most cells without asking); the ones never answered return first.
        if role not in _ROLES:
            return None
        number = index.row()
        if not 0 <= number < len(self._rows) or not index.isValid():
            return None
        row = self._rows[number]
        if role == ROW_ROLE:
            return row
        look = row.look or self.look(row)
        if role == _DISPLAY:
            return look.cells[index.column()]
        return look.foreground if role == _FOREGROUND else look.font

    def look(self, row: Row) -> RowLook:
        """The row's texts, colour and font, made when it is first shown and kept (as
        `row.look`) until its text changes."""
        when, source = self._time_text(row.moment), self.source_text(row)
        if isinstance(row, GapRow):
            look = RowLook((when, source, self.tr("gap"), row.text, ""), self._gap_brush,
                           self._gap_font)
        elif row.event.is_duplicate:
            look = RowLook((when, source, clipped(row.event.wire_event), row.summary,
                            self.tr("duplicate")), self._duplicate_brush)
        else:
            look = RowLook((when, source, clipped(row.event.wire_event), row.summary, ""))
        row.look = look
        return look

    def _time_text(self, moment: datetime) -> str:
        """`format_time`, kept by the second (and today's date, which it depends on): the
        rows of a batch of live events share a few seconds, and each costs ~15 µs."""
        key = (int(moment.timestamp()), date.today())
        text = self._times.get(key)
        if text is None:
            if len(self._times) >= 4_096:
                self._times.clear()
            text = self._times[key] = format_time(moment)
        return text

    # --- directory ------------------------------------------------------------------

    def set_directory(self, servers: dict[int, str],
                      instances: dict[int, tuple[int, str]]) -> None:
        """Names of servers by id, and (server id, name) of instances by id."""
        self._servers = dict(servers)
        self._instances = dict(instances)
        for row in self._rows:
            row.look = None
        if self._rows:
            self.dataChanged.emit(self.index(0, Column.SOURCE),
                                  self.index(len(self._rows) - 1, Column.SOURCE))

    def server_name(self, server_id: int) -> str:
        return self._servers.get(server_id, f"#{server_id}")

    def gap_instance(self, gap: Gap) -> tuple[int, str] | None:
        return self._instances.get(gap.instance_id)

    def row_key(self, row: Row) -> str | None:
        if isinstance(row, EventRow):
            return row.key
        place = self.gap_instance(row.gap)
        return instance_key(*place) if place is not None else None

    def source_text(self, row: Row) -> str:
        """The server's and the instance's names, each cut to what a cell can show."""
        if isinstance(row, EventRow):
            server, instance = self.server_name(row.event.server_id), row.event.instance
        else:
            place = self.gap_instance(row.gap)
            if place is None:
                return self.tr("instance #%1").replace("%1", str(row.gap.instance_id))
            server, instance = self.server_name(place[0]), place[1]
        return f"{clipped(server)} / {clipped(instance)}"

    # --- rows -----------------------------------------------------------------------

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        """Every row, newest first (a copy)."""
        return list(self._rows)

    @property
    def can_load_older(self) -> bool:
        return not self._complete and not self._trimmed

    def oldest_stored_id(self) -> int | None:
        ids = [r.event.id for r in self._rows if isinstance(r, EventRow) and r.event.id]
        return min(ids) if ids else None

    def reset(self, events: Sequence[Event], gaps: Sequence[Gap], *, complete: bool) -> None:
        """Stored events (newest first) and every known gap."""
        self.beginResetModel()
        self._rows, self._gap_rows, self._older_gaps = [], {}, list(gaps)
        self.event_count, self._trimmed, self._cleared_at = 0, False, None
        self._complete = complete
        self._rows = self._merge(self._event_rows(events), self._take_gaps(events, complete))
        self.endResetModel()

    def append_older(self, events: Sequence[Event], *, complete: bool) -> int:
        """The next page down; returns how many rows it added."""
        self._complete = complete
        rows = self._merge(self._event_rows(events), self._take_gaps(events, complete))
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        return len(rows)

    def add_live(self, events: Sequence[Event]) -> int:
        """Events in arrival order, shown above everything in one insertion."""
        if not events:
            return 0
        rows: list[Row] = list(self._event_rows(reversed(events)))
        self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
        self._rows[:0] = rows
        self.endInsertRows()
        self._trim()
        return len(rows)

    def merge_gaps(self, gaps: Iterable[Gap]) -> int:
        """New gaps placed by their start; known ones (say, now closed) updated."""
        changed = 0
        for gap in gaps:
            if gap.id is None:
                continue
            if self._cleared_at is not None and gap.started_at < self._cleared_at:
                continue
            known = self._gap_rows.get(gap.id)
            if known is not None:
                if known.gap != gap:
                    self._replace_gap(known, gap)
                    changed += 1
                continue
            older = bool(self._rows) and gap.started_at < self._rows[-1].moment
            if older and self._trimmed:
                continue
            if older and not self._complete:
                self._older_gaps = [g for g in self._older_gaps if g.id != gap.id] + [gap]
                continue
            self._insert_gap(GapRow(gap, self.here))
            changed += 1
        return changed

    def clear(self) -> None:
        """An empty view that stays empty below: clearing is not a reason to page back,
        and gaps that began before it do not come back with the next refresh."""
        self.beginResetModel()
        self._rows, self._gap_rows, self._older_gaps = [], {}, []
        self.event_count, self._complete, self._trimmed = 0, True, False
        self._cleared_at = datetime.now(UTC)
        self.endResetModel()

    # --- helpers --------------------------------------------------------------------

    def _event_rows(self, events: Iterable[Event]) -> list[Row]:
        # A row's texts are made when it is first shown (most of a storm's never are).
        listed = list(events)
        self.wire_events.update({e.wire_event for e in listed})
        places = {(e.server_id, e.instance) for e in listed}
        self.instance_keys.update(instance_key(*place) for place in places)
        self.event_count += len(listed)
        return [EventRow(e) for e in listed]

    def _take_gaps(self, events: Sequence[Event], complete: bool) -> list[Row]:
        """Waiting gaps that belong at or above the oldest of `events`, newest first."""
        if complete or not events:
            taken, self._older_gaps = self._older_gaps, []
        else:
            boundary = events[-1].received_at
            taken = [g for g in self._older_gaps if g.started_at >= boundary]
            self._older_gaps = [g for g in self._older_gaps if g.started_at < boundary]
        rows: list[Row] = []
        for gap in sorted(taken, key=lambda g: g.started_at, reverse=True):
            if gap.id is not None and gap.id not in self._gap_rows:
                row = GapRow(gap, self.here)
                self._gap_rows[gap.id] = row
                rows.append(row)
        return rows

    @staticmethod
    def _merge(events: list[Row], gaps: list[Row]) -> list[Row]:
        return list(heapq.merge(events, gaps, key=lambda r: r.moment, reverse=True))

    def _insert_gap(self, row: GapRow) -> None:
        # New gaps are recent: the place is found from the top.
        at = next((i for i, r in enumerate(self._rows) if r.moment < row.moment),
                  len(self._rows))
        assert row.gap.id is not None
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self._gap_rows[row.gap.id] = row
        self.endInsertRows()
        self._trim()

    def _replace_gap(self, row: GapRow, gap: Gap) -> None:
        row.gap, row.text, row.look = gap, gap_text(gap, self.here), None
        at = next(i for i, r in enumerate(self._rows) if r is row)
        self.dataChanged.emit(self.index(at, 0), self.index(at, COLUMNS - 1))

    def _trim(self) -> None:
        extra = len(self._rows) - self.cap
        if extra <= 0:
            return
        start = self.cap
        self.beginRemoveRows(QModelIndex(), start, len(self._rows) - 1)
        dropped, self._rows = self._rows[start:], self._rows[:start]
        self.endRemoveRows()
        for row in dropped:
            if isinstance(row, GapRow):
                self._gap_rows.pop(row.gap.id or 0, None)
            else:
                self.event_count -= 1
        self._older_gaps.clear()
        self._trimmed = True


class EventFilterProxy(QSortFilterProxyModel):
    """Filters by instance, event type and text; gaps pass the type filter, since they
    explain what is missing whatever the type."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._instance: str | None = None
        self._event: str | None = None
        self._needle = ""

    def events_model(self) -> EventTableModel:
        model = self.sourceModel()
        assert isinstance(model, EventTableModel)
        return model

    @property
    def instance(self) -> str | None:
        return self._instance

    def set_instance(self, key: str | None) -> None:
        self.beginFilterChange()
        self._instance = key or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_event(self, wire_event: str | None) -> None:
        self.beginFilterChange()
        self._event = wire_event or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # Asked for every row a batch inserts: with no filter set, that is all.
        if self._instance is None and self._event is None and not self._needle:
            return True
        model = self.events_model()
        row = model.row_at(source_row)
        if self._instance is not None and model.row_key(row) != self._instance:
            return False
        if isinstance(row, GapRow):
            return not self._needle or self._needle in row.text.casefold()
        if self._event is not None and row.event.wire_event != self._event:
            return False
        return not self._needle or row.matches(self._needle)

    def rows(self) -> list[Row]:
        """The visible rows, top to bottom."""
        model = self.events_model()
        return [model.row_at(self.mapToSource(self.index(r, 0)).row())
                for r in range(self.rowCount())]


class EventLog(Protocol):
    """The part of the store the events view reads and clears."""

    async def list_servers(self) -> list[Server]: ...
    async def list_instances(self, server_id: int | None = None) -> list[Instance]: ...
    async def list_events(self, *, limit: int = 500, before_id: int | None = None) -> list[Event]:
        ...
    async def list_gaps(self) -> list[Gap]: ...
    async def count_events(self) -> int: ...
    async def clear_events(self) -> int: ...


class EventFeed(QObject):
    """Keeps an `EventTableModel` filled: pages from the store, live events in batches
    (held while paused or loading, so none is lost from the view), and gaps."""

    directory_loaded = Signal()
    stored_loaded = Signal(int)
    older_loaded = Signal(int)
    live_added = Signal(int)
    waiting_changed = Signal(int)
    dropped_changed = Signal(int)
    unstored_changed = Signal(int)
    gaps_changed = Signal(int)
    stored_counted = Signal(int)
    stored_cleared = Signal(int)
    failed = Signal(str)

    def __init__(self, services: AppServices, model: EventTableModel,
                 parent: QObject | None = None, *, page_size: int = PAGE_SIZE,
                 queue_size: int = QUEUE_SIZE) -> None:
        super().__init__(parent)
        self.services = services
        self.event_log = cast(EventLog, services.store)
        self.model = model
        self.page_size = page_size
        self.queue_size = queue_size
        self.tasks = TaskOwner(self)
        self.tasks.failed.connect(self._on_tasks_failed)
        self.servers: dict[int, str] = {}
        self.instances: list[Instance] = []
        self.paused = False
        self.waiting = 0
        self.dropped = 0
        self.unstored = 0
        # The database refuses or loses events after the view has shown them: looked at
        # every second, not only when the next event arrives.
        self._unstored_timer = QTimer(self)
        self._unstored_timer.setInterval(UNSTORED_CHECK_MS)
        self._unstored_timer.timeout.connect(self._check_unstored)
        self._held: deque[Event] = deque(maxlen=model.cap)
        self._loading = False
        self._stored: set[tuple[str, datetime]] = set()
        self._stored_newest: datetime | None = None
        self.subscription: EventSubscription | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.closed = False

    @property
    def live(self) -> bool:
        return self.services.listener is not None

    def start(self) -> None:
        listener = self.services.listener
        if listener is not None and self.subscription is None:
            # Subscribed before the first page is read: nothing falls between the two.
            self.subscription = listener.subscribe(maxsize=self.queue_size)
            self._unsubscribe = listener.on_state_changed(self._on_listener_state_changed)
            self.tasks.start("live", self._consume(self.subscription))
            self._unstored_timer.start()
            self._check_unstored()
        self.reload()

    def close(self) -> None:
        """Idempotent, and safe after Qt has deleted the C++ side (touches Python only)."""
        if self.closed:
            return
        self.closed = True
        if shiboken6.isValid(self._unstored_timer):  # else deleted, and stopped, with the feed
            self._unstored_timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self.subscription is not None:
            self.subscription.close()
        self.tasks.cancel_all()

    # --- stored events ----------------------------------------------------------------

    def reload(self) -> None:
        self._loading = True
        self.tasks.start("load", self._load())

    async def _load(self) -> None:
        try:
            await self._load_directory()
            if self.services.listener is not None:
                await self.services.listener.flush()  # what the view showed is in the page
            events = await self.event_log.list_events(limit=self.page_size)
            gaps = await self.event_log.list_gaps()
        except Exception:  # a cancelled load was replaced by a newer one, which owns the state
            self._loading = False
            self._release_held()
            raise
        self._stored = {(e.duplicate_key, e.received_at) for e in events}
        self._stored_newest = events[0].received_at if events else None
        self.model.reset(events, gaps, complete=len(events) < self.page_size)
        self._loading = False
        self.stored_loaded.emit(len(events))
        self._release_held()

    async def _load_directory(self) -> None:
        servers = await self.event_log.list_servers()
        self.instances = await self.event_log.list_instances()
        self.servers = {s.id: s.name for s in servers if s.id is not None}
        self.model.set_directory(self.servers, {
            i.id: (i.server_id, i.name) for i in self.instances if i.id is not None})
        self.directory_loaded.emit()

    def load_older(self) -> None:
        if self.model.can_load_older and not self.tasks.is_running("older"):
            self.tasks.start("older", self._load_older(self.model.oldest_stored_id()))

    async def _load_older(self, before_id: int | None) -> None:
        if before_id is None:
            return
        events = await self.event_log.list_events(limit=self.page_size, before_id=before_id)
        added = self.model.append_older(events, complete=len(events) < self.page_size)
        self.older_loaded.emit(added)

    # --- live events ------------------------------------------------------------------

    async def _consume(self, subscription: EventSubscription) -> None:
        while True:
            try:
                first = await subscription.get()
            except StopAsyncIteration:
                return
            batch = [first]
            while subscription.qsize():
                batch.append(subscription.get_nowait())
            if self.closed:
                return
            self._take(batch, subscription.dropped)
            # One model update per interval, whatever the rate: the loop stays free.
            await asyncio.sleep(FLOOD_INTERVAL if len(batch) >= FLOOD_BATCH else BATCH_INTERVAL)

    def _check_unstored(self) -> None:
        listener = self.services.listener
        unstored = listener.unstored if listener is not None else 0
        if unstored != self.unstored:
            self.unstored = unstored
            self.unstored_changed.emit(unstored)

    def _take(self, batch: list[Event], dropped: int) -> None:
        if dropped != self.dropped:
            self.dropped = dropped
            self.dropped_changed.emit(dropped)
        fresh = self._not_stored(batch)
        if self._loading or self.paused:
            self._held.extend(fresh)
            if self.paused and fresh:
                self.waiting += len(fresh)
                self.waiting_changed.emit(self.waiting)
            return
        added = self.model.add_live(fresh)
        if added:
            self.live_added.emit(added)

    def _not_stored(self, batch: list[Event]) -> list[Event]:
        """Drops events the first page already showed (stored between subscribe and read)."""
        newest = self._stored_newest
        if newest is None:
            return batch
        fresh = [e for e in batch if (e.duplicate_key, e.received_at) not in self._stored]
        if any(e.received_at > newest for e in batch):
            self._stored, self._stored_newest = set(), None
        return fresh

    def set_paused(self, paused: bool) -> None:
        if paused == self.paused:
            return
        self.paused = paused
        if not paused:
            self._release_held()

    def _release_held(self) -> None:
        if self._loading or self.paused:
            return
        held = self._not_stored(list(self._held))
        self._held.clear()
        if self.waiting:
            self.waiting = 0
            self.waiting_changed.emit(0)
        added = self.model.add_live(held)
        if added:
            self.live_added.emit(added)

    # --- gaps -------------------------------------------------------------------------

    def _on_listener_state_changed(self, _change: StateChange) -> None:
        if not self.closed:
            self.tasks.start("gaps", self._refresh_gaps(GAP_SETTLE))

    def refresh_gaps(self) -> None:
        self.tasks.start("gaps", self._refresh_gaps(0.0))

    async def _refresh_gaps(self, settle: float) -> None:
        if settle:
            await asyncio.sleep(settle)
        gaps = await self.event_log.list_gaps()
        known = {i.id for i in self.instances}
        if any(g.instance_id not in known for g in gaps):
            await self._load_directory()
        self.gaps_changed.emit(self.model.merge_gaps(gaps))

    # --- clearing ---------------------------------------------------------------------

    def clear_view(self) -> None:
        self._held.clear()
        self._stored, self._stored_newest = set(), None
        self.model.clear()
        if self.waiting:
            self.waiting = 0
            self.waiting_changed.emit(0)

    def count_stored(self) -> None:
        self.tasks.start("count", self._count_stored())

    async def _count_stored(self) -> None:
        if self.services.listener is not None:
            await self.services.listener.flush()
        self.stored_counted.emit(await self.event_log.count_events())

    def clear_stored(self) -> None:
        self.tasks.start("clear", self._clear_stored())

    async def _clear_stored(self) -> None:
        if self.services.listener is not None:
            await self.services.listener.flush()  # what was on screen goes too
        self.stored_cleared.emit(await self.event_log.clear_events())

    def _on_tasks_failed(self, _name: str, message: str) -> None:
        self.failed.emit(message)
