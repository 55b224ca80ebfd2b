"""Whole pages of the bulk sweeps (contacts, addresses, communication ways, parts) read
straight from their bytes with msgspec, when it is installed.

Only the fields the import reads are decoded (a contact has some 40), into structs, and no
dict is built per record: decoding and reading a page costs about a third of the usual
decoder's dicts and the row parsers. A page where every record passes its record fast path
(``api.wire``'s ``*_values``) is read column by column (``*_columns``, with the checks of
``api.columns``: a few C-level calls per column instead of a Python call per record); any
other page record by record through the same ``*_values`` function. A record the fast
path leaves to the careful reader is handed on as the dict the usual decoder gives, and a
page msgspec cannot read in this form (an unexpected type, a lone surrogate, an error
envelope) is decoded the usual way. So which path read a page never changes a row, a skip
or a log line (tests/reliability/test_fast_rows.py) — with one leniency: a number of more
than 4,300 digits in a field the import does not read (valid JSON, which Python's
decoders refuse) does not cost msgspec the page. A body that is not UTF-8 goes the usual
way, which calls it malformed (H3), even where msgspec would skip the bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..limits import MAX_PRICE
from .columns import fits, numbers, plain, ref_ids, stamps, stripped, valid_ids
from .fields import MAX_TEXT, NOT_PLAIN, read_bool
from .text import plain_text
from .wire import (
    ADDRESS_FIELDS,
    COMM_TYPES,
    CONTACT_FIELDS,
    CONTACT_LIMITS,
    PART_FIELDS,
    PART_STATUS_ACTIVE,
    REFERENCES,
    WAY_FIELDS,
    address_values,
    comm_way_values,
    contact_values,
    fast_net,
    part_values,
)

if TYPE_CHECKING:
    from .catalog import PartRow
    from .records import AddressRow, CommWayRow, ContactRow

try:  # a decoder that reads only the fields asked for; the usual decoder otherwise
    import msgspec
except ImportError:  # pragma: no cover - msgspec is a dependency, but the app runs without it
    msgspec = None  # type: ignore[assignment]

_KINDS = frozenset(COMM_TYPES)


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
    if not all(map(fits, kept, CONTACT_LIMITS)):
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
        texts = "".join(kind) + "".join(value)
    except TypeError:
        return None
    if not (valid_ids(rid) and (texts.isprintable() or not NOT_PLAIN.search(texts))):
        return None
    contacts, keys = ref_ids(contact, True), ref_ids(key, False)
    if contacts is None or keys is None:
        return None
    kinds = list(map(str.upper, map(str.strip, kind)))
    values = list(map(str.strip, value))
    if not _KINDS.issuperset(kinds) or min(map(len, values)) == 0 or not fits(values, 255):
        return None
    mains = [m == "1" or (m != "0" and read_bool(m)) for m in main]
    return list(zip(rid, contacts, kinds, values, mains, keys, strict=True))


def part_columns(records: list[Any]) -> list[PartRow] | None:
    rid, update, name, number, unity, net, price, gross, vat, text, status, category = zip(
        *map(_astuple, records), strict=True
    )
    if not (valid_ids(rid) and plain(name, number, text)) or None in name:
        return None
    unities, categories, updates = ref_ids(unity, False), ref_ids(category, False), stamps(update)
    rates, nets = numbers(vat), numbers(net)
    amounts: list[Any]
    if nets is not None and all(nets):
        amounts = nets
    else:  # some priced by ``price``; ``None in`` only here: each Decimal == None is slow
        amounts = [fast_net(*prices) for prices in zip(net, price, strict=True)]
        if None in amounts:
            return None
    if unities is None or categories is None or updates is None or rates is None:
        return None
    if min(rates) < 0 or max(rates) > 100 or max(map(abs, amounts)) > MAX_PRICE:
        return None
    given = numbers([value for value in gross if value is not None and value != ""])
    if given is None or (given and max(map(abs, given)) > MAX_PRICE):
        return None
    found = iter(given)  # a part without a gross price has None
    grosses = [None if value is None or value == "" else next(found) for value in gross]
    statuses = [value for value in status if value is not None and value != ""]  # none: active
    try:  # every status written out in digits (else: record by record)
        joined = "".join(statuses)
    except TypeError:
        return None
    if statuses and not (joined.isdigit() and joined.isascii() and fits(statuses, 9)):
        return None
    names, parts, texts = stripped(name), stripped(number), stripped(text)
    if "" in names or not (fits(names, 255) and fits(parts, 64) and fits(texts, MAX_TEXT)):
        return None
    return list(
        zip(
            rid,
            updates,
            names,
            parts,
            unities,
            amounts,
            grosses,
            rates,
            [text if "<" not in text else plain_text(text) for text in texts],
            [value is None or value == "" or int(value) >= PART_STATUS_ACTIVE for value in status],
            categories,
            strict=True,
        )
    )


# --- whole pages ----------------------------------------------------------------------------

#: The object names :func:`page_rows` reads.
CONTACTS, ADDRESSES, COMM_WAYS, PARTS = "Contact", "ContactAddress", "CommunicationWay", "Part"

Decode = Callable[[bytes], Any]  # the usual decoder (answers.decode_json)
_READERS: dict[str, tuple[Any, Callable[..., Any], Callable[[list[Any]], Any] | None]] = {}

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
            name, [(f, _Ref | None if f in REFERENCES else Any, None) for f in fields], gc=False
        )

    class _Envelope(msgspec.Struct, Generic[T], gc=False):
        objects: list[T]
        total: Any = None
        error: Any = None

    _READERS.update(
        {
            shape: (msgspec.json.Decoder(_Envelope[_shape(shape, fields)]), values, columns)  # type: ignore[misc]
            for shape, fields, values, columns in (
                (CONTACTS, CONTACT_FIELDS, contact_values, contact_columns),
                (ADDRESSES, ADDRESS_FIELDS, address_values, address_columns),
                (COMM_WAYS, WAY_FIELDS, comm_way_values, comm_way_columns),
                (PARTS, PART_FIELDS, part_values, part_columns),
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
        rows: list[Any] | None = [] if not records else None if columns is None else columns(records)
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
