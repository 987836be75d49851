"""The sandbox's knobs and handle: faults, gates, socket breakage, traffic, bookkeeping."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

import httpx
import pytest
import socketio

from evodesk.cli import build_parser
from evodesk.sandbox import Sandbox
from tests.cli_support import cli_env
from tests.test_sandbox_support import WAIT, join_fails, recorder, rest, set_websocket

FAST_RECONNECT = {
    "reconnection_delay": 0.05,
    "reconnection_delay_max": 0.1,
    "randomization_factor": 0.0,
}


# ---- the handle --------------------------------------------------------------------------


async def test_handle_reports_its_url_port_names_and_tokens() -> None:
    sb = Sandbox(instances=2, api_key="k")
    assert sb.instance_names == ["sandbox-1", "sandbox-2"]
    async with sb:
        assert sb.url == f"http://127.0.0.1:{sb.port}" and sb.port > 0
        sb.add_instance("extra")
        assert sb.instance_names == ["sandbox-1", "sandbox-2", "extra"]
        tokens = {sb.token_of(n) for n in sb.instance_names}
        assert len(tokens) == 3
        async with rest(sb) as http:
            rows = (await http.get("/instance/fetchInstances")).json()
        assert [(r["name"], r["token"], r["connectionStatus"]) for r in rows] == [
            (n, sb.token_of(n), "open") for n in sb.instance_names
        ]
        assert all(r["ownerJid"].endswith("@s.whatsapp.net") for r in rows)
        with pytest.raises(KeyError):
            sb.token_of("nope")
    await sb.stop()  # a second stop is harmless


async def test_requests_are_logged_with_a_counter() -> None:
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http:
        await http.get("/")
        await http.get("/instance/fetchInstances", params={"instanceName": "a"})
        await http.post("/webhook/set/a", json={})
        assert sb.requests == [
            ("GET", "/"),
            ("GET", "/instance/fetchInstances"),
            ("POST", "/webhook/set/a"),
        ]
        assert sb.request_count == 3
        assert sb.requests[2].method == "POST"
        assert sb.requests.count_of("GET", "/") == 1


async def test_the_same_port_serves_before_and_after_a_restart() -> None:
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http:
        url = sb.url
        await sb.restart()
        assert sb.url == url
        assert (await http.get("/instance/connectionState/a")).json()["instance"]["state"] == "open"


# ---- REST rules that the captures do not show --------------------------------------------


async def test_instance_tokens_only_open_their_own_instance() -> None:
    async with Sandbox(instances=["a", "b"]) as sb:
        async with rest(sb, sb.token_of("a")) as http:
            assert (await http.get("/instance/connectionState/a")).status_code == 200
            assert (await http.get("/instance/connectionState/b")).status_code == 401
            rows = (await http.get("/instance/fetchInstances", params={"instanceName": "b"})).json()
            assert [r["name"] for r in rows] == ["a"]
            assert (await http.post("/verify-creds")).status_code == 401
        async with rest(sb, "wrong") as http:
            r = await http.get("/webhook/find/ghost")
            assert r.status_code == 404
            assert r.json()["response"]["message"] == ['The "ghost" instance does not exist']
            assert (await http.get("/")).status_code == 200
        async with rest(sb) as http:
            assert (await http.post("/verify-creds")).json() == {
                "status": 200,
                "message": "Credentials are valid",
            }


async def test_restarting_a_closed_instance_fails_inside_a_200() -> None:
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http:
        await sb.phone_offline("a")
        r = await http.post("/instance/restart/a")
        assert (r.status_code, r.json()) == (200, {"error": True, "message": "[object Object]"})
        r = await http.delete("/instance/logout/a")
        assert r.json()["response"]["message"] == ['The "a" instance is not connected']


async def test_stored_connection_status_lags_behind_connecting() -> None:
    async with Sandbox(instances=0) as sb, rest(sb) as http:
        sb.pair_delay = 3600  # the phone never gets to scan within this test
        await http.post(
            "/instance/create", json={"instanceName": "x", "integration": "WHATSAPP-BAILEYS"}
        )
        await http.get("/instance/connect/x")
        assert sb.state_of("x") == "connecting"
        row = (await http.get("/instance/fetchInstances")).json()[0]
        assert row["connectionStatus"] == "close"
        await sb.pair("x")
        row = (await http.get("/instance/fetchInstances")).json()[0]
        assert (row["connectionStatus"], sb.state_of("x")) == ("open", "open")
        assert row["ownerJid"] and row["profileName"]


async def test_malformed_requests_get_evolution_shaped_errors() -> None:
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http:
        r = await http.post(
            "/webhook/set/a", content=b"{nope", headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 400 and r.json()["error"] == "Bad Request"
        r = await http.get("/chat/whatever")
        assert (r.status_code, r.json()["response"]["message"]) == (
            404,
            ["Cannot GET /chat/whatever"],
        )
        r = await http.post(
            "/webhook/set/a",
            json={"webhook": {"enabled": "yes", "url": 5, "events": ["X", "CALL", "Y"]}},
        )
        messages = r.json()["response"]["message"]
        assert r.status_code == 400 and len(messages) == 1
        assert messages[0][:2] == [
            "webhook.enabled is not of a type(s) boolean",
            "webhook.url is not of a type(s) string",
        ]
        assert [m.split(" ")[0] for m in messages[0][2:]] == [
            "webhook.events[0]",
            "webhook.events[2]",
        ]
        r = await http.post("/websocket/set/a", json={"websocket": {}})
        assert r.json()["response"]["message"] == [['websocket requires property "enabled"']]
        r = await http.post("/instance/create", json={"integration": "WHATSAPP-BAILEYS"})
        assert r.json()["response"]["message"] == [['instance requires property "instanceName"']]


async def test_nan_and_infinity_are_refused_as_json_parse_refuses_them() -> None:
    # Node's JSON.parse has no NaN or Infinity: such a body is a 400, never a row whose
    # answers (here a header value) would be JSON no client can read.
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http:
        for constant in (b"NaN", b"Infinity", b"-Infinity"):
            body = (b'{"webhook":{"enabled":true,"url":"http://127.0.0.1:9/x","events":[],'
                    b'"headers":{"x-n":' + constant + b"}}}")
            r = await http.post("/webhook/set/a", content=body,
                                headers={"Content-Type": "application/json"})
            assert r.status_code == 400, r.text
            assert r.json()["error"] == "Bad Request"
            assert isinstance(r.json()["response"]["message"], str)
        find = await http.get("/webhook/find/a")
        assert find.status_code == 200 and find.text == "null"


async def test_a_body_nested_too_deep_gets_an_evolution_shaped_400() -> None:
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http:
        deep = b"[" * 100_000 + b"]" * 100_000
        for path in ("/webhook/set/a", "/websocket/set/a", "/instance/create"):
            r = await http.post(path, content=deep, headers={"Content-Type": "application/json"})
            assert (r.status_code, r.headers["Content-Type"]) == (
                400, "application/json; charset=utf-8"), r.text
            assert r.json()["error"] == "Bad Request"
        # The server is none the worse for it.
        r = await http.post("/websocket/set/a",
                            json={"websocket": {"enabled": True, "events": ["CALL"]}})
        assert r.status_code == 201


async def test_a_v1_version_string_drops_client_name_from_the_welcome() -> None:
    async with Sandbox(instances=0, version="1.8.2") as sb, rest(sb) as http:
        body = (await http.get("/")).json()
        assert body["version"] == "1.8.2" and "clientName" not in body


# ---- faults ------------------------------------------------------------------------------


async def test_latency_is_added_to_each_request() -> None:
    async with Sandbox(instances=["a"], latency=0.5) as sb, rest(sb) as http:
        start = time.monotonic()
        assert (await http.get("/")).status_code == 200
        assert time.monotonic() - start >= 0.5
        sb.latency = 0.0
        start = time.monotonic()
        await http.get("/")
        assert time.monotonic() - start < 0.5


async def test_injected_500_and_nginx_html() -> None:
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http:
        sb.error_rate = 1.0
        r = await http.get("/instance/fetchInstances")
        assert r.status_code == 500
        assert r.json() == {
            "status": 500,
            "error": "Internal Server Error",
            "response": {"message": "Sandbox: injected failure"},
        }
        sb.error_kind = "html"
        r = await http.get("/instance/fetchInstances")
        assert r.status_code == 502 and r.headers["content-type"].startswith("text/html")
        assert "<center>nginx</center>" in r.text
        with pytest.raises(ValueError):
            sb.error_kind = "teapot"
        sb.error_rate = 0.0
        assert (await http.get("/instance/fetchInstances")).status_code == 200


async def test_error_rate_hits_about_that_fraction() -> None:
    async with Sandbox(instances=["a"], seed=7) as sb, rest(sb) as http:
        sb.error_rate = 0.5
        codes = [(await http.get("/")).status_code for _ in range(60)]
        assert 10 < codes.count(500) < 50 and codes.count(200) == 60 - codes.count(500)


async def test_a_timeout_hangs_until_the_client_gives_up_and_never_blocks_stop() -> None:
    sb = Sandbox(instances=["a"])
    await sb.start()
    try:
        sb.error_rate, sb.error_kind = 1.0, "timeout"
        async with rest(sb, timeout=0.3) as http:
            with pytest.raises(httpx.ReadTimeout):
                await http.get("/instance/fetchInstances")
        async with rest(sb, timeout=60) as patient:
            pending = asyncio.ensure_future(patient.get("/instance/fetchInstances"))
            await asyncio.wait_for(sb.wait_for_requests(2), WAIT)
            start = time.monotonic()
            await sb.stop()
            assert time.monotonic() - start < 5
            done, _ = await asyncio.wait([pending], timeout=WAIT)
            assert done, "the hanging request outlived the sandbox"
            if pending.exception() is None:
                assert pending.result().status_code == 504
    finally:
        await sb.stop()


async def test_the_licence_gate_answers_503_except_the_welcome() -> None:
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http:
        sb.license_gate = True
        assert (await http.get("/")).status_code == 200
        for method, path in (
            ("GET", "/instance/fetchInstances"),
            ("POST", "/webhook/set/a"),
            ("POST", "/verify-creds"),
        ):
            r = await http.request(method, path)
            assert r.status_code == 503
            body = r.json()
            assert (body["status"], body["error"], body["code"]) == (
                503,
                "service not activated",
                "LICENSE_REQUIRED",
            )
        sb.license_gate = False
        assert (await http.get("/instance/fetchInstances")).status_code == 200


# ---- websocket server switches -----------------------------------------------------------


async def test_websockets_off_means_empty_answers_and_refused_handshakes() -> None:
    async with Sandbox(instances=["a"], websocket_enabled=False) as sb, rest(sb) as http:
        r = await http.post(
            "/websocket/set/a", json={"websocket": {"enabled": True, "events": ["CALL"]}}
        )
        assert (r.status_code, r.content) == (201, b"")
        r = await http.get("/websocket/find/a")
        assert (r.status_code, r.content) == (200, b"")
        # Schema errors still come first; controller crashes do not happen.
        r = await http.post(
            "/websocket/set/a", json={"websocket": {"enabled": True, "events": ["NOPE"]}}
        )
        assert r.status_code == 400
        assert (await http.post("/websocket/set/a", json={"enabled": True})).status_code == 201
        assert (await http.get("/instance/fetchInstances")).json()[0]["Websocket"] is None
        r = await http.get("/socket.io/", params={"EIO": "4", "transport": "polling"})
        assert r.status_code == 404
        async with recorder(reconnection=False) as rec:
            with pytest.raises(socketio.exceptions.ConnectionError):
                await rec.connect(sb, ["/"])
        sb.websocket_enabled = True
        assert (await http.get("/websocket/find/a")).json() is None


async def test_require_socket_key_refuses_handshakes_without_a_known_key() -> None:
    async with (
        Sandbox(instances=["a"], require_socket_key=True) as sb,
        httpx.AsyncClient(timeout=WAIT) as http,
    ):
        url = f"{sb.url}/socket.io/"
        handshake = {"EIO": "4", "transport": "polling"}
        r = await http.get(url, params=handshake)
        assert (r.status_code, r.json()) == (403, {"code": 4, "message": "apiKey is required"})
        r = await http.get(url, params={**handshake, "apikey": "wrong"})
        assert (r.status_code, r.json()) == (403, {"code": 4, "message": "Invalid global token"})
        assert (await http.get(url, params={**handshake, "apikey": sb.api_key})).status_code == 200
        assert (
            await http.get(url, params=handshake, headers={"apikey": sb.token_of("a")})
        ).status_code == 200
        async with recorder(reconnection=False) as rec:
            with pytest.raises(socketio.exceptions.ConnectionError):
                await rec.connect(sb, ["/"])
        async with recorder(reconnection=False) as rec:
            await rec.connect(sb, ["/"], headers={"apikey": sb.token_of("a")})
            assert (await rec.next_of("connect")).namespace == "/"
        sb.require_socket_key = False
        async with recorder(reconnection=False) as rec:
            await rec.connect(sb, ["/"])
            assert (await rec.next_of("connect")).namespace == "/"


async def test_dropped_sockets_reconnect_by_themselves() -> None:
    async with Sandbox(instances=["a"]) as sb, recorder(**FAST_RECONNECT) as rec:
        await set_websocket(sb, "a", ["CALL"])
        await sb.emit("a", "call", {})
        await rec.connect(sb, ["/a"])
        await rec.next_of("connect")
        assert sb.socket_clients == 1
        await sb.drop_sockets()
        assert (await rec.next_of("disconnect")).namespace == "/a"
        assert (await rec.next_of("connect")).namespace == "/a"
        await sb.emit("a", "call", {"after": "drop"})
        assert (await rec.next_event()).data["data"] == {"after": "drop"}


async def test_restart_makes_namespaces_vanish_until_the_next_emit() -> None:
    async with Sandbox(instances=["a", "b"]) as sb, recorder(**FAST_RECONNECT) as rec:
        await set_websocket(sb, "a", ["CALL"])
        await sb.emit("a", "call", {})
        await rec.connect(sb, ["/a"])
        await rec.next_of("connect")
        await sb.restart()
        assert sb.live_namespaces == set()
        assert (await rec.next_of("disconnect")).namespace == "/a"
        # The client's own retries now meet "Invalid namespace", like a fresh client.
        refused = await rec.next_of("connect_error")
        assert refused.data == {"message": "Invalid namespace"}
        data, _ = await join_fails(sb, "/a")
        assert data == {"message": "Invalid namespace"}
        # Another instance's traffic does not bring /a back.
        await set_websocket(sb, "b", ["CALL"])
        await sb.emit("b", "call", {})
        assert sb.live_namespaces == {"b"}
        await sb.emit("a", "call", {"first": "after restart"})
        assert (await rec.next_of("connect")).namespace == "/a"
        await sb.emit("a", "call", {"n": 2})
        assert (await rec.next_event()).data["data"] == {"n": 2}


# ---- traffic -----------------------------------------------------------------------------


async def test_traffic_flows_at_the_set_rate_and_stops_at_zero() -> None:
    async with Sandbox(instances=["a"], seed=3) as sb, recorder() as rec:
        await set_websocket(sb, "a", [])
        await sb.emit("a", "call", {})
        await rec.connect(sb, ["/a"])
        sb.set_rate("a", 400)
        assert sb.rate_of("a") == 400
        names = [(await rec.next_event()).name for _ in range(60)]
        assert {"messages.upsert", "messages.update"} <= set(names)
        assert set(names) <= {
            "messages.upsert",
            "messages.update",
            "connection.update",
            "qrcode.updated",
        }
        sb.set_rate("a", 0)
        await sb.emit("a", "call", {"marker": 1})
        while (await rec.next_event()).name != "call":
            pass  # traffic emitted before the rate change took effect
        await sb.emit("a", "call", {"marker": 2})
        assert (await rec.next_event()).data["data"] == {"marker": 2}
        assert sb.traffic_produced >= 60


async def test_traffic_carries_realistic_messages() -> None:
    async with Sandbox(instances=["a"], seed=11) as sb, recorder() as rec:
        await set_websocket(sb, "a", ["MESSAGES_UPSERT"])
        await sb.emit("a", "messages.upsert", {})
        await rec.connect(sb, ["/a"])
        sb.set_rate(None, 300)
        kinds: set[str] = set()
        while len(kinds) < 2:
            data = (await rec.next_event()).data["data"]
            assert set(data) == {
                "key",
                "pushName",
                "status",
                "message",
                "messageType",
                "messageTimestamp",
                "instanceId",
                "source",
            }
            assert set(data["key"]) >= {"remoteJid", "fromMe", "id"}
            assert isinstance(data["messageTimestamp"], int)
            if data["messageType"] == "conversation":
                assert isinstance(data["message"]["conversation"], str)
            else:
                media = data["message"][data["messageType"]]
                assert media["mimetype"] and media["fileLength"]
            kinds.add("text" if data["messageType"] == "conversation" else "media")


async def test_traffic_only_comes_from_open_instances_and_stop_ends_it() -> None:
    sb = Sandbox(instances=["a", "b"], rate=500.0)
    await sb.start()
    async with recorder() as rec:
        for name in ("a", "b"):
            await set_websocket(sb, name, [])
            await sb.emit(name, "call", {})
        await sb.phone_offline("b")
        await rec.connect(sb, ["/a", "/b"])
        seen = {(await rec.next_event()).namespace for _ in range(50)}
        assert seen == {"/a"}
    start = time.monotonic()
    await sb.stop()
    assert time.monotonic() - start < 5


# ---- the command line --------------------------------------------------------------------


async def test_the_command_line_serves_binary_fields() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "evodesk", "sandbox", "--port", "0", "--instances", "1",
        "--api-key", "cli-key", "--rate", "200", "--binary-fields",
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=cli_env(),
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        first = (await asyncio.wait_for(process.stdout.readline(), WAIT)).decode()
        assert first.startswith("Evolution sandbox listening on http://127.0.0.1:"), first
        url = first.rsplit(" ", 1)[1].strip()
        async with httpx.AsyncClient(base_url=url, headers={"apikey": "cli-key"}) as http:
            r = await http.post("/websocket/set/sandbox-1",
                                json={"websocket": {"enabled": True, "events": []}})
            assert r.status_code == 201, r.text
        async with recorder(reconnection=False) as rec:
            # The namespace exists from the traffic's first event after the row was set.
            deadline = asyncio.get_running_loop().time() + WAIT
            while True:
                try:
                    await rec.client.connect(url, namespaces=["/sandbox-1"],
                                             transports=["websocket"], wait_timeout=5)
                    break
                except socketio.exceptions.ConnectionError:
                    assert asyncio.get_running_loop().time() < deadline
            seen = await rec.next_event()
            while seen.name != "messages.upsert":
                seen = await rec.next_event()
        secret = seen.data["data"]["message"]["messageContextInfo"]["messageSecret"]
        assert isinstance(secret, bytes) and len(secret) == 32
        process.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(process.wait(), WAIT) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


@pytest.mark.parametrize(("args", "named"), [
    (["--port", "70000"], "--port"),
    (["--port", "-1"], "--port"),
    (["--instances", "-1"], "--instances"),
    (["--rate", "-3"], "--rate"),
    (["--rate", "nan"], "--rate"),
])
async def test_the_command_line_refuses_values_out_of_range(args: list[str], named: str) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "evodesk", "sandbox", *args,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=cli_env(),
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), WAIT)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    text = err.decode()
    # A usage error naming the option, before anything listens; never a traceback.
    assert process.returncode == 2, text
    assert f"argument {named}:" in text and "Traceback" not in text
    assert out == b""


def test_the_command_line_help_names_the_defaults_and_the_docs_every_option() -> None:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    command = sub.choices["sandbox"]
    options = [a for a in command._actions if a.option_strings and a.dest != "help"]
    assert [a.option_strings[0] for a in options] == [
        "--port", "--api-key", "--instances", "--rate", "--binary-fields"]
    helped = " ".join(command.format_help().split())
    docs = (Path(__file__).parents[1] / "docs" / "sandbox.md").read_text(encoding="utf-8")
    for action in options:
        name = action.option_strings[0]
        assert f"`{name}`" in docs, f"docs/sandbox.md does not mention {name}"
        default = action.default
        if default not in (None, False):
            # The key in particular: the command prints EVODESK_API_KEY=<the key>.
            shown = f"{default:g}" if isinstance(default, float) else str(default)
            assert f"default: {shown}" in helped, name


async def test_the_command_line_ends_quietly_when_nobody_reads_its_output() -> None:
    # Its output's reader has gone: the port was fine, only the banner cannot be written.
    # It ends as every evodesk command does then (as if by SIGPIPE), and does not blame
    # the port; a port that is taken is still reported as such.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "evodesk", "sandbox", "--port", "0",
            stdin=asyncio.subprocess.DEVNULL, stdout=write_end,
            stderr=asyncio.subprocess.PIPE, env=cli_env(),
        )
    finally:
        os.close(write_end)
    try:
        _, err = await asyncio.wait_for(process.communicate(), WAIT)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 128 + signal.SIGPIPE, err.decode()
    assert err == b""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "evodesk", "sandbox", "--port", str(port),
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=cli_env(),
        )
        out, err = await asyncio.wait_for(process.communicate(), WAIT)
    assert process.returncode == 1 and out == b""
    assert err.decode().startswith(f"evodesk: cannot listen on port {port}: ")
