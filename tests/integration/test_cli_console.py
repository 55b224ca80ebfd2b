"""H15 on the command line's edges: output that is not UTF-8 on its own, ports, an empty
--to, files that are not files, and texts longer than a column. Each ends in one of the
documented exit codes with one sentence; exit 1 was the answer to every one of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

LONG = "z" * 256


def _run(data_dir, *argv: str, **env: str) -> tuple[int, bytes, str]:
    done = subprocess.run(
        [sys.executable, "-m", "craftdesk", "--data-dir", str(data_dir), *argv],
        capture_output=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1"])
def test_H15_output_is_utf8_whatever_the_stream_says(tmp_path, encoding):
    name = "Jörg Weißmann – Yılmaz"
    assert _run(tmp_path, "employee", "add", "--name", name, PYTHONIOENCODING=encoding)[0] == 0
    code, out, err = _run(tmp_path, "employee", "list", "--json", PYTHONIOENCODING=encoding)
    assert code == 0, err
    assert json.loads(out.decode("utf-8"))[0]["name"] == name
    code, out, err = _run(tmp_path, "employee", "list", PYTHONIOENCODING=encoding)
    assert code == 0 and name in out.decode("utf-8"), err


def test_H15_a_port_outside_0_to_65535_and_an_empty_database_url_are_usage_errors(tmp_path):
    for port in ("70000", "-1", "http"):
        code, _out, err = _run(tmp_path, "sandbox", "--port", port)
        assert code == 2 and "kein Port" in err and "Traceback" not in err
    code, _out, err = _run(tmp_path, "db", "copy", "--to", "")
    assert code == 2 and "postgresql://" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_H12_backup_into_a_fifo_is_refused_and_through_a_link_lands_in_its_file(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, _out, err = _run(tmp_path / "d", "backup", "-o", str(fifo))
    assert code == 5 and "keine gewöhnliche Datei" in err
    assert fifo.is_fifo()  # not replaced by a file
    link = tmp_path / "sicherung.sqlite3"
    link.symlink_to(tmp_path / "ziel.sqlite3")
    code, _out, err = _run(tmp_path / "d", "backup", "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and (tmp_path / "ziel.sqlite3").stat().st_size > 0


def test_H10_a_text_longer_than_its_column_is_refused_where_it_enters(tmp_path):
    code, _out, err = _run(tmp_path, "employee", "add", "--name", LONG)
    assert code == 2 and "höchstens 255 Zeichen" in err
    code, out, _err = _run(tmp_path, "employee", "list", "--json")
    assert json.loads(out) == []
