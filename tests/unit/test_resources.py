"""Icons and translations are package data read through one function (config.resources_dir)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from craftdesk import config, selfcheck

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "craftdesk"


def test_resources_are_inside_the_package():
    folder = config.resources_dir()
    assert folder.resolve() == (PACKAGE / "resources").resolve()
    for name in selfcheck.REQUIRED_ICONS:
        assert (folder / "icons" / name).is_file(), name
    assert (folder / "translations" / selfcheck.ENGLISH_CATALOGUE).is_file()


def test_only_config_locates_resources():
    """No module builds its own path to the resources (bundle folder, parent folders)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "config.py" and re.search(r"_MEIPASS|\"resources\"|'resources'", text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_top_level_resources_hold_only_sources():
    """resources/ keeps what the build reads (SVG, .ts, .ico, .icns); what the app reads at
    run time belongs into craftdesk/resources, or the wheel would miss it."""
    stray = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and p.suffix not in (".svg", ".ts", ".ico", ".icns")
    ]
    assert stray == [], "move these into craftdesk/resources (run-time files are package data)"


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


@pytest.mark.skipif(_lrelease() is None, reason="pyside6-lrelease not installed")
def test_packaged_catalogue_is_compiled_from_the_current_ts(tmp_path):
    compiled = tmp_path / "craftdesk_en.qm"
    subprocess.run(
        [_lrelease(), str(ROOT / "resources" / "translations" / "craftdesk_en.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    packaged = PACKAGE / "resources" / "translations" / "craftdesk_en.qm"
    assert compiled.read_bytes() == packaged.read_bytes(), (
        "the packaged catalogue is stale: pyside6-lrelease resources/translations/craftdesk_en.ts "
        "-qm craftdesk/resources/translations/craftdesk_en.qm"
    )
