"""Turn Evolution's JSON answers (v2 and v1.8 shapes) into domain values, and build
the request bodies each version expects."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from evodesk.domain.events import parse_version
from evodesk.domain.models import (
    ConnectionState,
    RemoteInstance,
    ServerInfo,
    WebhookRow,
    WebsocketRow,
)


class ShapeError(ValueError):
    """JSON that is not the shape we expected; the message names keys, never values."""


# --- reading ------------------------------------------------------------------------


def _object(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ShapeError(f"{what}: expected a JSON object, got {_kind(value)}")
    return {str(k): v for k, v in value.items()}


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _text(row: Mapping[str, object], *keys: str) -> str | None:
    """The first of `keys` holding a non-empty string (numbers are accepted as text)."""
    for key in keys:
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    return None


def _flag(row: Mapping[str, object], *keys: str, default: bool = False) -> bool:
    for key in keys:
        value = row.get(key)
        if isinstance(value, bool):
            return value
    return default


def _events(value: object, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
        raise ShapeError(f"{what}: expected an array of event names")
    return tuple(str(e) for e in value)


def _headers(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): v if isinstance(v, str) else str(v) for k, v in value.items()}


def _integration(value: object) -> str | None:
    # v1 may expose an object {"integration": "...", "token": "..."}: keep the name only.
    if isinstance(value, str) and value:
        return value
    if isinstance(value, dict):
        name = value.get("integration")
        return name if isinstance(name, str) and name else None
    return None


def server_info(data: object) -> ServerInfo:
    root = _object(data, "GET /")
    version = _text(root, "version")
    if version is None:
        raise ShapeError("GET /: no 'version' in the answer")
    major, minor = parse_version(version)
    return ServerInfo(
        version=version,
        client_name=_text(root, "clientName"),
        major=major,
        minor=minor,
        manager_url=_text(root, "manager"),
        whatsapp_web_version=_text(root, "whatsappWebVersion"),
    )


def instances(data: object) -> list[RemoteInstance]:
    if not isinstance(data, list):
        raise ShapeError(f"instance list: expected an array, got {_kind(data)}")
    return [_instance(row, index) for index, row in enumerate(data)]


def _instance(value: object, index: int) -> RemoteInstance:
    row = _object(value, f"instance list[{index}]")
    nested = row.get("instance")
    if "name" not in row and isinstance(nested, dict):
        return _v1_instance(_object(nested, f"instance list[{index}].instance"), index)
    name = _text(row, "name")
    if name is None:
        raise ShapeError(f"instance list[{index}]: no 'name'")
    websocket = row.get("Websocket")
    ws_enabled: bool | None = None
    ws_events: tuple[str, ...] = ()
    if isinstance(websocket, dict):
        ws_row = _object(websocket, f"instance list[{index}].Websocket")
        ws_enabled = _flag(ws_row, "enabled")
        ws_events = _events(ws_row.get("events"), f"instance list[{index}].Websocket.events")
    # The token (and any other credential in the row) is deliberately not read.
    return RemoteInstance(
        name=name,
        evolution_id=_text(row, "id"),
        connection_state=ConnectionState.parse(row.get("connectionStatus")),
        owner_jid=_text(row, "ownerJid"),
        profile_name=_text(row, "profileName"),
        integration=_integration(row.get("integration")),
        number=_text(row, "number"),
        websocket_enabled=ws_enabled,
        websocket_events=ws_events,
    )


def _v1_instance(row: dict[str, object], index: int) -> RemoteInstance:
    name = _text(row, "instanceName")
    if name is None:
        raise ShapeError(f"instance list[{index}].instance: no 'instanceName'")
    return RemoteInstance(
        name=name,
        evolution_id=_text(row, "instanceId"),
        connection_state=ConnectionState.parse(row.get("status")),
        owner_jid=_text(row, "owner"),
        profile_name=_text(row, "profileName"),
        integration=_integration(row.get("integration")),
    )


def connection_state(data: object) -> ConnectionState:
    root = _object(data, "connection state")
    nested = root.get("instance")
    holder = _object(nested, "connection state.instance") if nested is not None else root
    if "state" not in holder:
        raise ShapeError("connection state: no 'state'")
    return ConnectionState.parse(holder.get("state"))


def _unwrap(root: dict[str, object], key: str) -> dict[str, object]:
    """v1 answers a set with {key: {instanceName, key: {row}}}; v2 with the row itself."""
    current = root
    for _ in range(2):
        inner = current.get(key)
        if "enabled" in current or not isinstance(inner, dict):
            break
        current = _object(inner, key)
    return current


def webhook_row(data: object, what: str = "webhook") -> WebhookRow:
    row = _unwrap(_object(data, what), "webhook")
    if not isinstance(row.get("enabled"), bool):
        raise ShapeError(f"{what}: no boolean 'enabled'")
    return WebhookRow(
        enabled=_flag(row, "enabled"),
        url=_text(row, "url") or "",
        events=_events(row.get("events"), f"{what}.events"),
        by_events=_flag(row, "webhookByEvents", "webhook_by_events", "byEvents"),
        base64=_flag(row, "webhookBase64", "webhook_base64", "base64"),
        headers=_headers(row.get("headers")),
    )


def websocket_row(data: object, what: str = "websocket") -> WebsocketRow:
    row = _unwrap(_object(data, what), "websocket")
    if not isinstance(row.get("enabled"), bool):
        raise ShapeError(f"{what}: no boolean 'enabled'")
    return WebsocketRow(
        enabled=_flag(row, "enabled"),
        events=_events(row.get("events"), f"{what}.events"),
    )


def failure_flag(data: object) -> bool:
    """True for the `{"error": true, ...}` answers some routes send with HTTP 200."""
    return isinstance(data, dict) and data.get("error") is True


# --- writing ------------------------------------------------------------------------


def webhook_body(
    *,
    v1: bool,
    enabled: bool,
    url: str,
    events: Sequence[str],
    by_events: bool,
    base64: bool,
    headers: Mapping[str, str] | None,
) -> dict[str, object]:
    # `events` is always sent: the server answers 500 when it is missing.
    if v1:
        return {
            "enabled": enabled,
            "url": url,
            "webhook_by_events": by_events,
            "webhook_base64": base64,
            "events": list(events),
        }
    row: dict[str, object] = {
        "enabled": enabled,
        "url": url,
        "byEvents": by_events,
        "base64": base64,
        "events": list(events),
    }
    # Omitted headers leave the stored ones alone; an empty mapping clears them.
    if headers is not None:
        row["headers"] = dict(headers)
    return {"webhook": row}


def websocket_body(*, v1: bool, enabled: bool, events: Sequence[str]) -> dict[str, object]:
    row: dict[str, object] = {"enabled": enabled, "events": list(events)}
    return row if v1 else {"websocket": row}
