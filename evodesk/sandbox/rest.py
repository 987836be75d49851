"""The REST routes, the auth rules, and the fault knobs that wrap them."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from evodesk.sandbox import payloads, schemas
from evodesk.sandbox.engine import Engine
from evodesk.sandbox.realtime import Realtime
from evodesk.sandbox.state import (
    SETTINGS_DEFAULTS,
    UNAUTHORIZED,
    ApiError,
    Instance,
    RequestLog,
    Store,
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

WHATSAPP_WEB_VERSION = "2.3000.1027934701"

NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
NGINX_504 = NGINX_502.replace("502 Bad Gateway", "504 Gateway Time-out")


@dataclass
class Knobs:
    """Everything a test may turn while the server runs; read on every request."""

    api_key: str
    version: str
    client_name: str = "evolution_sandbox"
    latency: float = 0.0
    error_rate: float = 0.0
    error_kind: str = "500"
    license_gate: bool = False
    websocket_enabled: bool = True
    global_socket: bool = False
    require_socket_key: bool = False
    # Message events carry WhatsApp's byte fields as bytes, not base64 text.
    binary_fields: bool = False
    # Upper bound of a "timeout" failure, should the client never give up.
    hang_limit: float = 120.0
    requests: RequestLog = field(default_factory=RequestLog)


def _json(body: Any, status: int = 200) -> web.Response:
    return web.Response(
        status=status,
        text=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json",
        charset="utf-8",
    )


def _no_constant(name: str) -> Any:
    # JSON.parse knows no NaN or Infinity; Python's parser would take them and the
    # row would later be answered as JSON that no client can read.
    raise ValueError(f"{name} is not JSON")


def _empty(status: int) -> web.Response:
    # Express's res.json(undefined): the JSON content type, and no body at all.
    return web.Response(status=status, body=b"", content_type="application/json")


class Rest:
    def __init__(
        self,
        knobs: Knobs,
        store: Store,
        engine: Engine,
        realtime: Realtime,
        *,
        rng: random.Random,
        stopping: asyncio.Event,
        base_url: Callable[[], str],
    ) -> None:
        self.knobs = knobs
        self.store = store
        self.engine = engine
        self.realtime = realtime
        self.rng = rng
        self.stopping = stopping
        self.base_url = base_url

    def install(self, app: web.Application) -> None:
        app.middlewares.append(self._middleware)
        self.realtime.attach(app)
        r = app.router
        r.add_get("/", self.root)
        r.add_post("/verify-creds", self.verify_creds)
        r.add_get("/instance/fetchInstances", self.fetch_instances)
        r.add_post("/instance/create", self.create)
        r.add_get("/instance/connectionState/{name}", self.connection_state)
        r.add_get("/instance/connect/{name}", self.connect)
        r.add_post("/instance/restart/{name}", self.restart)
        r.add_delete("/instance/logout/{name}", self.logout)
        r.add_delete("/instance/delete/{name}", self.delete)
        r.add_post("/webhook/set/{name}", self.webhook_set)
        r.add_get("/webhook/find/{name}", self.webhook_find)
        r.add_post("/websocket/set/{name}", self.websocket_set)
        r.add_get("/websocket/find/{name}", self.websocket_find)

    # ---- the wrapper: log, latency, injected faults, licence gate ----------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith("/socket.io"):
            return await self.realtime.gate(request, handler)
        knobs = self.knobs
        knobs.requests.record(request.method, request.path)
        if knobs.latency > 0:
            await asyncio.sleep(knobs.latency)
        if knobs.error_rate > 0 and self.rng.random() < knobs.error_rate:
            return await self._injected()
        if knobs.license_gate and not (request.method == "GET" and request.path == "/"):
            return _json(
                {
                    "status": 503,
                    "error": "service not activated",
                    "code": "LICENSE_REQUIRED",
                    "message": "This server needs a licence activation before it can be used.",
                },
                503,
            )
        try:
            return await handler(request)
        except ApiError as exc:
            return _json(exc.body(), exc.status)
        except web.HTTPException as exc:
            if exc.status in (404, 405):
                return _json(ApiError(404, [f"Cannot {request.method} {request.path}"]).body(), 404)
            raise

    async def _injected(self) -> web.Response:
        kind = self.knobs.error_kind
        if kind == "html":
            return web.Response(status=502, text=NGINX_502, content_type="text/html")
        if kind == "timeout":
            # Hang until the client gives up (the handler is then cancelled), the
            # sandbox stops, or the bound passes.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stopping.wait(), self.knobs.hang_limit)
            return web.Response(status=504, text=NGINX_504, content_type="text/html")
        return _json(ApiError(500, "Sandbox: injected failure").body(), 500)

    # ---- auth --------------------------------------------------------------------------

    def _global(self, request: web.Request) -> None:
        if request.headers.get("apikey") != self.knobs.api_key:
            raise UNAUTHORIZED

    def _instance(self, request: web.Request) -> Instance:
        # The instance must exist before the key is even looked at.
        inst = self.store.require(request.match_info["name"])
        key = request.headers.get("apikey")
        if key != self.knobs.api_key and key != inst.token:
            raise UNAUTHORIZED
        return inst

    async def _body(self, request: web.Request) -> Any:
        raw = await request.read()
        if not raw.strip():
            return {}
        try:
            return json.loads(raw, parse_constant=_no_constant)
        except ValueError as exc:
            raise ApiError(400, f"Unexpected token in JSON: {exc}") from exc
        except RecursionError:
            raise ApiError(400, "Unexpected token in JSON: nested too deeply") from None

    # ---- routes ------------------------------------------------------------------------

    async def root(self, request: web.Request) -> web.Response:
        body: dict[str, Any] = {
            "status": 200,
            "message": "Welcome to the Evolution API, it is working!",
            "version": self.knobs.version,
            "clientName": self.knobs.client_name,
            "manager": f"{self.base_url()}/manager",
            "documentation": "https://doc.evolution-api.com",
            "whatsappWebVersion": WHATSAPP_WEB_VERSION,
        }
        if self.knobs.version.startswith("1."):
            del body["clientName"]
        return _json(body)

    async def verify_creds(self, request: web.Request) -> web.Response:
        self._global(request)
        return _json({"status": 200, "message": "Credentials are valid"})

    async def fetch_instances(self, request: web.Request) -> web.Response:
        key = request.headers.get("apikey")
        name = request.query.get("instanceName")
        if key != self.knobs.api_key:
            owner = self.store.by_token(key)
            if owner is None:
                raise UNAUTHORIZED
            name = owner.name
        if name:
            inst = self.store.get(name)
            if inst is None:
                raise ApiError(404, [f'Instance "{name}" not found'])
            rows = [inst]
        else:
            rows = list(self.store.instances.values())
        return _json([i.row(self.knobs.client_name) for i in rows])

    async def create(self, request: web.Request) -> web.Response:
        self._global(request)
        body = schemas.validate_create(await self._body(request))
        name = str(body["instanceName"])
        if self.store.get(name) is not None:
            raise ApiError(403, [f'This name "{name}" is already in use.'])
        integration = schemas.check_integration(body)
        inst = self.store.create(
            name,
            token=body.get("token") or None,
            integration=integration,
            number=body.get("number"),
        )
        echo = schemas.apply_create_rows(inst, body)
        qrcode = bool(body.get("qrcode"))
        await self.engine.created(inst, connect=qrcode)
        answer: dict[str, Any] = {
            "instance": {
                "instanceName": inst.name,
                "instanceId": inst.id,
                "integration": inst.integration,
                "webhookWaBusiness": None,
                "accessTokenWaBusiness": "",
                "status": inst.state,
            },
            "hash": inst.token,
            "webhook": echo["webhook"],
            "websocket": echo["websocket"],
            "rabbitmq": {},
            "nats": {},
            "sqs": {},
            "settings": dict(SETTINGS_DEFAULTS),
        }
        if qrcode:
            answer["qrcode"] = payloads.qr_body(inst)
        return _json(answer, 201)

    async def connection_state(self, request: web.Request) -> web.Response:
        inst = self._instance(request)
        return _json({"instance": {"instanceName": inst.name, "state": inst.state}})

    async def connect(self, request: web.Request) -> web.Response:
        inst = self._instance(request)
        return _json(await self.engine.connect(inst))

    async def restart(self, request: web.Request) -> web.Response:
        inst = self._instance(request)
        return _json(await self.engine.restart(inst))

    async def logout(self, request: web.Request) -> web.Response:
        inst = self._instance(request)
        if inst.state == "close":
            raise ApiError(400, [f'The "{inst.name}" instance is not connected'])
        await self.engine.logout(inst)
        return _json(
            {"status": "SUCCESS", "error": False, "response": {"message": "Instance logged out"}}
        )

    async def delete(self, request: web.Request) -> web.Response:
        inst = self._instance(request)
        if inst.state == "open":
            raise ApiError(400, [f'The "{inst.name}" instance needs to be disconnected'])
        await self.engine.delete(inst)
        return _json(
            {"status": "SUCCESS", "error": False, "response": {"message": "Instance deleted"}}
        )

    async def webhook_set(self, request: web.Request) -> web.Response:
        inst = self._instance(request)
        section = schemas.validate_webhook(await self._body(request))
        row = schemas.apply_webhook(inst, section)
        return _json(row.to_json(), 201)

    async def webhook_find(self, request: web.Request) -> web.Response:
        inst = self._instance(request)
        return _json(inst.webhook.to_json() if inst.webhook else None)

    async def websocket_set(self, request: web.Request) -> web.Response:
        inst = self._instance(request)
        section = schemas.validate_websocket(await self._body(request))
        if not self.knobs.websocket_enabled:
            return _empty(201)
        row = schemas.apply_websocket(inst, section)
        return _json(row.to_json(), 201)

    async def websocket_find(self, request: web.Request) -> web.Response:
        inst = self._instance(request)
        if not self.knobs.websocket_enabled:
            return _empty(200)
        return _json(inst.websocket.to_json() if inst.websocket else None)
