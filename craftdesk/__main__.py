"""Entry points: ``craftdesk`` (CLI, default command gui), ``craftdesk-gui``, ``python -m craftdesk``."""

from __future__ import annotations

import sys


def main() -> None:
    from .cli import main as cli_main

    sys.exit(cli_main(sys.argv[1:]))


def gui_main() -> None:
    """The windowed entry point: always the GUI; ``--demo`` may be given without ``gui``."""
    from .cli import HANDLERS
    from .cli import main as cli_main

    args = sys.argv[1:]
    if not any(arg in HANDLERS for arg in args):
        demo = ["--demo"] if "--demo" in args else []
        args = [arg for arg in args if arg != "--demo"] + ["gui", *demo]
    sys.exit(cli_main(args))


if __name__ == "__main__":
    main()
