"""``craftdesk gui [--demo]``: start the desktop app (the default command)."""

from __future__ import annotations

import argparse
import os
import sys

from ..context import AppContext
from ..errors import PreconditionError


def run_gui(ctx: AppContext, args: argparse.Namespace) -> int:
    _need_a_display()
    # Qt is imported here, not at module level: the CLI must load without a display stack.
    from ..ui.app import run_app

    return run_app(
        ctx,
        demo=bool(getattr(args, "demo", False)),
        real_categories=bool(getattr(args, "real_categories", False)),
    )


def _need_a_display() -> None:
    """H15: on Linux without a display (an SSH session, a server), Qt ends the whole
    process with an abort and lines of its own; say it in one sentence instead (exit 5).
    QT_QPA_PLATFORM set by the user (offscreen, vnc, …) is left to Qt."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise PreconditionError(
            "Das Programmfenster braucht eine grafische Oberfläche, und hier ist keine "
            "(weder DISPLAY noch WAYLAND_DISPLAY gesetzt); die Befehle der Kommandozeile "
            "funktionieren auch so."
        )
