"""Order confirmation import against the demo sevDesk over loopback (SPEC O1–O7)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from craftdesk.services import employees as emp
from craftdesk.services import projects as svc
from craftdesk.services.orders import import_order, import_orders, list_importable_orders
from craftdesk.store.models import (
    Address,
    Appointment,
    Article,
    Customer,
    Job,
    PlannedMaterial,
    Project,
)

SENT = {"AB-1041", "AB-1042", "AB-1043", "AB-1044", "AB-1045"}
NOT_IMPORTABLE = {"AB-1037", "AB-1038", "AB-1046", "AN-2015", "AN-2016"}


def order_id(sandbox, number: str) -> str:
    return next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == number)


def order(sandbox, number: str) -> dict:
    return sandbox.data.get("Order", order_id(sandbox, number))


def part_id(sandbox, number: str) -> str:
    return next(p["id"] for p in sandbox.data.all("Part") if p["partNumber"] == number)


def the_appointment(project_id: int) -> Appointment:
    [appointment] = svc.list_appointments(project_id)
    return appointment


def planned(project_id: int) -> list[tuple[str | None, str, Decimal]]:
    return [
        (line.article.number if line.article else None, line.text, line.quantity)
        for line in svc.planned_of(the_appointment(project_id))
    ]


def observers(project_id: int) -> list[str]:
    return [e.name for e in svc.people_of(the_appointment(project_id), "observer")]


def paths(sandbox) -> list[str]:
    return [r.path for r in sandbox.requests]


# --- O1 ------------------------------------------------------------------------------------


def test_O1_only_sent_order_confirmations_are_listed(sandbox, client, database):
    assert {o["orderNumber"] for o in sandbox.data.all("Order")} >= SENT | NOT_IMPORTABLE
    orders = list_importable_orders(client)
    assert {o.number for o in orders} == SENT
    summary = next(o for o in orders if o.number == "AB-1042")
    assert summary.sevdesk_id == order_id(sandbox, "AB-1042")
    assert summary.title == "Heizungswartung Baustelle Vaihingen"
    assert summary.customer == "Müller Haustechnik GmbH"
    assert summary.date == "2026-02-10"
    assert summary.imported is False
    person = next(o for o in orders if o.number == "AB-1045")
    assert person.customer == "Wolfgang Rößler"


def test_O1_listing_marks_imported_and_asks_only_for_unknown_customers(sandbox, client, database):
    result = import_order(client, order_id(sandbox, "AB-1042"))
    assert result.status == "imported"
    sandbox.clear_requests()
    orders = list_importable_orders(client)
    assert [o.imported for o in orders if o.number == "AB-1042"] == [True]
    assert not any(o.imported for o in orders if o.number != "AB-1042")
    contact_reads = [p for p in paths(sandbox) if p.startswith("/Contact")]
    # Five sent confirmations of five customers; Müller is local now, so four reads.
    assert len(contact_reads) == 4
    müller = order(sandbox, "AB-1042")["contact"]["id"]
    assert f"/Contact/{müller}" not in contact_reads
    assert all(r.method == "GET" for r in sandbox.requests)


def test_O1_import_is_manual_and_writes_nothing_to_sevdesk(sandbox, client, database):
    sandbox.clear_requests()
    results = import_orders(client, [order_id(sandbox, n) for n in sorted(SENT)])
    assert [r.status for r in results] == ["imported"] * len(SENT)
    assert Project.select().count() == len(SENT)
    assert sandbox.requests and {r.method for r in sandbox.requests} == {"GET"}
    # Reads only what it needs: no collection sweeps of contacts, parts or orders.
    assert "/Contact" not in paths(sandbox) and "/Part" not in paths(sandbox)
    assert "/Order" not in paths(sandbox)


def test_O1_not_importable_or_unknown_orders_fail_alone(sandbox, client, database):
    results = import_orders(
        client,
        ["999999", order_id(sandbox, "AB-1046"), order_id(sandbox, "AB-1041"), order_id(sandbox, "AN-2015")],
    )
    assert [r.status for r in results] == ["failed", "failed", "imported", "failed"]
    assert "gibt es in sevDesk nicht" in results[0].message and results[0].exit_code == 5
    assert "keine versendete Auftragsbestätigung" in results[1].message
    assert Project.select().count() == 1


def test_O1_sevdesk_failure_leaves_no_partial_project(sandbox, client, database):
    broken = order_id(sandbox, "AB-1043")
    sandbox.faults.add(
        path=f"/Order/{broken}/getPositions", method="GET", kind="status", status=500, times=20
    )
    results = import_orders(client, [broken, order_id(sandbox, "AB-1044")])
    assert [r.status for r in results] == ["failed", "imported"]
    assert results[0].exit_code == 4
    assert Project.select().count() == 1 and Job.select().count() == 1
    assert Appointment.select().count() == 1
    sandbox.faults.clear()
    assert import_order(client, broken).status == "imported"


# --- O2 ------------------------------------------------------------------------------------


def test_O2_header_is_title_of_project_job_and_first_appointment(sandbox, client, database):
    sevdesk_id = order_id(sandbox, "AB-1041")
    result = import_order(client, sevdesk_id)
    project = Project.get_by_id(result.project_id)
    header = "Badsanierung Familie Schmid"
    assert project.title == header
    assert [j.title for j in svc.jobs_of(project)] == [header]
    appointment = the_appointment(project.id)
    assert appointment.title == header and appointment.status == "unscheduled"
    assert appointment.start is None
    assert project.sevdesk_order_id == sevdesk_id and project.sevdesk_order_number == "AB-1041"


# --- O3 ------------------------------------------------------------------------------------


def test_O3_creator_becomes_observer_by_user_id_without_asking_sevdesk(sandbox, client, database):
    user = order(sandbox, "AB-1041")["createUser"]["id"]
    emp.add_employee("Tom", sevdesk_user_id=user)
    sandbox.clear_requests()
    result = import_order(client, order_id(sandbox, "AB-1041"))
    assert observers(result.project_id) == ["Tom"]
    assert not any(p.startswith("/SevUser") for p in paths(sandbox))


def test_O3_creator_matched_by_email_then_name(sandbox, client, database):
    office = sandbox.data.get("SevUser", order(sandbox, "AB-1042")["createUser"]["id"])
    admin = sandbox.data.get("SevUser", order(sandbox, "AB-1041")["createUser"]["id"])
    emp.add_employee("Bürokraft", office["email"].upper())
    emp.add_employee(admin["fullname"])
    by_mail = import_order(client, order_id(sandbox, "AB-1042"))
    by_name = import_order(client, order_id(sandbox, "AB-1041"))
    assert observers(by_mail.project_id) == ["Bürokraft"]
    assert observers(by_name.project_id) == [admin["fullname"]]


def test_O3_creator_without_local_employee_is_no_observer(sandbox, client, database):
    emp.add_employee("Thomas Becker", "t.becker@example.de")  # somebody else entirely
    master = sandbox.data.get("SevUser", order(sandbox, "AB-1045")["createUser"]["id"])
    emp.add_employee(master["fullname"].upper())  # not the exact name
    result = import_order(client, order_id(sandbox, "AB-1045"))
    assert observers(result.project_id) == []


# --- O4 ------------------------------------------------------------------------------------


def test_O4_missing_customer_and_articles_are_imported_and_bound(sandbox, client, database):
    ab = order(sandbox, "AB-1043")
    contact = ab["contact"]["id"]
    sandbox.clear_requests()
    result = import_order(client, ab["id"])
    customer = Customer.get(Customer.sevdesk_id == contact)
    assert customer.company == "Bäckerei Schröder"
    assert {a.kind for a in customer.addresses} >= {"billing", "delivery"}
    project = Project.get_by_id(result.project_id)
    assert project.customer_id == customer.id
    assert the_appointment(project.id).customer_id == customer.id
    ventil = Article.get(Article.sevdesk_id == part_id(sandbox, "A-1001"))
    assert ventil.number == "A-1001" and ventil.net_price == Decimal("24.9")
    assert ("A-1001", "", Decimal("4")) in planned(project.id)
    assert f"/Contact/{contact}" in paths(sandbox)
    assert f"/Part/{part_id(sandbox, 'A-1001')}" in paths(sandbox)


def test_O4_local_customer_and_articles_are_bound_without_reading_them(sandbox, client, database):
    ab = order(sandbox, "AB-1042")
    local = Customer.create(company="Müller (lokal)", sevdesk_id=ab["contact"]["id"])
    Address.create(customer=local, kind="postal", street="Königstraße 40", zip="70173", city="Stuttgart")
    parts = {
        pos["part"]["id"]
        for pos in sandbox.data.all("OrderPos")
        if pos["order"]["id"] == ab["id"] and pos["part"]
    }
    for index, pid in enumerate(sorted(parts)):
        Article.create(sevdesk_id=pid, number=f"L-{index}", name=f"Lokal {index}", unit="Stk")
    sandbox.clear_requests()
    result = import_order(client, ab["id"])
    assert Project.get_by_id(result.project_id).customer_id == local.id
    assert {n for n, _, _ in planned(result.project_id)} == {f"L-{i}" for i in range(len(parts))}
    assert Customer.select().count() == 1 and Article.select().count() == len(parts)
    # No employees at all, so not even the creating user is looked up.
    assert paths(sandbox) == [f"/Order/{ab['id']}", f"/Order/{ab['id']}/getPositions"]


# --- O5 ------------------------------------------------------------------------------------


def test_O5_street_written_differently_matches_delivery_address(sandbox, client, database):
    result = import_order(client, order_id(sandbox, "AB-1042"))  # "hauptstr. 12"
    project = Project.get_by_id(result.project_id)
    site = (project.site_street, project.site_zip, project.site_city)
    assert site == ("Hauptstraße 12", "70563", "Stuttgart")
    assert svc.site_of(the_appointment(project.id)) == svc.site_of(project)
    delivery = Address.get(
        (Address.customer == project.customer)
        & (Address.kind == "delivery")
        & (Address.street == "Hauptstraße 12")
    )
    assert delivery.zip == "70563"


def test_O5_odd_spacing_and_case_in_a_four_line_address(sandbox, client, database):
    ab = order(sandbox, "AB-1042")
    new_id = sandbox.data.add(
        "Order",
        dict(
            {k: v for k, v in ab.items() if k not in ("id", "create", "update")},
            orderNumber="AB-1099",
            address="Müller Haustechnik GmbH\nz. Hd. Herrn Müller\n  am   MÜHLBACH 3 \n71032 Böblingen",
        ),
    )
    for pos in sandbox.data.all("OrderPos"):
        if pos["order"]["id"] == ab["id"]:
            sandbox.data.add(
                "OrderPos",
                dict(
                    {k: v for k, v in pos.items() if k not in ("id", "create", "update")},
                    order={"id": new_id, "objectName": "Order"},
                ),
            )
    project = Project.get_by_id(import_order(client, new_id).project_id)
    assert (project.site_street, project.site_zip) == ("Am Mühlbach 3", "71032")


def test_O5_no_matching_street_uses_postal_address(sandbox, client, database):
    result = import_order(client, order_id(sandbox, "AB-1044"))  # Königsallee 7: no such address
    project = Project.get_by_id(result.project_id)
    postal = Address.get((Address.customer == project.customer) & (Address.kind == "postal"))
    assert (project.site_street, project.site_zip, project.site_city) == (
        postal.street,
        postal.zip,
        postal.city,
    )
    assert project.site_street != "Königsallee 7"


# --- O6 ------------------------------------------------------------------------------------


def test_O6_same_article_on_several_positions_is_one_summed_line(sandbox, client, database):
    result = import_order(client, order_id(sandbox, "AB-1041"))
    lines = planned(result.project_id)
    assert [n for n, _, _ in lines] == ["A-1002", "A-1005", "A-1019", "A-1009", "D-2001"]
    assert ("A-1002", "", Decimal("18")) in lines
    copper = next(
        line
        for line in svc.planned_of(the_appointment(result.project_id))
        if line.article and line.article.number == "A-1002"
    )
    assert copper.unit == "m"


def test_O6_position_without_article_is_a_free_text_line(sandbox, client, database):
    result = import_order(client, order_id(sandbox, "AB-1043"))
    free = [line for line in svc.planned_of(the_appointment(result.project_id)) if line.article is None]
    assert [(f.text, f.quantity) for f in free] == [
        ("Entsorgung der Altheizkörper inkl. Demontage", Decimal("1"))
    ]
    assert PlannedMaterial.select().where(PlannedMaterial.article.is_null()).count() == 1


def test_H10_O6_an_unreadable_position_is_skipped_and_named_while_the_rest_imports(
    sandbox, client, database, caplog
):
    """A position out of range (a credit of -2, H10) or unreadable made the whole
    confirmation unimportable. It is skipped and logged, the rest is planned, and the
    appointment's notes name it (with what sevDesk sent), so the office can add it."""
    positions = _positions(sandbox, "AB-1041")
    fitting = next(p for p in positions if p["part"] and p["part"]["id"] == part_id(sandbox, "A-1005"))
    sandbox.data.update("OrderPos", fitting["id"], quantity="-2")
    silicone = next(p for p in positions if p["part"] and p["part"]["id"] == part_id(sandbox, "A-1009"))
    sandbox.data.update("OrderPos", silicone["id"], name=None, text=None, price="viel", priceNet=None)
    with caplog.at_level("WARNING"):
        result = import_order(client, order_id(sandbox, "AB-1041"))
    assert result.status == "imported"
    assert [n for n, _, _ in planned(result.project_id)] == ["A-1002", "A-1019", "D-2001"]
    notes = the_appointment(result.project_id).notes
    assert notes.startswith("Unlesbare Positionen der Auftragsbestätigung (nicht eingeplant): ")
    assert (
        "„Pressfitting Bogen 90° 15 mm“, Menge -2 (quantity liegt außerhalb des gültigen Bereichs)" in notes
    )
    assert f"„Position {silicone['positionNumber']}“, Menge {silicone['quantity']} (price" in notes
    assert any("nicht lesen konnte" in str(note) for note in result.notes)
    assert f"Skipping position {fitting['id']} of order" in caplog.text and "Pressfitting" not in caplog.text


def test_H10_an_unreadable_position_of_another_order_is_not_named(sandbox, client, database, monkeypatch):
    """sevDesk's answer for this order's positions may hold another order's: a readable one
    was always left out; an unreadable one must not land in this order's notes either, and
    a quantity that is no number is not copied into them."""
    from craftdesk.services import orders

    real = client.get_all

    def with_strangers(path, params=None):
        rows = real(path, params)
        if path.endswith("/getPositions"):
            other = {"id": "1", "objectName": "Order"}
            rows = [
                *rows,
                {"id": "9001", "order": other, "name": "Fremde Position", "quantity": "-2"},
                {"id": "9002", "name": "Eigene Position", "quantity": "1\u202e\x07", "price": "viel"},
            ]
        return rows

    monkeypatch.setattr(client, "get_all", with_strangers)
    result = orders.import_order(client, order_id(sandbox, "AB-1043"))
    notes = the_appointment(result.project_id).notes
    assert "Fremde Position" not in notes
    assert "„Eigene Position“ (quantity" in notes and "\u202e" not in notes and "Menge 1" not in notes


def _positions(sandbox, number: str) -> list[dict]:
    ab = order(sandbox, number)
    found = [p for p in sandbox.data.all("OrderPos") if p["order"]["id"] == ab["id"]]
    return sorted(found, key=lambda p: int(p["positionNumber"]))


def test_O6_V2_a_discounted_position_is_planned_at_its_confirmed_price(sandbox, client, database):
    # sevDesk's "Rabatt %" on a position: 12 m at 8.90 less 10 % were confirmed at 8.01
    copper = [
        p
        for p in _positions(sandbox, "AB-1041")
        if p["part"] and p["part"]["id"] == part_id(sandbox, "A-1002")
    ]
    assert len(copper) == 2 and {p["priceNet"] for p in copper} == {"8.9"}
    sandbox.data.update("OrderPos", copper[0]["id"], discount="10")
    result = import_order(client, order_id(sandbox, "AB-1041"))
    lines = [
        (line.quantity, line.net_price)
        for line in svc.planned_of(the_appointment(result.project_id))
        if line.article and line.article.number == "A-1002"
    ]
    # not merged with the undiscounted position: each keeps what was confirmed (V2)
    assert sorted(lines) == sorted(
        [(Decimal(copper[0]["quantity"]), Decimal("8.01")), (Decimal(copper[1]["quantity"]), Decimal("8.9"))]
    )


def test_O6_V2_optional_positions_are_not_planned_but_named_in_the_notes(sandbox, client, database):
    positions = _positions(sandbox, "AB-1041")
    labour = next(p for p in positions if p["part"] and p["part"]["id"] == part_id(sandbox, "D-2001"))
    sandbox.data.update("OrderPos", labour["id"], optional=True)  # a "Bedarfsposition"
    result = import_order(client, order_id(sandbox, "AB-1041"))
    assert [n for n, _, _ in planned(result.project_id)] == ["A-1002", "A-1005", "A-1019", "A-1009"]
    notes = the_appointment(result.project_id).notes
    article = Article.get(Article.number == "D-2001")
    assert notes.startswith("Optionale Positionen der Auftragsbestätigung (nicht eingeplant): ")
    price = Decimal(labour["priceNet"]).quantize(Decimal("0.01"))
    assert f"{article.name} à {str(price).replace('.', ',')} € netto" in notes
    assert any("Optionale Positionen" in note for note in result.notes)
    # without optional positions: no note, nothing in the appointment's notes
    plain = import_order(client, order_id(sandbox, "AB-1043"))
    assert plain.more_notes == () and the_appointment(plain.project_id).notes == ""


def test_O6_V2_a_discount_on_the_whole_confirmation_is_named_not_lost(sandbox, client, database):
    ab = order(sandbox, "AB-1042")
    sandbox.data.update("Order", ab["id"], sumDiscounts="-40.95")  # "Kundenrabatt 3 %" below the positions
    result = import_order(client, ab["id"])
    assert the_appointment(result.project_id).notes == (
        "Rabatt auf die gesamte Auftragsbestätigung: -40,95 € netto"
    )
    assert any("Rabatt oder Aufschlag auf die Gesamtsumme" in note for note in result.notes)
    unreadable = order(sandbox, "AB-1043")
    sandbox.data.update("Order", unreadable["id"], sumDiscounts="viel")  # only informs: no refusal
    other = import_order(client, unreadable["id"])
    assert other.status == "imported" and the_appointment(other.project_id).notes == ""


# --- O7 ------------------------------------------------------------------------------------


def test_O7_reimport_changes_nothing_although_sevdesk_changed(sandbox, client, database):
    ab = order(sandbox, "AB-1041")
    first = import_order(client, ab["id"])
    before = (
        Project.select().count(),
        Job.select().count(),
        Appointment.select().count(),
        planned(first.project_id),
    )
    sandbox.data.update("Order", ab["id"], header="Geänderter Titel")
    for pos in sandbox.data.all("OrderPos"):
        if pos["order"]["id"] == ab["id"]:
            sandbox.data.update("OrderPos", pos["id"], quantity="99")
    sandbox.clear_requests()
    again = import_orders(client, [ab["id"]])
    assert [(r.status, r.project_id, r.message) for r in again] == [
        ("already_imported", first.project_id, "bereits importiert")
    ]
    assert Project.get_by_id(first.project_id).title == "Badsanierung Familie Schmid"
    assert (
        Project.select().count(),
        Job.select().count(),
        Appointment.select().count(),
        planned(first.project_id),
    ) == before
    assert not any(r.method != "GET" for r in sandbox.requests)


# --- employees from sevDesk --------------------------------------------------------------


def test_employees_from_sevdesk_skips_linked_users(sandbox, client, database):
    users = sandbox.data.all("SevUser")
    emp.add_employee("Schon da", sevdesk_user_id=users[0]["id"])
    created = emp.employees_from_sevdesk(client)
    assert sorted(e.sevdesk_user_id for e in created) == sorted(u["id"] for u in users[1:])
    assert {e.name for e in created} == {u["fullname"] for u in users[1:]}
    assert all(e.email for e in created)
    assert emp.employees_from_sevdesk(client) == []


@pytest.mark.parametrize("bad", ["abc", ""])
def test_O1_invalid_order_id_is_reported(client, database, bad):
    [result] = import_orders(client, [bad])
    assert result.status == "failed" and result.exit_code == 5


# --- request budget (issue "speed") ---------------------------------------------------------


def test_O4_fifty_positions_of_ten_parts_take_at_most_30_requests(sandbox, client, database):
    """Empty database, unknown customer: units and part categories are read once per order,
    not once per part (before: 3 requests per distinct part plus the customer's)."""
    template = order(sandbox, "AB-1041")
    parts = [p for p in sandbox.data.all("Part")][:10]
    new_id = sandbox.data.add(
        "Order", {k: v for k, v in template.items() if k != "id"} | {"orderNumber": "AB-9050"}
    )
    for number in range(50):
        part = parts[number % 10]
        sandbox.data.add(
            "OrderPos",
            {
                "order": {"id": new_id, "objectName": "Order"},
                "part": {"id": part["id"], "objectName": "Part"},
                "quantity": "1",
                "price": part["priceNet"],
                "name": part["name"],
                "unity": part["unity"],
                "positionNumber": str(number),
                "taxRate": part["taxRate"],
            },
        )
    assert Customer.select().count() == 0 and Article.select().count() == 0
    sandbox.clear_requests()
    result = import_order(client, new_id)
    assert result.status == "imported"
    assert len(sandbox.requests) <= 30, paths(sandbox)
    assert paths(sandbox).count("/Unity") == 1
    assert sum(1 for p in paths(sandbox) if p == "/Category") <= 2
    assert Article.select().count() == 10
    assert len(planned(result.project_id)) == 10
