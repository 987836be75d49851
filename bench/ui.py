"""Desktop responsiveness: start to window shown, the event loop under a live-event storm
with the main and events windows open, and a filter keystroke on 1,000 instances; each
against a peer measured in the same run. Qt runs offscreen.

The sandbox runs in its own process (a real server is another machine; here it gets the
second core) with 1,000 instances, 100 of them in websocket mode; evodesk's database
holds all 1,000 after a sync. Measured:

1. start: this script runs itself as a child process for every start, from the spawn to
   the end of the main window's first frame, and with 1,000 instances also to the first
   frame of the filled table; the peer is a bare QApplication with an empty QMainWindow.
2. storm: 10 events/s on each websocket instance (1,000/s; the other 900 stay silent)
   for 10 s, with the main and the events windows open; a 5 ms precise QTimer records
   its own lateness. The peer is the same timer for as long just before: same windows
   and connections, no traffic. The sandbox's counters give the rate achieved.
3. filter: keystrokes typed into the main window's search box, timed to the end of the
   re-filter and to the end of the next frame; the peers are Qt's stock
   QSortFilterProxyModel.setFilterFixedString on the same model, in the same kind of
   view, over any column and over the instance column.

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
    marks = _bare_start() if kind == "peer" else _evodesk_start(Path(data_dir), rows)
    print(json.dumps({"t0": _T0, **marks}), flush=True)


class _FrameWatch:
    """Notes when the first frame of `window` is done ("frame": its first expose handled,
    which paints it) and, with `widget` set, the first paint of it once `ready()`
    ("rows"); then calls `on_done`. Installed on the application before anything shows."""

    def __init__(self, marks: dict[str, float], on_done: Any) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        watch = self

        class Filter(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                kind = event.type()
                if kind == QEvent.Type.Expose:
                    watch.seen_expose(obj)
                elif kind == QEvent.Type.Paint:
                    watch.seen_paint(obj)
                return False

        self.marks = marks
        self.on_done = on_done
        self.single_shot = QTimer.singleShot
        self.window: Any = None
        self.widget: Any = None
        self.ready: Any = None
        self.filter = Filter()

    def seen_expose(self, obj: Any) -> None:
        if ("frame" not in self.marks and self.window is not None
                and obj == self.window.windowHandle()):
            self.marks["frame"] = 0.0
            self.single_shot(0, lambda: self._done("frame"))  # after the paint it causes

    def seen_paint(self, obj: Any) -> None:
        if ("rows" not in self.marks and self.widget is not None and obj == self.widget
                and self.ready()):
            self.marks["rows"] = 0.0
            self.single_shot(0, lambda: self._done("rows"))

    def _done(self, name: str) -> None:
        self.marks[name] = time.perf_counter()
        if self.marks.get("frame") and (self.widget is None or self.marks.get("rows")):
            self.on_done()


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
        services = await AppServices.open(paths, secrets=MemorySecretStore(), listen=True)
        # Under this database's scope, as the keyring holds it (no listening before start).
        await services.secrets.set(server_key_ref(SERVER), os.environ.get(KEY_ENV, ""))
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
    notified: int  # notifications raised (without a tray: shown in the main window)
    cpu: float  # this process's CPU seconds during the storm
    loop_cpu: float  # of which the thread running the event loop (and Qt)
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

        def painted(future: asyncio.Future[float]) -> None:
            if not future.done():
                future.set_result(time.perf_counter())

        class Filter(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and watch.future is not None:
                    future, watch.future = watch.future, None
                    QTimer.singleShot(0, lambda: painted(future))  # after this paint
                return False

        self.filter = Filter()
        self.future: asyncio.Future[float] | None = None
        widget.installEventFilter(self.filter)

    def arm(self) -> asyncio.Future[float]:
        self.future = asyncio.get_running_loop().create_future()
        return self.future


class BenchFailed(Exception):
    """Raised on the Qt loop, where a SystemExit would end the process at once, from
    inside the loop, before the sandbox is told to stop (its join would then wait for
    ever); main() turns it into the exit."""


async def until(check: Any, what: str, timeout: float = 60.0,
                detail: Any = None) -> None:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            why = f" ({detail()})" if detail is not None else ""
            raise BenchFailed(f"timed out waiting for {what}{why}")
        await asyncio.sleep(0.05)


async def desktop_bench(pipe: Connection, data_dir: Path, rows: int, websocket: int,
                        rate: float, seconds: float) -> tuple[Storm, dict[str, Keystrokes]]:
    from evodesk.domain.models import ListenerState
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore, server_key_ref
    from evodesk.services.app import AppServices
    from evodesk.ui.desktop import Desktop
    from evodesk.ui.events_window import EventsWindow

    services = await AppServices.open(resolve_paths(data_dir), secrets=MemorySecretStore(),
                                      listen=True)
    await services.secrets.set(server_key_ref(SERVER), KEY)
    desktop = Desktop(services)
    window = desktop.window
    window.show()
    await desktop.start()
    try:
        listener = services.listener
        assert listener is not None
        server = await services.store.get_server(SERVER)
        live = [i.name for i in await services.store.list_instances() if i.websocket_enabled]

        def not_live() -> list[str]:
            return [n for n in live
                    if listener.namespace_state(server.id or 0, n) is not ListenerState.LIVE]

        def why_not_live() -> str:
            why = f"{len(live)} of {websocket} in websocket mode"
            for name in not_live()[:1]:
                state = listener.namespace_state(server.id or 0, name)
                reason = listener.namespace_reason(server.id or 0, name)
                why += f"; {name}: {state.value}" + (f", {reason}" if reason else "")
            return why

        await until(lambda: window.model.rowCount() == rows, "the table to fill")
        await until(lambda: len(live) == websocket and not not_live(),
                    "every namespace to be live", detail=why_not_live)
        desktop.show_events()
        events = desktop.events_window
        assert isinstance(events, EventsWindow)
        await until(lambda: events.model.rowCount() > 0
                    or not events.feed.tasks.is_running("load"), "the events window to load")
        storm = await _storm(pipe, desktop, events, rate, seconds)
        typed = await _filter(window)
    finally:
        await desktop.shutdown()
    return storm, typed


async def _storm(pipe: Connection, desktop: Any, events: Any, rate: float,
                 seconds: float) -> Storm:
    services = desktop.services
    notified: list[object] = []
    desktop.tray_presenter.notified.connect(notified.append)
    probe = _Probe()
    await asyncio.sleep(1.0)  # let start-up work (gaps, first pages) finish
    idle = await probe.run(seconds)
    pipe.send(("count",))
    produced, server_cpu = pipe.recv()
    shown, stored = events.model.event_count, await services.store.count_events()
    notified.clear()
    cpu, loop_cpu, started = time.process_time(), time.thread_time(), time.perf_counter()
    pipe.send(("rate", rate))
    storm = await probe.run(seconds)
    pipe.send(("rate", 0.0))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    loop_cpu, raised = time.thread_time() - loop_cpu, len(notified)
    pipe.send(("count",))
    produced_after, server_cpu_after = pipe.recv()
    await asyncio.sleep(1.0)  # the last batches reach the view and the store
    await services.listener.flush()
    return Storm(
        idle=idle, storm=storm, seconds=wall, produced=produced_after - produced,
        shown=events.model.event_count - shown,
        stored=await services.store.count_events() - stored,
        dropped=events.feed.dropped, notified=raised, cpu=cpu, loop_cpu=loop_cpu,
        server_cpu=server_cpu_after - server_cpu,
    )


def keystrokes(text: str) -> list[str]:
    typed = [text[: i + 1] for i in range(len(text))]
    return typed + [text[:i] for i in range(len(text) - 1, -1, -1)]


OURS = "evodesk: InstanceFilterProxy.set_text"
PEERS = {  # Qt's stock proxy, filter key column: any (the search looks at several), instance
    "peer: stock setFilterFixedString, any column": -1,
    "peer: stock, instance column only": 1,
}


async def _filter(window: Any, rounds: int = 3) -> dict[str, Keystrokes]:
    """Typed into the main window's search box, and into stock proxies over the same model
    in the same kind of view (sorted by instance, same size)."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QTableView

    from evodesk.ui.instance_model import SORT_ROLE, Column

    views: dict[str, tuple[Any, Any, Any]] = {
        OURS: (window.table, window.proxy, window.search.setText)}
    peer_windows = []
    for name, column in PEERS.items():
        peer_window = QMainWindow()
        peer_window.resize(window.size())
        stock = QSortFilterProxyModel(peer_window)
        stock.setSourceModel(window.model)
        stock.setSortRole(SORT_ROLE)
        stock.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        stock.setFilterKeyColumn(column)
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
        peer_windows.append(peer_window)
        views[name] = (table, stock, stock.setFilterFixedString)
    await asyncio.sleep(0.5)

    results = {name: Keystrokes() for name in views}
    frames = {name: _NextFrame(table.viewport()) for name, (table, _, _) in views.items()}
    for _round in range(rounds):  # interleaved, so load changes hit all alike
        for name, (table, proxy, apply) in views.items():
            for text in keystrokes(TYPED):
                await _keystroke(results[name], frames[name], table.viewport(),
                                 lambda t=text, f=apply: f(t), proxy)
    for peer_window in peer_windows:
        peer_window.close()
    return results


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


def _quiet_offscreen(mode: Any, context: Any, message: str) -> None:
    """The offscreen platform says what it cannot do (raise, size hints); the rest shows."""
    if not message.startswith("This plugin does not support"):
        print(f"qt: {message}", file=sys.stderr)


def run_desktop(pipe: Connection, data_dir: Path, rows: int, websocket: int, rate: float,
                seconds: float) -> tuple[Storm, dict[str, Keystrokes]]:
    import qasync
    from PySide6.QtCore import qInstallMessageHandler

    from evodesk.ui.app import create_application

    app = create_application()
    app.setQuitOnLastWindowClosed(False)
    qInstallMessageHandler(_quiet_offscreen)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        results: tuple[Storm, dict[str, Keystrokes]] = loop.run_until_complete(
            desktop_bench(pipe, data_dir, rows, websocket, rate, seconds))
    return results


# --- the harness ---------------------------------------------------------------------


def copy_of(source: Path, root: Path, name: str) -> Path:
    target = root / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


PEER_START = "peer: bare QApplication + QMainWindow"
EMPTY_START = "empty database"


def full_start(rows: int) -> str:
    return f"{rows:,} instances"


def starts(root: Path, empty: Path, full: Path, rows: int, repeat: int) -> dict[str, list[Start]]:
    """First launches once (they also leave each folder as a later start finds it: one-time
    notices given, header state saved), then `repeat` interleaved rounds of the others."""
    results: dict[str, list[Start]] = {
        "first launch (no data folder)": [run_start("evodesk", root / "fresh", 0)]}
    run_start("evodesk", empty, 0)
    results[f"first start after a sync, {rows:,} rows"] = [run_start("evodesk", full, rows)]
    plan = ((PEER_START, "peer", None, 0), (EMPTY_START, "evodesk", empty, 0),
            (full_start(rows), "evodesk", full, rows))
    for _name, kind, source, wanted in plan:  # once, untimed: the file cache warms up
        run_start(kind, copy_of(source, root, "run") if source else None, wanted)
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
            storm, typed = run_desktop(
                ours, copy_of(full, root, "desktop"), args.instances, args.websocket,
                args.rate, args.seconds)
    except BenchFailed as exc:
        raise SystemExit(str(exc)) from None
    finally:
        ours.send(("stop",))
        server.join(30)
    report(args, started, storm, typed)


# --- the report ----------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f}"


def report(args: argparse.Namespace, started: dict[str, list[Start]], storm: Storm,
           typed: dict[str, Keystrokes]) -> None:
    import PySide6

    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"PySide6 {PySide6.__version__}, {platform.system()} {platform.machine()}, "
          f"QT_QPA_PLATFORM=offscreen; load average {os.getloadavg()[0]:.1f}")
    print(f"sandbox: {args.instances} instances, {args.websocket} in websocket mode, "
          f"own process")
    print()
    print("start (ms, medians): 'top' counts from the script's first line, 'spawn' from the "
          "parent starting the process; imports: PySide6, qasync and evodesk's UI; services: "
          "AppServices.open; window: Desktop built; frame: its first frame painted; rows: the "
          "first frame of the filled table")
    print(f"{'':38} {'runs':>4} | top: {'imports':>7} {'services':>8} {'window':>6} "
          f"{'frame':>6} {'rows':>6} | spawn: {'frame':>6} {'min':>6} {'max':>6} {'rows':>6}")
    for name, runs in started.items():
        def top(mark: str, runs: list[Start] = runs) -> str:
            if mark not in runs[0].marks:
                return ""
            return _ms(statistics.median(r.since_top(mark) for r in runs))

        frames = [r.since_spawn("frame") for r in runs]
        rows = (_ms(statistics.median(r.since_spawn("rows") for r in runs))
                if "rows" in runs[0].marks else "")
        print(f"{name:38} {len(runs):4d} | top: {top('imports'):>7} {top('services'):>8} "
              f"{top('window'):>6} {top('frame'):>6} {top('rows'):>6} | spawn: "
              f"{_ms(statistics.median(frames)):>6} {_ms(min(frames)):>6} "
              f"{_ms(max(frames)):>6} {rows:>6}")
    peer = statistics.median(r.since_spawn("frame") for r in started[PEER_START])
    for name in (EMPTY_START, full_start(args.instances)):
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
    _report_filter(typed)


def _report_storm(args: argparse.Namespace, storm: Storm) -> None:
    target = args.websocket * args.rate
    print(f"storm: {args.rate:g} events/s x {args.websocket} websocket instances "
          f"(asked {target:.0f}/s) for {storm.seconds:.1f} s; main and events windows open")
    print(f"  sandbox produced {storm.produced} events = {storm.produced / storm.seconds:.0f}/s;"
          f" events window added {storm.shown}, database gained {storm.stored}, "
          f"view dropped {storm.dropped}; {storm.notified} notifications raised")
    print(f"  CPU: evodesk {storm.cpu / storm.seconds * 100:.0f}% of a core "
          f"({storm.loop_cpu / storm.seconds * 100:.0f}% on the event loop's thread), "
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


def _report_filter(typed: dict[str, Keystrokes]) -> None:
    ours = typed[OURS]
    print(f"filter: '{TYPED}' typed then erased, {len(ours.filtered_ms)} keystrokes on the "
          f"main window's {max(ours.rows)}-row table, sorted by instance (ms)")
    print(f"  {'':44} {'filtered: median':>16} {'worst':>6} | {'to the next frame: median':>25} "
          f"{'worst':>6}")
    for name, runs in typed.items():
        print(f"  {name:44} {statistics.median(runs.filtered_ms):16.1f} "
              f"{max(runs.filtered_ms):6.1f} | {statistics.median(runs.frame_ms):25.1f} "
              f"{max(runs.frame_ms):6.1f}")
    for name in PEERS:
        peer = typed[name]
        print(f"  evodesk / {name.removeprefix('peer: ')}: median "
              f"{statistics.median(ours.filtered_ms) / statistics.median(peer.filtered_ms):.2f}x,"
              f" worst {max(ours.filtered_ms) / max(peer.filtered_ms):.2f}x")
    print("  (target: filter < 30 ms)")


if __name__ == "__main__":
    main()
