"""The PyInstaller build (build.spec), the Windows installer built from it, and the icons.

The build itself takes one to several minutes, so it only runs when asked, from the locked
build environment (build.spec refuses any other; see the README, "Build the app"):

    CRAFTDESK_BUILD_TEST=1 QT_QPA_PLATFORM=offscreen .venv-build/bin/python -m pytest tests/packaging -m slow

(``-m slow`` because the default options deselect slow tests; ``-m ""`` runs all.)

It builds the one-folder app into a temp folder, runs the built ``craftdesk-debug
--self-check`` offscreen, checks what the spec wrote for macOS (Info.plist) and Windows
(version resources) on every platform, and builds the Windows installer from the folder
with ``makensis`` when NSIS is installed. The icon container checks are fast and always run.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "release" / "windows"))
sys.path.insert(0, str(ROOT / "release"))
import build_installer  # noqa: E402
import bundle_info  # noqa: E402

from craftdesk import __version__, autostart  # noqa: E402

ICONS = ROOT / "resources" / "icons"  # SVG sources and the build-only .ico/.icns
PACKAGE_ICONS = ROOT / "craftdesk" / "resources" / "icons"  # read at run time
EXE_SUFFIX = ".exe" if sys.platform.startswith("win") else ""
OS_KEYRING_BACKEND = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, "SecretService")

build_requested = pytest.mark.skipif(
    os.environ.get("CRAFTDESK_BUILD_TEST") != "1",
    reason="slow PyInstaller build: set CRAFTDESK_BUILD_TEST=1 to run it",
)
needs_pyinstaller = pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None,
    reason="PyInstaller is not installed (pip install -e .[build])",
)


# -- icons (fast) -----------------------------------------------------------------------
def ico_sizes(data: bytes) -> list[int]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _colors, _res, _planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert width == height and bits == 32
        assert offset + length <= len(data)
        sizes.append(width or 256)
    return sizes


def icns_types(data: bytes) -> dict[bytes, int]:
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    found, offset = {}, 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        payload = data[offset + 8 : offset + length]
        assert payload.startswith(b"\x89PNG"), kind
        width, height = struct.unpack_from(">II", payload, 16)  # PNG IHDR
        assert width == height
        found[kind] = width
        offset += length
    assert offset == len(data)
    return found


def test_ico_holds_every_windows_size():
    assert ico_sizes((ICONS / "craftdesk.ico").read_bytes()) == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_retina_and_normal_sizes():
    types = icns_types((ICONS / "craftdesk.icns").read_bytes())
    assert types[b"icp4"] == 16 and types[b"ic11"] == 32  # 16 pt at 1x and 2x
    assert types[b"ic07"] == 128 and types[b"ic13"] == 256
    assert types[b"ic09"] == 512 and types[b"ic10"] == 1024


def icns_frame(data: bytes, wanted: bytes) -> bytes:
    offset = 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        if kind == wanted:
            return data[offset + 8 : offset + length]
        offset += length
    raise AssertionError(wanted)


def opaque_extent(image) -> tuple[int, int]:
    """First and last column with a visible pixel (every 4th row sampled)."""
    columns = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y).alpha() > 0 for y in range(0, image.height(), 4))
    ]
    return columns[0], columns[-1]


def test_icns_art_follows_apples_824_of_1024_grid(qapp):
    from PySide6.QtGui import QImage

    image = QImage.fromData(icns_frame((ICONS / "craftdesk.icns").read_bytes(), b"ic10"))
    assert image.width() == 1024
    first, last = opaque_extent(image)
    assert abs((last - first + 1) - 824) <= 4 and abs(first - 100) <= 2, (first, last)
    # Windows and the window icon keep the full-bleed art (no macOS margin there).
    first, last = opaque_extent(QImage(str(PACKAGE_ICONS / "craftdesk-1024.png")))
    assert last - first + 1 > 900


def test_macos_tray_template_is_black_on_transparent(qapp):
    from PySide6.QtGui import QImage

    for name, size in (("trayTemplate.png", 18), ("trayTemplate@2x.png", 36)):
        image = QImage(str(PACKAGE_ICONS / name)).convertToFormat(QImage.Format.Format_ARGB32)
        assert image.width() == size
        pixels = [image.pixelColor(x, y).getRgb() for x in range(size) for y in range(size)]
        visible = [rgba for rgba in pixels if rgba[3] > 0]
        assert visible, name
        assert all(rgba[:3] == (0, 0, 0) for rgba in visible), name
        assert any(rgba[3] == 0 for rgba in pixels), name


def test_spec_names_the_icons_it_embeds():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    for name in re.findall(r'"(craftdesk\.(?:ico|icns))"', spec):
        assert (ICONS / name).is_file(), name
    assert 'collect_submodules("keyring.backends")' in spec
    assert 'copy_metadata("keyring")' in spec
    assert '(str(ROOT / "craftdesk" / "resources"), "craftdesk/resources")' in spec


# -- the build (slow) -------------------------------------------------------------------
@pytest.fixture(scope="module")
def built_app(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(base / "dist"),
            "--workpath",
            str(base / "work"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-4000:]  # also when the environment is not the lock
    return base


def run_self_check(app_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRAFTDESK_")}
    env.update(QT_QPA_PLATFORM="offscreen", CRAFTDESK_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run(
        [str(app_dir / f"craftdesk-debug{EXE_SUFFIX}"), "--self-check"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def app_folder(built_app: Path) -> Path:
    if sys.platform == "darwin":
        return built_app / "dist" / "craftdesk.app" / "Contents" / "MacOS"
    return built_app / "dist" / "craftdesk"


@pytest.mark.slow
@build_requested
@needs_pyinstaller
def test_built_app_passes_self_check_offscreen(built_app, tmp_path):
    result = run_self_check(app_folder(built_app), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = {
        label: value.strip()
        for label, _, value in (line.partition(":") for line in result.stdout.splitlines())
    }
    assert report["Version"].endswith("gebündelt)")
    assert report["Qt-Plattform"] == "offscreen"
    assert OS_KEYRING_BACKEND in report["Schlüsselbund-Module"]  # entry points + metadata bundled
    assert report["TLS-Zertifikate"] != "fehlen"
    assert {"svg", "ico", "png"} <= set(report["Bildformate"].split(", "))
    assert report["Qt-Übersetzung (de)"] == "gefunden"
    assert report["Symbole"].endswith("(vollständig)")
    assert report["Oberfläche"] == "ladbar"
    # Team mode (T1): the PostgreSQL driver and its libpq are in the bundle.
    assert (
        report["PostgreSQL-Treiber"].startswith("psycopg ")
        and "(binary, libpq " in report["PostgreSQL-Treiber"]
    )
    assert report["Demo-sevDesk-Abfrage"].startswith("in Ordnung")
    assert result.stdout.rstrip().endswith("Selbsttest bestanden.")


@pytest.mark.slow
@build_requested
@needs_pyinstaller
def test_bundle_has_both_executables_and_no_excluded_qt_parts(built_app):
    folder = app_folder(built_app)
    assert (folder / f"craftdesk{EXE_SUFFIX}").is_file()
    assert (folder / f"craftdesk-debug{EXE_SUFFIX}").is_file()
    root = built_app / "dist" / ("craftdesk.app" if sys.platform == "darwin" else "craftdesk")
    files = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    qt_translations = [f for f in files if re.search(r"PySide6/(Qt/)?translations/", f)]
    assert qt_translations and all(f.endswith("_de.qm") for f in qt_translations)
    # Our own catalogues and icons are all there, whatever their language.
    for source in (ROOT / "craftdesk" / "resources").rglob("*"):
        if source.is_file():
            relative = source.relative_to(ROOT).as_posix()
            assert any(f.endswith(relative) for f in files), relative
    assert not [f for f in files if re.search(r"(?:^|/)(?:lib)?Qt6?(?:Qml|Quick|Pdf|VirtualKeyboard)[./]", f)]
    # No craftdesk module imports a Qt module the spec excludes.
    warnings = (built_app / "work" / "build" / "warn-build.txt").read_text(encoding="utf-8")
    assert not re.search(r"excluded module named PySide6\.\S+ - imported by [^\n]*craftdesk", warnings)


def check_info_plist(info: dict) -> None:
    assert info["CFBundleIdentifier"] == "de.craftdesk.app"
    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == __version__
    # Qt 6.10+ (the locked PySide6 wheels are tagged macosx_13_0) needs macOS 13.
    assert tuple(int(n) for n in info["LSMinimumSystemVersion"].split(".")) >= (13, 0)
    assert info["NSHighResolutionCapable"] is True
    assert info["LSBackgroundOnly"] is False and info["LSUIElement"] is False
    assert info["LSApplicationCategoryType"] == "public.app-category.business"


@pytest.mark.slow
@build_requested
@needs_pyinstaller
def test_spec_writes_the_info_plist_for_macos(built_app):
    """What the spec hands to BUNDLE, written on every platform (the same dict)."""
    check_info_plist(plistlib.loads((built_app / "work" / "build" / "Info.plist").read_bytes()))


@pytest.mark.slow
@build_requested
@needs_pyinstaller
@pytest.mark.skipif(sys.platform != "darwin", reason="macOS app bundle")
def test_macos_bundle_info_plist(built_app):
    info = plistlib.loads((built_app / "dist" / "craftdesk.app" / "Contents" / "Info.plist").read_bytes())
    check_info_plist(info)
    assert info["CFBundleExecutable"] == "craftdesk"


@pytest.mark.slow
@build_requested
@needs_pyinstaller
def test_spec_writes_version_resources_for_both_executables(built_app):
    for name in ("craftdesk", "craftdesk-debug"):
        text = (built_app / "work" / "build" / f"version-{name}.txt").read_text(encoding="utf-8")
        ast.parse(text, mode="eval")  # PyInstaller evaluates it on Windows
        assert f"StringStruct('OriginalFilename', '{name}.exe')" in text
        assert f"StringStruct('ProductVersion', '{__version__}')" in text
        v4 = bundle_info.windows_version4(__version__)
        assert f"filevers={v4}" in text


def pe_version(data: bytes) -> tuple[tuple[int, int, int, int], dict[str, str]]:
    """The fixed file version and the strings of a PE file's version resource."""
    at = data.find(struct.pack("<I", 0xFEEF04BD))
    assert at > 0, "no VS_FIXEDFILEINFO"
    _sig, _struct, ms, ls = struct.unpack_from("<IIII", data, at)
    strings = {}
    for key in ("ProductName", "ProductVersion", "FileVersion", "CompanyName"):
        encoded = (key + "\0").encode("utf-16-le")
        start = data.find(encoded, at)
        assert start > 0, key
        start += len(encoded)
        while data[start : start + 2] == b"\0\0":  # padding to 32-bit alignment
            start += 2
        end = data.find(b"\0\0", start)
        end += (end - start) % 2  # stay on a UTF-16 boundary
        strings[key] = data[start:end].decode("utf-16-le")
    return (ms >> 16, ms & 0xFFFF, ls >> 16, ls & 0xFFFF), strings


@pytest.mark.slow
@build_requested
@needs_pyinstaller
@pytest.mark.skipif(shutil.which("makensis") is None, reason="NSIS not installed (apt-get install nsis)")
def test_windows_installer_builds_from_the_one_folder_build(built_app, tmp_path):
    """The per-user installer script, built with makensis from the one-folder build made
    above (on Linux that folder holds Linux programs: this checks the script, the listing
    and the installer's own version resource, not a Windows run)."""
    setup, listing = build_installer.build(app_folder(built_app), tmp_path, fast=True, verbosity=4)
    assert setup.name == f"craftdesk-{__version__}-windows-setup.exe"
    uninstall_key = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\craftdesk"
    expected = [
        'InstallDir: "$LOCALAPPDATA\\Programs\\craftdesk"',
        'CreateShortcut: "$SMPROGRAMS\\craftdesk.lnk"->"$INSTDIR\\craftdesk.exe"',
        'WriteUninstaller: "$INSTDIR\\uninstall.exe"',
        f"WriteRegStr: {uninstall_key}\\DisplayVersion={__version__}",
        f'WriteRegStr: {uninstall_key}\\UninstallString="$INSTDIR\\uninstall.exe"',
        f'WriteRegStr: HKCU\\{autostart.RUN_KEY}\\craftdesk="$INSTDIR\\craftdesk.exe"',
        f'VIAddVersionKey: "ProductVersion" "{__version__}"',
        'File: "craftdesk-debug"',
    ]
    for line in expected:
        assert line in listing, line
    assert "HKLM" not in listing
    assert not re.search(r"^warning", listing, re.IGNORECASE | re.MULTILINE), listing[-3000:]
    data = setup.read_bytes()
    assert data[:2] == b"MZ"
    version, strings = pe_version(data)
    assert version == bundle_info.windows_version4(__version__)
    assert strings["ProductName"] == "craftdesk" and strings["ProductVersion"] == __version__
    assert b'level="asInvoker"' in data  # no elevation prompt: a per-user install


@pytest.mark.slow
@build_requested
@needs_pyinstaller
@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("ldd"), reason="ELF only")
def test_trimming_left_no_qt_library_unresolved(built_app):
    internal = built_app / "dist" / "craftdesk" / "_internal"
    unresolved = []
    for path in internal.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        unresolved += [
            f"{path.name}: {line.strip()}"
            for line in out.splitlines()
            if "not found" in line and "libQt6" in line
        ]
    assert not unresolved


# The README ("Linux: which distributions") promises the bundle runs where glibc is at least
# this new; a build made on a newer distribution would silently raise the floor.
SUPPORTED_GLIBC = (2, 36)


@pytest.mark.slow
@build_requested
@needs_pyinstaller
@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("objdump"), reason="ELF only")
def test_linux_bundle_needs_no_newer_glibc_than_documented(built_app):
    folder = built_app / "dist" / "craftdesk"
    newest: dict[tuple[int, ...], str] = {}
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file() or not (path.suffix == "" or ".so" in path.name):
            continue
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False).stdout
        for found in set(re.findall(r"GLIBC_(\d+(?:\.\d+)+)", out)):
            newest.setdefault(tuple(int(n) for n in found.split(".")), path.name)
    assert newest, "no glibc symbol versions found"
    top = max(newest)
    assert top <= SUPPORTED_GLIBC, (
        f"{newest[top]} needs glibc {'.'.join(map(str, top))}: build on an older distribution or "
        "update the README's list of supported distributions"
    )
