"""User settings: a small JSON file in the config directory, tolerant of damage."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from evodesk.infra import wire_json

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settings:
    language: str = ""  # "" follows the system locale; "en" or "pt_BR" overrides it
    theme: str = ""  # "" follows the desktop; "light" or "dark" overrides it
    close_to_tray: bool = True
    event_retention: int = 100_000
    # An ISO date-time with its offset, or "until-resumed"; None: not paused.
    notifications_paused_until: str | None = None
    # {"types": {kind: bool}, "instances": {"<server id>/<name>": {"enabled": bool,
    #  "types": {kind: bool}}}, "rate_limit_seconds": n, "burst_seconds": n}
    notification_rules: dict[str, Any] = field(default_factory=dict)
    quiet_hours: dict[str, str] = field(default_factory=dict)  # {"start": "22:00", "end": "07:00"}
    autostart: bool = False
    shown_notices: list[str] = field(default_factory=list)  # one-time hints already given
    ui_state: dict[str, Any] = field(default_factory=dict)
    # How this computer is named to a team sharing a database; the host name when first
    # used there, then kept (a host name may change with the network).
    workstation: str | None = None

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def load_settings(path: Path) -> Settings:
    """Settings from ``path``; defaults for anything missing, unreadable or of the wrong type."""
    try:
        raw = wire_json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("Settings file %s is unreadable (%s); using defaults.", path, exc)
        return Settings()
    if not isinstance(raw, dict):
        log.warning("Settings file %s does not hold an object; using defaults.", path)
        return Settings()
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in raw:
            continue
        default = getattr(defaults, f.name)
        value = raw[f.name]
        if _accepts(f.name, default, value):
            values[f.name] = value
        else:
            log.warning("Setting %r has the wrong type or value; using its default.", f.name)
    return replace(defaults, **values)


def _accepts(name: str, default: object, value: object) -> bool:
    if default is None:  # the optional settings are all text
        return value is None or isinstance(value, str)
    if isinstance(default, int):  # bools too; and True is an int to Python, so exactly
        if type(value) is not type(default):
            return False
        return name != "event_retention" or value >= 1
    return isinstance(value, type(default))


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
