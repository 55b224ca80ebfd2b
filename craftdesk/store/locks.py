"""One import at a time per database, across processes (SPEC H7).

``import_lock(database)`` returns the lock that fits the database engine behind a small
interface (:class:`ImportLock`): ``acquire(wait)`` → bool, ``release()``, and use as a
context manager. For a SQLite file it is an OS file lock on ``<database>.import-lock``
next to the file; the OS drops it when the holding process dies, so a crash never leaves
a stale lock behind. The holder writes its computer name into the file, so a refused
import can say where the other one runs (``holder()``). An in-memory database (tests) gets
a lock of this process.
Other engines (e.g. a PostgreSQL advisory lock) register a factory with
:func:`register_lock_factory`.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar, Protocol

POLL = 0.1
NAME_OFFSET = 1  # Windows locks byte 0 against reading: the name starts behind it


def this_computer() -> str:
    return socket.gethostname() or "?"


class ImportLock(Protocol):
    def acquire(self, wait: float = 0.0) -> bool:
        """Take the lock, waiting up to ``wait`` seconds; False when another holder has it."""

    def release(self) -> None: ...

    def holder(self) -> str | None:
        """The computer name of whoever holds the lock (None: free or unknown)."""

    def __enter__(self) -> ImportLock: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class _LockBase:
    def acquire(self, wait: float = 0.0) -> bool:
        end = time.monotonic() + max(0.0, wait)
        while True:
            if self._try():
                return True
            if time.monotonic() >= end:
                return False
            time.sleep(POLL)

    def _try(self) -> bool:
        raise NotImplementedError

    def release(self) -> None:
        raise NotImplementedError

    def holder(self) -> str | None:
        raise NotImplementedError

    def __enter__(self) -> _LockBase:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


class FileLock(_LockBase):
    """An exclusive, non-blocking OS lock on a small file (flock / msvcrt.locking).

    Each instance opens the file itself, so two instances conflict also inside one process
    (the GUI's worker and its invoice dialog, say), as two processes do.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _try(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock_fd(fd)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        self._write_name(this_computer())
        return True

    def _write_name(self, name: str) -> None:
        """Best effort (the lock holds without the name): the name behind the locked byte,
        then the file cut after it, so a longer name written before leaves nothing behind."""
        if self._fd is None:
            return
        data = name.encode("utf-8")
        try:
            os.lseek(self._fd, NAME_OFFSET, os.SEEK_SET)
            os.write(self._fd, data)
        except OSError:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, NAME_OFFSET + len(data))

    def holder(self) -> str | None:
        """The computer name the holder wrote into the file; None when it is free."""
        if self._fd is not None:
            return this_computer()
        try:
            with open(self.path, "rb") as handle:
                handle.seek(NAME_OFFSET)
                name = handle.read(256).decode("utf-8", "replace").strip()
        except OSError:
            return None
        return name or None

    def release(self) -> None:
        if self._fd is None:
            return
        self._write_name("")  # a reader never names a holder that is gone
        fd, self._fd = self._fd, None
        try:
            _unlock_fd(fd)
        finally:
            os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class ProcessLock(_LockBase):
    """For a database only this process can see (SQLite in memory)."""

    _locks: ClassVar[dict[int, threading.Lock]] = {}
    _guard: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, key: int) -> None:
        with self._guard:
            self._lock = self._locks.setdefault(key, threading.Lock())
        self._held = False

    def _try(self) -> bool:
        if not self._held:
            self._held = self._lock.acquire(blocking=False)
        return self._held

    def release(self) -> None:
        if self._held:
            self._held = False
            self._lock.release()

    def holder(self) -> str | None:
        return this_computer() if self._lock.locked() else None


_factories: list[Callable[[Any], ImportLock | None]] = []


def register_lock_factory(factory: Callable[[Any], ImportLock | None]) -> None:
    """Add a factory tried before the SQLite ones (returns None for other engines)."""
    _factories.insert(0, factory)


def lock_path(database_file: str | os.PathLike[str]) -> Path:
    path = Path(database_file)
    return path.with_name(path.name + ".import-lock")


def import_lock(database: Any) -> ImportLock:
    """The import lock of ``database`` (a peewee database or the store's proxy)."""
    database = getattr(database, "obj", None) or database
    for factory in _factories:
        lock = factory(database)
        if lock is not None:
            return lock
    name = str(getattr(database, "database", "") or "")
    if not name or name == ":memory:" or name.startswith("file::memory:"):
        return ProcessLock(id(database))
    return FileLock(lock_path(name))
