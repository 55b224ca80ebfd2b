"""SPEC H12: ``export -o`` writes into what the user named — a symlink's target, a FIFO,
a device — and never replaces it; an existing file keeps its mode."""

from __future__ import annotations

import os
import stat
import sys
import threading

import pytest

from craftdesk import cli
from craftdesk.store.db import close_database

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX file types")


def export(data_dir, target, capsys) -> tuple[int, str]:
    code = cli.main(["--data-dir", str(data_dir), "export", "articles", "-o", str(target)])
    close_database()
    return code, capsys.readouterr().err


def test_H12_an_existing_file_keeps_its_mode(data_dir, tmp_path, capsys):
    target = tmp_path / "artikel.json"
    target.write_text("alt")
    os.chmod(target, 0o644)
    code, err = export(data_dir, target, capsys)
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text().startswith("[")


def test_H12_a_symlink_stays_and_its_target_gets_the_export(data_dir, tmp_path, capsys):
    real = tmp_path / "real.json"
    real.write_text("alt")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, err = export(data_dir, link, capsys)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("[")


def test_H12_a_fifo_is_written_through_not_replaced(data_dir, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader)
    thread.start()
    code, err = export(data_dir, fifo, capsys)
    thread.join(timeout=10)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].startswith(b"[")


def test_H12_a_fifo_without_reader_is_refused_with_a_sentence(data_dir, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, err = export(data_dir, fifo, capsys)
    assert code == 5
    assert len([line for line in err.splitlines() if line.startswith("craftdesk:")]) == 1
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("what", [("articles",), ("appointments", "--format", "ics"), ("appointments",)])
@pytest.mark.parametrize(
    "place, reason", [("folder", "weder Datei noch Gerät"), ("missing/x.json", "den Ordner gibt es nicht")]
)
def test_H12_H15_a_place_that_cannot_take_the_export_is_one_german_sentence(
    data_dir, tmp_path, capsys, what, place, reason
):
    out = tmp_path / "out"
    (out / "folder").mkdir(parents=True)
    target = out / place
    code = cli.main(["--data-dir", str(data_dir), "export", *what, "-o", str(target)])
    close_database()
    err = capsys.readouterr().err
    assert code == 5, err  # exit 1 means "unexpected" (H15)
    sentences = [line for line in err.splitlines() if line.startswith("craftdesk:")]
    assert len(sentences) == 1 and reason in sentences[0] and "No such" not in err
    assert [p.name for p in out.iterdir()] == ["folder"] and not list((out / "folder").iterdir())
