"""Keyring backends for the real `evodesk` command in tests, chosen through
PYTHON_KEYRING_BACKEND=tests.support.keyrings.<Class>."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked


class LockedKeyring(KeyringBackend):
    """A Secret Service whose collection is locked and stays locked (no one unlocks it),
    as SecretService.Keyring reports it."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")
