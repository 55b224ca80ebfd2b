"""The invoice flow's sevDesk look-ups skip a malformed record like every import does:
it is left out and logged with its id and reason (the shared parse-and-skip helper),
and the readable records around it still count."""

from __future__ import annotations

import logging

import pytest
import responses

from craftdesk.api.client import SevdeskClient
from craftdesk.services import invoice_customer, invoices

BASE = "https://my.sevdesk.de/api/v1"
TOKEN = "0123456789abcdef0123456789abcdef"
CATEGORY = {"id": "3", "objectName": "Category"}


@pytest.fixture
def api():
    client = SevdeskClient(BASE, TOKEN, sleep=lambda _s: None, max_retries=0)
    yield client
    client.close()


def _paged(path: str, rows: list[dict]) -> None:
    """One page of rows, then the empty page that ends the sweep."""
    responses.get(f"{BASE}{path}", json={"objects": rows, "total": str(len(rows))})
    responses.get(f"{BASE}{path}", json={"objects": [], "total": str(len(rows))})


def _skips(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("Skipping")]


@responses.activate
def test_invoice_found_by_reference_past_a_malformed_invoice(api, caplog):
    reference = "craftdesk:7f3a"
    rows = [
        {"id": "135582105", "status": "offen", "customerInternalNote": reference},  # malformed
        {"id": "135582107", "status": "100", "customerInternalNote": reference},
        {"id": "135582103", "status": "100", "customerInternalNote": "other"},
    ]
    _paged("/Invoice", rows)

    with caplog.at_level(logging.WARNING, logger="craftdesk.services.parsing"):
        found = invoices.find_by_reference(api, reference)

    assert found is not None and found.id == "135582107"
    assert _skips(caplog) == ["Skipping Invoice 135582105: status ist keine Zahl"]


@responses.activate
def test_contact_found_by_number_past_a_malformed_contact(api, caplog):
    rows = [
        {"id": "71234502", "customerNumber": "10002", "category": CATEGORY},  # no name: skipped
        {"id": "71234509", "name": "Bäckerei Schröder", "customerNumber": "10002", "category": CATEGORY},
        {"id": "71234510", "name": "Schröder GmbH", "customerNumber": "100021", "category": CATEGORY},
    ]
    _paged("/Contact", rows)

    with caplog.at_level(logging.WARNING, logger="craftdesk.services.parsing"):
        found = invoice_customer._by_number(api, "10002")

    assert found is not None and found.id == "71234509"
    assert _skips(caplog) == ["Skipping Contact 71234502: Kontakt ohne Namen"]


@responses.activate
def test_contact_by_id_that_is_malformed_counts_as_missing(api, caplog):
    responses.get(f"{BASE}/Contact/71234502", json={"objects": [{"id": "71234502", "category": CATEGORY}]})

    with caplog.at_level(logging.WARNING, logger="craftdesk.services.parsing"):
        found = invoice_customer._by_id(api, "71234502")

    assert found is None
    assert _skips(caplog) == ["Skipping Contact 71234502: Kontakt ohne Namen"]
