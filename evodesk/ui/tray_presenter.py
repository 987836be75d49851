"""Between the tray and the services: the overall health from the listener's states, each
server's instances for the menu, and the notification rules with their pause."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from evodesk.domain.models import Instance, ListenerState
from evodesk.services.app import AppServices
from evodesk.services.event_pipeline import Clock
from evodesk.services.listener import StateChange
from evodesk.services.notifications import (
    Notification,
    NotificationPolicy,
    NotificationService,
    Notifier,
)
from evodesk.ui.live_state import live_state

log = logging.getLogger(__name__)

_WARNING_STATES = frozenset({ListenerState.CONNECTING, ListenerState.WAITING,
                             ListenerState.RETRYING})


class Health(StrEnum):
    """What the tray icon shows; the file names are resources/icons/tray-<value>.svg."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"
    PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class HealthSummary:
    health: Health
    counts: dict[ListenerState, int] = field(default_factory=dict)  # per listened instance
    attention: int = 0  # instances marked as needing attention or in conflict
    paused: bool = False
    paused_until: datetime | None = None  # None while paused: until resumed
    # Every refused instance was refused with its connection (the key), none for its own
    # sake (a name that cannot be a namespace).
    refused_for_key: bool = True


def overall_health(states: Iterable[ListenerState], attention: int, paused: bool) -> Health:
    """Something refused or needing attention outranks a pause, which outranks retries:
    a pause silences messages, never problems."""
    seen = set(states)
    if ListenerState.REFUSED in seen or attention:
        return Health.ERROR
    if paused:
        return Health.PAUSED
    if seen & _WARNING_STATES:
        return Health.WARNING
    return Health.OK


@dataclass(frozen=True, slots=True)
class InstanceLine:
    instance: Instance
    listener: ListenerState | None  # None: not in websocket mode
    reason: str | None = None  # why the listener is in its state, if known
    key_refused: bool = True  # refused with its connection (the key), not alone


@dataclass(frozen=True, slots=True)
class ServerLine:
    server_id: int
    name: str
    connection: ListenerState
    instances: tuple[InstanceLine, ...]


class TrayPresenter(QObject):
    health_changed = Signal(object)  # HealthSummary
    notified = Signal(object)  # Notification

    def __init__(self, app: AppServices, parent: QObject | None = None, *,
                 clock: Clock | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self._instances: list[Instance] = []
        self._names: dict[int, str] = {}
        self.notifier = Notifier(NotificationPolicy.from_settings(app.settings), clock=clock,
                                 on_policy_changed=self._on_notifier_policy_changed)
        self.notifications = NotificationService(self.notifier, self._deliver)
        self._unsubscribe: Callable[[], None] | None = None
        self._summary = HealthSummary(Health.OK)

    def start(self) -> None:
        """Follow the listener: before it starts, so that its first states are seen."""
        listener = self.app.listener
        if listener is not None and self._unsubscribe is None:
            self._unsubscribe = listener.on_state_changed(self._on_listener_state_changed)
            self.notifications.attach(listener)
        self._update()

    async def aclose(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        await self.notifications.aclose()

    # --- what the tray shows ----------------------------------------------------------

    def set_instances(self, instances: Sequence[Instance], names: dict[int, str]) -> None:
        self._instances = list(instances)
        self._names = dict(names)
        self.notifier.set_server_names(names)
        self._update()

    async def load_server_names(self) -> None:
        """The servers' names from the store, before the listener starts: its first
        states may come before the window's first load, and a notification names its
        server."""
        servers = await self.app.store.list_servers()
        names = {s.id: s.name for s in servers if s.id is not None}
        self.notifier.set_server_names({**names, **self._names})

    def instance(self, server_id: int, name: str) -> Instance | None:
        for instance in self._instances:
            if (instance.server_id, instance.name) == (server_id, name):
                return instance
        return None

    @property
    def summary(self) -> HealthSummary:
        return self._summary

    def servers(self) -> list[ServerLine]:
        listener = self.app.listener
        lines = []
        for server_id, name in sorted(self._names.items(), key=lambda item: item[1].lower()):
            mine = sorted((i for i in self._instances if i.server_id == server_id),
                          key=lambda i: i.name.lower())
            lines.append(ServerLine(
                server_id, name,
                listener.connection_state(server_id) if listener is not None
                else ListenerState.STOPPED,
                tuple(self._line(i) for i in mine),
            ))
        return lines

    def _line(self, instance: Instance) -> InstanceLine:
        listener = self.app.listener
        if not instance.websocket_enabled or listener is None:
            return InstanceLine(instance, None)
        live = live_state(listener, instance.server_id, instance.name)
        return InstanceLine(instance, live.state, live.reason, live.key_refused)

    def _listener_state(self, instance: Instance) -> ListenerState | None:
        listener = self.app.listener
        if not instance.websocket_enabled or listener is None:
            return None
        return listener.namespace_state(instance.server_id, instance.name)

    def _update(self) -> None:
        instance_states = [state for i in self._instances
                           if (state := self._listener_state(i)) is not None]
        states = list(instance_states)
        listener = self.app.listener
        if listener is not None:
            # A refused connection counts even before its instances report.
            states += [s for server_id in self._names
                       if (s := listener.connection_state(server_id)) is ListenerState.REFUSED]
        attention = sum(1 for i in self._instances if i.attention or i.conflict)
        # One more pass only when something is refused: states come in bursts.
        refused_alone = (listener is not None and ListenerState.REFUSED in instance_states
                         and any(
                             listener.connection_state(i.server_id) is not ListenerState.REFUSED
                             for i in self._instances
                             if self._listener_state(i) is ListenerState.REFUSED))
        policy = self.notifier.policy
        paused = self.notifier.is_paused()
        summary = HealthSummary(
            overall_health(states, attention, paused),
            dict(Counter(instance_states)),
            attention,
            paused,
            policy.paused_until if paused else None,
            not refused_alone,
        )
        if summary != self._summary:
            if summary.health is not self._summary.health or summary.counts != self._summary.counts:
                counts = ", ".join(f"{state.value}: {n}" for state, n in summary.counts.items())
                log.info("Overall health: %s (%s)", summary.health.value, counts or "nothing")
            self._summary = summary
            self.health_changed.emit(summary)

    def _on_listener_state_changed(self, _change: StateChange) -> None:
        self._update()

    # --- notifications ----------------------------------------------------------------

    def _deliver(self, notification: Notification) -> None:
        self.notified.emit(notification)

    def pause_for(self, duration: timedelta) -> None:
        self.notifications.pause(duration)

    def pause_until_resumed(self) -> None:
        self.notifications.pause(None)

    def resume(self) -> None:
        self.notifications.resume()

    def _on_notifier_policy_changed(self, policy: NotificationPolicy) -> None:
        self.app.save_settings(policy.to_settings(self.app.settings))
        self._update()
