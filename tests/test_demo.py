"""The `--sandbox` demo: a sandbox registered as server "Sandbox", instances in each mode."""

from __future__ import annotations

from pathlib import Path

from evodesk.demo import DEMO_INSTANCES, Demo
from evodesk.domain.models import DeliveryMode
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.services.app import AppServices


async def test_demo_registers_its_instances_in_every_mode(tmp_path: Path) -> None:
    demo = await Demo.start(rate=0.0)
    app = await AppServices.open(resolve_paths(tmp_path), secrets=MemorySecretStore())
    try:
        await demo.register(app)
        server = await app.store.get_server("Sandbox")
        assert server.version == "2.3.6" and server.websocket_available is True
        instances = {i.name: i for i in await app.store.list_instances(server.id)}
        assert sorted(instances) == sorted(DEMO_INSTANCES)
        modes = {name: i.mode for name, i in instances.items()}
        assert modes["loja-sp"] is DeliveryMode.WEBSOCKET
        assert modes["loja-rj"] is DeliveryMode.WEBSOCKET
        assert modes["vendas"] is DeliveryMode.WEBHOOK and instances["vendas"].webhook_base64
        assert modes["suporte"] is DeliveryMode.NONE
        # Paired demo phones never ask for a QR code.
        assert demo.sandbox.traffic_mix["qrcode"] == 0.0
        # Registering again (an existing data dir) updates instead of failing.
        await demo.register(app)
        assert len(await app.store.list_servers()) == 1
    finally:
        await app.aclose()
        await demo.stop()
