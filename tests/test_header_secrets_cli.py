"""A webhook header value the server echoes back reaches neither the terminal, nor the
database, nor the log: end to end, with the real keyring and the sandbox behind a proxy
that quotes the body of every webhook change it refuses."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from pathlib import Path

import pytest
from aiohttp import web

from evodesk.domain.secrets import MASK
from evodesk.sandbox import Sandbox
from tests.cli_support import Cli, cli_env, proxy

pytestmark = pytest.mark.keyring


def echoing_proxy(
    target: str, received: list[str]
) -> contextlib.AbstractAsyncContextManager[str]:
    """The URL of a proxy to `target` that answers every webhook change with a 400
    quoting its body, as a server validating it may."""

    async def answer(request: web.Request, body: bytes) -> web.StreamResponse | None:
        if request.method != "POST" or not request.path.startswith("/webhook/set/"):
            return None
        received.append(body.decode())
        return web.json_response(
            {"status": 400, "error": "Bad Request",
             "response": {"message": [f"invalid body: {body.decode()}"]}},
            status=400,
        )

    return proxy(target, answer=answer)


async def test_an_echoed_header_value_stays_secret(
    secret_service: object, tmp_path: Path
) -> None:
    canary = f"CANARY-HDR-{uuid.uuid4().hex}"
    env = cli_env(secret_service.env)  # type: ignore[attr-defined]
    cli = Cli(tmp_path / "data", env)
    with_header = Cli(cli.data_dir, {**env, "EVODESK_HEADER_AUTHORIZATION": f"Bearer {canary}"})
    received: list[str] = []
    async with Sandbox(api_key=f"key-{uuid.uuid4().hex}", instances=["loja-sp"]) as sandbox, \
            echoing_proxy(sandbox.url, received) as url:
        added = await cli.run("server", "add", "Main", "--url", url, api_key=sandbox.api_key)
        assert added.code == 0, added.err
        synced = await cli.run("sync")
        assert synced.code == 0, synced.err

        enable = ("-v", "webhook", "enable", "loja-sp", "--url", "http://127.0.0.1:9/h",
                  "--event", "MESSAGES_UPSERT")
        given = await with_header.run(*enable, "--header", "Authorization")
        # The headers remembered from the keyring, sent again.
        remembered = await cli.run(*enable)

    # Each run sent the value (then put the webhook back as it was, without headers).
    assert sum(canary in body for body in received) == 2
    for result in (given, remembered):
        assert result.code == 1
        assert "The server rejected the request" in result.err
        assert canary not in result.out + result.err
    assert canary not in cli.files_text()  # the database and the log
    with contextlib.closing(sqlite3.connect(cli.data_dir / "evodesk.sqlite3")) as db:
        (last_error,) = db.execute(
            "SELECT last_error FROM instances WHERE name = 'loja-sp'").fetchone()
    assert f'"Authorization":"{MASK}"' in last_error
