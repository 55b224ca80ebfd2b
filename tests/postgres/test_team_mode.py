"""Team mode against a real PostgreSQL server that this test session starts (T1–T8)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from craftdesk.context import open_server
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import backups, team
from craftdesk.services.local_records import EditConflict, customer_form, save_customer
from craftdesk.store.db import close_database, db, open_database, storage_problem
from craftdesk.store.engine import is_server, parse_server_url
from craftdesk.store.models import Article, Customer, InvoiceDraft, Project
from craftdesk.store.postgres import ServerDatabase

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> tuple[int, str, str]:
    """The command line in a process of its own (a workstation)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CRAFTDESK_API_TOKEN": DEMO_TOKEN,
        "QT_QPA_PLATFORM": "offscreen",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "craftdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr


def export(args: list[str], what: str) -> list[dict]:
    code, out, err = cli(*args, "export", what)
    assert code == 0, err
    return json.loads(out)


def test_T8_the_suite_runs_on_the_server_it_started(pg_server, pg_url):
    open_server(pg_url)
    assert is_server(db.obj)
    version = db.obj.execute_sql("SELECT version()").fetchone()[0]
    assert version.startswith("PostgreSQL")
    assert db.obj.execute_sql("SHOW port").fetchone()[0] == str(pg_server.port)


def test_T1_same_commands_on_the_server_as_on_the_file(sandbox, pg_url, tmp_path):
    local = ["--data-dir", str(tmp_path / "local"), "--api-url", sandbox.url]
    server = ["--data-dir", str(tmp_path / "ws1"), "--api-url", sandbox.url, "--database", pg_url]
    for args in (local, server):
        code, _out, err = cli(*args, "sync")
        assert code == 0, err
    for what in ("customers", "articles"):
        assert export(server, what) == export(local, what)
    assert not (tmp_path / "ws1" / "craftdesk.sqlite3").exists()  # nothing written locally


def test_T1_password_goes_to_the_keyring_never_into_settings(pg_server, tmp_path, memory_keyring):
    pg_server.admin("CREATE ROLE office LOGIN PASSWORD 'Geheim-4711'")
    url = pg_server.create_database()
    pg_server.admin(f'ALTER DATABASE "{url.rsplit("/", 1)[1]}" OWNER TO office')
    with_password = url.replace("craftdesk@", "office:Geheim-4711@")
    team.save_database_setting(tmp_path, with_password)
    stored = (tmp_path / "database-server.json").read_text(encoding="utf-8")
    assert "Geheim-4711" not in stored and "office@" in stored
    open_server(with_password)  # moves the password into the keyring
    close_database()
    assert "Geheim-4711" in memory_keyring.store.values()
    open_server(json.loads(stored)["url"])  # the URL without password works from the keyring
    assert Customer.select().count() == 0


def test_T1_unreachable_server_is_one_sentence(tmp_path):
    code, _out, err = cli(
        "--data-dir",
        str(tmp_path),
        "--database",
        "postgresql://craftdesk@127.0.0.1:1/none",
        "export",
        "customers",
    )
    assert code == 5 and err.count("\n") == 1 and "Datenbankserver" in err  # known, not a bug (H15)
    assert "Traceback" not in err
    code, _, err = cli("--data-dir", str(tmp_path), "--database", "postgresql://", "orders")
    assert code == 2 and "Datenbank-Adresse" in err


def test_T2_copy_to_server_keeps_ids_and_refuses_a_full_target(sandbox, pg_url, tmp_path):
    local = ["--data-dir", str(tmp_path / "local"), "--api-url", sandbox.url]
    assert cli(*local, "sync")[0] == 0
    before = (tmp_path / "local" / "craftdesk.sqlite3").read_bytes()
    code, out, err = cli(*local, "db", "copy", "--to", pg_url)
    assert code == 0, err
    assert "Kunden" in out
    assert (tmp_path / "local" / "craftdesk.sqlite3").read_bytes() == before  # untouched
    server = [*local, "--database", pg_url]
    for what in ("customers", "articles"):
        assert export(server, what) == export(local, what)  # ids included
    code, _, err = cli(*local, "db", "copy", "--to", pg_url)
    assert code == 5 and "leere" in err
    # New records on the server continue above the copied ids.
    open_server(pg_url)
    highest = Customer.select().order_by(Customer.id.desc()).first().id
    assert Customer.create(company="Neu GmbH").id == highest + 1


def test_T2_a_text_too_long_for_the_server_is_named_and_nothing_is_copied(pg_url, tmp_path):
    """SQLite keeps a text of any length; an older craftdesk could store one longer than a
    server column, and the copy then ended with exit 1."""
    import sqlite3

    local = ["--data-dir", str(tmp_path / "local")]
    assert cli(*local, "employee", "add", "--name", "Anna")[0] == 0
    conn = sqlite3.connect(tmp_path / "local" / "craftdesk.sqlite3")
    with conn:
        conn.execute("UPDATE employee SET name = ?", ("A" * 300,))
    conn.close()
    code, _out, err = cli(*local, "db", "copy", "--to", pg_url)
    assert code == 5 and "„employee“ passt nicht in die Zieldatenbank" in err and "Traceback" not in err
    assert export(["--data-dir", str(tmp_path / "other"), "--database", pg_url], "customers") == []


def test_T2_copy_from_server_makes_a_sqlite_file_anyone_can_open(sandbox, pg_url, tmp_path):
    server = ["--data-dir", str(tmp_path / "ws"), "--api-url", sandbox.url, "--database", pg_url]
    assert cli(*server, "sync")[0] == 0
    target = tmp_path / "kopie.sqlite3"
    code, _out, err = cli(*server, "db", "copy", "--from", pg_url, "-o", str(target))
    assert code == 0, err
    copy = ["--data-dir", str(tmp_path / "copy"), "--api-url", sandbox.url]
    (tmp_path / "copy").mkdir()
    target.rename(tmp_path / "copy" / "craftdesk.sqlite3")
    for what in ("customers", "articles"):
        assert export(copy, what) == export(server, what)
    # A target that cannot be a database is named, not the healthy local file (no copy of it).
    (tmp_path / "text.txt").write_text("kein SQLite")
    for bad in (tmp_path / "text.txt", tmp_path):
        code, _out, err = cli(*server, "db", "copy", "--from", pg_url, "-o", str(bad))
        assert code == 5 and f"„{bad}“" in err and "beschädigt" not in err, err
    assert not list((tmp_path / "ws").glob("*.damaged-*"))
    code, _out, err = cli(
        *server, "db", "copy", "--from", pg_url, "-o", str(tmp_path / "copy" / "craftdesk.sqlite3")
    )
    assert code == 5 and "schon Daten" in err and "-o" in err


def _lock_holder_process(url: str, ready: Path) -> subprocess.Popen:
    code = (
        "import sys, time, pathlib\n"
        "from craftdesk.context import open_server\n"
        "from craftdesk.services import team\n"
        f"open_server({url!r})\n"
        "lead = team.import_leadership()\n"
        "assert lead.claim()\n"
        f"pathlib.Path({str(ready)!r}).write_text('ok')\n"
        "time.sleep(120)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code], env=env)


def _wait_for(predicate, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_T3_one_workstation_runs_the_recurring_import_and_another_takes_over(pg_url, tmp_path):
    open_server(pg_url)
    ready = tmp_path / "ready"
    other = _lock_holder_process(pg_url, ready)
    try:
        assert _wait_for(ready.exists, 30)
        here = team.import_leadership()
        assert here.claim() is False
        assert here.elsewhere == os.uname().nodename  # "Abgleich läuft auf <Rechnername>"
        other.kill()  # the leading workstation crashes: the server frees its lock
        other.wait(10)
        assert _wait_for(here.claim, 10)
        assert here.leading and here.elsewhere is None
        here.release()
    finally:
        if other.poll() is None:
            other.kill()


def test_T3_scheduler_on_a_second_workstation_waits_and_names_the_first(qtbot, pg_url, tmp_path):
    from craftdesk.context import AppContext, MemoryTokenStore
    from craftdesk.sync.controller import SyncController
    from craftdesk.sync.scheduler import SyncScheduler

    open_server(pg_url)
    first = team.import_leadership()
    assert first.claim()
    ctx = AppContext(data_dir=tmp_path, tokens=MemoryTokenStore(DEMO_TOKEN), database_url=pg_url)
    ctx._db_open = True
    controller = SyncController(ctx)
    started = []
    controller.start_import = lambda what, trigger: started.append(trigger) or True  # type: ignore[method-assign]
    controller.connection_state = lambda: "connected"  # type: ignore[method-assign]
    scheduler = SyncScheduler(controller, leadership=team.import_leadership(), first_tick_ms=-1)
    try:
        assert scheduler.tick() is False and not started
        assert scheduler.paused_reason() == "elsewhere"
        assert scheduler.running_elsewhere()
        first.release()
        assert scheduler.tick() is True and started == ["scheduled"]
        assert scheduler.paused_reason() is None
    finally:
        scheduler.stop()
        controller.shutdown() if hasattr(controller, "shutdown") else None


def test_T3_import_lock_is_the_servers_advisory_lock(pg_url):
    open_server(pg_url)
    from craftdesk.store.advisory import server_lock

    mine, theirs = server_lock(db.obj, "import"), server_lock(db.obj, "import")
    assert mine.acquire() and not theirs.acquire(wait=0.3)
    assert team.import_running_on() == os.uname().nodename
    mine.release()
    assert theirs.acquire() and team.import_running_on()
    theirs.release()
    assert team.import_running_on() is None


def _finished_project(server: list[str]) -> int:
    assert cli(*server, "sync")[0] == 0
    code, out, err = cli(*server, "orders", "--json")
    assert code == 0, err
    order = next(o for o in json.loads(out) if not o["imported"])
    code, out, err = cli(*server, "import-order", str(order["sevdesk_id"]))
    assert code == 0, err
    code, out, err = cli(*server, "appointment", "list", "--json")
    appointment = json.loads(out)[0]
    assert cli(*server, "appointment", "done", str(appointment["id"]), "--hours", "2")[0] == 0
    return int(appointment.get("project_id") or 1)


def test_T4_two_workstations_clicking_at_once_create_one_draft(sandbox, pg_url, tmp_path):
    server = ["--api-url", sandbox.url, "--database", pg_url]
    project_id = _finished_project(["--data-dir", str(tmp_path / "ws0"), *server])
    invoices_before = sandbox.data.count("Invoice")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CRAFTDESK_API_TOKEN": DEMO_TOKEN}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "craftdesk",
                "--data-dir",
                str(tmp_path / f"ws{i}"),
                *server,
                "invoice",
                str(project_id),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in (1, 2)
    ]
    results = [(p.wait(120), p.stdout.read(), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 5], [0, 0]), results
    assert sandbox.data.count("Invoice") == invoices_before + 1
    open_server(pg_url)
    assert InvoiceDraft.select().where(InvoiceDraft.state == "sent").count() == 1
    assert InvoiceDraft.select().where(InvoiceDraft.state == "pending").count() == 0


def test_T4_the_server_refuses_a_second_pending_draft(pg_url):
    open_server(pg_url)
    project = Project.create(title="Bad")
    InvoiceDraft.create(project=project, reference="craftdesk-a", state="pending")
    with pytest.raises(Exception, match="invoice_draft_one_pending"):
        InvoiceDraft.create(project=project, reference="craftdesk-b", state="pending")


def test_T5_a_save_that_lost_the_race_names_the_changes(pg_url):
    open_server(pg_url)
    customer = Customer.create(company="Bäckerei Schröder", description="alt")
    mine = customer_form(Customer.get_by_id(customer.id))
    # Another workstation (its own connection) saves first.
    other = ServerDatabase(parse_server_url(pg_url))
    other.execute_sql(
        'UPDATE "customer" SET "company" = %s, "version" = "version" + 1 WHERE "id" = %s',
        ("Bäckerei Schröder & Sohn", customer.id),
    )
    other.close()
    mine.description = "neu"
    with pytest.raises(EditConflict) as caught:
        save_customer(customer.id, mine)
    changes = {name: (theirs, own) for name, theirs, own in caught.value.changes}
    assert changes["company"] == ("Bäckerei Schröder & Sohn", "Bäckerei Schröder")
    assert Customer.get_by_id(customer.id).description == "alt"  # nothing overwritten
    save_customer(customer.id, mine, force=True)  # the user keeps their version
    assert Customer.get_by_id(customer.id).company == "Bäckerei Schröder"


def test_T5_two_saves_at_the_same_moment_one_wins_one_is_told(pg_url):
    open_server(pg_url)
    customer = Customer.create(company="Gleichzeitig GmbH")
    form = customer_form(customer)
    outcomes: list[str] = []

    def save(name: str) -> None:
        own = customer_form(customer)
        own.version = form.version
        own.company = name
        try:
            save_customer(customer.id, own)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")
        finally:
            db.close()

    threads = [threading.Thread(target=save, args=(f"Firma {i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["conflict", "saved"]


def test_T6_a_change_reaches_the_other_workstation_within_two_seconds(pg_url):
    open_server(pg_url)
    seen: list[tuple[str, list[int] | None, float]] = []
    states: list[bool] = []
    listener = team.change_listener(
        lambda view, ids: seen.append((view, ids, time.monotonic())), states.append
    )
    try:
        assert listener.listening.wait(10)
        other = ServerDatabase(parse_server_url(pg_url))
        with other.bind_ctx([Customer, Article]):
            customer = Customer.create(company="Live GmbH")
            started = time.monotonic()
            Customer.update(description="geändert").where(Customer.id == customer.id).execute()
        other.close()
        assert _wait_for(lambda: any(ids == [customer.id] and at >= started for _, ids, at in seen), 2.0)
        view, _ids, at = next(s for s in seen if s[1] == [customer.id] and s[2] >= started)
        assert view == "customers" and at - started < 2.0
        assert states == [True]
    finally:
        listener.stop()


def test_T6_a_large_change_says_so_instead_of_listing_every_id(pg_url):
    open_server(pg_url)
    seen: list[tuple[str, list[int] | None]] = []
    listener = team.change_listener(lambda view, ids: seen.append((view, ids)), lambda _s: None)
    try:
        assert listener.listening.wait(10)
        Article.insert_many([{"name": f"A{i}", "number": f"N{i:05d}"} for i in range(3000)]).execute()
        assert _wait_for(lambda: ("articles", None) in seen, 3.0)
    finally:
        listener.stop()


def test_T7_server_away_is_one_sentence_and_the_app_reconnects_by_itself(tmp_path):
    from pgserver import PostgresServer

    own = PostgresServer().start()
    try:
        url = own.create_database()
        open_server(url)
        Customer.create(company="Vorher GmbH")
        states: list[bool] = []
        listener = team.change_listener(lambda *_: None, states.append)
        assert listener.listening.wait(10)
        own.halt()
        with pytest.raises(Exception) as caught:
            Customer.select().count()
        assert storage_problem(caught.value) == "server"
        assert _wait_for(lambda: states[-1:] == [False], 5)
        own.resume()
        # The same database object answers again, without reopening (the row itself may be
        # lost: the throw-away server runs without fsync).
        assert _wait_for(lambda: _count_or_none() is not None, 15)
        assert _wait_for(lambda: states[-1:] == [True], 15)
        listener.stop()
    finally:
        close_database()
        own.stop()


def _count_or_none() -> int | None:
    try:
        return Customer.select().count()
    except Exception:
        return None


def test_K1_backup_of_a_server_database_is_a_sqlite_file(pg_url, tmp_path):
    open_server(pg_url)
    Customer.create(company="Gesichert GmbH")
    path = backups.backup_now(tmp_path / "backups")
    info = backups.inspect_backup(path)
    assert (info.customers, info.articles, info.projects) == (1, 0, 0)
    close_database()
    open_database(path)
    assert Customer.get().company == "Gesichert GmbH"


def test_K2_restore_into_the_server_backs_up_first_and_keeps_ids(pg_url, tmp_path):
    open_server(pg_url)
    kept = Customer.create(company="Alt GmbH")
    path = backups.backup_now(tmp_path / "backups")
    Customer.create(company="Später GmbH")
    result = backups.restore_backup(tmp_path / "backups", path)
    assert [c.company for c in Customer.select()] == ["Alt GmbH"]
    assert Customer.get().id == kept.id
    assert backups.inspect_backup(result.safety_copy).customers == 2
    assert Customer.create(company="Danach GmbH").id == kept.id + 1


def test_K2_T1_restore_into_the_server_leaves_the_backup_file_as_it_was(pg_url, tmp_path):
    # The copy migrated an older backup in place: the user's file changed, and one on a
    # read-only stick failed with a sentence about a local database team mode has not.
    import hashlib
    import sqlite3

    from craftdesk.store.migrations import LATEST_VERSION

    open_server(pg_url)
    Customer.create(company="Alt GmbH")
    path = backups.backup_now(tmp_path / "backups")
    conn = sqlite3.connect(path)
    conn.execute(
        "DELETE FROM schema_version WHERE version = ?", (LATEST_VERSION,)
    )  # as an older craftdesk wrote it
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    path.chmod(0o400)
    try:
        backups.restore_backup(tmp_path / "backups", path)
    finally:
        path.chmod(0o600)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert [c.company for c in Customer.select()] == ["Alt GmbH"]


def test_T6_customers_tab_shows_another_workstations_change_within_two_seconds(qtbot, pg_url, tmp_path):
    from PySide6.QtCore import QObject, Signal

    from craftdesk.sync.live import LiveChanges
    from craftdesk.ui.customers_tab import CustomersTab

    class Controller(QObject):
        data_changed = Signal(str)
        records_changed = Signal(str, object)
        busy_changed = Signal(bool)
        connection_state_changed = Signal(str)

        def connection_state(self) -> str:
            return "connected"

        def is_busy(self) -> bool:
            return False

    open_server(pg_url)
    customer = Customer.create(company="Vorher GmbH")
    controller = Controller()
    tab = CustomersTab(controller)
    qtbot.addWidget(tab)
    tab.show()
    live = LiveChanges(controller)
    assert live.start()
    try:
        assert _wait_for(lambda: live._listener.listening.is_set(), 10)
        other = ServerDatabase(parse_server_url(pg_url))
        started = time.monotonic()
        other.execute_sql(
            'UPDATE "customer" SET "company" = %s WHERE "id" = %s', ("Nachher GmbH", customer.id)
        )
        other.close()
        qtbot.waitUntil(lambda: [r.name for r in tab.model.records()] == ["Nachher GmbH"], timeout=2000)
        assert time.monotonic() - started < 2.0
    finally:
        live.stop()


def test_T3_a_refused_import_names_the_workstation_running_the_other(pg_url, sandbox):
    import socket

    from craftdesk.api.client import SevdeskClient
    from craftdesk.services.importer import ImportRunningError, run_import
    from craftdesk.store.locks import import_lock

    open_server(pg_url)
    holder = import_lock(db)
    assert holder.acquire()
    client = SevdeskClient(sandbox.url, DEMO_TOKEN)
    try:
        with pytest.raises(ImportRunningError) as caught:
            run_import(client, "customers")
    finally:
        holder.release()
        client.close()
    assert str(caught.value).startswith(f"Abgleich läuft auf {socket.gethostname()}"[:40])


def test_T6_a_row_hanging_off_a_record_names_that_record_also_when_deleted(pg_url):
    from craftdesk.store.migrations import _v8_notify_owners
    from craftdesk.store.models import Address, Appointment, AppointmentEmployee, Employee, Job

    open_server(pg_url)
    _v8_notify_owners(db.obj)  # the step is safe to run again
    customer = Customer.create(company="Anbau GmbH")
    address = Address.create(customer=customer, kind="postal", street="Weg 1")
    job = Job.create(project=Project.create(title="Anbau"), title="Anbau")
    appointment = Appointment.create(job=job, title="Estrich")
    link = AppointmentEmployee.create(
        appointment=appointment, employee=Employee.create(name="Ali"), role="assignee"
    )
    seen: list[tuple[str, list[int] | None]] = []
    listener = team.change_listener(lambda view, ids: seen.append((view, ids)), lambda _s: None)
    try:
        assert listener.listening.wait(10)
        other = ServerDatabase(parse_server_url(pg_url))
        other.execute_sql('DELETE FROM "appointment_employee" WHERE "id" = %s', (link.id,))
        other.execute_sql('DELETE FROM "address" WHERE "id" = %s', (address.id,))
        other.close()
        assert _wait_for(lambda: ("customers", [customer.id]) in seen, 3.0), seen
        assert ("appointments", [appointment.id]) in seen
    finally:
        listener.stop()


def test_T6_project_tree_shows_another_workstations_change_within_two_seconds(qtbot, pg_url):
    sys.path.insert(0, str(ROOT / "tests" / "ui"))
    from fakes import FakeController

    from craftdesk.services import projects
    from craftdesk.store.models import Appointment, Job
    from craftdesk.sync.live import LiveChanges
    from craftdesk.ui import projects_tab
    from craftdesk.ui.projects_tab import ProjectsTab

    open_server(pg_url)
    mine = projects.create_project("Anbau")
    theirs = projects.create_project("Carport")
    appointment = Appointment.create(job=Job.get(Job.project == theirs), title="Fundament")
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    loads: list[object] = []
    original = projects_tab.load_project_nodes
    projects_tab.load_project_nodes = lambda ids=None: (loads.append(ids and set(ids)), original(ids))[1]
    live = LiveChanges(tab.controller)
    assert live.start()
    try:
        assert _wait_for(lambda: live._listener.listening.is_set(), 10)
        other = ServerDatabase(parse_server_url(pg_url))
        started = time.monotonic()
        other.execute_sql(
            'UPDATE "appointment" SET "title" = %s WHERE "id" = %s', ("Fundament gießen", appointment.id)
        )
        other.close()
        qtbot.waitUntil(
            lambda: tab.find_index("appointment", appointment.id).data() == "Fundament gießen", timeout=2000
        )
        assert time.monotonic() - started < 2.0
        assert loads == [{theirs.id}] and mine.id != theirs.id  # the other project was not read
    finally:
        projects_tab.load_project_nodes = original
        live.stop()
