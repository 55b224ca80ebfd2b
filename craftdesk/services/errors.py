"""The errors a service call raises, for its callers (GUI, command line): sevDesk's
(``api.errors``) and the local ones (``craftdesk.errors``) in one place."""

from __future__ import annotations

from ..api.errors import (
    ApiError,
    AuthError,
    CancelledError,
    MissingTokenError,
    NotFoundError,
    ServerError,
    SevdeskError,
    ThrottledError,
    UnreachableError,
)
from ..errors import CraftdeskError, NotFound, PreconditionError, UsageError

__all__ = [
    "ApiError",
    "AuthError",
    "CancelledError",
    "CraftdeskError",
    "MissingTokenError",
    "NotFound",
    "NotFoundError",
    "PreconditionError",
    "ServerError",
    "SevdeskError",
    "ThrottledError",
    "UnreachableError",
    "UsageError",
]
