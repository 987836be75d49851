"""Input rules: URLs, names and event selections are checked before anything is sent."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from evodesk.domain.errors import InvalidInput

_NAME_RE = re.compile(r"^[\w.\- ]{1,64}$")
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def validate_http_url(url: str, *, what: str = "URL") -> str:
    """Return the URL stripped of surrounding blanks, or raise InvalidInput saying why."""
    candidate = (url or "").strip()
    if not candidate:
        raise InvalidInput(f"The {what} is empty.")
    if any(ch.isspace() for ch in candidate):
        raise InvalidInput(f"The {what} must not contain spaces.")
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in {"http", "https"}:
        raise InvalidInput(f"The {what} must start with http:// or https://.")
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise InvalidInput(f"The {what} has an invalid port.") from exc
    if not host:
        raise InvalidInput(f"The {what} has no host name.")
    return candidate


def normalize_server_url(url: str) -> str:
    """A server base URL without trailing slash, query or fragment."""
    candidate = validate_http_url(url, what="server URL")
    parts = urlsplit(candidate)
    if parts.query or parts.fragment:
        raise InvalidInput("The server URL must not contain '?' or '#'.")
    return candidate.rstrip("/")


def is_plain_http_to_remote(url: str) -> bool:
    """True for http:// to a host that is not this machine (keys would travel in clear)."""
    parts = urlsplit(url)
    return parts.scheme.lower() == "http" and (parts.hostname or "") not in _LOCAL_HOSTS


def validate_name(name: str, *, what: str = "name") -> str:
    candidate = (name or "").strip()
    if not _NAME_RE.match(candidate):
        raise InvalidInput(
            f"The {what} must be 1 to 64 letters, digits, spaces, dots, dashes or underscores."
        )
    return candidate
