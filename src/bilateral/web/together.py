"""Run a page's independent reads at the same time.

Oxigraph releases the GIL while it evaluates a query, so two reads of one page run on two
cores. The helper threads are few and shared by the process; a read that no helper has
picked up by the time the caller is free is taken back and run by the caller, so a page
never waits on a queue (and nested or concurrent pages cannot deadlock the pool).
"""

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

HELPERS = 4
_pool = ThreadPoolExecutor(max_workers=HELPERS, thread_name_prefix="bilateral-read")


def together(*works: Callable[[], Any]) -> list[Any]:
    """The results of ``works``, in order: the first runs here, the others on helpers.

    An exception from any work is raised here once every work has ended.

    >>> together(lambda: 6 * 7, lambda: "answer")
    [42, 'answer']
    """
    if not works:
        return []
    futures: list[Future] = [_pool.submit(work) for work in works[1:]]
    outcomes: list[tuple[bool, Any]] = [_attempt(works[0])]
    for work, future in zip(works[1:], futures, strict=True):
        if future.cancel():  # not started yet: cheaper to run it here than to wait
            outcomes.append(_attempt(work))
        else:
            error = future.exception()
            outcomes.append((False, error) if error else (True, future.result()))
    for ok, value in outcomes:
        if not ok:
            raise value
    return [value for _, value in outcomes]


def _attempt(work: Callable[[], Any]) -> tuple[bool, Any]:
    try:
        return True, work()
    except Exception as error:  # re-raised by ``together`` after the other works end
        return False, error
