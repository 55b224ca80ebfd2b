"""The import contract of the package, checked by parsing every module's imports.

Layers (an arrow means "may import"):

    ui  →  sync (Qt controller)  →  services  →  store, api  →  config, errors, fsutil, log
    cli, commands  →  services (never ui; the GUI is started by name through commands.gui)

- ``ui`` reaches data and sevDesk only through ``services`` (and the ``sync`` controller):
  it never imports ``craftdesk.store`` or ``craftdesk.api``, nor the command line.
- ``api``, ``store`` and ``services`` never import Qt: they run in the CLI, the worker
  thread and tests without a display.
- ``store`` and ``api`` never import the layers above them.
- No module imports another in a circle, counting imports inside functions too (only
  ``if TYPE_CHECKING:`` blocks are left out, they do not run).

A failure names every offending import as ``file:line: importer -> imported``.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "craftdesk"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE
QT_PACKAGES = ("PySide6", "shiboken6")


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name, e.g. craftdesk.ui.app
    imported: str  # dotted module name (a module of the package, or a top-level library)
    path: Path
    line: int

    def describe(self) -> str:
        return f"{self.path.relative_to(ROOT.parent)}:{self.line}: {self.importer} -> {self.imported}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _dynamic_import(node: ast.AST) -> ast.Import | None:
    """``importlib.import_module("craftdesk.x")`` with a literal name, as an import statement."""
    if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
        return None
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name != "import_module" or not isinstance(node.args[0].value, str):
        return None
    statement = ast.Import(names=[ast.alias(name=node.args[0].value)])
    return ast.copy_location(statement, node)


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import that can run, at any depth (also ``import_module("…")`` with a literal
    name), except under TYPE_CHECKING."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        dynamic = _dynamic_import(node)
        if dynamic is not None:
            yield dynamic
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _resolve_base(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    parts = module.split(".")
    if not is_package:
        parts.pop()
    if node.level > 1:
        parts = parts[: len(parts) - (node.level - 1)]
    base = ".".join(parts)
    return f"{base}.{node.module}" if node.module else base


def _imports_of(module: str, path: Path, known: set[str]) -> list[Import]:
    """The imports of one module, each resolved to the most specific module it names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = _resolve_base(module, path.name == "__init__.py", node)
            # "from package import module" imports that module; "from module import name" the module.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
            ]
        for target in targets:
            found.append(Import(module, target, path, node.lineno))
    return found


def all_imports() -> list[Import]:
    modules = _modules()
    known = set(modules)
    result: list[Import] = []
    for module, path in modules.items():
        result.extend(_imports_of(module, path, known))
    return result


def _in(module: str, *packages: str) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


def _layer(name: str) -> str:
    return f"{PACKAGE}.{name}"


# (rule, importer packages, forbidden imported packages)
RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "ui reaches data and sevDesk only through services",
        (_layer("ui"),),
        (_layer("store"), _layer("api"), _layer("cli"), _layer("commands")),
    ),
    (
        "api, store and services never import Qt",
        (_layer("api"), _layer("store"), _layer("services")),
        QT_PACKAGES,
    ),
    (
        "api, store and services never import the layers above them",
        (_layer("api"), _layer("store"), _layer("services")),
        (_layer("ui"), _layer("sync"), _layer("cli"), _layer("commands"), _layer("selfcheck")),
    ),
    ("store never imports the sevDesk client", (_layer("store"),), (_layer("api"), _layer("services"))),
    ("api never imports the local store", (_layer("api"),), (_layer("store"), _layer("services"))),
    (
        "services and sync never import the command line",
        (_layer("services"), _layer("sync")),
        (_layer("cli"),),
    ),
    (
        "the command line and the sync controller reach the store only through services",
        (_layer("cli"), _layer("commands"), _layer("sync")),
        (_layer("store"),),
    ),
)

# Imports that break a rule and are being moved behind services. Empty now: it only ever
# shrank, never add to it; new code follows the rules.
KNOWN_EXCEPTIONS: frozenset[tuple[str, str]] = frozenset()


def layer_violations(
    imports: list[Import], exceptions: frozenset[tuple[str, str]] = frozenset()
) -> list[str]:
    problems = []
    for rule, importers, forbidden in RULES:
        for item in imports:
            if (item.importer, item.imported) in exceptions:
                continue
            if _in(item.importer, *importers) and _in(item.imported, *forbidden):
                problems.append(f"{rule}: {item.describe()}")
    return sorted(set(problems))


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def _cycle_in(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One shortest circle through the first module of a component (breadth-first)."""
    members = set(component)
    start = component[0]
    previous: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return component


def circles(imports: list[Import]) -> list[str]:
    known = set(_modules())
    graph: dict[str, set[str]] = {module: set() for module in known}
    where: dict[tuple[str, str], Import] = {}
    for item in imports:
        if item.imported in known and item.imported != item.importer:
            graph[item.importer].add(item.imported)
            where.setdefault((item.importer, item.imported), item)
    problems = []
    for component in _strongly_connected(graph):
        cycle = _cycle_in(component, graph)
        steps = [where[(a, b)].describe() for a, b in itertools.pairwise(cycle) if (a, b) in where]
        problems.append(
            f"circle among {len(component)} modules ({', '.join(component)}):\n      "
            + "\n      ".join(steps)
        )
    return problems


def test_parser_sees_relative_and_nested_imports() -> None:
    """The checker itself: a relative import inside a function is found and resolved."""
    imports = all_imports()
    assert len(imports) > 100
    resolved = {(item.importer, item.imported) for item in imports}
    assert (f"{PACKAGE}.__main__", f"{PACKAGE}.cli") in resolved or any(
        item.importer == f"{PACKAGE}.__main__" for item in imports
    )
    assert all(item.imported for item in imports)


def test_the_circle_finder_finds_a_planted_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _strongly_connected(graph) == [["a", "b", "c"]]
    assert _cycle_in(["a", "b", "c"], graph) == ["a", "b", "c", "a"]


def test_layers_import_one_way() -> None:
    problems = layer_violations(all_imports(), KNOWN_EXCEPTIONS)
    if problems:
        pytest.fail(f"{len(problems)} forbidden imports:\n  " + "\n  ".join(problems), pytrace=False)


def test_no_module_imports_another_in_a_circle() -> None:
    problems = circles(all_imports())
    if problems:
        pytest.fail(f"{len(problems)} import circles:\n  " + "\n  ".join(problems), pytrace=False)
