"""The command line flow of SPEC §7 against the demo sevDesk: orders, import-order,
employee, appointment list/add/done, export projects."""

from __future__ import annotations

import json

import pytest

from craftdesk.cli import main
from craftdesk.sandbox import DEMO_TOKEN


@pytest.fixture
def cli(sandbox, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    data_dir = tmp_path / "cli-data"

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), "--api-url", sandbox.url, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    from craftdesk.store.db import close_database

    close_database()


def order_id(sandbox, number: str) -> str:
    return next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == number)


def test_O1_orders_json_shape(cli, sandbox):
    code, out, err = cli("orders", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert {r["number"] for r in rows} == {"AB-1041", "AB-1042", "AB-1043", "AB-1044", "AB-1045"}
    assert set(rows[0]) == {"sevdesk_id", "number", "title", "customer", "date", "imported"}
    row = next(r for r in rows if r["number"] == "AB-1042")
    assert row == {
        "sevdesk_id": order_id(sandbox, "AB-1042"),
        "number": "AB-1042",
        "title": "Heizungswartung Baustelle Vaihingen",
        "customer": "Müller Haustechnik GmbH",
        "date": "2026-02-10",
        "imported": False,
    }
    code, out, _ = cli("orders")
    assert code == 0 and "AB-1042" in out and "Müller Haustechnik GmbH" in out


def test_O1_O2_an_unreadable_order_is_counted_and_a_titleless_one_listed_as_its_project_is_named(
    cli, sandbox
):
    sandbox.data.update("Order", order_id(sandbox, "AB-1041"), orderDate="2026-13-45T00:00:00+01:00")
    sandbox.data.update("Order", order_id(sandbox, "AB-1042"), header=None)
    code, out, err = cli("orders", "--json")
    assert code == 0, err
    rows = {r["number"]: r for r in json.loads(out)}
    assert "AB-1041" not in rows
    assert "1 Auftragsbestätigung(en) in sevDesk sind unlesbar" in err
    assert rows["AB-1042"]["title"] == "Auftragsbestätigung AB-1042"
    code, out, err = cli("import-order", order_id(sandbox, "AB-1042"))
    assert code == 0, err
    code, out, err = cli("export", "projects", "--format", "json")
    assert [p["title"] for p in json.loads(out)] == ["Auftragsbestätigung AB-1042"]


def test_O1_O7_import_order_reports_each_order(cli, sandbox):
    ab = order_id(sandbox, "AB-1042")
    code, out, err = cli("import-order", ab)
    assert code == 0, err
    assert out.strip() == f"{ab}: als Projekt 1 importiert"
    code, out, err = cli("import-order", ab, "999999")
    assert code == 5
    assert out.strip() == f"{ab}: bereits importiert (Projekt 1)"
    assert "999999" in err and "gibt es in sevDesk nicht" in err and "Traceback" not in err
    code, out, _ = cli("orders", "--json")
    assert [r["imported"] for r in json.loads(out) if r["sevdesk_id"] == ab] == [True]


def test_O4_an_order_whose_customer_sevdesk_no_longer_has_is_a_precondition(cli, sandbox):
    ab = order_id(sandbox, "AB-1042")
    sandbox.data.delete("Contact", sandbox.data.get("Order", ab)["contact"]["id"])
    code, out, err = cli("import-order", ab)
    assert code == 5 and "Kontakt" in err and "nicht gefunden" in err, err
    code, out, _ = cli("export", "projects")
    assert json.loads(out) == []  # nothing half-imported


def test_O8_employee_add_and_list(cli, sandbox):
    code, out, err = cli(
        "employee", "add", "--name", "Sabine Krüger", "--email", "s@example.de", "--sevdesk-user", "1551102"
    )
    assert code == 0, err
    new_id = int(out.strip())
    code, out, _ = cli("employee", "list", "--json")
    assert json.loads(out) == [
        {
            "id": new_id,
            "name": "Sabine Krüger",
            "email": "s@example.de",
            "sevdesk_user_id": "1551102",
            "active": True,
            "color": "#2ca02c",
        }
    ]
    code, _, err = cli("employee", "add", "--name", "Zweite", "--sevdesk-user", "1551102")
    assert code == 5 and "bereits" in err


def test_O8_cli_flow_import_done_add_and_export(cli, sandbox, tmp_path):
    ab = order_id(sandbox, "AB-1042")
    office = sandbox.data.get("Order", ab)["createUser"]["id"]
    assert cli("employee", "add", "--name", "Sabine Krüger", "--sevdesk-user", office)[0] == 0
    assert cli("import-order", ab)[0] == 0

    code, out, _ = cli("appointment", "list", "--project", "1", "--json")
    [appointment] = json.loads(out)
    assert appointment["status"] == "unscheduled" and appointment["hours"] is None
    aid = str(appointment["id"])

    # An unknown article number is a clear error and changes nothing.
    code, _, err = cli("appointment", "done", aid, "--hours", "3,5", "--used", "A-1001=2", "X-9=1")
    assert code == 5 and "X-9" in err
    code, out, _ = cli("appointment", "list", "--json")
    assert json.loads(out)[0]["status"] == "unscheduled"

    code, out, err = cli("appointment", "done", aid, "--hours", "3,5", "--used", "A-1001=2", "D-2003=1.5")
    assert code == 0, err
    code, out, _ = cli("appointment", "list", "--project", "1", "--json")
    assert [(a["status"], a["hours"]) for a in json.loads(out)] == [("done", "3.5")]

    code, out, err = cli("appointment", "add", "1", "--title", "Nacharbeit", "--start", "2026-03-02T08:00")
    assert code == 0, err
    second = int(out.strip())
    code, out, _ = cli("appointment", "list", "--project", "1", "--json")
    added = next(a for a in json.loads(out) if a["id"] == second)
    assert (added["status"], added["start"]) == ("scheduled", "2026-03-02T08:00:00")
    assert cli("appointment", "add", "77", "--title", "X")[0] == 5
    assert cli("appointment", "add", "1", "--title", "X", "--start", "morgen")[0] == 2

    target = tmp_path / "projects.json"
    code, _, err = cli("export", "projects", "--format", "json", "-o", str(target))
    assert code == 0, err
    [project] = json.loads(target.read_text(encoding="utf-8"))
    assert project["sevdesk_order_id"] == ab and project["sevdesk_id"] == ab
    assert project["title"] == "Heizungswartung Baustelle Vaihingen"
    assert project["address"]["street"] == "Hauptstraße 12"
    [job] = project["jobs"]
    done = next(a for a in job["appointments"] if a["id"] == int(aid))
    assert done["status"] == "done" and done["hours"] == "3.5"
    assert done["observers"] == ["Sabine Krüger"]
    assert {(u["article_number"], u["quantity"]) for u in done["used"]} == {
        ("A-1001", "2"),
        ("D-2003", "1.5"),
    }
    assert {p["article_number"]: p["quantity"] for p in done["planned"]}["A-1001"] == "10"
    assert done["invoice_sevdesk_id"] is None

    csv_target = tmp_path / "projects.csv"
    code, _, err = cli("export", "projects", "--format", "csv", "-o", str(csv_target))
    assert code == 0, err
    lines = csv_target.read_text(encoding="utf-8-sig").strip().splitlines()
    assert "appointment_id" in lines[0]
    assert len(lines) == 1 + 2  # header and one row per appointment
    assert err.startswith("1 Datensätze (Projekte)")  # projects counted, not rows
    assert any("3,5" in line for line in lines[1:])
    # quantities inside the lists use the same decimal comma as the hours
    assert any("D-2003=1,5" in line for line in lines[1:])
    assert not any("=1.5" in line for line in lines[1:])


def test_O2_export_keeps_the_confirmations_appointment_first(cli, sandbox):
    ab = order_id(sandbox, "AB-1042")
    assert cli("import-order", ab)[0] == 0
    assert cli("appointment", "add", "1", "--title", "Vorbesprechung", "--start", "2020-01-01T08:00")[0] == 0
    code, out, err = cli("export", "projects")
    assert code == 0, err
    appointments = json.loads(out)[0]["jobs"][0]["appointments"]
    assert [a["title"] for a in appointments] == ["Heizungswartung Baustelle Vaihingen", "Vorbesprechung"]
    assert appointments[0]["status"] == "unscheduled"


def test_O8_done_without_used_keeps_the_worksheet_lines_with_used_replaces_them(cli, sandbox):
    """`appointment done` without --used sets hours and status and keeps the lines already on
    the worksheet; with --used the lines are replaced as a whole."""
    assert cli("import-order", order_id(sandbox, "AB-1042"))[0] == 0
    code, out, _ = cli("appointment", "list", "--project", "1", "--json")
    aid = str(json.loads(out)[0]["id"])
    assert cli("appointment", "done", aid, "--hours", "2", "--used", "A-1001=2", "D-2003=1.5")[0] == 0

    def used() -> set[tuple[str, str]]:
        code, out, err = cli("export", "projects", "--format", "json")
        assert code == 0, err
        [appointment] = [a for a in json.loads(out)[0]["jobs"][0]["appointments"] if a["id"] == int(aid)]
        return {(u["article_number"], u["quantity"]) for u in appointment["used"]}

    code, out, err = cli("appointment", "done", aid, "--hours", "3")
    assert code == 0, err
    assert "2 Artikelangaben" in out
    assert used() == {("A-1001", "2"), ("D-2003", "1.5")}
    assert cli("appointment", "done", aid, "--hours", "3", "--used", "A-1001=1")[0] == 0
    assert used() == {("A-1001", "1")}
