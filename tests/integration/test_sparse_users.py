"""Non-admin tokens may see /SevUser rows with little more than an id (reported for real
accounts): the "connected as" line, the contact person choice and the invoice contact person
cope, with a clear fallback."""

from __future__ import annotations

import responses

from craftdesk.api.client import SevdeskClient
from craftdesk.services.importer import connected_user

URL = "https://sevdesk.example/api/v1"
# The shape of such rows: id and objectName, the rest missing or null.
SPARSE = [
    {"id": "1551095", "objectName": "SevUser"},
    {
        "id": "1551096",
        "objectName": "SevUser",
        "fullname": None,
        "username": None,
        "email": None,
        "role": None,
        "clientOwner": None,
    },
]


@responses.activate
def test_connected_as_names_the_user_id_when_no_name_is_visible():
    responses.get(f"{URL}/SevUser", json={"objects": SPARSE[:1]})
    client = SevdeskClient(URL, "0" * 32, max_retries=0)
    assert connected_user(client) == "sevDesk-Benutzer 1551095 (Name für diesen Token nicht sichtbar)"


@responses.activate
def test_a_visible_name_wins_over_the_fallback():
    rows = [*SPARSE, {"id": "7", "objectName": "SevUser", "username": "office@example.de"}]
    responses.get(f"{URL}/SevUser", json={"objects": rows[2:]})
    client = SevdeskClient(URL, "0" * 32, max_retries=0)
    assert connected_user(client) == "office@example.de"


def test_invoice_contact_person_falls_back_to_the_first_visible_user(sandbox, client, database):
    from craftdesk.services.invoice_body import contact_person_id

    for user in sandbox.data.all("SevUser"):
        for key in ("fullname", "firstName", "lastName", "username", "email", "role", "clientOwner"):
            user[key] = None
    first = sandbox.data.all("SevUser")[0]["id"]
    assert contact_person_id(client) == first


def test_settings_list_sparse_users_by_id(qtbot, ctx):
    from craftdesk.api.records import parse_sevuser
    from craftdesk.sync.controller import SyncController
    from craftdesk.ui.settings_panel import SettingsPanel

    controller = SyncController(ctx)
    try:
        panel = SettingsPanel(controller)
        qtbot.addWidget(panel)
        panel._fill_users([parse_sevuser(row) for row in SPARSE])
        labels = [panel.contact_person.itemText(i) for i in range(panel.contact_person.count())]
        assert labels == [
            "(erster Administrator)",
            "Benutzer 1551095 (Name nicht sichtbar)",
            "Benutzer 1551096 (Name nicht sichtbar)",
        ]
        panel.contact_person.setCurrentIndex(2)
        from craftdesk.store import settings

        assert settings.get("contact_person_id") == "1551096"
    finally:
        controller.shutdown()
