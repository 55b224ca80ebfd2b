"""What the export commands say when a file cannot be written (H12, H15)."""

from __future__ import annotations

import errno

from ..errors import CraftdeskError, PreconditionError
from ..fsutil import os_reason


def not_written(target: str, exc: OSError) -> CraftdeskError:
    """The one sentence for an export that could not be written to ``target`` (H12, H15):
    a place that cannot take the file is a precondition (exit 5); a failing disk is exit 1,
    like a failing database."""
    reason = os_reason(exc)
    message = f"Die Datei „{target}“ konnte nicht geschrieben werden ({reason})."
    if exc.errno in (errno.ENOSPC, errno.EIO, getattr(errno, "EDQUOT", -1)):
        return CraftdeskError(message)
    return PreconditionError(message)
