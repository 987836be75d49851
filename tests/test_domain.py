"""Pure domain rules: the event catalogue, validation and masking."""

from __future__ import annotations

import pytest

from evodesk.domain import events, rules
from evodesk.domain.errors import InvalidInput
from evodesk.domain.models import ConnectionState, DeliveryMode, Instance
from evodesk.domain.secrets import MASK, mask_secrets
from evodesk.domain.text import printable
from evodesk.domain.validation import (
    is_plain_http_to_remote,
    normalize_server_url,
    validate_http_url,
    validate_name,
)


def test_catalogue_sizes_per_version() -> None:
    assert len(events.catalogue_for("2.3.6")) == 31
    assert len(events.catalogue_for("2.3.7")) == 31
    assert len(events.catalogue_for("2.4.0-rc2")) == 32
    assert "MESSAGING_HISTORY_SET" in events.catalogue_for("2.4.0")
    assert len(events.catalogue_for("2.2.3")) == 27
    assert "STATUS_INSTANCE" not in events.catalogue_for("2.2.3")
    assert len(events.catalogue_for("1.8.2")) == 26
    assert "NEW_JWT_TOKEN" in events.catalogue_for("1.8.2")
    assert events.catalogue_for(None) == events.EVENTS_2_3


def test_catalogue_order_matches_the_servers_enum_message() -> None:
    # 26_webhook_set_bad_event.json lists the enum in the server's order.
    import json
    from pathlib import Path

    capture = json.loads(
        (Path(__file__).resolve().parents[2] / "shared/fixtures/evolution-2.3.6/"
         "26_webhook_set_bad_event.json").read_text()
    )
    message = capture["response"]["body"]["response"]["message"][0][0]
    assert message.split(": ", 1)[1].split(",") == list(events.EVENTS_2_3)


@pytest.mark.parametrize(
    ("config", "wire"),
    [
        ("MESSAGES_UPSERT", "messages.upsert"),
        ("CONNECTION_UPDATE", "connection.update"),
        ("QRCODE_UPDATED", "qrcode.updated"),
        ("SEND_MESSAGE", "send.message"),
        ("GROUP_PARTICIPANTS_UPDATE", "group-participants.update"),
        ("LOGOUT_INSTANCE", "logout.instance"),
        ("TYPEBOT_CHANGE_STATUS", "typebot.change-status"),
    ],
)
def test_wire_and_config_names_map_both_ways(config: str, wire: str) -> None:
    assert events.wire_name(config) == wire
    assert events.config_name(wire) == config


def test_every_catalogue_name_round_trips() -> None:
    for name in set(events.EVENTS_2_4) | set(events.EVENTS_1_8):
        assert events.config_name(events.wire_name(name)) == name


def test_the_by_events_url_is_joined_as_evolution_joins_it() -> None:
    assert rules.effective_webhook_url("https://h/in", True, "MESSAGES_UPSERT") \
        == "https://h/in/messages-upsert"
    # Evolution does not trim the slash: a test POST elsewhere could pass while its own fail.
    assert rules.effective_webhook_url("https://h/in/", True, "MESSAGES_UPSERT") \
        == "https://h/in//messages-upsert"
    assert rules.effective_webhook_url("https://h/in/", False, "MESSAGES_UPSERT") \
        == "https://h/in/"


def test_by_events_suffix_uses_dashes() -> None:
    assert events.by_events_suffix("MESSAGES_UPSERT") == "messages-upsert"
    assert events.by_events_suffix("group-participants.update") == "group-participants-update"


def test_unknown_events_are_listed() -> None:
    assert events.unknown_events(["MESSAGES_UPSERT", "NOPE"], "2.3.6") == ["NOPE"]
    assert events.unknown_events(["STATUS_INSTANCE"], "2.2.0") == ["STATUS_INSTANCE"]


def test_parse_version_tolerates_odd_strings() -> None:
    assert events.parse_version("2.4.0-rc2") == (2, 4)
    assert events.parse_version("v1.8.2") == (1, 8)
    assert events.parse_version("garbage") == (0, 0)
    assert events.parse_version(None) == (0, 0)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty"),
        ("evo.example.com", "http:// or https://"),
        ("ftp://evo.example.com", "http:// or https://"),
        ("http://evo example.com", "spaces"),
        ("https://", "no host"),
        ("http://host:99999", "invalid port"),
        ("https://[::1", "invalid host name"),  # urlsplit raises ValueError on these
        ("https://[zz]/", "invalid host name"),
    ],
)
def test_bad_urls_are_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        validate_http_url(url)


def test_good_urls_pass_and_server_urls_are_normalised() -> None:
    assert validate_http_url(" https://hooks.example.com/x ") == "https://hooks.example.com/x"
    assert normalize_server_url("http://127.0.0.1:8080/") == "http://127.0.0.1:8080"
    with pytest.raises(InvalidInput):
        normalize_server_url("http://host/?apikey=1")
    assert normalize_server_url("http://[::1]:8080/evo/") == "http://[::1]:8080/evo"
    # An empty query or fragment would swallow every path added after it.
    for url in ("http://host:8080/#", "http://host:8080/?", "http://host:8080?#",
                "http://host:8080#"):
        assert normalize_server_url(url) == "http://host:8080"
    assert normalize_server_url("https://host/evo/?") == "https://host/evo"
    # A password in the URL would be stored, shown and sent as it is.
    for url in ("http://proxyuser:CANARY-SECRET-123@host", "https://user@host/evo"):
        with pytest.raises(InvalidInput, match="must not contain a user name or password"):
            normalize_server_url(url)


def test_plain_http_warning_only_for_remote_hosts() -> None:
    assert is_plain_http_to_remote("http://evo.example.com")
    assert not is_plain_http_to_remote("http://127.0.0.1:8080")
    assert not is_plain_http_to_remote("https://evo.example.com")


def test_names_are_checked() -> None:
    assert validate_name(" loja-sp ") == "loja-sp"
    with pytest.raises(InvalidInput):
        validate_name("a/b")
    with pytest.raises(InvalidInput):
        validate_name("")


def test_mask_secrets_masks_nested_keys_and_keeps_the_rest() -> None:
    payload = {
        "event": "messages.upsert",
        "apikey": "C8482587-TOKEN",
        "data": {"key": {"id": "ABC"}, "headers": {"Authorization": "Bearer x"}},
        "list": [{"token": "t"}],
        "empty": {"apikey": None},
    }
    masked = mask_secrets(payload)
    assert masked["apikey"] == MASK
    assert masked["data"]["headers"]["Authorization"] == MASK
    assert masked["list"][0]["token"] == MASK
    assert masked["data"]["key"]["id"] == "ABC"
    assert masked["empty"]["apikey"] is None
    assert payload["apikey"] == "C8482587-TOKEN"


def test_instance_mode_and_connection_parse() -> None:
    base = Instance(server_id=1, name="a")
    assert base.mode is DeliveryMode.NONE
    assert Instance(server_id=1, name="a", webhook_enabled=True).mode is DeliveryMode.WEBHOOK
    assert Instance(server_id=1, name="a", websocket_enabled=True).mode is DeliveryMode.WEBSOCKET
    both = Instance(server_id=1, name="a", webhook_enabled=True, websocket_enabled=True)
    assert both.mode is DeliveryMode.NONE
    assert ConnectionState.parse("OPEN") is ConnectionState.OPEN
    assert ConnectionState.parse("weird") is ConnectionState.UNKNOWN


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable("evil\x1b[2J\r\nok\t\x7f\x85") == "evil\\x1b[2J\\r\\nok\\t\\x7f\\x85"
    assert printable("txt\u202egnp.exe") == "txt\\u202egnp.exe"
    assert printable("loja-sp é 😀 ação") == "loja-sp é 😀 ação"
