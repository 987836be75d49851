"""`evodesk sync | state | webhook | websocket | fix | restart`: the delivery-mode manager
from a terminal, with the same rules as the window."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import shlex
import sys
from collections.abc import Awaitable
from dataclasses import replace
from typing import Any, TextIO

from evodesk.commands.base import CliError, say, server_name
from evodesk.domain.errors import EvodeskError, UnknownEvents
from evodesk.domain.events import EVENTS_2_4
from evodesk.domain.models import Instance, WebhookConfig
from evodesk.domain.rules import check_header_names
from evodesk.infra.secrets import get_headers
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef, find_known
from evodesk.services.status import ChangeOutcome, InstanceStatus

HEADER_ENV_PREFIX = "EVODESK_HEADER_"
# Every event the newest Evolution evodesk knows accepts (each older one, a part).
_NEWEST_CATALOGUE = frozenset(EVENTS_2_4)

log = logging.getLogger(__name__)


def _instance_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("instance")
    parser.add_argument("--server", type=server_name,
                        help="the server of the instance (when the name is ambiguous)")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sync = sub.add_parser("sync", help="read every instance's real state from the servers")
    sync.add_argument("--server", type=server_name, help="only this server")
    sync.set_defaults(handler=_sync)

    state = sub.add_parser("state", help="show an instance's delivery mode and state")
    _instance_args(state)
    state.add_argument("--json", action="store_true", help="one JSON object (see README)")
    state.set_defaults(handler=_state)

    webhook = sub.add_parser("webhook", help="webhook delivery (turns the websocket off)")
    wsub = webhook.add_subparsers(dest="webhook_command", metavar="ACTION", required=True)
    enable = wsub.add_parser("enable", help="deliver by webhook")
    _instance_args(enable)
    enable.add_argument("--url", help="receiver URL (default: the remembered one)")
    b64 = enable.add_mutually_exclusive_group()
    b64.add_argument("--base64", dest="base64", action="store_true", default=None,
                     help="send media as base64 (applies after an instance restart)")
    b64.add_argument("--no-base64", dest="base64", action="store_false",
                     help="send media without base64")
    by_events = enable.add_mutually_exclusive_group()
    by_events.add_argument("--by-events", dest="by_events", action="store_true", default=None,
                           help="post each event to URL/<event-name>")
    by_events.add_argument("--no-by-events", dest="by_events", action="store_false",
                           help="post every event to URL itself")
    _event_args(enable)
    enable.add_argument(
        "--header", action="append", default=[], metavar="NAME",
        help=f"custom header; its value is read from ${HEADER_ENV_PREFIX}<NAME> or prompted",
    )
    enable.add_argument("--no-headers", action="store_true", help="send no custom headers")
    enable.set_defaults(handler=_webhook_enable)
    disable = wsub.add_parser("disable", help="leave no delivery active")
    _instance_args(disable)
    disable.set_defaults(handler=_disable)
    test = wsub.add_parser("test", help="POST a sample event to the webhook URL")
    _instance_args(test)
    test.set_defaults(handler=_webhook_test)

    websocket = sub.add_parser("websocket", help="websocket delivery (turns the webhook off)")
    ssub = websocket.add_subparsers(dest="websocket_command", metavar="ACTION", required=True)
    ws_enable = ssub.add_parser("enable", help="deliver to evodesk's live listener")
    _instance_args(ws_enable)
    _event_args(ws_enable)
    ws_enable.set_defaults(handler=_websocket_enable)
    ws_disable = ssub.add_parser("disable", help="leave no delivery active")
    _instance_args(ws_disable)
    ws_disable.set_defaults(handler=_disable)

    fix = sub.add_parser("fix", help="resolve a conflict by keeping one delivery mode")
    _instance_args(fix)
    fix.add_argument("--keep", choices=["webhook", "websocket"], required=True)
    fix.set_defaults(handler=_fix)

    restart = sub.add_parser("restart", help="restart an instance (applies base64 changes)")
    _instance_args(restart)
    restart.set_defaults(handler=_restart)


def _event_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--event", action="append", default=[], metavar="EVENT",
                        help="an event such as MESSAGES_UPSERT (repeatable; default: the "
                             "remembered selection)")
    parser.add_argument("--all-events", action="store_true",
                        help="subscribe to every event (Evolution's empty list)")


def _ref(args: argparse.Namespace) -> InstanceRef:
    return InstanceRef(name=args.instance, server=args.server)


def _events(args: argparse.Namespace, remembered: tuple[str, ...]) -> tuple[list[str], bool]:
    if args.all_events:
        if args.event:
            raise CliError("Give either --event or --all-events, not both.")
        return [], True
    chosen = [e.strip() for item in args.event for e in item.split(",")]
    if "" in chosen:
        # An empty name would otherwise fall back to the remembered selection unnoticed.
        raise CliError("An event name is empty: give names such as --event MESSAGES_UPSERT.")
    if chosen:
        return chosen, False
    if remembered:
        return list(remembered), False
    raise CliError("No events remembered for this instance: give --event EVENT or --all-events.")


def _print_outcome(outcome: ChangeOutcome, out: TextIO) -> int:
    """Print what the change did; the exit code is 1 when it ended with both modes on at
    the server (which kept, or got back, the mode it was told to turn off)."""
    say(outcome.message, file=out)
    for note in outcome.notes:
        say(f"Note: {note}", file=out)
    if outcome.restart_advised:
        command = ["evodesk", "restart", outcome.status.instance.name,
                   "--server", outcome.status.server.name]
        say(f"Run: {shlex.join(command)}", file=out)
    return 1 if outcome.status.instance.conflict else 0


async def _known(app: AppServices, args: argparse.Namespace) -> Instance | None:
    _, instance = await find_known(app.store, _ref(args))
    return instance


async def _sync(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    summaries = await app.sync.sync_all(args.server)
    if not summaries:
        raise CliError("No servers yet. Add one with: evodesk server add NAME --url URL")
    # What was read goes to stdout; each server or instance that could not be read
    # goes once to stderr, and makes the exit code non-zero.
    failures: list[str] = []
    for summary in summaries:
        if summary.error:
            failures.append(f"{summary.server}: {summary.error}")
            continue
        for line in replace(summary, failed={}).lines():
            say(line, file=out)
        failures.extend(f"{summary.server}: could not read {name}: {message}"
                        for name, message in sorted(summary.failed.items()))
    for failure in failures:
        log.info("sync failed: %s", failure)
        say(f"evodesk: {failure}", file=sys.stderr)
    return 1 if failures else 0


async def _state(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    """The state on stdout; when the instance is gone from the server, or its live state
    could not be read, one line on stderr and exit code 1 (what is shown is stored)."""
    status = await app.manager.get_connection_state(_ref(args))
    data = status.to_json()
    if args.json:
        print(json.dumps(data, indent=2), file=out)
    else:
        _print_state(data, out)
    problem = _state_problem(status)
    if problem is None:
        return 0
    log.info("state: %s", problem)
    say(f"evodesk: {problem}", file=sys.stderr)
    return 1


def _print_state(data: dict[str, Any], out: TextIO) -> None:
    say(f"{data['server']}/{data['instance']}: {data['mode']}", file=out)
    wh, ws = data["webhook"], data["websocket"]
    say(f"  webhook:   {'on' if wh['enabled'] else 'off'}  {wh['url'] or '-'}  "
        f"base64={'yes' if wh['base64'] else 'no'}  events={len(wh['events'])}", file=out)
    say(f"  websocket: {'on' if ws['enabled'] else 'off'}  events={len(ws['events'])}  "
        f"listener={data['listener'] or '-'}", file=out)
    stored = "" if data["live"] else f"  (stored at the last sync, {data['last_sync'] or 'never'})"
    say(f"  WhatsApp:  {data['connection'] or 'unknown'}{stored}", file=out)
    if data["vanished"]:
        say("  VANISHED:  no longer on the server; all of the above is as last stored",
            file=out)
    if data["conflict"] or data["attention"]:
        say(f"  ATTENTION: {data['attention']}", file=out)
    if data["read_error"] and not data["vanished"]:
        say(f"  (live state unavailable: {data['read_error']})", file=out)


def _state_problem(status: InstanceStatus) -> str | None:
    if status.vanished:
        return (f"Instance '{status.instance.name}' is no longer on server "
                f"'{status.server.name}'; the state shown is the one last stored.")
    if status.sync_error:
        return (f"The live state of '{status.instance.name}' could not be read; the state "
                f"shown is the one last stored: {status.sync_error}")
    return None


def _header_names(names: list[str]) -> list[str]:
    """The names, checked as the manager checks them, before any value is asked for."""
    return list(check_header_names(dict.fromkeys(names, "")))


def _read_header(name: str) -> str:
    env = HEADER_ENV_PREFIX + name.upper().replace("-", "_")
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"No value for header '{name}': set {env} or run in a terminal.")
    return getpass.getpass(f"Value of header {name}: ")


async def _webhook_enable(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    header_names = _header_names(args.header)
    known = await _known(app, args)
    url = args.url or (known.webhook_url if known else None)
    if not url:
        raise CliError("No webhook URL remembered for this instance: give --url URL.")
    events, all_events = _events(args, known.webhook_events if known else ())
    # What is not given stays as the instance has it: on the server when its webhook is
    # on (another tool may have set it), else as remembered here.
    unset: list[str] = []
    if args.no_headers:
        headers: dict[str, str] = {}
    elif header_names:
        headers = {name: _read_header(name) for name in header_names}
    else:
        headers = await get_headers(app.secrets, known.webhook_headers_ref if known else None)
        unset.append("headers")
    if args.base64 is None:
        unset.append("base64")
    if args.by_events is None:
        unset.append("by_events")
    config = WebhookConfig(
        url=url,
        events=tuple(events),
        all_events=all_events,
        base64=args.base64 if args.base64 is not None else bool(known and known.webhook_base64),
        by_events=(args.by_events if args.by_events is not None
                   else bool(known and known.webhook_by_events)),
        headers=headers,
    )
    change = app.manager.enable_webhook(_ref(args), config, as_the_server_has=unset)
    return _print_outcome(await _upgrade_hinted(app, args, change), out)


async def _websocket_enable(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    known = await _known(app, args)
    events, all_events = _events(args, known.websocket_events if known else ())
    change = app.manager.enable_websocket(_ref(args), events, all_events=all_events)
    return _print_outcome(await _upgrade_hinted(app, args, change), out)


async def _upgrade_hinted(
    app: AppServices, args: argparse.Namespace, change: Awaitable[ChangeOutcome]
) -> ChangeOutcome:
    """`change`; refused for events the stored version of the server lacks but a newer
    Evolution has, it says how to read the version again: the server may have been
    upgraded since evodesk last read it."""
    try:
        return await change
    except UnknownEvents as exc:
        try:
            server, _ = await find_known(app.store, _ref(args))
        except EvodeskError:
            raise exc from None
        if not (server.version and set(exc.events) <= _NEWEST_CATALOGUE):
            raise
        check = shlex.join(["evodesk", "server", "check", server.name])
        raise CliError(f"{exc} If the server was upgraded since evodesk read its version, "
                       f"read it again with: {check}") from None


async def _disable(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    return _print_outcome(await app.manager.disable_both(_ref(args)), out)


async def _fix(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    if args.keep == "webhook":
        outcome = await app.manager.keep_webhook(_ref(args))
    else:
        outcome = await app.manager.keep_websocket(_ref(args))
    return _print_outcome(outcome, out)


async def _restart(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    say(await app.manager.restart_instance(_ref(args)), file=out)
    return 0


async def _webhook_test(app: AppServices, args: argparse.Namespace, out: TextIO) -> int:
    from evodesk.services.webhook_probe import probe_webhook  # its HTTP client: only here

    server, known = await find_known(app.store, _ref(args))
    if known is None:
        raise CliError(f"Instance '{args.instance}' is not known yet: run evodesk sync first.")
    probe = await probe_webhook(server, known, app.secrets)
    say(probe.describe(), file=out)
    return 0 if probe.ok else 1
