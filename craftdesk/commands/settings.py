"""``craftdesk settings get|set part-categories NAME[,NAME…]`` (A1a).

``set`` stores the names locally (no sevDesk request); the next import says in one
sentence when none of them exists in the account.
"""

from __future__ import annotations

import argparse

from ..context import AppContext
from ..services import part_categories


def run_settings(ctx: AppContext, args: argparse.Namespace) -> int:
    ctx.open_db()
    if args.settings_command == "set":
        names = part_categories.set_configured(args.value)
    else:
        names = part_categories.configured()
    print(",".join(names))
    return 0
