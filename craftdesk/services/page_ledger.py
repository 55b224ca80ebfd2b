"""The cheap unchanged cycle: recognise sevDesk's pages by their bytes (R1, issue "speed").

sevDesk has no change feed covering what an import reads (addresses, communication ways and
parts have no changed-since filter, and deletions show only in the complete id set), so the
recurring import still downloads every page. What it can skip is the work after the
download: every page of every sweep is remembered by the digest of its exact bytes. When a
collection's pages all arrive byte for byte as in the last successful run — and nothing
else that the rules read changed (:func:`basis`) — nothing can have changed, and the pages
are neither decoded nor parsed nor compared with the database.

Each page carries sevDesk's ``total`` (``countAll``), so a record added or deleted anywhere
changes every page of that sweep; an edited record changes its own page.

What the ledger compares besides the pages (the *basis*): the source of the modules whose
rules turn pages into rows (a new version re-imports once), the categories, the settings
the rules read, and a summary of the local rows (so a customer deleted or edited locally,
or linked by an invoice, is compared again).

The pages read while probing are kept (up to :data:`KEEP_BYTES`) so that, when a page
differs, the full import goes on from there without asking sevDesk again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..api.client import Page, SevdeskClient
from ..store import settings
from ..store.engine import is_server, total_changes
from ..store.models import db
from .fetching import provably_complete, sweep

log = logging.getLogger(__name__)

KEY_PREFIX = "import_pages_"
KEEP_BYTES = 4 * 2**20  # page bytes kept while probing; beyond, the pages are read again
RULE_MODULES = (
    "craftdesk.api.fields",
    "craftdesk.api.records",
    "craftdesk.api.catalog",
    "craftdesk.api.text",
    "craftdesk.api.wire",
    "craftdesk.api.columns",
    "craftdesk.api.fast_pages",
    "craftdesk.services.customer_rules",
    "craftdesk.services.customer_packing",
    "craftdesk.services.customer_store",
    "craftdesk.services.customers",
    "craftdesk.services.articles",
    "craftdesk.services.fingerprints",
    "craftdesk.services.lookups",
    "craftdesk.services.importer",
    "craftdesk.services.fetching",
    "craftdesk.services.parsing",
    "craftdesk.services.page_ledger",
    "craftdesk.services.part_categories",
)

Progress = Callable[[int, int, str], None]
Sweep = tuple[str, dict[str, Any] | None, str]  # path, params, progress label
_rules_digest: str | None = None
_bookkeeping = [0]  # database rows changed by ledger writes (not counted as data rows)


def bookkeeping_rows() -> int:
    return _bookkeeping[0]


def _write(key: str, value: Any) -> None:
    before = total_changes()
    settings.set(key, value)
    _bookkeeping[0] += total_changes() - before


def sweep_key(path: str, params: dict[str, Any] | None) -> str:
    return path + "?" + json.dumps(sorted((params or {}).items()), default=str)


def rules_digest() -> str:
    """Digest of the source of the rule modules (once per process)."""
    global _rules_digest
    if _rules_digest is None:
        h = hashlib.blake2b(digest_size=16)
        for name in RULE_MODULES:
            module = sys.modules.get(name)
            source = Path(getattr(module, "__file__", "") or "")
            if source.suffix == ".py" and source.is_file():
                h.update(source.read_bytes())
            else:  # frozen build without sources: its version stands for its rules
                from .. import __version__

                h.update(f"{name}:{__version__}".encode())
        _rules_digest = h.hexdigest()
    return _rules_digest


def basis(*parts: Any) -> str:
    """One digest of everything besides the pages that the rules read."""
    payload = json.dumps([rules_digest(), *parts], default=str, sort_keys=True)
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()


class PageLedger:
    """The page digests of one collection's last successful run, and those of this run."""

    def __init__(self, collection: str, basis_now: Callable[[], str]) -> None:
        """``basis_now`` gives the basis of this run: asked only when a last run left
        pages to compare with (on a first import it reads every local row for nothing)."""
        self.key = KEY_PREFIX + collection
        stored = settings.get(self.key)
        self.stored = stored is not None
        valid = isinstance(stored, dict) and stored.get("basis") == basis_now()
        self.previous: dict[str, list[list[Any]]] = dict(stored["pages"]) if valid else {}
        self.previous_counts: dict[str, int] = dict(stored.get("counts") or {}) if valid else {}
        self.current: dict[str, list[list[Any]]] = {}

    def known(self, key: str) -> Callable[[int, str], tuple[int, int | None] | None]:
        table = {(o, d): (rows, total) for o, d, rows, total in self.previous.get(key, [])}
        return lambda offset, digest: table.get((offset, digest))

    def record(self, key: str, page: Page) -> None:
        self.current.setdefault(key, []).append([page.offset, page.digest, page.rows, page.total])

    def save(self, basis_after: str, counts: dict[str, int]) -> None:
        """After the collection was written: this run's pages are the next run's yardstick."""
        _write(self.key, {"basis": basis_after, "pages": self.current, "counts": counts})
        self.stored = True

    def forget(self) -> None:
        """Before writing: a run that dies while writing leaves no yardstick behind."""
        if self.stored:
            _write(self.key, None)
            self.stored = False


class Probe:
    """Reads the sweeps of a collection without decoding while every page is known.

    :meth:`unchanged` answers whether all pages were as in the last run. If not, it
    stopped at the first page that differs; :meth:`pages` hands the pages read so far to
    the full import (decoded now), which continues from there.
    """

    def __init__(
        self, client: SevdeskClient, ledger: PageLedger | None, progress: Progress | None = None
    ) -> None:
        self.client = client
        self.ledger = ledger
        self.progress = progress
        self.kept: dict[str, list[Page]] = {}
        self.kept_bytes = 0
        self.dropped = False

    def unchanged(self, sweeps: Iterable[Sweep]) -> bool:
        if self.ledger is None or not self.ledger.previous:
            return False
        for path, params, label in sweeps:
            key = sweep_key(path, params)
            previous = self.ledger.previous.get(key)
            if not previous:
                return False
            kept = self.kept.setdefault(key, [])
            pages = self.client.iter_pages_raw(path, params, known=self.ledger.known(key))
            try:
                for page in pages:
                    self._keep(kept, page)
                    self._report(label, page)
                    if page.objects is not None:
                        return False
            finally:
                pages.close()
            if len(kept) != len(previous):
                return False
        return True

    def _keep(self, kept: list[Page], page: Page) -> None:
        kept.append(page)
        self.kept_bytes += len(page.content)
        if self.kept_bytes > KEEP_BYTES and not self.dropped:
            log.info("Probe kept %s bytes; the pages will be read again", self.kept_bytes)
            self.dropped = True
        if self.dropped:
            for each in self.kept.values():
                for p in each:
                    p.content = b""

    def _report(self, label: str, page: Page) -> None:
        if self.progress:
            done = page.offset + page.rows
            total = max(page.total or 0, done)
            self.progress(done, total, f"{label}: {done} von {total}")

    def pages(self, path: str, params: dict[str, Any] | None) -> list[Page]:
        """The pages read of this sweep (empty when they must be read again)."""
        if self.dropped:
            return []
        return self.kept.get(sweep_key(path, params), [])

    def decoded(self, path: str, params: dict[str, Any] | None, shape: str | None = None) -> Iterator[Page]:
        """The pages read of this sweep, decoded one at a time; each is let go (its bytes
        and objects) once the caller moves on, so they are never all decoded at once."""
        for page in self.pages(path, params):
            if page.objects is None:
                page.objects = self.client.decode_page(page, path, shape)
                page.content = b""
            yield page
            page.objects = None
            page.content = b""


class LedgerSweeps:
    """The sweeps of one collection read against its page ledger: the set-up the
    collection imports share. :attr:`unchanged` says whether every page arrived as in the
    last successful run (then nothing needs parsing); otherwise :meth:`pages` reads a
    sweep on from where the probe stopped and records every page for the next run.
    """

    def __init__(
        self,
        client: SevdeskClient,
        collection: str,
        sweeps: list[Sweep],
        basis_now: Callable[[], str],
        progress: Progress | None = None,
        quiet: Iterable[int] = (),
    ) -> None:
        self.client = client
        self.sweeps = sweeps
        self.progress = progress
        self.quiet = set(quiet)  # sweeps that report no progress of their own
        self.ledger = PageLedger(collection, basis_now)
        self.probe = Probe(client, self.ledger, progress)
        self.unchanged = self.probe.unchanged(sweeps)

    def previous(self, name: str) -> int:
        """A count of the last successful run (for an unchanged one)."""
        return self.ledger.previous_counts.get(name, 0)

    def pages(self, index: int, shape: str | None = None) -> Iterator[list[Any]]:
        """The rows of sweep ``index`` (``shape``: see :func:`~.fetching.sweep`)."""
        path, params, label = self.sweeps[index]
        key = sweep_key(path, params)
        ledger = self.ledger
        return sweep(
            self.client,
            path,
            params,
            self.progress,
            None if index in self.quiet else label,
            prefetched=self.probe.decoded(path, params, shape),
            record=lambda page: ledger.record(key, page),
            shape=shape,
        )

    def complete(self, index: int, rows: int) -> bool:
        """Whether sweep ``index`` provably saw every record: sevDesk counted the same total
        on every page and ``rows`` distinct records are all of them. Offset paging over data
        that changed meanwhile skips a record (H2), and a record never seen must not count
        as gone."""
        path, params, _label = self.sweeps[index]
        return provably_complete(
            {page[3] for page in self.ledger.current.get(sweep_key(path, params)) or []}, rows
        )

    def forget(self) -> None:
        self.ledger.forget()

    def save(self, basis_after: str, counts: dict[str, int]) -> None:
        self.ledger.save(basis_after, counts)


def local_summary(model: Any) -> tuple[Any, ...]:
    """The local rows linked to sevDesk as the import left them: count, newest change,
    highest id and a digest of every row's fingerprint (``sync_hash``), so a row deleted,
    edited or re-linked locally (an invoice adopting a local customer, I3) is noticed."""
    from peewee import fn

    count, newest, highest = (
        model.select(fn.COUNT(model.id), fn.MAX(model.updated_at), fn.MAX(model.id))
        .where(model.sevdesk_id.is_null(False))
        .tuples()
        .get()
    )
    digest = hashlib.blake2b(_fingerprints(model).encode(), digest_size=16).hexdigest()
    return str(count), str(newest), str(highest), digest


def _fingerprints(model: Any) -> str:
    """The text "id:sync_hash," of every linked row, in the order of their ids, joined by
    the database, in half the CPU of a Python string per row (4.6 instead of 8.3 ms for
    10,000 customers, each time an import cycle starts). SQLite's group_concat keeps the order of a
    sorted subquery (one with ORDER BY is not flattened into an aggregate)."""
    linked = f'FROM "{model._meta.table_name}" WHERE "sevdesk_id" IS NOT NULL'
    each = "CAST(\"id\" AS TEXT) || ':' || COALESCE(\"sync_hash\", '')"
    if is_server():
        sql = f"SELECT string_agg({each}, ',' ORDER BY \"id\") {linked}"
    else:
        sql = f'SELECT group_concat({each}, \',\') FROM (SELECT "id", "sync_hash" {linked} ORDER BY "id")'
    joined = db.obj.execute_sql(sql).fetchone()[0]
    return f"{joined}," if joined else ""
