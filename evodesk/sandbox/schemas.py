"""Request bodies checked and applied the way Evolution 2.3 does, including its quirks.

The real server validates with a JSON schema first (400, messages as a list holding one
list of strings, paths without the leading "instance.") and then runs controller code
that crashes on some shapes the schema lets through (500 with a JavaScript TypeError
message). Both layers are reproduced because clients must cope with each."""

from __future__ import annotations

from typing import Any

from evodesk.sandbox.state import (
    ALL_EVENTS,
    INTEGRATIONS,
    ApiError,
    Instance,
    WebhookRow,
    WebsocketRow,
    utc_iso,
)

_ENUM = ",".join(ALL_EVENTS)
_READ_LENGTH = "Cannot read properties of undefined (reading 'length')"
_SET_EVENTS = "Cannot set properties of undefined (setting 'events')"

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "boolean": (bool,),
    "string": (str,),
    "object": (dict,),
    "array": (list,),
}


def _type_ok(value: Any, kind: str) -> bool:
    return isinstance(value, _JSON_TYPES[kind])


def _schema_error(messages: list[str]) -> ApiError:
    return ApiError(400, [messages])


def _check_fields(
    obj: dict[str, Any], prefix: str, types: dict[str, str], required: tuple[str, ...]
) -> list[str]:
    errors: list[str] = []
    for key, kind in types.items():
        if key in obj and not _type_ok(obj[key], kind):
            errors.append(f"{prefix}.{key} is not of a type(s) {kind}")
    events = obj.get("events")
    if isinstance(events, list):
        for i, name in enumerate(events):
            if not isinstance(name, str):
                errors.append(f"{prefix}.events[{i}] is not of a type(s) string")
            if name not in ALL_EVENTS:
                errors.append(f"{prefix}.events[{i}] is not one of enum values: {_ENUM}")
    for key in required:
        if key not in obj:
            errors.append(f'{prefix} requires property "{key}"')
    return errors


def _resolve_events(section: dict[str, Any]) -> list[str]:
    """The server's event-list rules: disabled wipes the list, an empty list means all,
    and a missing list crashes its ``events.length`` read."""
    if not section.get("enabled"):
        return []
    if "events" not in section:
        raise ApiError(500, _READ_LENGTH)
    events = list(section["events"])
    return events if events else list(ALL_EVENTS)


# ---- webhook ---------------------------------------------------------------------------

_WEBHOOK_TYPES = {
    "enabled": "boolean",
    "url": "string",
    "headers": "object",
    "byEvents": "boolean",
    "base64": "boolean",
    "events": "array",
}


def validate_webhook(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise _schema_error(["instance is not of a type(s) object"])
    if "webhook" not in body:
        raise _schema_error(['instance requires property "webhook"'])
    section = body["webhook"]
    if not isinstance(section, dict):
        raise _schema_error(["webhook is not of a type(s) object"])
    errors = _check_fields(section, "webhook", _WEBHOOK_TYPES, ("enabled", "url"))
    if errors:
        raise _schema_error(errors)
    return section


def apply_webhook(inst: Instance, section: dict[str, Any]) -> WebhookRow:
    """Upsert: on update only the fields present change (the real server leaves the
    others, headers included, as stored); on create absent fields take defaults."""
    events = _resolve_events(section)
    row = inst.webhook
    if row is None:
        row = WebhookRow(
            instance_id=inst.id,
            url=section["url"],
            headers=section.get("headers"),
            enabled=bool(section["enabled"]),
            events=events,
            by_events=bool(section.get("byEvents", False)),
            base64=bool(section.get("base64", False)),
        )
        inst.webhook = row
        return row
    row.enabled = bool(section["enabled"])
    row.events = events
    row.url = section["url"]
    if "headers" in section:
        row.headers = section["headers"]
    if "byEvents" in section:
        row.by_events = bool(section["byEvents"])
    if "base64" in section:
        row.base64 = bool(section["base64"])
    row.updated_at = utc_iso()
    return row


# ---- websocket -------------------------------------------------------------------------

_WEBSOCKET_TYPES = {"enabled": "boolean", "events": "array"}


def validate_websocket(body: Any) -> dict[str, Any] | None:
    """The schema makes ``websocket`` optional, so a flat v1 body passes it and only
    fails later in the controller (see :func:`apply_websocket`)."""
    if not isinstance(body, dict):
        raise _schema_error(["instance is not of a type(s) object"])
    section = body.get("websocket")
    if section is None:
        return None
    if not isinstance(section, dict):
        raise _schema_error(["websocket is not of a type(s) object"])
    errors = _check_fields(section, "websocket", _WEBSOCKET_TYPES, ("enabled",))
    if "enabled" in section and not isinstance(section["enabled"], bool):
        errors.append("websocket.enabled is not one of enum values: true,false")
    if errors:
        raise _schema_error(errors)
    return section


def apply_websocket(inst: Instance, section: dict[str, Any] | None) -> WebsocketRow:
    if section is None:
        raise ApiError(500, _SET_EVENTS)
    events = _resolve_events(section)
    row = inst.websocket
    if row is None:
        row = WebsocketRow(instance_id=inst.id, enabled=bool(section["enabled"]), events=events)
        inst.websocket = row
        return row
    row.enabled = bool(section["enabled"])
    row.events = events
    row.updated_at = utc_iso()
    return row


# ---- instance/create -------------------------------------------------------------------

_CREATE_TYPES = {
    "instanceName": "string",
    "token": "string",
    "number": "string",
    "qrcode": "boolean",
    "integration": "string",
}


def validate_create(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise _schema_error(["instance is not of a type(s) object"])
    errors = [
        f"{key} is not of a type(s) {kind}"
        for key, kind in _CREATE_TYPES.items()
        if key in body and body[key] is not None and not _type_ok(body[key], kind)
    ]
    if "instanceName" not in body:
        errors.append('instance requires property "instanceName"')
    if errors:
        raise _schema_error(errors)
    if "webhook" in body and body["webhook"] is not None:
        hook = body["webhook"]
        if not isinstance(hook, dict):
            raise _schema_error(["webhook is not of a type(s) object"])
        errs = _check_fields(hook, "webhook", _WEBHOOK_TYPES, ())
        if errs:
            raise _schema_error(errs)
    if "websocket" in body and body["websocket"] is not None:
        validate_websocket({"websocket": body["websocket"]})
    return body


def check_integration(body: dict[str, Any]) -> str:
    integration = body.get("integration")
    if integration not in INTEGRATIONS:
        raise ApiError(400, ["Invalid integration"])
    return str(integration)


def apply_create_rows(inst: Instance, body: dict[str, Any]) -> dict[str, Any]:
    """Rows given inline at creation, and the create answer's echo of them."""
    echo: dict[str, Any] = {"webhook": {}, "websocket": {}}
    hook = body.get("webhook")
    if isinstance(hook, dict) and hook.get("url"):
        section = {"enabled": True, "events": [], **hook}
        apply_webhook(inst, section)
        echo["webhook"] = {"webhookUrl": hook["url"]}
        if "byEvents" in hook:
            echo["webhook"]["webhookByEvents"] = hook["byEvents"]
        if "base64" in hook:
            echo["webhook"]["webhookBase64"] = hook["base64"]
    sock = body.get("websocket")
    if isinstance(sock, dict) and "enabled" in sock:
        apply_websocket(inst, {"events": [], **sock})
        echo["websocket"] = {"enabled": sock["enabled"]}
    return echo
