"""Import benchmark: CPU of a full and of an unchanged import against the download floor.

Account: ``--customers`` contacts of category "Kunde" (2 addresses and 3 communication
ways each) and ``--parts`` parts (default 10,000 and 5,000).

* The server is faster than the client: ``fast_server`` answers from pre-serialised
  (JSON-encoded, gzip-compressed) pages in its own process; an unmeasured warm-up round
  fills its table. Every round prints the server's own CPU seconds next to the client's.
* Each import runs in a fresh child process (an empty app: craftdesk imported, empty
  database opened), first a full import, then an unchanged re-import; the figures are the
  child's CPU seconds (all its threads) and its peak RSS above the empty app.
* The floor is another child process that downloads exactly the URLs the full import
  requested (the server logs them), with the same HTTP library (``requests``, same
  headers, gzip accepted), and decodes every body with orjson (else the standard
  library) — the least any importer has to do. msgspec's untyped decoder, installed too,
  reads these pages about 4 % faster (a floor some 6 ms lower at 10,000 contacts); the
  floor stays with orjson so that its figures compare with every earlier run.
* The lower bound of a Python importer, measured on the same pages in another child: the
  floor plus the row parsers alone (``records.*_row`` over every object; for the pages the
  import reads with msgspec, ``wire.page_rows`` minus the floor's decoding of the same
  pages) plus the SQLite
  inserts of exactly the rows the full import wrote (raw ``executemany`` of 32-row INSERTs, one transaction,
  empty database with the app's schema). Grouping, rules, fingerprints and bookkeeping
  come on top of it.
* Each ratio is printed twice: the median CPU over the median floor, and the median of
  the rounds' own ratios (each import over the floor of its round, measured seconds
  apart), which a machine whose speed drifts from minute to minute moves less.
* ``--baseline-commit C`` extracts commit C (``git archive``) and measures it in the
  same run: the rounds interleave floor, baseline and current code, medians of all
  rounds are printed, each as a ratio to the floor of the same run.
* ``--growth 10000,50000,100000`` then measures each account size once more (a new
  server per size, parts = half the contacts, ``--growth-rounds`` rounds each) and prints
  the growth curve: CPU of floor, full and unchanged import, and peak RSS per 1,000
  contacts, for every code measured.

Run: ``python benchmarks/import_bench.py [--customers N] [--parts N] [--rounds N]
[--baseline-commit COMMIT] [--growth SIZES] [--growth-rounds N]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import fast_server  # noqa: E402 - found through the sys.path entry above

IMPORT_CHILD = r"""
import json, resource, sys, tempfile, time, urllib.request
from pathlib import Path

base, token = sys.argv[1], sys.argv[2]

def control(name):
    with urllib.request.urlopen(f"{base}/__bench/{name}") as answer:
        return json.loads(answer.read())

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

from craftdesk.api.client import SevdeskClient
from craftdesk.services.importer import run_import
from craftdesk.store.db import close_database, open_database

out = {}
with tempfile.TemporaryDirectory() as tmp:
    open_database(Path(tmp) / "bench.sqlite3")
    client = SevdeskClient(base + "/api/v1", token)
    out["rss_empty"] = rss_mb()
    for name in ("full", "unchanged"):
        control("reset")
        cpu, wall = time.process_time(), time.perf_counter()
        result = run_import(client, "all")
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        out[name + "_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - out["rss_empty"]
        out[name] = {"cpu": cpu, "wall": wall, "requests": result.requests,
                     "rows": result.rows_written, "created": result.created,
                     "updated": result.updated, "unchanged": result.unchanged,
                     "server": control("log")}
    out["rss_peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    client.close()
    close_database()
print(json.dumps(out))
"""

FLOOR_CHILD = r"""
import json, sys, time
import requests
try:
    import orjson
    decode, decoder = orjson.loads, "orjson"
except ImportError:
    decode, decoder = json.loads, "json"

base, token = sys.argv[1], sys.argv[2]
urls = json.loads(sys.stdin.read())
session = requests.Session()
session.headers.update({"Authorization": token, "Accept": "application/json",
                        "User-Agent": "craftdesk-floor"})
cpu, wall = time.process_time(), time.perf_counter()
for url in urls:
    response = session.get(base + url, timeout=300)
    decode(response.content)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({"cpu": cpu, "wall": wall, "requests": len(urls), "decoder": decoder}))
"""

# What any importer written in Python pays on top of the floor, measured on the same
# pages: the row parsers alone (no grouping, rules, fingerprints or bookkeeping) and the
# SQLite inserts of exactly the rows the full import wrote (one transaction, raw
# executemany of 32-row INSERTs, as the importer writes, into an empty database with the
# app's schema).
BOUND_CHILD = r"""
import json, sqlite3, sys, tempfile, time
from pathlib import Path
import requests
try:
    import orjson
    decode = orjson.loads
except ImportError:
    decode = json.loads
from craftdesk.api import records
from craftdesk.api.fields import RecordError
from craftdesk.api.client import SevdeskClient
from craftdesk.services.importer import run_import
from craftdesk.store.db import close_database, open_database

base, token = sys.argv[1], sys.argv[2]
urls = json.loads(sys.stdin.read())
try:  # pages the import reads with msgspec (api.fast_pages, before: api.wire) in one go
    try:
        from craftdesk.api import fast_pages as wire
    except ImportError:
        from craftdesk.api import wire
    from craftdesk.api.answers import decode_json
    shapes = {"/Contact": wire.CONTACTS, "/ContactAddress": wire.ADDRESSES,
              "/CommunicationWay": wire.COMM_WAYS} if wire._READERS else {}
    if getattr(wire, "PARTS", None) in wire._READERS:
        shapes["/Part"] = wire.PARTS
except ImportError:
    shapes = {}
parsers = {"/Contact": records.contact_row, "/ContactAddress": records.address_row,
           "/CommunicationWay": records.comm_way_row, "/Part": records.part_row}
session = requests.Session()
session.headers.update({"Authorization": token, "Accept": "application/json"})
pages, shaped = [], []
for url in urls:
    path = url.split("?")[0].removeprefix("/api/v1")
    parser = parsers.get(path)
    if parser is not None:
        content = session.get(base + url, timeout=300).content
        if path in shapes:
            shaped.append((parser, shapes[path], content))
        else:
            pages.append((parser, decode(content)["objects"]))
def parse_all(parser, objects):
    for raw in objects:
        try:
            parser(raw)
        except RecordError:
            pass
cpu = time.process_time()
for parser, objects in pages:
    parse_all(parser, objects)
for parser, shape, content in shaped:
    read = wire.page_rows(content, shape, decode_json)
    parse_all(parser, read[0] if read is not None else decode(content)["objects"])
parse = time.process_time() - cpu
cpu = time.process_time()
for _parser, _shape, content in shaped:  # the floor decodes these pages too
    decode(content)
parse -= time.process_time() - cpu  # what parsing costs beyond the floor's decoding
del pages, shaped
tables = ("customer", "address", "contact_info", "article")
with tempfile.TemporaryDirectory() as tmp:
    open_database(Path(tmp) / "full.sqlite3")
    run_import(SevdeskClient(base + "/api/v1", token), "all")
    close_database()
    source = sqlite3.connect(Path(tmp) / "full.sqlite3")
    rows = {t: source.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    source.close()
    open_database(Path(tmp) / "empty.sqlite3")
    close_database()
    target = sqlite3.connect(Path(tmp) / "empty.sqlite3")
    target.execute("PRAGMA journal_mode=wal")
    target.execute("PRAGMA synchronous=normal")
    cpu = time.process_time()
    with target:  # several rows per statement, as the importer writes them
        for table, values in rows.items():
            if values:
                one = "(" + ", ".join("?" * len(values[0])) + ")"
                per = max(1, min(32, 999 // len(values[0])))
                whole = len(values) - len(values) % per
                groups = [sum(values[i:i + per], ()) for i in range(0, whole, per)]
                target.executemany(f'INSERT INTO "{table}" VALUES ' + ", ".join([one] * per), groups)
                if whole < len(values):
                    rest = values[whole:]
                    target.execute(f'INSERT INTO "{table}" VALUES ' + ", ".join([one] * len(rest)), sum(rest, ()))
    sql = time.process_time() - cpu
    target.close()
print(json.dumps({"parse": parse, "sql": sql, "rows": sum(map(len, rows.values()))}))
"""


def run_child(code: str, args: list[str], path: Path, stdin: str = "") -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(path))
    # cwd = the code's folder: "python -c" puts the working directory first on sys.path.
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=str(path),
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child failed ({path}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def extract(commit: str, target: Path) -> Path:
    repo = os.environ.get("CRAFTDESK_REPO", str(ROOT))  # a checkout to take the commit from
    archive = subprocess.run(
        ["git", "-C", repo, "archive", commit, "craftdesk"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def med(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=10000)
    parser.add_argument("--parts", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds; medians printed")
    parser.add_argument("--baseline-commit", help="also measure this commit, interleaved")
    parser.add_argument("--growth", default="", help="account sizes for a growth curve, e.g. 10000,50000")
    parser.add_argument("--growth-rounds", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        codes = {"current": ROOT}
        if args.baseline_commit:
            codes = {"before": extract(args.baseline_commit, Path(tmp) / "before"), **codes}
        results, floors = measure(args.customers, args.parts, codes, args.rounds)
        report(args, results, floors)
        curve = []
        for size in [int(n) for n in args.growth.split(",") if n.strip()]:
            curve.append((size, *measure(size, size // 2, codes, args.growth_rounds)))
            print_growth(curve, args.growth_rounds)
    return 0


def measure(
    customers: int, parts: int, codes: dict[str, Path], rounds: int
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Rounds of every code and the floor against one fast server (own process)."""
    from craftdesk.sandbox import DEMO_TOKEN

    queue: Any = multiprocessing.Queue()
    stop = multiprocessing.Event()
    server = multiprocessing.Process(
        target=fast_server.serve, daemon=True, args=(customers, parts, queue, stop)
    )
    server.start()
    base = queue.get(timeout=3600)
    results: dict[str, list[dict[str, Any]]] = {}
    floors: list[dict[str, Any]] = []
    try:
        for path in codes.values():  # warm-up: fills the server's table, not counted
            run_child(IMPORT_CHILD, [base, DEMO_TOKEN], path)
        for round_ in range(rounds):
            order = list(codes.items())
            order = order[round_ % len(order) :] + order[: round_ % len(order)]
            for name, path in order:
                results.setdefault(name, []).append(run_child(IMPORT_CHILD, [base, DEMO_TOKEN], path))
            urls = results["current"][-1]["full"]["server"]["urls"]
            floors.append(run_child(FLOOR_CHILD, [base, DEMO_TOKEN], ROOT, json.dumps(urls)))
            bound = run_child(BOUND_CHILD, [base, DEMO_TOKEN], ROOT, json.dumps(urls))
            floors[-1]["parse"], floors[-1]["sql"], floors[-1]["bound_rows"] = (
                bound["parse"],
                bound["sql"],
                bound["rows"],
            )
    finally:
        stop.set()
        server.join(timeout=10)
    return results, floors


def print_growth(
    curve: list[tuple[int, dict[str, list[dict[str, Any]]], list[dict[str, Any]]]], rounds: int
) -> None:
    print(f"growth curve (parts = half the contacts; medians of {rounds} round(s) per size):")
    print(
        f"{'contacts':>9} {'code':8} {'floor':>6} {'full':>6} {'ratio':>6} {'unchanged':>9} {'ratio':>6} "
        f"{'peak MB':>8} {'MB/1000':>8}"
    )
    for size, results, floors in curve:
        floor = med([f["cpu"] for f in floors])
        for name, runs in results.items():
            full = med([r["full"]["cpu"] for r in runs])
            unchanged = med([r["unchanged"]["cpu"] for r in runs])
            peak = med([r["rss_peak"] - r["rss_empty"] for r in runs])
            print(
                f"{size:>9} {name:8} {floor:6.2f} {full:6.2f} {full / floor:6.2f} {unchanged:9.2f} "
                f"{unchanged / floor:6.2f} {peak:8.0f} {peak / size * 1000:8.2f}"
            )


def report(args: Any, results: dict[str, list[dict[str, Any]]], floors: list[dict[str, Any]]) -> None:
    floor_cpu = med([f["cpu"] for f in floors])
    print(
        f"craftdesk import benchmark: {args.customers} contacts (2 addresses, 3 communication ways "
        f"each), {args.parts} parts; medians of {args.rounds} interleaved rounds; CPU seconds of "
        "the importing process"
    )
    print(
        f"floor (child process: same {floors[0]['requests']} URLs, requests, {floors[0]['decoder']} "
        f"decode): {floor_cpu:.2f} CPU-s, {med([f['wall'] for f in floors]):.2f} s wall; "
        f"rounds {[round(f['cpu'], 2) for f in floors]}"
    )
    parse, sql = med([f["parse"] for f in floors]), med([f["sql"] for f in floors])
    bound = floor_cpu + parse + sql
    print(
        f"lower bound of a Python importer: floor {floor_cpu:.2f} + row parsers beyond the floor's decoding {parse:.2f} + "
        f"SQLite inserts of the {floors[0]['bound_rows']} rows {sql:.2f} = {bound:.2f} CPU-s = "
        f"{bound / floor_cpu:.2f} x floor (same pages, same run; no grouping, rules or fingerprints)"
    )
    for name, runs in results.items():
        peak = med([r["rss_peak"] - r["rss_empty"] for r in runs])
        for phase in ("full", "unchanged"):
            cpu = [r[phase]["cpu"] for r in runs]
            last = runs[-1][phase]
            server = last["server"]
            paired = med([c / f["cpu"] for c, f in zip(cpu, floors, strict=True)])
            print(
                f"{name:8} {phase:9}: {med(cpu):.2f} CPU-s = {med(cpu) / floor_cpu:.2f} x floor "
                f"(median of the rounds' own ratios {paired:.2f}), "
                f"{med([r[phase]['wall'] for r in runs]):.2f} s wall, {last['requests']} requests, "
                f"{server['bytes'] / 1e6:.1f} MB received, {last['rows']} rows written "
                f"({last['created']} new, {last['updated']} changed, {last['unchanged']} unchanged); "
                f"rounds {[round(c, 2) for c in cpu]}"
            )
            print(
                f"{'':8} {'':9}  server: {server['cpu']:.2f} CPU-s for these requests "
                f"({server['misses']} not pre-serialised) — "
                f"{'faster' if server['cpu'] < last['cpu'] else 'NOT faster'} than the client"
            )
        full_rss = med([r["full_rss"] for r in runs if "full_rss" in r] or [0.0])
        print(
            f"{name:8} peak RSS above the empty app: {peak:.0f} MB "
            f"({peak / args.customers * 1000:.2f} MB per 1,000 contacts; after the full import alone "
            f"{full_rss:.0f} MB = {full_rss / args.customers * 1000:.2f} MB per 1,000)"
        )


if __name__ == "__main__":
    sys.exit(main())
