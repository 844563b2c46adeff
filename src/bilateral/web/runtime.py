"""What the app holds for its life: settings, the store (opened once), named queries, a runner.

The store comes from one accessor, :func:`get_store`. An app given a store uses it as is
and leaves closing it to the caller; an app that opens its own store opens it on first use,
once per process (Oxigraph lets one process at a time open a store on disk; threads share
it), and closes it when the process exits.
"""

import atexit
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from flask import current_app

from ..config import Settings
from ..errors import QueryTimeout
from ..queries import NamedQuery
from ..store import Store, open_store

T = TypeVar("T")
MAX_RUNNING_QUERIES = 4
SPARQL_OVERDUE_QUERIES = 8
SPARQL_QUEUE_WAIT_S = 1.0
EXTENSION = "bilateral"


class QueryRunner:
    """Runs store work in worker threads under a time limit and caps on concurrent work.

    Oxigraph cannot cancel a query, but it releases the GIL while it works. So a query past
    its deadline is answered at once (:class:`QueryTimeout`) and left to finish in its
    worker as *overdue*: it gives up its slot but counts against a second cap, so a few
    runaway queries do not block the rest, and many cannot take the whole machine (the
    overdue cap defaults to ``slots``). When no
    slot comes free within ``wait_s``, or the overdue cap is reached, the caller gets a
    prompt :class:`QueryTimeout` saying the server is busy. Workers are daemon threads
    reused across calls (a warm thread runs queries faster than a new one).

    >>> QueryRunner(1.0).run(lambda: 6 * 7)
    42
    """

    def __init__(
        self,
        timeout_s: float,
        slots: int = MAX_RUNNING_QUERIES,
        max_overdue: int | None = None,
        wait_s: float | None = None,
    ) -> None:
        self.timeout_s = timeout_s
        self.slots = slots
        self.max_overdue = slots if max_overdue is None else max_overdue
        self.wait_s = timeout_s if wait_s is None else min(wait_s, timeout_s)
        self.running = 0
        self.overdue = 0
        self._state = threading.Condition()
        self._tasks: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._workers = 0
        self._idle = 0

    def _submit(self, task: Callable[[], None]) -> None:
        """Hand ``task`` to an idle worker, or to a new one (never more than the caps)."""
        with self._state:
            start = self._idle == 0 and self._workers < self.slots + self.max_overdue
            if start:
                self._workers += 1
            else:
                self._idle -= 1
        if start:
            threading.Thread(target=self._serve, args=(task,), name="bilateral-query",
                             daemon=True).start()
        else:
            self._tasks.put(task)

    def _serve(self, task: Callable[[], None]) -> None:
        while True:
            task()
            with self._state:
                self._idle += 1
            task = self._tasks.get()

    def _busy(self) -> QueryTimeout:
        return QueryTimeout(
            f"the server is busy with other long queries ({self.running} running, "
            f"{self.overdue} past their time limit); try again later"
        )

    def run(self, work: Callable[[], T]) -> T:
        """The result of ``work()``, or its exception.

        :raises QueryTimeout: the server is busy, or the work ran past the time limit.
        """
        deadline = time.monotonic() + self.timeout_s
        with self._state:
            if self.overdue >= self.max_overdue:
                raise self._busy()
            if not self._state.wait_for(lambda: self.running < self.slots, self.wait_s):
                raise self._busy()
            self.running += 1
        done = threading.Event()
        outcome: dict[str, object] = {"late": False}

        def target() -> None:
            try:
                outcome["value"] = work()
            except BaseException as error:  # handed to the waiting request thread
                outcome["error"] = error
            finally:
                with self._state:
                    done.set()
                    if outcome["late"]:
                        self.overdue -= 1
                    else:
                        self.running -= 1
                    self._state.notify()

        self._submit(target)
        if not done.wait(max(0.0, deadline - time.monotonic())):
            with self._state:
                if not done.is_set():
                    outcome["late"] = True
                    self.running -= 1
                    self.overdue += 1
                    self._state.notify()
            if outcome["late"]:
                raise QueryTimeout(
                    f"the query ran past the time limit of {self.timeout_s:g} s; "
                    "narrow it (a LIMIT, more specific patterns) and try again"
                )
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["value"]  # type: ignore[return-value]


@dataclass
class Runtime:
    """Per-app state, kept in ``app.extensions["bilateral"]``.

    ``runner`` runs the pages' own queries; ``sparql_runner`` runs queries from clients, so
    that runaway client queries never hold up the pages. ``write_token`` enables the write
    API; ``write_lock`` lets one write run at a time.
    """

    settings: Settings
    queries: dict[str, NamedQuery]
    runner: QueryRunner
    sparql_runner: QueryRunner
    store: Store | None = None
    owns_store: bool = False
    write_token: str | None = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get_store(self) -> Store:
        """The store, opened on first use when the app was not handed one."""
        if self.store is None:
            with self._lock:
                if self.store is None:
                    self.store = open_store(
                        self.settings.store,
                        update_url=self.settings.update_url,
                        gsp_url=self.settings.gsp_url,
                    )
                    self.owns_store = True
                    atexit.register(self.close)
        return self.store

    def close(self) -> None:
        """Close the store if this app opened it."""
        with self._lock:
            if self.owns_store and self.store is not None:
                self.store.close()
                self.store = None


def runtime() -> Runtime:
    """The current app's runtime."""
    return current_app.extensions[EXTENSION]


def get_store() -> Store:
    """The current app's store."""
    return runtime().get_store()


def run_limited(work: Callable[[], T]) -> T:
    """Run ``work`` (a page's own queries) with the time limit and concurrency caps."""
    return runtime().runner.run(work)


def run_client_query(work: Callable[[], T]) -> T:
    """Run ``work`` (a client's query) with the time limit and the client queries' caps."""
    return runtime().sparql_runner.run(work)
