"""In demo mode "In sevDesk öffnen" opens the demo sevDesk's own page for the draft, not the
real sevDesk with an id it does not know."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from craftdesk.services.invoices import invoice_link


def test_link_to_the_real_sevdesk_stays():
    assert invoice_link("123") == "https://my.sevdesk.de/#/fi/edit/type/RE/id/123"
    assert invoice_link("123", "https://my.sevdesk.de/api/v1").startswith("https://my.sevdesk.de/")


def test_demo_link_opens_the_demo_page_with_the_draft(sandbox):
    invoice = sandbox.data.all("Invoice")[0]
    link = invoice_link(invoice["id"], sandbox.url)
    assert link.startswith("http://127.0.0.1:") and link.endswith(f"/demo/invoice/{invoice['id']}")
    with urllib.request.urlopen(link, timeout=5) as answer:
        page = answer.read().decode("utf-8")
        assert answer.headers["Content-Type"].startswith("text/html")
    assert "Demo-sevDesk" in page and "nicht sevDesk" in page
    assert "<script" not in page.lower()


def test_demo_page_of_an_unknown_draft_says_so(sandbox):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(invoice_link("999999999", sandbox.url), timeout=5)
    assert error.value.code == 404
    assert "gibt es im Demo-sevDesk nicht" in error.value.read().decode("utf-8")
