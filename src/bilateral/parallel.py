"""Extraction and mapping of articles, in this process or in a pool of worker processes.

The parent process reads articles and is the only writer of the store; workers only turn an
Article into the triples of its graph (spaCy, extraction, mapping) and send them back.

Why ``forkserver`` (``spawn`` where it does not exist) and not ``fork``: when the pool starts,
the caller has already opened the store, and Oxigraph's RocksDB runs threads of its own; a
forked child would inherit a copy of that state taken mid-flight. The fork server is a fresh
interpreter that has imported the extractor once (spaCy and the reference lists), so each
worker forks from it with the imports done and only loads the language model (~0.25 s).
Measured on the 2-core machine: a pool of two ready to extract in 1.7 s with ``forkserver``,
2.1 s with ``spawn`` (each worker importing spaCy itself), 0.03 s with ``fork`` after
loading the model in the parent, which the open store rules out.

Triples travel back pickled as rdflib terms: about 15 kB an article, 0.15 ms to pickle in
the worker and 0.8 ms to unpickle in the parent, against ~40 ms of extraction.
"""

import multiprocessing
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass

from .errors import BilateralError
from .extract import extract
from .mapping import iris
from .mapping.facts import Triple, article_triples
from .model import Article

_PRELOAD = ["bilateral.extract", "bilateral.mapping.facts"]
_MAX_RESTARTS = 3


@dataclass(frozen=True)
class Mapped:
    """One article's triples, or why it could not be extracted (exactly one is set)."""

    article_id: str
    content_hash: str
    triples: list[Triple] | None = None
    error: str | None = None


def map_article(article: Article) -> Mapped:
    """Extract and map one article; an exception becomes ``error`` instead of ending the run.

    >>> map_article(Article(id="a1", text="Talks began.", content_hash="h")).error is None
    True
    """
    try:
        triples = article_triples(extract(article))
    except Exception as exc:  # one article's failure must not stop the others
        return Mapped(article.id, article.content_hash, error=describe_failure(exc))
    return Mapped(article.id, article.content_hash, triples=triples)


def describe_failure(exc: BaseException) -> str:
    """One line on why an article could not be extracted.

    >>> describe_failure(ZeroDivisionError("division by zero"))
    'extraction failed: ZeroDivisionError: division by zero'
    """
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"extraction failed: {type(exc).__name__}" + (f": {message}" if message else "")


Work = Callable[[Article], Mapped]


class Mapper:
    """Runs ``work`` on articles: at once in this process, or queued to worker processes."""

    def __init__(self, workers: int, work: Work = map_article) -> None:
        self.workers = workers
        self.work = work
        self.generation = 0
        self._restarts_in_a_row = 0
        self._pool: Executor | None = _new_pool(workers) if workers > 1 else None

    def submit(self, article: Article) -> "Future[Mapped]":
        """Start mapping ``article``; the future's result is its ``Mapped``."""
        if self._pool is not None:
            try:
                future = self._pool.submit(self.work, article)
            except BrokenProcessPool:  # a worker died since the last results were collected
                self.restart(self.generation)
                future = self._pool.submit(self.work, article)
            future.add_done_callback(self._note)
            return future
        done: Future[Mapped] = Future()
        try:
            done.set_result(self.work(article))
        except Exception as exc:  # as a worker would pass it back: reported for this article
            done.set_exception(exc)
        return done

    def _note(self, future: "Future[Mapped]") -> None:
        if not future.cancelled() and future.exception() is None:
            self._restarts_in_a_row = 0

    def restart(self, generation: int) -> None:
        """Replace a pool that lost a worker, once per ``generation`` of the pool.

        :raises BilateralError: pools keep breaking before any article is done (workers
            that cannot start, for example).
        """
        if self._pool is None or generation != self.generation:
            return
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._restarts_in_a_row += 1
        if self._restarts_in_a_row > _MAX_RESTARTS:
            self._pool = None
            raise BilateralError("worker processes keep stopping before finishing an article")
        self._pool = _new_pool(self.workers)
        self.generation += 1

    def close(self) -> None:
        """Stop the workers, dropping queued work (finished work was already collected)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


@contextmanager
def article_mapper(workers: int = 1, work: Work = map_article) -> Iterator[Mapper]:
    """A Mapper with ``workers`` processes (1: no pool, everything in this process)."""
    mapper = Mapper(workers, work)
    try:
        yield mapper
    finally:
        mapper.close()


def _new_pool(workers: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(iris.base(),)
    )


def _start_worker(base: str) -> None:
    """In each worker: the parent's IRI base, Ctrl-C left to the parent, the model loaded."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    iris.set_base(base)
    from .extract.nlp import pipeline

    pipeline()
