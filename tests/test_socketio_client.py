"""The Engine.IO/Socket.IO client against real servers: python-socketio and scripted
`websockets` servers. Nothing on the socket is mocked."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from websockets.asyncio.server import ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from evodesk.domain.errors import (
    HandshakeRefused,
    ProtocolError,
    ServerError,
    ServerTimeout,
    ServerUnreachable,
    TlsFailure,
)
from evodesk.domain.secrets import MASK
from evodesk.domain.validation import UNSENDABLE_STORED_KEY
from evodesk.infra.socketio_client import SocketIOConnection, socketio_url
from evodesk.infra.socketio_codec import (
    MAX_DEPTH,
    FrameError,
    Packet,
    PacketType,
    connect_error_message,
    decode_message,
    decode_open,
    encode_ack,
    encode_connect,
    encode_disconnect,
    with_attachments,
)
from tests.sio_servers import API_KEY, EvoLikeServer, RawServer, open_packet
from tests.support.tls import self_signed, server_context

T = PacketType

# --- the codec ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        ('42/a,["messages.upsert",{"x":1}]', Packet(T.EVENT, "/a", [{"x": 1}], "messages.upsert")),
        ('42["ev",1,2]', Packet(T.EVENT, "/", [1, 2], "ev")),
        ('42/a,12["ev"]', Packet(T.EVENT, "/a", [], "ev", 12)),
        ('427["ev",{}]', Packet(T.EVENT, "/", [{}], "ev", 7)),
        ('42/loja sp,["ev",{"t":"á,é"}]', Packet(T.EVENT, "/loja sp", [{"t": "á,é"}], "ev")),
        ('40/a,{"sid":"s1"}', Packet(T.CONNECT, "/a", {"sid": "s1"})),
        ('40{"sid":"s0"}', Packet(T.CONNECT, "/", {"sid": "s0"})),
        ("41/a,", Packet(T.DISCONNECT, "/a")),
        ("41/a", Packet(T.DISCONNECT, "/a")),
        ("41", Packet(T.DISCONNECT, "/")),
        (
            '44/a,{"message":"Invalid namespace"}',
            Packet(T.CONNECT_ERROR, "/a", {"message": "Invalid namespace"}),
        ),
        ('44/a,"Unable to connect"', Packet(T.CONNECT_ERROR, "/a", "Unable to connect")),
        ("43/a,5[1]", Packet(T.ACK, "/a", [1], "", 5)),
        (
            '451-/a,["ev",{"_placeholder":true,"num":0}]',
            Packet(T.BINARY_EVENT, "/a", [{"_placeholder": True, "num": 0}], "ev", None, 1),
        ),
        ('4512-["ev",1]', Packet(T.BINARY_EVENT, "/", [1], "ev", None, 12)),
        ('452-/a,7["ev"]', Packet(T.BINARY_EVENT, "/a", [], "ev", 7, 2)),
        ("461-/a,3[{}]", Packet(T.BINARY_ACK, "/a", [{}], "", 3, 1)),
    ],
)
def test_decode_accepts_every_form_a_server_sends(frame: str, expected: Packet) -> None:
    assert decode_message(frame) == expected


@pytest.mark.parametrize(
    "frame",
    [
        "4",
        "49",
        "4x/a,",
        "42/a,",
        '42/a,["ev"',
        "42/a,{}",
        "42/a,[1]",
        "42/a,[]",
        '42/a,["ev"]garbage',
        '42/a, ["ev"]',
        '45-/a,["ev"]',
        '451/a,["ev"]',
        '451x-/a,["ev"]',
        '451234567-/a,["ev"]',
        "451-/a,{}",
        "461-/a,3{}",
        "40/a,[1]",
        "43/a,5",
        "44/a,12",
    ],
)
def test_decode_rejects_malformed_frames_with_a_reason(frame: str) -> None:
    with pytest.raises(FrameError) as caught:
        decode_message(frame)
    assert str(caught.value)


def test_event_arguments_are_decoded_when_first_read() -> None:
    frame = '42/loja sp,["messages.upsert",{"t":"á,é","n":[1,2]}]'
    packet = decode_message(frame)
    assert (packet.type, packet.namespace, packet.event, packet.ack_id) == (
        T.EVENT, "/loja sp", "messages.upsert", None,
    )
    assert not packet.decoded and "not decoded" in repr(packet)
    assert packet.data == [{"t": "á,é", "n": [1, 2]}] and packet.decoded
    assert packet.data is packet.data  # decoded once
    assert packet.only_argument_json() == '{"t":"á,é","n":[1,2]}'
    # Only a sole argument decoded in place has its text kept.
    several = decode_message('42/a,["ev",{"x":1},2]')
    assert several.only_argument_json() is None and several.data == [{"x": 1}, 2]
    assert decode_message('42/a,["ev"]').only_argument_json() is None
    assert decode_message('42/a,["ev", {"x": 1}]').only_argument_json() is None  # spaced
    assert decode_message('42/a,["e\\"v",1]').event == 'e"v'


@pytest.mark.parametrize(
    "frame",
    [
        '42/a,["ev",{"apikey":"SECRET-TOKEN",]',
        '42/a,["ev",{"x":1}}]',
        '42/a,["ev",1,]',
        '42/a,["ev",tru]',
        '42/a,["ev",{"x":1},]]',
    ],
)
def test_bad_arguments_pass_the_envelope_and_fail_when_read(frame: str) -> None:
    packet = decode_message(frame)
    assert (packet.type, packet.namespace, packet.event) == (T.EVENT, "/a", "ev")
    for read in (lambda: packet.data, packet.only_argument_json):
        with pytest.raises(FrameError) as caught:
            read()
        assert "/a," in str(caught.value) and "SECRET" not in str(caught.value)
    assert packet != decode_message('42/a,["ev"]') and not packet.decoded


def _nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5_000, 100_000])
def test_json_nested_too_deep_is_a_frame_error_not_a_crash(depth: int) -> None:
    # json gives up near the recursion limit with RecursionError; anything past
    # MAX_DEPTH is refused first, on every path, with a reason.
    lazy = decode_message(f'42/a,["ev",{{"x":{_nested(depth - 1)}}}]')
    with pytest.raises(FrameError, match="nested"):
        lazy.data  # noqa: B018 - the read decodes
    with pytest.raises(FrameError, match="nested"):
        decode_message(f'42/a,9["ev",{_nested(depth)}]')  # with an ack id: whole
    with pytest.raises(FrameError, match="nested"):
        decode_message(f"43/a,9[{_nested(depth)}]")


def test_json_as_deep_as_allowed_is_decoded() -> None:
    packet = decode_message(f'42/a,["ev",{_nested(MAX_DEPTH)}]')
    assert decode_message(f'42/a,9["ev",{_nested(MAX_DEPTH)}]').data == packet.data
    value = packet.data[0]  # type: ignore[index]
    for _ in range(MAX_DEPTH):
        assert type(value) is list
        value = value[0]
    assert value == 1
    # Brackets inside strings count for nothing.
    assert decode_message('42/a,["ev",{"t":"' + "[" * 500 + '"}]').data == [{"t": "[" * 500}]


def test_numbers_read_as_json_reads_them() -> None:
    big = 123456789012345678901234567890
    packet = decode_message(f'42/a,["ev",{{"n":{big},"m":-{big},"f":1.5e300,"z":-0}}]')
    assert packet.data == [{"n": big, "m": -big, "f": 1.5e300, "z": 0}]
    assert type(packet.data[0]["n"]) is int  # type: ignore[index]
    assert packet.only_argument_json() == f'{{"n":{big},"m":-{big},"f":1.5e300,"z":-0}}'
    edge = decode_message('42/a,["ev",[18446744073709551615,-9223372036854775808]]')
    assert edge.data == [[18446744073709551615, -9223372036854775808]]
    # json's NaN and Infinity are not JSON, and no database column would take them.
    for constant in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(FrameError, match=f"{constant} is not JSON"):
            decode_message(f'42/a,["ev",{{"x":{constant}}}]').data  # noqa: B018
        with pytest.raises(FrameError, match=f"{constant} is not JSON"):
            decode_message(f'42/a,3["ev",[{constant}]]')


def test_an_ack_id_longer_than_a_counter_is_a_frame_error() -> None:
    assert decode_message('42/a,' + "9" * 15 + '["ev"]').ack_id == 10**15 - 1
    for frame in ('42/a,' + "1" * 16 + '["ev"]', '42/a,' + "1" * 5000 + '["ev",{}]',
                  '42' + "1" * 5000 + '["ev"]', "43/a," + "1" * 5000 + "[]"):
        with pytest.raises(FrameError, match="ack id of"):
            decode_message(frame)


def test_a_lone_surrogate_in_an_event_name_becomes_a_replacement_character() -> None:
    for frame in ('42/a,["\\ud800",{"n":1}]', '42/a,["x\\udc00y"]', '42/a,7["\\ud800",1]'):
        packet = decode_message(frame)
        assert packet.event in ("\ufffd", "x\ufffdy")
        packet.event.encode()  # text again: it can be printed and stored
    assert decode_message('42/a,["\\ud83d\\ude00",1]').event == "\U0001f600"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=_JSON, ascii_only=st.booleans())
def test_event_arguments_decode_as_json_decodes_them(value: object, ascii_only: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":"))
    packet = decode_message(f'42/a,["ev",{text}]')
    # st.text() holds no lone surrogate (they become U+FFFD: their own test).
    assert packet.data == [json.loads(text)]
    assert packet.only_argument_json() == text


def test_frame_errors_never_quote_the_payload() -> None:
    with pytest.raises(FrameError) as caught:
        decode_message('42/a,["ev",{"apikey":"SECRET-TOKEN"}')
    assert "SECRET" not in str(caught.value)
    assert "/a," in str(caught.value)


def test_attachments_take_the_place_of_their_placeholders_as_base64() -> None:
    packet = decode_message(
        '452-/a,9["messages.upsert",{"message":{"messageContextInfo":{"messageSecret":'
        '{"_placeholder":true,"num":1}},"thumb":{"_placeholder":true,"num":0}},'
        '"again":[{"_placeholder":true,"num":1}],"_placeholder":"not one"}]'
    )
    whole = with_attachments(packet, [b"\xff\xd8\xff", b"\x00secret"])
    assert (whole.type, whole.namespace, whole.event, whole.ack_id, whole.attachments) == (
        T.EVENT, "/a", "messages.upsert", 9, 0,
    )
    assert whole.data == [{
        "message": {"messageContextInfo": {"messageSecret": "AHNlY3JldA=="}, "thumb": "/9j/"},
        "again": ["AHNlY3JldA=="], "_placeholder": "not one",
    }]
    assert whole.only_argument_json() is None  # the text as received held placeholders
    ack = with_attachments(decode_message('461-/a,3[{"_placeholder":true,"num":0}]'), [b"x"])
    assert (ack.type, ack.ack_id, ack.data) == (T.ACK, 3, ["eA=="])
    for placeholder in ('{"_placeholder":true,"num":1}', '{"_placeholder":true,"num":-1}',
                        '{"_placeholder":true,"num":"0"}', '{"_placeholder":true}',
                        '{"_placeholder":true,"num":true}'):
        with pytest.raises(FrameError, match="none of the 1 attachments of a packet on /a"):
            with_attachments(decode_message(f'451-/a,["ev",{placeholder}]'), [b"x"])


def test_decode_open_packet() -> None:
    info = decode_open(open_packet("abc", 25000, 20000))
    assert (info.sid, info.ping_interval, info.ping_timeout, info.max_payload) == (
        "abc", 25.0, 20.0, 1000000,
    )
    for bad in ("0", "0[]", '0{"sid":"x"}', '0{"sid":"","pingInterval":1,"pingTimeout":1}',
                '0{"sid":"x","pingInterval":0,"pingTimeout":1}', "40", '1{"sid":"x"}',
                '0{"sid":' + "[" * 5000 + "]" * 5000 + "}",
                '0{"sid":"x","pingInterval":1e999,"pingTimeout":1}',
                '0{"sid":"x","pingInterval":NaN,"pingTimeout":1}'):
        with pytest.raises(FrameError):
            decode_open(bad)


def test_open_packet_numbers_out_of_range() -> None:
    # An unbounded maxPayload is no limit; ping times past an hour count as an hour,
    # so a dead peer is still noticed.
    info = decode_open('0{"sid":"x","pingInterval":1e300,"pingTimeout":5e299,"maxPayload":1e999}')
    assert (info.ping_interval, info.ping_timeout, info.max_payload) == (3600.0, 3600.0, None)


def test_encode_and_namespace_rules() -> None:
    assert encode_connect("/a") == "40/a,"
    assert encode_connect("/") == "40"
    assert encode_connect("/a", {"token": "t"}) == '40/a,{"token":"t"}'
    assert encode_disconnect("/a") == "41/a,"
    assert encode_ack("/a", 7) == "43/a,7[]"
    assert encode_ack("/", 3, [1]) == "433[1]"
    for bad in ("a", "/a,b", ""):
        with pytest.raises(ValueError):
            encode_connect(bad)


def test_connect_error_messages() -> None:
    assert connect_error_message(decode_message('44/a,{"message":"Invalid namespace"}')) == (
        "Invalid namespace"
    )
    assert connect_error_message(decode_message('44/a,"Unable to connect"')) == "Unable to connect"
    assert connect_error_message(decode_message("44/a,")) == "the server refused the namespace"
    # Shown and logged as one line: a server cannot add lines of its own.
    forged = '44/a,{"message":"Invalid\\n2026-11-29 ERROR fake line\\u2028x\\t "}'
    assert connect_error_message(decode_message(forged)) == "Invalid 2026-11-29 ERROR fake line x"
    assert connect_error_message(decode_message('44/a,{"message":" \\n "}')) == (
        "the server refused the namespace"
    )
    long = connect_error_message(decode_message('44/a,"' + "x" * 500 + '"'))
    assert long == "x" * 199 + "…"


def test_socketio_url() -> None:
    assert socketio_url("http://h:8080", "k") == (
        "ws://h:8080/socket.io/?EIO=4&transport=websocket&apikey=k"
    )
    assert socketio_url("https://h/evo/", "a b&c") == (
        "wss://h/evo/socket.io/?EIO=4&transport=websocket&apikey=a+b%26c"
    )
    with pytest.raises(ValueError):
        socketio_url("ftp://h", "k")
    with pytest.raises(ValueError):
        socketio_url("http://", "k")


# --- against python-socketio --------------------------------------------------------


class Client:
    """A connection whose packets land in a queue the test awaits."""

    def __init__(self, url: str, key: str = API_KEY, **options: object) -> None:
        self.packets: asyncio.Queue[Packet] = asyncio.Queue()
        self.conn = SocketIOConnection(url, key, on_packet=self.packets.put_nowait, **options)  # type: ignore[arg-type]

    async def next(self, kind: PacketType | None = None, timeout: float = 5.0) -> Packet:
        while True:
            packet = await asyncio.wait_for(self.packets.get(), timeout)
            if kind is None or packet.type is kind:
                return packet


@pytest.fixture
async def evo() -> AsyncIterator[EvoLikeServer]:
    async with EvoLikeServer() as server:
        yield server


async def test_join_invalid_namespace_then_events_then_leave(evo: EvoLikeServer) -> None:
    client = Client(evo.url)
    info = await client.conn.connect()
    assert info.ping_interval == 25.0
    await client.conn.join("/loja-sp")
    refused = await client.next()
    assert refused.type is T.CONNECT_ERROR and refused.namespace == "/loja-sp"
    assert connect_error_message(refused) == "Invalid namespace"

    await evo.emit("loja-sp", "connection.update", {"state": "open"})  # the namespace now exists
    await client.conn.join("/loja-sp")
    joined = await client.next()
    assert joined.type is T.CONNECT and isinstance(joined.data, dict) and "sid" in joined.data
    sent = await evo.emit("loja-sp", "messages.upsert", {"key": {"id": "M1"}})
    event = await client.next()
    assert (event.type, event.namespace, event.event, event.data) == (
        T.EVENT, "/loja-sp", "messages.upsert", [sent],
    )

    await client.conn.leave("/loja-sp")
    await evo.wait_until(lambda: not evo.members.get("/loja-sp"))
    assert not client.conn.closed
    await client.conn.aclose()
    assert (await client.conn.wait_closed()).error is None


async def test_many_namespaces_share_one_engineio_connection(evo: EvoLikeServer) -> None:
    names = [f"inst{i}" for i in range(12)]
    for name in names:
        await evo.emit(name, "connection.update", {})
    client = Client(evo.url)
    info = await client.conn.connect()
    for name in names:
        await client.conn.join("/" + name)
    for _ in names:
        await client.next(T.CONNECT)
    for name in names:
        await evo.emit(name, "messages.upsert", {"n": name})
    got = {(p.namespace, p.data[0]["data"]["n"]) for p in [await client.next() for _ in names]}  # type: ignore[index]
    assert got == {("/" + n, n) for n in names}
    assert evo.engine_sockets() == 1
    assert evo.eio_sids == {info.sid}
    assert evo.handshakes == 1
    await client.conn.aclose()


async def test_events_holding_bytes_arrive_whole_with_the_bytes_as_base64(
    evo: EvoLikeServer,
) -> None:
    # Evolution rebuilds WhatsApp's byte fields (messageSecret, jpegThumbnail, mediaKey…)
    # as Uint8Array before it emits messages.upsert; Socket.IO then sends the event as a
    # binary packet followed by one binary frame per field. python-socketio does the same
    # with bytes.
    await evo.emit("a", "connection.update", {})
    client = Client(evo.url)
    await client.conn.connect()
    await client.conn.join("/a")
    await client.next(T.CONNECT)
    secret, thumb = bytes(range(32)), b"\xff\xd8\xff\xe0" + b"\x00" * 3000
    sent = await evo.emit("a", "messages.upsert", {
        "key": {"id": "M1"},
        "message": {"messageContextInfo": {"messageSecret": secret},
                    "imageMessage": {"jpegThumbnail": thumb, "mediaKey": secret}},
    })
    await evo.emit("a", "messages.update", {"key": {"id": "M1"}})  # text after binary
    assert evo.sio is not None
    acked = asyncio.get_running_loop().create_future()
    await evo.sio.emit("call", ({"blob": b"\x01"}, b"\x02"), namespace="/a",
                       callback=lambda *args: acked.set_result(args))

    event = await client.next()
    assert (event.type, event.event, event.ack_id) == (T.EVENT, "messages.upsert", None)
    b64 = base64.b64encode
    assert event.data == [{**sent, "data": {
        "key": {"id": "M1"},
        "message": {"messageContextInfo": {"messageSecret": b64(secret).decode()},
                    "imageMessage": {"jpegThumbnail": b64(thumb).decode(),
                                     "mediaKey": b64(secret).decode()}},
    }}]
    assert event.only_argument_json() is None
    after = await client.next()
    assert (after.event, after.data[0]["data"]) == ("messages.update", {"key": {"id": "M1"}})  # type: ignore[index]
    called = await client.next()
    assert (called.type, called.event, called.data) == (T.EVENT, "call", [{"blob": "AQ=="}, "Ag=="])
    assert await asyncio.wait_for(acked, 5) == ()  # asked for an ack: answered
    assert client.conn.protocol_errors == 0 and not client.conn.closed
    await client.conn.aclose()


async def test_pings_are_answered_over_several_intervals() -> None:
    # python-engineio advertises int(interval + grace) seconds; it pings every 0.2 s.
    async with EvoLikeServer(ping_interval=(0.2, 0.8), ping_timeout=0.5) as evo:
        await evo.emit("a", "connection.update", {})
        client = Client(evo.url)
        info = await client.conn.connect()
        await client.conn.join("/a")
        await client.next(T.CONNECT)

        async def emit_over_time() -> None:
            for n in range(8):
                await asyncio.sleep(0.15)  # the scenario's pace, not a wait for a condition
                await evo.emit("a", "messages.upsert", {"n": n})

        emitter = asyncio.create_task(emit_over_time())
        received = [await client.next(T.EVENT) for _ in range(8)]
        await emitter
        assert [p.data[0]["data"]["n"] for p in received] == list(range(8))  # type: ignore[index]
        assert client.conn.pings >= 4  # > 2 ping intervals went by, each answered in time
        assert not client.conn.closed
        assert evo.eio_sids == {info.sid} and evo.engine_sockets() == 1
        await client.conn.aclose()


async def test_server_side_namespace_disconnect(evo: EvoLikeServer) -> None:
    for name in ("a", "b"):
        await evo.emit(name, "connection.update", {})
    client = Client(evo.url)
    await client.conn.connect()
    await client.conn.join("/a")
    await client.conn.join("/b")
    await client.next(T.CONNECT)
    await client.next(T.CONNECT)
    await evo.kick("a")
    left = await client.next()
    assert (left.type, left.namespace) == (T.DISCONNECT, "/a")
    await evo.emit("b", "messages.upsert", {})  # the other namespace and the socket stay up
    assert (await client.next()).namespace == "/b"
    await client.conn.join("/a")
    assert (await client.next()) == Packet(T.CONNECT, "/a", (await _only_sid(evo, "/a")))
    await client.conn.aclose()


async def _only_sid(evo: EvoLikeServer, namespace: str) -> dict[str, str]:
    await evo.wait_until(lambda: bool(evo.members.get(namespace)))
    return {"sid": next(iter(evo.members[namespace]))}


@pytest.mark.parametrize("status", [401, 403])
async def test_refused_handshake(status: int) -> None:
    async with EvoLikeServer(refuse_status=status) as evo:
        client = Client(evo.url, key="WRONG")
        with pytest.raises(HandshakeRefused) as caught:
            await client.conn.connect()
        assert caught.value.status == status
        assert str(caught.value) == "The server refused the API key."
        assert evo.refusals == 1
        assert (await client.conn.wait_closed()).error is caught.value


def _http_answer(status: int, body: bytes) -> RawServer:
    def process_request(conn: ServerConnection, request: Request) -> Response:
        return Response(status, "No", Headers([("Content-Length", str(len(body)))]), body)

    return RawServer(lambda ws: asyncio.sleep(0), process_request=process_request)


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        # Engine.IO sends a refused upgrade as 400 with allowRequest's reason as the body.
        (400, b"Invalid global token", HandshakeRefused),
        (400, b"apiKey is required", HandshakeRefused),
        (400, b"Forbidden", HandshakeRefused),
        (403, b'{"code":4,"message":"Invalid global token"}', HandshakeRefused),
        (400, b"Authentication error", ServerError),  # the server's own lookup failed
        (400, b"Unsupported protocol version", ProtocolError),
        (400, b"Transport unknown", ProtocolError),
        (404, b"Not Found", ServerUnreachable),
        (502, b"Bad Gateway", ServerUnreachable),
    ],
)
async def test_other_handshake_answers(status: int, body: bytes, error: type[Exception]) -> None:
    async with _http_answer(status, body) as raw:
        with pytest.raises((ServerError, ServerUnreachable, ProtocolError)) as caught:
            await Client(raw.url).conn.connect()
    assert type(caught.value) is error


@pytest.mark.parametrize("scheme", ["ws", "http"])
async def test_a_redirect_is_not_followed_with_the_key(scheme: str) -> None:
    # The key travels in the handshake's header and query: a redirect elsewhere would
    # hand it to another host. The message names the address to use instead.
    async with EvoLikeServer() as elsewhere:
        location = (f"{scheme}://127.0.0.1:{elsewhere.port}/socket.io/"
                    f"?EIO=4&transport=websocket&apikey={API_KEY}")

        def process_request(conn: ServerConnection, request: Request) -> Response:
            return Response(302, "Found", Headers([("Location", location),
                                                   ("Content-Length", "0")]), b"")

        async with RawServer(lambda ws: asyncio.sleep(0),
                             process_request=process_request) as raw:
            with pytest.raises(ServerUnreachable) as caught:
                await Client(raw.url).conn.connect()
        assert elsewhere.handshakes == 0
    assert str(caught.value) == (
        f"The server redirects the live connection to http://127.0.0.1:{elsewhere.port} "
        "(HTTP 302): evodesk does not follow it with the API key; use that address for "
        "the server.")
    assert API_KEY not in f"{caught.value} {caught.value.detail}"


async def test_a_redirect_to_nowhere_says_so() -> None:
    async with _http_answer(307, b"") as raw:
        with pytest.raises(ServerUnreachable) as caught:
            await Client(raw.url).conn.connect()
    assert str(caught.value) == ("The server answered the live connection with a redirect "
                                 "(HTTP 307) that names no address. Check the URL.")


@pytest.mark.parametrize("key", ["key\u200b-with-a-zero-width-space", "two\nlines"])
async def test_a_key_that_cannot_be_sent_is_refused_before_connecting(key: str) -> None:
    async with EvoLikeServer() as evo:
        with pytest.raises(HandshakeRefused) as caught:
            await Client(evo.url, key=key).conn.connect()
        assert evo.handshakes == 0
    # As the REST client says it of a stored key: the key is fixed by editing the server.
    assert str(caught.value) == UNSENDABLE_STORED_KEY
    assert key not in str(caught.value)


async def test_nothing_listening_is_unreachable() -> None:
    async with EvoLikeServer() as evo:
        url = evo.url
    with pytest.raises(ServerUnreachable):
        await Client(url).conn.connect()


# --- against scripted servers --------------------------------------------------------


async def test_dead_peer_is_detected_within_interval_plus_timeout() -> None:
    async def open_then_silence(ws: ServerConnection) -> None:
        await ws.send(open_packet(interval_ms=200, timeout_ms=100))
        await ws.wait_closed()

    async with RawServer(open_then_silence) as raw:
        client = Client(raw.url)
        loop = asyncio.get_running_loop()
        await client.conn.connect()
        opened = loop.time()
        info = await asyncio.wait_for(client.conn.wait_closed(), 2.0)
        elapsed = loop.time() - opened
        silent = client.conn.silent_for  # what a gap's start is taken from
    assert "dead peer" in info.reason
    assert isinstance(info.error, ServerTimeout)
    assert 0.28 <= elapsed < 0.3 + 0.25  # the margin is only for a busy machine
    assert elapsed - 0.05 <= silent <= elapsed + 0.05  # nothing was heard after the open


async def test_raw_pings_are_answered_with_pongs_in_time() -> None:
    pongs: list[str] = []

    async def pinger(ws: ServerConnection) -> None:
        await ws.send(open_packet(interval_ms=100, timeout_ms=100))
        for _ in range(6):
            await ws.send("2")
            pongs.append(str(await asyncio.wait_for(ws.recv(), 0.5)))
        await ws.send('42["done",{}]')
        await ws.wait_closed()

    async with RawServer(pinger) as raw:
        client = Client(raw.url)
        await client.conn.connect()
        assert (await client.next()).event == "done"
        assert pongs == ["3"] * 6 and client.conn.pings == 6
        await client.conn.aclose()


@pytest.mark.parametrize("frame", [b"2", b'42/a,3["ev",{}]', b'42/a,["ev",{}]'])
async def test_a_flood_of_frames_leaves_the_loop_turns_for_other_work(frame: bytes) -> None:
    # Frames already received come out of recv() without a pause, and a ping's pong (an
    # ack likewise) is written at once: a peer sending them without end must not keep
    # the rest of the program (the window above all) from running.
    count = 10_000
    burst = (b"\x81" + bytes([len(frame)]) + frame) * count  # unmasked text frames

    async def flood(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        ws.transport.write(burst)  # all at once, as a peer that never waits would
        async for _ in ws:  # read the answers, so that the client's writes never wait
            pass

    handled = [0]
    done = asyncio.Event()

    def on_packet(packet: Packet) -> None:
        handled[0] += 1

    async with RawServer(flood) as raw:
        conn = SocketIOConnection(raw.url, API_KEY, on_packet=on_packet)
        await conn.connect()
        between_turns: list[int] = []

        async def other_work() -> None:
            last = 0
            while True:
                now = conn.pings + handled[0] + conn.protocol_errors
                between_turns.append(now - last)
                last = now
                if now >= count or conn.closed:
                    done.set()
                    return
                await asyncio.sleep(0)

        other = asyncio.create_task(other_work())
        await asyncio.wait_for(done.wait(), 30)
        await other
        assert not conn.closed
        await conn.aclose()
    assert sum(between_turns) == count
    assert max(between_turns) <= 200, f"{max(between_turns)} frames in one turn of the loop"


async def test_binary_packets_with_wrong_attachments_cost_only_themselves(
    caplog: pytest.LogCaptureFixture,
) -> None:
    placeholder = '{"_placeholder":true,"num":%d}'

    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.send('452-/a,["lacking",' + placeholder % 1 + "]")
        await ws.send(b"one of two")
        await ws.send('42/a,["after lacking",{}]')  # the second never came
        # Each frame under max_size (one over it ends the connection), not all three.
        await ws.send('453-/a,["too big together",' + placeholder % 2 + "]")
        for _ in range(3):
            await ws.send(b"y" * 2000)
        await ws.send('451-/a,["misplaced",' + placeholder % 1 + "]")
        await ws.send(b"z")
        await ws.send('452-/a,5["pinged between",' + placeholder % 1 + "]")
        await ws.send(b"first")
        await ws.send("2")  # Engine.IO's own packets do not interrupt a Socket.IO packet
        await ws.send(b"second")
        await raw.collect(ws)

    caplog.set_level(logging.WARNING, "evodesk")
    async with RawServer(script) as raw:
        client = Client(raw.url, max_size=4096)
        await client.conn.connect()
        first, last = await client.next(), await client.next()
        assert (first.event, first.data) == ("after lacking", [{}])
        assert (last.event, last.data, last.ack_id) == ("pinged between", ["c2Vjb25k"], 5)
        assert await asyncio.wait_for(raw.received.get(), 5) == "3"  # the pong
        assert await asyncio.wait_for(raw.received.get(), 5) == "43/a,5[]"
        assert client.packets.empty() and not client.conn.closed
        assert client.conn.protocol_errors == 3
        await client.conn.aclose()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("lacks 1 of its attachments" in w for w in warnings)
    assert any("pass the 4096-byte cap" in w for w in warnings)
    assert any("none of the 1 attachments" in w for w in warnings)


BAD_FRAMES: list[str | bytes] = [
    "",
    "9",
    "5",
    "4",
    "49/a,",
    "42/a,",
    '42/a,["messages.upsert",{"truncated":',
    "42/a,{}",
    '42/a,["ev"]}',
    b"\x00\x01binary",
    '45-/a,["ev",{"_placeholder":true,"num":0}]',  # no attachment count
    b"\x04attachment",  # so no packet announced this one
    "0" + '{"sid":"again"}',
    "44/a," + "[" * 5000 + "]" * 5000,  # deeper than json's recursion limit
    '42/a,7["ev",' + "[" * 5000 + "]" * 5000 + "]",  # with an ack id: decoded whole
]


async def test_bad_frames_are_logged_and_the_connection_survives(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.send('40/a,{"sid":"n1"}')
        for frame in BAD_FRAMES:
            await ws.send(frame)
        await ws.send("6")  # noop
        await ws.send('42/a,["messages.upsert",{"ok":1}]')
        await ws.send('42/a,9["messages.upsert",{"ok":2}]')  # asks for an ack
        await raw.collect(ws)

    caplog.set_level(logging.WARNING, "evodesk")
    async with RawServer(script) as raw:
        client = Client(raw.url)
        await client.conn.connect()
        assert (await client.next()).type is T.CONNECT
        first, second = await client.next(), await client.next()
        assert first.data == [{"ok": 1}] and second.data == [{"ok": 2}] and second.ack_id == 9
        assert await asyncio.wait_for(raw.received.get(), 5) == "43/a,9[]"
        assert not client.conn.closed
        assert client.conn.protocol_errors == len(BAD_FRAMES)
        await client.conn.aclose()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 10  # then only every 1000th, so a flood cannot fill the log
    assert any("binary frame" in w for w in warnings)
    assert any("bad JSON" in w for w in warnings)
    assert any("unknown" in w for w in warnings)
    assert all("truncated" not in w for w in warnings)  # payload text never reaches the log


async def test_a_codec_failure_costs_the_frame_not_the_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from evodesk.infra import socketio_client

    def failing(frame: str) -> Packet:
        if "boom" in frame:
            raise OverflowError("a fault of the decoder itself")
        return decode_message(frame)

    monkeypatch.setattr(socketio_client, "decode_message", failing)

    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.send('42/a,["boom",{}]')
        await ws.send('42/a,["messages.upsert",{"ok":1}]')
        await ws.wait_closed()

    async with RawServer(script) as raw:
        client = Client(raw.url)
        await client.conn.connect()
        assert (await client.next()).data == [{"ok": 1}]
        assert client.conn.protocol_errors == 1 and not client.conn.closed
        await client.conn.aclose()


async def test_a_reader_that_fails_closes_its_socket_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from evodesk.infra import socketio_client

    def failing_ack(namespace: str, ack_id: int, data: object = None) -> str:
        raise RuntimeError("a fault of evodesk's own")

    monkeypatch.setattr(socketio_client, "encode_ack", failing_ack)
    closed = asyncio.Event()

    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.send('42/a,5["messages.upsert",{}]')  # asks for an ack
        await ws.wait_closed()
        closed.set()

    async with RawServer(script) as raw:
        client = Client(raw.url)
        await client.conn.connect()
        info = await asyncio.wait_for(client.conn.wait_closed(), 5)
        await asyncio.wait_for(closed.wait(), 5)  # the server saw the socket close
        assert info.reason == "evodesk failed to read the connection"
        assert isinstance(info.error, ProtocolError)
        await client.conn.aclose()  # nothing left to do, and no error
    assert any("reader of" in r.getMessage() and r.exc_info for r in caplog.records)


async def test_bad_arguments_in_a_sound_envelope_reach_the_handler() -> None:
    """The connection checks an event's envelope; decoding the arguments (and reporting
    them bad) is the reader's: the listener's pipeline does it, see test_listener."""

    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.send('42/a,["messages.upsert",{"x":]')
        await ws.send('42/a,["messages.upsert",{"ok":1}]')
        await ws.wait_closed()

    async with RawServer(script) as raw:
        client = Client(raw.url)
        await client.conn.connect()
        bad, good = await client.next(), await client.next()
        assert bad.event == good.event == "messages.upsert"
        with pytest.raises(FrameError):
            bad.data  # noqa: B018
        assert good.data == [{"ok": 1}]
        assert client.conn.protocol_errors == 0 and not client.conn.closed
        await client.conn.aclose()


async def test_a_failing_packet_handler_does_not_end_the_connection(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.send('42/a,["first",{}]')
        await ws.send('42/a,["second",{}]')
        await ws.wait_closed()

    seen: list[str] = []
    arrived = asyncio.Event()

    def handler(packet: Packet) -> None:
        seen.append(packet.event)
        if packet.event == "first":
            raise RuntimeError("bug in a subscriber")
        arrived.set()

    async with RawServer(script) as raw:
        conn = SocketIOConnection(raw.url, API_KEY, on_packet=handler)
        await conn.connect()
        await asyncio.wait_for(arrived.wait(), 5)
        assert seen == ["first", "second"] and not conn.closed
        await conn.aclose()
    assert any("Packet handler failed" in r.getMessage() for r in caplog.records)


async def test_a_frame_over_the_size_cap_closes_the_connection() -> None:
    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.send('42/a,["small",{}]')
        await ws.send('42/a,["big",{"data":"' + "x" * 5000 + '"}]')
        await ws.wait_closed()

    async with RawServer(script) as raw:
        client = Client(raw.url, max_size=4096)
        await client.conn.connect()
        assert (await client.next()).event == "small"
        info = await asyncio.wait_for(client.conn.wait_closed(), 5)
    assert "4096-byte cap" in info.reason
    assert isinstance(info.error, ProtocolError)
    assert client.packets.empty()


@pytest.mark.parametrize(
    ("raw_frame", "reason"),
    [
        (b"\x81\x04" + b'4"\xff"', "the server sent text that is not UTF-8"),
        (b"\xc1\x016", "the server broke the WebSocket protocol (reserved bits must be 0)"),
        (b"\x83\x016", "the server broke the WebSocket protocol (invalid opcode)"),
    ],
)
async def test_a_frame_websockets_refuses_is_named_as_the_reason(
    raw_frame: bytes, reason: str
) -> None:
    # websockets fails the connection itself (close 1007 or 1002, then the TCP
    # connection): it was neither lost nor closed by the server.
    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        ws.transport.write(raw_frame)
        await ws.wait_closed()

    async with RawServer(script) as raw:
        client = Client(raw.url)
        await client.conn.connect()
        info = await asyncio.wait_for(client.conn.wait_closed(), 5)
    assert info.reason == reason
    assert isinstance(info.error, ProtocolError)
    assert str(info.error) == "The server broke the WebSocket protocol."


async def test_a_message_in_too_many_fragments_is_not_called_too_large() -> None:
    # websockets refuses a message of more than 4096 fragments with the close code it
    # uses for one over max_size; this one is 6 kB, far under the cap.
    small = '42/a,["small",{"x":"' + "y" * 200 + '"}]'
    shredded = '42/a,["shredded",{"x":"' + "y" * 6000 + '"}]'

    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.send([small[i : i + 3] for i in range(0, len(small), 3)])  # 76 fragments
        await ws.send(list(shredded))  # one character each
        await ws.wait_closed()

    async with RawServer(script) as raw:
        client = Client(raw.url)
        await client.conn.connect()
        assert (await client.next()).event == "small"  # fragments as such are fine
        info = await asyncio.wait_for(client.conn.wait_closed(), 5)
    assert info.reason == "the server split a message into more than 4096 fragments"
    assert isinstance(info.error, ProtocolError)
    assert str(info.error) == "The server sent a message in too many pieces."


async def test_engineio_close_packet_ends_the_session() -> None:
    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.send("1")
        await ws.wait_closed()

    async with RawServer(script) as raw:
        client = Client(raw.url)
        await client.conn.connect()
        info = await asyncio.wait_for(client.conn.wait_closed(), 5)
    assert info.reason == "the server ended the session"
    assert isinstance(info.error, ServerUnreachable)


@pytest.mark.parametrize("first", ["hello", b"\x00", '0{"sid":"x"}'])
async def test_a_server_that_does_not_open_like_engineio_is_refused(first: str | bytes) -> None:
    async def script(ws: ServerConnection) -> None:
        await ws.send(first)
        await ws.wait_closed()

    async with RawServer(script) as raw:
        with pytest.raises(ProtocolError):
            await Client(raw.url).conn.connect()


async def test_no_open_packet_in_time() -> None:
    async with RawServer(lambda ws: ws.wait_closed()) as raw:
        with pytest.raises(ServerTimeout):
            await Client(raw.url, open_timeout=0.2).conn.connect()


# --- TLS -------------------------------------------------------------------------------


async def test_tls_is_verified_and_a_private_ca_can_be_added(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    context = server_context(cert, key)

    async def script(ws: ServerConnection) -> None:
        await ws.send(open_packet())
        await ws.wait_closed()

    async with serve(lambda ws: script(ws), "127.0.0.1", 0, ssl=context) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        url = f"https://127.0.0.1:{port}"
        with pytest.raises(TlsFailure) as caught:
            await Client(url).conn.connect()
        assert "not trusted" in str(caught.value)
        with pytest.raises(TlsFailure, match="cannot be read"):
            await Client(url, tls_ca=str(tmp_path / "missing.pem")).conn.connect()
        trusted = Client(url, tls_ca=str(cert))
        assert (await trusted.conn.connect()).sid == "raw-sid"
        await trusted.conn.aclose()


# --- secrets and cleanup ---------------------------------------------------------------


async def test_the_api_key_is_never_logged(
    evo: EvoLikeServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = Client(evo.url)
    await client.conn.connect()
    assert API_KEY not in client.conn.url and MASK in client.conn.url
    await client.conn.aclose()
    with pytest.raises(HandshakeRefused):
        await Client(evo.url, key="WRONG-KEY-123").conn.connect()
    messages = [r.getMessage() for r in caplog.records]
    assert any("GET /socket.io/" in m and MASK in m for m in messages)  # the lines were there
    assert any(m.lower().startswith("> apikey:") for m in messages)
    assert not [m for m in messages if API_KEY in m or "WRONG-KEY-123" in m]


@pytest.mark.parametrize("status", [400, 403, 502])
async def test_a_refusal_that_echoes_the_key_does_not_pass_it_on(
    status: int, caplog: pytest.LogCaptureFixture
) -> None:
    # A proxy's or a server's error page may quote the request line (the key in the
    # query, form-encoded) or the header; the body is kept as the error's detail.
    key = "CANARY+/=&%key with spaces-0123456789"
    encoded = quote_plus(key)
    text = f"Forbidden: bad apikey {key} in GET /socket.io/?EIO=4&apikey={encoded} "
    body = f"{text}{'.' * (185 - len(text))}{key}".encode()  # the last one across char 200
    assert body.rindex(key.encode()) == 185 and len(body) > 200
    caplog.set_level(logging.DEBUG)
    async with _http_answer(status, body) as raw:
        with pytest.raises((ServerError, ServerUnreachable)) as caught:
            await Client(raw.url, key=key).conn.connect()
    said = f"{caught.value} {caught.value.detail}"
    assert "Forbidden: bad apikey" in said and MASK in said
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("evodesk")]
    assert any(m.startswith("> GET /socket.io/") for m in ours)  # DEBUG lines were kept
    for piece in (key, encoded, key[:12], encoded[:12], "key with spaces"):
        assert piece not in said
        assert not [m for m in ours if piece in m]


async def test_frames_are_not_logged_even_at_debug(
    evo: EvoLikeServer, caplog: pytest.LogCaptureFixture
) -> None:
    # websockets shortens a frame to 75 characters for its DEBUG line, which can cut an
    # instance token where no redaction recognises it: frames are not logged at all.
    caplog.set_level(logging.DEBUG)
    await evo.emit("a", "connection.update", {"state": "open"})
    client = Client(evo.url)
    await client.conn.connect()
    await client.conn.join("/a")
    await client.next(T.CONNECT)
    sent = await evo.emit("a", "messages.upsert", {"message": {"conversation": "private words"}})
    assert (await client.next(T.EVENT)).event == "messages.upsert"
    await client.conn.aclose()
    token = sent["apikey"]
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("> GET /socket.io/") for m in messages)  # DEBUG lines were kept
    assert not [m for m in messages if "TEXT" in m or "conversation" in m]
    assert not [m for m in messages if token[-12:] in m or "private" in m]


async def test_credentials_in_a_saved_server_url_are_sent_and_never_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A server saved with user:password@ before such URLs were refused: the REST client
    # still reaches it, so this client sends them too, and shows or logs neither.
    password = "S3cret:pass@word%"
    token = base64.b64encode(f"admin:{password}".encode()).decode()
    seen: list[str | None] = []

    async def script(ws: ServerConnection) -> None:
        seen.append(ws.request.headers.get("Authorization") if ws.request else None)
        await ws.send(open_packet())
        await ws.send("9")  # logged as a bad frame, with the URL
        await ws.close(1011)

    caplog.set_level(logging.DEBUG)
    async with RawServer(script) as raw:
        base = raw.url.replace("http://", f"http://admin:{quote(password, safe='')}@")
        conn = SocketIOConnection(base, API_KEY, on_packet=print)
        await conn.connect()
        await asyncio.wait_for(conn.wait_closed(), 5)
        assert conn.url == (f"ws://127.0.0.1:{raw.port}/socket.io/"
                            f"?EIO=4&transport=websocket&apikey={MASK}")
    assert seen == [f"Basic {token}"]
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("evodesk")]
    assert any("Ignored a bad frame from ws://127.0.0.1" in m for m in ours)
    assert any(m.lower().startswith("> authorization:") for m in ours)  # DEBUG lines kept
    for secret in (password, quote(password, safe=""), token, "S3cret"):
        assert not [m for m in ours if secret in m]


async def test_a_user_name_without_a_password_is_sent_as_the_rest_client_sends_it() -> None:
    seen: list[str | None] = []

    async def script(ws: ServerConnection) -> None:
        seen.append(ws.request.headers.get("Authorization") if ws.request else None)
        await ws.send(open_packet())
        await ws.wait_closed()

    async with RawServer(script) as raw:
        conn = SocketIOConnection(raw.url.replace("http://", "http://admin@"), API_KEY,
                                  on_packet=print)
        assert (await conn.connect()).sid == "raw-sid"
        assert "admin" not in conn.url
        await conn.aclose()
    assert seen == ["Basic " + base64.b64encode(b"admin:").decode()]  # as httpx sends it


def test_the_url_shown_masks_any_key() -> None:
    for key in ("plain-KEY-1", "a b&c/d+é"):
        url = SocketIOConnection("https://h/evo", key, on_packet=print).url
        assert url == f"wss://h/evo/socket.io/?EIO=4&transport=websocket&apikey={MASK}"


def own_tasks() -> set[asyncio.Task[object]]:
    """Live tasks running evodesk or websockets code (the test servers' own are left out)."""
    found = set()
    for task in asyncio.all_tasks():
        code = getattr(task.get_coro(), "cr_code", None)
        filename = code.co_filename if code is not None else ""
        if "/evodesk/" in filename or "/websockets/" in filename:
            found.add(task)
    return found


async def test_close_leaves_no_task_behind(evo: EvoLikeServer) -> None:
    await evo.emit("a", "connection.update", {})
    before = own_tasks()
    client = Client(evo.url)
    await client.conn.connect()
    await client.conn.join("/a")
    await client.next(T.CONNECT)
    assert len(own_tasks() - before) == 1  # the reader
    await client.conn.aclose()
    await client.conn.aclose()  # idempotent
    assert own_tasks() - before == set()
    await evo.wait_until(lambda: not evo.members.get("/a"))


def test_a_lone_surrogate_becomes_a_replacement_character_and_pairs_stay_whole() -> None:
    lone = decode_message('42/a,["messages.upsert",{"text":"x\\ud800y","\\udc00":1}]')
    assert lone.data == [{"text": "x\ufffdy", "\ufffd": 1}]
    assert lone.only_argument_json() is None  # the text as received is not text
    pair = decode_message('42/a,["messages.upsert",{"text":"\\ud83d\\ude00"}]')
    assert pair.data == [{"text": "\U0001f600"}]
    assert pair.only_argument_json() == '{"text":"\\ud83d\\ude00"}'
    acked = decode_message('42/a,7["messages.upsert",["\\uDBFF"]]')  # decoded whole
    assert acked.data == [["\ufffd"]] and acked.ack_id == 7
