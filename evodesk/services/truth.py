"""Reading an instance's delivery rows from the server and folding them into what
evodesk stores: the server's flags as answered, the person's selections remembered."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from evodesk.domain.errors import WebsocketDisabledOnServer
from evodesk.domain.models import (
    ConnectionState,
    Instance,
    RemoteInstance,
    WebhookRow,
    WebsocketRow,
)
from evodesk.services.ports import EvolutionPort

CONFLICT_REASON = (
    "Webhook and WebSocket are both enabled on the server (changed outside evodesk): "
    "every event is delivered twice. Keep one of them."
)


@dataclass(frozen=True, slots=True)
class Rows:
    """The two delivery rows of an instance as the server answered them."""

    webhook: WebhookRow | None
    websocket: WebsocketRow | None
    websocket_switched_off: bool = False

    @property
    def webhook_on(self) -> bool:
        return self.webhook is not None and self.webhook.enabled

    @property
    def websocket_on(self) -> bool:
        return self.websocket is not None and self.websocket.enabled

    @property
    def conflict(self) -> bool:
        return self.webhook_on and self.websocket_on

    @property
    def base64_effective(self) -> bool:
        """Media carry base64 only while the webhook row is enabled with base64."""
        return self.webhook is not None and self.webhook.enabled and self.webhook.base64


async def read_rows(
    client: EvolutionPort, name: str, *, listed: RemoteInstance | None = None
) -> Rows:
    """Both rows of `name`. `listed` is its entry in a v2 instance list, which carries the
    websocket row (or says there is none): then only the webhook row is read."""
    webhook = await client.find_webhook(name)
    if listed is not None:
        if listed.websocket_enabled is None:
            return Rows(webhook=webhook, websocket=None)
        listed_row = WebsocketRow(enabled=listed.websocket_enabled, events=listed.websocket_events)
        return Rows(webhook=webhook, websocket=listed_row)
    try:
        websocket = await client.find_websocket(name)
    except WebsocketDisabledOnServer:
        return Rows(webhook=webhook, websocket=None, websocket_switched_off=True)
    return Rows(webhook=webhook, websocket=websocket)


def fold_rows(
    instance: Instance,
    rows: Rows,
    *,
    now: datetime,
    connection: ConnectionState | None = None,
) -> Instance:
    """The instance as the server has it now. Selections survive the server's wipe on
    disable: a disabled row's empty event list, old URL or reset flags never replace what
    was remembered."""
    webhook, websocket = rows.webhook, rows.websocket
    webhook_url = instance.webhook_url
    webhook_events = instance.webhook_events
    base64, by_events = instance.webhook_base64, instance.webhook_by_events
    if webhook is not None:
        # A disabled row still holds the URL it had when it was turned off; the URL the
        # person chose since (kept here) must not be replaced by that leftover.
        if webhook.url and (webhook.enabled or not webhook_url):
            webhook_url = webhook.url
        if webhook.enabled and webhook.events:
            webhook_events = webhook.events
        if webhook.enabled:
            base64, by_events = webhook.base64, webhook.by_events
    websocket_events = instance.websocket_events
    if websocket is not None and websocket.enabled and websocket.events:
        websocket_events = websocket.events
    # Both rows were just read, so whatever needed a look (a conflict, or a change whose
    # restore failed: "check the instance, then Sync") now shows as it is on the server.
    attention = CONFLICT_REASON if rows.conflict else None
    return replace(
        instance,
        webhook_enabled=rows.webhook_on,
        websocket_enabled=rows.websocket_on,
        webhook_url=webhook_url,
        webhook_events=webhook_events,
        webhook_base64=base64,
        webhook_by_events=by_events,
        websocket_events=websocket_events,
        connection_state=connection if connection is not None else instance.connection_state,
        conflict=rows.conflict,
        attention=attention,
        last_sync_at=now,
        last_error=None,
    )
