"""The article picker (worksheet material, invoice lines) at any number of articles: 13,000
held the window a third of a second when it opened (issue 13); now many are read on a
helper thread while the dialog is open, and a search typed meanwhile applies."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest

from craftdesk.store.models import Article
from craftdesk.ui.dialogs import article_picker
from craftdesk.ui.dialogs.article_picker import ArticlePickerDialog


def _articles(count: int) -> None:
    Article.insert_many(
        [
            {
                "number": f"A-{n:03}",
                "name": f"{'Muffe' if n % 5 == 0 else 'Rohr'} {count - n:03}",
                "net_price": Decimal("2.50"),
                "active": n % 4 != 0,
            }
            for n in range(count)
        ]
    ).execute()


def _names(picker: ArticlePickerDialog) -> list[str]:
    return [picker.proxy.record_at(row).name for row in range(picker.proxy.rowCount())]


def test_the_active_articles_are_offered_by_name_the_first_chosen(qtbot, database):
    _articles(8)
    picker = ArticlePickerDialog()
    qtbot.addWidget(picker)
    assert not picker.loading and not picker.hint.isVisibleTo(picker)
    assert _names(picker) == ["Muffe 003", "Rohr 001", "Rohr 002", "Rohr 005", "Rohr 006", "Rohr 007"]
    assert picker.view.selectionModel().selectedRows()[0].row() == 0
    picker.search.setText("muff")
    assert _names(picker) == ["Muffe 003"]


def test_no_active_article_says_so(qtbot, database):
    picker = ArticlePickerDialog()
    qtbot.addWidget(picker)
    assert picker.hint.isVisibleTo(picker) and "keine aktiven Artikel" in picker.hint.text()


@pytest.fixture
def slow_read(monkeypatch) -> dict[str, Any]:
    """Articles are read on a helper thread from 3 on; the read waits until the test lets it
    go and says on which thread it ran."""
    monkeypatch.setattr(article_picker, "BACKGROUND_ARTICLES", 3)
    state: dict[str, Any] = {"go": threading.Event(), "threads": []}
    read = article_picker.active_articles

    def slow() -> Any:
        state["threads"].append(threading.current_thread().name)
        assert state["go"].wait(10)
        return read()

    monkeypatch.setattr(article_picker, "active_articles", slow)
    return state


def test_many_articles_are_read_off_the_gui_thread_and_the_search_typed_meanwhile_applies(
    qtbot, database, slow_read
):
    _articles(40)
    picker = ArticlePickerDialog()
    qtbot.addWidget(picker)
    assert picker.loading and picker.proxy.rowCount() == 0
    assert picker.hint.isVisibleTo(picker) and "gelesen" in picker.hint.text()
    picker.search.setText("muff")
    with qtbot.waitSignal(picker.articles_read, timeout=10_000):
        slow_read["go"].set()
    assert slow_read["threads"] and slow_read["threads"][0] != threading.current_thread().name
    assert not picker.loading and not picker.hint.isVisibleTo(picker)
    assert _names(picker) == [f"Muffe {n:03}" for n in (5, 10, 15, 25, 30, 35)]  # 020, 040: inactive
    assert picker.view.selectionModel().selectedRows()[0].row() == 0
    picker.search.clear()
    assert picker.proxy.rowCount() == 30


def test_enter_while_reading_takes_the_first_hit_once_read(qtbot, database, slow_read):
    _articles(40)
    picker = ArticlePickerDialog()
    qtbot.addWidget(picker)
    picker.search.setText("muff")
    picker.ok_button.click()  # typed and Enter, before the articles are there
    assert picker.chosen is None and not picker.hint.text().startswith("Bitte")
    with qtbot.waitSignal(picker.articles_read, timeout=10_000):
        slow_read["go"].set()
    assert picker.chosen is not None and picker.chosen[0].name == "Muffe 005"
    assert picker.result() == picker.DialogCode.Accepted
