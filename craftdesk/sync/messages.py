"""The service layer's German sentences (errors, import progress, invoice warnings) in the
UI language.

Services, the sevDesk client and the command line speak German and know nothing of Qt;
the GUI passes what they say through :func:`localize` before showing it, so the English UI
does not show German sentences. Fixed sentences are listed in ``FIXED`` (for the
translation tools, which extract them from here); sentences with a variable part are
matched by ``PATTERNS``. Anything not listed is shown as it is.

QtCore only (habit: sync/ never imports QtWidgets).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ServiceText"

# Exactly as the services say them; tests compare them with the services' constants.
FIXED = (
    QT_TRANSLATE_NOOP("ServiceText", "sevDesk hat den API-Token abgelehnt – vermutlich wurde er in "
                      "sevDesk geändert (sevDesk vergibt einen neuen Token, wenn der Benutzer "
                      "bearbeitet wird); bitte den aktuellen Token eintragen."),
    QT_TRANSLATE_NOOP("ServiceText", "Es ist kein sevDesk-API-Token hinterlegt."),
    QT_TRANSLATE_NOOP("ServiceText", "Es ist kein sevDesk-API-Token hinterlegt – bitte zuerst "
                      "verbinden (Schnittstellen → sevDesk oder „craftdesk connect --token-stdin“)."),
    QT_TRANSLATE_NOOP("ServiceText", "Der Abgleich wurde abgebrochen."),
    QT_TRANSLATE_NOOP("ServiceText", "abgebrochen"),
    QT_TRANSLATE_NOOP("ServiceText", "Der Datensatz wurde in sevDesk nicht gefunden."),
    QT_TRANSLATE_NOOP("ServiceText", "sevDesk bremst gerade zu viele Anfragen; später erneut versuchen."),
    QT_TRANSLATE_NOOP("ServiceText", "sevDesk antwortet nicht rechtzeitig."),
    QT_TRANSLATE_NOOP("ServiceText", "sevDesk ist nicht erreichbar – bitte die Internetverbindung prüfen."),
    QT_TRANSLATE_NOOP("ServiceText", "Die Verbindung zu sevDesk ist fehlgeschlagen."),
    QT_TRANSLATE_NOOP("ServiceText", "sevDesk hat eine unlesbare Antwort geschickt."),
    QT_TRANSLATE_NOOP("ServiceText", "sevDesk hat eine unerwartete Antwort geschickt."),
    QT_TRANSLATE_NOOP("ServiceText", "sevDesk hat die Anfrage abgelehnt"),
    QT_TRANSLATE_NOOP("ServiceText", "sevDesk meldet einen Fehler"),
    QT_TRANSLATE_NOOP("ServiceText", "Ein anderer Abgleich lief noch."),
    QT_TRANSLATE_NOOP("ServiceText", "Unerwarteter Fehler – Einzelheiten im Protokoll."),
    # Import progress.
    QT_TRANSLATE_NOOP("ServiceText", "Kategorien werden geladen"),
    QT_TRANSLATE_NOOP("ServiceText", "Kunden werden gespeichert"),
    QT_TRANSLATE_NOOP("ServiceText", "Artikel werden gespeichert"),
    QT_TRANSLATE_NOOP("ServiceText", "Abgleich abgeschlossen"),
    # Invoice preview and drafts.
    QT_TRANSLATE_NOOP("ServiceText", "Der Stundensatz ist 0,00 € – bitte in den Einstellungen eintragen."),
    QT_TRANSLATE_NOOP("ServiceText", "Ein früherer Versuch ist unvollständig: craftdesk sucht diesen "
                      "Entwurf zuerst in sevDesk und legt ihn nur an, wenn es ihn dort nicht gibt."),
    QT_TRANSLATE_NOOP("ServiceText", "In sevDesk gibt es keinen Benutzer, der als Ansprechpartner "
                      "der Rechnung eingetragen werden kann."),
    # Start with the system (autostart.NOT_INSTALLED).
    QT_TRANSLATE_NOOP("ServiceText", "craftdesk läuft nicht aus dem Ordner „Programme“ – bitte craftdesk "
                      "beenden, craftdesk.app in „Programme“ ziehen und von dort starten; erst dann "
                      "kann es mit dem System starten."),
    # Planning (P1–P4).
    QT_TRANSLATE_NOOP("ServiceText", "Das Ende eines Termins muss nach seinem Beginn liegen."),
    QT_TRANSLATE_NOOP("ServiceText", "Termine müssen zwischen 1900 und 2100 liegen."),
    QT_TRANSLATE_NOOP("ServiceText", "Ein Termin darf höchstens 14 Tage dauern."),
    # The invoice editor (V1) and the worksheet (V2, V3).
    QT_TRANSLATE_NOOP("ServiceText", "Ein Rechnungsentwurf braucht mindestens eine Position."),
    QT_TRANSLATE_NOOP("ServiceText", "Jede Position braucht einen Text."),
    QT_TRANSLATE_NOOP("ServiceText", "Der Leistungszeitraum endet vor seinem Beginn."),
    QT_TRANSLATE_NOOP("ServiceText", "Der Rechnungsentwurf braucht einen Titel."),
    QT_TRANSLATE_NOOP("ServiceText", "Eine Freitext-Zeile braucht einen Text."),
    QT_TRANSLATE_NOOP("ServiceText", "Die verwendete Menge muss größer als null sein."),
    QT_TRANSLATE_NOOP("ServiceText", "Der Zahlungsstatus der Rechnungen ließ sich nicht lesen."),
    QT_TRANSLATE_NOOP("ServiceText", "Das geht nur mit dem Demo-sevDesk."),
    QT_TRANSLATE_NOOP("ServiceText", "Die Rechnung ist bereits bezahlt."),
)

# The collections named in the import progress ("Kunden: 1000 von 2000").
_PHASES = {
    "Kunden": QT_TRANSLATE_NOOP("ServiceText", "Kunden"),
    "Adressen": QT_TRANSLATE_NOOP("ServiceText", "Adressen"),
    "Kommunikationswege": QT_TRANSLATE_NOOP("ServiceText", "Kommunikationswege"),
    "Artikel": QT_TRANSLATE_NOOP("ServiceText", "Artikel"),
}

# (pattern of the German sentence, translatable template with %1, %2 … for its groups).
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^sevDesk meldet einen Serverfehler \((\d+)\)\.$"),
     QT_TRANSLATE_NOOP("ServiceText", "sevDesk meldet einen Serverfehler (%1).")),
    (re.compile(r"^sevDesk hat die Anfrage abgelehnt: (.+)$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "sevDesk hat die Anfrage abgelehnt: %1")),
    (re.compile(r"^sevDesk meldet einen Fehler: (.+)$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "sevDesk meldet einen Fehler: %1")),
    (re.compile(r"^(Kunden|Adressen|Kommunikationswege|Artikel): (\d+) von (\d+)$"),
     QT_TRANSLATE_NOOP("ServiceText", "%1: %2 von %3")),
    (re.compile(r"^Unerwarteter Fehler \((\w+)\)$"),
     QT_TRANSLATE_NOOP("ServiceText", "Unerwarteter Fehler (%1)")),
    (re.compile(r"^Im Projekt „(.+)“ gibt es keinen fertigen Termin, der noch nicht abgerechnet ist\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Im Projekt „%1“ gibt es keinen fertigen Termin, der noch "
                       "nicht abgerechnet ist.")),
    (re.compile(r"^Dem Projekt „(.+)“ ist kein Kunde zugeordnet\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Dem Projekt „%1“ ist kein Kunde zugeordnet.")),
    (re.compile(r"^Für den Termin „(.+)“ sind keine Stunden dokumentiert\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Für den Termin „%1“ sind keine Stunden dokumentiert.")),
    (re.compile(r"^Für den Kunden „(.+)“ ist keine Anschrift hinterlegt\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Für den Kunden „%1“ ist keine Anschrift hinterlegt.")),
    (re.compile(r"^Keine der eingestellten Artikelkategorien \((.+)\) gibt es in sevDesk, dort gibt es "
                r"(.+) – es wurden keine Artikel importiert; bitte die Kategorien unter Schnittstellen "
                r"→ Einstellungen wählen\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Keine der eingestellten Artikelkategorien (%1) gibt es in "
                       "sevDesk, dort gibt es %2 – es wurden keine Artikel importiert; bitte die "
                       "Kategorien unter Schnittstellen → Einstellungen wählen.")),
    (re.compile(r"^Keine der eingestellten Artikelkategorien \((.+)\) gibt es in sevDesk, und das "
                r"Konto hat keine Artikelkategorien – es wurden keine Artikel importiert\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Keine der eingestellten Artikelkategorien (%1) gibt es in "
                       "sevDesk, und das Konto hat keine Artikelkategorien – es wurden keine "
                       "Artikel importiert.")),
    (re.compile(r"^Die Adresse der Auftragsbestätigung „(.+)“ passt zu keiner Adresse des Kunden "
                r"– als Einsatzort wurde „(.+)“ eingesetzt; bitte prüfen\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Die Adresse der Auftragsbestätigung „%1“ passt zu keiner "
                       "Adresse des Kunden – als Einsatzort wurde „%2“ eingesetzt; bitte prüfen.")),
    (re.compile(r"^Der Termin „(.+)“ ist bereits abgerechnet und wird nicht mehr verschoben\.$",
                re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Der Termin „%1“ ist bereits abgerechnet und wird nicht "
                       "mehr verschoben.")),
    (re.compile(r"^Der Termin „(.+)“ ist fertig und bleibt terminiert\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Der Termin „%1“ ist fertig und bleibt terminiert.")),
    (re.compile(r"^Einen Arbeitsbericht gibt es erst, wenn „(.+)“ auf „Fertig“ steht\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Einen Arbeitsbericht gibt es erst, wenn „%1“ auf „Fertig“ "
                       "steht.")),
    (re.compile(r"^sevDesk-Benutzer (\w+) \(Name für diesen Token nicht sichtbar\)$"),
     QT_TRANSLATE_NOOP("ServiceText", "sevDesk-Benutzer %1 (Name für diesen Token nicht sichtbar)")),
    (re.compile(r"^Die Einheit „(.+)“ gibt es in sevDesk nicht\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Die Einheit „%1“ gibt es in sevDesk nicht.")),
    # Checks of the invoice proposal (V2, V4, V5) and the editor (V1, V8).
    (re.compile(r"^Arbeitszeit doppelt\? Für „(.+)“ werden die dokumentierten (.+) und (.+) "
                r"berechnet – bitte eine der Positionen entfernen oder „Beide berechnen“ wählen\.$",
                re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Arbeitszeit doppelt? Für „%1“ werden die dokumentierten %2 "
                       "und %3 berechnet – bitte eine der Positionen entfernen oder „Beide "
                       "berechnen“ wählen.")),
    (re.compile(r"^Positionen mit 0,00 €: (.+) – bitte prüfen; vor dem Anlegen fragt craftdesk "
                r"nach\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Positionen mit 0,00 €: %1 – bitte prüfen; vor dem Anlegen "
                       "fragt craftdesk nach.")),
    (re.compile(r"^Aus der Auftragsbestätigung fehlt im Arbeitsblatt: (.+) – bei Bedarf übernehmen "
                r"oder als Position hinzufügen\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Aus der Auftragsbestätigung fehlt im Arbeitsblatt: %1 – bei "
                       "Bedarf übernehmen oder als Position hinzufügen.")),
    (re.compile(r"^Bearbeitete Positionen gibt es im Arbeitsblatt nicht mehr und sind entfallen: "
                r"(.+)\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Bearbeitete Positionen gibt es im Arbeitsblatt nicht mehr "
                       "und sind entfallen: %1.")),
    (re.compile(r"^Der Umsatzsteuersatz (.+) % von „(.+)“ ist in sevDesk nicht erlaubt \(nur 0, 7 "
                r"oder 19 %\)\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Der Umsatzsteuersatz %1 % von „%2“ ist in sevDesk nicht "
                       "erlaubt (nur 0, 7 oder 19 %).")),
    (re.compile(r"^Das Projekt „(.+)“ kann erst archiviert werden, wenn alle seine Rechnungen "
                r"bezahlt sind\.$", re.DOTALL),
     QT_TRANSLATE_NOOP("ServiceText", "Das Projekt „%1“ kann erst archiviert werden, wenn alle "
                       "seine Rechnungen bezahlt sind.")),
)


def localize(text: str | None) -> str:
    """``text`` in the UI language when it is a known service sentence, else unchanged."""
    if not text:
        return ""
    translated = QCoreApplication.translate(CONTEXT, text)
    if translated != text:
        return translated
    for pattern, template in PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        result = QCoreApplication.translate(CONTEXT, template)
        # Replace from the highest number down, so %1 does not eat the start of %10.
        for number, value in reversed(list(enumerate(match.groups(), start=1))):
            if value in _PHASES:
                value = QCoreApplication.translate(CONTEXT, _PHASES[value])
            result = result.replace(f"%{number}", value)
        return result
    return text


def error_message(error: BaseException) -> str:
    """The one-sentence message of a service or sevDesk error, in the UI language."""
    return localize(str(getattr(error, "message", "") or ""))
