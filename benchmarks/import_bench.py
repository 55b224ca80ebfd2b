"""Import benchmark: 10,000 customers (2 addresses, 3 communication ways each) and 5,000
parts from the demo sevDesk.

Prints the full import time, the unchanged re-import time, requests, rows written, rows
per second, the peak RSS of the importing process, and the floor: the time a plain
``requests`` client needs merely to download (and JSON-decode) the same pages. The
sandbox runs in a child process, so its memory and CPU are not counted as the importer's.

Run: ``python benchmarks/import_bench.py [--customers N] [--parts N] [--repeat N]``
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

PAGE = 1000
# The pages the importer reads, in its order (see services.importer / customers / articles).
COLLECTIONS: list[tuple[str, dict[str, Any]]] = [
    ("/Category", {}),
    ("/Contact", {"depth": 1, "category[id]": "3", "category[objectName]": "Category"}),
    ("/ContactAddress", {}),
    ("/CommunicationWay", {}),
    ("/Unity", {}),
    ("/Part", {}),
]


def _serve(n_customers: int, n_parts: int, queue: Any, stop: Any) -> None:
    from craftdesk.sandbox import Sandbox, build_bulk_data

    sandbox = Sandbox(data=build_bulk_data(n_customers, n_parts)).start()
    queue.put(sandbox.url)
    stop.wait()
    sandbox.stop()


def floor(url: str, token: str) -> tuple[float, float, int]:
    """(seconds with JSON decode, seconds download only, requests) for the same pages."""
    session = requests.Session()
    session.headers.update({"Authorization": token, "Accept": "application/json"})
    count = 0
    decode = 0.0
    started = time.perf_counter()
    for path, params in COLLECTIONS:
        offset = 0
        while True:
            query = dict(params, limit=PAGE, offset=offset, countAll="true")
            response = session.get(url + path, params=query, timeout=60)
            count += 1
            t = time.perf_counter()
            body = response.json()
            decode += time.perf_counter() - t
            rows = body["objects"]
            total = int(body.get("total") or 0)
            offset += len(rows)
            if len(rows) < PAGE or offset >= total:
                break
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed, elapsed - decode, count


def import_once(url: str, token: str, folder: Path, name: str) -> tuple[float, float, Any, Any]:
    """Full import into a fresh database, then an unchanged re-import."""
    from craftdesk.api.client import SevdeskClient
    from craftdesk.services.importer import run_import
    from craftdesk.store.db import close_database, open_database

    open_database(folder / f"{name}.sqlite3")
    client = SevdeskClient(url, token)
    try:
        started = time.perf_counter()
        full = run_import(client, "all")
        full_time = time.perf_counter() - started
        started = time.perf_counter()
        again = run_import(client, "all")
        again_time = time.perf_counter() - started
    finally:
        client.close()
        close_database()
    return full_time, again_time, full, again


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=10000)
    parser.add_argument("--parts", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are printed")
    args = parser.parse_args()

    from craftdesk.sandbox import DEMO_TOKEN

    queue: Any = multiprocessing.Queue()
    stop = multiprocessing.Event()
    server = multiprocessing.Process(target=_serve, args=(args.customers, args.parts, queue, stop),
                                     daemon=True)
    server.start()
    url = queue.get(timeout=300)
    floors, downloads, fulls, agains = [], [], [], []
    full = again = None
    requests_floor = 0
    try:
        floor(url, DEMO_TOKEN)  # warm-up: the sandbox sorts and caches its tables
        with tempfile.TemporaryDirectory() as tmp:
            for round_ in range(args.repeat):
                f, d, requests_floor = floor(url, DEMO_TOKEN)
                floors.append(f)
                downloads.append(d)
                full_time, again_time, full, again = import_once(url, DEMO_TOKEN, Path(tmp), f"r{round_}")
                fulls.append(full_time)
                agains.append(again_time)
    finally:
        stop.set()
        server.join(timeout=10)

    assert full is not None and again is not None
    f, d = statistics.median(floors), statistics.median(downloads)
    t_full, t_again = statistics.median(fulls), statistics.median(agains)
    customers, articles = full.collections["customers"], full.collections["articles"]
    print(f"craftdesk import benchmark: {args.customers} customers, {args.parts} parts "
          f"(medians of {args.repeat} rounds; sandbox in a child process)")
    print(f"floor, plain requests, same {requests_floor} pages: {f:.2f} s with JSON decode "
          f"({d:.2f} s download only)")
    print(f"full import:        {t_full:.2f} s = {t_full / f:.2f} x floor ({t_full / d:.2f} x download), "
          f"{full.requests} requests, {full.rows_written} rows written, "
          f"{full.rows_written / t_full:,.0f} rows/s")
    print(f"  customers {customers.created} new, articles {articles.created} new "
          f"({articles.unchanged + articles.updated} other), skipped {full.skipped}")
    print(f"unchanged re-import: {t_again:.2f} s = {t_again / f:.2f} x floor, {again.requests} requests, "
          f"{again.rows_written} rows written, {again.unchanged} unchanged")
    print(f"peak RSS of the importing process: {peak_rss_mb():.0f} MB")
    print(f"all rounds (s): floor {[round(x, 2) for x in floors]}, full {[round(x, 2) for x in fulls]}, "
          f"unchanged {[round(x, 2) for x in agains]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
