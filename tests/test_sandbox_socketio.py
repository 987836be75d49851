"""python-socketio's own client against the sandbox's Socket.IO side."""

from __future__ import annotations

import base64
import hashlib

import httpx

from evodesk.sandbox import Sandbox
from tests.test_sandbox_support import (
    WAIT,
    join_fails,
    load_capture,
    recorder,
    rest,
    set_webhook,
    set_websocket,
)

ENVELOPE_KEYS = ["event", "instance", "data", "server_url", "date_time", "sender", "apikey"]


async def test_joining_before_the_first_emit_is_refused_as_the_real_server_does() -> None:
    captured = load_capture("py_socket_nosuch.json")
    async with Sandbox(instances=["test1"]) as sb:
        data, error = await join_fails(sb, "/nosuch")
        assert data == captured[0]["data"]
        assert error == captured[1]["msg"]
        # An instance that exists but never had an event emitted to it: the same.
        await set_websocket(sb, "test1", ["CONNECTION_UPDATE"])
        data, error = await join_fails(sb, "/test1")
        assert data == {"message": "Invalid namespace"}
        assert error == "One or more namespaces failed to connect: /test1"


async def test_events_arrive_once_the_instance_subscribed_and_emitted() -> None:
    async with Sandbox(instances=["shop"]) as sb, recorder() as rec:
        # Emitting before the websocket row exists creates no namespace.
        await sb.emit(
            "shop", "connection.update", {"instance": "shop", "state": "open", "statusReason": 200}
        )
        assert "shop" not in sb.live_namespaces
        await set_websocket(sb, "shop", ["MESSAGES_UPSERT", "CONNECTION_UPDATE"])
        await sb.emit(
            "shop", "connection.update", {"instance": "shop", "state": "open", "statusReason": 200}
        )
        assert "shop" in sb.live_namespaces
        await rec.connect(sb, ["/shop"])
        assert (await rec.next_of("connect")).namespace == "/shop"
        sent = await sb.send_text("shop", "hello there", sender_name="Ana")
        seen = await rec.next_event()
        assert (seen.namespace, seen.name) == ("/shop", "messages.upsert")
        assert list(seen.data) == ENVELOPE_KEYS
        assert seen.data["data"] == sent
        assert seen.data["apikey"] == sb.token_of("shop")
        assert seen.data["server_url"] == sb.url
        assert seen.data["sender"].endswith("@s.whatsapp.net")
        assert list(sent["message"]) == ["conversation", "messageContextInfo"]
        assert sent["message"]["conversation"] == "hello there"
        # By default the byte fields are base64 text, as JSON can carry them.
        secret = sent["message"]["messageContextInfo"]["messageSecret"]
        assert isinstance(secret, str) and len(base64.b64decode(secret)) == 32
        assert sent["pushName"] == "Ana"
        assert sent["key"]["fromMe"] is False


async def test_an_unpaired_instance_sends_the_captured_envelope() -> None:
    """No phone yet, so no ``sender``: exactly the keys the capture shows."""
    captured = next(e for e in load_capture("py_socket_test1.json") if e["kind"] == "event")
    async with Sandbox(instances=0) as sb, rest(sb) as http, recorder() as rec:
        sb.auto_pair = False
        r = await http.post(
            "/instance/create", json={"instanceName": "test1", "integration": "WHATSAPP-BAILEYS"}
        )
        assert r.status_code == 201
        await set_websocket(sb, "test1", ["CONNECTION_UPDATE"])
        assert (await http.get("/instance/connect/test1")).json() == {"count": 0}
        await rec.connect(sb, ["/test1"])
        await http.post("/instance/restart/test1")
        seen = await rec.next_event()
        assert seen.name == captured["event"]
        assert list(seen.data) == list(captured["data"])
        assert seen.data["data"] == captured["data"]["data"]


async def test_unsubscribed_events_never_arrive() -> None:
    async with Sandbox(instances=["a"]) as sb, recorder() as rec:
        await set_websocket(sb, "a", ["CONNECTION_UPDATE"])
        await sb.emit("a", "connection.update", {"state": "open"})
        await rec.connect(sb, ["/a"])
        await sb.send_text("a", "not subscribed")
        await sb.emit("a", "messages.update", {"status": "READ"})
        await sb.emit("a", "connection.update", {"state": "marker"})
        seen = await rec.next_event()
        assert (seen.name, seen.data["data"]) == ("connection.update", {"state": "marker"})
        assert rec.pending_events() == []


async def test_disabling_stops_delivery_and_list_changes_apply_at_once() -> None:
    async with Sandbox(instances=["a", "b"]) as sb, recorder() as rec:
        for name in ("a", "b"):
            await set_websocket(sb, name, ["MESSAGES_UPSERT"])
            await sb.send_text(name, "wake the namespace")
        await rec.connect(sb, ["/a", "/b"])
        await set_websocket(sb, "a", [], enabled=False)
        await sb.send_text("a", "lost")
        await sb.send_text("b", "marker")
        seen = await rec.next_event()
        assert (seen.namespace, seen.data["data"]["message"]["conversation"]) == ("/b", "marker")
        # A new event list is read on the very next event.
        await set_websocket(sb, "b", ["MESSAGES_UPDATE"])
        await sb.send_text("b", "no longer listed")
        update = await sb.send_update("b")
        seen = await rec.next_event()
        assert (seen.name, seen.data["data"]) == ("messages.update", update)
        assert rec.pending_events() == []


async def test_enabled_with_an_empty_list_delivers_everything() -> None:
    async with Sandbox(instances=["a"]) as sb, recorder() as rec:
        await set_websocket(sb, "a", [])
        await sb.emit("a", "group-participants.update", {"action": "add"})
        await rec.connect(sb, ["/a"])
        for wire in ("typebot.change-status", "call", "labels.edit", "group-participants.update"):
            await sb.emit("a", wire, {"wire": wire})
            assert (await rec.next_event()).name == wire


async def test_global_mode_sends_every_instance_to_the_root_namespace() -> None:
    async with Sandbox(instances=["a", "b"], global_socket=True) as sb, recorder() as rec:
        await rec.connect(sb, ["/"])
        await sb.send_text("a", "one")
        await sb.send_text("b", "two")
        got = [(await rec.next_event()).data for _ in range(2)]
        assert [(e["instance"], e["data"]["message"]["conversation"]) for e in got] == [
            ("a", "one"),
            ("b", "two"),
        ]
        # Off: the root hears nothing (the marker sent after turning it back on is
        # the next thing it gets).
        sb.global_socket = False
        await sb.send_text("a", "hidden")
        sb.global_socket = True
        await sb.send_text("b", "marker")
        seen = await rec.next_event()
        assert seen.data["data"]["message"]["conversation"] == "marker"
        assert rec.pending_events() == []


async def test_base64_reaches_the_websocket_too_after_a_restart() -> None:
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http, recorder() as rec:
        await set_websocket(sb, "a", ["MESSAGES_UPSERT"])
        await set_webhook(
            sb, "a", enabled=False, url="http://127.0.0.1:9/none", base64=True, events=[]
        )
        await sb.send_media("a")
        await rec.connect(sb, ["/a"])
        # The webhook row is disabled, so base64 stays off even after a restart.
        assert (await http.post("/instance/restart/a")).status_code == 200
        await sb.send_media("a")
        assert "base64" not in (await rec.next_event()).data["data"]["message"]
        # Enabled (deliveries go nowhere: events [] is all, but the receiver is closed).
        await set_webhook(
            sb, "a", enabled=True, url="http://127.0.0.1:9/none", base64=True, events=["CALL"]
        )
        await sb.send_media("a")
        assert "base64" not in (await rec.next_event()).data["data"]["message"]
        await http.post("/instance/restart/a")
        await sb.send_media("a", "image")
        message = (await rec.next_event()).data["data"]["message"]
        assert base64.b64decode(message["base64"]).startswith(b"\x89PNG")
        assert message["imageMessage"]["mimetype"] == "image/png"


async def test_binary_fields_arrive_as_bytes_and_can_be_switched_while_running() -> None:
    async with Sandbox(instances=["a"], binary_fields=True) as sb, recorder() as rec:
        assert sb.binary_fields is True
        await set_websocket(sb, "a", ["MESSAGES_UPSERT", "SEND_MESSAGE"])
        await sb.emit("a", "messages.upsert", {})
        await rec.connect(sb, ["/a"])
        sent = await sb.send_media("a", "image")
        seen = await rec.next_event()
        # JSON has no bytes: they came as the binary packet's attachments.
        assert seen.data["data"] == sent
        message = seen.data["data"]["message"]
        image = message["imageMessage"]
        assert image["jpegThumbnail"].startswith(b"\x89PNG")
        assert isinstance(image["mediaKey"], bytes) and len(image["mediaKey"]) == 32
        assert isinstance(image["fileEncSha256"], bytes) and len(image["fileEncSha256"]) == 32
        assert image["fileSha256"] == hashlib.sha256(image["jpegThumbnail"]).digest()  # same PNG
        context = message["messageContextInfo"]
        assert isinstance(context["messageSecret"], bytes) and len(context["messageSecret"]) == 32
        assert isinstance(context["deviceListMetadata"]["senderKeyHash"], bytes)
        assert (image["mimetype"], message["messageContextInfo"]["deviceListMetadataVersion"]) \
            == ("image/png", 2)
        sent = await sb.send_text("a", "by the API", via_api=True)
        seen = await rec.next_event()
        assert (seen.name, seen.data["data"]) == ("send.message", sent)
        assert isinstance(sent["message"]["messageContextInfo"]["messageSecret"], bytes)
        # Turned off while running: the next message is base64 text again.
        sb.binary_fields = False
        sent = await sb.send_media("a", "document")
        message = (await rec.next_event()).data["data"]["message"]
        assert message == sent["message"]
        document = message["documentMessage"]
        assert isinstance(message["messageContextInfo"]["messageSecret"], str)
        assert len(base64.b64decode(message["messageContextInfo"]["messageSecret"])) == 32
        assert isinstance(document["mediaKey"], str)
        assert len(base64.b64decode(document["mediaKey"])) == 32


async def test_a_connect_with_a_phone_goes_connecting_then_open() -> None:
    async with Sandbox(instances=0) as sb, rest(sb) as http, recorder() as rec:
        sb.pair_delay = 0.01
        r = await http.post(
            "/instance/create",
            json={
                "instanceName": "new",
                "integration": "WHATSAPP-BAILEYS",
                "websocket": {"enabled": True, "events": ["CONNECTION_UPDATE", "QRCODE_UPDATED"]},
            },
        )
        assert r.status_code == 201
        # Opens the namespace; the client joins after it, so it never sees this one.
        await sb.emit("new", "connection.update", {"state": "close"})
        await rec.connect(sb, ["/new"])
        answer = (await http.get("/instance/connect/new")).json()
        assert answer["count"] == 1 and answer["base64"].startswith("data:image/png;base64,")
        names: list[tuple[str, str]] = []
        while not names or names[-1] != ("connection.update", "open"):
            seen = await rec.next_event()
            names.append((seen.name, seen.data["data"].get("state", "qr")))
        assert names == [
            ("connection.update", "connecting"),
            ("qrcode.updated", "qr"),
            ("connection.update", "open"),
        ]
        state = (await http.get("/instance/connectionState/new")).json()
        assert state == {"instance": {"instanceName": "new", "state": "open"}}


async def test_logout_and_delete_emit_in_the_real_order() -> None:
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http, recorder() as rec:
        await set_websocket(sb, "a", [])
        await sb.emit("a", "call", {})
        await rec.connect(sb, ["/a"])
        assert (await http.delete("/instance/delete/a")).json()["response"]["message"] == [
            'The "a" instance needs to be disconnected'
        ]
        assert (await http.delete("/instance/logout/a")).status_code == 200
        got = [(await rec.next_event()).name for _ in range(3)]
        assert got == ["status.instance", "logout.instance", "connection.update"]
        assert (await http.delete("/instance/delete/a")).status_code == 200
        got = [(await rec.next_event()).name for _ in range(2)]
        assert got == ["instance.delete", "remove.instance"]
        assert rec.pending_events() == []


async def test_websocket_url_with_apikey_query_is_accepted() -> None:
    async with Sandbox(instances=["a"], require_socket_key=True) as sb:
        await set_websocket(sb, "a", ["CALL"])
        await sb.emit("a", "call", {})
        async with recorder() as rec:
            await rec.client.connect(
                f"{sb.url}/?apikey={sb.token_of('a')}", namespaces=["/a"], transports=["websocket"]
            )
            await sb.emit("a", "call", {"n": 2})
            assert (await rec.next_event()).data["data"] == {"n": 2}


async def test_polling_transport_works_too() -> None:
    async with Sandbox(instances=["a"]) as sb, recorder() as rec:
        await set_websocket(sb, "a", ["CALL"])
        await sb.emit("a", "call", {})
        await rec.connect(sb, ["/a"], transports=["polling"])
        await sb.emit("a", "call", {"n": 1})
        assert (await rec.next_event(WAIT)).data["data"] == {"n": 1}
        async with httpx.AsyncClient() as http:
            r = await http.get(f"{sb.url}/socket.io/", params={"EIO": "4", "transport": "polling"})
        assert r.status_code == 200 and r.text.startswith("0{")
