"""The garbage collector around start-up: paused from the application object until the
desktop has started, then what start-up built is frozen and collection resumes."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.services.app import AppServices
from evodesk.ui import startup_gc


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    try:
        yield
    finally:
        startup_gc._paused = False
        gc.unfreeze()
        gc.enable()


def test_pause_then_resume_freezes_what_start_up_built() -> None:
    startup_gc.pause()
    assert not gc.isenabled()
    built = [object() for _ in range(3)]  # containers the collector tracks
    assert gc.is_tracked(built)
    startup_gc.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > len(built)
    startup_gc.resume()  # a second resume has nothing left to do
    assert gc.isenabled()


def test_resume_without_a_pause_freezes_nothing() -> None:
    startup_gc.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    startup_gc.pause()
    startup_gc.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


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
        assert not gc.isenabled()
        desktop = Desktop(services, use_tray=False)
        desktop.window.intercept_close = False
        assert not gc.isenabled()
        await desktop.start()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
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
