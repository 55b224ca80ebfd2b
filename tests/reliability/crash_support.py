"""Kill-the-import harness, shared by the CI crash test and the longer soak benchmark.

A victim data folder is imported into by real `python -m craftdesk sync` processes that
are killed with SIGKILL after a random delay (seeded), while sevDesk changes between
trials. A shadow database goes through the same sevDesk states with clean, never killed
imports. After each kill the victim must pass PRAGMA integrity_check; after the next
complete import it must hold exactly what the shadow holds.

Where the clock of a kill starts: either the run's first request (the delay is uniform
over a whole run), or — for a share ``write_bias`` of the trials — the moment the last
page of /CommunicationWay or /Part is out, so the kill lands in the collection's
processing and write transaction, which a uniform delay rarely hits.
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

PHASES = (
    "start",
    "/Category",
    "/Contact",
    "/ContactAddress",
    "/CommunicationWay",
    "/StaticCountry",
    "/Unity",
    "/Part",
    "done",
)
# Collections after whose last page a large write follows.
MARKERS = ("/CommunicationWay", "/Part")


@dataclass
class Trial:
    index: int
    aimed: str  # "run" (clock from the first request) or the marker collection
    delay: float
    returncode: int | None
    phase: str  # the last collection the killed run had an answer for (or start/done)
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
    write_bias: float = 0.5  # share of kills timed from the last page of a collection
    mass_change: float = 0.3  # share of trials where sevDesk changes many records at once
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
        # Contacts changed since the victim last completed an import: deleting one of them
        # would leave the victim with an older last state than the shadow — not a crash
        # effect (an app that was closed meanwhile ends the same way), so not done here.
        self._dirty: set[str] = set()
        self._added = 0
        self.window = 1.0
        # (collection, its pages, seconds from its last page to the end of a full run)
        self.markers: list[tuple[str, int, float]] = []

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
        """Both databases start from one complete import; a full run calibrates the clocks."""
        self.import_into(self.victim)
        self.import_into(self.shadow)
        scratch = self.workdir / "calibration"
        scratch.mkdir(exist_ok=True)
        started, seen, proc = self._spawn(scratch)
        events: list[tuple[float, str]] = []
        while proc.poll() is None:
            requests = self.sb.requests
            events.extend((time.monotonic(), r.path) for r in requests[seen:])
            seen = len(requests)
            time.sleep(0.002)
        end = time.monotonic()
        self.sb.faults.clear()
        self.window = max(end - started, 0.05)
        for path in MARKERS:
            times = [t for t, p in events if p == path]
            if times:
                self.markers.append((path, len(times), max(end - times[-1], 0.01)))

    # -- sevDesk changes between trials ----------------------------------------------------
    def mutate(self) -> None:
        data, rng = self.sb.data, self.rng
        alive = [c for c in self._initial_contacts if c not in self._deleted]
        parts = data.all("Part")
        for contact in rng.sample(alive, k=min(len(alive), rng.randint(1, 5))):
            data.update("Contact", contact, description=f"Änderung {rng.random():.6f}")
            self._dirty.add(contact)
        for part in rng.sample(parts, k=min(len(parts), rng.randint(1, 3))):
            price = f"{rng.randint(100, 99999) / 100:.2f}"
            data.update("Part", part["id"], priceNet=price, price=price)
        for _ in range(rng.randint(0, 2)):
            self._added += 1
            add_customer(data, self._added)
        if rng.random() < self.mass_change:  # e.g. a price update: a long write transaction
            for contact in rng.sample(alive, k=len(alive) * 2 // 5):
                data.update("Contact", contact, description=f"Massenänderung {rng.random():.6f}")
                self._dirty.add(contact)
            for part in rng.sample(parts, k=len(parts) // 2):
                price = f"{rng.randint(100, 99999) / 100:.2f}"
                data.update("Part", part["id"], priceNet=price, price=price)
        clean = [c for c in alive if c not in self._dirty]
        if rng.random() < 0.25 and clean:
            gone = rng.choice(clean)
            data.delete("Contact", gone)
            self._deleted.add(gone)
        if rng.random() < 0.25:
            addresses = data.all("ContactAddress")
            if addresses:
                data.delete("ContactAddress", rng.choice(addresses)["id"])
        self.import_into(self.shadow)

    # -- one killed run --------------------------------------------------------------------
    def _spawn(self, data_dir: Path) -> tuple[float, int, subprocess.Popen]:
        """Start `craftdesk sync` against slowed pages.

        Returns (time of its first request, index of that request in the sandbox log, proc).
        """
        self.sb.faults.clear()
        self.sb.faults.add(path=None, method="GET", kind="delay", seconds=self.page_delay, times=None)
        before = len(self.sb.requests)
        env = dict(os.environ, CRAFTDESK_API_TOKEN=DEMO_TOKEN)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "craftdesk",
                "--data-dir",
                str(data_dir),
                "--api-url",
                self.sb.url,
                "sync",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while len(self.sb.requests) == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        return time.monotonic(), before, proc

    def _wait_for_last_page(self, proc: subprocess.Popen, before: int, path: str, pages: int) -> None:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if sum(1 for r in self.sb.requests[before:] if r.path == path) >= pages:
                return
            time.sleep(0.002)

    def kill_trial(self, converge: bool) -> Trial:
        index = len(self.trials) + 1
        log = self.victim_dir / "logs" / "craftdesk.log"
        log_start = log.stat().st_size if log.exists() else 0
        marker = None
        if self.markers and self.rng.random() < self.write_bias:
            marker = self.rng.choice(self.markers)
        delay = self.rng.uniform(0.0, marker[2] if marker else self.window)
        started, before, proc = self._spawn(self.victim_dir)
        if marker is not None:
            self._wait_for_last_page(proc, before, marker[0], marker[1])
            started = time.monotonic()
        time.sleep(max(0.0, started + delay - time.monotonic()))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        returncode = proc.wait(timeout=60)
        self.sb.faults.clear()
        conn = connect_ro(self.victim)
        try:
            fk_errors = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        finally:
            conn.close()
        trial = Trial(
            index,
            marker[0] if marker else "run",
            round(delay, 3),
            returncode,
            _phase(log, log_start),
            integrity(self.victim),
            fk_errors,
        )
        if converge:
            self.import_into(self.victim)
            self._dirty.clear()
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
