"""Reading sevDesk's wire fields: the tolerant readers every record parser is built from.

sevDesk sends ids and numbers as strings, booleans as "0"/"1", sometimes a quantity of 1
as ``true``. A field a reader cannot use raises :class:`RecordError` with a reason (for
the log); a reader never raises anything else.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from ..config import BUSINESS_TZ
from ..limits import MAX_ID, MAX_YEAR, MIN_YEAR, plain_number

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_TEXT = 10_000

# json.loads turns an escaped lone surrogate (backslash-u d800) into a str that cannot be encoded
# as UTF-8, so SQLite (and any export) would fail on it; such characters become U+FFFD.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters other than tab and line breaks (C0, DEL, C1): never meant as text, they
# would reach calendars, CSV cells and terminals as they came (H5); they are dropped.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile("[\x0b\x0c\x85]")
#: What the careful text reader replaces (control characters, lone surrogates): a text with
#: none of them is kept as sent, stripped (the records' fast paths test for it too).
NOT_PLAIN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class RecordError(ValueError):
    """A sevDesk record that cannot be used; ``reason`` says why (for the log)."""

    def __init__(self, reason: str, record_id: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.record_id = record_id


# --- field readers ------------------------------------------------------------------------


def read_id(value: Any, field: str, required: bool = True) -> str | None:
    # Fast path: sevDesk's form; up to 18 digits always fits in 63 bits (H10).
    if type(value) is str and len(value) < 19 and value.isdigit() and value.isascii():
        return value
    if value is None or value == "":
        if required:
            raise RecordError(f"{field} fehlt")
        return None
    if isinstance(value, bool):
        raise RecordError(f"{field} ist keine Id")
    if isinstance(value, int):
        if value < 0 or value > MAX_ID:
            raise RecordError(f"{field} ist keine Id")
        return str(value)
    # isascii: str.isdigit() also accepts "²" or Arabic-Indic digits, which are no sevDesk ids.
    if (
        isinstance(value, str)
        and value.strip().isascii()
        and value.strip().isdigit()
        and int(value.strip()) <= MAX_ID
    ):  # H10: ids fit in 63 bits
        return value.strip()
    raise RecordError(f"{field} ist keine Id")


def read_ref(value: Any, field: str, required: bool = False) -> str | None:
    """Id of a nested reference ``{"id": …, "objectName": …}``."""
    if type(value) is dict:  # fast path: sevDesk's form
        ref = value.get("id")
        if type(ref) is str and len(ref) < 19 and ref.isdigit() and ref.isascii():
            return ref
    if value is None or value == "":
        if required:
            raise RecordError(f"{field} fehlt")
        return None
    if isinstance(value, dict):
        return read_id(value.get("id"), field, required)
    raise RecordError(f"{field} ist keine Referenz")


def read_text(value: Any, field: str = "", max_len: int = MAX_TEXT) -> str:
    if type(value) is str and (value.isprintable() or not NOT_PLAIN.search(value)):
        stripped: str = value.strip()  # fast path: nothing to replace
        return stripped if len(stripped) <= max_len else cut(stripped, field, max_len)
    if value is None:
        return ""
    if isinstance(value, bool):
        raise RecordError(f"{field} ist kein Text")
    if isinstance(value, (int, float, Decimal)):
        value = str(value)
    if not isinstance(value, str):
        raise RecordError(f"{field} ist kein Text")
    # A vertical tab (Word's soft line break), a form feed or NEL separate lines: a line
    # break keeps the words apart; every other control character is dropped.
    text: str = _LONE_SURROGATE.sub("\ufffd", CONTROL_CHARS.sub("", _BREAKS.sub("\n", value))).strip()
    return text if len(text) <= max_len else cut(text, field, max_len)


def cut(text: str, field: str, max_len: int = MAX_TEXT) -> str:
    """A text longer than craftdesk keeps, cut to ``max_len`` characters, with a log line
    that says so (the field and both lengths, never the text)."""
    log.warning("%s: %d characters from sevDesk, the first %d kept", field or "Text", len(text), max_len)
    return text[:max_len]


def read_decimal(value: Any, field: str, default: Decimal | None = None) -> Decimal:
    if value is None or value == "":
        if default is not None:
            return default
        raise RecordError(f"{field} fehlt")
    if value is True:  # sevDesk encodes a quantity of 1 as true
        return Decimal(1)
    if value is False:
        return Decimal(0)
    text = value.strip().replace(",", ".") if isinstance(value, str) else str(value)
    try:
        result = Decimal(text)
    except (InvalidOperation, ValueError):
        raise RecordError(f"{field} ist keine Zahl") from None
    # Up to 20 characters without an exponent are always a plain number (the usual case).
    written_out = len(text) <= 20 and "e" not in text and "E" not in text
    if not (result.is_finite() and (written_out or plain_number(result))) or abs(result) > Decimal("1e12"):
        raise RecordError(f"{field} ist keine gültige Zahl")
    return result


def in_range(value: Decimal, field: str, ok: Callable[[Decimal], bool]) -> Decimal:
    """H10: a number outside its range makes the record invalid (skipped and counted)."""
    if not ok(value):
        raise RecordError(f"{field} liegt außerhalb des gültigen Bereichs")
    return value


def read_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return False


def read_int(value: Any, field: str, default: int | None = None) -> int:
    if value is None or value == "":
        if default is not None:
            return default
        raise RecordError(f"{field} fehlt")
    if isinstance(value, bool):
        raise RecordError(f"{field} ist keine Zahl")
    try:
        return int(str(value).strip())
    except ValueError:
        pass
    # A whole number sent as a decimal ("100.0", 100.0) is still that number.
    number = read_decimal(value, field)
    if number != number.to_integral_value():
        raise RecordError(f"{field} ist keine ganze Zahl")
    return int(number)


def read_timestamp(value: Any, field: str) -> str:
    """sevDesk's modification time as text. It is only stored (change detection compares
    content), so a format other than sevDesk's ISO 8601 must not cost the record: Unix
    seconds become ISO (UTC), any other plain text is kept verbatim."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, timezone.utc).isoformat(timespec="seconds")
        except (OverflowError, OSError, ValueError):
            raise RecordError(f"{field} ist kein Zeitstempel") from None
    # What is kept verbatim must be plain ASCII so it can be stored and compared (a NUL or
    # a lone surrogate would break storage).
    if not isinstance(value, str) or not (value.isascii() and value.isprintable()) or len(value) > 64:
        raise RecordError(f"{field} ist kein Zeitstempel")
    return value.strip()


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YYYYMMDD = re.compile(r"(18|19|20|21)\d{6}")  # 18991231 is refused as a day, not read as 1970
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def read_date(value: Any, field: str) -> str:
    """A document date as ``YYYY-MM-DD`` ("" when sevDesk sends none). sevDesk sends ISO
    8601 (``2024-03-01T00:00:00+01:00``); a German date (``01.03.2024``) and Unix seconds
    (read in German time) are understood too. A date that is no date, or not in 1900–2100
    (H10), is a RecordError: the record is skipped, not kept with a date nobody can read."""
    if value is None or value == "":
        return ""
    day: date | None = None
    try:
        if isinstance(value, int) and not isinstance(value, bool) and _YYYYMMDD.fullmatch(str(value)):
            value = str(value)  # 20240301 as a number: the day, not Unix seconds of 1970
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            day = datetime.fromtimestamp(value, BUSINESS_TZ).date()
        elif isinstance(value, str) and value.isascii():
            text = value.strip()
            if _YYYYMMDD.fullmatch(text):
                day = date(int(text[:4]), int(text[4:6]), int(text[6:]))  # 20240301
            elif text.isdigit():
                day = datetime.fromtimestamp(int(text), BUSINESS_TZ).date()
            elif found := _ISO_DAY.match(text):
                day = date(*map(int, found.groups()))
                with contextlib.suppress(ValueError):  # a time with its offset: the German day
                    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
                    if moment.tzinfo is not None:
                        day = moment.astimezone(BUSINESS_TZ).date()
            elif found := _GERMAN_DATE.fullmatch(text):
                d, m, y = map(int, found.groups())
                day = date(y, m, d)
    except (OverflowError, OSError, ValueError):
        day = None
    if day is None:
        raise RecordError(f"{field} ist kein Datum")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise RecordError(f"{field} liegt nicht zwischen 1900 und 2100")
    return day.isoformat()


def parse_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def fast_or_careful(
    raw: Any, fast: Callable[[dict[str, Any]], T | None], careful: Callable[[dict[str, Any]], T]
) -> T:
    """A bulk record's row: a tuple is a row read already (``fast_pages.page_rows``); else
    the fast path's row, or, where it declines (None) or fails, the careful reader's."""
    if type(raw) is tuple:
        return raw  # type: ignore[return-value]
    try:
        row = fast(raw) if type(raw) is dict else None
    except Exception:  # what the fast path did not expect is left to the careful one
        row = None
    return row if row is not None else guard(raw, careful)


def guard(raw: Any, build: Callable[[dict[str, Any]], T]) -> T:
    if not isinstance(raw, dict):
        raise RecordError("Datensatz ist kein Objekt")
    record_id = raw.get("id")
    try:
        return build(raw)
    except RecordError as exc:
        exc.record_id = str(record_id) if record_id is not None else None
        raise
    except Exception as exc:  # anything unexpected in a record is still just a bad record
        raise RecordError(
            f"unerwarteter Inhalt: {exc.__class__.__name__}",
            str(record_id) if record_id is not None else None,
        ) from None
