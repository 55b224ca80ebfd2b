"""Release configuration that can be checked on any platform: the lock file, the macOS
Info.plist and signing settings, the Windows version resource, the installer and build
scripts (their Windows-only behaviour is checked by reading them)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import craftdesk
from craftdesk import autostart

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "release"))
import bundle_info  # noqa: E402

LOCK = (ROOT / "release" / "build-lock.txt").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


# -- one version number ------------------------------------------------------------------
def test_version_lives_only_in_the_package():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "craftdesk.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", craftdesk.__version__)
    for path in (
        "build.spec",
        "release/windows/craftdesk.nsi",
        "scripts/build_app.sh",
        "scripts/build_app.ps1",
    ):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert craftdesk.__version__ not in text, path


def test_license_is_an_spdx_expression_and_the_build_backend_is_capped():
    assert PYPROJECT["project"]["license"] == "LicenseRef-Proprietary"
    (backend,) = PYPROJECT["build-system"]["requires"]
    requirement = Requirement(backend)
    assert requirement.name == "setuptools"
    assert any(spec.operator == "<" for spec in requirement.specifier)
    assert requirement.specifier.contains("77.0.0") and not requirement.specifier.contains("76.0.0")


# -- the lock file -------------------------------------------------------------------------
def test_lock_pins_every_package_with_hashes():
    pins = bundle_info.lock_pins(LOCK)
    assert len(pins) >= 15
    blocks = re.split(r"\n(?=[A-Za-z0-9])", LOCK.split("\n", 6)[-1])
    for block in blocks:
        if re.match(r"[A-Za-z0-9]", block):
            assert "--hash=sha256:" in block, block.splitlines()[0]


def test_lock_satisfies_the_library_ranges_and_the_build_extra():
    pinned = {name: version for name, version, _marker in bundle_info.lock_pins(LOCK)}
    wanted = [*PYPROJECT["project"]["dependencies"], *PYPROJECT["project"]["optional-dependencies"]["build"]]
    for line in wanted:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate(
            {"python_version": "3.11", "python_full_version": "3.11.9"}
        ):
            continue
        name = bundle_info.normalize(requirement.name)
        assert name in pinned, f"{name} missing from the lock: pip install uv, then scripts/lock_build.sh"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"lock has {name} {pinned[name]}, pyproject wants {requirement.specifier}: "
            "pip install uv, then scripts/lock_build.sh"
        )


def test_lock_ships_no_pyside6_with_the_refcount_bug():
    pinned = {name: version for name, version, _marker in bundle_info.lock_pins(LOCK)}
    assert pinned["pyside6-essentials"] != "6.12.0"
    assert pinned["shiboken6"] == pinned["pyside6-essentials"]


def test_lock_covers_windows_and_macos_only_packages():
    markers = {name: marker for name, _version, marker in bundle_info.lock_pins(LOCK)}
    assert "win32" in (markers.get("pywin32-ctypes") or "")  # keyring's Windows backend
    assert "pefile" in markers and "macholib" in markers  # PyInstaller on Windows / macOS


def test_lock_mismatches_name_missing_and_different_packages():
    text = (
        "# comment\nfoo==1.0 \\\n    --hash=sha256:aa\nbar-baz==2.0 ; sys_platform == 'win32' \\\n"
        "    --hash=sha256:bb\nqux==3.0 \\\n    --hash=sha256:cc\n"
    )
    installed = {"foo": "1.0", "qux": "3.1"}
    problems = bundle_info.lock_mismatches(text, installed.get, lambda marker: "linux" in marker)
    assert problems == ["qux is 3.1, the lock has 3.0"]
    problems = bundle_info.lock_mismatches(text, installed.get, lambda marker: "win32" in marker)
    assert problems == ["bar-baz 2.0 is not installed", "qux is 3.1, the lock has 3.0"]


def test_spec_refuses_an_environment_outside_the_lock():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "bundle_info.check_environment()" in spec
    assert "if mismatches and not options.unlocked:\n    raise SystemExit(" in spec


# -- macOS -------------------------------------------------------------------------------
def test_macos_minimum_follows_the_newest_wheel_tag():
    tags = ["cp310-abi3-macosx_13_0_universal2", "cp311-cp311-macosx_11_0_arm64"]
    assert bundle_info.macos_minimum(tags) == "13.0"
    assert (
        bundle_info.macos_minimum(["cp310-abi3-manylinux_2_28_x86_64"]) == bundle_info.DEFAULT_MACOS_MINIMUM
    )


def test_info_plist_has_the_keys_macos_needs():
    info = bundle_info.info_plist("1.2.3", "13.0")
    assert info["LSMinimumSystemVersion"] == "13.0"
    assert info["CFBundleIdentifier"] == autostart.BUNDLE_ID
    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == "1.2.3"
    assert info["NSHighResolutionCapable"] is True
    assert info["LSBackgroundOnly"] is False and info["LSUIElement"] is False


def test_macos_signing_is_configurable_and_off_by_default():
    assert bundle_info.macos_signing({}) == bundle_info.MacSigning(None, None, None)
    signing = bundle_info.macos_signing(
        {
            "CRAFTDESK_CODESIGN_IDENTITY": "Developer ID Application: X (T)",
            "CRAFTDESK_MACOS_ARCH": "universal2",
        }
    )
    assert signing.identity == "Developer ID Application: X (T)"
    assert signing.entitlements == str(bundle_info.DEFAULT_ENTITLEMENTS)
    assert signing.target_arch == "universal2"
    assert bundle_info.DEFAULT_ENTITLEMENTS.is_file()
    with pytest.raises(SystemExit):
        bundle_info.macos_signing({"CRAFTDESK_MACOS_ARCH": "ppc"})


# -- Windows -------------------------------------------------------------------------------
def test_windows_version_resource_text_evaluates_to_the_version():
    recorded: dict[str, object] = {}

    def record(kind):
        def make(*args, **kwargs):
            recorded.setdefault(kind, []).append((args, kwargs))
            return kind

        return make

    names = {
        k: record(k)
        for k in (
            "VSVersionInfo",
            "FixedFileInfo",
            "StringFileInfo",
            "StringTable",
            "StringStruct",
            "VarFileInfo",
            "VarStruct",
        )
    }
    eval(bundle_info.windows_version_file("1.2.3", "craftdesk.exe"), {"__builtins__": {}}, names)
    ((_args, fixed),) = recorded["FixedFileInfo"]
    assert fixed["filevers"] == fixed["prodvers"] == (1, 2, 3, 0)
    strings = dict(args for args, _ in recorded["StringStruct"])
    assert strings["ProductVersion"] == "1.2.3" and strings["OriginalFilename"] == "craftdesk.exe"
    assert strings["ProductName"] == "craftdesk"
    assert bundle_info.windows_version4("2.0") == (2, 0, 0, 0)
    with pytest.raises(ValueError):
        bundle_info.windows_version4("70000.0.0")


def test_installer_script_is_per_user_with_shortcut_uninstaller_and_autostart():
    nsi = (ROOT / "release" / "windows" / "craftdesk.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in nsi
    assert "HKLM" not in nsi  # nothing that needs administrator rights
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP}"' in nsi
    assert 'CreateShortCut "$SMPROGRAMS\\${APP}.lnk"' in nsi
    assert "WriteUninstaller" in nsi
    assert 'Section /o "Mit Windows starten"' in nsi  # optional, off unless chosen
    # The same Run value as the app's own setting, and StartupApproved is respected.
    assert autostart.RUN_KEY in nsi and autostart.APPROVED_KEY in nsi
    # The data folder is never removed.
    assert "APPDATA" not in re.sub(r";.*", "", nsi.split('Section "Uninstall"')[1])


def test_powershell_build_names_python_311_and_survives_stderr():
    ps1 = (ROOT / "scripts" / "build_app.ps1").read_text(encoding="utf-8")
    assert "py -3.11" in ps1 and "py -3 " not in ps1
    assert "--require-hashes -r release\\build-lock.txt" in ps1
    # Windows PowerShell 5.1 turns a native program's stderr into a terminating error under
    # $ErrorActionPreference = "Stop": native calls run through a wrapper that relaxes it
    # and checks the exit code instead.
    assert "function Invoke-Native" in ps1
    body = ps1.split("function Invoke-Native", 1)[1].split("\n}\n", 1)[0]
    assert '$ErrorActionPreference = "Continue"' in body and "$LASTEXITCODE" in body
    lines = ps1.splitlines()
    native = re.compile(
        r"& \$python\b|(?<![.\w])py -3|PyInstaller|makensis|signtool|\.exe --self-check|cmd /c"
    )
    unwrapped = [
        line.strip()
        for number, line in enumerate(lines)
        if native.search(line)
        and not line.lstrip().startswith("#")
        and "Invoke-Native" not in line
        and not lines[number - 1].rstrip().endswith("{")
    ]
    assert unwrapped == [], unwrapped  # every native call goes through Invoke-Native


def test_shell_build_uses_the_lock():
    sh = (ROOT / "scripts" / "build_app.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r release/build-lock.txt" in sh
    assert "pip install -e" not in sh
