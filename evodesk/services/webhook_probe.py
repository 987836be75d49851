"""`Test webhook`: POST a realistic sample event to the instance's webhook URL, with its
headers and byEvents suffix, and say what Evolution would make of the answer."""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import httpx

from evodesk.domain.errors import InvalidInput
from evodesk.domain.models import Instance, Server
from evodesk.domain.rules import (
    check_header_names,
    effective_webhook_url,
    evolution_would_retry,
)
from evodesk.domain.secrets import mask_url_secrets
from evodesk.domain.validation import check_header_value, validate_http_url
from evodesk.infra.logsetup import redact
from evodesk.infra.secrets import SecretStore, get_headers

log = logging.getLogger(__name__)

SAMPLE_EVENT = "messages.upsert"


class Failure(StrEnum):
    """Why no whole answer came; `describe` tells each in a sentence of its own (the
    HTTP client's own words go to the log, never to a person)."""

    REFUSED = "connection refused"
    HOST_NOT_FOUND = "host not found"
    UNREACHABLE = "could not connect"
    TIMED_OUT = "timed out"
    CERTIFICATE = "certificate check failed"
    TLS = "TLS failed"
    NOT_HTTP = "not HTTP"
    CLOSED = "closed without answering"
    CUT_SHORT = "closed before the whole answer"
    OTHER = "request failed"


@dataclass(frozen=True, slots=True)
class WebhookProbe:
    url: str
    status: int | None  # also for an answer cut short: its status line came
    latency_ms: float
    would_retry: bool
    error: str | None = None  # why it was not sent
    sent: bool = True  # False: refused before sending; `error` says why
    timeout: float | None = None  # no answer came within this many seconds
    failure: Failure | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None and self.status is not None and 200 <= self.status < 300

    def describe(self) -> str:
        """What happened, in sentences the window translates by template: each wording
        is written whole, the URL and numbers are its parts."""
        if not self.sent:
            return self.error or ""
        url = mask_url_secrets(self.url)
        if self.failure is not None:
            retry = " Evolution would retry." if self.would_retry else ""
            return self._failure_text(url) + retry
        ms = f"{self.latency_ms:.0f}"
        if self.ok:
            return f"{url} accepted the test event: HTTP {self.status} in {ms} ms."
        retry = (
            "Evolution would retry this status (up to 10 times, so slow or failing "
            "receivers get duplicates)."
            if self.would_retry
            else "Evolution would not retry this status."
        )
        return f"{url} refused the test event: HTTP {self.status} in {ms} ms. {retry}"

    def _failure_text(self, url: str) -> str:
        match self.failure:
            case Failure.TIMED_OUT:
                return f"No answer from {url}: no answer within {self.timeout or 0:g} s."
            case Failure.REFUSED:
                return f"No answer from {url}: the connection was refused."
            case Failure.HOST_NOT_FOUND:
                return f"No answer from {url}: its host name was not found."
            case Failure.UNREACHABLE:
                return f"No answer from {url}: could not connect to it."
            case Failure.CERTIFICATE:
                return f"No answer from {url}: certificate check failed."
            case Failure.TLS:
                return f"No answer from {url}: the secure connection (TLS) could not be set up."
            case Failure.NOT_HTTP:
                return f"{url} answered something that is not HTTP."
            case Failure.CLOSED:
                return f"No answer from {url}: it closed the connection without answering."
            case Failure.CUT_SHORT:
                return (f"{url} answered HTTP {self.status} but closed the connection before "
                        "the whole answer arrived.")
        return f"No answer from {url}: the request failed."


def sample_event(server: Server, instance: Instance) -> dict[str, Any]:
    """A messages.upsert like Evolution sends, marked as a test so receivers can drop it."""
    now = datetime.now(UTC)
    return {
        "event": SAMPLE_EVENT,
        "instance": instance.name,
        "data": {
            "key": {
                "remoteJid": "5511999990000@s.whatsapp.net",
                "fromMe": False,
                "id": "EVODESKTEST" + uuid.uuid4().hex[:12].upper(),
            },
            "pushName": "evodesk test",
            "message": {"conversation": "Test event sent by evodesk."},
            "messageType": "conversation",
            "messageTimestamp": int(now.timestamp()),
            "instanceId": instance.evolution_id,
            "source": "evodesk-test",
        },
        "destination": instance.webhook_url,
        "date_time": now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z",
        "sender": (instance.owner_number or "") + "@s.whatsapp.net",
        "server_url": server.base_url,
        "apikey": None,
    }


async def probe_webhook(
    server: Server,
    instance: Instance,
    secrets: SecretStore,
    *,
    url: str | None = None,
    by_events: bool | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> WebhookProbe:
    """Probe the stored webhook, or the values being edited when given."""
    target = url if url is not None else instance.webhook_url
    if not target:
        raise InvalidInput(f"Instance '{instance.name}' has no webhook URL to test.")
    base = validate_http_url(target, what="webhook URL")
    suffixed = by_events if by_events is not None else instance.webhook_by_events
    url = effective_webhook_url(base, suffixed, SAMPLE_EVENT)
    if headers is None:
        headers = await get_headers(secrets, instance.webhook_headers_ref)
    try:
        wire_headers = _wire_headers(headers)
    except InvalidInput as exc:
        return WebhookProbe(url, None, 0.0, False, str(exc), sent=False)
    started = time.perf_counter()
    status: int | None = None
    try:
        # `timeout` bounds each read; the deadline bounds the whole exchange, so a
        # receiver that trickles its answer cannot keep the probe going.
        async with (
            asyncio.timeout(timeout),
            httpx.AsyncClient(
                timeout=timeout, transport=transport, follow_redirects=False
            ) as http,
            http.stream(
                "POST", url, json=sample_event(server, instance), headers=wire_headers
            ) as response,
        ):
            status = response.status_code
            # Read to the end as Evolution does, keeping none of it.
            async for _chunk in response.aiter_bytes():
                pass
    except (httpx.TimeoutException, TimeoutError):
        return WebhookProbe(url, None, _ms(started), True, timeout=timeout,
                            failure=Failure.TIMED_OUT)
    except httpx.HTTPError as exc:
        failure = _failure(exc, answered=status is not None)
        log.info("Webhook test of %s: %s (%s)", redact(mask_url_secrets(url)), failure,
                 redact(repr(exc)))
        return WebhookProbe(url, status if failure is Failure.CUT_SHORT else None,
                            _ms(started), True, failure=failure)
    return WebhookProbe(url, status, _ms(started), evolution_would_retry(status))


def _wire_headers(headers: dict[str, str]) -> dict[bytes, bytes]:
    """The headers as Evolution's sender puts them on the wire, one Latin-1 byte a
    character; InvalidInput for one it could not send."""
    return {
        name.encode("ascii"): check_header_value(name, value).encode("latin-1")
        for name, value in check_header_names(headers).items()
    }


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _failure(exc: httpx.HTTPError, *, answered: bool) -> Failure:
    """The HTTP client's error as one of the reasons a person is told."""
    causes = _causes(exc)
    if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes):
        return Failure.CERTIFICATE
    if any(isinstance(c, ssl.SSLError) for c in causes):
        return Failure.TLS
    if answered:
        return Failure.CUT_SHORT  # its status line and headers came, not all of its body
    if isinstance(exc, httpx.ConnectError):
        if any(isinstance(c, socket.gaierror) for c in causes):
            return Failure.HOST_NOT_FOUND
        if any(isinstance(c, ConnectionRefusedError) for c in causes):
            return Failure.REFUSED
        return Failure.UNREACHABLE
    if isinstance(exc, httpx.RemoteProtocolError):
        # The HTTP parser's own error: bytes came that are not an HTTP answer. Without
        # one, the receiver closed the connection before a single byte.
        if any(type(c).__module__.split(".")[0] == "h11" for c in causes):
            return Failure.NOT_HTTP
        return Failure.CLOSED
    if isinstance(exc, httpx.ReadError | httpx.WriteError):
        return Failure.CLOSED
    return Failure.OTHER


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen
