"""Background traffic: a steady, mixed stream of events per instance."""

from __future__ import annotations

import asyncio
import logging

from evodesk.sandbox import payloads
from evodesk.sandbox.engine import Engine

log = logging.getLogger(__name__)

# Well above what a desktop client should face, low enough that a typo cannot turn
# the sandbox into a busy loop.
MAX_RATE = 2_000.0

# Share of each kind of event in the stream.
DEFAULT_MIX: dict[str, float] = {
    "text": 0.55,
    "media": 0.12,
    "update": 0.23,
    "connection": 0.05,
    "qrcode": 0.05,
}


class Traffic:
    """One task per instance with a rate above zero. Events are produced only while the
    instance is open, as a real number only receives messages then."""

    def __init__(self, engine: Engine, *, default_rate: float = 0.0) -> None:
        self.engine = engine
        self.default_rate = _clamp(default_rate)
        self.rates: dict[str, float] = {}
        self.mix: dict[str, float] = dict(DEFAULT_MIX)
        self.produced = 0
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._running = False

    def rate_of(self, name: str) -> float:
        return self.rates.get(name, self.default_rate)

    def set_rate(self, name: str | None, rate: float) -> None:
        rate = _clamp(rate)
        if name is None:
            self.default_rate = rate
            self.rates.clear()
        else:
            self.rates[name] = rate
        self.refresh()

    def start(self) -> None:
        self._running = True
        self.refresh()

    def refresh(self) -> None:
        """Starts a task for every instance that should be producing and has none."""
        if not self._running:
            return
        for name in self.engine.store.names():
            task = self._tasks.get(name)
            if self.rate_of(name) > 0 and (task is None or task.done()):
                self._tasks[name] = asyncio.create_task(
                    self._run(name), name=f"sandbox-traffic-{name}"
                )

    async def _run(self, name: str) -> None:
        loop = asyncio.get_running_loop()
        due = loop.time()
        while self._running:
            inst = self.engine.store.get(name)
            rate = self.rate_of(name)
            if inst is None or rate <= 0:
                return
            due += 1.0 / rate
            now = loop.time()
            if due > now:
                await asyncio.sleep(due - now)
            elif now - due > 1.0:
                # Far behind (slow consumer, paused loop): skip rather than burst.
                due = now
            # Re-read after the wait: a rate set to 0 meanwhile must stop this event too.
            if self.rate_of(name) <= 0 or not self._running:
                return
            if inst.state != "open" or self.engine.store.get(name) is not inst:
                continue
            try:
                await self._one(name)
            except Exception:  # the generator must outlive any single bad event
                log.exception("sandbox traffic for %s failed", name)
            self.produced += 1

    async def _one(self, name: str) -> None:
        inst = self.engine.store.instances[name]
        rng = self.engine.rng
        kinds = list(self.mix)
        kind = rng.choices(kinds, weights=[self.mix[k] for k in kinds])[0]
        if kind == "text":
            await self.engine.text(inst, rng.choice(payloads.TEXTS), from_me=rng.random() < 0.2)
        elif kind == "media":
            await self.engine.media(
                inst, rng.choice(("image", "image", "audio", "document", "video"))
            )
        elif kind == "update":
            await self.engine.update(inst)
        elif kind == "connection":
            await self.engine.emit(
                inst, "connection.update", payloads.connection_data(inst, inst.state)
            )
        else:
            code = payloads.qr_code_text(rng)
            await self.engine.emit(inst, "qrcode.updated", payloads.qrcode_data(inst, code))

    async def stop(self) -> None:
        self._running = False
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()


def _clamp(rate: float) -> float:
    return max(0.0, min(float(rate), MAX_RATE))
