"""The customers of a bulk import, kept packed until they are written.

While the three sweeps are read, each contact is one packed text (``pack_contact``) and
each address and communication way one item (``address_reader``, ``way_item``), so the
import holds about what it stores. :class:`PackedCustomers` builds each customer from
them when it is compared or written, straight into the packed form the import writes
(:class:`~.customer_rules.Taken`): the same C3 and C4 choice as ``choose_addresses`` and
``choose_comm_ways``, without the record objects and tuples in between.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from .customer_rules import (
    _KIND,
    SEP,
    AddressItem,
    CustomerData,
    Taken,
    WayItem,
    _number,
    choose_addresses,
    choose_comm_ways,
    choose_split_ways,
    unpack_contact,
)
from .fingerprints import text_digest
from .lookups import GERMANY_COUNTRY_ID


def country_codes(countries: dict[str, str]) -> dict[str, str]:
    """``customer_rules.country_code`` as one table: an address item's country id (""
    for none) to the code stored; an id not in it stores ""."""
    codes = dict(countries)
    codes.setdefault(GERMANY_COUNTRY_ID, "DE")
    codes[""] = "DE"
    return codes


def _kept(kind: str, item: list[str], codes: dict[str, str]) -> str:
    """A split address item as kept by C3 under ``kind``, packed (see AddressTuple)."""
    return f"{kind}\x00{item[2]}\x00{item[3]}\x00{item[4]}\x00{codes.get(item[5], '')}\x00{item[0]}"


def packed_addresses(items: Iterable[AddressItem], codes: dict[str, str]) -> tuple[int, str]:
    """C3 (``choose_addresses``): how many addresses are kept, and them packed."""
    split = [each.split(SEP) for each in items]
    if len(split) == 1:  # the usual customer: one address, nothing to rank
        rid, kind, street, zip_, city, country = split[0]
        where = f"{street}\x00{zip_}\x00{city}\x00{codes.get(country, '')}\x00{rid}"
        if kind == "billing":  # also the postal address (no other one)
            return 2, f"postal\x00{where}\x00billing\x00{where}"
        return 1, ("delivery\x00" if kind == "delivery" else "postal\x00") + where
    ordered: Sequence[list[str]]
    if len(split) == 2:  # two: in the order of their ids without a sort
        first, second = split
        ordered = (second, first) if int(first[0]) > int(second[0]) else (first, second)
    else:
        ordered = sorted(split, key=_number)
    billing: list[str] | None = None
    other: list[str] | None = None
    kept: list[str] = []
    for item in ordered:
        kind = item[1]
        if kind == "billing":
            billing = billing or item
        elif kind == "delivery":
            kept.append(_kept("delivery", item, codes))
        else:
            other = other or item
    if billing is not None:
        kept.insert(0, _kept("billing", billing, codes))
    postal = other or billing
    if postal is not None:
        kept.insert(0, _kept("postal", postal, codes))
    return len(kept), SEP.join(kept)


def packed_ways(items: Iterable[WayItem]) -> tuple[int, str]:
    """C4 (``choose_comm_ways``): how many communication ways are kept, and them packed."""
    ways = [each.split(SEP) for each in items]
    if len(set(map(_KIND, ways))) == len(ways):  # at most one of each kind (as there)
        ways.sort(key=_KIND)
        return len(ways), SEP.join([f"{kind}\x00{value}\x00{rid}" for rid, kind, value, _main in ways])
    chosen = choose_split_ways(ways)
    return len(chosen), SEP.join([SEP.join(way) for way in chosen])


_taken = tuple.__new__  # a Taken from its values, without the Python-level constructor


class PackedCustomers(Mapping[str, CustomerData]):
    """The customers of a bulk import, kept packed (contact, address and communication
    way items) until they are written: a :class:`CustomerData` is built when one is
    looked up, and :meth:`take` gives the customer as the import writes it and lets its
    packed items go, so the records of a whole account never exist at once."""

    def __init__(
        self,
        contacts: dict[str, str],
        addresses: dict[str, list[AddressItem]],
        ways: dict[str, list[WayItem]],
        countries: dict[str, str],
    ) -> None:
        self._contacts = contacts
        self._addresses = addresses
        self._ways = ways
        self._countries = countries
        self._codes = country_codes(countries)

    def _packed(self, sid: str) -> str:
        packed = self._contacts[sid]
        if not packed:  # a packed contact is never empty: this one was taken
            raise KeyError(f"customer {sid} was taken already")
        return packed

    def __getitem__(self, sid: str) -> CustomerData:
        update, fields = unpack_contact(self._packed(sid))
        addresses = choose_addresses(self._addresses.get(sid, ()), self._countries)
        return CustomerData(sid, update, fields, addresses, choose_comm_ways(self._ways.get(sid, ())))

    def __iter__(self) -> Iterator[str]:
        return iter(self._contacts)

    def __len__(self) -> int:
        return len(self._contacts)

    def _let_go(self, sid: str) -> tuple[str, str, str, str, str]:
        """The customer's ``update``, FIELDS packed, addresses and ways packed (C3, C4) and
        its fingerprint; its packed items are let go."""
        packed = self._contacts[sid]
        if not packed:
            raise KeyError(f"customer {sid} was taken already")
        update, _, values = packed.partition(SEP)
        self._contacts[sid] = ""  # keeps the key: iteration and len stay as they were
        count, addresses = packed_addresses(self._addresses.pop(sid, ()), self._codes)
        ways, infos = packed_ways(self._ways.pop(sid, ()))
        # as CustomerData.fingerprint joins them (no SEP for no addresses or ways)
        hashed = f"{count}{SEP}{ways}{SEP}{values}{SEP if addresses else ''}{addresses}{SEP if infos else ''}{infos}"
        return update, values, addresses, infos, text_digest(hashed)

    def take(self, sid: str) -> Taken:
        """The customer as written (``self[sid].taken()``), for the last time: its packed
        items are let go, and it can no longer be looked up (KeyError)."""
        update, values, addresses, infos, fingerprint = self._let_go(sid)
        fields: list[str | bool] = values.split(SEP)  # type: ignore[assignment]
        fields[8] = fields[8] == "True"  # government agency
        return _taken(Taken, (update, tuple(fields), addresses, infos, fingerprint))

    def take_row(self, sid: str) -> tuple[str, str, str]:
        """:meth:`take` as a new customer goes in: its row (``Taken.row``) and its
        addresses and ways packed, without splitting its values on the way."""
        update, values, addresses, infos, fingerprint = self._let_go(sid)
        return f"{sid}{SEP}{update}{SEP}{fingerprint}{SEP}{values}", addresses, infos

    def customer_number(self, sid: str) -> str:
        return self._packed(sid).split(SEP, 2)[1]
