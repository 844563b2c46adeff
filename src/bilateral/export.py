"""ONE registry of RDF formats (name -> media type, suffix) and the export of a store."""

import io
from dataclasses import dataclass
from typing import BinaryIO

from rdflib import Dataset, URIRef

from .mapping.namespaces import PREFIXES
from .store import GraphResult, Store


@dataclass(frozen=True)
class RdfFormat:
    """An RDF serialisation: its CLI name, media type, file suffix and whether it keeps graphs."""

    name: str
    media_type: str
    suffix: str
    quads: bool


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("nquads", "application/n-quads", ".nq", True),
        RdfFormat("trig", "application/trig", ".trig", True),
        RdfFormat("turtle", "text/turtle", ".ttl", False),
        RdfFormat("ntriples", "application/n-triples", ".nt", False),
        RdfFormat("jsonld", "application/ld+json", ".jsonld", True),
        RdfFormat("rdfxml", "application/rdf+xml", ".rdf", False),
    )
}

_ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def export(store: Store, fmt: str, output: BinaryIO, graph: URIRef | None = None) -> None:
    """Write the whole store (or one named graph) to ``output`` in format ``fmt``.

    Quad formats keep every named graph; triple formats write the union of all graphs.

    :raises KeyError: an unknown format name.
    """
    spec = FORMATS[fmt]
    dump = getattr(store, "dump", None)
    if fmt != "jsonld" and dump is not None and (graph is not None or spec.quads):
        dump(output, fmt, graph)
    elif not spec.quads:
        query = (
            _ALL_TRIPLES
            if graph is None
            else (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph.n3()} {{ ?s ?p ?o }} }}")
        )
        output.write(store.query_serialized(query, fmt)[1])
    else:
        dataset = Dataset()
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace)
        for s, p, o, g in store.quads(graph):
            dataset.graph(g).add((s, p, o))
        rdflib_format = "json-ld" if fmt == "jsonld" else fmt
        output.write(
            dataset.serialize(format=rdflib_format, auto_compact=True).encode("utf-8")
            if fmt == "jsonld"
            else dataset.serialize(format=rdflib_format).encode("utf-8")
        )


def graph_to_bytes(result: GraphResult, fmt: str) -> bytes:
    """Serialise a CONSTRUCT result with rdflib (for formats the engine does not write)."""
    from rdflib import Graph

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in result.triples:
        graph.add(triple)
    buffer = io.BytesIO()
    graph.serialize(buffer, format="json-ld" if fmt == "jsonld" else fmt)
    return buffer.getvalue()
