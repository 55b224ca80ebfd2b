"""What the release build writes into the bundles, in one place (read by build.spec, the
Windows installer build and the tests): the macOS Info.plist, the Windows version
resource, the signing settings, and the check that the build environment matches the lock.

Plain Python (no PyInstaller import), so the tests can check it on any platform.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

APP = "craftdesk"
BUNDLE_ID = "de.craftdesk.app"  # also the LaunchAgent label; macOS ties Keychain access to it
PUBLISHER = "craftdesk"
DESCRIPTION = "craftdesk – Büro-App für Handwerksbetriebe mit sevDesk-Anbindung"
COPYRIGHT = "© craftdesk"
# Qt 6.10 and later (the locked PySide6) need macOS 13; used when the wheel tag is unknown.
DEFAULT_MACOS_MINIMUM = "13.0"
RELEASE_DIR = Path(__file__).resolve().parent
LOCK_FILE = RELEASE_DIR / "build-lock.txt"
DEFAULT_ENTITLEMENTS = RELEASE_DIR / "macos" / "entitlements.plist"

# Environment variables a release build reads (none are needed for an unsigned build).
ENV_CODESIGN_IDENTITY = "CRAFTDESK_CODESIGN_IDENTITY"  # e.g. "Developer ID Application: … (TEAMID)"
ENV_ENTITLEMENTS = "CRAFTDESK_ENTITLEMENTS"  # path; default release/macos/entitlements.plist
ENV_MACOS_ARCH = "CRAFTDESK_MACOS_ARCH"  # arm64, x86_64 or universal2; default: the build Mac's


def macos_minimum(wheel_tags: list[str]) -> str:
    """The oldest macOS the bundle runs on: the newest minimum among the binary wheels'
    tags (e.g. ``cp310-abi3-macosx_13_0_universal2`` -> ``13.0``)."""
    found = []
    for tag in wheel_tags:
        match = re.search(r"macosx_(\d+)_(\d+)_", tag)
        if match:
            found.append((int(match.group(1)), int(match.group(2))))
    if not found:
        return DEFAULT_MACOS_MINIMUM
    major, minor = max(found)
    return f"{major}.{minor}"


def info_plist(version: str, minimum_macos: str) -> dict[str, object]:
    """The Info.plist keys of craftdesk.app beyond what PyInstaller's BUNDLE writes itself."""
    return {
        "CFBundleName": APP,
        "CFBundleDisplayName": APP,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": minimum_macos,
        "NSHighResolutionCapable": True,
        "LSUIElement": False,  # a Dock icon while the window is open
        # BUNDLE inherits "console" from the last EXE (craftdesk-debug) and would otherwise
        # mark the app as background-only: no Dock icon, no menu bar.
        "LSBackgroundOnly": False,
        "NSHumanReadableCopyright": COPYRIGHT,
        "LSApplicationCategoryType": "public.app-category.business",
        "CFBundleDevelopmentRegion": "de",
        "CFBundleLocalizations": ["de", "en"],
        # Follows the system's dark mode (Qt draws both).
        "NSRequiresAquaSystemAppearance": False,
    }


@dataclass(frozen=True)
class MacSigning:
    identity: str | None
    entitlements: str | None
    target_arch: str | None


def macos_signing(env: Mapping[str, str] | None = None) -> MacSigning:
    """Signing identity, entitlements and architecture of the macOS build, from the
    environment. No identity: PyInstaller's ad-hoc signature (fine for testing, blocked by
    Gatekeeper for others). With an identity the hardened runtime needs the entitlements."""
    env = os.environ if env is None else env
    identity = env.get(ENV_CODESIGN_IDENTITY) or None
    entitlements = env.get(ENV_ENTITLEMENTS) or (str(DEFAULT_ENTITLEMENTS) if identity else None)
    arch = env.get(ENV_MACOS_ARCH) or None
    if arch not in (None, "arm64", "x86_64", "universal2"):
        raise SystemExit(f"{ENV_MACOS_ARCH} must be arm64, x86_64 or universal2, not {arch!r}")
    return MacSigning(identity, entitlements, arch)


def windows_version4(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` -> (0, 1, 0, 0): Windows version resources hold four 16-bit numbers."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:4]]
    numbers += [0] * (4 - len(numbers))
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"version {version!r} does not fit a Windows version resource")
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def windows_version_file(version: str, original_filename: str, description: str = DESCRIPTION) -> str:
    """PyInstaller's version-file text (a VSVersionInfo expression) for one executable."""
    v4 = windows_version4(version)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": original_filename.removesuffix(".exe"),
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": original_filename,
        "ProductName": APP,
        "ProductVersion": version,
    }
    pairs = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={v4}, prodvers={v4}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040704B0', [
          {pairs}])]),
    VarFileInfo([VarStruct('Translation', [1031, 1200])])
  ]
)
"""


# -- the lock file ---------------------------------------------------------------------------
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(text: str) -> list[tuple[str, str, str | None]]:
    """(name, version, marker) of every pinned line of a pip requirements lock."""
    pins = []
    for line in text.splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins.append((normalize(match.group(1)), match.group(2), match.group(3)))
    return pins


def lock_mismatches(
    text: str, installed: Callable[[str], str | None], marker_applies: Callable[[str], bool]
) -> list[str]:
    """Every locked package for this platform that is missing or has another version."""
    problems = []
    for name, version, marker in lock_pins(text):
        if marker and not marker_applies(marker):
            continue
        found = installed(name)
        if found is None:
            problems.append(f"{name} {version} is not installed")
        elif found != version:
            problems.append(f"{name} is {found}, the lock has {version}")
    return problems


def check_environment(lock: Path = LOCK_FILE) -> list[str]:
    """Compare the running environment with the lock (used by build.spec)."""
    from importlib.metadata import PackageNotFoundError, version

    from packaging.markers import Marker  # a dependency of PyInstaller

    def installed(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    return lock_mismatches(lock.read_text(encoding="utf-8"), installed, lambda m: Marker(m).evaluate())
