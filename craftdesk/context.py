"""What a CLI command or the GUI needs to run a use case: folders, database, token, client.

Qt-free, so the CLI, the worker thread and tests share it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from . import config
from .api.client import SevdeskClient
from .api.errors import MissingTokenError
from .credentials import TokenStore, server_password, store_server_password
from .errors import PreconditionError, UsageError
from .messages import Key, Message
from .store.db import open_database
from .store.engine import DatabaseUrlError, parse_server_url


class MemoryTokenStore(TokenStore):
    """Token held for this process only (demo mode, tests)."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self._token = token

    def get(self) -> str | None:
        return self._token

    def source(self) -> str:
        return "session" if self._token else "none"

    def set(self, token: str) -> str:
        self._token = token.strip()
        return "session"

    def delete(self) -> None:
        self._token = None


NO_TOKEN_MESSAGE = Message(Key.NO_TOKEN_CONNECT_FIRST)


class AppContext:
    def __init__(
        self,
        data_dir: str | Path | None = None,
        api_url: str | None = None,
        tokens: TokenStore | None = None,
        demo: bool = False,
        database_url: str | None = None,
        db_open: bool = False,
    ) -> None:
        """``db_open``: the database is already open and bound to the store (a test hands
        one in); ``open_db`` then leaves it as it is."""
        self.data_dir = config.ensure_dir(config.data_dir(data_dir))
        # Demo mode never touches the team's server.
        self.database_url = None if demo else config.database_url(self.data_dir, database_url)
        self.api_url = config.api_url(api_url)
        self.tokens = tokens or TokenStore(api_url=self.api_url)  # one entry per API origin
        self.demo = demo
        self.db_path = self.data_dir / config.DB_FILENAME
        self._db_open = db_open

    @property
    def team_mode(self) -> bool:
        return self.database_url is not None

    @property
    def database_label(self) -> str:
        """Where the data lives, without any password (window, logs, messages)."""
        if self.database_url is None:
            return str(self.db_path)
        try:
            return parse_server_url(self.database_url).display
        except DatabaseUrlError:
            return "?"

    def open_db(self) -> None:
        if self._db_open:
            return
        if self.database_url is None:
            open_database(self.db_path)
        else:
            open_server(self.database_url)
        self._db_open = True

    def token(self) -> str:
        token = self.tokens.get()
        if not token:
            raise MissingTokenError(NO_TOKEN_MESSAGE)
        return token

    def client(
        self, token: str | None = None, cancel_event: threading.Event | None = None, **kwargs: object
    ) -> SevdeskClient:
        return SevdeskClient(self.api_url, token or self.token(), cancel_event=cancel_event, **kwargs)  # type: ignore[arg-type]


def open_server(url: str, migrate: bool = True) -> None:
    """Open the team's server database (T1); a password given in the URL is moved into the
    keyring, one from the keyring is used otherwise."""
    from .store.postgres import open_server_database

    try:
        import psycopg  # noqa: F401 - the driver of team mode, an optional dependency
    except ImportError:
        raise PreconditionError(
            'Für die gemeinsame Datenbank fehlt der PostgreSQL-Treiber (pip install "craftdesk[team]").'
        ) from None
    try:
        target = parse_server_url(url)
    except DatabaseUrlError as exc:
        raise UsageError(str(exc)) from None
    password = target.password
    if password:
        store_server_password(target.display, password)
    else:
        password = server_password(target.display)
    open_server_database(target, password, migrate=migrate)
