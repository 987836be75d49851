"""Starting the desktop application: Qt, the qasync loop, translations, the services,
and (with --sandbox) a local demo server."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from pathlib import Path

import qasync
from PySide6.QtCore import QLibraryInfo, QLocale, QtMsgType, QTranslator, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from evodesk.domain.errors import EvodeskError
from evodesk.infra.logsetup import configure_logging
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore, SecretStore
from evodesk.infra.settings import load_settings
from evodesk.services.app import AppServices

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
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
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("evodesk")
    app.setOrganizationName("evodesk")
    app.setDesktopFileName("evodesk")
    return app


def run_gui(args: argparse.Namespace) -> int:
    from evodesk.ui.desktop import Desktop

    throwaway: tempfile.TemporaryDirectory[str] | None = None
    data_dir = args.data_dir
    if args.sandbox and data_dir is None:
        throwaway = tempfile.TemporaryDirectory(prefix="evodesk-sandbox-")
        data_dir = throwaway.name
    paths = resolve_paths(data_dir)
    configure_logging(paths.log_file)
    qInstallMessageHandler(_qt_message_handler)
    app = create_application()
    install_translators(app, choose_language(
        args.lang or load_settings(paths.settings_file).language))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    demo = None
    # A throw-away sandbox session keeps its fake key in memory; real keys use the keyring.
    secrets: SecretStore | None = MemorySecretStore() if throwaway is not None else None
    try:
        services = loop.run_until_complete(AppServices.open(
            paths, database_url=args.database_url, secrets=secrets, listen=True))
        if args.sandbox:
            from evodesk.demo import Demo

            demo = loop.run_until_complete(Demo.start())
            loop.run_until_complete(demo.register(services))
    except EvodeskError as exc:
        log.error("Start-up failed: %s", exc)
        QMessageBox.critical(None, "evodesk", str(exc))
        return 1
    desktop = Desktop(services)
    if not args.tray:
        desktop.window.show()
    quit_requested = asyncio.Event()
    app.aboutToQuit.connect(quit_requested.set)
    with loop:
        loop.run_until_complete(desktop.start())
        loop.run_until_complete(quit_requested.wait())
        loop.run_until_complete(desktop.shutdown())
        if demo is not None:
            loop.run_until_complete(demo.stop())
    if throwaway is not None:
        throwaway.cleanup()
    return 0
