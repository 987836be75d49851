"""Live-listener throughput against one python-socketio server on loopback.

(a) events/s received, decoded and handed to a subscriber by our client (decoded: the
    envelope, up to the event name; the arguments are decoded when first read), by
    python-socketio's AsyncClient with a handler (the peer) and by a bare `websockets`
    loop that only counts frames (the ceiling);
(b) end to end through our supervisor and pipeline into a real SQLite store;
floor: (a)'s client, then the least any pipeline into SQLite can do (each event's frame
    text appended as it is to a one-column table by a writer thread): not a pipeline
    (nothing decoded, masked or keyed), a bound on how close to (a) any (b) can come.

The server's CPU time during each client's window is reported too: on a machine with few
cores it runs beside the client and takes its share of them.

The server runs in its own process. Each client runs in its own process too, joins
every namespace, then blocks its loop while the server queues all N events, so the
measured window is the client draining a full pipe, not the server emitting.

    .venv/bin/python bench/listener.py [--events 50000] [--namespaces 1 50 500] [--utf8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
import tracemalloc
from multiprocessing.connection import Connection
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

KEY = "BENCH-GLOBAL-KEY"
DATA = {
    "key": {"remoteJid": "5511988887777@s.whatsapp.net", "fromMe": False, "id": ""},
    "pushName": "Maria Souza",
    "status": "DELIVERY_ACK",
    "message": {
        "conversation": "Olá! Gostaria de saber o horário de funcionamento da loja amanhã.",
        "messageContextInfo": {"deviceListMetadataVersion": 2},
    },
    "messageType": "conversation",
    "messageTimestamp": 1764383000,
    "instanceId": "7f40beaa-93f7-4445-bcec-7ead1a816c41",
    "source": "android",
}


def payload(i: int, instance: str) -> dict[str, Any]:
    return {
        "event": "messages.upsert",
        "instance": instance,
        "data": {**DATA, "key": {**DATA["key"], "id": f"3EB0{i:016X}"}},
        "destination": "",
        "date_time": "2026-11-29T02:28:49.800Z",
        "sender": "5511999990000@s.whatsapp.net",
        "server_url": "http://127.0.0.1",
        "apikey": "C8482587-C8C3-4E37-B661-42F9C8D719A8",
    }


# --- the server process --------------------------------------------------------------


def server_main(pipe: Connection, utf8: bool = False) -> None:
    asyncio.run(_server(pipe, utf8))


class _Utf8Json:
    """JSON as Evolution's Node server writes it: characters as they are, no \\u escapes."""

    loads = staticmethod(json.loads)

    @staticmethod
    def dumps(value: Any, **options: Any) -> str:
        return json.dumps(value, ensure_ascii=False, **options)


async def _server(pipe: Connection, utf8: bool) -> None:
    import socketio
    from aiohttp import web

    # Clients hold still while the server queues a run's events; on a busy machine that
    # can outlast the default 25 s + 20 s ping window and cost the connection.
    # python-socketio spells every non-ASCII character \\uXXXX unless told otherwise.
    sio = socketio.AsyncServer(
        async_mode="aiohttp", namespaces="*", logger=False, engineio_logger=False,
        ping_interval=600, ping_timeout=600, json=_Utf8Json if utf8 else None,
    )
    app = web.Application()
    sio.attach(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    pipe.send(int(runner.addresses[0][1]))
    loop = asyncio.get_running_loop()
    while True:
        command = await loop.run_in_executor(None, pipe.recv)
        if command[0] == "stop":
            break
        if command[0] == "cpu":
            pipe.send(time.process_time())
            continue
        _, n, k = command
        started = time.perf_counter()
        for i in range(n):
            instance = f"inst{i % k}"
            await sio.emit("messages.upsert", payload(i, instance), namespace="/" + instance)
        pipe.send(time.perf_counter() - started)
    await runner.cleanup()


# --- the client processes ----------------------------------------------------------------


def client_main(kind: str, url: str, k: int, n: int, pipe: Connection, db: str) -> None:
    run = {
        "ours": _ours, "peer": _peer, "ceiling": _ceiling, "ceiling+json": _ceiling,
        "pipeline": _pipeline, "floor": _floor,
    }[kind]
    if kind == "ceiling+json":
        global _DECODE
        _DECODE = True
    pipe.send(asyncio.run(run(url, k, n, pipe, db)))


def _measure_start(pipe: Connection) -> tuple[float, float]:
    pipe.send("ready")
    pipe.recv()  # blocks this loop on purpose while the server queues every event
    return time.perf_counter(), time.process_time()


def _result(start: tuple[float, float], n: int) -> tuple[int, float, float]:
    return n, time.perf_counter() - start[0], time.process_time() - start[1]


class _Joins:
    """Namespaces the server accepted; `all` is set once each of `k` has been."""

    def __init__(self, k: int) -> None:
        self.k, self.count, self.all = k, 0, asyncio.Event()

    def connected(self) -> None:
        self.count += 1
        if self.count == self.k:
            self.all.set()


async def _connect_and_join(url: str, k: int, on_packet: Any, joins: _Joins) -> Any:
    """Our client, connected with `/inst0` … `/inst{k-1}` joined (`on_packet` reports
    each CONNECT to `joins`)."""
    from evodesk.infra.socketio_client import SocketIOConnection

    conn = SocketIOConnection(url, KEY, on_packet=on_packet)
    await conn.connect()
    for i in range(k):
        await conn.join(f"/inst{i}")
    await joins.all.wait()
    return conn


async def _ours(url: str, k: int, n: int, pipe: Connection, db: str) -> tuple[int, float, float]:
    from evodesk.infra.socketio_codec import Packet, PacketType
    from evodesk.services.event_pipeline import Subscription

    joins, done = _Joins(k), asyncio.Event()
    count = {"events": 0, "wrong": 0}
    subscriber: Subscription[Packet] = Subscription(n + 1, lambda s: None)

    def on_packet(packet: Packet) -> None:
        if packet.type is PacketType.EVENT:
            subscriber.offer(packet)
        elif packet.type is PacketType.CONNECT:
            joins.connected()

    async def consume() -> None:
        # The subscriber gets the envelope decoded: event name and namespace (the
        # arguments are decoded when read, as the pipeline does).
        async for packet in subscriber:
            if packet.event != "messages.upsert" or not packet.namespace.startswith("/inst"):
                count["wrong"] += 1
            count["events"] += 1
            if count["events"] == n:
                done.set()

    conn = await _connect_and_join(url, k, on_packet, joins)
    consumer = asyncio.create_task(consume())
    start = _measure_start(pipe)
    await done.wait()
    result = _result(start, n)
    consumer.cancel()
    await conn.aclose()
    if count["wrong"]:
        raise SystemExit(f"{count['wrong']} packets had another event name or namespace")
    return result


async def _peer(url: str, k: int, n: int, pipe: Connection, db: str) -> tuple[int, float, float]:
    import socketio

    done = asyncio.Event()
    count = {"events": 0}
    client = socketio.AsyncClient(reconnection=False)

    def on_event(namespace: str, data: dict[str, Any]) -> None:
        count["events"] += 1
        if count["events"] == n:
            done.set()

    client.on("messages.upsert", on_event, namespace="*")
    await client.connect(
        url, headers={"apikey": KEY}, transports=["websocket"],
        namespaces=[f"/inst{i}" for i in range(k)], wait_timeout=60,
    )
    start = _measure_start(pipe)
    await done.wait()
    result = _result(start, n)
    await client.disconnect()
    return result


_DECODE = False


async def _ceiling(url: str, k: int, n: int, pipe: Connection, db: str) -> tuple[int, float, float]:
    """Counts event frames; with `_DECODE` also parses their JSON, the least any client does."""
    import json

    from websockets.asyncio.client import connect

    ws_url = url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
    ws = await connect(ws_url, compression=None, ping_interval=None, max_queue=64)
    await ws.recv()
    for i in range(k):
        await ws.send(f"40/inst{i},")
    joined = 0
    while joined < k:
        if str(await ws.recv()).startswith("40"):
            joined += 1
    start = _measure_start(pipe)
    events = 0
    loads, decode = json.loads, _DECODE
    while events < n:
        frame = await ws.recv()
        if frame[:2] == "42":
            if decode:
                loads(frame[frame.index(",") + 1 :])
            events += 1
        elif frame == "2":
            await ws.send("3")
    result = _result(start, n)
    await ws.close()
    return result


async def _pipeline(url: str, k: int, n: int, pipe: Connection, db: str) -> tuple[float, ...]:
    store, server, names = await _bench_store(url, k, db)
    from evodesk.domain.models import ListenerState
    from evodesk.services.listener import ListenerSupervisor

    async def key_for(_: object) -> str:
        return KEY

    batches: list[int] = []
    supervisor = ListenerSupervisor(_Recording(store, batches), key_for=key_for, retention=None)
    live = asyncio.Event()
    await _until_live(supervisor, server.id, names, live, ListenerState.LIVE)
    events = supervisor.subscribe(maxsize=n + 1)
    await supervisor.set_targets(server, names)
    await live.wait()
    start = _measure_start(pipe)
    reader_start = time.thread_time()  # this thread runs the loop: connection and pipeline
    received = 0
    async for _event in events:
        received += 1
        if received == n:
            break
    await supervisor.flush()
    result = _result(start, n)
    reader = time.thread_time() - reader_start
    stored = await store.count_events()
    await supervisor.aclose()
    await store.aclose()
    if stored != n:
        raise SystemExit(f"the store holds {stored} events, expected {n}")
    return (*result, sum(batches) / len(batches), reader)


FLOOR_BATCH = 2000


async def _floor(url: str, k: int, n: int, pipe: Connection, db: str) -> tuple[float, ...]:
    """(a)'s client; each event's frame goes, as received, to a writer thread that appends
    batches of FLOOR_BATCH to a one-column SQLite table (WAL, synchronous=NORMAL, as the
    store opens it). The window ends when the last batch is committed."""
    import queue
    import sqlite3
    import threading

    from evodesk.infra.socketio_codec import Packet, PacketType

    database = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("PRAGMA synchronous=NORMAL")
    database.execute("CREATE TABLE frames (id INTEGER PRIMARY KEY, frame TEXT NOT NULL)")
    batches: queue.SimpleQueue[list[tuple[str]] | None] = queue.SimpleQueue()

    def write() -> None:
        while (batch := batches.get()) is not None:
            database.execute("BEGIN")
            database.executemany("INSERT INTO frames (frame) VALUES (?)", batch)
            database.execute("COMMIT")

    writer = threading.Thread(target=write, name="floor-writer")
    writer.start()
    joins, done = _Joins(k), asyncio.Event()
    count = {"events": 0}
    pending: list[tuple[str]] = []

    def on_packet(packet: Packet) -> None:
        if packet.type is PacketType.EVENT:
            pending.append((packet._frame,))  # the frame as received (no public accessor)
            count["events"] += 1
            if len(pending) == FLOOR_BATCH or count["events"] == n:
                batches.put(pending.copy())
                pending.clear()
                if count["events"] == n:
                    done.set()
        elif packet.type is PacketType.CONNECT:
            joins.connected()

    conn = await _connect_and_join(url, k, on_packet, joins)
    start = _measure_start(pipe)
    reader_start = time.thread_time()
    await done.wait()
    batches.put(None)
    await asyncio.get_running_loop().run_in_executor(None, writer.join)
    result = _result(start, n)
    reader = time.thread_time() - reader_start
    await conn.aclose()
    stored = database.execute("SELECT count(*) FROM frames").fetchone()[0]
    database.close()
    if stored != n:
        raise SystemExit(f"the floor's table holds {stored} frames, expected {n}")
    return (*result, FLOOR_BATCH, reader)


class _Recording:
    """The real store, with the size of every batch written noted."""

    def __init__(self, store: Any, batches: list[int]) -> None:
        self._store = store
        self._batches = batches

    async def add_events(self, events: Any) -> int:
        self._batches.append(len(events))
        return int(await self._store.add_events(events))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


async def _bench_store(url: str, k: int, db: str) -> tuple[Any, Any, list[str]]:
    from evodesk.domain.models import Instance, Server
    from evodesk.infra.store import Store

    store = await Store.open(f"sqlite:///{db}")
    server = await store.add_server(Server(name=f"bench-{k}", base_url=url))
    names = [f"inst{i}" for i in range(k)]
    await store.save_instances(
        [Instance(server_id=server.id, name=n, websocket_enabled=True) for n in names]
    )
    return store, server, names


async def _until_live(
    supervisor: Any, server_id: int, names: list[str], live: asyncio.Event, state: Any
) -> None:
    def check(_: object) -> None:
        if all(supervisor.namespace_state(server_id, name) is state for name in names):
            live.set()

    supervisor.on_state_changed(check)


# --- the harness ---------------------------------------------------------------------


def run_client(
    kind: str, server: Connection, url: str, k: int, n: int, db: str
) -> dict[str, float]:
    parent, child = mp.Pipe()
    process = mp.Process(target=client_main, args=(kind, url, k, n, child, db))
    process.start()
    while not parent.poll(1.0):
        if not process.is_alive():
            raise SystemExit(f"{kind} with {k} namespaces exited ({process.exitcode}) "
                             "before it was ready")
    assert parent.recv() == "ready"
    server.send(("emit", n, k))
    emit_seconds = server.recv()
    server.send(("cpu",))
    server_cpu = server.recv()
    parent.send("go")
    if not parent.poll(RUN_TIMEOUT):
        process.kill()
        raise SystemExit(f"{kind} with {k} namespaces did not finish in {RUN_TIMEOUT} s")
    count, wall, cpu, *extra = parent.recv()
    server.send(("cpu",))
    server_cpu = server.recv() - server_cpu
    process.join()
    result = {"n": count, "wall": wall, "cpu": cpu, "emit": emit_seconds, "server": server_cpu}
    if extra:
        result["batch"], result["reader"] = extra
    return result


def memory_per_namespace(url: str, counts: list[int]) -> dict[int, float]:
    """Bytes our supervisor holds per live namespace (tracemalloc, in this process)."""

    async def measure(k: int) -> float:
        from evodesk.domain.models import ListenerState
        from evodesk.services.listener import ListenerSupervisor

        with tempfile.TemporaryDirectory() as tmp:
            store, server, names = await _bench_store(url, k, os.path.join(tmp, "m.db"))

            async def key_for(_: object) -> str:
                return KEY

            tracemalloc.start()
            before = tracemalloc.take_snapshot()
            supervisor = ListenerSupervisor(store, key_for=key_for)
            live = asyncio.Event()
            await _until_live(supervisor, server.id, names, live, ListenerState.LIVE)
            await supervisor.set_targets(server, names)
            await live.wait()
            after = tracemalloc.take_snapshot()
            tracemalloc.stop()
            grown = sum(s.size_diff for s in after.compare_to(before, "filename"))
            await supervisor.aclose()
            await store.aclose()
            return grown / k

    asyncio.run(measure(1))  # first use pays for imports and caches
    return {k: asyncio.run(measure(k)) for k in counts}


def store_cost(
    url: str, utf8: bool, sizes: tuple[int, ...] = (200, 2000), n: int = 10_000
) -> dict[tuple[str, int], float]:
    """CPU µs per event of the store's add_events alone, for context on (b); the events
    come from frames spelt as the server spells them, through the pipeline. Measured with
    the driver-level insert and with the ORM-typed insert it falls back to for other
    databases (the one every database used before), alternated, best of 3 rounds."""

    async def measure() -> dict[tuple[str, int], float]:
        from evodesk.infra.socketio_codec import decode_message
        from evodesk.infra.store import repository
        from evodesk.services.event_pipeline import EventPipeline

        out: dict[tuple[str, int], float] = {}
        driver_insert = repository._event_insert
        with tempfile.TemporaryDirectory() as tmp:
            store, server, _ = await _bench_store(url, 1, os.path.join(tmp, "s.db"))
            pipeline = EventPipeline(store, retention=None)
            events = []
            for i in range(n):
                args = ["messages.upsert", payload(i, "inst0")]
                frame = "42/inst0," + json.dumps(args, separators=(",", ":"), ensure_ascii=not utf8)
                event = pipeline.accept_packet(server.id, "inst0", decode_message(frame), {})
                assert event is not None
                events.append(event)
            await pipeline.aclose()
            for _ in range(3):
                for insert in ("driver", "ORM"):
                    # add_events looks the insert up at each call, on the store's thread.
                    repository._event_insert = (
                        driver_insert if insert == "driver" else lambda connection: None
                    )
                    for size in sizes:
                        started = time.process_time()
                        for i in range(0, n, size):
                            await store.add_events(events[i : i + size])
                        cost = 1e6 * (time.process_time() - started) / n
                        out[insert, size] = min(out.get((insert, size), cost), cost)
            repository._event_insert = driver_insert
            await store.aclose()
        return out

    return asyncio.run(measure())


KINDS = ("ceiling", "ceiling+json", "peer", "ours", "pipeline", "floor")
RUN_TIMEOUT = 600


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--namespaces", type=int, nargs="+", default=[1, 50, 500])
    parser.add_argument("--repeat", type=int, default=3, help="runs per client; the best counts")
    parser.add_argument(
        "--utf8", action="store_true",
        help="the server writes characters as they are, as Evolution's Node server does, "
        "instead of python-socketio's \\uXXXX escapes",
    )
    args = parser.parse_args()
    mp.set_start_method("spawn")
    server, child = mp.Pipe()
    server_process = mp.Process(target=server_main, args=(child, args.utf8))
    server_process.start()
    url = f"http://127.0.0.1:{server.recv()}"
    rows: list[tuple[int, dict[str, dict[str, float]]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.namespaces:
            results: dict[str, dict[str, float]] = {}
            for attempt in range(args.repeat):  # interleaved, so load changes hit all alike
                for kind in KINDS:
                    db = os.path.join(tmp, f"bench-{k}-{kind}-{attempt}.db")
                    run = run_client(kind, server, url, k, args.events, db)
                    if kind not in results or run["wall"] < results[kind]["wall"]:
                        results[kind] = run
            rows.append((k, results))
        memory = memory_per_namespace(url, args.namespaces)
        stores = store_cost(url, args.utf8)
    server.send(("stop",))
    server_process.join()
    report(args.events, rows, memory, stores)


def report(
    n: int,
    rows: list[tuple[int, dict[str, dict[str, float]]]],
    memory: dict[int, float],
    stores: dict[tuple[str, int], float],
) -> None:
    def rate(r: dict[str, float]) -> float:
        return r["n"] / r["wall"]

    print(f"{n} messages.upsert events per run; python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print("(a)/(b) events/s = events / wall time to drain the queued events; "
          "cpu = client process CPU µs per event; (b)'s loop = of that, its event loop's "
          "thread (connection and pipeline; the rest is the store's thread)")
    print(f"{'ns':>4} | {'ceiling':>8} {'+json':>8} {'peer':>8} {'ours':>8} | {'ours/peer':>9} "
          f"{'ours/ceil':>9} {'ours/+json':>10} | {'(b) pipe':>8} {'a/b':>5} {'batch':>6} | "
          f"cpu: {'ceil':>5} {'+json':>5} {'peer':>6} {'ours':>5} {'pipe':>6} {'loop':>5} | "
          "server emit/s")
    for k, r in rows:
        ceiling, cjson, peer, ours, pipe, _floor_rate = (rate(r[x]) for x in KINDS)

        def cpu(kind: str, r: dict[str, dict[str, float]] = r) -> float:
            return 1e6 * r[kind]["cpu"] / r[kind]["n"]

        print(f"{k:>4} | {ceiling:>8.0f} {cjson:>8.0f} {peer:>8.0f} {ours:>8.0f} | "
              f"{ours / peer:>9.2f} {ours / ceiling:>9.2f} {ours / cjson:>10.2f} | "
              f"{pipe:>8.0f} {ours / pipe:>5.2f} {r['pipeline'].get('batch', 0):>6.0f} | "
              f"cpu: {cpu('ceiling'):>5.1f} {cpu('ceiling+json'):>5.1f} "
              f"{cpu('peer'):>6.1f} {cpu('ours'):>5.1f} {cpu('pipeline'):>6.1f} "
              f"{1e6 * r['pipeline'].get('reader', 0) / r['pipeline']['n']:>5.1f} | "
              f"{r['ours']['n'] / r['ours']['emit']:>8.0f}")
    print("floor = (a)'s client + each frame's text into a one-column SQLite table (no "
          "decoding, masking or keys); server = the server process's CPU µs per event "
          "during each client's window")
    print(f"{'ns':>4} | {'floor':>8} {'a/floor':>7} {'b/floor':>7} | cpu: {'floor':>5} "
          f"{'loop':>5} | server cpu: {'ours':>5} {'pipe':>5} {'floor':>5}")
    for k, r in rows:
        floor, ours, pipe = (rate(r[x]) for x in ("floor", "ours", "pipeline"))

        def per_event(kind: str, field: str, r: dict[str, dict[str, float]] = r) -> float:
            return 1e6 * r[kind].get(field, 0) / r[kind]["n"]

        print(f"{k:>4} | {floor:>8.0f} {ours / floor:>7.2f} {floor / pipe:>7.2f} | "
              f"cpu: {per_event('floor', 'cpu'):>5.1f} {per_event('floor', 'reader'):>5.1f} | "
              f"server cpu: {per_event('ours', 'server'):>5.1f} "
              f"{per_event('pipeline', 'server'):>5.1f} {per_event('floor', 'server'):>5.1f}")
    for (insert, size), cost in stores.items():
        print(f"store alone, {insert} insert: add_events in batches of {size}: "
              f"{cost:.1f} CPU µs per event")
    for k, size in memory.items():
        print(f"memory: {k:>4} live namespaces → {size * k / 1024:8.1f} KiB in all, "
              f"{size / 1024:.2f} KiB per namespace (supervisor, tracemalloc)")
    if len(memory) >= 2:
        (k1, m1), (k2, m2) = sorted(memory.items())[0], sorted(memory.items())[-1]
        marginal = (m2 * k2 - m1 * k1) / (k2 - k1)
        print(f"memory: each namespace beyond the first ≈ {marginal / 1024:.2f} KiB")


if __name__ == "__main__":
    main()
