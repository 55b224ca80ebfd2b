"""SPEC H13: a Qt binding without the known reference-count bug, fatal errors in the log."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_H13_the_declared_pyside6_range_excludes_the_leaking_release_on_old_pythons():
    from packaging.requirements import Requirement

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    lines = [
        line.strip().strip('",')
        for line in text.splitlines()
        if line.strip().startswith('"PySide6-Essentials')
    ]
    requirements = [Requirement(line) for line in lines]
    for python in ("3.10", "3.11"):
        env = {"python_version": python}
        active = [r for r in requirements if r.marker is None or r.marker.evaluate(env)]
        assert active and all("6.12.0" not in r.specifier for r in active), (python, lines)
        assert all(r.specifier.contains("6.11.3") for r in active)


def test_H13_ordinary_qt_calls_lose_no_reference_to_none(tmp_path):
    result = _run(
        """
        import sys
        from PySide6.QtCore import QCoreApplication, QObject, Signal

        class Box(QObject):
            changed = Signal()

        app = QCoreApplication([])
        box = Box()
        before = sys.getrefcount(None)
        for _ in range(30_000):
            box.parent()
            box.changed.emit()
        app.processEvents()
        print(before - sys.getrefcount(None))
    """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100


@pytest.mark.skipif(sys.platform.startswith("win"), reason="faulthandler + SIGABRT")
def test_H13_a_fatal_error_leaves_its_trace_in_the_log(tmp_path):
    result = _run(
        f"""
        import faulthandler
        from pathlib import Path
        from craftdesk.log import setup_logging

        setup_logging(Path({str(tmp_path)!r}))
        faulthandler._sigabrt()
    """,
        tmp_path,
    )
    assert result.returncode != 0
    log_text = (tmp_path / "logs" / "craftdesk.log").read_text(encoding="utf-8")
    assert "Fatal Python error" in log_text
    assert "most recent call first" in log_text


@pytest.mark.skipif(sys.platform.startswith("win"), reason="faulthandler + SIGABRT")
def test_H13_the_trace_follows_the_log_through_its_rotations(tmp_path):
    """After the log rotated six times (12 MB), a crash still lands in craftdesk.log: the
    trace used to go into the renamed file, deleted by then."""
    result = _run(
        f"""
        import faulthandler, logging
        from pathlib import Path
        from craftdesk.log import setup_logging

        setup_logging(Path({str(tmp_path)!r}))
        line = "x" * 1000
        for _ in range(13_000):
            logging.getLogger("craftdesk.test").info(line)
        faulthandler._sigabrt()
    """,
        tmp_path,
    )
    assert result.returncode != 0
    log_text = (tmp_path / "logs" / "craftdesk.log").read_text(encoding="utf-8")
    assert "Fatal Python error" in log_text
