"""Customers with their addresses and contact details, and articles: what the import
brings from sevDesk (C1-C3, A1-A3, E1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    ModelSelect,
    TextField,
)

from ..clock import utcnow
from .base_models import BaseModel, version_field
from .fields import DecimalText

if TYPE_CHECKING:
    from .work_models import Project


# --- customers ---------------------------------------------------------------------------


def display_name(customer_id: int, kind: str, company: str, first_name: str, last_name: str) -> str:
    """How a customer is named everywhere: the company of an organisation, else the person."""
    if kind == "organisation" and company:
        return company
    name = " ".join(part for part in (first_name, last_name) if part)
    return name or company or f"Kunde {customer_id}"


def one_line(street: str, zip_code: str, city: str, country: str = "DE") -> str:
    """An address on one line: "Alpenstraße 3, 6020 Innsbruck, AT"; the country only when
    it is not Germany."""
    place = " ".join(p for p in (zip_code, city) if p)
    land = "" if (country or "DE").upper() == "DE" else country.upper()
    return ", ".join(p for p in (street, place, land) if p)


CUSTOMER_KINDS = ("person", "organisation")


class Customer(BaseModel):
    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    addresses: ModelSelect[Address]
    contact_infos: ModelSelect[ContactInfo]
    projects: ModelSelect[Project]
    sevdesk_id = CharField(null=True, unique=True)
    sevdesk_update = CharField(null=True)
    sync_hash = CharField(null=True)  # fingerprint of the imported content, to skip no-op writes
    customer_number = CharField(null=True, index=True)
    kind = CharField(default="organisation")
    first_name = CharField(default="")
    last_name = CharField(default="")
    company = CharField(default="")
    name_suffix = CharField(default="")
    # Persons: "Herr"/"Frau" (from sevDesk's gender) and an academic title ("Dr."), for
    # letters and invoices.
    salutation = CharField(default="")
    academic_title = CharField(default="")
    description = TextField(default="")
    deleted_in_sevdesk = BooleanField(default=False)
    # E-invoices (E1): the buyer reference (Leitweg-ID) and the authority flag come from
    # sevDesk; ``e_invoice`` is the office's choice, None meaning "by kind" (on for
    # organisations, off for persons).
    buyer_reference = CharField(default="")
    government_agency = BooleanField(default=False)
    e_invoice = BooleanField(null=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    version = version_field()

    @property
    def wants_e_invoice(self) -> bool:
        if self.e_invoice is None:
            return self.kind == "organisation"
        return bool(self.e_invoice)

    @property
    def display_name(self) -> str:
        return display_name(self.id, self.kind, self.company, self.first_name, self.last_name)

    @property
    def address_name2(self) -> str:
        """The line under an organisation's name on letters and invoices: its second name
        (sevDesk's ``name2``, "Niederlassung Süd"); "" for persons, whose suffix is part of
        :attr:`address_name`."""
        if self.kind == "organisation" and self.company:
            return self.name_suffix.strip()
        return ""

    @property
    def address_name(self) -> str:
        """The name on letters and invoices: "Herr Dr. Klaus Weiß" for persons."""
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        if (self.kind == "organisation" and self.company) or not name:
            return self.display_name
        return " ".join(p for p in (self.salutation, self.academic_title, name, self.name_suffix) if p)


ADDRESS_KINDS = ("postal", "billing", "delivery")


class Address(BaseModel):
    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    customer_id: int
    customer = ForeignKeyField(Customer, backref="addresses", on_delete="CASCADE")
    kind = CharField()  # postal | billing | delivery
    street = CharField(default="")
    zip = CharField(default="")
    city = CharField(default="")
    country = CharField(default="DE")
    sevdesk_id = CharField(null=True)
    position = IntegerField(default=0)

    def one_line(self) -> str:
        return one_line(self.street, self.zip, self.city, self.country)


class ContactInfo(BaseModel):
    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    customer_id: int
    customer = ForeignKeyField(Customer, backref="contact_infos", on_delete="CASCADE")
    kind = CharField()  # email | mobile | phone
    value = CharField()
    sevdesk_id = CharField(null=True)
    position = IntegerField(default=0)


# --- articles ----------------------------------------------------------------------------


class Article(BaseModel):
    id = AutoField()
    sevdesk_id = CharField(null=True, unique=True)
    sevdesk_update = CharField(null=True)
    sync_hash = CharField(null=True)
    number = CharField(default="", index=True)
    name = CharField(default="")
    unit = CharField(default="Stk")
    net_price = DecimalText(default="0")
    vat_rate = DecimalText(default="19")
    description = TextField(default="")
    active = BooleanField(default=True)
    category = CharField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    version = version_field()
