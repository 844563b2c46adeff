"""Stores: a small interface, the embedded Oxigraph engine, and how to open one."""

from .base import AskResult, GraphResult, QueryResult, SelectResult, Store
from .oxigraph import OxigraphStore


def open_store(location: str | None) -> Store:
    """Open the store at ``location``: a folder path, or ``:memory:`` for a throwaway one.

    >>> open_store(":memory:").count()
    0
    """
    if location in (None, ":memory:"):
        return OxigraphStore(None)
    return OxigraphStore(location)


__all__ = [
    "AskResult",
    "GraphResult",
    "OxigraphStore",
    "QueryResult",
    "SelectResult",
    "Store",
    "open_store",
]
