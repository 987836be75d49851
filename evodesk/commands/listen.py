"""`evodesk listen [INSTANCE …]`: live events as JSON lines until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
from typing import TextIO

from evodesk.services.app import AppServices
from evodesk.services.event_log_gate import one_writer_event_log
from evodesk.services.listen_cmd import run_listen


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "listen",
        help="print live events of websocket-mode instances as JSON lines (secrets masked)",
    )
    parser.add_argument("instances", nargs="*", metavar="INSTANCE",
                        help="instances to hear (default: every websocket-mode instance)")
    parser.set_defaults(handler=_listen)


async def _listen(app: AppServices, args: argparse.Namespace, out: TextIO | None) -> int:
    # Started with a standard stream closed (`>&-`), Python has None for it.
    err: TextIO = sys.stderr if sys.stderr is not None else open(os.devnull, "w")  # noqa: SIM115
    if out is None:
        print("evodesk listen: the standard output is closed; there is nowhere to print "
              "the events.", file=err)
        return 1
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    # The window may be listening to the same SQLite file: one of the two writes the
    # events and records the gaps.
    gate = one_writer_event_log(app.store)
    try:
        return await run_listen(app.store, app.servers.api_key, args.instances or None, out,
                                err, stop, sink=gate, gaps=gate,
                                retention=app.settings.event_retention)
    finally:
        if gate is not None:
            await gate.aclose()
