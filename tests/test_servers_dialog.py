"""The Servers dialog driven through its widgets, against the sandbox Evolution server."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore, server_key_ref
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.ui.servers_dialog import ServersDialog
from evodesk.ui.servers_presenter import ServersPresenter
from evodesk.ui.texts import plain_tooltip
from tests.support.qt import next_emission

pytestmark = pytest.mark.gui


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[AppServices]:
    app = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore())
    yield app
    await app.aclose()


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key="canary-" + uuid.uuid4().hex,
                       instances=["loja-sp", "loja-rj"]) as sb:
        yield sb


@pytest.fixture
async def dialog(services: AppServices, qtbot: object) -> AsyncIterator[ServersDialog]:
    # Not handed to qtbot.addWidget: pytest-qt would delete it before this teardown runs,
    # and before qtmodeltester lets go of the list's model.
    window = ServersDialog(ServersPresenter(services))
    window.show()
    await settle(window)
    yield window
    window.close()
    await window.presenter.wait_idle()


@pytest.fixture
def closed_port() -> Iterator[int]:
    """Bound but not listening: connections are refused and nobody else can take it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


class GatedSecrets(MemorySecretStore):
    """Holds every write until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = asyncio.Event()
        self.gate = asyncio.Event()

    async def set(self, ref: str, value: str) -> None:
        self.entered.set()
        await self.gate.wait()
        await super().set(ref, value)


async def settle(dialog: ServersDialog) -> None:
    while dialog.presenter.busy:
        await next_emission(dialog.presenter.busy_changed)


def fill(dialog: ServersDialog, name: str, url: str, key: str) -> None:
    if dialog.new_button.isEnabled():
        dialog.new_button.click()
    dialog.name_edit.setText(name)
    dialog.url_edit.setText(url)
    dialog.key_edit.setText(key)


async def add(dialog: ServersDialog, name: str, url: str, key: str) -> None:
    fill(dialog, name, url, key)
    assert dialog.add_button.isEnabled()
    dialog.add_button.click()
    await settle(dialog)
    assert dialog.outcome.kind == "ok", dialog.outcome.text()


async def check(dialog: ServersDialog) -> str:
    dialog.check_button.click()
    assert dialog.presenter.busy
    await settle(dialog)
    return dialog.check_panel.text()


def list_texts(dialog: ServersDialog) -> list[str]:
    model = dialog.servers
    return [model.index(row).data() for row in range(model.rowCount())]


def select(dialog: ServersDialog, text: str) -> None:
    dialog.server_list.setCurrentIndex(dialog.servers.index(list_texts(dialog).index(text)))


def all_texts(root: QWidget) -> str:
    """Every string a widget under ``root`` holds or could show."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.whatsThis()]
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.displayText(), widget.placeholderText()]
        elif isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                             Qt.ItemDataRole.UserRole):
                    texts.append(str(model.index(row, 0).data(role)))
    return "\n".join(texts)


async def test_add_and_check_through_the_widgets(
    dialog: ServersDialog, sandbox: Sandbox, services: AppServices,
    qtbot: object, qtmodeltester: object,
) -> None:
    changes: list[None] = []
    dialog.servers_changed.connect(lambda: changes.append(None))
    qtmodeltester.check(dialog.servers)  # type: ignore[attr-defined]
    assert not dialog.add_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Matriz")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.url_edit, sandbox.url + "/")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.key_edit, sandbox.api_key)  # type: ignore[attr-defined]
    assert dialog.add_button.isEnabled()
    assert dialog.plain_http_banner.isHidden()  # 127.0.0.1 is this machine

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert dialog.progress.isVisible() and not dialog.add_button.isEnabled()
    await settle(dialog)
    assert dialog.progress.isHidden()

    assert changes == [None]
    assert list_texts(dialog) == [f"Matriz — {sandbox.url}"]
    assert dialog.server_list.currentIndex().row() == 0
    assert "Matriz" in dialog.outcome.text() and dialog.outcome.kind == "ok"
    assert dialog.name_edit.isReadOnly() and dialog.url_edit.text() == sandbox.url
    assert dialog.key_edit.text() == "" and dialog.key_edit.placeholderText() == "unchanged"
    assert dialog.servers.index(0).data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip(
        "Not checked yet")
    server = await services.servers.get("Matriz")
    assert server.base_url == sandbox.url
    assert await services.servers.api_key(server) == sandbox.api_key

    dialog.check_button.click()
    assert dialog.progress.isVisible()
    assert not any(b.isEnabled() for b in (dialog.check_button, dialog.remove_button,
                                           dialog.save_button, dialog.new_button))
    await settle(dialog)
    text = dialog.check_panel.text()
    assert text.splitlines() == ["Version: 2.3.6", "API key: valid", "WebSockets: on",
                                 "Instances: 2"]
    assert dialog.check_panel.kind == "ok" and dialog.check_button.isEnabled()
    assert (await services.servers.get("Matriz")).version == "2.3.6"
    tooltip = dialog.servers.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == plain_tooltip("Last check: version 2.3.6")
    assert changes == [None]


async def test_a_wrong_key_is_refused_and_can_be_replaced(
    dialog: ServersDialog, sandbox: Sandbox, services: AppServices
) -> None:
    wrong = "wrong-" + uuid.uuid4().hex
    await add(dialog, "Matriz", sandbox.url, wrong)
    text = await check(dialog)
    assert "refused the API key" in text
    assert "API key: refused" in text
    assert dialog.check_panel.kind == "error"
    assert "Traceback" not in text and wrong not in text

    assert not dialog.save_button.isEnabled()
    dialog.key_edit.setText(sandbox.api_key)
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert (await next_emission(dialog.servers_changed)) == ()
    await settle(dialog)
    assert dialog.key_edit.text() == ""
    assert "API key: valid" in await check(dialog)
    assert await services.servers.api_key(await services.servers.get("Matriz")) == sandbox.api_key


async def test_a_key_that_cannot_be_sent_is_refused_and_explained(
    dialog: ServersDialog, sandbox: Sandbox, services: AppServices
) -> None:
    pasted = sandbox.api_key + "\u200b"  # a zero-width space copied from a web page
    fill(dialog, "Matriz", sandbox.url, pasted)
    dialog.add_button.click()
    await settle(dialog)
    assert dialog.outcome.kind == "error"
    assert "cannot be sent in an HTTP header" in dialog.outcome.text()
    assert await services.servers.all() == []

    await add(dialog, "Matriz", sandbox.url, sandbox.api_key)
    dialog.key_edit.setText(pasted)
    dialog.save_button.click()
    await settle(dialog)
    assert dialog.outcome.kind == "error"
    assert "cannot be sent in an HTTP header" in dialog.outcome.text()
    assert await services.servers.api_key(await services.servers.get("Matriz")) == sandbox.api_key

    # A key kept before such keys were refused: the check says what to do.
    await services.secrets.set(server_key_ref("Matriz"), pasted)
    text = await check(dialog)
    assert dialog.check_panel.kind == "error"
    assert "Edit the server and enter its key again." in text
    assert "Traceback" not in text and pasted not in text


async def test_websockets_switched_off_are_shown(dialog: ServersDialog, sandbox: Sandbox) -> None:
    sandbox.websocket_enabled = False
    await add(dialog, "Matriz", sandbox.url, sandbox.api_key)
    text = await check(dialog)
    assert "WebSockets: off" in text and "API key: valid" in text
    assert dialog.check_panel.kind == "warning"


async def test_editing_the_url_of_an_unreachable_server(
    dialog: ServersDialog, sandbox: Sandbox, services: AppServices, closed_port: int
) -> None:
    wrong_url = f"http://127.0.0.1:{closed_port}"
    await add(dialog, "Matriz", wrong_url, sandbox.api_key)
    text = await check(dialog)
    assert dialog.check_panel.kind == "error"
    assert f"The server at {wrong_url} refused the connection." in text

    assert not dialog.save_button.isEnabled()
    dialog.url_edit.setText("not a url")
    assert not dialog.save_button.isEnabled() and dialog.url_hint.isVisible()
    dialog.url_edit.setText(sandbox.url)
    assert dialog.save_button.isEnabled() and dialog.url_hint.isHidden()
    dialog.save_button.click()
    await settle(dialog)
    assert dialog.outcome.kind == "ok", dialog.outcome.text()
    assert list_texts(dialog) == [f"Matriz — {sandbox.url}"]
    assert (await services.servers.get("Matriz")).base_url == sandbox.url
    assert "Version: 2.3.6" in await check(dialog)
    # The key was not touched by a URL edit.
    assert await services.servers.api_key(await services.servers.get("Matriz")) == sandbox.api_key


async def test_remove_asks_first_without_a_nested_loop(
    dialog: ServersDialog, sandbox: Sandbox, services: AppServices
) -> None:
    await add(dialog, "Matriz", sandbox.url, sandbox.api_key)
    changes: list[None] = []
    dialog.servers_changed.connect(lambda: changes.append(None))

    dialog.remove_button.click()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert "Matriz" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.confirm_box is None and not dialog.presenter.busy
    assert [s.name for s in await services.servers.all()] == ["Matriz"]

    dialog.remove_button.click()
    box = dialog.confirm_box
    assert box is not None
    (remove,) = [b for b in box.buttons() if b.text() == "Remove"]
    remove.click()
    assert dialog.presenter.busy
    await settle(dialog)
    assert changes == [None]
    assert list_texts(dialog) == []
    assert await services.servers.all() == []
    assert await services.secrets.get(server_key_ref("Matriz")) is None
    assert not dialog.name_edit.isReadOnly() and dialog.name_edit.text() == ""
    assert "removed" in dialog.outcome.text()


@pytest.mark.parametrize(
    ("url", "warned"),
    [
        ("http://evo.example.com", True),
        ("http://10.0.0.5:8080", True),
        ("http://127.0.0.1", False),
        ("http://localhost:8080", False),
        ("https://evo.example.com", False),
    ],
)
async def test_plain_http_to_another_host_warns(
    dialog: ServersDialog, url: str, warned: bool
) -> None:
    fill(dialog, "Matriz", url, "k-123456")
    assert dialog.plain_http_banner.isVisible() is warned
    assert "unencrypted" in dialog.plain_http_banner.text()
    assert dialog.add_button.isEnabled()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("evo.example.com", "must start with http:// or https://"),
        ("http://evo example.com", "must not contain spaces"),
        ("https://evo.example.com/?a=1", "must not contain '?' or '#'"),
        ("http://:8080", "has no host name"),
    ],
)
async def test_a_malformed_url_shows_why_and_cannot_be_added(
    dialog: ServersDialog, services: AppServices, url: str, reason: str
) -> None:
    fill(dialog, "Matriz", url, "k-123456")
    assert dialog.url_hint.isVisible() and reason in dialog.url_hint.text()
    assert dialog.plain_http_banner.isHidden()
    assert not dialog.add_button.isEnabled()
    dialog.add_button.click()
    assert not dialog.presenter.busy
    assert await services.servers.all() == []

    dialog.url_edit.setText("https://evo.example.com")
    assert dialog.url_hint.isHidden() and dialog.add_button.isEnabled()


async def test_a_failing_call_is_shown_in_the_dialog(
    dialog: ServersDialog, sandbox: Sandbox
) -> None:
    await add(dialog, "Matriz", sandbox.url, sandbox.api_key)
    fill(dialog, "Matriz", sandbox.url, sandbox.api_key)
    dialog.add_button.click()
    await settle(dialog)
    assert dialog.outcome.kind == "error"
    assert dialog.outcome.text() == "A server named 'Matriz' already exists."
    assert dialog.outcome.isVisible()
    assert list_texts(dialog) == [f"Matriz — {sandbox.url}"]


async def test_the_key_appears_only_when_revealed(
    dialog: ServersDialog, sandbox: Sandbox, services: AppServices, qtbot: object
) -> None:
    canary = sandbox.api_key
    await add(dialog, "Other", "https://evo.example.com", "other-key-" + uuid.uuid4().hex)
    dialog.new_button.click()
    dialog.name_edit.setText("Matriz")
    dialog.url_edit.setText(sandbox.url)
    qtbot.keyClicks(dialog.key_edit, canary)  # type: ignore[attr-defined]
    assert canary not in dialog.key_edit.displayText()
    dialog.add_button.click()
    await settle(dialog)
    assert canary not in all_texts(dialog)
    assert not dialog.key_edit.isUndoAvailable()

    assert "API key: valid" in await check(dialog)
    assert canary not in all_texts(dialog)
    select(dialog, "Other — https://evo.example.com")
    assert dialog.name_edit.text() == "Other"
    select(dialog, f"Matriz — {sandbox.url}")
    assert dialog.name_edit.text() == "Matriz"
    assert canary not in all_texts(dialog)

    dialog.reveal_button.click()
    await settle(dialog)
    assert dialog.key_edit.text() == canary
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Normal
    assert canary in all_texts(dialog)  # the scan does see line edits
    assert not dialog.save_button.isEnabled()  # revealing is not a change

    dialog.reveal_button.click()
    assert dialog.key_edit.text() == ""
    assert dialog.key_edit.echoMode() is QLineEdit.EchoMode.Password
    assert not dialog.key_edit.isUndoAvailable()
    assert canary not in all_texts(dialog)
    assert await services.servers.api_key(await services.servers.get("Matriz")) == canary


async def test_closing_cancels_a_running_check(
    dialog: ServersDialog, sandbox: Sandbox
) -> None:
    await add(dialog, "Matriz", sandbox.url, sandbox.api_key)
    failures: list[tuple[str, str]] = []
    dialog.presenter.failed.connect(lambda *args: failures.append(args))
    sandbox.latency = 60.0
    seen = sandbox.request_count
    dialog.check_button.click()
    (task,) = [t for t in asyncio.all_tasks() if t.get_name() == "check"]
    await sandbox.wait_for_requests(seen + 1)

    dialog.close()
    assert not dialog.presenter.busy and dialog.progress.isHidden()
    done, _ = await asyncio.wait({task}, timeout=5)
    assert done == {task} and task.cancelled()
    assert failures == []
    assert dialog.check_panel.text() == "Checking…"


async def test_closing_during_an_add_lets_it_finish(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    secrets = GatedSecrets()
    app = await AppServices.open(resolve_paths(tmp_path / "g"), secrets=secrets)
    window = ServersDialog(ServersPresenter(app))
    try:
        window.show()
        await settle(window)
        fill(window, "Matriz", sandbox.url, sandbox.api_key)
        window.add_button.click()
        await secrets.entered.wait()  # the add is half-way: key being stored, no row yet

        window.close()
        assert window.presenter.busy  # still writing; a reopened dialog must wait for it
        secrets.gate.set()
        assert (await next_emission(window.servers_changed)) == ()
        await window.presenter.wait_idle()
        assert not window.presenter.busy
        server = await app.servers.get("Matriz")
        assert await app.servers.api_key(server) == sandbox.api_key
    finally:
        window.close()
        await window.presenter.wait_idle()
        await app.aclose()


async def test_enter_in_the_form_adds_or_saves_and_never_clears_it(
    dialog: ServersDialog, sandbox: Sandbox, services: AppServices, qtbot: object
) -> None:
    enter = Qt.Key.Key_Return
    qtbot.keyClicks(dialog.name_edit, "Matriz")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.url_edit, "http://127.0.0.1:1")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.url_edit, enter)  # type: ignore[attr-defined]
    # No key yet: nothing to add, and what was typed stays.
    assert not dialog.presenter.busy
    assert (dialog.name_edit.text(), dialog.url_edit.text()) == ("Matriz", "http://127.0.0.1:1")
    qtbot.keyClicks(dialog.key_edit, sandbox.api_key)  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.key_edit, enter)  # type: ignore[attr-defined]
    assert dialog.presenter.busy
    await settle(dialog)
    assert dialog.outcome.kind == "ok", dialog.outcome.text()
    assert list_texts(dialog) == ["Matriz — http://127.0.0.1:1"]

    # Editing: Enter with nothing changed keeps the server shown; with a change, saves it.
    qtbot.keyClick(dialog.url_edit, enter)  # type: ignore[attr-defined]
    assert dialog.name_edit.text() == "Matriz" and dialog.name_edit.isReadOnly()
    dialog.url_edit.selectAll()
    qtbot.keyClicks(dialog.url_edit, sandbox.url)  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.url_edit, enter)  # type: ignore[attr-defined]
    assert dialog.presenter.busy
    await settle(dialog)
    assert dialog.outcome.text() == "Changes to “Matriz” saved."
    assert (dialog.name_edit.text(), dialog.url_edit.text()) == ("Matriz", sandbox.url)
    assert (await services.servers.get("Matriz")).base_url == sandbox.url
