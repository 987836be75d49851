"""Instances and their stored rows, serialised the way an Evolution 2.3 server does."""

from __future__ import annotations

import asyncio
import secrets
import string
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from evodesk.domain.events import EVENTS_2_3

ALL_EVENTS: tuple[str, ...] = EVENTS_2_3
INTEGRATIONS = ("WHATSAPP-BAILEYS", "WHATSAPP-BUSINESS", "EVOLUTION")
ERROR_KINDS = ("500", "timeout", "html")

_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    500: "Internal Server Error",
}


class ApiError(Exception):
    """An error the real server answers as {"status", "error", "response": {"message"}}.

    ``message`` keeps the server's own nesting: a string, a list of strings, or a list
    holding one list of schema messages."""

    def __init__(self, status: int, message: str | list[Any]) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message

    def body(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "error": _REASONS.get(self.status, "Error"),
            "response": {"message": self.message},
        }


UNAUTHORIZED = ApiError(401, "Unauthorized")


def utc_iso(when: float | None = None) -> str:
    """Database timestamps: real UTC, milliseconds, trailing Z."""
    moment = datetime.fromtimestamp(time.time() if when is None else when, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def event_time() -> str:
    """``date_time`` of event envelopes: the server's local wall clock, yet with a Z,
    exactly as the real server writes it."""
    moment = datetime.now()
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


_CUID_ALPHABET = string.ascii_lowercase + string.digits


def cuid() -> str:
    """Row ids look like Prisma cuids (25 characters starting with c)."""
    return "c" + "".join(secrets.choice(_CUID_ALPHABET) for _ in range(24))


def new_token() -> str:
    return str(uuid.uuid4()).upper()


@dataclass
class WebhookRow:
    instance_id: str
    url: str = ""
    headers: dict[str, Any] | None = None
    enabled: bool = False
    events: list[str] = field(default_factory=list)
    by_events: bool = False
    base64: bool = False
    id: str = field(default_factory=cuid)
    created_at: str = field(default_factory=utc_iso)
    updated_at: str = ""

    def __post_init__(self) -> None:
        self.updated_at = self.updated_at or self.created_at

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "headers": self.headers,
            "enabled": self.enabled,
            "events": list(self.events),
            "webhookByEvents": self.by_events,
            "webhookBase64": self.base64,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "instanceId": self.instance_id,
        }


@dataclass
class WebsocketRow:
    instance_id: str
    enabled: bool = False
    events: list[str] = field(default_factory=list)
    id: str = field(default_factory=cuid)
    created_at: str = field(default_factory=utc_iso)
    updated_at: str = ""

    def __post_init__(self) -> None:
        self.updated_at = self.updated_at or self.created_at

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "enabled": self.enabled,
            "events": list(self.events),
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "instanceId": self.instance_id,
        }


SETTINGS_DEFAULTS: dict[str, Any] = {
    "rejectCall": False,
    "msgCall": "",
    "groupsIgnore": False,
    "alwaysOnline": False,
    "readMessages": False,
    "readStatus": False,
    "syncFullHistory": False,
    "wavoipToken": "",
}


@dataclass
class Instance:
    name: str
    token: str
    integration: str = "WHATSAPP-BAILEYS"
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    # Live state, as /instance/connectionState reports it.
    state: str = "close"
    # The database copy fetchInstances shows; the real server writes it only when a
    # connection opens or closes, so it lags behind "connecting".
    stored_status: str = "close"
    paired: bool = False
    owner_jid: str | None = None
    profile_name: str | None = None
    number: str | None = None
    webhook: WebhookRow | None = None
    websocket: WebsocketRow | None = None
    # Webhook base64 flag as read when the instance last connected or restarted.
    base64_cached: bool = False
    qr_count: int = 0
    qr_code: str | None = None
    disconnection_code: int | None = None
    disconnection_object: str | None = None
    disconnection_at: str | None = None
    messages: int = 0
    chats: set[str] = field(default_factory=set)
    created_at: str = field(default_factory=utc_iso)
    updated_at: str = ""
    settings_id: str = field(default_factory=cuid)
    settings_at: str = field(default_factory=utc_iso)

    def __post_init__(self) -> None:
        self.updated_at = self.updated_at or self.created_at

    def cache_webhook(self) -> None:
        row = self.webhook
        self.base64_cached = bool(row is not None and row.enabled and row.base64)

    def settings_json(self) -> dict[str, Any]:
        return {
            "id": self.settings_id,
            **SETTINGS_DEFAULTS,
            "createdAt": self.settings_at,
            "updatedAt": self.settings_at,
            "instanceId": self.id,
        }

    def row(self, client_name: str) -> dict[str, Any]:
        """One element of GET /instance/fetchInstances (never the webhook row)."""
        return {
            "id": self.id,
            "name": self.name,
            "connectionStatus": self.stored_status,
            "ownerJid": self.owner_jid,
            "profileName": self.profile_name,
            "profilePicUrl": None,
            "integration": self.integration,
            "number": self.number,
            "businessId": None,
            "token": self.token,
            "clientName": client_name,
            "disconnectionReasonCode": self.disconnection_code,
            "disconnectionObject": self.disconnection_object,
            "disconnectionAt": self.disconnection_at,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "Chatwoot": None,
            "Proxy": None,
            "Rabbitmq": None,
            "Nats": None,
            "Sqs": None,
            "Websocket": self.websocket.to_json() if self.websocket else None,
            "Setting": self.settings_json(),
            "_count": {
                "Message": self.messages,
                "Contact": len(self.chats),
                "Chat": len(self.chats),
            },
        }


class RequestRecord(NamedTuple):
    method: str
    path: str


class RequestLog(list[RequestRecord]):
    """REST requests the sandbox received, oldest first; ``total`` counts every one,
    including those trimmed away to keep long benchmarks from growing without bound."""

    KEEP = 20_000

    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self._waiters: list[tuple[int, asyncio.Future[None]]] = []

    def record(self, method: str, path: str) -> None:
        self.total += 1
        self.append(RequestRecord(method, path))
        if len(self) > 2 * self.KEEP:
            del self[: len(self) - self.KEEP]
        for waiter in [w for w in self._waiters if w[0] <= self.total]:
            self._waiters.remove(waiter)
            if not waiter[1].done():
                waiter[1].set_result(None)

    async def reach(self, total: int) -> None:
        """Returns once ``total`` requests have arrived since the sandbox was made."""
        if self.total >= total:
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (total, future)
        self._waiters.append(entry)
        try:
            await future
        finally:
            if entry in self._waiters:
                self._waiters.remove(entry)

    def count_of(self, method: str, path: str) -> int:
        return sum(1 for r in self if r.method == method and r.path == path)


class Store:
    """All instances of one sandbox, in creation order."""

    def __init__(self) -> None:
        self.instances: dict[str, Instance] = {}

    def names(self) -> list[str]:
        return list(self.instances)

    def get(self, name: str) -> Instance | None:
        return self.instances.get(name)

    def require(self, name: str) -> Instance:
        inst = self.instances.get(name)
        if inst is None:
            raise ApiError(404, [f'The "{name}" instance does not exist'])
        return inst

    def by_token(self, token: str | None) -> Instance | None:
        if not token:
            return None
        for inst in self.instances.values():
            if inst.token == token:
                return inst
        return None

    def create(
        self,
        name: str,
        *,
        token: str | None = None,
        integration: str = "WHATSAPP-BAILEYS",
        number: str | None = None,
    ) -> Instance:
        if name in self.instances:
            raise ApiError(403, [f'This name "{name}" is already in use.'])
        inst = Instance(name=name, token=token or new_token(), integration=integration)
        inst.number = number
        self.instances[name] = inst
        return inst

    def remove(self, name: str) -> None:
        self.instances.pop(name, None)


def phone_of(index: int) -> str:
    """A stable fake Brazilian mobile number for the sandbox's own phones."""
    return f"55119{index:08d}"
