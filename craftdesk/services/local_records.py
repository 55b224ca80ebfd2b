"""Local writes behind the customer and article dialogs (Qt-free).

The import service owns how sevDesk data arrives; these functions only write what the
user typed into a dialog. Edits keep the sevDesk ids of existing addresses and
communication rows (updated in place), so the next import can still match them (C5).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from ..clock import utcnow
from ..errors import EditConflict as EditConflict  # raised to the dialogs
from ..store.bulk import tuples
from ..store.db import db
from ..store.models import Address, Article, ContactInfo, Customer
from ..store.versioning import claim_version
from .articles import gross_price
from .customers import create_local_customer


def flat_text(value: Any) -> str:
    """A form field as one line of text (how a conflict shows it and compares it)."""
    if isinstance(value, list):
        return ", ".join(flat_text(v) for v in value if flat_text(v))
    if isinstance(value, AddressForm):
        return value.one_line()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return str(value).strip()


def form_changes(stored: Any, mine: Any) -> list[tuple[str, str, str]]:
    """Fields where the stored record and the dialog's form differ (version excluded)."""
    result = []
    for item in fields(stored):
        if item.name == "version":
            continue
        theirs, own = flat_text(getattr(stored, item.name)), flat_text(getattr(mine, item.name))
        if theirs != own:
            result.append((item.name, theirs, own))
    return result


@dataclass(frozen=True)
class RecordOrigin:
    """Where a customer or article comes from, for the dialog's note."""

    sevdesk_id: str | None
    deleted_in_sevdesk: bool = False


def customer_origin(customer_id: int) -> RecordOrigin:
    customer = Customer.get_by_id(customer_id)
    return RecordOrigin(customer.sevdesk_id, bool(customer.deleted_in_sevdesk))


def article_origin(article_id: int) -> RecordOrigin:
    return RecordOrigin(Article.get_by_id(article_id).sevdesk_id)


def delivery_addresses(customer_id: int) -> list[str]:
    """The customer's delivery addresses (job sites from sevDesk), one line each."""
    query = (
        Address.select()
        .where((Address.customer == customer_id) & (Address.kind == "delivery"))
        .order_by(Address.position, Address.id)
    )
    return [a.one_line() for a in query]


@dataclass
class AddressForm:
    street: str = ""
    zip: str = ""
    city: str = ""
    country: str = "DE"

    @property
    def empty(self) -> bool:
        return not (self.street.strip() or self.zip.strip() or self.city.strip())

    def one_line(self) -> str:
        place = " ".join(p for p in (self.zip.strip(), self.city.strip()) if p)
        return ", ".join(p for p in (self.street.strip(), place) if p)


@dataclass
class CustomerForm:
    kind: str = "organisation"
    company: str = ""
    first_name: str = ""
    last_name: str = ""
    name_suffix: str = ""
    customer_number: str = ""
    description: str = ""
    postal: AddressForm = field(default_factory=AddressForm)
    billing: AddressForm | None = None  # None: no separate billing address
    emails: list[str] = field(default_factory=list)
    mobiles: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    # E1: None = "by kind" (on for organisations); authority flag and Leitweg-ID.
    e_invoice: bool | None = None
    government_agency: bool = False
    buyer_reference: str = ""
    salutation: str = ""  # "Herr" | "Frau" | "" (persons)
    academic_title: str = ""  # e.g. "Dr."
    deliveries: list[AddressForm] = field(default_factory=list)  # delivery addresses (C3)
    version: int | None = None  # the stored version the dialog started from (T5)


def customer_form(customer_id: int) -> CustomerForm:
    """The dialog's view of a stored customer."""
    customer = Customer.get_by_id(customer_id)
    addresses = list(customer.addresses.order_by(Address.position, Address.id))
    postal = next((a for a in addresses if a.kind == "postal"), None)
    billing = next((a for a in addresses if a.kind == "billing"), None)
    infos = list(customer.contact_infos.order_by(ContactInfo.position, ContactInfo.id))

    def address(a: Address | None) -> AddressForm:
        return AddressForm(a.street, a.zip, a.city, a.country or "DE") if a else AddressForm()

    def same(a: Address, b: Address) -> bool:
        return (a.street, a.zip, a.city, a.country) == (b.street, b.zip, b.city, b.country)

    # The import stores a billing-only address also as the postal one; a billing address
    # equal to the postal address is shown as "no different billing address".
    separate_billing = billing is not None and postal is not None and not same(billing, postal)
    deliveries = [address(a) for a in addresses if a.kind == "delivery"]
    return CustomerForm(
        salutation=customer.salutation,
        academic_title=customer.academic_title,
        deliveries=deliveries,
        kind=customer.kind,
        company=customer.company,
        first_name=customer.first_name,
        last_name=customer.last_name,
        name_suffix=customer.name_suffix,
        customer_number=customer.customer_number or "",
        description=customer.description,
        postal=address(postal or billing),
        billing=address(billing) if separate_billing else None,
        emails=[i.value for i in infos if i.kind == "email"],
        mobiles=[i.value for i in infos if i.kind == "mobile"],
        phones=[i.value for i in infos if i.kind == "phone"],
        e_invoice=customer.e_invoice,
        government_agency=bool(customer.government_agency),
        buyer_reference=customer.buyer_reference or "",
        version=customer.version,
    )


def _write_address(customer: Customer, kind: str, form: AddressForm | None) -> None:
    existing = list(customer.addresses.where(Address.kind == kind).order_by(Address.position, Address.id))
    if form is None or form.empty:
        for row in existing[:1]:
            row.delete_instance()
        return
    row = existing[0] if existing else Address(customer=customer, kind=kind)
    row.street, row.zip, row.city = form.street.strip(), form.zip.strip(), form.city.strip()
    row.country = (form.country.strip() or "DE").upper()
    row.save()


def _write_ways(customer: Customer, kind: str, values: list[str]) -> None:
    values = [v.strip() for v in values if v.strip()]
    existing = list(
        customer.contact_infos.where(ContactInfo.kind == kind).order_by(ContactInfo.position, ContactInfo.id)
    )
    for position, value in enumerate(values):
        if position < len(existing):
            row = existing[position]
            if row.value != value or row.position != position:
                row.value, row.position = value, position
                row.save()
        else:
            ContactInfo.create(customer=customer, kind=kind, value=value, position=position)
    for row in existing[len(values) :]:
        row.delete_instance()


def _write_deliveries(customer: Customer, forms: list[AddressForm]) -> None:
    """The delivery addresses as typed: rows are updated in order (keeping their sevDesk
    ids), new ones added, the rest removed."""
    forms = [f for f in forms if not f.empty]
    existing = list(
        customer.addresses.where(Address.kind == "delivery").order_by(Address.position, Address.id)
    )
    for index, form in enumerate(forms):
        row = existing[index] if index < len(existing) else Address(customer=customer, kind="delivery")
        row.street, row.zip, row.city = form.street.strip(), form.zip.strip(), form.city.strip()
        row.country = (form.country.strip() or "DE").upper()
        row.position = 10 + index  # after the postal and billing rows
        row.save()
    for row in existing[len(forms) :]:
        row.delete_instance()


def _address_dict(kind: str, form: AddressForm) -> dict[str, str]:
    return {
        "kind": kind,
        "street": form.street.strip(),
        "zip": form.zip.strip(),
        "city": form.city.strip(),
        "country": (form.country.strip() or "DE").upper(),
    }


def create_customer(form: CustomerForm) -> int:
    """A new local customer: no sevDesk id, a local customer number when none was typed (C7)."""
    addresses = [] if form.postal.empty else [_address_dict("postal", form.postal)]
    if form.billing is not None and not form.billing.empty:
        addresses.append(_address_dict("billing", form.billing))
    addresses.extend(_address_dict("delivery", d) for d in form.deliveries if not d.empty)
    customer = create_local_customer(
        salutation=form.salutation.strip(),
        academic_title=form.academic_title.strip(),
        kind=form.kind,
        company=form.company.strip(),
        first_name=form.first_name.strip(),
        last_name=form.last_name.strip(),
        name_suffix=form.name_suffix.strip(),
        customer_number=form.customer_number.strip() or None,
        description=form.description.strip(),
        addresses=addresses,
        emails=form.emails[:2],
        mobiles=form.mobiles[:2],
        phones=form.phones[:1],
        e_invoice=form.e_invoice,
        government_agency=form.government_agency,
        buyer_reference=form.buyer_reference.strip(),
    )
    return int(customer.id)


def save_customer(customer_id: int | None, form: CustomerForm, force: bool = False) -> int:
    """Create (None) or update a customer from the dialog; returns its id.

    EditConflict when the customer was saved elsewhere since the dialog read
    ``form.version`` (T5); ``force`` saves the form over it (the user chose so)."""
    if customer_id is None:
        return create_customer(form)
    with db.atomic():
        if form.version is not None and not force and not claim_version(Customer, customer_id, form.version):
            stored = customer_form(customer_id)
            raise EditConflict(form_changes(stored, form), stored)
        customer = Customer.get_by_id(customer_id)
        number = form.customer_number.strip() or customer.customer_number
        customer.kind = form.kind
        customer.company = form.company.strip()
        customer.first_name = form.first_name.strip()
        customer.last_name = form.last_name.strip()
        customer.name_suffix = form.name_suffix.strip()
        customer.customer_number = number
        customer.description = form.description.strip()
        customer.e_invoice = form.e_invoice
        customer.government_agency = form.government_agency
        customer.buyer_reference = form.buyer_reference.strip()
        customer.salutation = form.salutation.strip()
        customer.academic_title = form.academic_title.strip()
        customer.updated_at = utcnow()
        customer.save()
        _write_address(customer, "postal", form.postal)
        has_billing = customer.addresses.where(Address.kind == "billing").exists()
        if form.billing is not None:
            _write_address(customer, "billing", form.billing)
        elif has_billing:
            # "No different billing address" keeps the billing row, equal to the postal one.
            _write_address(customer, "billing", form.postal)
        _write_ways(customer, "email", form.emails[:2])
        _write_ways(customer, "mobile", form.mobiles[:2])
        _write_ways(customer, "phone", form.phones[:1])
        _write_deliveries(customer, form.deliveries)
        return int(customer.id)


def delete_customer(customer_id: int) -> None:
    """Delete a customer by hand (C6); projects keep existing without a customer."""
    with db.atomic():
        Customer.get_by_id(customer_id).delete_instance(recursive=False)


# --- articles ------------------------------------------------------------------------------


@dataclass
class ArticleForm:
    number: str = ""
    name: str = ""
    unit: str = "Stk"
    net_price: Decimal = Decimal(0)
    vat_rate: Decimal = Decimal(19)
    description: str = ""
    active: bool = True
    version: int | None = None  # the stored version the dialog started from (T5)


@dataclass(frozen=True)
class ArticleRow:
    id: int
    number: str
    name: str
    unit: str
    net_price: Decimal
    vat_rate: Decimal
    gross_price: Decimal
    active: bool
    sevdesk_id: str | None

    @property
    def is_local(self) -> bool:
        return not self.sevdesk_id


def count_articles() -> int:
    """How many rows a full read of the Artikel table brings."""
    return int(Article.select().count())


def load_article_rows(ids: Iterable[int] | None = None) -> list[ArticleRow]:
    """All articles (or those with ``ids``: rows written by an import, or changed at another
    workstation) as rows: one tuple query, no model instances."""
    query = Article.select(
        Article.id,
        Article.number,
        Article.name,
        Article.unit,
        Article.net_price,
        Article.vat_rate,
        Article.active,
        Article.sevdesk_id,
    ).order_by(Article.id)
    if ids is not None:
        query = query.where(Article.id.in_(sorted(ids)))
    rows = []
    for aid, number, name, unit, net, vat, active, sevdesk_id in tuples(query):
        net = net if net is not None else Decimal(0)
        vat = vat if vat is not None else Decimal(0)
        rows.append(
            ArticleRow(
                id=aid,
                number=number,
                name=name,
                unit=unit,
                net_price=net,
                vat_rate=vat,
                gross_price=gross_price(net, vat),
                active=bool(active),
                sevdesk_id=sevdesk_id,
            )
        )
    return rows


def article_form(article_id: int) -> ArticleForm:
    article = Article.get_by_id(article_id)
    return ArticleForm(
        article.number,
        article.name,
        article.unit,
        article.net_price,
        article.vat_rate,
        article.description,
        bool(article.active),
        version=article.version,
    )


def save_article(article_id: int | None, form: ArticleForm, force: bool = False) -> int:
    """Create (None, a local article without sevDesk id) or update an article; EditConflict
    as for customers (T5)."""
    with db.atomic():
        if (
            article_id is not None
            and form.version is not None
            and not force
            and not claim_version(Article, article_id, form.version)
        ):
            stored = article_form(article_id)
            raise EditConflict(form_changes(stored, form), stored)
        article = Article(sevdesk_id=None) if article_id is None else Article.get_by_id(article_id)
        article.number = form.number.strip()
        article.name = form.name.strip()
        article.unit = form.unit.strip() or "Stk"
        article.net_price = form.net_price
        article.vat_rate = form.vat_rate
        article.description = form.description.strip()
        article.active = form.active
        article.updated_at = utcnow()
        article.save()
        return int(article.id)


def article_number_taken(number: str, own_id: int | None) -> bool:
    query = Article.select().where(Article.number == number.strip())
    if own_id is not None:
        query = query.where(Article.id != own_id)
    return query.exists()
