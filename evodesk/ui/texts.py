"""Words the window shows for states and outcomes, all through Qt's translation system.

Messages that come from the services are English sentences; they are looked up in the
"evodesk.messages" translation context so that the Portuguese build shows them too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from evodesk.domain.models import ConnectionState, DeliveryMode, ListenerState
from evodesk.services.status import InstanceStatus


def tr(text: str) -> str:
    return QCoreApplication.translate("evodesk.texts", text)


def translate_message(message: str) -> str:
    """A service message in the interface language, sentence by sentence."""
    whole = QCoreApplication.translate("evodesk.messages", message)
    if whole != message:
        return whole
    sentences = [s for s in message.replace(". ", ".\n").split("\n") if s]
    return " ".join(QCoreApplication.translate("evodesk.messages", s) for s in sentences)


def listener_text(state: ListenerState | None) -> str:
    if state is None:
        return tr("not running")
    return {
        ListenerState.STOPPED: tr("stopped"),
        ListenerState.CONNECTING: tr("connecting"),
        ListenerState.LIVE: tr("live"),
        ListenerState.WAITING: tr("waiting for the server"),
        ListenerState.RETRYING: tr("retrying"),
        ListenerState.REFUSED: tr("refused (check the API key)"),
    }[state]


def connection_text(state: ConnectionState) -> str:
    return {
        ConnectionState.OPEN: tr("connected"),
        ConnectionState.CONNECTING: tr("connecting"),
        ConnectionState.CLOSE: tr("disconnected"),
        ConnectionState.UNKNOWN: tr("unknown"),
    }[state]


def mode_text(mode: DeliveryMode, conflict: bool = False) -> str:
    if conflict:
        return tr("Both (conflict)")
    return {
        DeliveryMode.WEBHOOK: tr("Webhook"),
        DeliveryMode.WEBSOCKET: tr("WebSocket"),
        DeliveryMode.NONE: tr("None"),
    }[mode]


def status_text(status: InstanceStatus) -> tuple[str, str]:
    """The status panel's sentence and its colour kind (ok / warning / error)."""
    instance = status.instance
    if instance.conflict:
        text = tr("Webhook and WebSocket are both active on the server: every event "
                  "arrives twice. Keep one of them.")
        return text, "error"
    if instance.mode is DeliveryMode.WEBHOOK:
        text = tr("Webhook active, base64: yes") if instance.webhook_base64 else tr(
            "Webhook active, base64: no")
        kind = "ok"
    elif instance.mode is DeliveryMode.WEBSOCKET:
        if status.listener is ListenerState.LIVE:
            text, kind = tr("WebSocket connected"), "ok"
        else:
            text = tr("WebSocket active; live connection: %1").replace(
                "%1", listener_text(status.listener))
            kind = "error" if status.listener is ListenerState.REFUSED else "warning"
    else:
        text = tr("No active delivery: messages will not be received")
        kind = "warning"
    if instance.attention:
        text += "\n" + tr("Needs attention: %1").replace(
            "%1", translate_message(instance.attention))
        kind = "error"
    return text, kind
