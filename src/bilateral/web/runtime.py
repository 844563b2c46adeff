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
EXTENSION = "bilateral"


class QueryRunner:
    """Runs store work in a worker thread under a time limit and a cap on concurrent work.

    Oxigraph cannot cancel a query, but it releases the GIL while it works, so a query past
    its deadline keeps its worker (and its slot) until it ends while the request is answered
    at once. The cap keeps such runaway queries from taking every core. The workers live as
    long as the runner (daemon threads, started on first use): a warm thread runs queries
    faster than a new one, and the process never waits for a runaway query to exit.

    >>> QueryRunner(1.0).run(lambda: 6 * 7)
    42
    """

    def __init__(self, timeout_s: float, slots: int = MAX_RUNNING_QUERIES) -> None:
        self.timeout_s = timeout_s
        self._slots = threading.BoundedSemaphore(slots)
        self._size = slots
        self._tasks: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._workers = 0
        self._idle = 0
        self._lock = threading.Lock()

    def _submit(self, task: Callable[[], None]) -> None:
        """Hand ``task`` to an idle worker, or to a new one while there are fewer than slots."""
        with self._lock:
            start = self._idle == 0 and self._workers < self._size
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
            with self._lock:
                self._idle += 1
            task = self._tasks.get()

    def run(self, work: Callable[[], T]) -> T:
        """The result of ``work()``, or its exception.

        :raises QueryTimeout: no slot came free, or the work ran past the time limit.
        """
        deadline = time.monotonic() + self.timeout_s
        if not self._slots.acquire(timeout=self.timeout_s):
            raise QueryTimeout(
                f"the server is busy with other long queries; none finished within "
                f"{self.timeout_s:g} s. Try again later."
            )
        done = threading.Event()
        outcome: dict[str, object] = {}

        def target() -> None:
            try:
                outcome["value"] = work()
            except BaseException as error:  # handed to the waiting request thread
                outcome["error"] = error
            finally:
                self._slots.release()
                done.set()

        self._submit(target)
        if not done.wait(max(0.0, deadline - time.monotonic())):
            raise QueryTimeout(
                f"the query ran past the time limit of {self.timeout_s:g} s; "
                "narrow it (a LIMIT, more specific patterns) and try again"
            )
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["value"]  # type: ignore[return-value]


@dataclass
class Runtime:
    """Per-app state, kept in ``app.extensions["bilateral"]``."""

    settings: Settings
    queries: dict[str, NamedQuery]
    runner: QueryRunner
    store: Store | None = None
    owns_store: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get_store(self) -> Store:
        """The store, opened on first use when the app was not handed one."""
        if self.store is None:
            with self._lock:
                if self.store is None:
                    self.store = open_store(self.settings.store)
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
    """Run ``work`` with the current app's time limit and concurrency cap."""
    return runtime().runner.run(work)
