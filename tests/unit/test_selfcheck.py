"""``craftdesk --self-check``: report lines, warnings that pass, problems that fail (exit 1)."""

from __future__ import annotations

import io
import socket
import sys
from argparse import Namespace
from typing import ClassVar

import keyring
import keyring.backends.fail
import pytest

import craftdesk.sandbox
from craftdesk import __version__, cli, config, selfcheck


@pytest.fixture
def check(qapp):
    """Run the self-check in-process; ``qapp`` first, so it reuses the test QApplication
    instead of creating a bare QGuiApplication that would break later widget tests."""

    def run() -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = selfcheck.run_self_check(Namespace(data_dir=None), out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    return run


def lines_of(text: str) -> dict[str, str]:
    result = {}
    for line in text.splitlines():
        label, sep, value = line.partition(":")
        if sep:
            result[label] = value.strip()
    return result


def test_all_well_prints_report_and_exits_0(check, data_dir, monkeypatch):
    monkeypatch.setenv("CRAFTDESK_DATA_DIR", str(data_dir))
    code, out, err = check()
    assert code == 0, err
    assert err == ""
    report = lines_of(out)
    assert report["Version"].startswith(f"craftdesk {__version__}")
    assert report["Datenordner"] == str(data_dir)
    assert report["Protokolldatei"].endswith("craftdesk.log")
    assert report["Schlüsselbund"].endswith("(sicher)")  # the tests' in-memory backend
    assert report["Qt-Plattform"] == "offscreen"
    assert "svg" in report["Bildformate"] and "ico" in report["Bildformate"]
    assert report["Symbole"].endswith("(vollständig)")
    assert report["Demo-sevDesk-Abfrage"].startswith("in Ordnung (2 Anfragen")
    assert out.rstrip().endswith("Selbsttest bestanden.")


def test_cli_flag_runs_the_check(qapp, capsys):
    assert cli.main(["--self-check"]) == 0
    captured = capsys.readouterr()
    assert "Demo-sevDesk-Abfrage: in Ordnung" in captured.out
    assert captured.err == ""


class FailingSandbox(craftdesk.sandbox.Sandbox):
    """The demo server answering every GET /Contact with a 500."""

    started: ClassVar[list[FailingSandbox]] = []

    def start(self) -> FailingSandbox:
        self.faults.add("/Contact", "GET", "status", status=500, times=None)
        FailingSandbox.started.append(self)
        return super().start()  # type: ignore[return-value]


def test_failing_round_trip_is_a_problem_with_exit_1(check, monkeypatch):
    FailingSandbox.started.clear()
    monkeypatch.setattr(craftdesk.sandbox, "Sandbox", FailingSandbox)
    code, out, err = check()
    assert code == 1
    assert lines_of(out)["Demo-sevDesk-Abfrage"] == "fehlgeschlagen"
    problems = [line for line in err.splitlines() if line.startswith("craftdesk: ")]
    assert problems[0].startswith("craftdesk: Die Probeabfrage beim Demo-sevDesk ist fehlgeschlagen")
    assert problems[-1] == "craftdesk: Der Selbsttest hat 1 Problem(e) gefunden."
    assert "Selbsttest bestanden." not in out
    (sandbox,) = FailingSandbox.started
    # Few retries keep a broken installation's check short: 1 try + 1 retry, then stop.
    assert [r.status for r in sandbox.requests] == [500, 500]
    with pytest.raises(OSError):  # stopped even though the check failed
        socket.create_connection((sandbox.host, sandbox.port), timeout=2).close()


def test_missing_icons_are_a_problem(check, monkeypatch, tmp_path):
    (tmp_path / "icons").mkdir()
    monkeypatch.setattr(config, "resources_dir", lambda: tmp_path)
    code, out, err = check()
    assert code == 1
    assert "Die Programmsymbole fehlen oder sind unlesbar (craftdesk-256.png" in err
    assert "fehlen: craftdesk-256.png" in lines_of(out)["Symbole"]


def test_insecure_keyring_on_linux_is_only_a_warning(check, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    keyring.set_keyring(keyring.backends.fail.Keyring())  # restored by the autouse fixture
    code, out, err = check()
    assert code == 0, err
    assert lines_of(out)["Schlüsselbund"].endswith("(nicht sicher)")
    assert "Warnung: Kein sicherer Schlüsselbund gefunden" in out
    assert err == ""


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_insecure_keyring_on_windows_and_macos_is_a_problem(check, monkeypatch, platform):
    monkeypatch.setattr(sys, "platform", platform)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    code, _out, err = check()
    assert code == 1
    assert "craftdesk: Der Schlüsselbund des Betriebssystems ist nicht verfügbar" in err


def test_without_console_the_report_goes_to_the_log(check, monkeypatch, data_dir):
    from craftdesk.log import setup_logging

    log_file = setup_logging(data_dir)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert selfcheck.run_self_check(Namespace(data_dir=None)) == 0
    text = log_file.read_text(encoding="utf-8")
    assert "self-check Demo-sevDesk-Abfrage: in Ordnung" in text


def test_missing_english_catalogue_is_only_a_warning(check, monkeypatch, tmp_path):
    import shutil

    shutil.copytree(config.resources_dir() / "icons", tmp_path / "icons")
    monkeypatch.setattr(config, "resources_dir", lambda: tmp_path)
    code, out, _err = check()
    assert code == 0
    assert "Warnung: Die englische Übersetzung fehlt" in out

    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "craftdesk_en.qm").write_bytes(b"")
    code, out, _err = check()
    assert code == 0
    assert "englische Übersetzung" not in out
    assert "craftdesk_en.qm" in lines_of(out)["Übersetzungen"]


def test_T1_self_check_confirms_the_postgresql_driver(check, data_dir, monkeypatch):
    monkeypatch.setenv("CRAFTDESK_DATA_DIR", str(data_dir))
    code, out, err = check()
    assert code == 0, err
    driver = lines_of(out)["PostgreSQL-Treiber"]
    assert driver.startswith("psycopg ") and "libpq " in driver


@pytest.mark.parametrize("frozen", [False, True])
def test_T1_a_missing_postgresql_driver_fails_the_built_app_and_warns_a_source_install(monkeypatch, frozen):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg raises ImportError
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    report = selfcheck.Report()
    selfcheck._check_postgres_driver(report)
    assert ("PostgreSQL-Treiber", "fehlt") in report.lines
    found = report.problems if frozen else report.warnings
    assert len(found) == 1 and found[0].startswith("Der PostgreSQL-Treiber (psycopg) fehlt")
    assert not (report.warnings if frozen else report.problems)


@pytest.mark.parametrize("frozen", [False, True])
def test_a_missing_fast_json_decoder_fails_the_built_app_and_warns_a_source_install(monkeypatch, frozen):
    report = selfcheck.Report()
    selfcheck._check_decoders(report)
    assert report.lines[0][0] == "JSON-Decoder" and report.lines[0][1].startswith("orjson ")
    assert not report.problems and not report.warnings
    monkeypatch.setitem(sys.modules, "msgspec", None)  # import msgspec raises ImportError
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    report = selfcheck.Report()
    selfcheck._check_decoders(report)
    found = report.problems if frozen else report.warnings
    assert found == ["Der JSON-Decoder msgspec fehlt – der Abgleich mit sevDesk läuft langsamer."]
    assert not (report.warnings if frozen else report.problems)
    assert report.lines[0][0] == "JSON-Decoder" and "msgspec" not in report.lines[0][1]


@pytest.mark.parametrize("frozen", [False, True])
@pytest.mark.parametrize(
    ("name", "label", "fallback", "sentence"),
    [
        ("xxhash", "Seiten-Prüfsumme", "SHA-1", "Die Prüfsummen-Bibliothek xxhash fehlt"),
        ("zlib_ng", "gzip-Entpacker", "zlib", "Die Entpack-Bibliothek zlib-ng fehlt"),
    ],
)
def test_a_missing_digest_or_inflater_library_fails_the_built_app_and_warns_a_source_install(
    monkeypatch, frozen, name, label, fallback, sentence
):
    report = selfcheck.Report()
    selfcheck._check_decoders(report)
    shown = dict(report.lines)[label]
    assert shown.startswith(name.replace("_", "-") + " ")
    monkeypatch.setitem(sys.modules, name, None)  # the import raises ImportError
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    report = selfcheck.Report()
    selfcheck._check_decoders(report)
    found = report.problems if frozen else report.warnings
    assert found == [f"{sentence} – der Abgleich mit sevDesk läuft langsamer."]
    assert not (report.warnings if frozen else report.problems)
    assert (label, fallback) in report.lines
