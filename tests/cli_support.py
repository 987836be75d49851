"""Running the real `evodesk` command in a subprocess, with the test keyring."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from aiohttp import web


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@dataclass
class Cli:
    data_dir: Path
    env: dict[str, str]

    async def run(self, *args: str, api_key: str | None = None, timeout: float = 60) -> CliResult:
        env = dict(self.env)
        env.pop("EVODESK_API_KEY", None)
        if api_key is not None:
            env["EVODESK_API_KEY"] = api_key
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "evodesk", "--data-dir", str(self.data_dir), *args,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        out, err = await asyncio.wait_for(process.communicate(), timeout)
        assert process.returncode is not None
        return CliResult(process.returncode, out.decode(), err.decode())

    def files_text(self) -> str:
        """Every byte evodesk wrote under its data dir, as text, for canary checks."""
        chunks = []
        for path in sorted(self.data_dir.rglob("*")):
            if path.is_file():
                chunks.append(path.read_bytes().decode("utf-8", errors="replace"))
        return "\n".join(chunks)


def cli_env(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(base if base is not None else os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def free_port() -> int:
    """A local port nothing listens on (a server that cannot be reached)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def failing_proxy(
    target: str, fails: Callable[[web.Request], bool]
) -> contextlib.AbstractAsyncContextManager[str]:
    """The URL of a proxy to `target` that answers HTTP 500 to the requests `fails`
    picks, and passes every other request on as it is."""
    return _proxy(target, fails=fails)


def undoing_proxy(
    target: str, after: Callable[[web.Request], Awaitable[None]]
) -> contextlib.AbstractAsyncContextManager[str]:
    """The URL of a proxy to `target` that passes every request on, then runs `after`
    before answering: another tool changing the server right behind evodesk."""
    return _proxy(target, after=after)


@asynccontextmanager
async def _proxy(
    target: str,
    *,
    fails: Callable[[web.Request], bool] | None = None,
    after: Callable[[web.Request], Awaitable[None]] | None = None,
) -> AsyncIterator[str]:
    session = aiohttp.ClientSession()

    async def forward(request: web.Request) -> web.Response:
        if fails is not None and fails(request):
            return web.json_response({"status": 500, "error": "Internal Server Error",
                                      "response": {"message": "proxy: injected"}}, status=500)
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        async with session.request(request.method, target + request.path_qs,
                                   headers=headers, data=await request.read()) as answer:
            body, status, kind = await answer.read(), answer.status, answer.content_type
        if after is not None:
            await after(request)
        return web.Response(status=status, body=body, content_type=kind)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()
        await session.close()
