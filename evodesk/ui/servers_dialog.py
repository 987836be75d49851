"""The Servers dialog: the Evolution servers evodesk knows, a form to add or edit one,
and Check, which tells in plain words whether evodesk can work with it.

The API key is never read back into the form unless the user presses Reveal."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evodesk.domain.errors import InvalidInput
from evodesk.domain.models import Server
from evodesk.domain.secrets import mask_url_secrets
from evodesk.domain.validation import (
    is_plain_http_to_remote,
    normalize_server_url,
    validate_name,
)
from evodesk.services.servers import ServerCheck
from evodesk.ui.servers_presenter import ServersPresenter
from evodesk.ui.texts import plain_tooltip, translate_message
from evodesk.ui.widgets import Banner, error_label

NAME_ROLE = Qt.ItemDataRole.UserRole
AnyIndex = QModelIndex | QPersistentModelIndex


class ServerListModel(QAbstractListModel):
    """The known servers, one row each: name and URL, with the last check as tooltip."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._servers: list[Server] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._servers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._servers):
            return None
        server = self._servers[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{server.name} — {mask_url_secrets(server.base_url)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._last_check(server))
        if role == NAME_ROLE:
            return server.name
        return None

    def _last_check(self, server: Server) -> str:
        if server.last_check_at is None:
            return self.tr("Not checked yet")
        if server.last_check_error:
            return self.tr("Last check failed: %1").replace(
                "%1", translate_message(server.last_check_error))
        return self.tr("Last check: version %1").replace("%1", server.version or "?")

    def set_servers(self, servers: list[Server]) -> None:
        self.beginResetModel()
        self._servers = list(servers)
        self.endResetModel()

    def update_server(self, server: Server) -> None:
        row = self.row_of(server.name)
        if row >= 0:
            self._servers[row] = server
            self.dataChanged.emit(self.index(row), self.index(row))

    def row_of(self, name: str | None) -> int:
        return next((r for r, s in enumerate(self._servers) if s.name == name), -1)


class ServersDialog(QDialog):
    servers_changed = Signal()
    closed = Signal()

    def __init__(self, presenter: ServersPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.confirm_box: QMessageBox | None = None
        self._current: str | None = None
        self._revealed_key: str | None = None
        self._loading = False
        self.setWindowTitle(self.tr("Servers"))
        self.setModal(False)
        self.setMinimumWidth(720)
        self._build()
        presenter.servers_loaded.connect(self._on_presenter_servers_loaded)
        presenter.busy_changed.connect(self._on_presenter_busy_changed)
        presenter.check_finished.connect(self._on_presenter_check_finished)
        presenter.key_revealed.connect(self._on_presenter_key_revealed)
        presenter.server_added.connect(self._on_presenter_server_added)
        presenter.server_saved.connect(self._on_presenter_server_saved)
        presenter.server_removed.connect(self._on_presenter_server_removed)
        presenter.failed.connect(self._on_presenter_failed)
        presenter.servers_changed.connect(self.servers_changed)
        self.finished.connect(self._on_self_finished)
        self._show_server(None)

    # --- layout --------------------------------------------------------------------

    def _build(self) -> None:
        self.servers = ServerListModel(self)
        self.server_list = QListView(self)
        self.server_list.setModel(self.servers)
        self.server_list.setAccessibleName(self.tr("Servers"))
        self.server_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.server_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.server_selection = self.server_list.selectionModel()
        self.server_selection.currentChanged.connect(self._on_server_selection_current_changed)
        self.new_button = QPushButton(self.tr("New"), self)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        left = QVBoxLayout()
        left.addWidget(self.server_list, 1)
        left.addWidget(self.new_button)

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(self._build_form(), 3)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.outcome = Banner(self)
        self.outcome.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)

    def _build_form(self) -> QVBoxLayout:
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("For example: Matriz"))
        self.name_hint = error_label(self, word_wrap=True)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://evolution.example.com")
        self.url_hint = error_label(self, word_wrap=True)
        self.key_edit = QLineEdit(self)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setAccessibleName(self.tr("API key"))
        self.reveal_button = QPushButton(self.tr("Reveal"), self)
        self.reveal_button.setCheckable(True)
        self.reveal_button.toggled.connect(self._on_reveal_button_toggled)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.reveal_button)
        for edit in (self.name_edit, self.url_edit, self.key_edit):
            edit.textChanged.connect(self._on_form_changed)

        self.plain_http_banner = Banner(self)
        self.plain_http_banner.show_text(self.tr(
            "The API key would travel unencrypted over the network to this server. "
            "Use https:// unless the network between you and the server is trusted."),
            "warning")
        self.plain_http_banner.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow("", self.name_hint)
        form.addRow(self.tr("URL"), self.url_edit)
        form.addRow("", self.url_hint)
        form.addRow(self.tr("API key"), key_row)

        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.check_button = QPushButton(self.tr("Check"), self)
        self.check_button.setToolTip(self.tr("Tests the saved URL and API key."))
        self.check_button.clicked.connect(self._on_check_button_clicked)
        actions = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.remove_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.check_button)

        self.check_panel = Banner(self)
        self.check_panel.setVisible(False)

        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(self.plain_http_banner)
        column.addLayout(actions)
        column.addWidget(self.check_panel)
        column.addStretch(1)
        return column

    # --- showing -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.presenter.load(select=self._current or "")

    def _on_presenter_servers_loaded(self, servers: list[Server], select: str) -> None:
        self.servers.set_servers(servers)
        row = self.servers.row_of(select or self._current)
        # Not blockSignals: the view itself listens to the selection model.
        self._loading = True
        try:
            self.server_list.setCurrentIndex(
                self.servers.index(row) if row >= 0 else QModelIndex())
        finally:
            self._loading = False
        selected = self.servers.index(row).data(NAME_ROLE) if row >= 0 else None
        # A plain reload keeps what the user is typing; a new selection shows the server.
        if select or selected != self._current:
            self._show_server(self.presenter.server(selected) if selected else None)

    def _show_server(self, server: Server | None) -> None:
        self._current = server.name if server is not None else None
        self._revealed_key = None
        self.reveal_button.blockSignals(True)
        self.reveal_button.setChecked(False)
        self.reveal_button.blockSignals(False)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._forget_key()
        self.check_panel.setVisible(False)
        if server is None:
            self.name_edit.setReadOnly(False)
            self.name_edit.setToolTip("")
            self.name_edit.clear()
            self.url_edit.clear()
            self.key_edit.setPlaceholderText(self.tr("The server's global API key"))
        else:
            self.name_edit.setText(server.name)
            self.name_edit.setReadOnly(True)
            self.name_edit.setToolTip(self.tr(
                "A server cannot be renamed: remove it and add it again."))
            self.url_edit.setText(server.base_url)
            self.key_edit.setPlaceholderText(self.tr("unchanged"))
        self._on_form_changed()

    def _on_presenter_check_finished(self, check: ServerCheck) -> None:
        self.servers.update_server(check.server)
        if check.server.name == self._current:
            text, kind = self._check_text(check)
            self.check_panel.show_text(text, kind)

    def _check_text(self, check: ServerCheck) -> tuple[str, str]:
        """What Check found, line by line, and the banner colour for it."""
        lines = []
        if check.info is not None:
            lines.append(self.tr("Version: %1").replace("%1", check.info.version))
        if check.key_valid is not None:
            lines.append(self.tr("API key: valid") if check.key_valid
                         else self.tr("API key: refused"))
        if check.key_valid:
            lines.append({
                True: self.tr("WebSockets: on"),
                False: self.tr("WebSockets: off (WebSocket mode cannot be used)"),
                None: self.tr("WebSockets: unknown (the server has no instance to ask)"),
            }[check.websocket_available])
        if check.instance_count is not None:
            lines.append(self.tr("Instances: %1").replace("%1", str(check.instance_count)))
        if check.error:
            lines.append(translate_message(check.error))
            return "\n".join(lines), "error"
        return "\n".join(lines), "warning" if check.websocket_available is False else "ok"

    # --- the form ------------------------------------------------------------------

    def _url_problem(self) -> str | None:
        try:
            normalize_server_url(self.url_edit.text())
        except InvalidInput as exc:
            return str(exc)
        return None

    def _name_problem(self) -> str | None:
        if self._current is not None:
            return None
        try:
            validate_name(self.name_edit.text(), what="server name")
        except InvalidInput as exc:
            return str(exc)
        return None

    def _typed_key(self) -> str | None:
        """The key the user entered, or None when it is empty or merely revealed."""
        key = self.key_edit.text().strip()
        if not key or key == self._revealed_key:
            return None
        return key

    def _changed_url(self) -> str | None:
        server = self.presenter.server(self._current) if self._current else None
        if server is None or self._url_problem() is not None:
            return None
        url = normalize_server_url(self.url_edit.text())
        return url if url != server.base_url else None

    def _on_form_changed(self) -> None:
        self._show_hint(self.name_hint, self._name_problem() if self.name_edit.text() else None)
        url_problem = self._url_problem() if self.url_edit.text().strip() else None
        self._show_hint(self.url_hint, url_problem)
        self.plain_http_banner.setVisible(
            self._url_problem() is None and is_plain_http_to_remote(self.url_edit.text().strip())
        )
        self._update_enabled()

    @staticmethod
    def _show_hint(label: QLabel, problem: str | None) -> None:
        label.setText(translate_message(problem) if problem else "")
        label.setVisible(bool(problem))

    def _update_enabled(self) -> None:
        idle = not self.presenter.busy
        editing = self._current is not None
        url_ok = self._url_problem() is None
        self.add_button.setEnabled(
            idle and not editing and url_ok and self._name_problem() is None
            and bool(self.key_edit.text().strip())
        )
        self.save_button.setEnabled(
            idle and editing and url_ok
            and (self._changed_url() is not None or self._typed_key() is not None)
        )
        for button in (self.remove_button, self.check_button, self.new_button):
            button.setEnabled(idle and editing)
        # Enter in the form adds the new server or saves the edited one; it does nothing
        # while that button is disabled, rather than pressing another (New cleared the form).
        (self.save_button if editing else self.add_button).setDefault(True)
        self.server_list.setEnabled(idle)
        self.reveal_button.setEnabled(idle or self.reveal_button.isChecked())

    def _on_presenter_busy_changed(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self._update_enabled()

    # --- acting --------------------------------------------------------------------

    def _on_server_selection_current_changed(self, current: QModelIndex,
                                             _previous: QModelIndex) -> None:
        if self._loading:
            return
        name = current.data(NAME_ROLE) if current.isValid() else None
        self.outcome.setVisible(False)
        self._show_server(self.presenter.server(name) if name else None)

    def _on_new_button_clicked(self) -> None:
        self.server_list.setCurrentIndex(QModelIndex())
        self.server_selection.clearSelection()
        self.name_edit.setFocus()

    def _on_add_button_clicked(self) -> None:
        self.outcome.setVisible(False)
        self.presenter.add(self.name_edit.text(), self.url_edit.text(), self.key_edit.text())

    def _on_save_button_clicked(self) -> None:
        if self._current is None:
            return
        self.outcome.setVisible(False)
        self.presenter.save(self._current, url=self._changed_url(), api_key=self._typed_key())

    def _on_check_button_clicked(self) -> None:
        if self._current is None:
            return
        self.outcome.setVisible(False)
        self.check_panel.show_text(self.tr("Checking…"), "info")
        self.presenter.check(self._current)

    def _on_reveal_button_toggled(self, checked: bool) -> None:
        if checked and self._current is not None and not self.key_edit.text():
            self.presenter.reveal_key(self._current)  # shown when it arrives
            return
        if checked:
            self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal)
            return
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if self._revealed_key is not None and self.key_edit.text() == self._revealed_key:
            self._forget_key()
        self._revealed_key = None

    def _forget_key(self) -> None:
        # setText, not clear(): clear() is undoable, and Ctrl+Z would bring the key back.
        self.key_edit.setText("")

    def _on_presenter_key_revealed(self, name: str, key: str) -> None:
        if name != self._current or not self.reveal_button.isChecked() or self.key_edit.text():
            return
        self._revealed_key = key
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal)
        self.key_edit.setText(key)

    def _on_remove_button_clicked(self) -> None:
        if self._current is None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove server"))
        box.setText(self.tr("Remove the server “%1” from evodesk?").replace("%1", self._current))
        box.setInformativeText(self.tr(
            "Its API key is deleted from the keyring and evodesk forgets its instances "
            "and their settings. Nothing changes on the server itself."))
        box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.setProperty("server", self._current)
        box.finished.connect(self._on_confirm_box_finished)
        self.confirm_box = box
        box.open()

    def _on_confirm_box_finished(self, _result: int) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is None:
            return
        clicked = box.clickedButton()
        confirmed = (clicked is not None
                     and box.buttonRole(clicked) == QMessageBox.ButtonRole.DestructiveRole)
        name = box.property("server")
        box.deleteLater()
        if confirmed and name:
            self.outcome.setVisible(False)
            self.presenter.remove(str(name))

    def _on_presenter_server_added(self, name: str) -> None:
        self.outcome.show_text(
            self.tr("Server “%1” added. Press Check to test it.").replace("%1", name), "ok")

    def _on_presenter_server_saved(self, name: str) -> None:
        self.outcome.show_text(self.tr("Changes to “%1” saved.").replace("%1", name), "ok")

    def _on_presenter_server_removed(self, name: str) -> None:
        self.outcome.show_text(self.tr("Server “%1” removed.").replace("%1", name), "ok")

    def _on_presenter_failed(self, name: str, message: str) -> None:
        text = translate_message(message)
        if name == "check":
            self.check_panel.show_text(text, "error")
            return
        if name == "reveal":
            self.reveal_button.setChecked(False)
        self.outcome.show_text(text, "error")

    def _on_self_finished(self, _result: int) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is not None:
            box.close()
            box.deleteLater()
        self.presenter.close()
        self.closed.emit()
