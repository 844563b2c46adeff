"""ingest -> clean -> extract -> map -> store, one article at a time, each in one transaction."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from rdflib import Literal

from .extract import extract
from .ingest import iter_articles
from .mapping import iris, lookups
from .mapping.facts import article_triples
from .mapping.reference import reference_triples
from .model import Article
from .store import Store


@dataclass
class IngestReport:
    """What one ingest run did: articles added, replaced, unchanged, and failures with reasons."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

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
    existed = store.has_graph(graph)
    if existed and not force and _stored_hash(store, article) == article.content_hash:
        return "unchanged"
    store.replace_graph(graph, article_triples(extract(article)))
    return "replaced" if existed else "added"


def ingest(
    paths: Sequence[str],
    store: Store,
    stdin: TextIO | None = None,
    on_progress: Callable[[str], None] | None = None,
    force: bool = False,
) -> IngestReport:
    """Ingest files, folders or standard input; a bad article is reported and skipped."""
    ensure_reference(store)
    report = IngestReport()
    for result in iter_articles(paths, stdin=stdin):
        if result.note and result.article is None and result.error is None:
            report.skipped.append((result.source, result.note))
        elif result.article is None:
            report.failed.append((result.source, result.error or "unreadable"))
        else:
            outcome = ingest_article(store, result.article, force)
            getattr(report, outcome).append(result.article.id)
        if on_progress:
            on_progress(result.source)
    return report


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


def _stored_hash(store: Store, article: Article) -> str | None:
    result = store.query(lookups.CONTENT_HASH, bindings=lookups.content_hash_bindings(article.id))
    for row in result.rows:
        value = row.get("hash")
        return str(value) if isinstance(value, Literal) else None
    return None


def load_demo_if_empty(store: Store) -> int:
    """Ingest the built-in demo corpus into a store that holds no article; return how many."""
    from .resources import demo_dir

    if any(str(g).startswith(iris.GRAPH_BASE + "article/") for g in store.graphs()):
        return 0
    report = ingest([str(demo_dir() / "articles.jsonl")], store)
    return len(report.added) + len(report.replaced)
