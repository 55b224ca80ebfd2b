"""Exports of customers and articles (SPEC §7) as JSON or as CSV for German Excel.

JSON: a UTF-8 array, ``ensure_ascii=False``, indent 2, exactly the keys of SPEC §7.
Decimals are strings: prices with two decimals ("24.90"), the VAT rate as a plain
normalized decimal ("19", "7", "10.7").

CSV (for German Excel): UTF-8 with BOM, ``;`` as separator, decimal comma, booleans
"ja"/"nein", lists joined with ", ". Customers get one column group per postal and
billing address; the delivery addresses share one column, joined with " | " (an
address itself contains commas). Text that Excel would read as a formula (starting
with = + - @, e.g. a phone number "+49 …") is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any

from ..fsutil import write_atomic
from ..store.models import Address, Article, ContactInfo, Customer
from .articles import gross_price, money, rate_text

CUSTOMER_KEYS = (
    "id",
    "sevdesk_id",
    "customer_number",
    "kind",
    "first_name",
    "last_name",
    "company",
    "name_suffix",
    "description",
    "deleted_in_sevdesk",
    "e_invoice",
    "buyer_reference",
    "government_agency",
    "emails",
    "mobiles",
    "phones",
    "addresses",
)
ARTICLE_KEYS = (
    "id",
    "sevdesk_id",
    "number",
    "name",
    "unit",
    "net_price",
    "vat_rate",
    "gross_price",
    "description",
    "active",
)
# Fields written with a decimal comma in CSV, per export.
DECIMAL_FIELDS = {
    "articles": {"net_price", "vat_rate", "gross_price"},
    "projects": {"hours"},
    "customers": set(),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- records (the JSON shape) -------------------------------------------------------------


def customer_records() -> list[dict[str, Any]]:
    """All customers with their addresses and contact data (three queries)."""
    addresses: dict[int, list[dict[str, str]]] = defaultdict(list)
    for a in Address.select().order_by(Address.customer, Address.position, Address.id):
        addresses[a.customer_id].append(
            {"kind": a.kind, "street": a.street, "zip": a.zip, "city": a.city, "country": a.country}
        )
    infos: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"email": [], "mobile": [], "phone": []})
    for i in ContactInfo.select().order_by(ContactInfo.customer, ContactInfo.position, ContactInfo.id):
        infos[i.customer_id].setdefault(i.kind, []).append(i.value)
    result = []
    for c in Customer.select().order_by(Customer.id):
        found = infos[c.id]
        result.append(
            {
                "id": c.id,
                "sevdesk_id": c.sevdesk_id or None,
                "customer_number": c.customer_number,
                "kind": c.kind,
                "first_name": c.first_name,
                "last_name": c.last_name,
                "company": c.company,
                "name_suffix": c.name_suffix,
                "description": c.description,
                "deleted_in_sevdesk": bool(c.deleted_in_sevdesk),
                "e_invoice": c.wants_e_invoice,
                "buyer_reference": c.buyer_reference or "",
                "government_agency": bool(c.government_agency),
                "emails": found["email"],
                "mobiles": found["mobile"],
                "phones": found["phone"],
                "addresses": addresses.get(c.id, []),
            }
        )
    return result


def article_records() -> list[dict[str, Any]]:
    result = []
    for a in Article.select().order_by(Article.id):
        net = a.net_price or Decimal(0)  # finer than cents where sevDesk keeps it so (A3)
        rate = a.vat_rate or Decimal(0)
        result.append(
            {
                "id": a.id,
                "sevdesk_id": a.sevdesk_id or None,
                "number": a.number,
                "name": a.name,
                "unit": a.unit,
                "net_price": format(money(net), "f"),
                "vat_rate": rate_text(rate),
                "gross_price": format(gross_price(net, rate), "f"),
                "description": a.description,
                "active": bool(a.active),
            }
        )
    return result


# --- rendering ----------------------------------------------------------------------------


def render_json(records: list[dict[str, Any]]) -> bytes:
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _customer_row(record: dict[str, Any]) -> dict[str, Any]:
    row = {k: record[k] for k in CUSTOMER_KEYS if k not in ("emails", "mobiles", "phones", "addresses")}
    for key in ("emails", "mobiles", "phones"):
        row[key] = ", ".join(record[key])
    by_kind: dict[str, list[dict[str, str]]] = defaultdict(list)
    for address in record["addresses"]:
        by_kind[address["kind"]].append(address)
    for kind in ("postal", "billing"):
        first = by_kind[kind][0] if by_kind[kind] else {}
        for key in ("street", "zip", "city", "country"):
            row[f"{kind}_{key}"] = first.get(key, "")
    row["delivery_addresses"] = " | ".join(
        ", ".join(p for p in (a["street"], f"{a['zip']} {a['city']}".strip(), a["country"]) if p)
        for a in by_kind["delivery"]
    )
    return row


def _cell(value: Any, decimal: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    if decimal:
        return text.replace(".", ",")
    if text.startswith(_FORMULA_START):
        return "'" + text  # Excel must show a phone number, not evaluate a formula
    return text


def render_csv(what: str, records: list[dict[str, Any]], columns: Sequence[str] | None = None) -> bytes:
    rows = [_customer_row(r) for r in records] if what == "customers" else list(records)
    if columns is not None:
        header = list(columns)
    elif rows:
        header = list(rows[0])
    elif what == "customers":
        header = list(
            _customer_row(
                {k: [] if k in ("emails", "mobiles", "phones", "addresses") else None for k in CUSTOMER_KEYS}
            )
        )
    else:
        header = list(ARTICLE_KEYS) if what == "articles" else []
    decimals = DECIMAL_FIELDS.get(what, set())
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(key), key in decimals) for key in header])
    return buffer.getvalue().encode("utf-8-sig")


def render(what: str, fmt: str, records: list[dict[str, Any]], columns: Sequence[str] | None = None) -> bytes:
    if fmt == "json":
        return render_json(records)
    if fmt == "csv":
        return render_csv(what, records, columns)
    raise ValueError(f"unknown export format {fmt!r}")


def write_export(
    what: str,
    fmt: str,
    records: list[dict[str, Any]],
    out: str | os.PathLike[str] | IO[Any],
    columns: Sequence[str] | None = None,
) -> None:
    """Write ``records`` as ``fmt`` to a file path (atomically) or an open stream.

    ``columns`` fixes the CSV header (else: the keys of the first record). A text stream
    (e.g. ``sys.stdout``) gets the UTF-8 bytes through its buffer, so the console's own
    encoding never mangles umlauts.
    """
    write_bytes(render(what, fmt, records, columns), out)


def write_bytes(data: bytes, out: str | os.PathLike[str] | IO[Any]) -> None:
    """Write rendered export bytes to a file path (atomically) or an open stream."""
    if isinstance(out, (str, os.PathLike)):
        # Temp file + replace: a failed export never leaves half a file behind.
        write_atomic(out, data)
        return
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data)
        out.flush()
