"""A small Engine.IO 4 / Socket.IO 5 client over `websockets`: one connection to an
Evolution server carrying any number of namespaces, joined and left while it stays up.

What ends a connection and what does not:

* Fatal (the connection closes and `CloseInfo` says why): a refused or failed handshake,
  a first frame that is not an Engine.IO open packet (without its ping timings the peer
  cannot be supervised), silence longer than pingInterval + pingTimeout (dead peer), a
  frame over `max_size` (WebSocket cannot skip one frame, so the stream cannot be
  trusted after it), an Engine.IO close packet, and the socket closing.
* Tolerated (logged, counted in `protocol_errors`, the connection goes on): binary
  frames no packet announced, unknown or malformed packets, bad JSON in one event, a
  binary packet whose attachments are missing, misplaced or over `max_size` together,
  and an exception raised by the `on_packet` callback. One bad event must never cost
  every other namespace its events.

Binary packets (Socket.IO sends an event as one when its arguments hold bytes, as
Evolution's `messages.upsert` does with WhatsApp's byte fields) are handed over as the
EVENT or ACK they stand for once their attachments have arrived, the bytes as base64.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode, urlsplit, urlunsplit

from websockets.asyncio.client import ClientConnection
from websockets.asyncio.messages import MAX_FRAGMENTS
from websockets.exceptions import (
    ConnectionClosed,
    InvalidHandshake,
    InvalidStatus,
    InvalidURI,
    TooManyFragments,
)
from websockets.frames import CloseCode

from evodesk.domain.errors import (
    EvodeskError,
    HandshakeRefused,
    ProtocolError,
    ServerTimeout,
    ServerUnreachable,
    TlsFailure,
)
from evodesk.domain.secrets import MASK
from evodesk.domain.validation import UNSENDABLE_STORED_KEY, api_key_sendable
from evodesk.infra.socketio_codec import (
    EIO_CLOSE,
    EIO_MESSAGE,
    EIO_NOOP,
    EIO_PING,
    EIO_PONG,
    FrameError,
    OpenInfo,
    Packet,
    PacketType,
    decode_message,
    decode_open,
    encode_ack,
    encode_connect,
    encode_disconnect,
    with_attachments,
)
from evodesk.infra.socketio_handshake import (
    ConnectWithoutRedirects,
    RedactingLogger,
    masked,
    redirect_error,
    refusal,
    secrets_in,
)

log = logging.getLogger(__name__)

# Evolution may put base64 media of large videos into one event.
DEFAULT_MAX_SIZE = 64 * 2**20
# After this many protocol errors on one connection only every 1000th is logged.
_LOUD_ERRORS = 10
# Frames already received come out of recv() without a pause, and a pong or an ack is
# written at once: after this many frames in a row the reader lets the loop run.
_FRAMES_PER_TURN = 100

PacketCallback = Callable[[Packet], None]


@dataclass(frozen=True, slots=True)
class CloseInfo:
    """Why a connection ended; `error` is None when evodesk closed it itself."""

    reason: str
    error: EvodeskError | None = None


def socketio_url(base_url: str, api_key: str, path: str = "/socket.io/") -> str:
    """`http(s)://host[/prefix]` → `ws(s)://host[/prefix]/socket.io/?EIO=4&…&apikey=…`."""
    parts = urlsplit(base_url.strip())
    scheme = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}.get(parts.scheme.lower())
    if scheme is None or not parts.hostname:
        raise ValueError("the server address must be an http:// or https:// URL")
    query = urlencode({"EIO": "4", "transport": "websocket", "apikey": api_key})
    netloc = parts.netloc
    user, at, host = netloc.rpartition("@")
    if at and ":" not in user:
        # websockets refuses a user name without a password; the REST client (httpx)
        # sends it with an empty one, and so does this.
        netloc = f"{user}:@{host}"
    return urlunsplit((scheme, netloc, parts.path.rstrip("/") + path, query, ""))


class SocketIOConnection:
    """One Engine.IO connection; Socket.IO packets go to `on_packet` as they arrive.

    `on_packet` runs inside the reader, so it must not block: pings are answered by the
    same loop, and a slow callback would look like a dead client to the server. Events
    that ask for an acknowledgement get an empty one at once. `on_close` is called once
    when an established connection ends; `wait_closed()` also reports a failed connect.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        on_packet: PacketCallback,
        on_close: Callable[[CloseInfo], None] | None = None,
        tls_ca: str | None = None,
        max_size: int = DEFAULT_MAX_SIZE,
        open_timeout: float = 10.0,
        close_timeout: float = 2.0,
    ) -> None:
        self._url = socketio_url(base_url, api_key)
        self._api_key = api_key
        self._secrets = secrets_in(self._url, api_key)
        self._on_packet = on_packet
        self._on_close = on_close
        self._tls_ca = tls_ca
        self._max_size = max_size
        self._open_timeout = open_timeout
        self._close_timeout = close_timeout
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._watchdog: asyncio.TimerHandle | None = None
        self._closed: asyncio.Future[CloseInfo] | None = None
        self._close_override: CloseInfo | None = None
        self._last_rx = 0.0
        self.open_info: OpenInfo | None = None
        self.protocol_errors = 0
        self.pings = 0

    @property
    def url(self) -> str:
        """The connection URL with the key masked and no user name or password (safe to
        show and log)."""
        parts = urlsplit(self._url)
        netloc = parts.netloc.rpartition("@")[2]
        query = parts.query.replace(quote_plus(self._api_key), MASK)
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))

    @property
    def closed(self) -> bool:
        return self._closed is not None and self._closed.done()

    async def connect(self) -> OpenInfo:
        """Open the WebSocket and read the open packet; raise a domain error on failure."""
        if self._ws is not None:
            raise RuntimeError("connect() was already called")
        loop = asyncio.get_running_loop()
        self._closed = loop.create_future()
        try:
            ws = await self._open_websocket()
            try:
                info = await self._read_open_packet(ws)
            except BaseException:
                ws.transport.abort()
                raise
        except EvodeskError as exc:
            self._closed.set_result(CloseInfo(exc.message, exc))
            raise
        except BaseException:
            self._closed.cancel()
            raise
        self._ws = ws
        self.open_info = info
        self._last_rx = loop.time()
        self._arm_watchdog(info.ping_interval + info.ping_timeout)
        self._reader = asyncio.create_task(self._read_loop(ws), name="socketio-reader")
        return info

    async def join(self, namespace: str, auth: dict[str, object] | None = None) -> None:
        """Ask to enter a namespace; the answer arrives as a CONNECT or CONNECT_ERROR packet."""
        await self._send(encode_connect(namespace, auth))

    async def leave(self, namespace: str) -> None:
        await self._send(encode_disconnect(namespace))

    async def wait_closed(self) -> CloseInfo:
        if self._closed is None:
            raise RuntimeError("connect() was not called")
        return await asyncio.shield(self._closed)

    async def aclose(self) -> None:
        """Close the connection and wait until its reader has finished."""
        if self._ws is None:
            return
        if self.closed:
            # The reader is gone; its socket may not be (a reader that failed).
            with contextlib.suppress(Exception):
                await self._ws.close()
            return
        if self._close_override is None:
            self._close_override = CloseInfo("closed by evodesk")
        with contextlib.suppress(Exception):
            await self._ws.close()
        reader = self._reader
        if reader is not None and not reader.done():
            try:
                await asyncio.wait_for(asyncio.shield(reader), self._close_timeout)
            except TimeoutError:
                reader.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await reader

    # --- opening ------------------------------------------------------------------

    async def _open_websocket(self) -> ClientConnection:
        if not api_key_sendable(self._api_key):  # one kept before such keys were refused
            raise HandshakeRefused(UNSENDABLE_STORED_KEY)
        ssl_context: ssl.SSLContext | None = None
        if self._url.startswith("wss:"):
            # Verification stays on; a private CA is added, never a way around it.
            try:
                ssl_context = ssl.create_default_context(cafile=self._tls_ca)
            except OSError as exc:  # ssl.SSLError included
                raise TlsFailure(
                    f"The CA bundle {self._tls_ca} cannot be read.", detail=str(exc)
                ) from None
        try:
            return await ConnectWithoutRedirects(
                self._url,
                additional_headers={"apikey": self._api_key},
                compression=None,  # JSON events are small and media is base64: not worth the CPU
                open_timeout=self._open_timeout,
                ping_interval=None,  # Engine.IO's own ping supervises the peer
                close_timeout=self._close_timeout,
                max_size=self._max_size,
                max_queue=64,
                ssl=ssl_context,
                logger=RedactingLogger(logging.getLogger(f"{__name__}.ws"), self._secrets),
            )
        except InvalidStatus as exc:
            if 300 <= exc.response.status_code < 400:
                raise redirect_error(exc, self._url) from None
            raise refusal(exc, self._secrets) from None
        except ssl.SSLCertVerificationError as exc:
            raise TlsFailure(
                "The server's TLS certificate is not trusted.", detail=exc.verify_message
            ) from None
        except ssl.SSLError as exc:
            raise TlsFailure("The TLS handshake with the server failed.", detail=str(exc)) from None
        except TimeoutError:
            raise ServerTimeout("The server did not answer in time.") from None
        except InvalidURI:
            raise ServerUnreachable("The server address is not a valid URL.") from None
        except (OSError, InvalidHandshake) as exc:
            detail = masked(f"{type(exc).__name__}: {exc}", self._secrets)
            raise ServerUnreachable("Could not connect to the server.", detail=detail) from None

    async def _read_open_packet(self, ws: ClientConnection) -> OpenInfo:
        try:
            frame = await asyncio.wait_for(ws.recv(), self._open_timeout)
        except TimeoutError:
            raise ServerTimeout("The server did not start the Socket.IO session.") from None
        except ConnectionClosed:
            raise ServerUnreachable("The server closed the connection at once.") from None
        if not isinstance(frame, str):
            raise ProtocolError("The server does not speak Engine.IO 4.", detail="binary frame")
        try:
            return decode_open(frame)
        except FrameError as exc:
            raise ProtocolError("The server does not speak Engine.IO 4.", detail=str(exc)) from None

    # --- running ------------------------------------------------------------------

    async def _read_loop(self, ws: ClientConnection) -> None:
        loop_time = asyncio.get_running_loop().time
        info = CloseInfo("the connection was lost", ServerUnreachable("The connection was lost."))
        in_a_row = 0
        waiting: _Attachments | None = None  # a binary packet, until its frames are in
        try:
            while True:
                frame = await ws.recv()
                self._last_rx = loop_time()
                in_a_row += 1
                if in_a_row == _FRAMES_PER_TURN:
                    in_a_row = 0
                    await asyncio.sleep(0)
                if not isinstance(frame, str):
                    if waiting is None:
                        self._protocol_error(
                            f"binary frame of {len(frame)} bytes that no packet announced")
                        continue
                    whole = self._attach(waiting, frame)
                    if not waiting.left:
                        waiting = None
                    if whole is not None:
                        await self._deliver(ws, whole)
                    continue
                kind = frame[:1]
                if kind == EIO_MESSAGE:
                    if waiting is not None:
                        # Socket.IO sends the attachments right after their packet.
                        self._protocol_error(f"a binary packet on {waiting.packet.namespace} "
                                             f"lacks {waiting.left} of its attachments")
                        waiting = None
                    try:
                        packet = decode_message(frame)
                    except FrameError as exc:
                        self._protocol_error(str(exc))
                        continue
                    except Exception as exc:  # the codec's own fault: still one frame lost
                        self._protocol_error(f"frame not decoded ({type(exc).__name__})")
                        continue
                    if packet.type in _BINARY:
                        if packet.attachments:
                            waiting = _Attachments(packet)
                            continue
                        whole = self._whole(_Attachments(packet))
                        if whole is None:
                            continue
                        packet = whole
                    await self._deliver(ws, packet)
                elif kind == EIO_PING:
                    self.pings += 1
                    await ws.send(EIO_PONG + frame[1:])
                elif kind == EIO_CLOSE:
                    info = CloseInfo("the server ended the session", ServerUnreachable(
                        "The server ended the Socket.IO session."))
                    await ws.close()
                    break
                elif kind != EIO_NOOP and kind != EIO_PONG:
                    self._protocol_error(f"unknown Engine.IO packet {frame[:8]!r}")
        except ConnectionClosed as exc:
            info = self._describe_close(exc)
        except Exception:
            log.exception("The reader of %s failed; the connection is closed", self.url)
            info = CloseInfo("evodesk failed to read the connection", ProtocolError(
                "The connection could not be read; it is opened again."))
            with contextlib.suppress(Exception):
                await ws.close()
        finally:
            self._finish(self._close_override or info)

    async def _deliver(self, ws: ClientConnection, packet: Packet) -> None:
        if packet.ack_id is not None and packet.type is PacketType.EVENT:
            await ws.send(encode_ack(packet.namespace, packet.ack_id))
        try:
            self._on_packet(packet)
        except Exception:
            log.exception("Packet handler failed on %s", packet.namespace)

    def _attach(self, waiting: _Attachments, frame: bytes) -> Packet | None:
        """Take one attachment; the packet made whole once it was the last one."""
        waiting.left -= 1
        if not waiting.over:
            waiting.held += len(frame)
            if waiting.held > self._max_size:
                waiting.over = True
                waiting.parts.clear()
                self._protocol_error(f"the attachments of a packet on {waiting.packet.namespace}"
                                     f" pass the {self._max_size}-byte cap")
            else:
                waiting.parts.append(frame)
        if waiting.left or waiting.over:
            return None
        return self._whole(waiting)

    def _whole(self, waiting: _Attachments) -> Packet | None:
        try:
            return with_attachments(waiting.packet, waiting.parts)
        except FrameError as exc:
            self._protocol_error(str(exc))
        except Exception as exc:  # the codec's own fault: still one packet lost
            self._protocol_error(f"attachments not placed ({type(exc).__name__})")
        return None

    def _describe_close(self, exc: ConnectionClosed) -> CloseInfo:
        sent, rcvd = exc.sent, exc.rcvd
        cause = exc.__cause__
        if isinstance(cause, TooManyFragments):
            # websockets closes with the code it uses for a message over max_size.
            reason = f"the server split a message into more than {MAX_FRAGMENTS} fragments"
            return CloseInfo(reason, ProtocolError("The server sent a message in too many pieces."))
        if sent is not None and sent.code == CloseCode.MESSAGE_TOO_BIG:
            reason = f"a frame over the {self._max_size}-byte cap arrived"
            return CloseInfo(reason, ProtocolError("The server sent a message that is too large."))
        if sent is not None and (rcvd is None or not exc.rcvd_then_sent):
            # websockets failed the connection over a frame it cannot accept.
            broke = ProtocolError("The server broke the WebSocket protocol.")
            if sent.code == CloseCode.INVALID_DATA:
                return CloseInfo("the server sent text that is not UTF-8", broke)
            if sent.code == CloseCode.PROTOCOL_ERROR:
                what = " ".join(sent.reason.split())[:100] or "a frame it cannot accept"
                return CloseInfo(f"the server broke the WebSocket protocol ({what})", broke)
        if rcvd is not None:
            reason = f"the server closed the connection (code {rcvd.code})"
            return CloseInfo(reason, ServerUnreachable("The server closed the connection."))
        return CloseInfo("the connection was lost", ServerUnreachable("The connection was lost."))

    def _finish(self, info: CloseInfo) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        if self._closed is not None and not self._closed.done():
            self._closed.set_result(info)
            if info.error is not None:
                log.info("Socket.IO connection to %s ended: %s", self.url, info.reason)
            if self._on_close is not None:
                try:
                    self._on_close(info)
                except Exception:
                    log.exception("Close handler failed")

    @property
    def silent_for(self) -> float:
        """Seconds since the server was last heard from (0 before the connection is up)."""
        if self.open_info is None:
            return 0.0
        return max(0.0, asyncio.get_running_loop().time() - self._last_rx)

    def _arm_watchdog(self, delay: float) -> None:
        loop = asyncio.get_running_loop()
        self._watchdog = loop.call_later(delay, self._check_alive)

    def _check_alive(self) -> None:
        # Any frame proves the peer alive; an idle live server still pings every interval.
        info, ws = self.open_info, self._ws
        if info is None or ws is None or self.closed:
            return
        limit = info.ping_interval + info.ping_timeout
        idle = asyncio.get_running_loop().time() - self._last_rx
        if idle < limit:
            self._arm_watchdog(limit - idle)
            return
        self._close_override = CloseInfo(
            f"no ping for {idle:.1f} s (dead peer)",
            ServerTimeout("The server stopped answering (no ping)."),
        )
        # A closing handshake with a silent peer would only wait for close_timeout.
        ws.transport.abort()

    def _protocol_error(self, reason: str) -> None:
        self.protocol_errors += 1
        count = self.protocol_errors
        if count <= _LOUD_ERRORS or count % 1000 == 0:
            log.warning("Ignored a bad frame from %s (%d so far): %s", self.url, count, reason)

    async def _send(self, frame: str) -> None:
        ws = self._ws
        if ws is None or self.closed:
            raise ServerUnreachable("The connection is closed.")
        try:
            await ws.send(frame)
        except ConnectionClosed:
            raise ServerUnreachable("The connection is closed.") from None


_BINARY = frozenset({PacketType.BINARY_EVENT, PacketType.BINARY_ACK})


class _Attachments:
    """A binary packet and the binary frames gathered for it so far."""

    __slots__ = ("held", "left", "over", "packet", "parts")

    def __init__(self, packet: Packet) -> None:
        self.packet = packet
        self.left = packet.attachments  # frames still to come
        self.parts: list[bytes] = []
        self.held = 0  # their bytes
        self.over = False  # past max_size together: the rest is only counted
