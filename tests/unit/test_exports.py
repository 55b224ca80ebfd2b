"""Export shapes (SPEC §7) and the CSV dialect for German Excel."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest

from craftdesk.services import customers, exports
from craftdesk.store.db import close_database, open_memory_database
from craftdesk.store.models import Address, Article, ContactInfo, Customer


@pytest.fixture
def mem_db():
    database = open_memory_database()
    yield database
    close_database()


def sample_data() -> None:
    imported = Customer.create(
        sevdesk_id="71234501",
        customer_number="10001",
        kind="organisation",
        company="Müller Haustechnik GmbH",
        description="Hof\nZugang hinten",
        deleted_in_sevdesk=True,
    )
    for pos, (kind, street) in enumerate(
        (
            ("postal", "Königstraße 40"),
            ("billing", "Königstraße 40"),
            ("delivery", "Hauptstraße 12"),
            ("delivery", "Am Mühlbach 3"),
        )
    ):
        Address.create(
            customer=imported,
            kind=kind,
            street=street,
            zip="70173",
            city="Stuttgart",
            country="DE",
            position=pos,
        )
    for pos, (kind, value) in enumerate(
        (
            ("email", "a@mueller.de"),
            ("email", "b@mueller.de"),
            ("mobile", "+49 171 2345678"),
            ("phone", "+49 711 1234568"),
        )
    ):
        ContactInfo.create(customer=imported, kind=kind, value=value, position=pos)
    customers.create_local_customer(kind="person", first_name="Eva", last_name="Roth")
    Article.create(
        sevdesk_id="9876501",
        number="A-1001",
        name="Heizkörperventil DN15",
        unit="Stk",
        net_price=Decimal("24.9"),
        vat_rate=Decimal("19.00"),
        description="vernickelt",
    )
    Article.create(
        number="L-1",
        name="Eigenes Material",
        unit="m",
        net_price=Decimal("10"),
        vat_rate=Decimal("7"),
        active=False,
    )


def test_customer_records_have_exactly_the_spec_shape(mem_db):
    sample_data()
    imported, local = exports.customer_records()
    assert list(imported) == list(exports.CUSTOMER_KEYS)
    assert imported["sevdesk_id"] == "71234501" and local["sevdesk_id"] is None
    assert imported["emails"] == ["a@mueller.de", "b@mueller.de"]
    assert imported["mobiles"] == ["+49 171 2345678"] and imported["phones"] == ["+49 711 1234568"]
    assert imported["deleted_in_sevdesk"] is True
    assert imported["addresses"][0] == {
        "kind": "postal",
        "street": "Königstraße 40",
        "zip": "70173",
        "city": "Stuttgart",
        "country": "DE",
    }
    assert [a["kind"] for a in imported["addresses"]] == ["postal", "billing", "delivery", "delivery"]
    assert (local["kind"], local["customer_number"], local["emails"], local["addresses"]) == (
        "person",
        "L-1001",
        [],
        [],
    )


def test_article_records_carry_decimal_strings(mem_db):
    sample_data()
    valve, own = exports.article_records()
    assert valve == {
        "id": valve["id"],
        "sevdesk_id": "9876501",
        "number": "A-1001",
        "name": "Heizkörperventil DN15",
        "unit": "Stk",
        "net_price": "24.90",
        "vat_rate": "19",
        "gross_price": "29.63",
        "description": "vernickelt",
        "active": True,
    }
    assert (own["sevdesk_id"], own["net_price"], own["vat_rate"], own["gross_price"], own["active"]) == (
        None,
        "10.00",
        "7",
        "10.70",
        False,
    )


def test_json_is_utf8_indented_and_not_ascii_escaped(mem_db):
    sample_data()
    data = exports.render("customers", "json", exports.customer_records())
    text = data.decode("utf-8")
    assert "Müller" in text and "\\u00fc" not in text and text.startswith("[\n  {")
    assert json.loads(text)[0]["company"] == "Müller Haustechnik GmbH"


def test_csv_for_german_excel(mem_db):
    sample_data()
    data = exports.render("customers", "csv", exports.customer_records())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    header = text.split("\r\n", 1)[0].split(";")
    assert header[:3] == ["id", "sevdesk_id", "customer_number"] and "delivery_addresses" in header
    assert ";a@mueller.de, b@mueller.de;'+49 171 2345678;'+49 711 1234568;" in text
    assert ";ja;" in text  # deleted_in_sevdesk
    assert '"Hof\nZugang hinten"' in text  # multi-line text is quoted, not split
    assert "Hauptstraße 12, 70173 Stuttgart, DE | Am Mühlbach 3, 70173 Stuttgart, DE" in text
    articles = exports.render("articles", "csv", exports.article_records()).decode("utf-8-sig")
    assert ";24,90;19;29,63;" in articles and ";10,00;7;10,70;" in articles and articles.endswith(";nein\r\n")


def test_csv_header_without_records():
    text = exports.render("articles", "csv", []).decode("utf-8-sig")
    assert text == ";".join(exports.ARTICLE_KEYS) + "\r\n"
    assert exports.render("projects", "csv", [], ["project_id", "hours"]).decode("utf-8-sig") == (
        "project_id;hours\r\n"
    )


def test_write_export_to_file_binary_and_text_streams(tmp_path):
    records = [{"id": 1, "hours": "3.5"}]
    target = tmp_path / "p.csv"
    exports.write_export("projects", "csv", records, target)
    assert target.read_bytes() == "\ufeffid;hours\r\n1;3,5\r\n".encode("utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name != "p.csv"]  # no temp file left
    binary = io.BytesIO()
    exports.write_export("projects", "json", records, binary)
    assert json.loads(binary.getvalue()) == records
    text = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    exports.write_export("projects", "json", [{"name": "Müller"}], text)
    assert "Müller".encode() in text.buffer.getvalue()  # UTF-8 whatever the console encoding
