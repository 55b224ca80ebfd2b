"""S4: the sevDesk token never reaches the database, settings, logs, exports or messages.

A full run of real `craftdesk` processes against a sandbox with a distinctive token
(connect with the token on stdin, sync, orders, import-order, employee, appointment done,
invoice, exports as JSON and CSV, then failing runs with a wrong token and with sevDesk
failing), and afterwards every byte of the data folder (database, WAL, logs, backups),
the settings table, the export files and every stdout/stderr text is searched for the
token: zero hits.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from rel_support import db_path

from craftdesk.sandbox import Sandbox

# Not shaped like a sevDesk token (32 hex digits), so the log redaction cannot catch it by
# its shape: only registering the secret keeps it out.
SECRET = "Geheim-Zz9q-7fLp-craftdesk-Prüf-Token"
WRONG = "Falsch-Qw3r-9xYt-vertippter-Token"
HEX_SECRET = "c0ffee00c0ffee00c0ffee00c0ffee00"


class Runner:
    def __init__(self, data_dir: Path, url: str) -> None:
        self.data_dir = data_dir
        self.url = url
        self.texts: list[str] = []

    def __call__(
        self, *argv: str, token: str | None = None, stdin: str | None = None, expect: int = 0
    ) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CRAFTDESK_")}
        if token is not None:
            env["CRAFTDESK_API_TOKEN"] = token
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "craftdesk",
                "--data-dir",
                str(self.data_dir),
                "--api-url",
                self.url,
                "-v",
                *argv,
            ],
            input=stdin,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.texts += [proc.stdout, proc.stderr]
        assert proc.returncode == expect, (argv, proc.returncode, proc.stderr[-2000:])
        return proc.stdout


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _scan(
    tmp_path: Path, data_dir: Path, exports: Path, texts: list[str], needles: tuple[str, ...]
) -> list[tuple[str, str]]:
    hits = []
    for needle in needles:
        raw = needle.encode("utf-8")
        for path in _files(data_dir) + _files(exports):
            if raw in path.read_bytes():
                hits.append((needle, str(path.relative_to(tmp_path))))
        hits += [(needle, "stdout/stderr") for text in texts if needle in text]
        with sqlite3.connect(db_path(data_dir)) as conn:
            rows = conn.execute("SELECT key, value FROM setting").fetchall()
        hits += [(needle, f"setting {key}") for key, value in rows if needle in f"{key}{value}"]
    return hits


@pytest.mark.soak
def test_S4_token_nowhere_after_a_full_run(tmp_path):
    secret = SECRET
    data_dir, exports = tmp_path / "data", tmp_path / "exports"
    exports.mkdir()
    with Sandbox(token=secret) as sb:
        run = Runner(data_dir, sb.url)
        run("connect", "--token-stdin", stdin=secret + "\n")
        run("sync", token=secret)
        orders = json.loads(run("orders", "--json", token=secret))
        order = next(o for o in orders if not o["imported"])
        run("import-order", order["sevdesk_id"], token=secret)
        run("employee", "add", "--name", "Sabine Krüger", "--email", "s@example.de")
        appointment = json.loads(run("appointment", "list", "--json"))[0]
        articles = json.loads(run("export", "articles"))
        number = next(a["number"] for a in articles if a["active"] and a["number"])
        run("appointment", "done", str(appointment["id"]), "--hours", "2.5", "--used", f"{number}=2")
        project = json.loads(run("export", "projects"))[0]
        invoice_out = run("invoice", str(project["id"]), token=secret)
        assert invoice_out.strip(), "no invoice id printed"
        for what in ("customers", "articles", "projects"):
            for fmt in ("json", "csv"):
                run("export", what, "--format", fmt, "-o", str(exports / f"{what}.{fmt}"))
        # Failing runs: a mistyped token (connect and sync), sevDesk failing, no token.
        run("connect", "--token-stdin", stdin=WRONG + "\n", expect=3)
        run("sync", token=WRONG, expect=3)
        sb.faults.add(path="/Contact", method="GET", kind="status", status=500, times=None)
        run("sync", token=secret, expect=4)
        sb.faults.clear()
        run("invoice", str(project["id"]), token=secret, expect=5)  # nothing left to invoice

    # The scan must look at something real.
    logs = list((data_dir / "logs").glob("craftdesk.log*"))
    assert logs and "GET /Contact" in "".join(p.read_text(encoding="utf-8") for p in logs)
    assert any(f.name.endswith("-wal") for f in _files(data_dir)) or db_path(data_dir).stat().st_size
    assert (exports / "customers.json").stat().st_size > 100

    hits = _scan(tmp_path, data_dir, exports, run.texts, (secret, WRONG))
    assert hits == []
    # The redaction worked on real output (the console log is on stderr with -v).
    assert any("GET /Contact" in text for text in run.texts)


@pytest.mark.soak
def test_S4_a_token_shaped_like_sevdesks_is_kept_out_too(tmp_path):
    """Real tokens are 32 hex digits: connect, sync, export and a rejected token."""
    data_dir, exports = tmp_path / "data", tmp_path / "exports"
    exports.mkdir()
    wrong_hex = HEX_SECRET[::-1]
    with Sandbox(token=HEX_SECRET) as sb:
        run = Runner(data_dir, sb.url)
        run("connect", "--token-stdin", stdin=HEX_SECRET)
        run("sync", token=HEX_SECRET)
        run("export", "customers", "--format", "csv", "-o", str(exports / "customers.csv"))
        run("sync", token=wrong_hex, expect=3)
    assert _scan(tmp_path, data_dir, exports, run.texts, (HEX_SECRET, wrong_hex)) == []
