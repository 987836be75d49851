"""Screenshots of the real windows against the demo sandbox, for docs/screenshots/.

Run: .venv/bin/python -m tests.tools.screenshots [--lang pt_BR] [--theme dark] [--only NAME]
(starts its own Xvfb unless DISPLAY is set).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


async def _settle(seconds: float = 0.6) -> None:
    # Screenshots want animations and deferred layouts finished; this is a tool, not a test.
    await asyncio.sleep(seconds)


def _grab(widget: object, name: str) -> Path:
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    print(path)
    return path


async def shoot(lang: str, theme: str, only: set[str] | None) -> None:
    from evodesk.demo import Demo
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore
    from evodesk.services.app import AppServices
    from evodesk.services.instances import InstanceRef
    from evodesk.ui.desktop import Desktop

    suffix = ("" if lang == "en" else f"-{lang}") + (f"-{theme}" if theme else "")
    data = tempfile.mkdtemp(prefix="evodesk-shots-")
    services = await AppServices.open(resolve_paths(data), secrets=MemorySecretStore(),
                                      listen=True)
    demo = await Demo.start(rate=2.0)
    await demo.register(services)
    desktop = Desktop(services)
    window = desktop.window
    window.resize(1180, 560)
    window.show()
    await desktop.start()
    await _settle(1.5)
    window.reload()
    await _settle()

    def wanted(name: str) -> bool:
        return only is None or name in only

    if wanted("main-window"):
        _grab(window, f"main-window{suffix}")
    shots: list[tuple[str, str, Callable[[], Awaitable[None]] | None]] = [
        ("dialog-webhook", "vendas", None),
        ("dialog-websocket", "loja-sp", None),
        ("dialog-none", "suporte", None),
    ]
    for name, instance_name, _ in shots:
        if not wanted(name):
            continue
        instance = await services.store.get_instance(
            (await services.store.get_server("Sandbox")).id or 0, instance_name)
        dialog = window.open_config(instance)
        await _settle(1.2)
        _grab(dialog, f"{name}{suffix}")
        dialog.close()
    if wanted("events"):
        desktop.show_events()
        await _settle(2.5)
        if desktop.events_window is not None:
            _grab(desktop.events_window, f"events{suffix}")
    await desktop.shutdown()
    await demo.stop()
    del InstanceRef


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en")
    parser.add_argument("--theme", default="", choices=("", "light", "dark"))
    parser.add_argument("--only", action="append")
    args = parser.parse_args()
    xvfb = None
    if not os.environ.get("DISPLAY"):
        from tests.support.processes import start_xvfb

        xvfb = start_xvfb()
        os.environ["DISPLAY"] = xvfb.display
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    import qasync
    from PySide6.QtWidgets import QApplication

    from evodesk.ui.app import create_application, install_translators
    from evodesk.ui.theme import apply_theme

    app = create_application()
    install_translators(app, args.lang)
    apply_theme(app, args.theme)
    app.setQuitOnLastWindowClosed(False)
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        qasync.run(shoot(args.lang, args.theme, set(args.only) if args.only else None))
    finally:
        if xvfb is not None:
            from tests.support.processes import stop

            stop(xvfb.process)
    del QApplication
    return 0


if __name__ == "__main__":
    sys.exit(main())
