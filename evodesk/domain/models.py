"""Value objects shared by every layer: servers, instances, delivery rows, events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class DeliveryMode(StrEnum):
    """How an instance's events leave the server, as evodesk sees it."""

    NONE = "none"
    WEBHOOK = "webhook"
    WEBSOCKET = "websocket"


class ConnectionState(StrEnum):
    """WhatsApp connection state of an instance (Evolution's open/connecting/close)."""

    OPEN = "open"
    CONNECTING = "connecting"
    CLOSE = "close"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, value: object) -> ConnectionState:
        try:
            return cls(str(value).lower())
        except ValueError:
            return cls.UNKNOWN


class ListenerState(StrEnum):
    """State of a live Socket.IO connection or of one namespace on it."""

    STOPPED = "stopped"
    CONNECTING = "connecting"
    LIVE = "live"
    WAITING = "waiting"  # the server said "Invalid namespace"; retried
    RETRYING = "retrying"
    REFUSED = "refused"  # bad key: stopped until the user acts


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """What `GET /` tells about a server."""

    version: str
    client_name: str | None
    major: int
    minor: int
    manager_url: str | None = None
    whatsapp_web_version: str | None = None

    @property
    def is_v1(self) -> bool:
        return self.major == 1


@dataclass(frozen=True, slots=True)
class Server:
    name: str
    base_url: str
    id: int | None = None
    version: str | None = None
    websocket_available: bool | None = None
    last_check_at: datetime | None = None
    last_check_error: str | None = None


@dataclass(frozen=True, slots=True)
class RemoteInstance:
    """One row of the server's instance list (the token is deliberately not kept)."""

    name: str
    evolution_id: str | None = None
    connection_state: ConnectionState = ConnectionState.UNKNOWN
    owner_jid: str | None = None
    profile_name: str | None = None
    integration: str | None = None
    number: str | None = None
    websocket_enabled: bool | None = None
    websocket_events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WebhookRow:
    """The server's webhook row for an instance (what `/webhook/find` answers)."""

    enabled: bool
    url: str
    events: tuple[str, ...] = ()
    by_events: bool = False
    base64: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WebsocketRow:
    enabled: bool
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Instance:
    """An instance as evodesk remembers it in its own database."""

    server_id: int
    name: str
    id: int | None = None
    evolution_id: str | None = None
    integration: str | None = None
    connection_state: ConnectionState = ConnectionState.UNKNOWN
    owner_number: str | None = None
    profile_name: str | None = None
    webhook_enabled: bool = False
    websocket_enabled: bool = False
    webhook_url: str | None = None
    webhook_base64: bool = False
    webhook_by_events: bool = False
    webhook_events: tuple[str, ...] = ()
    websocket_events: tuple[str, ...] = ()
    webhook_header_names: tuple[str, ...] = ()
    webhook_headers_ref: str | None = None
    last_sync_at: datetime | None = None
    last_error: str | None = None
    attention: str | None = None
    conflict: bool = False
    vanished: bool = False

    @property
    def mode(self) -> DeliveryMode:
        if self.webhook_enabled and not self.websocket_enabled:
            return DeliveryMode.WEBHOOK
        if self.websocket_enabled and not self.webhook_enabled:
            return DeliveryMode.WEBSOCKET
        return DeliveryMode.NONE


@dataclass(frozen=True, slots=True)
class Event:
    """One event received live (payload already masked).

    `payload_json`, when set, is the JSON text of `payload` exactly as the server sent
    it, with the same secrets masked; the store writes it instead of serialising the
    payload again. Whoever sets it vouches that both say the same.
    """

    server_id: int
    instance: str
    wire_event: str
    received_at: datetime
    payload: dict[str, Any]
    duplicate_key: str
    server_time: str | None = None
    sender: str | None = None
    instance_id: int | None = None
    is_duplicate: bool = False
    id: int | None = None
    payload_json: str | None = field(default=None, compare=False, repr=False)

    @property
    def config_event(self) -> str:
        from evodesk.domain.events import config_name

        return config_name(self.wire_event)


@dataclass(frozen=True, slots=True)
class Gap:
    """A period during which a live connection was down for an instance; `workstation`
    names the computer whose connection it was (None when not known)."""

    instance_id: int
    started_at: datetime
    ended_at: datetime | None = None
    id: int | None = None
    workstation: str | None = None


@dataclass(frozen=True, slots=True)
class WebhookConfig:
    """What a person asks for when turning the webhook on."""

    url: str
    events: tuple[str, ...] = ()
    base64: bool = False
    by_events: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    all_events: bool = False  # an empty list means every event on Evolution: only on request
