"""ONE registry of RDF formats and export profiles, shared by the CLI and the web, and ``export``.

An export is streamed: the whole store in a quad format is the engine's own dump; the
union of all graphs in a triple format is read a triple at a time, each triple once; a
profile is generated rule by rule. Memory stays flat as the store grows.

>>> import io
>>> from bilateral.store import open_store
>>> out = io.BytesIO()
>>> export(open_store(":memory:"), "turtle", out)
>>> b"void:Dataset" in out.getvalue()
True
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from rdflib import SKOS, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from .errors import BilateralError
from .exports.context import EXTRA_PREFIXES, published_context
from .exports.jsonld import JsonLdWriter
from .exports.profiles import schema_quads
from .exports.rdfxml import RdfXmlError, RdfXmlWriter
from .exports.void import UNION_TRIPLES, void_triples
from .exports.wikidata import PREFIXES as WIKIDATA_PREFIXES
from .exports.wikidata import wikidata_quads
from .exports.writers import NQuadsWriter, NTriplesWriter, TriGWriter, TurtleWriter, Writer
from .mapping import iris
from .mapping.iris import VOID_GRAPH
from .mapping.namespaces import PREFIXES, SCHEMA, WD
from .mapping.profiles import CONTEXT_GRAPHS
from .store import GraphResult, Store, open_store

Quad = tuple[Node, Node, Node, Node | None]


class ExportError(BilateralError, ValueError):
    """An export that cannot be made: unknown format or profile, nothing selected."""


@dataclass(frozen=True)
class RdfFormat:
    """An RDF serialisation: CLI name, media type, file suffix, whether it keeps graph names."""

    name: str
    media_type: str
    suffix: str
    quads: bool
    label: str
    writer: type[Writer]
    native: bool = True  # the store engine writes it itself

    def names(self) -> tuple[str, ...]:
        """Every string that asks for this format: name, media type, suffix without the dot."""
        return (self.name, self.media_type, self.suffix.lstrip("."))


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("nquads", "application/n-quads", ".nq", True, "N-Quads", NQuadsWriter),
        RdfFormat("trig", "application/trig", ".trig", True, "TriG", TriGWriter),
        RdfFormat("turtle", "text/turtle", ".ttl", False, "Turtle", TurtleWriter),
        RdfFormat("ntriples", "application/n-triples", ".nt", False, "N-Triples", NTriplesWriter),
        RdfFormat("jsonld", "application/ld+json", ".jsonld", True, "JSON-LD", JsonLdWriter, False),
        RdfFormat("rdfxml", "application/rdf+xml", ".rdf", False, "RDF/XML", RdfXmlWriter),
    )
}


@dataclass(frozen=True)
class Profile:
    """What an export says: our ontology in full, or a mapping onto another vocabulary."""

    name: str
    description: str
    prefixes: dict[str, str]
    context: Callable[[], dict[str, Any]]
    generate: Callable[[Store], Iterator[Quad]] | None = None  # None: the stored quads as they are


_SCHEMA_PREFIXES = {"schema": str(SCHEMA), "xsd": str(XSD), "wd": str(WD)}
PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(
            "full",
            "our ontology with every named graph and the provenance of every fact",
            {**PREFIXES, **EXTRA_PREFIXES},
            published_context,
        ),
        Profile(
            "schema",
            "schema.org only: NewsArticle, Event with eventStatus, Country, Person",
            _SCHEMA_PREFIXES,
            lambda: {"@vocab": str(SCHEMA), **_SCHEMA_PREFIXES},
            schema_quads,
        ),
        Profile(
            "wikidata",
            "Wikidata-style statements (wdt:, p:/ps:/pq:) referenced to articles",
            WIKIDATA_PREFIXES,
            lambda: dict(WIKIDATA_PREFIXES),
            wikidata_quads,
        ),
    )
}


def lookup_format(requested: str) -> RdfFormat:
    """The format a name, suffix or media type asks for.

    :raises ExportError: none does.
    """
    wanted = requested.strip().lower().split(";")[0].strip()
    for fmt in FORMATS.values():
        if wanted in fmt.names():
            return fmt
    raise ExportError(f"unknown format {requested!r}; choose one of {', '.join(FORMATS)}")


def make_writer(fmt: RdfFormat, output: BinaryIO, profile: Profile) -> Writer:
    """A streaming writer of ``fmt`` with the profile's prefixes (or JSON-LD context)."""
    if issubclass(fmt.writer, JsonLdWriter):
        return JsonLdWriter(output, profile.context())
    return fmt.writer(output, profile.prefixes)


def export(
    store: Store,
    fmt: str,
    output: BinaryIO,
    graph: URIRef | None = None,
    *,
    profile: str = "full",
    entity: URIRef | None = None,
    construct: str | None = None,
    site: str | None = None,
) -> None:
    """Write the knowledge base, or one graph, entity or CONSTRUCT result, to ``output``.

    Quad formats keep graph names; triple formats write the union of the graphs, each
    triple once. The full export of the whole store carries its VoID description, in a
    named graph of its own for quad formats. ``site`` is the web app's root URL, for the
    description's download and endpoint links.

    :raises ExportError: unknown format or profile, or a selection that is empty.
    :raises QueryError: a CONSTRUCT query that does not parse.
    """
    spec, chosen = lookup_format(fmt), PROFILES.get(profile)
    if chosen is None:
        raise ExportError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    if sum(x is not None for x in (graph, entity, construct)) > 1:
        raise ExportError("choose one of an article, an entity or a CONSTRUCT query")
    if graph is not None and not store.has_graph(graph):
        raise ExportError(f"no graph <{graph}> in the store")
    try:
        if chosen.generate is None:
            _full(store, spec, output, chosen, graph, entity, construct, site)
        else:
            whole = graph is None and entity is None and construct is None
            source = store if whole else _selection_store(store, graph, entity, construct)
            _write(make_writer(spec, output, chosen), chosen.generate(source))
    except RdfXmlError as error:
        raise ExportError(str(error)) from None


def _write(writer: Writer, *parts: Iterable[Quad]) -> None:
    for part in parts:
        writer.write(part)
    writer.close()


def _full(
    store: Store,
    spec: RdfFormat,
    output: BinaryIO,
    profile: Profile,
    graph: URIRef | None,
    entity: URIRef | None,
    construct: str | None,
    site: str | None,
) -> None:
    dump = getattr(store, "dump", None) if spec.native else None
    if entity is not None:
        _write(make_writer(spec, output, profile), entity_quads(store, entity, spec.quads))
    elif construct is not None:
        _write(make_writer(spec, output, profile), construct_quads(store, construct))
    elif graph is not None and dump is not None:
        dump(output, spec.name, graph)
    elif graph is not None:
        _write(make_writer(spec, output, profile), store.quads(graph))
    else:
        downloads = {f.name: (f.label, f.media_type) for f in FORMATS.values()}
        void = ((s, p, o, VOID_GRAPH) for s, p, o in void_triples(store, site, None, downloads))
        if spec.quads and dump is not None:
            dump(output, spec.name)
            _write(make_writer(spec, output, profile), void)
        elif spec.quads:
            _write(make_writer(spec, output, profile), store.quads(), void)
        else:
            _write(make_writer(spec, output, profile), union_quads(store), void)


def union_quads(store: Store) -> Iterator[Quad]:
    """Every triple of the union of the named graphs, once, streamed."""
    for row in store.query(UNION_TRIPLES).rows:
        yield row["s"], row["p"], row["o"], None


_OUT = "SELECT ?p ?o ?g WHERE { GRAPH ?g { ?x ?p ?o } }"
_IN = "SELECT ?s ?p ?g WHERE { GRAPH ?g { ?s ?p ?x } }"


def entity_quads(store: Store, entity: URIRef, graphs: bool = True) -> Iterator[Quad]:
    """The quads about ``entity``: where it is the subject and where it is the object.

    Without ``graphs``, each triple once, in the default graph.

    :raises ExportError: the store knows nothing about it.
    """
    seen: set[Quad] = set()
    for row in store.query(_OUT, bindings={"x": entity}).rows:
        seen.add((entity, row["p"], row["o"], row["g"]))
    for row in store.query(_IN, bindings={"x": entity}).rows:
        seen.add((row["s"], row["p"], entity, row["g"]))
    if not seen:
        raise ExportError(f"nothing is known about <{entity}>")
    if not graphs:
        seen = {(s, p, o, None) for s, p, o, _ in seen}
    yield from sorted(seen, key=lambda q: (str(q[3]), q[0] != entity, str(q[0])))


def construct_quads(store: Store, query: str) -> Iterator[Quad]:
    """The triples a CONSTRUCT (or DESCRIBE) query gives, in the default graph.

    :raises ExportError: the query is of another form.
    """
    result = store.query(query)
    if not isinstance(result, GraphResult):
        raise ExportError("an export query must be a CONSTRUCT or DESCRIBE query")
    for s, p, o in result.triples:
        yield s, p, o, None


def _selection_store(
    store: Store, graph: URIRef | None, entity: URIRef | None, construct: str | None
) -> Store:
    """A throwaway store with the selection, and the names and links of what it mentions."""
    if graph is not None:
        quads: Iterable[Quad] = store.quads(graph)
    elif entity is not None:
        quads = entity_quads(store, entity)
    else:
        quads = construct_quads(store, construct or "")
    graphs: dict[URIRef, list[tuple[Node, Node, Node]]] = {}
    mentioned: set[Node] = set()
    selection = URIRef(iris.GRAPH_BASE + "selection")
    for s, p, o, g in quads:
        graphs.setdefault(g if isinstance(g, URIRef) else selection, []).append((s, p, o))
        mentioned.update((s, o))
    for context in CONTEXT_GRAPHS:
        graphs.setdefault(context, []).extend(
            (s, p, o) for s, p, o, _ in store.quads(context) if s in mentioned and p in _CONTEXT
        )
    scratch = open_store(":memory:")
    scratch.replace_graphs(graphs)
    return scratch


# What a selection takes from the context graphs about what it mentions.
_CONTEXT = {RDF.type, RDFS.label, OWL.sameAs, SKOS.altLabel, SKOS.prefLabel}
