"""The local domain: customers, articles, employees, projects → jobs → appointments,
worksheets, invoice drafts, import runs and settings.

Money and quantities are :class:`~decimal.Decimal` stored as text (``DecimalText``).
Timestamps we create are UTC ISO strings; sevDesk ``update`` values are kept verbatim.
"""

from __future__ import annotations

from typing import Any

from peewee import (
    SQL,
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    ModelSelect,
    ModelUpdate,
    TextField,
)

from ..clock import utcnow
from .fields import DecimalText

# The one proxy every model is bound to; store.db opens a database and binds it here
# (models and the proxy together, opening and migrating apart: no import circle).
db = DatabaseProxy()


class BaseModel(Model):
    """Records with a ``version`` field (T5) get a new version with every update, whoever
    writes it (a dialog, the import, another workstation), so a save that started from an
    older version can tell that it lost the race (store.versioning)."""

    class Meta:
        database = db
        legacy_table_names = False

    @classmethod
    def update(cls, data: Any = None, /, **update: Any) -> ModelUpdate:
        query = super().update(data, **update)
        version = cls._meta.fields.get("version")
        values: dict[Any, Any] = query._update  # type: ignore[attr-defined]
        if version is not None and version not in values:
            values[version] = version + 1
        return query

    @classmethod
    def update_unversioned(cls, **update: Any) -> ModelUpdate:
        """An update that leaves ``version`` alone (migration steps before step 6)."""
        return super().update(None, **update)

    def save(self, force_insert: bool = False, only: Any = None) -> Any:
        meta = self._meta
        record: Any = self  # peewee's private helpers (_pk, _pk_expr) are untyped
        updating = "version" in meta.fields and record._pk is not None and not force_insert
        if updating and only is None:
            only = [f for f in meta.sorted_fields if f.name != "version" and f is not meta.primary_key]
        rows = super().save(force_insert=force_insert, only=only)
        if updating and rows:
            model: Any = type(self)
            record.version = model.select(model.version).where(record._pk_expr()).scalar()
        return rows


def version_field() -> IntegerField:
    """The edit counter of T5 (migration 6); a SQL default, so bulk inserts get 1 too."""
    return IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class SchemaVersion(BaseModel):
    id = AutoField()
    version = IntegerField()
    applied_at = DateTimeField(default=utcnow)


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField(null=True)


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


# --- people and work ---------------------------------------------------------------------


class Employee(BaseModel):
    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    appointments: ModelSelect[AppointmentEmployee]
    name = CharField()
    email = CharField(null=True)
    sevdesk_user_id = CharField(null=True, index=True)
    active = BooleanField(default=True)
    color = CharField(default="")  # "#rrggbb" on the planning board; "" = from the palette (P1)
    version = version_field()


class Project(BaseModel):
    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    customer_id: int | None
    jobs: ModelSelect[Job]
    invoices: ModelSelect[InvoiceDraft]
    title = CharField()
    customer = ForeignKeyField(Customer, null=True, backref="projects", on_delete="SET NULL")
    sevdesk_order_id = CharField(null=True, unique=True)
    sevdesk_order_number = CharField(null=True)
    site_street = CharField(default="")
    site_zip = CharField(default="")
    site_city = CharField(default="")
    site_country = CharField(default="DE")
    # Why the job site may not be the confirmation's (O5 fell back to the postal address);
    # empty when it matched or the user set the site.
    site_note = TextField(default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    version = version_field()


class Job(BaseModel):
    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    project_id: int
    appointments: ModelSelect[Appointment]
    project = ForeignKeyField(Project, backref="jobs", on_delete="CASCADE")
    title = CharField()
    position = IntegerField(default=0)
    version = version_field()


# Stable export codes; the UI shows the German names.
APPOINTMENT_STATUSES = {
    "unscheduled": "Nicht terminiert",
    "scheduled": "Terminiert",
    "in_progress": "In Bearbeitung",
    "problem": "Problem",
    "done": "Fertig",
    "archived": "Archiv",
}


class InvoiceDraft(BaseModel):
    """One attempt to create one sevDesk draft; ``reference`` makes it findable (I5)."""

    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    project_id: int
    appointments: ModelSelect[Appointment]
    covered: ModelSelect[DraftAppointment]
    project = ForeignKeyField(Project, backref="invoices", on_delete="CASCADE")
    reference = CharField(unique=True)
    state = CharField(default="pending")  # pending | sent | failed
    sevdesk_id = CharField(null=True)
    sevdesk_contact_id = CharField(null=True)
    error = TextField(null=True)
    created_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)
    # The proposal (lines and header, JSON) frozen when the draft was claimed: a retry
    # sends exactly what the office saw and edited (V1, I5).
    proposal = TextField(null=True)
    # Payment status read back from sevDesk (V8): draft | open | partially_paid | paid |
    # cancelled; invoice number, gross sum and paid amount as sevDesk reports them.
    payment_status = CharField(null=True)
    number = CharField(null=True)
    sum_gross = DecimalText(null=True)
    paid_amount = DecimalText(null=True)
    status_checked_at = DateTimeField(null=True)
    claim = CharField(null=True)  # token of the attempt sending it (H8, services.invoice_claim)


class Appointment(BaseModel):
    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    job_id: int
    customer_id: int | None
    invoice_id: int | None
    people: ModelSelect[AppointmentEmployee]
    planned: ModelSelect[PlannedMaterial]
    used: ModelSelect[UsedArticle]
    job = ForeignKeyField(Job, backref="appointments", on_delete="CASCADE")
    title = CharField()
    status = CharField(default="unscheduled")
    # Wall-clock times of the business (Europe/Berlin), stored naive (P1, P8).
    start = DateTimeField(null=True, index=True)
    end = DateTimeField(null=True)
    customer = ForeignKeyField(Customer, null=True, on_delete="SET NULL")
    site_street = CharField(default="")
    site_zip = CharField(default="")
    site_city = CharField(default="")
    site_country = CharField(default="DE")
    hours = DecimalText(null=True)
    notes = TextField(default="")
    invoice = ForeignKeyField(InvoiceDraft, null=True, backref="appointments", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    version = version_field()


class AppointmentEmployee(BaseModel):
    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    appointment_id: int
    employee_id: int
    appointment = ForeignKeyField(Appointment, backref="people", on_delete="CASCADE")
    employee = ForeignKeyField(Employee, backref="appointments", on_delete="CASCADE")
    role = CharField()  # assignee | observer

    class Meta:
        indexes = ((("appointment", "employee", "role"), True),)


class PlannedMaterial(BaseModel):
    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    appointment_id: int
    article_id: int | None
    appointment = ForeignKeyField(Appointment, backref="planned", on_delete="CASCADE")
    article = ForeignKeyField(Article, null=True, on_delete="SET NULL")
    text = CharField(default="")  # free-text line when there is no article
    quantity = DecimalText(default="1")
    unit = CharField(default="")
    position = IntegerField(default=0)
    # What the confirmation's position said (V2); None: the article's current price/rate.
    net_price = DecimalText(null=True)
    vat_rate = DecimalText(null=True)


class UsedArticle(BaseModel):
    """A worksheet line: an article, or a free-text line (no article) taken over from the
    confirmation (V2). ``planned`` names the planned line it was taken over from (V3)."""

    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    planned_id: int | None
    appointment_id: int
    article_id: int
    appointment = ForeignKeyField(Appointment, backref="used", on_delete="CASCADE")
    article = ForeignKeyField(Article, null=True, on_delete="RESTRICT")
    quantity = DecimalText(default="1")
    position = IntegerField(default=0)
    text = CharField(default="")
    unit = CharField(default="")
    net_price = DecimalText(null=True)  # None: the article's price
    vat_rate = DecimalText(null=True)  # None: the article's rate
    planned = ForeignKeyField(PlannedMaterial, null=True, on_delete="SET NULL")


class DraftAppointment(BaseModel):
    """Which appointments a (pending) draft covers; they are marked invoiced on success."""

    id = AutoField()
    # Set by peewee: the foreign keys' raw ids and the back-references.
    draft_id: int
    appointment_id: int
    draft = ForeignKeyField(InvoiceDraft, backref="covered", on_delete="CASCADE")
    appointment = ForeignKeyField(Appointment, on_delete="CASCADE")


class InvoiceEdit(BaseModel):
    """The office's edits of a project's invoice proposal (V1), kept until the draft exists."""

    project = ForeignKeyField(Project, unique=True, backref="invoice_edits", on_delete="CASCADE")
    data = TextField()  # JSON, see services.invoice_edits
    updated_at = DateTimeField(default=utcnow)


# --- import runs -------------------------------------------------------------------------


class SyncRun(BaseModel):
    id = AutoField()
    kind = CharField()  # customers | articles | all | orders
    trigger = CharField(default="manual")  # manual | scheduled | cli | connect
    started_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField(null=True)
    status = CharField(default="running")  # running | ok | failed | cancelled | skipped
    created = IntegerField(default=0)
    updated = IntegerField(default=0)
    unchanged = IntegerField(default=0)
    skipped = IntegerField(default=0)
    flagged = IntegerField(default=0)
    requests = IntegerField(default=0)
    error = TextField(null=True)


# Records a user edits in a dialog; a save checks their version (T5).
VERSIONED_MODELS: list[type[BaseModel]] = [Customer, Article, Employee, Project, Job, Appointment]

ALL_MODELS: list[type[BaseModel]] = [
    SchemaVersion,
    Setting,
    Customer,
    Address,
    ContactInfo,
    Article,
    Employee,
    Project,
    Job,
    InvoiceDraft,
    Appointment,
    AppointmentEmployee,
    PlannedMaterial,
    UsedArticle,
    DraftAppointment,
    InvoiceEdit,
    SyncRun,
]
