"""What differs between the two engines, in one place (T1).

craftdesk runs on the embedded SQLite file (the default) or on a shared PostgreSQL server
(team mode). The models, migrations and services are the same; the few places where the
engines differ ask this module: which engine is bound, how many rows a connection has
changed, how to take a row for the rest of a transaction, and how a database URL is read.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from peewee import Database, Model, PostgresqlDatabase, SqliteDatabase

from ..messages import Key, Message
from .models import db

SERVER_SCHEMES = ("postgresql", "postgres")


class DatabaseUrlError(ValueError):
    """A database URL craftdesk cannot use; the message is one German sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message  # a keyed Message: the window translates it (sync.messages)


@dataclass(frozen=True)
class ServerUrl:
    """A PostgreSQL URL split into what is shown/stored and the password (keyring only)."""

    user: str
    host: str
    port: int
    dbname: str
    password: str | None = None
    query: str = ""

    @property
    def display(self) -> str:
        """The URL without the password (settings, logs, the window)."""
        netloc = f"{quote(self.user, safe='')}@{self._hostport}" if self.user else self._hostport
        return urlunsplit(("postgresql", netloc, "/" + quote(self.dbname, safe=""), self.query, ""))

    @property
    def _hostport(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def conninfo(self, password: str | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"host": self.host, "port": self.port, "dbname": self.dbname}
        if self.user:
            params["user"] = self.user
        secret = password if password is not None else self.password
        if secret:
            params["password"] = secret
        for part in filter(None, self.query.split("&")):
            key, _, value = part.partition("=")
            if key in ("sslmode", "sslrootcert", "connect_timeout", "application_name"):
                params[key] = unquote(value)
        return params


def is_server_url(value: str | None) -> bool:
    return bool(value) and urlsplit(str(value).strip()).scheme.lower() in SERVER_SCHEMES


def parse_server_url(value: str) -> ServerUrl:
    """``postgresql://user[:password]@host[:port]/dbname[?sslmode=…]``."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port or 5432
    except ValueError:  # Python's reason is English: the German sentence names what to check
        raise DatabaseUrlError(Message(Key.DB_URL_INVALID)) from None
    if parts.scheme.lower() not in SERVER_SCHEMES:
        raise DatabaseUrlError(Message(Key.DB_URL_SCHEME))
    dbname = unquote(parts.path.lstrip("/"))
    if not parts.hostname or not dbname or "/" in dbname:
        raise DatabaseUrlError(Message(Key.DB_URL_INCOMPLETE))
    query, in_query = _checked_query(parts.query)
    password = unquote(parts.password) if parts.password else in_query
    return ServerUrl(
        user=unquote(parts.username or ""),
        host=parts.hostname,
        port=port,
        dbname=dbname,
        password=password,
        query=query,
    )


_SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def _checked_query(query: str) -> tuple[str, str | None]:
    """The URL's parameters without a ``password=`` (which goes to the keyring like the
    ``user:password@`` form, never into settings, logs or the window; T1, H6), and that
    password. A timeout or SSL mode the server would refuse is a mistake in the address."""
    kept, password = [], None
    for part in filter(None, query.split("&")):
        key, _, raw = part.partition("=")
        value = unquote(raw)
        if key == "password":
            password = value or None
            continue
        if key == "connect_timeout" and not (value.isascii() and value.isdigit()):
            raise DatabaseUrlError(Message(Key.DB_URL_TIMEOUT))
        if key == "sslmode" and value not in _SSL_MODES:
            raise DatabaseUrlError(Message(Key.DB_URL_SSLMODE, ", ".join(_SSL_MODES)))
        kept.append(part)
    return "&".join(kept), password


# --- which engine ---------------------------------------------------------------------------


def run_sql(database: Database, text: str, params: Any = ()) -> Any:
    """``database.execute_sql`` with its cursor typed (peewee leaves it untyped)."""
    return database.execute_sql(text, params)  # type: ignore[no-untyped-call]


def raw_connection(database: Database) -> Any:
    return database.connection()  # type: ignore[no-untyped-call]


def bound() -> Database:
    if db.obj is None:
        raise RuntimeError("no database is open")
    return db.obj  # type: ignore[no-any-return]


def is_server(database: Database | None = None) -> bool:
    """True on PostgreSQL (team mode), False on the SQLite file."""
    return isinstance(database if database is not None else db.obj, PostgresqlDatabase)


def is_sqlite(database: Database | None = None) -> bool:
    return isinstance(database if database is not None else db.obj, SqliteDatabase)


# --- rows changed ---------------------------------------------------------------------------


class ChangeCounter:
    """Rows changed by INSERT/UPDATE/DELETE in this process (PostgreSQL has no
    ``total_changes`` like SQLite)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.total = 0

    def add(self, count: int) -> None:
        if count > 0:
            with self._lock:
                self.total += count


def total_changes() -> int:
    """A running count of rows written; compare two readings to learn what a job wrote."""
    database = bound()
    counter = getattr(database, "changes", None)
    if isinstance(counter, ChangeCounter):
        return counter.total
    return int(raw_connection(database).total_changes)


# --- claiming a row for one transaction ------------------------------------------------------


@contextmanager
def claim(model: type[Model], row_id: int) -> Iterator[None]:
    """A transaction in which no other connection can claim the same row.

    SQLite: ``BEGIN IMMEDIATE`` takes the database's write lock at the start, so two
    processes cannot both read "no claim yet". PostgreSQL: ``SELECT … FOR UPDATE`` of the
    row makes a second workstation wait until the first one commits, then read its claim.
    """
    database = bound()
    if is_server(database):
        with database.atomic():
            model.select(model._meta.primary_key).where(
                model._meta.primary_key == row_id
            ).for_update().execute()
            yield
    else:
        with database.atomic(lock_type="IMMEDIATE"):
            yield


# --- telling server failures apart (T7) ---------------------------------------------------------


def server_problem(exc: BaseException) -> str | None:
    """ "server" when ``exc`` (or its cause) says the database server cannot be reached or
    refused the login; None otherwise. psycopg errors arrive wrapped by peewee."""
    return "server" if _server_state(exc) is not None else None


def server_refusal(exc: BaseException) -> str | None:
    """Why the server could not be used, when it said so: "login" (user or password),
    "database" (no such database); None when it was not reached or did not say."""
    state = _server_state(exc)
    if state is None:
        return None
    # A refused connection has no SQLSTATE in psycopg: the server's words (English, or
    # German on a German server) are all there is.
    text = str(exc).casefold() + " " + str(exc.__cause__ or exc.__context__ or "").casefold()
    if state.startswith("28") or _LOGIN_REFUSED.search(text):
        return "login"
    if state.startswith("3D") or _NO_DATABASE.search(text):
        return "database"
    return None


_LOGIN_REFUSED = re.compile(
    r"password authentication failed|no password supplied|role \S+ does not exist|"
    r"passwort-authentifizierung|kein passwort angegeben|rolle \S+ existiert nicht"
)
_NO_DATABASE = re.compile(r'database "[^"]*" does not exist|datenbank »[^«]*« existiert nicht')


def _server_state(exc: BaseException) -> str | None:
    """The SQLSTATE of a connection problem in ``exc``'s chain ("" when the client could
    not connect or lost the connection), None for anything else."""
    try:
        import psycopg
    except ImportError:  # no driver, no server
        return None
    current: BaseException | None = exc
    for _ in range(10):
        if current is None:
            return None
        inner = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        for candidate in (current, inner, getattr(current, "orig", None)):  # peewee keeps it as .orig
            if isinstance(candidate, (psycopg.OperationalError, psycopg.InterfaceError)):
                state = getattr(candidate, "sqlstate", None) or ""
                # No state: the client could not connect or lost the connection; 08 connection,
                # 28 login refused, 57P shut down, 3D000 no such database.
                if not state or state[:2] in ("08", "28") or state.startswith(("57P", "3D")):
                    return str(state)
        current = current.__cause__ or current.__context__
    return None
