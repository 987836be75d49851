"""Awaiting Qt signals from async tests on the qasync loop (no nested event loops)."""

from __future__ import annotations

import asyncio
from typing import Any


async def next_emission(signal: Any, timeout: float = 10.0) -> tuple[Any, ...]:
    """The arguments of the next emission of ``signal``."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def on_emit(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(on_emit)
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(on_emit)
