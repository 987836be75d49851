"""Servers: add, list, check and remove Evolution servers; one REST client per server.

The API key goes to the secret store before the database row exists, and is removed
again if the row cannot be written, so neither side is left half-done.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol

from evodesk.domain.errors import (
    KEY_REFUSED,
    AlreadyExists,
    EvodeskError,
    NotFound,
    SecretMissing,
    WebsocketDisabledOnServer,
)
from evodesk.domain.models import Server, ServerInfo
from evodesk.domain.validation import check_api_key, normalize_server_url, validate_name
from evodesk.infra.secrets import SecretStore, server_key_ref, webhook_headers_ref
from evodesk.services.ports import EvolutionPort, StorePort

log = logging.getLogger(__name__)

ClientFactory = Callable[[Server, str], EvolutionPort]


class ServerListener(Protocol):
    """What the live listener must hear about servers: one removed, one whose key or
    URL changed, one whose key was just accepted."""

    async def forget_server(self, server_id: int) -> None: ...

    async def server_changed(self, server_id: int) -> None: ...

    async def key_accepted(self, server_id: int) -> None: ...


@dataclass(frozen=True, slots=True)
class ServerCheck:
    """What `Check` found out about a server; `error` is set when it could not finish."""

    server: Server
    info: ServerInfo | None = None
    key_valid: bool | None = None
    websocket_available: bool | None = None
    instance_count: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.key_valid)


class ServerService:
    def __init__(
        self, store: StorePort, secrets: SecretStore, client_factory: ClientFactory
    ) -> None:
        self._store = store
        self._secrets = secrets
        self._client_factory = client_factory
        self._clients: dict[int, tuple[str, EvolutionPort]] = {}
        # Set when evodesk listens (the window, `evodesk listen`).
        self.listener: ServerListener | None = None

    async def add(self, name: str, url: str, api_key: str) -> Server:
        name = validate_name(name, what="server name")
        base_url = normalize_server_url(url)
        api_key = check_api_key(api_key)
        try:
            await self._store.get_server(name)
        except NotFound:
            pass
        else:
            raise AlreadyExists(f"A server named '{name}' already exists.")
        # The row first: when another evodesk adds the same name at the same moment, the
        # database refuses one of the two before either writes a key, so the loser
        # cannot delete the winner's key.
        server = await self._store.add_server(Server(name=name, base_url=base_url))
        try:
            await self._secrets.set(server_key_ref(name), api_key)
        except BaseException:
            with contextlib.suppress(Exception):
                await self._store.remove_server(name)
            raise
        return server

    async def update(self, name: str, *, url: str | None = None,
                     api_key: str | None = None) -> Server:
        before = await self._store.get_server(name)
        server = before
        if url is not None:
            server = replace(server, base_url=normalize_server_url(url))
        key_changed = False
        if api_key is not None:
            api_key = check_api_key(api_key)
            # The same key typed again leaves a live connection alone (a reconnection
            # is a gap and a resync); a key that cannot be read counts as changed.
            try:
                key_changed = await self._secrets.get(server_key_ref(name)) != api_key
            except Exception:
                key_changed = True
        # The row, then the key: a key is never changed for a change the database
        # refused, and a key the keyring refuses puts the row back.
        updated = await self._store.update_server(server)
        if api_key is not None:
            try:
                await self._secrets.set(server_key_ref(name), api_key)
            except BaseException:
                if updated.base_url != before.base_url:
                    with contextlib.suppress(Exception):
                        await self._store.update_server(replace(updated, base_url=before.base_url))
                raise
        await self._drop_client(updated)
        if self.listener is not None and updated.id is not None and (
                key_changed or updated.base_url != before.base_url):
            # A connection refused with the old key, or open to the old URL, starts over.
            await self.listener.server_changed(updated.id)
        return updated

    async def all(self) -> list[Server]:
        return await self._store.list_servers()

    async def get(self, name: str) -> Server:
        return await self._store.get_server(name)

    async def remove(self, name: str) -> None:
        server = await self._store.get_server(name)
        assert server.id is not None
        instances = await self._store.list_instances(server.id)
        if self.listener is not None:
            # Its live connection first, and what it received written while the server
            # row is still there to hold it.
            await self.listener.forget_server(server.id)
        try:
            await self._drop_client(server)
            # The secrets first: a keyring that refuses leaves the server in place, so
            # the removal can be tried again (deleting a secret already gone is no error).
            await self._secrets.delete(server_key_ref(name))
            for instance in instances:
                await self._secrets.delete(webhook_headers_ref(name, instance.name))
            await self._store.remove_server(name)
        except BaseException:
            if self.listener is not None:
                # Still there: it is listened to again.
                with contextlib.suppress(Exception):
                    await self.listener.server_changed(server.id)
            raise

    async def api_key(self, server: Server) -> str:
        key = await self._secrets.get(server_key_ref(server.name))
        if not key:
            raise SecretMissing(
                f"No API key for server '{server.name}' is in the keyring. "
                "Edit the server and enter its key again."
            )
        return key

    async def client(self, server: Server) -> EvolutionPort:
        """The shared REST client of a server (re-created when its key changed)."""
        assert server.id is not None
        key = await self.api_key(server)
        cached = self._clients.get(server.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        if cached is not None:
            await cached[1].aclose()
        client = self._client_factory(server, key)
        self._clients[server.id] = (key, client)
        return client

    async def check(self, name: str) -> ServerCheck:
        """Version, key validity and websocket support; stores what was learnt."""
        server = await self._store.get_server(name)
        result = await self._probe(server)
        server = replace(
            server,
            version=result.info.version if result.info else server.version,
            websocket_available=(
                result.websocket_available
                if result.websocket_available is not None
                else server.websocket_available
            ),
            last_check_at=datetime.now(UTC),
            last_check_error=result.error,
        )
        server = await self._store.update_server(server)
        if result.key_valid and self.listener is not None and server.id is not None:
            await self.listener.key_accepted(server.id)
        return replace(result, server=server)

    async def _probe(self, server: Server) -> ServerCheck:
        try:
            client = await self.client(server)
            info = await client.server_info()
        except EvodeskError as exc:
            return ServerCheck(server=server, error=str(exc))
        try:
            if not await client.check_key():
                return ServerCheck(
                    server=server, info=info, key_valid=False,
                    error=KEY_REFUSED,
                )
            instances = await client.list_instances()
            websocket = await self._websocket_available(client, [i.name for i in instances])
        except EvodeskError as exc:
            return ServerCheck(server=server, info=info, error=str(exc))
        return ServerCheck(
            server=server, info=info, key_valid=True,
            websocket_available=websocket, instance_count=len(instances),
        )

    @staticmethod
    async def _websocket_available(client: EvolutionPort, names: list[str]) -> bool | None:
        """Only a find on a real instance reveals it (an empty body means switched off)."""
        if not names:
            return None
        try:
            await client.find_websocket(names[0])
        except WebsocketDisabledOnServer:
            return False
        return True

    async def _drop_client(self, server: Server) -> None:
        if server.id is not None and server.id in self._clients:
            _, client = self._clients.pop(server.id)
            await client.aclose()

    async def aclose(self) -> None:
        clients = [c for _, c in self._clients.values()]
        self._clients.clear()
        for client in clients:
            await client.aclose()
