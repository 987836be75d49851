"""`Test webhook`: POST a realistic sample event to the instance's webhook URL, with its
headers and byEvents suffix, and say what Evolution would make of the answer."""

from __future__ import annotations

import asyncio
import ssl
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
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

SAMPLE_EVENT = "messages.upsert"
CERTIFICATE_FAILED = "certificate check failed"


@dataclass(frozen=True, slots=True)
class WebhookProbe:
    url: str
    status: int | None
    latency_ms: float
    would_retry: bool
    error: str | None = None
    sent: bool = True  # False: refused before sending; `error` says why
    timeout: float | None = None  # no answer came within this many seconds

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def describe(self) -> str:
        """What happened, in sentences the window translates by template: each wording
        is written whole, the URL, numbers and errors are its parts."""
        if not self.sent:
            return self.error or ""
        url = mask_url_secrets(self.url)
        if self.status is None:
            if self.timeout is not None:
                text = f"No answer from {url}: no answer within {self.timeout:g} s."
            elif self.error == CERTIFICATE_FAILED:
                text = f"No answer from {url}: certificate check failed."
            else:
                # The error inside the sentence: a template ending in it would also
                # take in the sentence after it.
                text = f"No answer from {url} ({self.error})."
            return text + (" Evolution would retry." if self.would_retry else "")
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
            # Read to the end as Evolution does, keeping none of it.
            async for _chunk in response.aiter_bytes():
                pass
    except (httpx.TimeoutException, TimeoutError):
        return WebhookProbe(url, None, _ms(started), True, f"no answer within {timeout:g} s",
                            timeout=timeout)
    except httpx.HTTPError as exc:
        reason = CERTIFICATE_FAILED if _is_tls(exc) else redact(str(exc)) or type(
            exc
        ).__name__
        return WebhookProbe(url, None, _ms(started), True, reason)
    status = response.status_code
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


def _is_tls(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
