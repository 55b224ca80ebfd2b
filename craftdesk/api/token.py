"""The API token on its way: whether it can travel in an HTTP header, and the request
auth that puts it there (only requests to the configured origin carry it, see client)."""

from __future__ import annotations

import requests


class TokenAuth(requests.auth.AuthBase):
    """The token as the ``Authorization`` header. Given as the request's auth, it also
    spares requests its per-request look for a ``.netrc`` file."""

    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = self.token
        return request


def sendable(token: str) -> bool:
    """Whether ``token`` can travel in an HTTP header (latin-1, no spaces or controls)."""
    try:
        token.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return token.isprintable() and " " not in token
