"""`evodesk sync | state | webhook | websocket | listen | restart` end to end: a real
subprocess, the real keyring and the sandbox."""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from evodesk.sandbox import Sandbox
from tests.cli_support import Cli, cli_env, failing_proxy, free_port, proxy, undoing_proxy
from tests.manager_support import SandboxRows

pytestmark = pytest.mark.keyring


@pytest.fixture
def cli(secret_service: object, tmp_path: Path) -> Cli:
    return Cli(data_dir=tmp_path / "data", env=cli_env(secret_service.env))  # type: ignore[attr-defined]


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key="cli-key-canary-5150", instances=["loja-sp", "loja-rj"]) as sb:
        yield sb


@pytest.fixture
async def ready(cli: Cli, sandbox: Sandbox) -> Cli:
    added = await cli.run("server", "add", "Main", "--url", sandbox.url, api_key=sandbox.api_key)
    assert added.code == 0, added.err
    synced = await cli.run("sync")
    assert synced.code == 0, synced.err
    assert "Main: 2 instance(s)" in synced.out
    assert "new: loja-rj, loja-sp" in synced.out
    return cli


async def state(cli: Cli, name: str = "loja-sp") -> dict[str, object]:
    result = await cli.run("state", name, "--json")
    assert result.code == 0, result.err
    data: dict[str, object] = json.loads(result.out)
    return data


async def test_switching_modes_from_the_command_line(ready: Cli, sandbox: Sandbox) -> None:
    rows = SandboxRows(sandbox)
    first = await ready.run("webhook", "enable", "loja-sp")
    assert first.code == 1
    assert first.err_lines == [
        "evodesk: No webhook URL remembered for this instance: give --url URL."]

    enabled = await ready.run("webhook", "enable", "loja-sp", "--url", "http://127.0.0.1:9/h",
                              "--event", "MESSAGES_UPSERT", "--event", "CONNECTION_UPDATE",
                              "--base64")
    assert enabled.code == 0, enabled.err
    assert enabled.out.splitlines()[0] == "Webhook enabled."
    assert "restart" in enabled.out
    assert await rows.enabled("loja-sp") == (True, False)

    ws = await ready.run("websocket", "enable", "loja-sp")
    assert ws.code == 1 and "--event EVENT or --all-events" in ws.err
    ws = await ready.run("websocket", "enable", "loja-sp", "--all-events")
    assert ws.code == 0, ws.err
    assert ws.out.splitlines()[0] == "WebSocket enabled. Webhook was disabled."
    assert await rows.enabled("loja-sp") == (False, True)

    # The remembered webhook selection comes back without --url or --event.
    back = await ready.run("webhook", "enable", "loja-sp")
    assert back.code == 0, back.err
    data = await state(ready)
    assert data["mode"] == "webhook"
    assert data["webhook"] == {"enabled": True, "url": "http://127.0.0.1:9/h", "base64": True,
                               "by_events": False,
                               "events": ["MESSAGES_UPSERT", "CONNECTION_UPDATE"]}
    assert data["websocket"]["enabled"] is False  # type: ignore[index]
    assert len(data["websocket"]["events"]) == 31  # type: ignore[index]
    assert data["connection"] in ("open", "connecting", "close")
    assert data["conflict"] is False and data["attention"] is None

    off = await ready.run("webhook", "disable", "loja-sp")
    assert off.code == 0 and off.out.startswith("Delivery disabled")
    assert await rows.enabled("loja-sp") == (False, False)
    assert (await state(ready))["mode"] == "none"

    restarted = await ready.run("restart", "loja-sp")
    assert restarted.code == 0 and "restarting" in restarted.out
    for text in (enabled.out, ws.out, back.out, ready.files_text()):
        assert sandbox.api_key not in text


async def test_conflict_shows_in_state_and_fix_resolves_it(ready: Cli, sandbox: Sandbox) -> None:
    rows = SandboxRows(sandbox)
    await rows.set_webhook("loja-rj", enabled=True, url="http://127.0.0.1:9/x",
                           events=["MESSAGES_UPSERT"])
    await rows.set_websocket("loja-rj", True, ["MESSAGES_UPSERT"])
    synced = await ready.run("sync", "--server", "Main")
    assert "CONFLICT" in synced.out and "loja-rj" in synced.out
    data = await state(ready, "loja-rj")
    assert data["conflict"] is True and "both enabled" in str(data["attention"])
    fixed = await ready.run("fix", "loja-rj", "--keep", "webhook")
    assert fixed.code == 0, fixed.err
    assert await rows.enabled("loja-rj") == (True, False)
    assert (await state(ready, "loja-rj"))["conflict"] is False


async def test_unknown_instance_and_bad_event_are_one_line(ready: Cli) -> None:
    unknown = await ready.run("websocket", "enable", "nosuch", "--server", "Main",
                              "--event", "MESSAGES_UPSERT")
    assert unknown.code == 1
    assert unknown.err_lines == ["evodesk: Instance 'nosuch' does not exist on this server."]
    bad = await ready.run("websocket", "enable", "loja-sp", "--event", "NOPE")
    assert bad.code == 1 and len(bad.err_lines) == 1 and "NOPE" in bad.err


async def test_by_events_and_base64_can_be_turned_off_again(
    ready: Cli, sandbox: Sandbox
) -> None:
    rows = SandboxRows(sandbox)
    hook = ("webhook", "enable", "loja-sp", "--url", "http://127.0.0.1:9/h",
            "--event", "MESSAGES_UPSERT")

    async def flags() -> tuple[object, object]:
        webhook = (await state(ready))["webhook"]
        row = await rows.webhook("loja-sp")
        assert row is not None
        assert (row["webhookByEvents"], row["webhookBase64"]) == (
            webhook["by_events"], webhook["base64"])  # type: ignore[index]
        return webhook["by_events"], webhook["base64"]  # type: ignore[index]

    for extra, expected in [
        (("--by-events", "--base64"), (True, True)),
        ((), (True, True)),  # neither flag: what is known stays
        (("--no-by-events", "--no-base64"), (False, False)),
        ((), (False, False)),
        (("--by-events",), (True, False)),
    ]:
        result = await ready.run(*hook, *extra)
        assert result.code == 0, result.err
        assert await flags() == expected, extra
    both = await ready.run(*hook, "--by-events", "--no-by-events")
    assert both.code == 2 and "not allowed with" in both.err


async def test_enable_keeps_what_another_tool_set_unless_told_otherwise(
    cli: Cli, sandbox: Sandbox
) -> None:
    # A folder that has not synced since another tool set the webhook up: what the
    # command is not given stays as the server has it.
    rows = SandboxRows(sandbox)
    await rows.set_webhook("loja-sp", enabled=True, url="http://127.0.0.1:9/other",
                           events=["MESSAGES_UPSERT"], base64=True, byEvents=True,
                           headers={"authorization": "Bearer other-tool-canary"})
    added = await cli.run("server", "add", "Main", "--url", sandbox.url, api_key=sandbox.api_key)
    assert added.code == 0, added.err
    hook = ("webhook", "enable", "loja-sp", "--server", "Main", "--url",
            "http://127.0.0.1:9/mine", "--event", "MESSAGES_UPSERT", "--event", "SEND_MESSAGE")
    kept = await cli.run(*hook)
    assert kept.code == 0, kept.err
    row = await rows.webhook("loja-sp")
    assert row is not None
    assert row["url"] == "http://127.0.0.1:9/mine"
    assert sorted(row["events"]) == ["MESSAGES_UPSERT", "SEND_MESSAGE"]
    assert (row["webhookBase64"], row["webhookByEvents"]) == (True, True)
    assert row["headers"] == {"authorization": "Bearer other-tool-canary"}
    assert "other-tool-canary" not in kept.out + kept.err
    # Kept means remembered too: the next change without flags keeps them as well.
    data = await state(cli)
    assert data["webhook"]["base64"] is True  # type: ignore[index]
    assert data["webhook"]["by_events"] is True  # type: ignore[index]
    told = await cli.run(*hook, "--no-base64", "--no-by-events", "--no-headers")
    assert told.code == 0, told.err
    row = await rows.webhook("loja-sp")
    assert row is not None
    assert (row["webhookBase64"], row["webhookByEvents"], row["headers"]) == (False, False, {})


async def test_an_empty_event_name_is_refused(ready: Cli, sandbox: Sandbox) -> None:
    rows = SandboxRows(sandbox)
    hook = ("webhook", "enable", "loja-sp", "--url", "http://127.0.0.1:9/h")
    assert (await ready.run(*hook, "--event", "MESSAGES_UPSERT")).code == 0
    assert (await ready.run("webhook", "disable", "loja-sp")).code == 0
    # A selection is remembered: an empty name must not quietly stand for it.
    for args in [(*hook, "--event", ""), (*hook, "--event", ","),
                 (*hook, "--event", "MESSAGES_UPSERT,"),
                 ("websocket", "enable", "loja-sp", "--event", " ")]:
        result = await ready.run(*args)
        assert result.code == 1, args
        assert result.err_lines == [
            "evodesk: An event name is empty: give names such as --event MESSAGES_UPSERT."]
    assert await rows.enabled("loja-sp") == (False, False)


async def test_a_bad_header_name_is_refused_before_any_value_is_read(
    ready: Cli, sandbox: Sandbox
) -> None:
    ready.env["EVODESK_HEADER_BAD NAME"] = "never-read-canary"
    for names in (["Bad Name"], ["X-Unset", "Bad Name"]):
        args = [a for name in names for a in ("--header", name)]
        result = await ready.run("webhook", "enable", "loja-sp", "--url", "http://127.0.0.1:9/h",
                                 "--event", "MESSAGES_UPSERT", *args)
        assert result.code == 1
        assert result.err_lines == ["evodesk: 'Bad Name' is not a valid HTTP header name."]
    assert await SandboxRows(sandbox).enabled("loja-sp") == (False, False)


async def test_the_restart_hint_can_be_pasted_into_a_shell(cli: Cli) -> None:
    async with Sandbox(api_key="cli-key-canary-5150", instances=["loja sp"]) as sb:
        added = await cli.run("server", "add", "Loja server", "--url", sb.url,
                              api_key=sb.api_key)
        assert added.code == 0, added.err
        enabled = await cli.run("webhook", "enable", "loja sp", "--url", "http://127.0.0.1:9/h",
                                "--event", "MESSAGES_UPSERT", "--base64")
        assert enabled.code == 0, enabled.err
        hint = enabled.out.splitlines()[-1]
        assert hint == "Run: evodesk restart 'loja sp' --server 'Loja server'"
        command = shlex.split(hint.removeprefix("Run: "))
        assert command[0] == "evodesk"
        restarted = await cli.run(*command[1:])
        assert restarted.code == 0, restarted.err
        assert "restarting" in restarted.out


async def test_sync_fails_when_anything_could_not_be_read(ready: Cli, sandbox: Sandbox) -> None:
    def unreadable(request: web.Request) -> bool:
        return request.method == "GET" and request.path == "/webhook/find/loja-rj"

    async with failing_proxy(sandbox.url, unreadable) as url:
        added = await ready.run("server", "add", "Flaky", "--url", url, api_key=sandbox.api_key)
        assert added.code == 0, added.err
        synced = await ready.run("sync")
        assert synced.code == 1
        assert "Main: 2 instance(s)" in synced.out and "Flaky: 2 instance(s)" in synced.out
        [line] = synced.err_lines
        assert line.startswith("evodesk: Flaky: could not read loja-rj: ")
        assert "could not read" not in synced.out

        down = f"http://127.0.0.1:{free_port()}"
        assert (await ready.run("server", "add", "Down", "--url", down,
                                api_key="k-123456")).code == 0
        synced = await ready.run("sync")
        only = await ready.run("sync", "--server", "Main")
    assert synced.code == 1
    # Each failure once, on stderr; stdout has what was read.
    assert "Down" not in synced.out and "Main: 2 instance(s)" in synced.out
    assert sorted(line.split(":")[1] for line in synced.err_lines) == [" Down", " Flaky"]
    assert only.code == 0 and only.err == "" and "Main: 2 instance(s)" in only.out


async def test_webhook_test_reports_status_and_retry(ready: Cli) -> None:
    seen: list[tuple[str, str | None]] = []

    async def receive(request: web.Request) -> web.Response:
        seen.append((request.path, request.headers.get("X-Token")))
        return web.Response(status=503)

    app = web.Application()
    app.router.add_post("/{tail:.*}", receive)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        ready.env["EVODESK_HEADER_X_TOKEN"] = "hdr-canary-31"
        enabled = await ready.run(
            "webhook", "enable", "loja-sp", "--url", f"http://127.0.0.1:{port}/in",
            "--by-events", "--event", "MESSAGES_UPSERT", "--header", "X-Token")
        assert enabled.code == 0, enabled.err
        tested = await ready.run("webhook", "test", "loja-sp")
    finally:
        await runner.cleanup()
    assert tested.code == 1
    assert "HTTP 503" in tested.out and "would retry" in tested.out
    assert seen[-1] == ("/in/messages-upsert", "hdr-canary-31")
    assert "hdr-canary-31" not in ready.files_text()


async def test_webhook_test_says_in_words_that_the_receiver_answered_then_closed(
    ready: Cli,
) -> None:
    from tests.support.http import one_answer_server

    cut_short = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nshort!!"
    async with one_answer_server(cut_short) as (port, _heads):
        url = f"http://127.0.0.1:{port}/in"
        enabled = await ready.run("webhook", "enable", "loja-sp", "--url", url,
                                  "--event", "MESSAGES_UPSERT")
        assert enabled.code == 0, enabled.err
        tested = await ready.run("webhook", "test", "loja-sp")
    assert tested.code == 1
    assert tested.out == (f"{url} answered HTTP 200 but closed the connection before the "
                          "whole answer arrived. Evolution would retry.\n")


async def until_live(stderr: asyncio.StreamReader) -> None:
    """Reads `listen`'s state lines until loja-sp is live."""
    while True:
        line = await asyncio.wait_for(stderr.readline(), 20)
        assert line, "listen ended early"
        if b"instance 'loja-sp': live" in line:
            return


async def test_listen_prints_masked_events_until_interrupted(ready: Cli, sandbox: Sandbox) -> None:
    enabled = await ready.run("websocket", "enable", "loja-sp", "--event", "MESSAGES_UPSERT")
    assert enabled.code == 0
    process = await ready.start("listen", "loja-sp")
    assert process.stdout is not None and process.stderr is not None
    # The namespace exists only after the server's first emit for the instance.
    await sandbox.send_text("loja-sp", "first")
    try:
        await until_live(process.stderr)
        await sandbox.send_text("loja-sp", "olá <b>mundo</b>", sender_name="Maria")
        raw = await asyncio.wait_for(process.stdout.readline(), 20)
        while b"first" in raw:  # the warm-up message may arrive too, if joined in time
            raw = await asyncio.wait_for(process.stdout.readline(), 20)
    finally:
        process.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(process.wait(), 20)
    event = json.loads(raw)
    assert event["event"] == "messages.upsert" and event["instance"] == "loja-sp"
    assert event["payload"]["data"]["message"]["conversation"] == "olá <b>mundo</b>"
    assert event["payload"]["apikey"] == "••••••"
    assert sandbox.token_of("loja-sp") not in raw.decode()
    assert code == 0


async def test_listen_into_a_pipe_closed_by_its_reader_stops_quietly(
    ready: Cli, sandbox: Sandbox
) -> None:
    # `evodesk listen | head -1`: once head has its line and exits, listen must end by
    # itself, without a traceback (it used to go on listening with nobody to print to).
    enabled = await ready.run("websocket", "enable", "loja-sp", "--event", "MESSAGES_UPSERT")
    assert enabled.code == 0
    read_end, write_end = os.pipe()
    process = await ready.start("listen", "loja-sp", stdout=write_end)
    os.close(write_end)
    assert process.stderr is not None
    await sandbox.send_text("loja-sp", "first")
    try:
        await until_live(process.stderr)
        await sandbox.send_text("loja-sp", "one")
        first = await asyncio.wait_for(asyncio.to_thread(os.read, read_end, 65536), 20)
        assert b"messages.upsert" in first
    finally:
        os.close(read_end)  # the reader goes away
    try:
        for n in range(3):  # whatever listen writes next finds the pipe closed
            await sandbox.send_text("loja-sp", f"more {n}")
        code = await asyncio.wait_for(process.wait(), 20)
    finally:
        if process.returncode is None:  # it went on listening: end it, then fail
            process.kill()
            await process.wait()
    rest = (await process.stderr.read()).decode()
    assert code == 141, rest
    assert "Traceback" not in rest and "BrokenPipe" not in rest


async def test_listen_with_a_refused_key_exits_non_zero(ready: Cli, sandbox: Sandbox) -> None:
    enabled = await ready.run("websocket", "enable", "loja-sp", "--event", "MESSAGES_UPSERT")
    assert enabled.code == 0
    sandbox.require_socket_key = True
    ready.env["EVODESK_API_KEY"] = "wrong-key-123"
    assert (await ready.run("server", "edit", "Main", "--new-key",
                            api_key="wrong-key-123")).code == 0
    result = await ready.run("listen", timeout=60)
    assert result.code != 0
    assert "refused the API key" in result.err.splitlines()[-1]


async def test_a_change_that_ends_with_both_modes_on_exits_1(
    ready: Cli, sandbox: Sandbox
) -> None:
    # Another tool puts the webhook back right after evodesk turned it off.
    rows = SandboxRows(sandbox)
    hook = {"enabled": True, "url": "http://127.0.0.1:9/h", "events": ["MESSAGES_UPSERT"]}

    async def put_back(request: web.Request) -> None:
        if request.method == "POST" and request.path == "/webhook/set/loja-sp":
            await rows.set_webhook("loja-sp", **hook)

    async with undoing_proxy(sandbox.url, put_back) as url:
        assert (await ready.run("server", "edit", "Main", "--url", url)).code == 0
        enabled = await ready.run("webhook", "enable", "loja-sp", "--url", hook["url"],
                                  "--event", "MESSAGES_UPSERT")
        assert enabled.code == 0, enabled.err
        switched = await ready.run("websocket", "enable", "loja-sp", "--all-events")
        # Read while the proxy runs: state reads the server too.
        assert (await state(ready))["conflict"] is True
    assert await rows.enabled("loja-sp") == (True, True)
    assert switched.code == 1
    lines = switched.out.splitlines()
    assert lines[0] == "WebSocket enabled. The webhook is still enabled on the server."
    assert any(line.startswith("Note: Webhook and WebSocket are both enabled") for line in lines)


async def delete_on_server(sandbox: Sandbox, name: str) -> None:
    """Another tool removes the instance from the server."""
    import aiohttp

    async with aiohttp.ClientSession(headers={"apikey": sandbox.api_key}) as session:
        for route in ("logout", "delete"):
            async with session.delete(f"{sandbox.url}/instance/{route}/{name}") as answer:
                assert answer.status == 200, await answer.text()


async def test_state_of_an_instance_gone_from_the_server_says_so(
    ready: Cli, sandbox: Sandbox
) -> None:
    await delete_on_server(sandbox, "loja-sp")
    for synced in (False, True):
        if synced:
            result = await ready.run("sync")
            assert "no longer on the server (kept here): loja-sp" in result.out
        as_json = await ready.run("state", "loja-sp", "--json")
        assert as_json.code == 1
        assert as_json.err_lines == [
            "evodesk: Instance 'loja-sp' is no longer on server 'Main'; "
            "the state shown is the one last stored."]
        data = json.loads(as_json.out)
        assert data["vanished"] is True and data["live"] is False
        assert "does not exist" in data["read_error"]
        assert data["connection"] == "open"  # as stored, and said to be

        text = await ready.run("state", "loja-sp")
        assert text.code == 1 and text.err_lines == as_json.err_lines
        assert "WhatsApp:  open  (stored at the last sync, " in text.out
        assert "VANISHED:  no longer on the server" in text.out
    # The other instance is read live as before.
    other = await ready.run("state", "loja-rj", "--json")
    assert other.code == 0 and other.err == ""
    data = json.loads(other.out)
    assert data["live"] is True and data["vanished"] is False and data["read_error"] is None


async def test_state_whose_live_read_fails_says_what_is_stored(
    ready: Cli, sandbox: Sandbox
) -> None:
    failing = False

    def unreadable(request: web.Request) -> bool:
        return failing and request.path == "/instance/connectionState/loja-sp"

    async with failing_proxy(sandbox.url, unreadable) as url:
        added = await ready.run("server", "add", "Flaky", "--url", url, api_key=sandbox.api_key)
        assert added.code == 0, added.err
        assert (await ready.run("sync", "--server", "Flaky")).code == 0
        failing = True
        as_json = await ready.run("state", "loja-sp", "--server", "Flaky", "--json")
        text = await ready.run("state", "loja-sp", "--server", "Flaky")
    assert as_json.code == 1 and text.code == 1
    [line] = as_json.err_lines
    assert line.startswith("evodesk: The live state of 'loja-sp' could not be read; "
                           "the state shown is the one last stored: ")
    data = json.loads(as_json.out)
    assert data["live"] is False and data["vanished"] is False
    assert data["read_error"] and data["read_error"] in line
    assert "(stored at the last sync, " in text.out and "VANISHED" not in text.out
    assert "live state unavailable" in text.out


async def test_state_masks_the_webhook_urls_secrets(ready: Cli) -> None:
    url = "http://user:hookpass-77@127.0.0.1:9/ok?token=tok-88&page=2"
    enabled = await ready.run("webhook", "enable", "loja-sp", "--url", url,
                              "--event", "MESSAGES_UPSERT", "--no-headers")
    assert enabled.code == 0, enabled.err
    masked = "http://user:••••••@127.0.0.1:9/ok?token=••••••&page=2"
    data = await state(ready)
    assert data["webhook"]["url"] == masked  # type: ignore[index]
    text = await ready.run("state", "loja-sp")
    assert text.code == 0, text.err
    assert f"  webhook:   on  {masked}  " in text.out
    for shown in (json.dumps(data), text.out, text.err):
        assert "hookpass-77" not in shown and "tok-88" not in shown


async def test_control_characters_in_names_reach_the_terminal_escaped(
    ready: Cli, sandbox: Sandbox
) -> None:
    evil = "evil\x1b[2J\x1b[31mRED\nFAKE: all good\r"
    shown = "evil\\x1b[2J\\x1b[31mRED\\nFAKE: all good\\r"
    sandbox.add_instance(evil)
    synced = await ready.run("sync")
    assert synced.code == 0, synced.err
    assert f"  new: {shown}" in synced.out.splitlines()
    enabled = await ready.run("websocket", "enable", evil, "--event", "MESSAGES_UPSERT")
    assert enabled.code == 0, enabled.err
    text = await ready.run("state", evil)
    assert text.code == 0, text.err
    assert text.out.splitlines()[0] == f"Main/{shown}: websocket"
    as_json = await ready.run("state", evil, "--json")
    assert json.loads(as_json.out)["instance"] == evil  # JSON keeps the name as it is
    missing = await ready.run("state", evil + "\x1b[0m")
    assert missing.code == 1 and len(missing.err_lines) == 1 and shown in missing.err

    process = await ready.start("listen", evil)
    assert process.stderr is not None
    await sandbox.send_text(evil, "first")
    try:
        line = await asyncio.wait_for(process.stderr.readline(), 20)
        while b"': live" not in line:
            assert line, "listen ended early"
            line = await asyncio.wait_for(process.stderr.readline(), 20)
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.communicate(), 20)
    assert line.decode() == f"[Main] instance '{shown}': live\n"
    for output in (synced.out, synced.err, enabled.out, text.out, missing.err):
        assert "\x1b" not in output and "\r" not in output


async def test_a_server_upgrade_is_noticed_by_sync_and_named_by_a_refusal(
    cli: Cli, sandbox: Sandbox
) -> None:
    running = {"version": "2.2.3"}

    async def welcome(request: web.Request, _body: bytes) -> web.StreamResponse | None:
        if request.method == "GET" and request.path == "/":
            return web.json_response({"status": 200, "message": "Welcome to the Evolution API",
                                      "version": running["version"]})
        return None

    async with proxy(sandbox.url, answer=welcome) as url:
        assert (await cli.run("server", "add", "Up", "--url", url,
                              api_key=sandbox.api_key)).code == 0
        assert (await cli.run("sync")).code == 0
        assert "(2.2.3)" in (await cli.run("server", "list")).out
        running["version"] = "2.3.6"  # the server is upgraded

        # Before evodesk reads the version again, a refusal says how to.
        refused = await cli.run("webhook", "enable", "loja-sp", "--url", "http://127.0.0.1:9/u",
                                "--event", "STATUS_INSTANCE")
        assert refused.code == 1
        assert refused.err_lines == [
            "evodesk: Unknown event(s) for a 2.2.3 server: STATUS_INSTANCE. If the server was "
            "upgraded since evodesk read its version, read it again with: "
            "evodesk server check Up"]
        # A name no Evolution knows is a typo, not an upgrade.
        typo = await cli.run("websocket", "enable", "loja-sp", "--event", "STATUS_INSTANCEX")
        assert typo.err_lines == [
            "evodesk: Unknown event(s) for a 2.2.3 server: STATUS_INSTANCEX."]
        # Nor is any other refusal, though the events named are newer.
        bad_url = await cli.run("webhook", "enable", "loja-sp", "--url", "ftp://h.example/in",
                                "--event", "STATUS_INSTANCE")
        assert bad_url.err_lines == [
            "evodesk: The webhook URL must start with http:// or https://."]

        assert (await cli.run("sync")).code == 0
        assert "(2.3.6)" in (await cli.run("server", "list")).out
        enabled = await cli.run("webhook", "enable", "loja-sp", "--url", "http://127.0.0.1:9/u",
                                "--event", "STATUS_INSTANCE")
        assert enabled.code == 0, enabled.err

        running["version"] = "2.4.0"
        assert (await cli.run("server", "check", "Up")).code == 0
        assert "(2.4.0)" in (await cli.run("server", "list")).out


async def test_header_names_differing_only_in_case_are_refused(
    ready: Cli, sandbox: Sandbox
) -> None:
    ready.env["EVODESK_HEADER_X_A"] = "header-canary-41"
    result = await ready.run("webhook", "enable", "loja-sp", "--url", "http://127.0.0.1:9/h",
                             "--event", "MESSAGES_UPSERT", "--header", "X-A", "--header", "x-a")
    assert result.code == 1
    assert result.err_lines == [
        "evodesk: The header names 'X-A' and 'x-a' differ only in case, and HTTP reads "
        "them as one header. Keep one of them."]
    assert await SandboxRows(sandbox).enabled("loja-sp") == (False, False)
    assert "header-canary-41" not in result.out + result.err + ready.files_text()
    # The same name twice is one header, as before.
    once = await ready.run("webhook", "enable", "loja-sp", "--url", "http://127.0.0.1:9/h",
                           "--event", "MESSAGES_UPSERT", "--header", "X-A", "--header", "X-A")
    assert once.code == 0, once.err
