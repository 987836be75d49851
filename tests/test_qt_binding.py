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
