"""The demo sevDesk server over real HTTP (requests against a started Sandbox)."""

from __future__ import annotations

import copy
import json
import time
from datetime import datetime

import pytest
import requests

from craftdesk.sandbox import DEMO_TOKEN, Sandbox, SandboxData, build_bulk_data, build_demo_data

TIMEOUT = 5


@pytest.fixture
def sandbox():
    with Sandbox() as sb:
        yield sb


@pytest.fixture
def http(sandbox):
    session = requests.Session()
    session.headers["Authorization"] = DEMO_TOKEN
    base = sandbox.url

    def call(method: str, path: str, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return session.request(method, base + path, **kwargs)

    yield call
    session.close()


def objects(response: requests.Response):
    assert response.status_code == 200, response.text
    return response.json()["objects"]


def invoice_body(**invoice_changes) -> dict:
    body = {
        "invoice": {
            "objectName": "Invoice",
            "mapAll": True,
            "id": None,
            "contact": {"id": 71234501, "objectName": "Contact"},
            "contactPerson": {"id": 1551095, "objectName": "SevUser"},
            "invoiceDate": "18.02.2026",
            "deliveryDate": 1771369200,
            "header": "Rechnung zu AB-1042",
            "status": 100,
            "invoiceType": "RE",
            "currency": "EUR",
            "taxRule": {"id": "1", "objectName": "TaxRule"},
            "taxRate": 0,
            "showNet": True,
            "customerInternalNote": "SYNC-AB-1042",
            "addressName": "Müller Haustechnik GmbH",
            "addressStreet": "Königstraße 40",
            "addressZip": "70173",
            "addressCity": "Stuttgart",
            "addressCountry": {"id": 1, "objectName": "StaticCountry"},
        },
        "invoicePosSave": [
            {
                "objectName": "InvoicePos",
                "mapAll": True,
                "part": {"id": 9876501, "objectName": "Part"},
                "name": "Heizkörperventil DN15",
                "quantity": 10,
                "price": 24.9,
                "unity": {"id": 1, "objectName": "Unity"},
                "taxRate": 19,
                "positionNumber": 0,
            },
            {
                "objectName": "InvoicePos",
                "mapAll": True,
                "name": "Montage",
                "quantity": 2.5,
                "price": 68,
                "unity": {"id": 9, "objectName": "Unity"},
                "taxRate": 19,
                "positionNumber": 1,
            },
        ],
        "invoicePosDelete": None,
    }
    body["invoice"].update(invoice_changes)
    return body


# --------------------------------------------------------------------------- auth, listing, filters


def test_token_is_required_and_must_match_exactly(sandbox, http):
    url = sandbox.url + "/Contact"
    for headers in ({}, {"Authorization": "wrong"}, {"Authorization": f"Bearer {DEMO_TOKEN}"}):
        response = requests.get(url, headers=headers, timeout=TIMEOUT)
        assert response.status_code == 401
        body = response.json()
        assert body["objects"] is None and body["error"]["message"]
    assert http("GET", "/Contact").status_code == 200
    assert [r.status for r in sandbox.requests] == [401, 401, 401, 200]


def test_depth_0_lists_organisations_only_and_depth_1_adds_persons(http):
    organisations = objects(http("GET", "/Contact", params={"limit": 1000}))
    everyone = objects(http("GET", "/Contact", params={"depth": 1, "limit": 1000}))
    assert organisations and all(c["name"] for c in organisations)
    persons = [c for c in everyone if not c["name"]]
    assert persons and all(c["surename"] or c["familyname"] for c in persons)
    assert len(everyone) == len(organisations) + len(persons)


def test_count_all_adds_total_as_string(http):
    body = http("GET", "/Contact", params={"depth": 1, "limit": 5, "countAll": "true"}).json()
    assert body["total"] == "47" and len(body["objects"]) == 5
    assert "total" not in http("GET", "/Contact", params={"depth": 1}).json()


def test_category_filter_on_contacts(http):
    params = {"depth": 1, "category[id]": 3, "category[objectName]": "Category", "countAll": "true"}
    body = http("GET", "/Contact", params=params).json()
    assert body["total"] == "40"
    assert {c["category"]["id"] for c in body["objects"]} == {"3"}
    suppliers = objects(http("GET", "/Contact", params={**params, "category[id]": 2}))
    assert [c["name"] for c in suppliers] == [
        "Richter Sanitärgroßhandel GmbH",
        "Elektro-Großhandel Wagner KG",
    ]


def test_address_categories_carry_translation_codes(http):
    categories = objects(http("GET", "/Category", params={"objectType": "ContactAddress"}))
    codes = {c["translationCode"]: c["name"] for c in categories}
    assert codes == {
        "CATEGORY_WORK": "Geschäftlich",
        "CATEGORY_PRIVAT": "Privat",
        "CATEGORY_INVOICE_ADDRESS": "Rechnungsanschrift",
        "CATEGORY_DELIVERY_ADDRESS": "Lieferanschrift",
        "CATEGORY_PICKUP_ADDRESS": "Abholanschrift",
        "CATEGORY_EMPTY": "Leer",
    }
    parts = objects(http("GET", "/Category", params={"objectType": "Part"}))
    assert sorted(c["name"] for c in parts) == ["Artikel", "Dienstleistung"]


@pytest.mark.parametrize("limit", ["1001", "0", "-5", "zehn"])
def test_invalid_limit_is_rejected(http, limit):
    response = http("GET", "/ContactAddress", params={"limit": limit})
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_limit_defaults_to_100_and_1000_is_allowed(http):
    assert len(objects(http("GET", "/CommunicationWay"))) == 100
    assert len(objects(http("GET", "/CommunicationWay", params={"limit": 1000}))) == 110


def test_paging_returns_every_id_exactly_once_in_ascending_order(http):
    seen: list[int] = []
    offset = 0
    while True:
        page = objects(http("GET", "/ContactAddress", params={"limit": 7, "offset": offset}))
        if not page:
            break
        assert len(page) <= 7
        seen += [int(a["id"]) for a in page]
        offset += 7
    everything = [int(a["id"]) for a in objects(http("GET", "/ContactAddress", params={"limit": 1000}))]
    assert seen == everything == sorted(set(everything))
    assert len(seen) == 72


def test_update_after_returns_only_newer_contacts(sandbox, http):
    contacts = sandbox.data.all("Contact")
    newest = max(datetime.fromisoformat(c["update"]).timestamp() for c in contacts)
    params = {"depth": 1, "updateAfter": int(newest)}
    assert objects(http("GET", "/Contact", params=params)) == []
    changed = sandbox.data.update("Contact", "71234502", description="Neue Backstube ab März")
    found = objects(http("GET", "/Contact", params=params))
    assert [c["id"] for c in found] == ["71234502"]
    assert found[0]["update"] == changed["update"]
    assert http("GET", "/Contact", params={"updateAfter": "gestern"}).status_code == 400


def test_customer_number_is_an_exact_match(http):
    exact = objects(http("GET", "/Contact", params={"depth": 1, "customerNumber": "10001"}))
    assert [c["name"] for c in exact] == ["Müller Haustechnik GmbH"]
    assert objects(http("GET", "/Contact", params={"depth": 1, "customerNumber": "1000"})) == []
    person = objects(http("GET", "/Contact", params={"depth": 1, "customerNumber": "10027"}))
    assert [(p["surename"], p["familyname"]) for p in person] == [("Peter", "Schmid")]


def test_missing_id_and_unknown_path_answer_404(http):
    response = http("GET", "/Contact/1")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == 151
    assert "Model_Contact" in response.json()["error"]["message"]
    assert http("GET", "/Gibtsnicht").status_code == 404
    single = objects(http("GET", "/Contact/71234524"))  # a person, found without depth
    assert len(single) == 1 and single[0]["familyname"] == "Weiß"


def test_create_contact_validates_and_returns_one_object(sandbox, http):
    bad = http("POST", "/Contact", json={"name": "Ohne Kategorie"})
    assert bad.status_code == 422
    no_name = http("POST", "/Contact", json={"category": {"id": 3, "objectName": "Category"}})
    assert no_name.status_code == 422
    assert (
        http("POST", "/Contact", data="{kaputt", headers={"Content-Type": "application/json"}).status_code
        == 400
    )
    number = objects(http("GET", "/Contact/Factory/getNextCustomerNumber"))
    assert number == "10048"
    created = http(
        "POST",
        "/Contact",
        json={
            "surename": "Probe",
            "familyname": "Halter",
            "customerNumber": number,
            "category": {"id": 3, "objectName": "Category"},
        },
    )
    assert created.status_code == 201
    contact = created.json()["objects"]
    assert isinstance(contact, dict) and contact["status"] == "100" and contact["category"]["id"] == "3"
    assert sandbox.data.get("Contact", contact["id"])["familyname"] == "Halter"
    owner = {"id": int(contact["id"]), "objectName": "Contact"}
    address = http(
        "POST",
        "/ContactAddress",  # no country, no category
        json={"contact": owner, "street": "Probeweg 1", "zip": "70173", "city": "Stuttgart"},
    )
    assert address.status_code == 422


# --------------------------------------------------------------------------- invoices


def test_save_invoice_creates_a_draft_with_positions(sandbox, http):
    response = http("POST", "/Invoice/Factory/saveInvoice", json=invoice_body())
    assert response.status_code == 201
    saved = response.json()["objects"]
    invoice = saved["invoice"]
    assert invoice["status"] == "100" and invoice["invoiceNumber"] is None
    # Like captured real answers: sums as JSON numbers, many more fields, positions numbered
    # from 1000 with ``quantity: true`` (the stored positions keep the real quantities).
    assert (invoice["sumNet"], invoice["sumTax"], invoice["sumGross"]) == (419, 79.61, 498.61)
    assert len(invoice) >= 76 and "vatdrop" in saved
    assert [(p["quantity"], p["positionNumber"]) for p in saved["invoicePos"]] == [(True, 1000), (True, 1001)]
    assert invoice["invoiceDate"].startswith("2026-02-18T00:00:00")
    assert invoice["contact"] == {"id": "71234501", "objectName": "Contact"}
    assert [p["name"] for p in saved["invoicePos"]] == ["Heizkörperventil DN15", "Montage"]
    assert all(p["invoice"]["id"] == invoice["id"] for p in saved["invoicePos"])
    assert objects(http("GET", f"/Invoice/{invoice['id']}"))[0]["customerInternalNote"] == "SYNC-AB-1042"
    positions = objects(http("GET", f"/Invoice/{invoice['id']}/getPositions"))
    assert [(p["quantity"], p["price"], p["taxRate"]) for p in positions] == [
        ("10", "24.9", "19"),
        ("2.5", "68", "19"),
    ]
    assert positions[0]["part"]["id"] == "9876501" and positions[1]["part"] is None


def _without_positions(body):
    body["invoicePosSave"] = []


def _drop_from_position(field):
    def change(body):
        del body["invoicePosSave"][1][field]

    return change


@pytest.mark.parametrize(
    "change, fragment",
    [
        (lambda b: b.pop("invoice"), "invoice"),
        (lambda b: b["invoice"].update(objectName="Order"), "objectName"),
        (lambda b: b["invoice"].update(status=200), "100"),
        (lambda b: b["invoice"].pop("invoiceType"), "invoiceType"),
        (lambda b: b["invoice"].pop("contactPerson"), "contactPerson"),
        (lambda b: b["invoice"].update(contactPerson={"id": 4711, "objectName": "SevUser"}), "contactPerson"),
        (lambda b: b["invoice"].update(contact={"id": 4711, "objectName": "Contact"}), "contact"),
        (_without_positions, "at least one position"),
        (lambda b: b["invoicePosSave"][0].update(taxRate=16), "tax rate"),
        (_drop_from_position("unity"), "unity"),
        (_drop_from_position("quantity"), "quantity"),
        (_drop_from_position("taxRate"), "taxRate"),
    ],
    ids=[
        "no-invoice",
        "objectName",
        "status",
        "invoiceType",
        "no-contactPerson",
        "unknown-contactPerson",
        "unknown-contact",
        "no-positions",
        "taxRate-16",
        "no-unity",
        "no-quantity",
        "no-taxRate",
    ],
)
def test_save_invoice_rejects_invalid_drafts(sandbox, http, change, fragment):
    body = copy.deepcopy(invoice_body())
    change(body)
    response = http("POST", "/Invoice/Factory/saveInvoice", json=body)
    assert response.status_code == 422, response.text
    error = response.json()
    assert error["objects"] is None and fragment in error["error"]["message"]
    assert len(sandbox.data.all("Invoice")) == 2


def test_save_invoice_accepts_string_status_and_refuses_changing_a_sent_invoice(sandbox, http):
    assert http("POST", "/Invoice/Factory/saveInvoice", json=invoice_body(status="100")).status_code == 201
    paid = objects(http("GET", "/Invoice", params={"status": 1000}))
    assert [i["invoiceNumber"] for i in paid] == ["RE-2025-0142"]
    response = http("POST", "/Invoice/Factory/saveInvoice", json=invoice_body(id=paid[0]["id"]))
    assert response.status_code == 409


def test_customer_internal_note_filter_is_exact(http):
    http("POST", "/Invoice/Factory/saveInvoice", json=invoice_body(customerInternalNote="SYNC-7"))
    http("POST", "/Invoice/Factory/saveInvoice", json=invoice_body(customerInternalNote="SYNC-77"))
    found = objects(http("GET", "/Invoice", params={"customerInternalNote": "SYNC-7"}))
    assert [i["customerInternalNote"] for i in found] == ["SYNC-7"]
    assert objects(http("GET", "/Invoice", params={"customerInternalNote": "SYNC"})) == []


# --------------------------------------------------------------------------- faults


def test_fault_429_with_retry_after_then_normal(sandbox, http):
    sandbox.faults.add(path="/Contact", method="GET", kind="status", status=429, retry_after=1, times=2)
    assert http("GET", "/ContactAddress").status_code == 200  # "/Contact" must not match it
    for _ in range(2):
        response = http("GET", "/Contact", params={"depth": 1})
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "1"
        assert response.json()["error"]["responseCode"] == 429
    assert http("GET", "/Contact/71234501").status_code == 200
    assert [r.status for r in sandbox.requests] == [200, 429, 429, 200]
    assert sandbox.requests[1].query == {"depth": "1"} and sandbox.requests[1].path == "/Contact"


def test_fault_drop_closes_without_answer(sandbox, http):
    sandbox.faults.add(path="/Part", kind="drop", times=1)
    with pytest.raises(requests.ConnectionError):
        http("GET", "/Part")
    assert len(objects(http("GET", "/Part", params={"limit": 1000}))) == 60


def test_fault_commit_then_drop_writes_but_does_not_answer(sandbox, http):
    sandbox.faults.add(path="/Invoice/Factory/saveInvoice", method="POST", kind="commit_then_drop")
    with pytest.raises(requests.ConnectionError):
        http("POST", "/Invoice/Factory/saveInvoice", json=invoice_body(customerInternalNote="SYNC-CRASH"))
    found = objects(http("GET", "/Invoice", params={"customerInternalNote": "SYNC-CRASH"}))
    assert len(found) == 1 and found[0]["status"] == "100"


def test_fault_delay_and_malformed(sandbox, http):
    sandbox.faults.add(path="/Unity", kind="delay", seconds=0.4)
    started = time.monotonic()
    assert http("GET", "/Unity").status_code == 200
    assert time.monotonic() - started >= 0.35
    sandbox.faults.add(path="/SevUser", kind="malformed", times=None)
    for _ in range(2):
        response = http("GET", "/SevUser")
        assert response.status_code == 200
        with pytest.raises(ValueError):
            response.json()
    sandbox.faults.clear()
    assert len(objects(http("GET", "/SevUser"))) == 3


# --------------------------------------------------------------------------- persistence, data


def test_state_file_round_trip(tmp_path):
    state = tmp_path / "sandbox.json"
    with Sandbox(state_file=state) as first:
        response = requests.post(
            first.url + "/Contact",
            headers={"Authorization": DEMO_TOKEN},
            timeout=TIMEOUT,
            json={"name": "Neukunde Straßenbau GmbH", "category": {"id": 3, "objectName": "Category"}},
        )
        assert response.status_code == 201
        new_id = response.json()["objects"]["id"]
    assert state.exists()
    assert json.loads(state.read_text(encoding="utf-8"))["tables"]["Contact"][-1]["id"] == new_id
    with Sandbox(state_file=state) as second:
        found = requests.get(
            f"{second.url}/Contact/{new_id}", headers={"Authorization": DEMO_TOKEN}, timeout=TIMEOUT
        )
        assert found.json()["objects"][0]["name"] == "Neukunde Straßenbau GmbH"
        assert int(second.data.add("Contact", {"name": "Noch einer"})) > int(new_id)


def test_stop_really_stops_serving(sandbox):
    url = sandbox.url + "/Unity"
    session = requests.Session()
    assert session.get(url, headers={"Authorization": DEMO_TOKEN}, timeout=TIMEOUT).status_code == 200
    sandbox.stop()
    with pytest.raises(requests.ConnectionError):
        session.get(url, headers={"Authorization": DEMO_TOKEN}, timeout=TIMEOUT)


def test_demo_orders_cover_the_import_cases(http):
    confirmations = objects(http("GET", "/Order", params={"orderType": "AB", "limit": 1000}))
    statuses = sorted(o["status"] for o in confirmations)
    assert statuses == ["100", "1000", "200", "200", "200", "200", "200", "750"]
    offers = objects(http("GET", "/Order", params={"orderType": "AN", "status": 200}))
    assert len(offers) == 2
    vaihingen = objects(http("GET", "/Order", params={"orderNumber": "AB-1042"}))[0]
    assert "hauptstr. 12" in vaihingen["address"]
    addresses = objects(
        http(
            "GET",
            "/ContactAddress",
            params={"contact[id]": vaihingen["contact"]["id"], "contact[objectName]": "Contact"},
        )
    )
    assert "Hauptstraße 12" in [a["street"] for a in addresses]
    schmid = objects(http("GET", "/Order", params={"orderNumber": "AB-1041"}))[0]
    parts = [p["part"]["id"] for p in objects(http("GET", f"/Order/{schmid['id']}/getPositions"))]
    assert len(parts) > len(set(parts))


def test_data_helpers_allow_other_category_ids():
    data = build_demo_data(category_ids={"CATEGORY_INVOICE_ADDRESS": 9047, "Artikel": 777001})
    assert data.find_category("ContactAddress", translation_code="CATEGORY_INVOICE_ADDRESS")["id"] == "9047"
    assert data.get("Category", "47") is None
    assert any(a["category"]["id"] == "9047" for a in data.all("ContactAddress"))
    data.change_id("Category", "9047", "12")
    assert any(a["category"]["id"] == "12" for a in data.all("ContactAddress"))
    custom = SandboxData(id_start=500)
    assert custom.add("Contact", {"name": "A"}) == "500"
    assert custom.add("Contact", {"name": "B"}, id=42) == "42"
    assert [c["id"] for c in custom.all("Contact")] == ["42", "500"]
    copied = SandboxData.from_json(json.loads(json.dumps(data.to_json())))
    assert copied.all("ContactAddress") == data.all("ContactAddress")


def test_bulk_data_sizes():
    data = build_bulk_data(n_customers=200, n_parts=100)
    assert len(data.all("Contact")) == 200
    addresses, ways = data.all("ContactAddress"), data.all("CommunicationWay")
    assert len(addresses) == 400 and len(ways) == 600
    assert {a["contact"]["id"] for a in addresses} == {c["id"] for c in data.all("Contact")}
    parts = data.all("Part")
    articles = data.find_category("Part", name="Artikel")["id"]
    services = data.find_category("Part", name="Dienstleistung")["id"]
    in_articles = sum(p["category"]["id"] == articles for p in parts)
    in_services = sum(p["category"]["id"] == services for p in parts)
    assert len(parts) == 100 and in_articles + in_services == 100 and in_articles > in_services > 0


def test_save_invoice_refuses_delivery_after_invoice_date(sandbox):
    import requests as _rq

    body = {
        "invoice": {
            "objectName": "Invoice",
            "mapAll": True,
            "status": "100",
            "invoiceType": "RE",
            "contactPerson": {"id": 1551095, "objectName": "SevUser"},
            "invoiceDate": "01.03.2026",
            "deliveryDate": "02.03.2026",
            "taxRule": {"id": "1", "objectName": "TaxRule"},
        },
        "invoicePosSave": [
            {
                "objectName": "InvoicePos",
                "mapAll": True,
                "quantity": 1,
                "price": 10,
                "name": "Montage",
                "unity": {"id": 9, "objectName": "Unity"},
                "taxRate": 19,
            }
        ],
    }
    headers = {"Authorization": sandbox.token}
    r = _rq.post(f"{sandbox.url}/Invoice/Factory/saveInvoice", json=body, headers=headers, timeout=5)
    assert r.status_code == 422
    body["invoice"]["deliveryDate"] = "01.03.2026"
    r = _rq.post(f"{sandbox.url}/Invoice/Factory/saveInvoice", json=body, headers=headers, timeout=5)
    assert r.status_code == 201
