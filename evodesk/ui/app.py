"""Starting the desktop application: Qt, the qasync loop, translations, the services."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import QLocale, QLibraryInfo, QtMsgType, QTranslator, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from evodesk.domain.errors import EvodeskError
from evodesk.infra.logsetup import configure_logging
from evodesk.infra.paths import resolve_paths
from evodesk.services.app import AppServices
from evodesk.ui.main_window import MainWindow

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
    name = QLocale.system().name()
    return "pt_BR" if name.startswith("pt") else "en"


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
    paths = resolve_paths(args.data_dir)
    configure_logging(paths.log_file)
    qInstallMessageHandler(_qt_message_handler)
    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        services = loop.run_until_complete(
            AppServices.open(paths, database_url=args.database_url)
        )
    except EvodeskError as exc:
        log.error("Start-up failed: %s", exc)
        QMessageBox.critical(None, "evodesk", str(exc))
        return 1
    install_translators(app, choose_language(args.lang or services.settings.language))
    window = MainWindow(services)
    window.show()
    window.reload()
    quit_requested = asyncio.Event()
    app.aboutToQuit.connect(quit_requested.set)
    with loop:
        loop.run_until_complete(quit_requested.wait())
        loop.run_until_complete(services.aclose())
    return 0
