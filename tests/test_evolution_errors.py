"""How EvolutionClient words failures: answers that are not the Evolution API, error
bodies, 200-with-error, switched-off websockets (synthetic answers)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
import respx

from evodesk.domain.errors import (
    BadApiKey,
    InvalidInput,
    ServerError,
    UnexpectedResponse,
    UnknownInstance,
    ValidationFailed,
    WebsocketDisabledOnServer,
)
from evodesk.domain.text import TemplateMatcher, Text
from evodesk.infra.evolution import EvolutionClient
from evodesk.infra.evolution.replies import Redactor, flatten_message, server_message
from tests.tools.i18n_check import read_templates

BASE = "https://evo.test/api"
SHOWN = "https://evo.test/api"
KEY = "global-key-for-tests"
MakeClient = Callable[..., EvolutionClient]

NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n"
    "</body>\r\n</html>\r\n"
)


@pytest.fixture
def router() -> respx.MockRouter:
    return respx.MockRouter(assert_all_called=False, base_url=BASE)


@pytest.fixture
async def make(router: respx.MockRouter) -> AsyncIterator[MakeClient]:
    opened: list[EvolutionClient] = []

    def factory(*, version: str | None = None, base_url: str = BASE) -> EvolutionClient:
        client = EvolutionClient(
            base_url, KEY, version=version, transport=httpx.MockTransport(router.async_handler)
        )
        opened.append(client)
        return client

    yield factory
    for client in opened:
        await client.aclose()


# --- error bodies -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "flat"),
    [
        ("Unauthorized", ["Unauthorized"]),
        (["Invalid integration"], ["Invalid integration"]),
        (
            [["a is required", "b is not one of x,y"], ["c"]],
            ["a is required", "b is not one of x,y", "c"],
        ),
        (["  ", "", None, 7], ["7"]),
        (None, []),
        ({"message": ["nested"]}, ["nested"]),
    ],
)
def test_flatten_message(message: object, flat: list[str]) -> None:
    assert flatten_message(message) == flat


def test_server_message_prefers_response_message_then_message_then_error() -> None:
    redact = Redactor(KEY)
    assert server_message({"error": "Bad", "response": {"message": [["x"], ["y"]]}}, redact) == (
        "x; y"
    )
    assert server_message({"error": "Bad", "message": "top"}, redact) == "top"
    assert server_message({"error": "Forbidden"}, redact) == "Forbidden"
    assert server_message(["not", "an", "object"], redact) == ""


def test_server_message_is_clipped() -> None:
    long = "x" * 5000
    text = server_message({"response": {"message": long}}, Redactor())
    assert len(text) <= 600
    assert text.endswith("…")


async def test_synthetic_list_of_lists_flattened_into_the_message(
    router: respx.MockRouter, make: MakeClient
):
    router.post("/websocket/set/loja-sp").respond(
        400,
        json={
            "status": 400,
            "error": "Bad Request",
            "response": {
                "message": [
                    ["websocket.events[0] is not one of enum values: A,B"],
                    ["websocket.enabled must be boolean"],
                ]
            },
        },
    )
    with pytest.raises(ValidationFailed) as caught:
        await make().set_websocket("loja-sp", enabled=True, events=["NOPE"])
    assert str(caught.value) == (
        "The server rejected the request: websocket.events[0] is not one of enum values: A,B; "
        "websocket.enabled must be boolean."
    )


async def test_synthetic_unknown_instance_on_any_instance_route(
    router: respx.MockRouter, make: MakeClient
):
    # Evolution answers 404 before looking at the key, whatever the key is.
    router.get("/instance/connectionState/loja-sp").respond(
        404,
        json={
            "status": 404,
            "error": "Not Found",
            "response": {"message": ['The "loja-sp" instance does not exist']},
        },
    )
    with pytest.raises(UnknownInstance) as caught:
        await make().connection_state("loja-sp")
    assert str(caught.value) == "Instance 'loja-sp' does not exist on this server."


async def test_synthetic_v1_unknown_instance_wording(router: respx.MockRouter, make: MakeClient):
    router.delete("/instance/delete/loja-sp").respond(
        404,
        json={
            "status": 404,
            "error": "Not Found",
            "response": {"message": ['Instance "loja-sp" not found']},
        },
    )
    with pytest.raises(UnknownInstance) as caught:
        await make().request("DELETE", "/instance/delete/loja-sp")
    assert caught.value.instance == "loja-sp"


async def test_synthetic_missing_route_is_not_an_unknown_instance(
    router: respx.MockRouter, make: MakeClient
):
    router.get("/webhook/find/loja-sp").respond(
        404, text="Cannot GET /webhook/find/loja-sp", content_type="text/plain"
    )
    with pytest.raises(UnexpectedResponse) as caught:
        await make().find_webhook("loja-sp")
    assert not isinstance(caught.value, UnknownInstance)
    assert SHOWN in str(caught.value)


async def test_synthetic_empty_404_without_instance_names_the_route(
    router: respx.MockRouter, make: MakeClient
):
    router.get("/nothing-here").respond(404)
    with pytest.raises(ServerError) as caught:
        await make().request("GET", "/nothing-here")
    assert type(caught.value) is ServerError
    assert str(caught.value) == (
        f"The server at {SHOWN} does not offer GET /nothing-here. Check the URL, and that the "
        "server runs a supported Evolution API version."
    )


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, None, "The server failed while handling the request (HTTP 500)."),
        (
            500,
            {"status": 500, "error": "Internal Server Error", "response": {"message": "boom!"}},
            "The server failed while handling the request (HTTP 500): boom!",
        ),
        (
            418,
            {"status": 418, "error": "I'm a teapot"},
            "The server answered HTTP 418: I'm a teapot.",
        ),
        (
            422,
            {"status": 422, "response": {"message": []}},
            "The server rejected the request: HTTP 422.",
        ),
    ],
)
async def test_synthetic_status_wording(
    router: respx.MockRouter, make: MakeClient, status: int, body: object, message: str
):
    route = router.get("/instance/fetchInstances")
    if body is None:
        route.respond(status)
    else:
        route.respond(status, json=body)
    with pytest.raises(ServerError) as caught:
        await make().list_instances()
    assert str(caught.value) == message
    assert caught.value.status == status


# --- 200 with an error flag ---------------------------------------------------------


async def test_synthetic_restart_200_with_error(router: respx.MockRouter, make: MakeClient):
    router.post("/instance/restart/loja-sp").respond(
        200, json={"error": True, "message": "Connection Closed"}
    )
    with pytest.raises(ServerError) as caught:
        await make().restart_instance("loja-sp")
    assert type(caught.value) is ServerError
    assert caught.value.status == 200
    assert (
        str(caught.value) == "The server could not restart instance 'loja-sp': Connection Closed."
    )


async def test_synthetic_connect_200_with_error(router: respx.MockRouter, make: MakeClient):
    router.get("/instance/connect/loja-sp").respond(
        200, json={"error": True, "message": ["Instance is already connecting"]}
    )
    with pytest.raises(ServerError) as caught:
        await make().connect_instance("loja-sp")
    assert str(caught.value) == (
        "The server could not connect instance 'loja-sp': Instance is already connecting."
    )


async def test_synthetic_200_with_error_and_no_reason(router: respx.MockRouter, make: MakeClient):
    router.delete("/instance/logout/loja-sp").respond(200, json={"error": True})
    with pytest.raises(ServerError) as caught:
        await make().logout_instance("loja-sp")
    assert (
        str(caught.value)
        == "The server could not log out instance 'loja-sp': it reported a failure."
    )


async def test_synthetic_logout_success(router: respx.MockRouter, make: MakeClient):
    router.delete("/instance/logout/loja-sp").respond(
        200,
        json={"status": "SUCCESS", "error": False, "response": {"message": "Instance logged out"}},
    )
    assert await make().logout_instance("loja-sp") is None


async def test_synthetic_restart_with_empty_body_is_fine(
    router: respx.MockRouter, make: MakeClient
):
    route = router.post("/instance/restart/loja-sp").respond(200)
    await make().restart_instance("loja-sp")
    assert route.called


# --- websockets switched off ---------------------------------------------------------

WS_OFF = "This server has websockets switched off; websocket mode is not available."


@pytest.mark.parametrize("status", [200, 201])
async def test_synthetic_empty_body_on_websocket_set(
    router: respx.MockRouter, make: MakeClient, status: int
):
    router.post("/websocket/set/loja-sp").respond(status)
    with pytest.raises(WebsocketDisabledOnServer) as caught:
        await make().set_websocket("loja-sp", enabled=True, events=["MESSAGES_UPSERT"])
    assert str(caught.value) == WS_OFF


async def test_synthetic_empty_body_on_websocket_find(router: respx.MockRouter, make: MakeClient):
    router.get("/websocket/find/loja-sp").respond(200, content=b"", content_type="application/json")
    with pytest.raises(WebsocketDisabledOnServer) as caught:
        await make().find_websocket("loja-sp")
    assert str(caught.value) == WS_OFF


async def test_synthetic_empty_body_elsewhere_is_unexpected(
    router: respx.MockRouter, make: MakeClient
):
    router.get("/webhook/find/loja-sp").respond(200)
    with pytest.raises(UnexpectedResponse):
        await make().find_webhook("loja-sp")


# --- not the Evolution API -------------------------------------------------------------


async def test_synthetic_html_page_instead_of_the_api(router: respx.MockRouter, make: MakeClient):
    router.get("/").respond(200, html="<!doctype html><html><title>My shop</title></html>")
    with pytest.raises(UnexpectedResponse) as caught:
        await make().server_info()
    assert str(caught.value) == (
        f"The server at {SHOWN} answered with an HTML page, not the Evolution API. Check the URL."
    )
    assert caught.value.detail is not None
    assert "My shop" in caught.value.detail


async def test_synthetic_html_without_html_content_type(router: respx.MockRouter, make: MakeClient):
    router.get("/instance/fetchInstances").respond(
        200, text="<html><body>hi</body></html>", content_type="application/json"
    )
    with pytest.raises(UnexpectedResponse) as caught:
        await make().list_instances()
    assert "HTML page" in str(caught.value)


async def test_synthetic_nginx_502_page(router: respx.MockRouter, make: MakeClient):
    router.get("/webhook/find/loja-sp").respond(502, html=NGINX_502)
    with pytest.raises(UnexpectedResponse) as caught:
        await make().find_webhook("loja-sp")
    error = caught.value
    assert isinstance(error, ServerError)
    assert error.status == 502
    assert str(error) == (
        f'The server at {SHOWN} answered with an HTML error page (HTTP 502 ("502 Bad Gateway")), '
        "not the Evolution API: a proxy in front of it may be unable to reach it. "
        "Check that the Evolution server is running."
    )


async def test_synthetic_plain_text_answer(router: respx.MockRouter, make: MakeClient):
    router.get("/instance/fetchInstances").respond(200, text="It works!\nsecond line")
    with pytest.raises(UnexpectedResponse) as caught:
        await make().list_instances()
    assert str(caught.value) == (
        f"The server at {SHOWN} answered with plain text, not the Evolution API (HTTP 200). "
        "Check the URL."
    )
    assert caught.value.detail is not None
    assert "It works!" in caught.value.detail
    assert "second line" not in caught.value.detail


@pytest.mark.parametrize(
    "charset",
    ["base64", "hex", "zlib", "bz2", "rot13", "uu", "quopri", "undefined", "idna", "punycode",
     "unicode_escape", "no-such-charset"],
)
async def test_synthetic_unusable_charset_reads_as_utf8(
    router: respx.MockRouter, make: MakeClient, charset: str
):
    router.get("/").respond(
        200,
        content=b'{"version": "2.3.7\xff", "clientName": "caf\xc3\xa9"}',
        headers={"content-type": f"application/json; charset={charset}"},
    )
    info = await make().server_info()
    assert (info.version, info.client_name) == ("2.3.7\ufffd", "caf\u00e9")


async def test_synthetic_declared_text_charset_is_kept(router: respx.MockRouter, make: MakeClient):
    router.get("/").respond(
        200,
        content=b'{"version": "2.3.7", "clientName": "caf\xe9"}',
        headers={"content-type": "application/json; charset=iso-8859-1"},
    )
    assert (await make().server_info()).client_name == "caf\u00e9"


async def test_synthetic_page_of_unclosed_titles_is_read_at_once(
    router: respx.MockRouter, make: MakeClient
):
    # 1 MiB of "<title>": the old pattern rescanned the page from each one (minutes).
    router.get("/").respond(502, html="<html>" + "<title>" * 150_000)
    with pytest.raises(UnexpectedResponse) as caught:
        await make().server_info()
    assert str(caught.value) == (
        f"The server at {SHOWN} answered with an HTML error page (HTTP 502), "
        "not the Evolution API: a proxy in front of it may be unable to reach it. "
        "Check that the Evolution server is running."
    )


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ('<html><head><title lang="pt">Loja  &amp;\n Cia</title></head></html>', "Loja & Cia"),
        ("<title>one<title>two</title>", "two"),
        ("<title>never closed", ""),
        ("<html>" + " " * 20_000 + "<title>too far down</title></html>", ""),
    ],
)
async def test_synthetic_html_titles(
    router: respx.MockRouter, make: MakeClient, page: str, title: str
):
    router.get("/").respond(503, html=page)
    with pytest.raises(UnexpectedResponse) as caught:
        await make().server_info()
    shown = f' ("{title}")' if title else ""
    assert caught.value.detail == f"GET / -> HTTP 503: HTML page{shown}"


async def test_synthetic_malformed_json(router: respx.MockRouter, make: MakeClient):
    router.get("/webhook/find/loja-sp").respond(
        200, content=b'{"enabled": true, "url": ', content_type="application/json"
    )
    with pytest.raises(UnexpectedResponse) as caught:
        await make().find_webhook("loja-sp")
    assert str(caught.value) == (
        f"The server at {SHOWN} sent an answer that is not valid JSON (HTTP 200). "
        "Check the URL, or any proxy in front of the server."
    )


@pytest.mark.parametrize(
    ("method", "path", "body", "call"),
    [
        ("GET", "/instance/fetchInstances", {"instances": []}, "list_instances"),
        ("GET", "/instance/fetchInstances", [{"id": "x"}], "list_instances"),
        ("GET", "/instance/fetchInstances", ["loja-sp"], "list_instances"),
        ("GET", "/instance/connectionState/loja-sp", {"instance": {}}, "connection_state"),
        ("GET", "/instance/connectionState/loja-sp", [], "connection_state"),
        ("GET", "/webhook/find/loja-sp", {"url": "https://x"}, "find_webhook"),
        ("GET", "/webhook/find/loja-sp", {"enabled": True, "events": "ALL"}, "find_webhook"),
        ("GET", "/webhook/find/loja-sp", "ok", "find_webhook"),
        ("GET", "/websocket/find/loja-sp", {"enabled": "yes"}, "find_websocket"),
        ("GET", "/", [1, 2], "server_info"),
    ],
)
async def test_synthetic_json_of_the_wrong_shape(
    router: respx.MockRouter,
    make: MakeClient,
    method: str,
    path: str,
    body: object,
    call: str,
):
    router.route(method=method, url=BASE + path).respond(200, json=body)
    client = make()
    with pytest.raises(UnexpectedResponse) as caught:
        if call in ("list_instances", "server_info"):
            await getattr(client, call)()
        else:
            await getattr(client, call)("loja-sp")
    assert str(caught.value).startswith(f"The server at {SHOWN} answered in a form evodesk")


# --- what the client refuses to send ----------------------------------------------------


async def test_enabled_webhook_needs_a_real_url(router: respx.MockRouter, make: MakeClient):
    route = router.post("/webhook/set/loja-sp").respond(201, json={})
    client = make()
    for url in ("", "ftp://x", "https://", "not a url"):
        with pytest.raises(InvalidInput):
            await client.set_webhook("loja-sp", enabled=True, url=url, events=[])
    assert not route.called


async def test_events_must_be_a_list_not_a_string(router: respx.MockRouter, make: MakeClient):
    route = router.post("/websocket/set/loja-sp").respond(201, json={"enabled": True})
    with pytest.raises(TypeError):
        await make().set_websocket("loja-sp", enabled=True, events="MESSAGES_UPSERT")
    assert not route.called


async def test_instance_names_are_quoted_in_paths(router: respx.MockRouter, make: MakeClient):
    route = router.get(url=BASE + "/webhook/find/loja%20sp%2F2").respond(
        200, content=b"null", content_type="application/json"
    )
    assert await make().find_webhook("loja sp/2") is None
    assert route.called
    assert route.calls.last.request.url.raw_path == b"/api/webhook/find/loja%20sp%2F2"


async def test_bad_key_is_bad_key_on_every_route(router: respx.MockRouter, make: MakeClient):
    router.route().respond(
        401, json={"status": 401, "error": "Unauthorized", "response": {"message": "Unauthorized"}}
    )
    client = make()
    calls: list[Callable[[], Awaitable[object]]] = [
        client.list_instances,
        lambda: client.connection_state("a"),
        lambda: client.find_webhook("a"),
        lambda: client.set_webhook("a", enabled=False, url="", events=[]),
        lambda: client.find_websocket("a"),
        lambda: client.set_websocket("a", enabled=False, events=[]),
        lambda: client.restart_instance("a"),
        lambda: client.connect_instance("a"),
        lambda: client.logout_instance("a"),
    ]
    for call in calls:
        with pytest.raises(BadApiKey):
            await call()


@pytest.mark.parametrize("depth", [65, 5_000, 200_000])
async def test_synthetic_json_nested_absurdly_deep(
    router: respx.MockRouter, make: MakeClient, depth: int
):
    # json itself gives up on the deepest with RecursionError; every depth past the
    # bound is the same clear answer, and the client stays usable.
    body = ('{"message":' * depth + '"x"' + "}" * depth).encode()
    router.get("/webhook/find/loja-sp").respond(200, content=body, content_type="application/json")
    with pytest.raises(UnexpectedResponse) as caught:
        await make().find_webhook("loja-sp")
    assert str(caught.value) == (
        f"The server at {SHOWN} sent an answer that is not valid JSON (HTTP 200). "
        "Check the URL, or any proxy in front of the server."
    )


async def test_synthetic_json_nested_as_deep_as_allowed_is_read(
    router: respx.MockRouter, make: MakeClient
):
    # An error body 64 levels deep still yields the server's message.
    body = ('{"message":' * 63 + '"not here"' + "}" * 63).encode()
    router.get("/webhook/find/loja-sp").respond(400, content=body, content_type="application/json")
    with pytest.raises(ValidationFailed) as caught:
        await make().find_webhook("loja-sp")
    assert str(caught.value) == "The server rejected the request: not here."


@pytest.mark.parametrize(
    ("status", "body", "template", "args"),
    [
        (500, None, "The server failed while handling the request (HTTP %1).", ("500",)),
        (
            502,
            {"status": 502, "response": {"message": "upstream down. Try later"}},
            "The server failed while handling the request (HTTP %1): %2",
            ("502", "upstream down. Try later."),
        ),
        (418, None, "The server answered HTTP %1.", ("418",)),
        (
            418,
            {"status": 418, "error": "I'm a teapot"},
            "The server answered HTTP %1: %2",
            ("418", "I'm a teapot."),
        ),
    ],
)
async def test_status_wording_is_made_from_a_listed_template(
    router: respx.MockRouter,
    make: MakeClient,
    status: int,
    body: object,
    template: str,
    args: tuple[str, ...],
):
    """The window translates these by the template they were made from: the status and
    the server's reason are its parts, so they come through as they were."""
    route = router.get("/instance/fetchInstances")
    if body is None:
        route.respond(status)
    else:
        route.respond(status, json=body)
    with pytest.raises(ServerError) as caught:
        await make().list_instances()
    made = TemplateMatcher(read_templates()).match(str(caught.value))
    assert made == Text(template, args)


@pytest.mark.parametrize(
    ("status", "location", "address"),
    [
        # http:// to https:// on the same path: the address is the part before it.
        (301, "https://evo.test/api/instance/fetchInstances", "https://evo.test/api"),
        (308, "/v2/instance/fetchInstances", "https://evo.test/v2"),  # relative, a prefix
        (302, "https://login.example.com/sso?next=1", "https://login.example.com/sso?next=1"),
    ],
)
async def test_a_redirect_says_where_the_server_is(
    router: respx.MockRouter, make: MakeClient, status: int, location: str, address: str
):
    # evodesk follows no redirect (its key would go along); it says where to go instead
    # of calling the answer plain text or an HTML page.
    router.get("/instance/fetchInstances").respond(
        status, headers={"Location": location}, html="<html><title>Moved</title></html>")
    with pytest.raises(UnexpectedResponse) as caught:
        await make().list_instances()
    assert str(caught.value) == (
        f"The server at {SHOWN} redirects to {address} (HTTP {status}): "
        "use that address for the server.")
    made = TemplateMatcher(read_templates()).match(str(caught.value))
    assert made == Text("The server at %1 redirects to %2 (HTTP %3): use that address for "
                        "the server.", (SHOWN, address, str(status)))


async def test_a_redirect_to_nowhere_says_so(router: respx.MockRouter, make: MakeClient):
    router.get("/").respond(302)
    with pytest.raises(UnexpectedResponse) as caught:
        await make().server_info()
    assert str(caught.value) == (
        f"The server at {SHOWN} answered with a redirect (HTTP 302) that names no address. "
        "Check the URL.")
