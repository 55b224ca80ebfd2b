"""What a CLI command or the GUI needs to run a use case: folders, database, token, client.

Qt-free, so the CLI, the worker thread and tests share it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from . import config
from .api.client import SevdeskClient
from .api.errors import MissingTokenError
from .credentials import TokenStore
from .store.db import open_database


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


NO_TOKEN_MESSAGE = (
    "Es ist kein sevDesk-API-Token hinterlegt – bitte zuerst verbinden "
    "(Schnittstellen → sevDesk oder „craftdesk connect --token-stdin“)."
)


class AppContext:
    def __init__(
        self,
        data_dir: str | Path | None = None,
        api_url: str | None = None,
        tokens: TokenStore | None = None,
        demo: bool = False,
    ) -> None:
        self.data_dir = config.ensure_dir(config.data_dir(data_dir))
        self.api_url = config.api_url(api_url)
        self.tokens = tokens or TokenStore()
        self.demo = demo
        self.db_path = self.data_dir / config.DB_FILENAME
        self._db_open = False

    def open_db(self) -> None:
        if not self._db_open:
            open_database(self.db_path)
            self._db_open = True

    def token(self) -> str:
        token = self.tokens.get()
        if not token:
            raise MissingTokenError(NO_TOKEN_MESSAGE)
        return token

    def client(self, token: str | None = None, cancel_event: threading.Event | None = None,
               **kwargs: object) -> SevdeskClient:
        return SevdeskClient(self.api_url, token or self.token(), cancel_event=cancel_event,
                             **kwargs)  # type: ignore[arg-type]
