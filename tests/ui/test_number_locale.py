"""Numbers follow the UI language: the English UI shows "2.5" and "1,234.50" and reads what
it shows; the German UI stays "2,5" and "1.234,50"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication

from craftdesk.ui import i18n
from craftdesk.ui.dialogs.common import DecimalEdit
from craftdesk.ui.style import format_decimal, format_money, parse_decimal_de


@pytest.fixture
def english(qapp):
    app = QApplication.instance()
    i18n.install_translations(app, "en")
    yield
    i18n.install_translations(app, "de")


def test_english_ui_shows_and_reads_english_numbers(english, qtbot):
    assert format_decimal(Decimal("2.5")) == "2.5"
    assert format_money(Decimal("1234.5")) == "1,234.50 €"
    assert format_decimal("58", places=2) == "58.00"
    assert parse_decimal_de("2.5") == Decimal("2.5")
    assert parse_decimal_de("1,234.50") == Decimal("1234.50")
    assert parse_decimal_de("1,234") == Decimal(1234)
    assert parse_decimal_de("1.234") == Decimal("1.234")
    assert parse_decimal_de("2,5") == Decimal("2.5")  # tolerant of the German habit
    edit = DecimalEdit(places=2)
    qtbot.addWidget(edit)
    edit.set_value(Decimal("1234.5"))
    assert edit.text() == "1,234.50" and edit.hasAcceptableInput()
    assert edit.value() == Decimal("1234.50")


def test_german_ui_keeps_german_numbers(qapp):
    i18n.install_translations(QApplication.instance(), "de")
    assert format_decimal(Decimal("2.5")) == "2,5"
    assert format_money(Decimal("1234.5")) == "1.234,50 €"
    assert parse_decimal_de("1.234,5") == Decimal("1234.5")
    assert parse_decimal_de("2.5") == Decimal("2.5")
    assert parse_decimal_de("1.234") == Decimal(1234)
