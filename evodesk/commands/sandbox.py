"""`evodesk sandbox`: run the local Evolution sandbox in the foreground."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import signal
import sys


def _whole(text: str, low: int, high: int | None, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if value < low or (high is not None and value > high):
        span = f" from {low} to {high}" if high is not None else f", {low} or more"
        raise argparse.ArgumentTypeError(f"{what} is a whole number{span}, not {text!r}")
    return value


def _port(text: str) -> int:
    return _whole(text, 0, 65535, "a port")


def _count(text: str) -> int:
    return _whole(text, 0, None, "a number of instances")


def _rate(text: str) -> float:
    try:
        rate = float(text)
    except ValueError:
        rate = math.nan
    if not math.isfinite(rate) or rate < 0:
        raise argparse.ArgumentTypeError(f"a rate is a number, 0 or more, not {text!r}")
    return rate


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("sandbox", help="run a local Evolution API sandbox server")
    parser.add_argument("--port", type=_port, default=8080,
                        help="port on 127.0.0.1 (default: 8080; 0: any free one)")
    parser.add_argument("--api-key", default="sandbox-key",
                        help="the global API key (default: sandbox-key)")
    parser.add_argument("--instances", type=_count, default=3,
                        help="number of demo instances (default: 3)")
    parser.add_argument("--rate", type=_rate, default=0.0,
                        help="generated events per second per instance (default: 0; "
                             "capped at 2000)")
    parser.add_argument("--binary-fields", action="store_true",
                        help="send messages' byte fields (messageSecret, mediaKey, "
                             "jpegThumbnail, ...) as bytes: Socket.IO binary packets, "
                             "index-to-byte objects in webhooks (default: base64 text)")
    parser.set_defaults(runner=run)


async def serve(args: argparse.Namespace, stop: asyncio.Event) -> int:
    # Here rather than at the top: every `evodesk` start, the window's too, builds this
    # command's parser, and the sandbox's web server is a fifth of a second to import.
    from evodesk.sandbox import Sandbox

    sandbox = Sandbox(api_key=args.api_key, instances=args.instances, rate=args.rate,
                      port=args.port, binary_fields=args.binary_fields)
    try:
        await sandbox.start()
    except OSError as exc:
        # Only here: an OSError of the output (its reader gone) is not the port's fault.
        print(f"evodesk: cannot listen on port {args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        print(f"Evolution sandbox listening on {sandbox.url}", flush=True)
        print(f"Instances: {', '.join(sandbox.instance_names)}", flush=True)
        print("Add it with: EVODESK_API_KEY=<the key> evodesk server add Sandbox "
              f"--url {sandbox.url}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        await stop.wait()
    finally:
        await sandbox.stop()
    return 0


def run(args: argparse.Namespace) -> int:
    async def main() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
        return await serve(args, stop)

    return asyncio.run(main())
