"""EvolutionClient against the real 2.3.6 captures: every REST capture is replayed
through respx and checked against what the client returns, raises and sends."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import respx

from evodesk.domain.errors import (
    BadApiKey,
    InvalidInput,
    ServerError,
    UnknownInstance,
    ValidationFailed,
)
from evodesk.domain.events import EVENTS_2_3
from evodesk.domain.models import ConnectionState, RemoteInstance, ServerInfo, WebhookRow
from evodesk.domain.models import WebsocketRow as WsRow
from evodesk.infra.evolution import EvolutionClient, shapes

BASE = "http://evo.test:8080"
_CANDIDATE_DIRS = (
    Path(__file__).parent / "fixtures" / "evolution-2.3.6",
    Path("/work/shared/fixtures/evolution-2.3.6"),
)


def _captures_dir() -> Path:
    override = os.environ.get("EVODESK_EVOLUTION_CAPTURES")
    if override:
        return Path(override)
    for candidate in _CANDIDATE_DIRS:
        if candidate.is_dir():
            return candidate
    raise AssertionError(f"no Evolution capture folder among {_CANDIDATE_DIRS}")


CAPTURES = _captures_dir()


@dataclass(frozen=True)
class Capture:
    name: str
    method: str
    path: str
    headers: dict[str, str]
    body: object
    status: int
    content_type: str
    answer: object

    @property
    def key(self) -> str | None:
        return self.headers.get("apikey")


def _is_rest_capture(path: Path) -> bool:
    data = json.loads(path.read_text(encoding="utf-8"))
    return isinstance(data, dict) and "request" in data and "response" in data


def rest_capture_names() -> list[str]:
    return sorted(p.name for p in CAPTURES.glob("*.json") if _is_rest_capture(p))


def load(name: str) -> Capture:
    data = json.loads((CAPTURES / name).read_text(encoding="utf-8"))
    request, response = data["request"], data["response"]
    return Capture(
        name=name,
        method=request["method"],
        path=request["path"],
        headers=dict(request.get("headers") or {}),
        body=request.get("body"),
        status=response["status"],
        content_type=response["content_type"],
        answer=response["body"],
    )


def mount(router: respx.MockRouter, capture: Capture) -> respx.Route:
    """A route answering exactly the captured status, content type and body."""
    return router.route(method=capture.method, url=BASE + capture.path).respond(
        status_code=capture.status,
        content=json.dumps(capture.answer).encode(),
        headers={"content-type": capture.content_type},
    )


@dataclass
class Harness:
    capture: Capture
    route: respx.Route
    router: respx.MockRouter
    opened: list[EvolutionClient] = field(default_factory=list)

    def client(self, *, version: str | None = None) -> EvolutionClient:
        key = self.capture.key or "key-not-in-capture"
        client = EvolutionClient(
            BASE, key, transport=httpx.MockTransport(self.router.async_handler), version=version
        )
        self.opened.append(client)
        return client

    def sent_body(self) -> object:
        return json.loads(self.route.calls.last.request.content)


Expectation = Callable[[Harness], Awaitable[None]]
EXPECT: dict[str, Expectation] = {}


def expects(*names: str) -> Callable[[Expectation], Expectation]:
    def register(expectation: Expectation) -> Expectation:
        for name in names:
            assert name not in EXPECT, f"{name} has two expectations"
            EXPECT[name] = expectation
        return expectation

    return register


@asynccontextmanager
async def harness(name: str) -> AsyncIterator[Harness]:
    capture = load(name)
    router = respx.MockRouter(assert_all_called=False)
    h = Harness(capture, mount(router, capture), router)
    try:
        yield h
    finally:
        for client in h.opened:
            await client.aclose()


def contains(outer: object, inner: object) -> bool:
    """Every key/value of `inner` is in `outer`, recursively (lists compare whole)."""
    if isinstance(inner, dict):
        return isinstance(outer, dict) and all(
            k in outer and contains(outer[k], v) for k, v in inner.items()
        )
    return outer == inner


# --- the captures -----------------------------------------------------------------


@expects("00_root.json")
async def _root(h: Harness) -> None:
    client = h.client()
    info = await client.server_info()
    assert info == ServerInfo(
        version="2.3.6",
        client_name="evolution_local",
        major=2,
        minor=3,
        manager_url="http://127.0.0.1:18080/manager",
        whatsapp_web_version="2.3000.1027934701",
    )
    assert client.version == "2.3.6"
    assert not client.is_v1
    assert "apikey" not in h.route.calls.last.request.headers


@expects("01_fetchInstances_noauth.json", "03_fetchInstances_badkey.json")
async def _refused_key(h: Harness) -> None:
    with pytest.raises(BadApiKey) as caught:
        await h.client().list_instances()
    assert str(caught.value) == "The server refused the API key."
    assert caught.value.status == 401
    # A server without /verify-creds checks the key through the instance list.
    assert await h.client(version="2.1.1").check_key() is False


@expects(
    "02_fetchInstances_empty.json", "64_fetchInstances_final.json", "79_fetchInstances_end.json"
)
async def _no_instances(h: Harness) -> None:
    assert await h.client().list_instances() == []
    assert await h.client(version="1.8.2").check_key() is True


def _no_token_kept(h: Harness, result: object) -> None:
    answer = h.capture.answer
    assert isinstance(answer, list)
    for row in answer:
        assert row["token"] not in repr(result)


@expects("11_fetchInstances_after_create.json")
async def _one_instance(h: Harness) -> None:
    result = await h.client().list_instances()
    assert result == [
        RemoteInstance(
            name="test1",
            evolution_id="a960ebac-d402-474b-b24a-e5700d31e342",
            connection_state=ConnectionState.CLOSE,
            integration="WHATSAPP-BAILEYS",
            websocket_enabled=None,
        )
    ]
    _no_token_kept(h, result)


_SEVEN = (
    "CONNECTION_UPDATE",
    "QRCODE_UPDATED",
    "LOGOUT_INSTANCE",
    "REMOVE_INSTANCE",
    "STATUS_INSTANCE",
    "INSTANCE_CREATE",
    "INSTANCE_DELETE",
)


@expects("35_fetchInstances_after_sets.json", "56_fetchInstances_after_delete.json")
async def _instances_with_websocket(h: Harness) -> None:
    result = await h.client().list_instances()
    assert [i.name for i in result] == ["test1"]
    assert result[0].websocket_enabled is True
    assert result[0].websocket_events == _SEVEN
    _no_token_kept(h, result)


@expects("72_fetchInstances_with_instance_token.json")
async def _instances_seen_with_instance_token(h: Harness) -> None:
    result = await h.client().list_instances()
    assert [i.name for i in result] == ["tok1"]
    _no_token_kept(h, result)


@expects("36_fetchInstances_by_name.json")
async def _instances_by_name(h: Harness) -> None:
    data = await h.client().request(
        "GET", "/instance/fetchInstances", params={"instanceName": "test1"}
    )
    assert data == h.capture.answer
    assert [i.name for i in shapes.instances(data)] == ["test1"]


@expects(
    "12_connectionState_test1.json",
    "41_connectionState_after_connect.json",
    "43_connectionState_after_logout.json",
    "44_connectionState_after_logout_8s.json",
    "46_connectionState_after_restart.json",
)
async def _connection_state(h: Harness) -> None:
    answer = h.capture.answer
    assert isinstance(answer, dict)
    expected = ConnectionState(answer["instance"]["state"])
    assert await h.client().connection_state("test1") is expected


@expects("20_webhook_find_before_set.json", "73_webhook_find_tok1_with_own_token.json")
async def _webhook_never_set(h: Harness) -> None:
    instance = h.capture.path.rsplit("/", 1)[1]
    assert await h.client().find_webhook(instance) is None


@expects("21_websocket_find_before_set.json")
async def _websocket_never_set(h: Harness) -> None:
    assert await h.client().find_websocket("test1") is None


@expects("22_webhook_set_flat_body_v1style.json")
async def _flat_webhook_body_on_v2(h: Harness) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await h.client().request("POST", "/webhook/set/test1", body=_dict(h.capture.body))
    assert str(caught.value) == (
        'The server rejected the request: instance requires property "webhook".'
    )
    assert caught.value.status == 400
    assert h.sent_body() == h.capture.body
    # A client told the server is v1 sends exactly this flat shape (plus the v1 flags).
    with pytest.raises(ValidationFailed):
        await h.client(version="1.8.2").set_webhook(
            "test1", enabled=True, url="http://127.0.0.1:18099/hook", events=["CONNECTION_UPDATE"]
        )
    assert contains(h.sent_body(), h.capture.body)


@expects("23_webhook_set_no_events.json", "31_websocket_set_no_events.json")
async def _missing_events_is_a_server_crash(h: Harness) -> None:
    with pytest.raises(ServerError) as caught:
        await h.client().request("POST", h.capture.path, body=_dict(h.capture.body))
    assert type(caught.value) is ServerError
    assert caught.value.status == 500
    assert str(caught.value) == (
        "The server failed while handling the request (HTTP 500): "
        "Cannot read properties of undefined (reading 'length')."
    )
    assert h.sent_body() == h.capture.body


@expects("30_websocket_set_flat_body.json")
async def _flat_websocket_body_on_v2(h: Harness) -> None:
    with pytest.raises(ServerError) as caught:
        await h.client(version="1.8.2").set_websocket(
            "test1", enabled=True, events=["CONNECTION_UPDATE"]
        )
    assert caught.value.status == 500
    assert str(caught.value).endswith("Cannot set properties of undefined (setting 'events').")
    assert h.sent_body() == h.capture.body


@expects("24_webhook_set_ok.json")
async def _webhook_set(h: Harness) -> None:
    row = await h.client().set_webhook(
        "test1",
        enabled=True,
        url="http://127.0.0.1:18099/hook",
        events=list(_SEVEN),
        headers={"X-Test": "1"},
    )
    assert h.sent_body() == h.capture.body
    assert row == WebhookRow(
        enabled=True, url="http://127.0.0.1:18099/hook", events=_SEVEN, headers={"X-Test": "1"}
    )


@expects("24b_webhook_set_ok_again.json")
async def _webhook_set_keeping_headers(h: Harness) -> None:
    row = await h.client().set_webhook(
        "test1", enabled=True, url="http://127.0.0.1:18099/hook", events=_SEVEN
    )
    sent = h.sent_body()
    assert contains(sent, h.capture.body)
    assert isinstance(sent, dict)
    assert "headers" not in sent["webhook"]
    assert row.headers == {"X-Test": "1"}


@expects("25_webhook_find_after_set.json")
async def _webhook_found(h: Harness) -> None:
    row = await h.client().find_webhook("test1")
    assert row == WebhookRow(
        enabled=True, url="http://127.0.0.1:18099/hook", events=_SEVEN, headers={"X-Test": "1"}
    )


@expects("52_webhook_find_test2.json")
async def _webhook_found_without_headers(h: Harness) -> None:
    row = await h.client().find_webhook("test2")
    assert row == WebhookRow(
        enabled=True,
        url="http://127.0.0.1:18099/hook2",
        events=(
            "CONNECTION_UPDATE",
            "REMOVE_INSTANCE",
            "LOGOUT_INSTANCE",
            "INSTANCE_DELETE",
            "STATUS_INSTANCE",
        ),
    )


@expects("26_webhook_set_bad_event.json")
async def _webhook_bad_event(h: Harness) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await h.client().set_webhook(
            "test1", enabled=True, url="http://127.0.0.1:18099/hook", events=["NOPE"]
        )
    message = str(caught.value)
    assert message.startswith(
        "The server rejected the request: webhook.events[0] is not one of enum values: "
        "APPLICATION_STARTUP,QRCODE_UPDATED,"
    )
    assert message.endswith("INSTANCE_DELETE,STATUS_INSTANCE.")
    assert contains(h.sent_body(), h.capture.body)


@expects("27_webhook_find_unknown_instance.json", "34_websocket_find_unknown_instance.json")
async def _unknown_instance(h: Harness) -> None:
    client = h.client()
    with pytest.raises(UnknownInstance) as caught:
        if "webhook" in h.capture.path:
            await client.find_webhook("nosuch")
        else:
            await client.find_websocket("nosuch")
    assert str(caught.value) == "Instance 'nosuch' does not exist on this server."
    assert caught.value.instance == "nosuch"
    assert caught.value.status == 404


@expects("28_webhook_set_disable.json")
async def _webhook_disable_keeps_url(h: Harness) -> None:
    row = await h.client().set_webhook(
        "test1", enabled=False, url="http://127.0.0.1:18099/hook", events=[]
    )
    sent = h.sent_body()
    assert contains(sent, h.capture.body)
    assert isinstance(sent, dict)
    assert sent["webhook"]["events"] == []
    assert row.enabled is False
    assert row.url == "http://127.0.0.1:18099/hook"
    assert row.events == ()


@expects("29_webhook_set_empty_url.json")
async def _webhook_empty_url(h: Harness) -> None:
    client = h.client()
    # The server stores an empty URL without complaint, so the client refuses to send one.
    with pytest.raises(InvalidInput):
        await client.set_webhook("test1", enabled=True, url="", events=["CONNECTION_UPDATE"])
    assert not h.route.called
    data = await client.request("POST", "/webhook/set/test1", body=_dict(h.capture.body))
    assert shapes.webhook_row(data).url == ""


@expects(
    "32_websocket_set_ok.json",
    "32b_websocket_set_ok_again.json",
    "75_websocket_set_tok1_with_own_token.json",
)
async def _websocket_set(h: Harness) -> None:
    instance = h.capture.path.rsplit("/", 1)[1]
    wanted = _dict(_dict(h.capture.body)["websocket"])["events"]
    assert isinstance(wanted, list)
    row = await h.client().set_websocket(instance, enabled=True, events=wanted)
    assert h.sent_body() == h.capture.body
    assert row == WsRow(enabled=True, events=tuple(wanted))


@expects("33_websocket_find_after_set.json")
async def _websocket_found(h: Harness) -> None:
    assert await h.client().find_websocket("test1") == WsRow(enabled=True, events=_SEVEN)


@expects("53_websocket_find_test2.json")
async def _websocket_found_test2(h: Harness) -> None:
    row = await h.client().find_websocket("test2")
    assert row is not None
    assert row.enabled is True
    assert "STATUS_INSTANCE" in row.events


@expects("37_websocket_set_disable.json")
async def _websocket_disable(h: Harness) -> None:
    row = await h.client().set_websocket("test1", enabled=False, events=[])
    sent = h.sent_body()
    assert contains(sent, h.capture.body)
    assert sent == {"websocket": {"enabled": False, "events": []}}
    assert row == WsRow(enabled=False)


@expects("38_websocket_set_enabled_empty_events.json")
async def _websocket_all_events(h: Harness) -> None:
    row = await h.client().set_websocket("test1", enabled=True, events=[])
    assert h.sent_body() == h.capture.body
    assert row == WsRow(enabled=True, events=EVENTS_2_3)


@expects("40_instance_connect_test1.json", "54_instance_connect_test2.json")
async def _connect(h: Harness) -> None:
    instance = h.capture.path.rsplit("/", 1)[1]
    assert await h.client().connect_instance(instance) is None


@expects("42_instance_logout_test1.json")
async def _logout_when_closed(h: Harness) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await h.client().logout_instance("test1")
    assert str(caught.value) == (
        'The server rejected the request: The "test1" instance is not connected.'
    )


@expects("45_instance_restart_test1.json")
async def _restart(h: Harness) -> None:
    assert await h.client(version="2.3.6").restart_instance("test1") is None


@expects(
    "10_instance_create_test1.json",
    "50_instance_create_test2.json",
    "60_instance_create_qrcode_true.json",
    "70_create_tok1.json",
    "71_create_tok2.json",
)
async def _create(h: Harness) -> None:
    data = await h.client().request("POST", "/instance/create", body=_dict(h.capture.body))
    assert data == h.capture.answer
    assert h.sent_body() == h.capture.body


@expects(
    "51_instance_create_duplicate.json",
    "61_instance_create_missing_integration.json",
    "62_instance_create_bad_integration.json",
)
async def _create_refused(h: Harness) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await h.client().request("POST", "/instance/create", body=_dict(h.capture.body))
    answer = _dict(h.capture.answer)
    reasons = _dict(answer["response"])["message"]
    assert isinstance(reasons, list)
    assert str(caught.value) == f"The server rejected the request: {reasons[0].rstrip('.')}."
    assert caught.value.status == h.capture.status


@expects("76_create_with_instance_token.json")
async def _create_with_instance_token(h: Harness) -> None:
    with pytest.raises(BadApiKey):
        await h.client().request("POST", "/instance/create", body=_dict(h.capture.body))


@expects("74_webhook_find_tok2_with_tok1_token.json")
async def _other_instance_token(h: Harness) -> None:
    with pytest.raises(BadApiKey):
        await h.client().find_webhook("tok2")


@expects(
    "55_instance_delete_test2.json",
    "63_instance_delete_qr1.json",
    "77_delete_tok1.json",
    "78_delete_tok2.json",
)
async def _delete(h: Harness) -> None:
    data = await h.client().request("DELETE", h.capture.path)
    assert data == {
        "status": "SUCCESS",
        "error": False,
        "response": {"message": "Instance deleted"},
    }


@expects("57_instance_delete_unknown.json")
async def _delete_unknown(h: Harness) -> None:
    # No instance is named to the call: the name comes from the server's message.
    with pytest.raises(UnknownInstance) as caught:
        await h.client().request("DELETE", "/instance/delete/nosuch")
    assert caught.value.instance == "nosuch"


def _dict(value: object) -> dict[str, object]:
    assert isinstance(value, dict)
    return value


# --- the harness ------------------------------------------------------------------


@pytest.mark.parametrize("name", rest_capture_names())
async def test_capture(name: str) -> None:
    assert name in EXPECT, f"{name} is a REST capture no test uses: add an @expects for it"
    async with harness(name) as h:
        await EXPECT[name](h)
    capture = h.capture
    assert h.route.called, f"{name}: the client never made the captured request"
    sent = h.route.calls.last.request
    assert sent.method == capture.method
    assert sent.url.raw_path.decode() == capture.path
    if capture.key is not None:
        assert sent.headers["apikey"] == capture.key


def test_every_rest_capture_has_an_expectation() -> None:
    names = set(rest_capture_names())
    assert len(names) >= 58  # the 2.3.6 recording session
    assert names - set(EXPECT) == set(), "REST captures without a test"
    assert set(EXPECT) - names == set(), "tests for captures that no longer exist"


def test_socket_captures_are_not_taken_for_rest() -> None:
    assert not any(name.startswith("py_socket_") for name in rest_capture_names())
    assert (CAPTURES / "py_socket_test1.json").exists()
