"""Local store: migrations, pragmas, file mode, Decimal round trip, settings."""

from __future__ import annotations

import os
import stat
import sys
from decimal import Decimal

import pytest

from craftdesk.store import migrations
from craftdesk.store.db import DatabaseCorruptError, close_database, open_database
from craftdesk.store.models import Article, Customer, SchemaVersion


def test_migrations_run_twice_without_harm(data_dir):
    path = data_dir / "craftdesk.sqlite3"
    database = open_database(path)
    Customer.create(company="Müller Haustechnik GmbH")
    version = migrations.current_version(database)
    assert version == migrations.LATEST_VERSION
    # Running every step again (as after an interrupted upgrade) must not fail or lose data.
    for _number, _description, step in migrations.MIGRATIONS:
        with database.atomic():
            step(database)
    assert migrations.run_migrations(database, path) == version
    assert Customer.select().count() == 1
    close_database()
    open_database(path)
    assert SchemaVersion.select().count() == len(migrations.MIGRATIONS)
    close_database()


def test_backup_is_made_before_migrating_an_existing_database(data_dir, monkeypatch):
    path = data_dir / "craftdesk.sqlite3"
    open_database(path)
    Customer.create(company="Bäckerei Schröder")
    close_database()

    def _probe(database):
        database.execute_sql("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY)")

    before = migrations.LATEST_VERSION
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (before + 1, "probe", _probe)])
    database = open_database(path)
    backups = list(data_dir.glob(f"craftdesk.sqlite3.v{before}-*.bak"))
    assert len(backups) == 1
    assert migrations.current_version(database) == before + 1
    close_database()
    # The backup is a usable database with the old data.
    restored = open_database(backups[0], migrate=False)
    assert Customer.select().count() == 1
    restored.close()


def test_wal_foreign_keys_and_busy_timeout(database):
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX file modes")
def test_database_file_is_owner_only(database, data_dir):
    mode = stat.S_IMODE(os.stat(data_dir / "craftdesk.sqlite3").st_mode)
    assert mode == 0o600


def test_decimal_round_trip_is_exact(database):
    article = Article.create(
        name="Kupferrohr 15 mm", net_price=Decimal("0.10") + Decimal("0.20"), vat_rate=Decimal("19")
    )
    again = Article.get_by_id(article.id)
    assert again.net_price == Decimal("0.30")
    assert isinstance(again.net_price, Decimal)
    raw = database.execute_sql("SELECT net_price, typeof(net_price) FROM article").fetchone()
    assert raw == ("0.30", "text")


def test_corrupted_database_is_detected_and_kept(data_dir):
    path = data_dir / "craftdesk.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseCorruptError):
        open_database(path)
    assert path.read_bytes().startswith(b"this is not a database")


def test_settings_round_trip_and_refuse_secrets(database):
    from craftdesk.store import settings

    assert settings.get("sync_interval_min") == 15
    settings.set("hourly_rate", "58.50")
    settings.set("part_categories", ["Artikel", "Material"])
    assert settings.get("hourly_rate") == "58.50"
    assert settings.get("part_categories") == ["Artikel", "Material"]
    with pytest.raises(ValueError):
        settings.set("api_token", "x")


@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize("count", [0, 1, 31, 32, 33, 64, 100])
def test_bulk_insert_writes_every_row_once_whatever_the_count(database, count, shared):
    """Several rows go into one INSERT on SQLite: a count that is not a multiple of the
    rows per statement (and a generator, read once) still writes each row exactly once;
    values every row shares (``same``) may be given once."""
    from datetime import datetime

    from craftdesk.store import bulk

    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    now = "2026-12-02 10:00:00"
    columns = ("number", "name", "unit", "net_price", "vat_rate", "description", "active", "category")
    rows = ((f"N{i:03d}", f"Artikel {i}", "Stk", "0", "19", "", 1, "", now, now) for i in range(count))
    with database.atomic():
        if shared:
            same = {"active": 0, "created_at": now, "updated_at": "2026-12-03 11:00:00"}
            some = (row[:6] + row[7:8] for row in rows)
            bulk.bulk_insert(Article, columns[:6] + columns[7:], some, same)
        else:
            bulk.bulk_insert(Article, (*columns, "created_at", "updated_at"), rows)
    database.connection().set_trace_callback(None)
    stored = [
        (a.number, a.name, a.category, a.active, a.updated_at)
        for a in Article.select().order_by(Article.number)
    ]
    after = datetime(2026, 12, 3, 11) if shared else datetime(2026, 12, 2, 10)
    assert stored == [(f"N{i:03d}", f"Artikel {i}", "", not shared, after) for i in range(count)]
    inserts = [s for s in statements if s.startswith("INSERT")]
    per = bulk._ROWS_PER_INSERT
    assert len(inserts) == count // per + (1 if count % per else 0)


def test_the_imports_big_containers_are_let_go_one_item_at_a_time():
    """Freed in one piece when the import's function returns, the dicts of 50,000
    customers held the GIL for 5-20 ms each; let_go frees them an item per step, so the
    window gets the GIL in between (and nothing of them is kept)."""
    import gc
    import weakref

    from craftdesk.services.customer_store import let_go

    class Item:
        pass

    freed: list[int] = []
    items = [Item() for _ in range(6)]
    watch = [weakref.ref(item, lambda _r, n=n: freed.append(n)) for n, item in enumerate(items)]
    as_list, as_dict, as_set = list(items[:2]), {"a": items[2], "b": items[3]}, {items[4], items[5]}
    del items
    gc.collect()
    let_go(as_list)
    assert sorted(freed) == [0, 1] and as_list == []
    let_go(as_dict, as_set)
    assert sorted(freed) == list(range(6)) and as_dict == {} and as_set == set()
    assert all(ref() is None for ref in watch)


def _articles(names: list[str]) -> list[tuple[str, ...]]:
    now = "2026-12-05 10:00:00"
    return [(name, name, "Stk", "0", "19", "", 1, "", now, now) for name in names]


_ARTICLE_COLS = (
    "number",
    "name",
    "unit",
    "net_price",
    "vat_rate",
    "description",
    "active",
    "category",
    "created_at",
    "updated_at",
)


def test_inserted_ids_are_the_ids_of_the_rows_just_inserted_in_their_order(database):
    """The import learns the ids of its new customers without reading them back (SQLite);
    rows deleted before, leaving gaps, do not shift them."""
    from craftdesk.store import bulk
    from craftdesk.store.engine import is_server

    with database.atomic():
        bulk.bulk_insert(Article, _ARTICLE_COLS, _articles([f"alt{i}" for i in range(10)]))
    Article.delete().where(Article.number.in_(["alt3", "alt4", "alt9"])).execute()
    names = [f"neu{i:03d}" for i in range(70)]  # more than one INSERT of 32 rows
    with database.atomic():
        bulk.bulk_insert(Article, _ARTICLE_COLS, iter(_articles(names)))
        given = bulk.inserted_ids(Article, len(names))
    if is_server(database):
        assert given is None  # PostgreSQL: the caller reads the ids
        return
    assert given is not None
    assert dict(zip(names, given, strict=True)) == {
        a.number: a.id for a in Article.select().where(Article.number.startswith("neu"))
    }


def test_inserted_ids_are_not_guessed_once_the_table_held_the_highest_id(database):
    """Then SQLite picks ids at random, and the import reads them back instead."""
    from craftdesk.store import bulk
    from craftdesk.store.engine import is_server

    if is_server(database):
        pytest.skip("SQLite's rowids")
    highest = 2**63 - 1
    now = "2026-12-05 10:00:00"
    Article.insert(
        id=highest,
        number="max",
        name="max",
        unit="Stk",
        net_price="0",
        vat_rate="19",
        description="",
        active=1,
        category="",
        created_at=now,
        updated_at=now,
    ).execute()
    with database.atomic():
        bulk.bulk_insert(Article, _ARTICLE_COLS, _articles([f"neu{i}" for i in range(40)]))
        assert bulk.inserted_ids(Article, 40) is None


def test_packed_child_rows_go_in_with_their_parent_and_positions_whatever_their_number(database):
    """The import writes addresses as one packed text per customer (bulk_insert_packed):
    customers with 0, 1, 2, 3 or 200 addresses (the last beyond one statement's values)
    each get exactly their rows, in their order, at positions 0, 1, …"""
    from craftdesk.store import bulk
    from craftdesk.store.engine import is_server
    from craftdesk.store.models import Address

    now = "2026-12-05 10:00:00"
    fields = dict(kind="person", first_name="", last_name="X", company="", name_suffix="")
    fields |= dict(salutation="", academic_title="", description="", deleted_in_sevdesk=False)
    fields |= dict(buyer_reference="", government_agency=False, created_at=now, updated_at=now)
    counts = [2, 0, 1, 3, 2, 200, 1, 2] + [2] * 40  # several statements of two-row parents
    ids = [Customer.insert(customer_number=f"K{i}", **fields).execute() for i in range(len(counts))]

    def values(cid: int, n: int) -> list[tuple[str, ...]]:
        return [("postal", f"Straße {cid}-{r}", "12345", "Ort", "DE", f"{cid}{r:03d}") for r in range(n)]

    parents = [
        (cid, "\x00".join(v for row in values(cid, n) for v in row), "")
        for cid, n in zip(ids, counts, strict=True)
    ]
    statements: list[str] = []
    if not is_server(database):
        database.connection().set_trace_callback(statements.append)
    columns = ("customer", "kind", "street", "zip", "city", "country", "sevdesk_id", "position")
    with database.atomic():
        bulk.bulk_insert_packed(Address, columns, parents, 1, "\x00")
    if not is_server(database):
        database.connection().set_trace_callback(None)
        inserts = [s for s in statements if s.startswith("INSERT")]
        assert len(inserts) < sum(counts) // 4  # several parents per statement
    for cid, n in zip(ids, counts, strict=True):
        stored = [
            (a.kind, a.street, a.zip, a.city, a.country, a.sevdesk_id, a.position)
            for a in Address.select().where(Address.customer == cid).order_by(Address.position)
        ]
        assert stored == [(*row, r) for r, row in enumerate(values(cid, n))]


def test_packed_child_rows_with_a_separator_in_a_value_are_refused_not_shifted(database):
    """A packed text whose values do not make whole rows (a value holding the separator)
    stops the write with an error; it never shifts values into another parent's rows."""
    from craftdesk.store import bulk
    from craftdesk.store.models import Address

    now = "2026-12-05 10:00:00"
    fields = dict(kind="person", first_name="", last_name="X", company="", name_suffix="")
    fields |= dict(salutation="", academic_title="", description="", deleted_in_sevdesk=False)
    fields |= dict(buyer_reference="", government_agency=False, created_at=now, updated_at=now)
    cid = Customer.insert(customer_number="K1", **fields).execute()
    good = "\x00".join(["postal", "Weg 1", "12345", "Ort", "DE", "7"])
    bad = "\x00".join(["postal", "Weg\x002", "12345", "Ort", "DE", "8"])  # seven values
    columns = ("customer", "kind", "street", "zip", "city", "country", "sevdesk_id", "position")
    with pytest.raises(ValueError), database.atomic():
        bulk.bulk_insert_packed(Address, columns, [(cid, good), (cid, bad)], 1, "\x00")
    assert Address.select().count() == 0


def test_rows_given_as_joined_texts_go_in_with_their_truth_values_and_shared_values(database):
    """bulk_insert_joined: each row one text of its values joined by the separator, a
    truth value as "True"/"False"; 70 rows (two whole statements and a rest) arrive
    value by value, and a row whose values do not fit the columns stops the write."""
    from craftdesk.store import bulk

    now = "2026-12-05 10:00:00"
    columns = ("sevdesk_id", "customer_number", "kind", "last_name", "government_agency", "salutation")
    rows = [f"9{i}\x00K{i}\x00person\x00Name {i}\x00{i % 3 == 0}\x00Frau" for i in range(70)]
    same = dict(first_name="", company="", name_suffix="", academic_title="", description="")
    same |= dict(deleted_in_sevdesk=False, buyer_reference="", created_at=now, updated_at=now)
    with database.atomic():
        bulk.bulk_insert_joined(Customer, columns, iter(rows), "\x00", same, truths={"government_agency"})
    stored = [
        (c.sevdesk_id, c.customer_number, c.kind, c.last_name, c.government_agency, c.salutation, c.company)
        for c in Customer.select().order_by(Customer.id)
    ]
    assert stored == [(f"9{i}", f"K{i}", "person", f"Name {i}", i % 3 == 0, "Frau", "") for i in range(70)]
    with pytest.raises(ValueError), database.atomic():
        bulk.bulk_insert_joined(
            Customer, columns, ["1\x00K\x00person\x00A\x00B\x00False\x00Herr"], "\x00", same
        )
    assert Customer.select().count() == 70
