"""EvolutionClient when the network fails: timeouts, refused connections, unknown hosts,
TLS against a real local server; plus construction, logging and closing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import ssl
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
import respx

from evodesk.domain.errors import (
    InvalidInput,
    ServerTimeout,
    ServerUnreachable,
    TlsFailure,
)
from evodesk.infra.evolution import EvolutionClient
from tests.support.http import one_answer_server
from tests.support.tls import self_signed, server_context

CANARY = "CANARY-evo-key-7f3a9c"
ROOT = b'{"status":200,"message":"Welcome","version":"2.3.7","clientName":"evolution"}'
Raiser = Callable[[httpx.Request], httpx.Response]


def _raising(make_error: Callable[[httpx.Request], Exception]) -> Raiser:
    def side_effect(request: httpx.Request) -> httpx.Response:
        raise make_error(request)

    return side_effect


def _caused(error: type[httpx.TransportError], message: str, cause: BaseException) -> Raiser:
    """Raise `error` the way httpx does: chained to the socket-level exception."""

    def side_effect(request: httpx.Request) -> httpx.Response:
        try:
            raise cause
        except BaseException as exc:
            raise error(message, request=request) from exc

    return side_effect


@contextlib.asynccontextmanager
async def mocked(side_effect: Raiser, **kwargs: object) -> AsyncIterator[EvolutionClient]:
    # A bare MockTransport: respx re-raises side effects and loses their __cause__.
    client = EvolutionClient(
        "https://evo.test",
        CANARY,
        transport=httpx.MockTransport(side_effect),
        **kwargs,  # type: ignore[arg-type]
    )
    async with client:
        yield client


# --- timeouts and unreachable servers (mocked) -----------------------------------------


async def test_connect_timeout() -> None:
    async with mocked(_raising(lambda r: httpx.ConnectTimeout("timed out", request=r))) as c:
        with pytest.raises(ServerTimeout) as caught:
            await c.list_instances()
    assert (
        str(caught.value)
        == "The server at https://evo.test could not be reached within 15 seconds."
    )


async def test_read_timeout_names_the_configured_timeout() -> None:
    raiser = _raising(lambda r: httpx.ReadTimeout("read timed out", request=r))
    async with mocked(raiser, timeout=2.5) as c:
        with pytest.raises(ServerTimeout) as caught:
            await c.find_webhook("loja-sp")
    assert str(caught.value) == "The server at https://evo.test did not answer within 2.5 seconds."
    assert caught.value.detail == "GET /webhook/find/loja-sp: ReadTimeout: read timed out"


async def test_unknown_host() -> None:
    raiser = _caused(
        httpx.ConnectError,
        "[Errno -2] Name or service not known",
        socket.gaierror(-2, "Name or service not known"),
    )
    async with mocked(raiser) as c:
        with pytest.raises(ServerUnreachable) as caught:
            await c.server_info()
    assert type(caught.value) is ServerUnreachable
    assert (
        str(caught.value) == "The host name in https://evo.test could not be found. Check the URL."
    )


async def test_refused_inside_an_exception_group() -> None:
    # anyio reports "All connection attempts failed" with the refusals grouped beneath.
    group = ExceptionGroup("attempts", [ConnectionRefusedError(111, "Connection refused")])

    def side_effect(request: httpx.Request) -> httpx.Response:
        try:
            try:
                raise group
            except ExceptionGroup as inner:
                raise OSError("All connection attempts failed") from inner
        except OSError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc

    async with mocked(side_effect) as c:
        with pytest.raises(ServerUnreachable) as caught:
            await c.list_instances()
    assert "refused the connection" in str(caught.value)


async def test_tls_verification_failure_from_its_cause() -> None:
    cause = ssl.SSLCertVerificationError(1, "certificate verify failed")
    cause.verify_message = "self-signed certificate"
    raiser = _caused(httpx.ConnectError, "[SSL: CERTIFICATE_VERIFY_FAILED]", cause)
    async with mocked(raiser) as c:
        with pytest.raises(TlsFailure) as caught:
            await c.list_instances()
    assert str(caught.value).startswith(
        "The certificate of https://evo.test could not be verified (self-signed certificate)."
    )


async def test_broken_connection() -> None:
    raiser = _raising(lambda r: httpx.RemoteProtocolError("peer closed", request=r))
    async with mocked(raiser) as c:
        with pytest.raises(ServerUnreachable) as caught:
            await c.list_instances()
    assert (
        str(caught.value) == "The connection to https://evo.test broke before the server answered."
    )


async def test_other_connect_error() -> None:
    raiser = _raising(lambda r: httpx.ConnectError("network unreachable", request=r))
    async with mocked(raiser) as c:
        with pytest.raises(ServerUnreachable) as caught:
            await c.list_instances()
    assert str(caught.value) == "Cannot connect to the server at https://evo.test."


async def test_user_and_password_in_the_url_never_shown() -> None:
    router = respx.MockRouter(assert_all_called=False)
    router.route().mock(side_effect=_raising(lambda r: httpx.ConnectTimeout("x", request=r)))
    transport = httpx.MockTransport(router.async_handler)
    async with EvolutionClient(
        "https://ops:hunter2@evo.test:8443/api", "k", transport=transport
    ) as c:
        assert "hunter2" not in repr(c)
        with pytest.raises(ServerTimeout) as caught:
            await c.list_instances()
    assert "https://evo.test:8443/api" in str(caught.value)
    assert "hunter2" not in str(caught.value)


# --- real sockets ------------------------------------------------------------------------


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port bound but not listening: connecting to it is refused, and nobody can take it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


async def test_real_connection_refused(closed_port: int, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"http://127.0.0.1:{closed_port}"
    async with EvolutionClient(url, CANARY) as client:
        with pytest.raises(ServerUnreachable) as caught:
            await client.list_instances()
    assert str(caught.value) == (
        f"The server at {url} refused the connection. Check the URL and port, "
        "and that the server is running."
    )
    assert CANARY not in caplog.text
    assert CANARY not in (caught.value.detail or "")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (cert path, key path)."""
    return self_signed(tmp_path_factory.mktemp("tls"))


@contextlib.asynccontextmanager
async def http_server(
    tls: ssl.SSLContext | None, *, read_request: bool = True
) -> AsyncIterator[int]:
    """A one-answer HTTP/1.1 server on 127.0.0.1 that replies with the v2 root document."""
    answer = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(ROOT)}\r\nConnection: close\r\n\r\n".encode()
        + ROOT
    )

    async with one_answer_server(answer, tls=tls, read_request=read_request) as (port, _):
        yield port


def _server_tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return server_context(*certificate)


async def test_real_self_signed_certificate_is_refused(
    certificate: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with http_server(_server_tls(certificate)) as port:
        url = f"https://127.0.0.1:{port}"
        async with EvolutionClient(url, CANARY) as client:
            with pytest.raises(TlsFailure) as caught:
                await client.server_info()
    message = str(caught.value)
    assert message.startswith(f"The certificate of {url} could not be verified (")
    assert "CA bundle" in message
    assert CANARY not in caplog.text
    assert CANARY not in (caught.value.detail or "")


async def test_real_self_signed_certificate_with_its_ca_bundle(
    certificate: tuple[Path, Path],
) -> None:
    async with http_server(_server_tls(certificate)) as port:
        url = f"https://127.0.0.1:{port}"
        async with EvolutionClient(url, CANARY, verify=str(certificate[0])) as client:
            info = await client.server_info()
    assert info.version == "2.3.7"
    assert info.client_name == "evolution"


async def test_real_https_to_a_plain_http_server() -> None:
    async with (
        http_server(None, read_request=False) as port,
        EvolutionClient(f"https://127.0.0.1:{port}", CANARY) as client,
    ):
        with pytest.raises(TlsFailure) as caught:
            await client.server_info()
    assert str(caught.value).startswith(
        f"A secure (TLS) connection to https://127.0.0.1:{port} could not be set up ("
    )


async def test_real_plain_http_round_trip() -> None:
    async with (
        http_server(None) as port,
        EvolutionClient(f"http://127.0.0.1:{port}", CANARY) as client,
    ):
        assert (await client.server_info()).version == "2.3.7"


# --- construction --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["", "evo.test", "ftp://evo.test", "https://", "https://evo.test/?x=1"]
)
def test_bad_base_url(url: str) -> None:
    with pytest.raises(InvalidInput):
        EvolutionClient(url, "k")


def test_missing_ca_bundle(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        EvolutionClient("https://evo.test", "k", verify=str(tmp_path / "nope.pem"))
    assert "does not exist" in str(caught.value)


def test_empty_ca_bundle_path_is_not_verification_off() -> None:
    with pytest.raises(InvalidInput):
        EvolutionClient("https://evo.test", "k", verify="")


def test_unreadable_ca_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "garbage.pem"
    bundle.write_text("not a certificate")
    with pytest.raises(InvalidInput) as caught:
        EvolutionClient("https://evo.test", "k", verify=str(bundle))
    assert "could not be read" in str(caught.value)


async def test_verification_off_is_never_silent(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="evodesk.infra.evolution")
    async with EvolutionClient("https://evo.test", CANARY, verify=False):
        pass
    (record,) = [r for r in caplog.records if r.name.startswith("evodesk.infra.evolution")]
    assert record.levelno == logging.WARNING
    assert "https://evo.test" in record.getMessage()
    assert CANARY not in caplog.text


async def test_trailing_slash_and_path_prefix() -> None:
    router = respx.MockRouter(assert_all_called=False)
    route = router.get("https://evo.test/evolution/instance/fetchInstances").respond(200, json=[])
    transport = httpx.MockTransport(router.async_handler)
    async with EvolutionClient("https://evo.test/evolution/", "k", transport=transport) as c:
        assert c.base_url == "https://evo.test/evolution"
        assert await c.list_instances() == []
    assert route.called


# --- logging and lifecycle -----------------------------------------------------------------


async def test_debug_log_has_method_path_status_latency(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    router = respx.MockRouter(assert_all_called=False)
    router.get("https://evo.test/instance/fetchInstances").respond(
        200, json=[{"name": "loja-sp", "token": "row-token-secret"}]
    )
    transport = httpx.MockTransport(router.async_handler)
    async with EvolutionClient("https://evo.test", CANARY, transport=transport) as client:
        await client.list_instances()
    lines = [r.getMessage() for r in caplog.records if r.name == "evodesk.infra.evolution.client"]
    assert len(lines) == 1
    assert lines[0].startswith("GET /instance/fetchInstances -> HTTP 200 in ")
    assert lines[0].endswith(" ms")
    assert CANARY not in caplog.text
    assert "row-token-secret" not in caplog.text


class _ClosingTransport(httpx.MockTransport):
    closed = False

    async def aclose(self) -> None:
        self.closed = True


async def test_context_manager_closes_the_pool() -> None:
    transport = _ClosingTransport(lambda request: httpx.Response(200, json=[]))
    async with EvolutionClient("https://evo.test", "k", transport=transport) as client:
        assert await client.list_instances() == []
        assert not transport.closed
    assert transport.closed


async def test_aclose_closes_the_pool() -> None:
    transport = _ClosingTransport(lambda request: httpx.Response(200, json=[]))
    client = EvolutionClient("https://evo.test", "k", transport=transport)
    await client.aclose()
    assert transport.closed


async def test_one_pool_for_many_calls() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["apikey"])
        return httpx.Response(200, json=[])

    transport = _ClosingTransport(handler)
    async with EvolutionClient("https://evo.test", "k", transport=transport) as client:
        await asyncio.gather(*(client.list_instances() for _ in range(5)))
    assert seen == ["k"] * 5


async def test_repr_has_no_key() -> None:
    async with EvolutionClient("https://evo.test", CANARY, version="2.3.7") as client:
        assert repr(client) == "EvolutionClient('https://evo.test', version='2.3.7')"
