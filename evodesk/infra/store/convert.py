"""Copying between ORM rows and the domain's frozen dataclasses, so no row ever
leaves the store's worker thread."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, overload

from evodesk.domain.models import ConnectionState, Event, Gap, Instance, Server
from evodesk.infra.store.models import EventRow, GapRow, InstanceRow, ServerRow

# Every Instance field the database keeps, besides the key (server_id, name) and id.
INSTANCE_FIELDS = (
    "evolution_id",
    "integration",
    "connection_state",
    "owner_number",
    "profile_name",
    "webhook_enabled",
    "websocket_enabled",
    "webhook_url",
    "webhook_base64",
    "webhook_by_events",
    "webhook_events",
    "websocket_events",
    "webhook_header_names",
    "webhook_headers_ref",
    "last_sync_at",
    "last_error",
    "attention",
    "conflict",
    "vanished",
)


def _length(column: str) -> int:
    length = getattr(EventRow.__table__.c[column].type, "length", None)
    assert isinstance(length, int), column
    return length


# What the server says goes into columns of a bounded size, which PostgreSQL enforces.
_NAME, _EVENT, _TIME, _SENDER, _KEY = (
    _length(c) for c in ("instance_name", "wire_event", "server_time", "sender", "duplicate_key")
)


def fit(value: str, size: int) -> str:
    """`value` as a text column of `size` characters holds it: cut to size (ending in
    "…") and without NUL, which PostgreSQL text cannot hold. Nearly always `value`."""
    if len(value) > size:
        value = value[: size - 1] + "…"
    return value.replace("\x00", "\ufffd") if "\x00" in value else value


def fit_optional(value: str | None, size: int) -> str | None:
    return None if value is None else fit(value, size)


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: None) -> None: ...
def aware(value: datetime | None) -> datetime | None:
    """`value` itself, refused early when naive: the store only keeps UTC instants."""
    if value is not None and value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()} given; the store needs UTC")
    return value


def server_from_row(row: ServerRow) -> Server:
    return Server(
        id=row.id,
        name=row.name,
        base_url=row.base_url,
        version=row.version,
        websocket_available=row.websocket_available,
        last_check_at=row.last_check_at,
        last_check_error=row.last_check_error,
    )


def copy_server(server: Server, row: ServerRow) -> None:
    row.name = server.name
    row.base_url = server.base_url
    row.version = server.version
    row.websocket_available = server.websocket_available
    row.last_check_at = aware(server.last_check_at)
    row.last_check_error = server.last_check_error


def instance_from_row(row: InstanceRow) -> Instance:
    values: dict[str, Any] = {name: getattr(row, name) for name in INSTANCE_FIELDS}
    values["connection_state"] = ConnectionState.parse(row.connection_state)
    return Instance(id=row.id, server_id=row.server_id, name=row.name, **values)


def copy_instance(instance: Instance, row: InstanceRow) -> None:
    for name in INSTANCE_FIELDS:
        value = getattr(instance, name)
        if isinstance(value, tuple):
            value = tuple(str(item) for item in value)
        elif isinstance(value, datetime):
            value = aware(value)
        elif name == "connection_state":
            value = ConnectionState.parse(value).value
        setattr(row, name, value)


def event_values(event: Event, instance_id: int | None) -> dict[str, Any]:
    """Column values for a bulk INSERT of `event`."""
    return {
        "server_id": event.server_id,
        "instance_id": instance_id,
        "instance_name": fit(event.instance, _NAME),
        "wire_event": fit(event.wire_event, _EVENT),
        "received_at": aware(event.received_at),
        "server_time": fit_optional(event.server_time, _TIME),
        "sender": fit_optional(event.sender, _SENDER),
        "payload": event.payload,
        "duplicate_key": fit(event.duplicate_key, _KEY),
        "is_duplicate": event.is_duplicate,
    }


def payload_text(payload: dict[str, Any]) -> str:
    """The payload as the engine's JSON serialiser writes it (accents kept readable)."""
    return json.dumps(payload, ensure_ascii=False)


def sqlite_stamp(value: datetime) -> str:
    """`value` as SQLAlchemy writes a UtcDateTime into SQLite: naive UTC text with
    microseconds, `YYYY-MM-DD HH:MM:SS.ffffff`."""
    if value.tzinfo is not UTC:
        if value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; the store needs UTC")
        value = value.astimezone(UTC)
    return "%04d-%02d-%02d %02d:%02d:%02d.%06d" % (  # noqa: UP031 - the fastest spelling
        value.year, value.month, value.day,
        value.hour, value.minute, value.second, value.microsecond,
    )


def event_rows(
    events: Sequence[Event],
    known_ids: dict[tuple[int, str], int],
    stamp: Callable[[datetime], Any],
) -> list[tuple[Any, ...]]:
    """One tuple per event in the order of EVENT_COLUMNS; the payload as JSON text,
    the one the event carries when it has it."""
    text, known = payload_text, known_ids.get
    return [
        (
            e.server_id,
            e.instance_id if e.instance_id is not None else known((e.server_id, e.instance)),
            fit(e.instance, _NAME),
            fit(e.wire_event, _EVENT),
            stamp(e.received_at),
            None if e.server_time is None else fit(e.server_time, _TIME),
            None if e.sender is None else fit(e.sender, _SENDER),
            e.payload_json if e.payload_json is not None else text(e.payload),
            fit(e.duplicate_key, _KEY),
            e.is_duplicate,
        )
        for e in events
    ]


# The columns event_rows fills, in order.
EVENT_COLUMNS = (
    "server_id",
    "instance_id",
    "instance_name",
    "wire_event",
    "received_at",
    "server_time",
    "sender",
    "payload",
    "duplicate_key",
    "is_duplicate",
)


def event_from_row(row: EventRow) -> Event:
    return Event(
        id=row.id,
        server_id=row.server_id,
        instance_id=row.instance_id,
        instance=row.instance_name,
        wire_event=row.wire_event,
        received_at=row.received_at,
        server_time=row.server_time,
        sender=row.sender,
        payload=row.payload,
        duplicate_key=row.duplicate_key,
        is_duplicate=row.is_duplicate,
    )


def gap_from_row(row: GapRow) -> Gap:
    return Gap(
        id=row.id, instance_id=row.instance_id, started_at=row.started_at,
        ended_at=row.ended_at, workstation=row.workstation,
    )
