"""One import run from sevDesk: customers and/or articles, recorded as a SyncRun (R3).

The reading machinery shared by the collections (page sweep, row parsing, categories,
country cache) is in ``fetching``; the bulk SQL helpers are in ``store.bulk``. Collections
are fetched completely before anything is written, and each collection is then written in
one transaction — a run that fails or is cancelled while fetching changes nothing of that
collection, and a crash leaves the database as it was after the last finished collection.

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

import logging
from dataclasses import dataclass, field
from typing import Any

from ..api.client import SevdeskClient
from ..api.errors import (
    ApiError,
    AuthError,
    CancelledError,
    MalformedResponseError,
    NotFoundError,
    SevdeskError,
)
from ..api.records import parse_sevuser
from ..clock import utcnow
from ..errors import PreconditionError
from ..log import redact
from ..messages import Key, Message
from ..store.db import db
from ..store.engine import total_changes
from ..store.locks import import_lock
from ..store.models import SyncRun
from . import articles, customers, heap, settings
from .changes import Change, Scope
from .fetching import CollectionCounts, Progress, fetch_categories
from .gc_pause import gc_paused
from .page_ledger import bookkeeping_rows
from .parsing import parse_rows
from .storage import short_reason

log = logging.getLogger(__name__)

WHAT = ("all", "customers", "articles")
LABELS = {"customers": "Kunden", "articles": "Artikel"}
INTERRUPTED = Message(Key.IMPORT_INTERRUPTED)
IMPORT_WAIT = 3.0  # seconds a second import waits for the running one (H7)
IMPORT_RUNNING = Message(Key.IMPORT_RUNNING)


def import_running(host: str | None) -> Message:
    """The refusal of a second import (H7, T3), naming the computer running the first."""
    return Message(Key.IMPORT_RUNNING_ON, host) if host else IMPORT_RUNNING


class ImportRunningError(PreconditionError):
    """Another process (or thread) is importing into the same database (H7)."""


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
        return Change.of(
            Scope.NONE,
            customers=customers.changed_ids if customers is not None else None,
            articles=articles.changed_ids if articles is not None else None,
        )

    @property
    def warnings(self) -> list[str]:
        return [w for c in self.collections.values() for w in c.warnings]


# --- the run ------------------------------------------------------------------------------


def run_import(
    client: SevdeskClient, what: str = "all", trigger: str = "manual", progress: Progress | None = None
) -> ImportResult:
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
    heap.share_one_heap()  # the pages' big buffers are reused across threads
    # H7: one import per database, across processes; the lock dies with its holder.
    lock = import_lock(db)
    if not lock.acquire(wait=IMPORT_WAIT):
        raise ImportRunningError(import_running(lock.holder()))
    try:
        with gc_paused():
            return _run_locked(client, what, trigger, progress)
    finally:
        lock.release()


def _settle_interrupted() -> int:
    """With the import lock held, a run still "running" was ended by a crash or kill (R3
    must not show it running forever): no other process can be importing meanwhile."""
    return int(
        SyncRun.update(status="failed", finished_at=utcnow(), error=INTERRUPTED)
        .where(SyncRun.status == "running")
        .execute()
    )


def settle_interrupted_runs() -> int:
    """At start: runs a killed process left "running" are marked interrupted, unless an
    import runs right now (another window, a command); their number."""
    lock = import_lock(db)
    if not lock.acquire(wait=0):
        return 0
    try:
        return _settle_interrupted()
    finally:
        lock.release()


def _run_locked(client: SevdeskClient, what: str, trigger: str, progress: Progress | None) -> ImportResult:
    _settle_interrupted()
    run = SyncRun.create(kind=what, trigger=trigger, status="running")
    result = ImportResult(what=what, run_id=run.id)
    first_request = client.request_count
    changes_before = _total_changes()
    try:
        client.check_cancel()
        categories = fetch_categories(
            client,
            progress,
            [
                kind
                for name, kind in (("customers", "ContactAddress"), ("articles", "Part"))
                if what in ("all", name)
            ],
        )
        if what in ("all", "customers"):
            result.collections["customers"] = customers.sync_customers(client, categories, progress)
            client.check_cancel()
        if what in ("all", "articles"):
            result.collections["articles"] = articles.sync_articles(client, categories, progress)
        if what == "all":
            result.invoice_status = _payment_status(client, result)
    except BaseException as exc:
        _record_failure(run, result, exc, client.request_count - first_request, changes_before)
        raise
    # A warning (A1a) is kept with the successful run, so the history shows it too.
    _finish(
        run,
        result,
        "ok",
        " ".join(result.warnings) or None,
        client.request_count - first_request,
        _total_changes() - changes_before,
    )
    if progress:
        progress(1, 1, Message(Key.IMPORT_DONE))
    return result


def _record_failure(
    run: SyncRun, result: ImportResult, exc: BaseException, requests: int, changes_before: int
) -> None:
    """Record how a run ended that did not finish (cancelled or failed, R3)."""
    status = "cancelled" if isinstance(exc, (CancelledError, KeyboardInterrupt)) else "failed"
    if isinstance(exc, SevdeskError):
        message = exc.message
    elif isinstance(exc, KeyboardInterrupt):
        message = Message(Key.CANCELLED_SHORT)
    else:
        message = short_reason(exc) or Message(Key.UNEXPECTED_OF_KIND, exc.__class__.__name__)
        log.exception("Import run %s failed", run.id, exc_info=exc)
    try:
        _finish(run, result, status, message, requests, _total_changes() - changes_before)
        if isinstance(exc, AuthError):
            settings.set_connection_broken(True)
    except Exception:  # e.g. the disk is full: the original error is what counts
        log.exception("Recording the end of import run %s failed", run.id)


def _payment_status(client: SevdeskClient, result: ImportResult) -> Any:
    """V8: the payment status of craftdesk's invoices, one request. A failure of this
    courtesy read is reported with the run, not a failed import."""
    from .invoice_status import refresh_payment_status

    client.check_cancel()
    try:
        status = refresh_payment_status(client)
    except (ApiError, MalformedResponseError, NotFoundError) as exc:
        log.warning("Payment status not readable: %s (%s)", exc.message, exc.detail or "")
        result.collections["invoices"] = CollectionCounts(
            "invoices", warnings=["Der Zahlungsstatus der Rechnungen ließ sich nicht lesen."]
        )
        return None
    if status.tracked:
        result.collections["invoices"] = CollectionCounts(
            "invoices", updated=status.changed, skipped=status.skipped
        )
    return status


def _total_changes() -> int:
    """Rows changed by the data: without the page ledger's own bookkeeping."""
    return total_changes() - bookkeeping_rows()


def _finish(
    run: SyncRun, result: ImportResult, status: str, error: str | None, requests: int, rows: int
) -> None:
    result.status = status
    result.requests = requests
    result.rows_written = rows
    run.status = status
    run.error = redact(error) if error else error  # H6: no token in the run history
    run.finished_at = utcnow()
    run.requests = requests
    for name in ("created", "updated", "unchanged", "skipped", "flagged"):
        setattr(run, name, getattr(result, name))
    run.save()
    if status == "ok":
        settings.record_import_success(result.what)
        settings.set_connection_broken(False)
    log.info(
        "Import run %s (%s) %s: %s created, %s updated, %s unchanged, %s skipped, "
        "%s flagged, %s requests, %s rows",
        run.id,
        result.what,
        status,
        result.created,
        result.updated,
        result.unchanged,
        result.skipped,
        result.flagged,
        requests,
        rows,
    )


def connected_user(client: SevdeskClient) -> str:
    """Test the token and name who is connected (S1); AuthError on a rejected token.

    ``GET /SevUser`` rather than ``/Contact?limit=1``: both prove the token (401 when it is
    wrong), but only the users give a name to show. sevDesk has no "who am I" call and lists
    all users of the account, so with several users the account owner (``clientOwner``) is
    named — the token's own user cannot be told apart.
    """
    rows = client.get("/SevUser", {"limit": 100})
    if not isinstance(rows, list):
        raise MalformedResponseError(Message(Key.UNEXPECTED_ANSWER), detail="/SevUser: not a list")
    return user_label(rows)


def user_label(rows: list[Any]) -> str:
    """The name :func:`connected_user` shows for these ``/SevUser`` rows."""
    users = parse_rows(rows, parse_sevuser, "SevUser")
    if not users:
        return "sevDesk-Konto"
    chosen = users[0] if len(users) == 1 else next((u for u in users if u.client_owner), users[0])
    # Tokens of non-admin users may see rows with little more than an id: say so plainly
    # instead of an empty name.
    return chosen.fullname or chosen.username or chosen.email or Message(Key.USER_NAME_HIDDEN, chosen.id)
