"""The `evodesk` command: with no subcommand it opens the window; subcommands are the
headless face of the same services, for scripts and for support over SSH."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Sequence
from typing import TextIO

from evodesk import __version__
from evodesk.commands import delivery, listen, sandbox, server
from evodesk.commands.base import Handler
from evodesk.domain.errors import EvodeskError
from evodesk.domain.text import printable
from evodesk.infra.logsetup import configure_logging
from evodesk.infra.paths import resolve_paths
from evodesk.services.app import AppServices

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evodesk",
        description="Manage how Evolution API instances deliver their events.",
    )
    parser.add_argument("--version", action="version", version=f"evodesk {__version__}")
    parser.add_argument("--data-dir", help="keep data, settings and logs in this directory")
    parser.add_argument("--database-url", help="SQLAlchemy URL of the database to use")
    parser.add_argument("--verbose", "-v", action="store_true", help="log details to stderr")
    parser.add_argument("--sandbox", action="store_true",
                        help="open the window against a local sandbox server with demo data")
    parser.add_argument("--tray", action="store_true", help="start hidden in the tray")
    parser.add_argument("--lang", help="user interface language (en, pt_BR)")
    parser.add_argument("--theme", choices=("light", "dark"),
                        help="light or dark colours (default: as the desktop has them)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    server.add_parser(sub)
    delivery.add_parsers(sub)
    listen.add_parser(sub)
    sandbox.add_parser(sub)
    return parser


async def _run(handler: Handler, args: argparse.Namespace, out: TextIO) -> int:
    paths = resolve_paths(args.data_dir)
    app = await AppServices.open(paths, database_url=args.database_url)
    try:
        return await handler(app, args, out)
    finally:
        await app.aclose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # The store's modules (SQLAlchemy) before Qt's: once loaded, PySide6 reads the
        # source of every module imported after it, ~0.15 s more for these.
        import evodesk.infra.store  # noqa: F401
        from evodesk.ui.app import run_gui

        return run_gui(args)
    paths = resolve_paths(args.data_dir)
    configure_logging(
        paths.log_file,
        stderr_level=logging.DEBUG if args.verbose else logging.CRITICAL,
    )
    runner = getattr(args, "runner", None)
    try:
        if runner is not None:
            code: int = runner(args)
            return code
        return asyncio.run(_run(args.handler, args, sys.stdout))
    except EvodeskError as exc:
        log.info("%s failed: %s (%s)", args.command, exc, exc.detail or "")
        print(f"evodesk: {printable(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`evodesk listen | head`): stop quietly, as
        # a program ended by SIGPIPE does, and let nothing flush into the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + int(getattr(signal, "SIGPIPE", 13))
