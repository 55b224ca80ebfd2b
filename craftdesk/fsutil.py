"""Small file-system helpers shared by the app and the demo server (standard library only)."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see either the old or the complete new file.

    The bytes go to a temp file in the same folder (``os.replace`` is only atomic within
    one file system), are flushed to disk, and then replace the target. On any failure
    the temp file is removed and the target stays as it was.
    """
    # H12: a symlink is followed (the link stays, its target gets the data); a FIFO or a
    # device is written into, never replaced by a regular file; a file keeps its mode, a
    # new one gets the mode the user's umask gives new files.
    try:
        info = os.stat(path)  # follows links: /dev/stdout to a pipe is the pipe
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_into(Path(path), info.st_mode, data)
        return
    target = Path(os.path.realpath(path))
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = _temp_file(folder, target.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None:
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _temp_file(folder: Path, name: str) -> tuple[int, str]:
    """A new file beside the target, created with mode 0666 so the umask decides (as for
    any file the user saves); its name stays short whatever the target's length."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp = os.path.join(folder, f".{name[:40]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "keine freie temporäre Datei", str(folder))


def _write_into(target: Path, mode: int, data: bytes) -> None:
    """Write into an existing FIFO or device. A FIFO without a reader would block
    forever: it is refused (OSError ENXIO), as is anything that is not a FIFO or device."""
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)):
        raise OSError(errno.EINVAL, "weder Datei noch Gerät", str(target))
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) if stat.S_ISFIFO(mode) else os.O_WRONLY
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "niemand liest aus der Pipe", str(target)) from None
        raise
    try:
        if stat.S_ISFIFO(mode) and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


# Why a file could not be written or read, in German (the system's reason is often English).
_REASONS = {
    errno.ENOENT: "den Ordner gibt es nicht",
    errno.EISDIR: "das ist ein Ordner",
    errno.ENOTDIR: "ein Teil des Pfades ist kein Ordner",
    errno.EACCES: "keine Schreibrechte",
    errno.EPERM: "keine Schreibrechte",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
    errno.ENOSPC: "der Datenträger ist voll",
    errno.ENAMETOOLONG: "der Name ist zu lang",
    errno.ELOOP: "eine Verknüpfung zeigt im Kreis auf sich selbst",
    errno.EEXIST: "die Datei gibt es schon",
    errno.EBUSY: "die Datei ist gerade in Gebrauch",
}
# Windows: the file is open in another program (Excel keeps its file locked).
_WINDOWS_IN_USE = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def os_reason(exc: OSError) -> str:
    """A few words on why a file operation failed, for a one-sentence message."""
    if getattr(exc, "winerror", None) in _WINDOWS_IN_USE:
        return "die Datei ist in einem anderen Programm geöffnet, zum Beispiel Excel"
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


# What SQLite says (in English) of a file it cannot write, in the words of os_reason.
_DATABASE_REASONS = (
    ("disk is full", "der Datenträger ist voll"),
    ("readonly", "der Datenträger oder die Datei ist schreibgeschützt"),
    ("read-only", "der Datenträger oder die Datei ist schreibgeschützt"),
    ("unable to open", "die Datei lässt sich nicht öffnen"),
    ("locked", "die Datei ist gerade in Gebrauch"),
    ("not a database", "die Datei ist keine Datenbank"),
    ("malformed", "die Datei ist beschädigt"),
)


def error_reason(exc: BaseException) -> str:
    """A few German words on why writing a file or database failed: os_reason for an
    OSError, SQLite's English messages ("database or disk is full") said in German."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    text = str(exc)
    lowered = text.lower()
    for needle, reason in _DATABASE_REASONS:
        if needle in lowered:
            return reason
    return text
