"""Command line (SPEC §7). Thin: parse, call the service layer, print, map errors to exit
codes. Errors are one sentence on stderr; tracebacks go to the log file only."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

from . import __version__, config
from .cli_args import file_name, german_usage_error, record_id, sevdesk_id, some_text
from .commands import data, export, gui, invoice, projects, sandbox, settings, sync
from .console import port_number, utf8_output
from .context import AppContext
from .errors import CraftdeskError
from .fsutil import os_reason
from .messages import Key, Message
from .services.errors import SevdeskError
from .services.storage import storage_message, storage_problem

log = logging.getLogger("craftdesk.cli")

Handler = Callable[[AppContext, argparse.Namespace], int]
Subparsers: TypeAlias = "argparse._SubParsersAction[_Parser]"

# command → the function in craftdesk.commands that runs it
HANDLERS: dict[str, Handler] = {
    "gui": gui.run_gui,
    "connect": sync.run_connect,
    "sync": sync.run_sync,
    "orders": projects.run_orders,
    "import-order": projects.run_import_order,
    "employee": projects.run_employee,
    "appointment": projects.run_appointment,
    "invoice": invoice.run_invoice,
    "export": export.run_export,
    "sandbox": sandbox.run_sandbox,
    "settings": settings.run_settings,
    "db": data.run_db,
    "backup": data.run_backup,
    "restore": data.run_restore,
}


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False  # argparse's own -h text is English
        super().__init__(*args, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", help="diese Hilfe anzeigen und beenden")

    def error(self, message: str) -> Any:  # exit 2 with one German sentence
        sys.stderr.write(
            f"craftdesk: Aufruf fehlerhaft: {german_usage_error(message)} (Hilfe: {self.prog} --help)\n"
        )
        raise SystemExit(2)

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Aufruf:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Aufruf:", 1)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; the commands appear in ``--help`` in the order added here."""
    parser = _Parser(
        prog="craftdesk",
        description="craftdesk – Büro-App für Handwerksbetriebe mit sevDesk-Anbindung.",
    )
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_sync_commands(sub)
    _add_work_commands(sub)
    _add_invoice_command(sub)
    _add_export_command(sub)
    _add_sandbox_command(sub)
    _add_settings_command(sub)
    _add_data_commands(sub)
    return parser


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    """Options before the command: data folder, sevDesk address, database, checks, logging."""
    parser.add_argument(
        "--version",
        action="version",
        version=f"craftdesk {__version__}",
        help="Versionsnummer anzeigen und beenden",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"Datenordner (Standard: Benutzerordner; Umgebung {config.ENV_DATA_DIR})",
    )
    parser.add_argument(
        "--api-url",
        metavar="URL",
        help=f"sevDesk-API-Adresse (Standard: {config.DEFAULT_API_URL}; Umgebung {config.ENV_API_URL})",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="gemeinsame Datenbank, z. B. "
        "postgresql://craftdesk@server/craftdesk (Standard: SQLite im Datenordner; "
        f"Umgebung {config.ENV_DATABASE_URL})",
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="Installation prüfen (Version, Ordner, Schlüsselbund, Qt) und beenden",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="Protokollzeilen zusätzlich auf stderr ausgeben"
    )


def _add_sync_commands(sub: Subparsers) -> None:
    """``gui``, ``connect``, ``sync``, ``orders`` and ``import-order``."""
    p = sub.add_parser("gui", help="Fenster starten (Standard)")
    p.add_argument("--demo", action="store_true", help="mit dem Demo-sevDesk starten (kein Konto nötig)")
    p.add_argument(
        "--real-categories",
        action="store_true",
        help="mit --demo: ein Demo-Konto mit den Artikelkategorien „Standard“ und "
        "„Dienstleistung“ wie ein echtes Konto",
    )

    p = sub.add_parser(
        "connect", help="sevDesk-API-Token prüfen, im Schlüsselbund speichern und die Kunden importieren"
    )
    p.add_argument(
        "--token-stdin",
        action="store_true",
        required=True,
        help="Token von der Standardeingabe lesen (nie als Argument: es stünde in der Prozessliste)",
    )

    p = sub.add_parser("sync", help="einen Import aus sevDesk ausführen und die Zahlen ausgeben")
    p.add_argument(
        "what",
        nargs="?",
        choices=["customers", "articles", "all"],
        default="all",
        metavar="WAS",
        help="was importiert wird: customers (Kunden), articles (Artikel) oder all (beides, Standard)",
    )

    p = sub.add_parser(
        "orders", help="versendete Auftragsbestätigungen auflisten, die sich als Projekt importieren lassen"
    )
    p.add_argument("--json", action="store_true", help="als JSON statt als Tabelle ausgeben")

    p = sub.add_parser(
        "import-order", help="Auftragsbestätigungen als Projekte mit Aufträgen und Terminen importieren"
    )
    p.add_argument(
        "order_ids",
        nargs="+",
        type=sevdesk_id,
        metavar="ORDER_ID",
        help="sevDesk-ID einer Auftragsbestätigung (siehe orders)",
    )


def _add_invoice_command(sub: Subparsers) -> None:
    """``invoice PROJECT_ID`` with its preview (SPEC §7, V1-V8)."""
    p = sub.add_parser(
        "invoice",
        help="aus den fertigen Terminen eines Projekts einen "
        "Rechnungsentwurf in sevDesk anlegen (genau einmal)",
    )
    p.add_argument("project_id", type=record_id, metavar="PROJECT_ID", help="Nummer des Projekts")
    p.add_argument(
        "--preview",
        action="store_true",
        help="nur den Vorschlag (mit gespeicherten Änderungen) zeigen, nichts senden",
    )
    p.add_argument("--json", action="store_true", help="mit --preview: als JSON ausgeben")
    p.add_argument(
        "--no-e-invoice",
        action="store_true",
        help="für diesen Entwurf keine E-Rechnung anlegen, auch wenn der Kunde sie erhält",
    )


def _add_export_command(sub: Subparsers) -> None:
    """``export customers|articles|projects|appointments``."""
    p = sub.add_parser(
        "export", help="Kunden, Artikel, Projekte oder Termine exportieren (JSON, CSV oder Kalender)"
    )
    p.add_argument(
        "what",
        choices=["customers", "articles", "projects", "appointments"],
        metavar="WAS",
        help="was exportiert wird: customers, articles, projects oder appointments",
    )
    p.add_argument(
        "--format",
        choices=["json", "csv", "ics"],
        default="json",
        help="json oder csv; für appointments json oder ics (Kalenderdatei)",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", type=file_name, help="in diese Datei schreiben (Standard: stdout)"
    )
    p.add_argument("--employee", type=int, metavar="ID", help="nur Termine dieses Mitarbeiters")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="ab diesem Tag (JJJJ-MM-TT)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="bis zu diesem Tag einschließlich")


def _add_sandbox_command(sub: Subparsers) -> None:
    """``sandbox``: the demo sevDesk in the foreground."""
    p = sub.add_parser(
        "sandbox", help="den Demo-sevDesk (Testserver mit Beispieldaten) im Vordergrund starten"
    )
    p.add_argument("--port", type=port_number, default=0, help="Port auf 127.0.0.1 (Standard: ein freier)")
    p.add_argument("--token", help="API-Token, den der Demo-Server annimmt (Standard: der Demo-Token)")
    p.add_argument(
        "--real-categories",
        action="store_true",
        help="Artikelkategorien wie ein echtes Konto („Standard“, „Dienstleistung“) statt „Artikel“",
    )


def _add_work_commands(sub: Subparsers) -> None:
    """``employee`` and ``appointment`` with their actions."""
    p = sub.add_parser("employee", help="Mitarbeiter verwalten")
    esub = p.add_subparsers(dest="employee_command", metavar="ACTION", parser_class=_Parser)
    esub.required = True
    e = esub.add_parser("add", help="Mitarbeiter anlegen")
    e.add_argument("--name", required=True, type=some_text, help="Name des Mitarbeiters")
    e.add_argument("--email", help="E-Mail-Adresse (freiwillig)")
    e.add_argument(
        "--sevdesk-user", type=sevdesk_id, metavar="ID", help="zugehöriger sevDesk-Benutzer (ID, freiwillig)"
    )
    e = esub.add_parser("list", help="Mitarbeiter auflisten")
    e.add_argument("--json", action="store_true", help="als JSON statt als Tabelle ausgeben")

    p = sub.add_parser("appointment", help="Termine auflisten, anlegen und als fertig melden")
    asub = p.add_subparsers(dest="appointment_command", metavar="ACTION", parser_class=_Parser)
    asub.required = True
    a = asub.add_parser("list", help="Termine auflisten")
    a.add_argument("--project", type=record_id, metavar="ID", help="nur die Termine dieses Projekts")
    a.add_argument("--json", action="store_true", help="als JSON statt als Tabelle ausgeben")
    a = asub.add_parser("add", help="Termin im ersten Auftrag des Projekts anlegen")
    a.add_argument("project_id", type=record_id, metavar="PROJECT_ID", help="Nummer des Projekts")
    a.add_argument("--title", required=True, type=some_text, help="Titel des Termins")
    a.add_argument(
        "--start", metavar="ISO_DATETIME", help="Beginn, z. B. 2024-05-02T08:00 (ohne Angabe: ohne Datum)"
    )
    a = asub.add_parser("done", help="Termin auf Fertig setzen (Stunden, verwendete Artikel)")
    a.add_argument("appointment_id", type=record_id, metavar="APPOINTMENT_ID", help="Nummer des Termins")
    a.add_argument("--hours", required=True, help="gearbeitete Stunden, z. B. 2,5 oder 2.5")
    # extend: "--used A=1 B=2" and "--used A=1 --used B=2" both keep every article.
    # Without --used the worksheet's lines stay as they are (entered in the window or taken
    # over from the confirmation); with it they are replaced as a whole.
    a.add_argument(
        "--used",
        nargs="+",
        action="extend",
        default=None,
        metavar="ARTICLE_NUMBER=QTY",
        help="verwendetes Material als Artikelnummer=Menge, mehrere möglich",
    )
    a = asub.add_parser("plan", help="Termin einplanen: Beginn, Ende, Mitarbeiter")
    a.add_argument("appointment_id", type=record_id, metavar="APPOINTMENT_ID", help="Nummer des Termins")
    a.add_argument("--start", required=True, metavar="ISO", help="Beginn, z. B. 2024-05-02T08:00")
    a.add_argument("--end", required=True, metavar="ISO", help="Ende, z. B. 2024-05-02T12:00")
    # Repeatable like --used; without it the assignees stay as they are.
    a.add_argument(
        "--employee",
        type=int,
        nargs="+",
        action="extend",
        metavar="ID",
        help="zugewiesene Mitarbeiter (ersetzt die bisherigen)",
    )


def _add_settings_command(sub: Subparsers) -> None:
    """``settings get|set`` (A1a)."""
    p = sub.add_parser("settings", help="Einstellungen lesen oder ändern")
    ssub = p.add_subparsers(dest="settings_command", metavar="ACTION", parser_class=_Parser)
    ssub.required = True
    keys = (
        "part-categories: die sevDesk-Artikelkategorien, die importiert werden; "
        "small-business: Kleinunternehmer (ja/nein), Rechnungen ohne Umsatzsteuer"
    )
    s = ssub.add_parser("get", help="eine Einstellung ausgeben")
    s.add_argument("key", choices=["part-categories", "small-business"], metavar="EINSTELLUNG", help=keys)
    s = ssub.add_parser("set", help="eine Einstellung ändern")
    s.add_argument("key", choices=["part-categories", "small-business"], metavar="EINSTELLUNG", help=keys)
    s.add_argument(
        "value",
        metavar="WERT",
        help="part-categories: Namen durch Kommas getrennt; small-business: ja oder nein",
    )


def _add_data_commands(sub: Subparsers) -> None:
    """``db copy``, ``backup`` and ``restore`` (T1-T8, K1-K3)."""
    p = sub.add_parser(
        "db", help="Daten zwischen der Datei dieses Rechners und einer gemeinsamen Datenbank kopieren"
    )
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION", parser_class=_Parser)
    dsub.required = True
    d = dsub.add_parser("copy", help="lokale Daten auf den Server oder vom Server in eine Datei")
    where = d.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", metavar="URL", help="die lokale Datenbank in die leere Server-Datenbank")
    where.add_argument(
        "--from", dest="source", metavar="URL", help="die Server-Datenbank in eine lokale SQLite-Datei"
    )
    d.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=file_name,
        help="Zieldatei für --from (Standard: die Datenbankdatei im Datenordner)",
    )

    p = sub.add_parser("backup", help="die Datenbank jetzt sichern (eine SQLite-Datei)")
    p.add_argument(
        "-o", "--output", metavar="FILE", type=file_name, help="Zieldatei (Standard: backups/ im Datenordner)"
    )
    p = sub.add_parser(
        "restore", help="eine Sicherung wiederherstellen (der jetzige Stand wird vorher gesichert)"
    )
    p.add_argument("file", metavar="FILE", help="die Sicherungsdatei (craftdesk-….sqlite3)")


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# What Python makes of argument bytes that are not UTF-8 (surrogate escapes).
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _no_data_folder(exc: OSError, command: str) -> int:
    """The data folder cannot be written: one sentence, exit 5 (a precondition)."""
    sentence = Message(Key.DATA_DIR_NOT_WRITABLE, os_reason(exc))
    sys.stderr.write(f"craftdesk: {sentence}\n")
    if command == "gui":  # the windowed app's stderr goes nowhere (Windows): say it in a box
        from .ui.start_failure import tell

        tell(sentence)
    return 5


def main(argv: Sequence[str] | None = None) -> int:
    from .log import setup_logging
    from .services.heap import share_one_heap

    share_one_heap()  # early: glibc reads the limit when it next needs a heap for a thread
    utf8_output()
    words = list(sys.argv[1:] if argv is None else argv)
    if any(_UNDECODABLE.search(word) for word in words):  # bytes that were not UTF-8 (H15)
        sys.stderr.write("craftdesk: Ein Argument ist kein gültiger Text (die Zeichen sind nicht UTF-8).\n")
        return 2
    parser = build_parser()
    args = parser.parse_args(words)
    command = args.command or "gui"
    if command == "gui" and not hasattr(args, "demo"):
        args.demo = False
    try:
        data_dir = config.ensure_dir(config.data_dir(args.data_dir))
        log_path = setup_logging(data_dir, console=args.verbose)
    except OSError as exc:  # the folder named cannot hold the data: a precondition (exit 5)
        return _no_data_folder(exc, command)
    # A full disk must not turn a failing log write into a traceback on stderr.
    logging.raiseExceptions = False
    log.info("craftdesk %s: %s", __version__, command)
    try:
        if args.self_check:
            from .selfcheck import run_self_check

            return int(run_self_check(args))
        handler = HANDLERS[command]
        ctx = AppContext(
            data_dir=data_dir, api_url=args.api_url, database_url=getattr(args, "database", None)
        )
        return int(handler(ctx, args) or 0)
    except SevdeskError as exc:
        log.warning("%s failed: %s (%s)", command, exc.message, exc.detail or "")
        sys.stderr.write(f"craftdesk: {exc.message}\n")
        return exc.exit_code
    except CraftdeskError as exc:
        log.warning("%s failed: %s", command, exc.message)
        sys.stderr.write(f"craftdesk: {exc.message}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("craftdesk: abgebrochen.\n")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `craftdesk orders --json | head`): not an error of ours.
        _silence_stdout()
        return 0
    except Exception as exc:
        kind = storage_problem(exc)
        if kind is not None:
            sys.stderr.write(f"craftdesk: {storage_message(kind, exc, data_dir, log_path)}\n")
            return 5  # a known condition of the storage, said in one sentence: not a bug (H15)
        log.exception("Unexpected error in %s", command)
        sys.stderr.write(f"craftdesk: Unerwarteter Fehler – Einzelheiten stehen im Protokoll {log_path}.\n")
        return 1
