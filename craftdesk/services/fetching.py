"""Reading from sevDesk for the imports: the page sweep with its read-ahead thread, parsing
rows with bad ones skipped and counted, single-record reads, categories and the country
cache. A library used by the collection imports (customers, articles, orders) and by the
run in ``importer``; it knows nothing of either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any

from ..api.client import PAGE_SIZE, Page, SevdeskClient
from ..api.errors import ApiError, MalformedResponseError, NotFoundError
from ..api.records import CategoryRec, RecordError, parse_category, parse_country
from ..messages import Key, Message, phase
from ..store import settings
from .lookups import GERMANY_COUNTRY_ID
from .parsing import parse_rows

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
COUNTRY_CACHE_KEY = "sevdesk_country_codes"


# --- counts -------------------------------------------------------------------------------


@dataclass
class CollectionCounts:
    name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    flagged: int = 0
    warnings: list[str] = field(default_factory=list)  # one sentence each (A1a)
    steady: int = 0  # records an unchanged next run would count as unchanged (articles)
    changed_ids: set[int] = field(default_factory=set)  # local rows created/updated/flagged

    def skip(self, object_name: str, exc: RecordError) -> None:
        """Count a malformed record and log its id and reason (never its content)."""
        self.skipped += 1
        log.warning("Skipping %s %s: %s", object_name, exc.record_id or "(ohne Id)", exc.reason)

    def add(self, other: Any) -> None:
        for name in ("created", "updated", "unchanged", "flagged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.changed_ids |= set(getattr(other, "changed_ids", ()))


# --- fetching -----------------------------------------------------------------------------


def sweep(
    client: SevdeskClient,
    path: str,
    params: dict[str, Any] | None = None,
    progress: Progress | None = None,
    label: str | None = None,
    *,
    prefetched: Iterable[Page] = (),
    record: Callable[[Page], None] | None = None,
    shape: str | None = None,
) -> Iterator[list[Any]]:
    """Pages of a collection (1000 each) until the ``total`` sevDesk reports is reached.

    Like ``client.iter_pages`` but with ``countAll=true``, which saves the empty request
    after a full last page; without a usable ``total`` it ends on an empty page (H2: a
    server may cap pages below the limit asked for, so a short page is not the end).
    While the caller works on a page, a helper thread requests the next one (its bytes;
    the caller decodes it), so sevDesk's answer time and our parsing and writing overlap;
    the helper is the only other user of the client while the sweep runs. Rows repeated
    across pages (offset paging over changing data) are dropped. Progress is reported in
    the caller's thread. A page is let go before the next one is asked for (see
    :func:`rows_of`): one decoded page at a time.

    ``prefetched``: decoded pages already read (by a :class:`~.page_ledger.Probe`); the
    sweep continues after the last of them. ``record`` sees every page (its digest).
    ``shape``: the rows come as ``api.fast_pages.page_rows`` reads them (tuples where it could),
    for the row parsers of ``api.records``, which take a tuple as read.
    """
    seen: set[Any] = set()
    done = 0
    finished = False
    for page in prefetched:
        rows = _deduplicated(page, seen, record)
        done, total = page.offset + page.rows, page.total
        # H2: as iter_pages_raw ends, on the total or an empty page; a short page is no end
        finished = not page.rows or (total is not None and done >= total)
        del page
        yield rows
        del rows
        _report(progress, label, done, total)
    if finished:
        return
    pages = client.iter_pages_raw(path, dict(params or {}), PAGE_SIZE, offset=done, ahead=True, shape=shape)
    try:
        for page in pages:
            rows = _deduplicated(page, seen, record)
            done, total = page.offset + page.rows, page.total
            del page
            yield rows
            del rows
            _report(progress, label, done, total)
    finally:
        pages.close()


def every_id(client: SevdeskClient, path: str, params: dict[str, Any] | None = None) -> set[str] | None:
    """The ids of every record of a collection, or None when the sweep did not provably
    see them all (H2): sevDesk counted more distinct records than came (offset paging over a
    list that changed meanwhile repeats one record and skips another), or its count moved."""
    ids: set[str] = set()
    totals: set[int | None] = set()
    for objects, total in client.iter_pages_with_total(path, params):
        totals.add(total)
        ids.update(key for raw in objects if (key := ref_id(raw, "id")) is not None)
    if not provably_complete(totals, len(ids)):
        log.info("%s: %d records where sevDesk counts %s", path, len(ids), sorted(map(str, totals)))
        return None
    return ids


def provably_complete(totals: set[int | None], rows: int) -> bool:
    """H2: whether a sweep whose pages carried ``totals`` (sevDesk's counts) saw every
    record with ``rows`` distinct ones: the same count on every page, and reached. Without
    any count the sweep ended on an empty page, which is proof enough."""
    counted = {total for total in totals if total is not None}
    if not counted:
        return True
    return len(totals) == 1 and rows >= next(iter(counted))


def rows_of(pages: Iterable[list[Any]]) -> Iterator[Any]:
    """The rows of a sweep's pages; each page is let go before the next is asked for, so
    no more than the page in hand and the one read ahead are in memory."""
    for page in pages:
        yield from page
        del page


def _deduplicated(page: Page, seen: set[Any], record: Callable[[Page], None] | None) -> list[Any]:
    if record is not None:
        record(page)
    objects = page.objects or []
    page.objects = None  # the rows list holds them now; the page is only its digest
    try:  # the usual page: objects (or rows) with text ids, none seen before (C-level checks)
        ids = set(map(_ROW_ID if objects and type(objects[0]) is tuple else _ID, objects))
        "".join(ids)  # TypeError unless every id is a text
        if len(ids) == len(objects) and seen.isdisjoint(ids):
            seen |= ids
            return objects
    except (TypeError, KeyError, AttributeError):
        pass
    rows = []
    for row in objects:
        key = row[0] if type(row) is tuple else row.get("id") if type(row) is dict else None
        if key is not None:
            if type(key) is not str:
                key = str(key)
            if key in seen:
                continue
            seen.add(key)
        rows.append(row)
    return rows


_ID = itemgetter("id")
_ROW_ID = itemgetter(0)  # a row read already (api.fast_pages) starts with its id


def _report(progress: Progress | None, label: str | None, done: int, total: int | None) -> None:
    if progress and label:
        shown_total = max(total or 0, done)
        progress(done, shown_total, Message(Key.PAGE_PROGRESS, phase(label), str(done), str(shown_total)))


def fetch_record(
    client: SevdeskClient,
    object_name: str,
    record_id: str,
    parser: Callable[[Any], Any],
    not_found: str,
    incomplete: str,
) -> Any:
    """GET ``/{object_name}/{record_id}`` and parse it (single imports for orders, O4).

    A 404 and a record the parser rejects become errors with the given one-sentence
    German messages; the record id goes to the detail only.
    """
    try:
        raw = client.get_one(f"/{object_name}/{record_id}")
    except NotFoundError:
        raise NotFoundError(not_found, detail=record_id) from None
    try:
        return parser(raw)
    except RecordError as exc:
        raise MalformedResponseError(incomplete, detail=f"{object_name} {record_id}: {exc.reason}") from None


CATEGORY_TYPES = ("ContactAddress", "Part")  # the categories an import resolves (C3, A1)


def fetch_categories(
    client: SevdeskClient, progress: Progress | None = None, object_types: Sequence[str] = CATEGORY_TYPES
) -> list[CategoryRec]:
    """The account's categories, each with its object type spelled as in ``object_types``.

    Normally one unfiltered request serves address and part categories alike. sevDesk
    documents the lists per type (``/Category?objectType=…``): those are read for a type
    when the unfiltered answer is refused, names no type for some row, or has no row of
    that type; a row of a typed list without an ``objectType`` is of the type asked for.
    """
    if progress:
        progress(0, 1, Message(Key.LOADING_CATEGORIES))
    canonical = {t.casefold(): t for t in object_types}

    def typed(c: CategoryRec, default: str = "") -> CategoryRec:
        kind = canonical.get(c.object_type.casefold(), c.object_type) or default
        return c if kind == c.object_type else replace(c, object_type=kind)

    rows: list[CategoryRec] = []
    refused = False
    try:
        for page in sweep(client, "/Category"):
            rows.extend(parse_rows(page, parse_category, "Category"))
    except (ApiError, NotFoundError) as exc:
        if isinstance(exc, MalformedResponseError):
            raise
        log.info("Unfiltered category list refused (%s); reading it per object type", exc.message)
        refused = True
    untyped = refused or any(not c.object_type for c in rows)
    result = {c.id: typed(c) for c in rows if c.object_type}
    for object_type in object_types:
        if not untyped and any(c.object_type == object_type for c in result.values()):
            continue
        for page in sweep(client, "/Category", {"objectType": object_type}):
            for c in parse_rows(page, parse_category, "Category"):
                c = typed(c, object_type)
                if c.object_type == object_type:  # sevDesk ignores unknown filters silently
                    result[c.id] = c
    return list(result.values())


def load_countries(client: SevdeskClient, country_ids: Iterable[str]) -> dict[str, str]:
    """StaticCountry id → ISO code for the given ids; asks sevDesk only for unknown ids."""
    cached: dict[str, str] = dict(settings.get(COUNTRY_CACHE_KEY) or {})
    cached.setdefault(GERMANY_COUNTRY_ID, "DE")
    missing = {c for c in country_ids if c and c not in cached}
    if not missing:
        return cached
    try:
        fetched = parse_rows(client.get_all("/StaticCountry"), parse_country, "StaticCountry")
    except (ApiError, MalformedResponseError) as exc:  # a nicety; the import goes on without
        log.info("Country list not available: %s", exc.detail or exc.message)
        return cached
    updated = dict(cached)
    updated.update({c.id: c.code for c in fetched if c.code})
    if updated != cached:
        settings.set(COUNTRY_CACHE_KEY, updated)
    unknown = missing - set(updated)
    if unknown:
        log.info("Unknown sevDesk country ids: %s", ", ".join(sorted(unknown)))
    return updated


def ref_id(raw: Any, field_name: str) -> str | None:
    """Best-effort id of a reference in a raw (possibly malformed) record."""
    if not isinstance(raw, dict):
        return None
    value = raw.get(field_name)
    if isinstance(value, dict):
        value = value.get("id")
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    return str(value).strip() or None
