"""`evodesk listen`: live events as JSON lines on stdout, listener states on stderr,
until `stop` is set or a server refuses the key.

Both streams are written by threads of their own: a reader that pauses (`2>&1 | less`)
or goes away holds up neither the connections nor the store."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import select
import threading
from collections import deque
from collections.abc import Callable, Sequence
from typing import TextIO

from evodesk.domain.models import Event, Instance, ListenerState, Server
from evodesk.domain.text import printable
from evodesk.services.event_pipeline import EventSink, EventSubscription
from evodesk.services.listener import EventStorePort, ListenerSupervisor, StateChange
from evodesk.services.listener_link import GapStore, KeyFor

EXIT_OK = 0
EXIT_NOTHING_TO_LISTEN = 1
EXIT_NOT_STORED = 1
EXIT_REFUSED = 3
EXIT_OUTPUT_FAILED = 1

# What may wait for a slow reader of stdout before lines are left out (they are stored).
PENDING_LIMIT = 4 * 2**20
# The same for stderr's state lines, which are far fewer.
NOTES_LIMIT = 256 * 2**10


async def run_listen(
    store: EventStorePort,
    key_for: KeyFor,
    instances: list[str] | None,
    out: TextIO,
    err: TextIO,
    stop: asyncio.Event,
    *,
    pending_limit: int = PENDING_LIMIT,
    report_every: float = 5.0,
    drain_timeout: float = 0.5,
    sink: EventSink | None = None,
    gaps: GapStore | None = None,
    retention: int | None = 100_000,
) -> int:
    """Listen to `instances` (by name, on any server) or to every websocket-mode instance.

    Lines are written by a thread: a reader of `out` that falls behind never holds up
    the connections or the store, it misses lines (counted on `err`) instead. Events
    are written to `sink` (the store unless given), which keeps the newest `retention`,
    and gaps to `gaps` (the store unless given).
    """
    servers: dict[int | None, Server] = {s.id: s for s in await store.list_servers()}
    if not servers:
        print("evodesk listen: No servers yet. Add one with: evodesk server add NAME --url URL",
              file=err)
        return EXIT_NOTHING_TO_LISTEN
    chosen = _choose(await store.list_instances(), instances, err)
    if not chosen:
        return EXIT_NOTHING_TO_LISTEN
    refused: list[str] = []
    refusal = asyncio.Event()
    notes = _LineWriter(err, NOTES_LIMIT)

    def on_state(change: StateChange) -> None:
        server = servers.get(change.server_id)
        name = server.name if server is not None else str(change.server_id)
        what = "connection" if change.instance is None else f"instance '{change.instance}'"
        reason = f" ({change.reason})" if change.reason else ""
        notes.say(printable(f"[{name}] {what}: {change.state}{reason}"))
        if change.state is ListenerState.REFUSED and change.instance is None:
            refused.append(name)
            refusal.set()

    supervisor = ListenerSupervisor(store, key_for=key_for, sink=sink, gaps=gaps,
                                    retention=retention)
    supervisor.on_state_changed(on_state)
    writer = _LineWriter(out, pending_limit)
    printer = _Printer(supervisor.subscribe(maxsize=10_000), servers, writer, notes.say,
                       report_every)
    printing = asyncio.create_task(printer.run())
    waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(refusal.wait()),
               asyncio.create_task(writer.failed.wait())]
    try:
        for server_id, names in _by_server(chosen).items():
            server = servers.get(server_id)
            if server is not None:
                await supervisor.set_targets(server, names)
        # The writer fails only when it cannot write (a closed pipe): then we end too.
        await asyncio.wait([*waiters, printing], return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
        await supervisor.aclose()  # ends the subscription; the printer drains it
        try:
            await printing
        finally:
            await writer.aclose(drain_timeout)
            printer.report_final()
            failure = writer.error
            if failure is not None and not isinstance(failure, BrokenPipeError):
                notes.say(printable("evodesk listen: could not write the events to the "
                                    f"output: {failure.strerror or failure}"))
            pipeline = supervisor.pipeline
            if pipeline.lost:
                noun = "event" if pipeline.lost == 1 else "events"
                notes.say(printable(f"evodesk listen: {pipeline.lost} {noun} could not be "
                                    f"stored: {pipeline.store_error}"))
            if refused:
                notes.say(f"evodesk listen: server '{refused[0]}' refused the API key. "
                          "Check the key stored for it.")
            # A stderr nobody reads any more costs its last lines, never the exit.
            await notes.aclose(drain_timeout)
    if isinstance(writer.error, BrokenPipeError):
        raise writer.error  # a closed pipe: the command ends as SIGPIPE would end it
    if writer.error is not None:
        return EXIT_OUTPUT_FAILED
    if refused:
        return EXIT_REFUSED
    return EXIT_NOT_STORED if supervisor.pipeline.lost else EXIT_OK


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
        # Evolution tells instance names apart by case: a name typed in another case is
        # another instance, but most likely meant the one stored.
        stored = {i.name.casefold(): i.name for i in rows}
        meant = sorted({stored[m.casefold()] for m in missing if m.casefold() in stored})
        unknown = printable(", ".join(missing))
        if meant:
            print(f"evodesk listen: unknown instance {unknown}; instance names differ by "
                  f"case: did you mean {printable(', '.join(meant))}?", file=err)
        else:
            print(f"evodesk listen: unknown instance {unknown}; run 'evodesk sync' first.",
                  file=err)
        return []
    for instance in chosen:
        if not instance.websocket_enabled:
            print(f"evodesk listen: instance '{printable(instance.name)}' is not in websocket "
                  "mode; its events will not arrive until it is.", file=err)
    return chosen


def _by_server(rows: Sequence[Instance]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for instance in rows:
        grouped.setdefault(instance.server_id, []).append(instance.name)
    return grouped


class _LineWriter:
    """Writes lines to `out` from a thread of its own, so that a reader who does not keep
    up blocks only that thread. Lines offered while `limit` bytes are waiting are dropped.
    """

    def __init__(self, out: TextIO, limit: int) -> None:
        self._loop = asyncio.get_running_loop()
        self._limit = limit
        self.encoding = getattr(out, "encoding", None) or "utf-8"
        self._write = self._sink(out, self.encoding)
        self._lines: deque[bytes] = deque()
        self._pending = 0  # bytes queued or being written
        self._writing = 0  # lines being written
        self._cond = threading.Condition()
        self._closing = False
        self.dropped = 0
        self.error: OSError | None = None
        self.failed = asyncio.Event()
        self._done = asyncio.Event()
        # A daemon: one blocked for good on a reader that went away must not keep
        # the process from exiting.
        threading.Thread(target=self._run, name="evodesk-listen-out", daemon=True).start()

    @staticmethod
    def _sink(out: TextIO, encoding: str) -> Callable[[memoryview], int]:
        try:
            fd = out.fileno()
        except (OSError, ValueError):  # a stream in memory (tests) has no descriptor
            def write_text(data: memoryview) -> int:
                out.write(bytes(data).decode(encoding))
                out.flush()
                return len(data)

            return write_text
        out.flush()  # whatever went through the stream's buffer comes first

        def write_fd(data: memoryview) -> int:
            while True:
                try:
                    return os.write(fd, data)
                except BlockingIOError:
                    # A descriptor someone left non-blocking (a shared pipe, some
                    # terminals): this thread may wait for room as a blocking one would.
                    select.select([], [fd], [])

        return write_fd

    def offer(self, line: bytes) -> bool:
        """Queue `line`, or drop it (and count it) when the reader is too far behind."""
        with self._cond:
            if self._closing or self.error is not None:
                return False
            if self._pending and self._pending + len(line) > self._limit:
                self.dropped += 1
                return False
            self._lines.append(line)
            self._pending += len(line)
            self._cond.notify()
        return True

    def say(self, text: str) -> None:
        """Queue `text` as a line; characters the stream cannot show are escaped."""
        self.offer((text + "\n").encode(self.encoding, "backslashreplace"))

    async def aclose(self, timeout: float) -> None:
        """Let the thread write what waits, for at most `timeout` seconds; a reader who
        has stopped reading for good gets no more (the thread is left blocked)."""
        with self._cond:
            self._closing = True
            self._cond.notify()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._done.wait(), timeout)

    def unwritten(self) -> int:
        """Lines queued or being written when the writer gave up."""
        with self._cond:
            return len(self._lines) + self._writing

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    while not self._lines and not self._closing:
                        self._cond.wait()
                    if not self._lines:
                        return
                    chunk = b"".join(self._lines)
                    self._writing = len(self._lines)
                    self._lines.clear()
                view = memoryview(chunk)
                try:
                    while view:  # a pipe may take part of it
                        view = view[self._write(view):]
                except OSError as exc:
                    with self._cond:
                        self.error = exc
                        self._lines.clear()
                    self._call_soon(self.failed.set)
                    return
                with self._cond:
                    self._pending -= len(chunk)
                    self._writing = 0
        finally:
            self._call_soon(self._done.set)

    def _call_soon(self, callback: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody waits any more
            self._loop.call_soon_threadsafe(callback)


class _Printer:
    """Turns events into lines for the writer and says, at most once every
    `report_every` seconds, how many were not printed."""

    def __init__(
        self,
        events: EventSubscription,
        servers: dict[int | None, Server],
        writer: _LineWriter,
        say: Callable[[str], None],
        report_every: float,
    ) -> None:
        self._events = events
        self._servers = servers
        self._writer = writer
        self._say = say
        self._report_every = report_every
        self._reported = 0
        self._timer: asyncio.TimerHandle | None = None

    async def run(self) -> None:
        async for event in self._events:
            self._writer.offer(self._line(event))
            if self._timer is None and self._missed() > self._reported:
                self._timer = asyncio.get_running_loop().call_later(
                    self._report_every, self._report)

    def report_final(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._report(self._writer.unwritten())

    def _line(self, event: Event) -> bytes:
        record = _as_json(event, self._servers)
        try:
            text = json.dumps(record, ensure_ascii=False) + "\n"
            return text.encode(self._writer.encoding)
        except UnicodeEncodeError:  # a terminal that cannot show it still gets valid JSON
            return (json.dumps(record) + "\n").encode("ascii")

    def _missed(self) -> int:
        return self._writer.dropped + self._events.dropped

    def _report(self, unwritten: int = 0) -> None:
        self._timer = None
        missed = self._missed() + unwritten
        count, self._reported = missed - self._reported, missed
        if count > 0 and self._writer.error is None:
            noun = "event" if count == 1 else "events"
            self._say(f"evodesk listen: {count} {noun} not printed: the output is not being "
                      "read fast enough (they are stored)")


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
