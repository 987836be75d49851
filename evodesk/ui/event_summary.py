"""What the events view says about one event or gap: its row, a one-line summary, times,
and the masked JSON records that copy and export hand out."""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import InitVar, dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QFont

from evodesk.domain.events import EVENTS_1_8, EVENTS_2_4, wire_name
from evodesk.domain.models import Event, Gap
from evodesk.domain.secrets import mask_secrets
from evodesk.domain.text import BIDI_CONTROLS
from evodesk.services.event_pipeline import SecretMasker

SUMMARY_LIMIT = 300
NAME_LIMIT = 200  # characters of an event's, a server's or an instance's name shown
SEARCH_LIMIT = 4_000  # characters of a row's JSON that the search box reads
BLOB_LENGTH = 2_000  # longer strings in a payload are base64 media or thumbnails
_SCAN = 16  # one_line reads at most this many times its limit
_MASKER = SecretMasker()  # mask_secrets, fast when a payload's only secret is its apikey
# Payloads come from JSON: no cycles to look for (a third of the time of a small one).
_COMPACT = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"),
                            default=str)
_SPACED = json.JSONEncoder(ensure_ascii=False, check_circular=False, default=str)
# Bidi controls, dropped from every text shown, as notifications drop them.
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# Control characters and line separators: a name (an event's, from the server) that
# holds them would take a second line in its cell, its filter choice and the details.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Every wire name a supported server may send, for the type filter.
KNOWN_WIRE_EVENTS: tuple[str, ...] = tuple(
    sorted({wire_name(name) for name in (*EVENTS_2_4, *EVENTS_1_8)})
)
_MESSAGE_EVENTS = frozenset({"messages.upsert", "send.message", "messages.edited", "messages.set"})
_STATUS_EVENTS = frozenset({"messages.update", "send.message.update"})


def tr(text: str) -> str:
    return QCoreApplication.translate("EventSummary", text)


def plain(text: str) -> str:
    """`text` without bidi controls."""
    return text if text.isascii() else _BIDI.sub("", text)


def clipped(text: str, limit: int = NAME_LIMIT) -> str:
    """`text` as a cell or a label shows it: at most `limit` characters (a cut one ends
    in "…"), on one line (a line break or other control character shows as a space),
    without bidi controls."""
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    # Printable: no control, line separator or bidi control (the usual name).
    return cut if cut.isprintable() else plain(_CONTROLS.sub(" ", cut))


def one_line(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """`text` on one line without bidi controls, at most `limit` characters; only its
    first `_SCAN` times `limit` are read (a 5 MB message is not split to show 300)."""
    head = text[: _SCAN * limit]
    flat = " ".join(plain(head).split())
    if len(flat) <= limit and len(head) == len(text):
        return flat
    return flat[: limit - 1] + "…"


def summarize(wire_event: str, payload: Mapping[str, Any]) -> str:
    """One plain-text line: who said what, a media kind, a state; the data otherwise."""
    data = payload.get("data")
    if isinstance(data, dict):
        line = _known_summary(wire_event, data)
        if line is not None:
            return one_line(line)
    return one_line(compact_json(data if data is not None else dict(payload)))


def compact_json(value: Any, limit: int = SUMMARY_LIMIT) -> str:
    """`value` masked, as compact JSON of at most `limit` characters (a cut one ends in
    "…"). What is masked and serialised is bounded by `limit`, not by `value`."""
    text = _COMPACT.encode(_bounded(value, limit, limit, None))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(value: Any) -> str:
    """A member of the data as a summary quotes it: a container as short masked JSON."""
    if isinstance(value, str):
        return value
    return compact_json(value) if isinstance(value, dict | list) else str(value)


def _known_summary(wire_event: str, data: dict[str, Any]) -> str | None:
    if wire_event in _MESSAGE_EVENTS and isinstance(data.get("message"), dict):
        head = _SCAN * SUMMARY_LIMIT  # what one_line reads: a 5 MB message is not copied
        return f"{_who(data)[:head]}: {_message_body(data['message'])[:head]}"
    if wire_event in _STATUS_EVENTS and data.get("status"):
        return tr("status: %1").replace("%1", _text(data["status"]))
    if wire_event == "connection.update" and data.get("state"):
        line = tr("connection: %1").replace("%1", _text(data["state"]))
        reason = data.get("statusReason")
        if data["state"] != "open" and reason not in (None, 200):
            line += f" ({_text(reason)})"
        return line
    if wire_event == "qrcode.updated":
        return tr("QR code updated")
    return None


def _who(data: dict[str, Any]) -> str:
    found = data.get("key")
    key: dict[str, Any] = found if isinstance(found, dict) else {}
    remote = _text(key.get("remoteJid") or "").partition("@")[0]
    if key.get("fromMe"):
        return tr("me → %1").replace("%1", remote or "?")
    name = data.get("pushName")
    return _text(name) if name else (remote or "?")


def _message_body(message: dict[str, Any]) -> str:
    if isinstance(message.get("conversation"), str):
        return str(message["conversation"])
    extended = message.get("extendedTextMessage")
    if isinstance(extended, dict) and isinstance(extended.get("text"), str):
        return str(extended["text"])
    for key, body in message.items():
        if key.endswith("Message") and isinstance(body, dict):
            kind = _media_label(key) or f"[{key[: -len('Message')]}]"
            words = body.get("caption") or body.get("fileName") or body.get("text") or ""
            return f"{kind} {_text(words)}".rstrip()
    return tr("[message]")


def _media_label(key: str) -> str | None:
    """The kinds of message a person meets, in the interface language; others (rare,
    or new in WhatsApp) keep the payload's name."""
    match key:
        case "imageMessage":
            return tr("[image]")
        case "videoMessage" | "ptvMessage":
            return tr("[video]")
        case "audioMessage":
            return tr("[audio]")
        case "documentMessage" | "documentWithCaptionMessage":
            return tr("[document]")
        case "stickerMessage":
            return tr("[sticker]")
        case "locationMessage" | "liveLocationMessage":
            return tr("[location]")
        case "contactMessage" | "contactsArrayMessage":
            return tr("[contact]")
        case "pollCreationMessage":
            return tr("[poll]")
        case "reactionMessage":
            return tr("[reaction]")
    return None


def format_time(moment: datetime, *, seconds: bool = True, now: datetime | None = None) -> str:
    """Local time; the date too when it is not today."""
    local = moment.astimezone()
    today = (now or datetime.now().astimezone()).date()
    clock = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    return clock if local.date() == today else f"{local:%Y-%m-%d} {clock}"


def gap_text(gap: Gap, here: str | None = None) -> str:
    """What a gap row says; a gap another workstation recorded (not `here`) names it."""
    start = format_time(gap.started_at, seconds=False)
    end = None if gap.ended_at is None else format_time(gap.ended_at, seconds=False)
    if gap.workstation is None or here is None or gap.workstation == here:
        if end is None:
            return tr("offline since %1").replace("%1", start)
        return tr("offline %1 → %2").replace("%1", start).replace("%2", end)
    # The name last: it comes from the database and may hold "%2" itself.
    where = one_line(gap.workstation, NAME_LIMIT)
    if end is None:
        return tr("offline on %1 since %2").replace("%2", start).replace("%1", where)
    return tr("offline on %1 %2 → %3").replace("%2", start).replace("%3", end).replace(
        "%1", where)


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
        "workstation": gap.workstation,
    }


def json_text(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2, default=str)


def json_lines(records: Iterable[Mapping[str, Any]]) -> str:
    return "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"
        for r in records
    )


def search_text(summary: str, payload: dict[str, Any]) -> str:
    """What the search box matches, lower-cased: the summary and the first
    `SEARCH_LIMIT` characters of the payload's JSON. Built from the masked payload, so a
    secret can never be found by typing it, and without media blobs, which nobody
    searches; masked and serialised no further than it keeps, whatever the payload."""
    shown = _bounded(payload, SEARCH_LIMIT, BLOB_LENGTH, "")
    text = f"{summary}\n{_SPACED.encode(shown)[:SEARCH_LIMIT]}"
    return text.lower() if text.isascii() else text.casefold()


# --- bounded views of a payload ---------------------------------------------------------
# A payload can hold a 5 MB string or key, or 250,000 members. What the window shows of it
# (a summary, the search text, the JSON tree) is made from a copy that keeps only what can
# be shown, before it is masked: masking stays `mask_secrets`' (through the masker), and
# costs what is kept, not what was sent.


@dataclass(frozen=True, slots=True)
class More:
    """Last in a container of a bounded view: how many members it left out."""

    count: int

    def __str__(self) -> str:  # as JSON (serialised with default=str)
        return f"+{self.count}"


MORE_KEY = "…"  # the key of `More` in a dict
_CONTAINERS = (dict, list)


def _members(value: dict[Any, Any] | list[Any]) -> Iterator[tuple[Any, Any]]:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


def _empty(value: Any) -> dict[Any, Any] | list[Any] | None:
    """A new empty container of `value`'s kind; None for anything else."""
    if isinstance(value, dict):
        return {}
    return [] if isinstance(value, list) else None


def _put(target: dict[Any, Any] | list[Any], key: Any, value: Any) -> None:
    if isinstance(target, dict):
        target[key] = value
    else:
        target.append(value)


def _weight(key: Any, value: Any) -> int:
    """About what a member adds to its JSON text: punctuation, its key and its string."""
    return (3 + (len(key) + 2 if isinstance(key, str) else 0)
            + (len(value) + 1 if isinstance(value, str) else 0))


def _text_within(value: Any, size: int, longest: int) -> bool:
    """Whether the members of `value` weigh at most `size` in all (see `_weight`), with no
    string or key longer than `longest`; reads no further than that. (Asked of every row
    a search reads: written for speed.)"""
    if not isinstance(value, _CONTAINERS):
        return not isinstance(value, str) or len(value) <= min(size, longest)
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        size -= 3 * len(item)
        if size < 0:  # before reading members: a container may hold 250,000
            return False
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict):
            for key in item:
                if isinstance(key, str):
                    if len(key) > longest:
                        return False
                    size -= len(key) + 2
        for child in children:
            if isinstance(child, str):
                if len(child) > longest:
                    return False
                size -= len(child) + 1
            elif isinstance(child, _CONTAINERS):
                stack.append(child)
        if size < 0:
            return False
    return True


def _first_members(value: Any, size: int) -> Any:
    """`value` cut to the members that weigh `size`, taken in the order JSON writes them;
    a container cut short ends with a `More`. Strings are not copied."""
    top = _empty(value)
    if top is None:
        return value
    stack = [(value, top, _members(value))]
    while stack and size > 0:
        _source, target, rest = stack[-1]
        member = next(rest, None)
        if member is None:
            stack.pop()
            continue
        key, child = member
        copy = _empty(child)
        _put(target, key, child if copy is None else copy)
        size -= _weight(key, child)
        if copy is not None and child:
            stack.append((child, copy, _members(child)))
    for source, target, _rest in stack:
        if len(source) > len(target):
            _put(target, MORE_KEY, More(len(source) - len(target)))
    return top


def _masked(value: Any) -> Any:
    return _MASKER.mask(value) if isinstance(value, dict) else mask_secrets(value)


def _shortened(value: Any, longest: int, blob: str | None) -> Any:
    """`value` with every string and key longer than `longest` cut, or strings replaced
    by `blob` (when not None)."""
    if isinstance(value, dict):
        return {_shortened(k, longest, None): _shortened(v, longest, blob)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_shortened(v, longest, blob) for v in value]
    if isinstance(value, str) and len(value) > longest:
        return value[:longest] + "…" if blob is None else blob
    return value


def _bounded(value: Any, size: int, longest: int, blob: str | None) -> Any:
    """`value` masked, as much of it as a JSON text of about `size` characters shows, with
    strings longer than `longest` cut (or `blob` in their place)."""
    if _text_within(value, size, longest):
        return _masked(value)  # the usual payload: nothing copied but what masking copies
    return _shortened(_masked(_first_members(value, size)), longest, blob)


def _items_within(value: Any, items: int, members: int) -> bool:
    """Whether `value` holds at most `items` members in all and `members` in any one
    container; reads no further than that."""
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            items -= len(item)
            if items < 0 or len(item) > members:
                return False
            stack.extend(item.values() if isinstance(item, dict) else item)
    return True


def _breadth_first(value: Any, items: int, members: int) -> Any:
    """`value` cut to `items` members in all and `members` in any one container, taken
    level by level (a tree shows its upper levels first); a container cut short ends
    with a `More`."""
    top = _empty(value)
    if top is None:
        return value
    queue = deque([(value, top)])
    while queue:
        source, target = queue.popleft()
        room = max(0, min(len(source), members, items))
        for key, child in islice(_members(source), room):
            copy = _empty(child)
            _put(target, key, child if copy is None else copy)
            if copy is not None and child:
                queue.append((child, copy))
        items -= room
        if room < len(source):
            _put(target, MORE_KEY, More(len(source) - room))
    return top


def tree_view(value: Any, items: int, members: int) -> Any:
    """`value` masked, with at most `items` members in all and `members` in any one
    container (and one `More` in each container cut short)."""
    if _items_within(value, items, members):
        return _masked(value)
    return _masked(_breadth_first(value, items, members))


def member_count(value: dict[Any, Any] | list[Any]) -> int:
    """How many members a container of a bounded view stands for."""
    if not value:
        return 0
    last = next(reversed(value.values())) if isinstance(value, dict) else value[-1]
    return len(value) - 1 + last.count if isinstance(last, More) else len(value)


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

    @property
    def search(self) -> str:
        """What the search box matches (see `search_text`), made when first needed: most
        rows are never searched."""
        if self._search is None:
            self._search = search_text(self.summary, self.event.payload)
        return self._search

    def matches(self, needle: str) -> bool:
        return needle in self.search


@dataclass(slots=True, eq=False)
class GapRow:
    gap: Gap
    here: InitVar[str | None] = None  # this workstation: gaps of others name theirs
    text: str = field(init=False)
    look: RowLook | None = None

    def __post_init__(self, here: str | None) -> None:
        self.text = gap_text(self.gap, here)

    @property
    def moment(self) -> datetime:
        return self.gap.started_at


Row = EventRow | GapRow
