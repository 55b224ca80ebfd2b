"""Schema version 2 (SPEC V1, V2, V8) applied to a database written by version 1."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from craftdesk.store import migrations
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import (
    Address,
    Appointment,
    InvoiceDraft,
    InvoiceEdit,
    Project,
    UsedArticle,
)

V1_SCHEMA = Path(__file__).parent / "data" / "schema_v1.sql"


def _v1_database(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript(V1_SCHEMA.read_text(encoding="utf-8"))
    con.executescript("""
        INSERT INTO schema_version (version, applied_at) VALUES (1, '2026-01-01 00:00:00');
        INSERT INTO project (id, title, site_street, site_zip, site_city, site_country, notes,
                             created_at) VALUES (1, 'Alt', '', '', '', 'DE', '', '2026-01-01');
        INSERT INTO job (id, project_id, title, position) VALUES (1, 1, 'Alt', 0);
        INSERT INTO appointment (id, job_id, title, status, site_street, site_zip, site_city,
                                 site_country, notes, created_at)
               VALUES (1, 1, 'Alt', 'done', '', '', '', 'DE', '', '2026-01-01');
        INSERT INTO article (id, number, name, unit, net_price, vat_rate, description, active,
                             category, created_at, updated_at)
               VALUES (1, 'A-1', 'Ventil', 'Stk', '24.90', '19', '', 1, '', '2026-01-01',
                       '2026-01-01');
        INSERT INTO used_article (id, appointment_id, article_id, quantity, position)
               VALUES (1, 1, 1, '3', 0);
        INSERT INTO customer (id, kind, first_name, last_name, company, name_suffix, description,
                              deleted_in_sevdesk, created_at, updated_at)
               VALUES (1, 'organisation', '', '', 'Bäckerei', '', '', 0, '2026-01-01', '2026-01-01');
        INSERT INTO address (id, customer_id, kind, street, zip, city, country, position)
               VALUES (1, 1, 'billing', 'Marktplatz 7', '71634', 'Ludwigsburg', 'DE', 0);
        UPDATE project SET customer_id = 1 WHERE id = 1;
    """)
    con.commit()
    con.close()


def test_migration_v2_keeps_data_and_allows_free_text_lines(tmp_path):
    path = tmp_path / "craftdesk.sqlite3"
    _v1_database(path)
    database = open_database(path)
    try:
        assert migrations.current_version(database) == migrations.LATEST_VERSION
        # Steps that rebuild a table (SQLite's way to add a NOT NULL column) must not
        # cascade: every row of the old database is still there.
        assert (Project.get_by_id(1).customer_id, Address.select().count(), Appointment.select().count()) == (
            1,
            1,
            1,
        )
        old = UsedArticle.get_by_id(1)
        assert (old.article_id, old.quantity, old.text, old.net_price) == (1, Decimal(3), "", None)
        free = UsedArticle.create(
            appointment=1,
            article=None,
            text="Entsorgung",
            unit="pauschal",
            quantity=Decimal(1),
            net_price=Decimal(120),
            vat_rate=Decimal(19),
        )
        assert UsedArticle.get_by_id(free.id).article_id is None
        InvoiceEdit.create(project=1, data="{}")
        draft = InvoiceDraft.create(
            project=1, reference="r-1", payment_status="paid", sum_gross=Decimal("142.80")
        )
        assert InvoiceDraft.get_by_id(draft.id).sum_gross == Decimal("142.80")
        assert list(tmp_path.glob("craftdesk.sqlite3.v1-*.bak"))  # backup before migrating
        # The step is safe to run twice (e.g. after a crash between step and version row).
        migrations._v2_invoices_under_control(database)
        assert UsedArticle.select().count() == 2
    finally:
        close_database()


def test_migration_v2_on_a_fresh_database_is_a_no_op(tmp_path):
    database = open_database(tmp_path / "fresh.sqlite3")
    try:
        migrations._v2_invoices_under_control(database)
        columns = {c.name for c in database.get_columns("used_article")}
        assert {"text", "unit", "net_price", "vat_rate", "planned_id"} <= columns
    finally:
        close_database()


def test_migration_v2_runs_on_a_database_that_has_a_higher_step_already(tmp_path):
    """Steps are numbered per branch and may land in any order: a database that already
    has a higher step still gets the missing lower one."""
    path = tmp_path / "craftdesk.sqlite3"
    database = open_database(path)
    database.execute_sql('DROP TABLE "invoice_edit"')
    database.execute_sql("DELETE FROM schema_version WHERE version = 2")
    close_database()
    database = open_database(path)
    try:
        assert database.table_exists("invoice_edit")
        versions = {v for (v,) in database.execute_sql("SELECT version FROM schema_version")}
        assert {1, 2} <= versions
    finally:
        close_database()
