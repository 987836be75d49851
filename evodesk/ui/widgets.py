"""Small widgets shared by the windows: a toggle switch, a coloured banner, a badge, an
error label."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Property, QPropertyAnimation, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStyle,
    QToolButton,
    QWidget,
)

from evodesk.ui.theme import Tone, tone, tone_style


class ToggleSwitch(QAbstractButton):
    """An on/off switch; behaves like a checkable button (keyboard, accessibility)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._offset = 0.0
        self._animation = QPropertyAnimation(self, b"offset", self)
        self._animation.setDuration(120)
        self.toggled.connect(self._on_self_toggled)

    def sizeHint(self) -> QSize:
        return QSize(46, 24)

    def _get_offset(self) -> float:
        return self._offset

    def _set_offset(self, value: float) -> None:
        self._offset = value
        self.update()

    offset = Property(float, _get_offset, _set_offset)

    def _on_self_toggled(self, checked: bool) -> None:
        self._animation.stop()
        self._animation.setStartValue(self._offset)
        self._animation.setEndValue(1.0 if checked else 0.0)
        self._animation.start()

    def set_checked_quietly(self, checked: bool) -> None:
        """Show a state without emitting toggled (used when the server's truth reloads)."""
        self.blockSignals(True)
        self.setChecked(checked)
        self.blockSignals(False)
        self._animation.stop()
        self._offset = 1.0 if checked else 0.0
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(1, 1, 44, 22)
        palette = self.palette()
        on = palette.color(QPalette.ColorRole.Highlight)
        off = palette.color(QPalette.ColorRole.Mid)
        track = QColor(on if self.isChecked() else off)
        if not self.isEnabled():
            track.setAlpha(110)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(rect, 11, 11)
        knob_x = 3 + self._offset * 22
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawEllipse(QRectF(knob_x, 3, 18, 18))
        if self.hasFocus():
            pen_colour = QColor(on)
            pen_colour.setAlpha(160)
            painter.setPen(pen_colour)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5), 11, 11)


class Banner(QFrame):
    """A rounded, tinted box for notices, status and errors (readable in light and dark)."""

    KINDS: ClassVar[dict[str, Tone]] = {
        "info": Tone.INFO,
        "ok": Tone.OK,
        "warning": Tone.WARNING,
        "error": Tone.ERROR,
    }

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None, *, dismissible: bool = False,
                 max_lines: int | None = None) -> None:
        """`dismissible` adds a button that hides the box; with `max_lines`, a longer
        text scrolls inside the box instead of making it (and its window) taller."""
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        if max_lines is None:
            layout.addWidget(self.label)
        else:
            layout.addWidget(self._scrolling(max_lines))
        self.dismiss_button: QToolButton | None = None
        if dismissible:
            self.dismiss_button = QToolButton(self)
            self.dismiss_button.setAutoRaise(True)
            self.dismiss_button.setIcon(
                self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
            self.dismiss_button.setToolTip(self.tr("Dismiss"))
            self.dismiss_button.setAccessibleName(self.tr("Dismiss"))
            self.dismiss_button.clicked.connect(self._on_dismiss_button_clicked)
            layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.kind = "info"
        self._styled = ""
        self.set_kind("info")

    def _scrolling(self, max_lines: int) -> QScrollArea:
        area = QScrollArea(self)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(self.label)
        # The box's tint shows through, as it does behind a label on its own.
        area.viewport().setAutoFillBackground(False)
        self.label.setAutoFillBackground(False)
        area.setMaximumHeight(self.fontMetrics().lineSpacing() * max_lines + 4)
        return area

    def _on_dismiss_button_clicked(self) -> None:
        self.setVisible(False)
        self.dismissed.emit()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        if kind == self._styled:
            return  # a new style sheet re-polishes the box and lays out its window again
        self._styled = kind
        colour = tone(self.KINDS[kind], self.palette())
        tint = f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, 0.13)"
        self.setStyleSheet(
            f"QFrame#banner {{ border: 1px solid {colour.name()};"
            f" border-left: 4px solid {colour.name()}; border-radius: 4px;"
            f" background: {tint}; }}"
        )

    def show_text(self, text: str, kind: str = "info") -> None:
        self.set_kind(kind)
        self.label.setText(text)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()


def error_label(parent: QWidget, *, word_wrap: bool = False) -> QLabel:
    """A hidden plain-text label in the error tone, for a message shown when it applies."""
    label = QLabel(parent)
    label.setWordWrap(word_wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(tone_style(Tone.ERROR))
    label.setVisible(False)
    return label
