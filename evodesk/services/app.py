"""The services of one evodesk process, opened together and closed together.

The GUI, the tray and every CLI command build exactly this object, so they all share
the same rules.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from evodesk.domain.models import Server
from evodesk.infra.paths import Paths, resolve_database_url
from evodesk.infra.process_locks import ProcessLocks
from evodesk.infra.secrets import KeyringSecretStore, ScopedSecretStore, SecretStore
from evodesk.infra.settings import Settings, load_settings, save_settings
from evodesk.services.event_log_gate import OneWriterEventLog, one_writer_event_log
from evodesk.services.listener import ListenerSupervisor
from evodesk.services.manager import DeliveryManager
from evodesk.services.ports import EvolutionPort, NamedLocks, StorePort
from evodesk.services.servers import ServerService
from evodesk.services.sync import SyncService

log = logging.getLogger(__name__)


def default_client_factory(server: Server, api_key: str) -> EvolutionPort:
    from evodesk.infra.evolution import EvolutionClient

    return EvolutionClient(server.base_url, api_key, version=server.version)


@dataclass
class AppServices:
    paths: Paths
    store: StorePort
    secrets: SecretStore
    servers: ServerService
    manager: DeliveryManager
    sync: SyncService
    settings: Settings = field(default_factory=Settings)
    database_url: str = ""
    listener: ListenerSupervisor | None = None
    # On a database of this computer alone: whether this process writes the event log.
    event_log: OneWriterEventLog | None = None

    @classmethod
    async def open(
        cls,
        paths: Paths,
        *,
        database_url: str | None = None,
        secrets: SecretStore | None = None,
        client_factory: Callable[[Server, str], EvolutionPort] = default_client_factory,
        listen: bool = False,
        workstation: str | None = None,
    ) -> AppServices:
        """Open the database and build the services; ``listen`` also runs the live
        listener, which then follows every websocket-mode instance in the database.
        ``workstation`` names this computer in a shared database (the host name unless
        given)."""
        from evodesk.infra.store import Store
        from evodesk.infra.store.engine import refuse_in_memory

        paths.ensure()
        url = resolve_database_url(paths, database_url)
        refuse_in_memory(url)
        settings = load_settings(paths.settings_file)
        store = await Store.open(url, workstation=workstation or settings.workstation)
        if store.shared and not (workstation or settings.workstation):
            # Named once: a host name may change with the network, and this computer's
            # open gaps must still be its own when it comes back.
            settings = settings.with_changes(workstation=store.workstation)
            try:
                save_settings(paths.settings_file, settings)
            except OSError as exc:
                log.warning("Could not keep this computer's name in %s (%s)",
                            paths.settings_file, exc.strerror or exc)
        # A team's log keeps what its most generous workstation asks, this one included
        # even if it never listens (and so never prunes).
        await store.note_retention(settings.event_retention)
        # One keyring serves every database: each keeps its secrets under its own id.
        secret_store: SecretStore = ScopedSecretStore(
            secrets if secrets is not None else KeyringSecretStore(), store.database_id,
            predates_scopes=store.server_predates_secret_scopes,
            lineage=store.database_lineage)
        servers = ServerService(store, secret_store, client_factory)
        supervisor: ListenerSupervisor | None = None
        event_log: OneWriterEventLog | None = None
        resync_target: list[SyncService] = []
        if listen:
            # The window and `evodesk listen` on one SQLite file both hear every event.
            event_log = one_writer_event_log(store)

            async def resync(server: Server, names: list[str]) -> None:
                await resync_target[0].sync_instances(server, names)

            supervisor = ListenerSupervisor(
                store, key_for=servers.api_key, resync=resync,
                retention=settings.event_retention, sink=event_log, gaps=event_log,
            )
            servers.listener = supervisor
        # The data folder's locks cover its processes; on PostgreSQL the database's own
        # cover every workstation sharing it. Always taken in this order.
        locks: list[NamedLocks] = [ProcessLocks(paths.data_dir / "locks")]
        if (shared := store.shared_locks()) is not None:
            locks.append(shared)
        manager = DeliveryManager(store, servers, secret_store, supervisor, process_locks=locks)
        sync = SyncService(store, servers, manager.locks, supervisor)
        resync_target.append(sync)
        return cls(
            paths=paths,
            store=store,
            secrets=secret_store,
            servers=servers,
            manager=manager,
            sync=sync,
            settings=settings,
            database_url=url,
            listener=supervisor,
            event_log=event_log,
        )

    async def start_listening(self) -> None:
        if self.listener is not None:
            await self.listener.refresh_from_store()

    def save_settings(self, settings: Settings) -> None:
        self.settings = settings
        save_settings(self.paths.settings_file, settings)

    async def aclose(self) -> None:
        """Close connections first, so pending events are written before the store goes."""
        try:
            if self.listener is not None:
                await self.listener.aclose()
            await self.servers.aclose()
        finally:
            try:
                if self.event_log is not None:
                    await self.event_log.aclose()  # written: another process may write
            finally:
                await self.store.aclose()
