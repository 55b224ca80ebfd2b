"""The local domain: customers, articles, employees, projects → jobs → appointments,
worksheets, invoice drafts, import runs and settings.

Money and quantities are :class:`~decimal.Decimal` stored as text (``DecimalText``).
Timestamps we create are UTC ISO strings; sevDesk ``update`` values are kept verbatim.
"""

from __future__ import annotations

# The models live in three modules by subject; this one is the name every layer imports.
from ..clock import utcnow
from .base_models import BaseModel, SchemaVersion, Setting, db, version_field
from .customer_models import (
    ADDRESS_KINDS,
    CUSTOMER_KINDS,
    Address,
    Article,
    ContactInfo,
    Customer,
    display_name,
    one_line,
)
from .work_models import (
    APPOINTMENT_STATUSES,
    Appointment,
    AppointmentEmployee,
    DraftAppointment,
    Employee,
    InvoiceDraft,
    InvoiceEdit,
    Job,
    PlannedMaterial,
    Project,
    SyncRun,
    UsedArticle,
)

__all__ = [
    "ADDRESS_KINDS",
    "ALL_MODELS",
    "APPOINTMENT_STATUSES",
    "CUSTOMER_KINDS",
    "VERSIONED_MODELS",
    "Address",
    "Appointment",
    "AppointmentEmployee",
    "Article",
    "BaseModel",
    "ContactInfo",
    "Customer",
    "DraftAppointment",
    "Employee",
    "InvoiceDraft",
    "InvoiceEdit",
    "Job",
    "PlannedMaterial",
    "Project",
    "SchemaVersion",
    "Setting",
    "SyncRun",
    "UsedArticle",
    "db",
    "display_name",
    "one_line",
    "utcnow",
    "version_field",
]

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
