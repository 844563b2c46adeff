"""Export time and peak memory on a large store: does memory stay flat as the store grows?

Builds an on-disk store of about N quads from the demo corpus (its article graphs copied
under new ids for the articles, visits, events, agreements and evidence, while officials,
positions, places, relations and states stay shared, as in a real knowledge base where many
articles name the same people), then exports it in each format and profile, each export in
a fresh process that reports its own peak resident memory (``ru_maxrss``; the process
that starts them imports nothing heavy and builds the store in a child of its own, since
Linux carries a parent's peak over into a child's ``ru_maxrss``). Prints a markdown table.

    python bench/export_bench.py [--quads 1000000] [--formats nquads,turtle] [--profiles full]
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_OWN = re.compile(r"/(article|visit|event|agreement|evidence)/|/graph/article/")


def build_store(path: Path, target: int) -> int:
    """Fill a store at ``path`` with about ``target`` quads; return how many."""
    from rdflib import URIRef

    from bilateral import pipeline
    from bilateral.resources import demo_dir
    from bilateral.store import OxigraphStore, open_store

    demo = open_store(":memory:")
    pipeline.ingest([str(demo_dir() / "articles.jsonl")], demo)
    quads = list(demo.quads())
    shared = [q for q in quads if not _OWN.search(str(q[3]))]
    own = [q for q in quads if _OWN.search(str(q[3]))]
    store = OxigraphStore(path)
    store.bulk_load(shared)
    total, copy = len(shared), 0
    while total < target:
        def rename(term, copy=copy):
            if isinstance(term, URIRef) and _OWN.search(str(term)):
                return URIRef(f"{term}-{copy}")
            return term
        store.bulk_load(tuple(map(rename, q)) for q in own)
        total += len(own)
        copy += 1
    count = store.count()
    store.close()
    return count


def peak_mb() -> float:
    """This process's peak resident memory in MB (``ru_maxrss`` is in KB on Linux)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(store_path: str, fmt: str, profile: str, output: str) -> None:
    """Run one export and print its time and this process's peak memory as JSON."""

    from bilateral.export import export
    from bilateral.store import open_store

    store = open_store(store_path)
    started = time.perf_counter()
    with open(output, "wb") as handle:
        export(store, fmt, handle, profile=profile)
    seconds = time.perf_counter() - started
    store.close()
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(),
                      "bytes": Path(output).stat().st_size}))


def baseline(store_path: str) -> None:
    """The peak memory of a process that opens the store and imports the exporter, no more."""
    from bilateral.export import export  # noqa: F401 - imported for its memory
    from bilateral.store import open_store

    open_store(store_path).close()
    print(json.dumps({"peak_mb": peak_mb()}))


def run(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--formats", default="nquads,trig,turtle,ntriples,jsonld,rdfxml")
    parser.add_argument("--profiles", default="full,schema,wikidata")
    parser.add_argument("--child", nargs=4, metavar=("STORE", "FORMAT", "PROFILE", "OUT"))
    parser.add_argument("--baseline", metavar="STORE")
    parser.add_argument("--build", metavar="STORE")
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    if args.baseline:
        return baseline(args.baseline)
    if args.build:
        return print(json.dumps({"quads": build_store(Path(args.build), args.quads)}))
    with tempfile.TemporaryDirectory() as folder:
        store_path = str(Path(folder) / "kb")
        started = time.perf_counter()
        quads = run("--build", store_path, "--quads", str(args.quads))["quads"]
        print(f"store of {quads} quads built in {time.perf_counter() - started:.0f} s; "
              f"a process that opens it peaks at {run('--baseline', store_path)['peak_mb']:.0f} MB")
        print()
        print("| profile | format | quads in store | seconds | peak memory (MB) | output (MB) |")
        print("| --- | --- | --- | --- | --- | --- |")
        for profile in args.profiles.split(","):
            for fmt in args.formats.split(","):
                out = str(Path(folder) / f"export.{fmt}")
                result = run("--child", store_path, fmt, profile, out)
                Path(out).unlink()
                print(f"| {profile} | {fmt} | {quads} | {result['seconds']:.1f} | "
                      f"{result['peak_mb']:.0f} | {result['bytes'] / 1e6:.0f} |", flush=True)


if __name__ == "__main__":
    main()
