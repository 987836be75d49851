"""The configuration dialog clicked for real against the sandbox: linked toggles, base64
under the webhook only, the status panel's three texts, and the truth after an error."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from evodesk.domain.models import DeliveryMode, Instance, WebhookConfig
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef
from evodesk.ui.config_dialog import ConfigDialog
from evodesk.ui.config_presenter import ConfigPresenter
from evodesk.ui.main_window import MainWindow
from tests.manager_support import SandboxRows
from tests.support.qt import expect, next_emission

pytestmark = pytest.mark.gui

HOOK = "http://127.0.0.1:9/hook"


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key="ui-key-0001", instances=["loja-sp"]) as sb:
        yield sb


@pytest.fixture
async def services(tmp_path: Path, sandbox: Sandbox) -> AsyncIterator[AppServices]:
    app = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore(),
                                 listen=True)
    await app.servers.add("Main", sandbox.url, sandbox.api_key)
    await app.sync.sync_all()
    yield app
    await app.aclose()


async def open_dialog(services: AppServices, qtbot: object) -> ConfigDialog:
    presenter = ConfigPresenter(services, InstanceRef("loja-sp", "Main"))
    dialog = ConfigDialog(presenter)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    presenter.setParent(dialog)
    dialog.show()
    presenter.load()
    await next_emission(presenter.state_loaded)
    return dialog


async def from_the_window(
    services: AppServices, qtbot: object
) -> tuple[MainWindow, Instance, ConfigDialog]:
    """The main window, loja-sp, and its dialog opened from the window (whose presenter
    outlives the dialog while a change runs), loaded."""
    window = MainWindow(services)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.reload()
    await next_emission(window.instances_loaded)
    server = await services.store.get_server("Main")
    instance = await services.store.get_instance(server.id or 0, "loja-sp")
    dialog = window.open_config(instance)
    await next_emission(dialog.presenter.state_loaded)
    return window, instance, dialog


def tick(dialog: ConfigDialog, *events: str) -> None:
    """Tick events as a person would (item check boxes), clearing the others."""
    for name in dialog.picker.names():
        state = Qt.CheckState.Checked if name in events else Qt.CheckState.Unchecked
        dialog.picker.item(name).setCheckState(0, state)


async def click_and_wait(dialog: ConfigDialog, widget: object) -> object:
    started = expect(dialog.presenter.busy_changed)
    widget.click()  # type: ignore[attr-defined]
    (busy,) = await started
    assert busy is True
    finished = expect(dialog.presenter.busy_changed, timeout=20)
    (busy,) = await finished
    assert busy is False
    return None


async def test_webhook_toggle_turns_websocket_off_and_back(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    rows = SandboxRows(sandbox)
    dialog = await open_dialog(services, qtbot)
    assert "No active delivery" in dialog.status_panel.text()
    assert dialog.status_panel.kind == "warning"

    tick(dialog, "MESSAGES_UPSERT")
    await click_and_wait(dialog, dialog.websocket_toggle)
    assert await rows.enabled("loja-sp") == (False, True)
    assert dialog.websocket_toggle.isChecked() and not dialog.webhook_toggle.isChecked()
    assert "WebSocket" in dialog.status_panel.text()
    assert not dialog.base64.isVisible()
    assert dialog.no_base64.isVisible()

    dialog.url.setText(HOOK)
    await click_and_wait(dialog, dialog.webhook_toggle)
    assert await rows.enabled("loja-sp") == (True, False)
    assert dialog.webhook_toggle.isChecked() and not dialog.websocket_toggle.isChecked()
    assert dialog.outcome.text().startswith("Webhook enabled. WebSocket was disabled.")
    assert dialog.status_panel.text().startswith("Webhook active, base64: yes")
    assert dialog.base64.isVisible()
    assert dialog.restart_button.isVisible()  # base64 went on: a restart applies it

    await click_and_wait(dialog, dialog.websocket_toggle)
    assert await rows.enabled("loja-sp") == (False, True)
    assert dialog.outcome.text().startswith("WebSocket enabled. Webhook was disabled.")

    await click_and_wait(dialog, dialog.websocket_toggle)  # off: nothing active
    assert await rows.enabled("loja-sp") == (False, False)
    assert "No active delivery" in dialog.status_panel.text()
    server = await services.store.get_server("Main")
    instance = await services.store.get_instance(server.id or 0, "loja-sp")
    assert instance.mode is DeliveryMode.NONE
    assert instance.webhook_url == HOOK


async def test_websocket_status_says_connected_when_the_listener_is_live(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    dialog = await open_dialog(services, qtbot)
    tick(dialog, "MESSAGES_UPSERT", "CONNECTION_UPDATE")
    await click_and_wait(dialog, dialog.websocket_toggle)
    server = await services.store.get_server("Main")
    assert services.listener is not None
    listener = services.listener
    live = asyncio.Event()

    def on_change(change: object) -> None:
        if listener.namespace_state(server.id or 0, "loja-sp").value == "live":
            live.set()

    unsubscribe = listener.on_state_changed(on_change)
    on_change(None)
    # The namespace appears with the server's first emit for the instance.
    await sandbox.send_text("loja-sp", "hello")
    await asyncio.wait_for(live.wait(), 20)
    unsubscribe()
    dialog.set_listener_state(listener.namespace_state(server.id or 0, "loja-sp"))
    assert dialog.status_panel.text() == "WebSocket connected"
    assert dialog.status_panel.kind == "ok"


async def test_server_error_leaves_the_toggles_showing_the_truth(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    rows = SandboxRows(sandbox)
    dialog = await open_dialog(services, qtbot)
    tick(dialog, "MESSAGES_UPSERT")
    await click_and_wait(dialog, dialog.websocket_toggle)
    sandbox.error_rate = 1.0
    sandbox.error_kind = "html"
    dialog.url.setText(HOOK)
    dialog.by_events.setChecked(True)
    tick(dialog, "MESSAGES_UPSERT", "CONNECTION_UPDATE")
    dialog.headers.set_headers({"Authorization": "Bearer typed-by-hand"})
    failed = expect(dialog.presenter.change_failed, timeout=30)
    reverted = expect(dialog.presenter.reverted, timeout=30)
    dialog.webhook_toggle.click()
    (message,) = await failed
    await reverted
    sandbox.error_rate = 0.0
    assert "HTML" in message
    assert dialog.outcome.kind == "error" and "HTML" in dialog.outcome.text()
    server_state = await rows.enabled("loja-sp")
    assert server_state == (False, True)
    assert (dialog.webhook_toggle.isChecked(), dialog.websocket_toggle.isChecked()) == \
        server_state
    assert "WebSocket" in dialog.status_panel.text()
    # What was typed is still there, in sight, to be tried again as it is.
    assert dialog.webhook_details.isVisible()
    assert dialog.url.text() == HOOK and dialog.by_events.isChecked()
    assert sorted(dialog.picker.selected()) == ["CONNECTION_UPDATE", "MESSAGES_UPSERT"]
    assert dialog.headers.headers() == {"Authorization": "Bearer typed-by-hand"}
    assert dialog.webhook_apply.isEnabled()
    await click_and_wait(dialog, dialog.webhook_apply)
    assert await rows.enabled("loja-sp") == (True, False)
    assert dialog.webhook_toggle.isChecked() and not dialog.websocket_toggle.isChecked()


async def test_webhook_needs_a_valid_url_before_it_is_activated(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    dialog = await open_dialog(services, qtbot)
    tick(dialog, "MESSAGES_UPSERT")
    posts = sum(1 for r in sandbox.requests if r.method == "POST")
    dialog.webhook_toggle.click()
    assert dialog.webhook_details.isVisible()
    assert "Activate webhook" in dialog.outcome.text()
    assert not dialog.webhook_toggle.isChecked()  # not on at the server, so not on here
    dialog.url.setText("ftp://x")
    assert dialog.url_hint.isVisible() and "http://" in dialog.url_hint.text()
    assert not dialog.webhook_apply.isEnabled()
    dialog.url.setText("https://hooks.example.com/in")
    dialog.by_events.setChecked(True)
    assert "https://hooks.example.com/in/messages-upsert" in dialog.url_hint.text()
    assert dialog.webhook_apply.isEnabled()
    assert sum(1 for r in sandbox.requests if r.method == "POST") == posts


async def test_event_picker_warns_about_the_empty_list(
    services: AppServices, qtbot: object
) -> None:
    dialog = await open_dialog(services, qtbot)
    tick(dialog)
    assert "empty list" in dialog.picker.warning.text()
    dialog.picker.all_events.setChecked(True)
    assert "every event" in dialog.picker.warning.text()
    assert len(dialog.picker.names()) == 31
    dialog.picker.all_events.setChecked(False)
    dialog.picker.set_all(True)
    assert len(dialog.picker.selected()) == 31
    assert dialog.picker.warning.isHidden()


async def test_what_the_server_holds_is_shown_whole_as_plain_text_without_secrets(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    # A URL longer than a line edit's default 32,767 characters, with credentials: it is
    # loaded whole (applying would otherwise write the cut URL back), and the hint that
    # shows where events go hides the password.
    long_url = "https://user:CANARY-SECRET-123@hooks.example.com/" + "p" * 40_000
    await SandboxRows(sandbox).set_webhook(
        "loja-sp", enabled=True, url=long_url, events=["MESSAGES_UPSERT"])
    await services.sync.sync_all()
    dialog = await open_dialog(services, qtbot)
    assert dialog.url.text() == long_url
    assert dialog.title.textFormat() == Qt.TextFormat.PlainText
    dialog.by_events.setChecked(True)
    assert dialog.url_hint.isVisibleTo(dialog)
    assert "CANARY-SECRET-123" not in dialog.url_hint.text()
    assert "user:••••••@hooks.example.com" in dialog.url_hint.text()


async def test_tab_moves_through_the_webhook_form_before_the_websocket_toggle(
    services: AppServices, qtbot: object
) -> None:
    dialog = await open_dialog(services, qtbot)
    dialog.activateWindow()
    dialog.webhook_toggle.click()  # no URL yet: the form opens for it
    dialog.webhook_toggle.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # type: ignore[attr-defined]
        seen.append(dialog.focusWidget())
    assert seen == [dialog.url, dialog.by_events, dialog.base64, dialog.headers.table]


async def test_a_webhook_being_filled_in_does_not_show_both_modes_on(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    dialog = await open_dialog(services, qtbot)
    tick(dialog, "MESSAGES_UPSERT")
    await click_and_wait(dialog, dialog.websocket_toggle)
    dialog.webhook_toggle.click()  # no URL: nothing can change at the server yet
    assert dialog.webhook_details.isVisible() and dialog.focusWidget() is dialog.url
    assert (dialog.webhook_toggle.isChecked(), dialog.websocket_toggle.isChecked()) == \
        (False, True)
    assert await SandboxRows(sandbox).enabled("loja-sp") == (False, True)


async def test_the_status_says_when_the_server_could_not_be_read(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    sandbox.error_rate = 1.0
    sandbox.error_kind = "html"
    dialog = await open_dialog(services, qtbot)
    sandbox.error_rate = 0.0
    first, second = dialog.status_panel.text().split("\n", 1)
    assert first == "No active delivery: messages will not be received"
    assert second.startswith(
        "The server's live state could not be read (shown: the last one read): ")
    assert "HTML" in second
    assert dialog.status_panel.kind == "warning"


async def test_a_dialog_opened_again_during_a_change_gets_the_headers_back(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    # The change's end cancelled the reopened dialog's read, headers and all: applying
    # from that dialog then deleted them.
    window, instance, dialog = await from_the_window(services, qtbot)
    dialog.url.setText(HOOK)
    tick(dialog, "MESSAGES_UPSERT")
    dialog.headers.set_headers({"Authorization": "Bearer kept-1234"})
    presenter = dialog.presenter
    sandbox.latency = 0.3  # the reopened dialog's read starts before the change ends
    dialog.webhook_toggle.click()
    dialog.close()
    again = window.open_config(instance)
    await next_emission(presenter.change_succeeded, timeout=30)
    sandbox.latency = 0.0
    kept = {"Authorization": "Bearer kept-1234"}
    while again.headers.headers() != kept:  # the read after the change, if not in yet
        await next_emission(presenter.headers_loaded)
    await click_and_wait(again, again.webhook_apply)
    row = await SandboxRows(sandbox).webhook("loja-sp")
    assert row is not None and row["headers"] == {"Authorization": "Bearer kept-1234"}
    again.close()


async def test_a_restart_that_ends_after_its_dialog_closed_shows_nothing_anywhere(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    window, _instance, dialog = await from_the_window(services, qtbot)
    presenter = dialog.presenter
    shown = expect(presenter.message_shown, timeout=30)
    dialog.restart_button.click()
    dialog.close()
    (message,) = await shown  # delivered to no dialog, without an error
    assert "restarting" in message
    assert window.config_presenters == {}


async def test_a_dialog_opened_again_during_a_change_that_fails_keeps_its_form(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    kept = {"Authorization": "Bearer kept-5678"}
    await services.manager.enable_webhook(
        InstanceRef("loja-sp", "Main"),
        WebhookConfig(url=HOOK, events=("MESSAGES_UPSERT",), headers=kept))
    window, instance, dialog = await from_the_window(services, qtbot)
    presenter = dialog.presenter
    sandbox.latency = 0.3
    sandbox.error_rate, sandbox.error_kind = 1.0, "html"
    dialog.websocket_toggle.click()  # fails at the server
    dialog.close()
    failed = expect(presenter.change_failed, timeout=30)
    again = window.open_config(instance)
    await failed
    sandbox.error_rate, sandbox.latency = 0.0, 0.0
    while again.headers.headers() != kept:  # its own read, not cancelled by the revert
        await next_emission(presenter.headers_loaded, timeout=30)
    assert again.url.text() == HOOK
    again.close()


async def test_the_dialog_fits_a_screen_smaller_than_its_preferred_size(
    services: AppServices, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a 1600x1000 screen at QT_SCALE_FACTOR=2 is.
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    small = QRect(0, 0, 800, 500)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: small)
    dialog = await open_dialog(services, qtbot)
    assert dialog.width() <= 800 and dialog.height() <= 500
    assert dialog.minimumSizeHint().width() <= 800  # and it may be made narrower
    assert dialog.minimumWidth() < 800


async def test_a_long_instance_name_loses_its_middle_and_the_server_stays_in_the_title(
    services: AppServices, sandbox: Sandbox, qtbot: object
) -> None:
    long_name = ("atendimento-central-de-relacionamento-com-clientes-regiao-sudeste-filial-"
                 "sao-paulo-zona-norte-001")
    sandbox.add_instance(long_name)
    await services.sync.sync_all()
    presenter = ConfigPresenter(services, InstanceRef(long_name, "Main"))
    dialog = ConfigDialog(presenter)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    presenter.setParent(dialog)
    dialog.resize(600, 560)
    dialog.show()
    presenter.load()
    await next_emission(presenter.state_loaded)
    title = dialog.title
    text = title.text()
    assert text.startswith("atendimento-") and text.endswith("-001 · Main")
    assert "…" in text
    assert title.fontMetrics().horizontalAdvance(text) <= title.contentsRect().width()
    assert dialog.width() < title.fontMetrics().horizontalAdvance(long_name)
    assert long_name in title.toolTip()
    dialog.resize(1400, 560)
    assert title.text() == f"{long_name} · Main"
