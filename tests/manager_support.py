"""Manager tests' helpers: services over a real sandbox, an independent reader of the
sandbox's rows, and a client wrapper that fails chosen calls on purpose."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from evodesk.domain.errors import ServerError
from evodesk.domain.models import Server
from evodesk.infra.evolution import EvolutionClient
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices


class InjectedFailure(ServerError):
    pass


@dataclass
class Faults:
    """Which client calls fail: ``fail[method] = [n, …]`` fails the n-th call (1-based)."""

    fail: dict[str, list[int]] = field(default_factory=dict)
    # The n-th call answers as if done without reaching the server (a proxy that lies,
    # or another tool undoing it at once).
    ignore: dict[str, list[int]] = field(default_factory=dict)
    calls: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    max_in_flight: int = 0
    gate: asyncio.Event | None = None  # when set, writes wait for it (to overlap calls)


class FaultyClient:
    """The real EvolutionClient, with failures injected at chosen calls."""

    def __init__(self, real: EvolutionClient, faults: Faults) -> None:
        self._real = real
        self._faults = faults

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._real, name)
        if not callable(attr) or name.startswith("_") or name == "aclose":
            return attr

        async def call(*args: Any, **kwargs: Any) -> Any:
            faults = self._faults
            faults.calls[name] += 1
            if faults.calls[name] in faults.fail.get(name, []):
                raise InjectedFailure(f"Injected failure of {name}.", status=500)
            if faults.calls[name] in faults.ignore.get(name, []):
                return None
            faults.in_flight += 1
            faults.max_in_flight = max(faults.max_in_flight, faults.in_flight)
            try:
                if faults.gate is not None and name.startswith("set_"):
                    await faults.gate.wait()
                return await attr(*args, **kwargs)
            finally:
                faults.in_flight -= 1

        return call

    async def aclose(self) -> None:
        await self._real.aclose()


async def open_services(tmp: Path, faults: Faults | None = None) -> AppServices:
    def factory(server: Server, key: str) -> Any:
        real = EvolutionClient(server.base_url, key, version=server.version, timeout=5)
        return FaultyClient(real, faults) if faults is not None else real

    return await AppServices.open(
        resolve_paths(tmp), secrets=MemorySecretStore(), client_factory=factory
    )


class SandboxRows:
    """Reads the sandbox's rows over plain HTTP: the check is independent of our client."""

    def __init__(self, sandbox: Sandbox) -> None:
        self._sandbox = sandbox

    async def _get(self, path: str) -> Any:
        async with httpx.AsyncClient(base_url=self._sandbox.url) as http:
            response = await http.get(path, headers={"apikey": self._sandbox.api_key})
            response.raise_for_status()
            return response.json()

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        async with httpx.AsyncClient(base_url=self._sandbox.url) as http:
            response = await http.post(path, json=body,
                                       headers={"apikey": self._sandbox.api_key})
            response.raise_for_status()
            return response.json()

    async def webhook(self, name: str) -> dict[str, Any] | None:
        row: dict[str, Any] | None = await self._get(f"/webhook/find/{name}")
        return row

    async def websocket(self, name: str) -> dict[str, Any] | None:
        row: dict[str, Any] | None = await self._get(f"/websocket/find/{name}")
        return row

    async def enabled(self, name: str) -> tuple[bool, bool]:
        wh, ws = await self.webhook(name), await self.websocket(name)
        return bool(wh and wh["enabled"]), bool(ws and ws["enabled"])

    async def set_webhook(self, name: str, **row: Any) -> None:
        await self._post(f"/webhook/set/{name}", {"webhook": row})

    async def set_websocket(self, name: str, enabled: bool, events: Sequence[str]) -> None:
        await self._post(f"/websocket/set/{name}",
                         {"websocket": {"enabled": enabled, "events": list(events)}})
