"""macOS look and install place: template tray glyph, the request to move a translocated app."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from craftdesk.ui import install_location, tray


def test_macos_tray_uses_the_template_glyph_as_a_mask(qapp, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    icon = tray.tray_icon()
    assert icon.isMask() is True
    image = icon.pixmap(18, 18).toImage()
    visible = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 0
    ]
    assert visible and all(c.red() == c.green() == c.blue() == 0 for c in visible)  # black template


def test_other_platforms_keep_the_coloured_tray_glyph(qapp, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    icon = tray.tray_icon()
    assert icon.isMask() is False
    image = icon.pixmap(32, 32).toImage()
    assert any(image.pixelColor(x, y).saturation() > 60 for x in range(32) for y in range(32))


def test_translocated_app_asks_to_be_moved(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(
        sys,
        "executable",
        "/private/var/folders/a/T/AppTranslocation/X/d/craftdesk.app/Contents/MacOS/craftdesk",
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    box = install_location.ask_to_move(parent)
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    assert "„Programme“" in box.text() and box.textFormat() == Qt.TextFormat.PlainText
    box.close()


def test_installed_app_does_not_ask(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/Applications/craftdesk.app/Contents/MacOS/craftdesk")
    assert install_location.ask_to_move(None) is None


def test_not_installed_sentence_is_translated_for_the_english_ui(qapp):
    from craftdesk import autostart
    from craftdesk.messages import TEMPLATES
    from craftdesk.sync import messages
    from craftdesk.ui import i18n

    assert autostart.NOT_INSTALLED.key in TEMPLATES  # the one table of service sentences
    assert i18n.install_translations(qapp, "en") == "en"
    try:
        assert messages.localize(autostart.NOT_INSTALLED).startswith("craftdesk is not running from")
    finally:
        i18n.install_translations(qapp, "de")
