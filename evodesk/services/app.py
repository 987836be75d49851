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
from evodesk.infra.secrets import KeyringSecretStore, SecretStore
from evodesk.infra.settings import Settings, load_settings, save_settings
from evodesk.services.listener_control import ListenerControl
from evodesk.services.manager import DeliveryManager
from evodesk.services.ports import EvolutionPort, StorePort
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

    @classmethod
    async def open(
        cls,
        paths: Paths,
        *,
        database_url: str | None = None,
        secrets: SecretStore | None = None,
        client_factory: Callable[[Server, str], EvolutionPort] = default_client_factory,
        listener: ListenerControl | None = None,
    ) -> AppServices:
        from evodesk.infra.store import Store

        paths.ensure()
        url = resolve_database_url(paths, database_url)
        store = await Store.open(url)
        secret_store: SecretStore = secrets if secrets is not None else KeyringSecretStore()
        servers = ServerService(store, secret_store, client_factory)
        manager = DeliveryManager(store, servers, secret_store, listener)
        return cls(
            paths=paths,
            store=store,
            secrets=secret_store,
            servers=servers,
            manager=manager,
            sync=SyncService(store, servers, manager.locks, listener),
            settings=load_settings(paths.settings_file),
            database_url=url,
        )

    def save_settings(self, settings: Settings) -> None:
        self.settings = settings
        save_settings(self.paths.settings_file, settings)

    async def aclose(self) -> None:
        try:
            await self.servers.aclose()
        finally:
            await self.store.aclose()
