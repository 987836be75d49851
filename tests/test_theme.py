"""Light and dark: the palettes evodesk sets, and the meaning-carrying shades readable
on both (WCAG AA, 4.5:1, on every background rows and labels sit on)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

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


def _strongest(image: QImage, area: QRect, background: QColor) -> float:
    """The contrast with `background` of the pixel in `area` that stands out most."""
    return max(contrast(image.pixelColor(x, y), background)
               for x in range(area.left(), area.right() + 1)
               for y in range(area.top(), area.bottom() + 1))


def test_unticked_check_boxes_show_a_frame_on_dark(app: QApplication) -> None:
    """An unticked box, alone, in the event picker's tree and in a menu (the tray's),
    has a frame that reads at 3:1 (WCAG's measure for controls) on what it sits on;
    text left out, only the box is drawn. Fusion draws that frame from Window, which on
    dark hid it."""
    apply_theme(app, "dark")
    window = QWidget()
    box = QCheckBox("", window)
    tree = QTreeWidget(window)
    tree.setHeaderHidden(True)
    item = QTreeWidgetItem(tree, [""])
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(0, Qt.CheckState.Unchecked)
    layout = QVBoxLayout(window)
    layout.addWidget(box)
    layout.addWidget(tree)
    window.resize(200, 160)
    layout.activate()
    image = window.grab().toImage()
    palette = app.palette()

    on_window = _strongest(image, box.geometry(), palette.color(QPalette.ColorRole.Window))
    row = tree.visualItemRect(item).translated(tree.viewport().mapTo(window, QPoint(0, 0)))
    on_base = _strongest(image, row, palette.color(QPalette.ColorRole.Base))
    menu = QMenu()
    entry = menu.addAction("")
    entry.setCheckable(True)
    shown, place = menu.grab().toImage(), menu.actionGeometry(entry)
    behind = shown.pixelColor(place.right() - 2, place.center().y())  # the menu's own
    in_menu = _strongest(shown, place, behind)
    assert on_window >= 3, round(on_window, 2)
    assert on_base >= 3, round(on_base, 2)
    assert in_menu >= 3, round(in_menu, 2)
    # The rest keeps the dark look: only the widgets that draw the boxes see another
    # Window.
    assert palette.color(QPalette.ColorRole.Window) == QColor("#2b2d30")
    assert QApplication.palette(QLabel()).color(QPalette.ColorRole.Window) == QColor(
        "#2b2d30")
    window.deleteLater()
    menu.deleteLater()
