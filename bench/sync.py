"""Sync of one server with many instances: evodesk's bounded-concurrency sync against a
sequential sync of the same reads, on a sandbox that adds latency to every request.

The sandbox runs in its own process (a real server is another machine; here it gets the
second core), with N instances: a third in webhook mode, a third in websocket mode, the
rest with no delivery. evodesk keeps its database in a temporary SQLite file and the API
key in memory. Three timed runs, each counting the REST requests the sandbox received
and the CPU seconds of both processes:

1. the first sync (every instance new to the database),
2. a repeat sync (every instance already known: the everyday case),
3. the peer: a repeat sync with concurrency 1, the same reads one after another.

    .venv/bin/python bench/sync.py [--instances 1000] [--latency 0.02] [--no-peer]
        [--concurrency N] [--transport shipped|httpcore] [--pool N]

Results and how to read them: docs/performance.md, section "Sync".
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import inspect
import multiprocessing as mp
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

KEY = "BENCH-SYNC-GLOBAL-KEY"
HOOK = "http://127.0.0.1:9/bench"


# --- the server process --------------------------------------------------------------


def server_main(pipe: Connection, instances: int, latency: float) -> None:
    asyncio.run(_server(pipe, instances, latency))


async def _server(pipe: Connection, instances: int, latency: float) -> None:
    import aiohttp

    from evodesk.sandbox import Sandbox

    async with Sandbox(api_key=KEY, instances=instances, latency=0.0) as sandbox:
        # A third of the instances deliver by webhook, a third by websocket.
        async with aiohttp.ClientSession(
            base_url=sandbox.url, headers={"apikey": KEY}, raise_for_status=True
        ) as http:
            for i, name in enumerate(sandbox.instance_names):
                if i % 3 == 0:
                    body = {"webhook": {"enabled": True, "url": HOOK,
                                        "events": ["MESSAGES_UPSERT"]}}
                    path = f"/webhook/set/{name}"
                elif i % 3 == 1:
                    body = {"websocket": {"enabled": True, "events": ["MESSAGES_UPSERT"]}}
                    path = f"/websocket/set/{name}"
                else:
                    continue
                async with http.post(path, json=body) as response:
                    await response.read()
        sandbox.latency = latency
        pipe.send(sandbox.url)
        loop = asyncio.get_running_loop()
        # Commands from the benchmark: "count" answers the request total and the CPU
        # seconds the server spent so far; "stop" ends.
        while True:
            command = await loop.run_in_executor(None, pipe.recv)
            if command == "count":
                pipe.send((sandbox.request_count, time.process_time()))
            else:
                break


# --- the benchmark -------------------------------------------------------------------


@dataclass
class Run:
    name: str
    seconds: float
    cpu: float  # this process's CPU seconds (evodesk's side)
    server_cpu: float  # the sandbox process's CPU seconds
    requests: int


async def bench(
    pipe: Connection, url: str, concurrency: int | None, pool: int | None, transport: str,
    peer: bool,
) -> list[Run]:
    import httpx

    from evodesk.domain.models import Server
    from evodesk.infra.evolution import EvolutionClient
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore
    from evodesk.services.app import AppServices, default_client_factory
    from evodesk.services.ports import EvolutionPort
    from evodesk.services.sync import SyncService

    def client(server: Server, key: str) -> EvolutionPort:
        """evodesk's client on httpx's own transport (httpcore), its pool sized by --pool."""
        limits = httpx.Limits(max_connections=pool or 100, max_keepalive_connections=pool or 20)
        chosen = httpx.AsyncHTTPTransport(limits=limits)
        return EvolutionClient(server.base_url, key, version=server.version, transport=chosen)

    def count() -> tuple[int, float]:
        pipe.send("count")
        value: tuple[int, float] = pipe.recv()
        return value

    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="evodesk-bench-") as tmp:
        app = await AppServices.open(
            resolve_paths(Path(tmp)), secrets=MemorySecretStore(),
            client_factory=client if transport == "httpcore" else default_client_factory,
        )
        try:
            await app.servers.add("bench", url, KEY)
            concurrent = app.sync
            if concurrency is not None:
                concurrent = SyncService(
                    app.store, app.servers, app.manager.locks, concurrency=concurrency
                )
            sequential = SyncService(app.store, app.servers, app.manager.locks, concurrency=1)
            plan = [("first sync (all new)", concurrent), ("repeat sync", concurrent)]
            if peer:
                plan.append(("sequential peer (repeat)", sequential))
            for name, service in plan:
                requests, server_cpu = count()
                cpu, started = time.process_time(), time.perf_counter()
                [summary] = await service.sync_all("bench")
                seconds = time.perf_counter() - started
                cpu = time.process_time() - cpu
                if summary.error or summary.failed:
                    raise SystemExit(f"{name}: {summary.error or summary.failed}")
                requests_after, server_cpu_after = count()
                runs.append(Run(name, seconds, cpu, server_cpu_after - server_cpu,
                                requests_after - requests))
        finally:
            await app.aclose()
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.02, help="seconds per request")
    parser.add_argument("--concurrency", type=int, default=None,
                        help="reads in flight (default: what evodesk's sync uses)")
    parser.add_argument("--pool", type=int, default=None,
                        help="with --transport httpcore: its pool size (default: httpx's)")
    parser.add_argument("--transport", choices=["shipped", "httpcore"], default="shipped",
                        help="shipped: evodesk's default (httpx over aiohttp); "
                             "httpcore: httpx's own transport")
    parser.add_argument("--no-peer", action="store_true", help="skip the sequential run")
    args = parser.parse_args()

    ctx = mp.get_context("spawn")
    ours, theirs = ctx.Pipe()
    server = ctx.Process(target=server_main, args=(theirs, args.instances, args.latency))
    server.start()
    try:
        url = ours.recv()
        runs = asyncio.run(
            bench(ours, url, args.concurrency, args.pool, args.transport,
                  peer=not args.no_peer)
        )
    finally:
        ours.send("stop")
        server.join(30)

    from evodesk.services.sync import SyncService

    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}")
    default = inspect.signature(SyncService).parameters["concurrency"].default
    concurrency = args.concurrency or default
    sniffio = importlib.util.find_spec("sniffio") is not None
    print(f"sandbox: {args.instances} instances, {args.latency * 1000:.0f} ms per request, "
          f"own process; sync concurrency {concurrency}; "
          f"client transport {args.transport}, pool {args.pool or 'default'}; "
          f"sniffio installed: {sniffio}")
    print(f"{'run':26} {'seconds':>8} {'evodesk CPU s':>14} {'sandbox CPU s':>14} "
          f"{'requests':>9} {'req/s':>6}")
    for run in runs:
        print(f"{run.name:26} {run.seconds:8.2f} {run.cpu:14.2f} {run.server_cpu:14.2f} "
              f"{run.requests:9d} {run.requests / run.seconds:6.0f}")
    repeat = runs[1]
    print(f"evodesk CPU per request (repeat sync): "
          f"{repeat.cpu / repeat.requests * 1000:.2f} ms")
    if len(runs) > 2:
        peer = runs[2]
        print(f"sequential / concurrent (repeat sync): {peer.seconds / repeat.seconds:.1f}x")


if __name__ == "__main__":
    main()
