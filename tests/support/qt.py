"""Awaiting Qt signals from async tests on the qasync loop (no nested event loops)."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from typing import Any


class Expectation:
    """Connected at creation, awaited later: the arguments of the next emission.

    Connecting before the action that emits matters: a signal emitted synchronously
    inside the action would otherwise be missed.
    """

    def __init__(self, signal: Any, timeout: float) -> None:
        self._signal = signal
        self._timeout = timeout
        self._future: asyncio.Future[tuple[Any, ...]] = (
            asyncio.get_running_loop().create_future()
        )
        future = self._future

        # A closure, not a bound method: PySide holds bound methods weakly.
        def on_emit(*args: Any) -> None:
            if not future.done():
                future.set_result(args)
                signal.disconnect(on_emit)

        signal.connect(on_emit)

    def __await__(self) -> Generator[Any, None, tuple[Any, ...]]:
        return asyncio.wait_for(asyncio.shield(self._future), self._timeout).__await__()


def expect(signal: Any, timeout: float = 10.0) -> Expectation:
    return Expectation(signal, timeout)


async def next_emission(signal: Any, timeout: float = 10.0) -> tuple[Any, ...]:
    """The arguments of the next emission of ``signal`` (connected when awaited)."""
    return await Expectation(signal, timeout)
