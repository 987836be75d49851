"""The cyclic garbage collector of the window's process.

On the GUI thread only. Python collects on whichever thread happens to allocate past the
collector's threshold, and frees all the garbage it finds there. In evodesk that is often
one of the store's worker threads, and the garbage can hold Qt objects: a presenter left
in a reference cycle (its task's exception, the traceback, the presenter) by a dialog
that has closed. A QObject destroyed outside its thread can crash the process. So once
the application object exists (install), automatic collection is off and a timer on the
GUI thread runs the collections Python would have run, generation by generation, with
its thresholds, a few times a second.

Around start-up. Start-up builds some 85,000 long-lived objects (modules, classes, Qt
wrappers, the database's table metadata) and next to no garbage; from the application
object on, the collector would run about 100 times over them, some 60 ms of a start. So
collection pauses while the application starts, and once the desktop runs everything
alive is moved to the permanent generation (gc.freeze): later full collections, such as
those during an event storm, walk only what was made after start-up.

Only the application's own start pauses (create_application); a desktop started without
it, as in the tests, leaves the collector's rhythm alone.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer

INTERVAL_MS = 250

_paused = False
_installed: GuiThreadCollector | None = None


class GuiThreadCollector(QObject):
    """Runs the collections that are due, on the thread this object lives in."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        threshold = gc.get_threshold()
        self._thresholds = (threshold[0], threshold[1], threshold[2])
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def collect_due(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold, as Python
        would on an allocation; the generation collected, or None."""
        if _paused or self._thresholds[0] == 0:
            return None
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return generation
        return None


def install(app: QCoreApplication) -> GuiThreadCollector:
    """From now on collect only on `app`'s thread; a second call returns the first
    collector."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
        _installed.start()
    gc.disable()
    return _installed


def installed() -> GuiThreadCollector | None:
    return _installed


def pause() -> None:
    """Stop collection until resume(); nothing to do if it is already off."""
    global _paused
    if gc.isenabled() or (_installed is not None and not _paused):
        gc.disable()
        _paused = True


def resume() -> None:
    """After pause(): freeze what start-up built, then collect again: on the GUI thread
    once installed, automatically otherwise."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        if _installed is None:
            gc.enable()
