"""„Mit dem System starten“ on Windows (fake winreg), macOS and Linux, written into tmp."""

from __future__ import annotations

import plistlib
import shlex
import subprocess
import sys
import types
from pathlib import Path

import pytest

from craftdesk import autostart


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return home


@pytest.fixture
def python_with_space(tmp_path, monkeypatch):
    """An interpreter path with a space, so quoting is exercised on every platform."""
    folder = tmp_path / "Program Files" / "py"
    folder.mkdir(parents=True)
    exe = folder / "python3"
    exe.write_text("")
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delattr(sys, "frozen", raising=False)
    return exe


# -- Linux / XDG ---------------------------------------------------------------------------
def test_linux_enable_writes_desktop_entry_under_xdg_config_home(
    tmp_path, monkeypatch, home, python_with_space
):
    monkeypatch.setattr(sys, "platform", "linux")
    config_home = tmp_path / "cfg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    assert autostart.is_enabled() is False

    autostart.set_enabled(True)

    entry = config_home / "autostart" / "craftdesk.desktop"
    assert entry.is_file()
    assert not (home / ".config").exists()
    assert autostart.is_enabled() is True
    lines = dict(line.split("=", 1) for line in entry.read_text(encoding="utf-8").splitlines() if "=" in line)
    assert lines["Type"] == "Application"
    # The Exec line parses back into the exact argv, space in the folder name included.
    assert shlex.split(lines["Exec"]) == [str(python_with_space), "-m", "craftdesk", "gui"]

    autostart.set_enabled(False)
    assert not entry.exists()
    assert autostart.is_enabled() is False
    autostart.set_enabled(False)  # switching off twice is fine


def test_linux_without_xdg_config_home_uses_dot_config(monkeypatch, home, python_with_space):
    monkeypatch.setattr(sys, "platform", "linux")
    autostart.set_enabled(True)
    assert (home / ".config" / "autostart" / "craftdesk.desktop").is_file()
    assert autostart.is_enabled() is True


@pytest.mark.parametrize("line", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_linux_entry_switched_off_by_the_desktop_counts_as_disabled(monkeypatch, home, line):
    monkeypatch.setattr(sys, "platform", "linux")
    entry = home / ".config" / "autostart" / "craftdesk.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text(f"[Desktop Entry]\nType=Application\nExec=craftdesk\n{line}\n", encoding="utf-8")
    assert autostart.is_enabled() is False


def test_unwritable_location_raises_german_error(tmp_path, monkeypatch, home, python_with_space):
    monkeypatch.setattr(sys, "platform", "linux")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    with pytest.raises(autostart.AutostartError) as info:
        autostart.set_enabled(True)
    assert info.value.message.startswith("Der automatische Start konnte nicht geändert werden")


def test_frozen_debug_executable_registers_the_windowed_sibling(tmp_path, monkeypatch):
    folder = tmp_path / "craftdesk"
    folder.mkdir()
    (folder / "craftdesk").write_text("")
    (folder / "craftdesk-debug").write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "craftdesk-debug"))
    assert autostart.launch_command() == [str(folder / "craftdesk")]


# -- macOS ---------------------------------------------------------------------------------
def test_macos_enable_writes_launch_agent_with_run_at_load(monkeypatch, home, python_with_space):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert autostart.is_enabled() is False

    autostart.set_enabled(True)

    plist = home / "Library" / "LaunchAgents" / "de.craftdesk.app.plist"
    data = plistlib.loads(plist.read_bytes())
    assert data["Label"] == "de.craftdesk.app"
    assert data["RunAtLoad"] is True
    assert data["ProgramArguments"] == [str(python_with_space), "-m", "craftdesk", "gui"]
    assert autostart.is_enabled() is True

    autostart.set_enabled(False)
    assert not plist.exists()
    assert autostart.is_enabled() is False


def test_macos_disabled_or_broken_agent_counts_as_off(monkeypatch, home):
    monkeypatch.setattr(sys, "platform", "darwin")
    plist = home / "Library" / "LaunchAgents" / "de.craftdesk.app.plist"
    plist.parent.mkdir(parents=True)
    plist.write_bytes(plistlib.dumps({"Label": "de.craftdesk.app", "RunAtLoad": True, "Disabled": True}))
    assert autostart.is_enabled() is False
    plist.write_bytes(b"not a plist")
    assert autostart.is_enabled() is False


# -- Windows (fake registry) ---------------------------------------------------------------
class FakeWinreg(types.ModuleType):
    HKEY_CURRENT_USER = "HKCU"
    KEY_READ = 1
    KEY_SET_VALUE = 2
    REG_SZ = 1
    REG_BINARY = 3

    def __init__(self) -> None:
        super().__init__("winreg")
        self.keys: dict[str, dict[str, tuple[object, int]]] = {}

    class _Key:
        def __init__(self, values: dict) -> None:
            self.values = values

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            return None

    def OpenKey(self, root, sub, reserved=0, access=1):
        if (root, sub) not in self.keys:
            raise FileNotFoundError(2, "missing key")
        return self._Key(self.keys[(root, sub)])

    def CreateKeyEx(self, root, sub, reserved=0, access=2):
        return self._Key(self.keys.setdefault((root, sub), {}))

    def QueryValueEx(self, key, name):
        if name not in key.values:
            raise FileNotFoundError(2, "missing value")
        return key.values[name]

    def SetValueEx(self, key, name, reserved, kind, value):
        key.values[name] = (value, kind)

    def DeleteValue(self, key, name):
        if name not in key.values:
            raise FileNotFoundError(2, "missing value")
        del key.values[name]


@pytest.fixture
def winreg(monkeypatch):
    fake = FakeWinreg()
    monkeypatch.setitem(sys.modules, "winreg", fake)
    monkeypatch.setattr(sys, "platform", "win32")
    return fake


def run_values(fake: FakeWinreg) -> dict:
    return fake.keys.get(("HKCU", autostart.RUN_KEY), {})


def test_windows_enable_sets_run_value_with_quoted_command(winreg, tmp_path, monkeypatch):
    folder = tmp_path / "Program Files" / "Python"
    folder.mkdir(parents=True)
    (folder / "python.exe").write_text("")
    (folder / "pythonw.exe").write_text("")
    monkeypatch.setattr(sys, "executable", str(folder / "python.exe"))
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert autostart.is_enabled() is False

    autostart.set_enabled(True)

    value, kind = run_values(winreg)["craftdesk"]
    assert kind == winreg.REG_SZ
    # Without a console window: pythonw.exe, quoted because of the space.
    assert value == subprocess.list2cmdline([str(folder / "pythonw.exe"), "-m", "craftdesk", "gui"])
    assert value.startswith('"')
    assert autostart.is_enabled() is True

    autostart.set_enabled(False)
    assert "craftdesk" not in run_values(winreg)
    assert autostart.is_enabled() is False
    autostart.set_enabled(False)  # no value left: still fine


def test_windows_frozen_app_registers_its_executable(winreg, tmp_path, monkeypatch):
    exe = tmp_path / "craftdesk" / "craftdesk.exe"
    exe.parent.mkdir()
    exe.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe.with_name("craftdesk-debug.exe")))
    autostart.set_enabled(True)
    assert run_values(winreg)["craftdesk"][0] == str(exe)


def test_module_imports_without_winreg():
    # The module must load on macOS/Linux, where winreg does not exist.
    source = Path(autostart.__file__).read_text(encoding="utf-8")
    assert "\nimport winreg" not in source and "\nfrom winreg" not in source


# -- Windows: Task Manager's "disabled" flag (StartupApproved) ---------------------------
def approved_values(fake: FakeWinreg) -> dict:
    return fake.keys.get(("HKCU", autostart.APPROVED_KEY), {})


@pytest.fixture
def frozen_windows_app(winreg, tmp_path, monkeypatch):
    exe = tmp_path / "craftdesk" / "craftdesk.exe"
    exe.parent.mkdir()
    exe.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    return exe


def test_windows_entry_disabled_in_task_manager_counts_as_off(winreg, frozen_windows_app):
    autostart.set_enabled(True)
    assert autostart.is_enabled() is True
    # Task Manager → Autostart → "Deaktivieren": flag 3 plus a time stamp, Run value kept.
    winreg.keys[("HKCU", autostart.APPROVED_KEY)] = {"craftdesk": (bytes([3, 0, 0, 0]) + bytes(range(8)), 3)}
    assert "craftdesk" in run_values(winreg)
    assert autostart.is_enabled() is False
    # Re-enabled there (flag 2): on again.
    winreg.keys[("HKCU", autostart.APPROVED_KEY)]["craftdesk"] = (bytes([2]) + bytes(11), 3)
    assert autostart.is_enabled() is True


def test_windows_switching_on_clears_task_managers_disabled_flag(winreg, frozen_windows_app):
    winreg.keys[("HKCU", autostart.RUN_KEY)] = {"craftdesk": (str(frozen_windows_app), 1)}
    winreg.keys[("HKCU", autostart.APPROVED_KEY)] = {"craftdesk": (bytes([3]) + bytes(11), 3)}
    assert autostart.is_enabled() is False

    autostart.set_enabled(True)

    assert autostart.is_enabled() is True
    assert approved_values(winreg)["craftdesk"][0][0] & 1 == 0


def test_windows_switching_off_removes_run_value_and_approval_record(winreg, frozen_windows_app):
    autostart.set_enabled(True)
    winreg.keys[("HKCU", autostart.APPROVED_KEY)] = {"craftdesk": (bytes([2]) + bytes(11), 3)}
    autostart.set_enabled(False)
    assert "craftdesk" not in run_values(winreg)
    assert "craftdesk" not in approved_values(winreg)
    assert autostart.is_enabled() is False


def test_windows_other_programs_approval_records_are_left_alone(winreg, frozen_windows_app):
    winreg.keys[("HKCU", autostart.APPROVED_KEY)] = {"OneDrive": (bytes([3]) + bytes(11), 3)}
    autostart.set_enabled(True)
    autostart.set_enabled(False)
    assert approved_values(winreg) == {"OneDrive": (bytes([3]) + bytes(11), 3)}


# -- macOS: login item identity, translocation ---------------------------------------------
def test_macos_agent_names_the_bundle_for_login_items(monkeypatch, home, python_with_space):
    monkeypatch.setattr(sys, "platform", "darwin")
    autostart.set_enabled(True)
    data = plistlib.loads((home / "Library" / "LaunchAgents" / "de.craftdesk.app.plist").read_bytes())
    assert data["AssociatedBundleIdentifiers"] == ["de.craftdesk.app"]


@pytest.mark.parametrize(
    "folder",
    [
        "/private/var/folders/xy/abc/T/AppTranslocation/0F1E2D3C-AAAA-BBBB-CCCC-1234567890AB/d",
        "/Volumes/craftdesk 0.1.0",
    ],
)
def test_macos_translocated_app_refuses_autostart_and_says_why(monkeypatch, home, folder):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", f"{folder}/craftdesk.app/Contents/MacOS/craftdesk")
    assert autostart.install_location_problem() == autostart.NOT_INSTALLED
    with pytest.raises(autostart.AutostartError) as info:
        autostart.set_enabled(True)
    assert info.value.message == autostart.NOT_INSTALLED
    assert "„Programme“" in info.value.message
    assert not (home / "Library" / "LaunchAgents" / "de.craftdesk.app.plist").exists()
    autostart.set_enabled(False)  # switching off still works


def test_macos_app_in_applications_is_installed(monkeypatch, home):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/Applications/craftdesk.app/Contents/MacOS/craftdesk")
    assert autostart.install_location_problem() is None
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "executable", "/Volumes/x/craftdesk.exe")
    assert autostart.install_location_problem() is None  # only a macOS question
