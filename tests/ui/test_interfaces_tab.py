"""Tab "Schnittstellen": token save flow against the demo sevDesk (S1), the keyring note
(S4), the 401 prompt (S3), settings (S5), sync now + history (R3/R4), demo marker."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt

from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.credentials import TOKEN_USERNAME, TokenStore
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services.settings import workstation_key
from craftdesk.store import settings
from craftdesk.store.models import Article, Customer, SyncRun
from craftdesk.sync.controller import SyncController
from craftdesk.ui.interfaces_tab import HISTORY_LIMIT, InterfacesTab, TokenPromptDialog

FAST = {"backoff_base": 0.01, "backoff_max": 0.05, "max_retries": 1}


def _make(qtbot, ctx):
    controller = SyncController(ctx, client_options=FAST)
    tab = InterfacesTab(controller)
    qtbot.addWidget(tab)
    return controller, tab


@pytest.fixture
def keyring_ctx(data_dir, sandbox, database):
    """Nothing stored yet; the real TokenStore over the (in-memory) keyring."""
    context = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=TokenStore(), db_open=True)
    return context


@pytest.fixture
def tab_for(qtbot):
    made: list[SyncController] = []

    def build(ctx):
        controller, tab = _make(qtbot, ctx)
        made.append(controller)
        return controller, tab

    yield build
    for controller in made:
        controller.shutdown()


def _owner_name(sandbox) -> str:
    """sevDesk has no "who am I": the account owner is named as the connected user."""
    users = sandbox.data.all("SevUser")
    owner = [u for u in users if str(u.get("clientOwner")) in ("1", "True", "true")]
    return (owner or users)[0]["fullname"]


def test_S1_save_token_tests_stores_shows_user_and_imports_customers(
    qtbot, keyring_ctx, sandbox, memory_keyring, tab_for
):
    controller, tab = tab_for(keyring_ctx)
    assert controller.connection_state() == "disconnected"
    tab.token_edit.setText(DEMO_TOKEN)
    with qtbot.waitSignal(controller.run_finished, timeout=20000) as finished:
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is not None
    assert memory_keyring.store[("craftdesk", TOKEN_USERNAME)] == DEMO_TOKEN
    assert _owner_name(sandbox) in tab.status.text()
    assert Customer.select().count() > 0
    run = SyncRun.select().order_by(SyncRun.id).get()
    assert (run.kind, run.trigger, run.status) == ("customers", "connect", "ok")
    assert controller.connection_state() == "connected"
    assert tab.token_edit.text() == ""  # the secret does not linger in the field
    # The articles follow right after the customers.
    qtbot.waitUntil(
        lambda: SyncRun.select().where(SyncRun.kind == "articles", SyncRun.status == "ok").exists(),
        timeout=20000,
    )
    qtbot.waitUntil(lambda: not controller.is_busy(), timeout=5000)
    assert Article.select().count() > 0


def test_S1_wrong_token_says_why_and_stores_nothing(qtbot, keyring_ctx, memory_keyring, tab_for):
    controller, tab = tab_for(keyring_ctx)
    tab.token_edit.setText("0" * 32)
    assert tab.save_token()
    qtbot.waitUntil(lambda: "abgelehnt" in tab.status.text(), timeout=5000)
    assert "neuen Token" in tab.status.text()  # names the likely cause
    assert memory_keyring.store == {}
    assert Customer.select().count() == 0
    assert controller.connection_state() == "disconnected"


def test_S1_no_network_says_so_and_stores_nothing(qtbot, data_dir, database, memory_keyring, tab_for):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ctx = AppContext(
        data_dir=data_dir, api_url=f"http://127.0.0.1:{port}/api/v1", tokens=TokenStore(), db_open=True
    )
    controller, tab = tab_for(ctx)
    tab.token_edit.setText(DEMO_TOKEN)
    assert tab.save_token()
    qtbot.waitUntil(lambda: "nicht erreichbar" in tab.status.text(), timeout=10000)
    assert memory_keyring.store == {}
    assert not controller.has_token()


def test_S4_without_secure_keyring_the_token_is_kept_for_the_session_and_said_so(qtbot, keyring_ctx, tab_for):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    controller, tab = tab_for(keyring_ctx)
    assert "keinen sicheren Schlüsselbund" in tab.keyring_note.text()
    tab.token_edit.setText(DEMO_TOKEN)
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        tab.save_token()
    assert keyring_ctx.tokens.source() == "session"
    assert "bis craftdesk beendet wird" in tab.keyring_note.text()


def test_S1_token_field_is_masked_with_show_hide(qtbot, keyring_ctx, tab_for):
    from PySide6.QtWidgets import QLineEdit

    _controller, tab = tab_for(keyring_ctx)
    assert tab.token_edit.echoMode() == QLineEdit.EchoMode.Password
    tab.toggle_action.trigger()
    assert tab.token_edit.echoMode() == QLineEdit.EchoMode.Normal
    tab.toggle_action.trigger()
    assert tab.token_edit.echoMode() == QLineEdit.EchoMode.Password


def test_S1_the_token_shows_and_hides_by_keyboard_too(qtbot, keyring_ctx, tab_for):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    from craftdesk.ui.interfaces_parts import TokenPromptDialog

    _controller, tab = tab_for(keyring_ctx)
    tab.show()
    tab.token_edit.setFocus()
    qtbot.waitUntil(tab.token_edit.hasFocus)
    qtbot.keyClick(tab.token_edit, Qt.Key.Key_F8, Qt.KeyboardModifier.AltModifier)
    assert tab.token_edit.echoMode() == QLineEdit.EchoMode.Normal
    assert "Alt+F8" in tab.toggle_action.toolTip() and "verbergen" in tab.toggle_action.toolTip()
    qtbot.keyClick(tab.token_edit, Qt.Key.Key_F8, Qt.KeyboardModifier.AltModifier)
    assert tab.token_edit.echoMode() == QLineEdit.EchoMode.Password
    prompt = TokenPromptDialog("Der Token wurde abgelehnt.")  # S3's prompt has the same eye
    qtbot.addWidget(prompt)
    prompt.show()
    prompt.token.setFocus()
    qtbot.waitUntil(prompt.token.hasFocus)
    qtbot.keyClick(prompt.token, Qt.Key.Key_F8, Qt.KeyboardModifier.AltModifier)
    assert prompt.token.echoMode() == QLineEdit.EchoMode.Normal


def test_S2_help_names_the_place_of_the_token_and_the_change_warning(qtbot, keyring_ctx, tab_for):
    from PySide6.QtWidgets import QLabel

    _controller, tab = tab_for(keyring_ctx)
    help_text = tab.findChild(QLabel, "TokenHelp").text()
    for words in ("Einstellungen", "Benutzer", "Einblenden", "Passwort", "neuen Token"):
        assert words in help_text


def test_S3_401_in_background_prompts_once_and_a_new_token_resumes(
    qtbot, data_dir, sandbox, database, tab_for
):
    ctx = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=MemoryTokenStore("f" * 32), db_open=True)
    controller, tab = tab_for(ctx)
    controller.auth_lost.connect(tab.prompt_new_token)
    for _ in range(2):
        with qtbot.waitSignal(controller.import_failed, timeout=5000):
            assert controller.start_import("all", trigger="scheduled")
    prompts = tab.findChildren(TokenPromptDialog)
    assert len(prompts) == 1 and prompts[0].isVisible()
    assert settings.get(workstation_key("connection_broken")) is True
    assert "abgelehnt" in tab.status.text()
    prompts[0].token.setText(DEMO_TOKEN)
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        prompts[0].accept()
    assert settings.get(workstation_key("connection_broken")) is False
    assert controller.can_sync()
    assert ctx.tokens.get() == DEMO_TOKEN


def test_R4_sync_now_shows_progress_and_fills_history(qtbot, ctx, tab_for):
    controller, tab = tab_for(ctx)
    tab.show()
    seen: list[int] = []
    controller.progress.connect(lambda done, total, text: seen.append(tab.progress.maximum()))
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        assert tab.sync_now()
        assert tab.progress.isVisible() and tab.cancel_button.isEnabled()
        assert not tab.sync_button.isEnabled()
    assert seen and max(seen) > 0
    assert not tab.progress.isVisible() and tab.sync_button.isEnabled()
    assert tab.history.item(0, 4).text() == "erfolgreich"
    assert "Kunden neu" in tab.progress_text.text()


def test_R4_the_keyboard_goes_from_a_started_sync_to_abbrechen(qtbot, ctx, sandbox, tab_for):
    """The sync button is disabled once pressed: its focus jumped past Abbrechen."""
    sandbox.faults.add(path="/Contact", method="GET", kind="delay", seconds=1.0, times=1)
    controller, tab = tab_for(ctx)
    tab.show()
    with qtbot.waitActive(tab.window()):
        tab.window().activateWindow()
    tab.sync_button.setFocus()
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        qtbot.keyClick(tab.sync_button, Qt.Key.Key_Space)
        assert tab.cancel_button.hasFocus()


def test_R4_cancel_button_cancels(qtbot, ctx, sandbox, tab_for):
    sandbox.faults.add(path="/Contact", method="GET", kind="delay", seconds=1.0, times=1)
    controller, tab = tab_for(ctx)
    controller.progress.connect(lambda *_: tab.cancel_button.click())
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        tab.sync_now()
    assert tab.history.item(0, 4).text() == "abgebrochen"
    assert tab.progress_text.text() == "Abgebrochen."


def test_R3_history_shows_the_last_50_runs(qtbot, ctx, tab_for):
    for i in range(HISTORY_LIMIT + 5):
        SyncRun.create(
            kind="all",
            trigger="scheduled",
            status="failed" if i % 2 else "ok",
            created=i,
            error="sevDesk ist nicht erreichbar." if i % 2 else None,
        )
    _controller, tab = tab_for(ctx)
    assert tab.history.rowCount() == HISTORY_LIMIT
    newest = SyncRun.select().order_by(SyncRun.id.desc()).get()
    assert tab.history.item(0, 5).text() == str(newest.created)
    assert tab.history.item(0, 4).text() == "erfolgreich"
    assert tab.history.item(1, 9).text() == "sevDesk ist nicht erreichbar."


def test_S5_settings_are_saved_at_once(qtbot, ctx, tab_for):
    _controller, tab = tab_for(ctx)
    panel = tab.settings_panel
    panel.interval.setValue(30)
    panel.sync_enabled.setChecked(False)
    panel.notify_success.setChecked(False)
    panel.hourly_rate.setText("65,5")
    panel.hourly_rate.editingFinished.emit()
    panel.vat_rate.setCurrentIndex(panel.vat_rate.findData("7"))
    assert settings.get("sync_interval_min") == 30
    assert settings.get("sync_enabled") is False
    assert settings.get("notify_success") is False
    assert settings.get("hourly_rate") == "65.50"
    assert panel.hourly_rate.text() == "65,50"
    assert settings.get("hourly_vat_rate") == "7"
    assert panel.vat_rate.isEnabled()
    panel.small_business.setChecked(True)  # Kleinunternehmer: hours carry no VAT
    assert settings.get("small_business") is True
    assert not panel.vat_rate.isEnabled()
    panel.load()
    assert panel.small_business.isChecked() and not panel.vat_rate.isEnabled()


def test_S5_contact_person_is_chosen_from_sevdesk_users(qtbot, ctx, sandbox, tab_for):
    controller, tab = tab_for(ctx)
    panel = tab.settings_panel
    with qtbot.waitSignal(controller.busy_changed, timeout=5000):
        panel.fetch_users()
    qtbot.waitUntil(lambda: panel.contact_person.count() > 1, timeout=5000)
    assert panel.contact_person.count() == 1 + len(sandbox.data.all("SevUser"))
    panel.contact_person.setCurrentIndex(2)
    assert settings.get("contact_person_id") == panel.contact_person.itemData(2)


def test_E2_payment_method_is_chosen_once_from_sevdesk(qtbot, ctx, sandbox, tab_for):
    controller, tab = tab_for(ctx)
    panel = tab.settings_panel
    assert panel.payment_method.currentData() is None  # default: the bank transfer, found when sending
    with qtbot.waitSignal(controller.busy_changed, timeout=5000):
        panel.fetch_payment_methods()
    qtbot.waitUntil(lambda: panel.payment_method.count() > 1, timeout=5000)
    names = [panel.payment_method.itemText(i) for i in range(1, panel.payment_method.count())]
    assert names == [m["name"] for m in sandbox.data.all("PaymentMethod")]
    panel.payment_method.setCurrentIndex(names.index("Lastschrift") + 1)
    assert settings.get("payment_method_id") == "21920"
    panel.load()  # reopened: the choice is still shown
    assert panel.payment_method.currentText() == "Lastschrift"


def test_demo_marker_is_visible(qtbot, ctx, tab_for):
    from craftdesk.ui.main_window import MainWindow

    ctx.demo = True
    controller, tab = tab_for(ctx)
    tab.show()
    assert tab.demo_banner.isVisible() and "Demo" in tab.demo_banner.text()
    window = MainWindow(controller)
    qtbot.addWidget(window)
    assert window.windowTitle() == "craftdesk – Demo"
