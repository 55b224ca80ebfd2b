"""The installable wheel: built from the sources, installed (not editable) into a fresh
virtual environment, where ``craftdesk --self-check`` must pass.

Marked ``slow`` (about 15-30 s, and pip fetches the capped build backend from the package
index the first time); ``.ci/run`` runs it after the default suite:

    QT_QPA_PLATFORM=offscreen python -m pytest -m slow tests/packaging/test_wheel.py

The fresh environment gets only the wheel. Its dependencies (PySide6, keyring, ...) are
borrowed from the environment running the tests through a plain path line, so no 100 MB
download per run; a path line does not run that environment's own ``.pth`` hooks, so an
editable craftdesk there cannot shadow the installed wheel (checked below).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import craftdesk

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_RESOURCES = ROOT / "craftdesk" / "resources"
BIN = "Scripts" if sys.platform.startswith("win") else "bin"
EXE = ".exe" if sys.platform.startswith("win") else ""

pytestmark = pytest.mark.slow


def clean_env(tmp_path: Path) -> dict[str, str]:
    """No PYTHONPATH (the checkout must not be importable) and no CRAFTDESK_ overrides."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV") and not k.startswith("CRAFTDESK_")
    }
    env.update(QT_QPA_PLATFORM="offscreen", CRAFTDESK_DATA_DIR=str(tmp_path / "data"))
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources (a stale build/ folder in the checkout
    could otherwise add files that are no longer there)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "craftdesk", src / "craftdesk", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=600,
        env=clean_env(out),
        cwd=out,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("craftdesk-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed normally (pip's own install, not editable)."""
    target = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True, timeout=120)
    python = target / BIN / f"python{EXE}"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=clean_env(target),
        cwd=target,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (Path(purelib) / "craftdesk" / "__init__.py").is_file()
    # Only now the dependencies: before, pip would take an editable craftdesk there as installed.
    deps = {
        sysconfig.get_paths()["purelib"],
        sysconfig.get_paths()["platlib"],
        *(p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")),
    }
    Path(purelib, "zz_borrowed_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    return target


def test_wheel_contains_resources_metadata_and_entry_points(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = Parser().parsestr(
            archive.read(f"craftdesk-{craftdesk.__version__}.dist-info/METADATA").decode()
        )
        entry_points = archive.read(f"craftdesk-{craftdesk.__version__}.dist-info/entry_points.txt").decode()
    shipped = {p.relative_to(ROOT).as_posix() for p in PACKAGE_RESOURCES.rglob("*") if p.is_file()}
    assert {
        "craftdesk/resources/translations/craftdesk_en.qm",
        "craftdesk/resources/icons/craftdesk-256.png",
        "craftdesk/resources/icons/trayTemplate@2x.png",
    } <= shipped
    assert shipped <= names, sorted(shipped - names)
    # Sources and build-only files stay out; so do tests and the top-level resources folder.
    assert not [n for n in names if n.endswith((".ts", ".svg", ".icns", ".ico", ".pyc"))]
    assert not [n for n in names if n.split("/")[0] in ("tests", "resources", "scripts", "benchmarks")]
    assert metadata["Version"] == craftdesk.__version__
    assert metadata["License-Expression"] == "LicenseRef-Proprietary"
    assert "craftdesk = craftdesk.__main__:main" in entry_points
    assert "craftdesk-gui = craftdesk.__main__:gui_main" in entry_points


def test_installed_wheel_passes_self_check(venv, tmp_path):
    env = clean_env(tmp_path)
    python = venv / BIN / f"python{EXE}"
    where = subprocess.run(
        [str(python), "-c", "import craftdesk; print(craftdesk.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), where  # the wheel, not the checkout
    assert (venv / BIN / f"craftdesk-gui{EXE}").is_file()

    result = subprocess.run(
        [str(venv / BIN / f"craftdesk{EXE}"), "--self-check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = {
        label: value.strip()
        for label, _, value in (line.partition(":") for line in result.stdout.splitlines())
    }
    assert report["Version"].startswith(f"craftdesk {craftdesk.__version__} ")
    icons = report["Symbole"]
    assert icons.endswith("(vollständig)") and Path(icons.split(" (")[0]).resolve().is_relative_to(
        venv.resolve()
    )
    assert "craftdesk_en.qm" in report["Übersetzungen"]
    assert "englische Übersetzung fehlt" not in result.stdout
    assert report["Demo-sevDesk-Abfrage"].startswith("in Ordnung")
    assert result.stdout.rstrip().endswith("Selbsttest bestanden.")


def test_installed_wheel_reports_its_version(venv, tmp_path):
    result = subprocess.run(
        [str(venv / BIN / f"craftdesk{EXE}"), "--version"],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"craftdesk {craftdesk.__version__}"
