"""SPARQL Update text for a remote store: INSERT DATA in small operations, staging graphs."""

import uuid
from collections.abc import Iterable, Iterator

from rdflib import BNode, URIRef

from .base import Triple
from .terms import ntriples_term

# Virtuoso compiles an update to SQL and refuses big ones; small operations compile fastest.
INSERT_CHUNK = 100  # triples per INSERT DATA operation
STAGING_MARK = "#bilateral-staging-"


def staging_graph(graph: URIRef) -> URIRef:
    """A fresh graph to write ``graph`` in when it is too big for one request.

    Fresh for every write, so two processes writing the same graph at once never mix
    their parts; the last ``MOVE`` wins, and either way the graph ends whole.

    >>> str(staging_graph(URIRef("http://example.org/g"))).startswith(
    ...     "http://example.org/g#bilateral-staging-")
    True
    """
    return URIRef(str(graph).split("#", 1)[0] + STAGING_MARK + uuid.uuid4().hex)


def is_staging(graph: str) -> bool:
    """Whether ``graph`` is a staging graph (left behind only by an interrupted write)."""
    return STAGING_MARK in graph


def insert_operations(graph: URIRef, triples: Iterable[Triple]) -> Iterator[tuple[int, str]]:
    """(triples, operation): INSERT DATA of ``INSERT_CHUNK`` triples; blank nodes in one INSERT.

    Virtuoso refuses blank nodes in INSERT DATA; a blank node in an INSERT template is
    fresh and the same across one template, so those triples go together in one.
    """
    g = ntriples_term(graph)
    lines: list[str] = []
    blank: list[str] = []
    for s, p, o in triples:
        line = f"{ntriples_term(s)} {ntriples_term(p)} {ntriples_term(o)} ."
        (blank if isinstance(s, BNode) or isinstance(o, BNode) else lines).append(line)
        if len(lines) == INSERT_CHUNK:
            yield len(lines), f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(lines) + "\n} }"
            lines = []
    if lines:
        yield len(lines), f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(lines) + "\n} }"
    if blank:
        yield len(blank), f"INSERT {{ GRAPH {g} {{\n" + "\n".join(blank) + "\n} } WHERE {}"
