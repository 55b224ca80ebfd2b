"""Entry points: the windowed start works without console streams (Windows pythonw/exe)."""

from __future__ import annotations

import sys

import pytest

from craftdesk import __main__ as entry


def test_windowed_start_without_console_streams_reports_errors_without_crashing(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    # An unknown project: the CLI writes its one-sentence error to stderr and exits 5.
    monkeypatch.setattr(sys, "argv", ["craftdesk", "--data-dir", str(tmp_path), "invoice", "42"])
    with pytest.raises(SystemExit) as info:
        entry.main()
    assert info.value.code == 5
    assert sys.stderr is not None and sys.stdout is not None


def test_gui_main_puts_gui_and_demo_in_place(monkeypatch):
    seen = []
    monkeypatch.setattr("craftdesk.cli.main", lambda args: seen.append(args) or 0)
    monkeypatch.setattr(sys, "argv", ["craftdesk-gui", "--data-dir", "D", "--demo"])
    with pytest.raises(SystemExit):
        entry.gui_main()
    assert seen == [["--data-dir", "D", "gui", "--demo"]]
