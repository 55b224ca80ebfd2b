"""Entry script of the windowed ``craftdesk`` executable built by build.spec.

PyInstaller needs a script file; the real entry point lives in the package so that the
bundle and ``pip install`` start the app the same way.
"""

from __future__ import annotations

from craftdesk.__main__ import gui_main

if __name__ == "__main__":
    gui_main()
