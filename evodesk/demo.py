"""A ready-to-explore setup: a sandbox server with demo instances, registered as server
"Sandbox", some instances already delivering by webhook or websocket."""

from __future__ import annotations

import secrets as random_secrets
from dataclasses import dataclass

from aiohttp import web

from evodesk.domain.models import WebhookConfig
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef

DEMO_INSTANCES = ["loja-sp", "loja-rj", "suporte", "vendas", "financeiro"]
DEMO_SERVER = "Sandbox"
LIVE_EVENTS = ("MESSAGES_UPSERT", "MESSAGES_UPDATE", "CONNECTION_UPDATE", "QRCODE_UPDATED",
               "SEND_MESSAGE", "LOGOUT_INSTANCE")


class DemoReceiver:
    """A local webhook receiver that accepts everything, so webhook mode has somewhere to
    deliver in the demo."""

    def __init__(self) -> None:
        self.received = 0
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        async def accept(request: web.Request) -> web.Response:
            await request.read()
            self.received += 1
            return web.json_response({"ok": True})

        app = web.Application()
        app.router.add_post("/{tail:.*}", accept)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = int(self._runner.addresses[0][1])
        self.url = f"http://127.0.0.1:{port}/evolution"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


@dataclass
class Demo:
    sandbox: Sandbox
    receiver: DemoReceiver

    @classmethod
    async def start(cls, *, rate: float = 0.5, port: int = 0) -> Demo:
        sandbox = Sandbox(
            api_key="sandbox-" + random_secrets.token_hex(8),
            instances=list(DEMO_INSTANCES), rate=rate, port=port,
        )
        # The demo's phones are paired: a QR code would only appear while pairing.
        sandbox.traffic_mix["qrcode"] = 0.0
        receiver = DemoReceiver()
        await sandbox.start()
        try:
            await receiver.start()
        except BaseException:
            await sandbox.stop()
            raise
        return cls(sandbox=sandbox, receiver=receiver)

    async def register(self, app: AppServices) -> None:
        """Add the sandbox as a server and put a few instances in each mode."""
        existing = {s.name for s in await app.servers.all()}
        if DEMO_SERVER in existing:
            await app.servers.update(DEMO_SERVER, url=self.sandbox.url,
                                     api_key=self.sandbox.api_key)
        else:
            await app.servers.add(DEMO_SERVER, self.sandbox.url, self.sandbox.api_key)
        await app.servers.check(DEMO_SERVER)
        await app.sync.sync_all(DEMO_SERVER)
        for name in ("loja-sp", "loja-rj"):
            await app.manager.enable_websocket(InstanceRef(name, DEMO_SERVER), LIVE_EVENTS)
        await app.manager.enable_webhook(
            InstanceRef("vendas", DEMO_SERVER),
            WebhookConfig(url=self.receiver.url, events=LIVE_EVENTS, base64=True),
        )
        await app.sync.sync_all(DEMO_SERVER)

    async def stop(self) -> None:
        try:
            await self.sandbox.stop()
        finally:
            await self.receiver.stop()
