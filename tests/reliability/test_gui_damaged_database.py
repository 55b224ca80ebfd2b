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

    assert code == 5  # as the command line says a damaged database (H15: 1 is a bug)
    assert any("beschädigt" in text for text in shown), shown
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert list(data_dir.glob("craftdesk.sqlite3.damaged-*"))


def test_K2_gui_start_with_a_damaged_database_offers_the_newest_backup(qapp, tmp_path, monkeypatch):
    """With a backup in the folder, the dialog offers it; taking it replaces the damaged file
    (kept as a copy) and the window starts on the backup's data."""
    from PySide6.QtWidgets import QMessageBox

    from craftdesk.context import AppContext, MemoryTokenStore
    from craftdesk.services import backups
    from craftdesk.store.db import close_database, open_database
    from craftdesk.store.models import Customer
    from craftdesk.ui import app as ui_app

    data_dir = tmp_path / "data"
    path = db_path(data_dir)
    open_database(path)
    Customer.create(company="Gesichert GmbH")
    saved = backups.backup_now(data_dir / "backups")
    close_database()
    for suffix in ("-wal", "-shm"):
        (data_dir / f"craftdesk.sqlite3{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"Das ist keine Datenbank. " * 400)
    damaged = hashlib.sha256(path.read_bytes()).hexdigest()
    offered: list[list[str]] = []
    told: list[str] = []

    def take_the_backup(box, *args, **kwargs):
        buttons = box.buttons()
        offered.append([b.text() for b in buttons])
        restore = next(b for b in buttons if "wiederherstellen" in b.text())
        monkeypatch.setattr(box, "clickedButton", lambda: restore)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", take_the_backup)
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda p, t, text, *a, **k: told.append(text))
    )
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda p, t, text, *a, **k: told.append(text)))
    monkeypatch.setattr(ui_app, "notify_running_instance", lambda key: False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shells: list = []
    real_build = ui_app.build_shell

    def build_and_stop(*args, **kwargs):
        shell = real_build(*args, use_tray=False, start_scheduler=False, **{**kwargs})
        shells.append(shell)
        return shell

    monkeypatch.setattr(ui_app, "build_shell", build_and_stop)
    monkeypatch.setattr(ui_app.QApplication, "exec", lambda self=None: 0)
    monkeypatch.setattr(ui_app, "_quit_on_signals", lambda app, shell: None)
    monkeypatch.setattr(ui_app, "ask_to_move", lambda window: None)
    ctx = AppContext(data_dir=data_dir, tokens=MemoryTokenStore(None))

    code = ui_app.run_app(ctx)

    assert code == 0 and len(shells) == 1
    assert len(offered) == 1 and any(saved.name and "wiederherstellen" in t for t in offered[0])
    assert any("ist wiederhergestellt" in text and "damaged-" in text for text in told), told
    assert [c.company for c in Customer.select()] == ["Gesichert GmbH"]
    copies = [
        p for p in data_dir.glob("craftdesk.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(copies) == 1 and hashlib.sha256(copies[0].read_bytes()).hexdigest() == damaged
    shells[0].shutdown()
    close_database()


def test_T7_gui_start_without_the_server_offers_retry_and_this_computers_file(
    qapp, tmp_path, monkeypatch, memory_keyring
):
    """A wrong server address or a NAS still booting: the window is not locked away. The
    user can try again or start with this computer's file and correct the address there."""
    from PySide6.QtWidgets import QMessageBox

    from craftdesk.context import AppContext, MemoryTokenStore
    from craftdesk.store.db import close_database
    from craftdesk.ui import app as ui_app

    answers = iter(["Erneut versuchen", "Mit der Datei dieses Rechners starten"])
    offered: list[list[str]] = []

    def answer(box, *args, **kwargs):
        buttons = box.buttons()
        offered.append([b.text() for b in buttons])
        wanted = next(answers)
        chosen = next(b for b in buttons if b.text() == wanted)
        monkeypatch.setattr(box, "clickedButton", lambda: chosen)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(ui_app, "notify_running_instance", lambda key: False)
    monkeypatch.setattr(ui_app, "_quit_on_signals", lambda app, shell: None)
    monkeypatch.setattr(ui_app, "ask_to_move", lambda window: None)
    monkeypatch.setattr(ui_app.QApplication, "exec", lambda self=None: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shells: list = []
    real_build = ui_app.build_shell

    def build(*args, **kwargs):
        shells.append(real_build(*args, use_tray=False, start_scheduler=False, **kwargs))
        return shells[-1]

    monkeypatch.setattr(ui_app, "build_shell", build)
    ctx = AppContext(
        data_dir=tmp_path / "data",
        tokens=MemoryTokenStore(None),
        database_url="postgresql://buero:geheim@127.0.0.1:9/craftdesk?connect_timeout=2",
    )

    assert ui_app.run_app(ctx) == 0

    assert len(offered) == 2 and "Beenden" in offered[0]  # tried again once, then the file
    assert ctx.database_url is None and len(shells) == 1
    assert (tmp_path / "data" / "craftdesk.sqlite3").exists()
    shells[0].shutdown()
    close_database()
