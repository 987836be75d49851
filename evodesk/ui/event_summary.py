"""What the events view says about one event or gap: its row, a one-line summary, times,
and the masked JSON records that copy and export hand out."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QFont

from evodesk.domain.events import EVENTS_1_8, EVENTS_2_4, wire_name
from evodesk.domain.models import Event, Gap
from evodesk.domain.secrets import mask_secrets
from evodesk.services.event_pipeline import SecretMasker

SUMMARY_LIMIT = 300
BLOB_LENGTH = 2_000  # longer strings in a payload are base64 media or thumbnails
_MASKER = SecretMasker()  # mask_secrets, fast when a payload's only secret is its apikey
# Every wire name a supported server may send, for the type filter.
KNOWN_WIRE_EVENTS: tuple[str, ...] = tuple(
    sorted({wire_name(name) for name in (*EVENTS_2_4, *EVENTS_1_8)})
)
_MESSAGE_EVENTS = frozenset({"messages.upsert", "send.message", "messages.edited", "messages.set"})
_STATUS_EVENTS = frozenset({"messages.update", "send.message.update"})


def tr(text: str) -> str:
    return QCoreApplication.translate("EventSummary", text)


def one_line(text: str, limit: int = SUMMARY_LIMIT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def summarize(wire_event: str, payload: Mapping[str, Any]) -> str:
    """One plain-text line: who said what, a media kind, a state; the data otherwise."""
    data = payload.get("data")
    if isinstance(data, dict):
        line = _known_summary(wire_event, data)
        if line is not None:
            return one_line(line)
    shown = mask_secrets(data if data is not None else dict(payload))
    return one_line(json.dumps(shown, ensure_ascii=False, separators=(",", ":"), default=str))


def _known_summary(wire_event: str, data: dict[str, Any]) -> str | None:
    if wire_event in _MESSAGE_EVENTS and isinstance(data.get("message"), dict):
        return f"{_who(data)}: {_message_body(data['message'])}"
    if wire_event in _STATUS_EVENTS and data.get("status"):
        return tr("status: %1").replace("%1", str(data["status"]))
    if wire_event == "connection.update" and data.get("state"):
        line = tr("connection: %1").replace("%1", str(data["state"]))
        reason = data.get("statusReason")
        if data["state"] != "open" and reason not in (None, 200):
            line += f" ({reason})"
        return line
    if wire_event == "qrcode.updated":
        return tr("QR code updated")
    return None


def _who(data: dict[str, Any]) -> str:
    found = data.get("key")
    key: dict[str, Any] = found if isinstance(found, dict) else {}
    remote = str(key.get("remoteJid") or "").split("@")[0]
    if key.get("fromMe"):
        return tr("me → %1").replace("%1", remote or "?")
    name = data.get("pushName")
    return str(name) if name else (remote or "?")


def _message_body(message: dict[str, Any]) -> str:
    if isinstance(message.get("conversation"), str):
        return str(message["conversation"])
    extended = message.get("extendedTextMessage")
    if isinstance(extended, dict) and isinstance(extended.get("text"), str):
        return str(extended["text"])
    for key, body in message.items():
        if key.endswith("Message") and isinstance(body, dict):
            kind = key[: -len("Message")]
            words = body.get("caption") or body.get("fileName") or body.get("text") or ""
            return f"[{kind}] {words}".rstrip()
    return tr("[message]")


def format_time(moment: datetime, *, seconds: bool = True, now: datetime | None = None) -> str:
    """Local time; the date too when it is not today."""
    local = moment.astimezone()
    today = (now or datetime.now().astimezone()).date()
    clock = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    return clock if local.date() == today else f"{local:%Y-%m-%d} {clock}"


def gap_text(gap: Gap) -> str:
    start = format_time(gap.started_at, seconds=False)
    if gap.ended_at is None:
        return tr("offline since %1").replace("%1", start)
    end = format_time(gap.ended_at, seconds=False)
    return tr("offline %1 → %2").replace("%1", start).replace("%2", end)


def event_record(event: Event, server: str) -> dict[str, Any]:
    """What copy and export hand out: masked again, whatever the payload claims to be."""
    return {
        "id": event.id,
        "server": server,
        "instance": event.instance,
        "event": event.wire_event,
        "received_at": event.received_at.isoformat(),
        "server_time": event.server_time,
        "sender": event.sender,
        "duplicate": event.is_duplicate,
        "payload": mask_secrets(event.payload),
    }


def gap_record(gap: Gap, server: str, instance: str) -> dict[str, Any]:
    return {
        "gap": True,
        "server": server,
        "instance": instance,
        "started_at": gap.started_at.isoformat(),
        "ended_at": gap.ended_at.isoformat() if gap.ended_at else None,
    }


def json_text(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2, default=str)


def json_lines(records: Iterable[Mapping[str, Any]]) -> str:
    return "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"
        for r in records
    )


def search_text(summary: str, payload: dict[str, Any]) -> str:
    """What the search box matches, lower-cased; built from the masked payload, so a
    secret can never be found by typing it, and without media blobs, which nobody
    searches and which would multiply the memory a row takes."""
    masked = _MASKER.mask(payload)
    dumped = json.dumps(masked, ensure_ascii=False, default=str)
    if len(dumped) > BLOB_LENGTH:
        dumped = json.dumps(_without_blobs(masked), ensure_ascii=False, default=str)
    return f"{summary}\n{dumped}".casefold()


def _without_blobs(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_blobs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_blobs(v) for v in value]
    if isinstance(value, str) and len(value) > BLOB_LENGTH:
        return ""
    return value


def instance_key(server_id: int, instance: str) -> str:
    return f"{server_id}:{instance}"


@dataclass(slots=True, eq=False)
class RowLook:
    """How a row is painted, made once when it is first shown: the text of each column,
    the text colour (None: the palette's) and the font (None: the view's)."""

    cells: tuple[str, ...]
    foreground: QBrush | None = None
    font: QFont | None = None


@dataclass(slots=True, eq=False)
class EventRow:
    event: Event
    _summary: str | None = None
    look: RowLook | None = None  # made when first painted
    _search: str | None = None

    @property
    def summary(self) -> str:
        # Made when first needed: of a storm's rows, most are never painted or searched.
        if self._summary is None:
            self._summary = summarize(self.event.wire_event, self.event.payload)
        return self._summary

    @property
    def moment(self) -> datetime:
        return self.event.received_at

    @property
    def key(self) -> str:
        return instance_key(self.event.server_id, self.event.instance)

    def matches(self, needle: str) -> bool:
        if self._search is None:  # built on the first search only: most rows never need it
            self._search = search_text(self.summary, self.event.payload)
        return needle in self._search


@dataclass(slots=True, eq=False)
class GapRow:
    gap: Gap
    text: str = field(init=False)
    look: RowLook | None = None

    def __post_init__(self) -> None:
        self.text = gap_text(self.gap)

    @property
    def moment(self) -> datetime:
        return self.gap.started_at


Row = EventRow | GapRow
