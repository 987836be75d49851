"""Paints the events table's cells from text laid out once and drawn many times.

Qt's own delegate asks the model, through the filter proxy, for seven roles of every cell
(each one to three calls into Python) and lays the text out again on every repaint; under
a storm of live events the newest rows repaint twice a second. Here a cell costs two calls
into Python (`paint`, and the model's `index` when Qt asks for the cell's flags) and one
`drawStaticText`, clipped to the cell as Qt's is. Laid-out texts are kept by text and
width, so the columns that repeat (time, instance, event, "duplicate") are laid out once
for many rows. Selected, focused and hovered cells, right-to-left layouts, style sheets
and text on several lines are left to Qt's delegate, so they look as they always did; the
other cells look the same (tests/test_events_window.py compares the pixels).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from evodesk.ui.event_model import EventFilterProxy
from evodesk.ui.event_summary import Row

Index = QModelIndex | QPersistentModelIndex

TEXT_CACHE = 2_000  # laid-out texts kept: a tall window shows ~300 cells
# Cells Qt's delegate paints: its selection, focus frame and hover look.
_QT_PAINTS = int((QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus
                  | QStyle.StateFlag.State_MouseOver).value)
_ENABLED = int(QStyle.StateFlag.State_Enabled.value)
_ACTIVE = int(QStyle.StateFlag.State_Active.value)
_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029")
# What invalidates the fonts, margins and colours kept from one repaint to the next.
_RESET_EVENTS = frozenset({QEvent.Type.FontChange, QEvent.Type.StyleChange,
                           QEvent.Type.PaletteChange, QEvent.Type.LayoutDirectionChange})


@dataclass(slots=True, frozen=True)
class _Setup:
    """What every cell shares while the view's font, style and direction stay."""

    fonts: tuple[QFont, QFont]  # upright, italic (gaps)
    metrics: tuple[QFontMetrics, QFontMetrics]
    margin: int  # left and right of the text, as the style puts it
    line: int  # the text's height
    elide: Qt.TextElideMode
    qt_paints: bool  # what this delegate does not draw: right to left, style sheets


class EventDelegate(QStyledItemDelegate):
    """For `view`, showing `proxy`; `cache` laid-out texts stay (the least recently
    painted go first)."""

    def __init__(self, proxy: EventFilterProxy, view: QWidget, *,
                 cache: int = TEXT_CACHE) -> None:
        super().__init__(view)
        self._proxy = proxy
        self._model = proxy.events_model()
        self._cache = cache
        self._rows: dict[int, Row] = {}  # proxy row -> row, until the proxy's rows change
        self._texts: OrderedDict[tuple[str, int, bool], QStaticText | None] = OrderedDict()
        self._colours: dict[int, QColor] = {}  # by the state's enabled and active flags
        self._setup: _Setup | None = None
        for signal in (proxy.rowsInserted, proxy.rowsRemoved, proxy.rowsMoved,
                       proxy.layoutChanged, proxy.modelReset):
            signal.connect(self._on_proxy_rows_changed)
        view.installEventFilter(self)
        self.fast_cells = 0  # cells painted here, not by Qt's delegate (for tests)

    def forget(self) -> None:
        """Drops what is kept between repaints (say, because the view's font changed)."""
        self._rows.clear()
        self._texts.clear()
        self._colours.clear()
        self._setup = None

    def _on_proxy_rows_changed(self) -> None:
        self._rows.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _RESET_EVENTS:
            self.forget()
        return False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Called for every visible cell on every repaint: a few calls into Qt, no enums.
        state = option.state.value
        if state & _QT_PAINTS:
            super().paint(painter, option, index)
            return
        number = index.row()
        row = self._rows.get(number)
        if row is None:
            row = self._rows[number] = self._model.row_at(self._proxy.mapToSource(index).row())
        look = row.look or self._model.look(row)
        text = look.cells[index.column()]
        if not text:
            return  # as Qt's delegate: no background of ours, nothing to draw
        setup = self._setup or self._set_up(option)
        if setup.qt_paints:
            super().paint(painter, option, index)
            return
        x, y, width, height = cast(tuple[int, int, int, int], option.rect.getRect())
        italic = look.font is not None
        key = (text, width, italic)
        try:
            self._texts.move_to_end(key)
        except KeyError:
            static = self._lay_out(key, setup)
        else:
            static = self._texts[key]
        if static is None:
            super().paint(painter, option, index)
            return
        colour = self._colours.get(state & (_ENABLED | _ACTIVE))
        if colour is None:
            colour = self._colour(option, state)
        # Clipped to the cell, as Qt's delegate clips: combining marks stacked on a letter
        # reach far above and below its line, over the rows around it. ASCII stays in its
        # line, and most cells are ASCII: they skip its cost (about a sixth of a repaint).
        clip = not text.isascii()
        if clip:
            painter.save()
            painter.setClipRect(option.rect)
        painter.setFont(setup.fonts[italic])
        painter.setPen(look.foreground.color() if look.foreground is not None else colour)
        painter.drawStaticText(x + setup.margin, y + (height - setup.line) // 2, static)
        if clip:
            painter.restore()
        self.fast_cells += 1

    def _set_up(self, option: QStyleOptionViewItem) -> _Setup:
        upright = QFont(option.font)  # a copy: the option's own goes with the option
        italic = QFont(upright)
        italic.setItalic(True)
        widget = option.widget
        style = widget.style() if widget is not None else None
        margin = 1 + (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget)
                      if style is not None else 0)
        metrics = (QFontMetrics(upright), QFontMetrics(italic))
        self._setup = _Setup(
            fonts=(upright, italic), metrics=metrics, margin=margin, line=metrics[0].height(),
            elide=option.textElideMode,
            qt_paints=(option.direction != Qt.LayoutDirection.LeftToRight
                       or (style is not None and style.inherits("QStyleSheetStyle"))))
        return self._setup

    def _colour(self, option: QStyleOptionViewItem, state: int) -> QColor:
        """The palette's text colour for a cell in `state`, as Qt's delegate picks it."""
        if not state & _ENABLED:
            group = QPalette.ColorGroup.Disabled
        elif not state & _ACTIVE:
            group = QPalette.ColorGroup.Inactive
        else:
            group = QPalette.ColorGroup.Normal
        colour = QColor(option.palette.color(group, QPalette.ColorRole.Text))  # a copy
        self._colours[state & (_ENABLED | _ACTIVE)] = colour
        return colour

    def _lay_out(self, key: tuple[str, int, bool], setup: _Setup) -> QStaticText | None:
        """`text` elided to fit `width` as Qt's delegate would, laid out for drawing."""
        text, width, italic = key
        static: QStaticText | None = None
        if not any(mark in text for mark in _LINE_BREAKS):
            font = setup.fonts[italic]
            room = width - 2 * setup.margin
            static = self._static(text, font)
            if static.size().width() > room:  # measured once: most texts fit
                shown = setup.metrics[italic].elidedText(text, setup.elide, room)
                if shown != text:
                    static = self._static(shown, font)
        self._texts[key] = static
        if len(self._texts) > self._cache:
            self._texts.popitem(last=False)
        return static

    @staticmethod
    def _static(text: str, font: QFont) -> QStaticText:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)  # never rich text
        static.prepare(font=font)
        return static
