"""Entry script of the console ``craftdesk-debug`` executable built by build.spec.

Same command line as ``craftdesk`` from pip (default command: gui), but with a console,
so ``craftdesk-debug --self-check`` and the subcommands print their output on Windows too.
"""

from __future__ import annotations

from craftdesk.__main__ import main

if __name__ == "__main__":
    main()
