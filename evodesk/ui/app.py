"""Starting the desktop application: Qt, the qasync loop, translations, the services,
and (with --sandbox) a local demo server."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
import tempfile
from typing import TYPE_CHECKING

import qasync
from PySide6.QtCore import QLibraryInfo, QLocale, QtMsgType, QTranslator, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from evodesk.domain.errors import EvodeskError
from evodesk.infra.logsetup import configure_logging
from evodesk.infra.paths import RESOURCES, Paths, resolve_paths
from evodesk.infra.secrets import MemorySecretStore, SecretStore
from evodesk.infra.settings import load_settings
from evodesk.services.app import AppServices
from evodesk.ui import collector
from evodesk.ui.theme import apply_theme

if TYPE_CHECKING:
    from evodesk.ui.desktop import Desktop
    from evodesk.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)

TRANSLATIONS = RESOURCES / "i18n"

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(mode: QtMsgType, context: object, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def choose_language(setting: str | None) -> str:
    """The explicit setting, else the system locale: pt_BR for Portuguese, English otherwise."""
    if setting:
        return setting
    return "pt_BR" if QLocale.system().name().startswith("pt") else "en"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load evodesk's and Qt's own translations; English needs none."""
    translators: list[QTranslator] = []
    if language.startswith("en"):
        return translators
    ours = QTranslator(app)
    if ours.load(f"evodesk_{language}", str(TRANSLATIONS)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.warning("No translation for %s in %s; the window stays in English.",
                    language, TRANSLATIONS)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}",
                    QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        translators.append(qt_base)
    return translators


def create_application() -> QApplication:
    """The application object. Garbage is collected on its thread only, and from here
    until the desktop has started not at all (see collector)."""
    collector.pause()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    collector.install(app)
    app.setApplicationName("evodesk")
    app.setOrganizationName("evodesk")
    app.setDesktopFileName("evodesk")
    return app


def run_gui(args: argparse.Namespace) -> int:
    from evodesk.ui.desktop import Desktop
    from evodesk.ui.single_instance import RAISE, SingleInstance

    throwaway: tempfile.TemporaryDirectory[str] | None = None
    data_dir = args.data_dir
    if args.sandbox and data_dir is None:
        throwaway = tempfile.TemporaryDirectory(prefix="evodesk-sandbox-")
        data_dir = throwaway.name
    paths = resolve_paths(data_dir)
    configure_logging(paths.log_file, stderr_level=(
        logging.INFO if getattr(args, "verbose", False) else logging.WARNING))
    qInstallMessageHandler(_qt_message_handler)
    app = create_application()
    # Hidden in the tray, the window is not the last thing keeping evodesk alive; and a
    # dialog closed while it is hidden must not end the program. Quitting is explicit.
    app.setQuitOnLastWindowClosed(False)
    guard = SingleInstance(paths.data_dir)
    if not guard.claim():
        if guard.notify_running(RAISE):
            log.info("evodesk already runs for %s; asked it to show its window.", paths.data_dir)
            return 0
        log.error("evodesk already runs for %s but does not answer.", paths.data_dir)
        QMessageBox.critical(None, "evodesk", app.translate(
            "evodesk.app", "evodesk is already running for this data folder but does not "
            "answer. Close it (or end its process) and start evodesk again."))
        return 1
    try:
        return _run_desktop(args, app, paths, throwaway, guard, Desktop)
    finally:
        guard.close()
        if throwaway is not None:
            throwaway.cleanup()


def _run_desktop(args: argparse.Namespace, app: QApplication, paths: Paths,
                 throwaway: tempfile.TemporaryDirectory[str] | None,
                 guard: SingleInstance, desktop_class: type[Desktop]) -> int:
    settings = load_settings(paths.settings_file)
    install_translators(app, choose_language(args.lang or settings.language))
    apply_theme(app, getattr(args, "theme", None) or settings.theme)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    quit_requested = asyncio.Event()
    failures: list[str] = []

    async def lifetime() -> int:
        demo = None
        # A throw-away sandbox session keeps its fake key in memory; real keys, the keyring.
        secrets: SecretStore | None = MemorySecretStore() if throwaway is not None else None
        try:
            services = await AppServices.open(
                paths, database_url=args.database_url, secrets=secrets, listen=True)
        except EvodeskError as exc:
            failures.append(str(exc))
            return 1
        try:
            if args.sandbox:
                from evodesk.demo import Demo

                demo = await Demo.start()
                await demo.register(services)
        except EvodeskError as exc:
            failures.append(str(exc))
            await services.aclose()
            if demo is not None:
                await demo.stop()
            return 1
        desktop = desktop_class(services)
        guard.message_received.connect(desktop.on_message)
        desktop.quit_requested.connect(quit_requested.set)
        if not args.tray or not desktop.can_start_hidden:
            desktop.window.show()
        await desktop.start()
        log.info("evodesk is running for %s (tray: %s, window: %s)", paths.data_dir,
                 "yes" if desktop.tray is not None else "no",
                 "shown" if desktop.window.isVisible() else "hidden")
        await quit_requested.wait()
        await desktop.shutdown()
        if demo is not None:
            await demo.stop()
        return 0

    with loop:
        for signum in (signal.SIGTERM, signal.SIGINT):
            # The session ending sends SIGTERM: shut down as cleanly as from the menu.
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, quit_requested.set)
        # One run for the whole life: between two runs qasync processes pending Qt events
        # with no running loop, and a live connection's callbacks would fail there.
        code: int = loop.run_until_complete(lifetime())
    if failures:
        log.error("Start-up failed: %s", failures[0])
        QMessageBox.critical(None, "evodesk", failures[0])
        return code
    log.info("evodesk stopped")
    return code
