"""Fixtures of the reliability suite (the shared ones live in tests/conftest.py)."""

from __future__ import annotations

import pytest
from rel_support import db_path, integrity, run_cli, snapshot

from craftdesk.sandbox import DEMO_TOKEN


@pytest.fixture
def cli_env(monkeypatch, sandbox, data_dir):
    """The CLI pointed at the demo sandbox with the token from the environment."""
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    return ["--data-dir", str(data_dir), "--api-url", sandbox.url]


@pytest.fixture
def synced(cli_env, data_dir):
    """A data folder after one clean `craftdesk sync`; returns the snapshot of it."""
    code, _out, err = run_cli([*cli_env, "sync"])
    assert code == 0, err
    assert integrity(db_path(data_dir)) == "ok"
    return snapshot(db_path(data_dir))
