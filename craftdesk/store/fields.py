"""Field types that keep money and quantities exact."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from peewee import TextField


class DecimalText(TextField):
    """A Decimal stored as canonical text, so SQLite never turns it into a float."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            try:
                value = Decimal(str(value))
            except InvalidOperation as exc:
                raise ValueError(f"not a decimal: {value!r}") from exc
        return format(value, "f")

    def python_value(self, value: Any) -> Decimal | None:
        if value is None or value == "":
            return None
        return Decimal(str(value))
