"""The live listener: one Socket.IO connection per server, one namespace per instance in
websocket mode, states for each, gaps while down, and events into the log and to subscribers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from evodesk.domain.models import Instance, ListenerState, Server
from evodesk.infra.socketio_client import DEFAULT_MAX_SIZE
from evodesk.services.event_pipeline import (
    Clock,
    EventPipeline,
    EventSink,
    EventSubscription,
    SystemClock,
)
from evodesk.services.listener_link import (
    BackoffPolicy,
    GapStore,
    KeyFor,
    Resync,
    ServerLink,
    StateChange,
)

__all__ = [
    "BackoffPolicy",
    "EventStorePort",
    "ListenerSupervisor",
    "StateChange",
]

log = logging.getLogger(__name__)

StateCallback = Callable[[StateChange], None]


class EventStorePort(EventSink, GapStore, Protocol):
    """What the listener needs from the store."""

    async def list_servers(self) -> list[Server]: ...
    async def list_instances(self, server_id: int | None = None) -> list[Instance]: ...


class ListenerSupervisor:
    """Keeps the live links the targets ask for and reports their states.

    A link refused for its key stays refused (no blind retries) until `reconnect()`.
    """

    def __init__(
        self,
        store: EventStorePort,
        *,
        key_for: KeyFor,
        resync: Resync | None = None,
        clock: Clock | None = None,
        backoff: BackoffPolicy | None = None,
        namespace_backoff: BackoffPolicy | None = None,
        batch_max: int = 200,
        batch_interval: float = 0.2,
        retention: int | None = 100_000,
        tls_ca: str | None = None,
        max_frame_size: int = DEFAULT_MAX_SIZE,
        sink: EventSink | None = None,
        gaps: GapStore | None = None,
    ) -> None:
        """`sink` is where events are written and `gaps` where gaps are, the store
        unless given."""
        self._store = store
        self._gaps: GapStore = gaps or store
        self._key_for = key_for
        self._resync = resync
        self._clock = clock or SystemClock()
        self._backoff = backoff or BackoffPolicy()
        # A namespace appears with the server's first emit; events are lost until we join,
        # so these retries are kept short.
        self._ns_backoff = namespace_backoff or BackoffPolicy(initial=0.5, cap=5.0)
        self._tls_ca = tls_ca
        self._max_size = max_frame_size
        self.pipeline = EventPipeline(
            sink or store, clock=self._clock, batch_max=batch_max,
            batch_interval=batch_interval, retention=retention,
        )
        self._links: dict[int, ServerLink] = {}
        self._callbacks: list[StateCallback] = []
        self._lock = asyncio.Lock()
        self._closed = False

    # --- targets ------------------------------------------------------------------

    async def set_targets(self, server: Server, instances: Sequence[str]) -> None:
        """Listen to exactly these instances of `server`; none closes its connection."""
        if server.id is None:
            raise ValueError("a server must be stored before it can be listened to")
        async with self._lock:
            await self._apply(server, list(dict.fromkeys(instances)), None)

    async def refresh_from_store(self) -> None:
        """Targets become the instances the store has in websocket mode."""
        await self._refresh(restart=None)

    async def _refresh(self, *, restart: int | None) -> None:
        async with self._lock:
            servers = await self._store.list_servers()
            instances = await self._store.list_instances()
            known: set[int] = set()
            for server in servers:
                if server.id is None:
                    continue
                known.add(server.id)
                mine = [i for i in instances if i.server_id == server.id]
                # An instance deleted at the server has no namespace left to join.
                names = [i.name for i in mine if i.websocket_enabled and not i.vanished]
                ids = {i.name: i.id for i in mine if i.id is not None}
                await self._apply(server, names, ids, restart=server.id == restart)
            for server_id in [s for s in self._links if s not in known]:
                await self._drop(server_id)

    async def refresh(self) -> None:
        await self.refresh_from_store()

    async def stop_instance(self, server: Server, instance: str) -> None:
        """Stop hearing one instance (before its delivery mode changes)."""
        if server.id is None:
            return
        async with self._lock:
            link = self._links.get(server.id)
            if link is not None:
                remaining = [n for n in link.instances() if n != instance]
                await self._apply(link.server, remaining, None)

    async def forget_server(self, server_id: int) -> None:
        """The server is being removed: close its connection and write what it received
        (its rows go with the server)."""
        async with self._lock:
            await self._drop(server_id)
        await self.pipeline.flush()

    async def server_changed(self, server_id: int) -> None:
        """Its key or URL changed: follow the database, and connect again now with them,
        whatever the connection's state (live, refused or waiting as it may be)."""
        await self._refresh(restart=server_id)

    async def key_accepted(self, server_id: int) -> None:
        """The server just accepted its key (a check or a sync read with it): a
        connection it refused earlier, for that key or through a proxy's 403, tries again."""
        async with self._lock:
            link = self._links.get(server_id)
            if link is not None and link.state is ListenerState.REFUSED:
                link.start()

    async def reconnect(self, server_id: int) -> None:
        """Try again now: after the user fixed a refused key, or to skip a long backoff."""
        async with self._lock:
            link = self._links.get(server_id)
            if link is None:
                return
            if link.running:
                link.retry_now()
            else:
                link.start()

    async def _apply(
        self, server: Server, names: list[str], ids: dict[str, int] | None, *,
        restart: bool = False,
    ) -> None:
        assert server.id is not None
        if self._closed:
            raise RuntimeError("the listener is closed")
        link = self._links.get(server.id)
        if not names:
            if link is not None:
                await self._drop(server.id)
            return
        if ids is None:
            ids = {
                i.name: i.id for i in await self._store.list_instances(server.id)
                if i.id is not None
            }
        if link is None:
            link = ServerLink(
                server, key_for=self._key_for, pipeline=self.pipeline, gaps=self._gaps,
                notify=self._notify, clock=self._clock, backoff=self._backoff,
                namespace_backoff=self._ns_backoff, resync=self._resync,
                tls_ca=self._tls_ca, max_size=self._max_size,
            )
            self._links[server.id] = link
            link.set_targets(names, ids)
            link.start()
        else:
            # A new URL is connected to at once; the gaps of a server that was down stay
            # open until it is heard again, at whichever address.
            moved = link.server.base_url != server.base_url
            link.server = server
            link.set_targets(names, ids)
            if restart or moved:
                await link.restart()

    async def _drop(self, server_id: int) -> None:
        link = self._links.pop(server_id, None)
        if link is not None:
            await link.aclose()

    # --- states and events -----------------------------------------------------------

    def connection_state(self, server_id: int) -> ListenerState:
        link = self._links.get(server_id)
        return link.state if link is not None else ListenerState.STOPPED

    def connection_reason(self, server_id: int) -> str | None:
        link = self._links.get(server_id)
        return link.reason if link is not None else None

    def namespace_state(self, server_id: int, instance: str) -> ListenerState:
        link = self._links.get(server_id)
        return link.namespace_state(instance) if link is not None else ListenerState.STOPPED

    def namespace_reason(self, server_id: int, instance: str) -> str | None:
        """Why the namespace is in its state (a refusal's or a retry's reason), if known."""
        link = self._links.get(server_id)
        return link.namespace_reason(instance) if link is not None else None

    def subscribe(self, *, maxsize: int = 1000) -> EventSubscription:
        """Live events as they arrive; a full queue drops for this subscriber only."""
        return self.pipeline.subscribe(maxsize=maxsize)

    def on_state_changed(self, callback: StateCallback) -> Callable[[], None]:
        """Call `callback` on every state change; returns the function that unsubscribes.

        Callbacks run inside the connection's reader: they must return quickly.
        """
        self._callbacks.append(callback)

        def unsubscribe() -> None:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

        return unsubscribe

    def _notify(self, change: StateChange) -> None:
        for callback in list(self._callbacks):
            try:
                callback(change)
            except Exception:
                log.exception("State-change callback failed")

    async def flush(self) -> None:
        await self.pipeline.flush()

    @property
    def unstored(self) -> int:
        """Events heard but never stored: refused by the database while it took others,
        or lost (beyond what waits for a database that is away, or at close)."""
        return self.pipeline.refused + self.pipeline.lost

    async def aclose(self) -> None:
        """Close every connection, write pending events and end every task owned here."""
        async with self._lock:
            self._closed = True
            links, self._links = list(self._links.values()), {}
            await asyncio.gather(*(link.aclose() for link in links))
            await self.pipeline.aclose()
