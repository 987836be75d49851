"""The delivery-mode manager against the sandbox: every switch read back on the sandbox
itself, the server's quirks absorbed, failures put right, calls serialised per instance."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from evodesk.domain.errors import (
    DeliveryChangeFailed,
    InvalidInput,
    UnknownInstance,
    WebsocketDisabledOnServer,
)
from evodesk.domain.models import DeliveryMode, WebhookConfig
from evodesk.sandbox import Sandbox
from evodesk.services.app import AppServices
from evodesk.services.instances import InstanceRef
from tests.manager_support import Faults, SandboxRows, open_services

HOOK = "http://127.0.0.1:9/hook"
MSG = ("MESSAGES_UPSERT", "CONNECTION_UPDATE")


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(api_key="mgr-key-0001", instances=["loja-sp", "loja-rj"]) as sb:
        yield sb


@pytest.fixture
def faults() -> Faults:
    return Faults()


@pytest.fixture
async def app(tmp_path: Path, sandbox: Sandbox, faults: Faults) -> AsyncIterator[AppServices]:
    services = await open_services(tmp_path / "d", faults)
    await services.servers.add("Main", sandbox.url, sandbox.api_key)
    [summary] = await services.sync.sync_all()
    assert summary.added == ("loja-rj", "loja-sp")
    yield services
    await services.aclose()


def ref(name: str = "loja-sp") -> InstanceRef:
    return InstanceRef(name, "Main")


async def stored(app: AppServices, name: str = "loja-sp"):  # type: ignore[no-untyped-def]
    server = await app.store.get_server("Main")
    assert server.id is not None
    return await app.store.get_instance(server.id, name)


async def test_webhook_turns_websocket_off_on_the_server(
    app: AppServices, sandbox: Sandbox
) -> None:
    rows = SandboxRows(sandbox)
    first = await app.manager.enable_websocket(ref(), MSG)
    assert first.message == "WebSocket enabled."
    assert await rows.enabled("loja-sp") == (False, True)

    outcome = await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG))
    assert outcome.message == "Webhook enabled. WebSocket was disabled."
    assert await rows.enabled("loja-sp") == (True, False)
    webhook = await rows.webhook("loja-sp")
    assert webhook is not None
    assert webhook["url"] == HOOK and webhook["events"] == ["MESSAGES_UPSERT", "CONNECTION_UPDATE"]
    instance = await stored(app)
    assert instance.mode is DeliveryMode.WEBHOOK
    assert (instance.webhook_enabled, instance.websocket_enabled) == (True, False)
    # The websocket selection survives the server's wipe on disable.
    assert (await rows.websocket("loja-sp"))["events"] == []  # type: ignore[index]
    assert instance.websocket_events == ("MESSAGES_UPSERT", "CONNECTION_UPDATE")


async def test_websocket_turns_webhook_off_and_keeps_its_url(
    app: AppServices, sandbox: Sandbox
) -> None:
    rows = SandboxRows(sandbox)
    await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG, base64=True))
    outcome = await app.manager.enable_websocket(ref(), ["MESSAGES_UPSERT"])
    assert outcome.message == "WebSocket enabled. Webhook was disabled."
    assert any("without base64" in n for n in outcome.notes)
    assert outcome.restart_advised  # base64 stops applying after a restart
    assert await rows.enabled("loja-sp") == (False, True)
    webhook = await rows.webhook("loja-sp")
    assert webhook is not None and webhook["url"] == HOOK and webhook["events"] == []
    instance = await stored(app)
    assert instance.mode is DeliveryMode.WEBSOCKET
    assert instance.webhook_url == HOOK
    assert instance.webhook_events == MSG  # remembered despite the wipe


async def test_disable_both_leaves_nothing_active_and_remembers_selections(
    app: AppServices, sandbox: Sandbox
) -> None:
    await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG))
    outcome = await app.manager.disable_both(ref())
    assert outcome.message.startswith("Delivery disabled")
    assert await SandboxRows(sandbox).enabled("loja-sp") == (False, False)
    instance = await stored(app)
    assert instance.mode is DeliveryMode.NONE
    assert instance.webhook_url == HOOK and instance.webhook_events == MSG
    again = await app.manager.disable_both(ref())
    assert again.message.startswith("Nothing was active")


async def test_base64_change_advises_a_restart_only_when_it_changes(app: AppServices) -> None:
    on = await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG, base64=True))
    assert on.restart_advised and "restarts" in on.notes[0]
    same = await app.manager.enable_webhook(
        ref(), WebhookConfig(url=HOOK, events=MSG, base64=True)
    )
    assert not same.restart_advised
    off = await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG))
    assert off.restart_advised
    assert (await stored(app)).webhook_base64 is False
    assert "restarting" in await app.manager.restart_instance(ref())


async def test_all_events_must_be_asked_for(app: AppServices, sandbox: Sandbox) -> None:
    with pytest.raises(InvalidInput, match="at least one event"):
        await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK))
    outcome = await app.manager.enable_websocket(ref(), [], all_events=True)
    ws = await SandboxRows(sandbox).websocket("loja-sp")
    assert ws is not None and len(ws["events"]) == 31
    assert len(outcome.status.instance.websocket_events) == 31


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (WebhookConfig(url="ftp://x", events=MSG), "http:// or https://"),
        (WebhookConfig(url="https://", events=MSG), "no host"),
        (WebhookConfig(url=HOOK, events=("NOPE",)), "Unknown event"),
        (WebhookConfig(url=HOOK, events=MSG, headers={"Bad Name": "x"}), "header name"),
        (WebhookConfig(url=HOOK, events=MSG, headers={"X-Token": "\U0001f600"}),
         "cannot be sent in an HTTP header"),
        (WebhookConfig(url=HOOK, events=MSG, all_events=True), "not both"),
    ],
)
async def test_bad_input_is_refused_before_any_write(
    app: AppServices, sandbox: Sandbox, config: WebhookConfig, message: str
) -> None:
    before = [r for r in sandbox.requests if r.method == "POST"]
    with pytest.raises(InvalidInput, match=message):
        await app.manager.enable_webhook(ref(), config)
    assert [r for r in sandbox.requests if r.method == "POST"] == before


async def test_websockets_switched_off_is_refused_and_changes_nothing(
    app: AppServices, sandbox: Sandbox
) -> None:
    rows = SandboxRows(sandbox)
    await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG))
    sandbox.websocket_enabled = False
    with pytest.raises(DeliveryChangeFailed, match="websockets switched off"):
        await app.manager.enable_websocket(ref(), MSG)
    assert (await rows.webhook("loja-sp"))["enabled"] is True  # type: ignore[index]
    server = await app.store.get_server("Main")
    assert server.websocket_available is False
    assert (await stored(app)).mode is DeliveryMode.WEBHOOK
    posts = sum(1 for r in sandbox.requests if r.method == "POST")
    with pytest.raises(WebsocketDisabledOnServer):
        await app.manager.enable_websocket(ref(), MSG)
    assert sum(1 for r in sandbox.requests if r.method == "POST") == posts

    sandbox.websocket_enabled = True  # its administrator switched them on
    outcome = await app.manager.enable_websocket(ref(), MSG)
    assert outcome.status.instance.mode is DeliveryMode.WEBSOCKET
    assert await rows.enabled("loja-sp") == (False, True)
    assert (await app.store.get_server("Main")).websocket_available is True


async def test_conflict_is_detected_by_sync_and_fixed_in_one_call(
    app: AppServices, sandbox: Sandbox
) -> None:
    rows = SandboxRows(sandbox)
    await rows.set_webhook("loja-rj", enabled=True, url=HOOK, events=list(MSG))
    await rows.set_websocket("loja-rj", True, ["CONNECTION_UPDATE"])
    writes = sum(1 for r in sandbox.requests if r.method != "GET")
    [summary] = await app.sync.sync_all()
    assert sum(1 for r in sandbox.requests if r.method != "GET") == writes  # sync never writes
    assert summary.conflicts == ("loja-rj",)
    instance = await stored(app, "loja-rj")
    assert instance.conflict and instance.attention and "both enabled" in instance.attention
    outcome = await app.manager.keep_websocket(ref("loja-rj"))
    assert await rows.enabled("loja-rj") == (False, True)
    assert not outcome.status.instance.conflict
    assert outcome.status.instance.attention is None
    assert outcome.status.instance.websocket_events == ("CONNECTION_UPDATE",)


async def test_sync_adds_marks_vanished_and_summarises(app: AppServices, sandbox: Sandbox) -> None:
    import httpx

    sandbox.add_instance("loja-bh")
    async with httpx.AsyncClient(base_url=sandbox.url) as http:
        key = {"apikey": sandbox.api_key}
        r = await http.delete("/instance/logout/loja-rj", headers=key)
        assert r.status_code == 200
        r = await http.delete("/instance/delete/loja-rj", headers=key)
        assert r.status_code == 200
    [summary] = await app.sync.sync_all("Main")
    assert summary.added == ("loja-bh",)
    assert summary.vanished == ("loja-rj",)
    assert (await stored(app, "loja-rj")).vanished  # kept until the person removes it
    assert not (await stored(app, "loja-bh")).vanished
    assert any("loja-rj" in line for line in summary.lines())


async def test_failed_switch_puts_the_previous_mode_back(
    app: AppServices, sandbox: Sandbox, faults: Faults
) -> None:
    rows = SandboxRows(sandbox)
    await app.manager.enable_websocket(ref(), MSG)
    faults.fail["set_webhook"] = [faults.calls["set_webhook"] + 1]
    with pytest.raises(DeliveryChangeFailed) as excinfo:
        await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG))
    assert excinfo.value.restored
    assert "previous mode was put back" in str(excinfo.value)
    assert await rows.enabled("loja-sp") == (False, True)
    assert (await rows.websocket("loja-sp"))["events"] == list(MSG)  # type: ignore[index]
    instance = await stored(app)
    assert instance.mode is DeliveryMode.WEBSOCKET
    assert instance.webhook_url == HOOK  # the draft survives the failure
    assert instance.attention is None and instance.last_error


async def test_failed_restore_needs_attention_and_never_both(
    app: AppServices, sandbox: Sandbox, faults: Faults
) -> None:
    rows = SandboxRows(sandbox)
    await app.manager.enable_websocket(ref(), MSG)
    n = faults.calls["set_websocket"]
    faults.fail["set_webhook"] = [faults.calls["set_webhook"] + 1]
    faults.fail["set_websocket"] = [n + 2]  # the restore's re-enable fails too
    with pytest.raises(DeliveryChangeFailed) as excinfo:
        await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG))
    assert not excinfo.value.restored
    assert await rows.enabled("loja-sp") != (True, True)
    instance = await stored(app)
    assert instance.attention and "could not be put back" in instance.attention
    # The server still answered a read: what is stored is what it has (both off here),
    # not the mode from before the change.
    assert await rows.enabled("loja-sp") == (False, False)
    assert (instance.webhook_enabled, instance.websocket_enabled) == (False, False)
    assert instance.webhook_url == HOOK  # the draft survives the failure
    # A later sync shows the truth again and clears nothing it should keep.
    status = await app.manager.sync_state(ref())
    assert status.instance.mode is DeliveryMode.NONE


async def test_opposite_calls_on_one_instance_end_consistent(
    app: AppServices, sandbox: Sandbox
) -> None:
    rows = SandboxRows(sandbox)
    results = await asyncio.gather(
        app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG)),
        app.manager.enable_websocket(ref(), MSG),
        app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG)),
        app.manager.enable_websocket(ref(), MSG),
    )
    last = results[-1].status.instance
    server_state = await rows.enabled("loja-sp")
    assert server_state == (False, True)
    stored_now = await stored(app)
    assert (stored_now.webhook_enabled, stored_now.websocket_enabled) == server_state
    assert last.mode is DeliveryMode.WEBSOCKET


async def test_double_calls_are_idempotent(app: AppServices, sandbox: Sandbox) -> None:
    config = WebhookConfig(url=HOOK, events=MSG, headers={"X-Token": "hdr-canary-1"})
    a = await app.manager.enable_webhook(ref(), config)
    b = await app.manager.enable_webhook(ref(), config)
    synced_at = a.status.instance.last_sync_at
    assert a.status.instance == replace(b.status.instance, last_sync_at=synced_at)
    assert b.message == "Webhook updated."
    webhook = await SandboxRows(sandbox).webhook("loja-sp")
    assert webhook is not None and webhook["headers"] == {"X-Token": "hdr-canary-1"}
    assert b.status.instance.webhook_header_names == ("X-Token",)


async def test_different_instances_run_concurrently(
    app: AppServices, faults: Faults
) -> None:
    faults.gate = asyncio.Event()
    calls = asyncio.gather(
        app.manager.enable_websocket(ref("loja-sp"), MSG),
        app.manager.enable_websocket(ref("loja-rj"), MSG),
    )
    task = asyncio.ensure_future(calls)
    while faults.in_flight < 2:  # both instances reach their first write at once
        await asyncio.sleep(0)
        assert not task.done()
    faults.gate.set()
    await task
    assert faults.max_in_flight >= 2


async def test_unknown_instance_is_named(app: AppServices) -> None:
    with pytest.raises(UnknownInstance, match="'nosuch' does not exist"):
        await app.manager.enable_websocket(InstanceRef("nosuch", "Main"), MSG)


async def test_state_reports_the_documented_shape(app: AppServices) -> None:
    await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG, base64=True))
    status = await app.manager.get_connection_state(ref())
    data = status.to_json()
    assert set(data) == {"server", "instance", "mode", "webhook", "websocket", "listener",
                         "connection", "conflict", "attention", "last_sync", "live",
                         "vanished", "read_error"}
    assert data["mode"] == "webhook"
    assert data["webhook"] == {"enabled": True, "url": HOOK, "base64": True,
                               "by_events": False, "events": list(MSG)}
    assert data["connection"] in {"open", "connecting", "close"}
    assert data["conflict"] is False and data["attention"] is None
    assert data["live"] is True and data["vanished"] is False and data["read_error"] is None


async def test_a_change_cut_short_leaves_the_instance_flagged_until_a_sync(
    app: AppServices, sandbox: Sandbox
) -> None:
    # Ctrl-C, a crash or a database gone away after the server was written: the
    # database must not go on saying the old mode as if nothing had happened.
    await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG))
    start = sandbox.request_count
    change = asyncio.create_task(app.manager.enable_websocket(ref(), MSG))
    await sandbox.wait_for_requests(start + 3)  # both rows read, the webhook turned off
    change.cancel()
    with pytest.raises(asyncio.CancelledError):
        await change
    server = await app.store.get_server("Main")
    assert server.id is not None
    stored = await app.store.get_instance(server.id, "loja-sp")
    assert stored.attention is not None
    assert stored.attention.startswith("Enabling the websocket did not finish")
    # A sync reads the truth and, the rows being consistent, lifts the flag.
    [summary] = await app.sync.sync_all()
    assert summary.error is None
    synced = await app.store.get_instance(server.id, "loja-sp")
    assert synced.attention is None
    rows = SandboxRows(sandbox)
    assert (synced.webhook_enabled, synced.websocket_enabled) == await rows.enabled("loja-sp")


async def test_a_finished_change_leaves_no_flag(app: AppServices) -> None:
    outcome = await app.manager.enable_websocket(ref(), MSG)
    assert outcome.status.instance.attention is None
    server = await app.store.get_server("Main")
    assert server.id is not None
    assert (await app.store.get_instance(server.id, "loja-sp")).attention is None


async def test_two_evodesks_on_one_data_folder_take_turns(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    # The window and an `evodesk` command on the same data folder: one turns the webhook
    # on, the other the websocket, at the same moment. Each must see what the other
    # did, so the server never ends with both on.
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore

    secrets = MemorySecretStore()
    first = await AppServices.open(resolve_paths(tmp_path / "shared"), secrets=secrets)
    second = await AppServices.open(resolve_paths(tmp_path / "shared"), secrets=secrets)
    try:
        await first.servers.add("Main", sandbox.url, sandbox.api_key)
        await first.sync.sync_all()
        outcomes = await asyncio.gather(
            first.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG)),
            second.manager.enable_websocket(ref(), MSG),
        )
        assert await SandboxRows(sandbox).enabled("loja-sp") in ((True, False), (False, True))
        assert not any(o.status.instance.conflict for o in outcomes)
    finally:
        await first.aclose()
        await second.aclose()


async def test_a_disable_the_server_ignored_is_not_reported_as_done(
    app: AppServices, sandbox: Sandbox, faults: Faults
) -> None:
    rows = SandboxRows(sandbox)
    await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG))
    faults.ignore["set_webhook"] = [faults.calls["set_webhook"] + 1]  # the disable
    outcome = await app.manager.enable_websocket(ref(), MSG)
    assert await rows.enabled("loja-sp") == (True, True)
    assert outcome.message == "WebSocket enabled. The webhook is still enabled on the server."
    assert outcome.status.instance.conflict
    assert "Webhook and WebSocket are both enabled" in " ".join(outcome.notes)


async def test_applying_again_says_updated(app: AppServices, sandbox: Sandbox) -> None:
    first = await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG,
                                                                  base64=True))
    assert first.message == "Webhook enabled." and first.restart_advised
    again = await app.manager.enable_webhook(ref(), WebhookConfig(url=HOOK, events=MSG,
                                                                  base64=False))
    assert again.message == "Webhook updated." and again.restart_advised
    switched = await app.manager.enable_websocket(ref(), MSG)
    assert switched.message == "WebSocket enabled. Webhook was disabled."
    events = await app.manager.enable_websocket(ref(), ("CONNECTION_UPDATE",))
    assert events.message == "WebSocket events updated."
    assert await SandboxRows(sandbox).enabled("loja-sp") == (False, True)
