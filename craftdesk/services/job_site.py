"""Where an imported order confirmation's work happens (O5): the street its address text
names, matched against the customer's stored addresses.

Split from the order import so the address heuristics and their tests stand on their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..messages import Key, Message
from ..store.models import Address, Customer
from .projects import Site

_ZIP_CITY = re.compile(r"^(?:[A-Z]{1,2}-)?(\d{4,5})\s+(\S.*)$")
_STREET_WORD = re.compile(r"strasse|str\.")
_KIND_RANK = {"delivery": 0, "postal": 1, "billing": 2}


def normalize_street(street: str) -> str:
    """Comparison key of a street: case, spacing and "Straße"/"Strasse"/"Str." ignored,
    and so are hyphens and other punctuation ("Haupt-Straße", "Karl Marx Str.") and the
    Unicode form of umlauts (composed or not)."""
    key = unicodedata.normalize("NFKC", street).casefold()  # casefold: "ß" → "ss"
    key = _STREET_WORD.sub("str", key)
    return "".join(ch for ch in key if ch.isalnum())


@dataclass(frozen=True)
class OrderAddress:
    street: str
    zip: str
    city: str
    # Every line that may hold the street, nearest to the ZIP line first: the layout of
    # the address text varies (with or without a name line, "z. Hd." lines, …).
    candidates: tuple[str, ...] = ()


_HOUSE_NUMBER = re.compile(r"\d+\s*[a-zA-Z]?$")


def order_site(address_street: str, address_text: str) -> OrderAddress:
    """The street (and zip/city) a confirmation is addressed to.

    ``addressStreet`` when sevDesk sends it; else the multi-line ``address``: first line
    the name, then optional name lines ("z. Hd. …"), the street, "ZIP City" and maybe a
    country — the street is the line just before the ZIP line. Directly after a first
    line ending in a house number, that line is the street (no name line). A single line
    is read as comma-separated parts.
    """
    lines = [line.strip() for line in (address_text or "").splitlines() if line.strip()]
    if len(lines) == 1 and "," in lines[0]:
        lines = [part.strip() for part in lines[0].split(",") if part.strip()]
    zip_index = next((i for i, line in enumerate(lines) if i >= 1 and _ZIP_CITY.match(line)), None)
    zip_code = city = ""
    if zip_index is not None:
        match = _ZIP_CITY.match(lines[zip_index])
        assert match is not None
        zip_code, city = match.group(1), match.group(2).strip()
        candidates = tuple(reversed(lines[:zip_index]))
    else:
        candidates = tuple(lines[1:]) or tuple(lines)
    street = address_street.strip()
    if not street:
        if zip_index is not None:
            if zip_index >= 2 or _HOUSE_NUMBER.search(lines[0]):
                street = lines[zip_index - 1]
        elif len(lines) >= 2:
            street = lines[1]
    return OrderAddress(street, zip_code, city, candidates)


def find_site(customer: Customer | None, wanted: OrderAddress) -> Site:
    """The customer's address whose street matches the confirmation's (its street, else
    another line of its address text); else the postal address (then billing, then
    any); the confirmation's own address only when the customer has none at all."""
    return find_site_with_note(customer, wanted)[0]


def find_site_with_note(customer: Customer | None, wanted: OrderAddress) -> tuple[Site, str]:
    """:func:`find_site` and, when the confirmation named a street that matches none of the
    customer's addresses, one sentence saying which address was used instead ("" else)."""
    site = _match(customer, wanted)
    if site is not None or not wanted.street.strip():
        return site or _fallback(customer, wanted), ""
    used = _fallback(customer, wanted)
    named = ", ".join(p for p in (wanted.street, " ".join(p for p in (wanted.zip, wanted.city) if p)) if p)
    if used == Site(wanted.street, wanted.zip, wanted.city, "DE"):
        return used, ""
    place = ", ".join(p for p in (used.street, " ".join(p for p in (used.zip, used.city) if p)) if p)
    return used, Message(Key.JOB_SITE_FALLBACK, named, place)


def _match(customer: Customer | None, wanted: OrderAddress) -> Site | None:
    addresses = list(customer.addresses.order_by(Address.position, Address.id)) if customer else []
    for street in dict.fromkeys((wanted.street, *wanted.candidates)):
        key = normalize_street(street)
        matches = [a for a in addresses if key and normalize_street(a.street) == key]
        if matches:
            # Several of the customer's addresses on that street: the same zip wins, then
            # a delivery address (a job site) over the postal and billing ones.
            best = min(
                matches, key=lambda a: (bool(wanted.zip) and a.zip != wanted.zip, _KIND_RANK.get(a.kind, 9))
            )
            return Site.from_address(best)
    return None


def _fallback(customer: Customer | None, wanted: OrderAddress) -> Site:
    address = customer_address(customer)
    if address is not None:
        return Site.from_address(address)
    return Site(wanted.street, wanted.zip, wanted.city, "DE")


def customer_address(customer: Customer | None) -> Address | None:
    """The customer's address to go to when no job site is known (O5): the postal address,
    else the billing address, else the first one."""
    addresses = list(customer.addresses.order_by(Address.position, Address.id)) if customer else []
    for kind in ("postal", "billing"):
        for address in addresses:
            if address.kind == kind:
                return address
    return addresses[0] if addresses else None
