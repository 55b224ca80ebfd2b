"""``craftdesk --self-check``: is this installation complete and working?

Meant for support and for the packaging test of the built app: it prints what a
frozen bundle most often gets wrong (keyring backends, Qt plugins, resources, TLS
certificates, the PostgreSQL driver of team mode) and runs one real client round trip
against the demo sevDesk on loopback.

Exit 0 when all is well. Every problem is one German sentence on stderr and makes the
exit code 1. Warnings (``Warnung: …`` on stdout) do not fail the check:

- No secure keyring is a warning on Linux, where headless machines and minimal desktops
  often have no Secret Service and craftdesk then keeps the token for the session only;
  on Windows and macOS the OS keyring always exists, so a missing one means the bundle
  lacks keyring's backends — a problem.
- Missing Qt translations for German only affect standard button texts — a warning.
- A missing fast JSON decoder (orjson, msgspec), page digest (xxhash) or gzip inflater
  (zlib-ng) slows the import down: a problem in the built app, a warning in a source
  install.
- A missing PostgreSQL driver (psycopg with its libpq) is a problem in the built app, which
  must be able to join a team database (T1), and a warning in a source install without the
  ``team`` extra.

QtGui only (no widgets), so it also runs offscreen on a machine without a display.
"""

from __future__ import annotations

import io
import logging
import os
import sqlite3
import sys
from argparse import Namespace
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from . import __version__, config

log = logging.getLogger(__name__)

# Image formats the app relies on: PNG icons (built into QtGui), SVG and ICO via plugins.
REQUIRED_IMAGE_FORMATS = ("png", "svg", "ico")
# Files the app and the tray load at run time; the PNG sizes exist for every platform.
REQUIRED_ICONS = (
    "craftdesk-256.png",
    "craftdesk-32.png",
    "tray-16.png",
    "tray-32.png",
    "trayTemplate.png",
    "trayTemplate@2x.png",
)
# The interface's English catalogue (ui/i18n.py loads it on English systems).
ENGLISH_CATALOGUE = "craftdesk_en.qm"


@dataclass
class Report:
    lines: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, label: str, value: str) -> None:
        self.lines.append((label, value))


def keyring_required() -> bool:
    """Whether a missing secure keyring is a problem (Windows, macOS) or a warning."""
    return sys.platform.startswith("win") or sys.platform == "darwin"


def _check_basics(report: Report, args: Namespace) -> None:
    data = config.data_dir(getattr(args, "data_dir", None))
    report.add(
        "Version",
        f"craftdesk {__version__} (Python {sys.version.split()[0]}"
        f"{', gebündelt' if getattr(sys, 'frozen', False) else ''})",
    )
    report.add("Datenordner", str(data))
    report.add("Protokolldatei", str(config.log_dir(data) / config.LOG_FILENAME))
    report.add("SQLite", sqlite3.sqlite_version)
    try:
        probe = data / ".selfcheck-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        report.problems.append(f"Der Datenordner {data} ist nicht beschreibbar ({exc.strerror}).")


def _check_keyring(report: Report) -> None:
    from .credentials import describe_backend

    info = describe_backend()
    report.add("Schlüsselbund", f"{info.name} ({'sicher' if info.secure else 'nicht sicher'})")
    # keyring finds its backends through entry points: without keyring's metadata in the
    # bundle it silently falls back to "fail" even where the OS keyring exists.
    loaded = []
    try:
        from importlib.metadata import entry_points

        for point in entry_points(group="keyring.backends"):
            try:
                point.load()
                loaded.append(point.name)
            except Exception:  # a backend for another OS may not import here; others must
                pass
    except Exception:
        loaded = []
    report.add("Schlüsselbund-Module", ", ".join(sorted(loaded)) or "keine")
    if not loaded:
        report.problems.append("Die Schlüsselbund-Module fehlen in dieser Installation.")
    if info.secure:
        return
    if keyring_required():
        report.problems.append(
            "Der Schlüsselbund des Betriebssystems ist nicht verfügbar – der API-Token kann "
            "nicht sicher gespeichert werden."
        )
    else:
        report.warnings.append(
            "Kein sicherer Schlüsselbund gefunden – der API-Token wird nur für die laufende Sitzung gehalten."
        )


def _check_tls(report: Report) -> None:
    try:
        import certifi

        bundle = Path(certifi.where())
    except Exception:  # certifi missing from the bundle
        bundle = None
    if bundle is not None and bundle.is_file():
        report.add("TLS-Zertifikate", str(bundle))
    else:
        report.add("TLS-Zertifikate", "fehlen")
        report.problems.append(
            "Die TLS-Zertifikate fehlen – eine sichere Verbindung zu sevDesk ist nicht möglich."
        )


def _check_postgres_driver(report: Report) -> None:
    """Team mode (T1): psycopg imports and its libpq loads (the C wrapper in the bundle)."""
    try:
        import psycopg
        from psycopg import pq

        libpq = pq.version()  # loads libpq: a bundle without it fails here
    except Exception as exc:  # ImportError, or libpq that cannot be loaded
        log.info("PostgreSQL driver not usable: %s", exc)
        report.add("PostgreSQL-Treiber", "fehlt")
        sentence = (
            "Der PostgreSQL-Treiber (psycopg) fehlt – mit einem Datenbankserver (Teambetrieb) "
            "kann craftdesk so nicht arbeiten."
        )
        if getattr(sys, "frozen", False):
            report.problems.append(sentence)
        else:
            report.warnings.append(sentence)
        return
    version = f"{libpq // 10000}.{libpq % 10000}" if libpq >= 100000 else str(libpq)
    report.add("PostgreSQL-Treiber", f"psycopg {psycopg.__version__} ({pq.__impl__}, libpq {version})")


def _check_decoders(report: Report) -> None:
    """The import's fast JSON decoders (orjson, msgspec), page digest (xxhash) and gzip
    inflater (zlib-ng): without them it works, slower."""
    found = []
    for name in ("orjson", "msgspec"):
        try:
            module = __import__(name)
            found.append(f"{name} {getattr(module, '__version__', '?')}")
        except ImportError:
            sentence = f"Der JSON-Decoder {name} fehlt – der Abgleich mit sevDesk läuft langsamer."
            (report.problems if getattr(sys, "frozen", False) else report.warnings).append(sentence)
    report.add("JSON-Decoder", ", ".join(found) or "keine")
    # (module, line of the report, what is used without it, the library as the sentence names it)
    for name, label, fallback, library in (
        ("xxhash", "Seiten-Prüfsumme", "SHA-1", "Die Prüfsummen-Bibliothek xxhash"),
        ("zlib_ng", "gzip-Entpacker", "zlib", "Die Entpack-Bibliothek zlib-ng"),
    ):
        try:
            module = __import__(name)
        except ImportError:
            sentence = f"{library} fehlt – der Abgleich mit sevDesk läuft langsamer."
            (report.problems if getattr(sys, "frozen", False) else report.warnings).append(sentence)
            report.add(label, fallback)
        else:
            version = getattr(module, "VERSION", None) or getattr(module, "__version__", "?")
            report.add(label, f"{name.replace('_', '-')} {version}")


def _qt_application() -> Any:
    """The running Qt application, or a new QGuiApplication (offscreen without a display)."""
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display and not os.environ.get("QT_QPA_PLATFORM"):
        # Without this Qt aborts the whole process when it cannot reach a display.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication([sys.argv[0] if sys.argv else "craftdesk"])


def _check_qt(report: Report) -> Any:
    try:
        import PySide6
        from PySide6.QtCore import QLibraryInfo, QTranslator, qVersion
        from PySide6.QtGui import QGuiApplication, QImage, QImageReader
    except ImportError as exc:
        report.problems.append(f"Qt (PySide6) lässt sich nicht laden ({exc.name or exc}).")
        return None
    app = _qt_application()
    report.add("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})")
    report.add("Qt-Plattform", QGuiApplication.platformName() or "keine")
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    report.add("Qt-Plugins", plugins)
    formats = sorted({bytes(f.data()).decode().lower() for f in QImageReader.supportedImageFormats()})
    report.add("Bildformate", ", ".join(formats))
    missing = [fmt for fmt in REQUIRED_IMAGE_FORMATS if fmt not in formats]
    if missing:
        report.problems.append(
            f"Qt fehlen die Bildformate {', '.join(missing)} – Symbole werden nicht angezeigt."
        )
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if QTranslator().load("qtbase_de", translations):
        report.add("Qt-Übersetzung (de)", "gefunden")
    else:
        report.add("Qt-Übersetzung (de)", "fehlt")
        report.warnings.append("Die deutschen Qt-Übersetzungen fehlen – Standardknöpfe erscheinen englisch.")
    _check_resources(report, QImage)
    _check_gui_modules(report)
    return app


def _check_gui_modules(report: Report) -> None:
    """Import (not start) the window code: catches Qt libraries missing from a bundle."""
    import importlib

    try:
        importlib.import_module("craftdesk.ui.app")
    except Exception as exc:
        name = getattr(exc, "name", None) or exc.__class__.__name__
        report.add("Oberfläche", f"nicht ladbar ({name})")
        report.problems.append(f"Die Oberfläche lässt sich nicht laden ({name}).")
    else:
        report.add("Oberfläche", "ladbar")


def _check_resources(report: Report, image_class: Any) -> None:
    resources = config.resources_dir()
    icons = resources / "icons"
    unreadable = [name for name in REQUIRED_ICONS if image_class(str(icons / name)).isNull()]
    if unreadable:
        report.add("Symbole", f"{icons} (fehlen: {', '.join(unreadable)})")
        report.problems.append(f"Die Programmsymbole fehlen oder sind unlesbar ({', '.join(unreadable)}).")
    else:
        report.add("Symbole", f"{icons} (vollständig)")
    translations = resources / "translations"
    qm_files = sorted(p.name for p in translations.glob("*.qm")) if translations.is_dir() else []
    report.add("Übersetzungen", f"{translations} ({', '.join(qm_files) or 'keine'})")
    # German is the source language, so the app runs without any catalogue; only English
    # systems would see German instead of their language.
    if ENGLISH_CATALOGUE not in qm_files:
        report.warnings.append("Die englische Übersetzung fehlt – die Oberfläche erscheint immer deutsch.")


def _check_round_trip(report: Report) -> None:
    from .api.client import SevdeskClient
    from .api.errors import SevdeskError

    try:
        from .sandbox import DEMO_TOKEN, Sandbox
    except ImportError as exc:
        report.problems.append(f"Der Demo-sevDesk ist nicht enthalten ({exc.name or exc}).")
        return
    sandbox = None
    client = None
    try:
        sandbox = Sandbox(port=0).start()
        # Few retries with short waits: a broken bundle should fail in seconds, not minutes.
        client = SevdeskClient(
            sandbox.url, DEMO_TOKEN, timeout=(5.0, 10.0), max_retries=1, backoff_base=0.05, backoff_max=0.2
        )
        contacts = client.get("/Contact", {"depth": 1, "limit": 1})
        if not isinstance(contacts, list) or not contacts or "id" not in contacts[0]:
            raise ValueError("no contact")
        version = client.get("/Tools/bookkeepingSystemVersion")
        if not isinstance(version, dict) or not version.get("version"):
            raise ValueError("no version")
        report.add(
            "Demo-sevDesk-Abfrage",
            f"in Ordnung ({client.request_count} Anfragen, Buchhaltung {version['version']})",
        )
    except SevdeskError as exc:
        report.add("Demo-sevDesk-Abfrage", "fehlgeschlagen")
        report.problems.append(f"Die Probeabfrage beim Demo-sevDesk ist fehlgeschlagen: {exc.message}")
    except (OSError, ValueError) as exc:
        report.add("Demo-sevDesk-Abfrage", "fehlgeschlagen")
        report.problems.append(
            f"Die Probeabfrage beim Demo-sevDesk ist fehlgeschlagen ({exc.__class__.__name__})."
        )
    finally:
        if client is not None:
            client.close()
        if sandbox is not None:
            sandbox.stop()


def collect(args: Namespace) -> Report:
    report = Report()
    _check_basics(report, args)
    _check_keyring(report)
    _check_tls(report)
    _check_postgres_driver(report)
    _check_decoders(report)
    app = _check_qt(report)  # kept alive until the report is complete
    _check_round_trip(report)
    del app
    return report


def print_report(report: Report, out: TextIO, err: TextIO) -> None:
    width = max((len(label) for label, _ in report.lines), default=0) + 1
    for label, value in report.lines:
        out.write(f"{label + ':':<{width}} {value}\n")
    for warning in report.warnings:
        out.write(f"Warnung: {warning}\n")
    for problem in report.problems:
        err.write(f"craftdesk: {problem}\n")
    if report.problems:
        err.write(f"craftdesk: Der Selbsttest hat {len(report.problems)} Problem(e) gefunden.\n")
    else:
        out.write("Selbsttest bestanden.\n")
    out.flush()
    err.flush()


def run_self_check(args: Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    report = collect(args)
    # Also in the log: the windowed Windows executable has no console (stdout is None).
    for label, value in report.lines:
        log.info("self-check %s: %s", label, value)
    for text in report.warnings + report.problems:
        log.warning("self-check: %s", text)
    print_report(report, out or sys.stdout or io.StringIO(), err or sys.stderr or io.StringIO())
    return 1 if report.problems else 0
