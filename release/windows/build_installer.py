"""Build the Windows installer (release/windows/craftdesk.nsi) from a one-folder build.

    python release/windows/build_installer.py                     # dist/craftdesk -> dist/
    python release/windows/build_installer.py --source DIR --out DIR [--fast]

Runs on Windows and on Linux (``apt-get install nsis`` gives ``makensis``), so the script
can be checked anywhere. The version comes from craftdesk/__init__.py, like everywhere.
With CRAFTDESK_SIGN_COMMAND set (e.g. ``signtool sign /sha1 <thumbprint> /fd SHA256 /tr
http://timestamp.example /td SHA256``) the installer and its uninstaller are signed.
Prints the path of the installer: dist/craftdesk-<version>-windows-setup.exe.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "release"))
sys.path.insert(0, str(ROOT))

import bundle_info  # noqa: E402

from craftdesk import __version__  # noqa: E402

SCRIPT = Path(__file__).resolve().with_name("craftdesk.nsi")
ICON = ROOT / "resources" / "icons" / "craftdesk.ico"
ENV_SIGN_COMMAND = "CRAFTDESK_SIGN_COMMAND"


def find_makensis() -> str:
    found = shutil.which("makensis")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):  # noqa: SIM112 - Windows spells them so; its environment ignores case
        if base and Path(base, "NSIS", "makensis.exe").is_file():
            return str(Path(base, "NSIS", "makensis.exe"))
    raise SystemExit(
        "makensis not found: install NSIS 3.08+ (Windows: nsis.sourceforge.io; "
        "Debian/Ubuntu: apt-get install nsis)"
    )


def installer_name(version: str = __version__) -> str:
    return f"craftdesk-{version}-windows-setup.exe"


def build(
    source: Path, out_dir: Path, fast: bool = False, sign_command: str | None = None, verbosity: int = 2
) -> tuple[Path, str]:
    """Run makensis; returns the installer's path and makensis's output (its listing)."""
    if not (source / "_internal").is_dir():
        raise SystemExit(f"{source} is not a one-folder build (no _internal folder)")
    out_dir.mkdir(parents=True, exist_ok=True)
    outfile = out_dir / installer_name()
    v4 = ".".join(str(n) for n in bundle_info.windows_version4(__version__))
    defines = {
        "VERSION": __version__,
        "VERSION4": v4,
        "SOURCE_DIR": str(source.resolve()),
        "OUTFILE": str(outfile.resolve()),
        "ICON": str(ICON),
    }
    if sign_command:
        defines["SIGN_COMMAND"] = sign_command
    if fast:
        defines["FAST_COMPRESSION"] = "1"
    # makensis takes "-D" on Linux and "/D" on Windows; "-" works on both.
    command = [
        find_makensis(),
        f"-V{verbosity}",
        "-INPUTCHARSET",
        "UTF8",
        *(f"-D{key}={value}" for key, value in defines.items()),
        str(SCRIPT),
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"makensis failed ({result.returncode}):\n{result.stdout[-4000:]}{result.stderr}")
    return outfile, result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=ROOT / "dist" / "craftdesk",
        help="the one-folder build (default dist/craftdesk)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder (default dist)")
    parser.add_argument("--fast", action="store_true", help="zlib instead of LZMA (tests)")
    args = parser.parse_args(argv)
    path, _log = build(
        args.source, args.out, fast=args.fast, sign_command=os.environ.get(ENV_SIGN_COMMAND) or None
    )
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
