"""Domain errors: each carries one sentence a support person can act on.

Infra maps HTTP, socket, database and keyring failures onto these; the UI and CLI
show `str(error)`; logs may add `detail`, which never holds secrets either.
"""

from __future__ import annotations


class EvodeskError(Exception):
    """Base of every error evodesk reports to a person."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


# --- talking to an Evolution server -------------------------------------------------


class ServerError(EvodeskError):
    """The Evolution server answered, but with a failure (5xx or an error flag)."""

    def __init__(self, message: str, *, status: int | None = None, detail: str | None = None):
        super().__init__(message, detail=detail)
        self.status = status


# The one wording of a refused key, from the REST client, the Socket.IO handshake and
# the server check alike: the notifications tell a refused key from other refusals by it.
KEY_REFUSED = "The server refused the API key."


class BadApiKey(ServerError):
    pass


class UnknownInstance(ServerError):
    def __init__(self, instance: str, *, detail: str | None = None) -> None:
        super().__init__(
            f"Instance '{instance}' does not exist on this server.", status=404, detail=detail
        )
        self.instance = instance


class ServerNotActivated(ServerError):
    """Evolution 2.4's licence gate (503 LICENSE_REQUIRED)."""


class WebsocketDisabledOnServer(ServerError):
    """The server runs with websockets switched off: set/find answer an empty body."""


class ValidationFailed(ServerError):
    """The server rejected what we sent (400/422); message flattened from its body."""


class UnexpectedResponse(ServerError):
    """The answer was HTML, not JSON, or JSON of an unexpected shape."""


class ServerUnreachable(EvodeskError):
    pass


class ServerTimeout(ServerUnreachable):
    pass


class TlsFailure(ServerUnreachable):
    pass


class UnsupportedServer(EvodeskError):
    """A server version evodesk cannot drive for this operation (e.g. v1 where v2 is needed)."""


# --- local input -------------------------------------------------------------------


class InvalidInput(EvodeskError):
    """Something the user typed is not acceptable (URL, name, event list)."""


class UnknownEvents(InvalidInput):
    """Events the server's version (as evodesk last read it) does not have."""

    def __init__(self, message: str, events: tuple[str, ...]) -> None:
        super().__init__(message)
        self.events = events


# --- local storage -----------------------------------------------------------------


class StoreError(EvodeskError):
    pass


class DatabaseTooNew(StoreError):
    pass


class DatabaseUnreadable(StoreError):
    pass


class NotFound(StoreError):
    pass


class AlreadyExists(StoreError):
    pass


# --- secrets -----------------------------------------------------------------------


class SecretStoreUnavailable(EvodeskError):
    pass


class SecretMissing(EvodeskError):
    pass


# --- live listener -----------------------------------------------------------------


class ProtocolError(EvodeskError):
    """The Socket.IO peer sent something we cannot accept."""


class HandshakeRefused(ServerError):
    """The Socket.IO handshake was refused (bad key): do not retry blindly."""


# --- delivery changes --------------------------------------------------------------


class DeliveryChangeFailed(EvodeskError):
    """A change of delivery mode failed; the message says whether the old mode is back."""

    def __init__(self, message: str, *, restored: bool, detail: str | None = None) -> None:
        super().__init__(message, detail=detail)
        self.restored = restored
