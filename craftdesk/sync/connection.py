"""Testing a sevDesk token (S1), Qt-free: runs on the worker thread."""

from __future__ import annotations

from ..api.client import SevdeskClient
from ..services.lookups import sev_users


def test_token(client: SevdeskClient) -> str:
    """Ask sevDesk who the token belongs to; returns the user's full name.

    ``GET /SevUser`` answers 401 for a wrong token (raised as AuthError by the client). The
    account's users come back in sevDesk's order; the first is shown as the connected user.
    """
    users = sev_users(client)
    if not users:
        return ""
    user = users[0]
    return user.fullname or user.username or user.email


# pytest would otherwise collect the function above as a test.
test_token.__test__ = False  # type: ignore[attr-defined]
