"""Masking of secrets inside event payloads and other JSON that reaches people."""

from __future__ import annotations

from typing import Any

MASK = "••••••"

# Keys whose values authenticate somebody: masked wherever they appear.
SECRET_KEYS = frozenset(
    {"apikey", "api_key", "token", "jwt", "jwt_key", "authorization", "password", "secret"}
)
# ... and keys ending in one of these.
SECRET_SUFFIXES = ("_token", "_secret", "_password")


def is_secret_key(key: str) -> bool:
    lowered = key.lower().replace("-", "_")
    return lowered in SECRET_KEYS or lowered.endswith(SECRET_SUFFIXES)


def mask_secrets(value: Any) -> Any:
    """A copy of a JSON value with every secret-looking key's value replaced by MASK."""
    if isinstance(value, dict):
        return {
            k: (MASK if is_secret_key(str(k)) and v not in (None, "") else mask_secrets(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [mask_secrets(v) for v in value]
    return value


def mask_value(secret: str | None) -> str:
    """What a person may see of a secret: nothing but its presence."""
    return MASK if secret else ""
