"""The events table's paint, offscreen: the events window that bench/ui.py keeps open
during its storm, filled with live events shaped like the sandbox's traffic, with the
table's own delegate (EventDelegate) and, as the peer, Qt's stock QStyledItemDelegate on
the same window, interleaved round by round. No server, no event loop, no garbage
collection: only the model and the paint.

1. repaint: the table's viewport repainted with nothing new (the window's ~25 rows),
2. batch: `--batch` live events added at the top (`EventTableModel.add_live`, as a storm
   of 1,000 events/s does every 0.5 s), then the first repaint of the new rows.

    .venv/bin/python bench/events_table.py [--rows 20000] [--batch 500] [--rounds 200]
                                           [--batches 30]

Results and how to read them: docs/performance.md, section "Desktop".
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CONTACTS = ("Ana Souza", "Bruno Lima", "Carla Mendes", "Diego Rocha", "Fábio Nunes")
TEXTS = ("Oi, tudo bem?", "Can you check my order #4821?", "Obrigado pelo atendimento!",
         "Qual o prazo de entrega para Curitiba?", "ok 👍", "Preciso da segunda via do boleto")


class _EmptyStore:
    """The window's first page: nothing stored (the rows are all live)."""

    async def list_servers(self) -> list[Any]:
        return []

    async def list_instances(self, server_id: int | None = None) -> list[Any]:
        return []

    async def list_events(self, *, limit: int = 500, before_id: int | None = None) -> list[Any]:
        return []

    async def list_gaps(self) -> list[Any]:
        return []


class Traffic:
    """Events in the sandbox's mix: texts, media, status updates, connection, QR codes."""

    def __init__(self) -> None:
        self.n = 0

    def events(self, count: int) -> list[Any]:
        from evodesk.domain.models import Event

        now = datetime.now(UTC)
        made = []
        for _ in range(count):
            self.n += 1
            n = self.n
            kind, data = self._data(n)
            made.append(Event(
                server_id=1, instance=f"vendas-{n % 100:04d}", wire_event=kind,
                received_at=now + timedelta(microseconds=n), duplicate_key=f"k{n}",
                payload={"event": kind, "instance": f"vendas-{n % 100:04d}",
                         "apikey": "********", "data": data}, is_duplicate=n % 50 == 0))
        return made

    @staticmethod
    def _data(n: int) -> tuple[str, dict[str, Any]]:
        share = n % 20
        key = {"remoteJid": f"55119876{n % 10_000:05d}@s.whatsapp.net", "fromMe": n % 5 == 0,
               "id": f"3EB0{n:012X}"}
        if share < 11:
            return "messages.upsert", {"key": key, "pushName": CONTACTS[n % len(CONTACTS)],
                                       "message": {"conversation": TEXTS[n % len(TEXTS)]}}
        if share < 13:
            return "messages.upsert", {"key": key, "pushName": CONTACTS[n % len(CONTACTS)],
                                       "message": {"imageMessage": {"caption": "foto do pedido"}}}
        if share < 18:
            return "messages.update", {"keyId": key["id"], "remoteJid": key["remoteJid"],
                                       "status": "DELIVERY_ACK"}
        if share < 19:
            return "connection.update", {"state": "open", "statusReason": 200}
        return "qrcode.updated", {"qrcode": {"code": "2@" + "x" * 200}}


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    return (f"{statistics.median(ordered) * 1000:6.2f} {ordered[len(ordered) // 10] * 1000:6.2f} "
            f"{ordered[len(ordered) * 9 // 10] * 1000:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000, help="rows before measuring")
    parser.add_argument("--batch", type=int, default=500, help="live events per batch")
    parser.add_argument("--rounds", type=int, default=200, help="repaints of each delegate")
    parser.add_argument("--batches", type=int, default=30, help="batches for each delegate")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtWidgets import QStyledItemDelegate

    from evodesk.infra.settings import Settings
    from evodesk.ui.app import create_application
    from evodesk.ui.events_window import EventsWindow

    app = create_application()
    asyncio.set_event_loop(asyncio.new_event_loop())  # the window's first load never runs
    services = SimpleNamespace(settings=Settings(), listener=None, store=_EmptyStore(),
                               save_settings=lambda _settings: None)
    window = EventsWindow(services)  # type: ignore[arg-type]
    window.show()
    window.model.set_directory({1: "bench"}, {})
    traffic = Traffic()
    window.model.add_live(traffic.events(args.rows))
    app.processEvents()
    table, viewport = window.table, window.table.viewport()
    delegates = {"EventDelegate": window.delegate, "peer: QStyledItemDelegate":
                 QStyledItemDelegate(table)}
    gc.collect()  # and no more: create_application() paused the collector, and pauses
    # of its own are bench/ui.py's to measure, not the paint's

    def timed(action: Callable[[], object]) -> float:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    repaint: dict[str, list[float]] = {name: [] for name in delegates}
    added: dict[str, list[float]] = {name: [] for name in delegates}
    first: dict[str, list[float]] = {name: [] for name in delegates}
    for delegate in delegates.values():  # warm up
        table.setItemDelegate(delegate)
        for _ in range(10):
            viewport.repaint()
    for _ in range(args.rounds):
        for name, delegate in delegates.items():
            table.setItemDelegate(delegate)
            repaint[name].append(timed(viewport.repaint))
    for _ in range(args.batches):
        for name, delegate in delegates.items():
            table.setItemDelegate(delegate)
            batch = traffic.events(args.batch)
            added[name].append(timed(lambda batch=batch: window.model.add_live(batch)))
            app.processEvents()  # the view's own bookkeeping for the new rows
            first[name].append(timed(viewport.repaint))
    table.setItemDelegate(window.delegate)

    import PySide6

    rows = table.rowAt(viewport.height() - 1) - table.rowAt(0) + 1
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, PySide6 "
          f"{PySide6.__version__}, QT_QPA_PLATFORM=offscreen; load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"events window {window.width()}x{window.height()}, {rows} rows visible, "
          f"{window.model.rowCount()} rows (cap {window.model.cap}); batches of {args.batch}")
    print(f"{'(ms: median p10 p90)':26} {'repaint':>20} {'add_live':>20} "
          f"{'first repaint of new rows':>26}")
    for name in delegates:
        print(f"  {name:24} {_ms(repaint[name])} {_ms(added[name])}       {_ms(first[name])}")
    ours, peer = delegates

    def ratio(samples: dict[str, list[float]]) -> str:
        return f"{statistics.median(samples[ours]) / statistics.median(samples[peer]):.2f}x"

    print(f"  {ours} / peer: repaint {ratio(repaint)}, first repaint of new rows {ratio(first)}")
    window.close()


if __name__ == "__main__":
    main()
