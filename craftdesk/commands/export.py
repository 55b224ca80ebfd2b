"""CLI handler ``export customers|articles|projects|appointments`` (SPEC §7, P8)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from ..context import AppContext
from ..errors import UsageError
from ..services import exports, project_export
from .files import not_written

LABELS = {"customers": "Kunden", "articles": "Artikel", "projects": "Projekte"}


def records_for(what: str, fmt: str) -> tuple[list[dict[str, Any]], Sequence[str] | None]:
    """The records to export and, for CSV, a fixed column list (None: from the records)."""
    if what == "customers":
        return exports.customer_records(), None
    if what == "articles":
        return exports.article_records(), None
    if what == "projects":
        if fmt == "csv":  # one flat row per appointment, with a fixed header even when there is none
            return list(project_export.project_rows()), project_export.ROW_FIELDS
        return list(project_export.project_records()), None
    raise UsageError(f"„export {what}“ gibt es nicht.")


def run_export(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.what == "appointments":
        from .planning import run_export_appointments

        return run_export_appointments(ctx, args)
    fmt = getattr(args, "format", None) or "json"
    if fmt == "ics":
        raise UsageError("Das Kalenderformat ics gibt es nur für „export appointments“.")
    if any(getattr(args, name, None) is not None for name in ("employee", "date_from", "date_to")):
        raise UsageError("--employee, --from und --to gibt es nur für „export appointments“.")
    ctx.open_db()
    records, columns = records_for(args.what, fmt)
    target = getattr(args, "output", None)
    if not target or target == "-":
        exports.write_export(args.what, fmt, records, sys.stdout, columns)
        return 0
    try:
        exports.write_export(args.what, fmt, records, target, columns)
    except OSError as exc:
        raise not_written(target, exc) from None
    # The projects CSV has a row per appointment: count the projects, as its label says.
    count = len({row["project_id"] for row in records}) if columns is not None else len(records)
    sys.stderr.write(f"{count} Datensätze ({LABELS[args.what]}) nach „{target}“ exportiert.\n")
    return 0
