"""ingest -> clean -> extract -> map -> store: unchanged articles skipped, the rest in batches."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from .extract import extract
from .incremental import ingest_stream, stored_hashes
from .ingest import ReadResult, iter_articles
from .mapping import iris
from .mapping.facts import article_triples
from .mapping.reference import reference_triples
from .model import Article
from .parallel import article_mapper
from .store import Store


@dataclass
class IngestReport:
    """What one ingest run did: articles added, replaced, unchanged, and failures with reasons.

    ``skipped`` holds inputs passed over with a note; ``warnings`` notes on articles that
    were read all the same (decoded as cp1252, for example).
    """

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.replaced)} replaced, "
            f"{len(self.unchanged)} unchanged, {len(self.failed)} failed"
            + (f", {len(self.skipped)} skipped" if self.skipped else "")
        )


def ensure_reference(store: Store) -> None:
    """Load the reference states once into their own named graph."""
    if not store.has_graph(iris.REFERENCE_GRAPH):
        store.replace_graph(iris.REFERENCE_GRAPH, reference_triples())


def ingest_article(store: Store, article: Article, force: bool = False) -> str:
    """Extract one article and make its graph hold exactly its facts; return what happened.

    An article whose text is unchanged is skipped unless ``force`` (after the extractor changed).
    """
    graph = iris.article_graph(article.id)
    stored = stored_hashes(store, [article.id]).get(article.id)
    if stored == article.content_hash and not force:
        return "unchanged"
    existed = stored is not None or store.has_graph(graph)
    store.replace_graph(graph, article_triples(extract(article)))
    return "replaced" if existed else "added"


def ingest(
    paths: Sequence[str],
    store: Store,
    stdin: TextIO | None = None,
    on_progress: Callable[[str], None] | None = None,
    force: bool = False,
    workers: int = 1,
) -> IngestReport:
    """Ingest files, folders, feeds or standard input; a bad article is reported and skipped.

    Only new and changed articles are extracted (by content hash) unless ``force``; with
    ``workers`` > 1 they are extracted in that many processes, and the store ends the same.
    """
    ensure_reference(store)
    report = IngestReport()
    with article_mapper(workers) as mapper:
        results = _noting(iter_articles(paths, stdin=stdin), report)
        for outcome in ingest_stream(results, store, mapper, force):
            if outcome.status in ("failed", "skipped"):
                getattr(report, outcome.status).append((outcome.source, outcome.reason or ""))
            else:
                getattr(report, outcome.status).append(outcome.name)
            if on_progress:
                on_progress(outcome.source)
    return report


def _noting(results: Iterable[ReadResult], report: IngestReport) -> Iterator[ReadResult]:
    for result in results:
        if result.article is not None and result.note:
            report.warnings.append((result.source, result.note))
        yield result


def ingest_articles(articles: Iterable[Article], store: Store) -> IngestReport:
    """Ingest articles already read (the demo corpus, tests)."""
    ensure_reference(store)
    report = IngestReport()
    for article in articles:
        getattr(report, ingest_article(store, article)).append(article.id)
    return report


def remove_article(store: Store, article_id: str) -> bool:
    """Delete one article's graph; return whether it was there."""
    return store.remove_graph(iris.article_graph(article_id))


def load_demo_if_empty(store: Store) -> int:
    """Ingest the built-in demo corpus into a store that holds no article; return how many."""
    from .resources import demo_dir

    if any(str(g).startswith(iris.GRAPH_BASE + "article/") for g in store.graphs()):
        return 0
    report = ingest([str(demo_dir() / "articles.jsonl")], store)
    return len(report.added) + len(report.replaced)
