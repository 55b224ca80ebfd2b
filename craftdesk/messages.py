"""Every sentence the service layer (sevDesk client, imports, invoices) says to the user,
once, by key.

Services and the command line use a :class:`Message`: a ``str`` holding the German
sentence (so it prints, logs and compares like any text) that also carries its ``key`` and
its arguments. The GUI translates a Message from its key and arguments with Qt's tools
(``sync.messages``), never by taking the German sentence apart. Qt-free: the templates are
marked with ``QT_TRANSLATE_NOOP`` (a no-op here) so Qt's ``lupdate`` finds them; ``%1``,
``%2`` … stand for the arguments, as in Qt.

Texts stored before they could carry a key (the error column of the import history) are
recognised by :func:`parse` against the same templates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .message_keys import Key as Key  # re-exported: every user imports it from here

CONTEXT = "ServiceText"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name Qt's lupdate looks for
    """Marks ``text`` for Qt's translation tools; returns it unchanged."""
    return text


TEMPLATES: dict[Key, str] = {
    Key.AUTH_REJECTED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "sevDesk hat den API-Token abgelehnt – vermutlich wurde er in sevDesk geändert "
        "(sevDesk vergibt einen neuen Token, wenn der Benutzer bearbeitet wird); bitte den aktuellen "
        "Token eintragen.",
    ),
    Key.NO_TOKEN: QT_TRANSLATE_NOOP("ServiceText", "Es ist kein sevDesk-API-Token hinterlegt."),
    Key.NO_TOKEN_CONNECT_FIRST: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Es ist kein sevDesk-API-Token hinterlegt – bitte zuerst verbinden "
        "(Schnittstellen → sevDesk oder „craftdesk connect --token-stdin“).",
    ),
    Key.CANCELLED: QT_TRANSLATE_NOOP("ServiceText", "Der Abgleich wurde abgebrochen."),
    Key.CANCELLED_SHORT: QT_TRANSLATE_NOOP("ServiceText", "abgebrochen"),
    Key.NOT_FOUND: QT_TRANSLATE_NOOP("ServiceText", "Der Datensatz wurde in sevDesk nicht gefunden."),
    Key.THROTTLED: QT_TRANSLATE_NOOP(
        "ServiceText", "sevDesk bremst gerade zu viele Anfragen; später erneut versuchen."
    ),
    Key.TIMEOUT: QT_TRANSLATE_NOOP("ServiceText", "sevDesk antwortet nicht rechtzeitig."),
    Key.UNREACHABLE: QT_TRANSLATE_NOOP(
        "ServiceText", "sevDesk ist nicht erreichbar – bitte die Internetverbindung prüfen."
    ),
    Key.CONNECTION_FAILED: QT_TRANSLATE_NOOP("ServiceText", "Die Verbindung zu sevDesk ist fehlgeschlagen."),
    Key.UNREADABLE_ANSWER: QT_TRANSLATE_NOOP("ServiceText", "sevDesk hat eine unlesbare Antwort geschickt."),
    Key.UNEXPECTED_ANSWER: QT_TRANSLATE_NOOP(
        "ServiceText", "sevDesk hat eine unerwartete Antwort geschickt."
    ),
    Key.REFUSED: QT_TRANSLATE_NOOP("ServiceText", "sevDesk hat die Anfrage abgelehnt"),
    Key.REFUSED_BECAUSE: QT_TRANSLATE_NOOP("ServiceText", "sevDesk hat die Anfrage abgelehnt: %1"),
    Key.SEVDESK_ERROR: QT_TRANSLATE_NOOP("ServiceText", "sevDesk meldet einen Fehler"),
    Key.SEVDESK_ERROR_BECAUSE: QT_TRANSLATE_NOOP("ServiceText", "sevDesk meldet einen Fehler: %1"),
    Key.SERVER_ERROR: QT_TRANSLATE_NOOP("ServiceText", "sevDesk meldet einen Serverfehler (%1)."),
    Key.RUN_OVERLAPPED: QT_TRANSLATE_NOOP("ServiceText", "Ein anderer Abgleich lief noch."),
    Key.UNEXPECTED_IN_LOG: QT_TRANSLATE_NOOP(
        "ServiceText", "Unerwarteter Fehler – Einzelheiten im Protokoll."
    ),
    Key.UNEXPECTED_OF_KIND: QT_TRANSLATE_NOOP("ServiceText", "Unerwarteter Fehler (%1)"),
    Key.LOADING_CATEGORIES: QT_TRANSLATE_NOOP("ServiceText", "Kategorien werden geladen"),
    Key.SAVING_CUSTOMERS: QT_TRANSLATE_NOOP("ServiceText", "Kunden werden gespeichert"),
    Key.SAVING_ARTICLES: QT_TRANSLATE_NOOP("ServiceText", "Artikel werden gespeichert"),
    Key.IMPORT_DONE: QT_TRANSLATE_NOOP("ServiceText", "Abgleich abgeschlossen"),
    Key.PAGE_PROGRESS: QT_TRANSLATE_NOOP("ServiceText", "%1: %2 von %3"),
    Key.PHASE_CUSTOMERS: QT_TRANSLATE_NOOP("ServiceText", "Kunden"),
    Key.PHASE_ADDRESSES: QT_TRANSLATE_NOOP("ServiceText", "Adressen"),
    Key.PHASE_COMM_WAYS: QT_TRANSLATE_NOOP("ServiceText", "Kommunikationswege"),
    Key.PHASE_ARTICLES: QT_TRANSLATE_NOOP("ServiceText", "Artikel"),
    Key.HOURLY_RATE_ZERO: QT_TRANSLATE_NOOP(
        "ServiceText", "Der Stundensatz ist 0,00 € – bitte in den Einstellungen eintragen."
    ),
    Key.ZERO_PRICE_LINES: QT_TRANSLATE_NOOP(
        "ServiceText", "Positionen mit 0,00 €: %1 – bitte prüfen; vor dem Anlegen fragt craftdesk nach."
    ),
    Key.DOUBLE_LABOUR_TWICE: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Arbeitszeit doppelt? Für „%1“ werden die dokumentierten %2 und %3 berechnet – bitte eine "
        "der Positionen entfernen oder „Beide berechnen“ wählen.",
    ),
    Key.EARLIER_ATTEMPT: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Ein früherer Versuch ist unvollständig: craftdesk sucht diesen Entwurf zuerst "
        "in sevDesk und legt ihn nur an, wenn es ihn dort nicht gibt.",
    ),
    Key.NO_CONTACT_PERSON: QT_TRANSLATE_NOOP(
        "ServiceText",
        "In sevDesk gibt es keinen Benutzer, der als Ansprechpartner der Rechnung eingetragen werden kann.",
    ),
    Key.NOTHING_TO_INVOICE: QT_TRANSLATE_NOOP(
        "ServiceText", "Im Projekt „%1“ gibt es keinen fertigen Termin, der noch nicht abgerechnet ist."
    ),
    Key.PROJECT_WITHOUT_CUSTOMER: QT_TRANSLATE_NOOP(
        "ServiceText", "Dem Projekt „%1“ ist kein Kunde zugeordnet."
    ),
    Key.APPOINTMENT_WITHOUT_HOURS: QT_TRANSLATE_NOOP(
        "ServiceText", "Für den Termin „%1“ sind keine Stunden dokumentiert."
    ),
    Key.APPOINTMENT_AFTER_INVOICE_DATE: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Der Termin „%1“ ist erst am %2, nach dem Rechnungsdatum: Die Leistung wird bis zum %3 "
        "angegeben, die Position nennt den %2. Bitte das Datum des Termins prüfen.",
    ),
    Key.CUSTOMER_WITHOUT_ADDRESS: QT_TRANSLATE_NOOP(
        "ServiceText", "Für den Kunden „%1“ ist keine Anschrift hinterlegt."
    ),
    Key.UNKNOWN_UNIT: QT_TRANSLATE_NOOP("ServiceText", "Die Einheit „%1“ gibt es in sevDesk nicht."),
    Key.NO_PART_CATEGORY_BUT: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Keine der eingestellten Artikelkategorien (%1) gibt es in sevDesk, dort gibt es "
        "%2 – es wurden keine Artikel importiert; bitte die Kategorien unter Schnittstellen → "
        "Einstellungen wählen.",
    ),
    Key.NO_PART_CATEGORY_AT_ALL: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Keine der eingestellten Artikelkategorien (%1) gibt es in sevDesk, und das Konto "
        "hat keine Artikelkategorien – es wurden keine Artikel importiert.",
    ),
    Key.JOB_SITE_FALLBACK: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Adresse der Auftragsbestätigung „%1“ passt zu keiner Adresse des Kunden – "
        "als Einsatzort wurde „%2“ eingesetzt; bitte prüfen.",
    ),
    Key.ORDER_DISCOUNT: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Auftragsbestätigung hat einen Rabatt oder Aufschlag auf die Gesamtsumme, der in keiner "
        "geplanten Position steckt – bitte im Rechnungsentwurf berücksichtigen (Betrag in den "
        "Notizen des Termins).",
    ),
    Key.OPTIONAL_POSITIONS: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Optionale Positionen der Auftragsbestätigung sind nicht eingeplant; sie stehen in den "
        "Notizen des Termins.",
    ),
    Key.SKIPPED_POSITIONS: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Positionen der Auftragsbestätigung, die craftdesk nicht lesen konnte, sind nicht "
        "eingeplant; sie stehen in den Notizen des Termins.",
    ),
    Key.END_BEFORE_START_EDIT: QT_TRANSLATE_NOOP(
        "ServiceText", "Das Ende eines Termins liegt vor seinem Beginn."
    ),
    Key.EMPLOYEE_NEEDS_NAME: QT_TRANSLATE_NOOP("ServiceText", "Ein Mitarbeiter braucht einen Namen."),
    Key.DONE_NEEDS_HOURS: QT_TRANSLATE_NOOP(
        "ServiceText", "Für „Fertig“ werden die geleisteten Stunden benötigt."
    ),
    Key.END_BEFORE_START: QT_TRANSLATE_NOOP(
        "ServiceText", "Das Ende eines Termins muss nach seinem Beginn liegen."
    ),
    Key.TIME_OUT_OF_RANGE: QT_TRANSLATE_NOOP("ServiceText", "Termine müssen zwischen 1900 und 2100 liegen."),
    Key.TOO_LONG: QT_TRANSLATE_NOOP("ServiceText", "Ein Termin darf höchstens 14 Tage dauern."),
    Key.TIME_SKIPPED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Den Zeitpunkt %1 gibt es nicht: In dieser Nacht wird die Uhr von 2 auf 3 Uhr vorgestellt.",
    ),
    Key.TIME_TWICE: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Den Zeitpunkt %1 nach dem Zurückstellen der Uhr (das zweite Mal in dieser Nacht) kann "
        "craftdesk nicht speichern; bitte eine andere Zeit wählen.",
    ),
    Key.CHANGED_SINCE_STEP: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Der Termin „%1“ wurde seitdem geändert; dieser Schritt lässt sich nicht mehr rückgängig machen.",
    ),
    Key.INVOICED_NOT_MOVED: QT_TRANSLATE_NOOP(
        "ServiceText", "Der Termin „%1“ ist bereits abgerechnet und wird nicht mehr verschoben."
    ),
    Key.DONE_STAYS_SCHEDULED: QT_TRANSLATE_NOOP(
        "ServiceText", "Der Termin „%1“ ist fertig und bleibt terminiert."
    ),
    Key.WORK_REPORT_NOT_DONE: QT_TRANSLATE_NOOP(
        "ServiceText", "Einen Arbeitsbericht gibt es erst, wenn „%1“ auf „Fertig“ steht."
    ),
    Key.NOT_INSTALLED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "craftdesk läuft nicht aus dem Ordner „Programme“ – bitte craftdesk beenden, "
        "craftdesk.app in „Programme“ ziehen und von dort starten; erst dann kann es mit dem System "
        "starten.",
    ),
    Key.STORAGE_SERVER: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Der Datenbankserver ist nicht erreichbar oder hat die Anmeldung abgelehnt – es wurde "
        "nichts verändert; bitte Netzwerk, Server und Zugangsdaten prüfen.",
    ),
    Key.STORAGE_SERVER_LOGIN: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Der Datenbankserver hat die Anmeldung abgelehnt (Benutzer oder Passwort falsch) – es "
        "wurde nichts verändert; bitte die Zugangsdaten prüfen.",
    ),
    Key.STORAGE_SERVER_NO_DATABASE: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die genannte Datenbank gibt es auf dem Datenbankserver nicht – es wurde nichts "
        "verändert; bitte die Adresse prüfen.",
    ),
    Key.STORAGE_CORRUPT: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Datenbank %1 ist beschädigt und wurde nicht verändert; eine Sicherungskopie liegt "
        "unter %2. Eine Sicherung aus %3 lässt sich mit „craftdesk restore DATEI“ zurückholen "
        "(das Fenster bietet die neueste beim Start an); sonst bitte den Support verständigen.",
    ),
    Key.STORAGE_CORRUPT_NO_COPY: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Datenbank %1 ist beschädigt und wurde nicht verändert; eine Sicherungskopie ließ "
        "sich nicht anlegen (%2) – bitte die Datei selbst sichern und den Support verständigen.",
    ),
    Key.STORAGE_NEWER: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Datenbank %1 stammt von einer neueren craftdesk-Version und wurde nicht verändert – "
        "bitte die neuere Version verwenden.",
    ),
    Key.STORAGE_LOCKED: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Datenbank %1 ist von einem anderen Programm gesperrt (läuft craftdesk schon?) – es "
        "ging nichts verloren, bitte später erneut versuchen.",
    ),
    Key.STORAGE_LOCKED_SHORT: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Datenbank ist von einem anderen Programm gesperrt – es ging nichts verloren, bitte "
        "später erneut versuchen.",
    ),
    Key.STORAGE_FULL: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Auf dem Datenträger ist kein Platz mehr frei – die angefangene Änderung wurde verworfen, "
        "die gespeicherten Daten sind unverändert; bitte Platz schaffen und erneut versuchen.",
    ),
    Key.STORAGE_UNUSABLE: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Datenbank %1 lässt sich nicht lesen oder schreiben – Einzelheiten stehen im Protokoll %2.",
    ),
    Key.DATA_DIR_NOT_WRITABLE: QT_TRANSLATE_NOOP(
        "ServiceText", "Der Datenordner ist nicht beschreibbar (%1)."
    ),
    Key.IMPORT_INTERRUPTED: QT_TRANSLATE_NOOP(
        "ServiceText", "Der Abgleich wurde unterbrochen (Programm beendet)."
    ),
    Key.RESTORE_DURING_IMPORT: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Gerade läuft ein Abgleich mit dieser Datenbank; bitte warten, bis er fertig ist, und "
        "dann wiederherstellen.",
    ),
    Key.IMPORT_RUNNING: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Es läuft bereits ein Abgleich mit dieser Datenbank (in einem anderen Fenster "
        "oder Befehl); bitte warten, bis er fertig ist.",
    ),
    Key.IMPORT_RUNNING_ON: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Abgleich läuft auf %1: es läuft bereits ein Abgleich mit dieser Datenbank; "
        "bitte warten, bis er fertig ist.",
    ),
    Key.USER_NAME_HIDDEN: QT_TRANSLATE_NOOP(
        "ServiceText", "sevDesk-Benutzer %1 (Name für diesen Token nicht sichtbar)"
    ),
    Key.DB_URL_INVALID: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Datenbank-Adresse ist ungültig: bitte Server und Port prüfen "
        "(z. B. postgresql://craftdesk@nas.local:5432/craftdesk).",
    ),
    Key.DB_URL_SCHEME: QT_TRANSLATE_NOOP(
        "ServiceText", "Die Datenbank-Adresse muss mit postgresql:// beginnen."
    ),
    Key.DB_URL_INCOMPLETE: QT_TRANSLATE_NOOP(
        "ServiceText",
        "Die Datenbank-Adresse braucht Server und Datenbankname, z. B. postgresql://craftdesk@nas.local/craftdesk.",
    ),
    Key.DB_URL_TIMEOUT: QT_TRANSLATE_NOOP(
        "ServiceText", "In der Datenbank-Adresse muss connect_timeout eine Zahl von Sekunden sein."
    ),
    Key.DB_URL_SSLMODE: QT_TRANSLATE_NOOP(
        "ServiceText", "In der Datenbank-Adresse ist sslmode unbekannt; möglich sind: %1."
    ),
    Key.BACKUP_IS_FOLDER: QT_TRANSLATE_NOOP(
        "ServiceText", "„%1“ ist ein Ordner, keine Sicherung: bitte die Sicherungsdatei angeben."
    ),
    Key.BACKUP_MISSING: QT_TRANSLATE_NOOP("ServiceText", "Die Sicherungsdatei %1 gibt es nicht."),
    Key.BACKUP_UNOPENABLE: QT_TRANSLATE_NOOP("ServiceText", "Die Sicherung %1 lässt sich nicht öffnen."),
    Key.BACKUP_DAMAGED: QT_TRANSLATE_NOOP(
        "ServiceText", "Die Sicherung %1 ist beschädigt und wird nicht verwendet."
    ),
    Key.BACKUP_NOT_CRAFTDESK: QT_TRANSLATE_NOOP(
        "ServiceText", "Die Datei %1 ist keine lesbare craftdesk-Sicherung."
    ),
    Key.BACKUP_NEWER: QT_TRANSLATE_NOOP(
        "ServiceText", "Die Sicherung %1 stammt von einer neueren craftdesk-Version und wird nicht verwendet."
    ),
    Key.BACKUP_NOT_WRITTEN: QT_TRANSLATE_NOOP("ServiceText", "Die Sicherung ließ sich nicht schreiben (%1)."),
    Key.RESTORE_FAILED_UNCHANGED: QT_TRANSLATE_NOOP(
        "ServiceText", "Die Wiederherstellung ist gescheitert (%1); die Daten sind unverändert."
    ),
    Key.RESTORE_WITHOUT_SAFETY: QT_TRANSLATE_NOOP(
        "ServiceText", "%1 Ohne diese Sicherung des jetzigen Stands wurde nichts wiederhergestellt."
    ),
    Key.RESTORE_FAILED_PREVIOUS_IN: QT_TRANSLATE_NOOP(
        "ServiceText", "Die Wiederherstellung ist gescheitert (%1); der vorige Stand liegt in %2."
    ),
    Key.RESTORE_FAILED_DAMAGED_IN: QT_TRANSLATE_NOOP(
        "ServiceText", "Die Wiederherstellung ist gescheitert (%1); die beschädigte Datenbank liegt in %2."
    ),
}

# The import phases as the page sweep names them.
PHASES = {
    "Kunden": Key.PHASE_CUSTOMERS,
    "Adressen": Key.PHASE_ADDRESSES,
    "Kommunikationswege": Key.PHASE_COMM_WAYS,
    "Artikel": Key.PHASE_ARTICLES,
}


_PLACE = re.compile(r"%(\d+)")


def fill(template: str, args: Sequence[str]) -> str:
    """``template`` with ``%1``, ``%2`` … replaced in one pass: an argument that holds
    "%1" itself (a folder "50%1 Rabatt") stays as it is, and ``%1`` never eats the start
    of ``%10``; a number without an argument stays as written."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return args[number - 1] if 0 < number <= len(args) else match.group(0)

    return _PLACE.sub(value, template)


class Message(str):
    """A service sentence: the German text, plus its key and arguments for translation.
    An argument may itself be a Message (e.g. the phase of an import's progress)."""

    key: Key
    args: tuple[str, ...]

    def __new__(cls, key: Key, *args: str) -> Message:
        self = super().__new__(cls, fill(TEMPLATES[key], tuple(str(a) for a in args)))
        self.key = key
        self.args = tuple(args)
        return self

    def __reduce__(self) -> tuple[type[Message], tuple[str, ...]]:  # pickles and copies keep the key
        return (Message, (self.key, *self.args))


def phase(label: str) -> str:
    """An import phase's name as a Message when it is one of the known phases."""
    key = PHASES.get(label)
    return Message(key) if key is not None else label


@cache
def _patterns() -> list[tuple[Key, re.Pattern[str]]]:
    found = []
    for key, template in TEMPLATES.items():
        parts = re.split(r"%\d", template)
        pattern = "(.+?)".join(re.escape(p) for p in parts)
        found.append((key, re.compile(f"^{pattern}$", re.DOTALL)))
    # Longer templates first, so "… abgelehnt: %1" wins over "… abgelehnt".
    found.sort(key=lambda item: -len(TEMPLATES[item[0]]))
    return found


def parse(text: str) -> Message | None:
    """The Message a stored German text was made from, or None for any other text."""
    for key, pattern in _patterns():
        match = pattern.match(text)
        if match is not None:
            args = [
                phase(value) if key is Key.PAGE_PROGRESS and number == 0 else value
                for number, value in enumerate(match.groups())
            ]
            return Message(key, *args)
    return None
