"""The live listener follows what happens to servers: one removed, one whose key was
fixed or accepted again, an instance deleted at the server. Against the sandbox, with
the services the window and `evodesk listen` use."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest

from evodesk.domain.models import ListenerState
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore, server_key_ref
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef

NAMES = ("loja-sp", "loja-rj")
KEY = "servers-key-0001"


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key=KEY, instances=list(NAMES), require_socket_key=True) as sb:
        yield sb


@pytest.fixture
async def app(tmp_path: Path, sandbox: Sandbox) -> AsyncIterator[AppServices]:
    services = await AppServices.open(resolve_paths(tmp_path / "d"),
                                      secrets=MemorySecretStore(), listen=True)
    try:
        await services.servers.add("Main", sandbox.url, sandbox.api_key)
        await services.sync.sync_all()
        for name in NAMES:
            await services.manager.enable_websocket(InstanceRef(name, "Main"),
                                                    ["MESSAGES_UPSERT"])
        await services.start_listening()
        for name in NAMES:  # a namespace exists from the server's first emit to it
            await sandbox.send_text(name, "opens the namespace")
        await until(services, lambda: all(
            namespace(services, n) is ListenerState.LIVE for n in NAMES))
        yield services
    finally:
        await services.aclose()


def namespace(app: AppServices, name: str) -> ListenerState:
    assert app.listener is not None
    return app.listener.namespace_state(1, name)


async def until(app: AppServices, predicate: Callable[[], bool], timeout: float = 20) -> None:
    """Wait for the listener's states to satisfy `predicate`."""
    assert app.listener is not None
    changed = asyncio.Event()
    stop = app.listener.on_state_changed(lambda _change: changed.set())

    async def wait() -> None:
        while not predicate():
            changed.clear()
            await changed.wait()

    try:
        await asyncio.wait_for(wait(), timeout)
    finally:
        stop()


async def test_removing_a_server_closes_its_connection_and_keeps_its_events_out(
    app: AppServices, sandbox: Sandbox
) -> None:
    assert app.listener is not None
    pipeline = app.listener.pipeline
    events = app.listener.subscribe()
    await sandbox.send_text("loja-sp", "just before the removal")
    await asyncio.wait_for(anext(aiter(events)), 10)
    await app.servers.remove("Main")
    assert app.listener.connection_state(1) is ListenerState.STOPPED
    assert sandbox.socket_clients == 0
    # What was received before went in while the server was there, then with it.
    await pipeline.flush()
    assert (pipeline.refused, pipeline.lost) == (0, 0) and pipeline.stored >= 1
    assert await app.store.count_events() == 0
    await sandbox.send_text("loja-sp", "after the removal")  # nobody hears it
    assert sandbox.socket_clients == 0


async def test_a_refused_connection_tries_again_when_the_key_is_changed(
    app: AppServices, sandbox: Sandbox
) -> None:
    assert app.listener is not None
    await app.secrets.set(server_key_ref("Main"), "a-key-that-was-revoked")
    await sandbox.drop_sockets()
    await until(app, lambda: app.listener is not None
                and app.listener.connection_state(1) is ListenerState.REFUSED)

    await app.servers.update("Main", api_key=KEY)
    await until(app, lambda: all(namespace(app, n) is ListenerState.LIVE for n in NAMES))
    assert app.listener.connection_state(1) is ListenerState.LIVE


async def test_a_refused_connection_tries_again_when_a_check_accepts_the_key(
    app: AppServices, sandbox: Sandbox
) -> None:
    # A proxy's 403, or a key put right at the server: a check that passes re-arms it.
    assert app.listener is not None
    real = sandbox.api_key
    await app.secrets.set(server_key_ref("Main"), "not-yet-valid")
    await sandbox.drop_sockets()
    await until(app, lambda: app.listener is not None
                and app.listener.connection_state(1) is ListenerState.REFUSED)
    await app.secrets.set(server_key_ref("Main"), real)
    check = await app.servers.check("Main")
    assert check.ok
    await until(app, lambda: all(namespace(app, n) is ListenerState.LIVE for n in NAMES))


async def test_an_instance_deleted_at_the_server_is_no_longer_listened_to(
    app: AppServices, sandbox: Sandbox
) -> None:
    async with httpx.AsyncClient(base_url=sandbox.url, headers={"apikey": KEY}) as rest:
        answer = await rest.delete("/instance/logout/loja-rj")
        assert answer.status_code == 200, answer.text
        answer = await rest.delete("/instance/delete/loja-rj")
        assert answer.status_code == 200, answer.text
    await app.sync.sync_all()
    instance = await app.store.get_instance(1, "loja-rj")
    assert instance.vanished and instance.websocket_enabled
    await until(app, lambda: namespace(app, "loja-rj") is ListenerState.STOPPED)
    assert namespace(app, "loja-sp") is ListenerState.LIVE


async def test_a_refused_connection_tries_again_when_a_sync_reads_with_the_key(
    app: AppServices, sandbox: Sandbox
) -> None:
    await app.secrets.set(server_key_ref("Main"), "not-yet-valid")
    await sandbox.drop_sockets()
    await until(app, lambda: app.listener is not None
                and app.listener.connection_state(1) is ListenerState.REFUSED)
    await app.secrets.set(server_key_ref("Main"), KEY)
    [summary] = await app.sync.sync_all()
    assert summary.error is None
    await until(app, lambda: all(namespace(app, n) is ListenerState.LIVE for n in NAMES))


async def test_a_removal_the_keyring_refuses_leaves_the_server_listened_to(
    app: AppServices, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evodesk.domain.errors import SecretStoreUnavailable
    from evodesk.infra.secrets import ScopedSecretStore

    assert isinstance(app.secrets, ScopedSecretStore)

    async def refuse(ref: str) -> None:
        raise SecretStoreUnavailable("The keyring is locked.")

    monkeypatch.setattr(app.secrets.inner, "delete", refuse)
    with pytest.raises(SecretStoreUnavailable):
        await app.servers.remove("Main")
    assert (await app.store.get_server("Main")).id == 1  # still there
    await until(app, lambda: all(namespace(app, n) is ListenerState.LIVE for n in NAMES))


async def test_a_key_edited_while_live_is_used_at_once(
    app: AppServices, sandbox: Sandbox
) -> None:
    # The connection made with the old key is not kept: the new key is tried now, and
    # a wrong one is told at once instead of at the next reconnect, days later maybe.
    assert app.listener is not None
    await app.servers.update("Main", api_key="a-key-typed-wrong")
    await until(app, lambda: app.listener is not None
                and app.listener.connection_state(1) is ListenerState.REFUSED)
    assert all(namespace(app, n) is ListenerState.REFUSED for n in NAMES)
    assert sandbox.socket_clients == 0  # the old connection is gone
    gaps = await app.store.list_gaps()
    assert len(gaps) == len(NAMES) and all(g.ended_at is None for g in gaps)

    await app.servers.update("Main", api_key=KEY)
    await until(app, lambda: all(namespace(app, n) is ListenerState.LIVE for n in NAMES))
    assert sandbox.socket_clients == 1
    assert len(await app.store.list_gaps()) == len(NAMES)  # the refusal was one loss


async def test_the_same_key_typed_again_keeps_the_connection(
    app: AppServices, sandbox: Sandbox
) -> None:
    assert app.listener is not None
    changes: list[object] = []
    stop = app.listener.on_state_changed(changes.append)
    events = app.listener.subscribe()
    try:
        await app.servers.update("Main", api_key=KEY)
        await app.servers.update("Main", url=sandbox.url)  # the same address
        await sandbox.send_text("loja-sp", "still heard on the first connection")
        event = await asyncio.wait_for(events.get(), 20)
    finally:
        stop()
        events.close()
    assert event.instance == "loja-sp"
    assert changes == []  # no reconnection: no state went by
    assert sandbox.socket_clients == 1
    assert await app.store.list_gaps() == []
