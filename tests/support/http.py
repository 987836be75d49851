"""A raw HTTP server for tests that need an answer no framework would send."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator


@contextlib.asynccontextmanager
async def one_answer_server(
    reply: bytes, *, tls: ssl.SSLContext | None = None, read_request: bool = True
) -> AsyncIterator[tuple[int, list[bytes]]]:
    """A server on 127.0.0.1 that sends `reply`, byte for byte, to every connection and
    closes it; yields its port and the request heads it read (none unless
    `read_request`)."""
    heads: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            if read_request:
                heads.append(await reader.readuntil(b"\r\n\r\n"))
            writer.write(reply)
            await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=tls)
    try:
        yield server.sockets[0].getsockname()[1], heads
    finally:
        server.close()
        await server.wait_closed()
