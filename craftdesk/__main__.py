"""Entry points: ``craftdesk`` (CLI, default command gui), ``craftdesk-gui``, ``python -m craftdesk``."""

from __future__ import annotations

import os
import sys


def ensure_std_streams() -> None:
    """A windowed program on Windows (pythonw, the gui-script, the bundled exe) starts with
    ``sys.stdout``/``sys.stderr`` set to None; writing an error sentence would then crash.
    Point missing streams at the null device (the log file keeps everything)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main() -> None:
    ensure_std_streams()
    from .cli import main as cli_main

    sys.exit(cli_main(sys.argv[1:]))


def gui_main() -> None:
    """The windowed entry point: always the GUI; ``--demo`` may be given without ``gui``."""
    ensure_std_streams()
    from .cli import HANDLERS
    from .cli import main as cli_main

    args = sys.argv[1:]
    if not any(arg in HANDLERS for arg in args):
        demo = ["--demo"] if "--demo" in args else []
        args = [arg for arg in args if arg != "--demo"] + ["gui", *demo]
    sys.exit(cli_main(args))


if __name__ == "__main__":
    main()
