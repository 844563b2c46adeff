"""Incremental ingest: skip unchanged articles before any extraction, write in batches.

Read results arrive in chunks; one query per chunk finds the content hashes already stored,
so unchanged articles are never extracted. The others go to a Mapper (in this process or in
worker processes); their graphs are written ``batch_size`` at a time, one transaction each,
so a crash loses at most the batch in progress, which the next run redoes. What happens to
each input is yielded as an Outcome in an order that depends only on the input, never on
which worker finished first.
"""

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Literal as Kind

from rdflib import Literal

from .errors import StoreError
from .ingest import ReadResult
from .mapping import iris, lookups
from .parallel import Mapped, Mapper, describe_failure
from .store import Store

Status = Kind["added", "replaced", "unchanged", "failed", "skipped"]

_DIED = "a worker process stopped unexpectedly while this article was in it; run again to retry"


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: ``name`` is the article id, ``reason`` why it failed."""

    source: str
    status: Status
    name: str
    reason: str | None = None


@dataclass(frozen=True)
class _Pending:
    source: str
    article_id: str
    existed: bool
    generation: int
    future: "Future[Mapped]"


def stored_hashes(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    """The stored content hash of each of ``article_ids`` that is in the store, in one query."""
    if not article_ids:
        return {}
    query, article_of = lookups.content_hashes_query(list(article_ids))
    found: dict[str, str] = {}
    for row in store.query(query).rows:
        value, graph = row.get("hash"), row.get("graph")
        if isinstance(value, Literal) and graph is not None:
            found[article_of[str(graph)]] = str(value)
    return found


def ingest_stream(
    results: Iterable[ReadResult],
    store: Store,
    mapper: Mapper,
    force: bool = False,
    batch_size: int = 32,
) -> Iterator[Outcome]:
    """Ingest read results through ``mapper``; yield one Outcome per input."""
    pending: deque[_Pending] = deque()
    ready: list[tuple[_Pending, Mapped]] = []
    window = max(2 * batch_size, 4 * mapper.workers)
    for chunk in _chunks(results, batch_size):
        articles = [r.article for r in chunk if r.article is not None]
        known = stored_hashes(store, [a.id for a in articles])
        for result in chunk:
            article = result.article
            if article is None:
                yield _unread(result)
                continue
            stored = known.get(article.id)
            if stored == article.content_hash and not force:
                yield Outcome(result.source, "unchanged", article.id)
                continue
            existed = stored is not None or store.has_graph(iris.article_graph(article.id))
            future = mapper.submit(article)
            pending.append(_Pending(result.source, article.id, existed, mapper.generation, future))
        yield from _drain(pending, ready, store, mapper, window, batch_size)
    yield from _drain(pending, ready, store, mapper, 0, batch_size)
    yield from _write(store, ready)


def _chunks(results: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    iterator = iter(results)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _unread(result: ReadResult) -> Outcome:
    if result.error is None and result.note:
        return Outcome(result.source, "skipped", result.source, result.note)
    return Outcome(result.source, "failed", result.source, result.error or "unreadable")


def _drain(
    pending: deque[_Pending],
    ready: list[tuple[_Pending, Mapped]],
    store: Store,
    mapper: Mapper,
    keep: int,
    batch_size: int,
) -> Iterator[Outcome]:
    """Collect the oldest results until ``keep`` remain in flight; write each full batch."""
    while len(pending) > keep:
        item = pending.popleft()
        try:
            mapped = item.future.result()
        except BrokenProcessPool:
            mapper.restart(item.generation)
            yield Outcome(item.source, "failed", item.article_id, _DIED)
            continue
        except Exception as exc:  # raised in the work itself, or its result would not pickle
            yield Outcome(item.source, "failed", item.article_id, describe_failure(exc))
            continue
        if mapped.error is not None:
            yield Outcome(item.source, "failed", mapped.article_id, mapped.error)
            continue
        ready.append((item, mapped))
        if len(ready) >= batch_size:
            yield from _write(store, ready)
            ready.clear()


def _write(store: Store, ready: list[tuple[_Pending, Mapped]]) -> Iterator[Outcome]:
    """One transaction for the batch; if the store refuses it, each article on its own."""
    if not ready:
        return
    graphs = {iris.article_graph(m.article_id): m.triples or [] for _, m in ready}
    try:
        store.replace_graphs(graphs)
    except StoreError:
        for item, mapped in ready:
            try:
                store.replace_graph(iris.article_graph(mapped.article_id), mapped.triples or [])
            except StoreError as error:
                yield Outcome(item.source, "failed", mapped.article_id, f"cannot store: {error}")
            else:
                yield _stored(item, mapped)
        return
    for item, mapped in ready:
        yield _stored(item, mapped)


def _stored(item: _Pending, mapped: Mapped) -> Outcome:
    return Outcome(item.source, "replaced" if item.existed else "added", mapped.article_id)
