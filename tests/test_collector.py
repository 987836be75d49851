"""The garbage collector of the window's process: on the GUI thread only, paused from the
application object until the desktop has started, then what start-up built is frozen."""

from __future__ import annotations

import asyncio
import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.services.app import AppServices
from evodesk.ui import collector


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """Each test starts from Python's own automatic collection, nothing installed; the
    suite's collector and state come back afterwards."""
    saved = (collector._paused, collector._installed, gc.isenabled())
    frozen = gc.get_freeze_count()
    collector._paused, collector._installed = False, None
    gc.enable()
    try:
        yield
    finally:
        made = collector._installed
        if made is not None and made is not saved[1]:
            made.stop()
            made.setParent(None)
        collector._paused, collector._installed = saved[0], saved[1]
        if gc.get_freeze_count() != frozen:
            gc.unfreeze()
        (gc.enable if saved[2] else gc.disable)()


def _kept(count: int) -> list[list[None]]:
    """`count` new containers the collector tracks, kept alive."""
    return [[] for _ in range(count)]


def test_pause_then_resume_freezes_what_start_up_built() -> None:
    collector.pause()
    assert not gc.isenabled()
    built = _kept(3)
    assert gc.is_tracked(built)
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > len(built)
    collector.resume()  # a second resume has nothing left to do
    assert gc.isenabled()


def test_resume_without_a_pause_freezes_nothing() -> None:
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    collector.pause()
    collector.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


@pytest.mark.gui
def test_installed_it_collects_each_generation_when_python_would() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    installed = collector.install(app)
    assert collector.install(app) is installed and collector.installed() is installed
    assert not gc.isenabled()
    first, second, _ = gc.get_threshold()
    gc.collect()
    assert installed.collect_due() is None  # nothing allocated since
    kept = []
    for _ in range(second + 1):  # Python's test is "more than the threshold"
        kept.append(_kept(first * 2))
        assert installed.collect_due() == 0
    kept.append(_kept(first * 2))
    assert installed.collect_due() == 1
    assert gc.get_count()[0] < first


@pytest.mark.gui
def test_paused_it_collects_nothing_and_resumed_it_stays_on_the_gui_thread() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    collector.pause()
    installed = collector.install(app)
    kept = _kept(gc.get_threshold()[0] * 3)
    assert installed.collect_due() is None
    collector.resume()
    assert not gc.isenabled()  # automatic collection stays off
    assert gc.get_freeze_count() > len(kept)
    kept.extend(_kept(gc.get_threshold()[0] * 2))
    assert installed.collect_due() == 0


@pytest.mark.gui
async def test_garbage_is_freed_on_the_gui_thread_however_much_a_worker_allocates() -> None:
    """A worker thread allocating enough for Python to run every generation's collection
    must not free the GUI's garbage: a Qt object destroyed there can crash evodesk."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    collector.install(app)
    loop = asyncio.get_running_loop()
    freed = asyncio.Event()
    freed_on: list[int] = []

    def on_free() -> None:
        freed_on.append(threading.get_ident())
        loop.call_soon_threadsafe(freed.set)

    class Cycle:
        me: object

    garbage = Cycle()
    garbage.me = garbage
    weakref.finalize(garbage, on_free)
    del garbage
    first, second, third = gc.get_threshold()
    # Enough for a full collection many times over, were collection automatic.
    kept = await asyncio.to_thread(_kept, first * second * third * 3)
    # The GUI thread's timer may free it during the allocation, never the worker.
    await asyncio.wait_for(freed.wait(), collector.INTERVAL_MS / 1000 * 20)
    assert freed_on == [threading.get_ident()] and kept


@pytest.mark.gui
async def test_the_application_pauses_until_the_desktop_has_started(tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from evodesk.ui.app import create_application
    from evodesk.ui.desktop import Desktop

    names = (QApplication.applicationName(), QApplication.organizationName(),
             QApplication.desktopFileName())
    services = await AppServices.open(resolve_paths(tmp_path / "d"), secrets=MemorySecretStore())
    desktop: Desktop | None = None
    try:
        create_application()
        installed = collector.installed()
        assert installed is not None
        assert not gc.isenabled()
        desktop = Desktop(services, use_tray=False)
        desktop.window.intercept_close = False
        assert installed.collect_due() is None
        await desktop.start()
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0
        kept = _kept(gc.get_threshold()[0] * 2)
        assert installed.collect_due() is not None and kept
    finally:
        QApplication.setApplicationName(names[0])
        QApplication.setOrganizationName(names[1])
        QApplication.setDesktopFileName(names[2])
        if desktop is not None:
            await desktop.shutdown()
            desktop.window.close()
            desktop.window.deleteLater()
        else:
            await services.aclose()
