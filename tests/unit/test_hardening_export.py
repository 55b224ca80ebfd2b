"""SPEC H12: ``export -o`` writes into what the user named — a symlink's target, a FIFO,
a device — and never replaces it; an existing file keeps its mode."""

from __future__ import annotations

import contextlib
import errno
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


@pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="needs /dev/fd")
def test_H12_dev_stdout_to_a_pipe_is_written_through(data_dir, capsys):
    """``-o /dev/stdout`` in a pipeline: the link leads to a pipe (its resolved name
    ``pipe:[…]`` is no path), which is written into like any FIFO."""
    read_end, write_end = os.pipe()
    try:
        code, err = export(data_dir, f"/dev/fd/{write_end}", capsys)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as handle:
            received = handle.read()
    finally:
        with contextlib.suppress(OSError):
            os.close(write_end)
    assert code == 0, err
    assert received.startswith(b"[")


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_H12_a_new_export_gets_the_mode_of_the_users_umask(data_dir, tmp_path, capsys, umask, mode):
    """A CSV saved into an office folder is readable as the user's other new files are;
    it used to be owner-only whatever the umask."""
    old = os.umask(umask)
    try:
        code, err = export(data_dir, tmp_path / "artikel.json", capsys)
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE((tmp_path / "artikel.json").stat().st_mode) == mode


def test_H12_a_long_file_name_the_system_allows_is_written(data_dir, tmp_path, capsys):
    """The temporary file beside the target has a short name: a 250-byte name the file
    system accepts is not refused because its temporary twin would be longer."""
    target = tmp_path / ("ä" * 120 + "x.json")  # 245 bytes in UTF-8
    code, err = export(data_dir, target, capsys)
    assert code == 0, err
    assert target.read_text().startswith("[")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_H15_reasons_of_a_file_error_are_german():
    from craftdesk.fsutil import os_reason

    assert os_reason(OSError(errno.ENAMETOOLONG, "File name too long")) == "der Name ist zu lang"
    assert "Verknüpfung" in os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links"))
    locked = PermissionError(errno.EACCES, "Permission denied")
    locked.winerror = 32  # type: ignore[attr-defined] - what Windows sets for a file Excel holds
    assert "anderen Programm geöffnet" in os_reason(locked)
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "keine Schreibrechte"


def test_H15_argument_bytes_that_are_not_utf8_exit_2(data_dir, capsys):
    latin1 = b"Emp\xe4loyee".decode("utf-8", "surrogateescape")  # what Python makes of them
    code = cli.main(["--data-dir", str(data_dir), "employee", "add", "--name", latin1])
    close_database()
    err = capsys.readouterr().err
    assert code == 2 and "UTF-8" in err and "Traceback" not in err


def test_H15_a_data_dir_that_is_a_file_is_one_german_sentence(tmp_path, capsys):
    not_a_folder = tmp_path / "daten"
    not_a_folder.write_text("x")
    code = cli.main(["--data-dir", str(not_a_folder), "export", "customers"])
    err = capsys.readouterr().err
    assert code == 5
    assert err.startswith("craftdesk: Der Datenordner ist nicht beschreibbar (")
    assert "File exists" not in err and len(err.strip().splitlines()) == 1


def test_H15_the_window_says_so_when_the_data_folder_cannot_be_written(tmp_path, capsys, monkeypatch):
    """A windowed start has no console (Windows sends stderr nowhere): the sentence comes
    in a message box, not only on stderr."""
    from craftdesk.ui import start_failure

    told: list[str] = []
    monkeypatch.setattr(start_failure, "tell", told.append)
    not_a_folder = tmp_path / "daten"
    not_a_folder.write_text("x")
    assert cli.main(["--data-dir", str(not_a_folder), "gui"]) == 5
    assert len(told) == 1 and told[0].startswith("Der Datenordner ist nicht beschreibbar (")
    assert capsys.readouterr().err.startswith("craftdesk: Der Datenordner")
