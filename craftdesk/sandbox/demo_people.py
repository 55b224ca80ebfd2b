"""The demo account's persons (customers and contact persons of organisations) and the
contacts of other categories (suppliers, partners, prospects), in the notation of
:mod:`demo_data`."""

from __future__ import annotations

from .base_data import CATEGORY_PARTNER, CATEGORY_PROSPECT, CATEGORY_SUPPLIER
from .demo_organisations import ContactSpec

PEOPLE: list[ContactSpec] = [
    # ---- customers: persons
    ContactSpec(
        no="10023",
        person=("Anna", "Schneider"),
        gender="w",
        addr=["P Gartenstraße 7, 70771 Leinfelden-Echterdingen"],
        ways=["E1* anna.schneider@gmx.de", "M4* +49 170 1234567"],
    ),
    ContactSpec(
        no="10024",
        person=("Klaus", "Weiß"),
        title="Dr.",
        gender="m",
        parent="Praxis Dr. Weiß",
        addr=["P Am Hang 12, 71065 Sindelfingen"],
        ways=["M4* +49 171 3322110"],
    ),
    ContactSpec(
        no="10025",
        person=("Jürgen", "Maier"),
        name2="sen.",
        gender="m",
        parent="Schlosserei Maier GmbH",
        addr=["P Höhenweg 5, 71522 Backnang"],
    ),
    ContactSpec(
        no="10026",
        person=("Jürgen", "Maier"),
        name2="jun.",
        gender="m",
        addr=["R Höhenweg 5a, 71522 Backnang"],
        ways=["E1* juergen.maier.jun@web.de"],
    ),
    ContactSpec(
        no="10027",
        person=("Peter", "Schmid"),
        gender="m",
        desc="Badsanierung 2026, Frau Schmid ist Ansprechpartnerin",
        addr=["R Uhlandstraße 23, 73614 Schorndorf", "L Uhlandstraße 23, 73614 Schorndorf | Familie Schmid"],
        ways=[
            "E1 p.schmid@t-online.de",
            "E1* petra.schmid@gmx.de",
            "E1 schmid.familie@web.de",
            "P1* +49 7181 44556",
            "P1 +49 7181 44557",
            "M4 +49 171 9988776",
            "M4* +49 160 5544332",
            "M4 +49 151 66778899",
        ],
    ),
    ContactSpec(
        no="10028",
        person=("Ursula", "Hoffmann-Lößl"),
        title="Prof. Dr.",
        gender="w",
        addr=[
            "R Hölderlinstraße 17, 70193 Stuttgart",
            "L Gänsheidestraße 5, 70184 Stuttgart | Ferienwohnung",
        ],
        ways=["E1* hoffmann-loessl@posteo.de"],
    ),
    ContactSpec(
        no="10029",
        person=("Günther", "Bäuerle"),
        gender="m",
        addr=["P Weinbergweg 8, 71686 Remseck am Neckar"],
    ),
    ContactSpec(
        no="10030",
        person=("Sabine", "Wörner"),
        gender="w",
        titel="Geschäftsführerin",
        parent="Hotel Schwabenhof",
        addr=["G Rathausplatz 8, 73230 Kirchheim unter Teck"],
        ways=["E2* s.woerner@schwabenhof-hotel.de", "M4* +49 172 1112233"],
    ),
    ContactSpec(
        no="10031",
        person=("Ömer", "Yılmaz"),
        gender="m",
        addr=["R Neckarstraße 120, 70190 Stuttgart"],
        ways=["E1* oemer.yilmaz@gmail.com", "M4* +49 176 23456789"],
    ),
    ContactSpec(
        no="10032",
        person=("Heike", "Groß"),
        gender="w",
        addr=[
            "R Friedrichstraße 3, 71063 Sindelfingen",
            "L Friedhofstraße 10, 71063 Sindelfingen | bei Groß",
        ],
        ways=["P1* +49 7031 812345"],
    ),
    ContactSpec(
        no="10033",
        person=("Marco", "Di Stefano"),
        gender="m",
        addr=["P Seestraße 44, 70174 Stuttgart"],
        ways=["E1* marco.distefano@gmx.net"],
    ),
    ContactSpec(
        no="10034", person=("Lena", "Fuchs"), gender="w", addr=["R Tübinger Straße 71, 72072 Tübingen"]
    ),
    ContactSpec(
        no="10035",
        person=("Wolfgang", "Rößler"),
        gender="m",
        desc="Ferienhaus in Tirol, Wartung jährlich",
        addr=["P Rosenstraße 19, 70839 Gerlingen", "L Alpenstraße 3, 6020 Innsbruck [AT] | Ferienhaus"],
        ways=["E1* w.roessler@t-online.de", "P1* +49 7156 23456", "P1 +49 7156 23457", "M4 +49 171 7654321"],
    ),
    ContactSpec(  # a contact person without a customer number of her own
        person=("Katrin", "Lehmann"),
        gender="w",
        titel="Projektleiterin",
        parent="Ingenieurbüro Schäfer & Partner",
        addr=["G Rotebühlstraße 89, 70178 Stuttgart"],
        ways=["E2* k.lehmann@ib-schaefer.de", "P2* +49 711 6203312"],
    ),
    ContactSpec(
        no="10037",
        person=("Thomas", "Krämer"),
        gender="m",
        addr=["R Esslinger Straße 7, 73760 Ostfildern"],
        ways=["M4* +49 177 8899001"],
    ),
    ContactSpec(
        no="10038",
        person=("Elif", "Kaya"),
        gender="w",
        addr=["R Stuttgarter Straße 55, 70806 Kornwestheim"],
        ways=["E1* elif.kaya@web.de", "M4* +49 178 2233445", "W1 elif-kaya-design.de"],
    ),
    ContactSpec(
        no="10039",
        person=("Hans-Peter", "Weißenböck"),
        gender="m",
        addr=["R Talstraße 2, 72622 Nürtingen", "L Talstraße 2/1, 72622 Nürtingen | Einliegerwohnung"],
        ways=["P1* +49 7022 31415"],
    ),
    ContactSpec(
        no="10040",
        person=("Franziska", "Nägele"),
        gender="w",
        addr=["P Lindenstraße 8, 71229 Leonberg"],
        ways=["E1* f.naegele@posteo.de"],
    ),
    # ---- other categories (not imported as customers)
    ContactSpec(
        no="10041",
        org="Richter Sanitärgroßhandel GmbH",
        cat=CATEGORY_SUPPLIER,
        addr=["R Pforzheimer Straße 160, 70499 Stuttgart", "A Pforzheimer Straße 160, 70499 Stuttgart"],
        ways=["E2* bestellung@richter-sanitaer.de", "P2* +49 711 8870000"],
    ),
    ContactSpec(
        no="10042",
        org="Elektro-Großhandel Wagner KG",
        cat=CATEGORY_SUPPLIER,
        addr=["R Bahnhofstraße 60, 70806 Kornwestheim"],
        ways=["E2* vertrieb@wagner-elektro.de"],
    ),
    ContactSpec(
        no="10043",
        org="Fliesen Hoffmann GmbH",
        cat=CATEGORY_PARTNER,
        addr=["G Daimlerstraße 12, 71063 Sindelfingen"],
        ways=["P2* +49 7031 440055"],
    ),
    ContactSpec(
        no="10044",
        org="Malerbetrieb Krause",
        cat=CATEGORY_PARTNER,
        addr=["G Bachstraße 4, 70734 Fellbach"],
        ways=["M4* +49 170 3344556"],
    ),
    ContactSpec(
        no="10045",
        org="Pflegeheim Sonnenhalde gGmbH",
        cat=CATEGORY_PROSPECT,
        status="100",
        addr=["R Sonnenhalde 1, 73760 Ostfildern"],
        ways=["E2* verwaltung@sonnenhalde.de"],
    ),
    ContactSpec(
        no="10046",
        person=("Markus", "Vogel"),
        gender="m",
        cat=CATEGORY_PROSPECT,
        status="100",
        addr=["P Eichenweg 9, 71032 Böblingen"],
        ways=["E1* markus.vogel@gmx.de"],
    ),
    ContactSpec(no="10047", org="Bürogemeinschaft Lindenhof", cat=CATEGORY_PROSPECT, status="100"),
]
