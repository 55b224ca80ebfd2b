"""„Mit dem System starten“: start craftdesk when the user logs in (Qt-free).

The operating system's own entry is the only state: there is no setting in the database
that could disagree with it, so ``is_enabled()`` always tells the truth even when the
user removed the entry by hand.

- Windows: value ``craftdesk`` under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``,
  unless Task Manager's "Autostart" page switched it off: that flag lives in
  ``…\\Explorer\\StartupApproved\\Run`` (same value name, binary; an odd first byte means
  disabled) and Windows then does not start the program although the Run value exists
- macOS: ``~/Library/LaunchAgents/de.craftdesk.app.plist`` with ``RunAtLoad``
- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/craftdesk.desktop``
  (``~/.config`` when the variable is unset)

The command started is the installed app (the frozen executable) or, in a development
checkout, ``<python> -m craftdesk gui``.
"""

from __future__ import annotations

import os
import plistlib
import sys
from pathlib import Path
from typing import Any

from . import config
from .errors import CraftdeskError
from .fsutil import write_atomic
from .messages import Key, Message

BUNDLE_ID = "de.craftdesk.app"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
# Explorer's "enabled" record: flag 2, no time stamp (what Windows writes when enabling).
APPROVED_ENABLED = bytes([2]) + bytes(11)
RUN_VALUE = config.APP_NAME
DESKTOP_FILE = f"{config.APP_NAME}.desktop"

# The windowed executable of the bundle; craftdesk-debug next to it opens a console.
_GUI_EXECUTABLE = config.APP_NAME


class AutostartError(CraftdeskError):
    """The autostart entry could not be written or removed."""

    def __init__(self, detail: str, sentence: str | None = None) -> None:
        super().__init__(sentence or f"Der automatische Start konnte nicht geändert werden ({detail}).")


# A macOS app started from the Downloads folder or the disk image runs translocated: Gatekeeper
# starts a copy from a random read-only folder that is gone after the next restart.
NOT_INSTALLED = Message(Key.NOT_INSTALLED)


def install_location_problem() -> str | None:
    """The sentence above when a macOS bundle runs from a place that will not last
    (Gatekeeper's App Translocation, or straight from the mounted disk image), else None."""
    if _platform() != "macos" or not getattr(sys, "frozen", False):
        return None
    exe = Path(sys.executable).as_posix()
    if "/AppTranslocation/" in exe or exe.startswith("/Volumes/"):
        return NOT_INSTALLED
    return None


def _platform() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "xdg"


def launch_command() -> list[str]:
    """The program and arguments that start the GUI, as a list (quoted per platform later)."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        # Started from craftdesk-debug: register the windowed sibling, not the console one.
        suffix = ".exe" if exe.suffix.lower() == ".exe" else ""
        sibling = exe.with_name(_GUI_EXECUTABLE + suffix)
        return [str(sibling if sibling.exists() else exe)]
    python = Path(sys.executable)
    if _platform() == "windows":
        # pythonw.exe starts without a console window.
        windowed = python.with_name("pythonw.exe")
        if windowed.exists():
            python = windowed
    return [str(python), "-m", "craftdesk", "gui"]


def is_enabled() -> bool:
    platform = _platform()
    if platform == "windows":
        return _windows_get() is not None and _windows_approved()
    if platform == "macos":
        return _macos_enabled()
    return _xdg_enabled()


def set_enabled(enabled: bool) -> None:
    """Create or remove the entry; raises AutostartError with a German sentence on failure."""
    platform = _platform()
    problem = install_location_problem() if enabled else None
    if problem:
        raise AutostartError("", sentence=problem)
    try:
        if platform == "windows":
            _windows_set(enabled)
        elif platform == "macos":
            _macos_set(enabled)
        else:
            _xdg_set(enabled)
    except OSError as exc:
        raise AutostartError(exc.strerror or exc.__class__.__name__) from exc


# -- Windows -------------------------------------------------------------------------------
def _windows_command_line(argv: list[str]) -> str:
    import subprocess

    return subprocess.list2cmdline(argv)


def _winreg() -> Any:
    import winreg  # only on Windows; imported lazily so this module loads everywhere

    return winreg


def _windows_get() -> str | None:
    winreg = _winreg()
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_READ) as key:
            value, _kind = winreg.QueryValueEx(key, RUN_VALUE)
    except OSError:  # key or value missing (FileNotFoundError is an OSError)
        return None
    return str(value) if value else None


def _windows_approved() -> bool:
    """False when Task Manager (or Settings → Apps → Startup) switched the entry off."""
    winreg = _winreg()
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, APPROVED_KEY, 0, winreg.KEY_READ) as key:
            value, _kind = winreg.QueryValueEx(key, RUN_VALUE)
    except OSError:  # no record: Windows treats the Run value as enabled
        return True
    return not (isinstance(value, (bytes, bytearray)) and value and value[0] & 1)


def _windows_delete(key_path: str) -> None:
    winreg = _winreg()
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key_path, 0, winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, RUN_VALUE)
    except FileNotFoundError:  # already gone
        pass


def _windows_set(enabled: bool) -> None:
    winreg = _winreg()
    if enabled:
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, _windows_command_line(launch_command()))
        # Switching it on here is the user's explicit wish: clear a "disabled" left by Task
        # Manager, or the checkbox would say "on" while Windows keeps it off.
        if not _windows_approved():
            with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, APPROVED_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_BINARY, APPROVED_ENABLED)
        return
    _windows_delete(RUN_KEY)
    _windows_delete(APPROVED_KEY)


# -- macOS ---------------------------------------------------------------------------------
def macos_plist_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{BUNDLE_ID}.plist"


def _macos_enabled() -> bool:
    path = macos_plist_path()
    try:
        with path.open("rb") as handle:
            data = plistlib.load(handle)
    except (OSError, plistlib.InvalidFileException, ValueError):
        return False
    return bool(data.get("RunAtLoad")) and not data.get("Disabled", False)


def _macos_set(enabled: bool) -> None:
    path = macos_plist_path()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    # Read by launchd at the next login; loading it now would start a second instance.
    agent = {
        "Label": BUNDLE_ID,
        "ProgramArguments": launch_command(),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        # macOS 13+ shows the app's name and icon in "Anmeldeobjekte" instead of the
        # bare executable, and removes the item when the app is deleted.
        "AssociatedBundleIdentifiers": [BUNDLE_ID],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, plistlib.dumps(agent))


# -- Linux / XDG ---------------------------------------------------------------------------
def xdg_desktop_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / DESKTOP_FILE


def _desktop_quote(arg: str) -> str:
    """Quote one Exec argument as the Desktop Entry Specification asks."""
    if arg and not any(ch in arg for ch in " \t\n\"'\\><~|&;$*?#()`="):
        return arg.replace("%", "%%")
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return '"' + escaped.replace("%", "%%") + '"'


def _desktop_escape_value(value: str) -> str:
    # The key file format itself reads backslash escapes, so they are doubled once more.
    return value.replace("\\", "\\\\")


def _xdg_enabled() -> bool:
    path = xdg_desktop_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    entries: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            entries[key.strip()] = value.strip()
    if entries.get("Hidden", "").lower() == "true":
        return False
    return entries.get("X-GNOME-Autostart-enabled", "true").lower() != "false"


def _xdg_set(enabled: bool) -> None:
    path = xdg_desktop_path()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    exec_line = " ".join(_desktop_quote(arg) for arg in launch_command())
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={config.APP_DISPLAY_NAME}",
        "Comment=Büro-App für Handwerksbetriebe mit sevDesk-Anbindung",
        f"Exec={_desktop_escape_value(exec_line)}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    # No icon theme knows our name, so point at the file shipped with the app.
    icon = config.resources_dir() / "icons" / "craftdesk-256.png"
    if icon.is_file():
        lines.append(f"Icon={_desktop_escape_value(str(icon))}")
    text = "\n".join([*lines, ""])
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
