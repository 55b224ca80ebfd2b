"""Logging to a rotating file in the data folder, with secrets redacted.

Every handler installed here carries :class:`RedactingFilter`; the sevDesk token (and
anything registered with :func:`register_secret`) is replaced before a record is written.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import re
import threading
from pathlib import Path
from typing import TextIO

from . import config

_secrets: set[str] = set()
_lock = threading.Lock()
# sevDesk tokens are 32 hex characters; redact anything shaped like one even if unregistered.
_TOKEN_SHAPE = re.compile(r"\b[0-9a-fA-F]{32}\b")
_AUTH_HEADER = re.compile(r"(Authorization['\"]?\s*[:=]\s*['\"]?)([^'\",\s}]+)", re.IGNORECASE)
REDACTED = "***"


def register_secret(secret: str | None) -> None:
    """Make sure ``secret`` never reaches a log file."""
    if secret and len(secret) >= 4:
        with _lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    text = _AUTH_HEADER.sub(lambda m: m.group(1) + REDACTED, text)
    return _TOKEN_SHAPE.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """Formats the message early and redacts it, including exception text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(formatted)
            record.exc_info = None
        return True


_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


class _RotatingLog(logging.handlers.RotatingFileHandler):
    """The log file, rotated at 2 MB; the crash trace (H13) follows it to the new file (it
    went on into the renamed one and was deleted with it after five rotations)."""

    def doRollover(self) -> None:
        super().doRollover()
        enable_fault_log(Path(self.baseFilename))


def setup_logging(data_dir: Path, level: int = logging.INFO, console: bool = False) -> Path:
    """Install the rotating file handler once; returns the log file path."""
    folder = config.ensure_dir(config.log_dir(data_dir))
    path = folder / config.LOG_FILENAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_craftdesk", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = _RotatingLog(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler.addFilter(RedactingFilter())
    file_handler._craftdesk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter(_FORMAT))
        stream.addFilter(RedactingFilter())
        stream._craftdesk = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    root.setLevel(level)
    # urllib3 logs full URLs at DEBUG; keep it quiet.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    enable_fault_log(path)
    return path


_fault_file: TextIO | None = None


def enable_fault_log(path: Path) -> None:
    """Write fatal errors (a crash inside Qt, an aborting interpreter) with every thread's
    Python stack into the log file (H13): a windowed build has no stderr to show them."""
    global _fault_file
    try:
        handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for crashes
    except OSError:
        return
    faulthandler.enable(file=handle, all_threads=True)
    previous, _fault_file = _fault_file, handle
    if previous is not None:
        previous.close()
