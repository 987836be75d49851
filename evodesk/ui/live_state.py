"""An instance's live-listener state as the window and the tray show it: the state, why
(a refusal's reason), and whether the refusal is the server's key or the instance's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from evodesk.domain.models import ListenerState

if TYPE_CHECKING:
    from evodesk.services.listener import ListenerSupervisor, StateChange


@dataclass(frozen=True, slots=True)
class LiveState:
    state: ListenerState
    reason: str | None = None
    # A namespace is refused with its whole connection (the server refused the key, or
    # none is stored) or alone, for its own sake (a name that cannot be a namespace).
    key_refused: bool = True


def live_state(listener: ListenerSupervisor, server_id: int, instance: str) -> LiveState:
    """What the listener says of `instance` now."""
    return LiveState(listener.namespace_state(server_id, instance),
                     listener.namespace_reason(server_id, instance),
                     listener.connection_state(server_id) is ListenerState.REFUSED)


def live_change(listener: ListenerSupervisor, change: StateChange) -> LiveState:
    """A namespace's change as shown; read while the change is reported, when the
    connection's own state is already the one that caused it."""
    return LiveState(change.state, change.reason,
                     listener.connection_state(change.server_id) is ListenerState.REFUSED)
