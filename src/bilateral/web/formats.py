"""The media types the web layer speaks, chosen by a format parameter or by Accept.

>>> lookup(RESULT_FORMATS, "text/csv").name
'csv'
>>> lookup(GRAPH_FORMATS, "ttl").media_type
'text/turtle'
"""

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import NotAcceptable

from ..mapping.namespaces import PREFIXES
from ..store.base import Triple


@dataclass(frozen=True)
class Format:
    """One serialization: the store's (or rdflib's) name for it, media type, file suffix."""

    name: str
    media_type: str
    suffix: str
    label: str
    aliases: tuple[str, ...] = ()
    rdflib_name: str = ""

    def names(self) -> tuple[str, ...]:
        """Every string that asks for this format."""
        return (self.name, self.media_type, self.suffix, *self.aliases)


RESULT_FORMATS = (
    Format(
        "json",
        "application/sparql-results+json",
        "srj",
        "JSON",
        ("application/json", "text/javascript", "application/javascript"),
    ),
    Format("xml", "application/sparql-results+xml", "srx", "XML", ("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv", "CSV"),
    Format("tsv", "text/tab-separated-values", "tsv", "TSV"),
)
GRAPH_FORMATS = (
    Format(
        "turtle",
        "text/turtle",
        "ttl",
        "Turtle",
        ("application/x-turtle", "n3", "text/n3"),
        "turtle",
    ),
    Format("ntriples", "application/n-triples", "nt", "N-Triples", ("text/plain",), "nt"),
    Format(
        "jsonld",
        "application/ld+json",
        "jsonld",
        "JSON-LD",
        ("json-ld", "json", "application/json"),
        "json-ld",
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        "rdf",
        "RDF/XML",
        ("xml", "rdf+xml", "application/xml", "text/xml"),
        "xml",
    ),
    Format("nquads", "application/n-quads", "nq", "N-Quads", (), "nquads"),
    Format("trig", "application/trig", "trig", "TriG", (), "trig"),
)
# What an entity URL serves besides HTML.
ENTITY_FORMATS = GRAPH_FORMATS[:3]


def lookup(formats: Iterable[Format], requested: str) -> Format | None:
    """The format a short name, suffix or media type asks for, if any."""
    wanted = requested.strip().lower().split(";")[0].strip()
    for fmt in formats:
        if wanted in fmt.names():
            return fmt
    return None


def negotiate(
    formats: tuple[Format, ...], accept: MIMEAccept, requested: str | None = None
) -> Format:
    """The format asked for by name, else the best by Accept, else the first.

    :raises NotAcceptable: a format parameter names none of ``formats``.
    """
    if requested:
        fmt = lookup(formats, requested)
        if fmt is None:
            offered = ", ".join(f.name for f in formats)
            raise NotAcceptable(f"this answer cannot be written as {requested!r}; try {offered}")
        return fmt
    offers = [f.media_type for f in formats]
    offers += [a for f in formats for a in f.aliases if "/" in a]
    best = accept.best_match(offers)
    return lookup(formats, best) if best else formats[0]  # type: ignore[return-value]


def bound_graph(triples: Iterable[Triple] = ()) -> Graph:
    """An rdflib graph holding ``triples``, with the project's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for triple in triples:
        graph.add(triple)
    return graph


def serialize_graph(graph: Graph, fmt: Format) -> bytes:
    """``graph`` written in ``fmt`` by rdflib."""
    return graph.serialize(format=fmt.rdflib_name or fmt.name, encoding="utf-8")
