"""The desktop GUI (PySide6): main window, tabs, dialogs, tray."""

from __future__ import annotations

# Importing the sync package applies the PySide6 6.12 reference-leak workaround for every
# widget module (see craftdesk.sync.pin_bool_singletons).
from .. import sync as _sync  # noqa: F401
