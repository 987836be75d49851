"""Which live events become desktop notifications: new messages grouped per instance and
rate-limited, muted by quiet hours and pauses; critical ones (an instance disconnected,
logged out or asking for a QR scan, a refused key, a listener retrying for long) always."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from typing import Protocol

from evodesk.domain.errors import KEY_REFUSED
from evodesk.domain.models import Event, ListenerState
from evodesk.domain.text import OwnWords, ServiceMessage, Text, fill
from evodesk.services.event_pipeline import Clock, EventSubscription, SystemClock
from evodesk.services.listener_link import StateChange
from evodesk.services.notification_policy import (
    CRITICAL,
    UNTIL_RESUMED,
    InstanceKey,
    InstanceRule,
    Notification,
    NotificationKind,
    NotificationPolicy,
    QuietHours,
)

__all__ = [
    "CRITICAL",
    "UNTIL_RESUMED",
    "InstanceKey",
    "InstanceRule",
    "LiveSource",
    "Notification",
    "NotificationKind",
    "NotificationPolicy",
    "NotificationService",
    "Notifier",
    "QuietHours",
    "Text",
    "fill",
    "first_line",
    "incoming_messages",
]

log = logging.getLogger(__name__)

# --- reading Evolution payloads ------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# What a message without text is shown as, by its kind: Texts, so that each has an
# entry that the tray translates it by; they reach it as OwnWords.
_MEDIA = {"imageMessage": Text("[image]"), "videoMessage": Text("[video]"),
          "ptvMessage": Text("[video]"),
          "audioMessage": Text("[audio]"), "documentMessage": Text("[document]"),
          "documentWithCaptionMessage": Text("[document]"),
          "stickerMessage": Text("[sticker]"), "locationMessage": Text("[location]"),
          "liveLocationMessage": Text("[location]"), "contactMessage": Text("[contact]"),
          "contactsArrayMessage": Text("[contact]"), "pollCreationMessage": Text("[poll]"),
          "reactionMessage": Text("[reaction]")}
_NO_TEXT = Text("[message]")
PREVIEW_LIMIT = 120
NAME_LIMIT = 60  # instance and server names; the server chooses them
_READ_LIMIT = 4096


def first_line(text: str, limit: int = PREVIEW_LIMIT) -> str:
    """The first non-empty line, without control or direction-override characters.
    Only the first few thousand characters are read: what comes after is never shown."""
    for line in text[:_READ_LIMIT].splitlines():
        line = " ".join(_CONTROL.sub("", line).split())
        if line:
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


def name_label(name: str) -> str:
    """A name (an instance's, a server's) as notifications and the tray menu show it: one
    short line, no direction overrides."""
    return first_line(name, NAME_LIMIT) or "?"


def _preview(data: Mapping[str, object]) -> str:
    message = data.get("message")
    if isinstance(message, dict):
        extended = message.get("extendedTextMessage")
        for text in (message.get("conversation"),
                     extended.get("text") if isinstance(extended, dict) else None):
            if isinstance(text, str) and first_line(text):
                return first_line(text)
        for key in message:
            if key in _MEDIA:
                return OwnWords(_MEDIA[key].template)
    kind = data.get("messageType")
    return OwnWords(
        (_MEDIA.get(kind, _NO_TEXT) if isinstance(kind, str) else _NO_TEXT).template)


def _sender(data: Mapping[str, object]) -> str:
    name = data.get("pushName")
    if isinstance(name, str) and first_line(name, 60):
        return first_line(name, 60)
    key = data.get("key")
    if isinstance(key, dict):
        for field_name in ("participant", "remoteJid"):
            jid = key.get(field_name)
            if isinstance(jid, str) and jid:
                return first_line(jid.split("@", 1)[0], 60)
    return "?"


def incoming_messages(event: Event) -> list[tuple[str, str]]:
    """(sender, preview) of each message someone else sent, from a messages.upsert."""
    if event.wire_event != "messages.upsert" or event.is_duplicate:
        return []
    data = event.payload.get("data")
    items = data if isinstance(data, list) else [data]
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        key = item.get("key")
        if isinstance(key, dict) and key.get("fromMe") is True:
            continue
        found.append((_sender(item), _preview(item)))
    return found


# --- the rules ---------------------------------------------------------------------------


@dataclass
class _Group:
    due: datetime
    count: int = 0
    latest: tuple[str, str] = ("", "")


class Notifier:
    """Turns events and listener states into notifications. Deterministic: time comes
    only from the injected clock, and `tick()` releases what has become due."""

    def __init__(
        self,
        policy: NotificationPolicy | None = None,
        *,
        clock: Clock | None = None,
        tz: tzinfo | None = None,
        retry_alarm: float = 60.0,
        on_policy_changed: Callable[[NotificationPolicy], None] | None = None,
    ) -> None:
        self._policy = policy or NotificationPolicy()
        self._clock = clock or SystemClock()
        self._tz = tz  # None: the system's local time zone
        self._retry_alarm = timedelta(seconds=retry_alarm)
        self.on_policy_changed = on_policy_changed
        self._server_names: dict[int, str] = {}
        self._groups: dict[InstanceKey, _Group] = {}
        self._last_sent: dict[InstanceKey, datetime] = {}
        self._missed = 0
        self._missed_on: dict[InstanceKey, None] = {}
        self._told: dict[InstanceKey, set[NotificationKind]] = {}
        self._states: dict[tuple[int, str | None], ListenerState] = {}
        self._retrying: dict[tuple[int, str | None], datetime] = {}
        self._alarmed: set[tuple[int, str | None]] = set()
        # Instances refused on their own (not for the key) and told about: why.
        self._refused_for: dict[tuple[int, str | None], str | None] = {}
        # Connections live again after retrying but not counted as back yet: since when.
        self._back: dict[int, datetime] = {}

    # --- policy -----------------------------------------------------------------------

    @property
    def policy(self) -> NotificationPolicy:
        return self._policy

    def set_policy(self, policy: NotificationPolicy) -> None:
        self._policy = policy
        if self.on_policy_changed is not None:
            self.on_policy_changed(policy)

    def set_server_names(self, names: Mapping[int, str]) -> None:
        self._server_names = dict(names)

    def pause(self, duration: timedelta | None) -> None:
        """Mute ordinary notifications for `duration`, or until `resume()` when None."""
        if duration is None:
            self.set_policy(replace(self._policy, paused_until=None, paused_indefinitely=True))
        else:
            self.set_policy(replace(self._policy, paused_until=self._now() + duration,
                                    paused_indefinitely=False))

    def resume(self) -> list[Notification]:
        self.set_policy(replace(self._policy, paused_until=None, paused_indefinitely=False))
        return self.tick()

    def is_paused(self) -> bool:
        return self._policy.is_paused(self._now())

    def in_quiet_hours(self) -> bool:
        quiet = self._policy.quiet_hours
        return quiet is not None and quiet.contains(self._local(self._now()).time())

    def _now(self) -> datetime:
        return self._clock.now()

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self._tz)

    def _muted(self) -> bool:
        return self.is_paused() or self.in_quiet_hours()

    # --- input ------------------------------------------------------------------------

    def handle_event(self, event: Event) -> list[Notification]:
        ref = (event.server_id, event.instance)
        wire = event.wire_event
        data = event.payload.get("data")
        data = data if isinstance(data, dict) else {}
        out: list[Notification] = []
        if wire == "messages.upsert":
            for sender, preview in incoming_messages(event):
                self._add_message(ref, sender, preview)
        elif wire == "connection.update":
            state = str(data.get("state", "")).lower()
            if state == "open":
                self._told.pop(ref, None)
            elif state == "close":
                # 401 is WhatsApp's "logged out"; Evolution sends it as a number.
                kind = (NotificationKind.LOGGED_OUT if str(data.get("statusReason")) == "401"
                        else NotificationKind.DISCONNECTED)
                out += self._instance_alarm(ref, kind, data.get("statusReason"))
        elif wire == "logout.instance":
            out += self._instance_alarm(ref, NotificationKind.LOGGED_OUT, None)
        elif wire == "qrcode.updated":
            out += self._instance_alarm(ref, NotificationKind.QR_CODE, None)
        return out + self.tick()

    def handle_state(self, change: StateChange) -> list[Notification]:
        key = (change.server_id, change.instance)
        state = change.state
        now = self._now()
        out: list[Notification] = []
        previous = self._states.get(key)
        if state is ListenerState.STOPPED and change.instance is not None:
            self._states.pop(key, None)
        else:
            self._states[key] = state
        if state is ListenerState.RETRYING:
            self._retrying.setdefault(key, now)
            if change.instance is None:
                self._back.pop(change.server_id, None)
        elif (state is ListenerState.LIVE and change.instance is None
              and key in self._retrying):
            # Being accepted proves little: a peer may drop every connection at once. It is
            # back once one of its instances is heard, or once it stays live as long as the
            # alarm waits.
            self._back[change.server_id] = now
        else:
            self._recovered(key, now)
            if state is ListenerState.LIVE:  # an instance heard: its connection works
                self._recovered((change.server_id, None), now)
        if state in (ListenerState.LIVE, ListenerState.STOPPED):
            self._refused_for.pop(key, None)
        if state is ListenerState.REFUSED and previous is not ListenerState.REFUSED:
            server_refused = self._states.get((change.server_id, None)) is ListenerState.REFUSED
            if change.instance is None:
                out += self._listener_alarm(key, NotificationKind.REFUSED, change.reason)
            elif not server_refused and (key not in self._refused_for
                                         or self._refused_for[key] != change.reason):
                # Refused alone, it is refused again at every reconnect, until it is
                # heard, no longer listened to, or refused for another reason.
                self._refused_for[key] = change.reason
                out += self._listener_alarm(key, NotificationKind.REFUSED, change.reason)
        return out + self.tick()

    def _recovered(self, key: tuple[int, str | None], now: datetime) -> None:
        """`key` is heard again (or no longer listened to): its retry episode is over."""
        server_id, instance = key
        self._alarmed.discard(key)
        was_retrying = self._retrying.pop(key, None) is not None
        if instance is not None:
            return
        back = self._back.pop(server_id, now)
        if was_retrying:
            # Its instances were not told about while it was down: their time runs from
            # when it came back.
            for other, since in self._retrying.items():
                if other[0] == server_id:
                    self._retrying[other] = max(since, back)

    def _add_message(self, ref: InstanceKey, sender: str, preview: str) -> None:
        if not self._policy.allows(NotificationKind.MESSAGE, ref):
            return
        if self._muted():
            self._missed += 1
            self._missed_on[ref] = None
            return
        group = self._groups.get(ref)
        if group is None:
            due = self._now() + timedelta(seconds=self._policy.burst)
            last = self._last_sent.get(ref)
            if last is not None:
                due = max(due, last + timedelta(seconds=self._policy.rate_limit))
            group = self._groups[ref] = _Group(due)
        group.count += 1
        group.latest = (sender, preview)

    # --- time -------------------------------------------------------------------------

    def tick(self) -> list[Notification]:
        """Everything due now: message groups, the summary of what was muted, alarms for
        listeners retrying too long, and the end of an expired pause."""
        now = self._now()
        policy = self._policy
        if policy.paused_until is not None and now >= policy.paused_until:
            self.set_policy(replace(policy, paused_until=None))
        out: list[Notification] = []
        if self._muted():
            for ref, group in self._groups.items():
                self._missed += group.count
                self._missed_on[ref] = None
            self._groups.clear()
        else:
            if self._missed:
                out.append(self._missed_summary())
            for ref, group in list(self._groups.items()):
                if group.due <= now:
                    del self._groups[ref]
                    self._last_sent[ref] = now
                    out.append(self._message_notification(ref, group))
        out += self._retry_alarms(now)
        return out

    def next_due(self) -> datetime | None:
        """When `tick()` may next have something to do."""
        now = self._now()
        times = [group.due for group in self._groups.values()]
        times += self._retry_due().values()
        times += [back + self._retry_alarm for back in self._back.values()]
        policy = self._policy
        if policy.paused_until is not None:
            times.append(policy.paused_until)
        quiet = policy.quiet_hours
        if quiet is not None and self.in_quiet_hours():
            times.append(quiet.next_end(now, self._tz))
        return min(times) if times else None

    def seconds_until_due(self) -> float | None:
        due = self.next_due()
        return None if due is None else max(0.0, (due - self._now()).total_seconds())

    # --- building notifications -------------------------------------------------------

    def _message_notification(self, ref: InstanceKey, group: _Group) -> Notification:
        sender, preview = group.latest
        if group.count == 1:
            title = Text("%1 on %2", (sender, name_label(ref[1])))
            body = Text("%1", (preview,))
        else:
            title = Text("%1 new messages on %2", (str(group.count), name_label(ref[1])))
            body = Text("Latest from %1: %2", (sender, preview))
        return Notification(NotificationKind.MESSAGE, title, body, ref, False, group.count)

    def _missed_summary(self) -> Notification:
        count, names = self._missed, list(self._missed_on)
        self._missed, self._missed_on = 0, {}
        title = Text("%1 new messages while notifications were off", (str(count),))
        body = Text("On %1", (first_line(", ".join(name_label(name) for _server, name in names)),))
        ref = names[0] if len(names) == 1 else None
        return Notification(NotificationKind.MISSED, title, body, ref, False, count)

    def _instance_alarm(self, ref: InstanceKey, kind: NotificationKind,
                        reason: object) -> list[Notification]:
        """Once per episode: repeats (a QR code refreshed every half minute, the close that
        follows a logout) stay quiet until the instance is open again."""
        told = self._told.setdefault(ref, set())
        covered = {NotificationKind.DISCONNECTED: {NotificationKind.DISCONNECTED,
                                                   NotificationKind.LOGGED_OUT},
                   NotificationKind.LOGGED_OUT: {NotificationKind.LOGGED_OUT},
                   NotificationKind.QR_CODE: {NotificationKind.QR_CODE}}[kind]
        if told & covered or not self._policy.allows(kind, ref):
            return []
        told.add(kind)
        name = name_label(ref[1])
        if kind is NotificationKind.DISCONNECTED:
            why = first_line(str(reason), NAME_LIMIT) if reason is not None else ""
            title = Text("%1 disconnected from WhatsApp", (name,))
            body = (Text("WhatsApp closed the connection (reason %1).", (why,))
                    if why else Text("WhatsApp closed the connection."))
        elif kind is NotificationKind.LOGGED_OUT:
            title = Text("%1 was logged out of WhatsApp", (name,))
            body = Text("Scan a new QR code to use this number again.")
        else:
            title = Text("%1 is waiting for a QR code scan", (name,))
            body = Text("Open the instance and scan the code with its phone.")
        return [Notification(kind, title, body, ref, True)]

    def _server_name(self, server_id: int) -> str:
        return self._server_names.get(server_id) or f"#{server_id}"

    def _listener_alarm(self, key: tuple[int, str | None], kind: NotificationKind,
                        reason: str | None) -> list[Notification]:
        server_id, instance = key
        ref = (server_id, instance) if instance is not None else None
        if not self._policy.allows(kind, ref):
            return []
        why = first_line(reason or "", 200)
        server = name_label(self._server_name(server_id))
        if kind is NotificationKind.REFUSED:
            if instance is not None:
                title = Text("Cannot listen to %1", (name_label(instance),))
            elif reason is None or reason == KEY_REFUSED:
                title = Text("%1 refused the API key", (server,))
            else:  # no key stored, or one that cannot be sent: the server refused nothing
                title = Text("Cannot listen to %1", (server,))
            # The listener's reasons are evodesk's messages: translated where shown.
            body = (Text("%1", (ServiceMessage(why),)) if why
                    else Text("Check the server's key under Servers."))
        else:
            title = (Text("Lost the live connection to %1", (server,)) if instance is None
                     else Text("Not hearing %1", (name_label(instance),)))
            body = (Text("Still retrying after a minute: %1", (why,)) if why
                    else Text("Still retrying after a minute."))
        return [Notification(kind, title, body, ref, True)]

    def _retry_due(self) -> dict[tuple[int, str | None], datetime]:
        """When each listener retrying, and not alarmed about yet, is due its alarm."""
        due: dict[tuple[int, str | None], datetime] = {}
        for key, since in self._retrying.items():
            server_id, instance = key
            if key in self._alarmed or (instance is None and server_id in self._back):
                continue
            # While the whole connection is down, its instances' alarms would only repeat
            # its own; they wait for it to come back.
            if instance is not None and (server_id, None) in self._retrying:
                continue
            due[key] = since + self._retry_alarm
        return due

    def _retry_alarms(self, now: datetime) -> list[Notification]:
        # A connection live for as long as the alarm waits is back, instances heard or not.
        for server_id, back in list(self._back.items()):
            if now - back >= self._retry_alarm:
                self._recovered((server_id, None), now)
        out: list[Notification] = []
        for key, due in self._retry_due().items():
            if due <= now:
                self._alarmed.add(key)
                out += self._listener_alarm(key, NotificationKind.RETRYING, None)
        return out


class LiveSource(Protocol):
    """What the service needs from the live listener."""

    def subscribe(self, *, maxsize: int = 1000) -> EventSubscription: ...
    def on_state_changed(
        self, callback: Callable[[StateChange], None]) -> Callable[[], None]: ...


class NotificationService:
    """Feeds a `Notifier` from the live listener and wakes it when something falls due;
    each notification goes to `deliver`."""

    def __init__(self, notifier: Notifier, deliver: Callable[[Notification], None]) -> None:
        self.notifier = notifier
        self._deliver = deliver
        self._subscription: EventSubscription | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._armed_for: datetime | None = None  # the due moment `_timer` was armed for

    def attach(self, listener: LiveSource) -> None:
        self._subscription = listener.subscribe()
        self._unsubscribe = listener.on_state_changed(self._on_state_changed)
        self._task = asyncio.get_running_loop().create_task(self._run(), name="notifications")

    async def _run(self) -> None:
        assert self._subscription is not None
        async for event in self._subscription:
            try:
                found = self.notifier.handle_event(event)
            except Exception:
                # One odd payload must not end notifications for the rest of the session.
                log.exception("Could not read a %s event of %s for notifications",
                              event.wire_event, event.instance)
                continue
            self._send(found)

    def _on_state_changed(self, change: StateChange) -> None:
        self._send(self.notifier.handle_state(change))

    def _send(self, notifications: list[Notification]) -> None:
        for notification in notifications:
            try:
                self._deliver(notification)
            except Exception:
                log.exception("Showing a notification failed")
        self._schedule()

    def _schedule(self) -> None:
        due = self.notifier.next_due()
        if self._timer is not None and due == self._armed_for:
            # Under a flood every event lands here with the same due moment. Re-arming
            # anyway would leave a cancelled timer behind per event (qasync keeps them
            # until their deadline), and thousands of them firing together freeze the loop.
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._armed_for = due
        delay = self.notifier.seconds_until_due()
        if delay is not None:
            self._timer = asyncio.get_running_loop().call_later(delay, self.poke)

    def poke(self) -> None:
        """Release whatever is due now (after the clock moved or the policy changed)."""
        self._timer = None
        self._armed_for = None
        self._send(self.notifier.tick())

    def pause(self, duration: timedelta | None) -> None:
        self.notifier.pause(duration)
        self.poke()

    def resume(self) -> None:
        self._send(self.notifier.resume())

    async def aclose(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._subscription is not None:
            self._subscription.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
