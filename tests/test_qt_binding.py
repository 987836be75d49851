"""The Qt binding itself: faults in it that would take the running app down."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_their_references_to_none(qtbot: object) -> None:
    """PySide6 6.12.0 on Python 3.11 releases one reference to None more than it takes
    for every call that returns nothing; after enough of them (minutes of live traffic)
    the interpreter aborts with "none_dealloc". pyproject.toml pins it out."""
    label = QLabel()
    qtbot.addWidget(label)  # type: ignore[attr-defined]
    before = sys.getrefcount(None)
    for _ in range(100):  # few enough that a faulty binding fails here, not at exit
        label.setText("x")
        label.setEnabled(True)
        label.update()
    assert sys.getrefcount(None) - before >= 0


def test_emoji_in_messages_render_in_colour(qtbot: object) -> None:
    """People's messages are full of emoji; a font for them is installed with evodesk's
    system packages, so they show as pictures, not as empty boxes."""
    from PySide6.QtGui import QColor

    label = QLabel("Oi 😀👍")
    qtbot.addWidget(label)  # type: ignore[attr-defined]
    label.resize(160, 40)
    image = label.grab().toImage()
    coloured = {
        QColor(image.pixel(x, y)).name()
        for x in range(image.width()) for y in range(image.height())
        if QColor(image.pixel(x, y)).hsvSaturation() > 120
    }
    assert len(coloured) > 20
