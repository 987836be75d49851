"""Suite-wide setup: every user directory redirected to a temp dir, an Xvfb display for
Qt, asyncio tests of the window on the qasync loop, and shared fixtures."""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support import processes

pytest_plugins = ["tests.conftest_store"]

_session_root = Path(tempfile.mkdtemp(prefix="evodesk-tests-"))
_xvfb: processes.Xvfb | None = None
# `make test` runs the suite under dbus-run-session; its bus hosts the test keyring.
_outer_bus = os.environ.get("DBUS_SESSION_BUS_ADDRESS")


def pytest_configure(config: pytest.Config) -> None:
    """Runs before any Qt object exists, so the platform and directories apply to all."""
    global _xvfb
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = _session_root / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(path)
    os.environ["XDG_RUNTIME_DIR"] = str(_session_root / "runtime")
    (_session_root / "runtime").mkdir(mode=0o700, exist_ok=True)
    os.environ["EVODESK_DATA_DIR"] = str(_session_root / "evodesk-data")
    os.environ.pop("EVODESK_DATABASE_URL", None)
    os.environ["LANGUAGE"] = "en"
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    if os.environ["QT_QPA_PLATFORM"] == "xcb":
        _xvfb = processes.start_xvfb()
        os.environ["DISPLAY"] = _xvfb.display
    # A keyring backend must never come from the developer's real session.
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"


def pytest_unconfigure(config: pytest.Config) -> None:
    _close_shared_qt_loop()
    if _xvfb is not None:
        processes.stop(_xvfb.process)
    shutil.rmtree(_session_root, ignore_errors=True)


def _uses_qt(item: pytest.Item) -> bool:
    return item.get_closest_marker("gui") is not None


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    if _uses_qt(item):
        return {"qasync": _qasync_loop}
    return {"asyncio": asyncio.new_event_loop}


_shared_qt_loop: asyncio.AbstractEventLoop | None = None
_gui_garbage = False


@pytest.fixture(autouse=True)
def garbage_collected_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """As in the application, tests of the window collect garbage on the GUI thread only
    (evodesk.ui.collector): a Qt object freed on a worker thread can crash the process.
    The other tests keep Python's automatic collection, once the window tests' garbage
    has been freed here, on the main thread."""
    global _gui_garbage
    from evodesk.ui import collector

    if _uses_qt(request.node) or {"qtbot", "qapp"} & set(request.fixturenames):
        from PySide6.QtWidgets import QApplication

        collector.install(QApplication.instance() or QApplication([]))
        _gui_garbage = True
        yield
        return
    if _gui_garbage:
        gc.collect()
        _gui_garbage = False
    gc.enable()
    try:
        yield
    finally:
        if collector.installed() is not None:
            gc.disable()


@pytest.fixture(autouse=True)
def qt_events_inside_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt events processed while the asyncio loop is not running would step its tasks
    outside it ("no running event loop"): pytest-qt processes events between a test's
    phases, and qasync once more after each run. The first is skipped (the next run of
    the loop processes them); during the second the loop stays the running one."""
    import pytestqt.plugin
    import qasync

    monkeypatch.setattr(pytestqt.plugin, "_process_events", lambda: None)
    loop_class: Any = qasync.QEventLoop
    run_forever = loop_class.run_forever
    run_until_complete = loop_class.run_until_complete

    def run_forever_and_stay_current(self: Any) -> Any:
        try:
            return run_forever(self)
        finally:
            asyncio.events._set_running_loop(self)

    def run_until_complete_then_leave(self: Any, future: Any) -> Any:
        try:
            return run_until_complete(self, future)
        finally:
            asyncio.events._set_running_loop(None)

    monkeypatch.setattr(loop_class, "run_forever", run_forever_and_stay_current)
    monkeypatch.setattr(loop_class, "run_until_complete", run_until_complete_then_leave)


def _qasync_loop() -> asyncio.AbstractEventLoop:
    """One qasync loop for every Qt test, as the application has one for its lifetime.

    Closing a qasync loop while the QApplication lives on leaves queued cross-thread
    callbacks behind that later crash event processing; so the loop's close() only
    cancels what is left, and the real close happens at the end of the session.
    """
    global _shared_qt_loop
    if _shared_qt_loop is None:
        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        # A test closing its last window must not stop the loop that runs the test.
        app.setQuitOnLastWindowClosed(False)  # type: ignore[attr-defined]

        class SessionQEventLoop(qasync.QEventLoop):  # type: ignore[misc]
            def close(self) -> None:
                for task in asyncio.all_tasks(self):
                    task.cancel()

            def really_close(self) -> None:
                super().close()

        _shared_qt_loop = SessionQEventLoop(app, already_running=False)
    return _shared_qt_loop


def _close_shared_qt_loop() -> None:
    if _shared_qt_loop is not None and not _shared_qt_loop.is_closed():
        _shared_qt_loop.really_close()  # type: ignore[attr-defined]


@dataclass
class SecretService:
    """A real gnome-keyring Secret Service on a private session bus."""

    bus_address: str
    env: dict[str, str]

    def backend(self) -> object:
        from keyring.backends import SecretService as secret_service_backend

        return secret_service_backend.Keyring()


@pytest.fixture(scope="session")
def secret_service() -> Iterator[SecretService]:
    own_bus = None
    address = _outer_bus
    if not address:
        own_bus = processes.start_dbus_session()
        address = own_bus.address
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    processes.start_gnome_keyring(env, _session_root / "keyring-data")
    try:
        yield SecretService(bus_address=address, env=env)
    finally:
        if own_bus is not None:
            processes.stop(own_bus.process)


@pytest.fixture
def real_keyring(secret_service: SecretService, monkeypatch: pytest.MonkeyPatch) -> object:
    """The SecretService backend, reachable from this process for one test."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.bus_address)
    return secret_service.backend()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "evodesk-data"
    path.mkdir()
    return path


@pytest.fixture
def memory_secrets() -> Iterator[object]:
    from evodesk.infra.secrets import MemorySecretStore

    yield MemorySecretStore()
