"""The configuration dialog of one instance: linked webhook / websocket toggles, base64
under the webhook, the shared event picker, and a status panel that tells the truth."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from evodesk.domain.errors import InvalidInput
from evodesk.domain.models import DeliveryMode, ListenerState, WebhookConfig
from evodesk.domain.rules import effective_webhook_url
from evodesk.domain.secrets import mask_url_secrets
from evodesk.domain.validation import validate_http_url
from evodesk.services.status import ChangeOutcome, InstanceStatus
from evodesk.services.webhook_probe import WebhookProbe
from evodesk.ui.config_presenter import ConfigPresenter
from evodesk.ui.event_picker import EventPicker
from evodesk.ui.headers_editor import HeadersEditor
from evodesk.ui.live_state import LiveState
from evodesk.ui.texts import (
    live_reason,
    live_text,
    plain_tooltip,
    status_text,
    translate_message,
)
from evodesk.ui.theme import Tone, tone_style
from evodesk.ui.widgets import Banner, ToggleSwitch

# The longest webhook URL the form holds (Qt's limit is 2^31 - 1).
URL_MAX_LENGTH = 1 << 20
# The size the dialog opens at where the screen has room: both columns at ease.
PREFERRED_SIZE = QSize(860, 560)

class _Title(QLabel):
    """"instance · server" in one line as wide as the dialog: a long instance name loses
    its middle (the tooltip has it whole), so that the server stays in view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # names come from the server
        # As wide as the layout makes it, not as wide as the names would have it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._names = ("", "")

    def set_names(self, instance: str, server: str) -> None:
        self._names = (instance, server)
        self.setToolTip(plain_tooltip(f"{instance} · {server}") or "")
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        instance, server = self._names
        if not instance and not server:
            return
        metrics = self.fontMetrics()
        width = self.contentsRect().width()
        # The server takes at most half; the instance name what is left.
        tail = metrics.elidedText(f" · {server}", Qt.TextElideMode.ElideRight, width // 2)
        head = metrics.elidedText(instance, Qt.TextElideMode.ElideMiddle,
                                  max(width - metrics.horizontalAdvance(tail), 0))
        self.setText(head + tail)


class ConfigDialog(QDialog):
    closed = Signal()

    def __init__(self, presenter: ConfigPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.status: InstanceStatus | None = None
        self._live: LiveState | None = None
        self._picker_dirty = False
        # The webhook form is shown while its toggle is off: a webhook being filled in,
        # or one the server refused, so that what was typed can be corrected.
        self._webhook_draft = False
        self.setWindowTitle(self.tr("Configure %1").replace("%1", str(presenter.ref)))
        self._build()
        self._fit_to_screen()
        presenter.state_loaded.connect(self._on_presenter_state_loaded)
        presenter.busy_changed.connect(self._on_presenter_busy_changed)
        presenter.change_succeeded.connect(self._on_presenter_change_succeeded)
        presenter.change_failed.connect(self._on_presenter_change_failed)
        presenter.probe_finished.connect(self._on_presenter_probe_finished)
        presenter.headers_loaded.connect(self.headers.set_headers)
        presenter.reverted.connect(self._on_presenter_reverted)
        # Bound methods, not lambdas: the presenter may outlive this dialog (a change or
        # restart still running), and Qt drops a bound method's connection with it.
        presenter.message_shown.connect(self._on_presenter_message_shown)
        # Esc, the Close button and the window's own close all end here (done()); with
        # WA_DeleteOnClose, Esc deletes the dialog without a closeEvent.
        self.finished.connect(self._on_finished)
        # A change started from an earlier dialog may still be running.
        self._on_presenter_busy_changed(presenter.busy)

    # --- layout --------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        """The preferred size, within the screen's free area: at a large scale factor a
        screen can be smaller than that, and the layout still fits in less."""
        available = (self.parentWidget() or self).screen().availableGeometry().size()
        self.resize(self.sizeHint().expandedTo(PREFERRED_SIZE).boundedTo(available))

    def _build(self) -> None:
        self.title = _Title(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.notice = Banner(self)
        self.notice.show_text(self.tr(
            "Webhook and WebSocket cannot be active at the same time: activating one "
            "deactivates the other."), "info")
        self.status_panel = Banner(self)
        self.keep_webhook = QPushButton(self.tr("Keep webhook"), self)
        self.keep_webhook.clicked.connect(self.presenter.keep_webhook)
        self.keep_websocket = QPushButton(self.tr("Keep WebSocket"), self)
        self.keep_websocket.clicked.connect(self.presenter.keep_websocket)
        fixes = QHBoxLayout()
        fixes.addStretch(1)
        fixes.addWidget(self.keep_webhook)
        fixes.addWidget(self.keep_websocket)

        columns = QHBoxLayout()
        columns.addWidget(self._build_modes(), 3)
        events_box = QGroupBox(self.tr("Events"), self)
        self.picker = EventPicker(events_box)
        self.picker.selection_changed.connect(self._on_picker_selection_changed)
        QVBoxLayout(events_box).addWidget(self.picker)
        columns.addWidget(events_box, 2)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.outcome = Banner(self)
        self.outcome.setVisible(False)
        self.restart_button = QPushButton(self.tr("Restart instance now"), self)
        self.restart_button.clicked.connect(self.presenter.restart)
        self.restart_button.setVisible(False)
        result_row = QHBoxLayout()
        result_row.addWidget(self.outcome, 1)
        result_row.addWidget(self.restart_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addWidget(self.status_panel)
        layout.addLayout(fixes)
        layout.addLayout(columns, 1)
        layout.addWidget(self.progress)
        layout.addLayout(result_row)
        layout.addWidget(buttons)
        # Until the state is read, only what every state shows: the dialog's first
        # size is not that of every part at once.
        self.keep_webhook.setVisible(False)
        self.keep_websocket.setVisible(False)
        self._refresh_visibility()
        # In the order they are read, not the order they were made.
        chain = [self.keep_webhook, self.keep_websocket, self.webhook_toggle, self.url,
                 self.by_events, self.base64, self.headers, self.test_button,
                 self.webhook_apply, self.websocket_toggle, self.websocket_apply, self.picker]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_modes(self) -> QWidget:
        box = QWidget(self)
        self.webhook_toggle = ToggleSwitch(box)
        self.webhook_toggle.setAccessibleName(self.tr("Webhook"))
        self.webhook_toggle.toggled.connect(self._on_webhook_toggle_toggled)
        self.websocket_toggle = ToggleSwitch(box)
        self.websocket_toggle.setAccessibleName(self.tr("WebSocket"))
        self.websocket_toggle.toggled.connect(self._on_websocket_toggle_toggled)

        self.url = QLineEdit(box)
        # Qt's default of 32,767 characters would cut a longer URL the server holds, and
        # applying any change would then write the cut URL back.
        self.url.setMaxLength(URL_MAX_LENGTH)
        self.url.setPlaceholderText("https://example.com/evolution")
        self.url.textChanged.connect(self._on_form_changed)
        self.url_hint = QLabel(box)
        self.url_hint.setWordWrap(True)
        self.url_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.by_events = QCheckBox(self.tr("One URL per event (byEvents)"), box)
        self.by_events.toggled.connect(self._on_form_changed)
        self.base64 = QCheckBox(self.tr("Base64 media (recommended)"), box)
        self.base64.setToolTip(self.tr(
            "Evolution puts images, audio and documents in the event itself. "
            "The server applies a change after the instance restarts."))
        self.headers = HeadersEditor(box)
        self.test_button = QPushButton(self.tr("Test webhook"), box)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.webhook_apply = QPushButton(self.tr("Apply webhook"), box)
        self.webhook_apply.clicked.connect(self._on_webhook_apply_clicked)
        self.probe_result = QLabel(box)
        self.probe_result.setWordWrap(True)
        self.probe_result.setTextFormat(Qt.TextFormat.PlainText)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        actions.addWidget(self.webhook_apply)

        self.webhook_details = QWidget(box)
        form = QFormLayout(self.webhook_details)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow(self.tr("URL"), self.url)
        form.addRow("", self.url_hint)
        form.addRow("", self.by_events)
        form.addRow("", self.base64)
        form.addRow(self.tr("Headers"), self.headers)
        form.addRow("", self.probe_result)
        form.addRow(actions)

        self.websocket_state = QLabel(box)
        self.websocket_state.setTextFormat(Qt.TextFormat.PlainText)
        self.no_base64 = QLabel(self.tr(
            "In WebSocket mode media arrive without base64: base64 belongs to the webhook."),
            box)
        self.no_base64.setWordWrap(True)
        self.websocket_apply = QPushButton(self.tr("Apply events"), box)
        self.websocket_apply.clicked.connect(self._on_websocket_apply_clicked)
        self.websocket_details = QWidget(box)
        ws_layout = QVBoxLayout(self.websocket_details)
        ws_layout.setContentsMargins(24, 0, 0, 0)
        ws_layout.addWidget(self.websocket_state)
        ws_layout.addWidget(self.no_base64)
        ws_layout.addWidget(self.websocket_apply, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._mode_row(self.webhook_toggle, self.tr("Webhook"), self.tr(
            "Evolution POSTs each event to your URL.")))
        layout.addWidget(self.webhook_details)
        layout.addSpacing(8)
        layout.addLayout(self._mode_row(self.websocket_toggle, self.tr("WebSocket"), self.tr(
            "evodesk holds a live connection and receives the events itself.")))
        layout.addWidget(self.websocket_details)
        layout.addStretch(1)
        return box

    def _mode_row(self, toggle: ToggleSwitch, title: str, hint: str) -> QHBoxLayout:
        label = QLabel(title, self)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setBuddy(toggle)
        explanation = QLabel(hint, self)
        explanation.setWordWrap(True)
        explanation.setEnabled(False)  # greyed: secondary text
        row = QHBoxLayout()
        row.addWidget(toggle)
        row.addWidget(label)
        row.addWidget(explanation, 1)
        return row

    # --- reading the form ----------------------------------------------------------

    def webhook_config(self) -> WebhookConfig:
        return WebhookConfig(
            url=self.url.text().strip(),
            events=tuple(self.picker.selected()) if not self.picker.is_all_events() else (),
            all_events=self.picker.is_all_events(),
            base64=self.base64.isChecked(),
            by_events=self.by_events.isChecked(),
            headers=self.headers.headers(),
        )

    def _url_problem(self) -> str | None:
        try:
            validate_http_url(self.url.text(), what="webhook URL")
        except InvalidInput as exc:
            return str(exc)
        return None

    def _webhook_form_ready(self) -> bool:
        return self._url_problem() is None and self.picker.is_valid()

    # --- showing the truth ---------------------------------------------------------

    def _on_presenter_state_loaded(self, status: InstanceStatus) -> None:
        self.status = status
        instance = status.instance
        self.title.set_names(instance.name, status.server.name)
        self.picker.set_catalogue(status.server.version)
        self.webhook_toggle.set_checked_quietly(instance.webhook_enabled)
        self.websocket_toggle.set_checked_quietly(instance.websocket_enabled)
        self.url.setText(instance.webhook_url or "")
        self.by_events.setChecked(instance.webhook_by_events)
        self.base64.setChecked(instance.webhook_base64 if instance.webhook_url else True)
        self._show_mode_selection(instance.mode)
        self._picker_dirty = False
        self._webhook_draft = False
        self._refresh_visibility()
        self._refresh_status()
        self._on_form_changed()

    def _on_presenter_reverted(self, status: InstanceStatus) -> None:
        """A change failed: the toggles and the status show what the server holds; the
        URL, headers and events stay as entered, to be corrected and tried again."""
        self.status = status
        self.webhook_toggle.set_checked_quietly(status.instance.webhook_enabled)
        self.websocket_toggle.set_checked_quietly(status.instance.websocket_enabled)
        self._refresh_visibility()
        self._refresh_status()
        self._update_enabled()

    def _show_mode_selection(self, mode: DeliveryMode) -> None:
        assert self.status is not None
        instance = self.status.instance
        if mode is DeliveryMode.WEBSOCKET:
            self.picker.set_selected(instance.websocket_events)
        else:
            self.picker.set_selected(instance.webhook_events or instance.websocket_events)

    def set_listener_state(self, state: LiveState | ListenerState | None) -> None:
        """The listener's state as last reported, with its reason; it stands over the
        one the status was read with (the reports are newer, and carry the reason)."""
        self._live = LiveState(state) if isinstance(state, ListenerState) else state
        if self.status is not None:
            self._refresh_status()

    def _refresh_visibility(self) -> None:
        self.webhook_details.setVisible(self.webhook_toggle.isChecked() or self._webhook_draft)
        self.websocket_details.setVisible(self.websocket_toggle.isChecked())
        active = self.status is not None and self.status.instance.webhook_enabled
        self.webhook_apply.setText(
            self.tr("Apply webhook") if active else self.tr("Activate webhook")
        )

    def _refresh_status(self) -> None:
        if self.status is None:
            return
        live = self._live
        if live is None and self.status.listener is not None:
            live = LiveState(self.status.listener)
        text, kind = status_text(self.status, live)
        self.status_panel.show_text(text, kind)
        conflict = self.status.instance.conflict
        self.keep_webhook.setVisible(conflict)
        self.keep_websocket.setVisible(conflict)
        self.websocket_state.setText(
            self.tr("Live connection: %1").replace("%1", live_text(live))
        )
        self.websocket_state.setToolTip(plain_tooltip(live_reason(live)) or "")

    def _on_form_changed(self) -> None:
        problem = self._url_problem() if self.url.text().strip() else None
        if problem:
            self.url_hint.setText(translate_message(problem))
            self.url_hint.setStyleSheet(tone_style(Tone.ERROR))
        elif self.by_events.isChecked() and self.url.text().strip():
            example = mask_url_secrets(
                effective_webhook_url(self.url.text().strip(), True, "MESSAGES_UPSERT"))
            self.url_hint.setText(self.tr("Events go to %1 and so on.").replace("%1", example))
            self.url_hint.setStyleSheet("")
        else:
            self.url_hint.setText("")
        self.url_hint.setVisible(bool(self.url_hint.text()))
        self._update_enabled()

    def _on_picker_selection_changed(self) -> None:
        self._picker_dirty = True
        self._update_enabled()

    # --- acting --------------------------------------------------------------------

    def _on_webhook_toggle_toggled(self, checked: bool) -> None:
        self.outcome.setVisible(False)
        if not checked:
            self._webhook_draft = False
            if self.status is not None and self.status.instance.webhook_enabled:
                self.presenter.disable()
            self._refresh_visibility()
            return
        if not self._picker_dirty and self.status is not None:
            self._use_remembered(self.status.instance.webhook_events)
        self._webhook_draft = True
        if self._webhook_form_ready():
            self._refresh_visibility()
            self.presenter.enable_webhook(self.webhook_config())
        else:
            # Off until it is on at the server: both toggles on, under the notice that
            # says they cannot be, would be a lie.
            self.webhook_toggle.set_checked_quietly(False)
            self._refresh_visibility()
            self.outcome.show_text(self.tr(
                "Enter the webhook URL and choose events, then press “Activate webhook”."),
                "info")
            self.url.setFocus()

    def _on_websocket_toggle_toggled(self, checked: bool) -> None:
        self.outcome.setVisible(False)
        if not checked:
            if self.status is not None and self.status.instance.websocket_enabled:
                self.presenter.disable()
            self._refresh_visibility()
            return
        if not self._picker_dirty and self.status is not None:
            self._use_remembered(self.status.instance.websocket_events)
        if not self.picker.is_valid():
            self.websocket_toggle.set_checked_quietly(False)
            self.outcome.show_text(self.tr(
                "Choose the events to receive (or tick “All events”), then turn WebSocket on."),
                "warning")
            return
        self._refresh_visibility()
        self.presenter.enable_websocket(self.picker.selected(), self.picker.is_all_events())

    def _use_remembered(self, events: tuple[str, ...]) -> None:
        """A mode turned on starts from its remembered selection, when it has one;
        otherwise the picker keeps what it shows (the selection is shared)."""
        if events:
            self.picker.set_selected(events)

    def _on_webhook_apply_clicked(self) -> None:
        if self._webhook_form_ready():
            self.presenter.enable_webhook(self.webhook_config())

    def _on_websocket_apply_clicked(self) -> None:
        if self.picker.is_valid():
            self.presenter.enable_websocket(self.picker.selected(), self.picker.is_all_events())

    def _on_test_button_clicked(self) -> None:
        self.probe_result.setText(self.tr("Sending a test event…"))
        self.presenter.test_webhook(
            self.url.text().strip(), self.by_events.isChecked(), self.headers.headers()
        )

    def _on_presenter_probe_finished(self, probe: WebhookProbe) -> None:
        self.probe_result.setText(probe_text(probe))
        self.probe_result.setStyleSheet(tone_style(Tone.OK if probe.ok else Tone.ERROR))

    def _on_presenter_busy_changed(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self._update_enabled()

    def _update_enabled(self) -> None:
        idle = not self.presenter.busy
        for widget in (self.webhook_toggle, self.websocket_toggle, self.keep_webhook,
                       self.keep_websocket, self.restart_button):
            widget.setEnabled(idle)
        self.webhook_apply.setEnabled(idle and self._webhook_form_ready())
        self.test_button.setEnabled(idle and self._url_problem() is None)
        self.websocket_apply.setEnabled(
            idle and self.picker.is_valid()
            and self.status is not None and self.status.instance.websocket_enabled
        )

    def _on_presenter_change_succeeded(self, outcome: ChangeOutcome) -> None:
        text = "\n".join([translate_message(outcome.message),
                          *(translate_message(n) for n in outcome.notes)])
        self.outcome.show_text(text, "ok")
        self.restart_button.setVisible(outcome.restart_advised)

    def _on_presenter_message_shown(self, text: str) -> None:
        self.outcome.show_text(translate_message(text), "info")

    def _on_presenter_change_failed(self, message: str) -> None:
        self.outcome.show_text(translate_message(message), "error")
        self.restart_button.setVisible(False)

    def _on_finished(self, _result: int) -> None:
        self.presenter.close()
        self.closed.emit()


def probe_text(probe: WebhookProbe) -> str:
    return translate_message(probe.describe())

