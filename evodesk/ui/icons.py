"""Icons from resources/icons (SVG), cached; a missing file gives an empty icon, not a crash."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


@cache
def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    if not path.exists():
        log.warning("Icon %s is missing from %s", name, ICONS)
        return QIcon()
    return QIcon(str(path))
