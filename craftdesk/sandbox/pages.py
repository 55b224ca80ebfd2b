"""A page of the demo sevDesk for people: the invoice draft that "In sevDesk öffnen" shows
in the demo (the real sevDesk would not know the demo's ids). All text is escaped."""

from __future__ import annotations

from html import escape
from typing import Any

from .store import SandboxData


def invoice_page(data: SandboxData, invoice_id: str) -> tuple[int, str]:
    invoice = data.get("Invoice", invoice_id) if invoice_id.isdigit() else None
    if invoice is None:
        return 404, _page("Demo-sevDesk", "<p>Diesen Rechnungsentwurf gibt es im Demo-sevDesk nicht.</p>")
    rows = []
    for pos in data.all("InvoicePos"):
        if str((pos.get("invoice") or {}).get("id")) != str(invoice_id):
            continue
        rows.append(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                escape(str(pos.get("name") or "")),
                escape(str(pos.get("quantity") or "")),
                escape(_unit_name(data, pos)),
                escape(str(pos.get("price") or "")),
            )
        )
    contact = data.get("Contact", (invoice.get("contact") or {}).get("id") or "") or {}
    name = contact.get("name") or " ".join(
        p for p in (contact.get("surename"), contact.get("familyname")) if p
    )
    body = (
        "<p><b>Demo:</b> Dies ist der Demo-sevDesk auf diesem Rechner, nicht sevDesk. "
        "Im echten sevDesk öffnet craftdesk hier den Rechnungsentwurf.</p>"
        f"<h2>Rechnungsentwurf {escape(str(invoice.get('invoiceNumber') or invoice_id))}</h2>"
        f"<p>Kunde: {escape(str(name))}<br>Titel: {escape(str(invoice.get('header') or ''))}<br>"
        f"Status: {escape(str(invoice.get('status') or ''))}</p>"
        "<table border='1' cellpadding='4'><tr><th>Position</th><th>Menge</th><th>Einheit</th>"
        "<th>Preis</th></tr>" + "".join(rows) + "</table>"
    )
    return 200, _page("Demo-sevDesk – Rechnungsentwurf", body)


def _unit_name(data: SandboxData, pos: dict[str, Any]) -> str:
    unit = data.get("Unity", (pos.get("unity") or {}).get("id") or "") or {}
    return str(unit.get("name") or "")


def _page(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{escape(title)}"
        f"</title></head><body>{body}</body></html>"
    )
