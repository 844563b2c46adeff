"""Load test: concurrent clients against ``bilateral serve --production`` on loopback.

Starts the server as a subprocess over a store (the demo corpus when the store is empty),
finds entities to ask for, then runs ``--clients`` threads for ``--duration`` seconds, each
cycling over named queries (JSON) and entity pages (state, pair, official, article). Prints
a markdown table: requests, server errors (5xx, must be 0), other failures, p50/p95/p99
latency per kind, and throughput; ``--write`` puts it in bench/README.md.

    python bench/load_bench.py --duration 30 --clients 16 --threads 8
"""

import argparse
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import requests
from readme_block import replace_block

from bilateral.queries import load_named_queries

BEGIN, END = "<!-- load-bench:begin -->", "<!-- load-bench:end -->"
BILATERAL = shutil.which("bilateral") or str(Path(sys.executable).parent / "bilateral")
KINDS = ("named", "state", "pair", "official", "article")
DISCOVER = {
    "state": "SELECT DISTINCT ?x WHERE { ?v bl:hostState ?x }",
    "pair": "SELECT DISTINCT ?x WHERE { ?x a bl:BilateralRelation }",
    "official": "SELECT DISTINCT ?x WHERE { ?v bl:visitor ?x }",
    "article": "SELECT DISTINCT ?x WHERE { ?x a bl:Article }",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(store: str, port: int, threads: int) -> subprocess.Popen:
    """``bilateral serve --production`` on ``port``; returns once it answers."""
    log = tempfile.TemporaryFile()  # noqa: SIM115 - not a pipe: nobody reads it meanwhile
    process = subprocess.Popen(
        [BILATERAL, "serve", "--production", "--threads", str(threads), "--port", str(port),
         "--store", store],
        stdout=subprocess.DEVNULL, stderr=log,
    )
    end = time.monotonic() + 120
    while time.monotonic() < end:
        if process.poll() is not None:
            log.seek(0)
            sys.exit(f"the server exited: {log.read().decode()[-2000:]}")
        try:
            requests.get(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=2)
            return process
        except requests.RequestException:
            time.sleep(0.3)
    process.kill()
    sys.exit("the server did not come up")


def targets(base: str) -> dict[str, list[str]]:
    """URLs to request, by kind: named queries with their defaults, and entity pages."""
    found: dict[str, list[str]] = {"named": []}
    for name, query in load_named_queries().items():
        params = {p.name: p.default for p in query.params if p.default is not None}
        if all(p.optional or p.name in params for p in query.params):
            found["named"].append(f"{base}/queries/{name}?" + urllib.parse.urlencode(
                {**params, "format": "json"}))
    for kind, query in DISCOVER.items():
        answer = requests.get(base + "/sparql", params={"query": query, "format": "json"},
                              timeout=30).json()
        iris = [b["x"]["value"] for b in answer["results"]["bindings"]]
        found[kind] = [base + "/id/" + iri.split("/id/", 1)[1] for iri in iris if "/id/" in iri]
    return found


def client(urls: dict[str, list[str]], until: float, seed: int, out: list) -> None:
    """Request URLs of every kind in turn until ``until``; record (kind, status, seconds)."""
    session, pick = requests.Session(), random.Random(seed)
    turn = seed
    while time.monotonic() < until:
        kind = KINDS[turn % len(KINDS)]
        turn += 1
        url = pick.choice(urls[kind])
        started = time.perf_counter()
        try:
            status = session.get(url, timeout=60, headers={"Accept": "text/html"}).status_code
        except requests.RequestException:
            status = 0
        out.append((kind, status, time.perf_counter() - started))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def table(records: list, duration: float, clients: int, threads: int) -> str:
    lines = [
        "| kind | requests | 5xx | other failures | p50 ms | p95 ms | p99 ms | requests/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind in (*KINDS, "all"):
        mine = [r for r in records if kind in ("all", r[0])]
        if not mine:
            continue
        times = [r[2] for r in mine]
        server = sum(1 for r in mine if r[1] >= 500)
        other = sum(1 for r in mine if r[1] < 200 or 300 <= r[1] < 500)
        lines.append(
            f"| {kind} | {len(mine)} | {server} | {other} | {percentile(times, 0.5):.1f} | "
            f"{percentile(times, 0.95):.1f} | {percentile(times, 0.99):.1f} | "
            f"{len(mine) / duration:.1f} |"
        )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{clients} clients, {duration:.0f} s, server `bilateral serve --production --threads "
        f"{threads}` over the demo corpus (32 articles). Machine: {os.cpu_count()} cores, "
        f"{platform.machine()}, Python {platform.python_version()}; load average at the end "
        f"{load} (clients and server share the cores; other work on the machine slows every "
        f"figure). Median latency over all requests: "
        f"{statistics.median(r[2] for r in records) * 1000:.1f} ms.\n\n" + "\n".join(lines)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--threads", type=int, default=8, help="server worker threads")
    parser.add_argument("--store", help="store folder (default: a new one with the demo)")
    parser.add_argument("--write", action="store_true", help="update bench/README.md")
    args = parser.parse_args()
    folder = None if args.store else tempfile.mkdtemp(prefix="load-bench-")
    store = args.store or str(Path(folder) / "store")  # type: ignore[arg-type]
    port = free_port()
    server = start_server(store, port, args.threads)
    try:
        urls = targets(f"http://127.0.0.1:{port}")
        print(json.dumps({k: len(v) for k, v in urls.items()}), file=sys.stderr)
        records: list = []
        until = time.monotonic() + args.duration
        workers = [threading.Thread(target=client, args=(urls, until, i, records))
                   for i in range(args.clients)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        report = table(records, args.duration, args.clients, args.threads)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    print(report)
    if args.write:
        replace_block(BEGIN, END, report, "Load test")
    if any(r[1] >= 500 for r in records):
        sys.exit(1)


if __name__ == "__main__":
    main()
