"""End-to-end ingest throughput: reading, cleaning, NLP, extraction, mapping and storing.

Builds a corpus of N articles from the demo corpus (each demo article repeated under new ids,
with its paragraphs rotated so no two texts are identical), ingests it into a fresh on-disk
store in one process, and prints a markdown table.

    python bench/ingest_bench.py [--articles 1000]
"""

import argparse
import json
import tempfile
import time
from pathlib import Path

from bilateral.pipeline import ingest
from bilateral.resources import demo_dir
from bilateral.store import open_store


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        words = build_corpus(corpus, args.articles)
        store = open_store(str(Path(folder) / "kb"))
        from bilateral.extract.nlp import pipeline

        pipeline()  # load the language model outside the timing
        started = time.perf_counter()
        report = ingest([str(corpus)], store)
        seconds = time.perf_counter() - started
        quads = store.count()
        store.close()
    print("| articles | words | seconds | articles/s | words/s | quads stored | failed |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(f"| {args.articles} | {words} | {seconds:.1f} | {args.articles / seconds:.1f} | "
          f"{words / seconds:.0f} | {quads} | {len(report.failed)} |")


if __name__ == "__main__":
    main()
