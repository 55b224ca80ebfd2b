"""``craftdesk settings get|set part-categories NAME[,NAME…]`` (A1a) and
``settings get|set small-business ja|nein`` (Kleinunternehmer, § 19 UStG).

``set`` stores the value locally (no sevDesk request). A name the account did not have
at the last import (or the last look at its categories) is named in a warning on stderr
(exit 0); the next import says in one sentence when none of them exists in the account.
"""

from __future__ import annotations

import argparse
import sys

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
        _warn_unknown(names)
    else:
        names = part_categories.configured()
    print(",".join(names))
    return 0


def _warn_unknown(names: list[str]) -> None:
    """A1a: the setting is a choice among the account's categories; a name it did not
    have when last read is said at once (stored all the same: the account may change)."""
    available = part_categories.known_account_names()
    if available is None:
        return  # never read: the next import checks
    missing = part_categories.unknown(names, available)
    if missing:
        there = ", ".join(f"„{n}“" for n in available) or "keine"
        sys.stderr.write(
            "craftdesk: Warnung: "
            + ", ".join(f"„{n}“" for n in missing)
            + f" gab es beim letzten Import nicht als Artikelkategorie in sevDesk (dort: {there}).\n"
        )
