"""Secrets (server API keys, webhook header values) live in the OS keyring only.

There is deliberately no plaintext fallback: where no keyring backend works, evodesk
says so and what to install. Keyring calls block (D-Bus), so they run off the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from evodesk.domain.errors import SecretStoreUnavailable
from evodesk.infra.logsetup import register_secret

log = logging.getLogger(__name__)

SERVICE = "evodesk"

NO_BACKEND_MESSAGE = (
    "No working keyring was found, and evodesk never stores keys in plain text. "
    "Install and start a Secret Service provider (for example: apt install gnome-keyring, "
    "then log in to a desktop session, or run gnome-keyring-daemon), or KWallet on KDE."
)


def server_key_ref(server_name: str) -> str:
    return f"server/{server_name}/apikey"


def webhook_headers_ref(server_name: str, instance: str) -> str:
    return f"server/{server_name}/instance/{instance}/webhook-headers"


class SecretStore(Protocol):
    async def get(self, ref: str) -> str | None: ...

    async def set(self, ref: str, value: str) -> None: ...

    async def delete(self, ref: str) -> None: ...


async def get_headers(store: SecretStore, ref: str | None) -> dict[str, str]:
    """Webhook headers kept as one JSON secret; {} when none were saved."""
    if not ref:
        return {}
    raw = await store.get(ref)
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        log.warning("Stored webhook headers under a reference are unreadable; ignoring them.")
        return {}
    if not isinstance(value, dict):
        return {}
    headers = {str(k): str(v) for k, v in value.items()}
    for secret in headers.values():
        register_secret(secret)
    return headers


async def set_headers(store: SecretStore, ref: str, headers: dict[str, str]) -> None:
    # The store registers the JSON text as a whole; a server or a log line may quote one
    # value on its own.
    for secret in headers.values():
        register_secret(secret)
    if headers:
        await store.set(ref, json.dumps(headers, sort_keys=True))
    else:
        await store.delete(ref)


class ScopedSecretStore:
    """Another store's secrets, named within one database: references are prefixed with
    its id, so two databases holding a server of the same name never read, overwrite or
    delete each other's key. One keyring serves every data folder of the user.

    A database copied from another (`lineage`: the ids it came from, newest first)
    reads the secrets of those it has not saved itself, and copies them under its own
    scope; removing a server in the copy leaves the original's.

    A server that existed before scopes (`predates_scopes` says which) may have its
    secrets only under the bare reference: they are copied under the scope on first read
    and left in place, where an older data folder may still need them. Any other server
    never reads a bare entry, which may belong to another database's server of that name.
    Deleting removes the scoped entry only, for the same reason.
    """

    def __init__(
        self, inner: SecretStore, scope: str, *,
        predates_scopes: Callable[[str], Awaitable[bool]] | None = None,
        lineage: Sequence[str] = (),
    ) -> None:
        for name in (scope, *lineage):
            if not name or "/" in name:
                raise ValueError(f"not a usable secret scope: {name!r}")
        self.inner = inner
        self._prefix = f"database/{scope}/"
        self._ancestors = tuple(f"database/{name}/" for name in lineage)
        self._predates_scopes = predates_scopes
        self._copy_refused: set[str] = set()

    def scoped(self, ref: str) -> str:
        """The reference `ref` is kept under in the inner store."""
        return self._prefix + ref

    async def get(self, ref: str) -> str | None:
        value = await self.inner.get(self.scoped(ref))
        if value is not None:
            return value
        for prefix in self._ancestors:
            inherited = await self.inner.get(prefix + ref)
            if inherited is not None:
                await self._adopt(ref, inherited)
                return inherited
        if not await self._may_adopt(ref):
            return None
        legacy = await self.inner.get(ref)
        if legacy is not None:
            await self._adopt(ref, legacy)
        return legacy

    async def _adopt(self, ref: str, value: str) -> None:
        """Keep `value`, found elsewhere, under this database's scope."""
        try:
            await self.inner.set(self.scoped(ref), value)
        except SecretStoreUnavailable as exc:
            # Reading still works and the copy is tried again on the next read; a
            # locked keyring would otherwise repeat this on every read.
            if ref not in self._copy_refused:
                self._copy_refused.add(ref)
                log.warning("Could not copy a saved secret under this database's id "
                            "(%s); it is read from where it was meanwhile.", exc)

    async def _may_adopt(self, ref: str) -> bool:
        server = _server_of(ref)
        if server is None or self._predates_scopes is None:
            return False
        return await self._predates_scopes(server)

    async def set(self, ref: str, value: str) -> None:
        await self.inner.set(self.scoped(ref), value)

    async def delete(self, ref: str) -> None:
        await self.inner.delete(self.scoped(ref))


def _server_of(ref: str) -> str | None:
    """The server a reference of server_key_ref or webhook_headers_ref belongs to."""
    parts = ref.split("/")
    if len(parts) >= 3 and parts[0] == "server" and parts[1]:
        return parts[1]
    return None


class MemorySecretStore:
    """In-memory secrets for unit tests and throw-away sandbox sessions."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    async def get(self, ref: str) -> str | None:
        value = self._values.get(ref)
        register_secret(value)
        return value

    async def set(self, ref: str, value: str) -> None:
        register_secret(value)
        self._values[ref] = value

    async def delete(self, ref: str) -> None:
        self._values.pop(ref, None)


def _usable_backend(chosen: object | None = None) -> object:
    import keyring
    from keyring.backends import chainer, fail

    backend = chosen if chosen is not None else keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise SecretStoreUnavailable(NO_BACKEND_MESSAGE)
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        raise SecretStoreUnavailable(NO_BACKEND_MESSAGE)
    name = type(backend).__module__ + "." + type(backend).__name__
    if "plaintext" in name.lower() or "keyrings.alt" in name:
        raise SecretStoreUnavailable(NO_BACKEND_MESSAGE, detail=f"refused backend {name}")
    return backend


class KeyringSecretStore:
    """The OS keyring, through the `keyring` package, one service name for evodesk."""

    def __init__(self, service: str = SERVICE, *, backend: object | None = None) -> None:
        self._service = service
        self._backend = backend

    async def check(self) -> None:
        """Raise SecretStoreUnavailable unless a real backend answers."""
        await asyncio.to_thread(self._probe)

    def _probe(self) -> None:
        import keyring.errors

        backend = _usable_backend(self._backend)
        try:
            backend.get_password(self._service, "__evodesk_probe__")  # type: ignore[attr-defined]
        except keyring.errors.KeyringError as exc:
            raise SecretStoreUnavailable(NO_BACKEND_MESSAGE, detail=type(exc).__name__) from None

    async def get(self, ref: str) -> str | None:
        value = await asyncio.to_thread(self._call, "get_password", ref)
        register_secret(value)
        return value

    async def set(self, ref: str, value: str) -> None:
        register_secret(value)
        await asyncio.to_thread(self._call, "set_password", ref, value)

    async def delete(self, ref: str) -> None:
        import keyring.errors

        # Already absent is fine: deleting is idempotent.
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            await asyncio.to_thread(self._call, "delete_password", ref)

    def _call(self, method: str, ref: str, *args: str) -> str | None:
        import keyring.errors

        backend = _usable_backend(self._backend)
        try:
            result = getattr(backend, method)(self._service, ref, *args)
        except keyring.errors.PasswordDeleteError:
            raise
        except keyring.errors.KeyringLocked:
            # Nothing wrong with the keyring or the secret: it waits to be unlocked.
            raise SecretStoreUnavailable(_locked(method), detail="KeyringLocked") from None
        except keyring.errors.KeyringError as exc:
            # The exception text can echo what was passed in; keep only its type.
            kind = type(exc).__name__
            if method == "get_password":
                message = f"The keyring refused to read a secret: {kind}."
            elif method == "set_password":
                message = f"The keyring refused to store a secret: {kind}."
            else:
                message = f"The keyring refused to delete a secret: {kind}."
            raise SecretStoreUnavailable(message, detail=kind) from None
        return result if isinstance(result, str) or result is None else str(result)


def _locked(method: str) -> str:
    if method == "get_password":
        refused = "The keyring is locked, so evodesk cannot read a secret from it."
    elif method == "set_password":
        refused = "The keyring is locked, so evodesk cannot store a secret in it."
    else:
        refused = "The keyring is locked, so evodesk cannot delete a secret from it."
    unlock = ("Unlock it (log in to the desktop session, or enter the keyring's password "
              "when asked) and try again.")
    return f"{refused} {unlock}"
