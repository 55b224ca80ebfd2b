"""sevDesk's usual wire form, read fast: the fast paths of the bulk row parsers, on a
decoded record (a dict) or on the values of its fields (``api.fast_pages``).

``records.contact_row`` and its kin try :func:`contact_fast` (and so on) before their
careful readers; each fast path gives the careful reader's row or None ("ask the careful
one"), never a different row (tests/reliability/test_fast_rows.py). The ``*_values``
functions are those fast paths on the field values alone, in a fixed order (the
``*_FIELDS`` tuples), which is how ``api.fast_pages`` reads the structs msgspec decodes.
The fast paths log nothing: a text longer than craftdesk keeps is left to the careful
reader, which cuts it and says so.
"""

from __future__ import annotations

import re
from decimal import Decimal
from operator import gt, itemgetter
from typing import TYPE_CHECKING, Any

from ..limits import MAX_PRICE
from .columns import NUMBER
from .fields import MAX_TEXT, NOT_PLAIN, read_bool
from .text import plain_text

if TYPE_CHECKING:
    from .catalog import PartRow
    from .records import AddressRow, CommWayRow, ContactRow

COMM_TYPES = ("EMAIL", "PHONE", "MOBILE", "WEB")

# What the careful text reader would replace: with none of these, a text is kept as sent
# (stripped, cut to its length). Ids: up to 18 ASCII digits always fit in 63 bits (H10).
_UNSAFE = NOT_PLAIN
# The fields each fast path reads, in the order of its ``*_values`` function: from a dict
# in one C-level look-up (a record without one of them goes the careful way, which reads
# a missing field as empty), and the fields of the structs msgspec decodes pages into.
CONTACT_FIELDS = (
    "id", "update", "category", "parent", "name", "surename", "familyname", "name2",
    "customerNumber", "description", "buyerReference", "gender", "academicTitle", "governmentAgency",
)  # fmt: skip
ADDRESS_FIELDS = ("id", "contact", "country", "category", "street", "zip", "city", "update")
WAY_FIELDS = ("id", "contact", "type", "value", "main", "key")
PART_FIELDS = (
    "id", "update", "name", "partNumber", "unity", "priceNet", "price", "priceGross", "taxRate", "text",
    "status", "category",
)  # fmt: skip
REFERENCES = {"category", "parent", "contact", "country", "key", "unity"}  # {"id": …, "objectName": …}
_CONTACT_KEYS = itemgetter(*CONTACT_FIELDS)
_ADDRESS_KEYS = itemgetter(*ADDRESS_FIELDS)
_WAY_KEYS = itemgetter(*WAY_FIELDS)
_PART_KEYS = itemgetter(*PART_FIELDS)
# What the careful readers keep of name, surename, familyname, name2, customerNumber,
# description, buyerReference, gender and academicTitle.
CONTACT_LIMITS = (255, 255, 255, 255, 64, MAX_TEXT, 255, 32, 64)


def _fast_id(value: Any) -> bool:
    """An id in sevDesk's usual form: up to 18 ASCII digits (fits 63 bits, H10)."""
    return type(value) is str and len(value) < 19 and value.isdigit() and value.isascii()


_NOT_READ: Any = object()  # what the fast path leaves to the careful one


def _fast_ref(value: Any) -> Any:
    """The id of a reference ``{"id": …}``, None for null, _NOT_READ for anything else."""
    if value is None:
        return None
    # a reference decoded as a dict, or as api.fast_pages' struct (which has only its id)
    ref = value.get("id") if type(value) is dict else getattr(value, "id", None)
    return ref if _fast_id(ref) else _NOT_READ


def _fast_update(value: Any) -> Any:
    """A timestamp as sent (stripped), "" for null, _NOT_READ for anything else."""
    if value is None:
        return ""
    if type(value) is str and len(value) <= 64 and value.isascii() and value.isprintable():
        return value.strip()
    return _NOT_READ


def contact_fast(r: dict[str, Any]) -> ContactRow | None:
    try:  # sevDesk sends every field, also the empty ones: one C-level look-up for all
        return contact_values(*_CONTACT_KEYS(r))
    except KeyError:
        return None


def contact_values(
    rid: Any,
    update: Any,
    category: Any,
    parent: Any,
    name: Any,
    first: Any,
    last: Any,
    name2: Any,
    number: Any,
    description: Any,
    buyer: Any,
    gender: Any,
    title: Any,
    agency: Any,
) -> ContactRow | None:
    """The fast path on the values of CONTACT_FIELDS (None: ask the careful one, which
    reads a missing field as null, as this does)."""
    if not _fast_id(rid):
        return None
    if _UNSAFE.search(f"{name}{first}{last}{name2}{number}{description}{buyer}{gender}{title}"):
        return None
    category, parent, update = _fast_ref(category), _fast_ref(parent), _fast_update(update)
    if category is _NOT_READ or parent is _NOT_READ or update is _NOT_READ:
        return None
    try:  # .strip(): only a str has it; anything else goes the careful way
        texts = [
            "" if text is None else text.strip()
            for text in (name, first, last, name2, number, description, buyer, gender, title)
        ]
    except AttributeError:
        return None
    # a text longer than craftdesk keeps: the careful reader cuts it and says so
    if any(map(gt, map(len, texts), CONTACT_LIMITS)):
        return None
    company, first, last, name2, number, description, buyer, gender, title = texts
    if not (company or first or last):
        return None
    return (
        rid,
        update,
        category,
        "organisation" if company else "person",
        first,
        last,
        company,
        name2,
        number,
        plain_text(description),
        parent,
        buyer,
        agency == "1" or (agency != "0" and agency is not None and read_bool(agency)),
        gender,
        title,
    )


def address_fast(r: dict[str, Any]) -> AddressRow | None:
    try:
        return address_values(*_ADDRESS_KEYS(r))
    except KeyError:
        return None


def address_values(
    rid: Any, contact: Any, country: Any, category: Any, street: Any, zip_: Any, city: Any, update: Any
) -> AddressRow | None:
    """The fast path on the values of ADDRESS_FIELDS (None: ask the careful one)."""
    contact, country, category = _fast_ref(contact), _fast_ref(country), _fast_ref(category)
    update = _fast_update(update)
    no = _NOT_READ  # (``is`` checks: cheaper than ``in`` over a tuple)
    if contact is None or contact is no or country is no or category is no or update is no:
        return None
    if not _fast_id(rid) or _UNSAFE.search(f"{street}{zip_}{city}"):
        return None
    try:
        street = street.strip() if street is not None else ""
        zip_ = zip_.strip() if zip_ is not None else ""
        city = city.strip() if city is not None else ""
    except AttributeError:
        return None
    if len(street) > 255 or len(zip_) > 32 or len(city) > 255:
        return None  # the careful reader cuts it and says so
    return rid, contact, street, zip_, city, country, category, update


def comm_way_fast(r: dict[str, Any]) -> CommWayRow | None:
    try:
        return comm_way_values(*_WAY_KEYS(r))
    except KeyError:
        return None


def comm_way_values(rid: Any, contact: Any, kind: Any, value: Any, main: Any, key: Any) -> CommWayRow | None:
    """The fast path on the values of WAY_FIELDS (None: ask the careful one)."""
    contact, key = _fast_ref(contact), _fast_ref(key)
    if contact is None or contact is _NOT_READ or key is _NOT_READ or not _fast_id(rid):
        return None
    if type(kind) is not str or type(value) is not str or _UNSAFE.search(f"{kind}{value}"):
        return None
    kind = kind.strip().upper()
    value = value.strip()
    if kind not in COMM_TYPES or not value or len(value) > 255:
        return None  # the careful reader refuses it, or cuts it and says so
    return rid, contact, kind, value, main == "1" or (main != "0" and read_bool(main)), key


# --- parts --------------------------------------------------------------------------------

PART_STATUS_ACTIVE = 100
_NUMBER = re.compile(NUMBER)  # any other form goes the careful way


def _fast_number(value: Any) -> Decimal | None:
    """A number in sevDesk's usual form as the careful reader reads it, else None."""
    return Decimal(value) if type(value) is str and _NUMBER.fullmatch(value) else None


def part_fast(r: dict[str, Any]) -> PartRow | None:
    try:
        return part_values(*_PART_KEYS(r))
    except KeyError:
        return None


def fast_net(net: Any, price: Any) -> Decimal | None:
    """The first non-zero of ``priceNet`` and ``price``; None when neither is one (a net
    derived from the gross price, or 0) or either is not in the usual form."""
    for value in (net, price):
        if value is None or value == "":
            continue
        amount = _fast_number(value)
        if amount is None or amount:
            return amount
    return None


def part_values(
    rid: Any,
    update: Any,
    name: Any,
    number: Any,
    unity: Any,
    net: Any,
    price: Any,
    gross: Any,
    vat: Any,
    text: Any,
    status: Any,
    category: Any,
) -> PartRow | None:
    """The fast path on the values of PART_FIELDS (None: ask the careful one)."""
    unity, category, update = _fast_ref(unity), _fast_ref(category), _fast_update(update)
    if not _fast_id(rid) or unity is _NOT_READ or category is _NOT_READ or update is _NOT_READ:
        return None
    rate, amount = _fast_number(vat), fast_net(net, price)
    if rate is None or not 0 <= rate <= 100 or amount is None or abs(amount) > MAX_PRICE:
        return None
    if gross is not None and gross != "":
        gross = _fast_number(gross)
        if gross is None or abs(gross) > MAX_PRICE:
            return None
    else:
        gross = None
    if status is None or status == "":
        status = PART_STATUS_ACTIVE
    elif type(status) is str and status.isdigit() and status.isascii() and len(status) < 10:
        status = int(status)
    else:
        return None
    if type(name) is not str or _UNSAFE.search(f"{name}{number}{text}"):
        return None
    try:
        name = name.strip()
        number = number.strip() if number is not None else ""
        text = text.strip() if text is not None else ""
    except AttributeError:
        return None
    if not name or len(name) > 255 or len(number) > 64 or len(text) > MAX_TEXT:
        return None  # refused, or cut (and said so) by the careful reader
    return (
        rid,
        update,
        name,
        number,
        unity,
        amount,
        gross,
        rate,
        plain_text(text),
        status >= PART_STATUS_ACTIVE,
        category,
    )
