"""Secrets: the keyring adapter against a real Secret Service, the refusal to fall back to
plain text, and the in-memory store used by unit tests."""

from __future__ import annotations

import uuid

import pytest

from evodesk.domain.errors import SecretStoreUnavailable
from evodesk.infra.logsetup import REDACTED, redact
from evodesk.infra.secrets import (
    KeyringSecretStore,
    MemorySecretStore,
    get_headers,
    server_key_ref,
    set_headers,
    webhook_headers_ref,
)


@pytest.mark.keyring
async def test_real_secret_service_round_trip(real_keyring: object) -> None:
    store = KeyringSecretStore(service=f"evodesk-test-{uuid.uuid4()}", backend=real_keyring)
    await store.check()
    ref = server_key_ref("loja")
    assert await store.get(ref) is None
    await store.set(ref, "key-one")
    assert await store.get(ref) == "key-one"
    await store.set(ref, "key-two")
    assert await store.get(ref) == "key-two"
    await store.delete(ref)
    assert await store.get(ref) is None
    await store.delete(ref)  # deleting twice is fine


@pytest.mark.keyring
async def test_real_secret_service_keeps_webhook_headers(real_keyring: object) -> None:
    store = KeyringSecretStore(service=f"evodesk-test-{uuid.uuid4()}", backend=real_keyring)
    ref = webhook_headers_ref("s", "loja-sp")
    await set_headers(store, ref, {"Authorization": "Bearer header-canary-77"})
    assert await get_headers(store, ref) == {"Authorization": "Bearer header-canary-77"}
    # Values read from the keyring are redacted from logs from then on.
    assert "header-canary-77" not in redact("sending Bearer header-canary-77")
    await set_headers(store, ref, {})
    assert await get_headers(store, ref) == {}


@pytest.mark.keyring
def test_default_discovery_finds_the_secret_service(secret_service: object) -> None:
    import subprocess
    import sys

    env = secret_service.env  # type: ignore[attr-defined]
    probe = (
        "import asyncio, keyring\n"
        "from evodesk.infra.secrets import KeyringSecretStore\n"
        "asyncio.run(KeyringSecretStore('evodesk-discovery').check())\n"
        "print(type(keyring.get_keyring()).__module__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "SecretService" in result.stdout


async def test_no_backend_is_refused_with_what_to_install() -> None:
    from keyring.backends import fail

    store = KeyringSecretStore(backend=fail.Keyring())
    with pytest.raises(SecretStoreUnavailable) as excinfo:
        await store.check()
    assert "gnome-keyring" in str(excinfo.value)
    with pytest.raises(SecretStoreUnavailable):
        await store.set("x", "never-stored-canary")


async def test_plaintext_backends_are_refused() -> None:
    from keyring.backend import KeyringBackend

    class PlaintextKeyring(KeyringBackend):  # the shape of keyrings.alt's file backend
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return None

        def set_password(self, service: str, username: str, password: str) -> None:
            raise AssertionError("a plaintext backend must never receive a secret")

        def delete_password(self, service: str, username: str) -> None:
            return None

    store = KeyringSecretStore(backend=PlaintextKeyring())
    with pytest.raises(SecretStoreUnavailable):
        await store.set("x", "never-stored-canary")


async def test_keyring_errors_never_echo_the_secret() -> None:
    from keyring.backend import KeyringBackend
    from keyring.errors import KeyringError

    canary = "canary-" + uuid.uuid4().hex

    class Broken(KeyringBackend):
        priority = 5  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            raise KeyringError(f"locked while reading {username}")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise KeyringError(f"cannot store {password}")

        def delete_password(self, service: str, username: str) -> None:
            raise KeyringError("nope")

    store = KeyringSecretStore(backend=Broken())
    with pytest.raises(SecretStoreUnavailable) as excinfo:
        await store.set("ref", canary)
    assert canary not in str(excinfo.value)
    assert canary not in repr(excinfo.value)
    assert canary not in (excinfo.value.detail or "")
    assert excinfo.value.__cause__ is None and excinfo.value.__context__ is not None
    assert canary not in redact(f"context: {excinfo.value.__context__}")


async def test_memory_store_round_trip_and_registers_values_for_redaction() -> None:
    store = MemorySecretStore()
    await store.set("a", "memory-canary-123")
    assert await store.get("a") == "memory-canary-123"
    assert redact("x memory-canary-123 y") == f"x {REDACTED} y"
    await store.delete("a")
    await store.delete("a")
    assert await store.get("a") is None


async def test_unreadable_header_secret_is_ignored() -> None:
    store = MemorySecretStore()
    await store.set("h", "not json")
    assert await get_headers(store, "h") == {}
    await store.set("h", "[1, 2]")
    assert await get_headers(store, "h") == {}
    assert await get_headers(store, None) == {}


async def test_every_saved_header_value_is_redacted_from_logs() -> None:
    # Fresh values: the redaction registry lives as long as the process.
    token, tenant = f"Bearer tok-{uuid.uuid4().hex}", f"tenant-{uuid.uuid4().hex}"
    await set_headers(
        MemorySecretStore(), webhook_headers_ref("s", "loja-sp"),
        {"Authorization": token, "X-Tenant": tenant},
    )
    line = redact(f"the server said: bad tenant {tenant}, bad key {token}")
    assert tenant not in line and token not in line


@pytest.mark.keyring
async def test_header_values_saved_in_the_keyring_are_redacted_from_logs(
    real_keyring: object,
) -> None:
    store = KeyringSecretStore(service=f"evodesk-test-{uuid.uuid4()}", backend=real_keyring)
    tenant = f"tenant-{uuid.uuid4().hex}"
    await set_headers(store, webhook_headers_ref("s", "loja-sp"), {"X-Tenant": tenant})
    assert redact(f"echoed: {tenant}") == f"echoed: {REDACTED}"
