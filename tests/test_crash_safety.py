"""``bilateral ingest`` killed with SIGKILL at several moments, then run again, leaves the same
store as one clean run: every write is a whole transaction, and the store opens after a kill."""

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bilateral.mapping import iris
from bilateral.resources import demo_dir
from bilateral.store import open_store

pytestmark = pytest.mark.slow

BILATERAL = shutil.which("bilateral") or str(Path(sys.executable).parent / "bilateral")
# Ingest writes graphs in batches of 32 once 64 more articles are in flight, so it takes more
# than 96 articles for the store to hold some of them, and not all, part way through a run.
ARTICLES = 120


def _variants() -> list[dict]:
    """``ARTICLES`` articles made from the demo corpus: new ids, the lead and two of the other
    paragraphs picked at random, so each has its own text and the extractor finds its facts."""
    demo = [json.loads(line) for line in (demo_dir() / "articles.jsonl").read_text().splitlines()]
    shuffle = random.Random(60).shuffle
    made = []
    for number in range(ARTICLES):
        article = dict(demo[number % len(demo)])
        lead, *rest = article["text"].split("\n")
        shuffle(rest)
        article["text"] = "\n".join([lead, *rest[:2], f"(Variant {number}.)"])
        article["id"] = f"{article['id']}-v{number}"
        article["url"] = f"{article['url']}?v={number}"
        made.append(article)
    return made


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of ``ARTICLES`` JSON articles."""
    folder = tmp_path_factory.mktemp("corpus")
    for article in _variants():
        (folder / f"{article['id']}.json").write_text(json.dumps(article), encoding="utf-8")
    return folder


def _command(corpus: Path, store: Path, workers: int) -> list[str]:
    extra = ["--workers", str(workers)] if workers > 1 else []
    return [BILATERAL, "ingest", str(corpus), "--store", str(store), *extra]


class Run:
    """A ``bilateral ingest`` process whose standard error is read as it comes."""

    def __init__(self, command: list[str]) -> None:
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        self.spoke = threading.Event()  # set at its first output on stderr
        self.stderr = b""
        self._listener = threading.Thread(target=self._listen, daemon=True)
        self._listener.start()

    def _listen(self) -> None:
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read(1)
        self.spoke.set()
        self.stderr += self.process.stderr.read()

    def kill(self) -> int:
        """SIGKILL the process and its worker processes; its exit status."""
        os.killpg(self.process.pid, signal.SIGKILL)
        return self.process.wait(timeout=60)

    def finish(self) -> tuple[int, str]:
        """Wait for the end; the exit status and standard error."""
        status = self.process.wait(timeout=600)
        self._listener.join(timeout=60)
        return status, self.stderr.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def clean_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[bytes], float]:
    """A clean run's sorted N-Quads and the seconds from its first output on stderr (the store
    is open, the reference graph about to be written) to its end."""
    store = tmp_path_factory.mktemp("clean") / "kb"
    run = Run(_command(corpus, store, 1))
    assert run.spoke.wait(timeout=300)
    spoke = time.monotonic()
    status, stderr = run.finish()
    assert status == 0, stderr
    return _dump(store), time.monotonic() - spoke


def _dump(store_path: Path) -> list[bytes]:
    store = open_store(str(store_path))
    try:
        buffer = io.BytesIO()
        store.dump(buffer, "nquads")
    finally:
        store.close()
    return sorted(buffer.getvalue().splitlines())


def _articles_in(store_path: Path) -> int:
    """How many articles the store holds; opening it after a kill is part of the test."""
    if not store_path.exists():
        return 0
    store = open_store(str(store_path))
    try:
        return sum(1 for g in store.graphs() if str(g).startswith(iris.GRAPH_BASE + "article/"))
    finally:
        store.close()


def _kill_part_way(command: list[str], store: Path, span: float, share: float | None) -> int:
    """Kill the run ``share`` of ``span`` after its first output, or (None) once the store
    holds some articles but not all, found by bisection over fresh runs; articles stored."""
    low, high = 0.0, 1.0
    for _ in range(8):
        wait = 0.0 if share == 0 else (low + high) / 2 if share is None else share
        shutil.rmtree(store, ignore_errors=True)
        run = Run(command)
        assert run.spoke.wait(timeout=300)
        time.sleep(wait * span)
        if run.kill() != -signal.SIGKILL:  # it ended first: kill sooner
            status, stderr = run.finish()
            assert status == 0, stderr
            high = wait
            share = None if share is None else share / 2
            continue
        stored = _articles_in(store)
        if share is not None or 0 < stored < ARTICLES:
            return stored
        low, high = (wait, high) if stored == 0 else (low, wait)
    pytest.fail(f"no kill left the store part way (last share {wait:.2f})")


@pytest.mark.parametrize(
    ("moment", "workers"), [("reference-write", 1), ("part-way", 1), ("part-way", 2)]
)
def test_killed_ingest_run_again_ends_like_a_clean_run(
    moment, workers, corpus, clean_run, tmp_path
):
    if workers > 1 and not _workers_option():
        pytest.skip("bilateral ingest has no --workers option yet")
    expected, span = clean_run
    store = tmp_path / "killed"
    command = _command(corpus, store, workers)
    stored = _kill_part_way(command, store, span, 0.0 if moment == "reference-write" else None)
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stdout + again.stderr
    assert f"{ARTICLES - stored} added, 0 replaced, {stored} unchanged" in again.stdout
    assert _dump(store) == expected


def _workers_option() -> bool:
    out = subprocess.run([BILATERAL, "ingest", "--help"], capture_output=True, text=True)
    return "--workers" in out.stdout
