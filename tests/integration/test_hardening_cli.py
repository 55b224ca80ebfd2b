"""SPEC H10 and H15 on the command line: out-of-range numbers, dates and ids, odd stdin and
odd API URLs end with exit 2 (or another documented code) and one sentence, never exit 1."""

from __future__ import annotations

import io
import sys
from decimal import Decimal

import pytest

from craftdesk import cli
from craftdesk.api.records import RecordError, parse_order, parse_order_pos, parse_part
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import Appointment, Article, Employee, Job, Project

BIG_ID = str(2**70)


@pytest.fixture
def appointment_id(data_dir) -> int:
    open_database(data_dir / "craftdesk.sqlite3")
    project = Project.create(title="Dach")
    job = Job.create(project=project, title="Dach")
    row = Appointment.create(job=job, title="Dachrinne")
    Article.create(name="Schraube", number="X", unit="Stk", net_price=Decimal("0.10"), vat_rate=Decimal("19"))
    close_database()
    return row.id


def run(data_dir, capsys, *argv: str) -> tuple[int, str]:
    try:
        code = cli.main(["--data-dir", str(data_dir), *argv])
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    close_database()
    err = capsys.readouterr().err
    sentences = [line for line in err.splitlines() if line.startswith("craftdesk:")]
    assert len(sentences) == 1 or code == 2, err
    assert "Traceback" not in err
    return code, err


@pytest.mark.parametrize(
    "argv",
    [
        ("appointment", "done", "{a}", "--hours", "1e309"),
        ("appointment", "done", "{a}", "--hours", "25"),
        ("appointment", "done", "{a}", "--hours", "-1"),
        ("appointment", "done", "{a}", "--hours", "2", "--used", "X=1e20"),
        ("appointment", "done", "{a}", "--hours", "2", "--used", "X=-3"),
        ("appointment", "done", "{a}", "--hours", "2", "--used", "X=600000", "X=600000"),  # the sum counts
        ("appointment", "done", BIG_ID, "--hours", "2"),
        ("appointment", "add", "1", "--title", "T", "--start", "0001-01-01T00:00+14:00"),
        ("appointment", "add", "1", "--title", "T", "--start", "9999-12-31T23:59-14:00"),
        ("appointment", "list", "--project", BIG_ID),
        ("invoice", BIG_ID),
        ("invoice", "-5"),
        ("import-order", BIG_ID),
        ("import-order", "99999999999999999999"),
        ("import-order", "-5"),
        ("import-order", "abc"),
        ("import-order", "12", "AB-1"),
        ("employee", "add", "--name", "Y", "--sevdesk-user", "abc"),
        ("employee", "add", "--name", "Y", "--sevdesk-user", "99999999999999999999999"),
        ("employee", "add", "--name", ""),  # an empty name or title is bad input, not exit 5
        ("employee", "add", "--name", "   "),
        ("appointment", "add", "1", "--title", ""),
        ("appointment", "add", "1", "--title", " \t "),
    ],
)
def test_H10_H15_out_of_range_input_is_a_usage_error(data_dir, capsys, appointment_id, argv):
    args = [part.format(a=appointment_id) for part in argv]
    code, err = run(data_dir, capsys, *args)
    assert code == 2, err
    open_database(data_dir / "craftdesk.sqlite3")
    assert Appointment.get_by_id(appointment_id).hours is None  # nothing stored
    close_database()


def test_H10_negative_hours_are_named_as_such(data_dir, capsys, appointment_id):
    # 0 hours are allowed (H10: 0–24): the sentence must not say "größer als null"
    code, err = run(data_dir, capsys, "appointment", "done", str(appointment_id), "--hours", "-1")
    assert code == 2 and "darf nicht negativ sein" in err


def test_H5_control_characters_typed_into_names_and_titles_are_dropped(data_dir, capsys, appointment_id):
    code, err = run(data_dir, capsys, "employee", "add", "--name", "\x01\x02")
    assert code != 0 and "braucht einen Namen" in err  # nothing but control characters: no name
    base = ["--data-dir", str(data_dir)]
    assert cli.main([*base, "employee", "add", "--name", "Max\x07 Muster\x1b[31mmann"]) == 0
    close_database()
    assert cli.main([*base, "appointment", "add", "1", "--title", "Abnahme\x07\tBad\x7f"]) == 0
    close_database()
    open_database(data_dir / "craftdesk.sqlite3")
    try:
        assert [e.name for e in Employee.select()] == ["Max Muster[31mmann"]
        assert Appointment.select().order_by(Appointment.id.desc()).first().title == "Abnahme Bad"
    finally:
        close_database()


@pytest.mark.parametrize("argv", [(), ("gui",), ("gui", "--demo")])
def test_H15_the_window_without_a_display_is_one_sentence(data_dir, capsys, monkeypatch, argv):
    # On Linux without a display Qt aborts the process (exit 134, lines of its own).
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    started: list[object] = []
    monkeypatch.setattr("craftdesk.ui.app.run_app", lambda *a, **k: started.append(a) or 0)
    code, err = run(data_dir, capsys, *argv)
    assert code == 5 and "grafische Oberfläche" in err
    assert started == []  # Qt was never asked to open a window
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # chosen by the user: left to Qt
    assert cli.main(["--data-dir", str(data_dir), *argv]) == 0 and len(started) == 1
    close_database()


def test_H15_non_utf8_stdin_for_connect_is_one_sentence(data_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe\xfd token\n")))
    code, err = run(data_dir, capsys, "connect", "--token-stdin")
    assert code == 2 and "UTF-8" in err


def test_H15_a_token_that_cannot_travel_in_a_header_is_one_sentence(data_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Tok€n-mit-Eurozeichen\n"))
    code, err = run(data_dir, capsys, "connect", "--token-stdin")
    assert code == 2 and "Token" in err


def test_H15_an_http_api_url_gets_its_sentence_on_stderr(data_dir, capsys, monkeypatch):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", "0123456789abcdef0123456789abcdef")
    code, err = run(data_dir, capsys, "--api-url", "http://sevdesk.example/api/v1", "sync")
    assert code == 2 and "https://" in err


def test_H10_order_dates_are_read_as_days_in_1900_to_2100():
    base = {"id": "9", "orderNumber": "AB-9", "status": "200", "orderType": "AB"}
    for sent, day in [
        ("2024-03-01T00:00:00+01:00", "2024-03-01"),
        ("01.03.2024", "2024-03-01"),
        ("1.3.2024", "2024-03-01"),
        (1709247600, "2024-03-01"),  # midnight in Germany, 23:00 the day before in UTC
        ("1709247600", "2024-03-01"),
        (None, ""),
        ("", ""),
        ("20240301", "2024-03-01"),  # not Unix seconds of 1970
        (20240301, "2024-03-01"),
        ("21000101", "2100-01-01"),
        ("2024-03-01T23:30:00Z", "2024-03-02"),  # in UTC, already the next day in Germany
        ("2024-03-01T23:30:00+01:00", "2024-03-01"),
    ]:
        assert parse_order({**base, "orderDate": sent}).date == day, sent
    for sent in [
        "2150-01-01T00:00:00+01:00",
        "1850-01-01",
        "31.12.1899",
        "18991231",  # was read as Unix seconds: a day in 1970
        "gestern",
        "2024-02-30",
        True,
        10**15,
    ]:
        with pytest.raises(RecordError):
            parse_order({**base, "orderDate": sent})


def test_H5_the_html_text_of_an_order_position_is_read_as_its_text():
    raw = {
        "id": "1",
        "order": {"id": "5"},
        "name": None,
        "text": "<p>Dachrinne &amp; Fallrohr</p><p>reinigen</p>",
    }
    assert parse_order_pos(raw).text == "Dachrinne & Fallrohr\n\nreinigen"
    assert parse_order_pos({**raw, "text": "Preis < 100 €"}).text == "Preis < 100 €"


def test_H10_imported_records_out_of_range_are_skipped():
    base = {"id": "1", "order": {"id": "5", "objectName": "Order"}, "name": "Rohr"}
    with pytest.raises(RecordError):
        parse_order_pos({**base, "quantity": "-5"})
    with pytest.raises(RecordError):
        parse_order_pos({**base, "quantity": "2000000"})
    with pytest.raises(RecordError):
        parse_order_pos({**base, "quantity": "1", "price": "20000000"})
    with pytest.raises(RecordError):
        parse_order_pos({**base, "id": str(2**64)})
    assert parse_order_pos({**base, "quantity": "3"}).quantity == Decimal(3)
    with pytest.raises(RecordError):
        parse_part({"id": "7", "name": "Gold", "priceNet": "99999999", "taxRate": "19"})


def test_README_sandbox_example_keeps_the_real_token(sandbox, tmp_path, capsys, monkeypatch, memory_keyring):
    """The token of the demo server is stored under its own API origin: connecting to it
    leaves the token for sevDesk in the keyring untouched."""
    from craftdesk.credentials import TOKEN_USERNAME, TokenStore
    from craftdesk.sandbox import DEMO_TOKEN

    real = "c0ffee00c0ffee00c0ffee00c0ffee00"
    TokenStore(api_url="https://my.sevdesk.de/api/v1").set(real)
    monkeypatch.setenv("CRAFTDESK_API_URL", sandbox.url)
    monkeypatch.setattr(sys, "stdin", io.StringIO(DEMO_TOKEN + "\n"))
    code = cli.main(["--data-dir", str(tmp_path / "demo"), "connect", "--token-stdin"])
    close_database()
    capsys.readouterr()
    assert code == 0
    assert memory_keyring.store[("craftdesk", TOKEN_USERNAME)] == real
    assert TokenStore(api_url=sandbox.url).get() == DEMO_TOKEN
    assert TokenStore(api_url="https://my.sevdesk.de/api/v1/").get() == real
