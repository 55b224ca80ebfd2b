"""Soak benchmark (SPEC H13): weeks in the tray, compressed.

The real main window runs offscreen against the demo sevDesk; the recurring-import
scheduler is accelerated (a tick every ``--tick-ms``, its clock jumping 16 minutes per
tick, so every tick starts an import when none is running); a driver switches tabs every
cycle and opens and closes a customer, an article and an appointment dialog in turn. Every
``--sample`` cycles it records RSS, ``sys.getrefcount(None)``, ``sys.getrefcount(True)``
and the number of objects the garbage collector tracks.

The soak runs in a child process, so a crash (e.g. CPython's "Fatal Python error:
none_dealloc") is seen and counted instead of taking the benchmark down.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/soak_gui.py [--cycles 3000]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def soak(cycles: int, sample: int, tick_ms: int) -> None:
    import gc
    import tempfile
    from datetime import datetime, timedelta, timezone

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from craftdesk.context import AppContext, MemoryTokenStore
    from craftdesk.sandbox import DEMO_TOKEN, Sandbox, build_demo_data
    from craftdesk.store import settings
    from craftdesk.sync.scheduler import SyncScheduler
    from craftdesk.ui.app import build_shell
    from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog
    from craftdesk.ui.dialogs.article_dialog import ArticleDialog
    from craftdesk.ui.dialogs.customer_dialog import CustomerDialog

    app = QApplication(sys.argv[:1])
    folder = tempfile.mkdtemp(prefix="craftdesk-soak-")
    sandbox = Sandbox(data=build_demo_data()).start()
    ctx = AppContext(data_dir=folder, api_url=sandbox.url, tokens=MemoryTokenStore(DEMO_TOKEN))
    ctx.open_db()
    settings.set("sevdesk_enabled", True)
    settings.set("connected_user", "Soak")
    shell = build_shell(ctx, use_tray=False, start_scheduler=False)
    fake_now = [datetime.now(timezone.utc)]

    def clock() -> datetime:
        fake_now[0] += timedelta(minutes=16)
        return fake_now[0]

    scheduler = SyncScheduler(shell.controller, clock=clock, tick_ms=tick_ms, first_tick_ms=tick_ms)
    scheduler.start()
    window = shell.window
    window.resize(1366, 768)
    window.show()
    imports = [0]
    shell.controller.run_finished.connect(lambda _result: imports.__setitem__(0, imports[0] + 1))
    dialogs = (
        lambda: CustomerDialog(None, window),
        lambda: ArticleDialog(None, window),
        lambda: AppointmentDialog(None, None, window),
    )
    state = {"cycle": 0, "started": time.perf_counter()}

    def record() -> None:
        gc.collect()
        print(
            json.dumps(
                {
                    "cycle": state["cycle"],
                    "seconds": round(time.perf_counter() - state["started"], 1),
                    "imports": imports[0],
                    "rss_mb": round(_rss_mb(), 1),
                    "none_refs": sys.getrefcount(None),
                    "true_refs": sys.getrefcount(True),
                    "gc_objects": len(gc.get_objects()),
                }
            ),
            flush=True,
        )

    def step() -> None:
        cycle = state["cycle"]
        window.tabs.setCurrentIndex(cycle % window.tabs.count())
        if cycle % 3 == 0:
            dialog = dialogs[(cycle // 3) % len(dialogs)]()
            dialog.show()
            app.processEvents()
            dialog.reject()
            dialog.deleteLater()
        if cycle % sample == 0:
            record()
        state["cycle"] = cycle + 1
        if state["cycle"] > cycles:
            timer.stop()
            scheduler.stop()
            shell.shutdown()
            sandbox.stop()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(5)
    app.exec()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=3000)
    parser.add_argument("--sample", type=int, default=250)
    parser.add_argument("--tick-ms", type=int, default=500)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        soak(args.cycles, args.sample, args.tick_ms)
        return 0
    child = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            "--cycles",
            str(args.cycles),
            "--sample",
            str(args.sample),
            "--tick-ms",
            str(args.tick_ms),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    rows = [json.loads(line) for line in child.stdout.splitlines() if line.startswith("{")]
    print(
        f"{'cycle':>6} {'s':>7} {'imports':>7} {'RSS MB':>7} {'None refs':>10} "
        f"{'True refs':>20} {'GC objects':>10}"
    )
    for row in rows:
        print(
            f"{row['cycle']:>6} {row['seconds']:>7} {row['imports']:>7} {row['rss_mb']:>7} "
            f"{row['none_refs']:>10} {row['true_refs']:>20} {row['gc_objects']:>10}"
        )
    crashed = child.returncode != 0
    print(f"crashes: {1 if crashed else 0} (exit code {child.returncode})")
    if crashed:
        print(child.stderr[-2000:])
    if len(rows) >= 3:
        first, mid, last = rows[1], rows[len(rows) // 2], rows[-1]  # row 0 is before warm-up
        print(
            f"after warm-up: RSS {mid['rss_mb']} → {last['rss_mb']} MB, None refs "
            f"{first['none_refs']} → {last['none_refs']}, GC objects "
            f"{mid['gc_objects']} → {last['gc_objects']}"
        )
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
