"""The helper that runs a page's independent reads at the same time."""

import threading

import pytest

from bilateral.web.together import HELPERS, together


def test_results_come_back_in_the_order_given():
    assert together(lambda: 1, lambda: "two", lambda: [3]) == [1, "two", [3]]
    assert together() == []


def test_works_run_at_the_same_time():
    barrier = threading.Barrier(3, timeout=5)  # broken (an error) unless all three meet
    assert together(barrier.wait, barrier.wait, barrier.wait) is not None


def test_an_error_is_raised_after_every_work_has_ended():
    finished = threading.Event()

    def slow() -> str:
        finished.wait(0.2)
        finished.set()
        return "done"

    with pytest.raises(KeyError):
        together(lambda: {}["missing"], slow)
    assert finished.is_set()


def test_nested_calls_beyond_the_pool_do_not_deadlock():
    def inner(n: int) -> int:
        return sum(together(*[lambda k=k: k for k in range(n)]))

    outer = together(*[lambda: inner(HELPERS + 2) for _ in range(HELPERS * 2)])
    assert outer == [sum(range(HELPERS + 2))] * (HELPERS * 2)
