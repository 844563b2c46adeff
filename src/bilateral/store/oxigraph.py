"""The embedded on-disk store: Oxigraph (RocksDB) through pyoxigraph."""

import io
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Identifier

from ..errors import QueryError, StoreError
from ..mapping.namespaces import PREFIXES
from .base import (
    AskResult,
    GraphResult,
    Quad,
    QueryResult,
    SelectResult,
    Store,
    Triple,
)
from .bindings import inline_bindings
from .terms import OX_GRAPH_FORMATS, OX_RESULT_FORMATS, from_ox, ntriples_term, to_ox

_INSERT_CHUNK = 20_000


class OxigraphStore(Store):
    """An Oxigraph store in a folder (created if missing), or in memory when ``path`` is None.

    >>> from rdflib import URIRef, Literal
    >>> store = OxigraphStore(None)
    >>> g = URIRef("http://example.org/g")
    >>> s, p = URIRef("http://example.org/s"), URIRef("http://example.org/p")
    >>> store.replace_graph(g, [(s, p, Literal(1))])
    >>> store.query("ASK { ?s ?p 1 }").value
    True
    """

    def __init__(self, path: str | Path | None) -> None:
        try:
            if path is None:
                self._store = ox.Store()
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as error:
            raise StoreError(f"cannot open the store at {path}: {error}") from error
        self.path = path
        self.last_write: datetime | None = None  # when this object last changed the data

    # queries -----------------------------------------------------------------------------
    def _run(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None,
        default_graphs: Iterable[str] | None,
        named_graphs: Iterable[str] | None,
    ) -> object:
        options: dict[str, object] = {"prefixes": PREFIXES}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        sparql = inline_bindings(sparql, bindings or {})
        try:
            return self._store.query(sparql, **options)
        except SyntaxError as error:
            raise QueryError(str(error)) from error
        except OSError as error:
            raise StoreError(str(error)) from error

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> QueryResult:
        answer = self._run(sparql, bindings, default_graphs, named_graphs)
        if isinstance(answer, ox.QueryBoolean):
            return AskResult(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            rows = ({n: from_ox(s[n]) for n in names} for s in answer)
            return SelectResult(names, rows)
        triples = ((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in answer)
        return GraphResult(triples)

    def query_serialized(
        self,
        sparql: str,
        result_format: str,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> tuple[str, bytes]:
        answer = self._run(sparql, bindings, default_graphs, named_graphs)
        if isinstance(answer, ox.QueryTriples):
            kind, fmt = "graph", OX_GRAPH_FORMATS.get(result_format)
        else:
            kind = "ask" if isinstance(answer, ox.QueryBoolean) else "select"
            fmt = OX_RESULT_FORMATS.get(result_format)
        if fmt is None:
            raise QueryError(f"a {kind} query cannot be written as {result_format}")
        buffer = io.BytesIO()
        answer.serialize(buffer, fmt)
        return kind, buffer.getvalue()

    # writes ------------------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self.replace_graphs({graph: triples})

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        parts: list[str] = []
        for graph, triples in graphs.items():
            g = ntriples_term(graph)
            parts.append(f"DROP SILENT GRAPH {g}")
            body = " .\n".join(
                f"{ntriples_term(s)} {ntriples_term(p)} {ntriples_term(o)}" for s, p, o in triples
            )
            if body:
                parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{body} .\n}} }}")
        try:
            self._store.update(" ;\n".join(parts))
        except (OSError, SyntaxError) as error:
            raise StoreError(f"cannot write: {error}") from error
        self._wrote()

    def _wrote(self) -> None:
        self.last_write = datetime.now(UTC).replace(microsecond=0)

    def bulk_load(self, quads: Iterable[Quad]) -> None:
        """Load many quads fast, outside a transaction (for fresh stores and benchmarks)."""
        self._store.bulk_extend(
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in quads
        )
        self._wrote()

    def remove_graph(self, graph: URIRef) -> bool:
        node = ox.NamedNode(str(graph))
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        self._wrote()
        return True

    # reads -------------------------------------------------------------------------------
    def graphs(self) -> list[URIRef]:
        return [URIRef(g.value) for g in self._store.named_graphs()]

    def has_graph(self, graph: URIRef) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(graph)))

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        node = ox.NamedNode(str(graph)) if graph is not None else None
        for q in self._store.quads_for_pattern(None, None, None, node):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)

    def count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(
            1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
        )

    def dump(self, output: io.BufferedIOBase, fmt: str, graph: URIRef | None = None) -> None:
        """Stream the store (or one graph) to ``output`` in an RDF format of ``GRAPH_FORMATS``.

        Quad formats keep graph names, also for one graph; triple formats drop them.
        """
        rdf_format = OX_GRAPH_FORMATS[fmt]
        if graph is None:
            self._store.dump(output, rdf_format)
        elif fmt in ("nquads", "trig"):
            quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
            ox.serialize(quads, output, rdf_format)
        else:
            self._store.dump(output, rdf_format, from_graph=ox.NamedNode(str(graph)))

    def close(self) -> None:
        self._store.flush()
        del self._store
