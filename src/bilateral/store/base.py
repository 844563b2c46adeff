"""The small Store interface every backend implements, and its neutral result types."""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal as TypingLiteral

from rdflib.term import Identifier, Node, URIRef

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, Node]

# SPARQL result formats a backend can write natively, by short name.
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "nquads", "trig", "rdfxml")


@dataclass
class SelectResult:
    """Solutions of a SELECT query: rows map variable names to rdflib terms (or None)."""

    variables: list[str]
    rows: Iterator[dict[str, Identifier | None]]
    kind: TypingLiteral["select"] = "select"


@dataclass
class AskResult:
    """The answer to an ASK query."""

    value: bool
    kind: TypingLiteral["ask"] = "ask"


@dataclass
class GraphResult:
    """Triples of a CONSTRUCT or DESCRIBE query."""

    triples: Iterator[Triple]
    kind: TypingLiteral["graph"] = "graph"


QueryResult = SelectResult | AskResult | GraphResult


class Store(ABC):
    """A quad store with SPARQL 1.1 whose default graph is the union of all graphs.

    Every article's statements live in a named graph of their own; ``replace_graph`` swaps
    one graph atomically, so a reader never sees half an article.
    """

    @abstractmethod
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL query; ``bindings`` pre-bind variables (values, never pasted text).

        :raises QueryError: the query does not parse.
        """

    @abstractmethod
    def query_serialized(
        self,
        sparql: str,
        result_format: str,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> tuple[str, bytes]:
        """Run a query and write its answer in ``result_format``; return (kind, bytes).

        ``result_format`` is one of ``RESULT_FORMATS`` for SELECT/ASK and one of
        ``GRAPH_FORMATS`` for CONSTRUCT/DESCRIBE.
        """

    @abstractmethod
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Atomically make ``graph`` hold exactly ``triples``."""

    @abstractmethod
    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        """Atomically replace several graphs at once (one transaction)."""

    @abstractmethod
    def remove_graph(self, graph: URIRef) -> bool:
        """Delete a graph; return whether it existed."""

    @abstractmethod
    def graphs(self) -> list[URIRef]:
        """All named graphs."""

    @abstractmethod
    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Stream the quads of one graph, or of the whole store."""

    @abstractmethod
    def count(self, graph: URIRef | None = None) -> int:
        """Number of quads in one graph, or in the store."""

    def has_graph(self, graph: URIRef) -> bool:
        """Whether ``graph`` exists."""
        return graph in set(self.graphs())

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release the store."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
