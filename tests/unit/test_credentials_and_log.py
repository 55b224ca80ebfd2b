"""Token store over keyring and the redacting log."""

from __future__ import annotations

import logging

import keyring
import keyring.backends.fail

from craftdesk import log as cdlog
from craftdesk.credentials import TokenStore, describe_backend

TOKEN = "fedcba9876543210fedcba9876543210"


def test_S4_token_goes_to_keyring_service_craftdesk(memory_keyring):
    store = TokenStore()
    assert store.set(TOKEN) == "keyring"
    assert memory_keyring.store[("craftdesk", "sevdesk-api-token")] == TOKEN
    assert TokenStore().get() == TOKEN
    store.delete()
    assert TokenStore().get() is None


def test_S4_environment_variable_overrides_keyring(memory_keyring, monkeypatch):
    TokenStore().set(TOKEN)
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", "11112222333344445555666677778888")
    assert TokenStore().get() == "11112222333344445555666677778888"
    assert TokenStore().source() == "env"


def test_S4_no_keyring_backend_keeps_token_for_session_only(tmp_path):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    info = describe_backend()
    assert info.secure is False
    assert "Schlüsselbund" in info.message
    store = TokenStore()
    assert store.set(TOKEN) == "session"
    assert store.get() == TOKEN
    assert TokenStore().get() is None  # a new process (store) does not know it


def test_log_file_redacts_registered_token_and_token_shapes(tmp_path):
    path = cdlog.setup_logging(tmp_path)
    cdlog.register_secret("my-secret-token-value")
    logger = logging.getLogger("craftdesk.test")
    logger.warning("token is %s", "my-secret-token-value")
    logger.warning("header {'Authorization': '%s'}", TOKEN)
    try:
        raise RuntimeError(f"failed with {TOKEN}")
    except RuntimeError:
        logger.exception("boom")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "my-secret-token-value" not in text
    assert TOKEN not in text
    assert text.count("***") >= 3
    assert "RuntimeError" in text
