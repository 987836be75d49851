"""Engine.IO 4 / Socket.IO 5 text frames: decoding what a server sends, encoding what we send.

Pure functions, no I/O; the connection in `socketio_client` drives them once per frame.
"""

from __future__ import annotations

import base64
import json
import json.decoder
import math
import re
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import NamedTuple

from evodesk.infra import wire_json
from evodesk.infra.wire_json import MAX_DEPTH, nested_too_deep, refuse_constant
from evodesk.infra.wire_json import may_hold_surrogates as _may_hold_surrogates
from evodesk.infra.wire_json import without_lone_surrogates as _without_lone_surrogates

# Engine.IO packet types are the first character of every text frame.
EIO_OPEN = "0"
EIO_CLOSE = "1"
EIO_PING = "2"
EIO_PONG = "3"
EIO_MESSAGE = "4"
EIO_UPGRADE = "5"
EIO_NOOP = "6"

ROOT_NAMESPACE = "/"


class PacketType(IntEnum):
    """Socket.IO packet types (the character after the Engine.IO `4`)."""

    CONNECT = 0
    DISCONNECT = 1
    EVENT = 2
    ACK = 3
    CONNECT_ERROR = 4
    BINARY_EVENT = 5
    BINARY_ACK = 6


_SIO_TYPES: dict[str, PacketType] = {str(int(t)): t for t in PacketType}
_DIGITS = frozenset("0123456789")


# raw_decode parses from an offset, so the payload is never copied out of the frame first.
_raw_decode = json.JSONDecoder(parse_constant=refuse_constant).raw_decode
# An ack id is a counter; Socket.IO servers number them from 0.
_MAX_ACK_DIGITS = 15
# A binary packet's count of the binary frames that follow it (one per Buffer in the
# arguments: Evolution sends WhatsApp's byte fields as such).
_MAX_ATTACHMENT_DIGITS = 6
# Ping times past an hour are read as an hour, so a dead server is still noticed.
_MAX_PING_MS = 3_600_000.0
_new_object = object.__new__
# json's own string scanner: (the string, the index after its closing quote).
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class FrameError(ValueError):
    """A frame that is not valid Engine.IO 4 / Socket.IO 5; the message says why."""


def _checked_depth(value: object, frame: str) -> object:
    """`value` (the packet's array, or its arguments), or FrameError when what it holds
    nests more than MAX_DEPTH deep."""
    if nested_too_deep(value, frame):
        raise FrameError(f"JSON nested more than {MAX_DEPTH} deep in {_preview(frame)}")
    return value


def _json_at(frame: str, start: int) -> object:
    """The JSON value that spans `frame[start:]` exactly; FrameError when there is none."""
    try:
        value, end = _raw_decode(frame, start)
    except ValueError as exc:
        raise FrameError(f"bad JSON in {_preview(frame)}: {exc}") from None
    except RecursionError:
        raise FrameError(f"JSON nested too deeply in {_preview(frame)}") from None
    if end != len(frame):
        raise FrameError(f"trailing data after JSON in {_preview(frame)}")
    return value


class Packet:
    """One Socket.IO packet.

    `data` by type: CONNECT the server's object (or None), DISCONNECT None,
    EVENT the arguments after the event name, ACK the argument list,
    CONNECT_ERROR the server's object or string.

    An event on an instance namespace without an ack id (`42/ns,["name",…]`, nearly
    every frame) is handed over with its envelope decoded: type, namespace and event
    name, and the frame checked to end the JSON array it opens. Its arguments are
    decoded on the first read of `data`, which raises FrameError when they are not
    valid JSON (and again on every later read). Every other packet is decoded whole.

    A BINARY_EVENT or BINARY_ACK is followed by `attachments` binary frames; its data
    holds placeholders for them until `with_attachments` puts them in.
    """

    __slots__ = (
        "_at",
        "_data",
        "_frame",
        "_pending",
        "_span",
        "ack_id",
        "attachments",
        "event",
        "namespace",
        "type",
    )

    def __init__(
        self,
        type: PacketType,  # the name it had as a NamedTuple field
        namespace: str,
        data: object = None,
        event: str = "",
        ack_id: int | None = None,
        attachments: int = 0,
    ) -> None:
        self.type = type
        self.namespace = namespace
        self.event = event
        self.ack_id = ack_id
        self.attachments = attachments
        self._data = data
        self._frame = ""  # a pending event's frame
        self._at = 0  # where its arguments start: the "," or "]" after the event name
        self._pending = False
        self._span: tuple[int, int] | None = None  # the only argument's text in the frame

    @property
    def data(self) -> object:
        if self._pending:
            self._decode_arguments()
        return self._data

    @property
    def decoded(self) -> bool:
        """False until a pending event's arguments have been decoded."""
        return not self._pending

    def only_argument_json(self) -> str | None:
        """The JSON text, as received, of an event's argument when it is the only one;
        None when the packet was decoded whole or has several arguments. Decodes the
        arguments first if they are pending (FrameError if they are not valid JSON)."""
        if self._pending:
            self._decode_arguments()
        span = self._span
        return None if span is None else self._frame[span[0] : span[1]]

    def _decode_arguments(self) -> None:
        frame, at = self._frame, self._at
        last = len(frame) - 1  # the envelope check saw the closing "]" there
        if at == last:
            self._data = []
        else:
            # Mostly a single argument: decode it where it lies and note where that is.
            try:
                value, stop = _raw_decode(frame, at + 1)
            except (ValueError, RecursionError):
                stop = -1
            if stop == last:
                self._data = [value]
                self._span = (at + 1, stop)
            else:
                # Several arguments, whitespace between the tokens, or bad JSON.
                start = len(self.namespace) + 3  # after "42", the namespace and ","
                whole = _json_at(frame, start)
                self._data = whole[1:]  # type: ignore[index]  # the envelope: a list
        _checked_depth(self._data, frame)
        if _may_hold_surrogates(frame):
            cleaned = _without_lone_surrogates(self._data)
            if cleaned is not self._data:
                self._data, self._span = cleaned, None  # the text as received is not text
        self._pending = False

    def _fields(self) -> tuple[object, ...]:
        try:
            data = self.data
        except FrameError:
            data = (FrameError, self._frame)
        return (self.type, self.namespace, data, self.event, self.ack_id, self.attachments)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Packet):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # equal packets may still decode later

    def __repr__(self) -> str:
        data = f"<{len(self._frame)} chars, not decoded>" if self._pending else repr(self._data)
        return (
            f"Packet(type={self.type!r}, namespace={self.namespace!r}, data={data}, "
            f"event={self.event!r}, ack_id={self.ack_id!r}, attachments={self.attachments!r})"
        )


class OpenInfo(NamedTuple):
    """The Engine.IO open packet; times in seconds."""

    sid: str
    ping_interval: float
    ping_timeout: float
    max_payload: int | None


def decode_open(frame: str) -> OpenInfo:
    """Parse `0{"sid":…,"pingInterval":…,"pingTimeout":…,"maxPayload":…}`."""
    if not frame.startswith(EIO_OPEN):
        raise FrameError(f"expected an Engine.IO open packet, got {_preview(frame)}")
    try:
        body = wire_json.loads(frame[1:])
    except ValueError as exc:
        raise FrameError(f"open packet is not JSON: {exc}") from None
    if not isinstance(body, dict):
        raise FrameError("open packet is not a JSON object")
    sid = body.get("sid")
    interval = _positive_number(body.get("pingInterval"))
    timeout = _positive_number(body.get("pingTimeout"))
    max_payload = _positive_number(body.get("maxPayload"))
    if not isinstance(sid, str) or not sid:
        raise FrameError("open packet has no sid")
    if interval is None or timeout is None:
        raise FrameError("open packet has no valid pingInterval/pingTimeout")
    return OpenInfo(
        sid=sid,
        ping_interval=min(interval, _MAX_PING_MS) / 1000.0,
        ping_timeout=min(timeout, _MAX_PING_MS) / 1000.0,
        max_payload=int(max_payload) if max_payload is not None else None,
    )


def decode_message(frame: str) -> Packet:
    """Decode an Engine.IO message frame (`4…`) into its Socket.IO packet.

    Accepts `42/ns,["ev",…]`, `42["ev",…]` (root namespace), `42/ns,17["ev",…]` (ack id),
    `40/ns,{…}`, `41/ns,`, `44/ns,{"message":…}`, `43/ns,17[…]`, and the binary forms
    `452-/ns,["ev",{"_placeholder":true,"num":0},…]` and `461-/ns,17[…]`.
    """
    # Nearly every frame is an event on an instance namespace: read its envelope only,
    # `42/ns,["name"` then "," and the arguments, or the closing "]" at once.
    if frame.startswith("42/") and frame.endswith("]"):
        comma = frame.find(",", 3)
        if comma > 0 and frame.startswith('["', comma + 1):
            try:
                event, at = _scanstring(frame, comma + 3)
            except ValueError:
                pass  # the full decoder below says what is wrong
            else:
                if frame.find("\\u", comma + 3, at) >= 0:
                    event = str(_without_lone_surrogates(event))  # as in the arguments
                if frame[at] == "," or at == len(frame) - 1:
                    # Built slot by slot: this runs for every frame, __init__ would cost more.
                    packet: Packet = _new_object(Packet)
                    packet.type = PacketType.EVENT
                    packet.namespace = frame[2:comma]
                    packet.event = event
                    packet.ack_id = None
                    packet.attachments = 0
                    packet._data = None
                    packet._frame = frame
                    packet._at = at
                    packet._pending = True
                    packet._span = None
                    return packet
    return _decode_any(frame)


def _decode_any(frame: str) -> Packet:
    ptype = _SIO_TYPES.get(frame[1:2])
    if ptype is None:
        raise FrameError(f"unknown Socket.IO packet type in {_preview(frame)}")
    pos = 2
    attachments = 0
    if ptype is PacketType.BINARY_EVENT or ptype is PacketType.BINARY_ACK:
        end = _digits_end(frame, pos)
        if end == pos or frame[end : end + 1] != "-":
            raise FrameError(f"binary packet without its attachment count in {_preview(frame)}")
        if end - pos > _MAX_ATTACHMENT_DIGITS:
            raise FrameError(f"attachment count of {end - pos} digits in {_preview(frame)}")
        attachments = int(frame[pos:end])
        pos = end + 1
    if frame.startswith(ROOT_NAMESPACE, pos):
        comma = frame.find(",", pos)
        if comma < 0:
            namespace = frame[pos:]
            pos = len(frame)
        else:
            namespace = frame[pos:comma]
            pos = comma + 1
    else:
        namespace = ROOT_NAMESPACE
    ack_id: int | None = None
    if ptype in _MAY_ASK_ACK and frame[pos : pos + 1] in _DIGITS:
        end = _digits_end(frame, pos)
        if end - pos > _MAX_ACK_DIGITS:
            raise FrameError(f"ack id of {end - pos} digits in {_preview(frame)}")
        ack_id = int(frame[pos:end])
        pos = end
    data: object = None
    if pos < len(frame):
        data = _checked_depth(_json_at(frame, pos), frame)
        if _may_hold_surrogates(frame):
            data = _without_lone_surrogates(data)
    if ptype is PacketType.EVENT or ptype is PacketType.BINARY_EVENT:
        if type(data) is not list or not data or type(data[0]) is not str:
            raise FrameError(f"event without a name in {_preview(frame)}")
        return Packet(ptype, namespace, data[1:], data[0], ack_id, attachments)
    if ptype is PacketType.CONNECT:
        if data is not None and not isinstance(data, dict):
            raise FrameError(f"connect reply is not an object in {_preview(frame)}")
    elif ptype is PacketType.ACK or ptype is PacketType.BINARY_ACK:
        if not isinstance(data, list):
            raise FrameError(f"ack without an argument list in {_preview(frame)}")
    elif ptype is PacketType.CONNECT_ERROR and not isinstance(data, dict | str | None):
        raise FrameError(f"connect error without a reason in {_preview(frame)}")
    return Packet(ptype, namespace, data, "", ack_id, attachments)


_MAY_ASK_ACK = frozenset(
    {PacketType.EVENT, PacketType.ACK, PacketType.BINARY_EVENT, PacketType.BINARY_ACK}
)


def _digits_end(frame: str, pos: int) -> int:
    end, size = pos, len(frame)
    while end < size and frame[end] in _DIGITS:
        end += 1
    return end


def with_attachments(packet: Packet, attachments: Sequence[bytes]) -> Packet:
    """A BINARY_EVENT or BINARY_ACK made whole, as the EVENT or ACK it stands for: each
    placeholder `{"_placeholder":true,"num":i}` replaced by attachment i as base64 text
    (bytes have no JSON form; base64 is how protobuf's JSON writes them). FrameError when
    a placeholder names no attachment."""
    texts = [base64.b64encode(part).decode("ascii") for part in attachments]
    data = _placed(packet.data, texts, packet.namespace)
    kind = PacketType.EVENT if packet.type is PacketType.BINARY_EVENT else PacketType.ACK
    return Packet(kind, packet.namespace, data, packet.event, packet.ack_id)


def _placed(value: object, texts: list[str], namespace: str) -> object:
    # The depth was checked when the packet was decoded.
    if type(value) is list:
        return [_placed(item, texts, namespace) for item in value]
    if type(value) is dict:
        if value.get("_placeholder") is True:
            num = value.get("num")
            if type(num) is not int or not 0 <= num < len(texts):
                raise FrameError(f"a placeholder names none of the {len(texts)} attachments "
                                 f"of a packet on {namespace}")
            return texts[num]
        return {key: _placed(item, texts, namespace) for key, item in value.items()}
    return value


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_MAX_REASON = 200


def connect_error_message(packet: Packet) -> str:
    """The reason a CONNECT_ERROR packet gives (`Invalid namespace`, …), as one line of
    at most 200 characters: it is shown and logged as the namespace's state."""
    data = packet.data
    message: object = data.get("message") if isinstance(data, dict) else data
    if isinstance(message, str):
        line = " ".join(_CONTROL.sub(" ", message).split())
        if line:
            return line if len(line) <= _MAX_REASON else line[: _MAX_REASON - 1] + "…"
    return "the server refused the namespace"


def _check_namespace(namespace: str) -> None:
    # A comma or a missing slash would shift every later field of the packet.
    if not namespace.startswith(ROOT_NAMESPACE) or "," in namespace:
        raise ValueError(f"not a usable Socket.IO namespace: {namespace!r}")


def _prefix(code: str, namespace: str) -> str:
    _check_namespace(namespace)
    if namespace == ROOT_NAMESPACE:
        return code
    return f"{code}{namespace},"


def encode_connect(namespace: str, auth: dict[str, object] | None = None) -> str:
    frame = _prefix("40", namespace)
    if auth is not None:
        frame += json.dumps(auth, separators=(",", ":"))
    return frame


def encode_disconnect(namespace: str) -> str:
    return _prefix("41", namespace)


def encode_ack(namespace: str, ack_id: int, args: list[object] | None = None) -> str:
    return _prefix("43", namespace) + str(ack_id) + json.dumps(args or [], separators=(",", ":"))


def _positive_number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        number = float(value)
        if math.isfinite(number):
            return number
    return None


def _preview(frame: str, limit: int = 40) -> str:
    """The header of a frame (type, namespace, ack id) and its size, for log lines.

    Payload text is left out on purpose: it may carry tokens, and it may be huge.
    """
    header = frame[:limit]
    for i, char in enumerate(header):
        if char in '[{"':
            header = header[:i]
            break
    return f"{header!r} ({len(frame)} chars)"
