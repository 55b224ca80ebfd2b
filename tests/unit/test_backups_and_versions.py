"""Backups (K1–K3), edit versions (T5) and the database choice (T1) on the SQLite file."""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from craftdesk import config
from craftdesk.cli import main as cli_main
from craftdesk.errors import PreconditionError
from craftdesk.services import backups, team
from craftdesk.services.local_records import (
    EditConflict,
    article_form,
    customer_form,
    save_article,
    save_customer,
)
from craftdesk.store import backup as store_backup
from craftdesk.store import migrations, settings
from craftdesk.store.bulk import bulk_update
from craftdesk.store.db import close_database, open_database
from craftdesk.store.engine import DatabaseUrlError, parse_server_url
from craftdesk.store.models import Article, Customer, Project


def test_T1_server_url_is_shown_and_stored_without_password():
    target = parse_server_url("postgresql://büro:s3cr%40t@nas.local:5433/craftdesk?sslmode=require")
    assert target.password == "s3cr@t"
    assert target.display == "postgresql://b%C3%BCro@nas.local:5433/craftdesk?sslmode=require"
    assert target.conninfo()["sslmode"] == "require"
    for bad in ("mysql://x@y/z", "postgresql://nas.local/", "postgresql:///db"):
        with pytest.raises(DatabaseUrlError):
            parse_server_url(bad)


def test_T1_database_choice_order(tmp_path, monkeypatch):
    assert config.database_url(tmp_path) is None  # default: the SQLite file
    team.save_database_setting(tmp_path, "postgresql://a:pw@server/db")
    assert config.database_url(tmp_path) == "postgresql://a@server:5432/db"
    monkeypatch.setenv("CRAFTDESK_DATABASE_URL", "postgresql://env@server/db")
    assert config.database_url(tmp_path) == "postgresql://env@server/db"
    assert config.database_url(tmp_path, "sqlite") is None  # the command line wins
    team.save_database_setting(tmp_path, "")
    assert not (tmp_path / config.SERVER_FILENAME).exists()


def test_T5_migration_6_runs_twice_and_adds_versions(database):
    step = next(s for n, _, s in migrations.MIGRATIONS if n == 6)
    step(database)  # again: no "duplicate column"
    columns = {c.name for c in database.get_columns("customer")}
    assert "version" in columns
    assert Customer.create(company="A").version == 1


def test_T5_every_update_raises_the_version(database):
    customer = Customer.create(company="A")
    customer.company = "B"
    customer.save()
    assert customer.version == 2
    Customer.update(description="x").where(Customer.id == customer.id).execute()
    bulk_update(Customer, ["company"], [("C", customer.id)])
    assert Customer.get_by_id(customer.id).version == 4


def test_T5_dialog_save_after_an_import_changed_the_customer_is_a_conflict(database):
    customer = Customer.create(company="Müller Bau", description="alt")
    form = customer_form(customer)
    bulk_update(Customer, ["company"], [("Müller Bau GmbH", customer.id)])  # the import
    form.description = "neu"
    with pytest.raises(EditConflict) as caught:
        save_customer(customer.id, form)
    assert ("company", "Müller Bau GmbH", "Müller Bau") in caught.value.changes
    assert caught.value.current.company == "Müller Bau GmbH"
    assert Customer.get_by_id(customer.id).description == "alt"
    save_customer(customer.id, form, force=True)
    assert Customer.get_by_id(customer.id).description == "neu"


def test_T5_article_conflict_and_an_unchanged_save(database):
    article = Article.create(name="Schraube", number="S-1")
    form = article_form(article)
    form.name = "Schraube 4x40"
    save_article(article.id, form)  # nobody else saved: fine
    stale = form
    with pytest.raises(EditConflict):
        save_article(article.id, stale)  # the dialog's version is now old


# --- K1–K3 ----------------------------------------------------------------------------------


def test_K1_daily_backup_once_a_day(database, tmp_path):
    folder = tmp_path / "backups"
    Customer.create(company="A")
    first = backups.auto_backup(folder, date(2026, 3, 2))
    assert first is not None and first.name == "craftdesk-2026-03-02.sqlite3"
    assert backups.auto_backup(folder, date(2026, 3, 2)) is None
    info = backups.inspect_backup(first)
    assert (info.customers, info.articles, info.projects) == (1, 0, 0)
    assert oct(first.stat().st_mode)[-3:] == "600"


def test_T1_password_in_the_query_goes_to_the_keyring_not_into_the_shown_url():
    target = parse_server_url("postgresql://craftdesk@nas.local/team?sslmode=require&password=S3cret%21x")
    assert target.password == "S3cret!x"
    assert "S3cret" not in target.display and "password" not in target.display
    assert target.display == "postgresql://craftdesk@nas.local:5432/team?sslmode=require"
    assert target.conninfo()["password"] == "S3cret!x"
    for bad in (
        "postgresql://x@nas.local/db?connect_timeout=abc",
        "postgresql://x@nas.local/db?sslmode=bogus",
        "postgresql://x@nas.local:notaport/db",
    ):
        with pytest.raises(DatabaseUrlError) as refused:
            parse_server_url(bad)
        assert "Datenbank-Adresse" in str(refused.value) and "could not" not in str(refused.value)


def test_K1_rotation_keeps_seven_days_and_four_weeks(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    today = date(2026, 3, 31)
    for back in range(60):
        (folder / store_backup.daily_name(today - timedelta(days=back))).write_bytes(b"x")
    manual = folder / "craftdesk-2026-01-01-120000-manuell.sqlite3"
    manual.write_bytes(b"x")
    store_backup.rotate(folder)
    kept = sorted(store_backup.daily_backups(folder))
    assert kept[-7:] == [today - timedelta(days=d) for d in range(6, -1, -1)]
    older = kept[:-7]
    assert len(older) == 4
    assert len({d.isocalendar()[:2] for d in older}) == 4
    # "4 weeks before" the dailies: none in a week the daily ones cover already
    assert not {d.isocalendar()[:2] for d in older} & {d.isocalendar()[:2] for d in kept[-7:]}
    assert min(older) == date(2026, 3, 1)  # 30 days back (it was 23)
    assert manual.exists()  # hand-made backups are never rotated away


def test_K1_rotation_removes_backups_a_killed_process_left_half_written(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    old_stamp = (datetime.now() - timedelta(days=2)).timestamp()
    abandoned = [
        folder / "craftdesk-2026-03-01.sqlite3.part",
        folder / "craftdesk-2026-03-01.sqlite3.part-wal",
    ]
    fresh = folder / "craftdesk-2026-03-31-101500-manuell.sqlite3.part"  # maybe being written now
    foreign = folder / "notizen.sqlite3.part"  # not ours
    for path in (*abandoned, fresh, foreign):
        path.write_bytes(b"x")
    for path in (*abandoned, foreign):
        os.utime(path, (old_stamp, old_stamp))
    removed = store_backup.rotate(folder)
    assert sorted(removed) == sorted(abandoned)
    assert fresh.exists() and foreign.exists()


def test_K2_restore_backs_up_first_and_refuses_damaged_or_newer(database, tmp_path):
    folder = tmp_path / "backups"
    Customer.create(company="Alt GmbH")
    Project.create(title="Bad")
    path = backups.backup_now(folder)
    Customer.create(company="Später GmbH")
    result = backups.restore_backup(folder, path)
    assert [c.company for c in Customer.select()] == ["Alt GmbH"]
    assert result.restored.projects == 1
    assert backups.inspect_backup(result.safety_copy).customers == 2

    damaged = tmp_path / "kaputt.sqlite3"
    damaged.write_bytes(path.read_bytes()[:4096] + b"\0" * 8192)
    with pytest.raises(PreconditionError, match=r"beschädigt|lesbare|öffnen"):
        backups.restore_backup(folder, damaged)
    newer = tmp_path / "neuer.sqlite3"
    newer.write_bytes(path.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(PreconditionError, match="neueren"):
        backups.restore_backup(folder, newer)
    assert [c.company for c in Customer.select()] == ["Alt GmbH"]  # untouched by refusals


def _one_customer(tmp_path) -> tuple[Path, list[str]]:
    """A data folder whose database holds "Eins GmbH", and the CLI's arguments for it."""
    data = tmp_path / "data"
    open_database(data / "craftdesk.sqlite3")
    Customer.create(company="Eins GmbH")
    close_database()
    return data, ["--data-dir", str(data)]


def test_K3_cli_backup_and_restore(tmp_path, capsys):
    data, args = _one_customer(tmp_path)
    target = tmp_path / "sicherung.sqlite3"
    assert cli_main([*args, "backup", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    open_database(data / "craftdesk.sqlite3")
    Customer.create(company="Zwei GmbH")
    close_database()
    assert cli_main([*args, "restore", str(target)]) == 0
    out = capsys.readouterr().out
    assert "(1 Kunde, 0 Artikel, 0 Projekte)" in out and "vor-wiederherstellung" in out
    assert cli_main([*args, "backup"]) == 0
    made = capsys.readouterr().out.strip()
    assert made.startswith(str(data / "backups"))
    (tmp_path / "leer.sqlite3").write_bytes(b"kein sqlite")
    assert cli_main([*args, "restore", str(tmp_path / "leer.sqlite3")]) == 5
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    open_database(data / "craftdesk.sqlite3")
    assert [c.company for c in Customer.select()] == ["Eins GmbH"]
    close_database()


def test_K3_backup_into_a_folder_and_a_failed_backup_leave_no_copy_behind(tmp_path, capsys, monkeypatch):
    _data, args = _one_customer(tmp_path)
    folder = tmp_path / "sicherungen"
    folder.mkdir()
    assert cli_main([*args, "backup", "-o", str(folder)]) == 0  # a folder: a new file in it
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == folder and made.suffix == ".sqlite3"
    assert cli_main([*args, "restore", str(made)]) == 0
    assert [p.name for p in folder.iterdir()] == [made.name]  # one file: no -wal, -shm, .part
    capsys.readouterr()
    assert cli_main([*args, "restore", str(folder)]) == 5
    assert "ist ein Ordner" in capsys.readouterr().err

    def broken(path):  # the copy fails on the way (a full disk, say)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_backup, "_private", broken)
    target = tmp_path / "voll" / "sicherung.sqlite3"
    assert cli_main([*args, "backup", "-o", str(target)]) == 5
    err = capsys.readouterr().err
    assert "der Datenträger ist voll" in err and "Errno" not in err and err.count("\n") == 1
    assert list(target.parent.iterdir()) == []  # no partial copy of the customers left


def test_T5_a_file_from_before_the_versions_upgrades_through_every_step(data_dir, monkeypatch):
    from datetime import datetime

    from craftdesk.store.models import Appointment, Job

    path = data_dir / "craftdesk.sqlite3"
    first = [m for m in migrations.MIGRATIONS if m[0] == 1]
    monkeypatch.setattr(migrations, "MIGRATIONS", first)
    database = open_database(path)
    project = Project.create(title="Alt")
    job = Job.create(project=project, title="Alt")
    database.execute_sql(
        "INSERT INTO appointment (job_id, title, status, start, site_street, site_zip, site_city, "
        "site_country, notes, created_at, version) VALUES (?, 'Termin', 'scheduled', ?, '', '', '', "
        "'DE', '', ?, 1)",
        (job.id, str(datetime(2026, 3, 2, 8, 0)), str(datetime(2026, 3, 1))),
    )
    for model in (Customer, Article, Appointment, Project, Job):
        database.execute_sql(f'ALTER TABLE "{model._meta.table_name}" DROP COLUMN "version"')
    close_database()
    monkeypatch.undo()
    database = open_database(path)  # steps 3, 4, 5 and 6 on a file that had only step 1
    appointment = Appointment.get()
    assert appointment.end == datetime(2026, 3, 2, 10, 0) and appointment.version == 1
    assert migrations.current_version(database) == migrations.LATEST_VERSION
    close_database()


def test_K3_cli_restore_replaces_a_damaged_database(tmp_path, capsys):
    """Exactly when the database is damaged a backup is wanted: ``restore`` replaces the
    file (kept as a .damaged copy) instead of refusing to open it."""
    data, args = _one_customer(tmp_path)
    target = tmp_path / "sicherung.sqlite3"
    assert cli_main([*args, "backup", "-o", str(target)]) == 0
    for suffix in ("-wal", "-shm"):
        (data / f"craftdesk.sqlite3{suffix}").unlink(missing_ok=True)
    damaged = b"Das ist keine Datenbank. " * 400
    (data / "craftdesk.sqlite3").write_bytes(damaged)
    capsys.readouterr()
    assert cli_main([*args, "restore", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Wiederhergestellt" in out and "beschädigte Datenbank liegt in" in out
    copies = [p for p in data.glob("craftdesk.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(copies) == 1 and copies[0].read_bytes() == damaged
    open_database(data / "craftdesk.sqlite3")
    assert [c.company for c in Customer.select()] == ["Eins GmbH"]
    close_database()


def test_K2_a_restore_whose_safety_backup_fails_restores_nothing_and_says_why(
    database, tmp_path, monkeypatch
):
    from craftdesk.errors import PreconditionError
    from craftdesk.messages import Key, Message

    Customer.create(company="Alt GmbH")
    path = backups.backup_now(tmp_path)
    Customer.create(company="Neu GmbH")

    def no_room(*_args, **_kwargs):
        raise PreconditionError(Message(Key.BACKUP_NOT_WRITTEN, "kein Platz auf dem Datenträger"))

    monkeypatch.setattr(backups, "backup_now", no_room)
    with pytest.raises(PreconditionError) as refused:
        backups.restore_backup(tmp_path, path)
    assert refused.value.message.key is Key.RESTORE_WITHOUT_SAFETY  # translated in the window
    assert str(refused.value) == (
        "Die Sicherung ließ sich nicht schreiben (kein Platz auf dem Datenträger). "
        "Ohne diese Sicherung des jetzigen Stands wurde nichts wiederhergestellt."
    )
    assert Customer.select().count() == 2


def test_K2_H7_no_restore_while_an_import_writes(database, tmp_path):
    from craftdesk.store.locks import import_lock

    folder = tmp_path / "backups"
    Customer.create(company="Alt GmbH")
    path = backups.backup_now(folder)
    Customer.create(company="Neu GmbH")
    importing = import_lock(database)  # another import (thread or process) holds it
    assert importing.acquire()
    try:
        with pytest.raises(PreconditionError, match="läuft ein Abgleich"):
            backups.restore_backup(folder, path)
    finally:
        importing.release()
    assert {c.company for c in Customer.select()} == {"Alt GmbH", "Neu GmbH"}
    assert len(backups.list_backups(folder)) == 1  # not even the safety copy
    backups.restore_backup(folder, path)  # free again: restored
    assert [c.company for c in Customer.select()] == ["Alt GmbH"]


def test_K2_I5_invoice_drafts_made_after_the_backup_survive_a_restore(database, tmp_path):
    """A backup from before an invoice: restored as it was, the work would be invoiced a
    second time. The drafts sevDesk has (sent, or pending) stay known, with their
    appointments; a draft whose project the backup lacks cannot be kept."""
    from decimal import Decimal

    from craftdesk.services.invoice_preview import invoiceable_appointments
    from craftdesk.store.models import Appointment, DraftAppointment, InvoiceDraft, Job, UsedArticle

    folder = tmp_path / "backups"
    project = Project.create(title="Bad", customer=Customer.create(company="Alt GmbH"))
    job = Job.create(project=project, title="Bad")
    done = Appointment.create(job=job, title="Montage", status="scheduled")
    waiting = Appointment.create(job=job, title="Abnahme", status="done", hours=1)
    valve = Article.create(number="HV-1", name="Ventil")
    path = backups.backup_now(folder)  # before "Montage" was finished
    later_article = Article.create(number="NEU", name="Später angelegt")
    Appointment.update(status="done", hours=Decimal("2.5")).where(Appointment.id == done.id).execute()
    UsedArticle.create(appointment=done, article=valve, quantity=Decimal(3), position=0)
    UsedArticle.create(appointment=done, article=None, text="Anfahrt", quantity=Decimal(1), position=1)
    UsedArticle.create(appointment=done, article=later_article, quantity=Decimal(1), position=2)
    sent = InvoiceDraft.create(project=project, reference="craftdesk-a", state="sent", sevdesk_id="135582103")
    Appointment.update(invoice=sent).where(Appointment.id == done.id).execute()
    pending = InvoiceDraft.create(project=project, reference="craftdesk-b", state="pending")
    DraftAppointment.create(draft=pending, appointment=waiting)
    failed = InvoiceDraft.create(project=project, reference="craftdesk-c", state="failed")
    later = Project.create(title="Später")
    InvoiceDraft.create(project=later, reference="craftdesk-d", state="sent", sevdesk_id="135582104")
    assert invoiceable_appointments(project) == [waiting] and failed.id

    backups.restore_backup(folder, path)

    kept = {d.reference: d for d in InvoiceDraft.select()}
    assert set(kept) == {"craftdesk-a", "craftdesk-b"}
    assert kept["craftdesk-a"].sevdesk_id == "135582103" and kept["craftdesk-a"].state == "sent"
    invoiced = Appointment.get_by_id(done.id)
    assert invoiced.invoice_id == kept["craftdesk-a"].id
    # as it was invoiced: finished, its hours and worksheet (an article the backup lacks left out)
    assert (invoiced.status, invoiced.hours) == ("done", Decimal("2.5"))
    lines = [(u.article_id, u.text, u.quantity) for u in invoiced.used.order_by(UsedArticle.position)]
    assert lines == [(valve.id, "", 3), (None, "Anfahrt", 1)]
    assert [c.appointment_id for c in kept["craftdesk-b"].covered] == [waiting.id]
    assert invoiceable_appointments(Project.get_by_id(project.id)) == [Appointment.get_by_id(waiting.id)]


def test_R3_a_run_a_killed_app_left_running_is_shown_interrupted_at_start(database):
    """Killed in the middle of an import, the run stood "läuft" in the history until the
    next import began; the window settles it at start, unless an import runs right now."""
    from craftdesk.messages import Key
    from craftdesk.services.importer import settle_interrupted_runs
    from craftdesk.store.locks import import_lock
    from craftdesk.store.models import SyncRun

    run = SyncRun.create(kind="all", trigger="scheduled", status="running")
    other = import_lock(database)
    assert other.acquire()
    try:
        assert settle_interrupted_runs() == 0  # another import may be writing it
    finally:
        other.release()
    assert SyncRun.get_by_id(run.id).status == "running"
    assert settle_interrupted_runs() == 1
    settled = SyncRun.get_by_id(run.id)
    assert settled.status == "failed" and settled.finished_at is not None
    assert settled.error == "Der Abgleich wurde unterbrochen (Programm beendet)."
    from craftdesk.messages import parse

    assert parse(settled.error).key == Key.IMPORT_INTERRUPTED  # shown translated in the window


def test_K3_backup_o_replaces_only_a_craftdesk_backup(tmp_path, capsys):
    """``backup -o notes.txt`` turned a text file into a database; ``-o`` the database in use
    replaced it under the running app."""
    data, args = _one_customer(tmp_path)
    notes = tmp_path / "notizen.txt"
    notes.write_text("Einkaufsliste")
    assert cli_main([*args, "backup", "-o", str(notes)]) == 5
    assert "keine craftdesk-Sicherung" in capsys.readouterr().err and notes.read_text() == "Einkaufsliste"
    assert cli_main([*args, "backup", "-o", str(data / "craftdesk.sqlite3")]) == 5
    assert "gerade benutzt" in capsys.readouterr().err
    earlier = tmp_path / "sicherung.sqlite3"
    assert cli_main([*args, "backup", "-o", str(earlier)]) == 0
    assert cli_main([*args, "backup", "-o", str(earlier)]) == 0  # a backup may be replaced


def test_K2_I5_a_draft_goes_only_onto_the_same_project_after_ids_were_given_anew(database, tmp_path):
    """Ids are given anew after a restore: a project made then can have the id of one in an
    older backup. Its draft must not land on that other project (and mark its work billed)."""
    from craftdesk.services.invoice_preview import invoiceable_appointments
    from craftdesk.store.models import Appointment, InvoiceDraft, Job

    folder = tmp_path / "backups"
    mueller = Project.create(title="Müller Bad", customer=Customer.create(company="Müller"))
    bath = Appointment.create(
        job=Job.create(project=mueller, title="Bad"), title="Fliesen", status="done", hours=4
    )
    path = backups.backup_now(folder)
    mueller.delete_instance(recursive=True)
    schulz = Project.create(title="Schulz Dach", customer=Customer.create(company="Schulz"))
    roof = Appointment.create(
        job=Job.create(project=schulz, title="Dach"), title="Rinne", status="done", hours=2
    )
    assert (schulz.id, roof.id) == (mueller.id, bath.id)  # the same ids, other records
    sent = InvoiceDraft.create(project=schulz, reference="craftdesk-s", state="sent", sevdesk_id="135582106")
    Appointment.update(invoice=sent).where(Appointment.id == roof.id).execute()

    backups.restore_backup(folder, path)

    assert not list(InvoiceDraft.select())  # Schulz's draft has no project here
    assert invoiceable_appointments(Project.get_by_id(mueller.id)) == [Appointment.get_by_id(bath.id)]


def test_K2_I5_a_draft_pending_in_the_backup_and_refused_since_is_not_sent_again(database, tmp_path):
    """The backup holds a draft as pending (outcome unknown); sevDesk refused it since and a
    second draft went out. Restored, the first must be the refused one and the work billed
    by the second, or the next click would send the first again."""
    from craftdesk.services.invoice_preview import invoiceable_appointments
    from craftdesk.store.models import Appointment, DraftAppointment, InvoiceDraft, Job

    folder = tmp_path / "backups"
    project = Project.create(title="Bad", customer=Customer.create(company="Alt GmbH"))
    work = Appointment.create(
        job=Job.create(project=project, title="Bad"), title="Montage", status="done", hours=2
    )
    first = InvoiceDraft.create(project=project, reference="craftdesk-p", state="pending")
    DraftAppointment.create(draft=first, appointment=work)
    path = backups.backup_now(folder)
    InvoiceDraft.update(state="failed", error="abgelehnt").where(InvoiceDraft.id == first.id).execute()
    DraftAppointment.delete().execute()
    second = InvoiceDraft.create(
        project=project, reference="craftdesk-x", state="sent", sevdesk_id="135582107"
    )
    Appointment.update(invoice=second).where(Appointment.id == work.id).execute()

    backups.restore_backup(folder, path)

    states = {d.reference: d.state for d in InvoiceDraft.select()}
    assert states == {"craftdesk-p": "failed", "craftdesk-x": "sent"}
    assert not list(DraftAppointment.select())
    assert Appointment.get_by_id(work.id).invoice.reference == "craftdesk-x"
    assert invoiceable_appointments(Project.get_by_id(project.id)) == []


def test_K2_a_failed_replacement_of_a_damaged_database_leaves_it_as_it_was(tmp_path, monkeypatch):
    """The backup's copy failing half-way (a full disk) must not leave an empty database in
    place of the damaged one, which the next start would open without a word."""
    import shutil

    data, _args = _one_customer(tmp_path)
    open_database(data / "craftdesk.sqlite3")
    saved = backups.backup_now(tmp_path / "b")
    close_database()
    for suffix in ("-wal", "-shm"):
        (data / f"craftdesk.sqlite3{suffix}").unlink(missing_ok=True)
    damaged = b"Das ist keine Datenbank. " * 400
    (data / "craftdesk.sqlite3").write_bytes(damaged)

    copy = shutil.copyfile

    def full(source, target, *args, **kwargs):
        if str(target).endswith(".wiederherstellung"):  # the backup's copy, not the damaged one's
            raise OSError(errno.ENOSPC, "No space left on device")
        return copy(source, target, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", full)
    with pytest.raises(PreconditionError, match="Datenträger ist voll"):
        backups.replace_damaged(data / "craftdesk.sqlite3", saved)
    assert (data / "craftdesk.sqlite3").read_bytes() == damaged
    assert not list(data.glob("*.wiederherstellung"))


def test_K2_two_backups_in_one_second_do_not_overwrite_each_other(database, tmp_path):
    folder = tmp_path / "backups"
    Customer.create(company="Wichtig GmbH")
    first = backups.backup_now(folder, label="vor-wiederherstellung")
    second = backups.backup_now(folder, label="vor-wiederherstellung")
    assert first != second and first.exists() and second.exists()


def test_K2_I5_a_project_renamed_after_the_backup_keeps_its_draft(database, tmp_path):
    """A title may change after the backup; the project is still the same one."""
    from craftdesk.services.invoice_preview import invoiceable_appointments
    from craftdesk.store.models import Appointment, InvoiceDraft, Job

    folder = tmp_path / "backups"
    project = Project.create(title="Bad", customer=Customer.create(company="Alt GmbH"))
    work = Appointment.create(
        job=Job.create(project=project, title="Bad"), title="Montage", status="done", hours=2
    )
    path = backups.backup_now(folder)
    Project.update(title="Bad und Küche").where(Project.id == project.id).execute()
    Appointment.update(title="Montage Bad").where(Appointment.id == work.id).execute()
    sent = InvoiceDraft.create(project=project, reference="craftdesk-r", state="sent", sevdesk_id="135582108")
    Appointment.update(invoice=sent).where(Appointment.id == work.id).execute()

    backups.restore_backup(folder, path)

    assert Appointment.get_by_id(work.id).invoice.reference == "craftdesk-r"
    assert invoiceable_appointments(Project.get_by_id(project.id)) == []


def test_K2_after_a_restore_the_live_data_carries_no_backup_date(database, tmp_path):
    # The restored file's stamp stayed in the live database: a copy of it (or a server
    # snapshot) later showed as "Sicherung vom <the old backup's date>".
    folder = tmp_path / "backups"
    Customer.create(company="Alt GmbH")
    path = backups.backup_now(folder)
    backups.restore_backup(folder, path)
    assert settings.get(store_backup.CREATED_KEY) is None
    assert backups.inspect_backup(path).created_at is not None  # the backup itself keeps it


def test_K2_a_restore_that_fails_says_what_happened_in_german(database, tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    Customer.create(company="Alt GmbH")
    path = backups.backup_now(folder)

    def full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_backup, "restore_into", full)
    with pytest.raises(PreconditionError) as failed:
        backups.restore_backup(folder, path)
    assert (
        str(failed.value)
        == "Die Wiederherstellung ist gescheitert (der Datenträger ist voll); die Daten sind unverändert."
    )
    monkeypatch.undo()

    def no_room(*_args: object, **_kw: object) -> Path:
        raise PreconditionError("Die Sicherung ließ sich nicht schreiben (der Datenträger ist voll).")

    monkeypatch.setattr(backups, "backup_now", no_room)
    with pytest.raises(PreconditionError, match="wurde nichts wiederhergestellt"):
        backups.restore_backup(folder, path)
    assert [c.company for c in Customer.select()] == ["Alt GmbH"]


def test_K1_sqlites_english_reasons_are_said_in_german():
    from craftdesk.fsutil import error_reason

    assert error_reason(sqlite3.OperationalError("database or disk is full")) == "der Datenträger ist voll"
    assert "schreibgeschützt" in error_reason(
        sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert error_reason(OSError(errno.ENOSPC, "No space left on device")) != "No space left on device"
    # A full disk seen through peewee's failed rollback ("no transaction is active"): the
    # chain's cause counts, not the last message
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as full:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active") from full
    except sqlite3.OperationalError as hidden:
        assert backups._reason(hidden) == "der Datenträger ist voll"


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX file modes")
def test_K3_a_database_put_back_from_a_backup_is_the_owners_alone(tmp_path, capsys):
    data, args = _one_customer(tmp_path)
    target = tmp_path / "sicherung.sqlite3"
    assert cli_main([*args, "backup", "-o", str(target)]) == 0
    for suffix in ("-wal", "-shm"):
        (data / f"craftdesk.sqlite3{suffix}").unlink(missing_ok=True)
    (data / "craftdesk.sqlite3").write_bytes(b"kaputt " * 1000)
    assert cli_main([*args, "restore", str(target)]) == 0
    assert (data / "craftdesk.sqlite3").stat().st_mode & 0o077 == 0
