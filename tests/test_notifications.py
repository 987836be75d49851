"""Notification rules with an injected clock: grouping, rate limits, quiet hours, pauses,
per-instance and per-type rules, critical alarms, plain text, and the settings file."""

from __future__ import annotations

import asyncio
import itertools
import os
import time as system_time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

import pytest

from evodesk.domain.models import Event, ListenerState
from evodesk.infra.settings import Settings, load_settings, save_settings
from evodesk.services.event_pipeline import Subscription, SystemClock
from evodesk.services.listener import StateChange
from evodesk.services.notifications import (
    InstanceRule,
    Notification,
    NotificationKind,
    NotificationPolicy,
    NotificationService,
    Notifier,
    QuietHours,
    Text,
    fill,
)

K = NotificationKind
BRT = timezone(timedelta(hours=-3))
_ids = itertools.count()


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.moment = start

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


def at(hour: int, minute: int = 0) -> datetime:
    """A moment in São Paulo time, as the clock hands it out (aware)."""
    return datetime(2026, 3, 10, hour, minute, tzinfo=BRT)


def event(wire: str, data: Any, *, instance: str = "loja-sp", server_id: int = 1,
          duplicate: bool = False) -> Event:
    return Event(server_id=server_id, instance=instance, wire_event=wire,
                 received_at=datetime.now(UTC), payload={"event": wire, "data": data},
                 duplicate_key=f"k{next(_ids)}", is_duplicate=duplicate)


def text(body: str, *, sender: str = "Ana", from_me: bool = False, **kw: Any) -> Event:
    data = {"key": {"remoteJid": "5511912345678@s.whatsapp.net", "fromMe": from_me,
                    "id": f"M{next(_ids)}"},
            "pushName": sender, "message": {"conversation": body},
            "messageType": "conversation"}
    return event("messages.upsert", data, **kw)


def media(kind: str, **kw: Any) -> Event:
    data = {"key": {"remoteJid": "5511@s.whatsapp.net", "fromMe": False, "id": "X"},
            "pushName": "Bruno", "message": {f"{kind}Message": {"caption": "foto"}},
            "messageType": f"{kind}Message"}
    return event("messages.upsert", data, **kw)


def notifier(clock: FakeClock, **policy: Any) -> Notifier:
    return Notifier(NotificationPolicy(**{"burst": 2.0, "rate_limit": 30.0, **policy}),
                    clock=clock, tz=BRT)


def state(server_id: int, instance: str | None, value: ListenerState,
          reason: str | None = None) -> StateChange:
    return StateChange(server_id, instance, value, reason)


def test_a_message_from_someone_else_is_told_with_sender_and_first_line() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock)
    assert n.handle_event(text("Bom dia!\nsegunda linha")) == []  # the burst window is open
    assert n.handle_event(text("mine", from_me=True)) == []
    clock.advance(2)
    [shown] = n.tick()
    assert (shown.title, shown.body) == ("Ana on loja-sp", "Bom dia!")
    assert shown.instance_ref == (1, "loja-sp")
    assert shown.critical is False and shown.kind is K.MESSAGE and shown.count == 1
    assert n.tick() == []


def test_media_shows_its_type_and_messages_from_me_or_repeated_never_notify() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock, burst=0.0)
    [shown] = n.handle_event(media("image"))
    assert (shown.title, shown.body) == ("Bruno on loja-sp", "[image]")
    clock.advance(60)
    assert n.handle_event(text("eco", from_me=True)) == []
    assert n.handle_event(text("again", duplicate=True)) == []
    assert n.handle_event(event("messages.update", {"status": "READ"})) == []
    [doc] = n.handle_event(media("document", instance="loja-rj"))
    assert doc.body == "[document]"


def test_text_stays_plain_markup_and_controls_included() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock, burst=0.0)
    [shown] = n.handle_event(
        text("<b>urgente</b> &amp; <a href='x'>link</a>\u202e", sender="<i>Eve</i>\x07"))
    assert shown.title == "<i>Eve</i> on loja-sp"
    assert shown.body == "<b>urgente</b> &amp; <a href='x'>link</a>"
    # A message that says "%2" is not a placeholder.
    assert fill("%1 on %2", ("%2", "loja")) == "%2 on loja"
    long = "x" * 500
    clock.advance(60)
    [cut] = n.handle_event(text(long))
    assert len(cut.body) == 120 and cut.body.endswith("…")


def test_names_and_reasons_from_the_server_are_one_short_line() -> None:
    # The tray lays out whatever it is given on the GUI thread: a 5 MB reason took 17 s.
    # Names and reasons come from the server, so they are cut and cleaned like previews.
    clock = FakeClock(at(10))
    n = notifier(clock, burst=0.0)
    spoof = "\u202egnp.exe\nsecond <b>line</b>\t" + "n" * 500
    [closed] = n.handle_event(event("connection.update",
                                    {"state": "close", "statusReason": "r" * 5_000_000},
                                    instance=spoof))
    assert closed.title == "gnp.exe disconnected from WhatsApp"  # the first line only
    assert closed.body == f"WhatsApp closed the connection (reason {'r' * 59}…)."
    clock.advance(60)
    [shown] = n.handle_event(text("oi", instance=spoof))
    assert shown.title == "Ana on gnp.exe"
    long_name = "n" * 500
    clock.advance(60)
    [shown] = n.handle_event(text("oi", instance=long_name))
    assert shown.title == f"Ana on {'n' * 59}…"


def test_a_burst_becomes_one_grouped_notification() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock)
    for i, name in enumerate(["Ana", "Bruno", "Carla", "Duda", "Edu"]):
        assert n.handle_event(text(f"msg {i}", sender=name)) == []
        clock.advance(0.3)
    assert n.handle_event(text("other", instance="loja-rj")) == []
    clock.advance(2)
    shown = {s.instance_ref: s for s in n.tick()}
    grouped = shown[(1, "loja-sp")]
    assert grouped.title == "5 new messages on loja-sp"
    assert grouped.body == "Latest from Edu: msg 4"
    assert grouped.count == 5
    assert shown[(1, "loja-rj")].title == "Ana on loja-rj"


def test_at_most_one_notification_per_instance_per_rate_limit() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock, burst=0.0, rate_limit=30.0)
    assert len(n.handle_event(text("one"))) == 1
    clock.advance(1)
    assert n.handle_event(text("two")) == []
    clock.advance(10)
    assert n.handle_event(text("three")) == []
    # Another instance has its own allowance.
    assert len(n.handle_event(text("elsewhere", instance="loja-rj"))) == 1
    assert n.next_due() == at(10) + timedelta(seconds=30)
    clock.advance(18.9)
    assert n.tick() == []
    clock.advance(0.1)
    [folded] = n.tick()
    assert folded.title == "2 new messages on loja-sp" and folded.count == 2
    clock.advance(5)
    assert n.handle_event(text("four")) == []  # still within 30 s of the last one
    clock.advance(25)
    [single] = n.tick()
    assert (single.title, single.body) == ("Ana on loja-sp", "four")


@pytest.mark.parametrize(
    ("start", "end", "inside", "outside"),
    [
        (time(22), time(7), [at(23), at(0, 30), at(6, 59)], [at(7), at(12), at(21, 59)]),
        (time(12), time(14), [at(12), at(13, 59)], [at(11, 59), at(14), at(23)]),
    ],
)
def test_quiet_hours_including_across_midnight(
    start: time, end: time, inside: list[datetime], outside: list[datetime]
) -> None:
    for moment in inside:
        clock = FakeClock(moment.astimezone(UTC))  # the clock's zone does not matter
        n = notifier(clock, burst=0.0, quiet_hours=QuietHours(start, end))
        assert n.in_quiet_hours(), moment
        assert n.handle_event(text("psst")) == []
        # Critical ones still come.
        [alarm] = n.handle_event(event("connection.update", {"state": "close"}))
        assert alarm.critical
    for moment in outside:
        clock = FakeClock(moment)
        n = notifier(clock, burst=0.0, quiet_hours=QuietHours(start, end))
        assert not n.in_quiet_hours(), moment
        assert len(n.handle_event(text("hello"))) == 1
    assert not QuietHours(time(8), time(8)).contains(time(8))


def test_what_quiet_hours_held_back_is_summed_up_when_they_end() -> None:
    clock = FakeClock(at(23, 50))
    n = notifier(clock, burst=0.0, quiet_hours=QuietHours(time(22), time(7)))
    n.handle_event(text("a"))
    n.handle_event(text("b", instance="loja-rj"))
    n.handle_event(text("c"))
    assert n.next_due() == datetime(2026, 3, 11, 7, 0, tzinfo=BRT)
    clock.moment = datetime(2026, 3, 11, 6, 59, tzinfo=BRT)
    assert n.tick() == []
    clock.moment = datetime(2026, 3, 11, 7, 0, tzinfo=BRT)
    [summary] = n.tick()
    assert summary.kind is K.MISSED and summary.count == 3 and not summary.critical
    assert summary.title == "3 new messages while notifications were off"
    assert summary.body == "On loja-sp, loja-rj"
    assert n.tick() == []


@pytest.fixture
def berlin_system_zone() -> Iterator[None]:
    """The system's local time zone is Berlin's (its rules written out, no tz database)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "CET-1CEST,M3.5.0,M10.5.0/3"
    system_time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        system_time.tzset()


@pytest.mark.usefixtures("berlin_system_zone")
@pytest.mark.parametrize(("evening", "end"), [
    # 23:00 CET the night the clocks go forward: 07:00 CEST.
    (datetime(2025, 3, 29, 22, tzinfo=UTC), datetime(2025, 3, 30, 5, tzinfo=UTC)),
    # 23:00 CEST the night they go back: 07:00 CET.
    (datetime(2025, 10, 25, 21, tzinfo=UTC), datetime(2025, 10, 26, 6, tzinfo=UTC)),
])
def test_quiet_hours_end_on_the_wall_clock_across_summer_time(
    evening: datetime, end: datetime
) -> None:
    clock = FakeClock(evening)
    # No zone given, as the tray builds it: the system's local time.
    n = Notifier(NotificationPolicy(burst=0.0, quiet_hours=QuietHours(time(22), time(7))),
                 clock=clock)
    assert n.handle_event(text("boa noite")) == []
    assert n.next_due() == end
    clock.moment = end - timedelta(seconds=1)
    assert n.tick() == []
    clock.moment = end
    [summary] = n.tick()
    assert summary.kind is K.MISSED and summary.count == 1


def test_quiet_hours_ending_on_a_second_end_then() -> None:
    """The settings file accepts seconds; the end is not rounded down to its minute, which
    found it still quiet and put the summary off by a day, every day."""
    settings = Settings(quiet_hours={"start": "22:00", "end": "07:00:30"})
    policy = NotificationPolicy.from_settings(settings)
    clock = FakeClock(at(23))
    n = Notifier(replace(policy, burst=0.0), clock=clock, tz=BRT)
    assert n.handle_event(text("boa noite")) == []
    end = datetime(2026, 3, 11, 7, 0, 30, tzinfo=BRT)
    assert n.next_due() == end
    clock.moment = end - timedelta(seconds=1)
    assert n.tick() == []
    assert n.next_due() == end
    clock.moment = end
    [summary] = n.tick()
    assert summary.kind is K.MISSED and summary.count == 1
    assert n.policy.to_settings(Settings()).quiet_hours == {"start": "22:00", "end": "07:00:30"}


def test_pause_for_an_hour_ends_by_itself_and_is_reported_as_changed() -> None:
    clock = FakeClock(at(10))
    changes: list[NotificationPolicy] = []
    n = notifier(clock, burst=0.0)
    n.on_policy_changed = changes.append
    n.pause(timedelta(hours=1))
    assert n.is_paused() and changes[-1].paused_until == at(11)
    assert n.handle_event(text("shh")) == []
    [critical] = n.handle_event(event("logout.instance", None))
    assert critical.kind is K.LOGGED_OUT and critical.critical
    assert n.next_due() == at(11)
    clock.advance(3599)
    assert n.tick() == [] and n.is_paused()
    clock.advance(1)
    [summary] = n.tick()
    assert summary.kind is K.MISSED and summary.count == 1
    assert summary.instance_ref == (1, "loja-sp")
    assert not n.is_paused() and changes[-1].paused_until is None
    assert len(n.handle_event(text("back"))) == 1


def test_pause_until_resumed_lasts_until_resume() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock, burst=0.0)
    n.pause(None)
    assert n.next_due() is None
    clock.advance(86_400 * 3)
    assert n.tick() == [] and n.is_paused()
    assert n.handle_event(text("one")) == []
    assert n.handle_event(text("two", instance="loja-rj")) == []
    [qr] = n.handle_event(event("qrcode.updated", {"qrcode": {"code": "2@x"}}))
    assert qr.kind is K.QR_CODE and qr.critical
    [summary] = n.resume()
    assert summary.count == 2 and summary.instance_ref is None
    assert not n.is_paused()


def test_rules_per_instance_and_per_type() -> None:
    clock = FakeClock(at(10))
    policy: dict[str, Any] = {
        "kinds": {K.QR_CODE: False},
        "instances": {(1, "vendas"): InstanceRule(enabled=False),
                      (1, "suporte"): InstanceRule(kinds={K.MESSAGE: False})},
    }
    n = notifier(clock, burst=0.0, **policy)
    assert n.handle_event(text("x", instance="vendas")) == []
    assert n.handle_event(event("connection.update", {"state": "close"},
                                instance="vendas")) == []
    assert n.handle_event(text("x", instance="suporte")) == []
    [alarm] = n.handle_event(event("connection.update", {"state": "close"},
                                   instance="suporte"))
    assert alarm.kind is K.DISCONNECTED
    assert n.handle_event(event("qrcode.updated", {}, instance="loja-sp")) == []
    # The same name on another server is another instance.
    assert len(n.handle_event(text("x", instance="vendas", server_id=2))) == 1


def test_critical_alarms_come_once_per_episode_even_when_paused() -> None:
    clock = FakeClock(at(23))
    n = notifier(clock, quiet_hours=QuietHours(time(22), time(7)))
    n.pause(None)
    [closed] = n.handle_event(event("connection.update", {"state": "close",
                                                          "statusReason": 428}))
    assert closed.title == "loja-sp disconnected from WhatsApp"
    assert closed.body == "WhatsApp closed the connection (reason 428)."
    assert n.handle_event(event("connection.update", {"state": "close"})) == []
    [qr] = n.handle_event(event("qrcode.updated", {}))
    assert n.handle_event(event("qrcode.updated", {})) == []  # refreshed codes stay quiet
    assert n.handle_event(event("connection.update", {"state": "open"})) == []
    # Logging out tells once, although the close that follows says 401 too.
    [logged_out] = n.handle_event(event("logout.instance", None))
    assert n.handle_event(event("connection.update", {"state": "close",
                                                      "statusReason": 401})) == []
    assert logged_out.title == "loja-sp was logged out of WhatsApp"
    assert all(x.critical for x in (closed, qr, logged_out))


def test_a_refused_key_alarms_once_for_the_server_not_per_instance() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock)
    n.set_server_names({7: "Matriz"})
    S = ListenerState
    assert n.handle_state(state(7, None, S.CONNECTING)) == []
    [refused] = n.handle_state(state(7, None, S.REFUSED, "The server refused the API key."))
    assert n.handle_state(state(7, "loja-sp", S.REFUSED, "x")) == []
    assert n.handle_state(state(7, None, S.REFUSED, "again")) == []
    assert refused.title == "Matriz refused the API key"
    assert refused.body == "The server refused the API key."
    assert refused.critical and refused.instance_ref is None and refused.kind is K.REFUSED
    # A namespace refused on a working connection is its own alarm.
    n.handle_state(state(7, None, S.LIVE))
    [alone] = n.handle_state(state(7, "bad/name", S.REFUSED, "cannot be a namespace"))
    assert alone.instance_ref == (7, "bad/name")


def test_an_instance_refused_for_its_name_alarms_once_not_at_every_reconnect() -> None:
    # The connection comes back after each loss, and the namespace is refused again for
    # the same reason: one critical notification, not one per reconnect.
    clock = FakeClock(at(10))
    n = notifier(clock)
    S = ListenerState
    why = "This instance name cannot be used as a Socket.IO namespace."
    n.handle_state(state(7, None, S.LIVE))
    [alone] = n.handle_state(state(7, "loja,rj", S.REFUSED, why))
    assert alone.instance_ref == (7, "loja,rj") and alone.critical
    for _ in range(3):
        n.handle_state(state(7, None, S.RETRYING, "the connection was lost"))
        n.handle_state(state(7, "loja,rj", S.RETRYING, "the connection was lost"))
        clock.advance(5)
        n.handle_state(state(7, None, S.LIVE))
        assert n.handle_state(state(7, "loja,rj", S.REFUSED, why)) == []
    # Refused for another reason, it is news; so it is once no longer listened to.
    n.handle_state(state(7, "loja,rj", S.RETRYING, "the connection was lost"))
    [other] = n.handle_state(state(7, "loja,rj", S.REFUSED, "Another reason."))
    assert other.body == "Another reason."
    n.handle_state(state(7, "loja,rj", S.STOPPED))
    [again] = n.handle_state(state(7, "loja,rj", S.REFUSED, why))
    assert again.body == why


def test_a_listener_retrying_for_over_a_minute_alarms_even_when_paused() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock)
    n.set_server_names({1: "Matriz"})
    n.pause(None)
    S = ListenerState
    n.handle_state(state(1, None, S.RETRYING, "connection refused"))
    n.handle_state(state(1, "loja-sp", S.RETRYING, "connection refused"))
    n.handle_state(state(2, "loja-rj", S.RETRYING, "the server closed this channel"))
    assert n.next_due() == at(10) + timedelta(seconds=60)
    clock.advance(59)
    assert n.tick() == []
    clock.advance(1)
    alarms = n.tick()
    assert [(a.title, a.instance_ref) for a in alarms] == [
        ("Lost the live connection to Matriz", None),
        ("Not hearing loja-rj", (2, "loja-rj")),
    ]
    assert alarms[0].body == "Still retrying after a minute."
    assert all(a.critical and a.kind is K.RETRYING for a in alarms)
    clock.advance(600)
    assert n.tick() == []
    # Back to live and its instance heard, then retrying again: a new episode, a new minute.
    n.handle_state(state(1, None, S.LIVE))
    n.handle_state(state(1, "loja-sp", S.LIVE))
    n.handle_state(state(1, None, S.RETRYING))
    clock.advance(30)
    assert n.tick() == []
    clock.advance(30)
    assert [a.title for a in n.tick()] == ["Lost the live connection to Matriz"]


def test_a_connection_dropped_as_soon_as_it_is_accepted_alarms_once() -> None:
    """Accepted and dropped at once, every 20 s, with none of its instances heard: a live
    moment is no recovery. One alarm after a minute, none per instance, no busy timer."""
    clock = FakeClock(at(10))
    n = notifier(clock)
    n.set_server_names({1: "Matriz"})
    S = ListenerState
    names = [f"loja-{i}" for i in range(20)]
    shown: list[tuple[datetime, Notification]] = []

    def follow(found: list[Notification]) -> None:
        shown.extend((clock.moment, found_one) for found_one in found)
        due = n.next_due()
        assert due is None or due > clock.moment

    follow(n.handle_state(state(1, None, S.RETRYING, "the connection was lost")))
    for name in names:
        follow(n.handle_state(state(1, name, S.RETRYING, "the connection was lost")))
    for _ in range(30):  # ten minutes
        clock.advance(19.9)
        follow(n.tick())
        follow(n.handle_state(state(1, None, S.LIVE)))
        clock.advance(0.1)
        follow(n.handle_state(state(1, None, S.RETRYING, "the server closed the connection")))
    assert [(when, a.title, a.instance_ref) for when, a in shown] == [
        (at(10, 1), "Lost the live connection to Matriz", None)]
    # Back for real: its instances are heard. Lost again, it is a new episode.
    follow(n.handle_state(state(1, None, S.LIVE)))
    for name in names:
        follow(n.handle_state(state(1, name, S.LIVE)))
    follow(n.handle_state(state(1, None, S.RETRYING, "the connection was lost")))
    clock.advance(60)
    follow(n.tick())
    assert [a.title for _when, a in shown] == ["Lost the live connection to Matriz"] * 2


def test_an_instance_still_unheard_once_its_connection_is_back_alarms_a_minute_later() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock)
    S = ListenerState
    for name in (None, "loja-sp", "loja-rj"):
        n.handle_state(state(1, name, S.RETRYING, "connection refused"))
    clock.advance(90)
    assert [a.instance_ref for a in n.tick()] == [None]  # the connection's alarm only
    n.handle_state(state(1, None, S.LIVE))
    n.handle_state(state(1, "loja-rj", S.LIVE))
    clock.advance(59)
    assert n.tick() == []
    clock.advance(1)
    [unheard] = n.tick()
    assert (unheard.title, unheard.instance_ref) == ("Not hearing loja-sp", (1, "loja-sp"))


def test_a_connection_is_back_once_live_for_as_long_as_the_alarm_waits() -> None:
    clock = FakeClock(at(10))
    n = notifier(clock)
    S = ListenerState
    n.handle_state(state(1, None, S.RETRYING))
    clock.advance(30)
    assert n.handle_state(state(1, None, S.LIVE)) == []
    clock.advance(59)
    # Not heard from for 89 s: live for less than a minute, with no instance heard.
    [lost] = n.handle_state(state(1, None, S.RETRYING))
    assert lost.kind is K.RETRYING and lost.instance_ref is None
    n.handle_state(state(1, None, S.LIVE))
    assert n.next_due() == clock.moment + timedelta(seconds=60)
    clock.advance(60)
    assert n.tick() == [] and n.next_due() is None
    n.handle_state(state(1, None, S.RETRYING))
    clock.advance(59)
    assert n.tick() == []
    clock.advance(1)
    assert [a.kind for a in n.tick()] == [K.RETRYING]


def test_policy_round_trips_through_the_settings_file(tmp_path: Any) -> None:
    policy = NotificationPolicy(
        kinds={K.MESSAGE: False},
        instances={(3, "loja/sp"): InstanceRule(enabled=False, kinds={K.QR_CODE: True})},
        quiet_hours=QuietHours(time(22, 30), time(6, 15)),
        paused_until=at(11),
        rate_limit=45.0,
        burst=1.0,
    )
    path = tmp_path / "settings.json"
    save_settings(path, policy.to_settings(Settings()))
    assert NotificationPolicy.from_settings(load_settings(path)) == policy
    forever = NotificationPolicy(paused_indefinitely=True)
    assert NotificationPolicy.from_settings(forever.to_settings(Settings())) == forever
    assert NotificationPolicy.from_settings(Settings()) == NotificationPolicy()


def test_damaged_settings_fall_back_to_defaults(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(
        notification_rules={"types": {"message": "yes", "nonsense": False},
                            "instances": {"no-slash": {}, "x/y": {}, "1/ok": "bad"},
                            "rate_limit_seconds": -5, "burst_seconds": True},
        quiet_hours={"start": "25:99", "end": "07:00"},
        notifications_paused_until="next tuesday",
    )
    assert NotificationPolicy.from_settings(settings) == NotificationPolicy()
    assert "unreadable" in caplog.text


def test_text_carries_its_template_for_translation() -> None:
    shown = Notification(K.MESSAGE, Text("%1 on %2", ("Ana", "loja-sp")), Text("%1", ("oi",)),
                         (1, "loja-sp"), False)
    assert shown.title_text.template == "%1 on %2"
    assert (shown.title, shown.body) == ("Ana on loja-sp", "oi")


class _Source:
    def __init__(self) -> None:
        self.subscription: Subscription[Event] = Subscription(100, lambda _s: None)
        self.callbacks: list[Any] = []

    def subscribe(self, *, maxsize: int = 1000) -> Subscription[Event]:
        return self.subscription

    def on_state_changed(self, callback: Any) -> Any:
        self.callbacks.append(callback)
        return lambda: self.callbacks.remove(callback)


async def test_the_service_delivers_from_the_listener_and_wakes_when_due() -> None:
    shown: list[Notification] = []
    arrived = asyncio.Event()

    def deliver(notification: Notification) -> None:
        shown.append(notification)
        arrived.set()

    async def next_shown() -> Notification:
        count = len(shown)
        while len(shown) == count:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 5)
        return shown[count]

    # The burst window is released by the service's own timer: real time, briefly.
    n = Notifier(NotificationPolicy(burst=0.05, rate_limit=30.0), clock=SystemClock())
    service = NotificationService(n, deliver)
    source = _Source()
    service.attach(source)
    source.subscription.offer(text("hello"))
    assert (await next_shown()).body == "hello"
    source.callbacks[0](state(1, None, ListenerState.REFUSED, "bad key"))
    assert [s.kind for s in shown] == [K.MESSAGE, K.REFUSED]
    service.pause(timedelta(hours=1))
    source.subscription.offer(text("muted"))
    source.subscription.offer(event("logout.instance", None))
    logged_out = await next_shown()
    assert logged_out.kind == K.LOGGED_OUT and len(shown) == 3
    service.resume()
    assert shown[-1].kind == K.MISSED and shown[-1].count == 1
    await service.aclose()
    assert source.callbacks == []


async def test_a_flood_keeps_one_armed_timer_instead_of_one_per_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each event of a burst lands in the same group with the same due moment; re-arming
    per event would leave thousands of cancelled timers behind (qasync keeps them until
    their deadline) that then fire together and freeze the window."""
    loop = asyncio.get_running_loop()
    armed: list[float] = []
    real_call_later = loop.call_later

    def counting_call_later(delay: float, callback: Any, *args: Any) -> asyncio.TimerHandle:
        if getattr(callback, "__self__", None) is service:
            armed.append(delay)
        return real_call_later(delay, callback, *args)

    monkeypatch.setattr(loop, "call_later", counting_call_later)
    shown: list[Notification] = []
    released = asyncio.Event()

    def deliver(notification: Notification) -> None:
        shown.append(notification)
        released.set()

    n = Notifier(NotificationPolicy(burst=0.2, rate_limit=30.0), clock=SystemClock())
    service = NotificationService(n, deliver)
    source = _Source()
    service.attach(source)
    for number in range(100):  # as many as the subscription holds
        source.subscription.offer(text(f"message {number}"))
    await asyncio.wait_for(released.wait(), 5)
    assert len(shown) == 1 and shown[0].count == 100
    # One timer for the burst's due moment, one for the rate limit that follows it.
    assert 1 <= len(armed) <= 2, armed
    await service.aclose()
