"""CLI handlers ``db copy`` (T2), ``backup`` and ``restore`` (K3)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import config
from ..context import AppContext
from ..credentials import server_password, store_server_password
from ..errors import UsageError
from ..services import backups
from ..services.storage import DatabaseCorruptError
from ..services.team import DatabaseUrlError, ServerUrl, parse_server_url


def _target(url: str) -> tuple[ServerUrl, str | None]:
    try:
        target = parse_server_url(url)
    except DatabaseUrlError as exc:
        raise UsageError(str(exc)) from None
    if target.password:
        store_server_password(target.display, target.password)
        return target, target.password
    return target, server_password(target.display)


def _counted(n: int, one: str, many: str) -> str:
    return one if n == 1 else f"{n} {many}"


def _record_counts(customers: int, articles: int, projects: int) -> str:
    """ "1 Kunde, 3 Artikel, 2 Projekte"."""
    return ", ".join(
        (
            _counted(customers, "1 Kunde", "Kunden"),
            _counted(articles, "1 Artikel", "Artikel"),
            _counted(projects, "1 Projekt", "Projekte"),
        )
    )


def _counts_line(counts: dict[str, int]) -> str:
    every = sum(counts.values())
    whole = _record_counts(counts.get("customer", 0), counts.get("article", 0), counts.get("project", 0))
    return f"{whole} ({_counted(every, '1 Datensatz', 'Datensätze')})"


def run_db(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.to is not None:
        if ctx.team_mode:
            raise UsageError(
                "„db copy --to“ kopiert die lokale Datenbank; bitte ohne "
                "--database bzw. CRAFTDESK_DATABASE_URL aufrufen."
            )
        target, password = _target(args.to)
        ctx.open_db()
        result = backups.copy_to_server(target, password)
        print(
            f"In {target.display} kopiert: {_counts_line(result.counts)}. Die lokale Datei "
            "bleibt unverändert."
        )
        return 0
    target, password = _target(args.source)
    output = Path(args.output) if args.output else ctx.db_path
    result = backups.copy_from_server(target, password, output)
    print(f"Nach {output} kopiert: {_counts_line(result.counts)}.")
    return 0


def run_backup(ctx: AppContext, args: argparse.Namespace) -> int:
    ctx.open_db()
    output = Path(args.output) if args.output else None
    path = backups.backup_now(ctx.data_dir / config.BACKUP_DIRNAME, output)
    info = backups.inspect_backup(path)
    print(path)
    sys.stderr.write(f"Gesichert: {_record_counts(info.customers, info.articles, info.projects)}.\n")
    return 0


def run_restore(ctx: AppContext, args: argparse.Namespace) -> int:
    source = Path(args.file)
    info = backups.inspect_backup(source)  # refuses a damaged or newer backup before opening
    try:
        ctx.open_db()
    except DatabaseCorruptError:  # exactly when a backup is wanted: it replaces the file
        if ctx.database_url is not None:
            raise
        result = backups.replace_damaged(ctx.db_path, source)
        previous = f"Die beschädigte Datenbank liegt in {result.safety_copy}."
    else:
        result = backups.restore_backup(ctx.data_dir / config.BACKUP_DIRNAME, source)
        previous = f"Der vorige Stand liegt in {result.safety_copy}."
    print(
        f"Wiederhergestellt: Sicherung vom {backups.backup_created(info)} "
        f"({_record_counts(info.customers, info.articles, info.projects)}). {previous}"
    )
    return 0
