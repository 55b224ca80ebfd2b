"""``craftdesk invoice PROJECT_ID``: create the project's invoice draft in sevDesk (I1–I5).

Prints the sevDesk invoice id on the first line (for scripts) and the link to open the
draft on the second.
"""

from __future__ import annotations

import argparse
import sys

from ..context import AppContext
from ..errors import NotFound
from ..services import invoices
from ..store.models import Project


def run_invoice(ctx: AppContext, args: argparse.Namespace) -> int:
    ctx.open_db()
    project_id = int(args.project_id)
    # Checked before the token is needed, so a typo gets the plain answer.
    if Project.get_or_none(Project.id == project_id) is None:
        raise NotFound(f"Das Projekt {project_id} gibt es nicht.")
    if invoices.pending_draft(project_id) is None:
        preview = invoices.build_preview(project_id)  # PreconditionError when nothing is ready
        for warning in preview.warnings:  # e.g. an hourly rate of 0,00 € — said, not refused
            sys.stderr.write(f"Warnung: {warning}\n")
    client = ctx.client()
    try:
        draft = invoices.send_invoice(client, project_id)
    finally:
        client.close()
    print(draft.sevdesk_id)
    print(invoices.invoice_link(draft.sevdesk_id))
    return 0
