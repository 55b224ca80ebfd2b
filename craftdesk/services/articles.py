"""Articles: sevDesk parts of the configured part categories become local articles (A1–A4).

Decisions (the SPEC leaves them open):

* Prices (A3): the net price is kept rounded half-up to cents; the VAT rate is kept as a
  normalized decimal ("19", "7", "10.7"); the gross price is always derived, never read.
* Units (A2): the name of the account's Unity (also an empty one); a part without a
  (known) unit gets "Stk", sevDesk's default unit.
* Inactive (A4): a part whose status is not active (50), that vanished from sevDesk, or that
  was moved out of the imported categories becomes inactive — never deleted. A part that
  was imported singly for an order although its category is not imported (e.g. a
  "Dienstleistung") is kept up to date but not deactivated for being outside the
  categories: the local ``category`` column remembers where each article came from. For
  the same reason, articles of a category the user removes from the configuration stay
  as they are (the part did not move; the user chose to import other categories).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from ..api.catalog import UNIT_PRICE_STEP
from ..api.client import SevdeskClient
from ..api.fast_pages import PARTS
from ..api.records import (
    CategoryRec,
    PartRec,
    PartRow,
    RecordError,
    parse_category,
    parse_part,
    parse_unity,
    part_row,
)
from ..clock import utcnow
from ..messages import Key, Message
from ..store.bulk import bulk_insert, bulk_update, column_value, inserted_ids, raw_rows
from ..store.db import db
from ..store.models import Article
from . import part_categories
from .fetching import CollectionCounts, Progress, fetch_record, ref_id, rows_of
from .fingerprints import digest, older_digests
from .page_ledger import LedgerSweeps, Sweep, basis, local_summary
from .parsing import parse_rows

log = logging.getLogger(__name__)

DEFAULT_UNIT = "Stk"
CENT = Decimal("0.01")
FIELDS = ("number", "name", "unit", "net_price", "vat_rate", "description", "active", "category")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=64)  # a handful of rates per account; equal Decimals give the same text
def rate_text(value: Decimal) -> str:
    """A VAT rate as a plain decimal string without trailing zeros ("19", "7", "10.7")."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def unit_price_text(net: Decimal) -> str:
    """A3: an imported unit net price as stored: in cents ("24.90"), or finer where sevDesk
    keeps it finer ("8.3949579832", a part priced gross), so that the gross derived from it
    is the one sevDesk shows (9.99); rounded to cents it would be 9.98."""
    fine = net.quantize(UNIT_PRICE_STEP, rounding=ROUND_HALF_UP)
    cents = money(fine)
    return format(cents if fine == cents else fine.normalize(), "f")


def gross_price(net: Decimal, vat_rate: Decimal) -> Decimal:
    """A3: gross derived from net and rate, rounded half-up to cents."""
    return money(net * (Decimal(100) + vat_rate) / Decimal(100))


def part_categories_from(rows: Iterable[CategoryRec], names: Iterable[str]) -> dict[str, str]:
    """A1: id → name of the Part categories whose name is configured (case-insensitive)."""
    wanted = {n.strip().casefold() for n in names if n and n.strip()}
    return {c.id: c.name for c in rows if c.object_type.casefold() == "part" and c.name.casefold() in wanted}


def configured_categories() -> list[str]:
    return part_categories.configured()


class ArticleData(NamedTuple):  # a named tuple: thousands are made per import
    sevdesk_id: str
    sevdesk_update: str
    fields: tuple[object, ...]  # values of FIELDS in database form (text, 0/1)

    def fingerprint(self) -> str:
        return digest(self.fields)

    def older_fingerprints(self) -> tuple[str, str]:
        """What older versions stored for the same content, recognised once after an update."""
        return older_digests(self.fields)


def build_article(part: PartRec, units: dict[str, str], category_names: dict[str, str]) -> ArticleData:
    row: PartRow = (
        part.id,
        part.update,
        part.name,
        part.number,
        part.unity_id,
        part.net_price,
        part.gross_price,
        part.vat_rate,
        part.description,
        part.active,
        part.category_id,
    )
    return article_from_row(row, units, category_names)


def article_from_row(row: PartRow, units: dict[str, str], category_names: dict[str, str]) -> ArticleData:
    """A part row (``records.part_row``) as craftdesk stores it (A2, A3)."""
    # A unit of the account keeps its name, even an empty one (UNITY_EMPTY); only a part
    # without a unit sevDesk knows gets sevDesk's default.
    pid, update, name, number, unity_id, net, _gross, vat, description, active, category_id = row
    return ArticleData(
        sevdesk_id=pid,
        sevdesk_update=update,
        fields=(
            number,
            name,
            units.get(unity_id or "", DEFAULT_UNIT),
            unit_price_text(net),
            rate_text(vat),
            description,
            1 if active else 0,
            category_names.get(category_id or "", ""),
        ),
    )


_INSERT_COLS = ("sevdesk_id", "sevdesk_update", "sync_hash", *FIELDS)  # and _write's times
_UPDATE_COLS = ("sevdesk_update", "sync_hash", *FIELDS, "updated_at")


def save_articles(
    data: dict[str, ArticleData],
    importable: set[str],
    malformed: set[str] | None,
    wanted_names: set[str] | None,
) -> CollectionCounts:
    """Write new/changed articles and deactivate parts that left (A4) in one transaction.

    ``data``: every readable part (from a sweep: all of them). ``importable``: ids in an
    imported category. ``wanted_names`` is None for a single import, which deactivates
    nothing; ``malformed`` is None for it too, and for a sweep that is not provably
    complete: then no part is deactivated for being missing (unreadable is not gone).
    """
    counts = CollectionCounts("articles")
    swept = wanted_names is not None
    query = Article.select(
        Article.id, Article.sevdesk_id, Article.sync_hash, Article.active, Article.category
    ).where(Article.sevdesk_id.is_null(False))
    if not swept:
        query = query.where(Article.sevdesk_id.in_(list(data)))
    existing = {
        sid: (aid, digest, bool(active), category or "")
        for aid, sid, digest, active, category in raw_rows(query)
    }
    plan = _Plan(data, importable, existing, wanted_names if swept else None)
    moved_out_count = len(plan.deactivate)
    if swept and malformed is not None:
        gone = set(existing) - set(data) - malformed
        plan.deactivate.extend(existing[sid][0] for sid in gone if existing[sid][2])
    counts.unchanged = counts.steady = plan.unchanged
    if not (plan.new or plan.changed or plan.deactivate or plan.rehashed):
        return counts
    with db.atomic():
        new_ids = _write(plan)
    counts.created, counts.updated, counts.flagged = len(plan.new), len(plan.changed), len(plan.deactivate)
    counts.changed_ids = {aid for aid, _, _ in plan.changed} | set(plan.deactivate) | new_ids
    counts.steady = counts.unchanged + len(plan.new) + len(plan.changed) + moved_out_count
    return counts


class _Plan:
    """What one save writes: new, changed and re-fingerprinted articles, and the ones to
    deactivate because they moved out of the imported categories (A4)."""

    def __init__(
        self,
        data: dict[str, ArticleData],
        importable: set[str],
        existing: dict[str, tuple[int, str | None, bool, str]],
        wanted_names: set[str] | None,
    ) -> None:
        self.new: list[tuple[ArticleData, str]] = []
        self.changed: list[tuple[int, ArticleData, str]] = []
        self.deactivate: list[int] = []
        self.rehashed: list[tuple[str, int]] = []
        self.unchanged = 0
        for sid, item in data.items():
            current = existing.get(sid)
            if current is None:
                if sid in importable:
                    self.new.append((item, item.fingerprint()))
                continue
            aid, old_digest, active, category = current
            if wanted_names is not None and sid not in importable and category.casefold() in wanted_names:
                if active:  # moved out of the imported categories
                    self.deactivate.append(aid)
                else:
                    self.unchanged += 1
                continue
            digest = item.fingerprint()
            if digest != old_digest and old_digest in item.older_fingerprints():
                self.rehashed.append((digest, aid))  # same content, fingerprint of an older version
                self.unchanged += 1
            elif digest != old_digest:
                self.changed.append((aid, item, digest))
            else:
                self.unchanged += 1


def _write(plan: _Plan) -> set[int]:
    """The statements of one save (inside its transaction); the local ids of new rows."""
    now = column_value(Article.updated_at, utcnow())
    bulk_insert(
        Article,
        _INSERT_COLS,
        [(d.sevdesk_id, d.sevdesk_update, digest, *d.fields) for d, digest in plan.new],
        {"created_at": now, "updated_at": now},
    )
    given = inserted_ids(Article, len(plan.new))  # without a query over the new rows
    bulk_update(
        Article,
        _UPDATE_COLS,
        [(d.sevdesk_update, digest, *d.fields, now, aid) for aid, d, digest in plan.changed],
    )
    # Forget the fingerprint so the part is rewritten (and re-activated) if it returns.
    bulk_update(
        Article, ("active", "sync_hash", "updated_at"), [(0, None, now, aid) for aid in plan.deactivate]
    )
    bulk_update(Article, ("sync_hash",), plan.rehashed)
    return set(given) if given is not None else _local_ids([d.sevdesk_id for d, _ in plan.new])


def _local_ids(sevdesk_ids: list[str]) -> set[int]:
    """Local ids of just-inserted articles (one query)."""
    wanted = set(sevdesk_ids)
    if not wanted:
        return set()
    query = Article.select(Article.id, Article.sevdesk_id).where(Article.sevdesk_id.is_null(False))
    if len(wanted) <= 500:
        query = query.where(Article.sevdesk_id.in_(list(wanted)))
    return {aid for aid, sid in raw_rows(query) if sid in wanted}


def articles_basis(categories: list[CategoryRec], names: list[str]) -> str:
    """What the article rules read besides the pages (see services.page_ledger)."""
    cats = sorted((c.id, c.name, c.object_type, c.translation_code) for c in categories)
    return basis(cats, sorted(names), local_summary(Article))


ARTICLE_SWEEPS: list[Sweep] = [("/Unity", None, "Einheiten"), ("/Part", None, "Artikel")]


def sync_articles(
    client: SevdeskClient, categories: list[CategoryRec], progress: Progress | None = None
) -> CollectionCounts:
    """A1–A4 for all parts: /Unity and /Part sweeps, then one transaction.

    When every page arrives as in the last run, nothing is parsed (services.page_ledger).
    """
    names = configured_categories()
    available = part_categories.account_names(categories)
    part_categories.remember_account_names(available)
    warning = part_categories.missing_warning(names, available)
    if warning is not None:
        # A1a: nothing to import, and nothing to deactivate either (the parts did not move).
        log.warning("No configured part category exists in sevDesk (%s)", ", ".join(names))
        return CollectionCounts("articles", warnings=[warning])
    sweeps = LedgerSweeps(
        client, "articles", ARTICLE_SWEEPS, lambda: articles_basis(categories, names), progress, quiet=[0]
    )
    if sweeps.unchanged:
        return CollectionCounts(
            "articles", unchanged=sweeps.previous("unchanged"), skipped=sweeps.previous("skipped")
        )
    counts = CollectionCounts("articles")
    wanted = part_categories_from(categories, names)
    units = {u.id: u.name for page in sweeps.pages(0) for u in parse_rows(page, parse_unity, "Unity")}
    data, importable, malformed = _read_parts(sweeps.pages(1, PARTS), units, categories, wanted, counts)
    if malformed is not None and not sweeps.complete(1, len(data) + len(malformed)):
        log.warning("The parts sweep returned fewer parts than sevDesk counts: none is deactivated this run")
        malformed = None
    client.check_cancel()  # last point where a cancel leaves this collection untouched
    if progress:
        progress(0, 1, Message(Key.SAVING_ARTICLES))
    sweeps.forget()
    saved = save_articles(data, importable, malformed, {n.casefold() for n in names})
    counts.add(saved)
    sweeps.save(articles_basis(categories, names), {"unchanged": saved.steady, "skipped": counts.skipped})
    while data:  # freed one by one, so the GUI thread gets the GIL in between (see customers)
        data.popitem()
    return counts


def _read_parts(
    pages: Iterable[list[Any]],
    units: dict[str, str],
    categories: list[CategoryRec],
    wanted: dict[str, str],
    counts: CollectionCounts,
) -> tuple[dict[str, ArticleData], set[str], set[str] | None]:
    """Every readable part as an article, the ids in an imported category, and the ids of
    unreadable parts (unreadable is not gone, A4), None when one of them has no readable
    id (then any part may be that one); bad parts of ours are counted."""
    all_part_categories = {c.id: c.name for c in categories if c.object_type.casefold() == "part"}
    data: dict[str, ArticleData] = {}
    importable: set[str] = set()
    malformed: set[str] = set()
    unknown = False
    for raw in rows_of(pages):
        try:
            row = part_row(raw)
        except RecordError as exc:
            if exc.record_id and exc.record_id.isascii() and exc.record_id.isdigit():
                malformed.add(exc.record_id)
            else:
                unknown = True
            category = ref_id(raw, "category")
            if category is None or category in wanted:
                counts.skip("Part", exc)
            continue
        data[row[0]] = article_from_row(row, units, all_part_categories)
        if row[10] in wanted:
            importable.add(row[0])
    return data, importable, None if unknown else malformed


def import_single_part(client: SevdeskClient, part_id: str) -> Article:
    """Import one sevDesk part by A2 (any category; for order positions, O4).

    Three requests: the part, the units and the part categories. An existing article is
    updated when sevDesk changed it.
    """
    return SinglePartImporter(client).import_part(part_id)


class SinglePartImporter:
    """Imports parts one by one (order positions, O4), reading the account's units and
    part categories once for all of them: n parts take n + 2 requests."""

    def __init__(self, client: SevdeskClient) -> None:
        self.client = client
        self._units: dict[str, str] | None = None
        self._categories: dict[str, str] | None = None

    def import_part(self, part_id: str) -> Article:
        part_id = str(part_id).strip()
        part = fetch_record(
            self.client,
            "Part",
            part_id,
            parse_part,
            "Der Artikel wurde in sevDesk nicht gefunden.",
            "Der Artikel in sevDesk ist unvollständig.",
        )
        if self._units is None:
            self._units = {
                u.id: u.name for u in parse_rows(self.client.get_all("/Unity"), parse_unity, "Unity")
            }
        if self._categories is None:
            cats = parse_rows(
                self.client.get_all("/Category", {"objectType": "Part"}), parse_category, "Category"
            )
            self._categories = {c.id: c.name for c in cats}
        save_articles({part.id: build_article(part, self._units, self._categories)}, {part.id}, None, None)
        return Article.get(Article.sevdesk_id == part.id)
