"""Async REST client for one Evolution API server (v2 first, v1.8 where shapes differ):
every failure leaves it as a domain error a support person can act on."""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

import httpx

from evodesk.domain.errors import (
    InvalidInput,
    ServerError,
    ServerUnreachable,
    UnexpectedResponse,
    UnsupportedServer,
)
from evodesk.domain.events import parse_version
from evodesk.domain.models import (
    ConnectionState,
    RemoteInstance,
    ServerInfo,
    WebhookRow,
    WebsocketRow,
)
from evodesk.domain.validation import (
    UNSENDABLE_STORED_KEY,
    normalize_server_url,
    validate_http_url,
)
from evodesk.infra.evolution import shapes
from evodesk.infra.evolution.replies import (
    BodyKind,
    Call,
    Redactor,
    Reply,
    body_too_large,
    error_for,
    read_reply,
    shape_error,
    transport_error,
    undecodable_body,
    websocket_switched_off,
)
from evodesk.infra.evolution.transport import AiohttpHttpTransport, environment_proxy

_log = logging.getLogger(__name__)

_T = TypeVar("_T")
_FIRST_WITH_VERIFY_CREDS = (2, 2)
# The most of an answer read (after any content-encoding): fetchInstances for thousands
# of instances is a few MiB; anything past this is no Evolution answer, and parsing it
# would hold up the event loop. Generous on purpose.
MAX_BODY = 16 * 1024 * 1024


class EvolutionClient:
    """One Evolution server, one connection pool. Not tied to an event loop until used.

    `transport` replaces the default (httpx over aiohttp); `verify` applies to the default
    transport only."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 15.0,
        verify: bool | str = True,
        transport: httpx.AsyncBaseTransport | None = None,
        version: str | None = None,
    ) -> None:
        self._base_url = normalize_server_url(base_url, credentials_allowed=True)
        self._display_url = _display_url(self._base_url)
        self._api_key = api_key
        self._redact = Redactor(api_key)
        self._timeout = timeout
        self._version = version
        if verify is False:
            _log.warning("TLS certificate checks are switched off for %s", self._display_url)
        tls = _tls_verify(verify)
        if transport is None:
            transport = AiohttpHttpTransport(tls, environment_proxy(self._base_url))
        self._http = httpx.AsyncClient(
            base_url=self._base_url,
            timeout=timeout,
            transport=transport,
            headers={"accept": "application/json"},
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"EvolutionClient({self._display_url!r}, version={self._version!r})"

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def version(self) -> str | None:
        """The server version given to the constructor or read by `server_info()`."""
        return self._version

    @property
    def is_v1(self) -> bool:
        return parse_version(self._version)[0] == 1

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # --- server -------------------------------------------------------------------

    async def server_info(self) -> ServerInfo:
        """`GET /` (no key needed); remembers the version so later calls pick v1/v2 shapes."""
        call = self._call("GET", "/")
        reply = await self._exchange(call, send_key=False)
        info = self._parse(reply, call, shapes.server_info)
        self._version = info.version
        return info

    async def check_key(self) -> bool:
        """True when the server accepts the key, False when it refuses it."""
        if self._version is None or parse_version(self._version) >= _FIRST_WITH_VERIFY_CREDS:
            call = self._call("POST", "/verify-creds")
            reply = await self._exchange(call)
            # Older servers have no such route: fall back to a call that needs the key.
            if reply.status not in (404, 405):
                return self._key_accepted(reply, call, _any)
        call = self._call("GET", "/instance/fetchInstances")
        reply = await self._exchange(call)
        return self._key_accepted(reply, call, shapes.instances)

    def _key_accepted(self, reply: Reply, call: Call, parse: Callable[[object], object]) -> bool:
        if reply.status == 401:
            return False
        self._parse(reply, call, parse)
        return True

    # --- instances ----------------------------------------------------------------

    async def list_instances(self) -> list[RemoteInstance]:
        """Every instance the key can see; the rows' tokens are dropped while parsing."""
        call = self._call("GET", "/instance/fetchInstances")
        return self._parse(await self._exchange(call), call, shapes.instances)

    async def connection_state(self, instance: str) -> ConnectionState:
        call = self._call("GET", "/instance/connectionState/{}", instance)
        return self._parse(await self._exchange(call), call, shapes.connection_state)

    async def restart_instance(self, instance: str) -> None:
        method = "PUT" if self.is_v1 else "POST"
        call = self._call(
            method, "/instance/restart/{}", instance, action=f"restart instance '{instance}'"
        )
        self._parse(await self._exchange(call), call, _any, empty_ok=True)

    async def connect_instance(self, instance: str) -> None:
        call = self._call(
            "GET", "/instance/connect/{}", instance, action=f"connect instance '{instance}'"
        )
        self._parse(await self._exchange(call), call, _any, empty_ok=True)

    async def logout_instance(self, instance: str) -> None:
        call = self._call(
            "DELETE", "/instance/logout/{}", instance, action=f"log out instance '{instance}'"
        )
        self._parse(await self._exchange(call), call, _any, empty_ok=True)

    # --- webhook ------------------------------------------------------------------

    async def find_webhook(self, instance: str) -> WebhookRow | None:
        """None when no webhook was ever set (v2 `null`); v1 answers a disabled default row."""
        call = self._call("GET", "/webhook/find/{}", instance)
        return self._parse(await self._exchange(call), call, _optional(shapes.webhook_row))

    async def set_webhook(
        self,
        instance: str,
        *,
        enabled: bool,
        url: str,
        events: Sequence[str],
        by_events: bool = False,
        base64: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> WebhookRow:
        """Write the webhook row and return what the server stored.

        The server has no delete: disable with `enabled=False` and the old `url`. It wipes
        the stored events on disable, and `enabled=True` with no events means all events.
        `headers=None` keeps the stored headers; `{}` clears them (v2 only).
        """
        events = _event_list(events)
        if enabled:
            url = validate_http_url(url, what="webhook URL")
        if self.is_v1 and headers:
            raise UnsupportedServer(
                f"Custom webhook headers need Evolution API 2; this server runs {self._version}."
            )
        body = shapes.webhook_body(
            v1=self.is_v1,
            enabled=enabled,
            url=url,
            events=events,
            by_events=by_events,
            base64=base64,
            headers=headers,
        )
        call = self._call(
            "POST", "/webhook/set/{}", instance, action=f"save the webhook of '{instance}'"
        )
        # A server may quote the body it refused, header values included.
        redact = self._redact.also(headers.values()) if headers else self._redact
        reply = await self._exchange(call, body, redact=redact)
        return self._parse(reply, call, shapes.webhook_row, redact=redact)

    # --- websocket ----------------------------------------------------------------

    async def find_websocket(self, instance: str) -> WebsocketRow | None:
        call = self._call("GET", "/websocket/find/{}", instance)
        reply = await self._exchange(call)
        self._refuse_empty_websocket(reply, call)
        return self._parse(reply, call, _optional(shapes.websocket_row))

    async def set_websocket(
        self, instance: str, *, enabled: bool, events: Sequence[str]
    ) -> WebsocketRow:
        """Same rules as the webhook: disable wipes events, enabled with [] means all."""
        body = shapes.websocket_body(v1=self.is_v1, enabled=enabled, events=_event_list(events))
        call = self._call(
            "POST", "/websocket/set/{}", instance, action=f"save the websocket of '{instance}'"
        )
        reply = await self._exchange(call, body)
        self._refuse_empty_websocket(reply, call)
        return self._parse(reply, call, shapes.websocket_row)

    @staticmethod
    def _refuse_empty_websocket(reply: Reply, call: Call) -> None:
        # A server with websockets switched off answers 2xx with nothing and stores nothing.
        if reply.ok and reply.kind is BodyKind.EMPTY:
            raise websocket_switched_off(reply, call)

    # --- any route ----------------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, object] | None = None,
        params: Mapping[str, str] | None = None,
        instance: str | None = None,
    ) -> object:
        """Any route, with the same error mapping; the decoded JSON (None for no body).

        `path` is sent as given: quote instance names in it yourself. The JSON is returned
        untouched, so it may hold instance tokens (`hash`, `token`): do not log or keep it.
        """
        call = Call(self._display_url, method.upper(), path, instance)
        reply = await self._exchange(call, dict(body) if body is not None else None, params)
        return self._parse(reply, call, _any, empty_ok=True)

    # --- plumbing -----------------------------------------------------------------

    def _call(
        self, method: str, template: str, instance: str | None = None, *, action: str = ""
    ) -> Call:
        path = template.format(_segment(instance)) if instance is not None else template
        return Call(self._display_url, method, path, instance, action or "complete the request")

    async def _exchange(
        self,
        call: Call,
        body: dict[str, object] | None = None,
        params: Mapping[str, str] | None = None,
        *,
        send_key: bool = True,
        redact: Redactor | None = None,
    ) -> Reply:
        """Send `call`; `redact` masks the secrets the request carries (the key when
        not given)."""
        redact = redact or self._redact
        headers = {"apikey": self._api_key} if send_key else {}
        started = time.perf_counter()
        error: ServerError | ServerUnreachable | InvalidInput
        try:
            request = self._http.build_request(
                call.method, call.path, json=body, params=params, headers=headers
            )
            # `timeout` bounds each read; this bounds the whole exchange, so an answer
            # that trickles in, a byte at a time, cannot hold the call for ever.
            async with asyncio.timeout(self._timeout):
                response = await self._http.send(request, stream=True)
                try:
                    content = await _read_body(response, call)
                finally:
                    await response.aclose()
        except (httpx.TransportError, TimeoutError) as exc:
            error = transport_error(exc, call, self._timeout, redact)
            _log.debug("%s failed after %.0f ms", call.where(), _ms_since(started))
        except httpx.DecodingError as exc:
            # A transport that decodes bodies itself (httpx.MockTransport) fails in send().
            error = undecodable_body(None, call, str(exc))
        except UnexpectedResponse as exc:  # from _read_body
            error = exc
        except (UnicodeEncodeError, ValueError) as exc:
            # httpx encodes header values as ASCII; aiohttp refuses control characters
            # in them ("Forbidden control character"). The key is the one header value
            # that came from a person (saved before such keys were refused, say).
            if not send_key:
                raise
            error = _unsendable_key(call, type(exc).__name__)
        else:
            _log.debug("%s in %.0f ms", call.where(response.status_code), _ms_since(started))
            return read_reply(response, redact, content)
        _log.info("Evolution request failed: %s", error.detail)
        raise error from None

    def _parse(
        self,
        reply: Reply,
        call: Call,
        parse: Callable[[object], _T],
        *,
        empty_ok: bool = False,
        redact: Redactor | None = None,
    ) -> _T:
        error: ServerError
        if reply.ok and reply.kind is BodyKind.EMPTY:
            if empty_ok:
                return parse(None)
            error = shape_error(reply, call, "empty body")
        elif reply.ok and reply.kind is BodyKind.JSON and not shapes.failure_flag(reply.data):
            try:
                return parse(reply.data)
            except shapes.ShapeError as exc:
                error = shape_error(reply, call, str(exc))
        else:
            error = error_for(reply, call, redact or self._redact)
        _log.info("Evolution request failed: %s", error.detail)
        raise error


async def _read_body(response: httpx.Response, call: Call) -> bytes:
    """The body, decoded from its content-encoding, at most MAX_BODY bytes of it."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > MAX_BODY:
                raise body_too_large(response.status_code, call, MAX_BODY)
            chunks.append(chunk)
    except httpx.DecodingError as exc:
        raise undecodable_body(response.status_code, call, str(exc)) from None
    return b"".join(chunks)


def _segment(instance: str) -> str:
    """An instance name as one path segment. '.' and '..' would be read as dot segments
    and dropped from the path; as %2E they reach the server, which decodes them back."""
    if instance and instance.strip(".") == "":
        return "%2E" * len(instance)
    return quote(instance, safe="")


def _unsendable_key(call: Call, reason: str) -> InvalidInput:
    return InvalidInput(UNSENDABLE_STORED_KEY,
                        detail=f"{call.where()}: request not sent ({reason})")


def _any(data: object) -> object:
    return data


def _optional(parse: Callable[[object], _T]) -> Callable[[object], _T | None]:
    def parse_or_none(data: object) -> _T | None:
        return None if data is None else parse(data)

    return parse_or_none


def _event_list(events: Sequence[str]) -> list[str]:
    if isinstance(events, str):
        raise TypeError("events must be a sequence of event names, not one string")
    return list(events)


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _display_url(base_url: str) -> str:
    """The base URL as people may see it: no user name or password in it."""
    parts = urlsplit(base_url)
    netloc = parts.hostname or ""
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if parts.port is not None:
        netloc = f"{netloc}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _tls_verify(verify: bool | str) -> ssl.SSLContext | bool:
    """The transport's verify value; a CA bundle path becomes a context (never silently
    ignored)."""
    if isinstance(verify, bool):
        return verify
    path = Path(verify).expanduser()
    if not verify or not path.exists():
        raise InvalidInput(f"The CA bundle '{verify}' does not exist.")
    try:
        if path.is_dir():
            return ssl.create_default_context(capath=str(path))
        return ssl.create_default_context(cafile=str(path))
    except (ssl.SSLError, OSError) as exc:
        raise InvalidInput(f"The CA bundle '{verify}' could not be read: {exc}.") from None
