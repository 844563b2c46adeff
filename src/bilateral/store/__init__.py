"""Stores: a small interface, embedded Oxigraph, a remote SPARQL server, and how to open one."""

import os

from .base import AskResult, GraphResult, QueryResult, SelectResult, Store
from .oxigraph import OxigraphStore
from .remote import RemoteStore

MEMORY_RDFLIB = "memory+rdflib:"


def open_store(
    location: str | None,
    update_url: str | None = None,
    gsp_url: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> Store:
    """Open the store at ``location``: a folder path, ``:memory:``, a SPARQL endpoint URL, or
    ``memory+rdflib:`` (rdflib's in-memory engine, for comparisons).

    An ``http://`` or ``https://`` location is a SPARQL 1.1 query endpoint; the update
    endpoint, Graph Store Protocol endpoint and credentials default to the variables
    ``BILATERAL_UPDATE_URL``, ``BILATERAL_GSP_URL``, ``BILATERAL_STORE_USER`` and
    ``BILATERAL_STORE_PASSWORD``.

    >>> open_store(":memory:").count()
    0
    >>> type(open_store("memory+rdflib:")).__name__
    'RdflibStore'
    >>> open_store("http://127.0.0.1:8890/sparql")
    RemoteStore('http://127.0.0.1:8890/sparql')
    """
    if location in (None, ":memory:"):
        return OxigraphStore(None)
    if location == MEMORY_RDFLIB:
        from .memory import RdflibStore  # rdflib's engine: slow, for comparison and small data

        return RdflibStore()
    if location.startswith(("http://", "https://")):
        return RemoteStore(
            location,
            update_url=update_url or os.environ.get("BILATERAL_UPDATE_URL") or None,
            gsp_url=gsp_url or os.environ.get("BILATERAL_GSP_URL") or None,
            user=user or os.environ.get("BILATERAL_STORE_USER") or None,
            password=password or os.environ.get("BILATERAL_STORE_PASSWORD") or None,
        )
    return OxigraphStore(location)


__all__ = [
    "AskResult",
    "GraphResult",
    "OxigraphStore",
    "QueryResult",
    "RemoteStore",
    "SelectResult",
    "Store",
    "open_store",
]
