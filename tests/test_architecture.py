"""The layering rules, checked on the source: only ui/ touches Qt, domain stays pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "evodesk"
QT_MODULES = ("PySide6", "shiboken6", "qasync", "PyQt5", "PyQt6")
IO_MODULES = ("httpx", "sqlalchemy", "alembic", "keyring", "websockets", "aiohttp", "socketio")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(*parts: str) -> list[Path]:
    return sorted((PACKAGE.joinpath(*parts)).rglob("*.py"))


def _violations(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in files:
        for name in _imports(path):
            if name.split(".")[0] in forbidden or name in forbidden:
                found.append(f"{path.name} imports {name}")
    return found


def test_the_scan_sees_imports_it_must_catch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert _violations([bad], QT_MODULES) != []


def test_nothing_outside_ui_imports_qt() -> None:
    files = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts[:1]]
    assert len(files) > 10
    assert _violations(files, QT_MODULES) == []


@pytest.mark.parametrize("layer", ["domain"])
def test_domain_does_no_io_and_knows_no_outer_layer(layer: str) -> None:
    files = _modules(layer)
    assert files
    outer = ("evodesk.infra", "evodesk.services", "evodesk.ui", "evodesk.cli")
    assert _violations(files, IO_MODULES + outer) == []


def test_services_do_not_reach_the_ui() -> None:
    assert _violations(_modules("services"), ("evodesk.ui",)) == []
    assert _violations(_modules("infra"), ("evodesk.ui", "evodesk.services")) == []


def test_sandbox_uses_only_the_event_catalogue_of_the_app() -> None:
    allowed = {"evodesk.domain.events", "evodesk.sandbox"}
    for path in _modules("sandbox"):
        for name in _imports(path):
            if name.startswith("evodesk"):
                assert any(name == a or name.startswith(a + ".") for a in allowed), (
                    f"{path.name} imports {name}"
                )
