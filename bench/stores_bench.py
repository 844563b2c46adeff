"""Stores compared: embedded Oxigraph, rdflib in memory and Virtuoso on the same data, side by side.

    python bench/stores_bench.py --sizes 100k,1m,5m --engines oxigraph,rdflib,virtuoso --write

For each size it writes the synthetic store of ``web_bench.quads`` (articles in the
pipeline's shape, one named graph each) to an N-Quads file, then, in a fresh process per
engine, loads the file with the engine's own loader and measures: load time, named queries
(p50 of a few runs, each capped), entity pages through the Flask app (p50 and p95), the
server's resident memory, and a full N-Quads export. It prints tables with the engines side
by side, ratios to Oxigraph and the growth of each cost with the store; ``--write`` puts
them into bench/README.md.
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import stores_report
from readme_block import replace_block
from stores_engines import open_engine, rss_mb
from web_bench import PAGE_KINDS, percentile, quads, sample

from bilateral.config import Settings
from bilateral.mapping import iris
from bilateral.mapping.namespaces import PREFIXES

# Representative named queries, with parameters that fit the synthetic store (AFG and ALB
# are its two busiest states).
QUERIES = {
    "states by visits hosted": ("states-by-visits-hosted", {}),
    "who visited a busy state": ("top-visitors", {"state": "AFG"}),
    "partners of a busy state": ("state-partners", {"state": "AFG"}),
    "visits between two states": ("visits-between", {"a": "AFG", "b": "ALB"}),
    "agreements by topic": ("agreements-by-topic", {"text": "rail"}),
    "visits by an official": ("visits-by-official", {}),
    "one article's facts": ("article-facts", {"article": "article/synthetic-000042"}),
}
SIZES = {"k": 1_000, "m": 1_000_000}


class Overtime(Exception):
    """Work ran past its cap."""


def _alarm(signum: int, frame: object) -> None:
    raise Overtime


def capped(work: Callable[[], object], cap_s: float) -> float | None:
    """Milliseconds that ``work()`` takes, or None past ``cap_s`` (stopped by an alarm)."""
    from bilateral.errors import QueryTimeout

    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, cap_s)
    started = time.perf_counter()
    try:
        work()
    except (Overtime, QueryTimeout):
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    elapsed = time.perf_counter() - started
    return elapsed * 1000 if elapsed <= cap_s else None


# --- one engine, in a process of its own ---------------------------------------------------

def run_queries(store, repeats: int, cap_s: float) -> dict:
    """Per query: p50 ms (None past the cap) and the number of rows answered."""
    from bilateral.errors import BilateralError
    from bilateral.queries import load_named_queries
    from bilateral.store.bindings import inline_bindings

    named = load_named_queries()
    visitors = store.query(f"SELECT DISTINCT ?o WHERE {{ ?v <{PREFIXES['bl']}visitor> ?o }}")
    official = random.Random(1).choice(sorted(str(row["o"]) for row in visitors.rows))
    found = {}
    for title, (name, params) in QUERIES.items():
        query = named[name]
        given = {p.name: official for p in query.params if p.name == "official"} | params
        text = inline_bindings(query.text, query.bindings(given))
        answers: list[bytes] = []
        runs = []
        for _ in range(repeats):
            try:
                ms = capped(lambda text=text, answers=answers: answers.append(
                    store.query_serialized(text, "json")[1]), cap_s)
            except BilateralError as error:  # the engine refused the query: say so
                message = str(error).splitlines()[0]
                found[title] = {"error": message.split(" answered ")[-1][:200]}
                break
            runs.append(ms)
            if ms is None or ms > cap_s * 1000 / 4:
                break  # slow: one run tells enough
        if title in found:
            print(f"    {title}: {found[title]['error']}", file=sys.stderr)
            continue
        rows = len(json.loads(answers[0])["results"]["bindings"]) if answers else None
        p50 = None if None in runs else percentile(runs, 0.5)
        found[title] = {"p50_ms": p50, "runs": len(runs), "rows": rows}
        print(f"    {title}: {p50 if p50 is None else round(p50, 1)} ms, {rows} rows",
              file=sys.stderr)
    return found


def run_pages(store, requests: int, budget_s: float, cap_s: float) -> dict:
    """Per kind of page: p50 and p95 ms over up to ``requests`` requests in ``budget_s``.

    The first request of a kind warms the caches (three when they are fast), as on a
    running server. A page past the app's time limit (``cap_s``) ends the page
    measurements: the engine is still busy with it.
    """
    from bilateral.web import create_app

    settings = Settings(store=tempfile.gettempdir(), query_timeout_s=cap_s)
    client = create_app(settings, store=store).test_client()
    found: dict[str, dict] = {}
    rng = random.Random(11)
    for kind, cls in PAGE_KINDS:
        if any(f["failed"] for f in found.values()):
            found[kind] = {"p50_ms": None, "p95_ms": None, "requests": 0, "failed": 0}
            continue
        paths = ["/id/" + e.removeprefix(iris.base()) for e in sample(store, cls, 20, rng)]
        times: list[float] = []
        warm, failed, started = 1, 0, time.monotonic()
        while len(times) < requests + warm and time.monotonic() - started < budget_s:
            begun = time.perf_counter()
            answer = client.get(paths[len(times) % len(paths)], headers={"Accept": "text/html"})
            if answer.status_code != 200:
                failed = answer.status_code
                print(f"    {kind}: HTTP {failed} for {paths[len(times) % len(paths)]}: "
                      f"{answer.get_data(as_text=True)[-600:]}", file=sys.stderr)
                break
            times.append((time.perf_counter() - begun) * 1000)
            warm = 3 if times[0] < 1000 else 1
        samples = times[warm:] or times[:1]  # a page slower than the budget: its one time
        found[kind] = {"p50_ms": percentile(samples, 0.5) if samples else None,
                       "p95_ms": percentile(samples, 0.95) if samples else None,
                       "requests": len(samples), "failed": failed}
        print(f"    {kind}: {found[kind]}", file=sys.stderr)
    _quiet(store)
    return found


def _quiet(store) -> None:
    """Wait until no page query left behind by a time limit still holds rdflib's store."""
    lock = getattr(store, "_lock", None)
    if lock is not None:
        with lock:
            pass


def run_export(store, cap_s: float) -> dict:
    """Seconds for a full N-Quads dump (``Store.dump``), and for ``bilateral.export.export``.

    The export adds the VoID description of the dataset, whose statistics are queries
    over the whole store.
    """
    from bilateral.export import export

    with open(os.devnull, "wb") as sink:
        dump_ms = capped(lambda: store.dump(sink, "nquads"), cap_s)
        export_ms = capped(lambda: export(store, "nquads", sink), cap_s)
    return {"seconds": None if dump_ms is None else dump_ms / 1000,
            "export_s": None if export_ms is None else export_ms / 1000}


def child(engine_name: str, nquads: str, work: str, args: argparse.Namespace) -> dict:
    """Load one engine and measure it; the answer is printed as JSON by ``main``."""
    iris.set_base(iris.DEFAULT_BASE)
    import bilateral.web  # noqa: F401 - imported before the baseline, as a server would

    before = rss_mb()[0]
    result: dict = {"engine": engine_name}
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, args.load_cap)
    try:
        with open_engine(engine_name, Path(nquads), Path(work), args.cap) as engine:
            signal.setitimer(signal.ITIMER_REAL, 0)
            store = engine.store
            result |= {"load_s": engine.load_s, "quads": _count(store, args.quads)}
            print(f"  {engine_name}: loaded {result['quads']:,} quads in {engine.load_s:.1f} s",
                  file=sys.stderr)
            pid = engine.server_pid or "self"
            loaded = rss_mb(pid)[0] - (before if pid == "self" else 0)
            result["queries"] = run_queries(store, args.repeats, args.cap)
            result["pages"] = run_pages(store, args.requests, args.page_budget, args.cap)
            now, peak = rss_mb(pid)
            result["memory_mb"] = {"loaded": loaded, "end": now - (before if pid == "self"
                                                                  else 0), "peak": peak}
            result["export"] = run_export(store, args.export_cap)
    except Overtime:
        result["error"] = f"not loaded within {args.load_cap:.0f} s"
    except Exception as error:  # any failure is a finding to report, not a crash of the run
        traceback.print_exc()
        result["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
    return result


def _count(store, expected: int) -> int:
    """The store's count of quads, checked against the file's (which it falls back on)."""
    from bilateral.errors import BilateralError

    try:
        counted = store.count()
    except BilateralError as error:
        print(f"  cannot count the quads: {error}", file=sys.stderr)
        return expected
    if counted != expected:
        print(f"  the store counts {counted:,} quads, the file has {expected:,}", file=sys.stderr)
    return counted


# --- the whole run -------------------------------------------------------------------------

def parse_size(text: str) -> int:
    """``100k`` -> 100000, ``5m`` -> 5000000."""
    text = text.strip().lower()
    return int(float(text[:-1]) * SIZES[text[-1]]) if text[-1] in SIZES else int(text)


def write_nquads(path: Path, triples: int) -> int:
    """Write the synthetic store of ``triples`` quads as N-Quads; return how many quads."""
    import pyoxigraph as ox

    from bilateral.store.terms import to_ox

    made = 0

    def converted():
        nonlocal made
        for s, p, o, g in quads(triples):
            made += 1
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))

    with open(path, "wb") as output:
        ox.serialize(converted(), output, ox.RdfFormat.N_QUADS)
    return made


def measure_engine(engine: str, nquads: Path, made: int, work: Path,
                   args: argparse.Namespace) -> dict:
    """Run ``child`` in a fresh process; stop it (and what it started) past the time limit."""
    options = ["--quads", str(made), "--cap", str(args.cap), "--load-cap", str(args.load_cap),
               "--requests", str(args.requests), "--repeats", str(args.repeats),
               "--page-budget", str(args.page_budget), "--export-cap", str(args.export_cap)]
    command = [sys.executable, __file__, "--child", engine, str(nquads), str(work), *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    limit = args.load_cap + 3 * args.export_cap + 40 * args.cap + 5 * args.page_budget
    try:
        out, _ = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        process.terminate()  # the child stops its server on SIGTERM
        process.communicate(timeout=120)
        return {"engine": engine, "error": f"stopped after {limit:.0f} s"}
    if process.returncode != 0:
        return {"engine": engine, "error": f"failed (exit status {process.returncode})"}
    return json.loads(out.strip().splitlines()[-1])


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(1)  # unwinds the engine's context, which stops Virtuoso


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100k,1m,5m")
    parser.add_argument("--engines", default="oxigraph,rdflib,virtuoso")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds a query may take")
    parser.add_argument("--load-cap", type=float, default=900.0, help="seconds a load may take")
    parser.add_argument("--export-cap", type=float, default=300.0)
    parser.add_argument("--repeats", type=int, default=5, help="runs per named query")
    parser.add_argument("--requests", type=int, default=50, help="requests per kind of page")
    parser.add_argument("--page-budget", type=float, default=60.0, help="seconds per page kind")
    parser.add_argument("--write", action="store_true", help="write the tables into README")
    parser.add_argument("--json", help="also save the raw figures to this file")
    parser.add_argument("--from-json", help="only print (and --write) the tables of a saved run")
    parser.add_argument("--quads", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=3, metavar=("ENGINE", "NQUADS", "WORK"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        signal.signal(signal.SIGTERM, _terminated)
        print(json.dumps(child(*args.child, args)))
        return
    if args.from_json:
        saved = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        if "results" not in saved:  # figures alone: the settings are the command line's
            saved = {"results": saved, "settings": _settings(args)}
        return _publish(saved["results"], saved["settings"], args)
    iris.set_base(iris.DEFAULT_BASE)
    work = Path(tempfile.mkdtemp(prefix="bilateral-stores-bench-"))
    results: dict[str, dict] = {}
    try:
        for label in args.sizes.split(","):
            triples = parse_size(label)
            nquads = work / f"store-{label}.nq"
            made = write_nquads(nquads, triples)
            print(f"{label}: {made:,} quads written to {nquads}", file=sys.stderr)
            results[label] = {"triples": made}
            for engine in args.engines.split(","):
                folder = work / f"{engine}-{label}"
                folder.mkdir()
                results[label][engine] = measure_engine(engine, nquads, made, folder, args)
                shutil.rmtree(folder, ignore_errors=True)
            nquads.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        saved = {"results": results, "settings": _settings(args)}
        Path(args.json).write_text(json.dumps(saved, indent=1), encoding="utf-8")
    _publish(results, _settings(args), args)


def _settings(args: argparse.Namespace) -> dict:
    """The options the tables describe."""
    chosen = ("engines", "cap", "repeats", "requests", "export_cap")
    return {k: getattr(args, k) for k in chosen} | {"load": list(os.getloadavg())}


def _publish(results: dict, settings: dict, args: argparse.Namespace) -> None:
    """Print the tables; with ``--write``, put them into bench/README.md too."""
    text = stores_report.report(results, settings["engines"].split(","),
                                argparse.Namespace(**settings))
    print(text)
    if args.write:
        replace_block(stores_report.BEGIN, stores_report.END, text, "Stores compared")


if __name__ == "__main__":
    main()
