"""An in-memory store on rdflib's own engine: no files, no server, pure Python.

Handy for tests and small knowledge bases, and the baseline the benchmarks compare the
embedded Oxigraph and Virtuoso with. One lock serialises reads and writes (rdflib's memory
store is not safe under concurrent writes), so a reader never sees half a ``replace_graph``.
"""

import io
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import IO

import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Identifier

from ..errors import QueryError
from ..mapping.namespaces import PREFIXES
from . import rdflib_fixes
from .base import AskResult, GraphResult, Quad, QueryResult, SelectResult, Store, Triple
from .bindings import inline_bindings

# A query's FROM <iri> must never make the engine fetch a document from the web.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

# pyparsing learns each parse action's arity on its first calls, which is not thread-safe.
_PARSE_LOCK = threading.Lock()
_RDFLIB_GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads",
                         "trig": "trig", "rdfxml": "xml"}
_QUAD_FORMATS = ("nquads", "trig")
_TRIPLES_FOR = {"nquads": "ntriples", "trig": "turtle"}  # a default graph's own spelling


class RdflibStore(Store):
    """A store held in an rdflib ``Dataset`` whose default graph is the union of the graphs.

    >>> from rdflib import URIRef, Literal
    >>> store = RdflibStore()
    >>> g = URIRef("http://example.org/g")
    >>> s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    >>> store.replace_graph(g, [(s, p, Literal(1))])
    >>> store.query("ASK { ?s ?p 1 }").value
    True
    """

    def __init__(self) -> None:
        rdflib_fixes.install()  # process-wide: rdflib 7's GROUP BY and MIN/MAX bugs
        self._dataset = Dataset(default_union=True)
        self._lock = threading.Lock()

    # queries -----------------------------------------------------------------------------
    def _run(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None,
        default_graphs: Iterable[str] | None,
        named_graphs: Iterable[str] | None,
    ) -> Result:
        text = inline_bindings(sparql, bindings or {})
        try:
            with _PARSE_LOCK:
                prepared = prepareQuery(text, initNs=PREFIXES)
        except Exception as error:  # pyparsing's ParseException; a bare one for unknown prefixes
            raise QueryError(str(error)) from error
        _set_dataset(prepared, list(default_graphs or ()), list(named_graphs or ()))
        with self._lock:
            result = self._dataset.query(prepared)
            if result.type == "SELECT":
                result.bindings = list(result.bindings)  # evaluate while holding the lock
            return result

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> QueryResult:
        result = self._run(sparql, bindings, default_graphs, named_graphs)
        if result.type == "ASK":
            return AskResult(bool(result.askAnswer))
        if result.type == "SELECT":
            names = [str(v) for v in result.vars or ()]
            rows = ({n: row.get(n) for n in names} for row in _named_rows(result))
            return SelectResult(names, rows)
        return GraphResult(iter(list(result.graph or ())))

    def query_serialized(
        self,
        sparql: str,
        result_format: str,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> tuple[str, bytes]:
        result = self._run(sparql, bindings, default_graphs, named_graphs)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            fmt = _RDFLIB_GRAPH_FORMATS.get(_TRIPLES_FOR.get(result_format, result_format))
            if fmt is None:
                raise QueryError(f"a graph query cannot be written as {result_format}")
            return "graph", (result.graph or Graph()).serialize(format=fmt, encoding="utf-8")
        kind = result.type.lower()
        if result_format in ("json", "xml"):
            return kind, result.serialize(format=result_format) or b""
        if result_format in ("csv", "tsv"):
            return kind, _delimited(result, result_format)
        raise QueryError(f"a {kind} query cannot be written as {result_format}")

    # writes ------------------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self.replace_graphs({graph: triples})

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        staged = {URIRef(g): list(triples) for g, triples in graphs.items()}
        with self._lock:
            for graph, triples in staged.items():
                self._dataset.remove_graph(graph)
                if triples:
                    context = self._dataset.get_context(graph)
                    self._dataset.addN((s, p, o, context) for s, p, o in triples)

    def bulk_load(self, quads: Iterable[Quad]) -> None:
        """Add many quads at once (for fresh stores and benchmarks)."""
        contexts: dict[Identifier, Graph] = {}

        def context(name: Identifier) -> Graph:
            if name not in contexts:
                contexts[name] = self._dataset.get_context(name)
            return contexts[name]

        with self._lock:
            self._dataset.addN((s, p, o, context(g)) for s, p, o, g in quads)

    def load_file(self, source: IO[bytes], fmt: str = "nquads") -> None:
        """Add the quads of an N-Quads (or TriG) document to the store."""
        with self._lock:
            self._dataset.parse(source, format=_RDFLIB_GRAPH_FORMATS[fmt])

    def remove_graph(self, graph: URIRef) -> bool:
        with self._lock:
            existed = len(self._dataset.get_context(graph)) > 0
            self._dataset.remove_graph(URIRef(graph))
        return existed

    # reads -------------------------------------------------------------------------------
    def graphs(self) -> list[URIRef]:
        with self._lock:
            return [URIRef(g.identifier) for g in self._dataset.graphs()
                    if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g) > 0]

    def has_graph(self, graph: URIRef) -> bool:
        with self._lock:
            return len(self._dataset.get_context(URIRef(graph))) > 0

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        with self._lock:
            if graph is not None:  # Dataset.quads would also give the triple's other graphs
                name = URIRef(graph)
                found = [(s, p, o, name) for s, p, o in self._dataset.get_context(name)]
            else:
                found = list(self._dataset.quads((None, None, None, None)))
        for s, p, o, g in found:
            yield s, p, o, URIRef(g.identifier if isinstance(g, Graph) else g)

    def count(self, graph: URIRef | None = None) -> int:
        with self._lock:
            if graph is not None:
                return len(self._dataset.get_context(URIRef(graph)))
            return sum(len(g) for g in self._dataset.graphs())

    def dump(self, output: io.BufferedIOBase, fmt: str, graph: URIRef | None = None) -> None:
        """Write the store (or one graph) to ``output`` in an RDF format of ``GRAPH_FORMATS``.

        Quad formats keep graph names, also for one graph; triple formats drop them.
        """
        rdflib_format = _RDFLIB_GRAPH_FORMATS[fmt]
        with self._lock:
            if graph is None:
                self._dataset.serialize(output, format=rdflib_format, encoding="utf-8")
                return
            source = self._dataset.get_context(URIRef(graph))
            if fmt in _QUAD_FORMATS:
                one = Dataset()
                one.addN((s, p, o, one.graph(source.identifier)) for s, p, o in source)
                one.serialize(output, format=rdflib_format, encoding="utf-8")
            else:
                source.serialize(output, format=rdflib_format, encoding="utf-8")


def _set_dataset(query: Query, default_graphs: list[str], named_graphs: list[str]) -> None:
    """Give the protocol's graph IRIs to the query, in place of its own FROM clauses."""
    if not default_graphs and not named_graphs:
        return
    clause = [CompValue("DatasetClause", default=URIRef(g)) for g in default_graphs]
    clause += [CompValue("DatasetClause", named=URIRef(g)) for g in named_graphs]
    query.algebra["datasetClause"] = clause


def _named_rows(result: Result) -> Iterator[dict[str, Identifier]]:
    for row in result.bindings:
        yield {str(k): v for k, v in row.items()}


def _delimited(result: Result, fmt: str) -> bytes:
    """SPARQL 1.1 CSV or TSV results (rdflib writes CSV for SELECT only, and no TSV)."""
    if result.type == "ASK":
        return b"true" if result.askAnswer else b"false"
    if fmt == "csv":
        return result.serialize(format="csv") or b""
    names = [str(v) for v in result.vars or ()]
    lines = ["\t".join("?" + n for n in names)]
    for row in _named_rows(result):
        lines.append("\t".join(row[n].n3() if row.get(n) is not None else "" for n in names))
    return ("\n".join(lines) + "\n").encode("utf-8")
