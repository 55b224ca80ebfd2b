"""Order confirmations as real sevDesk accounts may send them (SPEC O1–O6): other field
types, fields left out, other address layouts, users and parts that cannot be read.
Against the demo sevDesk over loopback, with its records changed per test."""

from __future__ import annotations

from craftdesk.services import employees as emp
from craftdesk.services import projects as svc
from craftdesk.services.orders import (
    find_site,
    import_order,
    import_orders,
    list_importable_orders,
    normalize_street,
    order_site,
)
from craftdesk.services.project_export import project_records
from craftdesk.store.models import Address, Customer, Project


def order(sandbox, number: str) -> dict:
    return next(o for o in sandbox.data.all("Order") if o["orderNumber"] == number)


def positions(sandbox, order_id: str) -> list[dict]:
    return [p for p in sandbox.data.all("OrderPos") if p["order"]["id"] == order_id]


def copy_order(sandbox, number: str, new_number: str, **changes) -> str:
    """A new confirmation like ``number`` (same positions) with some fields changed."""
    source = order(sandbox, number)
    fields = {k: v for k, v in source.items() if k not in ("id", "create", "update")}
    fields.update(orderNumber=new_number, **changes)
    new_id = sandbox.data.add("Order", fields)
    for pos in positions(sandbox, source["id"]):
        sandbox.data.add(
            "OrderPos",
            dict(
                {k: v for k, v in pos.items() if k not in ("id", "create", "update")},
                order={"id": new_id, "objectName": "Order"},
            ),
        )
    return new_id


def the_appointment(project_id: int):
    [appointment] = svc.list_appointments(project_id)
    return appointment


def observers(project_id: int) -> list[str]:
    return [e.name for e in svc.people_of(the_appointment(project_id), "observer")]


def exported_planned(project_id: int) -> list[dict]:
    [project] = [p for p in project_records() if p["id"] == project_id]
    return project["jobs"][0]["appointments"][0]["planned"]


# --- O1: type and status -------------------------------------------------------------------


def test_O1_ids_and_status_as_json_numbers(sandbox, client, database):
    for row in sandbox.data.all("Order"):
        sandbox.data.update("Order", row["id"], status=int(row["status"]))
    ab = order(sandbox, "AB-1042")
    sandbox.data.update("Order", ab["id"], contact={"id": int(ab["contact"]["id"]), "objectName": "Contact"})
    listed = {o.number: o for o in list_importable_orders(client)}
    assert set(listed) == {"AB-1041", "AB-1042", "AB-1043", "AB-1044", "AB-1045"}
    assert listed["AB-1042"].customer == "Müller Haustechnik GmbH"
    result = import_order(client, ab["id"])
    assert result.status == "imported"
    assert Project.get_by_id(result.project_id).customer.company == "Müller Haustechnik GmbH"


def answer_without(monkeypatch, sandbox, field: str) -> None:
    """Make the demo server leave ``field`` out of every Order it sends (it still filters
    by it, as a server would that does not echo the field)."""
    dispatch = sandbox.api.dispatch

    def without(method, path, query, body):
        status, payload = dispatch(method, path, query, body)
        objects = payload.get("objects") if isinstance(payload, dict) else None
        for row in objects if isinstance(objects, list) else []:
            if isinstance(row, dict) and row.get("objectName") == "Order":
                row.pop(field, None)
        return status, payload

    monkeypatch.setattr(sandbox.api, "dispatch", without)


def test_O1_confirmation_without_order_type_in_the_answer(sandbox, client, database, monkeypatch):
    """sevDesk was asked for type AB; an answer that leaves the type out is taken at its
    word, while an offer named by id is still refused."""
    ab = order(sandbox, "AB-1042")
    an = order(sandbox, "AN-2015")
    answer_without(monkeypatch, sandbox, "orderType")
    listed = {o.number for o in list_importable_orders(client)}
    assert listed == {"AB-1041", "AB-1042", "AB-1043", "AB-1044", "AB-1045"}
    results = import_orders(client, [ab["id"], an["id"]])
    assert [r.status for r in results] == ["imported", "failed"]
    assert "keine versendete Auftragsbestätigung" in results[1].message


# --- O3: the creating user -----------------------------------------------------------------


def test_O3_creator_matched_by_login_when_the_user_has_no_email_field(sandbox, client, database):
    ab = order(sandbox, "AB-1042")
    user = sandbox.data.get("SevUser", ab["createUser"]["id"])
    sandbox.data.update("SevUser", user["id"], email=None)
    emp.add_employee("Büro", user["username"].upper())
    assert observers(import_order(client, ab["id"]).project_id) == ["Büro"]


def test_O3_user_lookup_refused_still_imports_without_observer(sandbox, client, database):
    emp.add_employee("Jemand", "jemand@example.de")
    sandbox.faults.add(path="/SevUser", method="GET", kind="status", status=400, times=None)
    ab = order(sandbox, "AB-1042")
    [result] = import_orders(client, [ab["id"]])
    assert result.status == "imported", result.message
    assert observers(result.project_id) == []


# --- O4: parts --------------------------------------------------------------------------------


def test_O4_part_gone_in_sevdesk_becomes_a_free_text_line(sandbox, client, database):
    ab = order(sandbox, "AB-1043")
    gone = next(p for p in positions(sandbox, ab["id"]) if p["part"] and p["name"] == "Thermostatkopf")
    sandbox.data.delete("Part", gone["part"]["id"])
    [result] = import_orders(client, [ab["id"]])
    assert result.status == "imported", result.message
    lines = [(p["article_number"], p["name"], p["quantity"]) for p in exported_planned(result.project_id)]
    assert lines[1] == (None, "Thermostatkopf", "4")
    assert lines[0][0] == "A-1001"


def test_O4_positions_answer_without_order_reference(sandbox, client, database, monkeypatch):
    """getPositions is asked for one order; a server may leave out the back reference."""
    ab = order(sandbox, "AB-1043")
    dispatch = sandbox.api.dispatch

    def answer(method, path, query, body):
        status, payload = dispatch(method, path, query, body)
        if path == f"/Order/{ab['id']}/getPositions":
            for row in payload["objects"]:
                row.pop("order", None)
        return status, payload

    monkeypatch.setattr(sandbox.api, "dispatch", answer)
    [result] = import_orders(client, [ab["id"]])
    assert result.status == "imported", result.message
    assert len(exported_planned(result.project_id)) == 4


# --- O6: positions ------------------------------------------------------------------------------


def test_O6_odd_quantities_and_price_only_in_price(sandbox, client, database):
    ab = order(sandbox, "AB-1041")
    rows = positions(sandbox, ab["id"])  # A-1002 12, A-1005 8, A-1002 6, A-1019 1, A-1009 3, D-2001 16
    sandbox.data.update("OrderPos", rows[0]["id"], quantity="2.500", priceNet=None, price="8.9")
    sandbox.data.update("OrderPos", rows[2]["id"], quantity=1.5, price="9.5")  # other price
    sandbox.data.update("OrderPos", rows[3]["id"], quantity=True)
    sandbox.data.update("OrderPos", rows[4]["id"], quantity="3,25")
    result = import_order(client, ab["id"])
    planned = {p["article_number"]: (p["quantity"], p["unit"]) for p in exported_planned(result.project_id)}
    assert planned["A-1002"] == ("4", "m")
    assert planned["A-1019"] == ("1", "Stk")
    assert planned["A-1009"] == ("3.25", "Stk")


def test_O6_free_text_line_keeps_the_unit_of_its_position(sandbox, client, database):
    result = import_order(client, order(sandbox, "AB-1043")["id"])
    free = [p for p in exported_planned(result.project_id) if p["article_number"] is None]
    assert free == [
        {
            "article_number": None,
            "name": "Entsorgung der Altheizkörper inkl. Demontage",
            "quantity": "1",
            "unit": "pauschal",
        }
    ]


# --- O5: job site -----------------------------------------------------------------------------


def test_O5_hyphenated_and_decomposed_street_names_match():
    assert normalize_street("Haupt-Straße 12") == normalize_street("Hauptstraße 12")
    assert normalize_street("Karl Marx Str. 5") == normalize_street("Karl-Marx-Straße 5")
    assert normalize_street("Mu\u0308hlweg 3") == normalize_street("Mühlweg 3")
    assert normalize_street("Hauptstraße 12,") == normalize_street("Hauptstraße 12")
    assert normalize_street("Hauptstraße 12 a") == normalize_street("Hauptstr. 12A")
    assert normalize_street("Hauptstraße 12") != normalize_street("Hauptstraße 12a")
    assert normalize_street("Hauptstraße 1") != normalize_street("Hauptstraße 12")


def test_O5_address_text_without_name_line_still_finds_the_street(database):
    customer = Customer.create(company="Müller")
    Address.create(customer=customer, kind="postal", street="Königstraße 1", zip="70173", city="Stuttgart")
    Address.create(customer=customer, kind="delivery", street="Hauptstraße 12", zip="70563", city="Stuttgart")
    for text in (
        "Hauptstr. 12\n70563 Stuttgart",
        "Müller\nHaupt-Straße 12\n70563 Stuttgart\nDeutschland",
        "Müller\nz. Hd. Frau Kern\nAbteilung Einkauf\nhauptstrasse 12\n70563 Stuttgart",
        "Müller, Hauptstraße 12, 70563 Stuttgart",
    ):
        site = find_site(customer, order_site("", text))
        assert (site.street, site.zip) == ("Hauptstraße 12", "70563"), text
    fallback = find_site(customer, order_site("", "Müller\nGartenweg 3\n70563 Stuttgart"))
    assert fallback.street == "Königstraße 1"


def test_O5_person_with_parent_organisation_as_contact(sandbox, client, database):
    """A confirmation addressed to a contact person of an organisation: that person is
    the customer (as C1 imports persons), with the site from its own addresses."""
    org = order(sandbox, "AB-1042")["contact"]["id"]
    person = sandbox.data.add(
        "Contact",
        {
            "surename": "Eva",
            "familyname": "Kern",
            "parent": {"id": org, "objectName": "Contact"},
            "category": {"id": "3", "objectName": "Category"},
            "customerNumber": "K-9001",
            "status": "1000",
        },
    )
    new_id = copy_order(
        sandbox,
        "AB-1042",
        "AB-1098",
        contact={"id": person, "objectName": "Contact"},
        address="Müller Haustechnik GmbH\nEva Kern\nHauptstraße 12\n70563 Stuttgart",
    )
    listed = {o.number: o.customer for o in list_importable_orders(client)}
    assert listed["AB-1098"] == "Eva Kern"
    project = Project.get_by_id(import_order(client, new_id).project_id)
    assert project.customer.sevdesk_id == person and project.customer.kind == "person"
    assert project.site_street == "Hauptstraße 12"  # no address of her own: the order's
