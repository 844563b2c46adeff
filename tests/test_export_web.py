"""Downloads on the web: /export, /context.jsonld and /.well-known/void, through one registry."""

import json

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCAT, RDF, VOID

from bilateral.export import FORMATS
from bilateral.exports.context import published_context
from bilateral.mapping import iris
from bilateral.mapping.iris import DATASET, VOID_GRAPH

RDFLIB = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "turtle": "turtle",
          "ntriples": "nt", "rdfxml": "xml"}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_whole_knowledge_base_downloads_in_every_format(client, store, fmt):
    response = client.get("/export", query_string={"format": fmt})
    assert response.status_code == 200
    assert response.mimetype == FORMATS[fmt].media_type
    disposition = response.headers["Content-Disposition"]
    assert "attachment" in disposition and f"bilateral{FORMATS[fmt].suffix}" in disposition
    if FORMATS[fmt].quads:
        data = Dataset()
        data.parse(data=response.data, format=RDFLIB[fmt])
        graphs = {g for _, _, _, g in data.quads((None, None, None, None))}
        assert VOID_GRAPH in graphs and set(store.graphs()) <= graphs
    else:
        graph = Graph().parse(data=response.data, format=RDFLIB[fmt])
        assert (DATASET, RDF.type, VOID.Dataset) in graph


def test_the_download_of_one_article_in_a_profile(client, kb):
    response = client.get("/export", query_string={
        "format": "jsonld", "profile": "schema", "article": "dawn-2012-10-05-lavrov"})
    assert response.status_code == 200
    assert "bilateral-dawn-2012-10-05-lavrov-schema.jsonld" in response.headers[
        "Content-Disposition"]
    document = json.loads(response.data)
    assert document["@context"]["@vocab"] == "https://schema.org/"
    graph = Graph().parse(data=response.data, format="json-ld")
    assert (kb.visit1, RDF.type, URIRef("https://schema.org/Event")) in graph


def test_the_download_of_one_entity(client, kb):
    response = client.get("/export", query_string={"format": "nt", "entity": "official/putin-rus"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.data, format="nt")
    assert set(graph.subjects()) >= {kb.putin, kb.visit2}


@pytest.mark.parametrize(("query", "status"), [
    ({"format": "yaml"}, 406),
    ({"profile": "dublin"}, 400),
    ({"article": "no-such-article"}, 404),
    ({"entity": "state/XXX"}, 404),
    ({"entity": "not an iri"}, 400),
    ({"article": "dawn-2012-10-05-lavrov", "entity": "state/RUS"}, 400),
])
def test_bad_downloads_get_one_clear_error(client, query, status):
    response = client.get("/export", query_string=query, headers={"Accept": "application/json"})
    assert response.status_code == status
    assert response.json["error"]["status"] == status


def test_the_published_context(client):
    response = client.get("/context.jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert response.json["@context"] == published_context()
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_void_at_the_well_known_address(client, store):
    response = client.get("/.well-known/void")
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.data, format="turtle")
    assert (DATASET, RDF.type, VOID.Dataset) in graph
    assert graph.value(DATASET, VOID.sparqlEndpoint) == URIRef("http://localhost/sparql")
    downloads = {str(graph.value(d, DCAT.downloadURL))
                 for d in graph.objects(DATASET, DCAT.distribution)}
    assert "http://localhost/export?format=turtle" in downloads
    assert int(graph.value(DATASET, VOID.triples)) > 0


def test_void_as_json_ld_by_accept(client):
    response = client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert response.mimetype == "application/ld+json"
    graph = Graph().parse(data=response.data, format="json-ld")
    assert (DATASET, RDF.type, VOID.Dataset) in graph


def test_the_footer_links_to_the_downloads(client):
    page = client.get("/").data.decode()
    assert 'href="/export"' in page and 'href="/.well-known/void"' in page


def test_an_article_graph_iri_is_what_the_download_names(client):
    response = client.get("/export", query_string={"article": "app-2012-06-07-sco"})
    data = Dataset()
    data.parse(data=response.data, format="nquads")
    assert {g for *_, g in data.quads((None, None, None, None))} == {
        iris.article_graph("app-2012-06-07-sco")}
