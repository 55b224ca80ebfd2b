"""Kill-the-import harness, shared by the CI crash test and the longer soak benchmark.

A victim data folder is imported into by real `python -m craftdesk sync` processes that
are killed with SIGKILL after a random delay (seeded), while sevDesk changes between
trials. A shadow database goes through the same sevDesk states with clean, never killed
imports. After each kill the victim must pass PRAGMA integrity_check; after the next
complete import it must hold exactly what the shadow holds.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from rel_support import add_customer, connect_ro, diff, integrity, snapshot

from craftdesk.api.client import SevdeskClient
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, build_bulk_data
from craftdesk.services.importer import run_import
from craftdesk.store.db import close_database, open_database

PHASES = ("start", "/Category", "/Contact", "/ContactAddress", "/CommunicationWay",
          "/StaticCountry", "/Unity", "/Part", "done")


@dataclass
class Trial:
    index: int
    delay: float
    returncode: int | None
    phase: str
    integrity: str
    foreign_key_errors: int
    converged: bool | None = None
    difference: str = ""


@dataclass
class CrashHarness:
    workdir: Path
    seed: int
    n_customers: int = 1000
    n_parts: int = 300
    page_delay: float = 0.05
    trials: list[Trial] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.sb = Sandbox(data=build_bulk_data(self.n_customers, self.n_parts)).start()
        self.victim_dir = self.workdir / "victim"
        self.victim = self.victim_dir / "craftdesk.sqlite3"
        self.shadow = self.workdir / "shadow" / "craftdesk.sqlite3"
        self.victim_dir.mkdir(parents=True, exist_ok=True)
        self.shadow.parent.mkdir(parents=True, exist_ok=True)
        self._initial_contacts = [c["id"] for c in self.sb.data.all("Contact")]
        self._deleted: set[str] = set()
        self._added = 0
        self.window = 1.0

    def close(self) -> None:
        self.sb.stop()

    # -- imports in this process (faults off) ---------------------------------------------
    def import_into(self, path: Path) -> None:
        self.sb.faults.clear()
        client = SevdeskClient(self.sb.url, DEMO_TOKEN, backoff_base=0.01, backoff_max=0.05)
        open_database(path)
        try:
            run_import(client, "all")
        finally:
            close_database()
            client.close()

    def prepare(self) -> None:
        """Both databases start from one complete import; then calibrate the kill window."""
        self.import_into(self.victim)
        self.import_into(self.shadow)
        scratch = self.workdir / "calibration"
        scratch.mkdir(exist_ok=True)
        started, proc = self._spawn(scratch)
        proc.wait(timeout=120)
        self.window = max(time.monotonic() - started, 0.05)
        self.sb.faults.clear()

    # -- sevDesk changes between trials ----------------------------------------------------
    def mutate(self) -> None:
        data, rng = self.sb.data, self.rng
        alive = [c for c in self._initial_contacts if c not in self._deleted]
        for contact in rng.sample(alive, k=min(len(alive), rng.randint(1, 5))):
            data.update("Contact", contact, description=f"Änderung {rng.random():.6f}")
        parts = data.all("Part")
        for part in rng.sample(parts, k=min(len(parts), rng.randint(1, 3))):
            price = f"{rng.randint(100, 99999) / 100:.2f}"
            data.update("Part", part["id"], priceNet=price, price=price)
        for _ in range(rng.randint(0, 2)):
            self._added += 1
            add_customer(data, self._added)
        if rng.random() < 0.25 and alive:
            victim = rng.choice(alive)
            data.delete("Contact", victim)
            self._deleted.add(victim)
        if rng.random() < 0.25:
            addresses = data.all("ContactAddress")
            if addresses:
                data.delete("ContactAddress", rng.choice(addresses)["id"])
        self.import_into(self.shadow)

    # -- one killed run --------------------------------------------------------------------
    def _spawn(self, data_dir: Path) -> tuple[float, subprocess.Popen]:
        """Start `craftdesk sync` against slowed pages; returns (first request time, proc)."""
        self.sb.faults.clear()
        self.sb.faults.add(path=None, method="GET", kind="delay", seconds=self.page_delay, times=None)
        before = len(self.sb.requests)
        env = dict(os.environ, CRAFTDESK_API_TOKEN=DEMO_TOKEN)
        proc = subprocess.Popen(
            [sys.executable, "-m", "craftdesk", "--data-dir", str(data_dir), "--api-url", self.sb.url,
             "sync"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while len(self.sb.requests) == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        return time.monotonic(), proc

    def kill_trial(self, converge: bool) -> Trial:
        index = len(self.trials) + 1
        log = self.victim_dir / "logs" / "craftdesk.log"
        log_start = log.stat().st_size if log.exists() else 0
        delay = self.rng.uniform(0.0, self.window)
        started, proc = self._spawn(self.victim_dir)
        time.sleep(max(0.0, started + delay - time.monotonic()))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        returncode = proc.wait(timeout=60)
        self.sb.faults.clear()
        phase = _phase(log, log_start)
        conn = connect_ro(self.victim)
        try:
            fk_errors = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        finally:
            conn.close()
        trial = Trial(index, round(delay, 3), returncode, phase, integrity(self.victim), fk_errors)
        if converge:
            self.import_into(self.victim)
            mine, theirs = snapshot(self.victim), snapshot(self.shadow)
            trial.converged = mine == theirs
            trial.difference = "" if trial.converged else diff(theirs, mine)
        self.trials.append(trial)
        return trial

    def run(self, n: int, converge_probability: float = 0.6) -> list[Trial]:
        self.prepare()
        for i in range(n):
            self.mutate()
            last = i == n - 1
            self.kill_trial(converge=last or self.rng.random() < converge_probability)
        return self.trials


def _phase(log: Path, start: int) -> str:
    """Where the killed run was: the last collection it had an answer for, or start/done."""
    if not log.exists():
        return "start"
    with log.open("rb") as handle:
        handle.seek(start)
        text = handle.read().decode("utf-8", "replace")
    phase = "start"
    for line in text.splitlines():
        if "Import run" in line and " ok:" in line:
            phase = "done"
        elif " GET /" in line:
            phase = line.split(" GET ", 1)[1].split(" ", 1)[0]
    return phase
