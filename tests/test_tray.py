"""The tray under Xvfb with a real tray host (trayer): health that follows a sandbox going
down and up, close to tray with events still stored, notifications that open the instance,
the menu (and its screenshot), the fallback without a tray, and the real program in a
subprocess: Quit that flushes, a second launch that raises the first."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from evodesk.domain.models import ListenerState
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore, server_key_ref
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef
from tests.support import processes
from tests.support.qt import expect, next_emission

pytestmark = pytest.mark.gui

SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "tray-menu.png"
INSTANCES = ["loja-sp", "loja-rj"]
EVENTS = ("MESSAGES_UPSERT", "CONNECTION_UPDATE", "QRCODE_UPDATED", "LOGOUT_INSTANCE")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def tray_host() -> Iterator[str]:
    """trayer on the session's Xvfb, for the rest of the session."""
    import os

    display = os.environ["DISPLAY"]
    process = processes.start_trayer(display)
    try:
        yield display
    finally:
        processes.stop(process)


async def until(signal: Any, predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    """Await emissions of `signal` until `predicate` holds (checked first)."""
    async def wait() -> None:
        while not predicate():
            await next_emission(signal, timeout)

    await asyncio.wait_for(wait(), timeout)


async def polled(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """For what Qt reports without a signal: re-check on a short Qt timer, bounded."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setInterval(20)
    timer.start()
    try:
        await until(timer.timeout, predicate, timeout)
    finally:
        timer.stop()


@pytest.fixture
async def tray_ready(tray_host: str) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    await polled(QSystemTrayIcon.isSystemTrayAvailable)


@dataclass
class Live:
    desktop: Any
    services: AppServices
    sandbox: Sandbox


@contextlib.asynccontextmanager
async def live_desktop(tmp_path: Path) -> AsyncIterator[Live]:
    """A sandbox, the services listening to it and the desktop, made and closed inside
    the test, so that no live connection outlives the loop run of the test itself."""
    from evodesk.ui.desktop import Desktop

    sb = Sandbox(api_key="tray-test-key", instances=list(INSTANCES), port=free_port(),
                 require_socket_key=True)
    await sb.start()
    app = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore(),
                                 listen=True)
    live = Live(None, app, sb)
    try:
        # Every message at once: the pace rules have their own tests.
        app.save_settings(app.settings.with_changes(
            notification_rules={"burst_seconds": 0, "rate_limit_seconds": 0}))
        await app.servers.add("Matriz", sb.url, sb.api_key)
        await app.servers.check("Matriz")
        await app.sync.sync_all("Matriz")
        for name in INSTANCES:
            await app.manager.enable_websocket(InstanceRef(name, "Matriz"), EVENTS)
            await sb.send_text(name, "first emit: the namespace exists from now on")
        live.desktop = Desktop(app)
        loaded = expect(live.desktop.window.instances_loaded)
        await live.desktop.start()
        await loaded
        yield live
    finally:
        desk = live.desktop
        if desk is not None:
            desk.window.intercept_close = False
            if desk.tray is not None:
                desk.tray.close()
            await desk.tray_presenter.aclose()
            desk.window.shutdown()
            desk.window.close()
            desk.window.deleteLater()
        await app.aclose()
        await live.sandbox.stop()


async def serve_again(old: Sandbox) -> Sandbox:
    """A fresh server process on the same address: the same key and instances, websocket
    rows set again as the manager left them, each namespace created by a first emit."""
    import httpx

    sb = Sandbox(api_key=old.api_key, instances=list(INSTANCES), port=old.port,
                 require_socket_key=True)
    await sb.start()
    async with httpx.AsyncClient(base_url=sb.url, headers={"apikey": sb.api_key}) as rest:
        for name in INSTANCES:
            answer = await rest.post(f"/websocket/set/{name}", json={
                "websocket": {"enabled": True, "events": list(EVENTS)}})
            assert answer.status_code == 201, answer.text
    for name in INSTANCES:
        await sb.send_text(name, "first emit after the restart")
    return sb


async def test_the_icon_shows_health_as_the_server_goes_down_and_up(
    tray_ready: None, tmp_path: Path
) -> None:
    from evodesk.ui.tray_presenter import Health

    async with live_desktop(tmp_path) as live:
        desktop, sandbox = live.desktop, live.sandbox
        tray = desktop.tray
        presenter = desktop.tray_presenter
        assert tray is not None
        await polled(lambda: tray.is_visible() and not tray.geometry().isEmpty())
        await until(presenter.health_changed, lambda: tray.health is Health.OK)
        assert "live: 2" in tray.icon.toolTip()
        assert tray.icon.icon().cacheKey() != 0

        await sandbox.stop()
        await until(presenter.health_changed, lambda: tray.health is Health.WARNING)
        assert "retrying: 2" in tray.icon.toolTip()
        live.sandbox = sandbox = await serve_again(sandbox)
        await until(presenter.health_changed, lambda: tray.health is Health.OK, timeout=40)
        assert "live: 2" in tray.icon.toolTip()

        # A refused key is an error, and outranks a pause.
        presenter.pause_until_resumed()
        assert tray.health is Health.PAUSED
        assert "paused until resumed" in tray.icon.toolTip()
        # Someone changed the key in the keyring; the next connection is refused.
        await desktop.services.secrets.set(server_key_ref("Matriz"), "a-key-the-server-refuses")
        await sandbox.drop_sockets()
        await until(presenter.health_changed, lambda: tray.health is Health.ERROR)
        assert presenter.summary.counts.get(ListenerState.REFUSED) == 2
        assert "refused (check the API key): 2" in tray.icon.toolTip()
        # The window says the same, and why, in the instances' Live column.
        from PySide6.QtCore import Qt

        from evodesk.ui.instance_model import Column
        from evodesk.ui.texts import plain_tooltip

        model = desktop.window.model
        cells = {model.index(r, Column.INSTANCE).data(): model.index(r, Column.LISTENER)
                 for r in range(model.rowCount())}
        assert {name: cell.data() for name, cell in cells.items()} == {
            name: "refused (check the API key)" for name in INSTANCES}
        assert cells["loja-sp"].data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip(
            "The server refused the API key.")


async def test_closing_the_window_hides_it_and_events_keep_flowing(
    tray_ready: None, tmp_path: Path
) -> None:
    from evodesk.ui.tray_presenter import Health

    async with live_desktop(tmp_path) as live:
        desktop, services, sandbox = live.desktop, live.services, live.sandbox
        tray = desktop.tray
        window = desktop.window
        await until(desktop.tray_presenter.health_changed, lambda: tray.health is Health.OK)
        window.show()
        hidden = expect(desktop.window_hidden)
        told = expect(tray.message_shown)
        window.close()
        await hidden
        title, _body = await told
        assert title == "evodesk is still running"
        assert not window.isVisible()
        assert "close-to-tray" in services.settings.shown_notices

        assert services.listener is not None
        events = services.listener.subscribe()
        store: Any = services.store
        before = await store.count_events()
        shown = expect(tray.message_shown)
        await sandbox.send_text("loja-sp", "Pedido 42 <b>urgente</b>\nsegunda linha",
                                sender_name="Ana")
        event = await asyncio.wait_for(events.get(), 10)
        assert event.instance == "loja-sp"
        await services.listener.flush()
        assert await store.count_events() == before + 1
        assert await shown == ("Ana on loja-sp", "Pedido 42 <b>urgente</b>")
        events.close()

        # The balloon is plain text, and clicking it opens the instance's configuration.
        balloon = await _balloon()
        assert _balloon_texts(balloon) >= {"Ana on loja-sp", "Pedido 42 <b>urgente</b>"}
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        opened = expect(window.config_opened)
        QTest.mouseClick(balloon, Qt.MouseButton.LeftButton)
        (dialog,) = await opened
        assert window.dialogs.get((1, "loja-sp")) is dialog
        assert dialog.isVisible() and not window.isVisible()
        dialog.close()

        # The second close hides quietly.
        window.show()
        again = expect(desktop.window_hidden)
        messages: list[tuple[str, str]] = []
        tray.message_shown.connect(lambda t, b: messages.append((t, b)))
        window.close()
        await again
        assert messages == []


async def _balloon() -> Any:
    from PySide6.QtWidgets import QApplication

    def find() -> Any:
        return next((w for w in QApplication.topLevelWidgets()
                     if w.metaObject().className() == "QBalloonTip" and w.isVisible()), None)

    await polled(lambda: find() is not None)
    return find()


def _balloon_texts(balloon: Any) -> set[str]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    labels = [label for label in balloon.findChildren(QLabel) if label.text()]
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in labels)
    return {label.text() for label in labels}


async def test_critical_notifications_come_while_paused(
    tray_ready: None, tmp_path: Path
) -> None:
    from evodesk.ui.tray_presenter import Health

    async with live_desktop(tmp_path) as live:
        desktop, services, sandbox = live.desktop, live.services, live.sandbox
        tray = desktop.tray
        await until(desktop.tray_presenter.health_changed, lambda: tray.health is Health.OK)
        tray.pause_hour_action.trigger()
        assert tray.health is Health.PAUSED
        assert services.settings.notifications_paused_until is not None
        assert "Notifications paused until" in tray.icon.toolTip()
        assert tray.resume_action.isEnabled()
        shown: list[tuple[str, str]] = []
        tray.message_shown.connect(lambda t, b: shown.append((t, b)))
        critical = expect(tray.message_shown)
        await sandbox.send_text("loja-rj", "muted")
        await sandbox.phone_offline("loja-rj")
        assert await critical == ("loja-rj disconnected from WhatsApp",
                                  "WhatsApp closed the connection (reason 428).")
        assert shown == [("loja-rj disconnected from WhatsApp",
                          "WhatsApp closed the connection (reason 428).")]
        summary = expect(tray.message_shown)
        tray.resume_action.trigger()
        assert await summary == ("1 new messages while notifications were off", "On loja-rj")
        assert desktop.tray_presenter.summary.health is Health.OK
        assert services.settings.notifications_paused_until is None
        assert not tray.resume_action.isEnabled()


async def test_the_menu_lists_servers_and_instances_and_quits(
    tray_ready: None, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from evodesk.ui.tray_presenter import Health

    async with live_desktop(tmp_path) as live:
        desktop, services = live.desktop, live.services
        tray = desktop.tray
        await until(desktop.tray_presenter.health_changed, lambda: tray.health is Health.OK)
        menu = tray.menu
        shown = expect(menu.aboutToShow)
        menu.popup(_menu_position(tray, menu))
        await shown
        await polled(menu.isVisible)
        texts = [action.text() for action in menu.actions() if not action.isSeparator()]
        assert texts == ["Open evodesk", "Sync now", "Pause notifications", "Matriz (live)",
                         "Start with the desktop session",
                         "Keep running when the window is closed", "Quit"]
        [server_menu] = tray.server_menus
        assert [a.text() for a in server_menu.actions()] == [
            "loja-rj — connected, live", "loja-sp — connected, live"]
        assert [a.text() for a in tray.pause_menu.actions() if not a.isSeparator()] == [
            "For 1 hour", "Until resumed", "Resume"]
        _save_screenshot(menu, server_menu)
        menu.hide()

        opened = expect(desktop.window.config_opened)
        server_menu.actions()[0].trigger()
        (dialog,) = await opened
        assert dialog is desktop.window.dialogs[(1, "loja-rj")]
        dialog.close()

        synced = expect(desktop.window.presenter.sync_finished)
        tray.sync_action.trigger()
        (summaries,) = await synced
        assert summaries

        tray.close_to_tray_action.trigger()
        assert services.settings.close_to_tray is False
        quit_asked = expect(desktop.quit_requested)
        desktop.window.show()
        desktop.window.close()  # with close-to-tray off, closing quits
        await quit_asked
        quit_again = expect(desktop.quit_requested)
        tray.quit_action.trigger()
        await quit_again
        assert QApplication.instance() is not None


def _menu_position(tray: Any, menu: Any) -> Any:
    from PySide6.QtCore import QPoint

    corner = tray.geometry().topLeft()
    return QPoint(max(0, corner.x() - menu.sizeHint().width()),
                  max(0, corner.y() - menu.sizeHint().height()))


def _save_screenshot(menu: Any, submenu: Any) -> None:
    """The menu with its server submenu beside it, grabbed from each widget (no window
    manager draws anything around them under Xvfb)."""
    from PySide6.QtGui import QColor, QPainter, QPixmap

    main = menu.grab()
    sub_action = submenu.menuAction()
    sub_y = menu.actionGeometry(sub_action).top()
    side = submenu.grab()
    width = main.width() + side.width() - 4
    height = max(main.height(), sub_y + side.height())
    canvas = QPixmap(width, height)
    canvas.fill(QColor(0, 0, 0, 0))
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, main)
    painter.drawPixmap(main.width() - 4, sub_y, side)
    painter.end()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert canvas.save(str(SCREENSHOT))
    for widget in (menu, submenu):
        for action in widget.actions():
            if action.text():
                text_width = widget.fontMetrics().horizontalAdvance(action.text())
                assert text_width < widget.actionGeometry(action).width(), action.text()


async def test_autostart_entry_follows_the_menu(
    tray_ready: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:


    async with live_desktop(tmp_path) as live:
        desktop, services = live.desktop, live.services
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
        entry = tmp_path / "config-home" / "autostart" / "evodesk.desktop"
        desktop.tray.autostart_action.trigger()
        assert services.settings.autostart is True
        text = entry.read_text(encoding="utf-8")
        assert "X-GNOME-Autostart-enabled=true" in text
        assert "--tray" in next(line for line in text.splitlines() if line.startswith("Exec="))
        desktop.tray.autostart_action.trigger()
        assert services.settings.autostart is False
        assert not entry.exists()


async def test_without_a_tray_the_window_is_the_only_face(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon

    from evodesk.services.notifications import Notification, NotificationKind, Text
    from evodesk.ui.desktop import Desktop

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    async with live_desktop(tmp_path) as live:
        desk, services = live.desktop, live.services
        assert desk.tray is None and not desk.can_start_hidden
        notice = desk.no_tray_notice
        assert notice is not None and notice.isVisible()
        assert notice.windowModality() is Qt.WindowModality.NonModal
        assert "no system tray" in notice.text()
        notice.button(QMessageBox.StandardButton.Ok).click()
        await polled(lambda: desk.no_tray_notice is None)

        # Said once: a second start stays quiet.
        again = Desktop(services)
        again.window.intercept_close = False
        await again.start()
        assert again.no_tray_notice is None
        await again.tray_presenter.aclose()
        again.window.shutdown()
        again.window.deleteLater()

        desk.window.show()
        desk.window.close()
        question = desk.quit_question
        assert question is not None and question.isVisible() and desk.window.isVisible()
        assert question.windowModality() is Qt.WindowModality.WindowModal  # open(), not exec()
        question.button(QMessageBox.StandardButton.No).click()
        await polled(lambda: desk.quit_question is None)
        assert desk.window.isVisible()
        quit_asked = expect(desk.quit_requested)
        desk.window.close()
        desk.quit_question.button(QMessageBox.StandardButton.Yes).click()
        await quit_asked

        # Critical notifications land in the window.
        desk.tray_presenter.notified.emit(Notification(
            NotificationKind.LOGGED_OUT, Text("%1 was logged out of WhatsApp", ("loja-sp",)),
            Text("Scan a new QR code to use this number again."), (1, "loja-sp"), True))
        assert "loja-sp was logged out of WhatsApp" in desk.window.summary.text()


def test_the_autostart_command_survives_odd_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    from evodesk.infra import autostart

    monkeypatch.setattr(autostart.shutil, "which", lambda _name: None)
    monkeypatch.setattr(autostart.sys, "executable", '/opt/my apps/50% "py"/python')
    command = autostart.launch_command()
    # Desktop Entry quoting: double quotes, `"` escaped, `%` doubled, then the key file's
    # own backslash escaping.
    assert command == '"/opt/my apps/50%% \\\\"py\\\\"/python" -m evodesk --tray'
    text = autostart.entry_text()
    assert f"Exec={command}" in text
    assert "TryExec=" not in text
    assert f"Icon={autostart.ICON}" in text
    monkeypatch.setattr(autostart.shutil, "which", lambda _name: "/usr/bin/evodesk")
    plain = autostart.entry_text()
    assert "Exec=evodesk --tray" in plain and "TryExec=evodesk" in plain
    assert "Icon=evodesk" in plain


# --- the real program in a subprocess --------------------------------------------------


class App:
    """`python -m evodesk` running, its stderr read line by line."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []

    @classmethod
    async def start(cls, data_dir: Path, *args: str, env: dict[str, str]) -> App:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "evodesk", "--data-dir", str(data_dir), "--verbose", *args,
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE, env={**env, "PYTHONUNBUFFERED": "1"},
        )
        return cls(process)

    async def line_with(self, text: str, timeout: float = 30.0) -> str:
        async def read() -> str:
            assert self.process.stderr is not None
            while True:
                raw = await self.process.stderr.readline()
                if not raw:
                    raise AssertionError(f"evodesk ended before saying {text!r}: {self.lines}")
                line = raw.decode(errors="replace").rstrip()
                self.lines.append(line)
                if text in line:
                    return line

        return await asyncio.wait_for(read(), timeout)

    async def exit_code(self, timeout: float = 30.0) -> int:
        assert self.process.stderr is not None
        rest = await asyncio.wait_for(self.process.stderr.read(), timeout)
        self.lines += rest.decode(errors="replace").splitlines()
        return await asyncio.wait_for(self.process.wait(), timeout)

    def tail(self) -> str:
        return "\n".join(line for line in self.lines if "alembic" not in line)[-4000:]

    async def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


def socket_path(data_dir: Path) -> Path:
    import tempfile

    from evodesk.ui.single_instance import server_name

    return Path(tempfile.gettempdir()) / server_name(data_dir)


async def say(data_dir: Path, message: str) -> None:
    """What a later launch does, spoken from here over the same socket."""
    reader, writer = await asyncio.wait_for(
        asyncio.open_unix_connection(str(socket_path(data_dir))), 10)
    writer.write(message.encode() + b"\n")
    assert await asyncio.wait_for(reader.readline(), 10) == b"ok\n"
    writer.close()
    await writer.wait_closed()


async def visible_evodesk_windows(display: str) -> list[str]:
    import os

    found = await asyncio.create_subprocess_exec(
        processes.require("xdotool"), "search", "--onlyvisible", "--name", "^evodesk$",
        env={**os.environ, "DISPLAY": display}, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL)
    out, _ = await asyncio.wait_for(found.communicate(), 10)
    return out.decode().split()


@pytest.mark.keyring
async def test_quit_writes_every_event_and_exits_zero(
    tray_host: str, secret_service: Any, tmp_path: Path
) -> None:
    from tests.cli_support import Cli, cli_env

    data = tmp_path / "data"
    env = cli_env(secret_service.env)
    cli = Cli(data_dir=data, env=env)
    async with Sandbox(api_key="tray-test-key", instances=list(INSTANCES)) as sandbox:
        assert (await cli.run("server", "add", "Matriz", "--url", sandbox.url,
                              api_key=sandbox.api_key)).code == 0
        assert (await cli.run("sync")).code == 0
        enabled = await cli.run("websocket", "enable", "loja-sp", "--event", "MESSAGES_UPSERT")
        assert enabled.code == 0, enabled.err
        await sandbox.send_text("loja-sp", "the namespace exists from now on")

        app = await App.start(data, "--tray", env=env)
        try:
            assert "tray: yes, window: hidden" in await app.line_with("evodesk is running")
            await app.line_with("Overall health: ok (live: 1)")
            for i in range(25):
                await sandbox.send_text("loja-sp", f"stored before quitting {i}")
            await say(data, "quit")
            assert await app.exit_code() == 0, app.tail()
        finally:
            await app.kill()
    assert any("evodesk stopped" in line for line in app.lines)
    store = await AppServices.open(resolve_paths(data), secrets=MemorySecretStore())
    try:
        stored: Any = store.store
        assert await stored.count_events() == 25
    finally:
        await store.aclose()


async def test_a_second_launch_raises_the_first(tray_host: str, tmp_path: Path) -> None:
    import os

    data = tmp_path / "data"
    data.mkdir()
    # A socket file left by a crash: nobody answers on it.
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(socket_path(data)))
    stale.close()
    env = dict(os.environ)
    first = await App.start(data, "--tray", env=env)
    try:
        assert "window: hidden" in await first.line_with("evodesk is running")
        assert await visible_evodesk_windows(tray_host) == []
        second = await App.start(data, env=env)
        assert await second.exit_code(timeout=20) == 0, second.tail()
        assert any("asked it to show its window" in line for line in second.lines)
        assert not any("evodesk is running" in line for line in second.lines)
        await first.line_with("Showing the window at the request of another launch")
        assert len(await visible_evodesk_windows(tray_host)) == 1
        first.process.terminate()  # what the session does as it ends: a clean exit too
        assert await first.exit_code() == 0, first.tail()
        assert any("evodesk stopped" in line for line in first.lines)
    finally:
        await first.kill()
    assert not socket_path(data).exists()


async def test_without_a_tray_host_the_window_shows_despite_tray_flag(tmp_path: Path) -> None:
    import os

    xvfb = processes.start_xvfb()
    try:
        env = {**os.environ, "DISPLAY": xvfb.display}
        app = await App.start(tmp_path / "data", "--tray", env=env)
        try:
            line = await app.line_with("evodesk is running")
            assert "tray: no, window: shown" in line
            assert len(await visible_evodesk_windows(xvfb.display)) >= 1
            await say(tmp_path / "data", "quit")
            assert await app.exit_code() == 0, app.tail()
        finally:
            await app.kill()
    finally:
        processes.stop(xvfb.process)


def test_names_in_the_menu_are_one_short_line_and_ampersands_stay() -> None:
    from evodesk.ui.tray import _menu_label

    assert _menu_label("Loja & Cia") == "Loja && Cia"  # not a shortcut mark
    assert _menu_label("a\u202egnp.exe\tb") == "agnp.exe b"
    assert _menu_label("first\nsecond") == "first"
    assert _menu_label("n" * 3000) == "n" * 59 + "…"
    assert _menu_label("\u202e") == "?"


def test_a_server_with_hundreds_of_instances_lists_a_few_then_opens_the_window(
    qtbot: Any,
) -> None:
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QGuiApplication

    from evodesk.domain.models import Instance
    from evodesk.ui.tray import Tray
    from evodesk.ui.tray_presenter import Health, HealthSummary, InstanceLine, ServerLine

    instances = [InstanceLine(Instance(server_id=1, name=f"cliente-{i:04d}"), None)
                 for i in range(400)]
    # One that needs attention, far down the list, is still among those listed.
    instances[350] = InstanceLine(
        Instance(server_id=1, name="cliente-0350", attention="No answer."), None)

    class Presenter(QObject):
        health_changed = Signal(object)
        notified = Signal(object)
        summary = HealthSummary(Health.ERROR)

        def servers(self) -> list[ServerLine]:
            return [ServerLine(1, "Matriz", ListenerState.STOPPED, tuple(instances))]

        def resume(self) -> None:
            raise AssertionError("not asked for")

    tray = Tray(Presenter())  # type: ignore[arg-type]
    try:
        tray.rebuild_server_menus()
        [submenu] = tray.server_menus
        entries = [a for a in submenu.actions() if not a.isSeparator()]
        assert len(entries) == 25 + 1
        assert entries[0].text().startswith("cliente-0350 — ")
        assert entries[1].text().startswith("cliente-0000 — ")
        more = entries[-1]
        assert more.text() == "375 more in evodesk…"
        screen = QGuiApplication.primaryScreen().availableGeometry()
        assert submenu.sizeHint().height() <= screen.height()
        with qtbot.waitSignal(tray.open_requested, timeout=1000):
            more.trigger()
    finally:
        tray.close()


async def test_an_instance_refused_for_its_name_is_not_blamed_on_the_key(
    tmp_path: Path, qtbot: Any
) -> None:
    # A comma cannot be part of a Socket.IO namespace: that instance alone is refused,
    # on a connection the server accepted.
    from evodesk.ui.texts import plain_tooltip
    from evodesk.ui.tray import Tray
    from evodesk.ui.tray_presenter import Health, TrayPresenter

    reason = "This instance name cannot be used as a Socket.IO namespace."
    async with Sandbox(api_key="tray-key-2", instances=["loja,rj", "loja-sp"]) as sb:
        app = await AppServices.open(resolve_paths(tmp_path / "n"), secrets=MemorySecretStore(),
                                     listen=True)
        presenter = TrayPresenter(app)
        tray = Tray(presenter)
        try:
            await app.servers.add("Matriz", sb.url, sb.api_key)
            await app.sync.sync_all()
            presenter.start()
            for name in ("loja,rj", "loja-sp"):
                await app.manager.enable_websocket(InstanceRef(name, "Matriz"), EVENTS)
            server = await app.store.get_server("Matriz")
            presenter.set_instances(await app.store.list_instances(), {server.id or 0: "Matriz"})
            listener = app.listener
            assert listener is not None

            def settled() -> bool:
                return (listener.namespace_state(server.id or 0, "loja,rj")
                        is ListenerState.REFUSED
                        and listener.namespace_state(server.id or 0, "loja-sp")
                        is ListenerState.LIVE)

            while not settled():
                await sb.send_text("loja-sp", "oi")
                with contextlib.suppress(TimeoutError):
                    await until(presenter.health_changed, settled, timeout=1)
            assert listener.connection_state(server.id or 0) is ListenerState.LIVE
            assert tray.health is Health.ERROR
            assert tray.icon.toolTip().splitlines()[1] == "live: 1, refused: 1"

            tray.rebuild_server_menus()
            [submenu] = tray.server_menus
            assert submenu.title() == "Matriz (live)"
            refused, live = submenu.actions()
            assert refused.text() == "loja,rj — connected, refused"
            assert refused.toolTip() == plain_tooltip(reason)
            assert submenu.toolTipsVisible()
            assert live.text() == "loja-sp — connected, live"
        finally:
            tray.close()
            await presenter.aclose()
            await app.aclose()


@pytest.mark.parametrize(("stored", "title", "body"), [
    ("a-key-the-server-refuses", "Matriz refused the API key",
     "The server refused the API key."),
    # No key to send: the server refused nothing, and is not said to have.
    (None, "Cannot listen to Matriz",
     "No API key for server 'Matriz' is in the keyring. Edit the server and enter its key "
     "again."),
], ids=["refused", "missing"])
async def test_a_key_refused_at_start_up_is_told_with_the_server_name(
    tmp_path: Path, stored: str | None, title: str, body: str,
) -> None:
    # The first connection may be refused before the window's first load has come back:
    # the notification must still name the server, not "#1".
    from evodesk.ui.desktop import Desktop

    async with Sandbox(api_key="tray-key-3", instances=["loja-sp"],
                       require_socket_key=True) as sb:
        secrets = MemorySecretStore()
        setup = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=secrets)
        try:
            await setup.servers.add("Matriz", sb.url, sb.api_key)
            await setup.sync.sync_all()
            await setup.manager.enable_websocket(InstanceRef("loja-sp", "Matriz"), EVENTS)
            if stored is None:
                await setup.secrets.delete(server_key_ref("Matriz"))
            else:
                await setup.secrets.set(server_key_ref("Matriz"), stored)
        finally:
            await setup.aclose()
        app = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=secrets,
                                     listen=True)
        desktop = Desktop(app, use_tray=False)
        try:
            desktop.window.intercept_close = False
            notified = expect(desktop.tray_presenter.notified, timeout=30)
            desktop.window.reload = lambda: None  # type: ignore[method-assign]
            await desktop.start()
            (notification,) = await notified
            assert (str(notification.title_text), str(notification.body_text)) == (title, body)
        finally:
            await desktop.tray_presenter.aclose()
            desktop.window.shutdown()
            desktop.window.deleteLater()
            await app.aclose()
