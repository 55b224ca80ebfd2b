"""E-invoice rules that need no sevDesk: the preconditions (E3) and sevDesk's refusal (E4)."""

from __future__ import annotations

import pytest

from craftdesk.api.errors import ApiError
from craftdesk.services import e_invoice
from craftdesk.services.customers import create_local_customer


def _customer(**fields):
    fields.setdefault("kind", "organisation")
    fields.setdefault("company", "Hausverwaltung Linde GmbH")
    return create_local_customer(**fields)


ADDRESS = ("Lindenweg 2", "70173", "Stuttgart", "DE")


def test_E3_complete_business_customer_is_not_blocked(database):
    customer = _customer(emails=["rechnung@linde-hv.de"])
    result = e_invoice.check(customer, *ADDRESS)
    assert result.wanted and not result.blocked and result.sentence() == ""


def test_E3_names_every_missing_item_in_one_sentence(database):
    customer = _customer(government_agency=True)
    result = e_invoice.check(customer, "", "70173", "Stuttgart", "DE")
    assert result.blocked
    assert result.missing == (
        e_invoice.MISSING_EMAIL,
        e_invoice.MISSING_BUYER_REFERENCE,
        e_invoice.MISSING_ADDRESS,
    )
    sentence = result.sentence()
    assert sentence.startswith("Für die E-Rechnung fehlt: ") and sentence.endswith(".")
    assert sentence.count("\n") == 0 and "Leitweg-ID" in sentence


def test_E3_persons_and_disabled_drafts_are_no_e_invoices(database):
    person = create_local_customer(kind="person", first_name="Eva", last_name="Roth")
    assert e_invoice.check(person, *ADDRESS).wanted is False
    business = _customer()
    assert e_invoice.check(business, *ADDRESS, disabled=True).wanted is False
    business.e_invoice = False
    assert e_invoice.check(business, *ADDRESS).wanted is False
    assert e_invoice.check(None, *ADDRESS).wanted is False


def test_E4_refusal_names_what_sevdesk_misses():
    exc = ApiError(
        "sevDesk hat die Anfrage abgelehnt",
        status=422,
        code=830,
        detail="Missing information for e-invoice: sevClient.bankIban, sevClient.taxNumber",
    )
    sentence = e_invoice.refusal_sentence(exc)
    assert sentence is not None
    assert "IBAN Ihres Unternehmens" in sentence and "Steuernummer Ihres Unternehmens" in sentence
    assert sentence.count(".") >= 1 and "\n" not in sentence


def test_E4_refusal_as_real_sevdesk_sends_it_names_the_fields_of_its_data():
    """Real sevDesk (a public client library's capture) keeps the fields in error.data,
    the message only says "validations errors": the sentence named no field."""
    import json
    from types import SimpleNamespace

    from craftdesk.api.answers import interpret

    body = {
        "error": {
            "message": "Could not generate ZUGFeRD Invoice since there are validations errors",
            "code": 830,
            "data": {"missing information": ["document_addressCity", "sevClient_bankIban"]},
        },
        "objects": None,
    }
    answer = SimpleNamespace(status_code=400, content=json.dumps(body).encode(), text="")
    with pytest.raises(ApiError) as raised:
        interpret(answer, "POST", "/Invoice/Factory/saveInvoice")
    sentence = e_invoice.refusal_sentence(raised.value)
    assert sentence is not None
    assert "Anschrift (Ort)" in sentence and "IBAN Ihres Unternehmens" in sentence
    assert "validations errors" not in sentence


@pytest.mark.parametrize("detail", ["invoiceDate must not be before deliveryDate", None])
def test_E4_other_refusals_are_left_alone(detail):
    exc = ApiError("sevDesk hat die Anfrage abgelehnt", status=422, code=None, detail=detail)
    assert e_invoice.refusal_sentence(exc) is None
