"""The server service keeps the database and the keyring in step: whichever of the two
refuses, the other is left as it was, and a name two evodesks add at once keeps the
winner's key."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from evodesk.domain.errors import EvodeskError, SecretStoreUnavailable
from evodesk.infra.secrets import MemorySecretStore
from evodesk.infra.store import Store
from evodesk.services.servers import ServerService, server_key_ref


class RefusingSecrets(MemorySecretStore):
    """A keyring that can be told to refuse writes or deletes (locked, say)."""

    refuse_set = False
    refuse_delete = False

    async def set(self, ref: str, value: str) -> None:
        if self.refuse_set:
            raise SecretStoreUnavailable("The keyring is locked.")
        await super().set(ref, value)

    async def delete(self, ref: str) -> None:
        if self.refuse_delete:
            raise SecretStoreUnavailable("The keyring is locked.")
        await super().delete(ref)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(f"sqlite:///{tmp_path / 'evodesk.db'}")
    yield opened
    await opened.aclose()


def no_client(*_: object) -> object:
    raise AssertionError("no server is contacted here")


async def test_two_adds_of_one_name_keep_the_winners_key(store: Store) -> None:
    secrets = MemorySecretStore()
    service = ServerService(store, secrets, no_client)  # type: ignore[arg-type]
    results = await asyncio.gather(
        service.add("Main", "https://a.example", "KEY-ONE"),
        service.add("Main", "https://b.example", "KEY-TWO"),
        return_exceptions=True,
    )
    [won] = [r for r in results if not isinstance(r, BaseException)]
    [lost] = [r for r in results if isinstance(r, BaseException)]
    assert isinstance(lost, EvodeskError)
    expected = "KEY-ONE" if won.base_url == "https://a.example" else "KEY-TWO"
    assert await secrets.get(server_key_ref("Main")) == expected


async def test_a_key_the_keyring_refuses_leaves_no_server(store: Store) -> None:
    secrets = RefusingSecrets()
    secrets.refuse_set = True
    service = ServerService(store, secrets, no_client)  # type: ignore[arg-type]
    with pytest.raises(SecretStoreUnavailable):
        await service.add("Main", "https://a.example", "KEY-ONE")
    assert await store.list_servers() == []


async def test_a_refused_key_change_puts_the_url_back(store: Store) -> None:
    secrets = RefusingSecrets()
    service = ServerService(store, secrets, no_client)  # type: ignore[arg-type]
    await service.add("Main", "https://a.example", "KEY-ONE")
    secrets.refuse_set = True
    with pytest.raises(SecretStoreUnavailable):
        await service.update("Main", url="https://b.example", api_key="KEY-TWO")
    assert (await store.get_server("Main")).base_url == "https://a.example"
    assert await secrets.get(server_key_ref("Main")) == "KEY-ONE"


async def test_a_removal_the_keyring_refuses_leaves_the_server_to_try_again(
    store: Store,
) -> None:
    secrets = RefusingSecrets()
    service = ServerService(store, secrets, no_client)  # type: ignore[arg-type]
    await service.add("Main", "https://a.example", "KEY-ONE")
    secrets.refuse_delete = True
    with pytest.raises(SecretStoreUnavailable):
        await service.remove("Main")
    assert [s.name for s in await store.list_servers()] == ["Main"]
    secrets.refuse_delete = False
    await service.remove("Main")
    assert await store.list_servers() == []
    assert await secrets.get(server_key_ref("Main")) is None
