"""Every REST capture of the real Evolution 2.3.6 server replayed against the sandbox:
same status, same content type, same body shape (keys, value types, and values apart
from ids and timestamps)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from evodesk.sandbox import Sandbox
from tests.test_sandbox_support import (
    FIXTURES,
    Receiver,
    load_capture,
    receiver,
    shape_diff,
)

CAPTURED_KEY = "evo-local-test-key-0123456789"
CAPTURED_HOOK_BASE = "http://127.0.0.1:18099"
CAPTURED_SERVER = "http://127.0.0.1:18080"

Scene = Callable[[Sandbox, httpx.AsyncClient], Awaitable[None]]


async def _offline_test1(sb: Sandbox, http: httpx.AsyncClient) -> None:
    # The capture server had no phone: test1 kept falling from "connecting" back to
    # "close" on its own (43 reads close). The sandbox's instance holds still, so the
    # replay puts it where the real one was.
    await sb.phone_offline("test1")


async def _reconnect_test1(sb: Sandbox, http: httpx.AsyncClient) -> None:
    # ...and 8 s later the real server had reconnected it by itself (44 reads connecting).
    r = await http.get("/instance/connect/test1", headers={"apikey": CAPTURED_KEY})
    assert r.status_code == 200


async def _delete_test1(sb: Sandbox, http: httpx.AsyncClient) -> None:
    # test1 was deleted between the captures 24b and 60 (64 lists no instance).
    r = await http.delete("/instance/delete/test1", headers={"apikey": CAPTURED_KEY})
    assert r.status_code == 200, r.text


# Real order of the session, read from the rows' timestamps: the 37/38 and
# 28/29/24b/32b follow-ups were captured after test2's group.
FLOW: list[str | Scene] = [
    "00_root",
    "01_fetchInstances_noauth",
    "02_fetchInstances_empty",
    "03_fetchInstances_badkey",
    "10_instance_create_test1",
    "11_fetchInstances_after_create",
    "12_connectionState_test1",
    "20_webhook_find_before_set",
    "21_websocket_find_before_set",
    "22_webhook_set_flat_body_v1style",
    "23_webhook_set_no_events",
    "24_webhook_set_ok",
    "25_webhook_find_after_set",
    "26_webhook_set_bad_event",
    "27_webhook_find_unknown_instance",
    "30_websocket_set_flat_body",
    "31_websocket_set_no_events",
    "32_websocket_set_ok",
    "33_websocket_find_after_set",
    "34_websocket_find_unknown_instance",
    "35_fetchInstances_after_sets",
    "36_fetchInstances_by_name",
    "40_instance_connect_test1",
    "41_connectionState_after_connect",
    _offline_test1,
    "42_instance_logout_test1",
    "43_connectionState_after_logout",
    _reconnect_test1,
    "44_connectionState_after_logout_8s",
    "45_instance_restart_test1",
    _offline_test1,
    "46_connectionState_after_restart",
    "50_instance_create_test2",
    "51_instance_create_duplicate",
    "52_webhook_find_test2",
    "53_websocket_find_test2",
    "54_instance_connect_test2",
    "55_instance_delete_test2",
    "56_fetchInstances_after_delete",
    "57_instance_delete_unknown",
    "37_websocket_set_disable",
    "38_websocket_set_enabled_empty_events",
    "32b_websocket_set_ok_again",
    "28_webhook_set_disable",
    "29_webhook_set_empty_url",
    "24b_webhook_set_ok_again",
    _delete_test1,
    "60_instance_create_qrcode_true",
    "61_instance_create_missing_integration",
    "62_instance_create_bad_integration",
    "63_instance_delete_qr1",
    "64_fetchInstances_final",
    "70_create_tok1",
    "71_create_tok2",
    "72_fetchInstances_with_instance_token",
    "73_webhook_find_tok1_with_own_token",
    "74_webhook_find_tok2_with_tok1_token",
    "75_websocket_set_tok1_with_own_token",
    "76_create_with_instance_token",
    "77_delete_tok1",
    "78_delete_tok2",
    "79_fetchInstances_end",
]


def _swap(value: Any, old: str, new: str) -> Any:
    return json.loads(json.dumps(value).replace(old, new))


async def _replay(sb: Sandbox, http: httpx.AsyncClient, name: str, hooks: Receiver) -> list[str]:
    capture = load_capture(name + ".json")
    req, want = capture["request"], capture["response"]
    body = _swap(req["body"], CAPTURED_HOOK_BASE, hooks.url)
    expected = _swap(want["body"], CAPTURED_HOOK_BASE, hooks.url)
    r = await http.request(
        req["method"],
        req["path"],
        headers=req["headers"],
        content=None if body is None else json.dumps(body).encode(),
    )
    problems = []
    if r.status_code != want["status"]:
        problems.append(f"status {r.status_code}, expected {want['status']}")
    if r.headers.get("content-type") != want["content_type"]:
        problems.append(
            f"content type {r.headers.get('content-type')}, expected {want['content_type']}"
        )
    try:
        got = r.json()
    except ValueError:
        return [*problems, f"not JSON: {r.text[:200]!r}"]
    problems += shape_diff(expected, got)
    return [f"{name}: {p}" for p in problems]


def test_the_flow_replays_every_rest_capture_once() -> None:
    names = [step for step in FLOW if isinstance(step, str)]
    on_disk = sorted(p.stem for p in FIXTURES.glob("[0-9]*.json"))
    assert sorted(names) == on_disk
    assert len(names) == len(set(names))


async def test_every_rest_capture_replays_identically() -> None:
    async with (
        receiver() as hooks,
        Sandbox(api_key=CAPTURED_KEY, instances=0) as sb,
        httpx.AsyncClient(base_url=sb.url, timeout=10) as http,
    ):
        # The capture server could not reach WhatsApp: nothing ever got paired.
        sb.auto_pair = False
        problems: list[str] = []
        for step in FLOW:
            if isinstance(step, str):
                problems += await _replay(sb, http, step, hooks)
            else:
                await step(sb, http)
        assert problems == []


async def test_webhook_deliveries_of_the_replay_match_the_captured_ones() -> None:
    """test2's deletion reaches its webhook in the order the real server emitted it,
    and test1's deliveries carry the captured envelope."""
    captured_test2 = [
        row for row in load_capture("socket_test2_events.jsonl") if row["kind"] == "event"
    ]
    captured_hook = load_capture("webhook_received.jsonl")
    async with (
        receiver() as hooks,
        Sandbox(api_key=CAPTURED_KEY, instances=0) as sb,
        httpx.AsyncClient(base_url=sb.url, timeout=10) as http,
    ):
        sb.auto_pair = False
        tokens: dict[str, str] = {}
        for step in FLOW[: FLOW.index("57_instance_delete_unknown")]:
            if isinstance(step, str):
                await _replay(sb, http, step, hooks)
                tokens.update({n: sb.token_of(n) for n in sb.instance_names})
            else:
                await step(sb, http)
        await sb.webhooks_idle()
        hits = hooks.drain()

    by_path: dict[str, list[dict[str, Any]]] = {}
    for hit in hits:
        by_path.setdefault(hit.path, []).append(hit.body)

    test2 = by_path["/hook2"]

    # The real server's reconnect loop repeats "connecting"; compare the distinct sequence.
    def collapse(events: list[str]) -> list[str]:
        return [e for i, e in enumerate(events) if i == 0 or e != events[i - 1]]

    assert collapse([b["event"] for b in test2]) == collapse([r["event"] for r in captured_test2])
    assert {b["apikey"] for b in test2} == {tokens["test2"]}
    for got, want in zip(test2[-5:], captured_test2[-5:], strict=True):
        want_body = dict(want["args"][0])
        want_body["destination"] = hooks.url + "/hook2"
        want_body = _swap(want_body, CAPTURED_SERVER, sb.url)
        assert list(got) == [
            "event",
            "instance",
            "data",
            "destination",
            "date_time",
            "server_url",
            "apikey",
        ]
        assert shape_diff(_comparable(want_body), _comparable(got)) == []

    first = by_path["/hook"][0]
    want = _swap(captured_hook[0]["body"], CAPTURED_HOOK_BASE, hooks.url)
    want = _swap(want, CAPTURED_SERVER, sb.url)
    want["apikey"] = tokens["test1"]
    assert list(first) == list(want)
    assert shape_diff(want, first) == []


def _comparable(body: dict[str, Any]) -> dict[str, Any]:
    """status.instance carries the disconnection as a JSON string holding a date; that
    string's own shape is compared after decoding it. Tokens are checked separately."""
    out: dict[str, Any] = json.loads(json.dumps(body))
    data = out.get("data")
    if isinstance(data, dict) and isinstance(data.get("disconnectionObject"), str):
        inner = json.loads(data["disconnectionObject"])
        inner.pop("date", None)
        data["disconnectionObject"] = inner
    out.pop("apikey", None)
    return out
