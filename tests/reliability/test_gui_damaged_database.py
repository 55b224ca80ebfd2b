"""A damaged database when the desktop app starts (no console to print to).

The windowed app has no stderr the user can see: the damage must be told in a dialog,
with the same guarantees as the command line (file untouched, a copy kept, exit 1).
"""

from __future__ import annotations

import hashlib
import sys

import pytest
from rel_support import db_path

pytest.importorskip("PySide6.QtWidgets")


def test_gui_start_with_a_damaged_database_shows_a_dialog(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from craftdesk.context import AppContext, MemoryTokenStore
    from craftdesk.ui import app as ui_app

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = db_path(data_dir)
    path.write_bytes(b"Das ist keine Datenbank. " * 400)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    shown: list[str] = []

    def record(box, *args, **kwargs):
        shown.append(box.text() + " " + box.informativeText())
        return QMessageBox.StandardButton.Ok

    def record_static(parent, title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", record)
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record_static))
    monkeypatch.setattr(ui_app, "notify_running_instance", lambda key: False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    ctx = AppContext(data_dir=data_dir, tokens=MemoryTokenStore(None))

    code = ui_app.run_app(ctx)

    assert code == 1
    assert any("beschädigt" in text for text in shown), shown
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert list(data_dir.glob("craftdesk.sqlite3.damaged-*"))
