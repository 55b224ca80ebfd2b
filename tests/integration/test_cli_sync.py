"""``craftdesk connect / sync / export`` end to end: cli.main against the demo sevDesk."""

from __future__ import annotations

import io
import json
import sys

import pytest

from craftdesk import cli
from craftdesk.context import AppContext
from craftdesk.credentials import token_username
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services.settings import workstation_key
from craftdesk.store import settings
from craftdesk.store.db import close_database
from craftdesk.store.models import Customer

WRONG_TOKEN = "ffffffffffffffffffffffffffffffff"
CUSTOMER_KEYS = {
    "id",
    "sevdesk_id",
    "customer_number",
    "kind",
    "first_name",
    "last_name",
    "company",
    "name_suffix",
    "description",
    "deleted_in_sevdesk",
    "e_invoice",
    "buyer_reference",
    "government_agency",
    "emails",
    "mobiles",
    "phones",
    "addresses",
}


@pytest.fixture
def env(monkeypatch, sandbox, data_dir):
    """CLI environment on the sandbox; clients without slow retries; DB closed afterwards."""
    monkeypatch.setenv("CRAFTDESK_API_URL", sandbox.url)
    monkeypatch.setenv("CRAFTDESK_DATA_DIR", str(data_dir))
    original = AppContext.client

    def fast_client(self, token=None, cancel_event=None, **kwargs):
        kwargs.setdefault("max_retries", 0)
        return original(self, token, cancel_event, **kwargs)

    monkeypatch.setattr(AppContext, "client", fast_client)
    yield sandbox
    close_database()


def run(monkeypatch, capsys, *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored_token(memory_keyring) -> str | None:
    """The token stored for the sandbox's API origin (the env var names the sandbox)."""
    import os

    return memory_keyring.store.get(("craftdesk", token_username(os.environ["CRAFTDESK_API_URL"])))


def test_S1_connect_tests_stores_token_shows_user_and_imports_customers(
    env, monkeypatch, capsys, memory_keyring
):
    code, out, err = run(monkeypatch, capsys, "connect", "--token-stdin", stdin=DEMO_TOKEN + "\n")
    assert code == 0, err
    assert "Verbunden mit sevDesk: Thomas Becker." in out
    kunden = sum(1 for c in env.data.all("Contact") if c["category"]["id"] == "3")
    expected = f"Kunden: {kunden} neu, 0 geändert, 0 unverändert, 0 übersprungen, 0 als gelöscht markiert"
    assert expected in out
    assert stored_token(memory_keyring) == DEMO_TOKEN
    assert (
        settings.get(workstation_key("connected_user")) == "Thomas Becker"
        and settings.get("sevdesk_enabled") is True
    )
    assert Customer.select().count() == kunden
    assert not any(r.path == "/Part" for r in env.requests)  # S1 imports customers only


def test_S1_connect_with_wrong_token_exits_3_and_stores_nothing(env, monkeypatch, capsys, memory_keyring):
    code, _out, err = run(monkeypatch, capsys, "connect", "--token-stdin", stdin=WRONG_TOKEN)
    assert code == 3
    assert "in sevDesk geändert" in err and err.count("\n") == 1 and "Traceback" not in err
    assert stored_token(memory_keyring) is None
    assert settings.get(workstation_key("connected_user")) is None and Customer.select().count() == 0


def test_S1_connect_unreachable_exits_4_and_stores_nothing(env, monkeypatch, capsys, memory_keyring):
    monkeypatch.setenv("CRAFTDESK_API_URL", "http://127.0.0.1:9/api/v1")
    code, _out, err = run(monkeypatch, capsys, "connect", "--token-stdin", stdin=DEMO_TOKEN)
    assert code == 4 and "nicht erreichbar" in err
    assert stored_token(memory_keyring) is None


def test_S1_connect_warns_when_token_is_kept_for_the_session_only(env, monkeypatch, capsys):
    monkeypatch.setattr(
        "craftdesk.credentials.describe_backend",
        lambda: type("Info", (), {"secure": False, "message": "", "name": "x"})(),
    )
    code, _out, err = run(monkeypatch, capsys, "connect", "--token-stdin", stdin=DEMO_TOKEN)
    assert code == 0 and "nur für diesen Aufruf" in err


def test_connect_without_token_on_stdin_is_a_usage_error(env, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "connect", "--token-stdin", stdin="\n")
    assert code == 2 and "kein Token" in err


def test_sync_prints_counts_per_collection(env, monkeypatch, capsys, memory_keyring):
    run(monkeypatch, capsys, "connect", "--token-stdin", stdin=DEMO_TOKEN)
    contact = next(c for c in env.data.all("Contact") if c.get("customerNumber") == "10008")
    env.data.update("Contact", contact["id"], name="Kita Regenbogen gGmbH")
    code, out, err = run(monkeypatch, capsys, "sync")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Kunden: 0 neu, 1 geändert, ") and lines[0].endswith(
        " unverändert, 0 übersprungen, 0 als gelöscht markiert"
    )
    assert lines[1].startswith("Artikel: ") and lines[1].endswith(" 0 übersprungen, 0 deaktiviert")
    assert lines[2].startswith("Anfragen an sevDesk: ")
    code, out, _ = run(monkeypatch, capsys, "sync", "articles")
    assert code == 0 and not out.startswith("Kunden") and "Artikel: 0 neu, 0 geändert" in out


def test_sync_with_rejected_token_exits_3_naming_the_cause(env, monkeypatch, capsys):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", WRONG_TOKEN)
    code, out, err = run(monkeypatch, capsys, "sync")
    assert code == 3 and out == ""
    assert "vermutlich wurde er in sevDesk geändert" in err and err.count("\n") == 1


def test_sync_unreachable_exits_4(env, monkeypatch, capsys):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    monkeypatch.setenv("CRAFTDESK_API_URL", "http://127.0.0.1:9/api/v1")
    code, _, err = run(monkeypatch, capsys, "sync", "customers")
    assert code == 4 and "nicht erreichbar" in err


def test_export_customers_json_has_exactly_the_spec_shape(env, monkeypatch, capsys):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    run(monkeypatch, capsys, "sync", "customers")
    code, out, _ = run(monkeypatch, capsys, "export", "customers")
    assert code == 0
    records = json.loads(out)
    assert all(set(r) == CUSTOMER_KEYS for r in records)
    kita = next(r for r in records if r["customer_number"] == "10008")
    assert isinstance(kita["id"], int) and isinstance(kita["sevdesk_id"], str)
    assert kita["kind"] == "organisation" and kita["deleted_in_sevdesk"] is False
    assert kita["emails"] == ["leitung@kita-regenbogen-filderstadt.de"] and kita["mobiles"] == []
    assert kita["addresses"] == [
        {"kind": "postal", "street": "Lerchenweg 4", "zip": "70794", "city": "Filderstadt", "country": "DE"},
        {"kind": "billing", "street": "Lerchenweg 4", "zip": "70794", "city": "Filderstadt", "country": "DE"},
    ]
    assert "Müller Haustechnik GmbH" in out  # UTF-8, not \u escapes


def test_export_articles_csv_for_german_excel(env, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    run(monkeypatch, capsys, "sync", "articles")
    target = tmp_path / "artikel.csv"
    code, out, err = run(monkeypatch, capsys, "export", "articles", "--format", "csv", "-o", str(target))
    assert code == 0 and out == "" and "exportiert" in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "id;sevdesk_id;number;name;unit;net_price;vat_rate;gross_price;description;active"
    valve = next(line for line in lines if ";A-1001;" in line)
    assert ";24,90;19;29,63;" in valve and valve.endswith(";ja")


def test_export_projects_is_dispatched(env, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "export", "projects")
    assert code == 0 and json.loads(out) == []


def test_token_never_reaches_log_database_or_exports(env, monkeypatch, capsys, data_dir, tmp_path):
    outputs = []
    for argv, stdin in (
        (["connect", "--token-stdin"], DEMO_TOKEN),
        (["sync"], None),
        (["export", "customers"], None),
        (["export", "articles", "--format", "csv"], None),
    ):
        code, out, err = run(monkeypatch, capsys, "-v", *argv, stdin=stdin)
        assert code == 0, err
        outputs += [out, err]
    run(monkeypatch, capsys, "export", "customers", "--format", "csv", "-o", str(tmp_path / "k.csv"))
    close_database()
    files = [p for p in [*list(data_dir.rglob("*")), tmp_path / "k.csv"] if p.is_file()]
    assert any(p.suffix == ".log" for p in files) and any(p.name.endswith(".sqlite3") for p in files)
    for path in files:
        assert DEMO_TOKEN.encode() not in path.read_bytes(), path.name
    assert not any(DEMO_TOKEN in text for text in outputs)


def test_sync_without_a_token_exits_5_and_asks_nothing(env, monkeypatch, capsys):
    monkeypatch.delenv("CRAFTDESK_API_TOKEN", raising=False)
    code, out, err = run(monkeypatch, capsys, "sync")
    assert code == 5 and out == "" and "connect --token-stdin" in err and err.count("\n") == 1
    assert env.requests == []


def test_sync_customers_reads_and_prints_only_the_customers(env, monkeypatch, capsys):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    code, out, err = run(monkeypatch, capsys, "sync", "customers")
    assert code == 0, err
    assert out.splitlines()[0].startswith("Kunden: ") and "Artikel" not in out
    assert not {"/Part", "/Unity"} & {r.path for r in env.requests}


def test_export_to_stdout_and_to_a_file_are_the_same_bytes(env, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    run(monkeypatch, capsys, "sync")
    stdout = io.BytesIO()
    # A console that cannot encode umlauts: the export goes to it as UTF-8 bytes anyway.
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(stdout, encoding="ascii"))
    for what in ("customers", "articles"):
        for fmt in ("json", "csv"):
            stdout.seek(0)
            stdout.truncate()
            assert cli.main(["export", what, "--format", fmt]) == 0
            sys.stdout.flush()
            target = tmp_path / f"{what}.{fmt}"
            assert cli.main(["export", what, "--format", fmt, "-o", str(target)]) == 0
            assert stdout.getvalue() == target.read_bytes() and len(target.read_bytes()) > 100
