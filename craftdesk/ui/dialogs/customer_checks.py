"""The customer dialog's checks before saving and the field names it shows when another
workstation changed the customer meanwhile (T5). The texts belong to the dialog's
translation context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...services.local_records import CustomerForm


def form_problem(form: CustomerForm, *, buyer_reference_required: bool) -> str | None:
    """Why the form cannot be saved, in one sentence, or None. ``buyer_reference_required``:
    the Leitweg-ID is ours to enter (not kept in sevDesk)."""
    if form.kind == "organisation" and not form.company.strip():
        return QCoreApplication.translate("CustomerDialog", "Bitte geben Sie den Firmennamen ein.")
    if form.kind == "person" and not (form.last_name.strip() or form.first_name.strip()):
        return QCoreApplication.translate("CustomerDialog", "Bitte geben Sie den Namen der Person ein.")
    for email in form.emails:
        if email.strip() and "@" not in email:
            return QCoreApplication.translate(
                "CustomerDialog", "„%1“ ist keine gültige E-Mail-Adresse."
            ).replace("%1", email.strip())
    if form.government_agency and buyer_reference_required and not form.buyer_reference.strip():
        return QCoreApplication.translate(
            "CustomerDialog", "Behörden brauchen für E-Rechnungen eine Leitweg-ID."
        )
    return None


def conflict_labels() -> dict[str, str]:
    """The fields' names, for the list of what another workstation changed (T5)."""
    return {
        "kind": QCoreApplication.translate("CustomerDialog", "Art"),
        "company": QCoreApplication.translate("CustomerDialog", "Firma"),
        "first_name": QCoreApplication.translate("CustomerDialog", "Vorname"),
        "last_name": QCoreApplication.translate("CustomerDialog", "Nachname"),
        "name_suffix": QCoreApplication.translate("CustomerDialog", "Namenszusatz"),
        "customer_number": QCoreApplication.translate("CustomerDialog", "Kundennummer"),
        "description": QCoreApplication.translate("CustomerDialog", "Beschreibung"),
        "postal": QCoreApplication.translate("CustomerDialog", "Postanschrift"),
        "billing": QCoreApplication.translate("CustomerDialog", "Rechnungsanschrift"),
        "emails": QCoreApplication.translate("CustomerDialog", "E-Mail"),
        "mobiles": QCoreApplication.translate("CustomerDialog", "Mobil"),
        "phones": QCoreApplication.translate("CustomerDialog", "Telefon"),
        "salutation": QCoreApplication.translate("CustomerDialog", "Anrede"),
        "academic_title": QCoreApplication.translate("CustomerDialog", "Titel"),
        "deliveries": QCoreApplication.translate("CustomerDialog", "Lieferanschriften"),
        "e_invoice": QCoreApplication.translate("CustomerDialog", "E-Rechnung"),
        "government_agency": QCoreApplication.translate("CustomerDialog", "Behörde"),
        "buyer_reference": QCoreApplication.translate("CustomerDialog", "Leitweg-ID"),
    }
