"""The API key and instance tokens never reach an error message, its detail, its repr,
its traceback or the log, whichever way a call fails."""

from __future__ import annotations

import html
import json
import logging
import socket
import ssl
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import respx
from aiohttp import web

from evodesk.domain.errors import EvodeskError
from evodesk.infra.evolution import EvolutionClient

CANARY = "CANARY-evo-key-7f3a9c"
BASE = "https://evo.test"


Handler = Callable[[httpx.Request], httpx.Response]
Call = Callable[[EvolutionClient], Awaitable[object]]


@dataclass(frozen=True)
class Case:
    handler: Handler
    call: Call
    version: str | None = None


def _error_body(status: int, message: object) -> dict[str, object]:
    return {"status": status, "error": "Error", "response": {"message": message}}


def _answer(method: str, path: str, status: int, **respond: Any) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        assert (request.method, request.url.path) == (method, path), "unexpected request"
        return httpx.Response(status, **respond)

    return handler


def _raise(make: Callable[[httpx.Request], Exception]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise make(request)

    return handler


def _caused(message: str, cause: BaseException) -> Callable[[httpx.Request], Exception]:
    def make(request: httpx.Request) -> Exception:
        error = httpx.ConnectError(message, request=request)
        error.__cause__ = cause
        return error

    return make


def _tls_cause() -> ssl.SSLCertVerificationError:
    cause = ssl.SSLCertVerificationError(1, f"verify failed for {CANARY}")
    cause.verify_message = f"self-signed certificate {CANARY}"
    return cause


def _unused(request: httpx.Request) -> httpx.Response:
    raise AssertionError("this case must fail before sending anything")


WS = "/websocket/set/loja-sp"
WH_FIND = "/webhook/find/loja-sp"
LIST = "/instance/fetchInstances"
HTML = f"<html><title>{CANARY}</title>{CANARY}</html>"

# One case per way a call can fail; the server side echoes the key wherever it can.
CASES: dict[str, Case] = {
    "401": Case(
        _answer("GET", LIST, 401, json=_error_body(401, CANARY)), lambda c: c.list_instances()
    ),
    "404 unknown instance": Case(
        _answer(
            "GET", WH_FIND, 404, json=_error_body(404, ['The "loja-sp" instance does not exist'])
        ),
        lambda c: c.find_webhook("loja-sp"),
    ),
    "404 route": Case(
        _answer("GET", LIST, 404, json={"message": CANARY}), lambda c: c.request("GET", LIST)
    ),
    "400 echoing the key": Case(
        _answer("POST", WS, 400, json=_error_body(400, [[f"apikey {CANARY} is odd"]])),
        lambda c: c.set_websocket("loja-sp", enabled=True, events=[]),
    ),
    "403": Case(
        _answer("GET", LIST, 403, json=_error_body(403, [CANARY])), lambda c: c.list_instances()
    ),
    "500 echoing the key": Case(
        _answer("GET", LIST, 500, json=_error_body(500, f"boom {CANARY}")),
        lambda c: c.list_instances(),
    ),
    "503 licence": Case(
        _answer("GET", LIST, 503, json={"error": CANARY, "code": "LICENSE_REQUIRED"}),
        lambda c: c.list_instances(),
    ),
    "418": Case(_answer("GET", LIST, 418, json={"error": CANARY}), lambda c: c.list_instances()),
    "200 with error": Case(
        _answer("POST", "/instance/restart/loja-sp", 200, json={"error": True, "message": CANARY}),
        lambda c: c.restart_instance("loja-sp"),
    ),
    "HTML page": Case(_answer("GET", "/", 200, html=HTML), lambda c: c.server_info()),
    "HTML 502": Case(_answer("GET", LIST, 502, html=HTML), lambda c: c.list_instances()),
    "plain text": Case(
        _answer("GET", LIST, 200, text=f"key is {CANARY}"), lambda c: c.list_instances()
    ),
    "plain text 500": Case(_answer("GET", LIST, 500, text=CANARY), lambda c: c.list_instances()),
    "malformed JSON": Case(
        _answer(
            "GET",
            LIST,
            200,
            content=f'{{"k": "{CANARY}"'.encode(),
            headers={"content-type": "application/json"},
        ),
        lambda c: c.list_instances(),
    ),
    "wrong shape": Case(
        _answer("GET", LIST, 200, json={"apikey": CANARY, "token": CANARY}),
        lambda c: c.list_instances(),
    ),
    "wrong shape in a row": Case(
        _answer("GET", LIST, 200, json=[{"token": CANARY, "id": CANARY}]),
        lambda c: c.list_instances(),
    ),
    "websocket switched off": Case(
        _answer("POST", WS, 201), lambda c: c.set_websocket("loja-sp", enabled=False, events=[])
    ),
    "empty body": Case(_answer("GET", WH_FIND, 200), lambda c: c.find_webhook("loja-sp")),
    "key refused on check": Case(
        _answer("POST", "/verify-creds", 500, json=_error_body(500, CANARY)),
        lambda c: c.check_key(),
    ),
    "connect timeout": Case(
        _raise(lambda r: httpx.ConnectTimeout(f"timeout {CANARY}", request=r)),
        lambda c: c.list_instances(),
    ),
    "read timeout": Case(
        _raise(lambda r: httpx.ReadTimeout(f"timeout {CANARY}", request=r)),
        lambda c: c.check_key(),
    ),
    "refused": Case(
        _raise(_caused(f"refused {CANARY}", ConnectionRefusedError(111, CANARY))),
        lambda c: c.list_instances(),
    ),
    "unknown host": Case(
        _raise(_caused(f"dns {CANARY}", socket.gaierror(-2, CANARY))),
        lambda c: c.server_info(),
    ),
    "TLS certificate": Case(
        _raise(_caused(f"tls {CANARY}", _tls_cause())), lambda c: c.server_info()
    ),
    "TLS handshake": Case(
        _raise(_caused(f"tls {CANARY}", ssl.SSLError(1, f"[SSL] {CANARY}"))),
        lambda c: c.server_info(),
    ),
    "broken connection": Case(
        _raise(lambda r: httpx.RemoteProtocolError(f"closed {CANARY}", request=r)),
        lambda c: c.list_instances(),
    ),
    "v1 headers": Case(
        _unused,
        lambda c: c.set_webhook(
            "loja-sp", enabled=True, url="https://h.example", events=[], headers={"a": CANARY}
        ),
        version="1.8.2",
    ),
    "bad webhook URL": Case(
        _unused,
        lambda c: c.set_webhook("loja-sp", enabled=True, url=f"no url {CANARY}", events=[]),
    ),
}


def _assert_clean(error: BaseException, log_text: str) -> None:
    assert isinstance(error, EvodeskError)
    texts = {
        "str": str(error),
        "detail": error.detail or "",
        "repr": repr(error),
        "args": repr(error.args),
        "traceback": "".join(traceback.format_exception(error)),
        "log": log_text,
    }
    leaked = [where for where, text in texts.items() if CANARY in text]
    assert leaked == [], f"the key leaked into {leaked}"


@pytest.mark.parametrize("name", sorted(CASES))
async def test_key_never_leaks(name: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    case = CASES[name]
    transport = httpx.MockTransport(case.handler)
    async with EvolutionClient(BASE, CANARY, transport=transport, version=case.version) as client:
        with pytest.raises(EvodeskError) as caught:
            await case.call(client)
    _assert_clean(caught.value, caplog.text)


async def test_instance_tokens_are_not_kept_or_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token = "TOKEN-CANARY-0b8e"
    router = respx.MockRouter(assert_all_called=False)
    router.get(BASE + LIST).respond(
        200,
        json=[
            {"id": "1", "name": "loja-sp", "token": token, "Websocket": None},
            {"instance": {"instanceName": "loja-rj", "apikey": token, "token": token}},
        ],
    )
    transport = httpx.MockTransport(router.async_handler)
    async with EvolutionClient(BASE, CANARY, transport=transport) as client:
        instances = await client.list_instances()
    assert [i.name for i in instances] == ["loja-sp", "loja-rj"]
    assert token not in repr(instances)
    assert all(token not in repr(vars(i)) for i in instances if hasattr(i, "__dict__"))
    assert token not in caplog.text
    assert CANARY not in caplog.text


async def test_the_key_is_sent_only_as_the_apikey_header() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"enabled": True, "events": []})

    async with EvolutionClient(BASE, CANARY, transport=httpx.MockTransport(handler)) as client:
        await client.set_websocket("loja-sp", enabled=True, events=[])
    (request,) = seen
    assert request.headers["apikey"] == CANARY
    assert CANARY not in str(request.url)
    assert CANARY not in request.content.decode()
    assert [k for k, v in request.headers.items() if CANARY in v] == ["apikey"]


# --- webhook header values, echoed by a real server ------------------------------------

HEADER_CANARY = "CANARY-HDR-77aa"
# Sent as JSON escapes them: a quote, a backslash and a non-ASCII letter.
ODD_CANARY = 'tók"en\\CANARY-ODD-31bc'


def _echo(kind: str, body: str) -> web.Response:
    """What a server that quotes the request it refuses may answer."""
    if kind == "400":
        return web.json_response(_error_body(400, [body]), status=400)
    if kind == "200 with error":
        return web.json_response({"error": True, "message": body})
    if kind == "500 ascii":
        message = json.dumps(json.loads(body))  # re-encoded: non-ASCII as \u escapes
        return web.json_response(_error_body(500, message), status=500)
    # Text and page titles are cut short: these quote the field they choke on.
    field = json.dumps(json.loads(body)["webhook"]["headers"], ensure_ascii=False)
    if kind == "text":
        return web.Response(status=500, text=f"oops {field}")
    return web.Response(
        status=502, text=f"<html><head><title>bad headers {html.escape(field)}</title></head>",
        content_type="text/html",
    )


@pytest.fixture
async def echo_server() -> AsyncIterator[tuple[str, list[str]]]:
    """A real HTTP server echoing the body of `POST /webhook/set/<instance>` back in the
    way the query string's `kind` picks; yields its URL and the bodies it received."""
    received: list[str] = []

    async def webhook_set(request: web.Request) -> web.Response:
        body = await request.text()
        received.append(body)
        return _echo(request.match_info["kind"], body)

    app = web.Application()
    app.router.add_post("/{kind}/webhook/set/{instance}", webhook_set)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}", received
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("kind", ["400", "200 with error", "500 ascii", "text", "html"])
async def test_header_values_echoed_by_the_server_never_leak(
    kind: str, echo_server: tuple[str, list[str]], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url, received = echo_server
    headers = {"Authorization": f"Bearer {HEADER_CANARY}", "X-Odd": ODD_CANARY}
    async with EvolutionClient(f"{url}/{quote(kind)}", CANARY, version="2.3.6") as client:
        with pytest.raises(EvodeskError) as caught:
            await client.set_webhook("loja-sp", enabled=True, url="https://h.example/in",
                                     events=["MESSAGES_UPSERT"], headers=headers)
    # The server did see the values, and echoed them.
    assert HEADER_CANARY in received[0] and "CANARY-ODD-31bc" in received[0]
    error = caught.value
    texts = {
        "str": str(error),
        "detail": error.detail or "",
        "repr": repr(error),
        "traceback": "".join(traceback.format_exception(error)),
        "log": caplog.text,
    }
    leaked = [where for where, text in texts.items()
              if HEADER_CANARY in text or "CANARY-ODD-31bc" in text or CANARY in text]
    assert leaked == [], f"a header value leaked into {leaked}: {texts}"
