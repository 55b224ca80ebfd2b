"""Size limits of the house (CONVENTIONS, "Style"): modules of about 400 lines at most and
functions of at most about 60 lines, except a widget's set-up in ``ui/`` (its ``__init__``
and the ``build``/``setup``/``create`` helpers that lay out widgets).

The modules and functions named in ``KNOWN_*`` are over the limit today and are being
split; the lists only shrink. A new module or function over the limit fails here with its
place and length.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "craftdesk"

MODULE_LINES = 420  # "about 400"
FUNCTION_LINES = 60
SETUP_PREFIXES = ("__init__", "build", "_build", "setup", "_setup", "create", "_create")

KNOWN_LONG_MODULES: set[str] = set()
KNOWN_LONG_FUNCTIONS: set[str] = set()


def _sources() -> list[tuple[str, str]]:
    return [
        (path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def long_functions(name: str, source: str, limit: int = FUNCTION_LINES) -> list[tuple[str, int]]:
    """(``module:function``, lines) of every function over ``limit`` lines; in ``ui``
    modules a widget's set-up does not count."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node.end_lineno is None:
            continue
        lines = node.end_lineno - node.lineno + 1
        setup = name.startswith("craftdesk/ui/") and node.name.startswith(SETUP_PREFIXES)
        if lines > limit and not setup:
            found.append((f"{name}:{node.name}", lines))
    return found


def test_no_new_module_over_about_400_lines() -> None:
    too_long = [
        f"{name}: {len(source.splitlines())} lines"
        for name, source in _sources()
        if len(source.splitlines()) > MODULE_LINES and name not in KNOWN_LONG_MODULES
    ]
    assert not too_long, "split these modules:\n" + "\n".join(too_long)


def test_no_new_function_over_60_lines() -> None:
    too_long = [
        f"{where}: {lines} lines"
        for name, source in _sources()
        for where, lines in long_functions(name, source)
        if where not in KNOWN_LONG_FUNCTIONS
    ]
    assert not too_long, "split these functions:\n" + "\n".join(too_long)


def test_the_function_check_sees_a_long_function_and_spares_widget_set_up() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(FUNCTION_LINES))
    source = (
        f"def long_one():\n{body}\n\nclass W:\n    def __init__(self):\n{body.replace('    ', '        ')}"
    )
    assert long_functions("craftdesk/services/x.py", source) == [
        ("craftdesk/services/x.py:long_one", 61),
        ("craftdesk/services/x.py:__init__", 61),
    ]
    assert long_functions("craftdesk/ui/x.py", source) == [("craftdesk/ui/x.py:long_one", 61)]
