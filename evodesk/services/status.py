"""What the manager reports about an instance, for the window and for `state --json`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evodesk.domain.models import ConnectionState, DeliveryMode, Instance, ListenerState, Server
from evodesk.domain.secrets import mask_url_secrets


@dataclass(frozen=True, slots=True)
class InstanceStatus:
    server: Server
    instance: Instance
    listener: ListenerState | None = None
    connection: ConnectionState | None = None  # live from the server; None when not asked
    sync_error: str | None = None  # why the live read failed
    # Gone from the server: the live read said so, or (without one) the last sync did.
    vanished: bool = False

    @property
    def mode(self) -> DeliveryMode:
        return self.instance.mode

    @property
    def conflict(self) -> bool:
        return self.instance.conflict

    @property
    def attention(self) -> str | None:
        return self.instance.attention

    @property
    def live(self) -> bool:
        """Whether the WhatsApp state was read from the server just now (otherwise
        everything shown is what evodesk stored at the last sync)."""
        return self.connection is not None

    def to_json(self) -> dict[str, Any]:
        """The documented shape of `evodesk state --json`."""
        i = self.instance
        connection = self.connection or i.connection_state
        return {
            "server": self.server.name,
            "instance": i.name,
            "mode": self.mode.value,
            "webhook": {
                "enabled": i.webhook_enabled,
                # As `webhook test` and the window show it: no password, no token.
                "url": mask_url_secrets(i.webhook_url) if i.webhook_url else i.webhook_url,
                "base64": i.webhook_base64,
                "by_events": i.webhook_by_events,
                "events": list(i.webhook_events),
            },
            "websocket": {"enabled": i.websocket_enabled, "events": list(i.websocket_events)},
            "listener": self.listener.value if self.listener is not None else None,
            "connection": None if connection is ConnectionState.UNKNOWN else connection.value,
            "conflict": i.conflict,
            "attention": i.attention,
            "last_sync": i.last_sync_at.isoformat() if i.last_sync_at else None,
            "live": self.live,
            "vanished": self.vanished,
            "read_error": self.sync_error,
        }


@dataclass(frozen=True, slots=True)
class ChangeOutcome:
    status: InstanceStatus
    message: str  # e.g. "Webhook enabled. WebSocket was disabled."
    restart_advised: bool = False
    notes: tuple[str, ...] = ()
