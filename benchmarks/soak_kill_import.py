"""Soak: `craftdesk sync` killed with SIGKILL at random moments, many times, on bulk data.

The long version of tests/reliability/test_crash_kill_import.py (same harness): a victim
data folder is imported into by real processes killed after a seeded random delay while
sevDesk changes between trials; a shadow database goes through the same sevDesk states
with never-killed imports. Prints, per trial and in total: where the kill landed, the
integrity check, dangling foreign keys, and whether the next complete import converged
to the shadow (nothing lost, nothing doubled).

Run: ``python benchmarks/soak_kill_import.py [--trials 100] [--customers 3000] [--parts 1000]
[--page-delay 0.1] [--seed 1] [--converge 0.5] [--write-bias 0.5]``  (POSIX only)
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "reliability"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--customers", type=int, default=3000)
    parser.add_argument("--parts", type=int, default=1000)
    parser.add_argument("--page-delay", type=float, default=0.1, help="seconds per GET page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--converge",
        type=float,
        default=0.5,
        help="probability of a complete import (and comparison) after a kill",
    )
    parser.add_argument(
        "--write-bias",
        type=float,
        default=0.5,
        help="share of kills timed from the last page of a collection",
    )
    args = parser.parse_args()

    from crash_support import PHASES, CrashHarness

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="soak-kill-") as tmp:
        harness = CrashHarness(
            Path(tmp),
            seed=args.seed,
            n_customers=args.customers,
            n_parts=args.parts,
            page_delay=args.page_delay,
            write_bias=args.write_bias,
        )
        try:
            harness.prepare()
            print(
                f"kill window (first request → exit of a full run): {harness.window:.2f} s; "
                "from the last page: " + ", ".join(f"{p} {t:.2f} s" for p, _n, t in harness.markers)
            )
            print(
                f"{'#':>4} {'clock from':<18} {'delay s':>8} {'exit':>5} {'phase':<18} "
                f"{'integrity':<10} {'fk':>3} converged"
            )
            for i in range(args.trials):
                harness.mutate()
                last = i == args.trials - 1
                trial = harness.kill_trial(converge=last or harness.rng.random() < args.converge)
                converged = {None: "-", True: "yes", False: "NO"}[trial.converged]
                print(
                    f"{trial.index:>4} {trial.aimed:<18} {trial.delay:>8.3f} {trial.returncode:>5} "
                    f"{trial.phase:<18} "
                    f"{trial.integrity[:10]:<10} {trial.foreign_key_errors:>3} {converged}",
                    flush=True,
                )
                if trial.difference:
                    print("     " + trial.difference.replace("\n", "\n     "))
        finally:
            harness.close()
        trials = harness.trials
    elapsed = time.monotonic() - started
    killed = sum(1 for t in trials if t.returncode == -signal.SIGKILL)
    phases = Counter(t.phase for t in trials)
    checks = [t for t in trials if t.converged is not None]
    bad_integrity = sum(1 for t in trials if t.integrity != "ok")
    bad_fk = sum(1 for t in trials if t.foreign_key_errors)
    diverged = sum(1 for t in checks if not t.converged)
    print()
    print(
        f"trials: {len(trials)}, killed by SIGKILL: {killed}, finished before the kill: "
        f"{len(trials) - killed}"
    )
    aimed = Counter(t.aimed for t in trials)
    print("clock started at: " + ", ".join(f"{k} {v}" for k, v in sorted(aimed.items())))
    print(
        "kill landed after (last answer logged): "
        + ", ".join(f"{p} {phases[p]}" for p in PHASES if phases.get(p))
    )
    print(f"integrity_check failures: {bad_integrity}, foreign key errors: {bad_fk}")
    print(f"convergence checks: {len(checks)}, diverged: {diverged}")
    print(
        f"data: {args.customers} customers, {args.parts} parts, page delay {args.page_delay} s, "
        f"seed {args.seed}; wall time {elapsed:.0f} s"
    )
    return 0 if not (bad_integrity or bad_fk or diverged) else 1


if __name__ == "__main__":
    raise SystemExit(main())
