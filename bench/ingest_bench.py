"""End-to-end ingest throughput: reading, cleaning, NLP, extraction, mapping and storing.

Builds a corpus of N articles from the demo corpus (each demo article repeated under new ids,
with its paragraphs rotated so no two texts are identical), ingests it into a fresh on-disk
store and prints a markdown table. Each run is a fresh process that times one call of
``bilateral.pipeline.ingest``, from the first file read to the last batch committed,
including loading the language model (in the process, or in each worker) and starting
the workers.

    python bench/ingest_bench.py [--articles 1000] [--workers 2]
    python bench/ingest_bench.py --compare [--repeat 2]   # 1 and 2 workers, and the ratio
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bilateral.resources import demo_dir


def build_corpus(target: Path, count: int) -> int:
    """Write ``count`` articles as JSON lines; return the number of words written."""
    demo = [json.loads(line) for line in (demo_dir() / "articles.jsonl").read_text().splitlines()]
    words = 0
    with target.open("w", encoding="utf-8") as out:
        for i in range(count):
            article = dict(demo[i % len(demo)])
            paragraphs = article["text"].split("\n")
            shift = (i // len(demo)) % max(1, len(paragraphs))
            article["text"] = "\n".join(paragraphs[shift:] + paragraphs[:shift])
            article["id"] = f"bench-{i:05d}"
            article["url"] = f"https://bench.example/{i}"
            words += len(article["text"].split())
            out.write(json.dumps(article) + "\n")
    return words


def run_once(corpus: Path, workers: int) -> dict[str, float]:
    """Ingest ``corpus`` into a fresh store in this process; return the figures."""
    from bilateral.pipeline import ingest
    from bilateral.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "kb"))
        cpu = time.process_time()
        started = time.perf_counter()
        report = ingest([str(corpus)], store, workers=workers)
        seconds = time.perf_counter() - started
        parent_cpu = time.process_time() - cpu
        quads = store.count()
        store.close()
    return {
        "workers": workers,
        "seconds": seconds,
        "parent_cpu": parent_cpu,
        "worker_cpu": _children_cpu(),
        "quads": quads,
        "added": len(report.added),
        "failed": len(report.failed),
    }


def _children_cpu() -> float:
    """CPU seconds of this process's children and their reaped children (Linux /proc).

    Workers are children of the fork server (a child of this process), which reaps them, so
    their time shows in its cumulative fields once the pool has shut down.
    """
    total, ticks = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():  # fields from the state on: ppid is the second
            total += sum(int(f) for f in fields[11:15]) / ticks  # utime stime cutime cstime
    return total


def run_child(corpus: Path, workers: int) -> dict[str, float]:
    """``run_once`` in a fresh interpreter, so no run inherits a loaded model or a pool."""
    command = [sys.executable, __file__, "--child", str(corpus), "--workers", str(workers)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def _row(articles: int, words: int, run: dict[str, float]) -> str:
    seconds = run["seconds"]
    return (
        f"| {run['workers']} | {articles} | {words} | {seconds:.1f} | {articles / seconds:.1f} | "
        f"{words / seconds:.0f} | {run['parent_cpu']:.1f} | {run['worker_cpu']:.1f} | "
        f"{run['quads']} | {run['failed']} |"
    )


def _header() -> str:
    return (
        "| workers | articles | words | seconds | articles/s | words/s | parent CPU s "
        "| worker CPU s | quads stored | failed |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    )


def compare(corpus: Path, articles: int, words: int, repeat: int) -> None:
    """Alternate 1 and 2 workers ``repeat`` times; print every run and the median ratio."""
    load_before = os.getloadavg()
    runs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    for _ in range(repeat):
        for workers in (1, 2):
            runs[workers].append(run_child(corpus, workers))
    print(_header())
    for workers in (1, 2):
        for run in runs[workers]:
            print(_row(articles, words, run))
    medians = {w: statistics.median(r["seconds"] for r in runs[w]) for w in runs}
    cpu = {w: statistics.median(r["parent_cpu"] + r["worker_cpu"] for r in runs[w]) for w in runs}
    print(f"\nspeed-up with 2 workers (median of {repeat}): {medians[1] / medians[2]:.2f}x")
    print(
        f"CPU seconds, all processes: {cpu[1]:.1f} with 1 worker, {cpu[2]:.1f} with 2; "
        f"on two idle cores 2 workers could reach {2 * cpu[1] / cpu[2]:.2f}x"
    )
    load_after = os.getloadavg()
    print(
        f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} "
        f"(1-minute); {os.cpu_count()} CPUs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--compare", action="store_true", help="run 1 and 2 workers, print ratio")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each in --compare")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.child, args.workers)))
        return
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        words = build_corpus(corpus, args.articles)
        if args.compare:
            compare(corpus, args.articles, words, args.repeat)
            return
        run = run_child(corpus, args.workers)
    print(_header())
    print(_row(args.articles, words, run))


if __name__ == "__main__":
    main()
