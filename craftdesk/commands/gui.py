"""``craftdesk gui [--demo]``: start the desktop app (the default command)."""

from __future__ import annotations

import argparse

from ..context import AppContext


def run_gui(ctx: AppContext, args: argparse.Namespace) -> int:
    # Qt is imported here, not at module level: the CLI must load without a display stack.
    from ..ui.app import run_app

    return run_app(
        ctx,
        demo=bool(getattr(args, "demo", False)),
        real_categories=bool(getattr(args, "real_categories", False)),
    )
