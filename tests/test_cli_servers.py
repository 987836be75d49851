"""`evodesk server …` end to end: a real subprocess, the real keyring, the sandbox server."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import shutil
import sqlite3
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from evodesk.infra.secrets import MemorySecretStore, ScopedSecretStore, server_key_ref
from evodesk.sandbox import Sandbox
from tests.cli_support import Cli, CliResult, cli_env, free_port

pytestmark = pytest.mark.keyring


@pytest.fixture
def cli(secret_service: object, tmp_path: Path) -> Cli:
    env = cli_env(secret_service.env)  # type: ignore[attr-defined]
    return Cli(data_dir=tmp_path / "data", env=env)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    canary_key = "canary-" + uuid.uuid4().hex
    async with Sandbox(api_key=canary_key, instances=["loja-sp", "loja-rj"]) as sb:
        yield sb


def keyring_name(cli: Cli, ref: str) -> str:
    """The name `ref` is filed under in the keyring: scoped by the folder's database."""
    with contextlib.closing(sqlite3.connect(cli.data_dir / "evodesk.sqlite3")) as db:
        (database_id,) = db.execute("SELECT database_id FROM database_identity").fetchone()
    return ScopedSecretStore(MemorySecretStore(), database_id).scoped(ref)


async def test_version(cli: Cli) -> None:
    from evodesk import __version__

    result = await cli.run("--version")
    assert result.code == 0
    assert result.out.strip() == f"evodesk {__version__}"


async def test_add_list_check_remove_against_the_sandbox(
    cli: Cli, sandbox: Sandbox, real_keyring: object
) -> None:
    added = await cli.run("server", "add", "Sandbox", "--url", sandbox.url,
                          api_key=sandbox.api_key)
    assert added.code == 0, added.err
    assert "Added server 'Sandbox'" in added.out

    listed = await cli.run("server", "list")
    assert listed.code == 0
    assert "Sandbox" in listed.out and sandbox.url in listed.out

    checked = await cli.run("server", "check", "Sandbox")
    assert checked.code == 0, checked.err
    assert "Version:    2.3.6" in checked.out
    assert "Key valid:  yes" in checked.out
    assert "Websockets: yes" in checked.out
    assert "Instances:  2" in checked.out

    listed = await cli.run("server", "list", "--json")
    assert '"version": "2.3.6"' in listed.out
    assert '"websocket_available": true' in listed.out

    # The key is in the keyring under evodesk's service and the database's id, and
    # nowhere on disk.
    filed = keyring_name(cli, server_key_ref("Sandbox"))
    assert real_keyring.get_password("evodesk", filed) == sandbox.api_key  # type: ignore[attr-defined]
    for text in (cli.files_text(), added.out, added.err, checked.out, checked.err, listed.out):
        assert sandbox.api_key not in text

    removed = await cli.run("server", "remove", "Sandbox")
    assert removed.code == 0
    assert real_keyring.get_password("evodesk", filed) is None  # type: ignore[attr-defined]
    assert "No servers yet" in (await cli.run("server", "list")).out


async def test_wrong_key_is_one_clear_line(cli: Cli, sandbox: Sandbox) -> None:
    wrong = "wrong-canary-" + uuid.uuid4().hex
    assert (await cli.run("server", "add", "S", "--url", sandbox.url, api_key=wrong)).code == 0
    result = await cli.run("server", "check", "S")
    assert result.code == 1
    assert result.err_lines == ["evodesk: The server refused the API key."]
    assert wrong not in result.out + result.err + cli.files_text()


async def test_websockets_off_is_reported(cli: Cli, sandbox: Sandbox) -> None:
    sandbox.websocket_enabled = False
    await cli.run("server", "add", "S", "--url", sandbox.url, api_key=sandbox.api_key)
    result = await cli.run("server", "check", "S", "--json")
    assert result.code == 0, result.err
    assert '"websocket_available": false' in result.out


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("evo.example.com", "must start with http:// or https://"),
        ("ftp://evo.example.com", "must start with http:// or https://"),
        ("http://evo example.com", "must not contain spaces"),
        ("https://[::1", "invalid host name"),
        ("http://proxyuser:CANARY-SECRET-123@evo.example.com", "user name or password"),
    ],
)
async def test_malformed_urls_change_nothing(cli: Cli, url: str, message: str) -> None:
    result = await cli.run("server", "add", "S", "--url", url, api_key="k-123456")
    assert result.code == 1
    assert len(result.err_lines) == 1 and message in result.err
    assert "No servers yet" in (await cli.run("server", "list")).out


async def test_a_data_folder_that_cannot_be_made_is_one_clear_line(
    cli: Cli, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for data_dir in (blocker, blocker / "below"):
        result = await Cli(data_dir, cli.env).run("server", "list")
        assert result.code == 1, result.err
        assert result.err_lines == [
            f"evodesk: Cannot create the folder {data_dir} "
            f"({'File exists' if data_dir == blocker else 'Not a directory'}). "
            "Choose another data folder."
        ]


async def test_unreachable_server(cli: Cli) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    await cli.run("server", "add", "Down", "--url", url, api_key="k-123456")
    result = await cli.run("server", "check", "Down")
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert url in result.err or "127.0.0.1" in result.err


async def test_html_answer_is_named(cli: Cli) -> None:
    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<html><body><h1>502 Bad Gateway</h1></body></html>",
                            content_type="text/html", status=200)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        await cli.run("server", "add", "Html", "--url", f"http://127.0.0.1:{port}",
                      api_key="k-123456")
        result = await cli.run("server", "check", "Html")
    finally:
        await runner.cleanup()
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "HTML" in result.err


async def test_missing_key_without_a_terminal(cli: Cli) -> None:
    result = await cli.run("server", "add", "S", "--url", "http://127.0.0.1:1")
    assert result.code == 1
    assert "EVODESK_API_KEY" in result.err


async def test_no_keyring_backend_refuses_and_stores_nothing(cli: Cli) -> None:
    cli.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    cli.env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    result = await cli.run("server", "add", "S", "--url", "http://127.0.0.1:1",
                           api_key="never-stored-canary")
    assert result.code == 1
    assert "keyring" in result.err and "gnome-keyring" in result.err
    assert "No servers yet" in (await cli.run("server", "list")).out
    assert "never-stored-canary" not in cli.files_text()


async def test_a_file_that_is_not_a_database(cli: Cli, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("this is not a database\n" * 50, encoding="utf-8")
    before = hashlib.sha256(bogus.read_bytes()).hexdigest()
    result = await cli.run("--database-url", f"sqlite:///{bogus}", "server", "list")
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert "bogus.sqlite3" in result.err
    assert hashlib.sha256(bogus.read_bytes()).hexdigest() == before


async def test_duplicate_name_is_refused(cli: Cli, sandbox: Sandbox) -> None:
    assert (await cli.run("server", "add", "S", "--url", sandbox.url,
                          api_key=sandbox.api_key)).code == 0
    again = await cli.run("server", "add", "S", "--url", sandbox.url, api_key="other-key-1")
    assert again.code == 1
    assert "already exists" in again.err


async def test_a_server_name_means_the_same_on_every_command(
    cli: Cli, sandbox: Sandbox
) -> None:
    # `add` stores the name without its surrounding blanks; the others look it up so.
    spaced = "  Loja sp  "
    added = await cli.run("server", "add", spaced, "--url", sandbox.url,
                          api_key=sandbox.api_key)
    assert added.code == 0 and "Added server 'Loja sp'" in added.out
    for args in [("server", "check", spaced), ("server", "edit", spaced, "--url", sandbox.url),
                 ("sync", "--server", spaced), ("state", "loja-sp", "--server", spaced),
                 ("restart", "loja-sp", "--server", spaced)]:
        result = await cli.run(*args)
        assert result.code == 0, (args, result.err)
    empty = await cli.run("sync", "--server", " ")
    assert empty.code == 2 and "a server name cannot be empty" in empty.err
    removed = await cli.run("server", "remove", spaced)
    assert removed.code == 0 and "Removed server 'Loja sp'" in removed.out
    assert "No servers yet" in (await cli.run("server", "list")).out


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("canary-key-9f8e7d\u200b", "has a character that cannot be sent in an HTTP header"),
        ("canary-key\x07-9f8e7d", "has a character that cannot be sent in an HTTP header"),
        ("canary-key\n9f8e7d", "must be a single line"),
    ],
)
async def test_a_key_that_cannot_be_sent_is_refused_at_input(
    cli: Cli, sandbox: Sandbox, real_keyring: object, key: str, message: str
) -> None:
    added = await cli.run("server", "add", "S", "--url", sandbox.url, "--check", api_key=key)
    assert added.code == 1
    assert len(added.err_lines) == 1 and f"evodesk: The API key {message}" in added.err
    assert "No servers yet" in (await cli.run("server", "list")).out

    assert (await cli.run("server", "add", "S", "--url", sandbox.url,
                          api_key=sandbox.api_key)).code == 0
    edited = await cli.run("server", "edit", "S", "--new-key", api_key=key)
    assert edited.code == 1
    assert len(edited.err_lines) == 1 and message in edited.err
    filed = keyring_name(cli, server_key_ref("S"))
    assert real_keyring.get_password("evodesk", filed) == sandbox.api_key  # type: ignore[attr-defined]
    assert key.strip() not in added.err + edited.err + cli.files_text()


@pytest.mark.parametrize("key", ["canary-key-9f8e7d\u200b", "canary-key\n9f8e7d"])
async def test_a_stored_key_that_cannot_be_sent_is_one_clear_line(
    cli: Cli, sandbox: Sandbox, real_keyring: object, key: str
) -> None:
    # A key kept before such keys were refused at input.
    assert (await cli.run("server", "add", "S", "--url", sandbox.url,
                          api_key=sandbox.api_key)).code == 0
    real_keyring.set_password(  # type: ignore[attr-defined]
        "evodesk", keyring_name(cli, server_key_ref("S")), key)
    expected = ("The API key has a character that cannot be sent in an HTTP header, such as "
                "an invisible character, a control character or an accented letter. "
                "Edit the server and enter its key again.")
    checked = await cli.run("server", "check", "S")
    assert checked.code == 1
    assert checked.err_lines == [f"evodesk: {expected}"]
    synced = await cli.run("sync")
    assert synced.code == 1
    assert "Traceback" not in synced.err and expected in synced.out + synced.err
    assert key not in checked.out + checked.err + synced.out + synced.err


@pytest.mark.parametrize("tail", ["/#", "/?", "?#"])
async def test_an_empty_query_or_fragment_is_dropped_from_the_url(
    cli: Cli, sandbox: Sandbox, tail: str
) -> None:
    added = await cli.run("server", "add", "S", "--url", sandbox.url + tail,
                          api_key=sandbox.api_key)
    assert added.code == 0, added.err
    assert f"Added server 'S' at {sandbox.url}." in added.out
    checked = await cli.run("server", "check", "S")
    assert checked.code == 0, checked.err
    assert "Instances:  2" in checked.out
    assert (await cli.run("sync")).code == 0

    assert (await cli.run("server", "edit", "S", "--url", sandbox.url + "/evo/" + tail)).code == 0
    assert f'"url": "{sandbox.url}/evo"' in (await cli.run("server", "list", "--json")).out


async def run_read_only(cli: Cli, target: Path, *args: str) -> CliResult:
    """`evodesk ARGS` with `target` read-only: by its mode; for root, whom modes do not
    stop, through a read-only bind mount in a mount namespace of the command's own."""
    command = [sys.executable, "-m", "evodesk", "--data-dir", str(cli.data_dir), *args]
    if os.geteuid() == 0:
        unshare = shutil.which("unshare")
        assert unshare is not None, "root needs unshare(1) to make a folder read-only"
        mount = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
        command = [unshare, "-m", "sh", "-c", mount, str(target), *command]
    mode = target.stat().st_mode
    target.chmod(0o555 if target.is_dir() else 0o444)
    try:
        process = await asyncio.create_subprocess_exec(
            *command, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env={**cli.env, "EVODESK_API_KEY": "k-123456"})
        out, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        target.chmod(mode)
    assert process.returncode is not None
    return CliResult(process.returncode, out.decode(), err.decode())


@pytest.mark.parametrize("what", ["folder", "file"])
async def test_a_read_only_data_folder_or_file_is_named_as_such(cli: Cli, what: str) -> None:
    assert (await cli.run("server", "add", "S", "--url", "http://127.0.0.1:1",
                          api_key="k-123456")).code == 0
    database = cli.data_dir / "evodesk.sqlite3"
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    target = cli.data_dir if what == "folder" else database
    named = f"The folder {target}" if what == "folder" else f"The database file {target}"
    why = "is on a read-only file system." if os.geteuid() == 0 else (
        "is not writable." if what == "folder" else "is read-only.")
    # Reading a folder's database makes files beside it; changing one writes to it.
    result = await run_read_only(cli, target, "server", "list" if what == "folder" else "add",
                                 *([] if what == "folder" else ["T", "--url", "http://h"]))
    assert result.code == 1
    assert result.err_lines == [
        f"evodesk: {named} {why} Even to read the database, evodesk writes to it and to "
        "files beside it. Make it writable, or choose another data folder."]
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    listed = await cli.run("server", "list")
    assert listed.code == 0 and listed.out.startswith("S  ")


async def test_a_locked_keyring_is_named_with_how_to_unlock_it(
    cli: Cli, sandbox: Sandbox
) -> None:
    assert (await cli.run("server", "add", "S", "--url", sandbox.url,
                          api_key=sandbox.api_key)).code == 0
    locked = Cli(cli.data_dir, {**cli.env,
                                "PYTHON_KEYRING_BACKEND": "tests.support.keyrings.LockedKeyring"})
    unlock = ("Unlock it (log in to the desktop session, or enter the keyring's password "
              "when asked) and try again.")
    checked = await locked.run("server", "check", "S")
    assert checked.code == 1
    assert checked.err_lines == [
        f"evodesk: The keyring is locked, so evodesk cannot read a secret from it. {unlock}"]
    added = await locked.run("server", "add", "T", "--url", sandbox.url, api_key="k-123456")
    assert added.code == 1
    assert added.err_lines == [
        f"evodesk: The keyring is locked, so evodesk cannot store a secret in it. {unlock}"]
    removed = await locked.run("server", "remove", "S")
    assert removed.code == 1
    assert removed.err_lines == [
        f"evodesk: The keyring is locked, so evodesk cannot delete a secret from it. {unlock}"]
    assert (await cli.run("server", "list")).out.startswith("S  ")


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://",
            "sqlite:///file:evodesk?mode=memory&uri=true", "sqlite:///file::memory:?uri=true"])
async def test_an_in_memory_database_is_refused(cli: Cli, sandbox: Sandbox, url: str) -> None:
    expected = ["evodesk: An in-memory database keeps nothing once evodesk ends. Give a "
                "database file (sqlite:///path/to/evodesk.sqlite3) or a PostgreSQL URL."]
    added = await cli.run("--database-url", url, "server", "add", "Mem", "--url", sandbox.url,
                          api_key=sandbox.api_key)
    assert added.code == 1 and added.out == ""
    assert added.err_lines == expected
    from_env = Cli(cli.data_dir, {**cli.env, "EVODESK_DATABASE_URL": url})
    listed = await from_env.run("server", "list")
    assert listed.code == 1 and listed.err_lines == expected


async def test_a_version_with_control_characters_reaches_the_terminal_escaped(
    cli: Cli,
) -> None:
    key = "canary-" + uuid.uuid4().hex
    forged = "2.3.6\x1b[2J\nKey valid:  yes (forged line)"
    async with Sandbox(api_key=key, version=forged) as sandbox:
        added = await cli.run("server", "add", "odd", "--url", sandbox.url, "--check",
                              api_key=key)
        listed = await cli.run("server", "list")
    assert added.code == 0 and listed.code == 0, added.err + listed.err
    assert "Version:    2.3.6\\x1b[2J\\nKey valid:  yes (forged line)" in added.out.splitlines()
    for output in (added.out, listed.out):
        assert "\x1b" not in output
        assert not any(line.startswith("Key valid:  yes (forged") for line in output.splitlines())
