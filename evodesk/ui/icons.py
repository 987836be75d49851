"""Icons from resources/icons (SVG), cached; a missing file gives an empty icon, not a crash."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QIcon

from evodesk.infra.paths import RESOURCES

log = logging.getLogger(__name__)

ICONS = RESOURCES / "icons"


@cache
def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    if not path.exists():
        log.warning("Icon %s is missing from %s", name, ICONS)
        return QIcon()
    return QIcon(str(path))
