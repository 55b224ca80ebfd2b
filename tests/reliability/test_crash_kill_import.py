"""Crashes: `craftdesk sync` killed with SIGKILL at random moments, 20 times.

Every time the database passes PRAGMA integrity_check (and has no dangling foreign
keys), and the next complete import converges to exactly what never-killed imports of
the same sevDesk states produce: nothing lost, nothing doubled. The longer soak lives in
benchmarks/soak_kill_import.py.
"""

from __future__ import annotations

import signal
import sys

import pytest
from crash_support import CrashHarness
from rel_support import snapshot

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")

TRIALS = 20
SEED = 20240611


@pytest.mark.soak
def test_import_killed_20_times_stays_intact_and_converges(tmp_path):
    harness = CrashHarness(tmp_path, seed=SEED, n_customers=600, n_parts=200, page_delay=0.04)
    try:
        trials = harness.run(TRIALS)
    finally:
        harness.close()
    assert len(trials) == TRIALS
    for trial in trials:
        assert trial.integrity == "ok", trial
        assert trial.foreign_key_errors == 0, trial
        assert trial.converged in (True, None), f"{trial}\n{trial.difference}"
    assert trials[-1].converged is True
    killed = [t for t in trials if t.returncode == -signal.SIGKILL]
    assert killed, "no run was actually killed"
    assert any(t.aimed != "run" for t in trials), "no kill was timed to a write phase"
    # Nothing doubled: one local customer per sevDesk contact ever seen.
    snap = snapshot(harness.victim)
    sevdesk_ids = [row[0] for row in snap["customer"].elements()]
    assert len(sevdesk_ids) == len(set(sevdesk_ids))


@pytest.mark.soak
def test_R3_a_killed_run_is_not_left_running_forever(tmp_path):
    """The next run closes a run a kill left "running" (the history must not show it forever)."""
    import sqlite3

    harness = CrashHarness(
        tmp_path, seed=SEED + 1, n_customers=300, n_parts=50, page_delay=0.1, write_bias=0.0
    )
    try:
        harness.prepare()
        harness.window = harness.window / 2  # land inside the run
        trial = harness.kill_trial(converge=True)  # a killed run, then a complete one
    finally:
        harness.close()
    assert trial.returncode == -signal.SIGKILL and trial.phase != "done", trial
    with sqlite3.connect(harness.victim) as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM sync_run ORDER BY id")]
    assert "running" not in statuses
    assert statuses[-1] == "ok"
