"""The proposal as the JSON of ``craftdesk invoice PROJECT_ID --preview --json`` (SPEC V7).

The one place that builds it, so later additions (e.g. E5's ``e_invoice``/``missing``)
extend this dictionary. Decimals are strings ("6.5", "58.00" as stored), dates ISO.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .invoice_preview import InvoiceProposal, ProposalLine


def decimal_text(value: Decimal) -> str:
    """ "3.5", "10", "58.5" — never "1E+1"; prices keep at least two places ("58.00")."""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def money_text(value: Decimal) -> str:
    """Prices with at least two decimal places ("58.00", "0.335")."""
    if value.as_tuple().exponent >= -2:  # type: ignore[operator]
        return format(value.quantize(Decimal("0.01")), "f")
    return format(value.normalize(), "f")


def line_json(line: ProposalLine) -> dict[str, Any]:
    return {
        "kind": line.kind,
        "text": line.text,
        "quantity": decimal_text(line.quantity),
        "unit": line.unit,
        "net_price": money_text(line.net_price),
        "vat_rate": decimal_text(line.vat_rate),
        "article_number": line.article_number,
    }


def preview_json(proposal: InvoiceProposal) -> dict[str, Any]:
    address = proposal.address
    header = proposal.header
    return {
        "project_id": proposal.project_id,
        "customer": {
            "id": proposal.customer_id,
            "sevdesk_id": proposal.customer_sevdesk_id,
            "name": proposal.customer_name,
        },
        "address": {
            "street": address.street,
            "zip": address.zip,
            "city": address.city,
            "country": address.country,
        },
        "header": header.header,
        "head_text": header.head_text,
        "service_from": header.service_from.isoformat(),
        "service_to": header.service_to.isoformat(),
        "lines": [line_json(line) for line in proposal.lines],
        "warnings": list(proposal.warnings),
        "e_invoice": proposal.e_invoice,
        "missing": list(proposal.missing),
    }
