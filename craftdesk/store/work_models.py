"""The work: employees, projects → jobs → appointments with their people, planned
material and worksheet, invoice drafts with the edits of their proposal, and import runs
(SPEC §4, I1-I5, V1-V8)."""

from __future__ import annotations

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
from .customer_models import Article, Customer
from .fields import DecimalText

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
