"""Typed errors of the sevDesk client. Messages are one German sentence for the user;
``detail`` keeps sevDesk's own words for the log."""

from __future__ import annotations

from ..log import redact


class SevdeskError(Exception):
    """Base class. ``outcome_unknown`` is True when a write may have happened anyway."""

    exit_code = 4

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: int | str | None = None,
        detail: str | None = None,
        outcome_unknown: bool = False,
    ) -> None:
        # H6: whatever produced the text (even a server echoing the token), the token never
        # travels on in it: not to stderr, the run history, the log or a dialog.
        cleaned = redact(message)
        if cleaned != message:  # keep a Message (key, arguments) unless it held a secret
            message = cleaned
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.detail = redact(detail) if detail else detail
        self.outcome_unknown = outcome_unknown

    def __str__(self) -> str:
        return self.message


class AuthError(SevdeskError):
    """401: the token is wrong or was replaced (sevDesk issues a new one when the user changes)."""

    exit_code = 3


class MissingTokenError(AuthError):
    """No token is stored at all: nothing was sent, so this is a precondition (exit 5)."""

    exit_code = 5


class NotFoundError(SevdeskError):
    pass


class ThrottledError(SevdeskError):
    pass


class ServerError(SevdeskError):
    pass


class UnreachableError(SevdeskError):
    pass


class ApiError(SevdeskError):
    """sevDesk refused the request (4xx other than 401/404, or an error in a 200 body)."""


class MalformedResponseError(ApiError):
    pass


class InvalidApiUrlError(SevdeskError, ValueError):
    """The configured API URL is not one the token may be sent to (H4): a usage error."""

    exit_code = 2


class InvalidTokenError(AuthError):
    """The token cannot be sent at all (spaces, non-ASCII characters): a usage error."""

    exit_code = 2


class CancelledError(SevdeskError):
    exit_code = 1
