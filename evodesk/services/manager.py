"""The delivery-mode manager: webhook XOR websocket per instance, on the server and in
the database. Every change holds the instance's lock, writes the server in an order that
never leaves both on, reads both rows back and stores only what the server answered."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from evodesk.domain.errors import (
    DeliveryChangeFailed,
    EvodeskError,
    NotFound,
    UnknownInstance,
    WebsocketDisabledOnServer,
)
from evodesk.domain.events import catalogue_for
from evodesk.domain.models import (
    ConnectionState,
    DeliveryMode,
    Instance,
    ListenerState,
    Server,
    WebhookConfig,
)
from evodesk.domain.rules import check_event_selection, check_header_names
from evodesk.domain.validation import validate_http_url
from evodesk.infra.secrets import SecretStore, set_headers, webhook_headers_ref
from evodesk.services.instances import InstanceLocks, InstanceRef, find_known
from evodesk.services.listener_control import ListenerControl
from evodesk.services.ports import EvolutionPort, NamedLocks, StorePort
from evodesk.services.servers import ServerService
from evodesk.services.status import ChangeOutcome, InstanceStatus
from evodesk.services.truth import Rows, fold_rows, read_rows

log = logging.getLogger(__name__)

# What `enable_webhook` can take from the server's row instead of the request.
_KEEPABLE = frozenset({"base64", "by_events", "headers"})

WEBSOCKET_OFF = (
    "This server has websockets switched off; websocket mode is not available. "
    "Ask its administrator to set WEBSOCKET_ENABLED=true, or use a webhook."
)
Plan = Callable[[EvolutionPort, Rows, set[str]], Awaitable[None]]
# What a change asks for, applied to the instance as stored when the change starts and
# to the rows the server had then (both read under the instance's lock). It may refuse
# (raise) before anything is stored or sent.
Draft = Callable[[Instance, Rows], Awaitable[Instance]]


def _utcnow() -> datetime:
    return datetime.now(UTC)


async def _unchanged(stored: Instance, before: Rows) -> Instance:
    return stored


@dataclass(frozen=True, slots=True)
class _CheckedWebhook:
    """A webhook configuration that passed the checks, as it is sent."""

    url: str
    events: tuple[str, ...]
    headers: dict[str, str]
    base64: bool
    by_events: bool

    @classmethod
    def of(cls, config: WebhookConfig, version: str | None) -> _CheckedWebhook:
        return cls(
            url=validate_http_url(config.url, what="webhook URL"),
            events=check_event_selection(
                config.events, all_events=config.all_events, version=version
            ),
            headers=check_header_names(config.headers),
            base64=config.base64,
            by_events=config.by_events,
        )


@dataclass(frozen=True, slots=True)
class _Target:
    server: Server
    instance: Instance
    client: EvolutionPort
    version: str | None


class DeliveryManager:
    def __init__(
        self,
        store: StorePort,
        servers: ServerService,
        secrets: SecretStore,
        listener: ListenerControl | None = None,
        *,
        clock: Callable[[], datetime] = _utcnow,
        process_locks: Sequence[NamedLocks] = (),
    ) -> None:
        self._store = store
        self._servers = servers
        self._secrets = secrets
        self._listener = listener
        self._clock = clock
        self.locks = InstanceLocks()
        self._process_locks = process_locks

    # --- the three switches --------------------------------------------------------

    async def enable_webhook(
        self, ref: InstanceRef, config: WebhookConfig, *, as_the_server_has: Collection[str] = ()
    ) -> ChangeOutcome:
        """Webhook on with `config`. The fields named in `as_the_server_has` ("base64",
        "by_events", "headers": what the person did not give) follow the server's enabled
        webhook row read when the change starts, so that another tool's setting stays; with
        no such row, or for headers with some remembered, `config`'s stand."""
        unknown = set(as_the_server_has) - _KEEPABLE
        if unknown:
            raise ValueError(f"not kept from the server: {sorted(unknown)}")
        target = await self._target(ref)
        _CheckedWebhook.of(config, target.version)  # refuse bad input before any request

        def config_for(before: Rows) -> WebhookConfig:
            row = before.webhook
            if row is None or not row.enabled:
                return config
            kept = set(as_the_server_has)
            return replace(
                config,
                base64=row.base64 if "base64" in kept else config.base64,
                by_events=row.by_events if "by_events" in kept else config.by_events,
                headers=(dict(row.headers) if "headers" in kept and not config.headers
                         else config.headers),
            )

        return await self._switch_to_webhook(target, config_for)

    async def _switch_to_webhook(
        self, target: _Target, config_for: Callable[[Rows], WebhookConfig]
    ) -> ChangeOutcome:
        """Webhook on with the configuration `config_for` gives for the rows the server
        has when the change starts; the websocket off first."""
        name = target.instance.name
        headers_ref = webhook_headers_ref(target.server.name, name)

        def checked(before: Rows) -> _CheckedWebhook:
            return _CheckedWebhook.of(config_for(before), target.version)

        async def draft(stored: Instance, before: Rows) -> Instance:
            webhook = checked(before)
            # The person's draft is kept whatever the server does next.
            await set_headers(self._secrets, headers_ref, webhook.headers)
            return replace(
                stored,
                webhook_url=webhook.url,
                webhook_events=webhook.events or catalogue_for(target.version),
                webhook_header_names=tuple(sorted(webhook.headers)),
                webhook_headers_ref=headers_ref if webhook.headers else None,
            )

        async def plan(client: EvolutionPort, before: Rows, touched: set[str]) -> None:
            webhook = checked(before)
            await self._stop_listening(target.server, name)
            if before.websocket_on:
                touched.add("websocket")
                await client.set_websocket(name, enabled=False, events=[])
            touched.add("webhook")
            await client.set_webhook(
                name, enabled=True, url=webhook.url, events=webhook.events,
                by_events=webhook.by_events, base64=webhook.base64, headers=webhook.headers,
            )

        before, after, instance = await self._change(
            target, draft, plan, what="Enabling the webhook"
        )
        # Applied again to a webhook that was on alone (base64 off, other events): updated.
        updated = before.webhook_on and not before.websocket_on
        message = "Webhook updated." if updated else "Webhook enabled."
        if after.websocket_on:
            # The server answered the disable but kept it on (or another tool put it
            # back): both are on, and saying it was disabled would be false.
            message += " The WebSocket is still enabled on the server."
        elif before.websocket_on:
            message += " WebSocket was disabled."
        return self._outcome(target, instance, before, after, message)

    async def enable_websocket(
        self, ref: InstanceRef, events: Sequence[str], *, all_events: bool = False
    ) -> ChangeOutcome:
        target = await self._target(ref)
        # Refuse bad input before any request.
        check_event_selection(events, all_events=all_events, version=target.version)
        return await self._switch_to_websocket(target, lambda _before: (events, all_events))

    async def _switch_to_websocket(
        self, target: _Target, events_for: Callable[[Rows], tuple[Sequence[str], bool]]
    ) -> ChangeOutcome:
        """WebSocket on with the events (and whether all were meant) `events_for` gives
        for the rows the server has when the change starts; the webhook off first."""
        name = target.instance.name
        # Remembered from an earlier answer; its administrator may have switched
        # websockets on since, so the server is asked again (reads only) before refusing.
        if target.server.websocket_available is False and (
                await read_rows(target.client, name)).websocket_switched_off:
            raise WebsocketDisabledOnServer(WEBSOCKET_OFF)

        def checked(before: Rows) -> tuple[str, ...]:
            events, all_events = events_for(before)
            return check_event_selection(events, all_events=all_events, version=target.version)

        async def draft(stored: Instance, before: Rows) -> Instance:
            selection = checked(before)
            return replace(stored, websocket_events=selection or catalogue_for(target.version))

        async def plan(client: EvolutionPort, before: Rows, touched: set[str]) -> None:
            selection = checked(before)
            if before.websocket_switched_off:
                raise WebsocketDisabledOnServer(WEBSOCKET_OFF)
            if before.webhook_on:
                touched.add("webhook")
                await client.set_webhook(
                    name, enabled=False, url=_kept_url(before, target.instance), events=[]
                )
            touched.add("websocket")
            await client.set_websocket(name, enabled=True, events=selection)

        before, after, instance = await self._change(
            target, draft, plan, what="Enabling the websocket"
        )
        updated = before.websocket_on and not before.webhook_on
        message = "WebSocket events updated." if updated else "WebSocket enabled."
        if after.webhook_on:
            message += " The webhook is still enabled on the server."
        elif before.webhook_on:
            message += " Webhook was disabled."
        return self._outcome(target, instance, before, after, message)

    async def disable_both(self, ref: InstanceRef) -> ChangeOutcome:
        target = await self._target(ref)
        name = target.instance.name

        async def plan(client: EvolutionPort, before: Rows, touched: set[str]) -> None:
            await self._stop_listening(target.server, name)
            if before.websocket_on:
                touched.add("websocket")
                await client.set_websocket(name, enabled=False, events=[])
            if before.webhook_on:
                touched.add("webhook")
                await client.set_webhook(
                    name, enabled=False, url=_kept_url(before, target.instance), events=[]
                )

        before, after, instance = await self._change(
            target, _unchanged, plan, what="Disabling delivery"
        )
        if before.webhook_on or before.websocket_on:
            message = "Delivery disabled: messages will not be received."
        else:
            message = "Nothing was active; no change was needed."
        return self._outcome(target, instance, before, after, message)

    async def keep_webhook(self, ref: InstanceRef) -> ChangeOutcome:
        """Resolve a conflict by keeping the webhook exactly as the server has it when the
        change starts (read under the instance's lock, so no change slips in between)."""
        target = await self._target(ref)
        from evodesk.infra.secrets import get_headers

        remembered = await get_headers(self._secrets, target.instance.webhook_headers_ref)

        def config_for(before: Rows) -> WebhookConfig:
            webhook = before.webhook
            if webhook is None or not webhook.url:
                raise EvodeskError("There is no webhook on the server to keep.")
            return WebhookConfig(
                url=webhook.url, events=webhook.events or target.instance.webhook_events,
                base64=webhook.base64, by_events=webhook.by_events,
                headers=remembered or dict(webhook.headers),
            )

        return await self._switch_to_webhook(target, config_for)

    async def keep_websocket(self, ref: InstanceRef) -> ChangeOutcome:
        """Resolve a conflict by keeping the websocket with the events the server has."""
        target = await self._target(ref)
        def events_for(before: Rows) -> tuple[Sequence[str], bool]:
            events = (before.websocket.events if before.websocket else ()) or (
                target.instance.websocket_events
            )
            return events, not events

        return await self._switch_to_websocket(target, events_for)

    async def restart_instance(self, ref: InstanceRef) -> str:
        target = await self._target(ref)
        await target.client.restart_instance(target.instance.name)
        return f"Instance '{target.instance.name}' is restarting."

    # --- reading -------------------------------------------------------------------

    async def get_connection_state(self, ref: InstanceRef, *, live: bool = True) -> InstanceStatus:
        """What evodesk knows, plus the live WhatsApp state when the server answers."""
        server, known = await find_known(self._store, ref)
        if known is None:
            return await self.sync_state(ref)
        connection: ConnectionState | None = None
        error: str | None = None
        vanished = known.vanished
        if live:
            try:
                client = await self._servers.client(server)
                connection = await client.connection_state(known.name)
                vanished = False
            except UnknownInstance as exc:
                error, vanished = str(exc), True
            except EvodeskError as exc:
                error = str(exc)
        return self._status(server, known, connection=connection, sync_error=error,
                            vanished=vanished)

    async def sync_state(self, ref: InstanceRef) -> InstanceStatus:
        """Read one instance's rows and state from the server (never writes to it)."""
        target = await self._target(ref)
        name = target.instance.name
        async with self.locks.hold(target.server.id or 0, name):
            rows = await read_rows(target.client, name)
            connection = await target.client.connection_state(name)
            await self._note_websocket_support(target.server, rows)
            instance = fold_rows(
                target.instance, rows, now=self._clock(), connection=connection
            )
            instance = await self._store.save_instance(replace(instance, vanished=False))
        await self._refresh_listener()
        return self._status(target.server, instance, connection=connection)

    # --- the common path of every change -------------------------------------------

    async def _target(self, ref: InstanceRef) -> _Target:
        server, known = await find_known(self._store, ref)
        client = await self._servers.client(server)
        version = server.version
        if version is None:
            version = (await client.server_info()).version
            server = await self._store.update_server(replace(server, version=version))
        if known is None:
            assert server.id is not None
            # Unknown locally: the reads in the change prove it exists on the server.
            known = Instance(server_id=server.id, name=ref.name)
        return _Target(server=server, instance=known, client=client, version=version)

    async def _change(
        self, target: _Target, draft: Draft, plan: Plan, what: str
    ) -> tuple[Rows, Rows, Instance]:
        server, name, client = target.server, target.instance.name, target.client
        assert server.id is not None
        async with self.locks.hold(server.id, name), self._across_processes(server, name):
            before = await read_rows(client, name)
            await self._note_websocket_support(server, before)
            # Read again under the lock: a change or sync that finished while this call
            # waited has stored newer selections than `target` holds.
            try:
                stored = await self._store.get_instance(server.id, name)
            except NotFound:
                stored = target.instance
            drafted = await draft(stored, before)
            # Stored with a note that the change is under way; the note goes when the
            # change ends either way. Should evodesk stop in between (Ctrl-C, a crash, the
            # database gone before the last save), the instance says so until a sync.
            saved = await self._store.save_instance(
                replace(drafted, attention=f"{what} did not finish; the server may differ "
                                           "from what evodesk shows. Sync to see it."))
            instance = replace(saved, attention=drafted.attention)
            touched: set[str] = set()
            try:
                await plan(client, before, touched)
                after = await read_rows(client, name)
            except EvodeskError as exc:
                failure = await self._recover(server, client, instance, before, touched, exc, what)
                raise failure from exc
            instance = fold_rows(instance, after, now=self._clock())
            instance = await self._store.save_instance(replace(instance, attention=(
                instance.attention if after.conflict else None
            ), vanished=False))
        await self._refresh_listener()
        return before, after, instance

    @contextlib.asynccontextmanager
    async def _across_processes(self, server: Server, name: str) -> AsyncIterator[None]:
        """The instance's lock among evodesk processes (the window and commands on this
        data folder; on PostgreSQL, every workstation), taken in the order given, so
        that their changes queue as this process's do."""
        async with contextlib.AsyncExitStack() as held:
            for locks in self._process_locks:
                await held.enter_async_context(locks.hold(
                    f"instance:{server.id}:{name}",
                    busy_message=f"Another evodesk is changing instance '{name}'. Try again.",
                ))
            yield

    async def _recover(
        self,
        server: Server,
        client: EvolutionPort,
        instance: Instance,
        before: Rows,
        touched: set[str],
        error: EvodeskError,
        what: str,
    ) -> DeliveryChangeFailed:
        """Put the previous mode back (disables first, so never both on), store the truth
        that follows, and return the failure to raise, saying how it ended."""
        if isinstance(error, WebsocketDisabledOnServer):
            await self._store.update_server(replace(server, websocket_available=False))
        name = instance.name
        log.warning("%s of %s/%s failed: %s", what, server.name, name, error)
        try:
            await _restore(client, name, before, touched)
            after = await read_rows(client, name)
        except EvodeskError as second:
            reason = (
                f"{what} failed ({error}) and the previous mode could not be put back "
                f"({second}). Check the instance, then Sync."
            )
            # What the server has now, when it still answers a read: the mode from
            # before the change may be gone from it, half of it or all.
            truth = instance
            try:
                truth = self._with_draft(instance, await read_rows(client, name), error)
            except EvodeskError:
                log.warning("%s/%s could not be read after a failed restore", server.name, name)
            await self._store.save_instance(replace(truth, attention=reason,
                                                    last_error=str(error)))
            await self._refresh_listener()
            return DeliveryChangeFailed(reason, restored=False)
        await self._store.save_instance(self._with_draft(instance, after, error))
        await self._refresh_listener()
        restored = "The previous mode was put back." if touched else "Nothing was changed."
        failed = f"{what} failed: {error}"
        return DeliveryChangeFailed(f"{failed} {restored}", restored=True)

    # --- helpers -------------------------------------------------------------------

    def _with_draft(self, instance: Instance, after: Rows, error: EvodeskError) -> Instance:
        """The rows the server has after a failed change, with the person's draft kept
        for the retry: the rows it has now (the previous mode, or a leftover URL) do
        not replace what they asked for."""
        folded = fold_rows(instance, after, now=self._clock())
        return replace(
            folded,
            webhook_url=instance.webhook_url or folded.webhook_url,
            webhook_events=instance.webhook_events or folded.webhook_events,
            websocket_events=instance.websocket_events or folded.websocket_events,
            last_error=str(error),
        )

    def _outcome(
        self, target: _Target, instance: Instance, before: Rows, after: Rows, message: str
    ) -> ChangeOutcome:
        notes: list[str] = []
        # Also when the webhook goes off: the server keeps the row it cached when the
        # instance connected, base64 included, until the instance restarts.
        restart = before.base64_effective != after.base64_effective
        if restart:
            notes.append(
                "The server applies the base64 change after the instance restarts. "
                "Restart the instance now to apply it."
            )
        if instance.mode is DeliveryMode.WEBSOCKET:
            notes.append(
                "In websocket mode media arrive without base64: base64 belongs to the webhook."
            )
        if after.conflict:
            notes.append(CONFLICT_NOTE)
        status = self._status(target.server, instance)
        return ChangeOutcome(
            status=status, message=message, restart_advised=restart, notes=tuple(notes)
        )

    def _status(
        self,
        server: Server,
        instance: Instance,
        *,
        connection: ConnectionState | None = None,
        sync_error: str | None = None,
        vanished: bool = False,
    ) -> InstanceStatus:
        listener: ListenerState | None = None
        if self._listener is not None and server.id is not None:
            listener = self._listener.namespace_state(server.id, instance.name)
        return InstanceStatus(
            server=server, instance=instance, listener=listener,
            connection=connection, sync_error=sync_error, vanished=vanished,
        )

    async def _note_websocket_support(self, server: Server, rows: Rows) -> None:
        available = not rows.websocket_switched_off
        if server.websocket_available is not available:
            await self._store.update_server(replace(server, websocket_available=available))

    async def _stop_listening(self, server: Server, name: str) -> None:
        if self._listener is not None:
            await self._listener.stop_instance(server, name)

    async def _refresh_listener(self) -> None:
        if self._listener is not None:
            await self._listener.refresh()


CONFLICT_NOTE = "Webhook and WebSocket are both enabled on the server; keep one of them."


def _kept_url(before: Rows, instance: Instance) -> str:
    """Disabling keeps the old URL (the server has no delete and needs one)."""
    if before.webhook is not None and before.webhook.url:
        return before.webhook.url
    return instance.webhook_url or ""


async def _restore(client: EvolutionPort, name: str, before: Rows, touched: set[str]) -> None:
    """Write back the rows a failed change touched: disables first, then at most one
    enable, so the server never ends with both on because of evodesk."""
    webhook, websocket = before.webhook, before.websocket
    keep_webhook = before.webhook_on and not before.conflict
    keep_websocket = before.websocket_on and not before.webhook_on
    if "websocket" in touched and not keep_websocket:
        await client.set_websocket(name, enabled=False, events=[])
    if "webhook" in touched and not keep_webhook:
        url = webhook.url if webhook is not None else ""
        await client.set_webhook(name, enabled=False, url=url, events=[])
    if "webhook" in touched and keep_webhook and webhook is not None:
        await client.set_webhook(
            name, enabled=True, url=webhook.url, events=webhook.events,
            by_events=webhook.by_events, base64=webhook.base64, headers=webhook.headers,
        )
    if "websocket" in touched and keep_websocket and websocket is not None:
        await client.set_websocket(name, enabled=True, events=websocket.events)
