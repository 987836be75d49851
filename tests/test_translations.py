"""The translation catalogues: the Portuguese one complete and in step with the code, both
compiled by lrelease, and the Portuguese build of the window free of English."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTreeWidget,
    QWidget,
)

from tests.tools import i18n_check
from tests.tools.i18n_check import MESSAGES, NOTIFICATIONS, Message, read_ts

PT_BR = i18n_check.I18N / "evodesk_pt_BR.ts"
EN = i18n_check.I18N / "evodesk_en.ts"


@pytest.fixture(scope="module")
def code_messages(tmp_path_factory: pytest.TempPathFactory) -> list[Message]:
    return i18n_check.lupdate_messages(tmp_path_factory.mktemp("lupdate"))


def compile_catalogue(
    catalogue: Path, out_dir: Path
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    qm = out_dir / f"{catalogue.stem}.qm"
    done = subprocess.run(
        [i18n_check.qt_tool("pyside6-lrelease"), str(catalogue), "-qm", str(qm)],
        capture_output=True, text=True, check=False, timeout=60,
    )
    return qm, done


# --- (a) complete and current -----------------------------------------------------------


def test_portuguese_catalogue_is_complete_and_up_to_date(code_messages: list[Message]) -> None:
    report = i18n_check.check(PT_BR, code_messages)
    assert report.ok, "\n".join(report.lines())
    contexts = {m.context for m in read_ts(PT_BR)}
    assert {MESSAGES, NOTIFICATIONS, "evodesk.texts", "EventSummary", "evodesk.app"} <= contexts
    assert "" not in contexts  # helper strings sit in the context they are looked up in


def test_english_catalogue_holds_the_same_strings_untranslated(
    code_messages: list[Message],
) -> None:
    report = i18n_check.check(EN, code_messages)
    assert report.ok, "\n".join(report.lines())
    english = read_ts(EN)
    assert {m.key for m in english} == {m.key for m in read_ts(PT_BR)}
    assert [m for m in english if m.translation != m.source] == []


def test_the_checker_finds_each_kind_of_problem(
    tmp_path: Path, code_messages: list[Message]
) -> None:
    messages = read_ts(PT_BR)
    by_key = {m.key: i for i, m in enumerate(messages)}
    dropped = ("EventSummary", "QR code updated")
    assert dropped in {m.key for m in code_messages}
    unfinished = ("ConfigDialog", "Configure %1")
    wrong_placeholder = ("EventsWindow", "%1 of %2 rows shown")
    notification = (NOTIFICATIONS, "%1 disconnected from WhatsApp")
    same = ("MainWindow", "Sync finished.")
    messages[by_key[unfinished]] = replace(messages[by_key[unfinished]], kind="unfinished")
    messages[by_key[same]] = replace(messages[by_key[same]], translation="Sync finished.")
    messages[by_key[wrong_placeholder]] = replace(
        messages[by_key[wrong_placeholder]], translation="%1 de %3 linhas")
    messages.append(Message("MainWindow", "A string the code no longer has", "Texto antigo"))
    broken = [m for m in messages if m.key not in (dropped, notification)]
    path = tmp_path / "evodesk_pt_BR.ts"
    i18n_check.write_ts(path, "pt_BR", broken)

    report = i18n_check.check(path, code_messages)
    assert not report.ok
    assert report.unfinished == [unfinished]
    assert report.untranslated == [same]
    assert [(c, s) for c, s, _ in report.placeholders] == [wrong_placeholder]
    assert set(report.missing) == {dropped, notification}
    assert report.stale == [("MainWindow", "A string the code no longer has")]


def test_update_keeps_translations_and_adds_new_strings_unfinished(
    tmp_path: Path, code_messages: list[Message]
) -> None:
    path = tmp_path / "evodesk_pt_BR.ts"
    new = ("ConfigDialog", "Apply events")
    kept = [m for m in read_ts(PT_BR) if m.key != new]
    i18n_check.write_ts(path, "pt_BR", kept)
    added = i18n_check.update(path, code_messages)
    assert [m.key for m in added] == [new]
    after = {m.key: m for m in read_ts(path)}
    assert after[new].kind == "unfinished"
    assert {k: m.translation for k, m in after.items() if k != new} == {
        m.key: m.translation for m in kept}


def test_service_sentences_are_found_in_the_code() -> None:
    sentences = i18n_check.message_sentences()
    assert "Webhook enabled." in sentences
    assert "WebSocket was disabled." in sentences  # appended with a leading space
    assert "Restart the instance now to apply it." in sentences  # second of two
    assert "Check the URL and port, and that the server is running." in sentences  # f-string
    assert not [s for s in sentences if "\x00" in s or s != s.strip()]
    templates = i18n_check.notification_templates()
    assert "Latest from %1: %2" in templates


# --- (b) lrelease --------------------------------------------------------------------


@pytest.mark.parametrize("catalogue", [PT_BR, EN], ids=["pt_BR", "en"])
def test_lrelease_compiles_every_message(catalogue: Path, tmp_path: Path) -> None:
    qm, done = compile_catalogue(catalogue, tmp_path)
    assert done.returncode == 0, done.stderr
    count = len(read_ts(catalogue))
    assert f"Generated {count} translation(s) ({count} finished and 0 unfinished)" in done.stdout
    assert "Ignored" not in done.stdout + done.stderr
    assert qm.stat().st_size > 0
    translator = QTranslator()
    assert translator.load(str(qm))
    wrong = [(m.context, m.source) for m in read_ts(catalogue)
             if translator.translate(m.context, m.source) != m.translation]
    assert wrong == []


# --- (c) the Portuguese build shows no English ---------------------------------------------


def _lines(text: str) -> list[str]:
    return [text, *text.splitlines()] if text else []


def _model_texts(view: QAbstractItemView) -> Iterable[str]:
    model = view.model()
    if model is None:
        return
    for section in range(model.columnCount()):
        yield str(model.headerData(section, Qt.Orientation.Horizontal) or "")
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            yield str(model.index(row, column).data() or "")


def visible_texts(top: QWidget) -> list[str]:
    """What a person can read in a window: titles, labels, buttons, placeholders, list
    entries, table headers and cells, tooltips."""
    texts = _lines(top.windowTitle())
    if isinstance(top, QMainWindow):
        texts += _lines(top.statusBar().currentMessage())
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        texts += _lines(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts += _lines(widget.text())
        elif isinstance(widget, QGroupBox):
            texts += _lines(widget.title())
        elif isinstance(widget, QLineEdit):
            texts += _lines(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTreeWidget):
            texts += [widget.headerItem().text(c) for c in range(widget.columnCount())]
            items = (widget.topLevelItem(i) for i in range(widget.topLevelItemCount()))
            texts += [item.text(0) for item in items if item is not None]
        elif isinstance(widget, QAbstractItemView):
            texts += list(_model_texts(widget))
    return [t.strip() for t in texts if t.strip()]


def english_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """English sources as whole-text patterns, without the words that are the same in
    both languages (Webhook, WebSocket, Base64, URL...)."""
    patterns = []
    for message in read_ts(PT_BR):
        if i18n_check.may_stay_english(message.source):
            continue
        parts = re.split(r"%\d+", message.source.strip())
        patterns.append((message.source, re.compile(".+".join(map(re.escape, parts)))))
    return patterns


def english_left(texts: Iterable[str]) -> list[tuple[str, str]]:
    patterns = english_patterns()
    return sorted({(text, source) for text in texts for source, pattern in patterns
                   if pattern.fullmatch(text)})


@pytest.mark.gui
async def test_portuguese_build_shows_no_english(tmp_path: Path, qtbot: object) -> None:
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore
    from evodesk.sandbox import Sandbox
    from evodesk.services.app import AppServices
    from evodesk.services.instances import InstanceRef
    from evodesk.services.notifications import Notification, NotificationKind, Text
    from evodesk.ui.config_dialog import ConfigDialog
    from evodesk.ui.config_presenter import ConfigPresenter
    from evodesk.ui.main_window import MainWindow
    from evodesk.ui.texts import translate_message
    from evodesk.ui.tray import notification_texts
    from tests.support.qt import expect, next_emission

    qm, done = compile_catalogue(PT_BR, tmp_path)
    assert done.returncode == 0, done.stderr
    app = QApplication.instance()
    assert app is not None
    translator = QTranslator()
    assert translator.load(str(qm))
    assert app.installTranslator(translator)
    try:
        async with Sandbox(api_key="pt-key-0001", instances=["loja-sp"]) as sandbox:
            services = await AppServices.open(resolve_paths(tmp_path / "d"),
                                              secrets=MemorySecretStore(), listen=True)
            try:
                await services.servers.add("Matriz", sandbox.url, sandbox.api_key)
                await services.sync.sync_all()

                window = MainWindow(services)
                qtbot.addWidget(window)  # type: ignore[attr-defined]
                window.show()
                loaded = expect(window.instances_loaded)
                window.reload()
                (count,) = await loaded
                assert count == 1
                shown = visible_texts(window)

                presenter = ConfigPresenter(services, InstanceRef("loja-sp", "Matriz"))
                dialog = ConfigDialog(presenter)
                qtbot.addWidget(dialog)  # type: ignore[attr-defined]
                presenter.setParent(dialog)
                dialog.show()
                presenter.load()
                await next_emission(presenter.state_loaded)
                shown += visible_texts(dialog)
                dialog.webhook_toggle.click()  # no URL yet: opens the form, sends nothing
                assert dialog.webhook_details.isVisible()
                shown += visible_texts(dialog)

                assert english_left(shown) == []
                # The texts were really read, in Portuguese.
                for expected in ("Sincronizar", "Servidores", "Instância", "Entrega",
                                 "Eventos", "Configurar Matriz/loja-sp", "Cabeçalhos",
                                 "Mídia em base64 (recomendado)", "Ativar webhook"):
                    assert expected in shown, expected
                assert dialog.status_panel.text().startswith("Nenhuma entrega ativa")

                assert translate_message("Webhook enabled. WebSocket was disabled.") == (
                    "Webhook ativado. O WebSocket foi desativado.")
                assert translate_message(
                    "Enabling the webhook failed: The server refused the API key. "
                    "The previous mode was put back.") == (
                    "Falha ao ativar o webhook: o servidor recusou a chave de API. "
                    "O modo anterior foi restaurado.")
                notification = Notification(
                    NotificationKind.MESSAGE, Text("%1 new messages on %2", ("3", "loja-sp")),
                    Text("Latest from %1: %2", ("Ana", "Oi")), (1, "loja-sp"), False, 3)
                assert notification_texts(notification) == (
                    "3 mensagens novas em loja-sp", "Última de Ana: Oi")
                dialog.close()
                window.close()
            finally:
                await services.aclose()
    finally:
        assert app.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Sync") == "Sync"
    assert translate_message("Webhook enabled.") == "Webhook enabled."


@pytest.fixture
def portuguese(tmp_path: Path) -> Iterable[None]:
    qm, done = compile_catalogue(PT_BR, tmp_path)
    assert done.returncode == 0, done.stderr
    app = QCoreApplication.instance()
    assert app is not None
    translator = QTranslator()
    assert translator.load(str(qm))
    assert app.installTranslator(translator)
    yield
    assert app.removeTranslator(translator)


def test_messages_without_text_are_named_in_portuguese_in_the_list_and_notifications(
    portuguese: None, qtbot: object
) -> None:
    from datetime import UTC, datetime

    from evodesk.domain.models import Event
    from evodesk.services.notifications import (
        Notification,
        NotificationKind,
        Text,
        incoming_messages,
    )
    from evodesk.ui.event_summary import summarize
    from evodesk.ui.tray import notification_texts

    def upsert(message: dict[str, object]) -> dict[str, object]:
        return {"data": {"pushName": "Carla Mendes", "message": message,
                         "key": {"remoteJid": "5511@s.whatsapp.net", "fromMe": False}}}

    assert summarize("messages.upsert", upsert({"imageMessage": {"caption": "foto"}})) == (
        "Carla Mendes: [imagem] foto")
    assert summarize("messages.upsert", upsert({"audioMessage": {}})) == (
        "Carla Mendes: [áudio]")
    assert summarize("messages.upsert", upsert({"documentMessage": {
        "fileName": "boleto.pdf"}})) == "Carla Mendes: [documento] boleto.pdf"
    # A kind evodesk does not know keeps the payload's name.
    assert summarize("messages.upsert", upsert({"novelMessage": {}})) == "Carla Mendes: [novel]"

    def notified(message: dict[str, object]) -> tuple[str, str]:
        event = Event(server_id=1, instance="loja-sp", wire_event="messages.upsert",
                      received_at=datetime.now(UTC), payload=upsert(message),
                      duplicate_key="k")
        [(sender, preview)] = incoming_messages(event)
        return notification_texts(Notification(
            NotificationKind.MESSAGE, Text("%1 new messages on %2", ("2", "loja-sp")),
            Text("Latest from %1: %2", (sender, preview)), (1, "loja-sp"), False, 2))

    assert notified({"stickerMessage": {}})[1] == "Última de Carla Mendes: [figurinha]"
    assert notified({"videoMessage": {}})[1] == "Última de Carla Mendes: [vídeo]"
    assert notified({"protocolMessage": {}})[1] == "Última de Carla Mendes: [mensagem]"
    assert notified({"conversation": "Oi, [foto]"})[1] == "Última de Carla Mendes: Oi, [foto]"
    assert notified({"ptvMessage": {}})[1] == "Última de Carla Mendes: [vídeo]"  # a video note
    # What people wrote stays as written, even when it reads like evodesk's words.
    assert notified({"conversation": "[image]"})[1] == "Última de Carla Mendes: [image]"


def test_messages_with_names_and_urls_are_translated_around_them(
    portuguese: None, qtbot: object
) -> None:
    from evodesk.domain.errors import ServerUnreachable, UnknownInstance
    from evodesk.domain.validation import validate_http_url
    from evodesk.ui.texts import translate_message

    assert translate_message(str(UnknownInstance("Loja Centro"))) == (
        "A instância 'Loja Centro' não existe neste servidor.")
    # The part that is a term has an entry of its own.
    with pytest.raises(Exception) as caught:
        validate_http_url("", what="server name")
    assert translate_message(str(caught.value)) == "Preencha o campo nome do servidor."
    unreachable = ServerUnreachable(
        "The server at https://evo.example.com:8443 refused the connection. "
        "Check the URL and port, and that the server is running.")
    assert translate_message(str(unreachable)).startswith(
        "O servidor em https://evo.example.com:8443 recusou a conexão. ")
    # A message inside a message: each translated, the names kept.
    nested = ("Enabling the websocket failed: Instance 'loja-sp' does not exist on this "
              "server. The previous mode was put back.")
    assert translate_message(nested) == (
        "Falha ao ativar o websocket: A instância 'loja-sp' não existe neste servidor. "
        "O modo anterior foi restaurado.")
    # An action named inside a sentence is translated too.
    assert translate_message(
        "The server could not restart instance 'loja-sp': it reported a failure.") == (
        "O servidor não conseguiu reiniciar a instância 'loja-sp': it reported a failure.")
    # Text that matches no entry and no template is left exactly as it was.
    assert translate_message("loja-sp <b>oi</b>") == "loja-sp <b>oi</b>"


def test_sync_summary_in_portuguese_names_the_same_facts_as_the_cli(
    portuguese: None, qtbot: object
) -> None:
    from evodesk.services.sync import SyncSummary
    from evodesk.ui.main_window import MainWindow

    summary = SyncSummary(
        server="Matriz", total=3, added=("loja-bh",), vanished=("loja-rj",),
        changed={"loja-sp": ("webhook_enabled",)}, conflicts=("loja-sp",),
        failed={"loja-mg": "Instance 'loja-mg' does not exist on this server."}, seconds=0.4)
    lines = MainWindow._summary_lines(None, summary)  # type: ignore[arg-type]
    assert lines == [
        "Matriz: 3 instância(s) em 0,4 s",
        "  novas: loja-bh",
        "  não estão mais no servidor (mantidas aqui): loja-rj",
        "  alterada loja-sp: webhook ativado/desativado",
        "  CONFLITO (webhook e websocket ativos ao mesmo tempo): loja-sp",
        "  não foi possível ler loja-mg: A instância 'loja-mg' não existe neste servidor.",
    ]
    assert len(lines) == len(summary.lines())
    assert summary.lines()[0] == "Matriz: 3 instance(s) in 0.4 s"
    assert MainWindow._summary_lines(None, SyncSummary(server="Matriz"))[1] == (  # type: ignore[arg-type]
        "  sem alterações")


def test_a_long_sync_summary_names_a_few_and_counts_the_rest_in_portuguese(
    portuguese: None, qtbot: object
) -> None:
    from evodesk.services.sync import SyncSummary
    from evodesk.ui.main_window import SUMMARY_LIMIT, MainWindow

    names = tuple(f"loja-{i:03d}" for i in range(SUMMARY_LIMIT + 40))
    summary = SyncSummary(
        server="Matriz", total=len(names), added=names, returned=names, vanished=names,
        changed={name: ("webhook_enabled",) for name in names}, conflicts=names,
        failed={name: "Instance 'x' does not exist on this server." for name in names},
        seconds=1)
    lines = MainWindow._summary_lines(None, summary)  # type: ignore[arg-type]
    first = ", ".join(names[:SUMMARY_LIMIT])
    assert lines[1:4] == [f"  novas: {first} …e mais 40",
                          f"  de volta ao servidor: {first} …e mais 40",
                          f"  não estão mais no servidor (mantidas aqui): {first} …e mais 40"]
    assert lines[4 + SUMMARY_LIMIT:] == [
        "  …e mais 40 alteradas",
        f"  CONFLITO (webhook e websocket ativos ao mesmo tempo): {first} …e mais 40",
        *[f"  não foi possível ler {name}: A instância 'x' não existe neste servidor."
          for name in names[:SUMMARY_LIMIT]],
        "  …e mais 40 não puderam ser lidas",
    ]
    # The command line still lists every one.
    assert len(summary.lines()) == 1 + 3 + 2 * len(names) + 1


def test_sync_summary_names_every_change_in_words_in_both_languages(
    portuguese: None, qtbot: object
) -> None:
    from evodesk.domain.models import ConnectionState, Instance
    from evodesk.services.sync import SyncSummary, _summarise
    from evodesk.ui.main_window import MainWindow

    # Every field a sync compares, changed at once.
    before = Instance(server_id=1, name="loja-sp")
    after = replace(before, connection_state=ConnectionState.OPEN, webhook_enabled=True,
                    websocket_enabled=True, webhook_url="https://hook.example/in",
                    webhook_base64=True, webhook_by_events=True, conflict=True)
    summary = replace(_summarise("Matriz", {"loja-sp": before}, [(after, None)], [], 12.25),
                      conflicts=())
    assert summary.lines() == [
        "Matriz: 1 instance(s) in 12.2 s",
        "  changed loja-sp: WhatsApp connection, webhook on/off, WebSocket on/off, "
        "webhook URL, webhook base64, webhook byEvents, conflict",
    ]
    assert MainWindow._summary_lines(None, summary) == [  # type: ignore[arg-type]
        "Matriz: 1 instância(s) em 12,2 s",
        "  alterada loja-sp: conexão do WhatsApp, webhook ativado/desativado, WebSocket "
        "ativado/desativado, URL do webhook, base64 do webhook, byEvents do webhook, conflito",
    ]
    two = SyncSummary(server="Matriz", changed={"loja-rj": ("webhook_url", "webhook_base64")},
                      seconds=3)
    assert two.lines()[1] == "  changed loja-rj: webhook URL, webhook base64"
    assert MainWindow._summary_lines(None, two) == [  # type: ignore[arg-type]
        "Matriz: 0 instância(s) em 3,0 s", "  alterada loja-rj: URL do webhook, base64 do webhook"]


def test_server_failures_are_translated_with_status_and_reason_kept(
    portuguese: None, qtbot: object
) -> None:
    from evodesk.ui.texts import translate_message

    assert translate_message("The server failed while handling the request (HTTP 500).") == (
        "O servidor falhou ao processar a solicitação (HTTP 500).")
    assert translate_message(
        "The server failed while handling the request (HTTP 502): Bad gateway. Try later.") == (
        "O servidor falhou ao processar a solicitação (HTTP 502): Bad gateway. Try later.")
    assert translate_message("The server answered HTTP 418.") == "O servidor respondeu HTTP 418."
    # A reason that is itself a message is translated too.
    assert translate_message(
        "The server answered HTTP 409: Instance 'loja-sp' is restarting.") == (
        "O servidor respondeu HTTP 409: A instância 'loja-sp' está reiniciando.")


def test_webhook_test_results_are_translated_with_the_url_masked(
    portuguese: None, qtbot: object
) -> None:
    from evodesk.services.webhook_probe import Failure, WebhookProbe
    from evodesk.ui.config_dialog import probe_text

    url = "https://hook.example/in?token=s3cr3t-value"
    shown = "https://hook.example/in?token=••••••"
    retry = " Evolution would retry."
    de_novo = " A Evolution tentaria de novo."

    def failed(failure: Failure, status: int | None = None) -> WebhookProbe:
        return WebhookProbe(url, status, 20.0, True, failure=failure)

    cases = [
        (WebhookProbe(url, 200, 35.6, False),
         f"{shown} accepted the test event: HTTP 200 in 36 ms.",
         f"{shown} aceitou o evento de teste: HTTP 200 em 36 ms."),
        (WebhookProbe(url, 404, 36.0, False),
         f"{shown} refused the test event: HTTP 404 in 36 ms. Evolution would not retry "
         "this status.",
         f"{shown} recusou o evento de teste: HTTP 404 em 36 ms. A Evolution não tentaria "
         "de novo com este status."),
        (WebhookProbe(url, 503, 12.0, True),
         f"{shown} refused the test event: HTTP 503 in 12 ms. Evolution would retry this "
         "status (up to 10 times, so slow or failing receivers get duplicates).",
         f"{shown} recusou o evento de teste: HTTP 503 em 12 ms. A Evolution tentaria de "
         "novo com este status (até 10 vezes; receptores lentos ou com falha recebem "
         "duplicados)."),
        (WebhookProbe(url, None, 10_000.0, True, timeout=10.0, failure=Failure.TIMED_OUT),
         f"No answer from {shown}: no answer within 10 s." + retry,
         f"Sem resposta de {shown} em até 10 s." + de_novo),
        (failed(Failure.CERTIFICATE),
         f"No answer from {shown}: certificate check failed." + retry,
         f"Sem resposta de {shown}: a verificação do certificado falhou." + de_novo),
        # Each reason in words of its own, never the HTTP client's.
        (failed(Failure.REFUSED),
         f"No answer from {shown}: the connection was refused." + retry,
         f"Sem resposta de {shown}: a conexão foi recusada." + de_novo),
        (failed(Failure.HOST_NOT_FOUND),
         f"No answer from {shown}: its host name was not found." + retry,
         f"Sem resposta de {shown}: o nome do host não foi encontrado." + de_novo),
        (failed(Failure.UNREACHABLE),
         f"No answer from {shown}: could not connect to it." + retry,
         f"Sem resposta de {shown}: não foi possível conectar." + de_novo),
        (failed(Failure.TLS),
         f"No answer from {shown}: the secure connection (TLS) could not be set up." + retry,
         f"Sem resposta de {shown}: não foi possível estabelecer a conexão segura (TLS)."
         + de_novo),
        (failed(Failure.NOT_HTTP),
         f"{shown} answered something that is not HTTP." + retry,
         f"{shown} respondeu algo que não é HTTP." + de_novo),
        (failed(Failure.CLOSED),
         f"No answer from {shown}: it closed the connection without answering." + retry,
         f"Sem resposta de {shown}: a conexão foi encerrada sem resposta." + de_novo),
        (failed(Failure.CUT_SHORT, 200),
         f"{shown} answered HTTP 200 but closed the connection before the whole answer "
         "arrived." + retry,
         f"{shown} respondeu HTTP 200, mas encerrou a conexão antes de a resposta chegar "
         "inteira." + de_novo),
        (failed(Failure.OTHER),
         f"No answer from {shown}: the request failed." + retry,
         f"Sem resposta de {shown}: a requisição falhou." + de_novo),
    ]
    for probe, english, portuguese_text in cases:
        assert probe.describe() == english
        assert probe_text(probe) == portuguese_text


@pytest.mark.gui
async def test_a_refusal_notification_gives_its_reason_in_portuguese(
    portuguese: None, qtbot: object, tmp_path: Path
) -> None:
    # The listener's reasons are the services' messages: the tray's notification (and
    # the window's banner without a tray) shows them in the interface language.
    from evodesk.infra.paths import resolve_paths
    from evodesk.infra.secrets import MemorySecretStore
    from evodesk.sandbox import Sandbox
    from evodesk.services.app import AppServices
    from evodesk.services.instances import InstanceRef
    from evodesk.ui.tray import notification_texts
    from evodesk.ui.tray_presenter import TrayPresenter
    from tests.support.qt import expect

    async with Sandbox(api_key="pt-key-0002", instances=["loja,rj"]) as sandbox:
        services = await AppServices.open(resolve_paths(tmp_path / "d"),
                                          secrets=MemorySecretStore(), listen=True)
        presenter = TrayPresenter(services)
        try:
            await services.servers.add("Matriz", sandbox.url, sandbox.api_key)
            await services.sync.sync_all()
            presenter.start()
            notified = expect(presenter.notified, timeout=30)
            await services.manager.enable_websocket(InstanceRef("loja,rj", "Matriz"), [],
                                                    all_events=True)
            (notification,) = await notified
            assert notification_texts(notification) == (
                "Não foi possível receber eventos de loja,rj",
                "Este nome de instância não pode ser usado como namespace do Socket.IO.")
        finally:
            await presenter.aclose()
            await services.aclose()
