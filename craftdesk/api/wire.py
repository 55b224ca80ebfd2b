"""sevDesk's usual wire form, read fast: the fast paths of the bulk row parsers, on a
decoded record (a dict) or straight from a page's bytes.

``records.contact_row`` and its kin try :func:`contact_fast` (and so on) before their
careful readers; each fast path gives the careful reader's row or None ("ask the careful
one"), never a different row (tests/reliability/test_fast_rows.py). The ``*_values``
functions are those fast paths on the field values alone, in a fixed order.

:func:`page_rows` reads a whole page of contacts, addresses or communication ways with
msgspec when it is installed: only the fields the import reads are decoded (a contact
has some 40), and no dict is built per record, which makes decoding and parsing a page
about twice as fast. Each record becomes its row through the same ``*_values`` function:
a page where every record passes it is read column by column (``*_columns``, with the
checks of api.columns: a few C-level calls per column instead of a Python call per
record), any other record by record. A record the fast path leaves to the careful reader
is handed on as the dict the usual decoder gives, and a page msgspec cannot read in this
form (an unexpected type, a lone surrogate, an error envelope) is decoded the usual way. The fast paths log nothing: a
text longer than craftdesk keeps is left to the careful reader, which cuts it and says so.
So which path read a page never changes a row, a skip or a log line — with one leniency:
a number of more than 4,300 digits in a field the import does not read (valid JSON, which
Python's decoders refuse) does not cost msgspec the page. A body that is not UTF-8 goes
the usual way, which calls it malformed (H3), even where msgspec would skip the bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import gt, itemgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .columns import fits, plain, ref_ids, stamps, stripped, valid_ids
from .fields import MAX_TEXT, NOT_PLAIN, read_bool
from .text import plain_text

if TYPE_CHECKING:
    from .records import AddressRow, CommWayRow, ContactRow

try:  # a decoder that reads only the fields asked for; the usual decoder otherwise
    import msgspec
except ImportError:  # pragma: no cover - msgspec is a dependency, but the app runs without it
    msgspec = None  # type: ignore[assignment]

COMM_TYPES = ("EMAIL", "PHONE", "MOBILE", "WEB")
_KINDS = frozenset(COMM_TYPES)

# What the careful text reader would replace: with none of these, a text is kept as sent
# (stripped, cut to its length). Ids: up to 18 ASCII digits always fit in 63 bits (H10).
_UNSAFE = NOT_PLAIN
# The fields each fast path reads, in the order of its ``*_values`` function: from a dict
# in one C-level look-up (a record without one of them goes the careful way, which reads
# a missing field as empty), and the fields of the structs msgspec decodes pages into.
_CONTACT_FIELDS = (
    "id", "update", "category", "parent", "name", "surename", "familyname", "name2",
    "customerNumber", "description", "buyerReference", "gender", "academicTitle", "governmentAgency",
)  # fmt: skip
_ADDRESS_FIELDS = ("id", "contact", "country", "category", "street", "zip", "city", "update")
_WAY_FIELDS = ("id", "contact", "type", "value", "main", "key")
_REFERENCES = {"category", "parent", "contact", "country", "key"}  # {"id": …, "objectName": …}
_CONTACT_KEYS = itemgetter(*_CONTACT_FIELDS)
_ADDRESS_KEYS = itemgetter(*_ADDRESS_FIELDS)
_WAY_KEYS = itemgetter(*_WAY_FIELDS)
# What the careful readers keep of name, surename, familyname, name2, customerNumber,
# description, buyerReference, gender and academicTitle.
_CONTACT_LIMITS = (255, 255, 255, 255, 64, MAX_TEXT, 255, 32, 64)


def _fast_id(value: Any) -> bool:
    """An id in sevDesk's usual form: up to 18 ASCII digits (fits 63 bits, H10)."""
    return type(value) is str and len(value) < 19 and value.isdigit() and value.isascii()


_NOT_READ: Any = object()  # what the fast path leaves to the careful one


def _fast_ref(value: Any) -> Any:
    """The id of a reference ``{"id": …}``, None for null, _NOT_READ for anything else."""
    if value is None:
        return None
    # a reference decoded as a dict, or as api.wire's struct (which has only its id)
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
    """The fast path on the values of _CONTACT_FIELDS (None: ask the careful one, which
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
    if any(map(gt, map(len, texts), _CONTACT_LIMITS)):
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
    """The fast path on the values of _ADDRESS_FIELDS (None: ask the careful one)."""
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
    """The fast path on the values of _WAY_FIELDS (None: ask the careful one)."""
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


# --- a whole page, column by column (api.columns) -----------------------------------------
# Each gives the rows its ``*_values`` function gives every record of the page, or None
# unless that function reads every record (then the page is read record by record).


def contact_columns(records: list[Any]) -> list[ContactRow] | None:
    rid, update, category, parent, *texts, agency = zip(*map(_astuple, records), strict=True)
    if not (valid_ids(rid) and plain(*texts)):
        return None
    categories, parents, updates = ref_ids(category, False), ref_ids(parent, False), stamps(update)
    if categories is None or parents is None or updates is None:
        return None
    kept = [stripped(column) for column in texts]
    if not all(map(fits, kept, _CONTACT_LIMITS)):
        return None
    company, first, last, name2, number, description, buyer, gender, title = kept
    if not all(map(any, zip(company, first, last, strict=True))):
        return None
    return list(
        zip(
            rid,
            updates,
            categories,
            ["organisation" if name else "person" for name in company],
            first,
            last,
            company,
            name2,
            number,
            [text if "<" not in text else plain_text(text) for text in description],
            parents,
            buyer,
            [a == "1" or (a != "0" and a is not None and read_bool(a)) for a in agency],
            gender,
            title,
            strict=True,
        )
    )


def address_columns(records: list[Any]) -> list[AddressRow] | None:
    rid, contact, country, category, street, zip_, city, update = zip(*map(_astuple, records), strict=True)
    if not (valid_ids(rid) and plain(street, zip_, city)):
        return None
    contacts, countries = ref_ids(contact, True), ref_ids(country, False)
    categories, updates = ref_ids(category, False), stamps(update)
    if contacts is None or countries is None or categories is None or updates is None:
        return None
    streets, zips, cities = stripped(street), stripped(zip_), stripped(city)
    if not (fits(streets, 255) and fits(zips, 32) and fits(cities, 255)):
        return None
    return list(zip(rid, contacts, streets, zips, cities, countries, categories, updates, strict=True))


def comm_way_columns(records: list[Any]) -> list[CommWayRow] | None:
    rid, contact, kind, value, main, key = zip(*map(_astuple, records), strict=True)
    try:  # every type and value a text (TypeError otherwise)
        if not valid_ids(rid) or _UNSAFE.search("".join(kind) + "".join(value)):
            return None
    except TypeError:
        return None
    contacts, keys = ref_ids(contact, True), ref_ids(key, False)
    if contacts is None or keys is None:
        return None
    kinds = [text.strip().upper() for text in kind]
    values = [text.strip() for text in value]
    if not _KINDS.issuperset(kinds) or min(map(len, values)) == 0 or not fits(values, 255):
        return None
    mains = [m == "1" or (m != "0" and read_bool(m)) for m in main]
    return list(zip(rid, contacts, kinds, values, mains, keys, strict=True))


# --- whole pages ----------------------------------------------------------------------------

#: The object names :func:`page_rows` reads.
CONTACTS, ADDRESSES, COMM_WAYS = "Contact", "ContactAddress", "CommunicationWay"

Decode = Callable[[bytes], Any]  # the usual decoder (answers.decode_json)
_READERS: dict[str, tuple[Any, Callable[..., Any], Callable[[list[Any]], Any]]] = {}

if msgspec is not None:
    T = TypeVar("T")
    _astuple = msgspec.structs.astuple

    # Every field is optional and of any type, as in a dict: a missing field reads as null,
    # as the careful readers read it. References are decoded to their id alone; one that is
    # no object (or null) makes the page go the usual way. gc=False: JSON has no cycles.
    class _Ref(msgspec.Struct, gc=False):
        id: Any = None

    def _shape(name: str, fields: tuple[str, ...]) -> Any:
        return msgspec.defstruct(
            name, [(f, _Ref | None if f in _REFERENCES else Any, None) for f in fields], gc=False
        )

    class _Envelope(msgspec.Struct, Generic[T], gc=False):
        objects: list[T]
        total: Any = None
        error: Any = None

    _READERS.update(
        {
            shape: (msgspec.json.Decoder(_Envelope[_shape(shape, fields)]), values, columns)  # type: ignore[misc]
            for shape, fields, values, columns in (
                (CONTACTS, _CONTACT_FIELDS, contact_values, contact_columns),
                (ADDRESSES, _ADDRESS_FIELDS, address_values, address_columns),
                (COMM_WAYS, _WAY_FIELDS, comm_way_values, comm_way_columns),
            )
        }
    )


def page_rows(content: bytes, shape: str, decode: Decode) -> tuple[list[Any], Any] | None:
    """The records of a successful page of ``shape`` (an object name above) and sevDesk's
    ``total``: each record as its row (a tuple), or as ``decode``'s dict where the fast
    path leaves it to the careful reader. None when the page must be decoded the usual
    way: msgspec is missing, cannot read it in this form, or it carries an error."""
    reader = _READERS.get(shape)
    if reader is None:
        return None
    decoder, values, columns = reader
    if not content.isascii():  # H3: not UTF-8 is malformed, also in a field nobody reads
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        envelope = decoder.decode(content)
    except Exception:  # anything unexpected: the usual decoder and its checks decide
        return None
    total = envelope.total
    if envelope.error is not None or (type(total) is int and not -(2**63) <= total < 2**64):
        return None  # an error; a count orjson reads as a float (none), msgspec as an int
    records = envelope.objects
    try:  # the usual page: column by column; else record by record
        rows: list[Any] | None = columns(records) if records else []
    except Exception:
        rows = None
    if rows is None:
        try:
            rows = [values(*_astuple(record)) for record in records]
        except Exception:  # what the fast path did not expect is left to the careful one
            rows = [_guarded(values, _astuple(record)) for record in records]
    if None in rows:
        try:
            body = decode(content)
        except ValueError:
            return None
        objects = body.get("objects") if type(body) is dict else None
        if type(objects) is not list or len(objects) != len(rows):
            return None
        rows = [objects[i] if row is None else row for i, row in enumerate(rows)]
    return rows, total


def _guarded(values: Callable[..., Any], fields: tuple[Any, ...]) -> Any:
    try:
        return values(*fields)
    except Exception:
        return None
