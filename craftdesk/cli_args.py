"""The command line's argument types (H10) and argparse's own error messages (English) as
German sentences (H15)."""

from __future__ import annotations

import argparse
import re

from .limits import id_ok, id_text


def record_id(text: str) -> int:
    """A local record id: a whole number that fits in 63 bits (H10)."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine Nummer") from None
    if not id_ok(value):
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine gültige Nummer")
    return value


def file_name(text: str) -> str:
    """A file the user names with -o: an empty name would quietly mean stdout."""
    if not text.strip():
        raise argparse.ArgumentTypeError("ein leerer Dateiname geht nicht")
    return text


def some_text(text: str) -> str:
    """A title or name the command needs (H15: an empty one is bad input, exit 2)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("darf nicht leer sein")
    return text


def sevdesk_id(text: str) -> str:
    """A sevDesk id: digits that fit in 63 bits (H10), checked before anything is sent."""
    value = id_text(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine gültige sevDesk-Id (nur Ziffern)")
    return value


# argparse's own error messages (English) as German sentences; the texts of our own
# argument types are German already and pass through after the argument's name.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), german)
    for pattern, german in (
        (
            r"^argument (.+?): invalid choice: '(.*)' \(choose from (.*)\)$",
            r"\1: „\2“ gibt es nicht (möglich: \3)",
        ),
        (r"^argument (.+?): invalid int value: '(.*)'$", r"\1: „\2“ ist keine ganze Zahl"),
        (r"^argument (.+?): invalid \S+ value: '(.*)'$", r"\1: „\2“ ist kein gültiger Wert"),
        (r"^argument (.+?): expected one argument$", r"\1 braucht einen Wert"),
        (r"^argument (.+?): expected at least one argument$", r"\1 braucht mindestens einen Wert"),
        (r"^argument (.+?): not allowed with argument (.+)$", r"\1 geht nicht zusammen mit \2"),
        (r"^argument (.+?): (.*)$", r"\1: \2"),
        (r"^the following arguments are required: (.*)$", r"es fehlt: \1"),
        (r"^one of the arguments (.*) is required$", r"eines davon ist nötig: \1"),
        (r"^unrecognized arguments: (.*)$", r"unbekannt: \1"),
        (r"^ambiguous option: (.*) could match (.*)$", r"\1 ist nicht eindeutig (\2)"),
    )
)


def german_usage_error(message: str) -> str:
    """The German sentence for one of argparse's messages; others (ours) stay as they are."""
    for pattern, german in _ARGPARSE_ERRORS:
        if pattern.match(message):
            return pattern.sub(german, message).replace("'", "")  # choices come quoted
    return message
