"""Desktop responsiveness: start to window shown, the event loop under a live-event storm
with the main and events windows open, and a filter keystroke on 1,000 instances; each
against a peer measured in the same run. Qt runs offscreen.

The sandbox runs in its own process (a real server is another machine; here it gets the
second core) with 1,000 instances, 100 of them in websocket mode; evodesk's database
holds all 1,000 after a sync. Measured:

1. start: this script runs itself as a child process for every start, from the spawn to
   the end of the main window's first frame, and with 1,000 instances also to the first
   frame of the filled table; the peer is a bare QApplication with an empty QMainWindow.
2. storm: 10 events/s on each websocket instance (1,000/s) for 10 s, with the main and
   the events windows open; a 5 ms precise QTimer records its own lateness. The peer is
   the same timer, same windows and connections, no traffic.
3. filter: keystrokes typed into the main window's search box, timed to the end of the
   re-filter and to the end of the next frame; the peer is Qt's stock
   QSortFilterProxyModel.setFilterFixedString on the same model, in the same kind of view.

    .venv/bin/python bench/ui.py [--instances 1000] [--websocket 100] [--rate 10]
                                 [--seconds 10] [--starts 5]
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # before anything else: a child's start is timed from here

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import multiprocessing as mp  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from multiprocessing.connection import Connection  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

KEY = "BENCH-UI-GLOBAL-KEY"
KEY_ENV = "EVODESK_BENCH_KEY"
SERVER = "bench"
SHOPS = ("loja", "suporte", "vendas", "financeiro", "entregas", "atendimento", "cobranca",
         "marketing")
LIVE_EVENTS = ["MESSAGES_UPSERT", "MESSAGES_UPDATE", "CONNECTION_UPDATE", "QRCODE_UPDATED",
               "SEND_MESSAGE"]
TYPED = "vendas-012"  # typed, then erased: 20 keystrokes
PROBE_MS = 5


def instance_names(count: int) -> list[str]:
    return [f"{SHOPS[i % len(SHOPS)]}-{i:04d}" for i in range(count)]


def websocket_names(names: list[str], count: int) -> list[str]:
    step = max(1, len(names) // max(count, 1))
    return names[::step][:count]


# --- the server process --------------------------------------------------------------


def server_main(pipe: Connection, instances: int, websocket: int) -> None:
    asyncio.run(_server(pipe, instances, websocket))


async def _server(pipe: Connection, instances: int, websocket: int) -> None:
    import aiohttp

    from evodesk.sandbox import Sandbox

    names = instance_names(instances)
    live = websocket_names(names, websocket)
    async with Sandbox(api_key=KEY, instances=names) as sandbox:
        async with aiohttp.ClientSession(
            base_url=sandbox.url, headers={"apikey": KEY}, raise_for_status=True
        ) as http:
            for name in live:
                body = {"websocket": {"enabled": True, "events": LIVE_EVENTS}}
                async with http.post(f"/websocket/set/{name}", json=body) as response:
                    await response.read()
        # A namespace exists from its first event on: one each, before anyone listens.
        for name in live:
            await sandbox.send_text(name, "Bom dia!")
        pipe.send(sandbox.url)
        loop = asyncio.get_running_loop()
        # "rate" sets events/s on every websocket instance; "count" answers the events
        # produced so far and this process's CPU seconds; anything else ends.
        while True:
            command = await loop.run_in_executor(None, pipe.recv)
            if command[0] == "rate":
                for name in live:
                    sandbox.set_rate(name, command[1])
            elif command[0] == "count":
                pipe.send((sandbox.traffic_produced, time.process_time()))
            else:
                break


# --- start: the child process --------------------------------------------------------


def child_main(kind: str, data_dir: str, rows: int) -> None:
    """Prints the moments (perf_counter, one clock for all processes) of this start."""
    if kind == "peer":
        marks = _bare_start()
    else:
        marks = _evodesk_start(Path(data_dir), rows)
    print(json.dumps({"t0": _T0, **marks}), flush=True)


class _FrameWatch:
    """Notes the end of the first frame of a window, and of a widget once `ready()`."""

    def __init__(self, marks: dict[str, float], on_done: Any) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        marks_ = marks

        class Filter(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                watch._seen(obj, event)
                return False

        watch = self
        self._marks = marks_
        self._on_done = on_done
        self._timer = QTimer
        self._expose = QEvent.Type.Expose
        self._paint = QEvent.Type.Paint
        self.window: Any = None
        self.widget: Any = None
        self.ready: Any = None
        self.filter = Filter()

    def _seen(self, obj: Any, event: Any) -> None:
        kind = event.type()
        if (kind == self._expose and "frame" not in self._marks and self.window is not None
                and obj == self.window.windowHandle()):
            self._marks["frame"] = 0.0
            self._timer.singleShot(0, lambda: self._mark("frame"))
        elif (kind == self._paint and self.widget is not None and "rows" not in self._marks
              and obj == self.widget and self.ready is not None and self.ready()):
            self._marks["rows"] = 0.0
            self._timer.singleShot(0, lambda: self._mark("rows"))

    def _mark(self, name: str) -> None:
        self._marks[name] = time.perf_counter()
        if all(self._marks.get(k) for k in ("frame", *(("rows",) if self.widget else ()))):
            self._on_done()


def _bare_start() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    marks: dict[str, float] = {"imports": time.perf_counter()}
    app = QApplication(sys.argv[:1])
    watch = _FrameWatch(marks, app.quit)
    app.installEventFilter(watch.filter)
    window = QMainWindow()
    window.resize(1180, 680)
    watch.window = window
    marks["window"] = time.perf_counter()
    window.show()
    app.exec()
    return marks


def _evodesk_start(data_dir: Path, rows: int) -> dict[str, float]:
    """What `evodesk --data-dir D` does (evodesk.ui.app.run_gui), with the key in memory
    (there is no keyring offscreen)."""
    import logging

    import qasync
    from PySide6.QtCore import qInstallMessageHandler

    from evodesk.infra.logsetup import configure_logging
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore, server_key_ref
    from evodesk.infra.settings import load_settings
    from evodesk.services.app import AppServices
    from evodesk.ui.app import (
        _qt_message_handler,
        choose_language,
        create_application,
        install_translators,
    )
    from evodesk.ui.desktop import Desktop
    from evodesk.ui.single_instance import SingleInstance

    marks: dict[str, float] = {"imports": time.perf_counter()}
    paths = resolve_paths(data_dir)
    configure_logging(paths.log_file, stderr_level=logging.WARNING)
    qInstallMessageHandler(_qt_message_handler)
    app = create_application()
    app.setQuitOnLastWindowClosed(False)
    guard = SingleInstance(paths.data_dir)
    if not guard.claim():
        raise SystemExit(f"{data_dir} is in use")
    install_translators(app, choose_language(load_settings(paths.settings_file).language))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    done = asyncio.Event()
    watch = _FrameWatch(marks, done.set)
    app.installEventFilter(watch.filter)

    async def lifetime() -> None:
        secrets = MemorySecretStore()
        await secrets.set(server_key_ref(SERVER), os.environ.get(KEY_ENV, ""))
        services = await AppServices.open(paths, secrets=secrets, listen=True)
        marks["services"] = time.perf_counter()
        desktop = Desktop(services)
        marks["window"] = time.perf_counter()
        watch.window = desktop.window
        if rows:
            watch.widget = desktop.window.table.viewport()
            watch.ready = lambda: desktop.window.model.rowCount() >= rows
        desktop.window.show()
        await desktop.start()
        await done.wait()
        app.removeEventFilter(watch.filter)
        await desktop.shutdown()

    try:
        with loop:
            loop.run_until_complete(lifetime())
    finally:
        guard.close()
    return marks


@dataclass
class Start:
    kind: str
    spawn: float  # the parent's clock when it started the child
    marks: dict[str, float]

    def since_spawn(self, mark: str) -> float:
        return self.marks[mark] - self.spawn

    def since_top(self, mark: str) -> float:
        return self.marks[mark] - self.marks["t0"]


def run_start(kind: str, data_dir: Path | None, rows: int) -> Start:
    command = [sys.executable, os.path.abspath(__file__), "--child", kind,
               "--data-dir", str(data_dir or ""), "--rows", str(rows)]
    env = {**os.environ, KEY_ENV: KEY, "QT_QPA_PLATFORM": "offscreen"}
    spawn = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"start {kind} failed:\n{done.stderr}")
    marks = json.loads(done.stdout.strip().splitlines()[-1])
    return Start(kind, spawn, marks)


# --- the database --------------------------------------------------------------------


async def prepare(url: str, empty: Path, full: Path) -> None:
    """An empty database, and one that knows every sandbox instance (after a sync)."""
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore
    from evodesk.services.app import AppServices

    for data_dir in (empty, full):
        services = await AppServices.open(resolve_paths(data_dir), secrets=MemorySecretStore())
        try:
            if data_dir == full:
                await services.servers.add(SERVER, url, KEY)
                [summary] = await services.sync.sync_all(SERVER)
                if summary.error or summary.failed:
                    raise SystemExit(f"sync: {summary.error or summary.failed}")
        finally:
            await services.aclose()


# --- the running desktop: storm and filter -------------------------------------------


@dataclass
class Stalls:
    late_ms: list[float] = field(default_factory=list)

    def percentile(self, q: float) -> float:
        ordered = sorted(self.late_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0

    @property
    def worst(self) -> float:
        return max(self.late_ms, default=0.0)


@dataclass
class Storm:
    idle: Stalls
    storm: Stalls
    seconds: float
    produced: int  # by the sandbox during the storm
    shown: int  # live rows the events window added
    stored: int  # events in evodesk's database after the storm
    dropped: int  # live events the events window's queue dropped
    cpu: float  # this process's CPU seconds during the storm
    server_cpu: float


@dataclass
class Keystrokes:
    filtered_ms: list[float] = field(default_factory=list)
    frame_ms: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


class _Probe:
    """A precise 5 ms timer noting how late each tick is."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self._last = 0.0
        self.stalls = Stalls()

    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.stalls.late_ms.append(max(0.0, (now - self._last) * 1000 - PROBE_MS))
        self._last = now

    async def run(self, seconds: float) -> Stalls:
        self.stalls = Stalls()
        self._last = time.perf_counter()
        self.timer.start()
        await asyncio.sleep(seconds)
        self.timer.stop()
        return self.stalls


class _NextFrame:
    """Awaits the end of the next paint of a widget."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        watch = self

        class Filter(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and watch.future is not None:
                    future, watch.future = watch.future, None
                    QTimer.singleShot(0, lambda: future.done() or future.set_result(
                        time.perf_counter()))
                return False

        self.filter = Filter()
        self.future: asyncio.Future[float] | None = None
        widget.installEventFilter(self.filter)

    def arm(self) -> asyncio.Future[float]:
        self.future = asyncio.get_running_loop().create_future()
        return self.future


async def until(check: Any, what: str, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def desktop_bench(pipe: Connection, data_dir: Path, rows: int, websocket: int,
                        rate: float, seconds: float) -> tuple[Storm, Keystrokes, Keystrokes]:
    from evodesk.domain.models import ListenerState
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore, server_key_ref
    from evodesk.services.app import AppServices
    from evodesk.ui.desktop import Desktop
    from evodesk.ui.events_window import EventsWindow

    secrets = MemorySecretStore()
    await secrets.set(server_key_ref(SERVER), KEY)
    services = await AppServices.open(resolve_paths(data_dir), secrets=secrets, listen=True)
    desktop = Desktop(services)
    window = desktop.window
    window.show()
    await desktop.start()
    listener = services.listener
    assert listener is not None
    server = await services.store.get_server(SERVER)
    live = [i.name for i in await services.store.list_instances() if i.websocket_enabled]

    def all_live() -> bool:
        return all(listener.namespace_state(server.id or 0, n) is ListenerState.LIVE
                   for n in live)

    await until(lambda: window.model.rowCount() == rows, "the table to fill")
    await until(lambda: len(live) == websocket and all_live(), "every namespace to be live")
    desktop.show_events()
    events = desktop.events_window
    assert isinstance(events, EventsWindow)
    await until(lambda: not events.feed._loading, "the events window to load")
    try:
        storm = await _storm(pipe, services, events, rate, seconds)
        ours, stock = await _filter(window)
    finally:
        await desktop.shutdown()
    return storm, ours, stock


async def _storm(pipe: Connection, services: Any, events: Any, rate: float,
                 seconds: float) -> Storm:
    probe = _Probe()
    await asyncio.sleep(1.0)  # let start-up work (gaps, first pages) finish
    idle = await probe.run(seconds)
    pipe.send(("count",))
    produced, server_cpu = pipe.recv()
    shown, stored = events.model.event_count, await services.store.count_events()
    cpu, started = time.process_time(), time.perf_counter()
    pipe.send(("rate", rate))
    storm = await probe.run(seconds)
    pipe.send(("rate", 0.0))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    pipe.send(("count",))
    produced_after, server_cpu_after = pipe.recv()
    await asyncio.sleep(1.0)  # the last batches reach the view and the store
    await services.listener.flush()
    return Storm(
        idle=idle, storm=storm, seconds=wall, produced=produced_after - produced,
        shown=events.model.event_count - shown,
        stored=await services.store.count_events() - stored,
        dropped=events.feed.dropped, cpu=cpu, server_cpu=server_cpu_after - server_cpu,
    )


def keystrokes(text: str) -> list[str]:
    typed = [text[: i + 1] for i in range(len(text))]
    return typed + [text[:i] for i in range(len(text) - 1, -1, -1)]


async def _filter(window: Any, rounds: int = 3) -> tuple[Keystrokes, Keystrokes]:
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QTableView

    from evodesk.ui.instance_model import SORT_ROLE, Column

    peer_window = QMainWindow()
    peer_window.resize(window.size())
    stock = QSortFilterProxyModel(peer_window)
    stock.setSourceModel(window.model)
    stock.setSortRole(SORT_ROLE)
    stock.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    stock.setFilterKeyColumn(-1)  # any column, as the search box looks at several
    table = QTableView(peer_window)
    table.setModel(stock)
    table.setSortingEnabled(True)
    table.sortByColumn(Column.INSTANCE, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    peer_window.setCentralWidget(table)
    peer_window.show()
    window.raise_()
    await asyncio.sleep(0.5)

    ours, peer = Keystrokes(), Keystrokes()
    our_frame, peer_frame = _NextFrame(window.table.viewport()), _NextFrame(table.viewport())
    for _round in range(rounds):
        for text in keystrokes(TYPED):
            await _keystroke(ours, our_frame, window.table.viewport(),
                             lambda t=text: window.search.setText(t), window.proxy)
        for text in keystrokes(TYPED):
            await _keystroke(peer, peer_frame, table.viewport(),
                             lambda t=text: stock.setFilterFixedString(t), stock)
    peer_window.close()
    return ours, peer


async def _keystroke(out: Keystrokes, frame: _NextFrame, viewport: Any, apply: Any,
                     proxy: Any) -> None:
    await asyncio.sleep(0.03)  # typing speed: the loop settles between keys
    painted = frame.arm()
    started = time.perf_counter()
    apply()
    filtered = time.perf_counter()
    viewport.update()  # a frame even when the rows shown did not change
    out.filtered_ms.append((filtered - started) * 1000)
    out.frame_ms.append((await asyncio.wait_for(painted, 5.0) - started) * 1000)
    out.rows.append(proxy.rowCount())


def run_desktop(pipe: Connection, data_dir: Path, rows: int, websocket: int, rate: float,
                seconds: float) -> tuple[Storm, Keystrokes, Keystrokes]:
    import qasync

    from evodesk.ui.app import create_application

    app = create_application()
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(
            desktop_bench(pipe, data_dir, rows, websocket, rate, seconds))


# --- the harness ---------------------------------------------------------------------


def copy_of(source: Path, root: Path, name: str) -> Path:
    target = root / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


def starts(root: Path, empty: Path, full: Path, rows: int, repeat: int) -> dict[str, list[Start]]:
    """First launches once (they also leave each folder as a later start finds it),
    then `repeat` interleaved rounds of the everyday starts."""
    results: dict[str, list[Start]] = {"first launch (no data folder)": [
        run_start("evodesk", root / "fresh", 0)]}
    run_start("evodesk", empty, 0)
    results["first start after a sync, 1,000 rows"] = [run_start("evodesk", full, rows)]
    for kind in ("peer", "evodesk-empty", "evodesk-full"):  # warm the file cache
        run_start(kind.split("-")[0], copy_of(full if "full" in kind else empty, root, "w"),
                  rows if "full" in kind else 0)
    plan = (("peer: bare QApplication + QMainWindow", "peer", None, 0),
            ("empty database", "evodesk", empty, 0),
            ("1,000 instances", "evodesk", full, rows))
    for _ in range(repeat):
        for name, kind, source, wanted in plan:
            data_dir = copy_of(source, root, "run") if source is not None else None
            results.setdefault(name, []).append(run_start(kind, data_dir, wanted))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", type=int, default=1000)
    parser.add_argument("--websocket", type=int, default=100, help="instances in websocket mode")
    parser.add_argument("--rate", type=float, default=10.0, help="events/s per websocket instance")
    parser.add_argument("--seconds", type=float, default=10.0, help="storm and idle length")
    parser.add_argument("--starts", type=int, default=5, help="timed starts of each kind")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.child:
        child_main(args.child, args.data_dir, args.rows)
        return

    ctx = mp.get_context("spawn")
    ours, theirs = ctx.Pipe()
    server = ctx.Process(target=server_main, args=(theirs, args.instances, args.websocket))
    server.start()
    try:
        url = ours.recv()
        with tempfile.TemporaryDirectory(prefix="evodesk-bench-ui-") as tmp:
            root = Path(tmp)
            empty, full = root / "empty", root / "full"
            asyncio.run(prepare(url, empty, full))
            started = starts(root, empty, full, args.instances, args.starts)
            storm, filtered, stock = run_desktop(
                ours, copy_of(full, root, "desktop"), args.instances, args.websocket,
                args.rate, args.seconds)
    finally:
        ours.send(("stop",))
        server.join(30)
    report(args, started, storm, filtered, stock)


# --- the report ----------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f}"


def report(args: argparse.Namespace, started: dict[str, list[Start]], storm: Storm,
           ours: Keystrokes, stock: Keystrokes) -> None:
    import PySide6

    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"PySide6 {PySide6.__version__}, {platform.system()} {platform.machine()}, "
          f"QT_QPA_PLATFORM=offscreen; load average {os.getloadavg()[0]:.1f}")
    print(f"sandbox: {args.instances} instances, {args.websocket} in websocket mode, "
          f"own process")
    print()
    print("start (ms, median of the runs; 'spawn' counts from the parent starting the "
          "process, 'top' from the first line of the script)")
    print(f"{'':38} {'runs':>4} {'imports':>7} {'window':>6} {'frame':>6} {'rows':>6} "
          f"{'spawn→frame':>11} {'min':>6} {'max':>6} {'spawn→rows':>10}")
    for name, runs in started.items():
        def median(mark: str, runs: list[Start] = runs) -> float:
            return statistics.median(r.since_top(mark) for r in runs)
        frames = [r.since_spawn("frame") for r in runs]
        has_rows = "rows" in runs[0].marks
        rows = statistics.median(r.since_top("rows") for r in runs) if has_rows else None
        to_rows = statistics.median(r.since_spawn("rows") for r in runs) if has_rows else None
        print(f"{name:38} {len(runs):4d} {_ms(median('imports')):>7} "
              f"{_ms(median('window')):>6} {_ms(median('frame')):>6} "
              f"{_ms(rows) if rows is not None else '':>6} "
              f"{_ms(statistics.median(frames)):>11} {_ms(min(frames)):>6} "
              f"{_ms(max(frames)):>6} {_ms(to_rows) if to_rows is not None else '':>10}")
    peer = statistics.median(r.since_spawn("frame") for r in
                             started["peer: bare QApplication + QMainWindow"])
    for name in ("empty database", "1,000 instances"):
        runs = started[name]
        frame = statistics.median(r.since_spawn("frame") for r in runs)
        line = f"{name}: window shown {frame * 1000:.0f} ms = {frame / peer:.1f}x the bare peer"
        if "rows" in runs[0].marks:
            filled = statistics.median(r.since_spawn("rows") for r in runs)
            line += f"; table filled {filled * 1000:.0f} ms = {filled / peer:.1f}x"
        print(line + " (target < 1500 ms)")
    print()
    _report_storm(args, storm)
    print()
    _report_filter(ours, stock)


def _report_storm(args: argparse.Namespace, storm: Storm) -> None:
    target = args.websocket * args.rate
    print(f"storm: {args.rate:g} events/s × {args.websocket} websocket instances "
          f"(asked {target:.0f}/s) for {storm.seconds:.1f} s; main and events windows open")
    print(f"  sandbox produced {storm.produced} events = {storm.produced / storm.seconds:.0f}/s;"
          f" events window added {storm.shown}, database gained {storm.stored}, "
          f"view dropped {storm.dropped}")
    print(f"  CPU: evodesk {storm.cpu / storm.seconds * 100:.0f}% of a core, "
          f"{storm.cpu / max(storm.shown, 1) * 1e6:.0f} µs per event; "
          f"sandbox {storm.server_cpu / storm.seconds * 100:.0f}%")
    print(f"  {PROBE_MS} ms timer lateness (ms) {'ticks':>6} {'p50':>6} {'p99':>6} "
          f"{'worst':>6} {'>16ms':>6}")
    for name, stalls in (("idle (peer)", storm.idle), ("storm", storm.storm)):
        over = sum(1 for x in stalls.late_ms if x > 16)
        print(f"  {name:29} {len(stalls.late_ms):6d} {stalls.percentile(0.5):6.1f} "
              f"{stalls.percentile(0.99):6.1f} {stalls.worst:6.1f} {over:6d}")
    idle, busy = storm.idle, storm.storm
    print(f"  storm / idle: p99 {busy.percentile(0.99) / max(idle.percentile(0.99), 0.1):.1f}x, "
          f"worst {busy.worst / max(idle.worst, 0.1):.1f}x (targets: p99 < 16 ms, "
          f"worst < 100 ms)")


def _report_filter(ours: Keystrokes, stock: Keystrokes) -> None:
    print(f"filter: '{TYPED}' typed then erased, {len(ours.filtered_ms)} keystrokes on the "
          f"main window's {max(ours.rows)}-row table (ms)")
    print(f"  {'':44} {'median':>6} {'worst':>6} | to the next frame: {'median':>6} "
          f"{'worst':>6}")
    for name, runs in (("evodesk (InstanceFilterProxy.set_text)", ours),
                       ("peer: stock setFilterFixedString, any column", stock)):
        print(f"  {name:44} {statistics.median(runs.filtered_ms):6.1f} "
              f"{max(runs.filtered_ms):6.1f} | {'':18} "
              f"{statistics.median(runs.frame_ms):6.1f} {max(runs.frame_ms):6.1f}")
    ratio = statistics.median(ours.filtered_ms) / statistics.median(stock.filtered_ms)
    print(f"  evodesk / stock (median filter): {ratio:.2f}x (target < 30 ms)")


if __name__ == "__main__":
    main()
