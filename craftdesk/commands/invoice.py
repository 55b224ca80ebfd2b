"""``craftdesk invoice PROJECT_ID [--preview [--json]]``: create the project's invoice draft
in sevDesk (I1–I5), or only show the proposal with the office's stored edits (V7).

Creating prints the sevDesk invoice id on the first line (for scripts) and the link to
open the draft on the second. ``--preview`` sends nothing and needs no token.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import ROUND_HALF_UP, Decimal

from ..context import AppContext
from ..errors import NotFound, PreconditionError, UsageError
from ..messages import Key
from ..services import invoices, projects
from ..services.invoice_json import preview_json
from ..services.invoice_preview import InvoiceProposal


def _money(value: Decimal) -> str:
    """German money text, rounded half up as everywhere in craftdesk (A3): 2.345 → "2,35"
    (Python's own format rounds half to even: "2,34")."""
    cents = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{cents:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _number(value: object) -> str:
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


def print_proposal(proposal: InvoiceProposal) -> None:
    """The proposal as a readable table (German number format)."""
    header = proposal.header
    print(f"{header.header} – {proposal.customer_name}")
    if proposal.e_invoice:
        print("E-Rechnung (XRechnung/ZUGFeRD)")
    address = proposal.address
    print(", ".join(p for p in (address.street, f"{address.zip} {address.city}".strip()) if p))
    print(header.head_text)
    print()
    for number, line in enumerate(proposal.lines, start=1):
        flags = proposal.flags.get(line.key, ())
        mark = "  [Arbeitszeit doppelt?]" if "double_labour" in flags else ""
        mark += "  [0,00 €]" if "zero_price" in flags else ""
        print(
            f"{number:>3}  {line.text[:44]:<44} {_number(line.quantity):>8} {line.unit:<9}"
            f"{_money(line.net_price):>11} {_number(line.vat_rate):>3} % {_money(line.net):>11}"
            f"{mark}"
        )
    print()
    print(f"Summe netto {_money(proposal.net):>12} €")
    if proposal.small_business:
        print("Keine Umsatzsteuer (Kleinunternehmer, § 19 UStG)")
    else:
        print(f"Umsatzsteuer {_money(proposal.vat):>11} €")
    print(f"Gesamt brutto {_money(proposal.gross):>10} €")
    if proposal.edited:
        print("(mit gespeicherten Änderungen des Büros)")


def _for_the_command_line(warning: str) -> str:
    """V5's question is the window's: a script cannot answer one, so the command line says
    that the draft is created anyway instead of promising to ask."""
    if getattr(warning, "key", None) == Key.ZERO_PRICE_LINES:
        lines = warning.args[0]  # type: ignore[attr-defined]
        return f"Positionen mit 0,00 €: {lines} – bitte prüfen; „craftdesk invoice“ legt den Entwurf ohne Rückfrage an."
    return warning


def run_invoice(ctx: AppContext, args: argparse.Namespace) -> int:
    ctx.open_db()
    project_id = int(args.project_id)
    if getattr(args, "json", False) and not getattr(args, "preview", False):
        raise UsageError("--json gibt es nur zusammen mit --preview.")
    # Checked before the token is needed, so a typo gets the plain answer.
    if not projects.project_exists(project_id):
        raise NotFound(f"Das Projekt {project_id} gibt es nicht.")
    e_invoice = not getattr(args, "no_e_invoice", False)
    if getattr(args, "preview", False):
        preview = invoices.build_preview(
            project_id, e_invoice=e_invoice
        )  # PreconditionError when nothing is ready
        if args.json:
            record = preview_json(preview)
            record["warnings"] = [_for_the_command_line(w) for w in preview.warnings]
            json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            print_proposal(preview)
            for warning in preview.warnings:
                sys.stderr.write(f"Warnung: {_for_the_command_line(warning)}\n")
        return 0
    if invoices.pending_draft(project_id) is None:
        preview = invoices.build_preview(project_id, e_invoice=e_invoice)  # PreconditionError: nothing ready
        if preview.e_invoice and preview.missing:
            raise PreconditionError(preview.warnings[0])  # E3: blocked, exit 5
        for warning in preview.warnings:  # e.g. an hourly rate of 0,00 € — said, not refused
            sys.stderr.write(f"Warnung: {_for_the_command_line(warning)}\n")
    client = ctx.client()
    try:
        draft = invoices.send_invoice(client, project_id, e_invoice=e_invoice)
    finally:
        client.close()
    print(draft.sevdesk_id)  # §7: the id alone on standard output, for scripts
    # For people: where to find it (the demo's own page for a demo draft).
    sys.stderr.write(f"Entwurf in sevDesk: {invoices.invoice_link(str(draft.sevdesk_id), ctx.api_url)}\n")
    return 0
