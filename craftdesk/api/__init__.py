"""sevDesk HTTP client and the translation of sevDesk JSON into typed records."""

from .client import SevdeskClient
from .errors import (
    ApiError,
    AuthError,
    CancelledError,
    NotFoundError,
    ServerError,
    SevdeskError,
    ThrottledError,
    UnreachableError,
)

__all__ = [
    "ApiError",
    "AuthError",
    "CancelledError",
    "NotFoundError",
    "ServerError",
    "SevdeskClient",
    "SevdeskError",
    "ThrottledError",
    "UnreachableError",
]
