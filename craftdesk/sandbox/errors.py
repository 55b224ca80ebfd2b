"""Error answers shaped like sevDesk's."""

from __future__ import annotations

import uuid
from typing import Any

from .wire import Record


def error_body(status: int, message: str, code: int | None = None, data: Any = None) -> Record:
    return {
        "objects": None,
        "error": {
            "exceptionUUID": uuid.uuid4().hex,
            "message": message,
            "errorCode": 0,
            "code": code,
            "data": [] if data is None else data,
            "responseCode": status,
        },
    }


class ApiError(Exception):
    """Raised by endpoint code; the server turns it into an error answer."""

    def __init__(
        self,
        status: int,
        message: str,
        code: int | None = None,
        headers: dict[str, str] | None = None,
        data: Any = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = headers or {}
        self.data = data

    def body(self) -> Record:
        return error_body(self.status, self.message, self.code, self.data)


def not_found(object_name: str, id_: object) -> ApiError:
    return ApiError(404, f"No Model_{object_name} with the id {id_} was found", code=151)


def unprocessable(message: str) -> ApiError:
    return ApiError(422, message)
