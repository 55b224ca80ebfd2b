"""The customer rules as pure functions: which addresses (C3) and communication ways (C4)
a customer keeps, and the customer as craftdesk stores it (C2), with its fingerprint.

The bulk import feeds them packed texts, one per sevDesk row (:func:`pack_contact`,
:func:`address_item`, :func:`way_item`; see SEP), so that it never holds record objects
for a whole account (:class:`PackedCustomers`); the single import and the tests use the
record forms (:func:`pick_addresses`, :func:`pick_comm_ways`, :func:`build_customer`),
which go through the same code.

Decisions (documented here because the SPEC leaves them open):

* Postal address (C3): the lowest-id address that is neither an invoice nor a delivery
  address; without one, the billing address is *also stored* as a ``postal`` row (same
  sevDesk id), so every consumer (exports, invoices, O5 job-site fallback) finds a postal
  address without knowing this rule.
* Mobile numbers (C4): type ``MOBILE``, and type ``PHONE`` with key 4 ("Mobil") — older
  sevDesk data records mobiles that way. ``PHONE`` with key 3 ("Fax") is no phone number
  and is ignored, like ``WEB``. Duplicate values within one kind count once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple

from ..api.records import AddressRec, AddressRow, CommWayRec, CommWayRow, ContactRec, ContactRow
from .fingerprints import older_digests, text_digest
from .lookups import GERMANY_COUNTRY_ID, AddressCategories

MAX_EMAILS = 2
MAX_MOBILES = 2
MAX_PHONES = 1
COMM_KEY_FAX = "3"
COMM_KEY_MOBILE = "4"

# Customer columns written by the import, in the order of CustomerData.fields.
FIELDS = (
    "customer_number",
    "kind",
    "first_name",
    "last_name",
    "company",
    "name_suffix",
    "description",
    "buyer_reference",
    "government_agency",
    "salutation",
    "academic_title",
)

AddressTuple = tuple[str, str, str, str, str, str]  # kind, street, zip, city, country, sevdesk_id
InfoTuple = tuple[str, str, str]  # kind, value, sevdesk_id

# While the bulk import reads, it keeps every address and communication way of an account
# until all three sweeps are in, so each is kept as one text, its values joined by NUL
# (no imported text contains NUL: the parsers drop it). One text is a third of the memory
# of a tuple of texts, and the rules split it once.
SEP = "\x00"
# One sevDesk address for C3: id, kind (billing|delivery|other), street, zip, city,
# country id ("" for none).
AddressItem = str
# One usable communication way for C4: id, kind, value, main ("1", else "").
WayItem = str


def country_code(country_id: str | None, countries: dict[str, str]) -> str:
    if not country_id:
        return "DE"
    if country_id == GERMANY_COUNTRY_ID:
        return countries.get(country_id, "DE")
    return countries.get(country_id, "")


# --- C3 -----------------------------------------------------------------------------------


def address_item(row: AddressRow, cats: AddressCategories) -> AddressItem:
    """An address row (``records.address_row``) as C3 reads it."""
    return address_reader(cats)(row)


def address_reader(cats: AddressCategories) -> Callable[[AddressRow], AddressItem]:
    """:func:`address_item` for many rows: the category kinds looked up in one table."""
    kinds = dict.fromkeys(cats.delivery_ids, "delivery")
    kinds.update(dict.fromkeys(cats.invoice_ids, "billing"))  # an invoice category wins
    kind_of = kinds.get

    def item(row: AddressRow) -> AddressItem:
        rid, _contact, street, zip_, city, country_id, category_id, _update = row
        kind = kind_of(category_id or "", "other")
        return f"{rid}\x00{kind}\x00{street}\x00{zip_}\x00{city}\x00{country_id or ''}"

    return item


def _number(item: list[str]) -> int:
    return int(item[0])


def _main_then_number(item: list[str]) -> tuple[bool, int]:
    return not item[3], int(item[0])


_KIND = itemgetter(1)  # of a split address or way item


def choose_addresses(items: Iterable[AddressItem], countries: dict[str, str]) -> tuple[AddressTuple, ...]:
    """C3: one billing (lowest id), all delivery, postal = first other else billing."""
    billing: list[str] | None = None
    other: list[str] | None = None
    delivery: list[list[str]] = []
    for item in sorted([each.split(SEP) for each in items], key=_number):
        kind = item[1]
        if kind == "billing":
            billing = billing or item
        elif kind == "delivery":
            delivery.append(item)
        else:
            other = other or item
    result: list[AddressTuple] = []
    postal = other or billing
    if postal is not None:
        result.append(
            ("postal", postal[2], postal[3], postal[4], country_code(postal[5], countries), postal[0])
        )
    if billing is not None:
        result.append(
            ("billing", billing[2], billing[3], billing[4], country_code(billing[5], countries), billing[0])
        )
    for a in delivery:
        result.append(("delivery", a[2], a[3], a[4], country_code(a[5], countries), a[0]))
    return tuple(result)


def pick_addresses(
    addresses: Iterable[AddressRec], cats: AddressCategories, countries: dict[str, str]
) -> tuple[AddressTuple, ...]:
    """C3 on address records."""
    item = address_reader(cats)
    items = [
        item((a.id, a.contact_id, a.street, a.zip, a.city, a.country_id, a.category_id, ""))
        for a in addresses
    ]
    return choose_addresses(items, countries)


# --- C4 -----------------------------------------------------------------------------------


def comm_kind(kind: str, key_id: str | None) -> str | None:
    if kind == "EMAIL":
        return "email"
    if kind == "MOBILE" or (kind == "PHONE" and key_id == COMM_KEY_MOBILE):
        return "mobile"
    if kind == "PHONE" and key_id != COMM_KEY_FAX:
        return "phone"
    return None  # WEB, fax


def way_item(row: CommWayRow) -> WayItem | None:
    """A communication way row (``records.comm_way_row``) as C4 reads it; None for a way
    C4 never keeps (web addresses, fax numbers)."""
    rid, _contact, kind, value, main, key_id = row
    if kind == "EMAIL":
        kept = "email"
    elif kind == "MOBILE" or (kind == "PHONE" and key_id == COMM_KEY_MOBILE):
        kept = "mobile"
    elif kind == "PHONE" and key_id != COMM_KEY_FAX:
        kept = "phone"
    else:
        return None  # WEB, fax (the same rule as comm_kind)
    return f"{rid}\x00{kept}\x00{value}\x00{'1' if main else ''}"


def choose_comm_ways(items: Iterable[WayItem]) -> tuple[InfoTuple, ...]:
    """C4: ≤2 e-mails, ≤2 mobiles, 1 phone; ``main`` first, then the lowest id."""
    return choose_split_ways([each.split(SEP) for each in items])


def choose_split_ways(ways: list[list[str]]) -> tuple[InfoTuple, ...]:
    """:func:`choose_comm_ways` of items split at SEP already (the list is reordered)."""
    if len(set(map(_KIND, ways))) == len(ways):
        # At most one way of each kind (the usual customer): nothing to rank, drop or
        # merge; only the order of the kinds, which is their alphabetical order.
        ways.sort(key=_KIND)
        return tuple([(kind, value, rid) for rid, kind, value, _main in ways])
    emails: list[InfoTuple] = []
    mobiles: list[InfoTuple] = []
    phones: list[InfoTuple] = []
    seen: set[tuple[str, str]] = set()
    for rid, kind, value, _main in sorted(ways, key=_main_then_number):
        if kind == "email":
            picked, limit = emails, MAX_EMAILS
        elif kind == "mobile":
            picked, limit = mobiles, MAX_MOBILES
        else:
            picked, limit = phones, MAX_PHONES
        if len(picked) >= limit:
            continue
        key = (kind, value.casefold())
        if key in seen:
            continue
        seen.add(key)
        picked.append((kind, value, rid))
    return (*emails, *mobiles, *phones)


def pick_comm_ways(ways: Iterable[CommWayRec]) -> tuple[InfoTuple, ...]:
    """C4 on communication way records."""
    items = (way_item((w.id, w.contact_id, w.type, w.value, w.main, w.key_id)) for w in ways)
    return choose_comm_ways(item for item in items if item is not None)


# --- the customer -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CustomerData:
    """One customer as craftdesk stores it, derived from sevDesk."""

    sevdesk_id: str
    sevdesk_update: str
    fields: tuple[str | bool, ...]  # values of FIELDS
    addresses: tuple[AddressTuple, ...]
    infos: tuple[InfoTuple, ...]

    def packed(self) -> tuple[str, str]:
        """The addresses and the communication ways, each as one text (values joined by SEP)."""
        return SEP.join(chain.from_iterable(self.addresses)), SEP.join(chain.from_iterable(self.infos))

    def fingerprint(self, packed: tuple[str, str] | None = None) -> str:
        """Content only: an ``update`` bump without a change we store writes nothing. The
        digest of the counts, the fields, the addresses and the communication ways, all
        joined by SEP (``packed``: :meth:`packed`, when the caller has it already)."""
        addresses, infos = packed or self.packed()
        parts = [str(len(self.addresses)), str(len(self.infos)), SEP.join(map(str, self.fields))]
        if addresses:
            parts.append(addresses)
        if infos:
            parts.append(infos)
        return text_digest(SEP.join(parts))

    def older_fingerprints(self) -> tuple[str, str]:
        """What older versions stored for the same content, recognised once after an update."""
        return older_digests((self.fields, self.addresses, self.infos))

    def taken(self) -> Taken:
        """The customer as the import writes it (see :class:`Taken`)."""
        addresses, infos = self.packed()
        return Taken(self.sevdesk_update, self.fields, addresses, infos, self.fingerprint((addresses, infos)))


class Taken(NamedTuple):
    """A customer as the import compares and writes it: the values of FIELDS, the
    addresses and the communication ways packed (:meth:`CustomerData.packed`), and the
    fingerprint of it all."""

    sevdesk_update: str
    fields: tuple[str | bool, ...]
    addresses: str
    infos: str
    fingerprint: str

    def older_fingerprints(self) -> tuple[str, str]:
        """:meth:`CustomerData.older_fingerprints` of the same customer."""
        return older_digests((self.fields, _unpacked(self.addresses, 6), _unpacked(self.infos, 3)))

    def row(self, sid: str) -> str:
        """The new customer's row as ``bulk.bulk_insert_joined`` takes it: the sevDesk id,
        ``update``, the fingerprint and the values of FIELDS, a truth value as "True" or
        "False", joined by SEP."""
        return SEP.join((sid, self.sevdesk_update, self.fingerprint, *map(str, self.fields)))


def _unpacked(packed: str, width: int) -> tuple[tuple[str, ...], ...]:
    if not packed:
        return ()
    values = iter(packed.split(SEP))
    return tuple(zip(*[values] * width, strict=True))


_SALUTATIONS = {
    "m": "Herr",
    "male": "Herr",
    "herr": "Herr",
    "mr": "Herr",
    "w": "Frau",
    "f": "Frau",
    "female": "Frau",
    "frau": "Frau",
    "mrs": "Frau",
}


def salutation_of(gender: str) -> str:
    """sevDesk's free-text ``gender`` ("m", "w", …) as the German salutation, or ""."""
    return _SALUTATIONS.get(gender.strip().rstrip(".").casefold(), "")


def customer_fields(row: ContactRow) -> tuple[str | bool, ...]:
    """The values of FIELDS from a contact row (``records.contact_row``); a page of rows is
    packed in the same order by :func:`pack_customer_page` (a test holds them together)."""
    kind = row[3]
    person = kind == "person"
    return (
        row[8],  # customer number
        kind,
        row[4],  # first name
        row[5],  # last name
        row[6],  # company
        row[7],  # name suffix
        row[9],  # description
        row[11],  # buyer reference
        row[12],  # government agency
        salutation_of(row[13]) if person else "",
        row[14] if person else "",  # academic title
    )


def pack_contact(row: ContactRow) -> str:
    """What the bulk import keeps of a contact while the other sweeps are read: its
    ``update`` and the values of FIELDS as one text (see SEP), each value as ``str``
    makes it (a truth value "True" or "False"), so the values part is the text the
    fingerprint hashes; :func:`unpack_contact`."""
    return SEP.join((row[1], *map(str, customer_fields(row))))


class _Salutations(dict[str, str]):
    """:func:`salutation_of` of each gender text, worked out once per text."""

    def __missing__(self, gender: str) -> str:
        salutation = self[gender] = salutation_of(gender)
        return salutation


def pack_customer_page(page: list[Any], category: str, contacts: dict[str, str], present: set[str]) -> bool:
    """:func:`pack_contact` for every contact of ``category`` on a page read as rows
    (``fast_pages.page_rows``), into ``contacts`` and ``present``, in one pass; False
    (nothing done) unless every record of the page is a row."""
    if not page or type(page[0]) is not tuple or len(set(map(type, page))) != 1:
        return False
    ours = [row for row in page if row[2] == category]
    salutations = _Salutations()
    packed = [
        SEP.join(
            (row[1], row[8], row[3], row[4], row[5], row[6], row[7], row[9], row[11], str(row[12]))
            + ((salutations[row[13]], row[14]) if row[3] == "person" else ("", ""))
        )
        for row in ours
    ]
    ids = [row[0] for row in ours]
    contacts.update(zip(ids, packed, strict=True))
    present.update(ids)
    return True


def unpack_contact(packed: str) -> tuple[str, tuple[str | bool, ...]]:
    """``update`` and the values of FIELDS of :func:`pack_contact`."""
    parts = packed.split(SEP)
    return parts[0], (*parts[1:9], parts[9] == "True", *parts[10:])


def build_customer(
    contact: ContactRec,
    addresses: Iterable[AddressRec],
    ways: Iterable[CommWayRec],
    cats: AddressCategories,
    countries: dict[str, str],
) -> CustomerData:
    c = contact
    row: ContactRow = (
        c.id,
        c.update,
        c.category_id,
        c.kind,
        c.first_name,
        c.last_name,
        c.company,
        c.name_suffix,
        c.customer_number,
        c.description,
        c.parent_id,
        c.buyer_reference,
        c.government_agency,
        c.gender,
        c.academic_title,
    )
    return CustomerData(
        c.id,
        c.update,
        customer_fields(row),
        pick_addresses(addresses, cats, countries),
        pick_comm_ways(ways),
    )
