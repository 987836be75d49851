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

    async def start(
        self, *args: str, stdout: int = asyncio.subprocess.PIPE,
        stderr: int = asyncio.subprocess.PIPE,
    ) -> asyncio.subprocess.Process:
        """`evodesk ARGS` left running (`listen`), its output where asked."""
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "evodesk", "--data-dir", str(self.data_dir), *args,
            stdin=asyncio.subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=self.env,
        )

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


Answer = Callable[[web.Request, bytes], Awaitable[web.StreamResponse | None]]


def failing_proxy(
    target: str, fails: Callable[[web.Request], bool]
) -> contextlib.AbstractAsyncContextManager[str]:
    """The URL of a proxy to `target` that answers HTTP 500 to the requests `fails`
    picks, and passes every other request on as it is."""

    async def answer(request: web.Request, _body: bytes) -> web.StreamResponse | None:
        if not fails(request):
            return None
        return web.json_response({"status": 500, "error": "Internal Server Error",
                                  "response": {"message": "proxy: injected"}}, status=500)

    return proxy(target, answer=answer)


def undoing_proxy(
    target: str, after: Callable[[web.Request], Awaitable[None]]
) -> contextlib.AbstractAsyncContextManager[str]:
    """The URL of a proxy to `target` that passes every request on, then runs `after`
    before answering: another tool changing the server right behind evodesk."""
    return proxy(target, after=after)


@asynccontextmanager
async def proxy(
    target: str,
    *,
    answer: Answer | None = None,
    after: Callable[[web.Request], Awaitable[None]] | None = None,
) -> AsyncIterator[str]:
    """The URL of a proxy to `target`: `answer` may answer a request itself (given its
    body; None passes it on), `after` runs once a passed-on request was answered."""
    session = aiohttp.ClientSession()

    async def forward(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        if answer is not None and (own := await answer(request, body)) is not None:
            return own
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        async with session.request(request.method, target + request.path_qs,
                                   headers=headers, data=body) as passed:
            status, kind, content = passed.status, passed.content_type, await passed.read()
        if after is not None:
            await after(request)
        return web.Response(status=status, body=content, content_type=kind)

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
