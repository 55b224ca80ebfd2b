"""What the export commands say when a file cannot be written (H12, H15)."""

from __future__ import annotations

from ..errors import CraftdeskError, PreconditionError
from ..fsutil import os_reason


def not_written(target: str, exc: OSError) -> CraftdeskError:
    """The one sentence for an export that could not be written to ``target`` (H12, H15):
    a place that cannot take the file, or a full or failing disk, is a precondition not met
    (exit 5), like a failing database; exit 1 is kept for what nobody foresaw."""
    return PreconditionError(f"Die Datei „{target}“ konnte nicht geschrieben werden ({os_reason(exc)}).")
