"""The sevDesk API token, kept in the OS keyring only.

Order of lookup: ``CRAFTDESK_API_TOKEN`` (automation), the keyring (service "craftdesk"),
then a token held for the running session only. When no secure keyring backend exists the
token is kept in memory and the caller is told so; it is never written to disk in plaintext.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import config
from .log import register_secret

log = logging.getLogger(__name__)

TOKEN_USERNAME = "sevdesk-api-token"
_DEFAULT = urlsplit(config.DEFAULT_API_URL)
_DEFAULT_ORIGIN = (_DEFAULT.scheme, _DEFAULT.hostname or "", _DEFAULT.port or 443)

# Backends that store nothing, fail, or store in plaintext are not acceptable for a secret.
_INSECURE_BACKEND_MARKERS = ("fail.", "null.", "Plaintext", "plaintext", "Uncrypted", "unencrypted")


@dataclass(frozen=True)
class BackendInfo:
    name: str
    secure: bool
    message: str


def describe_backend() -> BackendInfo:
    """Which keyring backend is active and whether it can hold a secret."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception as exc:  # keyring itself failed to load
        return BackendInfo("none", False, f"Kein Schlüsselbund verfügbar ({exc.__class__.__name__}).")
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    priority = getattr(backend, "priority", 0)
    try:
        priority = float(priority)
    except (TypeError, ValueError):
        priority = 0.0
    chained = getattr(backend, "backends", None)
    if chained is not None and not chained:
        return BackendInfo(name, False, "Kein sicherer Schlüsselbund des Betriebssystems gefunden.")
    if any(marker in name for marker in _INSECURE_BACKEND_MARKERS) or priority <= 0:
        return BackendInfo(name, False, "Kein sicherer Schlüsselbund des Betriebssystems gefunden.")
    return BackendInfo(name, True, f"Schlüsselbund: {type(backend).__name__}")


def token_username(api_url: str | None) -> str:
    """The keyring entry of the token for ``api_url``: one per API origin, so a token for
    the demo server (or any other address) never replaces the one for sevDesk. sevDesk's
    own address keeps the plain name tokens were always stored under."""
    if not api_url:
        return TOKEN_USERNAME
    parts = urlsplit(api_url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        port = 0
    if (scheme, host, port) == _DEFAULT_ORIGIN:
        return TOKEN_USERNAME
    return f"{TOKEN_USERNAME}@{scheme}://{host}:{port}"


class TokenStore:
    """Reads and writes the token of one API origin. One instance per process is enough."""

    def __init__(
        self, service: str = config.KEYRING_SERVICE, username: str | None = None, api_url: str | None = None
    ) -> None:
        self.service = service
        self.username = username or token_username(api_url)
        self._session_token: str | None = None

    # -- reading -------------------------------------------------------------------------
    def get(self) -> str | None:
        env = os.environ.get(config.ENV_API_TOKEN)
        if env:
            register_secret(env.strip())
            return env.strip()
        if self._session_token:
            return self._session_token
        if not describe_backend().secure:
            return None
        try:
            import keyring

            token = keyring.get_password(self.service, self.username)
        except Exception as exc:
            log.warning("Reading the token from the keyring failed: %s", exc.__class__.__name__)
            return None
        if token:
            register_secret(token)
        return token or None

    def source(self) -> str:
        """Where the current token comes from: env, session, keyring or none."""
        if os.environ.get(config.ENV_API_TOKEN):
            return "env"
        if self._session_token:
            return "session"
        return "keyring" if self.get() else "none"

    # -- writing -------------------------------------------------------------------------
    def set(self, token: str) -> str:
        """Store the token; returns "keyring" or "session" (memory only, says so to the user)."""
        token = token.strip()
        register_secret(token)
        info = describe_backend()
        if info.secure:
            try:
                import keyring

                keyring.set_password(self.service, self.username, token)
                self._session_token = None
                return "keyring"
            except Exception as exc:
                log.warning("Storing the token in the keyring failed: %s", exc.__class__.__name__)
        self._session_token = token
        return "session"

    def delete(self) -> None:
        self._session_token = None
        if not describe_backend().secure:
            return
        try:
            import keyring

            keyring.delete_password(self.service, self.username)
        except Exception:  # nothing stored is fine
            pass


# --- the team-mode database server's password (T1) -----------------------------------------

SERVER_PASSWORD_PREFIX = "database:"


def server_password(display_url: str) -> str | None:
    """The password of the database server at ``display_url`` (URL without password) from
    the keyring; None lets the driver use its own sources (PGPASSWORD, ~/.pgpass)."""
    if not describe_backend().secure:
        return None
    try:
        import keyring

        value = keyring.get_password(config.KEYRING_SERVICE, SERVER_PASSWORD_PREFIX + display_url)
    except Exception as exc:
        log.warning("Reading the server password failed: %s", exc.__class__.__name__)
        return None
    if value:
        register_secret(value)
    return value or None


def store_server_password(display_url: str, password: str) -> bool:
    """Keep the server password in the keyring; False when there is no secure keyring."""
    register_secret(password)
    if not describe_backend().secure:
        return False
    try:
        import keyring

        keyring.set_password(config.KEYRING_SERVICE, SERVER_PASSWORD_PREFIX + display_url, password)
    except Exception as exc:
        log.warning("Storing the server password failed: %s", exc.__class__.__name__)
        return False
    return True
