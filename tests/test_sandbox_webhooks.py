"""Webhook deliveries, received by a real local HTTP server."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from typing import Any

from evodesk.sandbox import Sandbox
from tests.test_sandbox_support import (
    WAIT,
    receiver,
    recorder,
    rest,
    set_webhook,
    set_websocket,
)

WEBHOOK_KEYS = [
    "event",
    "instance",
    "data",
    "destination",
    "date_time",
    "sender",
    "server_url",
    "apikey",
]


async def test_a_delivery_has_the_url_headers_and_body_of_the_real_server() -> None:
    async with receiver() as hooks, Sandbox(instances=["a"]) as sb:
        url = hooks.url + "/hook"
        await set_webhook(
            sb,
            "a",
            enabled=True,
            url=url,
            headers={"X-Test": "1", "authorization": "Bearer s3"},
            events=["MESSAGES_UPSERT"],
        )
        data = await sb.send_text("a", "hi")
        hit = await hooks.next()
        assert hit.path == "/hook"
        assert hit.headers["X-Test"] == "1"
        assert hit.headers["authorization"] == "Bearer s3"
        assert hit.headers["Content-Type"].startswith("application/json")
        assert list(hit.body) == WEBHOOK_KEYS
        assert hit.body["event"] == "messages.upsert"
        assert hit.body["instance"] == "a"
        assert hit.body["data"] == data
        assert hit.body["destination"] == url
        assert hit.body["server_url"] == sb.url
        assert hit.body["apikey"] == sb.token_of("a")


async def test_by_events_appends_the_dashed_event_name() -> None:
    async with receiver() as hooks, Sandbox(instances=["a"]) as sb:
        await set_webhook(sb, "a", enabled=True, url=hooks.url + "/in", byEvents=True, events=[])
        await sb.send_text("a", "x")
        await sb.send_text("a", "y", via_api=True)
        await sb.emit("a", "group-participants.update", {"action": "add"})
        await sb.emit("a", "typebot.change-status", {})
        paths = [(await hooks.next()).path for _ in range(4)]
        assert paths == [
            "/in/messages-upsert",
            "/in/send-message",
            "/in/group-participants-update",
            "/in/typebot-change-status",
        ]
        await sb.emit("a", "connection.update", {})
        hit = await hooks.next()
        assert hit.path == "/in/connection-update"
        # The destination names the stored URL, not the suffixed one.
        assert hit.body["destination"] == hooks.url + "/in"


async def test_only_listed_events_are_posted_and_disable_stops_them() -> None:
    async with receiver() as hooks, Sandbox(instances=["a", "b"]) as sb:
        await set_webhook(sb, "a", enabled=True, url=hooks.url + "/a", events=["MESSAGES_UPDATE"])
        await set_webhook(sb, "b", enabled=True, url=hooks.url + "/b", events=["MESSAGES_UPSERT"])
        await sb.send_text("a", "not listed")
        update = await sb.send_update("a")
        hit = await hooks.next()
        assert (hit.path, hit.body["data"]) == ("/a", update)
        row = await set_webhook(sb, "a", enabled=False, url=hooks.url + "/a")
        assert row["events"] == []
        await sb.send_update("a")
        await sb.send_text("b", "marker")
        hit = await hooks.next()
        assert (hit.path, hit.body["data"]["message"]["conversation"]) == ("/b", "marker")
        await sb.webhooks_idle()
        assert hooks.drain() == []


async def test_base64_follows_the_row_cached_at_the_last_restart() -> None:
    async with receiver() as hooks, Sandbox(instances=["a"]) as sb, rest(sb) as http:
        await set_webhook(
            sb,
            "a",
            enabled=True,
            url=hooks.url,
            base64=True,
            events=["MESSAGES_UPSERT", "SEND_MESSAGE"],
        )
        await sb.send_media("a", "image")
        assert "base64" not in (await hooks.next()).body["data"]["message"]
        assert (await http.post("/instance/restart/a")).json() == {"count": 0}
        await sb.send_media("a", "document")
        message = (await hooks.next()).body["data"]["message"]
        assert base64.b64decode(message["base64"]).startswith(b"%PDF")
        await sb.send_media("a", "audio", via_api=True)
        hit = await hooks.next()
        assert hit.body["event"] == "send.message" and "base64" in hit.body["data"]["message"]
        # Text never carries base64.
        await sb.send_text("a", "plain")
        assert "base64" not in (await hooks.next()).body["data"]["message"]
        # Turned off: still on until the next restart.
        await set_webhook(
            sb, "a", enabled=True, url=hooks.url, base64=False, events=["MESSAGES_UPSERT"]
        )
        await sb.send_media("a", "video")
        assert "base64" in (await hooks.next()).body["data"]["message"]
        await http.post("/instance/restart/a")
        await sb.send_media("a", "sticker")
        assert "base64" not in (await hooks.next()).body["data"]["message"]


def from_index_object(value: Any) -> bytes:
    """The bytes of a Uint8Array as JSON.stringify wrote it: {"0": b0, "1": b1, …}."""
    assert isinstance(value, dict) and list(value) == [str(i) for i in range(len(value))]
    return bytes(value.values())


async def test_binary_fields_are_posted_as_index_objects_and_sent_as_bytes() -> None:
    async with receiver() as hooks, Sandbox(instances=["a"], binary_fields=True) as sb, \
            rest(sb) as http, recorder() as rec:
        # The same message to both integrations: bytes on Socket.IO, objects in the POST.
        await set_websocket(sb, "a", ["MESSAGES_UPSERT"])
        await set_webhook(sb, "a", enabled=True, url=hooks.url, base64=True,
                          events=["MESSAGES_UPSERT"])
        await http.post("/instance/restart/a")  # base64 applies from the restart on
        await sb.emit("a", "messages.upsert", {})
        assert (await hooks.next()).body["data"] == {}
        await rec.connect(sb, ["/a"])
        sent = await sb.send_media("a", "image")
        posted = (await hooks.next()).body["data"]["message"]
        heard = (await rec.next_event()).data["data"]["message"]
        assert heard == sent["message"]
        image, heard_image = posted["imageMessage"], heard["imageMessage"]
        for name in ("jpegThumbnail", "mediaKey", "fileSha256", "fileEncSha256"):
            assert from_index_object(image[name]) == heard_image[name], name
        secret = posted["messageContextInfo"]["messageSecret"]
        assert from_index_object(secret) == heard["messageContextInfo"]["messageSecret"]
        assert len(secret) == 32 and all(0 <= b <= 255 for b in secret.values())
        # Text stays text: the media's base64, the caption, the sizes.
        media = base64.b64decode(posted["base64"])
        assert posted["base64"] == heard["base64"]
        assert from_index_object(image["fileSha256"]) == hashlib.sha256(media).digest()
        assert image["caption"] == heard_image["caption"] == "foto do pedido"
        assert image["fileLength"] == str(len(media))
        # Switched off while running: base64 text in the POST too.
        sb.binary_fields = False
        sent = await sb.send_text("a", "plain again")
        posted = (await hooks.next()).body["data"]["message"]
        assert posted == sent["message"]
        assert isinstance(posted["messageContextInfo"]["messageSecret"], str)


async def test_a_failing_receiver_gets_retries_and_a_rejecting_one_does_not() -> None:
    async with receiver() as hooks, Sandbox(instances=["a"]) as sb:
        sb.webhooks.backoff = 0.001
        await set_webhook(sb, "a", enabled=True, url=hooks.url, events=["MESSAGES_UPSERT"])
        hooks.statuses = [500, 503]
        data = await sb.send_text("a", "retried")
        ids = [(await hooks.next()).body["data"]["key"]["id"] for _ in range(3)]
        assert ids == [data["key"]["id"]] * 3
        hooks.statuses = [404]
        await sb.send_text("a", "dropped after one try")
        first = await hooks.next()
        after = await sb.send_text("a", "next")
        assert (await hooks.next()).body["data"]["key"]["id"] == after["key"]["id"]
        assert first.body["data"]["message"]["conversation"] == "dropped after one try"
        await sb.webhooks_idle()
        assert sb.webhook_stats.failed == 1
        assert sb.webhook_stats.delivered == 2


async def test_retries_are_bounded() -> None:
    async with receiver() as hooks, Sandbox(instances=["a"]) as sb:
        sb.webhooks.backoff = 0.001
        sb.webhooks.retries = 3
        hooks.statuses = [500] * 10
        await set_webhook(sb, "a", enabled=True, url=hooks.url, events=["MESSAGES_UPSERT"])
        await sb.send_text("a", "never accepted")
        await sb.webhooks_idle()
        assert len(hooks.drain()) == 4
        assert sb.webhook_stats.failed == 1


async def test_a_slow_receiver_never_blocks_the_api() -> None:
    async with receiver() as hooks, Sandbox(instances=["a"]) as sb, rest(sb) as http:
        hooks.gate = asyncio.Event()
        await set_webhook(sb, "a", enabled=True, url=hooks.url, events=[])
        await sb.send_text("a", "first")
        await hooks.next()
        # The receiver holds the first delivery; the API and further events go on.
        await sb.send_text("a", "second")
        r = await http.get("/instance/connectionState/a")
        assert r.json()["instance"]["state"] == "open"
        r = await http.post(
            "/webhook/set/a", json={"webhook": {"enabled": True, "url": hooks.url, "events": []}}
        )
        assert r.status_code == 201
        assert hooks.waiting == 1 and hooks.hits.empty()
        hooks.gate.set()
        second = await hooks.next()
        assert second.body["data"]["message"]["conversation"] == "second"


async def test_an_unreachable_receiver_is_given_up_on_and_stop_stays_prompt() -> None:
    async with receiver() as hooks:
        dead_url = hooks.url
    async with Sandbox(instances=["a"]) as sb:
        sb.webhooks.backoff = 0.001
        sb.webhooks.retries = 2
        await set_webhook(sb, "a", enabled=True, url=dead_url, events=[])
        await sb.send_text("a", "to nowhere")
        await asyncio.wait_for(sb.webhooks_idle(), WAIT)
        assert sb.webhook_stats.failed == 1 and sb.webhook_stats.attempts == 3
        sb.webhooks.retries = 10
        sb.webhooks.backoff = 60.0
        await sb.send_text("a", "stuck in backoff")
    # Leaving the block stopped the sandbox without waiting the backoff out.


async def test_instance_life_reaches_the_webhook_in_order() -> None:
    async with receiver() as hooks, Sandbox(instances=0) as sb, rest(sb) as http:
        sb.pair_delay = 0.01
        r = await http.post(
            "/instance/create",
            json={
                "instanceName": "fresh",
                "integration": "WHATSAPP-BAILEYS",
                "qrcode": True,
                "webhook": {"url": hooks.url + "/w", "events": [], "byEvents": False},
            },
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["instance"]["status"] == "connecting"
        assert body["webhook"] == {"webhookUrl": hooks.url + "/w", "webhookByEvents": False}
        names = [(await hooks.next()).body["event"] for _ in range(4)]
        assert names == [
            "instance.create",
            "connection.update",
            "qrcode.updated",
            "connection.update",
        ]
        assert (await http.get("/instance/connectionState/fresh")).json()["instance"][
            "state"
        ] == "open"
        assert (await http.delete("/instance/logout/fresh")).status_code == 200
        names = [(await hooks.next()).body for _ in range(3)]
        assert [b["event"] for b in names] == [
            "status.instance",
            "logout.instance",
            "connection.update",
        ]
        assert names[2]["data"] == {"instance": "fresh", "state": "close", "statusReason": 401}
        assert (await http.delete("/instance/delete/fresh")).status_code == 200
        names = [(await hooks.next()).body["event"] for _ in range(2)]
        assert names == ["instance.delete", "remove.instance"]


async def test_a_stored_url_that_cannot_be_parsed_is_never_posted_to_and_breaks_nothing() -> None:
    # The server stores any URL; one that does not even parse must not take the
    # instance's events (websocket included) or its REST routes down with it.
    async with Sandbox(instances=["a"]) as sb, rest(sb) as http, recorder() as rec:
        await set_websocket(sb, "a", [])
        await sb.emit("a", "call", {})
        await rec.connect(sb, ["/a"])
        for n, url in enumerate(("http://[::1", "http://[zz]/hook", "http://[::1]:99999/x")):
            await set_webhook(sb, "a", enabled=True, url=url, events=[])
            sent = await sb.send_text("a", f"still delivered {n}")
            seen = await rec.next_event()
            assert seen.data["data"] == sent
            await sb.webhooks_idle()
            assert sb.webhook_stats.skipped == n + 1 and sb.webhook_stats.attempts == 0
        r = await http.delete("/instance/logout/a")
        assert r.status_code == 200, r.text
        names = [(await rec.next_event()).name for _ in range(3)]
        assert names == ["status.instance", "logout.instance", "connection.update"]


async def test_a_header_no_request_can_carry_is_a_failed_delivery_not_a_dead_worker() -> None:
    # Stored as given (the server checks no header); the POST cannot be built. Each try
    # counts and fails, and the instance's later deliveries still go out.
    async with receiver() as hooks, Sandbox(instances=["a"]) as sb:
        sb.webhooks.backoff = 0.001
        sb.webhooks.retries = 2
        await set_webhook(sb, "a", enabled=True, url=hooks.url, events=["CALL"],
                          headers={"x-note": "a\r\nInjected: 1"})
        await sb.emit("a", "call", {"n": 1})
        await asyncio.wait_for(sb.webhooks_idle(), WAIT)
        stats = sb.webhook_stats
        assert (stats.queued, stats.attempts, stats.failed, stats.delivered) == (1, 3, 1, 0)
        await set_webhook(sb, "a", enabled=True, url=hooks.url, events=["CALL"],
                          headers={"x-note": "fine"})
        await sb.emit("a", "call", {"n": 2})
        hit = await hooks.next()
        assert (hit.body["data"], hit.headers["x-note"]) == ({"n": 2}, "fine")
        assert "Injected" not in hit.headers and hooks.drain() == []
