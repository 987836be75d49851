"""Words the window shows for states and outcomes, all through Qt's translation system.

Messages that come from the services are English sentences; they are looked up in the
"evodesk.messages" translation context so that the Portuguese build shows them too. A
sentence with a variable part (a name, a URL) is looked up by the template it was made
from ("The server at %1 refused the connection."), listed in resources/i18n.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import Qt

from evodesk.domain.models import ConnectionState, DeliveryMode, ListenerState
from evodesk.domain.text import TemplateMatcher, Text, fill
from evodesk.infra.paths import RESOURCES
from evodesk.services.status import InstanceStatus
from evodesk.ui.live_state import LiveState

log = logging.getLogger(__name__)

MESSAGES = "evodesk.messages"
TEMPLATES = RESOURCES / "i18n" / "message_templates.txt"


def tr(text: str) -> str:
    return QCoreApplication.translate("evodesk.texts", text)


def translate_message(message: str) -> str:
    """A service message in the interface language. Entries first: the whole message,
    else each of its sentences; then templates: the whole message, else each sentence
    (a message that wraps another, "%1 failed: %2", is a template of the whole)."""
    whole = QCoreApplication.translate(MESSAGES, message)
    if whole != message:
        return whole
    sentences = [s for s in message.replace(". ", ".\n").split("\n") if s]
    known = [QCoreApplication.translate(MESSAGES, s) for s in sentences]
    if all(t != s for s, t in zip(sentences, known, strict=True)):
        return " ".join(known)
    templated = _by_template(message)
    if templated is not None:
        return templated
    return " ".join(t if t != s else _by_template(s) or s
                    for s, t in zip(sentences, known, strict=True))


def translate_text(text: Text) -> str:
    """A template and its arguments in the interface language; the arguments are filled
    in as they are (names, URLs, what people wrote)."""
    return fill(QCoreApplication.translate(MESSAGES, text.template), text.args)


def _by_template(sentence: str) -> str | None:
    """The sentence translated through the template it was made from, if any."""
    made = _templates().match(sentence)
    if made is None:
        return None
    template = QCoreApplication.translate(MESSAGES, made.template)
    if template == made.template:
        return None  # no translation loaded (the English build)
    # A part may itself be a term ("webhook URL") or a message with an entry; names and
    # URLs have none and stay as they are.
    return fill(template, tuple(translate_message(a) for a in made.args))


@functools.cache
def _templates() -> TemplateMatcher:
    try:
        lines = TEMPLATES.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        log.warning("Message templates unavailable (%s): such messages stay in English", exc)
        lines = []
    return TemplateMatcher(lines)


def listener_text(state: ListenerState | None, *, key_refused: bool = True) -> str:
    """`key_refused` False: a namespace refused alone, for a reason of its own that
    `live_reason` gives; the key has nothing to do with it."""
    if state is None:
        return tr("not running")
    if state is ListenerState.REFUSED and not key_refused:
        return tr("refused")
    return {
        ListenerState.STOPPED: tr("stopped"),
        ListenerState.CONNECTING: tr("connecting"),
        ListenerState.LIVE: tr("live"),
        ListenerState.WAITING: tr("waiting for the server"),
        ListenerState.RETRYING: tr("retrying"),
        ListenerState.REFUSED: tr("refused (check the API key)"),
    }[state]


def live_text(live: LiveState | None) -> str:
    if live is None:
        return listener_text(None)
    return listener_text(live.state, key_refused=live.key_refused)


def live_reason(live: LiveState | None) -> str | None:
    """Why a refused listener was refused, in the interface language. Only refusals:
    they stop until someone acts, and their reasons are the services' messages."""
    if live is None or live.state is not ListenerState.REFUSED or not live.reason:
        return None
    return translate_message(live.reason)


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


def status_text(status: InstanceStatus, live: LiveState | None = None) -> tuple[str, str]:
    """The status panel's sentence and its colour kind (ok / warning / error); `live`,
    the listener's state as last reported, with its reason, else `status.listener`."""
    if live is None and status.listener is not None:
        live = LiveState(status.listener)
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
        state = live.state if live is not None else None
        if state is ListenerState.LIVE:
            text, kind = tr("WebSocket connected"), "ok"
        else:
            text = tr("WebSocket active; live connection: %1").replace(
                "%1", live_text(live))
            kind = "error" if state is ListenerState.REFUSED else "warning"
            reason = live_reason(live)
            if reason:
                text += "\n" + reason
    else:
        text = tr("No active delivery: messages will not be received")
        kind = "warning"
    if instance.attention:
        text += "\n" + tr("Needs attention: %1").replace(
            "%1", translate_message(instance.attention))
        kind = "error"
    if status.sync_error:
        # What is shown is what evodesk last read: say that the server did not answer now.
        text += "\n" + tr("The server's live state could not be read (shown: the last "
                          "one read): %1").replace("%1", translate_message(status.sync_error))
        if kind == "ok":
            kind = "warning"
    return text, kind


def plain_tooltip(text: str | None) -> str | None:
    """`text` as a tooltip shows it, as written: Qt reads a tooltip that looks like HTML
    as HTML, and names and errors come from servers."""
    return None if not text else Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
