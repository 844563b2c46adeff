"""A store on any SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, Neptune, ...), over HTTP.

The server must make its default graph the union of the named graphs, as the embedded
store does. One article is one SPARQL Update request (drop its graph, insert its
triples), which servers that run a request as one transaction apply atomically. Reads of
whole graphs are paged, so a server's cap on result rows never cuts them short. Virtuoso's
own graphs are left out of ``graphs``, ``count`` and ``quads`` (not out of queries: its
``input:*-graph-exclude`` pragmas give wrong answers to ``GRAPH <g>`` patterns in 7.2.5).
"""

import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ..errors import StoreError
from ..mapping.namespaces import PREFIXES
from .base import AskResult, GraphResult, Quad, QueryResult, SelectResult, Store, Triple
from .bindings import inline_bindings
from .sparql_http import SparqlClient
from .sparql_text import query_form, with_prefixes
from .sparql_writes import insert_operations, is_staging, staging_graph
from .terms import OX_GRAPH_FORMATS, OX_RESULT_FORMATS, from_ox, ntriples_term

_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
# Virtuoso compiles an update to SQL and refuses big ones ("exceeded 10000 lines of code",
# "Maximum size of a code vector"); small operations also compile fastest there.
_REQUEST_TRIPLES = 1_000  # triples per update request
# Graphs a Virtuoso server keeps for itself: its schemas, loaded W3C vocabularies, the
# service description (<host>/sparql) and WebDAV metadata (<host>/DAV/).
_VIRTUOSO_SYSTEM = re.compile(
    r"^(http://www\.openlinksw\.com/|http://www\.w3\.org/|https?://[^/]+/(sparql|DAV/?)$)"
)


class RemoteStore(Store):
    """A store behind a SPARQL 1.1 query endpoint (and update endpoint, default the same).

    ``gsp_url`` is a Graph Store Protocol endpoint, used to read whole graphs when given.
    """

    page_rows = 10_000  # rows per page when reading a whole graph; shrinks to a server's cap

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        gsp_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout_s: float = 60.0,
    ) -> None:
        self.query_url, self.update_url = query_url, update_url or query_url
        self.gsp_url = gsp_url
        self.client = SparqlClient(user, password, timeout_s)
        self._system: set[str] | None = None

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    # queries -----------------------------------------------------------------------------
    def _send(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None,
        default_graphs: Iterable[str] | None,
        named_graphs: Iterable[str] | None,
    ) -> tuple[str, bytes]:
        """Run a query; return its form and the server's answer (SPARQL JSON or N-Triples)."""
        text = with_prefixes(inline_bindings(sparql, bindings or {}), PREFIXES)
        form = query_form(sparql)
        accept = _NTRIPLES if form in ("construct", "describe") else _JSON
        defaults, named = list(default_graphs or ()), list(named_graphs or ())
        answer = self.client.query(self.query_url, text, accept, defaults, named)
        cap = answer.headers.get("X-SPARQL-MaxRows")
        if cap:
            raise StoreError(
                f"the SPARQL server cut the answer at {cap} rows, its limit; "
                "add LIMIT and OFFSET to the query, or raise the server's limit"
            )
        return form, answer.content

    def system_graphs(self, names: Iterable[str] | None = None) -> set[str]:
        """Graphs the server keeps for itself (only Virtuoso has some that we know of).

        Found once, among ``names`` (every graph on the server) when the caller has them.
        """
        if self._system is None:
            if not self.client.server:
                self.client.query(self.query_url, "ASK {}", _JSON)
            virtuoso = "virtuoso" in self.client.server.lower()
            names = self._all_graph_sizes() if names is None else names
            self._system = {g for g in names if virtuoso and _VIRTUOSO_SYSTEM.match(g)}
        return self._system

    def _all_graph_sizes(self) -> dict[str, int]:
        """Every graph on the server with its number of triples (one grouped query)."""
        sizes: dict[str, int] = {}
        after = ""
        while True:  # keyset pages: OFFSET pages of an unordered grouping can skip groups
            limit = self.page_rows
            select = (
                f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {after} }} "
                f"GROUP BY ?g ORDER BY STR(?g) LIMIT {limit}"
            )
            answer = self.client.query(self.query_url, select, _JSON)
            cap = int(answer.headers.get("X-SPARQL-MaxRows") or limit)
            rows = list(_parse_results(answer.content))
            sizes.update((row["g"].value, int(row["n"].value)) for row in rows)
            if cap < limit:  # the server cut the page: page by its cap from here on
                self.page_rows = cap
            elif len(rows) < limit:
                return sizes
            if not rows:
                return sizes
            after = f"FILTER(STR(?g) > {ntriples_term(Literal(rows[-1]['g'].value))})"

    def graph_sizes(self) -> dict[URIRef, int]:
        """Our graphs (not the server's own, nor staging ones) and their numbers of triples."""
        sizes = self._all_graph_sizes()
        system = self.system_graphs(sizes)
        return {URIRef(g): n for g, n in sizes.items() if g not in system and not is_staging(g)}

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> QueryResult:
        form, body = self._send(sparql, bindings, default_graphs, named_graphs)
        if form in ("construct", "describe"):
            return GraphResult(
                (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                for t in ox.parse(body, ox.RdfFormat.N_TRIPLES)
            )
        return _select(body)

    def query_serialized(
        self,
        sparql: str,
        result_format: str,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> tuple[str, bytes]:
        form, body = self._send(sparql, bindings, default_graphs, named_graphs)
        buffer = io.BytesIO()
        if form in ("construct", "describe"):
            fmt = OX_GRAPH_FORMATS.get(result_format)
            if fmt is None:
                raise StoreError(f"cannot write a graph as {result_format!r}")
            triples = (q.triple for q in ox.parse(body, ox.RdfFormat.N_TRIPLES))
            ox.serialize(triples, buffer, fmt)
            return "graph", buffer.getvalue()
        answer = ox.parse_query_results(_standard_json(body), ox.QueryResultsFormat.JSON)
        kind = "ask" if isinstance(answer, ox.QueryBoolean) else "select"
        fmt = OX_RESULT_FORMATS.get(result_format)
        if fmt is None:
            raise StoreError(f"cannot write {kind} results as {result_format!r}")
        answer.serialize(buffer, fmt)
        return kind, buffer.getvalue()

    # writes ------------------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        self.replace_graphs({graph: triples})

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        """Replace each graph atomically, small graphs together in one request.

        Graphs are never split between requests: up to ``_REQUEST_TRIPLES`` triples of whole
        graphs go in one SPARQL Update request (one transaction on the server); a graph
        bigger than that is written to a staging graph over several requests and moved into
        place with one ``MOVE``, so a reader sees its old or its new content, never a part.
        """
        parts: list[str] = []
        size = 0
        for graph, triples in graphs.items():
            triples = list(triples)
            if len(triples) > _REQUEST_TRIPLES:
                self._replace_staged(graph, triples)
                continue
            if size + len(triples) > _REQUEST_TRIPLES and parts:
                self.client.update(self.update_url, " ;\n".join(parts))
                parts, size = [], 0
            parts.append(f"DROP SILENT GRAPH {ntriples_term(graph)}")
            parts.extend(operation for _, operation in insert_operations(graph, triples))
            size += len(triples)
        if parts:
            self.client.update(self.update_url, " ;\n".join(parts))

    def _replace_staged(self, graph: URIRef, triples: list[Triple]) -> None:
        """Write a big graph beside its place, then move it there in one operation."""
        stage = staging_graph(graph)
        parts: list[str] = []
        size = 0
        for count, operation in insert_operations(stage, triples):
            if size + count > _REQUEST_TRIPLES and size:
                self.client.update(self.update_url, " ;\n".join(parts))
                parts, size = [], 0
            parts.append(operation)
            size += count
        self.client.update(self.update_url, " ;\n".join(parts))
        self.client.update(
            self.update_url, f"MOVE SILENT GRAPH {ntriples_term(stage)} TO {ntriples_term(graph)}"
        )

    def remove_graph(self, graph: URIRef) -> bool:
        if not self.has_graph(graph):
            return False
        self.client.update(self.update_url, f"DROP SILENT GRAPH {ntriples_term(graph)}")
        return True

    # reads -------------------------------------------------------------------------------
    def graphs(self) -> list[URIRef]:
        return list(self.graph_sizes())

    def has_graph(self, graph: URIRef) -> bool:
        result = self.query(f"ASK {{ GRAPH {ntriples_term(graph)} {{ ?s ?p ?o }} }}")
        return isinstance(result, AskResult) and result.value

    def count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            return sum(self.graph_sizes().values())
        where = f"GRAPH {ntriples_term(graph)} {{ ?s ?p ?o }}"
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(next(result.rows)["n"])

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        for q in self._ox_quads(graph):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)

    def _ox_quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """One graph's or the whole store's quads as the engine's terms (no rdflib on the way).

        The whole store is read many graphs a request, as many as make a page of rows.
        """
        groups = [[graph]] if graph is not None else _batches(self.graph_sizes(), self.page_rows)
        for group in groups:
            if len(group) == 1:  # one graph, maybe of a page or more: read it alone
                name = ox.NamedNode(str(group[0]))
                for s, p, o in self._graph_triples(group[0]):
                    yield ox.Quad(s, p, o, name)
                continue
            listed = " ".join(ntriples_term(g) for g in group)
            pattern = f"VALUES ?g {{ {listed} }} GRAPH ?g {{ ?s ?p ?o }}"
            for row in self._solutions(f"SELECT ?g ?s ?p ?o WHERE {{ {pattern} }}"):
                yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def _graph_triples(self, graph: URIRef) -> Iterator[tuple]:
        """A graph's triples as engine terms, page by page (or one Graph Store Protocol read)."""
        if self.gsp_url:
            answer = self.client.get(self.gsp_url, {"graph": str(graph)}, _NTRIPLES)
            if answer.status_code == 404:
                return
            for t in ox.parse(answer.content, ox.RdfFormat.N_TRIPLES):
                yield t.subject, t.predicate, t.object
            return
        pattern = f"SELECT ?s ?p ?o WHERE {{ GRAPH {ntriples_term(graph)} {{ ?s ?p ?o }} }}"
        for row in self._solutions(pattern):
            yield row["s"], row["p"], row["o"]

    def _solutions(self, select: str) -> Iterator[ox.QuerySolution]:
        """Solutions of a SELECT as the engine's terms, in pages of ``page_rows``.

        Pages carry no ORDER BY: Virtuoso refuses to sort past 10,000 rows for an OFFSET.
        """
        offset = 0
        while True:
            limit = self.page_rows
            answer = self.client.query(
                self.query_url, f"{select} LIMIT {limit} OFFSET {offset}", _JSON
            )
            cap = int(answer.headers.get("X-SPARQL-MaxRows") or limit)
            if cap < limit:  # the server cut the page: page by its cap from here on
                self.page_rows = limit = cap
            rows = list(_parse_results(answer.content))
            yield from rows
            offset += len(rows)
            if len(rows) < limit:
                return

    def dump(self, output: io.BufferedIOBase, fmt: str, graph: URIRef | None = None) -> None:
        """Stream the store (or one graph) to ``output``, graph by graph, in a ``GRAPH_FORMATS``.

        Quad formats keep graph names, also for one graph; triple formats drop them.
        """
        rdf_format = OX_GRAPH_FORMATS[fmt]
        quads = self._ox_quads(graph)
        if fmt in ("nquads", "trig"):
            ox.serialize(quads, output, rdf_format)
        else:
            ox.serialize((q.triple for q in quads), output, rdf_format, prefixes=PREFIXES)

    def close(self) -> None:
        self.client.close()


def _batches(sizes: Mapping[URIRef, int], rows: int) -> Iterator[list[URIRef]]:
    """Graphs grouped so that each group holds up to ``rows`` triples (a big graph alone).

    >>> g = [URIRef(f"http://example.org/{n}") for n in range(4)]
    >>> [len(b) for b in _batches(dict(zip(g, (3, 3, 9, 2))), 6)]
    [2, 1, 1]
    """
    group: list[URIRef] = []
    total = 0
    for graph, size in sizes.items():
        if group and total + size > rows:
            yield group
            group, total = [], 0
        group.append(graph)
        total += size
    if group:
        yield group


def _standard_json(body: bytes) -> bytes:
    """SPARQL JSON results with blank node labels that every parser accepts.

    Virtuoso labels blank nodes ``nodeID://b123``; Turtle-style labels keep only letters,
    digits and underscores.
    """
    if b'"bnode"' not in body:
        return body
    data = json.loads(body)
    for row in data.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = re.sub(r"\W", "_", term["value"])
    return json.dumps(data).encode()


def _parse_results(body: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    """SELECT or ASK results from SPARQL JSON, as the engine's terms."""
    try:
        return ox.parse_query_results(_standard_json(body), ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as error:
        raise StoreError(f"the SPARQL server sent results that do not parse: {error}") from None


def _select(body: bytes) -> SelectResult | AskResult:
    """SELECT or ASK results from SPARQL JSON, as rdflib terms."""
    answer = _parse_results(body)
    if isinstance(answer, ox.QueryBoolean):
        return AskResult(bool(answer))
    names = [v.value for v in answer.variables]
    return SelectResult(names, ({n: from_ox(s[n]) for n in names} for s in answer))
