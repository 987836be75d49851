"""The events window against a real sandbox: live and stored events, gaps, filters, pause,
duplicates, clearing, and secrets masked everywhere a person can see or copy them."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QMessageBox,
    QStyledItemDelegate,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
)

from evodesk.domain.models import Event, Instance, ListenerState, Server
from evodesk.domain.secrets import MASK
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.infra.settings import load_settings
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef
from evodesk.ui.event_model import Column, EventLog
from evodesk.ui.event_summary import EventRow
from evodesk.ui.events_window import EventsWindow
from evodesk.ui.theme import dark_palette
from tests.support.qt import expect, next_emission

pytestmark = pytest.mark.gui

NAMES = ["loja-sp", "loja-rj"]
EVENTS = ("MESSAGES_UPSERT", "MESSAGES_UPDATE", "CONNECTION_UPDATE")
Opener = Callable[..., Awaitable[EventsWindow]]


@pytest.fixture
async def sandbox(qt_events_inside_the_loop: None) -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key="events-key-0001", instances=NAMES) as sb:
        yield sb


async def _until_live(app: AppServices, sandbox: Sandbox) -> None:
    listener = app.listener
    assert listener is not None
    server = await app.store.get_server("Main")
    assert server.id is not None
    server_id = server.id
    changed = asyncio.Event()
    stop = listener.on_state_changed(lambda _change: changed.set())

    def live() -> bool:
        return all(listener.namespace_state(server_id, n) is ListenerState.LIVE for n in NAMES)

    async def wait() -> None:
        while not live():
            changed.clear()
            await changed.wait()

    try:
        for name in NAMES:  # a namespace exists from the server's first emit to it
            await sandbox.send_text(name, "opens the namespace")
        await asyncio.wait_for(wait(), 20)
    finally:
        stop()


@pytest.fixture
async def services(
    tmp_path: Path, sandbox: Sandbox, qt_events_inside_the_loop: None
) -> AsyncIterator[AppServices]:
    app = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore(),
                                 listen=True)
    try:
        await app.servers.add("Main", sandbox.url, sandbox.api_key)
        await app.sync.sync_all()
        for name in NAMES:
            await app.manager.enable_websocket(InstanceRef(name, "Main"), EVENTS)
        await app.start_listening()
        await _until_live(app, sandbox)
        yield app
    finally:
        await app.aclose()


@pytest.fixture
async def open_window(qt_events_inside_the_loop: None) -> AsyncIterator[Opener]:
    opened: list[EventsWindow] = []

    async def open_(app: AppServices, **options: Any) -> EventsWindow:
        window = EventsWindow(app, **options)
        opened.append(window)
        window.show()
        await next_emission(window.feed.stored_loaded)
        return window

    yield open_
    for window in opened:
        if shiboken6.isValid(window):
            window.close()


async def until(signal: Any, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    async def wait() -> None:
        while not predicate():
            await next_emission(signal, timeout)

    await asyncio.wait_for(wait(), timeout)


def column(window: EventsWindow, col: Column) -> list[str]:
    return [window.proxy.index(r, col).data() for r in range(window.proxy.rowCount())]


def row_of(window: EventsWindow, summary: str) -> int:
    return column(window, Column.SUMMARY).index(summary)


async def shown(window: EventsWindow, summary: str) -> int:
    await until(window.feed.live_added, lambda: summary in column(window, Column.SUMMARY))
    return row_of(window, summary)


async def stored_text(app: AppServices, sandbox: Sandbox, name: str, text: str,
                      sender: str) -> None:
    """A message received and written to the database before any window opens."""
    assert app.listener is not None
    subscription = app.listener.subscribe()
    try:
        await sandbox.send_text(name, text, sender_name=sender)
        received = ""
        while text not in received:
            event = await asyncio.wait_for(subscription.get(), 10)
            received = json.dumps(event.payload, ensure_ascii=False)
        await app.listener.flush()
    finally:
        subscription.close()


def tree_texts(window: EventsWindow) -> list[str]:
    texts = []
    iterator = QTreeWidgetItemIterator(window.tree)
    while (item := iterator.value()) is not None:
        texts += [item.text(0), item.text(1)]
        iterator += 1
    return texts


def tree_value(window: EventsWindow, key: str) -> str:
    items: list[QTreeWidgetItem] = window.tree.findItems(
        key, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
    assert items, f"no {key!r} in the JSON tree"
    return items[0].text(1)


@pytest.mark.qt_log_level_fail("WARNING")  # the C++ model tester reports by warnings
@pytest.mark.qt_log_ignore("Timers cannot be stopped from another thread")
async def test_stored_events_load_and_live_ones_arrive_on_top(
    services: AppServices, sandbox: Sandbox, open_window: Opener, qtmodeltester: Any
) -> None:
    await stored_text(services, sandbox, "loja-sp", "guardada antes", "Ana Souza")
    window = await open_window(services)
    assert column(window, Column.SUMMARY) == ["Ana Souza: guardada antes"]
    qtmodeltester.check(window.model, force_py=True)  # follows every later change
    qtmodeltester.check(window.proxy)

    await sandbox.send_text("loja-rj", "ao vivo", sender_name="Bruno Lima")
    assert await shown(window, "Bruno Lima: ao vivo") == 0
    assert window.proxy.index(0, Column.SOURCE).data() == "Main / loja-rj"
    assert window.proxy.index(0, Column.EVENT).data() == "messages.upsert"
    assert window.proxy.index(0, Column.DUPLICATE).data() == ""
    await sandbox.send_media("loja-sp", "image", caption="nota fiscal")
    await until(window.feed.live_added, lambda: any(
        s.endswith(": [image] nota fiscal") for s in column(window, Column.SUMMARY)))
    summaries = column(window, Column.SUMMARY)
    assert summaries[0].endswith("[image] nota fiscal")
    assert summaries[1:] == ["Bruno Lima: ao vivo", "Ana Souza: guardada antes"]
    assert window.clear_button.text() == "Clear (3)"
    assert window.model.rowCount() == 3  # the stored one is not shown twice


async def test_apikey_is_masked_in_tree_copy_and_export(
    services: AppServices, sandbox: Sandbox, open_window: Opener, tmp_path: Path
) -> None:
    token = sandbox.token_of("loja-sp")
    window = await open_window(services)
    await sandbox.send_text("loja-sp", "tem segredo?", sender_name="Ana")
    window.table.selectRow(await shown(window, "Ana: tem segredo?"))
    assert tree_value(window, "apikey") == MASK
    assert tree_value(window, "conversation") == "tem segredo?"
    assert not any(token in text for text in tree_texts(window))

    assert await window.copy_selected()
    copied = QGuiApplication.clipboard().text()
    assert token not in copied and json.loads(copied)["payload"]["apikey"] == MASK

    # Defence in depth: a payload that somehow arrived unmasked is masked on the way out.
    raw = Event(server_id=1, instance="loja-sp", wire_event="messages.upsert",
                received_at=datetime.now(UTC), duplicate_key="raw|1", payload={
                    "apikey": "raw-secret-1234", "data": {"nested": {"token": "tok-5678"}}})
    window.model.add_live([raw])
    window.table.selectRow(0)
    assert tree_value(window, "apikey") == MASK and tree_value(window, "token") == MASK
    await window.copy_visible()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["payload"]["apikey"] for line in lines] == [MASK, MASK]

    target = tmp_path / "events.jsonl"
    assert await window.export_to(target) == 2
    exported = target.read_text(encoding="utf-8")
    for secret in (token, "raw-secret-1234", "tok-5678"):
        assert secret not in exported and secret not in "\n".join(lines)
    assert [json.loads(line)["event"] for line in exported.splitlines()] == [
        "messages.upsert", "messages.upsert"]

    # The search box never finds a secret: it searches the masked text.
    window.search.setText(token)
    assert window.proxy.rowCount() == 0


async def exporting(
    services: AppServices, sandbox: Sandbox, open_window: Opener
) -> tuple[EventsWindow, QFileDialog]:
    """The window with one message, its Export dialog open."""
    window = await open_window(services)
    await sandbox.send_text("loja-rj", "para exportar", sender_name="Caio")
    await shown(window, "Caio: para exportar")
    window.export_button.click()
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible()  # open(), not exec(): we got here
    return window, dialog


async def test_export_dialog_does_not_block_and_writes_the_file(
    services: AppServices, sandbox: Sandbox, open_window: Opener, tmp_path: Path
) -> None:
    window, dialog = await exporting(services, sandbox, open_window)
    target = tmp_path / "saida.jsonl"
    waiter = expect(window.exported)
    dialog.selectFile(str(target))
    dialog.accept()
    path, count = await waiter
    assert (path, count) == (str(target), 1)
    assert "para exportar" in target.read_text(encoding="utf-8")


async def test_a_failed_export_says_which_file_could_not_be_written_and_why(
    services: AppServices, sandbox: Sandbox, open_window: Opener, tmp_path: Path
) -> None:
    window, dialog = await exporting(services, sandbox, open_window)
    target = tmp_path / "no-such-folder" / "saida.jsonl"
    dialog.fileSelected.emit(str(target))  # as chosen in the dialog
    dialog.reject()
    assert window.tasks.is_running("export")
    await window.tasks.wait_all()
    assert window.banner.text() == f"Could not write {target}: No such file or directory"
    assert window.banner.kind == "error" and window.banner.isVisible()


async def test_the_export_dialog_speaks_portuguese_in_the_portuguese_build(
    services: AppServices, open_window: Opener, tmp_path: Path
) -> None:
    import subprocess

    from PySide6.QtCore import QCoreApplication, QTranslator

    from tests.tools import i18n_check

    # evodesk's catalogue only: Qt's own may lack these words, as it did.
    qm = tmp_path / "evodesk_pt_BR.qm"
    subprocess.run([i18n_check.qt_tool("pyside6-lrelease"),
                    str(i18n_check.I18N / "evodesk_pt_BR.ts"), "-qm", str(qm)],
                   check=True, capture_output=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    assert app is not None and app.installTranslator(translator)
    try:
        window = await open_window(services)
        window.export_button.setEnabled(True)
        window.export_button.click()
        dialog = window.export_dialog
        assert dialog is not None
        label = QFileDialog.DialogLabel
        assert [dialog.labelText(which) for which in (
            label.LookIn, label.FileName, label.FileType, label.Accept, label.Reject)] == [
            "&Procurar em:", "&Nome do arquivo:", "Arquivos do &tipo:", "&Salvar", "Cancelar"]
        dialog.reject()
    finally:
        assert app.removeTranslator(translator)


async def test_html_in_a_message_is_shown_as_literal_text(
    services: AppServices, sandbox: Sandbox, open_window: Opener
) -> None:
    window = await open_window(services)
    await sandbox.send_text("loja-sp", "<b>bold</b><img src=x>", sender_name="<i>Eve</i>")
    literal = "<i>Eve</i>: <b>bold</b><img src=x>"
    assert GuiQt.mightBeRichText(literal)  # a label left on AutoText would render it
    row = await shown(window, literal)
    assert window.proxy.index(row, Column.SUMMARY).data(Qt.ItemDataRole.DisplayRole) == literal
    window.table.selectRow(row)
    assert window.detail.textFormat() is Qt.TextFormat.PlainText
    assert window.detail.text() == literal
    rendered = QAccessible.queryAccessibleInterface(window.detail).text(QAccessible.Text.Name)
    assert rendered == literal


async def test_filters_by_instance_type_and_text(
    services: AppServices, sandbox: Sandbox, open_window: Opener
) -> None:
    window = await open_window(services)
    sp = await sandbox.send_text("loja-sp", "filtro sp", sender_name="Ana")
    await sandbox.send_text("loja-rj", "filtro rj", sender_name="Bia")
    await sandbox.send_update("loja-sp")
    await until(window.feed.live_added, lambda: window.model.event_count == 3)

    combo = window.instance_filter
    combo.setCurrentIndex(combo.findText("Main / loja-rj"))
    assert column(window, Column.SUMMARY) == ["Bia: filtro rj"]
    combo.setCurrentIndex(0)
    assert window.proxy.rowCount() == 3

    types = window.type_filter
    types.setCurrentIndex(types.findData("messages.update"))
    assert column(window, Column.EVENT) == ["messages.update"]
    assert column(window, Column.SUMMARY)[0].startswith("status: ")
    types.setCurrentIndex(types.findData("messages.upsert"))
    assert sorted(column(window, Column.SUMMARY)) == ["Ana: filtro sp", "Bia: filtro rj"]
    types.setCurrentIndex(0)

    window.search.setText("FILTRO RJ")
    assert column(window, Column.SUMMARY) == ["Bia: filtro rj"]
    window.search.setText(sp["key"]["id"])  # only in the JSON, not in the summary
    types.setCurrentIndex(types.findData("messages.upsert"))
    assert column(window, Column.SUMMARY) == ["Ana: filtro sp"]
    types.setCurrentIndex(0)
    combo.setCurrentIndex(combo.findText("Main / loja-rj"))
    assert window.proxy.rowCount() == 0
    window.search.clear()
    combo.setCurrentIndex(0)
    assert window.proxy.rowCount() == 3


async def test_pause_counts_waiting_events_and_resume_shows_them(
    services: AppServices, sandbox: Sandbox, open_window: Opener
) -> None:
    window = await open_window(services)
    window.pause_button.click()
    assert window.pause_button.isChecked()
    for n in range(3):
        await sandbox.send_text("loja-sp", f"em espera {n}", sender_name="Ana")
    await until(window.feed.waiting_changed, lambda: window.feed.waiting == 3)
    assert window.model.rowCount() == 0
    assert window.pause_button.text() == "Resume (3 waiting)"
    assert window.clear_button.text() == "Clear (3)"

    window.pause_button.click()
    assert column(window, Column.SUMMARY) == [f"Ana: em espera {n}" for n in (2, 1, 0)]
    assert window.feed.waiting == 0 and window.pause_button.text() == "Pause"


async def test_live_rows_keep_the_rows_a_reader_scrolled_to_in_place(
    services: AppServices, sandbox: Sandbox, open_window: Opener
) -> None:
    window = await open_window(services)
    table = window.table
    for n in range(80):
        await sandbox.send_text("loja-sp", f"lida {n}", sender_name="Ana")
    await until(window.feed.live_added, lambda: window.model.event_count == 80)
    table.scrollTo(window.proxy.index(40, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    table.selectRow(45)
    top_before = table.indexAt(QPoint(0, 0))
    assert table.verticalScrollBar().value() > 0
    read = top_before.siblingAtColumn(Column.SUMMARY).data()
    assert read == "Ana: lida 39"

    for n in range(80, 100):
        await sandbox.send_text("loja-rj", f"nova {n}", sender_name="Bia")
    await until(window.feed.live_added, lambda: window.model.event_count == 100)
    # The row being read is still the top one, and the selection still on its event,
    # in sight.
    top = table.indexAt(QPoint(0, 0))
    assert top.siblingAtColumn(Column.SUMMARY).data() == "Ana: lida 39"
    row = window.selected_row()
    assert isinstance(row, EventRow) and row.summary == "Ana: lida 34"
    selected = table.selectionModel().selectedRows()[0]
    assert table.viewport().rect().intersects(table.visualRect(selected))

    table.scrollToTop()  # at the top, the view follows what arrives
    await sandbox.send_text("loja-rj", "no topo", sender_name="Bia")
    await until(window.feed.live_added, lambda: window.model.event_count == 101)
    assert table.indexAt(QPoint(0, 0)).siblingAtColumn(Column.SUMMARY).data() == "Bia: no topo"


async def test_gaps_are_rows_between_events_by_time(
    services: AppServices, open_window: Opener
) -> None:
    store = services.store
    server = await store.get_server("Main")
    instance = await store.get_instance(server.id or 0, "loja-sp")
    assert server.id is not None and instance.id is not None
    now = datetime.now(UTC)

    def event(minutes_ago: int) -> Event:
        return Event(server_id=server.id or 0, instance="loja-sp", instance_id=instance.id,
                     wire_event="connection.update", received_at=now - timedelta(
                         minutes=minutes_ago), duplicate_key=f"c|{minutes_ago}",
                     payload={"data": {"state": "open"}})

    await store.add_events([event(10), event(1)])
    await store.open_gap(instance.id, now - timedelta(minutes=3))
    window = await open_window(services)
    assert column(window, Column.EVENT) == ["connection.update", "gap", "connection.update"]
    assert column(window, Column.SUMMARY)[0] == "connection: open"
    gap_text = column(window, Column.SUMMARY)[1]
    start = (now - timedelta(minutes=3)).astimezone().strftime("%H:%M")
    assert gap_text == f"offline since {start}"
    assert window.proxy.index(1, Column.SOURCE).data() == "Main / loja-sp"

    await store.close_open_gaps([instance.id], now - timedelta(minutes=2))
    waiter = expect(window.feed.gaps_changed)
    window.feed.refresh_gaps()
    assert await waiter == (1,)
    end = (now - timedelta(minutes=2)).astimezone().strftime("%H:%M")
    assert column(window, Column.SUMMARY)[1] == f"offline {start} → {end}"

    window.type_filter.setCurrentIndex(window.type_filter.findData("messages.upsert"))
    assert column(window, Column.EVENT) == ["gap"]  # gaps explain what any type misses
    window.instance_filter.setCurrentIndex(window.instance_filter.findText("Main / loja-rj"))
    assert window.proxy.rowCount() == 0

    window.feed.clear_view()  # a cleared view does not get its old gaps back
    waiter = expect(window.feed.gaps_changed)
    window.feed.refresh_gaps()
    assert await waiter == (0,)
    assert window.model.rowCount() == 0


async def _gaps_of_two_workstations(app: AppServices, other: str) -> datetime:
    """A gap of `app`'s workstation from 2 minutes ago, and one `other` recorded from 3
    minutes ago, on the same instance; returns now."""
    from evodesk.infra.store import Store

    server = await app.store.add_server(Server(name="Branch", base_url="https://e.example"))
    [instance] = await app.store.save_instances(
        [Instance(server_id=server.id or 0, name="loja-ba")])
    assert instance.id is not None
    now = datetime.now(UTC)
    colleague = await Store.open(app.database_url, workstation=other)
    try:
        assert colleague.workstation != app.store.workstation
        await colleague.open_gap(instance.id, now - timedelta(minutes=3))
    finally:
        await colleague.aclose()
    await app.store.open_gap(instance.id, now - timedelta(minutes=2))
    return now


def _hhmm(now: datetime, minutes_ago: int) -> str:
    return (now - timedelta(minutes=minutes_ago)).astimezone().strftime("%H:%M")


@pytest.mark.postgres
async def test_a_gap_another_workstation_recorded_names_it(
    tmp_path: Path, pg_cluster: Any, clean_pg_database: str, open_window: Opener
) -> None:
    # A team's shared database: a colleague's computer was offline too. Its name comes
    # from the database, so it is shown on one line without bidi controls.
    app = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore(),
                                 database_url=pg_cluster.url(clean_pg_database))
    try:
        now = await _gaps_of_two_workstations(app, "recep\u202e\u00e7\u00e3o")
        window = await open_window(app)
        assert column(window, Column.SUMMARY) == [
            f"offline since {_hhmm(now, 2)}", f"offline on recepção since {_hhmm(now, 3)}"
        ]
    finally:
        await app.aclose()


async def test_a_sqlite_database_names_no_workstation_on_its_gaps(
    tmp_path: Path, open_window: Opener
) -> None:
    # A SQLite file belongs to one computer: a gap recorded under its old host name (the
    # laptop was renamed since) is its own, as close_open_gaps treats it, not a colleague's.
    app = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore())
    try:
        now = await _gaps_of_two_workstations(app, "old-laptop-name")
        window = await open_window(app)
        assert column(window, Column.SUMMARY) == [
            f"offline since {_hhmm(now, 2)}", f"offline since {_hhmm(now, 3)}"
        ]
    finally:
        await app.aclose()


async def test_a_dropped_connection_shows_up_as_a_gap(
    services: AppServices, sandbox: Sandbox, open_window: Opener
) -> None:
    window = await open_window(services)
    assert "gap" not in column(window, Column.EVENT)
    await sandbox.drop_sockets()
    await until(window.feed.gaps_changed,
                lambda: column(window, Column.EVENT).count("gap") == len(NAMES))
    assert all(text.startswith("offline ") for text, kind in zip(
        column(window, Column.SUMMARY), column(window, Column.EVENT), strict=True)
        if kind == "gap")


async def test_repeated_events_are_marked_as_duplicates(
    services: AppServices, sandbox: Sandbox, open_window: Opener
) -> None:
    window = await open_window(services)
    data = await sandbox.send_text("loja-sp", "uma vez só", sender_name="Ana")
    await sandbox.emit("loja-sp", "messages.upsert", data)
    await until(window.feed.live_added, lambda: window.model.event_count == 2)
    assert column(window, Column.SUMMARY) == ["Ana: uma vez só"] * 2
    assert column(window, Column.DUPLICATE) == ["duplicate", ""]
    # Nothing selected: a hint in place of the event, no empty line above it.
    assert window.detail.text() == "Select an event to see all its fields."
    assert window.meta.isHidden()
    window.table.selectRow(0)
    assert not window.meta.isHidden()
    assert window.meta.text().endswith("duplicate")
    assert window.detail.text() == "Ana: uma vez só"


async def test_clear_empties_the_view_and_deletes_stored_events_once_confirmed(
    services: AppServices, sandbox: Sandbox, open_window: Opener
) -> None:
    await stored_text(services, sandbox, "loja-sp", "primeira", "Ana")
    await stored_text(services, sandbox, "loja-rj", "segunda", "Bia")
    window = await open_window(services)
    assert window.clear_button.text() == "Clear (2)"

    async def click_clear() -> QMessageBox:
        waiter = expect(window.clear_confirmation_opened)
        window.clear_button.click()
        assert window.model.rowCount() == 0 and window.clear_button.text() == "Clear (0)"
        (box,) = await waiter
        assert box.isVisible() and "2 events" in box.text()
        assert "shared" not in box.informativeText()  # this computer's own file
        return box  # type: ignore[no-any-return]

    box = await click_clear()
    [keep] = [b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.RejectRole]
    keep.click()
    assert await cast(EventLog, services.store).count_events() == 2
    window.feed.reload()
    await next_emission(window.feed.stored_loaded)
    assert window.clear_button.text() == "Clear (2)"

    box = await click_clear()
    [delete] = [b for b in box.buttons()
                if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole]
    waiter = expect(window.feed.stored_cleared)
    delete.click()
    assert await waiter == (2,)
    assert await cast(EventLog, services.store).count_events() == 0
    assert window.banner.text() == "Deleted 2 stored events."


@pytest.mark.postgres
async def test_clearing_a_shared_database_says_every_workstation_loses_the_events(
    tmp_path: Path, pg_cluster: Any, clean_pg_database: str, open_window: Opener
) -> None:
    app = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore(),
                                 database_url=pg_cluster.url(clean_pg_database))
    try:
        server = await app.store.add_server(Server(name="Main", base_url="https://e.example"))
        assert server.id is not None
        await app.store.add_events([Event(
            server_id=server.id, instance="loja-sp", wire_event="connection.update",
            received_at=datetime.now(UTC), duplicate_key="c|1", payload={"data": {}})])
        window = await open_window(app)
        waiter = expect(window.clear_confirmation_opened)
        window.clear_button.click()
        (box,) = await waiter
        assert "1 events" in box.text()
        assert box.informativeText().endswith(
            "This database is shared: they are deleted for every workstation that uses it.")
        box.reject()
    finally:
        await app.aclose()


async def test_a_burst_is_inserted_in_one_batch_capped_with_drops_counted(
    services: AppServices, open_window: Opener, qtmodeltester: Any
) -> None:
    window = await open_window(services, cap=50, queue_size=100)
    qtmodeltester.check(window.model, force_py=True)
    inserts: list[tuple[int, int]] = []
    window.model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    assert services.listener is not None
    server = await services.store.get_server("Main")
    pipeline = services.listener.pipeline
    for n in range(150):  # faster than any server: all before the view runs once
        pipeline.accept(server.id or 0, "loja-sp", "messages.upsert", [{
            "instance": "loja-sp", "apikey": "x",
            "data": {"key": {"id": f"BURST{n}", "remoteJid": "5511@s.whatsapp.net"},
                     "pushName": "Bulk", "message": {"conversation": f"n{n}"}}}], {})
    await next_emission(window.feed.live_added)
    assert inserts == [(0, 99)]  # one insertion for the whole batch
    assert window.model.rowCount() == 50  # the cap dropped the oldest
    summaries = column(window, Column.SUMMARY)
    assert summaries[0] == "Bulk: n99" and summaries[-1] == "Bulk: n50"
    assert window.dropped_label.isVisible()
    assert window.dropped_label.text().startswith("50 live events were dropped")
    assert not window.older_button.isEnabled()


async def test_events_the_database_refuses_are_counted_in_the_status_bar(
    services: AppServices, sandbox: Sandbox, open_window: Opener,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The view shows what was heard; the status bar says what of it the database did
    not take, also when no later event comes to tell."""
    store = services.store
    add_events = store.add_events

    async def picky(events: Any) -> int:
        if any("recusado" in json.dumps(e.payload) for e in events):
            raise ValueError("payload refused")
        return await add_events(events)

    monkeypatch.setattr(store, "add_events", picky)
    window = await open_window(services)
    assert not window.unstored_label.isVisible()
    for text in ("antes", "recusado", "depois"):
        await sandbox.send_text("loja-sp", text, sender_name="Ana")
    await until(window.feed.unstored_changed, lambda: window.feed.unstored == 1)
    assert window.unstored_label.isVisible()
    assert window.unstored_label.text() == (
        "1 events could not be stored in the database; the log says why.")
    await until(window.feed.live_added, lambda: "Ana: depois" in column(window, Column.SUMMARY))
    assert "Ana: recusado" in column(window, Column.SUMMARY)  # heard, and shown
    said = [json.dumps(e.payload) for e in await store.list_events(limit=10)]
    assert any("antes" in p for p in said) and any("depois" in p for p in said)
    assert not any("recusado" in p for p in said)


async def test_stored_pages_without_a_listener(tmp_path: Path, open_window: Opener) -> None:
    app = await AppServices.open(resolve_paths(tmp_path / "p"), secrets=MemorySecretStore())
    try:
        server = await app.store.add_server(Server(name="Main", base_url="http://127.0.0.1:1"))
        assert server.id is not None
        await app.store.save_instances([Instance(server_id=server.id, name="loja-sp")])
        start = datetime.now(UTC) - timedelta(hours=1)
        await app.store.add_events([
            Event(server_id=server.id, instance="loja-sp", wire_event="qrcode.updated",
                  received_at=start + timedelta(seconds=n), duplicate_key=f"q|{n}",
                  payload={"data": {"n": n}})
            for n in range(7)])
        window = await open_window(app, page_size=3)
        assert "Live events are off" in window.banner.text()
        assert window.model.rowCount() == 3 and window.older_button.isEnabled()
        for expected in (6, 7):
            window.older_button.click()
            await next_emission(window.feed.older_loaded)
            assert window.model.rowCount() == expected
        assert not window.older_button.isEnabled()
        times = [window.model.row_at(r).moment for r in range(7)]
        assert times == sorted(times, reverse=True)
        assert column(window, Column.SUMMARY)[0] == "QR code updated"
        window.close()
    finally:
        await app.aclose()


async def test_cells_are_painted_as_qt_paints_them(tmp_path: Path, open_window: Opener) -> None:
    """The table paints most cells itself (EventDelegate, from text laid out once): pixel
    for pixel what Qt's own delegate paints, through a filter, a palette and a font change."""
    app = await AppServices.open(resolve_paths(tmp_path / "p"), secrets=MemorySecretStore())
    try:
        server = await app.store.add_server(Server(name="Main", base_url="http://127.0.0.1:1"))
        assert server.id is not None
        [instance] = await app.store.save_instances([Instance(server_id=server.id,
                                                              name="loja-sp")])
        assert instance.id is not None
        now = datetime.now(UTC)

        def message(n: int, text: str, *, instance: str = "loja-sp",
                    duplicate: bool = False) -> Event:
            return Event(server_id=server.id or 0, instance=instance,
                         wire_event="messages.upsert", is_duplicate=duplicate,
                         received_at=now - timedelta(minutes=10 - n), duplicate_key=f"m|{n}",
                         payload={"data": {"key": {"id": f"M{n}"}, "pushName": "Ana",
                                           "message": {"conversation": text}}})

        await app.store.add_events([
            message(0, "pedido 1"), message(1, "pedido 1", duplicate=True),
            message(2, "pedido longo " * 40), message(3, "<b>não é negrito</b>"),
            Event(server_id=server.id, instance="loja-sp", wire_event="connection.update",
                  received_at=now - timedelta(minutes=5), duplicate_key="c|1",
                  payload={"data": {"state": "close", "statusReason": 401}})])
        await app.store.open_gap(instance.id, now - timedelta(minutes=7))
        window = await open_window(app)
        # Text on two lines (here an instance's name) is left to Qt's delegate.
        window.model.add_live([message(11, "nome em duas linhas", instance="loja\nrj")])
        assert window.proxy.rowCount() == 7
        window.table.selectRow(2)
        stock = QStyledItemDelegate(window.table)

        def assert_painted_as_qt_paints(*, by_us: bool = True) -> None:
            table, ours = window.table, window.delegate
            before = ours.fast_cells
            table.setItemDelegate(ours)
            image = table.viewport().grab().toImage()
            assert (ours.fast_cells > before) is by_us
            table.setItemDelegate(stock)
            assert image == table.viewport().grab().toImage()
            table.setItemDelegate(ours)

        assert_painted_as_qt_paints()  # an elided line, a gap, a duplicate, a selection
        window.search.setText("pedido")
        assert window.proxy.rowCount() == 3
        assert_painted_as_qt_paints()
        window.search.clear()
        window.setPalette(dark_palette())
        assert_painted_as_qt_paints()
        font = window.table.font()
        font.setPointSize(font.pointSize() + 4)
        window.table.setFont(font)
        assert_painted_as_qt_paints()
        window.table.setStyleSheet("QTableView::item { padding-left: 6px; }")
        assert_painted_as_qt_paints(by_us=False)  # style sheets are Qt's to apply
        window.close()
    finally:
        await app.aclose()


async def test_quitting_with_the_window_open_keeps_its_state_and_ends_its_feed(
    tmp_path: Path, qt_events_inside_the_loop: None
) -> None:
    from evodesk.ui.desktop import Desktop

    app = await AppServices.open(resolve_paths(tmp_path / "q"), secrets=MemorySecretStore(),
                                 listen=True)
    desktop = Desktop(app, use_tray=False)
    desktop.show_events()
    window = desktop.events_window
    assert isinstance(window, EventsWindow)
    await next_emission(window.feed.stored_loaded)
    window.search.setText("pedido 42")
    await desktop.shutdown()  # what quitting from the tray or the menu runs
    # Ended while the loop still runs, not at exit, after the loop is gone.
    assert window.feed.closed
    saved = load_settings(app.paths.settings_file).ui_state.get("events")
    assert isinstance(saved, dict) and saved["search"] == "pedido 42"
    desktop.window.deleteLater()


async def test_closing_ends_the_subscription_and_keeps_the_filters(
    services: AppServices, sandbox: Sandbox, open_window: Opener
) -> None:
    window = await open_window(services)
    subscription = window.feed.subscription
    assert subscription is not None
    window.search.setText("pedido")
    window.type_filter.setCurrentIndex(window.type_filter.findData("messages.upsert"))
    window.instance_filter.setCurrentIndex(window.instance_filter.findText("Main / loja-rj"))
    destroyed = asyncio.Event()
    window.destroyed.connect(lambda *_args: destroyed.set())
    window.close()
    await asyncio.wait_for(destroyed.wait(), 10)
    sample = Event(server_id=1, instance="x", wire_event="call", received_at=datetime.now(UTC),
                   duplicate_key="k", payload={})
    assert not subscription.offer(sample) and subscription.dropped == 0  # closed, not full
    await sandbox.send_text("loja-sp", "depois de fechar")  # nobody left to crash on it

    again = await open_window(services)
    assert again.search.text() == "pedido"
    assert again.type_filter.currentData() == "messages.upsert"
    assert again.instance_filter.currentText() == "Main / loja-rj"
