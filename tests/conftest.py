"""Shared fixtures: isolated data folder, in-memory keyring, temp database, demo sevDesk."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import keyring.backend
import pytest

TEST_TOKEN = "0123456789abcdef0123456789abcdef"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A secure-looking in-memory backend so tests never touch the real OS keyring."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CRAFTDESK_DATA_DIR", str(data))
    monkeypatch.delenv("CRAFTDESK_API_TOKEN", raising=False)
    monkeypatch.delenv("CRAFTDESK_API_URL", raising=False)
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    interval = sys.getswitchinterval()  # the window's shell sets its own (ui.app)
    yield
    keyring.set_keyring(previous)
    sys.setswitchinterval(interval)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    return backend


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "craftdesk-data"
    path.mkdir()
    return path


# --- PostgreSQL (team mode, T8) ---------------------------------------------------------------
# `pytest -m postgres` runs the team-mode suite against a server this session starts itself.
# CRAFTDESK_TEST_ENGINE=postgresql also puts the `database` fixture (and so every service
# test that uses it) on a fresh server database instead of the SQLite file.

ENGINE = os.environ.get("CRAFTDESK_TEST_ENGINE", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of this test session (temp folder, free port on 127.0.0.1)."""
    from pgserver import PostgresServer, ServerUnavailable

    try:
        server = PostgresServer().start()
    except ServerUnavailable as exc:
        if os.environ.get("CRAFTDESK_PG_REQUIRED"):
            pytest.fail(f"PostgreSQL is required here: {exc}")
        pytest.skip(f"no PostgreSQL server available: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """The URL of a new, empty database on the session's server (dropped afterwards)."""
    url = pg_server.create_database()
    yield url
    from craftdesk.store.db import close_database

    close_database()
    pg_server.drop_database(url)


@pytest.fixture
def database(request, data_dir):
    """A migrated database bound to the store proxy: the SQLite file, or a fresh
    PostgreSQL database when CRAFTDESK_TEST_ENGINE=postgresql."""
    from craftdesk.store.db import close_database, open_database

    if ENGINE == "postgresql":
        url = request.getfixturevalue("pg_url")
        from craftdesk.context import open_server

        os.environ["CRAFTDESK_DATABASE_URL"] = url
        open_server(url)
        from craftdesk.store.db import db

        yield db.obj
        os.environ.pop("CRAFTDESK_DATABASE_URL", None)
        close_database()
        return
    database = open_database(data_dir / "craftdesk.sqlite3")
    yield database
    close_database()


@pytest.fixture
def sandbox():
    """The demo sevDesk with its German sample data, on a free loopback port."""
    from craftdesk.sandbox import Sandbox

    sb = Sandbox()
    sb.start()
    yield sb
    sb.stop()


@pytest.fixture
def client(sandbox):
    from craftdesk.api.client import SevdeskClient
    from craftdesk.sandbox import DEMO_TOKEN

    c = SevdeskClient(sandbox.url, DEMO_TOKEN, backoff_base=0.01, backoff_max=0.05)
    yield c
    c.close()


@pytest.fixture
def ctx(data_dir, sandbox, database):
    """An AppContext on the sandbox with an open database and a session token."""
    from craftdesk.context import AppContext, MemoryTokenStore
    from craftdesk.sandbox import DEMO_TOKEN

    context = AppContext(
        data_dir=data_dir, api_url=sandbox.url, tokens=MemoryTokenStore(DEMO_TOKEN), db_open=True
    )
    return context
