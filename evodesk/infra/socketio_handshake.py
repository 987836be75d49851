"""What the Socket.IO handshake's answer means, and keeping the credentials it carries
(the API key, a password in the server URL) out of messages and log lines."""

from __future__ import annotations

import base64
import logging
from typing import Any
from urllib.parse import quote_plus, unquote, urljoin, urlsplit, urlunsplit

from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus
from websockets.frames import Frame

from evodesk.domain.errors import (
    KEY_REFUSED,
    EvodeskError,
    HandshakeRefused,
    ProtocolError,
    ServerError,
    ServerUnreachable,
)
from evodesk.domain.secrets import MASK

# Engine.IO answers a refused WebSocket upgrade with HTTP 400 and the reason as the body:
# its own reasons have nothing to do with the key; Evolution's allowRequest gives these.
_ENGINEIO_REASONS = (
    "transport unknown", "session id unknown", "bad handshake method", "bad request",
    "unsupported protocol version",
)
_KEY_REASONS = ("forbidden", "unauthorized", "invalid global token", "apikey is required")


class ConnectWithoutRedirects(connect):
    """websockets' `connect`, which follows a redirect and sends the `apikey` header (and
    the key in the query) to wherever it points: here a redirect is an answer."""

    def process_redirect(self, exc: Exception) -> Exception | str:
        return exc


def redirect_error(exc: InvalidStatus, url: str) -> EvodeskError:
    """Where the server sends the live connection, as a server address to use instead:
    the Socket.IO path and the query (which would carry the key) left out."""
    status = exc.response.status_code
    location = exc.response.headers.get("Location")
    if not location:
        return ServerUnreachable(
            f"The server answered the live connection with a redirect (HTTP {status}) that "
            "names no address. Check the URL."
        )
    parts = urlsplit(urljoin(url, location))
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme.lower(), parts.scheme.lower())
    path = parts.path
    if path.rstrip("/").endswith("/socket.io"):
        path = path.rstrip("/")[: -len("/socket.io")]
    netloc = parts.netloc.rpartition("@")[2]  # never repeat credentials
    target = urlunsplit((scheme, netloc, path, "", ""))
    return ServerUnreachable(
        f"The server redirects the live connection to {target} (HTTP {status}): evodesk "
        "does not follow it with the API key; use that address for the server.",
        detail=f"HTTP {status} to the Socket.IO handshake",
    )


def refusal(exc: InvalidStatus, secrets: tuple[str, ...]) -> EvodeskError:
    status = exc.response.status_code
    # An error page may quote the request line or header, key included: masked before
    # it is cut, so that no piece of the key is left at the cut.
    body = masked(bytes(exc.response.body or b"").decode("utf-8", "replace"), secrets)[:200]
    reason = body.lower()
    if status in (401, 403) or (status == 400 and any(k in reason for k in _KEY_REASONS)):
        return HandshakeRefused(KEY_REFUSED, status=status, detail=body)
    if status == 400 and any(r in reason for r in _ENGINEIO_REASONS):
        return ProtocolError(
            "The server refused the Socket.IO handshake.", detail=f"HTTP 400: {body}"
        )
    if status == 400:
        # e.g. Evolution's "Authentication error": its own lookup failed; worth a retry.
        return ServerError(
            "The server could not accept the live connection now.", status=400, detail=body
        )
    return ServerUnreachable(
        f"The server answered HTTP {status} instead of opening the live connection.",
        detail=body,
    )


def secrets_in(url: str, key: str) -> tuple[str, ...]:
    """What the handshake carries that no message or log line may repeat: the key as the
    header and the query carry it (form-encoded), and a password in the server URL (a
    server saved with one before such URLs were refused), as written, decoded and inside
    the Basic credentials websockets sends for it. Longest first, so that one holding
    another is masked whole."""
    found = {key, quote_plus(key)}
    parts = urlsplit(url)
    if parts.username is not None and parts.password is not None:
        user, password = unquote(parts.username), unquote(parts.password)
        basic = base64.b64encode(f"{user}:{password}".encode(errors="surrogateescape")).decode()
        # A very short password would only garble the text it is looked for in.
        found |= {basic, *(p for p in (parts.password, password) if len(p) >= 4)}
    return tuple(sorted({s for s in found if s}, key=len, reverse=True))


def masked(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


def _redact(value: object, secrets: tuple[str, ...]) -> object:
    if isinstance(value, str | bytes):
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        if any(s in text for s in secrets):
            return masked(text, secrets)
    return value


class RedactingLogger(logging.LoggerAdapter[logging.Logger]):
    """websockets logs request lines and headers at DEBUG: keep the key out of them.

    It also logs every frame at DEBUG, shortened: an event's payload (message text, the
    instance's own token), cut where no redaction can recognise it. Frames are left out.
    """

    def __init__(self, logger: logging.Logger, secrets: tuple[str, ...]) -> None:
        super().__init__(logger, {})
        self._secrets = secrets

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        if self.isEnabledFor(level) and not any(isinstance(a, Frame) for a in args):
            msg = _redact(msg, self._secrets)
            args = tuple(_redact(a, self._secrets) for a in args)
            self.logger.log(level, msg, *args, **kwargs)
