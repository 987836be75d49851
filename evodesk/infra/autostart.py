"""Starting evodesk with the desktop session: the XDG autostart entry, written to
``$XDG_CONFIG_HOME/autostart/`` or removed from there."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from evodesk.infra.paths import RESOURCES

ENTRY_NAME = "evodesk.desktop"
TEMPLATE = RESOURCES / ENTRY_NAME
ICON = TEMPLATE.parent / "icons" / "evodesk.svg"


def autostart_dir() -> Path:
    configured = os.environ.get("XDG_CONFIG_HOME")
    base = Path(configured) if configured and os.path.isabs(configured) else (
        Path.home() / ".config")
    return base / "autostart"


def entry_path() -> Path:
    return autostart_dir() / ENTRY_NAME


def is_installed() -> bool:
    return entry_path().is_file()


def launch_command() -> str:
    """`evodesk --tray` when the command is on PATH; otherwise this very interpreter, so
    an installation in a virtualenv starts too."""
    if shutil.which("evodesk"):
        return "evodesk --tray"
    quoted = " ".join(exec_quote(arg) for arg in (sys.executable, "-m", "evodesk", "--tray"))
    # The key file's own string escaping applies before Exec's quoting rules.
    return quoted.replace("\\", "\\\\")


_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_quote(arg: str) -> str:
    """Quoting as the Desktop Entry spec wants it for Exec: double quotes only, with
    `"`, backtick, `$` and backslash escaped inside, and `%` doubled everywhere."""
    arg = arg.replace("%", "%%")
    if not arg or any(ch in _RESERVED for ch in arg):
        escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
        return f'"{escaped}"'
    return arg


def entry_text(command: str | None = None) -> str:
    command = command or launch_command()
    lines = []
    for line in TEMPLATE.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={command}"
        elif line.startswith("TryExec=") and not command.startswith("evodesk "):
            continue  # TryExec names a program on PATH, which this command does not use
        elif line.startswith("Icon=") and not shutil.which("evodesk") and ICON.is_file():
            line = f"Icon={ICON}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(command: str | None = None) -> Path:
    """Write (or refresh) the entry; atomically, as the session may read it any time."""
    path = entry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{ENTRY_NAME}.tmp")
    tmp.write_text(entry_text(command), encoding="utf-8")
    os.replace(tmp, path)
    return path


def remove() -> bool:
    """True when there was an entry to remove."""
    try:
        entry_path().unlink()
    except FileNotFoundError:
        return False
    return True


def apply(enabled: bool) -> None:
    if enabled:
        install()
    else:
        remove()
