"""Application names and folders.

The data folder follows each platform's convention and can be overridden with the
``CRAFTDESK_DATA_DIR`` environment variable or ``--data-dir`` (tests and automation).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.resources
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

APP_NAME = "craftdesk"
APP_DISPLAY_NAME = "craftdesk"
ORG_NAME = "craftdesk"
KEYRING_SERVICE = "craftdesk"
DEFAULT_API_URL = "https://my.sevdesk.de/api/v1"
DB_FILENAME = "craftdesk.sqlite3"
LOG_FILENAME = "craftdesk.log"

# Appointments are wall-clock times of the business, which is in Germany (SPEC P8).
BUSINESS_TIMEZONE = "Europe/Berlin"
BUSINESS_TZ = ZoneInfo(BUSINESS_TIMEZONE)  # the office's (and sevDesk's) dates and times

ENV_DATA_DIR = "CRAFTDESK_DATA_DIR"
ENV_API_URL = "CRAFTDESK_API_URL"
ENV_API_TOKEN = "CRAFTDESK_API_TOKEN"
ENV_DATABASE_URL = "CRAFTDESK_DATABASE_URL"
SERVER_FILENAME = "database-server.json"  # the team-mode setting; never holds the password
BACKUP_DIRNAME = "backups"


def default_data_dir() -> Path:
    """The per-user data folder of this platform (not created here)."""
    home = Path.home()
    if sys.platform.startswith("win"):
        base = os.environ.get("APPDATA") or str(home / "AppData" / "Roaming")
        return Path(base) / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return Path(base) / APP_NAME


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the data folder: explicit override, then environment, then platform default."""
    if override:
        path = Path(override)
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR])
    else:
        path = default_data_dir()
    return path.expanduser().resolve()


def ensure_dir(path: Path) -> Path:
    """Create a folder readable only by its owner (where the OS supports modes)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def api_url(override: str | None = None) -> str:
    return (override or os.environ.get(ENV_API_URL) or DEFAULT_API_URL).rstrip("/")


def log_dir(base: Path) -> Path:
    return base / "logs"


def resources_dir() -> Path:
    """Folder with the icons and translations the app reads at run time.

    They are package data of ``craftdesk`` (``craftdesk/resources``), found through
    importlib.resources: the same call works in a checkout, an installed wheel and a
    PyInstaller bundle (whose importer serves package data from its own folder). Every
    module reads resources through this one function.
    """
    root = importlib.resources.files("craftdesk") / "resources"
    if isinstance(root, Path):
        return root
    # A zipped installation (not produced by our builds): extract once, keep until exit.
    return Path(_extracted.enter_context(importlib.resources.as_file(root)))


_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def database_url(data_dir: Path, override: str | None = None) -> str | None:
    """The team-mode server (T1): ``--database``, then ``CRAFTDESK_DATABASE_URL``, then the
    setting of this workstation; None means the SQLite file in the data folder. ``sqlite``
    (or an empty value) on the command line or in the environment chooses the file."""
    import json

    for value in (override, os.environ.get(ENV_DATABASE_URL)):
        if value is not None and value.strip():
            return None if value.strip().lower() in ("sqlite", "local") else value.strip()
    try:
        stored = json.loads((data_dir / SERVER_FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = stored.get("url") if isinstance(stored, dict) else None
    return url.strip() if isinstance(url, str) and url.strip() else None
