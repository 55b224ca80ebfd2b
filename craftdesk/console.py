"""The command line's console: UTF-8 output wherever it goes, and argument types."""

from __future__ import annotations

import argparse
import re
import sys


def utf8_output() -> None:
    """What the commands print is UTF-8 wherever it goes (a redirected stdout on Windows
    would be cp1252, or ASCII where PYTHONIOENCODING says so), and a character a console
    cannot show never ends a command with exit 1 (H15)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            if stream.isatty():
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):  # a stream that cannot change: leave it as it is
            pass


def port_number(text: str) -> int:
    """A TCP port, 0 for a free one (a usage error otherwise, H15)."""
    if not re.fullmatch(r"[0-9]{1,5}", text.strip()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Port (0 bis 65535)")
    return int(text)
