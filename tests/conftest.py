"""Shared fixtures: isolated data folder, in-memory keyring, temp database, demo sevDesk."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import pytest  # noqa: E402

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
    yield
    keyring.set_keyring(previous)


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


@pytest.fixture
def database(data_dir):
    """A migrated SQLite file database bound to the store proxy."""
    from craftdesk.store.db import close_database, open_database

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

    context = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=MemoryTokenStore(DEMO_TOKEN))
    context._db_open = True
    return context
