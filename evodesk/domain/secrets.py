"""Masking of secrets inside event payloads and other JSON that reaches people."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote_plus

MASK = "••••••"

# Keys whose values authenticate somebody: masked wherever they appear.
SECRET_KEYS = frozenset(
    {"apikey", "api_key", "token", "jwt", "jwt_key", "jwtkey", "authorization", "password",
     "passwd", "secret", "secret_key", "secretkey"}
)
# ... keys ending in one of these, lower-cased with "-", "." and spaces as "_" (x-api-key,
# openaiApiKey, refresh_token, Proxy-Authorization) ...
SECRET_SUFFIXES = ("_token", "_secret", "_secret_key", "_password", "_passwd", "_api_key",
                   "apikey", "_authorization")
# ... and camelCase keys ending in one of these (accessToken, clientSecret, secretKey).
SECRET_CAMEL_SUFFIXES = ("Token", "Secret", "SecretKey", "Password", "Passwd", "Authorization")
# What stands between the words of a key ("api-key", "api.key", "api key").
SECRET_SEPARATORS = "_-. "
# Every key is_secret_key accepts holds one of these once lower-cased (with any of
# SECRET_SEPARATORS where a word has "_"): the masker looks for them in raw text.
SECRET_WORDS = tuple(sorted(SECRET_KEYS | {s.lstrip("_") for s in SECRET_SUFFIXES}))

_AS_UNDERSCORE = str.maketrans({c: "_" for c in SECRET_SEPARATORS})


def is_secret_key(key: str) -> bool:
    """Whether `key` names a secret, however a server spells it: any case, words apart
    with "_", "-", "." or a space, and spaces around it ignored."""
    key = key.strip()
    lowered = key.lower().translate(_AS_UNDERSCORE)
    return (
        lowered in SECRET_KEYS
        or lowered.endswith(SECRET_SUFFIXES)
        or key.endswith(SECRET_CAMEL_SUFFIXES)
    )


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


_AUTHORITY = re.compile(r"//([^/?#]*)")


def _mask_password(url: str) -> str:
    """The password of `url`'s user information masked: everything between the first ":"
    and the last "@" of the authority, where URL parsers (Node's too) split it, so an "@"
    inside the password does not leave its end in sight."""
    found = _AUTHORITY.search(url)
    if found is None:
        return url
    userinfo, at, _host = found.group(1).rpartition("@")
    user, colon, password = userinfo.partition(":")
    if not (at and colon and password):
        return url
    start = found.start(1)
    return f"{url[:start]}{user}:{MASK}@{url[start + len(userinfo) + 1:]}"


def mask_url_secrets(url: str) -> str:
    """`url` as a person may see it: a password in it and the values of query
    parameters named like secrets (`?token=…`) replaced by MASK; the rest as it is."""
    url = _mask_password(url)
    start = url.find("?")
    if start < 0:
        return url
    end = url.find("#", start)
    end = len(url) if end < 0 else end
    fields = url[start + 1 : end].split("&")
    for i, field in enumerate(fields):
        name, equals, value = field.partition("=")
        if equals and value and is_secret_key(unquote_plus(name)):
            fields[i] = f"{name}={MASK}"
    return f"{url[: start + 1]}{'&'.join(fields)}{url[end:]}"
