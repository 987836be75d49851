"""`evodesk listen` with a reader of its output that falls behind or stops reading: the
connections and the store go on, lines are left out and counted, signals still end it."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from evodesk.domain.errors import StoreError
from evodesk.domain.models import Event
from evodesk.sandbox import Sandbox
from evodesk.services.listen_cmd import run_listen
from tests.cli_support import Cli, cli_env
from tests.fakes import MemoryEventStore
from tests.sio_servers import API_KEY, EvoLikeServer

NOT_PRINTED = re.compile(
    r"evodesk listen: (\d+) events? not printed: "
    r"the output is not being read fast enough \(they are stored\)"
)


async def static_key(server: object) -> str:
    return API_KEY


class Err(io.StringIO):
    """stderr that lets a test wait for a line (written from the command's thread)."""

    def __init__(self) -> None:
        super().__init__()
        self._loop = asyncio.get_running_loop()
        self._poke = asyncio.Event()

    def write(self, text: str) -> int:
        written = super().write(text)
        self._loop.call_soon_threadsafe(self._poke.set)
        return written

    async def until(self, pattern: re.Pattern[str], timeout: float = 5.0) -> None:
        async def wait() -> None:
            while not pattern.search(self.getvalue()):
                self._poke.clear()
                await self._poke.wait()

        await asyncio.wait_for(wait(), timeout)

    def not_printed(self) -> list[int]:
        return [int(n) for n in NOT_PRINTED.findall(self.getvalue())]


async def instance_a(evo: EvoLikeServer) -> MemoryEventStore:
    """A store with instance "a" of `evo` in websocket mode, its namespace made."""
    store = MemoryEventStore()
    server = store.add_server("main", evo.url)
    store.add_instance(server, "a")
    await evo.emit("a", "connection.update", {})
    return store


def fill(fd: int) -> None:
    """Fill the pipe behind `fd` so that the next write to it blocks."""
    os.set_blocking(fd, False)
    try:
        while True:
            os.write(fd, b"#" * 4096)
    except BlockingIOError:
        pass
    os.set_blocking(fd, True)


def drain(fd: int) -> bytes:
    """What the pipe holds, up to its last whole line."""
    os.set_blocking(fd, False)
    data = b""
    try:
        while chunk := os.read(fd, 1 << 20):
            data += chunk
    except BlockingIOError:
        pass
    return data[: data.rfind(b"\n") + 1]


@pytest.mark.timeout(30)  # it used to block the event loop for good, this test with it
async def test_a_reader_that_stops_reading_costs_lines_not_events() -> None:
    read_end, write_end = os.pipe()
    out = open(write_end, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    async with EvoLikeServer() as evo:
        store = await instance_a(evo)
        err, stop = Err(), asyncio.Event()
        task = asyncio.create_task(run_listen(
            store, static_key, None, out, err, stop,
            pending_limit=16 * 1024, report_every=0.1, drain_timeout=0.2,
        ))
        await evo.wait_until(lambda: bool(evo.members.get("/a")))
        big = "x" * 8000  # the pipe holds 64 KiB: a few of these fill it
        for n in range(30):
            await evo.emit("a", "messages.upsert", {"key": {"id": f"m{n}"}, "text": big})
        await store.wait_until(lambda: len(store.events) == 30)
        await err.until(NOT_PRINTED)  # reported while it goes on listening
        for n in range(30, 60):
            await evo.emit("a", "messages.upsert", {"key": {"id": f"m{n}"}, "text": big})
        await store.wait_until(lambda: len(store.events) == 60)
        assert not task.done()
        loop = asyncio.get_running_loop()
        stopped_at = loop.time()
        stop.set()
        assert await asyncio.wait_for(task, 5) == 0
        assert loop.time() - stopped_at < 2  # the output stays blocked: it is not waited for
    try:
        printed = drain(read_end)  # the writer's last lines may follow now
    finally:
        os.close(read_end)
        out.close()
    lines = [json.loads(line) for line in printed.splitlines()]
    reports = err.not_printed()
    assert 2 <= len(reports) < 20  # a line now and then, not one per event
    missed = sum(reports)
    assert missed >= 30 and missed + len(lines) >= 60
    assert all(line["event"] == "messages.upsert" for line in lines)
    assert len({e.duplicate_key for e in store.events}) == 60  # every event stored


# --- the command ----------------------------------------------------------------------


@pytest.fixture
def cli(secret_service: object, tmp_path: Path) -> Cli:
    return Cli(data_dir=tmp_path / "data", env=cli_env(secret_service.env))  # type: ignore[attr-defined]


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key="listen-key-canary-7070", instances=["loja-sp"]) as sb:
        yield sb


@pytest.fixture
async def listening(cli: Cli, sandbox: Sandbox) -> Cli:
    """The sandbox added as server "Main", loja-sp in websocket mode."""
    added = await cli.run("server", "add", "Main", "--url", sandbox.url, api_key=sandbox.api_key)
    assert added.code == 0, added.err
    assert (await cli.run("sync")).code == 0
    enabled = await cli.run("websocket", "enable", "loja-sp", "--event", "MESSAGES_UPSERT")
    assert enabled.code == 0, enabled.err
    return cli


async def line_with(stderr: asyncio.StreamReader, text: bytes, timeout: float = 10) -> None:
    async def read() -> None:
        while text not in await stderr.readline():
            assert not stderr.at_eof(), "listen ended early"

    await asyncio.wait_for(read(), timeout)


@pytest.mark.keyring
async def test_listen_ends_on_sigterm_while_nobody_reads_its_output(
    listening: Cli, sandbox: Sandbox
) -> None:
    cli = listening
    read_end, write_end = os.pipe()
    process = await cli.start("listen", stdout=write_end)
    os.close(write_end)
    assert process.stderr is not None
    try:
        await sandbox.send_text("loja-sp", "creates the namespace")
        await line_with(process.stderr, b"instance 'loja-sp': live")
        for n in range(100):  # far more than the pipe holds; nobody reads it
            await sandbox.send_text("loja-sp", f"fill-{n} " + "x" * 4000)
        # The connection is still looked after: its loss is seen and reported.
        await sandbox.drop_sockets()
        await line_with(process.stderr, b"connection: retrying")
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 3)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        printed = drain(read_end)
        os.close(read_end)
    rest = (await process.stderr.read()).decode()
    assert code == 0, rest
    [missed] = [int(n) for n in NOT_PRINTED.findall(rest)]
    printed_fills = printed.count(b"fill-")
    with sqlite3.connect(cli.data_dir / "evodesk.sqlite3") as db:
        query = db.execute("select count(*) from events where payload like '%fill-%'")
        stored: int = query.fetchone()[0]
    # Whatever was received is stored, printed or not (the drop may have cut a few short).
    assert printed_fills + missed >= stored >= missed > 0
    assert printed_fills < 30  # what the pipe could take


async def test_listen_keeps_the_retention_it_is_given() -> None:
    # `evodesk listen` passes the user's event_retention: the default would cut a log
    # set to keep more, and note the default as this workstation's ask on a team.
    async with EvoLikeServer() as evo:
        store = await instance_a(evo)
        stop = asyncio.Event()
        task = asyncio.create_task(run_listen(
            store, static_key, None, io.StringIO(), Err(), stop, retention=1_234_567))
        await evo.wait_until(lambda: bool(evo.members.get("/a")))
        await evo.emit("a", "messages.upsert", {"key": {"id": "m1"}})
        await store.wait_until(lambda: len(store.events) == 1)
        stop.set()
        assert await asyncio.wait_for(task, 5) == 0
    assert store.prunes and set(store.prunes) == {1_234_567}


@pytest.mark.timeout(30)
async def test_a_non_blocking_stdout_is_waited_for_not_given_up() -> None:
    # A descriptor left non-blocking answers "would block" when the pipe is full; that
    # is a reader behind, not a closed pipe.
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    out = open(write_end, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    async with EvoLikeServer() as evo:
        store = await instance_a(evo)
        err, stop = Err(), asyncio.Event()
        task = asyncio.create_task(run_listen(store, static_key, None, out, err, stop))
        await evo.wait_until(lambda: bool(evo.members.get("/a")))
        big = "x" * 8000  # 20 of these are more than the 64 KiB the pipe holds
        for n in range(20):
            await evo.emit("a", "messages.upsert", {"key": {"id": f"m{n}"}, "text": big})
        await store.wait_until(lambda: len(store.events) == 20)
        printed = b""
        os.set_blocking(read_end, True)
        loop = asyncio.get_running_loop()
        while printed.count(b"\n") < 20:  # reading makes room; the writer goes on
            read = loop.run_in_executor(None, os.read, read_end, 1 << 16)
            printed += await asyncio.wait_for(read, 10)
            assert not task.done(), err.getvalue()
        stop.set()
        assert await asyncio.wait_for(task, 5) == 0
    os.close(read_end)
    out.close()
    assert [json.loads(line)["payload"]["data"]["key"]["id"] for line in printed.splitlines()] \
        == [f"m{n}" for n in range(20)]
    assert err.not_printed() == []


@pytest.mark.keyring
async def test_a_stderr_nobody_reads_holds_up_neither_events_nor_the_exit(
    listening: Cli, sandbox: Sandbox
) -> None:
    # `evodesk listen 2>&1 | less`, paused: the state lines wait, the events go on.
    cli = listening
    err_read, err_write = os.pipe()
    fill(err_write)
    process = await cli.start("listen", stderr=err_write)
    os.close(err_write)
    assert process.stdout is not None
    noted = b""
    try:
        await sandbox.send_text("loja-sp", "creates the namespace")
        await asyncio.wait_for(sandbox.wait_for_joins("loja-sp", 1), 10)
        await sandbox.drop_sockets()  # a few more state lines for stderr
        await asyncio.wait_for(sandbox.wait_for_joins("loja-sp", 2), 10)
        for n in range(3):
            await sandbox.send_text("loja-sp", f"after-drop-{n}")
        texts = b""
        while texts.count(b"after-drop-") < 3:
            texts += await asyncio.wait_for(process.stdout.readline(), 10)
        loop = asyncio.get_running_loop()
        # What waited is written once there is room.
        while b"connection: retrying" not in noted:
            read = loop.run_in_executor(None, os.read, err_read, 1 << 16)
            chunk = await asyncio.wait_for(read, 5)
            assert chunk, "stderr closed early"
            noted += chunk
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 3)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        os.close(err_read)
    assert code == 0, noted.replace(b"#", b"").decode()


class LockedStore(MemoryEventStore):
    """A store whose event log refuses every write, as a SQLite file another process
    keeps locked does."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    async def add_events(self, events: Sequence[Event]) -> int:
        self.writes += 1
        self._changed.set()
        raise StoreError("The database sqlite:///evodesk.sqlite3 failed: database is locked")


async def test_events_the_database_never_took_are_counted_at_the_exit() -> None:
    async with EvoLikeServer() as evo:
        store = LockedStore()
        server = store.add_server("main", evo.url)
        store.add_instance(server, "a")
        await evo.emit("a", "connection.update", {})
        out, err, stop = Err(), Err(), asyncio.Event()
        task = asyncio.create_task(run_listen(store, static_key, None, out, err, stop))
        await evo.wait_until(lambda: bool(evo.members.get("/a")))
        for n in range(5):
            await evo.emit("a", "messages.upsert", {"key": {"id": f"m{n}"}})
        await out.until(re.compile('"m4"'))  # printed, though never stored
        await store.wait_until(lambda: store.writes > 0)
        before_stop = store.writes
        stop.set()
        code = await asyncio.wait_for(task, 5)
    # Closing tries the database once more, not a round of split retries.
    assert store.writes - before_stop <= 2
    assert code == 1
    lines = err.getvalue().splitlines()
    assert lines[-1] == ("evodesk listen: 5 events could not be stored: The database "
                         "sqlite:///evodesk.sqlite3 failed: database is locked")


@pytest.mark.keyring
async def test_an_output_that_cannot_be_written_is_one_line_not_a_traceback(
    listening: Cli, sandbox: Sandbox
) -> None:
    cli = listening
    with open("/dev/full", "w") as full:  # every write: "No space left on device"
        process = await cli.start("listen", stdout=full.fileno())
    assert process.stderr is not None
    await sandbox.send_text("loja-sp", "creates the namespace")
    await asyncio.wait_for(sandbox.wait_for_joins("loja-sp", 1), 10)
    await sandbox.send_text("loja-sp", "cannot be printed")
    code = await asyncio.wait_for(process.wait(), 10)
    err = (await process.stderr.read()).decode()
    assert code == 1, err
    assert err.splitlines()[-1] == (
        "evodesk listen: could not write the events to the output: No space left on device")
    assert "Traceback" not in err


@pytest.mark.keyring
async def test_a_closed_stdout_is_one_line_not_a_traceback(listening: Cli) -> None:
    cli = listening
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "evodesk", "--data-dir", str(cli.data_dir), "listen",
        stdin=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE, env=cli.env,
        preexec_fn=lambda: os.close(1),  # `evodesk listen >&-`
    )
    _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 1, err.decode()
    assert err.decode() == ("evodesk listen: the standard output is closed; there is nowhere "
                            "to print the events.\n")
