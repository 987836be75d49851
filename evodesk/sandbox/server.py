"""The handle tests, benchmarks and first-time users hold: ``Sandbox``."""

from __future__ import annotations

import asyncio
import random
from types import TracebackType
from typing import Any

from aiohttp import web

from evodesk.sandbox.engine import Engine, Pairing
from evodesk.sandbox.realtime import Realtime
from evodesk.sandbox.rest import Knobs, Rest
from evodesk.sandbox.state import ERROR_KINDS, ApiError, Instance, RequestLog, Store
from evodesk.sandbox.traffic import Traffic
from evodesk.sandbox.webhooks import WebhookDispatcher, WebhookStats


class Sandbox:
    """A local Evolution API 2.3-compatible server (REST + Socket.IO + webhooks).

    ``instances`` is a count (named ``sandbox-1`` …) or a list of names; these start
    open, with a simulated phone. Instances made through ``POST /instance/create``
    start closed, like on the real server."""

    def __init__(
        self,
        *,
        api_key: str = "sandbox-key",
        instances: int | list[str] = 3,
        rate: float = 0.0,
        latency: float = 0.0,
        websocket_enabled: bool = True,
        global_socket: bool = False,
        require_socket_key: bool = False,
        binary_fields: bool = False,
        version: str = "2.3.6",
        host: str = "127.0.0.1",
        port: int = 0,
        seed: int | None = None,
    ) -> None:
        self._host = host
        self._requested_port = port
        self.port = 0
        self.url = ""
        self._knobs = Knobs(
            api_key=api_key,
            version=version,
            latency=latency,
            websocket_enabled=websocket_enabled,
            global_socket=global_socket,
            require_socket_key=require_socket_key,
            binary_fields=binary_fields,
        )
        self._rng = random.Random(seed)
        self._store = Store()
        self._stopping = asyncio.Event()
        self._realtime = Realtime(
            self._store,
            api_key=lambda: self._knobs.api_key,
            websocket_enabled=lambda: self._knobs.websocket_enabled,
            global_socket=lambda: self._knobs.global_socket,
            require_key=lambda: self._knobs.require_socket_key,
        )
        self.webhooks = WebhookDispatcher()
        self.pairing = Pairing()
        self._engine = Engine(
            self._store,
            self._realtime,
            self.webhooks,
            server_url=lambda: self.url,
            rng=self._rng,
            pairing=self.pairing,
            binary_fields=lambda: self._knobs.binary_fields,
        )
        self._traffic = Traffic(self._engine, default_rate=rate)
        self._runner: web.AppRunner | None = None
        names = (
            instances
            if isinstance(instances, list)
            else [f"sandbox-{i + 1}" for i in range(instances)]
        )
        for name in names:
            self.add_instance(name)

    # ---- life --------------------------------------------------------------------------

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("sandbox already started")
        self._stopping = asyncio.Event()
        app = web.Application()
        Rest(
            self._knobs,
            self._store,
            self._engine,
            self._realtime,
            rng=self._rng,
            stopping=self._stopping,
            base_url=lambda: self.url,
        ).install(app)
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=2.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._requested_port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        host = f"[{self._host}]" if ":" in self._host else self._host
        self.url = f"http://{host}:{self.port}"
        await self.webhooks.start()
        self._traffic.start()

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is None:
            return
        self._stopping.set()
        await self._traffic.stop()
        await self._engine.close()
        await self._realtime.close()
        await self.webhooks.close()
        await runner.cleanup()

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def drop_sockets(self) -> None:
        """Cuts every Socket.IO client's connection; they see a transport error."""
        await self._realtime.drop()

    async def restart(self) -> None:
        """What clients live through when the server process restarts: connections
        cut, namespaces gone until the next emit to each. Instances, rows and states
        stay; each instance re-reads its webhook row (base64) as it boots."""
        await self._realtime.drop()
        self._realtime.forget_namespaces()
        for inst in self._store.instances.values():
            inst.cache_webhook()

    # ---- identity ----------------------------------------------------------------------

    @property
    def api_key(self) -> str:
        return self._knobs.api_key

    @property
    def version(self) -> str:
        return self._knobs.version

    @property
    def instance_names(self) -> list[str]:
        return self._store.names()

    def token_of(self, instance: str) -> str:
        return self._instance(instance).token

    def state_of(self, instance: str) -> str:
        return self._instance(instance).state

    def _instance(self, name: str) -> Instance:
        inst = self._store.get(name)
        if inst is None:
            raise KeyError(f"no sandbox instance named {name!r}")
        return inst

    # ---- knobs -------------------------------------------------------------------------

    @property
    def latency(self) -> float:
        return self._knobs.latency

    @latency.setter
    def latency(self, value: float) -> None:
        self._knobs.latency = max(0.0, float(value))

    @property
    def error_rate(self) -> float:
        return self._knobs.error_rate

    @error_rate.setter
    def error_rate(self, value: float) -> None:
        self._knobs.error_rate = min(1.0, max(0.0, float(value)))

    @property
    def error_kind(self) -> str:
        return self._knobs.error_kind

    @error_kind.setter
    def error_kind(self, value: str) -> None:
        if value not in ERROR_KINDS:
            raise ValueError(f"error_kind must be one of {ERROR_KINDS}, not {value!r}")
        self._knobs.error_kind = value

    @property
    def hang_limit(self) -> float:
        return self._knobs.hang_limit

    @hang_limit.setter
    def hang_limit(self, value: float) -> None:
        self._knobs.hang_limit = max(0.0, float(value))

    @property
    def license_gate(self) -> bool:
        return self._knobs.license_gate

    @license_gate.setter
    def license_gate(self, value: bool) -> None:
        self._knobs.license_gate = bool(value)

    @property
    def websocket_enabled(self) -> bool:
        return self._knobs.websocket_enabled

    @websocket_enabled.setter
    def websocket_enabled(self, value: bool) -> None:
        self._knobs.websocket_enabled = bool(value)

    @property
    def global_socket(self) -> bool:
        return self._knobs.global_socket

    @global_socket.setter
    def global_socket(self, value: bool) -> None:
        self._knobs.global_socket = bool(value)

    @property
    def require_socket_key(self) -> bool:
        return self._knobs.require_socket_key

    @require_socket_key.setter
    def require_socket_key(self, value: bool) -> None:
        self._knobs.require_socket_key = bool(value)

    @property
    def binary_fields(self) -> bool:
        """Messages built from now on carry their byte fields as bytes: binary
        attachments on Socket.IO, index-to-byte objects in webhooks."""
        return self._knobs.binary_fields

    @binary_fields.setter
    def binary_fields(self, value: bool) -> None:
        self._knobs.binary_fields = bool(value)

    @property
    def auto_pair(self) -> bool:
        return self.pairing.auto_pair

    @auto_pair.setter
    def auto_pair(self, value: bool) -> None:
        self.pairing.auto_pair = bool(value)

    @property
    def pair_delay(self) -> float:
        return self.pairing.delay

    @pair_delay.setter
    def pair_delay(self, value: float) -> None:
        self.pairing.delay = max(0.0, float(value))

    # ---- counters ----------------------------------------------------------------------

    @property
    def requests(self) -> RequestLog:
        return self._knobs.requests

    @property
    def request_count(self) -> int:
        return self._knobs.requests.total

    async def wait_for_requests(self, total: int) -> None:
        """Returns once ``request_count`` reaches ``total`` (no polling needed)."""
        await self._knobs.requests.reach(total)

    @property
    def events_emitted(self) -> int:
        return self._engine.events_emitted

    @property
    def traffic_produced(self) -> int:
        return self._traffic.produced

    @property
    def webhook_stats(self) -> WebhookStats:
        return self.webhooks.stats

    @property
    def socket_clients(self) -> int:
        return self._realtime.client_count()

    @property
    def live_namespaces(self) -> set[str]:
        return set(self._realtime.live)

    async def wait_for_joins(self, instance: str, total: int) -> None:
        """Returns once Socket.IO clients have joined `instance`'s namespace `total`
        times since the sandbox started (no polling needed)."""
        await self._realtime.joined("/" + instance, total)

    async def webhooks_idle(self) -> None:
        """Returns once every queued webhook delivery has finished or given up."""
        await self.webhooks.idle()

    # ---- instances and events ----------------------------------------------------------

    def add_instance(self, name: str) -> None:
        """An instance that is already open on a simulated phone, with no rows."""
        try:
            inst = self._store.create(name)
        except ApiError as exc:
            raise ValueError(f"a sandbox instance named {name!r} already exists") from exc
        self._engine.open_now(inst)
        self._traffic.refresh()

    async def emit(self, instance: str, wire_event: str, data: Any) -> None:
        await self._engine.emit(self._instance(instance), wire_event, data)

    async def send_text(
        self,
        instance: str,
        text: str,
        *,
        sender_name: str | None = None,
        from_me: bool = False,
        via_api: bool = False,
    ) -> dict[str, Any]:
        """A text message arriving (``messages.upsert``); ``via_api`` makes it one sent
        through the API instead (``send.message``). Returns the event's ``data``."""
        return await self._engine.text(
            self._instance(instance),
            text,
            sender_name=sender_name,
            from_me=from_me,
            via_api=via_api,
        )

    async def send_media(
        self,
        instance: str,
        kind: str = "image",
        *,
        caption: str | None = None,
        from_me: bool = False,
        via_api: bool = False,
        size: int | None = None,
    ) -> dict[str, Any]:
        """``kind``: image, video, audio, document or sticker. ``size`` pads the media
        to that many bytes, for payload-size benchmarks."""
        return await self._engine.media(
            self._instance(instance),
            kind,
            caption=caption,
            from_me=from_me,
            via_api=via_api,
            size=size,
        )

    async def send_update(self, instance: str) -> dict[str, Any]:
        """A ``messages.update`` (delivery/read receipt) for a recent message."""
        return await self._engine.update(self._instance(instance))

    async def pair(self, instance: str) -> None:
        """The phone scans the QR code now: the instance opens."""
        await self._engine.pair(self._instance(instance))

    async def phone_offline(self, instance: str, *, reason: int = 428) -> None:
        """The connection drops and stays down (``connection.update`` close)."""
        await self._engine.phone_offline(self._instance(instance), reason)

    @property
    def traffic_mix(self) -> dict[str, float]:
        """Relative weights of the generated kinds (text, media, update, connection,
        qrcode); edit it to shape the traffic."""
        return self._traffic.mix

    def set_rate(self, instance: str | None, rate: float) -> None:
        """Events per second of background traffic for one instance (None: all)."""
        if instance is not None:
            self._instance(instance)
        self._traffic.set_rate(instance, rate)

    def rate_of(self, instance: str) -> float:
        return self._traffic.rate_of(instance)
