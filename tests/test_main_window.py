"""The first window: instances from the database, searchable, on the qasync loop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from evodesk.domain.models import ConnectionState, DeliveryMode, Instance, ListenerState, Server
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.services.app import AppServices
from tests.manager_support import SandboxRows
from tests.support.qt import expect, next_emission

if TYPE_CHECKING:
    from evodesk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[AppServices]:
    app = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore())
    server = await app.store.add_server(Server(name="Matriz", base_url="http://127.0.0.1:1"))
    other = await app.store.add_server(Server(name="Filial", base_url="http://127.0.0.1:2"))
    assert server.id is not None and other.id is not None
    await app.store.save_instances([
        Instance(server_id=server.id, name="loja-sp", connection_state=ConnectionState.OPEN,
                 webhook_enabled=True, webhook_url="https://h.example.com", webhook_base64=True),
        Instance(server_id=server.id, name="loja-rj", websocket_enabled=True,
                 connection_state=ConnectionState.CLOSE),
        Instance(server_id=other.id, name="loja-sp", profile_name="Filial SP"),
    ])
    yield app
    await app.aclose()


async def loaded_window(services: AppServices, qtbot: object) -> tuple[MainWindow, int]:
    """The main window shown, and how many instances its first load listed."""
    from evodesk.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.reload()
    (count,) = await next_emission(window.instances_loaded)
    return window, count


async def test_window_lists_instances_from_the_database(
    services: AppServices, qtbot: object, qtmodeltester: object
) -> None:
    from evodesk.ui.instance_model import Column

    window, count = await loaded_window(services, qtbot)
    assert count == 3
    qtmodeltester.check(window.model)  # type: ignore[attr-defined]
    qtmodeltester.check(window.proxy)  # type: ignore[attr-defined]

    rows = {
        (window.proxy.index(r, Column.SERVER).data(), window.proxy.index(r, Column.INSTANCE).data())
        for r in range(window.proxy.rowCount())
    }
    assert rows == {("Matriz", "loja-sp"), ("Matriz", "loja-rj"), ("Filial", "loja-sp")}
    modes = {
        window.proxy.index(r, Column.INSTANCE).data() + "@" + window.proxy.index(r, 0).data():
        window.proxy.index(r, Column.MODE).data()
        for r in range(window.proxy.rowCount())
    }
    assert modes == {"loja-sp@Matriz": "Webhook", "loja-rj@Matriz": "WebSocket",
                     "loja-sp@Filial": "None"}

    window.search.setText("RJ")
    assert window.proxy.rowCount() == 1
    assert window.proxy.index(0, Column.INSTANCE).data() == "loja-rj"
    window.search.setText("filial")
    assert window.proxy.rowCount() == 1
    window.search.clear()
    assert window.proxy.rowCount() == 3
    assert window.empty_hint.isHidden()
    window.close()


async def test_empty_database_shows_how_to_start(tmp_path: Path, qtbot: object) -> None:
    from evodesk.ui.main_window import MainWindow

    app = await AppServices.open(resolve_paths(tmp_path / "e"), secrets=MemorySecretStore())
    try:
        window = MainWindow(app)
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        window.reload()
        (count,) = await next_emission(window.instances_loaded)
        assert count == 0
        assert window.empty_hint.isVisible()
        assert "Servers" in window.empty_hint.text()
        window.close()
    finally:
        await app.aclose()


async def test_sync_fills_the_table_and_summarises(tmp_path: Path, qtbot: object) -> None:
    from evodesk.sandbox import Sandbox
    from evodesk.ui.instance_model import Column
    from evodesk.ui.main_window import MainWindow
    from tests.support.qt import expect

    async with Sandbox(api_key="win-key-1", instances=["alpha", "beta", "gamma"]) as sandbox:
        app = await AppServices.open(resolve_paths(tmp_path / "s"), secrets=MemorySecretStore())
        try:
            await app.servers.add("Main", sandbox.url, sandbox.api_key)
            window = MainWindow(app)
            qtbot.addWidget(window)  # type: ignore[attr-defined]
            window.show()
            loaded = expect(window.instances_loaded, timeout=30)
            finished = expect(window.presenter.sync_finished, timeout=30)
            window.sync_action.trigger()
            assert not window.sync_action.isEnabled()  # one sync at a time
            (summaries,) = await finished
            (count,) = await loaded
            assert count == 3
            assert summaries[0].added == ("alpha", "beta", "gamma")
            assert "new: alpha, beta, gamma" in window.summary.text()
            assert window.sync_action.isEnabled()
            names = sorted(window.proxy.index(r, Column.INSTANCE).data()
                           for r in range(window.proxy.rowCount()))
            assert names == ["alpha", "beta", "gamma"]
            assert window.proxy.index(0, Column.LAST_SYNC).data() != "never"

            window.mode_filter.setCurrentIndex(window.mode_filter.findData("webhook"))
            assert window.proxy.rowCount() == 0
            window.mode_filter.setCurrentIndex(window.mode_filter.findData("none"))
            assert window.proxy.rowCount() == 3
            window.state_filter.setCurrentIndex(window.state_filter.findData("close"))
            assert window.proxy.rowCount() == 0
            window.state_filter.setCurrentIndex(0)
            window.server_filter.setCurrentIndex(window.server_filter.findData("Main"))
            assert window.proxy.rowCount() == 3

            # Enter on a row opens its configuration dialog.
            window.table.setFocus()
            window.table.selectRow(1)
            opened = expect(window.config_opened)
            qtbot.keyClick(window.table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
            (dialog,) = await opened
            assert dialog.presenter.ref.name == window.selected_instance().name  # type: ignore[union-attr]
            dialog.close()

            window.search.setText("gam")
            window.save_state()
            again = MainWindow(app)
            qtbot.addWidget(again)  # type: ignore[attr-defined]
            again.restore_state()
            assert again.search.text() == "gam"
            assert again.mode_filter.currentData() == "none"
            window.close()
            again.close()
        finally:
            await app.aclose()


async def test_a_very_long_name_does_not_push_the_other_columns_away(
    qtbot: object, tmp_path: Path
) -> None:
    from evodesk.ui.instance_model import Column

    services = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore())
    try:
        server = await services.store.add_server(Server(name="Main", base_url="https://e.x"))
        assert server.id is not None
        await services.store.save_instances(
            [Instance(server_id=server.id, name="n" * 20_000)])
        window, _ = await loaded_window(services, qtbot)
        header = window.table.horizontalHeader()
        assert header.sectionSize(Column.INSTANCE) < window.width() // 2
    finally:
        await services.aclose()


@pytest.fixture
async def synced(tmp_path: Path) -> AsyncIterator[tuple[AppServices, Any]]:
    from evodesk.sandbox import Sandbox

    async with Sandbox(api_key="win-key-2", instances=["alpha"]) as sandbox:
        app = await AppServices.open(resolve_paths(tmp_path / "c"), secrets=MemorySecretStore())
        try:
            await app.servers.add("Main", sandbox.url, sandbox.api_key)
            await app.sync.sync_all()
            yield app, sandbox
        finally:
            await app.aclose()


async def _window_with_alpha(app: AppServices, qtbot: object) -> tuple[Any, Instance]:
    from evodesk.ui.main_window import MainWindow

    window = MainWindow(app)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.reload()
    await next_emission(window.instances_loaded)
    server = await app.store.get_server("Main")
    return window, await app.store.get_instance(server.id or 0, "alpha")


async def test_escape_closes_a_configuration_dialog_that_opens_again(
    synced: tuple[AppServices, Any], qtbot: object
) -> None:
    # Esc ends a dialog through done(), which deletes it without a close event.
    app, _sandbox = synced
    window, alpha = await _window_with_alpha(app, qtbot)
    dialog = window.open_config(alpha)
    await next_emission(dialog.presenter.state_loaded)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)
    assert window.dialogs == {} and window.config_presenters == {}

    again = window.open_config(alpha)
    assert again is not dialog and shiboken6.isValid(again) and again.isVisible()
    (status,) = await next_emission(again.presenter.state_loaded)
    assert status.instance.name == "alpha"
    window.shutdown()  # closes what is open, without touching what is gone
    assert window.dialogs == {}


async def test_a_change_outlives_its_dialog_and_a_dialog_opened_again_shows_its_end(
    synced: tuple[AppServices, Any], qtbot: object
) -> None:
    from evodesk.ui.instance_model import Column

    app, sandbox = synced
    window, alpha = await _window_with_alpha(app, qtbot)
    dialog = window.open_config(alpha)
    await next_emission(dialog.presenter.state_loaded)
    presenter = dialog.presenter
    for name in dialog.picker.names():
        dialog.picker.item(name).setCheckState(
            0, Qt.CheckState.Checked if name == "MESSAGES_UPSERT" else Qt.CheckState.Unchecked)
    dialog.websocket_toggle.click()
    assert presenter.busy
    dialog.close()  # while the change runs

    again = window.open_config(alpha)
    assert again.presenter is presenter  # the running change's
    assert again.progress.isVisibleTo(again) and not again.webhook_toggle.isEnabled()
    succeeded = expect(presenter.change_succeeded, timeout=30)
    reloaded = expect(window.instances_loaded, timeout=30)
    await succeeded
    await reloaded
    assert await SandboxRows(sandbox).enabled("alpha") == (False, True)
    assert again.websocket_toggle.isChecked() and again.websocket_toggle.isEnabled()
    assert not again.progress.isVisibleTo(again)
    assert again.status_panel.text().startswith("WebSocket")
    assert again.outcome.text().startswith("WebSocket enabled.")
    assert window.proxy.index(0, Column.MODE).data() == "WebSocket"

    again.close()
    assert window.config_presenters == {}


async def test_a_change_whose_dialog_closed_ends_before_quit(
    synced: tuple[AppServices, Any], qtbot: object
) -> None:
    app, sandbox = synced
    window, alpha = await _window_with_alpha(app, qtbot)
    dialog = window.open_config(alpha)
    await next_emission(dialog.presenter.state_loaded)
    dialog.url.setText("http://127.0.0.1:9/hook")
    dialog.picker.item("MESSAGES_UPSERT").setCheckState(0, Qt.CheckState.Checked)
    dialog.webhook_toggle.click()
    dialog.close()  # the change has not reached the server yet
    reloads: list[bool] = []
    window.presenter.reload = lambda: reloads.append(True)  # type: ignore[method-assign]
    window.shutdown()
    await window.finish_changes()
    assert window.config_presenters == {}
    assert await SandboxRows(sandbox).enabled("alpha") == (True, False)
    assert (await app.store.get_instance(alpha.server_id, "alpha")).webhook_enabled
    # Its end asked for no reload of a window that is quitting (the store is closing).
    assert reloads == []


async def test_the_state_columns_fit_states_that_appear_after_they_were_sized(
    services: AppServices, qtbot: object
) -> None:
    # Sized on the first load, the Live column held nothing yet (no listener runs).
    from evodesk.ui.instance_model import Column
    from evodesk.ui.main_window import MainWindow
    from evodesk.ui.texts import listener_text, mode_text

    window, _ = await loaded_window(services, qtbot)
    header = window.table.horizontalHeader()
    metrics = window.table.fontMetrics()
    for column, text in ((Column.LISTENER, listener_text(ListenerState.REFUSED)),
                         (Column.LISTENER, listener_text(ListenerState.RETRYING)),
                         (Column.MODE, mode_text(DeliveryMode.NONE, conflict=True))):
        assert header.sectionSize(column) > metrics.horizontalAdvance(text), text

    window.save_state()  # a header saved narrow, by an earlier version, widens too
    state = services.settings.ui_state["main"]
    narrow = MainWindow(services)
    qtbot.addWidget(narrow)  # type: ignore[attr-defined]
    narrow.table.horizontalHeader().resizeSection(Column.LISTENER, 20)
    state["header"] = bytes(
        narrow.table.horizontalHeader().saveState().toBase64()).decode()
    narrow.restore_state()
    assert narrow.table.horizontalHeader().sectionSize(Column.LISTENER) > \
        metrics.horizontalAdvance(listener_text(ListenerState.REFUSED))


async def test_a_sync_that_changed_hundreds_names_a_few_and_the_window_stays_small(
    services: AppServices, qtbot: object
) -> None:
    from evodesk.services.sync import SyncSummary

    window, _ = await loaded_window(services, qtbot)
    names = tuple(f"cliente-{i:04d}" for i in range(200))
    window.presenter.sync_finished.emit([SyncSummary(
        server="Matriz", total=400, added=names,
        changed={name: ("connection_state",) for name in names},
        failed={name: "No answer." for name in names[:7]}, seconds=2)])
    lines = window.summary.text().splitlines()
    assert lines == [
        "Matriz: 400 instance(s) in 2.0 s",
        "  new: cliente-0000, cliente-0001, cliente-0002, cliente-0003, cliente-0004"
        " …and 195 more",
        *(f"  changed cliente-000{i}: WhatsApp connection" for i in range(5)),
        "  …and 195 more changed",
        *(f"  could not read cliente-000{i}: No answer." for i in range(5)),
        "  …and 2 more could not be read",
    ]
    # However long the text, the table keeps its room and the window shrinks as before.
    assert window.minimumSizeHint().height() < 400
    assert window.summary.isVisible()
    assert window.summary.dismiss_button is not None
    window.summary.dismiss_button.click()
    assert not window.summary.isVisible()
    window.close()


async def test_an_instance_refused_for_its_name_shows_that_reason_not_the_key(
    tmp_path: Path, qtbot: object
) -> None:
    # A comma cannot be part of a Socket.IO namespace: the listener refuses that instance
    # alone, on a connection whose key the server accepted.
    from evodesk.sandbox import Sandbox
    from evodesk.services.instances import InstanceRef
    from evodesk.ui.instance_model import Column
    from evodesk.ui.texts import plain_tooltip

    reason = "This instance name cannot be used as a Socket.IO namespace."
    async with Sandbox(api_key="win-key-3", instances=["loja,rj", "loja-sp"]) as sandbox:
        app = await AppServices.open(resolve_paths(tmp_path / "n"), secrets=MemorySecretStore(),
                                     listen=True)
        try:
            await app.servers.add("Main", sandbox.url, sandbox.api_key)
            await app.sync.sync_all()
            listener = app.listener
            assert listener is not None
            sid = (await app.store.get_server("Main")).id or 0
            window, _ = await loaded_window(app, qtbot)
            for name in ("loja,rj", "loja-sp"):
                await app.manager.enable_websocket(InstanceRef(name, "Main"), [],
                                                   all_events=True)
            loaded = expect(window.instances_loaded, timeout=30)
            window.reload()
            await loaded

            async def settled() -> None:
                """Until loja,rj is refused and loja-sp live, the sandbox emitting to it."""
                done = asyncio.Event()

                def check(_change: object) -> None:
                    if (listener.namespace_state(sid, "loja,rj") is ListenerState.REFUSED
                            and listener.namespace_state(sid, "loja-sp") is ListenerState.LIVE):
                        done.set()

                unsubscribe = listener.on_state_changed(check)
                try:
                    check(None)
                    while not done.is_set():
                        await sandbox.send_text("loja-sp", "oi")
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(done.wait(), 1)
                finally:
                    unsubscribe()

            def cell(name: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> Any:
                for row in range(window.model.rowCount()):
                    if window.model.index(row, Column.INSTANCE).data() == name:
                        return window.model.index(row, Column.LISTENER).data(role)
                raise AssertionError(name)

            def shows_the_reason() -> None:
                assert cell("loja-sp") == "live"
                assert cell("loja,rj") == "refused"
                assert cell("loja,rj", Qt.ItemDataRole.ToolTipRole) == plain_tooltip(reason)

            await asyncio.wait_for(settled(), 30)
            assert listener.connection_state(sid) is ListenerState.LIVE  # the key is good
            shows_the_reason()

            alpha = await app.store.get_instance(sid, "loja,rj")
            dialog = window.open_config(alpha)
            await next_emission(dialog.presenter.state_loaded, timeout=30)
            assert reason in dialog.status_panel.text()
            assert "API key" not in dialog.status_panel.text()
            assert dialog.status_panel.kind == "error"
            assert dialog.websocket_state.text() == "Live connection: refused"

            # The server restarts: the states come again as reports, the window open.
            left = asyncio.Event()
            unsubscribe = listener.on_state_changed(
                lambda c: left.set() if c.instance == "loja,rj" and c.state is not
                ListenerState.REFUSED else None)
            await sandbox.restart()
            await asyncio.wait_for(left.wait(), 30)
            unsubscribe()
            await asyncio.wait_for(settled(), 30)
            shows_the_reason()
            assert reason in dialog.status_panel.text()
            assert dialog.websocket_state.text() == "Live connection: refused"
            dialog.close()
            window.close()
        finally:
            await app.aclose()
