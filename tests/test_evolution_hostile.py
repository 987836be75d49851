"""EvolutionClient and the webhook probe against answers meant to break them: bodies
that are not in their content-encoding, reason phrases HTTP allows but UTF-8 does not,
answers that never end or never stop growing, instance names made of dots, and webhook
headers that cannot go on the wire. Real local servers where the transport matters."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from evodesk.domain.errors import (
    DeliveryChangeFailed,
    InvalidInput,
    ServerTimeout,
    UnexpectedResponse,
)
from evodesk.domain.models import Instance, Server
from evodesk.domain.validation import check_header_value
from evodesk.infra.evolution import EvolutionClient
from evodesk.infra.evolution.client import MAX_BODY
from evodesk.infra.evolution.transport import AiohttpHttpTransport
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef
from evodesk.services.webhook_probe import probe_webhook
from tests.manager_support import SandboxRows
from tests.support.http import one_answer_server

KEY = "hostile-key-5d1e"
ROOT = b'{"status":200,"message":"Welcome","version":"2.3.7","clientName":"evolution"}'
NOT_JSON = "sent an answer that is not valid JSON (HTTP 200). " + (
    "Check the URL, or any proxy in front of the server."
)


def answer(head: bytes, body: bytes) -> bytes:
    """A whole HTTP/1.1 answer: the status line and headers in `head`, then the body."""
    length = f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode()
    return head + length + body


@contextlib.asynccontextmanager
async def raw_server(reply: bytes) -> AsyncIterator[tuple[str, list[bytes]]]:
    """A server on 127.0.0.1 that sends `reply`, byte for byte, to every request; yields
    its URL and the request heads it received."""
    async with one_answer_server(reply) as (port, heads):
        yield f"http://127.0.0.1:{port}", heads


@contextlib.asynccontextmanager
async def mocked(
    handler: Callable[[httpx.Request], Any], timeout: float = 15.0
) -> AsyncIterator[EvolutionClient]:
    transport = httpx.MockTransport(handler)
    async with EvolutionClient(
        "https://evo.test", KEY, version="2.3.7", timeout=timeout, transport=transport
    ) as client:
        yield client


class Endless(httpx.AsyncByteStream):
    """A body that starts and never ends."""

    def __init__(self) -> None:
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"version":'
        await asyncio.Event().wait()  # nobody sets it

    async def aclose(self) -> None:
        self.closed = True


# --- bodies not in their content-encoding ---------------------------------------------


async def test_gzip_that_is_not_gzip_from_a_real_server() -> None:
    head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\n"
    async with raw_server(answer(head, ROOT)) as (url, _), EvolutionClient(url, KEY) as client:
        with pytest.raises(UnexpectedResponse) as caught:
            await client.server_info()
    assert str(caught.value) == f"The server at {url} {NOT_JSON}"
    assert caught.value.status == 200
    assert caught.value.detail == (
        "GET / -> HTTP 200: body not decodable: "
        "Error -3 while decompressing data: incorrect header check"
    )


async def test_gzip_that_is_not_gzip_from_a_transport_that_decodes_it() -> None:
    # httpx.MockTransport decodes while the answer is built: no status to show.
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=ROOT, headers={"content-encoding": "gzip"})

    async with mocked(handler) as client:
        with pytest.raises(UnexpectedResponse) as caught:
            await client.find_webhook("loja-sp")
    assert str(caught.value) == (
        "The server at https://evo.test answered in a form evodesk does not understand; "
        "it may not be an Evolution API server, or a version evodesk does not support."
    )
    assert caught.value.status is None
    assert caught.value.detail is not None
    assert caught.value.detail.startswith("GET /webhook/find/loja-sp: body not decodable: ")


async def test_reason_phrase_that_is_not_utf8_is_ignored() -> None:
    # HTTP allows any byte above 0x7f there (obs-text); nothing reads it.
    head = b"HTTP/1.1 200 \xff\xfe\r\ncontent-type: application/json\r\n"
    async with raw_server(answer(head, ROOT)) as (url, _), EvolutionClient(url, KEY) as client:
        info = await client.server_info()
    assert info.version == "2.3.7"


async def test_mangled_answer_mid_change_still_puts_the_previous_mode_back(
    tmp_path: Path,
) -> None:
    """The server applies the webhook's disable, then its answer arrives as broken gzip:
    the manager recovers and says so (an httpx error used to skip the recovery)."""

    class MangleFirstWebhookSet(httpx.AsyncBaseTransport):
        def __init__(self) -> None:
            self.inner = AiohttpHttpTransport(True)
            self.armed = True

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await self.inner.handle_async_request(request)
            if self.armed and request.url.path.startswith("/webhook/set/"):
                self.armed = False
                headers = [*response.headers.raw, (b"content-encoding", b"gzip")]
                return httpx.Response(response.status_code, headers=headers,
                                      stream=response.stream, request=request)
            return response

        async def aclose(self) -> None:
            await self.inner.aclose()

    mangler = MangleFirstWebhookSet()
    mangler.armed = False  # armed once the instance is known

    def factory(server: Server, key: str) -> EvolutionClient:
        return EvolutionClient(server.base_url, key, version=server.version, transport=mangler)

    async with Sandbox(api_key=KEY, instances=["loja-sp"]) as sandbox:
        app = await AppServices.open(
            resolve_paths(tmp_path / "d"), secrets=MemorySecretStore(), client_factory=factory
        )
        try:
            rows = SandboxRows(sandbox)
            await rows.set_webhook("loja-sp", enabled=True, url="http://127.0.0.1:9/hook",
                                   events=["MESSAGES_UPSERT"])
            await app.servers.add("Main", sandbox.url, sandbox.api_key)
            await app.sync.sync_all()
            mangler.armed = True
            with pytest.raises(DeliveryChangeFailed) as caught:
                await app.manager.enable_websocket(InstanceRef("loja-sp", "Main"),
                                                   ["MESSAGES_UPSERT"])
            assert caught.value.restored
            assert await rows.enabled("loja-sp") == (True, False)
            server = await app.store.get_server("Main")
            assert server.id is not None
            stored = await app.store.get_instance(server.id, "loja-sp")
            assert (stored.webhook_enabled, stored.websocket_enabled) == (True, False)
            assert stored.last_error == (
                f"The server at {sandbox.url} sent an answer that is not valid JSON "
                "(HTTP 201). Check the URL, or any proxy in front of the server."
            )
        finally:
            await app.aclose()


# --- answers that never end, or never stop growing -------------------------------------


async def test_an_answer_that_never_ends_meets_the_deadline() -> None:
    body = Endless()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, stream=body)

    # MockTransport has no read timeout: only the client's own deadline can end this.
    async with asyncio.timeout(10), mocked(handler, timeout=0.2) as client:
        with pytest.raises(ServerTimeout) as caught:
            await client.server_info()
    assert str(caught.value) == "The server at https://evo.test did not answer within 0.2 seconds."
    assert caught.value.detail == "GET /: no complete answer within 0.2 s"
    assert body.closed


async def test_headers_that_never_come_meet_the_deadline() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()  # nobody sets it
        raise AssertionError("unreachable")

    async with asyncio.timeout(10), mocked(handler, timeout=0.2) as client:
        with pytest.raises(ServerTimeout) as caught:
            await client.find_webhook("loja-sp")
    assert str(caught.value) == "The server at https://evo.test did not answer within 0.2 seconds."
    assert caught.value.detail == "GET /webhook/find/loja-sp: no complete answer within 0.2 s"


@pytest.mark.parametrize(("size", "refused"), [(MAX_BODY, False), (MAX_BODY + 1, True)])
async def test_the_body_cap_is_exact(size: int, refused: bool) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b" " * size)

    async with mocked(handler) as client:
        if not refused:
            assert await client.request("GET", "/anything") is None  # blanks: no body
            return
        with pytest.raises(UnexpectedResponse) as caught:
            await client.request("GET", "/anything")
    assert str(caught.value) == (
        "The server at https://evo.test sent an answer larger than 16 MiB (HTTP 200), "
        "more than evodesk reads. Check the URL, or any proxy in front of the server."
    )
    assert caught.value.detail == "GET /anything -> HTTP 200: body past 16 MiB, not read further"


async def test_the_cap_counts_the_body_once_decompressed() -> None:
    bomb = gzip.compress(b" " * (MAX_BODY + 1))  # a few KiB on the wire
    assert len(bomb) < 100_000
    head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\n"
    async with raw_server(answer(head, bomb)) as (url, _), EvolutionClient(url, KEY) as client:
        with pytest.raises(UnexpectedResponse) as caught:
            await client.list_instances()
    assert str(caught.value) == (
        f"The server at {url} sent an answer larger than 16 MiB (HTTP 200), "
        "more than evodesk reads. Check the URL, or any proxy in front of the server."
    )


# --- instance names made of dots -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "segment"),
    [("..", "%2E%2E"), (".", "%2E"), ("...", "%2E%2E%2E"), ("a..b", "a..b"), ("..a", "..a")],
)
async def test_dot_names_reach_the_server_as_they_are(name: str, segment: str) -> None:
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path)
        return httpx.Response(200, content=b"null")

    async with mocked(handler) as client:
        assert await client.find_webhook(name) is None
    assert seen == [f"/webhook/find/{segment}".encode()]


async def test_dot_dot_name_through_the_real_transport() -> None:
    # aiohttp used to decode %2E%2E again and step up the path.
    reply = answer(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n", b"null")
    async with (
        raw_server(reply) as (url, heads),
        EvolutionClient(f"{url}/api", KEY, version="2.3.7") as client,
    ):
        assert await client.find_webhook("..") is None
        assert await client.find_websocket(".") is None
    assert [head.split(b"\r\n")[0] for head in heads] == [
        b"GET /api/webhook/find/%2E%2E HTTP/1.1",
        b"GET /api/websocket/find/%2E HTTP/1.1",
    ]


# --- webhook headers that cannot go on the wire ----------------------------------------

HEADER_REFUSED = (
    "The value of header 'X-Token' has a character that cannot be sent in an HTTP header, "
    "such as an emoji, a control character or a letter outside Western European alphabets."
)


@pytest.mark.parametrize("value", ["", "abc 123", "se\u00f1or", "tab\there", "\u00ff"])
def test_header_values_that_can_be_sent(value: str) -> None:
    assert check_header_value("X-Token", value) == value


@pytest.mark.parametrize("value", ["price \u20ac5", "\U0001f600", "nul\x00", "bell\x07", "\x7f"])
def test_header_values_that_cannot_be_sent(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_header_value("X-Token", value)
    assert str(caught.value) == HEADER_REFUSED


@pytest.mark.parametrize("value", ["two\nlines", "cr\r"])
def test_header_values_on_two_lines(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_header_value("X-Token", value)
    assert str(caught.value) == "The value of header 'X-Token' must be a single line."


@pytest.fixture
def hook() -> Iterator[tuple[Server, Instance]]:
    yield (
        Server(id=1, name="Main", base_url="https://evo.test"),
        Instance(server_id=1, name="loja-sp", webhook_url="https://hook.example/in"),
    )


async def test_probe_reports_a_header_it_cannot_send(hook: tuple[Server, Instance]) -> None:
    called: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        called.append(request)
        return httpx.Response(200)

    server, instance = hook
    probe = await probe_webhook(server, instance, MemorySecretStore(),
                                headers={"X-Token": "\U0001f600"},
                                transport=httpx.MockTransport(handler))
    assert called == []
    assert not probe.ok and not probe.sent and probe.status is None
    assert probe.describe() == HEADER_REFUSED


async def test_probe_sends_latin1_header_values_as_evolution_does(
    hook: tuple[Server, Instance],
) -> None:
    seen: list[list[tuple[bytes, bytes]]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.raw)
        return httpx.Response(204)

    server, instance = hook
    probe = await probe_webhook(server, instance, MemorySecretStore(),
                                headers={"X-Token": "se\u00f1or"},
                                transport=httpx.MockTransport(handler))
    assert probe.ok and probe.status == 204
    [raw] = seen
    assert (b"X-Token", b"se\xf1or") in raw


async def test_probe_of_a_receiver_that_never_finishes(hook: tuple[Server, Instance]) -> None:
    body = Endless()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=body)

    server, instance = hook
    async with asyncio.timeout(10):
        probe = await probe_webhook(server, instance, MemorySecretStore(), headers={},
                                    timeout=0.2, transport=httpx.MockTransport(handler))
    assert probe.status is None and probe.would_retry
    assert probe.describe() == (
        "No answer from https://hook.example/in: no answer within 0.2 s. Evolution would retry."
    )
    assert body.closed


async def _probe_of(url: str, *, transport: httpx.AsyncBaseTransport | None = None) -> Any:
    server = Server(id=1, name="Main", base_url="https://evo.test")
    instance = Instance(server_id=1, name="loja-sp", webhook_url=url)
    return await probe_webhook(server, instance, MemorySecretStore(), headers={},
                               timeout=5, transport=transport)


@pytest.mark.parametrize(("reply", "said"), [
    (b"\x00\x01garbage\r\n\r\n", "{url} answered something that is not HTTP."),
    (b"", "No answer from {url}: it closed the connection without answering."),
    (b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nshort!!",
     "{url} answered HTTP 200 but closed the connection before the whole answer arrived."),
])
async def test_probe_says_in_words_why_no_whole_answer_came(reply: bytes, said: str) -> None:
    async with raw_server(reply) as (base, _heads):
        url = base + "/in"
        probe = await _probe_of(url)
    assert probe.describe() == said.format(url=url) + " Evolution would retry."
    assert not probe.ok


async def test_probe_of_a_closed_port_says_the_connection_was_refused() -> None:
    with socket.socket() as bound:  # bound, not listening: refused
        bound.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{bound.getsockname()[1]}/in"
        probe = await _probe_of(url)
    assert probe.describe() == (
        f"No answer from {url}: the connection was refused. Evolution would retry.")


async def test_probe_of_tls_to_a_plain_receiver_says_tls_failed() -> None:
    # It answers the TLS greeting with plain HTTP at once.
    async with one_answer_server(b"HTTP/1.1 200 OK\r\n\r\n", read_request=False) as (
        port, _heads
    ):
        url = f"https://127.0.0.1:{port}/in"
        probe = await _probe_of(url)
    assert probe.describe() == (f"No answer from {url}: the secure connection (TLS) could not "
                                "be set up. Evolution would retry.")


@pytest.mark.parametrize(("cause", "said"), [
    (socket.gaierror(-2, "Name or service not known"), "its host name was not found."),
    (OSError(101, "Network is unreachable"), "could not connect to it."),
])
async def test_probe_names_connection_failures_without_the_clients_words(
    cause: OSError, said: str
) -> None:
    # As the HTTP client reports them: its own error, the system's as the cause.
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(str(cause), request=request) from cause

    url = "https://hook.example/in"
    probe = await _probe_of(url, transport=httpx.MockTransport(handler))
    assert probe.describe() == f"No answer from {url}: {said} Evolution would retry."
    assert str(cause) not in probe.describe()
