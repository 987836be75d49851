"""The delivery manager as a state machine against a faulty sandbox.

Hypothesis drives random sequences of switches, syncs, conflict fixes, fault settings
and changes made by "another tool", on four instances of one sandbox. After every step,
with the faults off for the check, the server, the database and a small model of what
the person asked for must agree:

(a) the server never has webhook and websocket both enabled, unless another tool made
    it so and evodesk has not yet changed that instance since;
(b) the database's enabled flags equal the server's, unless another tool changed the
    server since evodesk last looked, or the instance carries ``attention``;
(c) remembered selections (webhook URL and events, websocket events) survive disabling
    and failures: they are what the person last asked for, or what a sync or a "keep"
    read from a row the server has enabled;
(d) a DeliveryChangeFailed with ``restored=True`` leaves the server in the mode it had
    before the call (a conflict is never put back: only rows turned off stay off).

Hypothesis's stateful machinery is synchronous: the machine owns one event loop and runs
each step to completion on it; the sandbox and the services live as long as the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from evodesk.domain.errors import DeliveryChangeFailed, EvodeskError
from evodesk.domain.events import catalogue_for
from evodesk.domain.models import DeliveryMode, Instance, Server, WebhookConfig
from evodesk.infra.evolution import EvolutionClient
from evodesk.infra.paths import resolve_paths
from evodesk.infra.secrets import MemorySecretStore
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef
from evodesk.services.status import ChangeOutcome
from tests.manager_support import Faults, open_services

T = TypeVar("T")

SERVER = "Main"
NAMES = ("loja-a", "loja-b", "loja-c", "loja-d")
CATALOGUE = catalogue_for("2.3.6")
POOL = (
    "MESSAGES_UPSERT", "MESSAGES_UPDATE", "SEND_MESSAGE", "CONNECTION_UPDATE",
    "QRCODE_UPDATED", "CALL",
)
URLS = ("http://127.0.0.1:9/hook-a", "https://hooks.example.com/b", "http://10.1.2.3:8080/c/d")
OTHER_TOOL_URL = "https://other-tool.example.net/in"
CLIENT_TIMEOUT = 0.25
MIN_STEPS = 300

names = st.sampled_from(NAMES)
selections = st.lists(st.sampled_from(POOL), min_size=1, max_size=4, unique=True)


def in_catalogue_order(events: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    chosen = set(events)
    return tuple(e for e in CATALOGUE if e in chosen)


@dataclass(frozen=True)
class ServerRows:
    """Both rows of one instance as the sandbox holds them (raw JSON or None)."""

    webhook: dict[str, Any] | None
    websocket: dict[str, Any] | None

    @property
    def webhook_on(self) -> bool:
        return bool(self.webhook and self.webhook["enabled"])

    @property
    def websocket_on(self) -> bool:
        return bool(self.websocket and self.websocket["enabled"])

    @property
    def flags(self) -> tuple[bool, bool]:
        return self.webhook_on, self.websocket_on

    @property
    def both(self) -> bool:
        return self.webhook_on and self.websocket_on


@dataclass
class Remembered:
    """What the person asked for last (None / empty: nothing asked yet, not checked)."""

    url: str | None = None
    webhook_events: tuple[str, ...] = ()
    websocket_events: tuple[str, ...] = ()


@dataclass
class Model:
    remembered: dict[str, Remembered] = field(
        default_factory=lambda: {n: Remembered() for n in NAMES}
    )
    # Another tool turned both rows on and no evodesk change has run on it since.
    external: set[str] = field(default_factory=set)
    # Another tool changed the server and evodesk has not read the instance since.
    stale: set[str] = field(default_factory=set)

    def adopt(self, name: str, rows: ServerRows) -> None:
        """A sync or a keep read the rows: what the server has enabled is remembered."""
        mem = self.remembered[name]
        if rows.webhook_on:
            assert rows.webhook is not None
            mem.url = rows.webhook["url"]
            if rows.webhook["events"]:
                mem.webhook_events = tuple(rows.webhook["events"])
        if rows.websocket_on:
            assert rows.websocket is not None
            if rows.websocket["events"]:
                mem.websocket_events = tuple(rows.websocket["events"])


def delivery(instance: Instance) -> tuple[Any, ...]:
    return (
        instance.webhook_enabled, instance.websocket_enabled, instance.webhook_url,
        instance.webhook_events, instance.websocket_events, instance.attention,
        instance.conflict,
    )


@dataclass(frozen=True)
class Request:
    """One change the person asks for, and what it should leave on the server."""

    mode: str  # "webhook", "websocket" or "none"
    url: str | None = None
    webhook_events: tuple[str, ...] = ()
    websocket_events: tuple[str, ...] = ()
    base64: bool = False
    by_events: bool = False

    def remember(self, mem: Remembered) -> None:
        if self.url is not None:
            mem.url = self.url
        if self.webhook_events:
            mem.webhook_events = self.webhook_events
        if self.websocket_events:
            mem.websocket_events = self.websocket_events

    def check_server(self, rows: ServerRows) -> None:
        if self.mode == "webhook":
            assert rows.flags == (True, False), rows
            assert rows.webhook is not None
            assert rows.webhook["url"] == self.url
            assert tuple(rows.webhook["events"]) == self.webhook_events
            assert rows.webhook["webhookBase64"] is self.base64
            assert rows.webhook["webhookByEvents"] is self.by_events
        elif self.mode == "websocket":
            assert rows.flags == (False, True), rows
            assert rows.websocket is not None
            assert tuple(rows.websocket["events"]) == self.websocket_events
        else:
            assert rows.flags == (False, False), rows


class RawServer:
    """The sandbox over plain HTTP with another HTTP library than evodesk's client: the
    checker, and "another tool"."""

    def __init__(self, sandbox: Sandbox) -> None:
        self._http = aiohttp.ClientSession(
            base_url=sandbox.url, headers={"apikey": sandbox.api_key},
            timeout=aiohttp.ClientTimeout(total=10), raise_for_status=True,
        )

    async def aclose(self) -> None:
        await self._http.close()

    async def _get(self, path: str) -> Any:
        async with self._http.get(path) as response:
            return await response.json()

    async def rows(self, name: str) -> ServerRows:
        return ServerRows(
            await self._get(f"/webhook/find/{name}"), await self._get(f"/websocket/find/{name}")
        )

    async def post(self, path: str, body: dict[str, Any]) -> None:
        async with self._http.post(path, json=body) as response:
            await response.read()


class DeliveryMachine(RuleBasedStateMachine):
    steps = 0

    def __init__(self) -> None:
        super().__init__()
        # Requests time out after CLIENT_TIMEOUT; a full collection over everything the
        # test session has built up so far can stall the loop longer than that. What
        # exists now is left out of collections while the machine runs, as the app
        # does after its start (ui/startup_gc).
        gc.collect()
        gc.freeze()
        self.loop = asyncio.new_event_loop()
        self.tmp = tempfile.TemporaryDirectory(prefix="evodesk-props-")
        self.sandbox = Sandbox(api_key="props-key-0001", instances=list(NAMES), seed=7)
        self.app: AppServices | None = None
        self.raw: RawServer | None = None
        self.model = Model()
        self.server_id = 0
        try:
            self.run(self._open())
        except BaseException:
            self.teardown()
            raise

    # --- life --------------------------------------------------------------------------

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coro)

    async def _open(self) -> None:
        await self.sandbox.start()
        self.raw = RawServer(self.sandbox)

        def factory(server: Server, key: str) -> EvolutionClient:
            return EvolutionClient(
                server.base_url, key, version=server.version, timeout=CLIENT_TIMEOUT
            )

        self.app = await AppServices.open(
            resolve_paths(Path(self.tmp.name)), secrets=MemorySecretStore(),
            client_factory=factory,
        )
        server = await self.app.servers.add(SERVER, self.sandbox.url, self.sandbox.api_key)
        assert server.id is not None
        self.server_id = server.id
        [summary] = await self.app.sync.sync_all()
        assert summary.added == tuple(sorted(NAMES)), summary

    def teardown(self) -> None:
        try:
            if self.app is not None:
                self.run(self.app.aclose())
            if self.raw is not None:
                self.run(self.raw.aclose())
            self.run(self.sandbox.stop())
            self.run(self.loop.shutdown_asyncgens())
            self.run(self.loop.shutdown_default_executor())
        finally:
            gc.unfreeze()
            self.loop.close()
            self.tmp.cleanup()

    @property
    def services(self) -> AppServices:
        assert self.app is not None
        return self.app

    @contextlib.asynccontextmanager
    async def quiet(self, *, keep_latency: bool = False) -> AsyncIterator[None]:
        """The sandbox without injected failures (and without latency) for a while."""
        sb = self.sandbox
        rate, latency = sb.error_rate, sb.latency
        sb.error_rate = 0.0
        if not keep_latency:
            sb.latency = 0.0
        try:
            yield
        finally:
            sb.error_rate, sb.latency = rate, latency

    async def rows(self, name: str) -> ServerRows:
        assert self.raw is not None
        async with self.quiet():
            return await self.raw.rows(name)

    async def all_rows(self) -> dict[str, ServerRows]:
        assert self.raw is not None
        async with self.quiet():
            found = await asyncio.gather(*(self.raw.rows(n) for n in NAMES))
        return dict(zip(NAMES, found, strict=True))

    async def stored(self, name: str) -> Instance:
        return await self.services.store.get_instance(self.server_id, name)

    async def all_stored(self) -> dict[str, Instance]:
        return {i.name: i for i in await self.services.store.list_instances(self.server_id)}

    def count_step(self) -> None:
        DeliveryMachine.steps += 1

    # --- changes -----------------------------------------------------------------------

    async def change(
        self, name: str, call: Callable[[], Awaitable[ChangeOutcome]], request: Request | None
    ) -> None:
        """Run one change and check it against the server; ``request`` None means the call
        must be refused before it changes anything."""
        before = await self.rows(name)
        before_db = await self.stored(name)
        try:
            outcome = await call()
        except DeliveryChangeFailed as exc:
            assert request is not None, f"refusal expected, got {exc}"
            await self.failed(name, request, before, exc)
            return
        except EvodeskError:
            # Refused or a read failed before any write: nothing may have changed.
            assert (await self.rows(name)) == before
            assert delivery(await self.stored(name)) == delivery(before_db)
            return
        assert request is not None, f"the call should have been refused: {outcome.message}"
        after = await self.rows(name)
        request.check_server(after)
        instance = outcome.status.instance
        assert (instance.webhook_enabled, instance.websocket_enabled) == after.flags
        assert instance.attention is None and not instance.conflict
        flags = (instance.webhook_base64, instance.webhook_by_events)
        if request.mode == "webhook":
            assert flags == (request.base64, request.by_events)
        else:  # the webhook's base64 and byEvents are remembered while it is off
            assert flags == (before_db.webhook_base64, before_db.webhook_by_events)
        request.remember(self.model.remembered[name])
        self.model.external.discard(name)
        self.model.stale.discard(name)

    async def failed(
        self, name: str, request: Request, before: ServerRows, exc: DeliveryChangeFailed
    ) -> None:
        request.remember(self.model.remembered[name])  # the draft survives a failure
        after = await self.rows(name)
        stored = await self.stored(name)
        if exc.restored:
            if before.both:
                # A conflict is not put back: rows may only have been turned off.
                assert not after.both, after
                assert after.webhook_on <= before.webhook_on
                assert after.websocket_on <= before.websocket_on
            else:
                assert after.flags == before.flags, (before, after, str(exc))
                if before.webhook_on:
                    assert before.webhook is not None and after.webhook is not None
                    for key in ("url", "events", "webhookBase64", "webhookByEvents"):
                        assert after.webhook[key] == before.webhook[key], key
                if before.websocket_on:
                    assert before.websocket is not None and after.websocket is not None
                    assert after.websocket["events"] == before.websocket["events"]
            assert (stored.webhook_enabled, stored.websocket_enabled) == after.flags
            assert stored.attention is None  # read back: nothing left to look at
            self.model.external.discard(name)
            self.model.stale.discard(name)
        else:
            assert stored.attention and "could not be put back" in stored.attention
            self.model.stale.discard(name)  # attention now tells the person to sync

    def webhook_request(
        self, url: str, events: list[str], base64: bool, by_events: bool
    ) -> Request:
        return Request(
            "webhook", url=url, webhook_events=in_catalogue_order(events), base64=base64,
            by_events=by_events,
        )

    @rule(name=names, url=st.sampled_from(URLS), events=selections, base64=st.booleans(),
          by_events=st.booleans(), headers=st.sampled_from([{}, {"X-Token": "tok-1"}]))
    def enable_webhook(
        self, name: str, url: str, events: list[str], base64: bool, by_events: bool,
        headers: dict[str, str],
    ) -> None:
        self.count_step()
        config = WebhookConfig(
            url=url, events=tuple(events), base64=base64, by_events=by_events, headers=headers
        )
        request = self.webhook_request(url, events, base64, by_events)
        self.run(self.change(
            name, lambda: self.services.manager.enable_webhook(ref(name), config), request
        ))

    @rule(name=names, events=selections, all_events=st.booleans())
    def enable_websocket(self, name: str, events: list[str], all_events: bool) -> None:
        self.count_step()
        chosen = [] if all_events else events
        expected = CATALOGUE if all_events else in_catalogue_order(events)
        request = Request("websocket", websocket_events=expected)
        self.run(self.change(
            name,
            lambda: self.services.manager.enable_websocket(
                ref(name), chosen, all_events=all_events
            ),
            request,
        ))

    @rule(name=names)
    def disable_both(self, name: str) -> None:
        self.count_step()
        self.run(self.change(
            name, lambda: self.services.manager.disable_both(ref(name)), Request("none")
        ))

    @rule(name=names)
    def keep_webhook(self, name: str) -> None:
        self.count_step()
        self.run(self._keep_webhook(name))

    async def _keep_webhook(self, name: str) -> None:
        rows = await self.rows(name)
        mem = self.model.remembered[name]
        request: Request | None = None
        if rows.webhook is not None and rows.webhook["url"]:
            events = tuple(rows.webhook["events"]) or mem.webhook_events
            if events:
                request = Request(
                    "webhook", url=rows.webhook["url"], webhook_events=in_catalogue_order(events),
                    base64=rows.webhook["webhookBase64"],
                    by_events=rows.webhook["webhookByEvents"],
                )
        await self.change(name, lambda: self.services.manager.keep_webhook(ref(name)), request)

    @rule(name=names)
    def keep_websocket(self, name: str) -> None:
        self.count_step()
        self.run(self._keep_websocket(name))

    async def _keep_websocket(self, name: str) -> None:
        rows = await self.rows(name)
        events = (
            tuple(rows.websocket["events"]) if rows.websocket is not None else ()
        ) or self.model.remembered[name].websocket_events
        request = Request(
            "websocket", websocket_events=in_catalogue_order(events) if events else CATALOGUE
        )
        await self.change(name, lambda: self.services.manager.keep_websocket(ref(name)), request)

    # --- reading -----------------------------------------------------------------------

    @rule()
    def sync_all(self) -> None:
        self.count_step()
        self.run(self._sync_all())

    async def _sync_all(self) -> None:
        before_db = await self.all_stored()
        writes = self.writes()
        [summary] = await self.services.sync.sync_all()
        assert self.writes() == writes, "sync wrote to the server"
        after_db = await self.all_stored()
        if summary.error is not None:
            for n in NAMES:
                assert delivery(after_db[n]) == delivery(before_db[n])
            return
        assert summary.total == len(NAMES)
        server = await self.all_rows()
        for n in NAMES:
            rows = server[n]
            if n in summary.failed:
                assert delivery(after_db[n]) == delivery(before_db[n])
                continue
            assert (n in summary.conflicts) == rows.both
            self.check_read(after_db[n], rows)
            self.model.adopt(n, rows)
            self.model.stale.discard(n)

    @rule(name=names)
    def sync_state(self, name: str) -> None:
        self.count_step()
        self.run(self._sync_state(name))

    async def _sync_state(self, name: str) -> None:
        before_db = await self.stored(name)
        writes = self.writes()
        try:
            status = await self.services.manager.sync_state(ref(name))
        except EvodeskError:
            assert delivery(await self.stored(name)) == delivery(before_db)
            return
        finally:
            assert self.writes() == writes, "sync_state wrote to the server"
        rows = await self.rows(name)
        self.check_read(status.instance, rows)
        assert status.instance == await self.stored(name)
        self.model.adopt(name, rows)
        self.model.stale.discard(name)

    @rule(name=names)
    def get_connection_state(self, name: str) -> None:
        self.count_step()
        self.run(self._get_connection_state(name))

    async def _get_connection_state(self, name: str) -> None:
        before_db = await self.stored(name)
        writes = self.writes()
        status = await self.services.manager.get_connection_state(ref(name))
        assert self.writes() == writes
        assert status.instance == before_db == await self.stored(name)
        assert (status.connection is None) == (status.sync_error is not None)

    @staticmethod
    def check_read(instance: Instance, rows: ServerRows) -> None:
        """An instance stored from a read of both rows: the server's flags, and attention
        only for a conflict (a failed restore's "check, then Sync" is answered)."""
        assert (instance.webhook_enabled, instance.websocket_enabled) == rows.flags
        assert instance.conflict == rows.both
        assert bool(instance.attention) == rows.both, instance.attention

    def writes(self) -> int:
        return sum(1 for r in self.sandbox.requests if r.method != "GET")

    # --- the world around evodesk ------------------------------------------------------

    @rule(
        rate=st.floats(0.0, 0.3),
        kind=st.sampled_from(["500", "html", "timeout"]),
        hang=st.sampled_from([0.01, 0.05, CLIENT_TIMEOUT + 0.2]),
        latency=st.sampled_from([0.0, 0.005, 0.02]),
    )
    def set_faults(self, rate: float, kind: str, hang: float, latency: float) -> None:
        self.count_step()
        self.sandbox.error_rate = rate
        self.sandbox.error_kind = kind
        self.sandbox.hang_limit = hang
        self.sandbox.latency = latency

    @precondition(lambda self: self.sandbox.error_rate > 0 or self.sandbox.latency > 0)
    @rule()
    def clear_faults(self) -> None:
        self.count_step()
        self.sandbox.error_rate = 0.0
        self.sandbox.latency = 0.0

    @rule(name=names, url=st.sampled_from((*URLS, OTHER_TOOL_URL)), webhook_events=selections,
          websocket_events=selections, websocket_first=st.booleans())
    def other_tool_enables_both(
        self, name: str, url: str, webhook_events: list[str], websocket_events: list[str],
        websocket_first: bool,
    ) -> None:
        self.count_step()
        self.run(self._other_tool(name, url, webhook_events, websocket_events, websocket_first))

    async def _other_tool(
        self, name: str, url: str, webhook_events: list[str], websocket_events: list[str],
        websocket_first: bool,
    ) -> None:
        assert self.raw is not None
        writes = [
            (f"/webhook/set/{name}",
             {"webhook": {"enabled": True, "url": url, "events": webhook_events}}),
            (f"/websocket/set/{name}",
             {"websocket": {"enabled": True, "events": websocket_events}}),
        ]
        if websocket_first:
            writes.reverse()
        async with self.quiet():
            for path, body in writes:
                await self.raw.post(path, body)
        self.model.external.add(name)
        self.model.stale.add(name)

    @rule(name=names, which=st.sampled_from(["webhook", "websocket", "none"]),
          url=st.sampled_from(URLS), events=selections)
    def sync_while_changing(self, name: str, which: str, url: str, events: list[str]) -> None:
        """A sync and a change on one instance overlap (no injected failures, latency kept):
        whichever order they take, the database ends up with what the server has."""
        self.count_step()
        self.run(self._sync_while_changing(name, which, url, events))

    async def _sync_while_changing(
        self, name: str, which: str, url: str, events: list[str]
    ) -> None:
        manager = self.services.manager
        async with self.quiet(keep_latency=True):
            # First bring every remembered selection in line with the enabled rows, so
            # the model does not depend on which of the two reads the instance first.
            [summary] = await self.services.sync.sync_all()
            assert summary.error is None and not summary.failed
            for n, rows in (await self.all_rows()).items():
                self.model.adopt(n, rows)
                self.model.stale.discard(n)
            request: Request
            call: Awaitable[ChangeOutcome]
            if which == "webhook":
                request = self.webhook_request(url, events, False, False)
                config = WebhookConfig(url=url, events=tuple(events))
                call = manager.enable_webhook(ref(name), config)
            elif which == "websocket":
                request = Request("websocket", websocket_events=in_catalogue_order(events))
                call = manager.enable_websocket(ref(name), events)
            else:
                request = Request("none")
                call = manager.disable_both(ref(name))
            [summary], outcome = await asyncio.gather(self.services.sync.sync_all(), call)
        assert summary.error is None and not summary.failed
        rows = await self.rows(name)
        request.check_server(rows)
        assert (outcome.status.instance.webhook_enabled,
                outcome.status.instance.websocket_enabled) == rows.flags
        request.remember(self.model.remembered[name])
        self.model.external.discard(name)
        for n, others in (await self.all_rows()).items():
            if n != name:
                self.model.adopt(n, others)

    # --- the invariants ------------------------------------------------------------------

    @invariant()
    def server_database_and_model_agree(self) -> None:
        self.run(self._check())

    async def _check(self) -> None:
        server, database = await self.all_rows(), await self.all_stored()
        for name in NAMES:
            rows, stored = server[name], database[name]
            mem = self.model.remembered[name]
            # (a) never both, unless another tool did it and evodesk has not acted since
            if rows.both:
                assert name in self.model.external, f"{name}: both enabled by evodesk"
            # (b) the database records what the server has
            db_flags = (stored.webhook_enabled, stored.websocket_enabled)
            if name not in self.model.stale and db_flags != rows.flags:
                assert stored.attention, f"{name}: database {db_flags}, server {rows.flags}"
            assert stored.conflict == (stored.webhook_enabled and stored.websocket_enabled)
            # (c) remembered selections
            if mem.url is not None:
                assert stored.webhook_url == mem.url, (name, stored.webhook_url, mem.url)
            if mem.webhook_events:
                assert stored.webhook_events == mem.webhook_events, name
            if mem.websocket_events:
                assert stored.websocket_events == mem.websocket_events, name


def ref(name: str) -> InstanceRef:
    return InstanceRef(name, SERVER)


# A passing run takes well under the suite's 120 s; a failing one also shrinks.
@pytest.mark.timeout(900)
def test_delivery_modes_hold_under_faults_and_other_tools(
    record_property: Callable[[str, object], None],
) -> None:
    DeliveryMachine.steps = 0
    run_state_machine_as_test(
        DeliveryMachine,
        settings=settings(
            max_examples=16,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
            # Python 3.11's tracer makes the explain phase's replays very slow.
            phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
        ),
    )
    steps = DeliveryMachine.steps
    record_property("steps", steps)
    print(f"delivery state machine: {steps} steps")
    assert steps >= MIN_STEPS, f"only {steps} steps ran"


async def test_a_failed_switch_keeps_the_new_selection_over_the_servers_old_one(
    tmp_path: Path,
) -> None:
    """The case behind (c), step by step: the server still holds an older URL in its
    disabled webhook row when a switch to a new URL fails."""
    old = WebhookConfig(url=URLS[0], events=("MESSAGES_UPSERT",))
    new = WebhookConfig(url=URLS[1], events=("CALL", "SEND_MESSAGE"))
    faults = Faults()
    async with Sandbox(api_key="props-key-0002", instances=["loja-x"]) as sandbox:
        app = await open_services(tmp_path / "d", faults)
        try:
            await app.servers.add(SERVER, sandbox.url, sandbox.api_key)
            await app.sync.sync_all()
            manager = app.manager
            await manager.enable_webhook(ref("loja-x"), old)
            await manager.enable_websocket(ref("loja-x"), ["CONNECTION_UPDATE"])
            faults.fail["set_webhook"] = [faults.calls["set_webhook"] + 1]
            with pytest.raises(DeliveryChangeFailed) as failure:
                await manager.enable_webhook(ref("loja-x"), new)
            assert failure.value.restored
            server = await app.store.get_server(SERVER)
            assert server.id is not None

            async def remembered() -> tuple[Any, ...]:
                assert server.id is not None
                i = await app.store.get_instance(server.id, "loja-x")
                return i.mode, i.webhook_url, i.webhook_events

            selection = (URLS[1], ("SEND_MESSAGE", "CALL"))
            assert await remembered() == (DeliveryMode.WEBSOCKET, *selection)
            await app.sync.sync_all()
            assert await remembered() == (DeliveryMode.WEBSOCKET, *selection)
            await manager.sync_state(ref("loja-x"))
            await manager.disable_both(ref("loja-x"))
            assert await remembered() == (DeliveryMode.NONE, *selection)
        finally:
            await app.aclose()
