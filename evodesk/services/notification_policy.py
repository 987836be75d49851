"""What a person chose about notifications (kinds and instances on or off, quiet hours,
a pause, the pace of message notifications) and how that is kept in the settings; and the
shape of a notification."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import StrEnum

from evodesk.domain.text import Text
from evodesk.infra.settings import Settings

log = logging.getLogger(__name__)

RATE_LIMIT = 30.0  # seconds: at most one message notification per instance this often
BURST = 2.0  # seconds: messages this close together become one notification
InstanceKey = tuple[int, str]  # (server id, instance name)
UNTIL_RESUMED = "until-resumed"


class NotificationKind(StrEnum):
    MESSAGE = "message"
    DISCONNECTED = "disconnected"
    LOGGED_OUT = "logged_out"
    QR_CODE = "qr_code"
    REFUSED = "refused"
    RETRYING = "retrying"
    MISSED = "missed"  # what arrived during a pause or quiet hours, told once they end


CRITICAL = frozenset({NotificationKind.DISCONNECTED, NotificationKind.LOGGED_OUT,
                      NotificationKind.QR_CODE, NotificationKind.REFUSED,
                      NotificationKind.RETRYING})

@dataclass(frozen=True, slots=True)
class Notification:
    """Plain text only: nothing here is markup, whatever the sender typed."""

    kind: NotificationKind
    title_text: Text
    body_text: Text
    instance_ref: InstanceKey | None
    critical: bool
    count: int = 1

    @property
    def title(self) -> str:
        return str(self.title_text)

    @property
    def body(self) -> str:
        return str(self.body_text)


@dataclass(frozen=True, slots=True)
class QuietHours:
    """Local times; an end earlier than the start crosses midnight; equal times: never."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        moment = moment.replace(tzinfo=None)
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def next_end(self, now: datetime, zone: tzinfo | None = None) -> datetime:
        """The first end after `now` in `zone` (None: the system's local time zone).
        Counted on the wall clock and placed by the zone's rules for that date: an offset
        fixed at `now` would put the end an hour off across a change of summer time."""
        wall = now.astimezone(zone).replace(tzinfo=None)
        end = datetime.combine(wall.date(), self.end.replace(tzinfo=None))
        if end <= wall:
            end += timedelta(days=1)
        # An end the clock passes twice (summer time ending) is the first pass, unless
        # that one is over already.
        first = _on_the_clock(end, zone)
        if first.astimezone(UTC) > now.astimezone(UTC):
            return first
        return _on_the_clock(end.replace(fold=1), zone)


def _on_the_clock(wall: datetime, zone: tzinfo | None) -> datetime:
    """A naive wall-clock time as a moment in `zone`; None: the system's local time."""
    return wall.astimezone() if zone is None else wall.replace(tzinfo=zone)


@dataclass(frozen=True, slots=True)
class InstanceRule:
    enabled: bool = True
    kinds: Mapping[NotificationKind, bool] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NotificationPolicy:
    """What the person chose: kinds and instances on or off, quiet hours, a pause, and the
    pace of message notifications (a burst window, then at most one per rate limit)."""

    kinds: Mapping[NotificationKind, bool] = field(default_factory=dict)
    instances: Mapping[InstanceKey, InstanceRule] = field(default_factory=dict)
    quiet_hours: QuietHours | None = None
    paused_until: datetime | None = None
    paused_indefinitely: bool = False
    rate_limit: float = RATE_LIMIT
    burst: float = BURST

    def allows(self, kind: NotificationKind, ref: InstanceKey | None) -> bool:
        """Rules are explicit choices, so they silence critical kinds too."""
        if not self.kinds.get(kind, True):
            return False
        rule = self.instances.get(ref) if ref is not None else None
        return rule is None or (rule.enabled and rule.kinds.get(kind, True))

    def is_paused(self, now: datetime) -> bool:
        return self.paused_indefinitely or (
            self.paused_until is not None and now < self.paused_until)

    @classmethod
    def from_settings(cls, settings: Settings) -> NotificationPolicy:
        """Whatever in the settings file is damaged falls back to its default."""
        rules = settings.notification_rules
        instances: dict[InstanceKey, InstanceRule] = {}
        raw = rules.get("instances")
        for key, value in (raw.items() if isinstance(raw, dict) else ()):
            server, slash, name = str(key).partition("/")
            if not (slash and server.isdigit() and name and isinstance(value, dict)):
                log.warning("Ignoring the notification rule for %r: not \"<server id>/<name>\"",
                            key)
                continue
            instances[(int(server), name)] = InstanceRule(
                enabled=value.get("enabled", True) is not False,
                kinds=_read_kinds(value.get("types")))
        paused_until, indefinitely = _read_pause(settings.notifications_paused_until)
        return cls(
            kinds=_read_kinds(rules.get("types")),
            instances=instances,
            quiet_hours=_read_quiet_hours(settings.quiet_hours),
            paused_until=paused_until,
            paused_indefinitely=indefinitely,
            rate_limit=_read_seconds(rules.get("rate_limit_seconds"), RATE_LIMIT),
            burst=_read_seconds(rules.get("burst_seconds"), BURST),
        )

    def to_settings(self, settings: Settings) -> Settings:
        rules = {
            "types": {kind.value: on for kind, on in self.kinds.items()},
            "instances": {
                f"{server}/{name}": {"enabled": rule.enabled,
                                     "types": {k.value: on for k, on in rule.kinds.items()}}
                for (server, name), rule in self.instances.items()
            },
            "rate_limit_seconds": self.rate_limit,
            "burst_seconds": self.burst,
        }
        quiet = self.quiet_hours
        paused = (UNTIL_RESUMED if self.paused_indefinitely
                  else self.paused_until.isoformat() if self.paused_until is not None else None)
        return settings.with_changes(
            notification_rules=rules,
            quiet_hours=({"start": _clock_text(quiet.start), "end": _clock_text(quiet.end)}
                         if quiet is not None else {}),
            notifications_paused_until=paused,
        )


def _read_kinds(raw: object) -> dict[NotificationKind, bool]:
    known = {kind.value for kind in NotificationKind}
    if not isinstance(raw, dict):
        return {}
    return {NotificationKind(k): v for k, v in raw.items() if k in known and isinstance(v, bool)}


def _read_quiet_hours(raw: Mapping[str, str]) -> QuietHours | None:
    if not raw:
        return None
    try:
        return QuietHours(time.fromisoformat(str(raw["start"])),
                          time.fromisoformat(str(raw["end"])))
    except (KeyError, ValueError):
        log.warning("Quiet hours in the settings are unreadable; none apply.")
        return None


def _clock_text(moment: time) -> str:
    """Hours and minutes, and seconds only when there are some: "22:00", "07:00:30"."""
    exact = moment.second == 0 and moment.microsecond == 0
    return moment.replace(tzinfo=None).isoformat("minutes" if exact else "auto")


def _read_pause(raw: object) -> tuple[datetime | None, bool]:
    if not raw or not isinstance(raw, str):
        return None, False
    if raw == UNTIL_RESUMED:
        return None, True
    try:
        until = datetime.fromisoformat(raw)
    except ValueError:
        log.warning("The notification pause in the settings is unreadable; not paused.")
        return None, False
    return (until if until.tzinfo is not None else until.astimezone()), False


def _read_seconds(raw: object, default: float) -> float:
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw >= 0:
        return float(raw)
    return default
