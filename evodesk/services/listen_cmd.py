"""`evodesk listen`: live events as JSON lines on stdout, listener states on stderr,
until `stop` is set or a server refuses the key."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import TextIO

from evodesk.domain.models import Event, Instance, ListenerState, Server
from evodesk.services.event_pipeline import EventSubscription
from evodesk.services.listener import EventStorePort, ListenerSupervisor, StateChange
from evodesk.services.listener_link import KeyFor

EXIT_OK = 0
EXIT_NOTHING_TO_LISTEN = 1
EXIT_REFUSED = 3


async def run_listen(
    store: EventStorePort,
    key_for: KeyFor,
    instances: list[str] | None,
    out: TextIO,
    err: TextIO,
    stop: asyncio.Event,
) -> int:
    """Listen to `instances` (by name, on any server) or to every websocket-mode instance."""
    servers: dict[int | None, Server] = {s.id: s for s in await store.list_servers()}
    chosen = _choose(await store.list_instances(), instances, err)
    if not chosen:
        return EXIT_NOTHING_TO_LISTEN
    refused: list[str] = []
    refusal = asyncio.Event()

    def on_state(change: StateChange) -> None:
        server = servers.get(change.server_id)
        name = server.name if server is not None else str(change.server_id)
        what = "connection" if change.instance is None else f"instance '{change.instance}'"
        reason = f" ({change.reason})" if change.reason else ""
        print(f"[{name}] {what}: {change.state}{reason}", file=err, flush=True)
        if change.state is ListenerState.REFUSED and change.instance is None:
            refused.append(name)
            refusal.set()

    supervisor = ListenerSupervisor(store, key_for=key_for)
    supervisor.on_state_changed(on_state)
    printer = asyncio.create_task(_print_events(supervisor.subscribe(maxsize=10_000), servers, out))
    waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(refusal.wait())]
    try:
        for server_id, names in _by_server(chosen).items():
            server = servers.get(server_id)
            if server is not None:
                await supervisor.set_targets(server, names)
        # The printer ends early only when it cannot write (a closed pipe): then so do we.
        await asyncio.wait([*waiters, printer], return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
        await supervisor.aclose()  # ends the subscription; the printer drains it
        await printer  # raises what stopped it
    if refused:
        print(
            f"evodesk listen: server '{refused[0]}' refused the API key. "
            "Check the key stored for it.",
            file=err,
        )
        return EXIT_REFUSED
    return EXIT_OK


def _choose(rows: list[Instance], names: list[str] | None, err: TextIO) -> list[Instance]:
    if not names:
        chosen = [i for i in rows if i.websocket_enabled]
        if not chosen:
            print("evodesk listen: no instance is in websocket mode; nothing to listen to.",
                  file=err)
        return chosen
    chosen = [i for i in rows if i.name in names]
    missing = sorted(set(names) - {i.name for i in chosen})
    if missing:
        print(f"evodesk listen: unknown instance {', '.join(missing)}; run 'evodesk sync' first.",
              file=err)
        return []
    for instance in chosen:
        if not instance.websocket_enabled:
            print(f"evodesk listen: instance '{instance.name}' is not in websocket mode; "
                  "its events will not arrive until it is.", file=err)
    return chosen


def _by_server(rows: Sequence[Instance]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for instance in rows:
        grouped.setdefault(instance.server_id, []).append(instance.name)
    return grouped


async def _print_events(
    events: EventSubscription, servers: dict[int | None, Server], out: TextIO
) -> None:
    async for event in events:
        out.write(json.dumps(_as_json(event, servers), ensure_ascii=False) + "\n")
        out.flush()


def _as_json(event: Event, servers: dict[int | None, Server]) -> dict[str, object]:
    server = servers.get(event.server_id)
    return {
        "server": server.name if server is not None else event.server_id,
        "instance": event.instance,
        "event": event.wire_event,
        "received_at": event.received_at.isoformat(),
        "server_time": event.server_time,
        "sender": event.sender,
        "duplicate": event.is_duplicate,
        "payload": event.payload,  # already masked
    }
