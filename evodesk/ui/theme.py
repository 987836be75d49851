"""Light and dark: the palette when the person picks one, and the colours that carry a
meaning (connected, waiting, failed) in a shade readable on either.

"" (the default) leaves the palette to the desktop; "light" and "dark" set Qt's Fusion
style with a palette of ours, the same on every desktop.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("", "light", "dark")


class Tone(StrEnum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"
    INFO = "info"
    MUTED = "muted"


# Each shade reads at 4.5:1 or better on the base and alternate rows of its palette
# (tests/test_theme.py checks it).
_ON_LIGHT = {
    Tone.OK: "#27702b",
    Tone.WARNING: "#955800",
    Tone.ERROR: "#c62828",
    Tone.INFO: "#2a64a5",
    Tone.MUTED: "#666666",
}
_ON_DARK = {
    Tone.OK: "#81c784",
    Tone.WARNING: "#ffb74d",
    Tone.ERROR: "#ef9a9a",
    Tone.INFO: "#90caf9",
    Tone.MUTED: "#a8a8a8",
}

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1f2123",
    QPalette.ColorRole.AlternateBase: "#282a2d",
    QPalette.ColorRole.ToolTipBase: "#3a3d41",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#9a9da1",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#34373b",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#4a4e53",
    QPalette.ColorRole.Midlight: "#3e4146",
    QPalette.ColorRole.Mid: "#5a5e63",
    QPalette.ColorRole.Dark: "#18191b",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3a72c4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7d8085",
    QPalette.ColorRole.Text: "#7d8085",
    QPalette.ColorRole.ButtonText: "#7d8085",
    QPalette.ColorRole.Highlight: "#4a4e53",
}

# Fusion draws the frame of a check box, a radio button, an item's or a menu entry's
# check mark in the Window colour made darker (its "outline"): on a dark Base or Window
# that frame all but vanishes, and an unticked box shows nothing to tick. The widgets
# that draw them get a Window light enough for the frame to read at 3:1 (WCAG's measure
# for controls) on Base, AlternateBase and Window. A check box paints nothing else in
# Window; a tree (the event picker's) and a menu (the tray's) draw their border from it,
# lighter as well. Not every item view: a table draws its grid from it. Header and
# scroll bars would inherit the tree's palette; they keep the dark one.
_INDICATOR_WINDOW = "#9da2a9"
_INDICATOR_OWNERS = ("QCheckBox", "QRadioButton", "QTreeView", "QMenu")
_INDICATOR_FREE = ("QHeaderView", "QScrollBar")


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def indicator_palette() -> QPalette:
    """The dark palette for the widgets that draw check boxes and radio buttons."""
    palette = dark_palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(_INDICATOR_WINDOW))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """"light" or "dark" as asked; anything else leaves the desktop's choice alone."""
    if theme not in ("light", "dark"):
        return
    app.setStyle("Fusion")
    hints = app.styleHints()
    hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    palette = dark_palette() if theme == "dark" else app.style().standardPalette()
    app.setPalette(palette)  # also drops the palettes of widget classes set before
    if theme == "dark":
        # PySide's stubs ask for bytes; it takes the class name as a str (bytes fail).
        for name in _INDICATOR_OWNERS:
            app.setPalette(indicator_palette(), name)  # type: ignore[arg-type]
        for name in _INDICATOR_FREE:
            app.setPalette(palette, name)  # type: ignore[arg-type]


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether text sits on a dark background in `palette` (the application's if None)."""
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def tone(kind: Tone, palette: QPalette | None = None) -> QColor:
    """The shade of `kind` for text or marks on `palette`'s background."""
    return QColor((_ON_DARK if is_dark(palette) else _ON_LIGHT)[kind])


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tone_style(kind: Tone) -> str:
    """A style sheet that colours a label's text in `kind`'s shade."""
    return f"color: {tone(kind).name()};"
