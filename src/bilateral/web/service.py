"""The SPARQL 1.1 service description served by ``GET /sparql`` without a query."""

from flask import Response, request
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

from ..mapping import iris
from ..mapping.namespaces import VOID
from .formats import GRAPH_FORMATS, RESULT_FORMATS, bound_graph, negotiate, serialize_graph

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
    "nquads": "N-Quads",
    "trig": "TriG",
}


def describe_service(endpoint: str) -> Graph:
    """The description of the endpoint at ``endpoint`` as a graph.

    >>> g = describe_service("http://localhost/sparql")
    >>> (URIRef("http://localhost/sparql"), RDF.type, SD.Service) in g
    True
    """
    graph = bound_graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service, dataset, default = URIRef(endpoint), BNode(), BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in RESULT_FORMATS + GRAPH_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[_FORMAT_IRIS[fmt.name]]))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.uriSpace, Literal(iris.base())))
    for name in (iris.REFERENCE_GRAPH, iris.ONTOLOGY_GRAPH):
        named = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, name))
    return graph


def service_description(endpoint: str) -> Response:
    """The service description in the RDF format the client accepts (Turtle by default)."""
    fmt = negotiate(GRAPH_FORMATS[:4], request.accept_mimetypes)
    body = serialize_graph(describe_service(endpoint), fmt)
    response = Response(body, mimetype=fmt.media_type)
    response.headers["Vary"] = "Accept"
    return response
