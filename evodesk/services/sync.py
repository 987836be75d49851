"""Sync: bring the database in line with what the servers have, never writing to them.

Each instance costs two reads (its webhook row and its live WhatsApp state): the
instance list already carries the websocket row. Reads run with bounded concurrency.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from evodesk.domain.errors import EvodeskError
from evodesk.domain.events import parse_version
from evodesk.domain.models import (
    ConnectionState,
    Instance,
    RemoteInstance,
    Server,
)
from evodesk.domain.text import Text, printable
from evodesk.services.instances import InstanceLocks
from evodesk.services.listener_control import ListenerControl
from evodesk.services.ports import EvolutionPort, StorePort
from evodesk.services.servers import ServerService
from evodesk.services.truth import fold_rows, read_rows

log = logging.getLogger(__name__)

# What each field a sync compares means to a person. The labels are Texts of their own,
# so that a window finds each as a message and translates it.
_LABELS = {
    "connection_state": Text("WhatsApp connection"),
    "webhook_enabled": Text("webhook on/off"),
    "websocket_enabled": Text("WebSocket on/off"),
    "webhook_url": Text("webhook URL"),
    "webhook_base64": Text("webhook base64"),
    "webhook_by_events": Text("webhook byEvents"),
    "conflict": Text("conflict"),
}
_WATCHED = (*_LABELS, "vanished")
# "changed NAME: LABEL, LABEL…", one template for each number of labels: each label
# stays an argument, translated on its own, where a joined list would have no entry.
_CHANGED = (
    Text("changed %1: %2"),
    Text("changed %1: %2, %3"),
    Text("changed %1: %2, %3, %4"),
    Text("changed %1: %2, %3, %4, %5"),
    Text("changed %1: %2, %3, %4, %5, %6"),
    Text("changed %1: %2, %3, %4, %5, %6, %7"),
    Text("changed %1: %2, %3, %4, %5, %6, %7, %8"),
)

# The facts that name instances: in full, and the first few with how many more.
_NEW = (Text("new: %1"), Text("new: %1 …and %2 more"))
_RETURNED = (Text("back on the server: %1"), Text("back on the server: %1 …and %2 more"))
_VANISHED = (Text("no longer on the server (kept here): %1"),
             Text("no longer on the server (kept here): %1 …and %2 more"))
_CONFLICTS = (Text("CONFLICT (webhook and websocket both on): %1"),
              Text("CONFLICT (webhook and websocket both on): %1 …and %2 more"))


def _listing(templates: tuple[Text, Text], names: tuple[str, ...], limit: int | None) -> Text:
    full, capped = templates
    if limit is None or len(names) <= limit:
        return Text(full.template, (", ".join(names),))
    return Text(capped.template, (", ".join(names[:limit]), str(len(names) - limit)))


@dataclass(frozen=True, slots=True)
class SyncSummary:
    server: str
    total: int = 0
    added: tuple[str, ...] = ()
    vanished: tuple[str, ...] = ()
    returned: tuple[str, ...] = ()
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    conflicts: tuple[str, ...] = ()
    failed: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # the whole server could not be read
    seconds: float = 0.0

    def facts(self, limit: int | None = None) -> list[Text]:
        """What the sync found, one fact each: the first names the server; the rest are
        indented details under it. Templates are English (see `lines`); a window may
        translate them and fill in the same arguments. With a `limit`, each list names
        at most that many instances and each kind of detail takes at most that many
        facts, the rest counted ("…and 190 more"): a window has room for a few."""
        if self.error:
            return [Text("%1: %2", (self.server, self.error))]
        # The seconds' whole and tenths apart: the decimal mark is in the template, so
        # that a translation writes its own ("0,4 s").
        whole, _, tenths = f"{self.seconds:.1f}".partition(".")
        out = [Text("%1: %2 instance(s) in %3.%4 s",
                    (self.server, str(self.total), whole, tenths))]
        for names, template in ((self.added, _NEW), (self.returned, _RETURNED),
                                (self.vanished, _VANISHED)):
            if names:
                out.append(_listing(template, names, limit))
        changed = sorted(self.changed.items())
        for name, fields in changed[:limit]:
            labels = tuple(_LABELS[f].template if f in _LABELS else f for f in fields)
            out.append(Text(_CHANGED[len(labels) - 1].template, (name, *labels)))
        if limit is not None and len(changed) > limit:
            out.append(Text("…and %1 more changed", (str(len(changed) - limit),)))
        if self.conflicts:
            out.append(_listing(_CONFLICTS, self.conflicts, limit))
        failed = sorted(self.failed.items())
        for name, message in failed[:limit]:
            out.append(Text("could not read %1: %2", (name, message)))
        if limit is not None and len(failed) > limit:
            out.append(Text("…and %1 more could not be read", (str(len(failed) - limit),)))
        if len(out) == 1:
            out.append(Text("no changes"))
        return out

    def lines(self) -> list[str]:
        """A short human summary in English, one fact per line, for a terminal: names
        read from the server have their control characters escaped."""
        facts = [printable(str(fact)) for fact in self.facts()]
        return [facts[0]] + [f"  {fact}" for fact in facts[1:]]


def _utcnow() -> datetime:
    return datetime.now(UTC)


class SyncService:
    def __init__(
        self,
        store: StorePort,
        servers: ServerService,
        locks: InstanceLocks,
        listener: ListenerControl | None = None,
        *,
        concurrency: int = 64,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self._store = store
        self._servers = servers
        self._locks = locks
        self._listener = listener
        self._concurrency = concurrency
        self._clock = clock

    async def sync_all(
        self,
        server_name: str | None = None,
        *,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> list[SyncSummary]:
        servers = (
            [await self._store.get_server(server_name)]
            if server_name
            else await self._store.list_servers()
        )
        summaries = [await self.sync_server(s, progress=progress) for s in servers]
        if self._listener is not None:
            await self._listener.refresh()
        return summaries

    async def sync_instances(self, server: Server, names: list[str]) -> None:
        """Re-read a few instances (after a listener reconnect, their config may differ)."""
        assert server.id is not None
        client = await self._servers.client(server)
        stored = {i.name: i for i in await self._store.list_instances(server.id)}
        sem = asyncio.Semaphore(self._concurrency)
        results = await asyncio.gather(*(
            self._read_one(client, stored[n], None, sem) for n in names if n in stored
        ))
        await self._save_unless_changed(server.id, stored, [r for r, _ in results])

    async def sync_server(
        self, server: Server, *, progress: Callable[[str, int, int], None] | None = None
    ) -> SyncSummary:
        started = time.perf_counter()
        assert server.id is not None
        try:
            client = await self._servers.client(server)
            server = await self._read_version(server, client)
            remote = await client.list_instances()
        except EvodeskError as exc:
            return SyncSummary(server=server.name, error=str(exc),
                               seconds=time.perf_counter() - started)
        if self._listener is not None and server.id is not None:
            # The key read the list: a live connection refused earlier tries again.
            await self._listener.key_accepted(server.id)
        stored = {i.name: i for i in await self._store.list_instances(server.id)}
        remote_names = {r.name for r in remote}
        # v2 lists carry each instance's websocket row (or null); v1 lists do not.
        list_has_websocket = parse_version(server.version)[0] >= 2
        sem = asyncio.Semaphore(self._concurrency)
        done = 0

        async def one(row: RemoteInstance) -> tuple[Instance, str | None]:
            nonlocal done
            base = stored.get(row.name) or Instance(server_id=server.id or 0, name=row.name)
            listed = row if list_has_websocket else None
            result = await self._read_one(client, _with_remote(base, row), listed, sem)
            done += 1
            if progress is not None:
                progress(server.name, done, len(remote))
            return result

        results = await asyncio.gather(*(one(r) for r in remote))
        vanished = [
            replace(i, vanished=True) for n, i in stored.items()
            if n not in remote_names and not i.vanished
        ]
        await self._save_unless_changed(
            server.id or 0, stored, [r for r, _ in results] + vanished
        )
        if any(err == WEBSOCKET_SWITCHED_OFF for _, err in results):
            await self._store.update_server(replace(server, websocket_available=False))
        return _summarise(server.name, stored, results, vanished,
                          time.perf_counter() - started)

    async def _read_version(self, server: Server, client: EvolutionPort) -> Server:
        """The server with the version it runs now, stored if it changed: a server
        upgraded since the last read accepts other events and shapes."""
        try:
            version = (await client.server_info()).version
        except EvodeskError as exc:
            if server.version is None:
                raise
            # The version is only a refinement here; the list read next says whether
            # the server can be read at all.
            log.info("Could not read the version of %s, keeping %s: %s",
                     server.name, server.version, exc)
            return server
        if version == server.version:
            return server
        return await self._store.update_server(replace(server, version=version))

    async def _save_unless_changed(
        self, server_id: int, stored: dict[str, Instance], instances: list[Instance]
    ) -> None:
        """Store what the reads found, except for instances stored anew since this sync
        began (a change of mode, or another read, finished meanwhile): theirs is newer.

        Each instance's lock is released between its read and this save, so the locks
        are taken again (in name order, as no other holder takes two) for the check."""
        async with contextlib.AsyncExitStack() as held:
            for name in sorted({i.name for i in instances}):
                await held.enter_async_context(self._locks.hold(server_id, name))
            now = {i.name: i for i in await self._store.list_instances(server_id)}
            await self._store.save_instances(
                [i for i in instances if now.get(i.name) == stored.get(i.name)]
            )

    async def _read_one(
        self,
        client: EvolutionPort,
        instance: Instance,
        listed: RemoteInstance | None,
        sem: asyncio.Semaphore,
    ) -> tuple[Instance, str | None]:
        """Read one instance; ``listed`` is its row from a v2 list (with the websocket row)."""
        name = instance.name
        async with sem, self._locks.hold(instance.server_id, name):
            try:
                rows = await read_rows(client, name, listed=listed)
                if rows.websocket_switched_off:
                    return instance, WEBSOCKET_SWITCHED_OFF
                connection = await client.connection_state(name)
            except EvodeskError as exc:
                return replace(instance, last_error=str(exc)), str(exc)
        folded = fold_rows(instance, rows, now=self._clock(), connection=connection)
        return replace(folded, vanished=False), None


WEBSOCKET_SWITCHED_OFF = "This server has websockets switched off."


def _with_remote(instance: Instance, row: RemoteInstance) -> Instance:
    number = row.number or (row.owner_jid.split("@")[0] if row.owner_jid else None)
    return replace(
        instance,
        evolution_id=row.evolution_id or instance.evolution_id,
        integration=row.integration or instance.integration,
        owner_number=number or instance.owner_number,
        profile_name=row.profile_name or instance.profile_name,
        connection_state=(
            row.connection_state
            if row.connection_state is not ConnectionState.UNKNOWN
            else instance.connection_state
        ),
    )


def _summarise(
    server: str,
    stored: dict[str, Instance],
    results: list[tuple[Instance, str | None]],
    vanished: list[Instance],
    seconds: float,
) -> SyncSummary:
    added, returned, conflicts = [], [], []
    changed: dict[str, tuple[str, ...]] = {}
    failed: dict[str, str] = {}
    for instance, error in results:
        old = stored.get(instance.name)
        if error is not None:
            failed[instance.name] = error
        if old is None:
            added.append(instance.name)
        else:
            if old.vanished:
                returned.append(instance.name)
            fields = tuple(
                f for f in _WATCHED
                if f != "vanished" and getattr(old, f) != getattr(instance, f)
            )
            if fields:
                changed[instance.name] = fields
        if instance.conflict:
            conflicts.append(instance.name)
    return SyncSummary(
        server=server, total=len(results), added=tuple(sorted(added)),
        vanished=tuple(sorted(i.name for i in vanished)), returned=tuple(sorted(returned)),
        changed=changed, conflicts=tuple(sorted(conflicts)), failed=failed, seconds=seconds,
    )
