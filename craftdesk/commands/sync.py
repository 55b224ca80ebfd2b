"""CLI handlers ``connect`` (S1) and ``sync`` (SPEC §7). Thin: read input, call the
import service, print counts in German."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..api.client import SevdeskClient
from ..api.errors import SevdeskError
from ..context import AppContext
from ..errors import UsageError
from ..services import part_categories, settings
from ..services.fetching import Progress
from ..services.importer import ImportResult, connected_user, run_import

SESSION_ONLY_WARNING = (
    "Achtung: Es gibt keinen sicheren Schlüsselbund des Betriebssystems – der Token wurde "
    "nicht gespeichert und gilt nur für diesen Aufruf."
)


def _read_stdin_text() -> str:
    """All of stdin as UTF-8; other bytes are a usage error, not a traceback (H15)."""
    buffer = getattr(sys.stdin, "buffer", None)
    try:
        if buffer is None:
            return str(sys.stdin.read())
        return str(buffer.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UsageError("Der Token auf der Standardeingabe ist kein UTF-8-Text.") from None


def _read_token() -> str:
    if sys.stdin is None:
        raise UsageError("Es gibt keine Standardeingabe, von der der Token gelesen werden kann.")
    # Typed by hand: do not echo the secret.
    text = getpass.getpass("sevDesk-API-Token: ") if sys.stdin.isatty() else _read_stdin_text()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise UsageError("Auf der Standardeingabe kam kein Token an.")
    token = lines[0]
    if any(ch.isspace() for ch in token) or len(lines) > 1:
        raise UsageError("Der Token muss allein in einer Zeile stehen (ohne Leerzeichen).")
    return token


def _progress() -> Progress | None:
    stream = sys.stderr
    if stream is None or not stream.isatty():
        return None

    def report(done: int, total: int, text: str) -> None:
        stream.write(f"\r{text[:78]:<78}")
        stream.flush()

    return report


def _end_progress(progress: Progress | None) -> None:
    if progress is not None:
        sys.stderr.write("\r" + " " * 78 + "\r")
        sys.stderr.flush()


def print_counts(result: ImportResult) -> None:
    customers = result.collections.get("customers")
    if customers is not None:
        print(
            f"Kunden: {customers.created} neu, {customers.updated} geändert, "
            f"{customers.unchanged} unverändert, {customers.skipped} übersprungen, "
            f"{customers.flagged} als gelöscht markiert"
        )
    articles = result.collections.get("articles")
    if articles is not None:
        print(
            f"Artikel: {articles.created} neu, {articles.updated} geändert, "
            f"{articles.unchanged} unverändert, {articles.skipped} übersprungen, "
            f"{articles.flagged} deaktiviert"
        )
    status = result.invoice_status
    if status is not None and status.tracked:
        print(f"Rechnungen: {status.changed} mit neuem Zahlungsstatus, {status.tracked} geprüft")
    print(f"Anfragen an sevDesk: {result.requests}")
    for warning in result.warnings:  # A1a: exit 0, the warning on stderr
        sys.stderr.write(f"craftdesk: Warnung: {warning}\n")


def run_connect(ctx: AppContext, args: argparse.Namespace) -> int:
    """Test the token, store it, say who is connected, import the customers (S1).

    Nothing is stored when the test fails (the error propagates: exit 3 or 4).
    """
    ctx.open_db()
    token = _read_token()
    client = ctx.client(token=token)
    try:
        user = connected_user(client)
        where = ctx.tokens.set(token)
        settings.record_connected(user)
        print(f"Verbunden mit sevDesk: {user}.")
        if where != "keyring":
            sys.stderr.write(SESSION_ONLY_WARNING + "\n")
        progress = _progress()
        try:
            result = run_import(client, "customers", trigger="connect", progress=progress)
        finally:
            _end_progress(progress)
        hint = _categories_hint(client)
    finally:
        client.close()
    print_counts(result)
    if hint:
        sys.stderr.write(f"craftdesk: Hinweis: {hint}\n")
    return 0


def _categories_hint(client: SevdeskClient) -> str | None:
    """A1a on first connect: the command line cannot ask, so it says what to choose."""
    try:
        available = part_categories.first_connect_question(client)
    except SevdeskError:  # a hint only; the connect itself succeeded
        return None
    if available is None:
        return None
    names = ", ".join(f"„{n}“" for n in available) or "keine"
    return (
        f"In diesem sevDesk-Konto gibt es keine Artikelkategorie „Artikel“ (vorhanden: {names}) "
        "– bitte mit „craftdesk settings set part-categories NAME[,NAME…]“ wählen, welche als "
        "Artikel importiert werden."
    )


def run_sync(ctx: AppContext, args: argparse.Namespace) -> int:
    """One import run; prints the counts per collection."""
    ctx.open_db()
    what = getattr(args, "what", None) or "all"
    client = ctx.client()
    progress = _progress()
    try:
        result = run_import(client, what, trigger="cli", progress=progress)
    finally:
        _end_progress(progress)
        client.close()
    print_counts(result)
    return 0
