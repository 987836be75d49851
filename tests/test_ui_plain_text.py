"""Text that servers choose (names, errors, versions, URLs) reaches tooltips and lists
as written, never as HTML, and without the secrets a URL may carry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from evodesk.domain.models import Instance, Server
from evodesk.domain.secrets import MASK, mask_url_secrets

CANARY = "CANARY-SECRET-123"
PWNED = "Error (HTTP 500): <h1 style='font-size:120px'>PWNED</h1>"


def test_urls_shown_to_people_hide_passwords_and_secret_parameters() -> None:
    assert mask_url_secrets(f"https://user:{CANARY}@h.example/x?token={CANARY}&a=1#f") == (
        f"https://user:{MASK}@h.example/x?token={MASK}&a=1#f"
    )
    assert mask_url_secrets(f"http://[::1]:8080/p?x-api-key={CANARY}&q=São") == (
        f"http://[::1]:8080/p?x-api-key={MASK}&q=São"
    )
    # An "@" in the password: the host starts after the last one.
    assert mask_url_secrets(f"https://bot:Pa55@{CANARY}@hooks.example/in") == (
        f"https://bot:{MASK}@hooks.example/in"
    )
    for kept in ("https://h.example/x?a=1&b=2", "https://user@h/x", "not a url",
                 "https://h/x?token=&a=1", "https://h/a@b:c"):
        assert mask_url_secrets(kept) == kept


def test_instance_tooltips_are_plain_text_and_hide_url_secrets(qapp: QApplication) -> None:
    from evodesk.ui.instance_model import Column, InstanceTableModel

    model = InstanceTableModel()
    model.set_instances([Instance(
        server_id=1, name="loja-sp", profile_name="<b>Loja</b> & Cia",
        webhook_enabled=True, webhook_url=f"https://u:{CANARY}@hook.example/in?token={CANARY}",
        last_error=PWNED,
    )], {1: "Main"})

    def tip(column: Column) -> str:
        value = model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole)
        assert isinstance(value, str)
        return value

    attention = tip(Column.ATTENTION)
    assert "&lt;h1" in attention and "<h1" not in attention  # escaped, shown as written
    assert "&lt;b&gt;Loja&lt;/b&gt; &amp; Cia" in tip(Column.INSTANCE)
    delivery = tip(Column.MODE)
    assert CANARY not in delivery and MASK in delivery


def test_server_list_hides_url_passwords_and_shows_errors_as_text(qapp: QApplication) -> None:
    from datetime import UTC, datetime

    from evodesk.ui.servers_dialog import ServerListModel

    model = ServerListModel()
    model.set_servers([Server(
        id=1, name="Main", base_url=f"https://admin:{CANARY}@evo.example.com",
        version="2.3.0<h1>x</h1>", last_check_at=datetime.now(UTC), last_check_error=PWNED,
    )])
    index = model.index(0)
    shown = model.data(index, Qt.ItemDataRole.DisplayRole)
    assert shown == f"Main — https://admin:{MASK}@evo.example.com"
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str) and "&lt;h1" in tip and "<h1" not in tip
