"""Light and dark: the palettes evodesk sets, and the meaning-carrying shades readable
on both (WCAG AA, 4.5:1, on every background rows and labels sit on)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from evodesk.domain.models import ConnectionState, Instance
from evodesk.ui.theme import THEMES, Tone, apply_theme, contrast, is_dark, tone

BACKGROUNDS = (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase,
               QPalette.ColorRole.Window)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The shared application, its style and palette put back afterwards."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_tone_reads_on_every_background(app: QApplication, theme: str) -> None:
    apply_theme(app, theme)
    palette = app.palette()
    assert is_dark(palette) is (theme == "dark")
    for role in BACKGROUNDS:
        background = palette.color(role)
        for kind in Tone:
            ratio = contrast(tone(kind, palette), background)
            assert ratio >= 4.5, (theme, role.name, kind.value, round(ratio, 2))
        assert contrast(palette.color(QPalette.ColorRole.Text), background) >= 7


def test_dark_sets_fusion_with_light_text_on_dark_and_readable_disabled_text(
    app: QApplication,
) -> None:
    apply_theme(app, "dark")
    palette = app.palette()
    assert app.style().name().lower() == "fusion"
    assert palette.color(QPalette.ColorRole.Window).lightnessF() < 0.3
    assert palette.color(QPalette.ColorRole.WindowText).lightnessF() > 0.8
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert 2.5 <= contrast(disabled, palette.color(QPalette.ColorRole.Base)) < contrast(
        palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base))


def test_no_choice_leaves_the_desktop_palette(app: QApplication) -> None:
    before = app.palette().color(QPalette.ColorRole.Window)
    apply_theme(app, "")
    assert app.palette().color(QPalette.ColorRole.Window) == before
    assert THEMES == ("", "light", "dark")


def test_contrast_matches_known_values() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#123456"), QColor("#123456")) == pytest.approx(1.0)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_table_colours_states_in_the_shade_of_the_theme(
    app: QApplication, theme: str
) -> None:
    from evodesk.ui.instance_model import Column, InstanceTableModel
    from evodesk.ui.widgets import Banner

    apply_theme(app, theme)
    model = InstanceTableModel()
    model.set_instances([
        Instance(server_id=1, name="loja-sp", connection_state=ConnectionState.OPEN),
        Instance(server_id=1, name="loja-rj", connection_state=ConnectionState.CLOSE),
    ], {1: "Matriz"})
    open_brush = model.data(model.index(0, Column.WHATSAPP), Qt.ItemDataRole.ForegroundRole)
    closed_brush = model.data(model.index(1, Column.WHATSAPP), Qt.ItemDataRole.ForegroundRole)
    assert open_brush.color() == tone(Tone.OK, app.palette())
    assert closed_brush.color() == tone(Tone.ERROR, app.palette())
    banner = Banner()
    banner.show_text("Webhook enabled.", "ok")
    assert tone(Tone.OK, app.palette()).name() in banner.styleSheet()
    banner.deleteLater()


def test_the_command_line_and_the_settings_name_the_theme(tmp_path: object) -> None:
    from pathlib import Path

    from evodesk.cli import build_parser
    from evodesk.infra.settings import Settings, load_settings, save_settings

    assert build_parser().parse_args(["--theme", "dark"]).theme == "dark"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--theme", "purple"])
    path = Path(str(tmp_path)) / "settings.json"
    save_settings(path, Settings(theme="dark"))
    assert load_settings(path).theme == "dark"
