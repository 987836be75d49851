"""The events window against hostile payloads: what it builds, masks, serialises and
paints stays bounded by what it shows, and what it shows cannot be reordered by bidi
controls. Each test fails on the window before these bounds existed."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QTreeWidgetItemIterator

import evodesk.ui.event_summary as event_summary
import evodesk.ui.events_window as events_window
from evodesk.domain.models import Event, Instance, Server
from evodesk.domain.secrets import MASK
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.services.app import AppServices
from evodesk.ui.event_model import Column
from evodesk.ui.event_summary import SUMMARY_LIMIT, one_line
from evodesk.ui.events_window import TREE_TEXT, EventsWindow
from tests.support.qt import expect, next_emission

pytestmark = pytest.mark.gui

BIG = "A" * (5 * 2**20)
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
Opener = Callable[..., Awaitable[EventsWindow]]


@pytest.fixture
async def app(tmp_path: Path, qt_events_inside_the_loop: None) -> AsyncIterator[AppServices]:
    services = await AppServices.open(resolve_paths(tmp_path / "d"),
                                      secrets=MemorySecretStore())
    try:
        server = await services.store.add_server(
            Server(name="Main", base_url="http://127.0.0.1:1"))
        assert server.id is not None
        await services.store.save_instances([Instance(server_id=server.id, name="loja-sp")])
        yield services
    finally:
        await services.aclose()


@pytest.fixture
async def window(app: AppServices) -> AsyncIterator[EventsWindow]:
    opened = EventsWindow(app)
    opened.show()
    await next_emission(opened.feed.stored_loaded)
    yield opened
    if shiboken6.isValid(opened):
        opened.close()


_made = [0]


def event(payload: dict[str, Any], *, wire: str = "custom.event",
          instance: str = "loja-sp") -> Event:
    _made[0] += 1
    return Event(server_id=1, instance=instance, wire_event=wire,
                 received_at=datetime.now(UTC), duplicate_key=f"h|{_made[0]}",
                 payload=payload)


def message(text: str, *, push: Any = "Ana", instance: str = "loja-sp") -> Event:
    return event({"apikey": "x", "data": {
        "key": {"id": f"M{_made[0]}", "remoteJid": "5511@s.whatsapp.net"},
        "pushName": push, "message": {"conversation": text}}},
        wire="messages.upsert", instance=instance)


def grid(rows: int, columns: int) -> dict[str, Any]:
    return {f"k{i}": {f"j{j}": j for j in range(columns)} for i in range(rows)}


def tree_rows(window: EventsWindow) -> list[tuple[str, str]]:
    rows = []
    iterator = QTreeWidgetItemIterator(window.tree)
    while (item := iterator.value()) is not None:
        rows.append((item.text(0), item.text(1)))
        iterator += 1
    return rows


def elapsed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every JSON text made (json.dumps makes them through this too)."""
    lengths: list[int] = []
    encode = json.JSONEncoder.encode

    def recording(self: json.JSONEncoder, value: Any) -> str:
        text = encode(self, value)
        lengths.append(len(text))
        return text

    monkeypatch.setattr(json.JSONEncoder, "encode", recording)
    return lengths


# --- the JSON tree ----------------------------------------------------------------------

async def test_a_huge_key_is_cut_in_the_tree_as_values_are(window: EventsWindow) -> None:
    """A 5 MB key took 2 s to select and 5 s to paint: keys were never cut."""
    window.model.add_live([event({"data": {BIG: 1, "token": "s3cret"}})])
    took = elapsed(lambda: window.table.selectRow(0)) + elapsed(window.details.grab)
    keys = [key for key, _value in tree_rows(window)]
    assert keys[0] == "data"
    assert keys[1].startswith("A" * TREE_TEXT) and f"({len(BIG)} characters)" in keys[1]
    assert max(len(key) for key in keys) < TREE_TEXT + 40
    assert ("token", MASK) in tree_rows(window)
    assert took < 1.0  # ~5 ms since; 7 s before


async def test_the_tree_builds_a_bounded_number_of_items(window: EventsWindow) -> None:
    """500 keys of 500 members each made 250,000 items (2.4 s to select): the tree now
    stops at TREE_ITEMS, level by level, with a "… N more" row where it stopped."""
    data: dict[str, Any] = {"token": "s3cret", **grid(499, 500)}  # 500: none cut here
    window.model.add_live([event({"data": data})])
    took = elapsed(lambda: window.table.selectRow(0))
    rows = tree_rows(window)
    assert len(rows) <= 2 * events_window.TREE_ITEMS  # 250,000 before
    keys = [key for key, _value in rows]
    assert {f"k{i}" for i in range(499)} <= set(keys)  # the upper levels come first
    assert [key for key in keys if key.startswith("j")][:3] == ["j0", "j1", "j2"]
    assert ("token", MASK) in rows  # masked as copy masks it
    assert ("k498", "{500}") in rows  # its members are counted, not shown
    more = [value for key, value in rows if key == "…"]
    assert more.count("500 more") > 400
    assert took < 0.5  # ~25 ms since


# --- painting ---------------------------------------------------------------------------

async def test_cells_are_clipped_to_their_rows(window: EventsWindow) -> None:
    """Sixty combining accents stack far above a letter: painted unclipped, they drew
    over the rows above; Qt's delegate clips them to the cell, and so does ours."""
    window.resize(1000, 500)
    events = [message(f"plain row {n}") for n in range(6)]
    events.insert(3, message("e" + "\u0301" * 60 + " x", push="Z" + "\u0300" * 60))
    window.model.add_live(events)
    QApplication.processEvents()
    table = window.table
    ours = table.viewport().grab().toImage()
    assert window.delegate.fast_cells > 0
    table.setItemDelegate(QStyledItemDelegate(table))
    stock = table.viewport().grab().toImage()
    table.setItemDelegate(window.delegate)
    zalgo = window.proxy.mapFromSource(window.model.index(3, 0)).row()
    top, bottom = table.rowViewportPosition(zalgo), table.rowViewportPosition(zalgo + 1)
    width, height = ours.width(), ours.height()
    assert ours.copy(0, 0, width, top) == stock.copy(0, 0, width, top)  # the rows above
    assert ours.copy(0, bottom, width, height) == stock.copy(0, bottom, width, height)


# --- bidi controls ----------------------------------------------------------------------

async def test_bidi_controls_are_dropped_from_every_text_shown(window: EventsWindow) -> None:
    """U+202E in a name reversed the message after it, in the table and the details."""
    window.model.add_live([
        message("gnp.exe is a photo", push="Bob\u202e", instance="loja\u2067rj"),
        event({"data": {"k\u200fey": "va\u061clue", "list": ["\u202bx"]}},
              wire="odd\u202aevent")])
    QApplication.processEvents()
    shown = [str(window.proxy.index(r, c).data()) for r in range(2) for c in Column]
    assert "Bob: gnp.exe is a photo" in shown and "oddevent" in shown
    assert any(text.endswith(" / lojarj") for text in shown)
    tree: list[tuple[str, str]] = []
    for row in range(2):
        window.table.selectRow(row)
        shown += [window.detail.text(), window.meta.text()]
        tree += tree_rows(window)
    assert ("key", "value") in tree and ("[0]", "x") in tree
    shown += [text for pair in tree for text in pair]
    window.feed.live_added.emit(2)  # the filters' lists learn the new names
    combos = (window.type_filter, window.instance_filter)
    shown += [combo.itemText(i) for combo in combos for i in range(combo.count())]
    assert "oddevent" in shown
    assert not [text for text in shown if any(mark in text for mark in BIDI)]


async def test_names_with_line_breaks_are_shown_on_one_line(window: EventsWindow) -> None:
    """An event's name is the server's to choose: one with line breaks took two lines in
    its cell, in the type filter and in the details."""
    wire = "odd\nevent\r\n<b>two</b>\u2028three\x1b[2J"
    window.model.add_live([event({"data": {"k": "v"}}, wire=wire)])
    QApplication.processEvents()
    assert window.proxy.index(0, Column.EVENT).data() == "odd event  <b>two</b> three [2J"
    window.table.selectRow(0)
    shown = [window.meta.text()]
    window.feed.live_added.emit(1)  # the type filter learns the new name
    types = window.type_filter
    at = types.findData(wire)
    assert at >= 0  # it still filters by the name as the server sent it
    shown.append(types.itemText(at))
    assert shown[0].startswith("odd event  <b>two</b> three [2J · ")
    assert shown[1] == "odd event  <b>two</b> three [2J"
    types.setCurrentIndex(at)
    assert window.proxy.rowCount() == 1


# --- work on the GUI thread -------------------------------------------------------------

async def test_summaries_serialise_no_more_than_they_show(
    window: EventsWindow, encoded: list[int]
) -> None:
    """Summaries of unknown events serialised whole payloads to show 300 characters:
    40 rows of a 200 x 200 object took 842 ms to paint."""
    window.model.add_live([event({"data": grid(200, 200)}) for _ in range(40)]
                          + [event({"data": {"blob": BIG}})])
    took = elapsed(window.table.viewport().grab)
    assert encoded and max(encoded) <= 2 * SUMMARY_LIMIT  # whole, they were 500 KB each
    summary = window.proxy.index(0, Column.SUMMARY).data()
    assert summary.startswith('{"blob":"AAA') and summary.endswith("…")
    assert len(summary) == SUMMARY_LIMIT
    assert window.proxy.index(1, Column.SUMMARY).data().startswith('{"k0":{"j0":0,"j1":1,')
    assert took < 0.3  # ~20 ms since
    # An object where a summary quotes a name is quoted the same way: short, and masked.
    window.model.add_live([message("hi", push={"token": "s3cret", "grid": grid(200, 200)})])
    summary = window.proxy.index(0, Column.SUMMARY).data()
    assert summary.startswith(f'{{"token":"{MASK}","grid":{{"k0":{{"j0":0,')
    assert "s3cret" not in summary and len(summary) == SUMMARY_LIMIT


async def test_a_summary_reads_a_bounded_head_of_a_text(window: EventsWindow) -> None:
    """one_line split the whole of a 5 MB message to show 300 characters (874 ms)."""
    spaced = "ab " * (5 * 2**20 // 3)
    assert elapsed(lambda: one_line(spaced)) < 0.05  # ~0.1 ms since
    line = one_line(spaced)
    assert len(line) == SUMMARY_LIMIT and line.startswith("ab ab") and line.endswith("…")
    assert one_line("a" + " " * 20_000 + "b") == "a…"  # what lies past its head is cut
    assert one_line(" a \n\t b ") == "a b"
    window.model.add_live([message(spaced) for _ in range(20)])
    assert elapsed(window.table.viewport().grab) < 0.25  # ~10 ms since


async def test_copy_makes_its_json_off_the_gui_thread(
    window: EventsWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """"Copy" masked and encoded a selected row on the GUI thread (448 ms for one with
    250,000 members); it now does so on a worker thread, as "Copy all" does."""
    threads: list[threading.Thread] = []
    json_text = event_summary.json_text

    def recording(record: dict[str, Any]) -> str:
        threads.append(threading.current_thread())
        return json_text(record)

    monkeypatch.setattr(events_window, "json_text", recording)
    window.model.add_live([event({"apikey": "k-123", "data": grid(500, 500)})])
    window.table.selectRow(0)
    copied = expect(window.copied)
    window.copy_button.click()
    assert await copied == (1,)
    assert threads and threading.main_thread() not in threads
    record = json.loads(QGuiApplication.clipboard().text())
    assert record["payload"]["apikey"] == MASK and len(record["payload"]["data"]) == 500


async def test_search_texts_are_bounded_and_made_before_the_first_keystroke(
    window: EventsWindow, encoded: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first keystroke made the search text of every row, each from the whole
    payload (405 ms over 20,000 rows). Each is now bounded, and they are made while the
    search box gets the focus, a slice at a time, so that typing only compares."""
    window.model.add_live([event({"data": grid(200, 200)}) for _ in range(20)]
                          + [message("agulha " + BIG)])
    encoded.clear()
    window.search.setText("agulha")
    assert window.proxy.rowCount() == 1
    assert encoded and max(encoded) <= 2 * event_summary.SEARCH_LIMIT  # 500 KB to 5 MB each, whole
    [row] = window.proxy.rows()
    assert isinstance(row, event_summary.EventRow)
    assert len(row.search) <= 2 * event_summary.SEARCH_LIMIT
    window.search.clear()

    window.model.add_live([message(f"pedido {n} " + "x" * 200) for n in range(20_000)])
    made: list[int] = []
    search_text = event_summary.search_text

    def counting(summary: str, payload: dict[str, Any]) -> str:
        made.append(1)
        return search_text(summary, payload)

    monkeypatch.setattr(event_summary, "search_text", counting)
    QApplication.sendEvent(window.search, QFocusEvent(QEvent.Type.FocusIn))
    await window.prepare_search()
    assert len(made) == 20_000
    made.clear()
    window.search.setText("pedido 1999")
    assert made == []  # the keystroke only compared
    assert window.proxy.rowCount() == 11


async def test_long_names_are_cut_where_they_are_shown(window: EventsWindow) -> None:
    """A 1 MB event name took 831 ms to paint in the details (and as long in its cell
    and the type filter); an instance's name as long, 1.3 s."""
    window.model.add_live([event({"data": {}}, wire="e" * 2**20),
                           message("x", instance="i" * 2**20)])
    window.feed.live_added.emit(2)  # the filters' lists learn the new names
    took = elapsed(window.grab)
    for row in range(2):
        window.table.selectRow(row)
        took += elapsed(window.grab)
        assert len(window.meta.text()) < 3 * event_summary.NAME_LIMIT
        cells = [str(window.proxy.index(row, c).data()) for c in Column]
        assert max(len(cell) for cell in cells) < 2 * event_summary.NAME_LIMIT + 10
    types = window.type_filter
    assert max(len(types.itemText(i)) for i in range(types.count())) <= event_summary.NAME_LIMIT
    assert types.findData("e" * 2**20) > 0  # filtered by the whole name
    assert took < 0.5  # ~15 ms since
