"""One server's live link: a single Socket.IO connection carrying a namespace per instance,
kept up with backoff, with gaps recorded while an instance could not be heard."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from evodesk.domain.errors import (
    EvodeskError,
    HandshakeRefused,
    NotFound,
    SecretMissing,
    ServerTimeout,
    StoreError,
)
from evodesk.domain.models import Gap, ListenerState, Server
from evodesk.infra.socketio_client import CloseInfo, SocketIOConnection
from evodesk.infra.socketio_codec import Packet, PacketType, connect_error_message
from evodesk.services.event_pipeline import Clock, EventPipeline

log = logging.getLogger(__name__)


class GapStore(Protocol):
    async def open_gap(self, instance_id: int, started_at: datetime) -> Gap: ...
    async def close_open_gaps(self, instance_ids: Sequence[int], ended_at: datetime) -> int: ...


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    """Exponential backoff with jitter and a cap; attempts never run out.

    A connection (or namespace) starts again from `initial` only once it has stayed up
    for `cap` seconds: a peer that accepts and drops at once is then retried no more
    often than one that refuses.
    """

    initial: float = 0.5
    factor: float = 2.0
    cap: float = 30.0
    jitter: float = 0.3  # the share of each delay that is random
    rng: Callable[[], float] = field(default=random.random, compare=False)

    def delay(self, attempt: int) -> float:
        # The exponent is clamped so that a server down for days cannot overflow it.
        base = min(self.cap, self.initial * self.factor ** min(max(attempt - 1, 0), 64))
        return base * (1.0 - self.jitter * self.rng())


@dataclass(frozen=True, slots=True)
class StateChange:
    """A connection (`instance` None) or one instance's namespace changed state."""

    server_id: int
    instance: str | None
    state: ListenerState
    reason: str | None = None


@dataclass(slots=True)
class _Namespace:
    state: ListenerState = ListenerState.CONNECTING
    reason: str | None = None
    joined: bool = False  # a join was sent on the current connection
    # Not yet live through this link: a gap this workstation left open (evodesk ended
    # without closing it) ends when it first is.
    fresh: bool = True
    attempt: int = 0
    retry_at: float | None = None
    live_since: float | None = None  # loop time of the CONNECT on the current connection


@dataclass(slots=True)
class _GapChange:
    """Open one instance's gap, or close the gaps of any number of instances at once,
    at `at`."""

    opens: bool
    names: list[str]
    at: datetime


# How long gap changes the database refused wait before they are written again.
GAP_RETRY_SECONDS = 1.0

KeyFor = Callable[[Server], Awaitable[str]]
Resync = Callable[[Server, list[str]], Awaitable[None]]
_SERVER_LEFT = "the server closed this instance's channel"


class ServerLink:
    def __init__(
        self,
        server: Server,
        *,
        key_for: KeyFor,
        pipeline: EventPipeline,
        gaps: GapStore,
        notify: Callable[[StateChange], None],
        clock: Clock,
        backoff: BackoffPolicy,
        namespace_backoff: BackoffPolicy,
        resync: Resync | None,
        tls_ca: str | None,
        max_size: int,
    ) -> None:
        if server.id is None:
            raise ValueError("a server must be stored before it can be listened to")
        self.server = server
        self.server_id: int = server.id
        self._key_for = key_for
        self._pipeline = pipeline
        self._gaps = gaps
        self._notify = notify
        self._clock = clock
        self._backoff = backoff
        self._ns_backoff = namespace_backoff
        self._resync = resync
        self._tls_ca = tls_ca
        self._max_size = max_size
        self.state = ListenerState.STOPPED
        self.reason: str | None = None
        self._ns: dict[str, _Namespace] = {}
        self._ids: dict[str, int] = {}
        self._leaving: set[str] = set()
        self._gap_open: set[str] = set()
        # Gaps to open and close, in the order things happened: a namespace may go and
        # come back before the database has answered.
        self._gap_ops: deque[_GapChange] = deque()
        self._gap_lock = asyncio.Lock()
        self._gap_write: asyncio.Task[bool] | None = None
        self._gap_writing: _GapChange | None = None
        # Set while the database refuses gap changes: they wait for it in the queue.
        self._gap_retry: asyncio.Task[None] | None = None
        self._gap_failing = False
        self._needs_resync = False
        self._conn: SocketIOConnection | None = None
        self._task: asyncio.Task[None] | None = None
        self._resync_task: asyncio.Task[None] | None = None
        self._wake_fut: asyncio.Future[None] | None = None
        self._dirty = False
        self._closing = False
        self._retry_now = False

    # --- control ------------------------------------------------------------------

    def instances(self) -> list[str]:
        return list(self._ns)

    def namespace_state(self, instance: str) -> ListenerState:
        ns = self._ns.get(instance)
        return ns.state if ns is not None else ListenerState.STOPPED

    def namespace_reason(self, instance: str) -> str | None:
        ns = self._ns.get(instance)
        return ns.reason if ns is not None else None

    def set_targets(self, names: Iterable[str], ids: dict[str, int]) -> None:
        wanted = dict.fromkeys(names)
        self._ids = ids
        for name in [n for n in self._ns if n not in wanted]:
            ns = self._ns.pop(name)
            if ns.joined and self._conn is not None:
                self._leaving.add(name)
            self._gap_ends(name)
            self._emit(name, ListenerState.STOPPED, None)
        for name in wanted:
            if name not in self._ns:
                # A leave still queued for this name goes out first; the join follows it.
                ns = _Namespace()
                if self.state in (ListenerState.RETRYING, ListenerState.REFUSED):
                    ns.state, ns.reason = self.state, self.reason
                self._ns[name] = ns
                self._emit(name, ns.state, ns.reason)
        self._wake()

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._closing = False
            self._task = asyncio.get_running_loop().create_task(
                self._run(), name=f"listener-{self.server.name}"
            )

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def retry_now(self) -> None:
        """Cut a running backoff short (the user asked to try again)."""
        self._retry_now = True
        self._wake()

    async def restart(self) -> None:
        """Connect again now, with the server's URL and key as they are now: a connection
        made with the old ones is closed, and what it carried is a loss like any other
        (a gap for every live instance, and a resync once back)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        lost_at = self._clock.now()
        for name, ns in self._ns.items():
            if ns.state is ListenerState.LIVE:
                self._gap_starts(name, lost_at)
                self._needs_resync = True
        self._set_state(ListenerState.CONNECTING, None)
        for name, ns in self._ns.items():
            self._set_ns(name, ns, ListenerState.CONNECTING, None)
        self.start()
        await self._record_gaps()

    async def aclose(self) -> None:
        """Close the connection (which leaves every namespace) and end this link's tasks."""
        self._closing = True
        self._wake()
        current = asyncio.current_task()
        for task in (self._task, self._resync_task, self._gap_retry):
            # A resync that changes the targets may end up here: it finishes by itself.
            if task is not None and not task.done() and task is not current:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        now = self._clock.now()
        for name in self._gap_open | {c.names[0] for c in self._gap_ops if c.opens}:
            self._gap_closes(name, now)
        await self._record_gaps()
        self._set_state(ListenerState.STOPPED, None)
        for name in self._ns:
            self._emit(name, ListenerState.STOPPED, None)

    # --- the connection loop -------------------------------------------------------

    async def _run(self) -> None:
        attempt = 0
        conn: SocketIOConnection | None = None
        try:
            while not self._closing:
                if self.state in (ListenerState.STOPPED, ListenerState.REFUSED):
                    self._set_state(ListenerState.CONNECTING, None)
                    for name, ns in self._ns.items():
                        self._set_ns(name, ns, ListenerState.CONNECTING, None)
                try:
                    key = await self._key_for(self.server)
                    conn = SocketIOConnection(
                        self.server.base_url, key, on_packet=self._on_packet,
                        on_close=self._on_close, tls_ca=self._tls_ca, max_size=self._max_size,
                    )
                    await conn.connect()
                except (HandshakeRefused, SecretMissing) as exc:
                    self._refuse(exc.message)
                    return
                except ValueError as exc:
                    self._refuse(str(exc))
                    return
                except EvodeskError as exc:
                    reason = exc.message
                except Exception as exc:
                    log.exception("Could not connect to %s", self.server.name)
                    reason = f"unexpected error: {type(exc).__name__}"
                else:
                    started = asyncio.get_running_loop().time()
                    info = await self._session(conn)
                    reason = info.reason
                    lived = asyncio.get_running_loop().time() - started
                    # Going live proves little: a peer may drop every connection at once.
                    if lived >= self._backoff.cap:
                        attempt = 0
                    await self._lost(reason)
                if self._closing:
                    break
                attempt += 1
                self._set_state(ListenerState.RETRYING, reason)
                for name, ns in self._ns.items():
                    self._set_ns(name, ns, ListenerState.RETRYING, reason)
                await self._pause(self._backoff.delay(attempt))
        finally:
            if conn is not None:
                await conn.aclose()
            self._conn = None

    async def _session(self, conn: SocketIOConnection) -> CloseInfo:
        self._conn = conn
        self._leaving.clear()
        for ns in self._ns.values():
            ns.joined, ns.retry_at, ns.attempt, ns.live_since = False, None, 0, None
        self._set_state(ListenerState.LIVE, None)
        self._start_resync()
        try:
            while not self._closing and not conn.closed:
                self._dirty = False
                await self._reconcile(conn)
                if not self._dirty and not conn.closed and not self._closing:
                    await self._wait(self._next_retry())
        finally:
            self._conn = None
        if not conn.closed:
            await conn.aclose()
        return await conn.wait_closed()

    async def _reconcile(self, conn: SocketIOConnection) -> None:
        now = asyncio.get_running_loop().time()
        try:
            for name in list(self._leaving):
                self._leaving.discard(name)
                await conn.leave("/" + name)
            for name, ns in list(self._ns.items()):
                if ns.joined and (ns.retry_at is None or ns.retry_at > now):
                    continue
                ns.joined, ns.retry_at = True, None
                try:
                    await conn.join("/" + name)
                except ValueError:
                    self._set_ns(name, ns, ListenerState.REFUSED,
                                 "This instance name cannot be used as a Socket.IO namespace.")
        except EvodeskError:
            return  # the connection is closing; the loop sees that and reconnects
        await self._record_gaps()

    def _next_retry(self) -> float | None:
        times = [ns.retry_at for ns in self._ns.values() if ns.retry_at is not None]
        return min(times) if times else None

    async def _wait(self, deadline: float | None) -> None:
        loop = asyncio.get_running_loop()
        self._wake_fut = fut = loop.create_future()
        timeout = None if deadline is None else max(0.0, deadline - loop.time())
        try:
            await asyncio.wait([fut], timeout=timeout)
        finally:
            self._wake_fut = None

    async def _pause(self, delay: float) -> None:
        # New targets do not cut a backoff short: only closing or `retry_now()` do.
        self._retry_now = False
        deadline = asyncio.get_running_loop().time() + delay
        while not self._closing and not self._retry_now:
            if asyncio.get_running_loop().time() >= deadline:
                return
            await self._wait(deadline)

    def _wake(self) -> None:
        self._dirty = True
        fut = self._wake_fut
        if fut is not None and not fut.done():
            fut.set_result(None)

    # --- what the connection reports ------------------------------------------------

    def _on_packet(self, packet: Packet) -> None:
        name = packet.namespace[1:]
        ns = self._ns.get(name)
        if packet.type is PacketType.EVENT:
            if ns is not None:
                # The arguments are decoded there; bad JSON in them is a protocol error.
                self._pipeline.accept_packet(self.server_id, name, packet, self._ids)
            return
        if ns is None:
            return
        kind = packet.type
        if kind is PacketType.CONNECT:
            ns.retry_at = None
            ns.live_since = asyncio.get_running_loop().time()
            self._set_ns(name, ns, ListenerState.LIVE, None)
            if ns.fresh:
                ns.fresh = False
                if name in self._ids:
                    # Whatever is open: one write for all that go live meanwhile.
                    self._gap_closes(name, self._clock.now())
                    self._wake()
                    return
            if self._gap_ends(name):
                self._wake()
        elif kind is PacketType.CONNECT_ERROR:
            if ns.state is ListenerState.LIVE:
                self._gap_starts(name, self._clock.now())
            self._retry_later(name, ns, ListenerState.WAITING, connect_error_message(packet))
        elif kind is PacketType.DISCONNECT:
            if ns.state is ListenerState.LIVE:
                self._gap_starts(name, self._clock.now())
            self._retry_later(name, ns, ListenerState.RETRYING, _SERVER_LEFT)

    def _retry_later(self, name: str, ns: _Namespace, state: ListenerState, reason: str) -> None:
        now = asyncio.get_running_loop().time()
        if ns.live_since is not None and now - ns.live_since >= self._ns_backoff.cap:
            ns.attempt = 0
        ns.attempt += 1
        ns.live_since = None
        ns.retry_at = now + self._ns_backoff.delay(ns.attempt)
        self._set_ns(name, ns, state, reason)
        self._wake()

    def _on_close(self, info: CloseInfo) -> None:
        if info.error is not None:
            # Queued here, not when the loop gets to it: a close of this link may come
            # first, and it must still find the gap to end.
            lost_at = self._last_alive(info.error)
            for name, ns in self._ns.items():
                if ns.state is ListenerState.LIVE:
                    self._gap_starts(name, lost_at)
        self._wake()

    def _last_alive(self, error: EvodeskError) -> datetime:
        """When the peer was last heard from: a dead peer is found only after it has been
        silent for the whole ping interval and timeout (the connection says how long,
        even with the loop held up meanwhile); any other end is heard at once."""
        now = self._clock.now()
        if isinstance(error, ServerTimeout):
            # The close comes from the session's own connection, still `_conn` here.
            silent = self._conn.silent_for if self._conn is not None else 0.0
            return now - timedelta(seconds=silent)
        return now

    async def _lost(self, reason: str) -> None:
        self._needs_resync = True
        log.info("Live connection to %s lost: %s", self.server.name, reason)
        await self._record_gaps()

    def _refuse(self, reason: str) -> None:
        self._set_state(ListenerState.REFUSED, reason)
        for name, ns in self._ns.items():
            self._set_ns(name, ns, ListenerState.REFUSED, reason)

    # --- gaps and resync -----------------------------------------------------------

    def _gap_ends(self, name: str) -> bool:
        """Queue the end of `name`'s gap, if it has one open or on its way; whether it
        has."""
        if name in self._gap_open or any(c.opens and c.names[0] == name for c in self._gap_ops):
            self._gap_closes(name, self._clock.now())
            return True
        return False

    def _gap_starts(self, name: str, at: datetime) -> None:
        self._gap_ops.append(_GapChange(True, [name], at))

    def _gap_closes(self, name: str, at: datetime) -> None:
        """Queue closing `name`'s gaps; with the closes queued just before it, if they
        are not being written yet, as one write. That write ends them all at the latest
        of their times: a gap may end a little late, never before the instance was
        heard again."""
        last = self._gap_ops[-1] if self._gap_ops else None
        if last is not None and not last.opens and last is not self._gap_writing:
            last.names.append(name)
            last.at = max(last.at, at)
        else:
            self._gap_ops.append(_GapChange(False, [name], at))

    async def _record_gaps(self) -> None:
        """Write the queued gap changes, in order, one writer at a time. A change the
        database refuses (it is away, as it may be in the same outage that made the
        gap) stays first in the queue and is written again a little later."""
        if self._gap_retry is not None and not self._gap_retry.done():
            return  # the database refused the last try: the retry writes them all
        async with self._gap_lock:
            while self._gap_ops:
                write = self._gap_write
                if write is None or write.done():
                    write = self._gap_write = asyncio.get_running_loop().create_task(
                        self._write_first_gap_change(), name=f"listener-gap-{self.server.name}")
                # A store's worker thread finishes a write it has begun even when the one
                # waiting for it is cancelled: the write ends by itself, and a writer
                # after it (`aclose`) waits for it instead of writing the same gap again.
                if not await asyncio.shield(write):
                    self._retry_gaps_later()
                    return
        if self._gap_failing:
            self._gap_failing = False
            log.info("Recorded the gaps of %s that waited for the database", self.server.name)

    def _retry_gaps_later(self) -> None:
        if self._closing:
            return  # evodesk is ending: what the database did not take is not recorded
        self._gap_retry = asyncio.get_running_loop().create_task(
            self._retry_gaps(), name=f"listener-gap-retry-{self.server.name}")

    async def _retry_gaps(self) -> None:
        await asyncio.sleep(GAP_RETRY_SECONDS)
        self._gap_retry = None
        await self._record_gaps()

    async def _write_first_gap_change(self) -> bool:
        """Write the first queued change; False when the database refused it (it is
        left first in the queue)."""
        # Left in the queue while it is written, so that `_gap_ends` sees it.
        change = self._gap_writing = self._gap_ops[0]
        try:
            if change.opens:
                written = await self._open_gap(change.names[0], change.at)
            else:
                written = await self._close_gaps(change.names, change.at)
        finally:
            self._gap_writing = None
        if written:
            self._gap_ops.popleft()
        return written

    def _gap_failed(self, what: str, error: Exception) -> None:
        if self._gap_failing:
            return  # said once per outage
        self._gap_failing = True
        if isinstance(error, EvodeskError):
            log.warning("Could not %s (%s); will try again", what, error.message)
        else:
            log.error("Could not %s; will try again", what, exc_info=error)

    async def _open_gap(self, name: str, at: datetime) -> bool:
        instance_id = self._ids.get(name)
        if instance_id is None or name in self._gap_open:
            return True  # unknown, or already open
        try:
            await self._gaps.open_gap(instance_id, at)
        except NotFound:
            return True  # the instance was removed meanwhile, and its gaps with it
        except Exception as exc:
            self._gap_failed(f"record a gap for {name}", exc)
            return False
        self._gap_open.add(name)
        return True

    async def _close_gaps(self, names: list[str], at: datetime) -> bool:
        ids = [i for name in names if (i := self._ids.get(name)) is not None]
        try:
            if ids:
                await self._gaps.close_open_gaps(ids, at)
        except Exception as exc:
            self._gap_failed(f"close the gaps of {', '.join(names)}", exc)
            return False
        self._gap_open.difference_update(names)
        if not self._gap_open:
            # A set keeps the table it grew to: after hundreds of gaps, a small one again.
            self._gap_open = set()
        return True

    def _start_resync(self) -> None:
        # Only after a loss: the first connection has nothing to catch up on.
        if self._resync is None or not self._needs_resync:
            return
        self._needs_resync = False
        names = list(self._ns)
        previous = self._resync_task
        self._resync_task = asyncio.get_running_loop().create_task(
            self._run_resync(previous, names), name=f"listener-resync-{self.server.name}"
        )

    async def _run_resync(self, previous: asyncio.Task[None] | None, names: list[str]) -> None:
        if previous is not None and not previous.done():
            await asyncio.wait([previous])
        assert self._resync is not None
        delay = GAP_RETRY_SECONDS
        while True:
            try:
                await self._resync(self.server, names)
            except StoreError as exc:
                # The database is away (the same outage, often): what changed at the
                # server meanwhile is read once it is back, not left unknown.
                if delay == GAP_RETRY_SECONDS:
                    log.warning("Could not resync %s after reconnect (%s); will try again",
                                self.server.name, exc.message)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._backoff.cap)
                continue
            except Exception:
                log.exception("Resync of %s after reconnect failed", self.server.name)
            return

    # --- states -------------------------------------------------------------------

    def _set_state(self, state: ListenerState, reason: str | None) -> None:
        if state is self.state and reason == self.reason:
            return
        self.state, self.reason = state, reason
        self._notify(StateChange(self.server_id, None, state, reason))

    def _set_ns(self, name: str, ns: _Namespace, state: ListenerState, reason: str | None) -> None:
        if state is ns.state and reason == ns.reason:
            return
        ns.state, ns.reason = state, reason
        self._emit(name, state, reason)

    def _emit(self, name: str, state: ListenerState, reason: str | None) -> None:
        self._notify(StateChange(self.server_id, name, state, reason))
