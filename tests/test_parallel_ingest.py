"""Ingest with worker processes: the same store as in one process, failures kept per article,
and incremental runs that extract only new or changed articles."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bilateral import pipeline
from bilateral.incremental import ingest_stream, stored_hashes
from bilateral.ingest import iter_articles
from bilateral.mapping import iris
from bilateral.model import Article
from bilateral.parallel import Mapped, article_mapper, map_article
from bilateral.resources import demo_dir
from bilateral.store import open_store

BILATERAL = shutil.which("bilateral") or str(Path(sys.executable).parent / "bilateral")


def _demo(folder: Path, count: int) -> Path:
    lines = (demo_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:count]
    path = folder / f"demo-{count}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The first 20 demo articles as one JSON lines file."""
    return _demo(tmp_path_factory.mktemp("corpus"), 20)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """The first 8 demo articles."""
    return _demo(tmp_path_factory.mktemp("small"), 8)


def _ids(corpus: Path) -> list[str]:
    return [r.article.id for r in iter_articles([str(corpus)]) if r.article]


def _nquads(path: str) -> list[str]:
    store = open_store(path)
    try:
        return sorted(" ".join(term.n3() for term in quad) + " ." for quad in store.quads())
    finally:
        store.close()


def _fail_on_third(article: Article) -> Mapped:
    """The real work, except that one article raises as a bug in the extractor would."""
    if article.id == _THIRD:
        raise ZeroDivisionError("division by zero")
    return map_article(article)


def _kill_worker_on_third(article: Article) -> Mapped:
    """The real work, except that one article ends its worker process abruptly."""
    if article.id == _THIRD:
        os._exit(3)
    return map_article(article)


_THIRD = json.loads((demo_dir() / "articles.jsonl").read_text().splitlines()[2])["id"]


def test_two_workers_give_the_same_store_as_one(corpus, tmp_path):
    iris.set_base(iris.DEFAULT_BASE)
    one, two = str(tmp_path / "one"), str(tmp_path / "two")
    store = open_store(one)
    report_one = pipeline.ingest([str(corpus)], store, workers=1)
    store.close()
    done = subprocess.run(
        [BILATERAL, "ingest", str(corpus), "--workers", "2", "--store", two],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "20 added, 0 replaced, 0 unchanged, 0 failed" in done.stdout
    assert report_one.added == _ids(corpus)
    quads = _nquads(one)
    assert len(quads) > 5000
    assert _nquads(two) == quads


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_article_is_reported_and_the_rest_go_in(small, workers):
    store = open_store(":memory:")
    with article_mapper(workers, work=_fail_on_third) as mapper:
        outcomes = list(ingest_stream(iter_articles([str(small)]), store, mapper, batch_size=4))
    failed = [o for o in outcomes if o.status == "failed"]
    assert [(o.name, o.reason) for o in failed] == [
        (_THIRD, "extraction failed: ZeroDivisionError: division by zero")
    ]
    added = [o.name for o in outcomes if o.status == "added"]
    assert added == [i for i in _ids(small) if i != _THIRD]
    assert not store.has_graph(iris.article_graph(_THIRD))
    assert all(store.has_graph(iris.article_graph(i)) for i in added)


@pytest.mark.slow
def test_a_worker_that_dies_loses_only_the_articles_in_flight(tmp_path):
    fourteen = _demo(tmp_path, 14)
    store = open_store(":memory:")
    with article_mapper(2, work=_kill_worker_on_third) as mapper:
        stream = ingest_stream(iter_articles([str(fourteen)]), store, mapper, batch_size=2)
        outcomes = {o.name: o for o in stream}
    assert outcomes[_THIRD].status == "failed"
    assert "worker process stopped" in (outcomes[_THIRD].reason or "")
    ids = _ids(fourteen)
    assert {outcomes[i].status for i in ids} <= {"added", "failed"}
    # batches of 2 keep at most 8 articles in flight: the last two go to the new pool
    assert [outcomes[i].status for i in ids[-2:]] == ["added", "added"]
    again = pipeline.ingest([str(fourteen)], store, workers=1)
    assert sorted(again.added) == sorted(i for i in ids if outcomes[i].status == "failed")
    assert len(again.unchanged) == len(ids) - len(again.added)


def test_a_second_run_skips_everything_and_a_changed_article_alone_is_replaced(corpus, tmp_path):
    store = open_store(str(tmp_path / "kb"))
    first = pipeline.ingest([str(corpus)], store, workers=2)
    assert len(first.added) == 20 and first.ok
    again = pipeline.ingest([str(corpus)], store, workers=2)
    assert again.summary() == "0 added, 0 replaced, 20 unchanged, 0 failed"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    changed = json.loads(lines[5])
    before = stored_hashes(store, [changed["id"]])[changed["id"]]
    changed["text"] += "\nThe talks will continue next month."
    lines[5] = json.dumps(changed)
    edited = tmp_path / "edited.jsonl"
    edited.write_text("\n".join(lines) + "\n", encoding="utf-8")
    third = pipeline.ingest([str(edited)], store, workers=2)
    assert third.replaced == [changed["id"]] and len(third.unchanged) == 19
    hashes = stored_hashes(store, [changed["id"], "no-such-article"])
    assert list(hashes) == [changed["id"]] and hashes[changed["id"]] != before
    one = tmp_path / "one.json"
    one.write_text(lines[0], encoding="utf-8")
    forced = pipeline.ingest([str(one)], store, force=True, workers=2)
    assert forced.summary() == "0 added, 1 replaced, 0 unchanged, 0 failed"
    store.close()


def test_stored_hashes_match_the_articles_read(small):
    store = open_store(":memory:")
    pipeline.ingest([str(small)], store)
    articles = [r.article for r in iter_articles([str(small)]) if r.article]
    assert stored_hashes(store, [a.id for a in articles]) == {
        a.id: a.content_hash for a in articles
    }
    assert stored_hashes(store, []) == {}
