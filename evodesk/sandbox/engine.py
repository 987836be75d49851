"""Instance life (connect, pair, restart, logout, delete) and the fan-out of every event
to the integrations an instance subscribed to."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from evodesk.domain.events import by_events_suffix, config_name
from evodesk.sandbox import payloads
from evodesk.sandbox.realtime import Realtime
from evodesk.sandbox.state import Instance, Store, event_time, phone_of, utc_iso
from evodesk.sandbox.webhooks import Delivery, WebhookDispatcher


@dataclass
class Pairing:
    """How the simulated phone behaves."""

    # A never-paired instance that starts connecting gets a QR code and is scanned.
    auto_pair: bool = True
    # Seconds between "connecting" and "open".
    delay: float = 0.05


class Engine:
    def __init__(
        self,
        store: Store,
        realtime: Realtime,
        webhooks: WebhookDispatcher,
        *,
        server_url: Callable[[], str],
        rng: random.Random,
        pairing: Pairing,
        binary_fields: Callable[[], bool],
    ) -> None:
        self.store = store
        self.realtime = realtime
        self.webhooks = webhooks
        self.server_url = server_url
        self.rng = rng
        self.pairing = pairing
        self.binary_fields = binary_fields
        self.events_emitted = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._phones = 0
        self.recent_keys: dict[str, list[dict[str, Any]]] = {}

    # ---- fan-out -----------------------------------------------------------------------

    async def emit(self, inst: Instance, wire_event: str, data: Any) -> None:
        """Delivers to the websocket namespace (and root in global mode) and to the
        webhook, each only if its row is enabled and lists the event, read right now.

        Bytes in ``data`` go out as the real server's serialisers write a Uint8Array:
        Socket.IO as binary attachments, the webhook's JSON as index-to-byte objects."""
        self.events_emitted += 1
        sender = {"sender": inst.owner_jid} if inst.owner_jid else {}
        moment = event_time()
        message = {
            "event": wire_event,
            "instance": inst.name,
            "data": data,
            "server_url": self.server_url(),
            "date_time": moment,
            **sender,
            "apikey": inst.token,
        }
        await self.realtime.emit(inst, wire_event, message)
        row = inst.webhook
        if row is not None and row.enabled and config_name(wire_event) in row.events:
            url = row.url
            if row.by_events:
                url = f"{url}/{by_events_suffix(wire_event)}"
            body = {
                "event": wire_event,
                "instance": inst.name,
                "data": payloads.as_index_objects(data),
                "destination": row.url,
                "date_time": moment,
                **sender,
                "server_url": self.server_url(),
                "apikey": inst.token,
            }
            self.webhooks.enqueue(inst.name, Delivery(url, dict(row.headers or {}), body))

    # ---- phones ------------------------------------------------------------------------

    def attach_phone(self, inst: Instance) -> None:
        self._phones += 1
        number = phone_of(self._phones)
        inst.owner_jid = payloads.jid(number)
        inst.number = inst.number or number
        inst.profile_name = inst.profile_name or f"Sandbox {inst.name}"
        inst.paired = True

    def open_now(self, inst: Instance) -> None:
        """Silent open, for instances the sandbox starts with."""
        if not inst.paired:
            self.attach_phone(inst)
        inst.state = "open"
        inst.stored_status = "open"
        inst.qr_code = None
        inst.updated_at = utc_iso()

    async def _open(self, inst: Instance) -> None:
        if self.store.get(inst.name) is not inst or inst.state == "open":
            return
        if not inst.paired:
            self.attach_phone(inst)
        self.open_now(inst)
        await self.emit(inst, "connection.update", payloads.connection_data(inst, "open"))

    def _later(self, inst: Instance) -> None:
        async def run() -> None:
            await asyncio.sleep(self.pairing.delay)
            if inst.state == "connecting":
                await self._open(inst)

        task = asyncio.create_task(run(), name=f"sandbox-pair-{inst.name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def start_connecting(self, inst: Instance) -> None:
        inst.cache_webhook()
        inst.state = "connecting"
        await self.emit(inst, "connection.update", payloads.connection_data(inst, "connecting"))
        if inst.paired:
            self._later(inst)
        elif self.pairing.auto_pair:
            inst.qr_count += 1
            inst.qr_code = payloads.qr_code_text(self.rng)
            await self.emit(inst, "qrcode.updated", payloads.qrcode_data(inst))
            self._later(inst)

    async def pair(self, inst: Instance) -> None:
        """The user scans the QR code now."""
        if inst.state == "close":
            await self.start_connecting(inst)
        await self._open(inst)

    async def phone_offline(self, inst: Instance, reason: int = 428) -> None:
        """The connection drops (phone off, network gone) and does not come back."""
        if inst.state == "close":
            return
        inst.state = "close"
        inst.stored_status = "close"
        inst.updated_at = utc_iso()
        await self.emit(inst, "connection.update", payloads.connection_data(inst, "close", reason))

    # ---- REST-driven life --------------------------------------------------------------

    async def connect(self, inst: Instance) -> dict[str, Any]:
        if inst.state == "open":
            return {"instance": {"instanceName": inst.name, "state": "open"}}
        if inst.state == "close":
            await self.start_connecting(inst)
        return payloads.qr_body(inst)

    async def restart(self, inst: Instance) -> dict[str, Any]:
        if inst.state == "close":
            # The server throws its 400 as a plain object and then stringifies it.
            return {"error": True, "message": "[object Object]"}
        inst.state = "close"
        inst.qr_code = None
        await self.start_connecting(inst)
        return payloads.qr_body(inst)

    async def _logged_out(self, inst: Instance) -> None:
        inst.state = "close"
        inst.stored_status = "close"
        inst.paired = False
        inst.qr_code = None
        inst.qr_count = 0
        inst.disconnection_code = 401
        inst.disconnection_at = utc_iso()
        status = payloads.status_data(inst, 401, f"Log out instance: {inst.name}")
        inst.disconnection_object = status["disconnectionObject"]
        inst.updated_at = inst.disconnection_at
        await self.emit(inst, "status.instance", status)
        await self.emit(inst, "logout.instance", None)
        await self.emit(inst, "connection.update", payloads.connection_data(inst, "close", 401))

    async def logout(self, inst: Instance) -> None:
        await self._logged_out(inst)

    async def delete(self, inst: Instance) -> None:
        was_connecting = inst.state == "connecting"
        await self.emit(inst, "instance.delete", {"instanceName": inst.name, "instanceId": inst.id})
        await self.emit(inst, "remove.instance", None)
        if was_connecting:
            await self._logged_out(inst)
        self.store.remove(inst.name)
        self.recent_keys.pop(inst.name, None)

    async def created(self, inst: Instance, *, connect: bool) -> None:
        inst.cache_webhook()
        await self.emit(inst, "instance.create", {"instanceName": inst.name, "instanceId": inst.id})
        if connect:
            await self.start_connecting(inst)

    # ---- messages ----------------------------------------------------------------------

    def _count(self, inst: Instance, data: dict[str, Any]) -> None:
        inst.messages += 1
        inst.chats.add(data["key"]["remoteJid"])
        keys = self.recent_keys.setdefault(inst.name, [])
        keys.append(data["key"])
        del keys[:-50]

    async def text(
        self,
        inst: Instance,
        text: str,
        *,
        sender_name: str | None = None,
        from_me: bool = False,
        via_api: bool = False,
    ) -> dict[str, Any]:
        data = payloads.text_message(
            inst,
            self.rng,
            text,
            sender_name=sender_name,
            from_me=from_me or via_api,
            status="PENDING" if via_api else None,
            binary=self.binary_fields(),
        )
        self._count(inst, data)
        await self.emit(inst, "send.message" if via_api else "messages.upsert", data)
        return data

    async def media(
        self,
        inst: Instance,
        kind: str,
        *,
        caption: str | None = None,
        from_me: bool = False,
        via_api: bool = False,
        size: int | None = None,
    ) -> dict[str, Any]:
        # Base64 follows the webhook row cached at the last connect/restart, and is
        # then sent to every integration, websocket included.
        data = payloads.media_message(
            inst,
            self.rng,
            kind,
            with_base64=inst.base64_cached,
            caption=caption,
            from_me=from_me or via_api,
            size=size,
            status="PENDING" if via_api else None,
            binary=self.binary_fields(),
        )
        self._count(inst, data)
        await self.emit(inst, "send.message" if via_api else "messages.upsert", data)
        return data

    async def update(self, inst: Instance) -> dict[str, Any]:
        keys = self.recent_keys.get(inst.name)
        data = payloads.message_update(inst, self.rng, self.rng.choice(keys) if keys else None)
        await self.emit(inst, "messages.update", data)
        return data

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
