"""GUI responsiveness at scale (SPEC §9): the GUI thread never blocks > 50 ms.

Account: ``--customers`` contacts (default 50,000) and ``--parts`` parts (default 20,000),
served by ``fast_server`` (pre-serialised pages in their own process). For each code
version (the current tree, and with ``--baseline-commit`` an older commit extracted with
``git archive``), a child process first imports the account into a database that serves
as the template; then, per round and version, in fresh child processes:

1. first paint: spawn → the main window's first paint event, on a copy of the template,
   with the bytecode cached as an installed app has it, and once more compiling the
   sources at start as this environment may (PYTHONDONTWRITEBYTECODE)
   (interpreter start and imports count);
2. the stall: the window on a copy of the template; a 10 ms heartbeat QTimer on the GUI
   thread; the longest gap minus 10 ms while (0) the Kunden tab is shown the first time
   (every row read; also the time until they are on screen), (a) an import runs that
   changes nothing, (b) one that changes 3 customers and (c) one that changes every
   customer (the Kunden tab in front), each until 1 s (c: 4.5 s) after it ended
   (so the views' refresh counts, and the sort keys computed ahead after it); the Artikel tab's first look is measured like the
   Kunden tab's; so is opening the "Neues Projekt" dialog (its customer box lists every
   customer) and the article picker (every active article): until shown, until the list
   is complete, and the longest stall;
3. search and sort in the Kunden tab: the time of each keystroke of "müller" (typed one
   letter at a time, until the event loop has run and the view has repainted), of clearing
   it, and of sorting by name and by number; then, once the keys computed ahead are done,
   the slowest first sort by each other column.

Absolute times depend on the machine and its load, so the same run also measures floors
and prints the load average before and after:

- first-paint floor: spawn → first paint of a bare window (a QTableView of the same size
  over a 9-column model) — interpreter start, the Qt import and one paint;
- stall floor: the longest heartbeat gap of the same child while idle (2 s, before the
  imports) — what the scheduler alone costs;
- paint floor: one repaint of the same customer table with nothing changed (median of 5).

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/gui_responsiveness.py [--customers N]
[--parts N] [--rounds N] [--baseline-commit COMMIT]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import fast_server  # noqa: E402  (benchmarks/ is not a package)
from import_bench import extract  # noqa: E402

PREPARE = r"""
import sys
from pathlib import Path
from craftdesk.api.client import SevdeskClient
from craftdesk.services.importer import run_import
from craftdesk.store import settings
from craftdesk.store.db import close_database, open_database
base, token, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
open_database(folder / "craftdesk.sqlite3")
client = SevdeskClient(base + "/api/v1", token)
run_import(client, "all")
run_import(client, "all")  # the page ledger of the current code is filled
settings.set("sevdesk_enabled", True)
settings.set("connected_user", "Benchmark")
client.close()
close_database()
print("{}")
"""

COMMON = r"""
import json, sys, time
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication
from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.ui.app import build_shell

base, token, folder = sys.argv[1], sys.argv[2], sys.argv[3]
app = QApplication(sys.argv[:1])
ctx = AppContext(data_dir=folder, api_url=base + "/api/v1", tokens=MemoryTokenStore(token))
"""

PAINT = (
    COMMON
    + r"""
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"painted": True}), flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False

shell = build_shell(ctx, use_tray=False, start_scheduler=False)
watcher = FirstPaint()
shell.window.installEventFilter(watcher)
shell.window.show()
app.exec()
shell.shutdown()
"""
)

FLOOR = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 720)
model = QStandardItemModel(100, 9)
for row in range(100):
    for column in range(9):
        model.setItem(row, column, QStandardItem(f"Zelle {row} {column}"))
view = QTableView(window)
view.setModel(model)
window.setCentralWidget(view)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"painted": True}), flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False

watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""

# A 10 ms heartbeat on the GUI thread of a child (started where this code stands): the
# longest gap minus 10 ms is the longest stall. Shared by the benchmarks of the GUI.
HEARTBEAT = r"""
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
clock = QElapsedTimer()
gaps = []
last = [0]

def beat():
    now = clock.nsecsElapsed()
    gaps.append((now - last[0]) / 1e6)
    last[0] = now

def wait(ms):
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

def restart():
    gaps.clear()
    last[0] = clock.nsecsElapsed()

def stall():
    return max(max(0.0, g - 10) for g in gaps)

heartbeat = QTimer()
heartbeat.setInterval(10)
heartbeat.timeout.connect(beat)
clock.start()
last[0] = clock.nsecsElapsed()
heartbeat.start()
"""

STALL = (
    COMMON
    + r"""
from craftdesk.store.models import Customer
shell = build_shell(ctx, use_tray=False, start_scheduler=False)
window = shell.window
window.show()
for _ in range(20):
    app.processEvents()
"""
    + HEARTBEAT
    + r"""
def one_import(settle=1000):
    restart()
    done = QEventLoop()
    finished = []
    shell.controller.run_finished.connect(lambda r: (finished.append(r), done.quit()))
    started = time.perf_counter()
    shell.controller.start_import("all", trigger="manual")
    done.exec()
    seconds = time.perf_counter() - started
    wait(settle)
    stalls = [max(0.0, g - 10) for g in gaps]
    result = finished[0]
    return {"seconds": seconds, "max_stall": max(stalls), "over_50": sum(s > 50 for s in stalls),
            "ok": result is not None, "updated": getattr(result, "updated", None)}

total = Customer.select().count()
wait(200)
restart()
started = time.perf_counter()
window.tabs.setCurrentIndex(1)  # the first look at the Kunden tab: all rows are read
customers = window.tab(1)
for _ in range(1200):  # the table may be read on a helper thread: until it shows every row
    if customers.proxy.rowCount() >= total:
        break
    wait(20)
out = {"customers": total, "shown": customers.proxy.rowCount()}
out["tab_seconds"] = time.perf_counter() - started
wait(200)
out["tab_stall"] = stall()
wait(300)
from craftdesk.store.models import Article
parts = Article.select().count()
restart()
started = time.perf_counter()
window.tabs.setCurrentIndex(2)  # the first look at the Artikel tab
articles = window.tab(2)
for _ in range(1200):
    if articles.model.total_count() >= parts:
        break
    wait(20)
out["articles_seconds"] = time.perf_counter() - started
wait(200)
out["articles_stall"] = stall()
window.tabs.setCurrentIndex(1)
wait(300)

def dialog_look(make, complete):
    # Opening a dialog that lists every customer (article): until it is shown, until the
    # list is complete, and the longest stall meanwhile (and 200 ms after).
    restart()
    started = time.perf_counter()
    dialog = make()
    dialog.show()
    app.processEvents()
    opened = time.perf_counter() - started
    for _ in range(1500):
        if complete(dialog):
            break
        wait(20)
    listed = time.perf_counter() - started
    wait(200)
    longest = stall()
    dialog.hide()
    dialog.deleteLater()
    wait(300)
    return {"opened": opened, "listed": listed, "stall": longest}

from craftdesk.ui.dialogs.article_picker import ArticlePickerDialog
from craftdesk.ui.dialogs.project_dialog import ProjectDialog
active = Article.select().where(Article.active == True).count()  # noqa: E712
out["project_dialog"] = dialog_look(lambda: ProjectDialog(None, window), lambda d: d.customer.count() > total)
out["article_picker"] = dialog_look(lambda: ArticlePickerDialog(window), lambda d: d.proxy.rowCount() >= active)
restart()
wait(2000)  # idle: the scheduler's own noise
out["idle_stall"] = stall()
out["unchanged"] = one_import()
# Three customers differ from what sevDesk holds: the next import writes them back.
ids = [c.id for c in Customer.select(Customer.id).order_by(Customer.id).limit(3)]
Customer.update(sync_hash="x", last_name="Geändert").where(Customer.id.in_(ids)).execute()
out["three_changed"] = one_import()
# Every customer differs (a bulk change in sevDesk, or the first import into an open tab).
Customer.update(sync_hash="x", last_name="Geändert").execute()
# The table is read anew (~1.5 s at 50,000), then its sort keys are computed ahead (~1 s).
out["all_changed"] = one_import(settle=4500)
heartbeat.stop()

class Paints(QObject):
    count = 0
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            Paints.count += 1
        return False

paints = Paints()
customers.view.viewport().installEventFilter(paints)

def timed(action):
    # Until the event loop has run (layout, the posted repaint): what the user waits for.
    before = Paints.count
    started = time.perf_counter()
    action()
    app.processEvents()
    if Paints.count == before:
        customers.view.viewport().repaint()
    return (time.perf_counter() - started) * 1000

out["paint_floor_ms"] = sorted(timed(customers.view.viewport().update) for _ in range(5))[2]
out["keystrokes_ms"] = [timed(lambda t=text: customers.search.setText(t))
                        for text in ("m", "mü", "mül", "müll", "mülle", "müller")]
out["clear_ms"] = timed(lambda: customers.search.setText(""))
name = customers.model.column_of("name")
number = customers.model.column_of("number")
from PySide6.QtCore import Qt
out["sort_name_ms"] = timed(lambda: customers.view.sortByColumn(name, Qt.SortOrder.DescendingOrder))
out["sort_number_ms"] = timed(lambda: customers.view.sortByColumn(number, Qt.SortOrder.AscendingOrder))
ahead = getattr(customers, "_sort_ahead", None)  # (none in code without keys computed ahead)
for _ in range(500):
    if ahead is None or not ahead.running:
        break
    wait(20)
others = [c for c in range(len(customers.model.columns)) if c not in (name, number)]
out["sort_first_ms"] = max(
    timed(lambda c=c: customers.view.sortByColumn(c, Qt.SortOrder.AscendingOrder)) for c in others
)
shell.shutdown()
print(json.dumps(out))
"""
)


BYTECODE: dict[str, str] = {}  # PYTHONPYCACHEPREFIX of the children, set by main()


def run_child(code: str, args: list[str], path: Path, compiled: bool = True) -> tuple[dict[str, Any], float]:
    """Run ``code`` in a child with ``path`` first on sys.path; its JSON line and the time to
    its first line. ``compiled``: the modules' bytecode is cached (in a folder of the run),
    as in an installed app; else the environment's own setting (PYTHONDONTWRITEBYTECODE
    makes every start compile the sources)."""
    env = dict(
        os.environ, PYTHONPATH=str(path), QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen")
    )
    if compiled:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(BYTECODE)
    started = time.perf_counter()
    # cwd = the code's folder: "python -c" puts the working directory first on sys.path.
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=str(path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    elapsed = time.perf_counter() - started
    rest, err = child.communicate(timeout=3600)
    if child.returncode != 0:
        raise RuntimeError(f"child failed ({path}):\n{err[-3000:]}")
    lines = [line for line in (first + rest).splitlines() if line.startswith("{")]
    return json.loads(lines[-1]), elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--parts", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline-commit")
    args = parser.parse_args()

    from craftdesk.sandbox import DEMO_TOKEN

    queue: Any = multiprocessing.Queue()
    stop = multiprocessing.Event()
    server = multiprocessing.Process(
        target=fast_server.serve, daemon=True, args=(args.customers, args.parts, queue, stop)
    )
    server.start()
    base = queue.get(timeout=900)
    load_before = os.getloadavg()
    results: dict[str, dict[str, list[Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        BYTECODE["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        codes = {"current": ROOT}
        if args.baseline_commit:
            codes = {"before": extract(args.baseline_commit, Path(tmp) / "before"), **codes}
        try:
            templates = {}
            for name, path in codes.items():
                folder = Path(tmp) / f"template-{name}"
                folder.mkdir()
                run_child(PREPARE, [base, DEMO_TOKEN, str(folder)], path)
                templates[name] = folder
                warm = Path(tmp) / f"warm-{name}"
                shutil.copytree(folder, warm)
                run_child(PAINT, [base, DEMO_TOKEN, str(warm)], path)  # compiles the GUI modules
                shutil.rmtree(warm)
            run_child(FLOOR, [], ROOT)
            for round_ in range(args.rounds):
                for name, path in rotated(codes, round_):
                    figures = results.setdefault(
                        name, {"paint": [], "paint_source": [], "stall": [], "floor": []}
                    )
                    for kind, code in (("paint", PAINT), ("paint_source", PAINT), ("stall", STALL)):
                        folder = Path(tmp) / f"{name}-{round_}-{kind}"
                        shutil.copytree(templates[name], folder)
                        args_ = [base, DEMO_TOKEN, str(folder)]
                        out, elapsed = run_child(code, args_, path, compiled=kind != "paint_source")
                        figures[kind].append(out if kind == "stall" else elapsed)
                        shutil.rmtree(folder)
                    figures["floor"].append(run_child(FLOOR, [], path)[1])
        finally:
            stop.set()
            server.join(timeout=10)
    report(args, results, (load_before, os.getloadavg()))
    return 0


def rotated(codes: dict[str, Path], round_: int) -> list[tuple[str, Path]]:
    """The codes measured in a round, each round starting with the next one (interleaved)."""
    order = list(codes.items())
    return order[round_ % len(order) :] + order[: round_ % len(order)]


def print_table(
    rows: dict[str, dict[str, float]], floors: dict[str, float], table: list[tuple[str, str, int, str]]
) -> None:
    """The Markdown table: one line per (title, key, goal, floor key); each code's median
    and its ratio to the floor of the same run."""
    names = list(rows)
    print(
        "| ms | " + " | ".join(names) + " | goal | floor | " + " | ".join(f"{n}/floor" for n in names) + " |"
    )
    print("|---" * (3 + 2 * len(names)) + "|")
    for title, key, goal, floor_key in table:
        floor = floors[floor_key]
        values = " | ".join(f"{rows[n][key]:.0f}" for n in names)
        ratios = " | ".join(f"{rows[n][key] / floor:.1f}×" if floor > 0 else "–" for n in names)
        print(f"| {title} | {values} | {f'≤ {goal}' if goal else '–'} | {floor:.0f} | {ratios} |")


def report(
    args: Any, results: dict[str, dict[str, list[Any]]], load: tuple[tuple[float, ...], tuple[float, ...]]
) -> None:
    med = statistics.median
    print(
        f"craftdesk GUI benchmark: {args.customers} customers, {args.parts} parts; medians of "
        f"{args.rounds} interleaved rounds (server: pre-serialised pages in their own process)"
    )
    print(f"load average (1/5/15 min): before {load[0]}, after {tuple(round(x, 2) for x in load[1])}")
    rows: dict[str, dict[str, float]] = {}
    for name, figures in results.items():
        stalls = figures["stall"]
        keys = [s["keystrokes_ms"] for s in stalls]
        rows[name] = {
            "paint": med(figures["paint"]) * 1000,
            "paint_source": med(figures["paint_source"]) * 1000,
            "tab_stall": med([s["tab_stall"] for s in stalls]),
            "tab_seconds": med([s["tab_seconds"] for s in stalls]) * 1000,
            "articles_stall": med([s["articles_stall"] for s in stalls]),
            "articles_seconds": med([s["articles_seconds"] for s in stalls]) * 1000,
            "unchanged": med([s["unchanged"]["max_stall"] for s in stalls]),
            "three_changed": med([s["three_changed"]["max_stall"] for s in stalls]),
            "all_changed": med([s["all_changed"]["max_stall"] for s in stalls]),
            "project_opened": med([s["project_dialog"]["opened"] for s in stalls]) * 1000,
            "project_listed": med([s["project_dialog"]["listed"] for s in stalls]) * 1000,
            "project_stall": med([s["project_dialog"]["stall"] for s in stalls]),
            "picker_opened": med([s["article_picker"]["opened"] for s in stalls]) * 1000,
            "picker_listed": med([s["article_picker"]["listed"] for s in stalls]) * 1000,
            "picker_stall": med([s["article_picker"]["stall"] for s in stalls]),
            "first_key": med([k[0] for k in keys]),
            "later_keys": med([max(k[1:]) for k in keys]),
            "clear": med([s["clear_ms"] for s in stalls]),
            "sort_name": med([s["sort_name_ms"] for s in stalls]),
            "sort_number": med([s["sort_number_ms"] for s in stalls]),
            "sort_first": med([s["sort_first_ms"] for s in stalls]),
        }
        print(
            f"{name:8} rounds: first paint {[round(p * 1000) for p in figures['paint']]} ms "
            f"(sources compiled at start: {[round(p * 1000) for p in figures['paint_source']]}); "
            f"stall unchanged {[round(s['unchanged']['max_stall']) for s in stalls]}, "
            f"3 changed {[round(s['three_changed']['max_stall']) for s in stalls]} ms "
            f"(over 50 ms: {[s['three_changed']['over_50'] for s in stalls]}); "
            f"keystrokes {[[round(k) for k in ks] for ks in keys]} ms; "
            f"all changed {[round(s['all_changed']['max_stall']) for s in stalls]} ms; "
            f"imports {med([s['unchanged']['seconds'] for s in stalls]):.1f} s / "
            f"{med([s['three_changed']['seconds'] for s in stalls]):.1f} s / "
            f"{med([s['all_changed']['seconds'] for s in stalls]):.1f} s"
        )
    every = [s for figures in results.values() for s in figures["stall"]]
    floors = {
        "paint": med([f for figures in results.values() for f in figures["floor"]]) * 1000,
        "stall": med([s["idle_stall"] for s in every]),
        "repaint": med([s["paint_floor_ms"] for s in every]),
    }
    table = [
        ("first painted window", "paint", 1500, "paint"),
        ("first painted window, sources compiled at start", "paint_source", 1500, "paint"),
        ("Kunden tab first shown: rows on screen after", "tab_seconds", 0, "paint"),
        ("Kunden tab first shown: longest stall", "tab_stall", 50, "stall"),
        ("Artikel tab first shown: all rows read after", "articles_seconds", 0, "paint"),
        ("Artikel tab first shown: longest stall", "articles_stall", 50, "stall"),
        ("Neues Projekt dialog: shown after", "project_opened", 0, "paint"),
        ("Neues Projekt dialog: every customer listed after", "project_listed", 0, "paint"),
        ("Neues Projekt dialog: longest stall", "project_stall", 50, "stall"),
        ("article picker: shown after", "picker_opened", 0, "paint"),
        ("article picker: every active article listed after", "picker_listed", 0, "paint"),
        ("article picker: longest stall", "picker_stall", 50, "stall"),
        ("longest stall, unchanged import", "unchanged", 50, "stall"),
        ("longest stall, 3 customers changed", "three_changed", 50, "stall"),
        ("longest stall, every customer changed", "all_changed", 50, "stall"),
        ("first search keystroke", "first_key", 50, "repaint"),
        ("slowest later keystroke", "later_keys", 50, "repaint"),
        ("clearing the search", "clear", 50, "repaint"),
        ("sort by name", "sort_name", 200, "repaint"),
        ("sort by number", "sort_number", 200, "repaint"),
        ("first sort by each other column: the slowest", "sort_first", 200, "repaint"),
    ]
    print_table(rows, floors, table)
    print(
        "first paint: bytecode cached as in an installed app (the second line: as this "
        f"environment starts Python, PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r})"
    )
    print(
        "floors: first paint = bare window with a table (spawn → paint); stall = longest "
        "heartbeat gap while idle; repaint = one repaint of the unchanged customer table "
        f"({every[-1]['customers']} customers)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
