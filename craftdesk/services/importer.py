"""One import run from sevDesk: customers and/or articles, recorded as a SyncRun (R3).

The machinery shared by the collections lives here too: the page sweep, the country
cache and the bulk SQL helpers. Collections are fetched completely before anything is
written, and each collection is then written in one transaction — a run that fails or is
cancelled while fetching changes nothing of that collection, and a crash leaves the
database as it was after the last finished collection.

Request budget: every collection is read in pages of 1000 with ``countAll=true``, so a
full last page needs no extra empty request; ``/Category`` is read once for all object
types; ``/StaticCountry`` only when an address names a country not yet known (the codes
are cached in the settings). Importing 2,000 customers and 1,000 parts takes 15 requests.

Incremental: every run sweeps the collections fully — addresses, communication ways and
parts have no changed-since filter, and deletions only show in the complete id set (10,000
customers are a handful of pages). Each record's content fingerprint (``sync_hash``)
decides whether it is written, so a run where nothing changed writes no row (only its
SyncRun record).
"""

from __future__ import annotations

import gc
import logging
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from ..api.client import PAGE_SIZE, Page, SevdeskClient
from ..api.errors import (
    ApiError,
    AuthError,
    CancelledError,
    MalformedResponseError,
    NotFoundError,
    SevdeskError,
)
from ..api.records import CategoryRec, RecordError, parse_category, parse_country, parse_sevuser
from ..store import settings
from ..store.engine import total_changes
from ..store.models import SyncRun, utcnow
from .changes import Change, Scope
from .lookups import GERMANY_COUNTRY_ID
from .page_ledger import bookkeeping_rows

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
WHAT = ("all", "customers", "articles")
COUNTRY_CACHE_KEY = "sevdesk_country_codes"
LABELS = {"customers": "Kunden", "articles": "Artikel"}
INTERRUPTED = "Der Abgleich wurde unterbrochen (Programm beendet)."


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


@dataclass
class ImportResult:
    what: str
    collections: dict[str, CollectionCounts] = field(default_factory=dict)
    requests: int = 0
    rows_written: int = 0  # database rows changed by the data (not the run record)
    run_id: int | None = None
    status: str = "running"
    invoice_status: Any = None  # invoice_status.StatusResult of a full run (V8)

    def _sum(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.collections.values())

    @property
    def created(self) -> int:
        return self._sum("created")

    @property
    def updated(self) -> int:
        return self._sum("updated")

    @property
    def unchanged(self) -> int:
        return self._sum("unchanged")

    @property
    def skipped(self) -> int:
        return self._sum("skipped")

    @property
    def flagged(self) -> int:
        return self._sum("flagged")

    @property
    def change(self) -> Change:
        """What the views must show anew: the rows this run wrote, nothing when none."""
        customers = self.collections.get("customers")
        articles = self.collections.get("articles")
        return Change.of(Scope.NONE,
                         customers=customers.changed_ids if customers is not None else None,
                         articles=articles.changed_ids if articles is not None else None)

    @property
    def warnings(self) -> list[str]:
        return [w for c in self.collections.values() for w in c.warnings]


# --- the run ------------------------------------------------------------------------------


def run_import(client: SevdeskClient, what: str = "all", trigger: str = "manual",
               progress: Progress | None = None) -> ImportResult:
    """Import customers and/or articles; the run is recorded either way.

    Python's cyclic garbage collector is paused meanwhile: the import allocates hundreds
    of thousands of short-lived, acyclic objects, and each collection would walk them all.

    ``progress(done, total, text)`` is called per page and phase (``done``/``total`` refer
    to the current phase, ``text`` is German, e.g. "Kunden: 1000 von 2000"). Cancel via the
    client's cancel event; it is checked between pages and collections. Raises the
    SevdeskError that ended the run after recording it.
    """
    if what not in WHAT:
        raise ValueError(f"unknown import target {what!r}")
    with gc_paused():
        return _run_import(client, what, trigger, progress)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC (nested use keeps it paused until the outermost ends)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run_import(client: SevdeskClient, what: str, trigger: str,
                progress: Progress | None) -> ImportResult:
    # Imported here: the collection modules use this module's helpers.
    from . import articles, customers

    # A run still "running" was ended by a crash or kill (R3 must not show it running
    # forever). Should another process really be importing, its own end overwrites this.
    SyncRun.update(status="failed", finished_at=utcnow(), error=INTERRUPTED).where(
        SyncRun.status == "running").execute()
    run = SyncRun.create(kind=what, trigger=trigger, status="running")
    result = ImportResult(what=what, run_id=run.id)
    first_request = client.request_count
    changes_before = _total_changes()
    try:
        client.check_cancel()
        categories = fetch_categories(client, progress, [
            kind for name, kind in (("customers", "ContactAddress"), ("articles", "Part"))
            if what in ("all", name)])
        if what in ("all", "customers"):
            result.collections["customers"] = customers.sync_customers(client, categories, progress)
            client.check_cancel()
        if what in ("all", "articles"):
            result.collections["articles"] = articles.sync_articles(client, categories, progress)
        if what == "all":
            result.invoice_status = _payment_status(client, result)
    except BaseException as exc:
        status = "cancelled" if isinstance(exc, (CancelledError, KeyboardInterrupt)) else "failed"
        if isinstance(exc, SevdeskError):
            message = exc.message
        elif isinstance(exc, KeyboardInterrupt):
            message = "abgebrochen"
        else:
            message = f"Unerwarteter Fehler ({exc.__class__.__name__})"
            log.exception("Import run %s failed", run.id)
        try:
            _finish(run, result, status, message, client.request_count - first_request,
                    _total_changes() - changes_before)
            if isinstance(exc, AuthError):
                settings.set("connection_broken", True)
        except Exception:  # e.g. the disk is full: the original error is what counts
            log.exception("Recording the end of import run %s failed", run.id)
        raise
    # A warning (A1a) is kept with the successful run, so the history shows it too.
    _finish(run, result, "ok", " ".join(result.warnings) or None,
            client.request_count - first_request, _total_changes() - changes_before)
    if progress:
        progress(1, 1, "Abgleich abgeschlossen")
    return result


def note_success(what: str) -> None:
    """The recurring import's clock (R1): ``last_sync_success`` is the time by which both
    collections were imported. A connect imports customers, then articles in a second run:
    together they are a full import, so no redundant one follows a minute later."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    names = ("customers", "articles") if what == "all" else (what,)
    for name in names:
        settings.set(f"last_sync_{name}", now)
    stamps = [settings.get(f"last_sync_{name}") for name in ("customers", "articles")]
    if all(stamps):
        settings.set("last_sync_success", min(str(s) for s in stamps))


def _payment_status(client: SevdeskClient, result: ImportResult) -> Any:
    """V8: the payment status of craftdesk's invoices, one request. A failure of this
    courtesy read is reported with the run, not a failed import."""
    from .invoice_status import refresh_payment_status

    client.check_cancel()
    try:
        status = refresh_payment_status(client)
    except (ApiError, MalformedResponseError, NotFoundError) as exc:
        log.warning("Payment status not readable: %s (%s)", exc.message, exc.detail or "")
        result.collections["invoices"] = CollectionCounts("invoices", warnings=[
            "Der Zahlungsstatus der Rechnungen ließ sich nicht lesen."])
        return None
    if status.tracked:
        result.collections["invoices"] = CollectionCounts("invoices", updated=status.changed,
                                                          skipped=status.skipped)
    return status


def _total_changes() -> int:
    """Rows changed by the data: without the page ledger's own bookkeeping."""
    return total_changes() - bookkeeping_rows()


def _finish(run: SyncRun, result: ImportResult, status: str, error: str | None,
            requests: int, rows: int) -> None:
    result.status = status
    result.requests = requests
    result.rows_written = rows
    run.status = status
    run.error = error
    run.finished_at = utcnow()
    run.requests = requests
    for name in ("created", "updated", "unchanged", "skipped", "flagged"):
        setattr(run, name, getattr(result, name))
    run.save()
    if status == "ok":
        note_success(result.what)
        if settings.get("connection_broken"):
            settings.set("connection_broken", False)
    log.info("Import run %s (%s) %s: %s created, %s updated, %s unchanged, %s skipped, "
             "%s flagged, %s requests, %s rows", run.id, result.what, status, result.created,
             result.updated, result.unchanged, result.skipped, result.flagged, requests, rows)


def connected_user(client: SevdeskClient) -> str:
    """Test the token and name who is connected (S1); AuthError on a rejected token.

    ``GET /SevUser`` rather than ``/Contact?limit=1``: both prove the token (401 when it is
    wrong), but only the users give a name to show. sevDesk has no "who am I" call and lists
    all users of the account, so with several users the account owner (``clientOwner``) is
    named — the token's own user cannot be told apart.
    """
    rows = client.get("/SevUser", {"limit": 100})
    if not isinstance(rows, list):
        raise MalformedResponseError("sevDesk hat eine unerwartete Antwort geschickt.",
                                     detail="/SevUser: not a list")
    users = parse_rows(rows, parse_sevuser, "SevUser")
    if not users:
        return "sevDesk-Konto"
    chosen = users[0] if len(users) == 1 else next((u for u in users if u.client_owner), users[0])
    # Tokens of non-admin users may see rows with little more than an id: say so plainly
    # instead of an empty name.
    return (chosen.fullname or chosen.username or chosen.email
            or f"sevDesk-Benutzer {chosen.id} (Name für diesen Token nicht sichtbar)")


# --- fetching -----------------------------------------------------------------------------


READ_AHEAD = 3  # pages fetched ahead of the caller (bounded: memory stays flat)


def sweep(client: SevdeskClient, path: str, params: dict[str, Any] | None = None,
          progress: Progress | None = None, label: str | None = None, *,
          prefetched: Iterable[Page] = (), record: Callable[[Page], None] | None = None,
          ) -> Iterator[list[Any]]:
    """Pages of a collection (1000 each) until the ``total`` sevDesk reports is reached.

    Like ``client.iter_pages`` but with ``countAll=true``, which saves the empty request
    after a full last page; without a usable ``total`` it stops at the first short page.
    One helper thread requests the pages one after another, up to READ_AHEAD pages ahead
    of the caller, so sevDesk's answer time and our parsing and writing overlap; it is the
    only user of the client while the sweep runs. Rows repeated across pages (offset
    paging over changing data) are dropped. Progress is reported in the caller's thread.

    ``prefetched``: decoded pages already read (by a :class:`~.page_ledger.Probe`); the
    sweep continues after the last of them. ``record`` sees every page (its digest).
    """
    seen: set[Any] = set()
    done = 0
    last: Page | None = None
    for page in prefetched:
        last = page
        yield from _deduplicated(page, seen, record)
        done = page.offset + page.rows
        _report(progress, label, done, page.total)
    if last is not None and (not last.rows or (
            done >= last.total if last.total is not None else last.rows < PAGE_SIZE)):
        return
    pages = _PageReader(client, path, dict(params or {}), done)
    try:
        for page in pages:
            yield from _deduplicated(page, seen, record)
            done = page.offset + page.rows
            _report(progress, label, done, page.total)
    finally:
        pages.close()


def _deduplicated(page: Page, seen: set[Any], record: Callable[[Page], None] | None,
                  ) -> Iterator[list[Any]]:
    if record is not None:
        record(page)
    rows = []
    for row in page.objects or ():
        key = row.get("id") if type(row) is dict else None
        if key is not None:
            if type(key) is not str:
                key = str(key)
            if key in seen:
                continue
            seen.add(key)
        rows.append(row)
    yield rows


def _report(progress: Progress | None, label: str | None, done: int, total: int | None) -> None:
    if progress and label:
        shown_total = max(total or 0, done)
        progress(done, shown_total, f"{label}: {done} von {shown_total}")


class _PageReader:
    """Fetches the pages of one sweep in a helper thread into a bounded queue."""

    _END = object()

    def __init__(self, client: SevdeskClient, path: str, params: dict[str, Any],
                 offset: int = 0) -> None:
        self.client = client
        self.path = path
        self.params = params
        self.offset = offset
        self.queue: queue.Queue[Any] = queue.Queue(maxsize=READ_AHEAD)
        self.stopped = threading.Event()
        client.check_cancel()
        self.thread = threading.Thread(target=self._run, name="sevdesk-pages", daemon=True)
        self.thread.start()

    def _put(self, item: Any) -> bool:
        while not self.stopped.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            for item in self.client.iter_pages_raw(self.path, self.params, PAGE_SIZE,
                                                   offset=self.offset):
                if self.stopped.is_set() or not self._put(item):
                    return
            self._put(self._END)
        except BaseException as exc:  # handed to the caller, raised there
            self._put(exc)

    def __iter__(self) -> Iterator[Page]:
        while True:
            item = self.queue.get()
            if item is self._END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        """Stop early (error or cancel in the caller) and wait for the request in flight."""
        self.stopped.set()
        self.thread.join()


def _as_int(value: Any) -> int | None:
    try:
        return int(str(value)) if value is not None and not isinstance(value, bool) else None
    except ValueError:
        return None


def parse_rows(rows: Iterable[Any], parser: Callable[[Any], Any], object_name: str) -> list[Any]:
    """Parse reference rows; a bad one is logged and left out."""
    result = []
    for raw in rows:
        try:
            result.append(parser(raw))
        except RecordError as exc:
            log.warning("Skipping %s %s: %s", object_name, exc.record_id, exc.reason)
    return result


def fetch_record(client: SevdeskClient, object_name: str, record_id: str,
                 parser: Callable[[Any], Any], not_found: str, incomplete: str) -> Any:
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


def fetch_categories(client: SevdeskClient, progress: Progress | None = None,
                     object_types: Sequence[str] = CATEGORY_TYPES) -> list[CategoryRec]:
    """The account's categories, each with its object type spelled as in ``object_types``.

    Normally one unfiltered request serves address and part categories alike. sevDesk
    documents the lists per type (``/Category?objectType=…``): those are read for a type
    when the unfiltered answer is refused, names no type for some row, or has no row of
    that type; a row of a typed list without an ``objectType`` is of the type asked for.
    """
    if progress:
        progress(0, 1, "Kategorien werden geladen")
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
