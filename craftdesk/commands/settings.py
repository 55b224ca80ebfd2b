"""``craftdesk settings get|set part-categories NAME[,NAME…]`` (A1a) and
``settings get|set small-business ja|nein`` (Kleinunternehmer, § 19 UStG).

``set`` stores the value locally (no sevDesk request); the next import says in one
sentence when none of the part categories exists in the account.
"""

from __future__ import annotations

import argparse

from ..context import AppContext
from ..errors import UsageError
from ..services import part_categories
from ..services import settings as preferences

_YES = {"ja", "j", "yes", "y", "on", "an", "true", "1"}
_NO = {"nein", "n", "no", "off", "aus", "false", "0"}


def _yes_no(text: str) -> bool:
    answer = text.strip().casefold()
    if answer in _YES:
        return True
    if answer in _NO:
        return False
    raise UsageError(f"„{text}“ ist weder ja noch nein.")


def run_settings(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.key == "small-business":
        on = _yes_no(args.value) if args.settings_command == "set" else None  # before the database
        ctx.open_db()
        if on is not None:
            preferences.set_small_business(on)
        print("ja" if preferences.small_business() else "nein")
        return 0
    ctx.open_db()
    if args.settings_command == "set":
        names = part_categories.set_configured(args.value)
    else:
        names = part_categories.configured()
    print(",".join(names))
    return 0
