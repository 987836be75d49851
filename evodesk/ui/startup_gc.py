"""The cyclic garbage collector around start-up.

Start-up builds some 85,000 long-lived objects (modules, classes, Qt wrappers, the
database's table metadata) and next to no garbage; from the application object on, the
collector would run about 100 times over them, some 60 ms of a start. So collection
pauses while the application starts, and once the desktop runs everything alive is moved
to the permanent generation (gc.freeze): later full collections, such as those during an
event storm, walk only what was made after start-up.

Only the application's own start pauses (create_application); a desktop started without
it, as in the tests, leaves the collector alone.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop automatic collection until resume(); nothing to do if it is already off."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """After pause(): freeze what start-up built, then collect automatically again."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
