<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
</context>
<context>
    <name>AddressBox</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="55"/>
        <source>Ländercode, z. B. DE, AT, CH</source>
        <translation>Country code, e.g. DE, AT, CH</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="60"/>
        <source>Straße:</source>
        <translation>Street:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="61"/>
        <source>PLZ / Ort:</source>
        <translation>Postcode / city:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="62"/>
        <source>Land:</source>
        <translation>Country:</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../craftdesk/ui/app.py" line="146"/>
        <location filename="../../craftdesk/ui/app.py" line="352"/>
        <source>craftdesk – Fehler</source>
        <translation>craftdesk – Error</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/app.py" line="137"/>
        <source>Ein unerwarteter Fehler ist aufgetreten. craftdesk läuft weiter; Einzelheiten stehen im Protokoll.</source>
        <translation>An unexpected error occurred. craftdesk keeps running; details are in the log.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/app.py" line="143"/>
        <source>Der Datenbankserver ist nicht erreichbar – die Änderung wurde nicht gespeichert; craftdesk verbindet sich von selbst neu.</source>
        <translation>The database server cannot be reached – the change was not saved; craftdesk reconnects by itself.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/app.py" line="151"/>
        <source>Protokolldatei: %1</source>
        <translation>Log file: %1</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/app.py" line="153"/>
        <source>Protokollordner öffnen</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/app.py" line="242"/>
        <source>Demo-Benutzer</source>
        <translation>Demo user</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/app.py" line="294"/>
        <source>Die Verbindung zum Datenbankserver steht wieder.</source>
        <translation>The connection to the database server is back.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/app.py" line="150"/>
        <source>Die Änderung wurde nicht gespeichert: %1</source>
        <translation>The change was not saved: %1</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Beginn</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Ende</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Notizen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="72"/>
        <source>Termin bearbeiten</source>
        <translation>Edit appointment</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="72"/>
        <source>Neuer Termin</source>
        <translation>New appointment</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="77"/>
        <source>Für „Fertig“ tragen Sie bitte die geleisteten Stunden und die verwendeten Artikel ein – daraus entsteht die Rechnung.</source>
        <translation>For “Done”, please enter the hours worked and the articles used – the invoice is made from them.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="83"/>
        <source>Dieser Termin ist bereits abgerechnet. Status und Arbeitsblatt können nicht mehr geändert werden.</source>
        <translation>This appointment has already been invoiced. Its status and worksheet can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="92"/>
        <source>Beginn:</source>
        <translation>Start:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="94"/>
        <source>Ende:</source>
        <translation>End:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="111"/>
        <source>Projekt:</source>
        <translation>Project:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="112"/>
        <source>Titel:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="116"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="117"/>
        <source>Zeit:</source>
        <translation>Time:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="133"/>
        <source>Zugewiesene Mitarbeiter</source>
        <translation>Assigned employees</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="134"/>
        <source>Beobachter (werden informiert)</source>
        <translation>Observers (kept informed)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="141"/>
        <source>Noch keine Mitarbeiter. Legen Sie sie im Tab „Projekte“ unter „Mitarbeiter …“ an oder übernehmen Sie die sevDesk-Benutzer; dann können Sie sie hier zuweisen.</source>
        <translation>No employees yet. Create them in the “Projects” tab under “Employees …” or take over the sevDesk users; then you can assign them here.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="212"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="213"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="423"/>
        <source>Die Stundenzahl ist keine gültige Zahl.</source>
        <translation>The number of hours is not a valid number.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="432"/>
        <source>Bitte tragen Sie die geleisteten Stunden ein, bevor der Termin auf „Fertig“ gesetzt wird.</source>
        <translation>Please enter the hours worked before setting the appointment to “Done”.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="437"/>
        <source>Es sind keine verwendeten Artikel eingetragen. Trotzdem auf „Fertig“ setzen?</source>
        <translation>No articles used are entered. Set to “Done” anyway?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_dialog.py" line="252"/>
        <source>Mit „Speichern“ wird der Termin trotzdem so gespeichert.</source>
        <translation>“Save” saves the appointment like this anyway.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_conflict.py" line="30"/>
        <source>Stunden</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_conflict.py" line="30"/>
        <source>Mitarbeiter</source>
        <translation>Employees</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_conflict.py" line="30"/>
        <source>Beobachter</source>
        <translation>Observers</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_conflict.py" line="30"/>
        <source>Verwendete Artikel</source>
        <translation>Used articles</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_conflict.py" line="30"/>
        <source>Gespeichert. Am anderen Arbeitsplatz wurde inzwischen auch geändert: %1; das bleibt so.</source>
        <translation>Saved. Another workstation changed this meanwhile too: %1; that stays as it is.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_conflict.py" line="80"/>
        <source>Der Termin wurde inzwischen an einem anderen Arbeitsplatz abgerechnet; Status, Stunden und Arbeitsbericht bleiben, wie sie berechnet wurden. Ihre übrigen Änderungen stehen noch im Dialog – bitte erneut speichern.</source>
        <translation>The appointment was invoiced on another workstation meanwhile; status, hours and worksheet stay as they were billed. Your other changes are still in the dialog – please save again.</translation>
    </message>
</context>
<context>
    <name>ArticleDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="49"/>
        <source>Artikel bearbeiten</source>
        <translation>Edit article</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="49"/>
        <source>Neuer Artikel</source>
        <translation>New article</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="54"/>
        <source>Dieser Artikel stammt aus sevDesk (ID %1). Änderungen hier gelten nur in craftdesk und werden überschrieben, sobald der nächste Import geänderte Daten aus sevDesk bringt.</source>
        <translation>This article comes from sevDesk (ID %1). Changes made here apply only in craftdesk and are overwritten as soon as the next import brings changed data from sevDesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="59"/>
        <source>Lokaler Artikel: Er existiert nur in craftdesk.</source>
        <translation>Local article: it exists only in craftdesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="74"/>
        <source>Aktiv (in Auswahllisten anbieten)</source>
        <translation>Active (offer in selection lists)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="80"/>
        <source>Artikelnummer:</source>
        <translation>Article number:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="81"/>
        <source>Bezeichnung:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="82"/>
        <source>Einheit:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="83"/>
        <source>Preis netto (€):</source>
        <translation>Net price (€):</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="84"/>
        <source>Umsatzsteuer:</source>
        <translation>VAT:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="85"/>
        <source>Preis brutto:</source>
        <translation>Gross price:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="87"/>
        <source>Beschreibung:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="91"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="93"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="134"/>
        <source>Bitte geben Sie eine Bezeichnung ein.</source>
        <translation>Please enter a name.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="136"/>
        <source>Bitte geben Sie eine Artikelnummer ein.</source>
        <translation>Please enter an article number.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="138"/>
        <source>Die Artikelnummer „%1“ ist schon vergeben.</source>
        <translation>The article number “%1” is already taken.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="141"/>
        <source>Der Preis ist keine gültige Zahl.</source>
        <translation>The price is not a valid number.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="147"/>
        <source>Artikel speichern</source>
        <translation>Save article</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="156"/>
        <source>Artikelnummer</source>
        <translation>Article number</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="156"/>
        <source>Bezeichnung</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="157"/>
        <source>Einheit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="157"/>
        <source>Nettopreis</source>
        <translation>Net price</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="158"/>
        <source>USt.-Satz</source>
        <translation>VAT rate</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="158"/>
        <source>Beschreibung</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_dialog.py" line="159"/>
        <source>Aktiv</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>ArticlePickerDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="81"/>
        <source>Die Artikel werden gelesen …</source>
        <translation>Reading the articles …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="88"/>
        <source>Es gibt noch keine aktiven Artikel.</source>
        <translation>There are no active articles yet.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="27"/>
        <source>Artikel auswählen</source>
        <translation>Choose article</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="32"/>
        <source>Nummer</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="33"/>
        <source>Bezeichnung</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="34"/>
        <source>Einheit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="35"/>
        <source>Netto</source>
        <translation>Net</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="45"/>
        <source>Nummer oder Bezeichnung …</source>
        <translation>Number or name …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="57"/>
        <source>Menge:</source>
        <translation>Quantity:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="60"/>
        <source>Übernehmen</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="61"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="80"/>
        <source>Bitte wählen Sie einen Artikel aus.</source>
        <translation>Please choose an article.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/article_picker.py" line="84"/>
        <source>Bitte geben Sie eine Menge größer als 0 ein.</source>
        <translation>Please enter a quantity greater than 0.</translation>
    </message>
</context>
<context>
    <name>ArticlesTab</name>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="25"/>
        <source>Neuer Artikel</source>
        <translation>New article</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="26"/>
        <source>Einen Artikel nur in craftdesk anlegen</source>
        <translation>Create an article in craftdesk only</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="28"/>
        <source>Inaktive anzeigen</source>
        <translation>Show inactive</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="32"/>
        <source>aktiv</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="32"/>
        <source>inaktiv</source>
        <translation>inactive</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="34"/>
        <source>Nummer</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="35"/>
        <source>Bezeichnung</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="36"/>
        <source>Einheit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="37"/>
        <source>Netto</source>
        <translation>Net</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="38"/>
        <source>USt.</source>
        <translation>VAT</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="39"/>
        <source>Brutto</source>
        <translation>Gross</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="40"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="41"/>
        <source>Quelle</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="42"/>
        <source>lokal</source>
        <translation>local</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="56"/>
        <source>Inaktiver Artikel (in sevDesk entfernt oder deaktiviert).</source>
        <translation>Inactive article (removed or deactivated in sevDesk).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="63"/>
        <source>Nummer, Bezeichnung oder Einheit …</source>
        <translation>Number, name or unit …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="66"/>
        <source>„Neuer Artikel“</source>
        <translation>“New article”</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="67"/>
        <source>Schnittstellen</source>
        <translation>Connections</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="69"/>
        <source>Die Artikel werden gerade aus sevDesk geholt …</source>
        <translation>The articles are being fetched from sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="71"/>
        <source>Noch keine Artikel – verbinden Sie sevDesk im Tab %1 oder legen Sie mit %2 einen Artikel an.</source>
        <translation>No articles yet – connect sevDesk in the %1 tab or create an article with %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="73"/>
        <source>Noch keine Artikel. craftdesk übernimmt beim Abgleich die sevDesk-Artikel der Kategorien, die im Tab %1 eingestellt sind. Oder legen Sie mit %2 einen Artikel an.</source>
        <translation>No articles yet. A sync takes over the sevDesk articles of the categories set in the %1 tab. Or create an article with %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/articles_tab.py" line="78"/>
        <source>%1 von %2 Artikeln</source>
        <translation>%1 of %2 articles</translation>
    </message>
</context>
<context>
    <name>BoardCanvas</name>
    <message>
        <location filename="../../craftdesk/ui/board_canvas.py" line="113"/>
        <source>nicht zugewiesen</source>
        <translation>not assigned</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/board_canvas.py" line="251"/>
        <source>%1 (inaktiv)</source>
        <translation>%1 (inactive)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/board_canvas.py" line="473"/>
        <source>Doppelbelegung: %1 hat zur selben Zeit „%2“ (%3–%4).</source>
        <translation>Double booking: %1 also has “%2” at the same time (%3–%4).</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="1"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="1"/>
        <source>Gespeichert. Am anderen Arbeitsplatz wurde inzwischen auch geändert: %1; das bleibt so.</source>
        <translation>Saved. Meanwhile another workstation also changed: %1; that stays as it is.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="1"/>
        <source>nein</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="34"/>
        <source>Inzwischen geändert</source>
        <translation>Changed in the meantime</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="39"/>
        <source>Dieser Datensatz wurde gespeichert, während Sie ihn bearbeitet haben (an einem anderen Arbeitsplatz oder durch den Abgleich mit sevDesk). Nichts wurde überschrieben. Welche Fassung soll gelten?</source>
        <translation>This record was saved while you were editing it (at another workstation or by the sevDesk import). Nothing was overwritten. Which version should count?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="49"/>
        <source>Feld</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="49"/>
        <source>Jetzt gespeichert</source>
        <translation>Saved now</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="49"/>
        <source>Ihre Eingabe</source>
        <translation>Your entry</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="64"/>
        <source>Meine Eingabe speichern</source>
        <translation>Save my entry</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="67"/>
        <source>Gespeicherte Fassung übernehmen</source>
        <translation>Take the saved version</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/conflict_dialog.py" line="69"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="83"/>
        <source>Kunde bearbeiten</source>
        <translation>Edit customer</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="83"/>
        <source>Neuer Kunde</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="90"/>
        <source>Dieser Kunde wurde in sevDesk gelöscht. craftdesk behält ihn, bis Sie ihn mit „Kunde löschen“ selbst entfernen.</source>
        <translation>This customer was deleted in sevDesk. craftdesk keeps it until you remove it yourself with “Delete customer”.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="94"/>
        <source>Dieser Kunde stammt aus sevDesk (ID %1). Änderungen hier gelten nur in craftdesk und werden überschrieben, sobald der nächste Import geänderte Daten aus sevDesk bringt – ändern Sie Kunden am besten in sevDesk.</source>
        <translation>This customer comes from sevDesk (ID %1). Changes made here apply only in craftdesk and are overwritten as soon as the next import brings changed data from sevDesk – it is best to change customers in sevDesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="99"/>
        <source>Lokaler Kunde: Er existiert nur in craftdesk und wird beim ersten Rechnungsentwurf in sevDesk angelegt.</source>
        <translation>Local customer: it exists only in craftdesk and is created in sevDesk with the first invoice draft.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="104"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="105"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="110"/>
        <source>z. B. sen., jun.</source>
        <translation>e.g. sen., jun.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="114"/>
        <source>(keine)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="114"/>
        <source>Herr</source>
        <translation>Mr</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="115"/>
        <source>Frau</source>
        <translation>Ms</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="119"/>
        <source>z. B. Dr.</source>
        <translation>e.g. Dr.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="128"/>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="345"/>
        <source>E-Rechnung</source>
        <translation>E-invoice</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="131"/>
        <source>Rechnungsentwürfe für diesen Kunden als E-Rechnung (XRechnung/ZUGFeRD) anlegen</source>
        <translation>Create invoice drafts for this customer as e-invoices (XRechnung/ZUGFeRD)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="132"/>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="346"/>
        <source>Behörde</source>
        <translation>Public authority</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="136"/>
        <source>für Behörden erforderlich</source>
        <translation>required for public authorities</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="140"/>
        <source>Stammdaten</source>
        <translation>Master data</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="142"/>
        <source>Art:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="143"/>
        <source>Firma:</source>
        <translation>Company:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="146"/>
        <source>Titel:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="149"/>
        <source>Anrede:</source>
        <translation>Salutation:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="150"/>
        <source>Vorname:</source>
        <translation>First name:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="151"/>
        <source>Nachname:</source>
        <translation>Last name:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="152"/>
        <source>Namenszusatz:</source>
        <translation>Name suffix:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="153"/>
        <source>Kundennummer:</source>
        <translation>Customer number:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="158"/>
        <source>Rechnung:</source>
        <translation>Invoice:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="159"/>
        <source>Leitweg-ID:</source>
        <translation>Leitweg-ID:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="161"/>
        <source>Kontakt</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="163"/>
        <source>E-Mail:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="164"/>
        <source>2. E-Mail:</source>
        <translation>2nd e-mail:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="165"/>
        <source>Telefon:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="166"/>
        <source>Mobil:</source>
        <translation>Mobile:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="167"/>
        <source>2. Mobil:</source>
        <translation>2nd mobile:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="169"/>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="342"/>
        <source>Postanschrift</source>
        <translation>Postal address</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="170"/>
        <source>Abweichende Rechnungsanschrift</source>
        <translation>Different billing address</translation>
    </message>
    <message>
        <source>Lieferadressen: %1</source>
        <translation>Delivery addresses: %1</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="181"/>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="341"/>
        <source>Beschreibung</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="193"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="195"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="199"/>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="365"/>
        <source>Kunde löschen</source>
        <translation>Delete customer</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="217"/>
        <source>Die Kundennummer wird in sevDesk gepflegt.</source>
        <translation>The customer number is maintained in sevDesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="221"/>
        <source>Wird in sevDesk am Kontakt gepflegt.</source>
        <translation>Maintained on the contact in sevDesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="291"/>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="292"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="291"/>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="292"/>
        <source>erforderlich</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="320"/>
        <source>Bitte geben Sie den Firmennamen ein.</source>
        <translation>Please enter the company name.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="322"/>
        <source>Bitte geben Sie den Namen der Person ein.</source>
        <translation>Please enter the name of the person.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="325"/>
        <source>„%1“ ist keine gültige E-Mail-Adresse.</source>
        <translation>“%1” is not a valid e-mail address.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="327"/>
        <source>Behörden brauchen für E-Rechnungen eine Leitweg-ID.</source>
        <translation>Public authorities need a Leitweg-ID (buyer reference) for e-invoices.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="334"/>
        <source>Kunde speichern</source>
        <translation>Save customer</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="339"/>
        <source>Art</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="339"/>
        <source>Firma</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="339"/>
        <source>Vorname</source>
        <translation>First name</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="340"/>
        <source>Nachname</source>
        <translation>Last name</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="340"/>
        <source>Namenszusatz</source>
        <translation>Name suffix</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="341"/>
        <source>Kundennummer</source>
        <translation>Customer number</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="342"/>
        <source>Rechnungsanschrift</source>
        <translation>Billing address</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="343"/>
        <source>E-Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="343"/>
        <source>Mobil</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="343"/>
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="344"/>
        <source>Anrede</source>
        <translation>Salutation</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="344"/>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="345"/>
        <source>Lieferanschriften</source>
        <translation>Delivery addresses</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="346"/>
        <source>Leitweg-ID</source>
        <translation>Leitweg ID (buyer reference)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="366"/>
        <source>Soll dieser Kunde in craftdesk gelöscht werden? Projekte des Kunden bleiben erhalten, sind danach aber keinem Kunden mehr zugeordnet.</source>
        <translation>Delete this customer in craftdesk? The customer’s projects are kept but will no longer belong to a customer.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/customer_dialog.py" line="368"/>
        <source>Löschen</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="24"/>
        <source>Neuer Kunde</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="25"/>
        <source>Einen Kunden nur in craftdesk anlegen</source>
        <translation>Create a customer in craftdesk only</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="27"/>
        <source>In sevDesk gelöschte anzeigen</source>
        <translation>Show deleted in sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="31"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="31"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="32"/>
        <source>in sevDesk gelöscht</source>
        <translation>deleted in sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="33"/>
        <source>aktiv</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="37"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="39"/>
        <source>Art</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="40"/>
        <source>Kundennr.</source>
        <translation>Customer no.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="41"/>
        <source>Postanschrift</source>
        <translation>Postal address</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="42"/>
        <source>E-Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="43"/>
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="43"/>
        <source>%1 (mobil)</source>
        <translation>%1 (mobile)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="45"/>
        <source>E-Rechnung</source>
        <translation>E-invoice</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="46"/>
        <source>Behörde</source>
        <translation>Public authority</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="46"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="48"/>
        <source>Quelle</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="49"/>
        <source>lokal</source>
        <translation>local</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="50"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="65"/>
        <source>Dieser Kunde wurde in sevDesk gelöscht. Er bleibt hier erhalten, bis Sie ihn selbst löschen.</source>
        <translation>This customer was deleted in sevDesk. It stays here until you delete it yourself.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="70"/>
        <source>Name, Kundennummer, Adresse, E-Mail oder Telefon …</source>
        <translation>Name, customer number, address, e-mail or phone …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="73"/>
        <source>„Neuer Kunde“</source>
        <translation>“New customer”</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="74"/>
        <source>Schnittstellen</source>
        <translation>Connections</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="76"/>
        <source>Die Kunden werden gerade aus sevDesk geholt …</source>
        <translation>The customers are being fetched from sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="78"/>
        <source>Noch keine Kunden – verbinden Sie sevDesk im Tab %1 oder legen Sie mit %2 einen Kunden an.</source>
        <translation>No customers yet – connect sevDesk in the %1 tab or create a customer with %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="80"/>
        <source>Noch keine Kunden. craftdesk übernimmt beim Abgleich alle sevDesk-Kontakte der Kategorie „Kunde“ (Tab %1). Oder legen Sie mit %2 einen Kunden an.</source>
        <translation>No customers yet. A sync takes over all sevDesk contacts of the category “Kunde” (customer) (%1 tab). Or create a customer with %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/customers_tab.py" line="85"/>
        <source>%1 von %2 Kunden</source>
        <translation>%1 of %2 customers</translation>
    </message>
</context>
<context>
    <name>DatabasePanel</name>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="35"/>
        <source>Datenbank und Sicherung</source>
        <translation>Database and backup</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="47"/>
        <source>Gemeinsame Datenbank:</source>
        <translation>Shared database:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="51"/>
        <source>leer: Datei auf diesem Rechner; sonst z. B. postgresql://craftdesk@server/craftdesk</source>
        <translation>empty: file on this computer; otherwise e.g. postgresql://craftdesk@server/craftdesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="56"/>
        <source>Passwort:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="59"/>
        <source>wird im Schlüsselbund gespeichert</source>
        <translation>kept in the keyring</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="61"/>
        <source>Übernehmen</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="62"/>
        <source>Gilt ab dem nächsten Start von craftdesk.</source>
        <translation>Takes effect when craftdesk starts next.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="67"/>
        <source>Jetzt sichern</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="70"/>
        <source>Wiederherstellen …</source>
        <translation>Restore …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="92"/>
        <source>Team-Betrieb: Die Daten liegen in der gemeinsamen Datenbank {url}.</source>
        <translation>Team mode: the data is in the shared database {url}.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="98"/>
        <source>Die Daten liegen in der Datei {path} auf diesem Rechner.</source>
        <translation>The data is in the file {path} on this computer.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="106"/>
        <source>Letzte Sicherung: {name} (im Ordner {folder}); täglich automatisch, 7 Tage und 4 Wochen werden aufbewahrt.</source>
        <translation>Last backup: {name} (in the folder {folder}); automatic every day, 7 days and 4 weeks are kept.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="116"/>
        <source>Noch keine Sicherung; craftdesk sichert täglich automatisch in den Ordner {folder}.</source>
        <translation>No backup yet; craftdesk backs up automatically every day into the folder {folder}.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="123"/>
        <source>Datenbank</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="134"/>
        <source>Ab dem nächsten Start arbeitet craftdesk wieder mit der Datei auf diesem Rechner. Sie enthält nur, was vor dem Umzug auf den Server hier gespeichert war; den Stand des Servers holt „craftdesk db copy --from ADRESSE -o DATEI“ in eine neue Datei.</source>
        <translation>From the next start craftdesk works with the file on this computer again. It only holds what was saved here before the move to the server; "craftdesk db copy --from ADDRESS -o FILE" brings the server's data into a new file.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="144"/>
        <source>Es gibt keinen sicheren Schlüsselbund; das Passwort wurde nicht gespeichert (PGPASSWORD oder .pgpass verwenden).</source>
        <translation>There is no secure keyring; the password was not stored (use PGPASSWORD or .pgpass).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="153"/>
        <source>Ab dem nächsten Start arbeitet craftdesk mit der gemeinsamen Datenbank {url}. Vorhandene Daten einmalig mit „craftdesk db copy --to …“ übertragen.</source>
        <translation>From the next start craftdesk works with the shared database {url}. Move existing data once with “craftdesk db copy --to …”.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="161"/>
        <source>Sichern</source>
        <translation>Back up</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="168"/>
        <source>Gesichert in {path}.</source>
        <translation>Backed up to {path}.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="175"/>
        <source>Sicherung wählen</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="177"/>
        <source>craftdesk-Sicherungen (*.sqlite3)</source>
        <translation>craftdesk backups (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="182"/>
        <location filename="../../craftdesk/ui/database_panel.py" line="202"/>
        <source>Wiederherstellen</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="193"/>
        <source>Die Sicherung vom {date} wiederherstellen?

In der Sicherung: {then}.
Jetzt: {now}.

Was seit der Sicherung hinzukam oder geändert wurde, geht verloren. Der jetzige Stand wird vorher gesichert und lässt sich ebenso wiederherstellen; Rechnungsentwürfe, die seitdem in sevDesk angelegt wurden, bleiben bekannt.</source>
        <translation>Restore the backup of {date}?

In the backup: {then}.
Now: {now}.

Whatever was added or changed since the backup is lost. The current state is backed up first and can be restored the same way; invoice drafts created in sevDesk since then stay known.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="214"/>
        <source>Wiederhergestellt. Der vorige Stand liegt in {path}.</source>
        <translation>Restored. The previous state is in {path}.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/database_panel.py" line="126"/>
        <source>Die tägliche Sicherung ließ sich nicht schreiben ({reason}); bitte im Ordner {folder} Schreibrechte und freien Platz prüfen.</source>
        <translation>The daily backup could not be written ({reason}); please check write permission and free space in the folder {folder}.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>den Ordner gibt es nicht</source>
        <translation>the folder does not exist</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>das ist ein Ordner</source>
        <translation>that is a folder</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>ein Teil des Pfades ist kein Ordner</source>
        <translation>part of the path is not a folder</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>keine Schreibrechte</source>
        <translation>no permission to write</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>der Datenträger ist schreibgeschützt</source>
        <translation>the disk is write-protected</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>der Datenträger ist voll</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>der Name ist zu lang</source>
        <translation>the name is too long</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>eine Verknüpfung zeigt im Kreis auf sich selbst</source>
        <translation>a link points to itself in a loop</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>die Datei gibt es schon</source>
        <translation>the file exists already</translation>
    </message>
    <message>
        <location filename="../../craftdesk/fsutil.py" line="1"/>
        <source>die Datei ist gerade in Gebrauch</source>
        <translation>the file is in use right now</translation>
    </message>
</context>
<context>
    <name>DeliveryTable</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/delivery_table.py" line="25"/>
        <source>Lieferadressen</source>
        <translation>Delivery addresses</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/delivery_table.py" line="30"/>
        <source>Straße</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/delivery_table.py" line="31"/>
        <source>PLZ</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/delivery_table.py" line="32"/>
        <source>Ort</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/delivery_table.py" line="33"/>
        <source>Land</source>
        <translation>Country</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/delivery_table.py" line="46"/>
        <source>Lieferadresse hinzufügen</source>
        <translation>Add delivery address</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/delivery_table.py" line="49"/>
        <source>Entfernen</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/common.py" line="96"/>
        <location filename="../../craftdesk/ui/dialogs/common.py" line="103"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/common.py" line="111"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/common.py" line="113"/>
        <source>Nein</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/errors.py" line="20"/>
        <source>Der Vorgang wurde abgebrochen.</source>
        <translation>The operation was cancelled.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/errors.py" line="22"/>
        <source>sevDesk hat den Token abgelehnt. Bitte im Tab „Schnittstellen“ einen neuen Token speichern.</source>
        <translation>sevDesk rejected the token. Please save a new token in the “Connections” tab.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/errors.py" line="28"/>
        <source>Unerwarteter Fehler – Einzelheiten stehen im Protokoll.</source>
        <translation>Unexpected error – details are in the log.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/discard_guard.py" line="76"/>
        <source>Änderungen verwerfen?</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/discard_guard.py" line="77"/>
        <source>Sie haben in diesem Fenster etwas geändert. Sollen die Änderungen verworfen werden?</source>
        <translation>You changed something in this window. Discard the changes?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/discard_guard.py" line="80"/>
        <source>Verwerfen</source>
        <translation>Discard</translation>
    </message>
</context>
<context>
    <name>EmployeeDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="103"/>
        <source>Mitarbeiter</source>
        <translation>Employees</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="105"/>
        <source>aktiv</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="105"/>
        <source>inaktiv</source>
        <translation>inactive</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="107"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="108"/>
        <source>E-Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="109"/>
        <source>sevDesk-Benutzer</source>
        <translation>sevDesk user</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="110"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="122"/>
        <source>Neu</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="124"/>
        <source>Bearbeiten</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="126"/>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="200"/>
        <source>Löschen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="128"/>
        <source>Aus sevDesk übernehmen</source>
        <translation>Take over from sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="131"/>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="236"/>
        <source>Beobachter nachtragen</source>
        <translation>Add observers</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="146"/>
        <source>Mitarbeiter können Terminen zugewiesen werden oder sie beobachten. Wer in sevDesk eine Auftragsbestätigung angelegt hat, wird beim Import Beobachter des Termins.</source>
        <translation>Employees can be assigned to appointments or observe them. Whoever created an order confirmation in sevDesk becomes an observer of the appointment when it is imported.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="172"/>
        <source>%1 importierte Auftragsbestätigungen haben noch keinen Beobachter: wer sie in sevDesk angelegt hat und jetzt Mitarbeiter ist, wird Beobachter des Termins.</source>
        <translation>%1 imported order confirmations have no observer yet: whoever created them in sevDesk and is now an employee becomes an observer of the appointment.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="176"/>
        <source>Legt für jeden sevDesk-Benutzer, der noch keinem Mitarbeiter zugeordnet ist, einen Mitarbeiter an.</source>
        <translation>Creates an employee for every sevDesk user who is not yet linked to an employee.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="233"/>
        <source>Die Ersteller der Auftragsbestätigungen werden in sevDesk nachgesehen …</source>
        <translation>Looking up the creators of the order confirmations in sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="247"/>
        <source>%1 Termine haben ihren Ersteller als Beobachter bekommen.</source>
        <translation>%1 appointments got their creator as observer.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="250"/>
        <source>Keiner der Ersteller ist als Mitarbeiter vorhanden.</source>
        <translation>None of the creators exists as an employee.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="134"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="178"/>
        <source>Zuerst im Tab „Schnittstellen“ mit sevDesk verbinden.</source>
        <translation>Connect sevDesk in the “Connections” tab first.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="198"/>
        <source>Mitarbeiter löschen</source>
        <translation>Delete employee</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="199"/>
        <source>„%1“ löschen? Die Zuordnungen zu Terminen gehen dabei verloren.</source>
        <translation>Delete “%1”? Its assignments to appointments will be lost.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="209"/>
        <source>sevDesk-Benutzer werden geladen …</source>
        <translation>Loading sevDesk users …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="211"/>
        <source>Mitarbeiter aus sevDesk übernehmen</source>
        <translation>Take over employees from sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="215"/>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="240"/>
        <source>Gerade läuft ein Abgleich mit sevDesk. Bitte gleich noch einmal versuchen.</source>
        <translation>A sync with sevDesk is running right now. Please try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="222"/>
        <source>%1 Mitarbeiter übernommen: %2.</source>
        <translation>%1 employees taken over: %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="225"/>
        <source>Mit „Beobachter nachtragen“ werden sie Beobachter der Termine, deren Auftragsbestätigung sie angelegt haben.</source>
        <translation>With “Add observers” they become observers of the appointments whose order confirmation they created.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="229"/>
        <source>Alle sevDesk-Benutzer sind bereits als Mitarbeiter vorhanden.</source>
        <translation>All sevDesk users already exist as employees.</translation>
    </message>
</context>
<context>
    <name>EmployeeEditDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="1"/>
        <source>E-Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="1"/>
        <source>sevDesk-Benutzer-ID</source>
        <translation>sevDesk user ID</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="1"/>
        <source>Aktiv</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="58"/>
        <source>Mitarbeiter bearbeiten</source>
        <translation>Edit employee</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="58"/>
        <source>Neuer Mitarbeiter</source>
        <translation>New employee</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="63"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="64"/>
        <source>Aktiv (für Termine auswählbar)</source>
        <translation>Active (can be chosen for appointments)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="67"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="68"/>
        <source>E-Mail:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="69"/>
        <source>sevDesk-Benutzer-ID:</source>
        <translation>sevDesk user ID:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="72"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/employee_dialog.py" line="73"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="142"/>
        <source>Alle Status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="147"/>
        <source>Zeitraum:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="157"/>
        <source>Abrechenbar</source>
        <translation>Ready to invoice</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="159"/>
        <source>Projekte mit fertigen, noch nicht abgerechneten Terminen</source>
        <translation>Projects with finished appointments not yet invoiced</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="161"/>
        <source>Alle zeigen</source>
        <translation>Show all</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="164"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="166"/>
        <source>Mitarbeiter:</source>
        <translation>Employee:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="187"/>
        <source>Alle Mitarbeiter</source>
        <translation>All employees</translation>
    </message>
</context>
<context>
    <name>InstallLocation</name>
    <message>
        <location filename="../../craftdesk/ui/install_location.py" line="22"/>
        <source>craftdesk in „Programme“ verschieben</source>
        <translation>Move craftdesk to Applications</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/install_location.py" line="23"/>
        <source>craftdesk läuft nicht aus dem Ordner „Programme“. Bitte craftdesk beenden, craftdesk.app im Finder in „Programme“ ziehen und von dort starten – sonst funktionieren der automatische Start und Updates nicht.</source>
        <translation>craftdesk is not running from the Applications folder. Please quit craftdesk, drag craftdesk.app into Applications in the Finder and start it from there – otherwise starting with the system and updates do not work.</translation>
    </message>
</context>
<context>
    <name>InterfacesTab</name>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="73"/>
        <source>Demo: craftdesk ist mit einem Demo-sevDesk auf diesem Rechner verbunden. Alle Daten sind Beispieldaten; an sevDesk wird nichts gesendet.</source>
        <translation>Demo: craftdesk is connected to a demo sevDesk on this computer. All data is sample data; nothing is sent to sevDesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="110"/>
        <source>sevDesk-Verbindung</source>
        <translation>sevDesk connection</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="112"/>
        <source>sevDesk</source>
        <translation>sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="113"/>
        <source>Die sevDesk-Anbindung ein- oder ausschalten. Sie wird eingeschaltet, sobald ein Token gespeichert ist.</source>
        <translation>Switch the sevDesk connection on or off. It is switched on as soon as a token is saved.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="123"/>
        <source>API-Token aus sevDesk einfügen</source>
        <translation>Paste the API token from sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="125"/>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="219"/>
        <source>Token anzeigen</source>
        <translation>Show token</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="130"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="148"/>
        <source>&lt;b&gt;Wo finde ich den Token?&lt;/b&gt; In sevDesk unter Einstellungen → Benutzer: den eigenen Benutzer anklicken, beim API-Token auf „Einblenden“ klicken und das sevDesk-Passwort eingeben. Den Token kopieren und hier einfügen.&lt;br&gt;&lt;br&gt;&lt;b&gt;Achtung:&lt;/b&gt; sevDesk vergibt einen neuen Token, sobald der Benutzer geändert wird (zum Beispiel seine Sprache). Dann muss der neue Token hier eingetragen werden.</source>
        <translation>&lt;b&gt;Where is the token?&lt;/b&gt; In sevDesk under Einstellungen (Settings) → Benutzer (Users): click your own user, click “Einblenden” (show) next to the API token and enter your sevDesk password. Copy the token and paste it here.&lt;br&gt;&lt;br&gt;&lt;b&gt;Note:&lt;/b&gt; sevDesk issues a new token whenever the user is changed (for example its language). The new token must then be entered here.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="162"/>
        <source>Abgleich</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="164"/>
        <source>Jetzt synchronisieren</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="167"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="195"/>
        <source>Verlauf der Abgleiche</source>
        <translation>Sync history</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="197"/>
        <source>Beginn</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="197"/>
        <source>Ende</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="197"/>
        <source>Umfang</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="197"/>
        <source>Auslöser</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="198"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="198"/>
        <source>Neu</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="198"/>
        <source>Geändert</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="198"/>
        <source>Unverändert</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="199"/>
        <source>Übersprungen</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="199"/>
        <source>Fehler</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="219"/>
        <source>Token verbergen</source>
        <translation>Hide token</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="228"/>
        <source>Die Verbindung ist unterbrochen: sevDesk hat den gespeicherten Token abgelehnt. Bitte den aktuellen Token eintragen und speichern.</source>
        <translation>The connection is broken: sevDesk rejected the stored token. Please enter the current token and save it.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="232"/>
        <source>Verbunden als {user}.</source>
        <translation>Connected as {user}.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="233"/>
        <source>Ein Token ist gespeichert.</source>
        <translation>A token is stored.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="235"/>
        <source>(Demo-sevDesk)</source>
        <translation>(demo sevDesk)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="242"/>
        <source>Die sevDesk-Anbindung ist ausgeschaltet.</source>
        <translation>The sevDesk connection is switched off.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="244"/>
        <source>Noch nicht verbunden. So geht es: den API-Token aus sevDesk oben einfügen und auf „Speichern“ klicken – wo der Token steht, ist hier unten beschrieben.</source>
        <translation>Not connected yet. How to connect: paste the API token from sevDesk above and click “Save” – where to find the token is described below.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="250"/>
        <source>Abgleich pausiert: sevDesk hat den Token abgelehnt.</source>
        <translation>Sync paused: sevDesk rejected the token.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="264"/>
        <source>Auf diesem Rechner gibt es keinen sicheren Schlüsselbund. Der Token wird nur behalten, bis craftdesk beendet wird, und muss danach neu eingegeben werden.</source>
        <translation>This computer has no secure keyring. The token is kept only until craftdesk is closed and must be entered again afterwards.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="268"/>
        <source>Der Token kommt aus der Umgebungsvariable CRAFTDESK_API_TOKEN.</source>
        <translation>The token comes from the environment variable CRAFTDESK_API_TOKEN.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="271"/>
        <source>Auf diesem Rechner gibt es keinen sicheren Schlüsselbund: ein Token gilt nur, bis craftdesk beendet wird.</source>
        <translation>This computer has no secure keyring: a token is kept only until craftdesk is closed.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="285"/>
        <source>Bitte zuerst den API-Token eintragen.</source>
        <translation>Please enter the API token first.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="287"/>
        <source>Token wird bei sevDesk geprüft …</source>
        <translation>Checking the token with sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="290"/>
        <source>Token prüfen</source>
        <translation>Check token</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="295"/>
        <source>Bitte warten, bis der laufende Abgleich fertig ist.</source>
        <translation>Please wait until the running sync has finished.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="304"/>
        <source>Der Token konnte nicht gespeichert werden.</source>
        <translation>The token could not be stored.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="307"/>
        <source>Token gespeichert – zum Ändern neuen Token einfügen</source>
        <translation>Token stored – paste a new token to change it</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="339"/>
        <source>Abgleich startet …</source>
        <translation>Sync is starting …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="341"/>
        <source>Es läuft bereits ein Abgleich.</source>
        <translation>A sync is already running.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="347"/>
        <source>Wird abgebrochen …</source>
        <translation>Cancelling …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="382"/>
        <source>Fertig: {changes}</source>
        <translation>Done: {changes}</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="383"/>
        <source>Fertig – nichts geändert.</source>
        <translation>Done – nothing changed.</translation>
    </message>
    <message>
        <source>Artikelkategorien prüfen</source>
        <translation>Check part categories</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="396"/>
        <source>Abgebrochen.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="399"/>
        <source>Fehlgeschlagen: {reason}.</source>
        <translation>Failed: {reason}.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="400"/>
        <source>Fehlgeschlagen.</source>
        <translation>Failed.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="406"/>
        <source>Letzter Abgleich: {time}</source>
        <translation>Last sync: {time}</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_sync.py" line="195"/>
        <source>Nächster Abgleich: sobald der Datenbankserver erreichbar ist</source>
        <translation>Next import: as soon as the database server can be reached</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="409"/>
        <source>Nächster: {time}</source>
        <translation>Next: {time}</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_tab.py" line="417"/>
        <source>Noch kein Abgleich. Sobald sevDesk verbunden ist, steht hier jeder Abgleich mit seinem Ergebnis.</source>
        <translation>No sync yet. Once sevDesk is connected, every sync is listed here with its result.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="58"/>
        <source>sevDesk hat den Token abgelehnt. Bitte prüfen, ob er vollständig kopiert wurde – sevDesk vergibt einen neuen Token, wenn der Benutzer geändert wird.</source>
        <translation>sevDesk rejected the token. Please check that it was copied completely – sevDesk issues a new token when the user is changed.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="61"/>
        <source>sevDesk ist nicht erreichbar – bitte die Internetverbindung prüfen; der Token wurde nicht gespeichert.</source>
        <translation>sevDesk cannot be reached – please check the internet connection; the token was not stored.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="64"/>
        <source>sevDesk meldet einen Fehler ({reason}); der Token wurde nicht gespeichert.</source>
        <translation>sevDesk reports an error ({reason}); the token was not stored.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="66"/>
        <source>Der Token konnte nicht geprüft werden; er wurde nicht gespeichert.</source>
        <translation>The token could not be checked; it was not stored.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="70"/>
        <source>Kunden</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="70"/>
        <source>Artikel</source>
        <translation>Articles</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="71"/>
        <source>Kunden und Artikel</source>
        <translation>Customers and articles</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="71"/>
        <source>Aufträge</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="75"/>
        <source>von Hand</source>
        <translation>manual</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="75"/>
        <source>automatisch</source>
        <translation>automatic</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="76"/>
        <source>Befehlszeile</source>
        <translation>command line</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="76"/>
        <source>Verbinden</source>
        <translation>connect</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="80"/>
        <source>läuft</source>
        <translation>running</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="80"/>
        <source>erfolgreich</source>
        <translation>successful</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="80"/>
        <source>fehlgeschlagen</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="81"/>
        <source>abgebrochen</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="81"/>
        <source>übersprungen</source>
        <translation>skipped</translation>
    </message>
</context>
<context>
    <name>InvoiceEditor</name>
    <message>
        <source>Pos.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Bezeichnung</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Menge</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Einheit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Einzelpreis netto</source>
        <translation>Net unit price</translation>
    </message>
    <message>
        <source>USt %</source>
        <translation>VAT %</translation>
    </message>
    <message>
        <source>Gesamt netto</source>
        <translation>Net total</translation>
    </message>
    <message>
        <source>Hinweis</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Arbeitszeit doppelt?</source>
        <translation>Working time twice?</translation>
    </message>
    <message>
        <source>0,00 € – bitte prüfen</source>
        <translation>0.00 € – please check</translation>
    </message>
</context>
<context>
    <name>InvoicePreviewDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="285"/>
        <source>Alle Änderungen an Kopf und Positionen verwerfen und den Vorschlag wiederherstellen?</source>
        <translation>Discard all changes to the header and the lines and restore the proposal?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="286"/>
        <source>Verwerfen</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="73"/>
        <source>Rechnungsentwurf – Vorschau und Bearbeitung</source>
        <translation>Invoice draft – preview and editing</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="97"/>
        <source>Rechnungskopf</source>
        <translation>Invoice header</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="113"/>
        <source>Titel:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="117"/>
        <source>Leistung vom</source>
        <translation>Service from</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="119"/>
        <source>bis</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="122"/>
        <source>Rechnungsdatum:</source>
        <translation>Invoice date:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="125"/>
        <source>Einleitung:</source>
        <translation>Introduction:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="160"/>
        <source>Freitext hinzufügen</source>
        <translation>Add free text</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="162"/>
        <source>Artikel hinzufügen …</source>
        <translation>Add article …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="164"/>
        <source>Entfernen</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="166"/>
        <source>Nach oben</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="168"/>
        <source>Nach unten</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="170"/>
        <source>Beide berechnen</source>
        <translation>Bill both</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="172"/>
        <source>Die Arbeitszeit des Termins und die Positionen in Stunden sind beide gewollt.</source>
        <translation>The appointment&apos;s working time and the lines billed in hours are both intended.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="174"/>
        <source>Zurücksetzen</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="175"/>
        <source>Alle Änderungen verwerfen und den Vorschlag wiederherstellen</source>
        <translation>Discard all changes and restore the proposal</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="201"/>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="286"/>
        <source>zzgl. USt:</source>
        <translation>plus VAT:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="213"/>
        <source>Als E-Rechnung anlegen (XRechnung/ZUGFeRD)</source>
        <translation>Create as e-invoice (XRechnung/ZUGFeRD)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="216"/>
        <source>Der Kunde erhält E-Rechnungen. Abschalten gilt nur für diesen Entwurf.</source>
        <translation>This customer receives e-invoices. Turning it off applies to this draft only.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="253"/>
        <source>E-Mail-Adresse des Kunden</source>
        <translation>the customer&apos;s e-mail address</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="254"/>
        <source>Leitweg-ID (Käuferreferenz) der Behörde</source>
        <translation>the authority&apos;s Leitweg-ID (buyer reference)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="255"/>
        <source>vollständige Rechnungsadresse (Straße, PLZ, Ort, Land)</source>
        <translation>a complete billing address (street, postcode, city, country)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="257"/>
        <source>Für die E-Rechnung fehlt: %1. Bitte ergänzen oder die E-Rechnung für diesen Entwurf abschalten.</source>
        <translation>The e-invoice still lacks: %1. Please add it or turn the e-invoice off for this draft.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="289"/>
        <source>Mit Ihren Änderungen – sie bleiben beim Projekt gespeichert, bis der Entwurf angelegt ist.</source>
        <translation>With your changes – they stay stored with the project until the draft is created.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="310"/>
        <source>Für die E-Rechnung fehlen noch Angaben (siehe oben).</source>
        <translation>The e-invoice still lacks data (see above).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="366"/>
        <source>Neue Position</source>
        <translation>New line</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="420"/>
        <source>Diese Positionen stehen auf 0,00 €: %1.</source>
        <translation>These lines are at 0.00 €: %1.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="423"/>
        <source>Die Arbeitszeit ist möglicherweise doppelt berechnet.</source>
        <translation>The working time may be billed twice.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="433"/>
        <source>Trotzdem den Rechnungsentwurf anlegen?</source>
        <translation>Create the invoice draft anyway?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="433"/>
        <source>Anlegen</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Rechnungsentwurf – Vorschau</source>
        <translation>Invoice draft – preview</translation>
    </message>
    <message>
        <source>Projekt:</source>
        <translation>Project:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="112"/>
        <source>Kunde:</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <source>Rechnungsadresse:</source>
        <translation>Billing address:</translation>
    </message>
    <message>
        <source>Pos.</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <source>Bezeichnung</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Menge</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Einheit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Einzelpreis netto</source>
        <translation>Unit price net</translation>
    </message>
    <message>
        <source>USt %</source>
        <translation>VAT %</translation>
    </message>
    <message>
        <source>Gesamt netto</source>
        <translation>Total net</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="202"/>
        <source>Summe netto:</source>
        <translation>Total net:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="285"/>
        <source>zzgl. USt %1:</source>
        <translation>plus VAT %1:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="146"/>
        <source>keine USt (§ 19 UStG):</source>
        <translation>no VAT (§ 19 UStG):</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="204"/>
        <source>Gesamt brutto:</source>
        <translation>Total gross:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="221"/>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="445"/>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="450"/>
        <source>Rechnungsentwurf anlegen</source>
        <translation>Create invoice draft</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="437"/>
        <source>Wird angelegt …</source>
        <translation>Creating …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="441"/>
        <source>Der Rechnungsentwurf wird in sevDesk angelegt …</source>
        <translation>Creating the invoice draft in sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="451"/>
        <source>Gerade läuft ein Abgleich mit sevDesk. Bitte gleich noch einmal versuchen.</source>
        <translation>A sync with sevDesk is running right now. Please try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="458"/>
        <source>Der Rechnungsentwurf wurde in sevDesk angelegt (ID %1). &lt;a href=&quot;%2&quot;&gt;In sevDesk öffnen&lt;/a&gt;</source>
        <translation>The invoice draft was created in sevDesk (ID %1). &lt;a href=&quot;%2&quot;&gt;Open in sevDesk&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="224"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/invoice_dialog.py" line="471"/>
        <source>Erneut versuchen</source>
        <translation>Try again</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/job_dialog.py" line="22"/>
        <source>Auftrag bearbeiten</source>
        <translation>Edit job</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/job_dialog.py" line="22"/>
        <source>Neuer Auftrag</source>
        <translation>New job</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/job_dialog.py" line="28"/>
        <source>Titel des Auftrags:</source>
        <translation>Title of the job:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/job_dialog.py" line="31"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/job_dialog.py" line="34"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="67"/>
        <source>Schnittstellen</source>
        <translation>Connections</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="67"/>
        <source>Kunden</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="67"/>
        <source>Artikel</source>
        <translation>Articles</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="67"/>
        <source>Projekte</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>Dieser Bereich ist noch nicht verfügbar.</source>
        <translation>This area is not available yet.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="98"/>
        <source>craftdesk – Demo</source>
        <translation>craftdesk – Demo</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="103"/>
        <source>Mit sevDesk verbunden</source>
        <translation>Connected to sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="104"/>
        <source>Mit dem Demo-sevDesk verbunden</source>
        <translation>Connected to the demo sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="105"/>
        <source>sevDesk-Verbindung unterbrochen – neuer Token nötig</source>
        <translation>sevDesk connection broken – new token needed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="106"/>
        <source>Nicht mit sevDesk verbunden</source>
        <translation>Not connected to sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="112"/>
        <source>sevDesk nicht erreichbar – letzte Anfrage fehlgeschlagen</source>
        <translation>sevDesk unreachable – the last request failed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="120"/>
        <source>Abgleich mit sevDesk läuft …</source>
        <translation>Syncing with sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="142"/>
        <source>Abgleich fehlgeschlagen</source>
        <translation>Sync failed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="143"/>
        <source>Der Abgleich mit sevDesk ist fehlgeschlagen.</source>
        <translation>The sync with sevDesk failed.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="145"/>
        <source>Was vorher schon übernommen war, bleibt erhalten; der nächste Abgleich holt den Rest.</source>
        <translation>Whatever was already taken over is kept; the next sync fetches the rest.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="177"/>
        <source>craftdesk läuft weiter</source>
        <translation>craftdesk keeps running</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="178"/>
        <source>craftdesk gleicht im Hintergrund weiter mit sevDesk ab. Beenden über das Symbol im Infobereich.</source>
        <translation>craftdesk keeps syncing with sevDesk in the background. Quit from the icon in the notification area.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/main_window.py" line="201"/>
        <source>Unerwarteter Fehler – Einzelheiten stehen im Protokoll.</source>
        <translation>Unexpected error – details are in the log.</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="69"/>
        <source>1 Kunde neu</source>
        <translation>1 new customer</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="69"/>
        <source>{n} Kunden neu</source>
        <translation>{n} new customers</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="71"/>
        <source>1 Kunde geändert</source>
        <translation>1 customer changed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="71"/>
        <source>{n} Kunden geändert</source>
        <translation>{n} customers changed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="73"/>
        <source>1 Kunde in sevDesk gelöscht</source>
        <translation>1 customer deleted in sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="74"/>
        <source>{n} Kunden in sevDesk gelöscht</source>
        <translation>{n} customers deleted in sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="77"/>
        <source>1 Artikel neu</source>
        <translation>1 new article</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="77"/>
        <source>{n} Artikel neu</source>
        <translation>{n} new articles</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="79"/>
        <source>1 Artikel geändert</source>
        <translation>1 article changed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="79"/>
        <source>{n} Artikel geändert</source>
        <translation>{n} articles changed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="81"/>
        <source>1 Artikel inaktiv</source>
        <translation>1 article inactive</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="81"/>
        <source>{n} Artikel inaktiv</source>
        <translation>{n} articles inactive</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="84"/>
        <source>1 Eintrag neu</source>
        <translation>1 new entry</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="84"/>
        <source>{n} Einträge neu</source>
        <translation>{n} new entries</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="86"/>
        <source>1 Eintrag geändert</source>
        <translation>1 entry changed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="86"/>
        <source>{n} Einträge geändert</source>
        <translation>{n} entries changed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="109"/>
        <source>Unerwarteter Fehler.</source>
        <translation>Unexpected error.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="110"/>
        <source>Abgleich mit sevDesk fehlgeschlagen</source>
        <translation>Sync with sevDesk failed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="111"/>
        <source>Der automatische Abgleich hat nicht geklappt: {reason} Heute erscheint dazu keine weitere Meldung.</source>
        <translation>The automatic sync did not work: {reason} There will be no further message about it today.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/sync/notifications.py" line="123"/>
        <source>Daten aus sevDesk übernommen</source>
        <translation>Data taken over from sevDesk</translation>
    </message>
</context>
<context>
    <name>OrderImportDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="142"/>
        <source>%1 weitere sind in sevDesk unlesbar und fehlen hier (Einzelheiten im Protokoll).</source>
        <translation>%1 more cannot be read in sevDesk and are missing here (details in the log).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="39"/>
        <source>Auftragsbestätigungen aus sevDesk importieren</source>
        <translation>Import order confirmations from sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="42"/>
        <source>neu</source>
        <translation>new</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="42"/>
        <source>bereits importiert</source>
        <translation>already imported</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="44"/>
        <source>Nummer</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="45"/>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="46"/>
        <source>Kunde</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="47"/>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="48"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="53"/>
        <source>Diese Auftragsbestätigung ist bereits importiert.</source>
        <translation>This order confirmation has already been imported.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="60"/>
        <source>Versendete Auftragsbestätigungen aus sevDesk. Haken Sie die an, die als Projekt übernommen werden sollen; bereits importierte sind ausgegraut.</source>
        <translation>Sent order confirmations from sevDesk. Tick those that should become projects; already imported ones are greyed out.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="68"/>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="99"/>
        <source>Auftragsbestätigungen werden aus sevDesk geladen …</source>
        <translation>Loading order confirmations from sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="71"/>
        <source>Aktualisieren</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="73"/>
        <source>Alle neuen auswählen</source>
        <translation>Select all new</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="75"/>
        <source>Importieren</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="78"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="101"/>
        <source>Auftragsbestätigungen laden</source>
        <translation>Load order confirmations</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="104"/>
        <source>Gerade läuft ein anderer Abgleich mit sevDesk. Bitte kurz warten und dann „Aktualisieren“ klicken.</source>
        <translation>Another sync with sevDesk is running right now. Please wait a moment, then click “Refresh”.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="111"/>
        <source>In sevDesk gibt es keine versendeten Auftragsbestätigungen.</source>
        <translation>There are no sent order confirmations in sevDesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="113"/>
        <source>%1 Auftragsbestätigungen, davon %2 noch nicht importiert.</source>
        <translation>%1 order confirmations, %2 of them not imported yet.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="146"/>
        <source>%1 Auftragsbestätigungen werden importiert …</source>
        <translation>Importing %1 order confirmations …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="149"/>
        <source>Auftragsbestätigungen importieren</source>
        <translation>Import order confirmations</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="153"/>
        <source>Gerade läuft ein anderer Abgleich mit sevDesk. Bitte gleich noch einmal versuchen.</source>
        <translation>Another sync with sevDesk is running right now. Please try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="168"/>
        <source>%1 importiert</source>
        <translation>%1 imported</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="170"/>
        <source>%1 bereits importiert</source>
        <translation>%1 already imported</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/order_import_dialog.py" line="172"/>
        <source>%1 fehlgeschlagen</source>
        <translation>%1 failed</translation>
    </message>
</context>
<context>
    <name>PartCategoriesDialog</name>
    <message>
        <location filename="../../craftdesk/ui/part_categories_dialog.py" line="34"/>
        <source>Artikelkategorien wählen</source>
        <translation>Choose part categories</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/part_categories_dialog.py" line="38"/>
        <source>In diesem sevDesk-Konto gibt es keine Kategorie „Artikel“. Welche Kategorien sollen als Artikel übernommen werden?</source>
        <translation>This sevDesk account has no category “Artikel”. Which categories should be imported as articles?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/part_categories_dialog.py" line="42"/>
        <source>Die Teile dieser sevDesk-Kategorien werden als Artikel übernommen:</source>
        <translation>The parts of these sevDesk categories are imported as articles:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/part_categories_dialog.py" line="55"/>
        <source>{name} (gibt es in sevDesk nicht)</source>
        <translation>{name} (does not exist in sevDesk)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/part_categories_dialog.py" line="62"/>
        <source>Übernehmen</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/part_categories_dialog.py" line="63"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/part_categories_dialog.py" line="89"/>
        <source>Bitte mindestens eine Kategorie ankreuzen.</source>
        <translation>Please tick at least one category.</translation>
    </message>
</context>
<context>
    <name>PlanningBoard</name>
    <message>
        <source>Es gibt keine aktiven Mitarbeiter.</source>
        <translation>There are no active employees.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="79"/>
        <source>Keine aktiven Mitarbeiter: Mit „Mitarbeiter …“ anlegen, wieder aktivieren oder aus sevDesk übernehmen – jeder bekommt hier seine Zeile. Bis dahin wird in „nicht zugewiesen“ geplant.</source>
        <translation>No active employees: add them, activate them again or take them over from sevDesk with “Employees …” – each gets a row here. Until then, plan in “not assigned”.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/board_parts.py" line="131"/>
        <source>Alle Termine sind eingeplant.</source>
        <translation>All appointments are planned.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="109"/>
        <source>Vorherige Woche</source>
        <translation>Previous week</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="113"/>
        <source>Nächste Woche</source>
        <translation>Next week</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="115"/>
        <source>Heute</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="122"/>
        <source>Sonntag</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="142"/>
        <source>Sonntag in jeder Woche zeigen (eine Woche mit Terminen am Sonntag zeigt ihn immer)</source>
        <translation>Show Sunday in every week (a week with appointments on a Sunday always shows it)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="124"/>
        <source>Rückgängig</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="126"/>
        <source>Wiederholen</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="132"/>
        <location filename="../../craftdesk/ui/planning_board.py" line="290"/>
        <source>Drucken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="135"/>
        <source>Arbeitsauftrag des gewählten Termins …</source>
        <translation>Job sheet of the selected appointment …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="136"/>
        <source>Arbeitsbericht des gewählten Termins …</source>
        <translation>Work report of the selected appointment …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="137"/>
        <source>Tagesplan des gewählten Mitarbeiters …</source>
        <translation>Day plan of the selected employee …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="139"/>
        <source>Kalender exportieren …</source>
        <translation>Export calendar …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="141"/>
        <source>Termine ab dieser Woche als iCalendar-Datei (.ics) für Handy und Kalenderprogramm</source>
        <translation>Appointments from this week on as an iCalendar file (.ics) for phones and calendar apps</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="183"/>
        <source>Nicht terminiert (%1)</source>
        <translation>Not scheduled (%1)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="189"/>
        <source>KW %1 · %2 – %3</source>
        <translation>Week %1 · %2 – %3</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="204"/>
        <source>Termin einplanen</source>
        <translation>Schedule appointment</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="210"/>
        <source>Termin verschieben</source>
        <translation>Move appointment</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="227"/>
        <source>Fertigen Termin verschieben</source>
        <translation>Move finished appointment</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="228"/>
        <source>Der Termin „%1“ ist schon fertig. Trotzdem verschieben?</source>
        <translation>The appointment “%1” is already finished. Move it anyway?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="216"/>
        <source>Termin zurück in „Nicht terminiert“</source>
        <translation>Appointment back to “Not scheduled”</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="237"/>
        <source>Doppelbelegung: %1 ist am %2 von %3 bis %4 schon für „%5“ eingeplant.</source>
        <translation>Double booking: %1 is already planned for “%5” on %2 from %3 to %4.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="290"/>
        <source>Bitte zuerst einen Termin auf der Tafel anklicken.</source>
        <translation>Please click an appointment on the board first.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="316"/>
        <source>Tagesplan</source>
        <translation>Day plan</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="317"/>
        <source>Bitte zuerst in der Zeile eines Mitarbeiters auf den gewünschten Tag klicken.</source>
        <translation>Please click the day in an employee&apos;s row first.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="328"/>
        <source>Alle Mitarbeiter</source>
        <translation>All employees</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="333"/>
        <source>Kalender exportieren</source>
        <translation>Export calendar</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="334"/>
        <source>Termine ab dieser Woche exportieren für:</source>
        <translation>Export the appointments from this week on for:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="345"/>
        <source>%1 Termine als Kalenderdatei exportiert.</source>
        <translation>%1 appointments exported as a calendar file.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="252"/>
        <source>Bearbeiten …</source>
        <translation>Edit …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="254"/>
        <source>Arbeitsauftrag drucken …</source>
        <translation>Print job sheet …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="257"/>
        <source>Arbeitsbericht …</source>
        <translation>Work report …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="259"/>
        <source>Zurück in „Nicht terminiert“</source>
        <translation>Back to “Not scheduled”</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="262"/>
        <source>Tagesplan drucken …</source>
        <translation>Print day plan …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="263"/>
        <source>Farbe des Mitarbeiters …</source>
        <translation>Employee&apos;s colour …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="273"/>
        <source>Farbe des Mitarbeiters</source>
        <translation>Employee&apos;s colour</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Als PDF speichern</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>Als PDF speichern oder drucken?</source>
        <translation>Save as PDF or print?</translation>
    </message>
    <message>
        <source>Als PDF speichern …</source>
        <translation>Save as PDF …</translation>
    </message>
    <message>
        <source>Ausgabe</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Drucken …</source>
        <translation>Print …</translation>
    </message>
    <message>
        <source>Kalender exportieren</source>
        <translation>Export calendar</translation>
    </message>
    <message>
        <source>Als PDF gespeichert: %1</source>
        <translation>Saved as PDF: %1</translation>
    </message>
    <message>
        <source>Öffnen</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Arbeitsauftrag-%1.pdf</source>
        <translation>Job-sheet-%1.pdf</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/print_actions.py" line="200"/>
        <source>craftdesk-termine</source>
        <translation>craftdesk-appointments</translation>
    </message>
    <message>
        <source>Arbeitsbericht-%1.pdf</source>
        <translation>Work-report-%1.pdf</translation>
    </message>
    <message>
        <source>Tagesplan-%1-%2.pdf</source>
        <translation>Day-plan-%1-%2.pdf</translation>
    </message>
    <message>
        <source>Die PDF-Datei „%1“ ließ sich nicht schreiben.</source>
        <translation>The PDF file “%1” could not be written.</translation>
    </message>
</context>
<context>
    <name>Printout</name>
    <message>
        <source>Arbeitsauftrag</source>
        <translation>Job sheet</translation>
    </message>
    <message>
        <source>Arbeitsbericht</source>
        <translation>Work report</translation>
    </message>
    <message>
        <source>Arbeitszeit</source>
        <translation>Working time</translation>
    </message>
    <message>
        <source>Art.-Nr.</source>
        <translation>Item no.</translation>
    </message>
    <message>
        <source>Artikel / Leistung</source>
        <translation>Article / service</translation>
    </message>
    <message>
        <source>Bestätigung</source>
        <translation>Confirmation</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Datum, Ort</source>
        <translation>Date, place</translation>
    </message>
    <message>
        <source>E-Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Einheit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Einsatzort</source>
        <translation>Job site</translation>
    </message>
    <message>
        <source>Geleistete Arbeit</source>
        <translation>Work done</translation>
    </message>
    <message>
        <source>Geplantes Material</source>
        <translation>Planned material</translation>
    </message>
    <message>
        <source>Informiert</source>
        <translation>Informed</translation>
    </message>
    <message>
        <source>Kd.-Nr.</source>
        <translation>Cust. no.</translation>
    </message>
    <message>
        <source>Kein Material geplant.</source>
        <translation>No material planned.</translation>
    </message>
    <message>
        <source>Kein Material verwendet.</source>
        <translation>No material used.</translation>
    </message>
    <message>
        <source>Keine Termine an diesem Tag.</source>
        <translation>No appointments on this day.</translation>
    </message>
    <message>
        <source>Kunde</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Material / Notizen</source>
        <translation>Material / notes</translation>
    </message>
    <message>
        <source>Menge</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Mitarbeiter</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>Notizen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Break</translation>
    </message>
    <message>
        <source>Projekt: %1 · Termin Nr. %2</source>
        <translation>Project: %1 · appointment no. %2</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Stunden</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Tagesplan</source>
        <translation>Day plan</translation>
    </message>
    <message>
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Termin</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>Termin / Kunde</source>
        <translation>Appointment / customer</translation>
    </message>
    <message>
        <source>Unterschrift Kunde</source>
        <translation>Customer&apos;s signature</translation>
    </message>
    <message>
        <source>Unterschrift Mitarbeiter</source>
        <translation>Employee&apos;s signature</translation>
    </message>
    <message>
        <source>Verbrauchtes Material</source>
        <translation>Material used</translation>
    </message>
    <message>
        <source>Verwendetes Material</source>
        <translation>Material used</translation>
    </message>
    <message>
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>bis</source>
        <translation>to</translation>
    </message>
    <message>
        <source>nicht terminiert</source>
        <translation>not scheduled</translation>
    </message>
    <message>
        <source>unterschrieben am %1</source>
        <translation>signed on %1</translation>
    </message>
    <message>
        <source>von</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/printing.py" line="50"/>
        <source>(Anschrift des Kunden, kein Einsatzort angegeben)</source>
        <translation>(the customer&apos;s address; no job site given)</translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="1"/>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="1"/>
        <source>Kunde</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="1"/>
        <source>Straße</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="1"/>
        <source>PLZ</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="1"/>
        <source>Ort</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="1"/>
        <source>Land</source>
        <translation>Country</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="1"/>
        <source>Notizen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="59"/>
        <source>Projekt bearbeiten</source>
        <translation>Edit project</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="59"/>
        <source>Neues Projekt</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="63"/>
        <source>(kein Kunde)</source>
        <translation>(no customer)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="71"/>
        <source>Ländercode, z. B. DE, AT, CH</source>
        <translation>Country code, e.g. DE, AT, CH</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="72"/>
        <source>Postanschrift des Kunden übernehmen</source>
        <translation>Use the customer’s postal address</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="85"/>
        <source>Aus der sevDesk-Auftragsbestätigung %1 importiert. Änderungen bleiben lokal; sevDesk aktualisiert importierte Projekte nie.</source>
        <translation>Imported from the sevDesk order confirmation %1. Changes stay local; sevDesk never updates imported projects.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="89"/>
        <source>Titel:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="90"/>
        <source>Kunde:</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="92"/>
        <source>Einsatzort</source>
        <translation>Job site</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="100"/>
        <source>Straße:</source>
        <translation>Street:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="104"/>
        <source>PLZ / Ort:</source>
        <translation>Postcode / city:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="105"/>
        <source>Land:</source>
        <translation>Country:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="106"/>
        <source>Adresse des Kunden:</source>
        <translation>Customer&apos;s address:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="110"/>
        <source>Notizen:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="114"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="115"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="149"/>
        <source>Postanschrift</source>
        <translation>Postal address</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="149"/>
        <source>Rechnungsanschrift</source>
        <translation>Billing address</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="150"/>
        <source>Lieferadresse</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="152"/>
        <source>– Adresse wählen –</source>
        <translation>– choose an address –</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="178"/>
        <source>Projekt speichern</source>
        <translation>Save project</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/project_dialog.py" line="193"/>
        <source>„%1“ ist kein Kunde. Bitte einen Kunden aus der Liste wählen oder das Feld leeren (kein Kunde).</source>
        <translation>“%1” is not a customer. Please choose a customer from the list or clear the field (no customer).</translation>
    </message>
</context>
<context>
    <name>ProjectTree</name>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="169"/>
        <source>Entwurf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="170"/>
        <source>offen</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="171"/>
        <source>teilweise bezahlt</source>
        <translation>partially paid</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="172"/>
        <source>bezahlt</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="173"/>
        <source>storniert</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="190"/>
        <source>%1: %2, brutto %3, bezahlt %4</source>
        <translation>%1: %2, gross %3, paid %4</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="63"/>
        <source>Titel</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="64"/>
        <source>Kunde</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="65"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="66"/>
        <source>Beginn</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="67"/>
        <source>Stunden</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="68"/>
        <source>Rechnung (sevDesk)</source>
        <translation>Invoice (sevDesk)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="80"/>
        <source>keine Termine</source>
        <translation>no appointments</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="82"/>
        <location filename="../../craftdesk/ui/project_tree.py" line="96"/>
        <source>%1 von %2 fertig</source>
        <translation>%1 of %2 done</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="85"/>
        <location filename="../../craftdesk/ui/project_tree.py" line="97"/>
        <source> – abrechenbar</source>
        <translation> – ready to invoice</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="149"/>
        <source>Klicken, um den Rechnungsentwurf in sevDesk zu öffnen</source>
        <translation>Click to open the invoice draft in sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="206"/>
        <source>Entwurf %1</source>
        <translation>Draft %1</translation>
    </message>
</context>
<context>
    <name>ProjectsTab</name>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="296"/>
        <source>Die Projekte werden gelesen …</source>
        <translation>Reading the projects …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="298"/>
        <source>Die Projekte konnten nicht gelesen werden.</source>
        <translation>The projects could not be read.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="320"/>
        <location filename="../../craftdesk/ui/projects_tab.py" line="439"/>
        <source>Projekt archivieren</source>
        <translation>Archive project</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="417"/>
        <source>Versenden (offen)</source>
        <translation>Send (open)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="417"/>
        <source>Hälfte bezahlen</source>
        <translation>Pay half</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="418"/>
        <source>Als bezahlt buchen</source>
        <translation>Book as paid</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="418"/>
        <source>Stornieren</source>
        <translation>Cancel invoice</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="422"/>
        <source>Demo-sevDesk: Rechnung %1</source>
        <translation>Demo sevDesk: invoice %1</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="430"/>
        <source>Demo-sevDesk</source>
        <translation>Demo sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="76"/>
        <source>Projekt, Kunde, Termin oder Status …</source>
        <translation>Project, customer, appointment or status …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="79"/>
        <source>Neues Projekt</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="81"/>
        <location filename="../../craftdesk/ui/projects_tab.py" line="360"/>
        <source>Neuer Termin</source>
        <translation>New appointment</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="83"/>
        <source>Bearbeiten</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="85"/>
        <location filename="../../craftdesk/ui/projects_tab.py" line="404"/>
        <source>Löschen</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="87"/>
        <source>Rechnung …</source>
        <translation>Invoice …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="279"/>
        <source>Vorschau des Rechnungsentwurfs (auch per Doppelklick auf das Projekt)</source>
        <translation>Preview of the invoice draft (also by double-clicking the project)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_actions.py" line="197"/>
        <source>Zuerst ein Projekt, einen Auftrag oder einen Termin in der Liste wählen.</source>
        <translation>First choose a project, job or appointment in the list.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="89"/>
        <source>Mitarbeiter …</source>
        <translation>Employees …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="91"/>
        <source>Aus sevDesk importieren</source>
        <translation>Import from sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="290"/>
        <source>Versendete Auftragsbestätigungen als Projekte übernehmen</source>
        <translation>Take over sent order confirmations as projects</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="115"/>
        <source>Suchen:</source>
        <translation>Search:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="125"/>
        <source>Doppelklick auf ein Projekt: Rechnungsentwurf; auf einen Termin: bearbeiten.</source>
        <translation>Double-click a project: invoice draft; an appointment: edit.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="188"/>
        <source>Keine Treffer für „%1“.</source>
        <translation>Nothing found for “%1”.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="305"/>
        <source>Keine Treffer für die gewählten Filter.</source>
        <translation>Nothing matches the chosen filters.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="192"/>
        <source>Noch keine Projekte. Verbinden Sie sevDesk im Tab %1, um versendete Auftragsbestätigungen als Projekte zu übernehmen – oder legen Sie mit %2 eines an.</source>
        <translation>No projects yet. Connect sevDesk in the %1 tab to take over sent order confirmations as projects – or create one with %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="194"/>
        <source>Schnittstellen</source>
        <translation>Connections</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="195"/>
        <location filename="../../craftdesk/ui/projects_tab.py" line="201"/>
        <source>„Neues Projekt“</source>
        <translation>“New project”</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="198"/>
        <source>Noch keine Projekte. Mit %1 werden versendete Auftragsbestätigungen aus sevDesk zu Projekten – oder legen Sie mit %2 eines an.</source>
        <translation>No projects yet. %1 turns sent order confirmations from sevDesk into projects – or create one with %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="200"/>
        <source>„Aus sevDesk importieren“</source>
        <translation>“Import from sevDesk”</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="276"/>
        <source>Eine Rechnung ist möglich, sobald ein Termin des Projekts auf „Fertig“ steht und noch nicht abgerechnet ist.</source>
        <translation>An invoice is possible as soon as an appointment of the project is “Done” and not yet invoiced.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="291"/>
        <source>Zuerst im Tab „Schnittstellen“ mit sevDesk verbinden.</source>
        <translation>Connect sevDesk in the “Connections” tab first.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="313"/>
        <source>Neues Projekt …</source>
        <translation>New project …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="315"/>
        <source>Neuer Termin …</source>
        <translation>New appointment …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="317"/>
        <source>Neuer Auftrag …</source>
        <translation>New job …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="318"/>
        <source>Rechnungsentwurf …</source>
        <translation>Invoice draft …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="324"/>
        <source>Bearbeiten …</source>
        <translation>Edit …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="325"/>
        <source>Löschen …</source>
        <translation>Delete …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="332"/>
        <source>Rechnungsentwurf in sevDesk öffnen</source>
        <translation>Open the invoice draft in sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="355"/>
        <source>Neuer Auftrag</source>
        <translation>New job</translation>
    </message>
    <message>
        <source>Titel des Auftrags:</source>
        <translation>Title of the job:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="361"/>
        <source>Bitte wählen Sie zuerst ein Projekt oder einen Auftrag aus.</source>
        <translation>Please select a project or a job first.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="384"/>
        <source>Auftrag bearbeiten</source>
        <translation>Edit job</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="398"/>
        <source>Das Projekt „{title}“ mit allen Aufträgen ({jobs}) und Terminen ({n}) löschen?</source>
        <translation>Delete the project “{title}” with all its jobs ({jobs}) and appointments ({n})?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_actions.py" line="205"/>
        <source>Fertig gemeldete Termine ({done}) verlieren ihre Stunden und ihr Material.</source>
        <translation>Finished appointments ({done}) lose their hours and material.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_actions.py" line="206"/>
        <source>Das lässt sich nicht rückgängig machen.</source>
        <translation>This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="399"/>
        <source>Den Auftrag „{title}“ mit allen Terminen ({n}) löschen?</source>
        <translation>Delete the job “{title}” with all its appointments ({n})?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="400"/>
        <source>Den Termin „{title}“ löschen?</source>
        <translation>Delete the appointment “{title}”?</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="406"/>
        <source>Löschen nicht möglich</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="461"/>
        <source>Bereits angelegte Rechnungsentwürfe in sevDesk: %1.</source>
        <translation>Invoice drafts already created in sevDesk: %1.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="463"/>
        <source>Keine Rechnung möglich</source>
        <translation>No invoice possible</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="327"/>
        <source>Arbeitsauftrag drucken …</source>
        <translation>Print job sheet …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/projects_tab.py" line="329"/>
        <source>Arbeitsbericht …</source>
        <translation>Work report …</translation>
    </message>
</context>
<context>
    <name>QCoreApplication</name>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="378"/>
        <source>Die Einträge werden gelesen …</source>
        <translation>Reading the entries …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="65"/>
        <source>Neu</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="67"/>
        <source>Bearbeiten</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="106"/>
        <source>Suchen:</source>
        <translation>Search:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="161"/>
        <source>Suchbegriff eingeben …</source>
        <translation>Enter a search term …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="164"/>
        <source>%1 von %2 Einträgen</source>
        <translation>%1 of %2 entries</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="173"/>
        <source>Noch keine Einträge.</source>
        <translation>No entries yet.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="291"/>
        <source>Suche und Filter wurden zurückgesetzt, damit der gespeicherte Eintrag zu sehen ist.</source>
        <translation>The search and filters were reset so that the saved entry can be seen.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="313"/>
        <source>Keine Treffer für „%1“.</source>
        <translation>Nothing found for “%1”.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/record_tab.py" line="316"/>
        <source>Alle Einträge sind ausgeblendet – setzen Sie oben das Häkchen, um sie anzuzeigen.</source>
        <translation>All entries are hidden – tick the box above to show them.</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <location filename="../../craftdesk/ui/style.py" line="196"/>
        <source>gleich</source>
        <translation>shortly</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/style.py" line="200"/>
        <source>automatischer Abgleich ausgeschaltet</source>
        <translation>automatic sync switched off</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/style.py" line="202"/>
        <source>sobald sevDesk verbunden ist</source>
        <translation>as soon as sevDesk is connected</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/style.py" line="204"/>
        <source>pausiert, bis ein neuer Token gespeichert ist</source>
        <translation>paused until a new token is saved</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/style.py" line="206"/>
        <source>nach der Wahl der Artikelkategorien</source>
        <translation>after the part categories are chosen</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/style.py" line="209"/>
        <source>Abgleich läuft auf {host}</source>
        <translation>import runs on {host}</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/style.py" line="210"/>
        <source>pausiert</source>
        <translation>paused</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../craftdesk/ui/recovery.py" line="30"/>
        <source>craftdesk – Fehler</source>
        <translation>craftdesk – Error</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/recovery.py" line="40"/>
        <source>Sicherung vom %1 wiederherstellen</source>
        <translation>Restore the backup of %1</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/recovery.py" line="43"/>
        <source>Beenden</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/recovery.py" line="56"/>
        <source>craftdesk – Sicherung wiederhergestellt</source>
        <translation>craftdesk – Backup restored</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/recovery.py" line="58"/>
        <source>Die Sicherung vom %1 ist wiederhergestellt (%2). Was danach eingegeben wurde, fehlt; die beschädigte Datenbank liegt in %3.</source>
        <translation>The backup of %1 is restored (%2). What was entered after it is missing; the damaged database is kept at %3.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/recovery.py" line="80"/>
        <source>craftdesk – Datenbankserver</source>
        <translation>craftdesk – Database server</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/recovery.py" line="80"/>
        <source>Die Datei dieses Rechners enthält nur, was vor dem Umzug auf den Server hier gespeichert war; Rechnungen, die seither angelegt wurden, kennt sie nicht.</source>
        <translation>This computer's file only holds what was saved here before the move to the server; it does not know invoices created since.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/recovery.py" line="80"/>
        <source>Erneut versuchen</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/recovery.py" line="80"/>
        <source>Mit der Datei dieses Rechners starten</source>
        <translation>Start with this computer's file</translation>
    </message>
</context>
<context>
    <name>ServiceText</name>
    <message>
        <location filename="../../craftdesk/messages.py" line="175"/>
        <source>Der Termin „%1“ ist erst am %2, nach dem Rechnungsdatum: Die Leistung wird bis zum %3 angegeben, die Position nennt den %2. Bitte das Datum des Termins prüfen.</source>
        <translation>The appointment “%1” is not until %2, after the invoice date: the service is stated up to %3 while its line names %2. Please check the appointment's date.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Der Datenbankserver hat die Anmeldung abgelehnt (Benutzer oder Passwort falsch) – es wurde nichts verändert; bitte die Zugangsdaten prüfen.</source>
        <translation>The database server refused the login (wrong user or password) – nothing was changed; please check the login details.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Die genannte Datenbank gibt es auf dem Datenbankserver nicht – es wurde nichts verändert; bitte die Adresse prüfen.</source>
        <translation>The database named does not exist on the database server – nothing was changed; please check the address.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Der Datenordner ist nicht beschreibbar (%1).</source>
        <translation>The data folder cannot be written (%1).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Die Datenbank ist von einem anderen Programm gesperrt – es ging nichts verloren, bitte später erneut versuchen.</source>
        <translation>The database is locked by another program – nothing was lost, please try again later.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Der Abgleich wurde unterbrochen (Programm beendet).</source>
        <translation>The import was interrupted (the program ended).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Der Datenbankserver ist nicht erreichbar oder hat die Anmeldung abgelehnt – es wurde nichts verändert; bitte Netzwerk, Server und Zugangsdaten prüfen.</source>
        <translation>The database server cannot be reached or refused the login – nothing was changed; please check the network, the server and the login details.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Die Datenbank %1 ist beschädigt und wurde nicht verändert; eine Sicherungskopie liegt unter %2. Eine Sicherung aus %3 lässt sich mit „craftdesk restore DATEI“ zurückholen (das Fenster bietet die neueste beim Start an); sonst bitte den Support verständigen.</source>
        <translation>The database %1 is damaged and was not changed; a copy of it is kept at %2. A backup from %3 can be brought back with "craftdesk restore FILE" (the window offers the newest one at start); otherwise please contact support.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Die Datenbank %1 ist beschädigt und wurde nicht verändert; eine Sicherungskopie ließ sich nicht anlegen (%2) – bitte die Datei selbst sichern und den Support verständigen.</source>
        <translation>The database %1 is damaged and was not changed; a copy could not be made (%2) – please back the file up yourself and contact support.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Die Datenbank %1 stammt von einer neueren craftdesk-Version und wurde nicht verändert – bitte die neuere Version verwenden.</source>
        <translation>The database %1 comes from a newer craftdesk version and was not changed – please use the newer version.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Die Datenbank %1 ist von einem anderen Programm gesperrt (läuft craftdesk schon?) – es ging nichts verloren, bitte später erneut versuchen.</source>
        <translation>The database %1 is locked by another program (is craftdesk running already?) – nothing was lost, please try again later.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Auf dem Datenträger ist kein Platz mehr frei – die angefangene Änderung wurde verworfen, die gespeicherten Daten sind unverändert; bitte Platz schaffen und erneut versuchen.</source>
        <translation>The disk is full – the change begun was discarded, the saved data is unchanged; please free some space and try again.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Die Datenbank %1 lässt sich nicht lesen oder schreiben – Einzelheiten stehen im Protokoll %2.</source>
        <translation>The database %1 cannot be read or written – the details are in the log %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Gerade läuft ein Abgleich mit dieser Datenbank; bitte warten, bis er fertig ist, und dann wiederherstellen.</source>
        <translation>An import into this database is running right now; please wait until it has finished, then restore.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Es läuft bereits ein Abgleich mit dieser Datenbank (in einem anderen Fenster oder Befehl); bitte warten, bis er fertig ist.</source>
        <translation>Another import into this database is already running (in another window or command); please wait until it has finished.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="1"/>
        <source>Abgleich läuft auf %1: es läuft bereits ein Abgleich mit dieser Datenbank; bitte warten, bis er fertig ist.</source>
        <translation>Import running on %1: another import into this database is already running; please wait until it has finished.</translation>
    </message>
    <message>
        <source>Das geht nur mit dem Demo-sevDesk.</source>
        <translation>This works with the demo sevDesk only.</translation>
    </message>
    <message>
        <source>Die Rechnung ist bereits bezahlt.</source>
        <translation>The invoice is already paid.</translation>
    </message>
    <message>
        <source>Ein Rechnungsentwurf braucht mindestens eine Position.</source>
        <translation>An invoice draft needs at least one line.</translation>
    </message>
    <message>
        <source>Jede Position braucht einen Text.</source>
        <translation>Every line needs a text.</translation>
    </message>
    <message>
        <source>Der Leistungszeitraum endet vor seinem Beginn.</source>
        <translation>The service period ends before it begins.</translation>
    </message>
    <message>
        <source>Der Rechnungsentwurf braucht einen Titel.</source>
        <translation>The invoice draft needs a title.</translation>
    </message>
    <message>
        <source>Eine Freitext-Zeile braucht einen Text.</source>
        <translation>A free-text line needs a text.</translation>
    </message>
    <message>
        <source>Die verwendete Menge muss größer als null sein.</source>
        <translation>The used quantity must be greater than zero.</translation>
    </message>
    <message>
        <source>Der Zahlungsstatus der Rechnungen ließ sich nicht lesen.</source>
        <translation>The payment status of the invoices could not be read.</translation>
    </message>
    <message>
        <source>Arbeitszeit doppelt? Für „%1“ werden die dokumentierten %2 und %3 berechnet – bitte eine der Positionen entfernen oder „Beide berechnen“ wählen.</source>
        <translation>Working time twice? For “%1” the documented %2 and %3 are billed – please remove one of the lines or choose “Bill both”.</translation>
    </message>
    <message>
        <source>Positionen mit 0,00 €: %1 – bitte prüfen; vor dem Anlegen fragt craftdesk nach.</source>
        <translation>Lines at 0.00 €: %1 – please check; craftdesk asks before creating the draft.</translation>
    </message>
    <message>
        <source>Aus der Auftragsbestätigung fehlt im Arbeitsblatt: %1 – bei Bedarf übernehmen oder als Position hinzufügen.</source>
        <translation>Missing from the worksheet but on the order confirmation: %1 – take it over or add it as a line if needed.</translation>
    </message>
    <message>
        <source>Bearbeitete Positionen gibt es im Arbeitsblatt nicht mehr und sind entfallen: %1.</source>
        <translation>Edited lines are no longer on the worksheet and were dropped: %1.</translation>
    </message>
    <message>
        <source>Der Umsatzsteuersatz %1 % von „%2“ ist in sevDesk nicht erlaubt (nur 0, 7 oder 19 %).</source>
        <translation>The VAT rate %1 % of “%2” is not allowed in sevDesk (only 0, 7 or 19 %).</translation>
    </message>
    <message>
        <source>Das Projekt „%1“ kann erst archiviert werden, wenn alle seine Rechnungen bezahlt sind.</source>
        <translation>The project “%1” can only be archived when all its invoices are paid.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="151"/>
        <source>craftdesk läuft nicht aus dem Ordner „Programme“ – bitte craftdesk beenden, craftdesk.app in „Programme“ ziehen und von dort starten; erst dann kann es mit dem System starten.</source>
        <translation>craftdesk is not running from the Applications folder – please quit craftdesk, drag craftdesk.app into Applications and start it from there; only then can it start with the system.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="81"/>
        <source>sevDesk hat den API-Token abgelehnt – vermutlich wurde er in sevDesk geändert (sevDesk vergibt einen neuen Token, wenn der Benutzer bearbeitet wird); bitte den aktuellen Token eintragen.</source>
        <translation>sevDesk rejected the API token – it was probably changed in sevDesk (sevDesk issues a new token whenever the user is edited); please enter the current token.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="85"/>
        <source>Es ist kein sevDesk-API-Token hinterlegt.</source>
        <translation>No sevDesk API token is stored.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="86"/>
        <source>Es ist kein sevDesk-API-Token hinterlegt – bitte zuerst verbinden (Schnittstellen → sevDesk oder „craftdesk connect --token-stdin“).</source>
        <translation>No sevDesk API token is stored – please connect first (Connections → sevDesk, or “craftdesk connect --token-stdin”).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="89"/>
        <source>Der Abgleich wurde abgebrochen.</source>
        <translation>The sync was cancelled.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="90"/>
        <source>abgebrochen</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="91"/>
        <source>Der Datensatz wurde in sevDesk nicht gefunden.</source>
        <translation>The record was not found in sevDesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="92"/>
        <source>sevDesk bremst gerade zu viele Anfragen; später erneut versuchen.</source>
        <translation>sevDesk is currently limiting too many requests; please try again later.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="94"/>
        <source>sevDesk antwortet nicht rechtzeitig.</source>
        <translation>sevDesk does not answer in time.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="95"/>
        <source>sevDesk ist nicht erreichbar – bitte die Internetverbindung prüfen.</source>
        <translation>sevDesk cannot be reached – please check the internet connection.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="97"/>
        <source>Die Verbindung zu sevDesk ist fehlgeschlagen.</source>
        <translation>The connection to sevDesk failed.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="98"/>
        <source>sevDesk hat eine unlesbare Antwort geschickt.</source>
        <translation>sevDesk sent an unreadable answer.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="99"/>
        <source>sevDesk hat eine unerwartete Antwort geschickt.</source>
        <translation>sevDesk sent an unexpected answer.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="100"/>
        <source>sevDesk hat die Anfrage abgelehnt</source>
        <translation>sevDesk refused the request</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="102"/>
        <source>sevDesk meldet einen Fehler</source>
        <translation>sevDesk reports an error</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="105"/>
        <source>Ein anderer Abgleich lief noch.</source>
        <translation>Another sync was still running.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="106"/>
        <source>Unerwarteter Fehler – Einzelheiten im Protokoll.</source>
        <translation>Unexpected error – details are in the log.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="108"/>
        <source>Kategorien werden geladen</source>
        <translation>Loading categories</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="109"/>
        <source>Kunden werden gespeichert</source>
        <translation>Saving customers</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="110"/>
        <source>Artikel werden gespeichert</source>
        <translation>Saving articles</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="111"/>
        <source>Abgleich abgeschlossen</source>
        <translation>Sync finished</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="117"/>
        <source>Der Stundensatz ist 0,00 € – bitte in den Einstellungen eintragen.</source>
        <translation>The hourly rate is 0.00 € – please enter it in the settings.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="119"/>
        <source>Ein früherer Versuch ist unvollständig: craftdesk sucht diesen Entwurf zuerst in sevDesk und legt ihn nur an, wenn es ihn dort nicht gibt.</source>
        <translation>An earlier attempt is incomplete: craftdesk first looks for this draft in sevDesk and creates it only if it is not there.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="122"/>
        <source>In sevDesk gibt es keinen Benutzer, der als Ansprechpartner der Rechnung eingetragen werden kann.</source>
        <translation>sevDesk has no user who can be entered as the invoice&apos;s contact person.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="113"/>
        <source>Kunden</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="114"/>
        <source>Adressen</source>
        <translation>Addresses</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="115"/>
        <source>Kommunikationswege</source>
        <translation>Contact details</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="116"/>
        <source>Artikel</source>
        <translation>Articles</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="104"/>
        <source>sevDesk meldet einen Serverfehler (%1).</source>
        <translation>sevDesk reports a server error (%1).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="101"/>
        <source>sevDesk hat die Anfrage abgelehnt: %1</source>
        <translation>sevDesk refused the request: %1</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="103"/>
        <source>sevDesk meldet einen Fehler: %1</source>
        <translation>sevDesk reports an error: %1</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="112"/>
        <source>%1: %2 von %3</source>
        <translation>%1: %2 of %3</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="107"/>
        <source>Unerwarteter Fehler (%1)</source>
        <translation>Unexpected error (%1)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="125"/>
        <source>Im Projekt „%1“ gibt es keinen fertigen Termin, der noch nicht abgerechnet ist.</source>
        <translation>The project “%1” has no finished appointment that is not yet invoiced.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="127"/>
        <source>Dem Projekt „%1“ ist kein Kunde zugeordnet.</source>
        <translation>The project “%1” has no customer.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="128"/>
        <source>Für den Termin „%1“ sind keine Stunden dokumentiert.</source>
        <translation>No hours are documented for the appointment “%1”.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="130"/>
        <source>Für den Kunden „%1“ ist keine Anschrift hinterlegt.</source>
        <translation>No address is stored for the customer “%1”.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="133"/>
        <source>Keine der eingestellten Artikelkategorien (%1) gibt es in sevDesk, dort gibt es %2 – es wurden keine Artikel importiert; bitte die Kategorien unter Schnittstellen → Einstellungen wählen.</source>
        <translation>None of the configured part categories (%1) exists in sevDesk, which has %2 – no articles were imported; please choose the categories under Connections → Settings.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="137"/>
        <source>Keine der eingestellten Artikelkategorien (%1) gibt es in sevDesk, und das Konto hat keine Artikelkategorien – es wurden keine Artikel importiert.</source>
        <translation>None of the configured part categories (%1) exists in sevDesk, and the account has no part categories – no articles were imported.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="140"/>
        <source>Die Adresse der Auftragsbestätigung „%1“ passt zu keiner Adresse des Kunden – als Einsatzort wurde „%2“ eingesetzt; bitte prüfen.</source>
        <translation>The address of the order confirmation “%1” matches none of the customer&apos;s addresses – “%2” was used as the job site; please check.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="200"/>
        <source>Optionale Positionen der Auftragsbestätigung sind nicht eingeplant; sie stehen in den Notizen des Termins.</source>
        <translation>Optional positions of the order confirmation are not planned; they are listed in the appointment&apos;s notes.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="218"/>
        <source>Positionen der Auftragsbestätigung, die craftdesk nicht lesen konnte, sind nicht eingeplant; sie stehen in den Notizen des Termins.</source>
        <translation>Positions of the order confirmation that craftdesk could not read are not planned; they are listed in the appointment&apos;s notes.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Datenbank-Adresse ist ungültig: bitte Server und Port prüfen (z. B. postgresql://craftdesk@nas.local:5432/craftdesk).</source>
        <translation>The database address is invalid: please check the server and port (e.g. postgresql://craftdesk@nas.local:5432/craftdesk).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Datenbank-Adresse muss mit postgresql:// beginnen.</source>
        <translation>The database address must begin with postgresql://.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Datenbank-Adresse braucht Server und Datenbankname, z. B. postgresql://craftdesk@nas.local/craftdesk.</source>
        <translation>The database address needs a server and a database name, e.g. postgresql://craftdesk@nas.local/craftdesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>In der Datenbank-Adresse muss connect_timeout eine Zahl von Sekunden sein.</source>
        <translation>In the database address, connect_timeout must be a number of seconds.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>In der Datenbank-Adresse ist sslmode unbekannt; möglich sind: %1.</source>
        <translation>In the database address, sslmode is unknown; possible values: %1.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>„%1“ ist ein Ordner, keine Sicherung: bitte die Sicherungsdatei angeben.</source>
        <translation>“%1” is a folder, not a backup: please choose the backup file.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Sicherungsdatei %1 gibt es nicht.</source>
        <translation>The backup %1 does not exist.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Sicherung %1 lässt sich nicht öffnen.</source>
        <translation>The backup %1 cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Sicherung %1 ist beschädigt und wird nicht verwendet.</source>
        <translation>The backup %1 is damaged and is not used.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Datei %1 ist keine lesbare craftdesk-Sicherung.</source>
        <translation>The file %1 is not a readable craftdesk backup.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Sicherung %1 stammt von einer neueren craftdesk-Version und wird nicht verwendet.</source>
        <translation>The backup %1 comes from a newer version of craftdesk and is not used.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Sicherung ließ sich nicht schreiben (%1).</source>
        <translation>The backup could not be written (%1).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Wiederherstellung ist gescheitert (%1); die Daten sind unverändert.</source>
        <translation>The restore failed (%1); the data is unchanged.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>%1 Ohne diese Sicherung des jetzigen Stands wurde nichts wiederhergestellt.</source>
        <translation>%1 Without this backup of the current state, nothing was restored.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Wiederherstellung ist gescheitert (%1); der vorige Stand liegt in %2.</source>
        <translation>The restore failed (%1); the previous state is in %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="300"/>
        <source>Die Wiederherstellung ist gescheitert (%1); die beschädigte Datenbank liegt in %2.</source>
        <translation>The restore failed (%1); the damaged database is in %2.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="210"/>
        <source>Das Ende eines Termins liegt vor seinem Beginn.</source>
        <translation>The end of an appointment lies before its start.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="210"/>
        <source>Ein Mitarbeiter braucht einen Namen.</source>
        <translation>An employee needs a name.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="210"/>
        <source>Für „Fertig“ werden die geleisteten Stunden benötigt.</source>
        <translation>“Done” needs the hours worked.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="200"/>
        <source>Die Auftragsbestätigung hat einen Rabatt oder Aufschlag auf die Gesamtsumme, der in keiner geplanten Position steckt – bitte im Rechnungsentwurf berücksichtigen (Betrag in den Notizen des Termins).</source>
        <translation>The order confirmation has a discount or surcharge on its total that is in none of the planned positions – please allow for it in the invoice draft (the amount is in the appointment&apos;s notes).</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="155"/>
        <source>sevDesk-Benutzer %1 (Name für diesen Token nicht sichtbar)</source>
        <translation>sevDesk user %1 (name not visible to this token)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="132"/>
        <source>Die Einheit „%1“ gibt es in sevDesk nicht.</source>
        <translation>The unit “%1” does not exist in sevDesk.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="143"/>
        <source>Das Ende eines Termins muss nach seinem Beginn liegen.</source>
        <translation>An appointment must end after it starts.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="144"/>
        <source>Termine müssen zwischen 1900 und 2100 liegen.</source>
        <translation>Appointments must lie between 1900 and 2100.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="145"/>
        <source>Ein Termin darf höchstens 14 Tage dauern.</source>
        <translation>An appointment may last 14 days at most.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="229"/>
        <source>Den Zeitpunkt %1 gibt es nicht: In dieser Nacht wird die Uhr von 2 auf 3 Uhr vorgestellt.</source>
        <translation>The time %1 does not exist: that night the clocks go forward from 2 to 3 o'clock.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="233"/>
        <source>Den Zeitpunkt %1 nach dem Zurückstellen der Uhr (das zweite Mal in dieser Nacht) kann craftdesk nicht speichern; bitte eine andere Zeit wählen.</source>
        <translation>craftdesk cannot store %1 after the clocks went back (its second pass that night); please choose another time.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="146"/>
        <source>Der Termin „%1“ wurde seitdem geändert; dieser Schritt lässt sich nicht mehr rückgängig machen.</source>
        <translation>The appointment “%1” has been changed since; this step can no longer be undone.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="146"/>
        <source>Der Termin „%1“ ist bereits abgerechnet und wird nicht mehr verschoben.</source>
        <translation>The appointment “%1” is already invoiced and is no longer moved.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="148"/>
        <source>Der Termin „%1“ ist fertig und bleibt terminiert.</source>
        <translation>The appointment “%1” is done and stays scheduled.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/messages.py" line="149"/>
        <source>Einen Arbeitsbericht gibt es erst, wenn „%1“ auf „Fertig“ steht.</source>
        <translation>A work report exists only once “%1” is set to “Done”.</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="98"/>
        <source>Einstellungen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="103"/>
        <source>Automatisch abgleichen alle</source>
        <translation>Sync automatically every</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="107"/>
        <source> Minuten</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="112"/>
        <source>Abgleich:</source>
        <translation>Sync:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="114"/>
        <source>bei Fehlern (höchstens einmal am Tag)</source>
        <translation>on errors (at most once a day)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="115"/>
        <source>bei neuen oder geänderten Daten</source>
        <translation>on new or changed data</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="116"/>
        <source>Benachrichtigen:</source>
        <translation>Notify:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="127"/>
        <source>€ netto, USt.:</source>
        <translation>€ net, VAT:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="93"/>
        <source>Kleinunternehmer (§ 19 UStG): Rechnungen ohne Umsatzsteuer</source>
        <translation>Small business (§ 19 UStG): invoices without VAT</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="130"/>
        <source>Stundensatz:</source>
        <translation>Hourly rate:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="134"/>
        <location filename="../../craftdesk/ui/settings_panel.py" line="148"/>
        <source>Aus sevDesk laden</source>
        <translation>Load from sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="138"/>
        <source>Ansprechpartner auf Rechnungen:</source>
        <translation>Contact person on invoices:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="165"/>
        <source>Artikel-Kategorien:</source>
        <translation>Article categories:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="167"/>
        <source>Mit dem System starten</source>
        <translation>Start with the system</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="204"/>
        <location filename="../../craftdesk/ui/settings_panel.py" line="377"/>
        <source>(erster Administrator)</source>
        <translation>(first administrator)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="207"/>
        <source>Benutzer {id}</source>
        <translation>User {id}</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="212"/>
        <location filename="../../craftdesk/ui/settings_panel.py" line="269"/>
        <source>Überweisung (Standard)</source>
        <translation>Bank transfer (default)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="215"/>
        <source>Zahlungsart {id}</source>
        <translation>Payment method {id}</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="237"/>
        <source>Bitte einen Stundensatz wie 65,00 eingeben.</source>
        <translation>Please enter an hourly rate like 65.00.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="257"/>
        <source>Zahlungsarten werden aus sevDesk geladen …</source>
        <translation>Loading payment methods from sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="258"/>
        <source>Zahlungsarten laden</source>
        <translation>Load payment methods</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="275"/>
        <source>{n} Zahlungsarten geladen.</source>
        <translation>{n} payment methods loaded.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="280"/>
        <source>Artikelkategorien werden aus sevDesk geladen …</source>
        <translation>Loading part categories from sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="282"/>
        <source>Artikelkategorien laden</source>
        <translation>Load part categories</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="306"/>
        <source>Artikelkategorien prüfen</source>
        <translation>Check part categories</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="330"/>
        <source>Gespeichert – die Artikel kommen mit dem nächsten Abgleich.</source>
        <translation>Saved – the articles come with the next sync.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="348"/>
        <source>Der automatische Start konnte nicht geändert werden.</source>
        <translation>Starting with the system could not be changed.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="357"/>
        <location filename="../../craftdesk/ui/settings_panel.py" line="361"/>
        <source>Zuerst links den sevDesk-API-Token speichern.</source>
        <translation>Save the sevDesk API token on the left first.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="360"/>
        <source>Die Kategorien aus sevDesk laden und die gewünschten ankreuzen</source>
        <translation>Load the categories from sevDesk and tick the ones you want</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="366"/>
        <source>Benutzer werden aus sevDesk geladen …</source>
        <translation>Loading users from sevDesk …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="367"/>
        <source>sevDesk-Benutzer laden</source>
        <translation>Load sevDesk users</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="262"/>
        <location filename="../../craftdesk/ui/settings_panel.py" line="285"/>
        <location filename="../../craftdesk/ui/settings_panel.py" line="370"/>
        <source>Bitte warten, bis der laufende Abgleich fertig ist.</source>
        <translation>Please wait until the running sync has finished.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="153"/>
        <source>Zahlungsart (E-Rechnung):</source>
        <translation>Payment method (e-invoice):</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="160"/>
        <source>Wählen …</source>
        <translation>Choose …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="381"/>
        <source>Benutzer {id} (Name nicht sichtbar)</source>
        <translation>User {id} (name not visible)</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/settings_panel.py" line="386"/>
        <source>{n} Benutzer geladen.</source>
        <translation>{n} users loaded.</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/signature_dialog.py" line="108"/>
        <source>Unterschrift des Kunden</source>
        <translation>Customer&apos;s signature</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/signature_dialog.py" line="111"/>
        <source>Der Kunde bestätigt die Arbeit „%1“. Unterschreiben mit Maus, Stift oder Finger – oder ohne Unterschrift fortfahren.</source>
        <translation>The customer confirms the work “%1”. Sign with mouse, pen or finger – or continue without a signature.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/signature_dialog.py" line="119"/>
        <source>Löschen</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/signature_dialog.py" line="122"/>
        <source>Übernehmen</source>
        <translation>Use</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/signature_dialog.py" line="124"/>
        <source>Ohne Unterschrift</source>
        <translation>Without signature</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="36"/>
        <location filename="../../craftdesk/ui/project_tree.py" line="34"/>
        <source>Nicht terminiert</source>
        <translation>Not scheduled</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="37"/>
        <location filename="../../craftdesk/ui/project_tree.py" line="35"/>
        <source>Terminiert</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="38"/>
        <location filename="../../craftdesk/ui/project_tree.py" line="36"/>
        <source>In Bearbeitung</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="39"/>
        <location filename="../../craftdesk/ui/project_tree.py" line="37"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_tree.py" line="38"/>
        <source>Fertig</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="41"/>
        <location filename="../../craftdesk/ui/project_tree.py" line="39"/>
        <source>Archiv</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/project_filter.py" line="40"/>
        <source>Fertig – abrechenbar</source>
        <translation>Done – ready to invoice</translation>
    </message>
</context>
<context>
    <name>TokenPromptDialog</name>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="37"/>
        <source>Neuer sevDesk-Token nötig</source>
        <translation>New sevDesk token needed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="44"/>
        <source>neuen API-Token einfügen</source>
        <translation>paste the new API token</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="47"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/interfaces_parts.py" line="48"/>
        <source>Später</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="120"/>
        <source>Öffnen</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="123"/>
        <source>Jetzt synchronisieren</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="133"/>
        <source>Beenden</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="142"/>
        <source>craftdesk – Demo</source>
        <translation>craftdesk – Demo</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="163"/>
        <source>sevDesk-Verbindung unterbrochen – neuer Token nötig</source>
        <translation>sevDesk connection broken – new token needed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="165"/>
        <source>Nicht mit sevDesk verbunden</source>
        <translation>Not connected to sevDesk</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="168"/>
        <source>Letzter Abgleich fehlgeschlagen: {reason}</source>
        <translation>Last sync failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="175"/>
        <source>Letzter Abgleich: {time}</source>
        <translation>Last sync: {time}</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="178"/>
        <source>Abgleich läuft …</source>
        <translation>Sync running …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/tray.py" line="181"/>
        <source>Nächster Abgleich: {time}</source>
        <translation>Next sync: {time}</translation>
    </message>
</context>
<context>
    <name>ViewSwitch</name>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="363"/>
        <source>Projektliste</source>
        <translation>Project list</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="365"/>
        <source>Plantafel</source>
        <translation>Planning board</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/planning_board.py" line="366"/>
        <source>Wochenplanung: wer arbeitet wann wo</source>
        <translation>Weekly planning: who works when and where</translation>
    </message>
</context>
<context>
    <name>Weekday</name>
    <message>
        <location filename="../../craftdesk/ui/board_parts.py" line="32"/>
        <source>Mo</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/board_parts.py" line="33"/>
        <source>Di</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/board_parts.py" line="34"/>
        <source>Mi</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/board_parts.py" line="35"/>
        <source>Do</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/board_parts.py" line="36"/>
        <source>Fr</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/board_parts.py" line="37"/>
        <source>Sa</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/board_parts.py" line="38"/>
        <source>So</source>
        <translation>Sun</translation>
    </message>
</context>
<context>
    <name>WorksheetBox</name>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="42"/>
        <source>Arbeitsblatt</source>
        <translation>Worksheet</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="49"/>
        <source>z. B. 3,5</source>
        <translation>e.g. 3.5</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="52"/>
        <source>Artikel hinzufügen …</source>
        <translation>Add article …</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="54"/>
        <source>Entfernen</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="56"/>
        <source>Geplantes Material übernehmen</source>
        <translation>Use planned material</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="58"/>
        <source>Übernimmt die Positionen der Auftragsbestätigung mit ihren Preisen – nur, was noch nicht im Arbeitsblatt steht.</source>
        <translation>Takes over the positions of the order confirmation with their prices – only what is not on the worksheet yet.</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="67"/>
        <source>keines</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="74"/>
        <source>Nummer</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="75"/>
        <source>Bezeichnung</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="76"/>
        <source>Menge</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="77"/>
        <source>Einheit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="78"/>
        <source>Preis netto</source>
        <translation>Net price</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="100"/>
        <source>Geleistete Stunden:</source>
        <translation>Hours worked:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="102"/>
        <source>Geplantes Material:</source>
        <translation>Planned material:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="104"/>
        <source>Verwendete Artikel:</source>
        <translation>Articles used:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="112"/>
        <source>Notizen:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../craftdesk/ui/dialogs/appointment_worksheet.py" line="257"/>
        <source>Die Menge von „%1“ ist keine Zahl größer als 0.</source>
        <translation>The quantity of “%1” is not a number greater than 0.</translation>
    </message>
</context>
<context>
    <name>ServerAway</name>
    <message>
        <location filename="../../craftdesk/ui/server_away.py" line="1"/>
        <source>Der Datenbankserver ist nicht erreichbar – craftdesk zeigt den letzten Stand, ändert nichts und verbindet sich von selbst neu.</source>
        <translation>The database server cannot be reached – craftdesk shows the last data, changes nothing and reconnects by itself.</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message>
        <source>1 Kunde</source>
        <translation>1 customer</translation>
    </message>
    <message>
        <source>%n Kunden</source>
        <translation>%n customers</translation>
    </message>
    <message>
        <source>1 Artikel</source>
        <translation>1 article</translation>
    </message>
    <message>
        <source>%n Artikel</source>
        <translation>%n articles</translation>
    </message>
    <message>
        <source>1 Projekt</source>
        <translation>1 project</translation>
    </message>
    <message>
        <source>%n Projekte</source>
        <translation>%n projects</translation>
    </message>
</context>
<context>
    <name>DayPlanChoice</name>
    <message>
        <source>Tagesplan drucken</source>
        <translation>Print day plan</translation>
    </message>
    <message>
        <source>Mitarbeiter:</source>
        <translation>Employee:</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>Day:</translation>
    </message>
    <message>
        <source>Drucken …</source>
        <translation>Print …</translation>
    </message>
    <message>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
