"""Input rules: URLs, names and event selections are checked before anything is sent."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from evodesk.domain.errors import InvalidInput

_NAME_RE = re.compile(r"^[\w.\- ]{1,64}$")
# What a header value can hold on the wire, one byte a character: tab, space, visible
# ASCII and the Latin-1 letters above 0x7f (the rule of Node, which sends Evolution's
# webhooks). No other control character, nothing past U+00FF (no emoji, no Cyrillic).
_HEADER_VALUE_RE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")
# The API key travels in the `apikey` header, which the REST client encodes as ASCII:
# spaces and visible ASCII only (an invisible character pasted along with it is not).
_API_KEY_RE = re.compile(r"[\x20-\x7e]+")
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def validate_http_url(url: str, *, what: str = "URL") -> str:
    """Return the URL stripped of surrounding blanks, or raise InvalidInput saying why."""
    candidate = (url or "").strip()
    if not candidate:
        raise InvalidInput(f"The {what} is empty.")
    if any(ch.isspace() for ch in candidate):
        raise InvalidInput(f"The {what} must not contain spaces.")
    try:
        parts = urlsplit(candidate)
    except ValueError as exc:  # "Invalid IPv6 URL": a "[" without its "]"
        raise InvalidInput(f"The {what} has an invalid host name.") from exc
    if parts.scheme.lower() not in {"http", "https"}:
        raise InvalidInput(f"The {what} must start with http:// or https://.")
    try:
        host = parts.hostname
    except ValueError as exc:
        raise InvalidInput(f"The {what} has an invalid host name.") from exc
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise InvalidInput(f"The {what} has an invalid port.") from exc
    if not host:
        raise InvalidInput(f"The {what} has no host name.")
    return candidate


def normalize_server_url(url: str, *, credentials_allowed: bool = False) -> str:
    """A server base URL without trailing slash, query or fragment. A user name or
    password in it is refused, unless `credentials_allowed` (the REST client, which must
    still reach a server saved with them before they were refused). A bare '?' or '#'
    at the end is dropped: left in, every path evodesk adds would land behind it."""
    candidate = validate_http_url(url, what="server URL")
    parts = urlsplit(candidate)
    if parts.query or parts.fragment:
        raise InvalidInput("The server URL must not contain '?' or '#'.")
    # Both empty: any '?' or '#' left can only be the trailing delimiters.
    candidate = candidate.rstrip("?#")
    if "@" in parts.netloc and not credentials_allowed:
        # It would be stored, shown and sent along as it is: the key is the only
        # credential evodesk keeps, and it keeps it in the keyring.
        raise InvalidInput(
            "The server URL must not contain a user name or password; "
            "evodesk sends the API key, which it keeps in the keyring.")
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


def check_header_value(name: str, value: str) -> str:
    """The value of header `name` if it can be sent in an HTTP header (as Latin-1 bytes),
    or InvalidInput saying why not."""
    if "\n" in value or "\r" in value:
        raise InvalidInput(f"The value of header '{name}' must be a single line.")
    if _HEADER_VALUE_RE.fullmatch(value) is None:
        raise InvalidInput(
            f"The value of header '{name}' has a character that cannot be sent in an HTTP "
            "header, such as an emoji, a control character or a letter outside Western "
            "European alphabets."
        )
    return value


def check_api_key(key: str) -> str:
    """The key without surrounding blanks if it can be sent in the `apikey` header, or
    InvalidInput saying why not (never quoting the key)."""
    candidate = (key or "").strip()
    if not candidate:
        raise InvalidInput("The API key is empty.")
    if "\n" in candidate or "\r" in candidate:
        raise InvalidInput("The API key must be a single line.")
    if not api_key_sendable(candidate):
        raise InvalidInput(
            "The API key has a character that cannot be sent in an HTTP header, such as "
            "an invisible character, a control character or an accented letter. "
            "Enter the key again without it."
        )
    return candidate


def api_key_sendable(key: str) -> bool:
    """Whether `key` can travel in the `apikey` header as it is."""
    return _API_KEY_RE.fullmatch(key) is not None


# What a client says of a key saved before such keys were refused.
UNSENDABLE_STORED_KEY = (
    "The API key has a character that cannot be sent in an HTTP header, such as "
    "an invisible character, a control character or an accented letter. "
    "Edit the server and enter its key again."
)
