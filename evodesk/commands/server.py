"""`evodesk server …`: add, edit, list, check and remove Evolution servers."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import TextIO

from evodesk.commands.base import CliError, say, server_name
from evodesk.domain.errors import EvodeskError
from evodesk.services.app import AppServices

API_KEY_ENV = "EVODESK_API_KEY"


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    server = sub.add_parser("server", help="add, list, check or remove Evolution servers")
    server_sub = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    add = server_sub.add_parser(
        "add", help=f"add a server (API key from ${API_KEY_ENV} or prompted)"
    )
    add.add_argument("name")
    add.add_argument("--url", required=True, help="base URL, e.g. https://evo.example.com")
    add.add_argument("--check", action="store_true", help="check the server after adding it")
    add.set_defaults(handler=_server_add)
    edit = server_sub.add_parser("edit", help="change a server's URL and/or API key")
    edit.add_argument("name", type=server_name)
    edit.add_argument("--url")
    edit.add_argument("--new-key", action="store_true",
                      help=f"replace the API key (from ${API_KEY_ENV} or prompted)")
    edit.set_defaults(handler=_server_edit)
    lst = server_sub.add_parser("list", help="list servers")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=_server_list)
    check = server_sub.add_parser("check", help="check version, key and websocket support")
    check.add_argument("name", type=server_name)
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=_server_check)
    remove = server_sub.add_parser("remove", help="remove a server and forget its key")
    remove.add_argument("name", type=server_name)
    remove.set_defaults(handler=_server_remove)


def read_api_key(stdin: TextIO | None = None) -> str:
    """The key from the environment or a hidden prompt; never from the command line."""
    key = os.environ.get(API_KEY_ENV, "").strip()
    if key:
        return key
    stream = stdin if stdin is not None else sys.stdin
    if not stream.isatty():
        raise CliError(
            f"No API key given: set {API_KEY_ENV} or run the command in a terminal to be asked."
        )
    key = getpass.getpass("API key: ").strip()
    if not key:
        raise CliError("No API key given.")
    return key


async def _server_add(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    server = await app.servers.add(args.name, args.url, read_api_key())
    say(f"Added server '{server.name}' at {server.base_url}.", file=out)
    if args.check:
        return await _print_check(app, server.name, out, as_json=False)
    return 0


async def _server_edit(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    if args.url is None and not args.new_key:
        raise CliError("Nothing to change: give --url and/or --new-key.")
    key = read_api_key() if args.new_key else None
    server = await app.servers.update(args.name, url=args.url, api_key=key)
    say(f"Updated server '{server.name}' ({server.base_url}).", file=out)
    return 0


async def _server_list(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    servers = await app.servers.all()
    if args.json:
        rows = [
            {
                "name": s.name,
                "url": s.base_url,
                "version": s.version,
                "websocket_available": s.websocket_available,
                "last_check_at": s.last_check_at.isoformat() if s.last_check_at else None,
                "last_check_error": s.last_check_error,
            }
            for s in servers
        ]
        print(json.dumps(rows, indent=2), file=out)
        return 0
    if not servers:
        say("No servers yet. Add one with: evodesk server add NAME --url URL", file=out)
        return 0
    width = max(len(s.name) for s in servers)
    for s in servers:
        version = s.version or "unchecked"
        say(f"{s.name:<{width}}  {s.base_url}  ({version})", file=out)
    return 0


async def _print_check(app: AppServices, name: str, out: TextIO, *, as_json: bool) -> int:
    result = await app.servers.check(name)
    if as_json:
        print(json.dumps({
            "name": result.server.name,
            "url": result.server.base_url,
            "version": result.info.version if result.info else None,
            "key_valid": result.key_valid,
            "websocket_available": result.websocket_available,
            "instances": result.instance_count,
            "error": result.error,
        }, indent=2), file=out)
    else:
        yes_no = {True: "yes", False: "no", None: "unknown"}
        say(f"Server:     {result.server.name} ({result.server.base_url})", file=out)
        say(f"Version:    {result.info.version if result.info else 'unknown'}", file=out)
        say(f"Key valid:  {yes_no[result.key_valid]}", file=out)
        say(f"Websockets: {yes_no[result.websocket_available]}", file=out)
        if result.instance_count is not None:
            say(f"Instances:  {result.instance_count}", file=out)
    if result.error:
        raise EvodeskError(result.error)
    return 0


async def _server_check(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    return await _print_check(app, args.name, out, as_json=args.json)


async def _server_remove(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    await app.servers.remove(args.name)
    say(f"Removed server '{args.name}' and its key.", file=out)
    return 0
