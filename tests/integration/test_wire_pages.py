"""Pages read by msgspec (api.fast_pages) import exactly what the usual decoder imports: the
same customers, addresses and communication ways, the same skips and the same log lines,
also when some records of a page (or a whole page) must go the careful way."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from craftdesk.api import fast_pages as pages
from craftdesk.services.importer import run_import
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import Address, ContactInfo, Customer

pytestmark = pytest.mark.skipif(not pages._READERS, reason="msgspec is not installed")


def ref(object_name: str, id_: str) -> dict[str, str]:
    return {"id": id_, "objectName": object_name}


def add_odd_records(sandbox: Any) -> None:
    data = sandbox.data
    kunde = ref("Category", "3")
    cid = next(c["id"] for c in data.all("Contact") if c["category"]["id"] == "3")
    data.add("Contact", {"category": kunde, "customerNumber": "10999"})  # no name: skipped
    data.add("Contact", {"category": kunde, "name": "Zahl-Id GmbH", "customerNumber": 10998})
    data.add("Contact", {"category": kunde, "name": "Steuer\x00zeichen", "description": "a\x0bb"})
    data.add("Contact", {"category": kunde, "name": "L" * 300, "customerNumber": "10997"})  # cut, logged
    supplier = ref("Category", "2")  # not read at all: no line about its long description
    data.add("Contact", {"category": supplier, "name": "Lieferant", "description": "z" * 10_001})
    data.add("ContactAddress", {"contact": None, "street": "Nirgendwo 1"})
    data.add("ContactAddress", {"contact": ref("Contact", cid), "street": {"not": "text"}})
    data.add("ContactAddress", {"contact": ref("Contact", cid), "street": " Weg 3 ", "zip": 70173})
    data.add("CommunicationWay", {"contact": ref("Contact", cid), "type": "FAX", "value": "+49 711 1"})
    data.add("CommunicationWay", {"contact": ref("Contact", cid), "type": "email", "value": "b@x.de"})
    # a reference sent as a bare id: msgspec cannot read this page in its form
    data.add("CommunicationWay", {"contact": cid, "type": "PHONE", "value": "0711 2"})


def snapshot() -> dict[str, Any]:
    customers = {c.id: c.sevdesk_id for c in Customer.select()}
    return {
        "customers": sorted(
            (
                c.sevdesk_id,
                c.customer_number,
                c.company,
                c.first_name,
                c.last_name,
                c.description,
                c.sync_hash,
            )
            for c in Customer.select()
        ),
        "addresses": sorted(
            (customers[a.customer_id], a.kind, a.street, a.zip, a.city, a.country, a.sevdesk_id)
            for a in Address.select()
        ),
        "infos": sorted(
            (customers[i.customer_id], i.kind, i.value, i.sevdesk_id) for i in ContactInfo.select()
        ),
    }


def import_into(path: Path, client: Any, caplog: Any) -> tuple[dict[str, Any], tuple[int, ...], list[str]]:
    close_database()
    open_database(path)
    caplog.clear()
    result = run_import(client, "customers")
    counts = result.collections["customers"]
    return snapshot(), (counts.created, counts.skipped), [r.getMessage() for r in caplog.records]


def test_H10_pages_read_by_msgspec_import_what_the_usual_decoder_imports(
    sandbox, client, database, data_dir, monkeypatch, caplog
):
    add_odd_records(sandbox)
    caplog.set_level(logging.WARNING, logger="craftdesk")
    read = {"rows": 0, "usual": 0}
    page_rows = pages.page_rows

    def counted(content: bytes, shape: str, decode: Any) -> Any:
        result = page_rows(content, shape, decode)
        read["usual" if result is None else "rows"] += 1
        return result

    monkeypatch.setattr("craftdesk.api.answers.page_rows", counted)
    fast = import_into(data_dir / "fast.sqlite3", client, caplog)
    assert read == {"rows": 2, "usual": 1}  # contacts and addresses; ways the usual way
    monkeypatch.setattr(pages, "_READERS", {})  # as without msgspec
    usual = import_into(data_dir / "usual.sqlite3", client, caplog)
    assert read["rows"] == 2
    assert fast == usual
    assert fast[1][1] == 5  # nameless contact, orphan and bad address, fax, bare reference
    assert any("10998" in row[1] for row in fast[0]["customers"])
    assert sum("300 characters" in line for line in fast[2]) == 1
    assert not any("10001 characters" in line for line in fast[2])
