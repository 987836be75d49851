"""EvolutionClient across server versions: v1.8 shapes, key checks with and without
/verify-creds, and the 2.4 licence gate (synthetic answers built from the API notes)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
import respx

from evodesk.domain.errors import (
    BadApiKey,
    ServerError,
    ServerNotActivated,
    UnexpectedResponse,
    UnsupportedServer,
)
from evodesk.domain.events import parse_version
from evodesk.domain.models import ConnectionState, RemoteInstance, ServerInfo, WebhookRow
from evodesk.domain.models import WebsocketRow as WsRow
from evodesk.infra.evolution import EvolutionClient

BASE = "https://evo.test"
KEY = "global-key-for-tests"
MakeClient = Callable[..., EvolutionClient]


@pytest.fixture
def router() -> respx.MockRouter:
    return respx.MockRouter(assert_all_called=False, base_url=BASE)


@pytest.fixture
async def make(router: respx.MockRouter) -> AsyncIterator[MakeClient]:
    opened: list[EvolutionClient] = []

    def factory(*, version: str | None = None) -> EvolutionClient:
        client = EvolutionClient(
            BASE, KEY, version=version, transport=httpx.MockTransport(router.async_handler)
        )
        opened.append(client)
        return client

    yield factory
    for client in opened:
        await client.aclose()


def sent_json(route: respx.Route) -> object:
    return json.loads(route.calls.last.request.content)


V1_ROOT = {
    "status": 200,
    "message": "Welcome to the Evolution API, it is working!",
    "version": "1.8.2",
    "swagger": "https://evo.test/docs",
    "manager": "https://evo.test/manager",
    "documentation": "https://doc.evolution-api.com",
}


# --- v1.8 (synthetic) -------------------------------------------------------------


async def test_synthetic_v1_root_has_no_client_name(router: respx.MockRouter, make: MakeClient):
    router.get("/").respond(200, json=V1_ROOT)
    client = make()
    info = await client.server_info()
    assert info == ServerInfo(
        version="1.8.2", client_name=None, major=1, minor=8, manager_url=V1_ROOT["manager"]
    )
    assert info.is_v1
    assert client.is_v1
    assert client.version == "1.8.2"


async def test_synthetic_detected_v1_restarts_with_put(router: respx.MockRouter, make: MakeClient):
    router.get("/").respond(200, json=V1_ROOT)
    put = router.put("/instance/restart/loja-sp").respond(
        200, json={"instance": {"instanceName": "loja-sp", "state": "open"}}
    )
    client = make()
    await client.server_info()
    await client.restart_instance("loja-sp")
    assert put.called


async def test_synthetic_v2_restarts_with_post(router: respx.MockRouter, make: MakeClient):
    post = router.post("/instance/restart/loja-sp").respond(200, json={"count": 0})
    await make(version="2.4.0").restart_instance("loja-sp")
    assert post.called


async def test_synthetic_v1_fetch_instances_shape(router: respx.MockRouter, make: MakeClient):
    router.get("/instance/fetchInstances").respond(
        200,
        json=[
            {
                "instance": {
                    "instanceName": "loja-sp",
                    "instanceId": "5f1c",
                    "owner": "5511999990000@s.whatsapp.net",
                    "profileName": "Loja SP",
                    "profilePictureUrl": None,
                    "profileStatus": "",
                    "status": "open",
                    "serverUrl": BASE,
                    "apikey": "v1-instance-secret",
                    "integration": {"integration": "WHATSAPP-BAILEYS", "token": "v1-int-secret"},
                }
            },
            {"instance": {"instanceName": "loja-rj", "status": "close"}},
        ],
    )
    result = await make(version="1.8.2").list_instances()
    assert result == [
        RemoteInstance(
            name="loja-sp",
            evolution_id="5f1c",
            connection_state=ConnectionState.OPEN,
            owner_jid="5511999990000@s.whatsapp.net",
            profile_name="Loja SP",
            integration="WHATSAPP-BAILEYS",
        ),
        RemoteInstance(name="loja-rj", connection_state=ConnectionState.CLOSE),
    ]
    assert "v1-instance-secret" not in repr(result)
    assert "v1-int-secret" not in repr(result)


async def test_synthetic_v1_webhook_flat_body(router: respx.MockRouter, make: MakeClient):
    sent_row = {
        "enabled": True,
        "url": "https://hooks.example/in",
        "webhook_by_events": True,
        "webhook_base64": True,
        "events": ["MESSAGES_UPSERT"],
    }
    # 1.8 answers with the instance and the data it was given, nested under "webhook".
    route = router.post("/webhook/set/loja-sp").respond(
        201, json={"webhook": {"instanceName": "loja-sp", "webhook": sent_row}}
    )
    row = await make(version="1.8.2").set_webhook(
        "loja-sp",
        enabled=True,
        url="https://hooks.example/in",
        events=["MESSAGES_UPSERT"],
        by_events=True,
        base64=True,
    )
    assert sent_json(route) == sent_row
    assert row == WebhookRow(
        enabled=True,
        url="https://hooks.example/in",
        events=("MESSAGES_UPSERT",),
        by_events=True,
        base64=True,
    )


async def test_synthetic_v1_webhook_find_defaults_object(
    router: respx.MockRouter, make: MakeClient
):
    router.get("/webhook/find/loja-sp").respond(
        200, json={"enabled": False, "url": "", "events": [], "webhook_by_events": False}
    )
    assert await make(version="1.8.2").find_webhook("loja-sp") == WebhookRow(enabled=False, url="")


async def test_synthetic_v1_refuses_webhook_headers_without_sending(
    router: respx.MockRouter, make: MakeClient
):
    route = router.post("/webhook/set/loja-sp").respond(201, json={})
    with pytest.raises(UnsupportedServer) as caught:
        await make(version="1.8.2").set_webhook(
            "loja-sp",
            enabled=True,
            url="https://hooks.example/in",
            events=[],
            headers={"authorization": "Bearer x"},
        )
    assert "1.8.2" in str(caught.value)
    assert not route.called


async def test_synthetic_v1_websocket_flat_body(router: respx.MockRouter, make: MakeClient):
    data = {"enabled": True, "events": ["CONNECTION_UPDATE"]}
    route = router.post("/websocket/set/loja-sp").respond(
        201, json={"websocket": {"instanceName": "loja-sp", "websocket": data}}
    )
    row = await make(version="1.8.2").set_websocket(
        "loja-sp", enabled=True, events=["CONNECTION_UPDATE"]
    )
    assert sent_json(route) == data
    assert row == WsRow(enabled=True, events=("CONNECTION_UPDATE",))


async def test_synthetic_v1_websocket_find_defaults_object(
    router: respx.MockRouter, make: MakeClient
):
    router.get("/websocket/find/loja-sp").respond(200, json={"enabled": False, "events": []})
    assert await make(version="1.8.2").find_websocket("loja-sp") == WsRow(enabled=False)


async def test_synthetic_old_connection_state_shape(router: respx.MockRouter, make: MakeClient):
    router.get("/instance/connectionState/loja-sp").respond(200, json={"state": "connecting"})
    assert await make().connection_state("loja-sp") is ConnectionState.CONNECTING


async def test_synthetic_unheard_of_state_is_unknown(router: respx.MockRouter, make: MakeClient):
    router.get("/instance/connectionState/loja-sp").respond(
        200, json={"instance": {"instanceName": "loja-sp", "state": "refused"}}
    )
    assert await make().connection_state("loja-sp") is ConnectionState.UNKNOWN


async def test_synthetic_root_without_version_is_not_evolution(
    router: respx.MockRouter, make: MakeClient
):
    router.get("/").respond(200, json={"status": 200, "message": "hello"})
    client = make()
    with pytest.raises(UnexpectedResponse):
        await client.server_info()
    assert client.version is None


# --- key checks -------------------------------------------------------------------


@pytest.mark.parametrize(("status", "accepted"), [(200, True), (401, False)])
async def test_synthetic_verify_creds(
    router: respx.MockRouter, make: MakeClient, status: int, accepted: bool
):
    body = {"status": status, "message": "ok"} if accepted else {"status": 401}
    route = router.post("/verify-creds").respond(status, json=body)
    assert await make(version="2.3.7").check_key() is accepted
    assert route.calls.last.request.headers["apikey"] == KEY


@pytest.mark.parametrize(("status", "accepted"), [(200, True), (401, False)])
async def test_synthetic_check_key_falls_back_when_route_is_missing(
    router: respx.MockRouter, make: MakeClient, status: int, accepted: bool
):
    router.post("/verify-creds").respond(
        404, text="<!DOCTYPE html><pre>Cannot POST /verify-creds</pre>", content_type="text/html"
    )
    listing = router.get("/instance/fetchInstances").respond(
        status, json=[] if accepted else {"status": 401, "response": {"message": "Unauthorized"}}
    )
    assert await make().check_key() is accepted
    assert listing.called


async def test_synthetic_v1_checks_key_without_verify_creds(
    router: respx.MockRouter, make: MakeClient
):
    verify = router.post("/verify-creds").respond(200, json={})
    router.get("/instance/fetchInstances").respond(200, json=[])
    assert await make(version="1.8.2").check_key() is True
    assert not verify.called


async def test_synthetic_check_key_on_html_is_not_true(router: respx.MockRouter, make: MakeClient):
    router.post("/verify-creds").respond(200, html="<html><title>Welcome</title></html>")
    with pytest.raises(UnexpectedResponse):
        await make().check_key()


# --- 2.4 licence gate -------------------------------------------------------------

LICENCE_503 = {
    "error": "service not activated",
    "code": "LICENSE_REQUIRED",
    "message": "Activate this server in the manager.",
}


async def test_synthetic_2_4_licence_gate(router: respx.MockRouter, make: MakeClient):
    router.get("/instance/fetchInstances").respond(503, json=LICENCE_503)
    with pytest.raises(ServerNotActivated) as caught:
        await make(version="2.4.0").list_instances()
    assert str(caught.value) == "This server is not activated (licence required)."
    assert caught.value.status == 503


async def test_synthetic_2_4_licence_gate_on_key_check(router: respx.MockRouter, make: MakeClient):
    router.post("/verify-creds").respond(503, json=LICENCE_503)
    with pytest.raises(ServerNotActivated):
        await make(version="2.4.0").check_key()


async def test_synthetic_other_503_is_a_plain_server_error(
    router: respx.MockRouter, make: MakeClient
):
    router.get("/instance/fetchInstances").respond(
        503, json={"status": 503, "error": "Service Unavailable"}
    )
    with pytest.raises(ServerError) as caught:
        await make().list_instances()
    assert not isinstance(caught.value, ServerNotActivated | BadApiKey)
    assert str(caught.value) == (
        "The server failed while handling the request (HTTP 503): Service Unavailable."
    )


# --- version strings past what int() reads ----------------------------------------------


@pytest.mark.parametrize(
    ("version", "parsed"),
    [
        ("2" * 4400, (0, 0)),
        ("2." + "3" * 4400, (2, 0)),
        ("v1234567890.1", (0, 0)),
        ("123456789.987654321", (123456789, 987654321)),
        ("2.3.7", (2, 3)),
    ],
)
def test_parse_version_bounds_the_digits(version: str, parsed: tuple[int, int]) -> None:
    assert parse_version(version) == parsed


async def test_server_with_a_huge_version_number(router: respx.MockRouter, make: MakeClient):
    router.get("/").respond(200, json={"version": "2" * 4400})
    client = make()
    info = await client.server_info()
    assert (info.major, info.minor) == (0, 0)
    assert not client.is_v1
