"""The SPARQL 1.1 Protocol endpoint: formats, request forms, errors, limits, CORS."""

import csv
import io
import json
import threading
import time
import xml.etree.ElementTree as ET

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from bilateral.config import Settings
from bilateral.errors import QueryTimeout
from bilateral.mapping import iris
from bilateral.mapping.namespaces import PREFIXES
from bilateral.store import open_store
from bilateral.web import create_app
from bilateral.web.runtime import QueryRunner

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
PROLOGUE = "".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items())
STATES = PROLOGUE + (
    "SELECT DISTINCT ?s ?label WHERE { ?s a bl:State ; rdfs:label ?label } ORDER BY ?label"
)
CONSTRUCT = PROLOGUE + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a bl:State ; rdfs:label ?l }"
JSON = "application/sparql-results+json"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def get(client, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    return client.get("/sparql", query_string={"query": query, **params}, headers=headers)


# --- SELECT and ASK in every results format ----------------------------------------------------

def test_select_as_json(client, kb):
    response = get(client, STATES, JSON)
    assert response.status_code == 200 and response.mimetype == JSON
    data = response.get_json(force=True)
    assert data["head"]["vars"] == ["s", "label"]
    labels = [b["label"]["value"] for b in data["results"]["bindings"]]
    assert labels == ["China", "India", "Pakistan", "Russia"]
    assert data["results"]["bindings"][3]["s"] == {"type": "uri", "value": str(kb.rus)}


def test_select_as_xml(client):
    response = get(client, STATES, "application/sparql-results+xml")
    assert response.mimetype == "application/sparql-results+xml"
    root = ET.fromstring(response.data)
    literals = [e.text for e in root.iter(f"{SRX}literal")]
    assert literals == ["China", "India", "Pakistan", "Russia"]


@pytest.mark.parametrize(("accept", "delimiter"), [("text/csv", ","),
                                                    ("text/tab-separated-values", "\t")])
def test_select_as_csv_and_tsv(client, accept, delimiter):
    response = get(client, STATES, accept)
    assert response.mimetype == accept
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True)), delimiter=delimiter))
    assert rows[0] in (["s", "label"], ["?s", "?label"])
    assert len(rows) == 5 and "Russia" in rows[4][1]


@pytest.mark.parametrize(("fmt", "mimetype"), [
    ("json", JSON), ("xml", "application/sparql-results+xml"), ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values")])
def test_format_parameter_beats_accept(client, fmt, mimetype):
    response = get(client, STATES, "text/turtle", format=fmt)
    assert response.status_code == 200 and response.mimetype == mimetype


def test_ask(client):
    yes = get(client, PROLOGUE + "ASK WHERE { ?s bl:isoCode 'RUS' }", JSON).get_json(force=True)
    no = get(client, PROLOGUE + "ASK WHERE { ?s bl:isoCode 'XXX' }", JSON).get_json(force=True)
    assert (yes["boolean"], no["boolean"]) == (True, False)


def test_no_accept_header_gives_json(client):
    response = client.get("/sparql", query_string={"query": STATES})
    assert response.mimetype == JSON


# --- CONSTRUCT and DESCRIBE ----------------------------------------------------------------------

@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_parses_back(client, kb, accept, rdflib_format):
    response = get(client, CONSTRUCT, accept)
    assert response.status_code == 200 and response.mimetype == accept
    graph = Graph().parse(data=response.data, format=rdflib_format)
    assert (kb.rus, RDFS.label, Literal("Russia", lang="en")) in graph
    assert len(graph) == 4


def test_construct_format_names(client):
    for fmt, rdflib_format in [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"),
                               ("xml", "xml")]:
        graph = Graph().parse(data=get(client, CONSTRUCT, format=fmt).data, format=rdflib_format)
        assert len(graph) == 4, fmt


def test_describe(client, kb):
    response = get(client, f"DESCRIBE <{kb.rus}>", "text/turtle")
    graph = Graph().parse(data=response.data, format="turtle")
    assert (kb.rus, RDF.type, URIRef(PREFIXES["bl"] + "State")) in graph


def test_results_format_for_a_graph_is_not_acceptable(client):
    response = get(client, CONSTRUCT, format="csv")
    assert response.status_code == 406
    assert "csv" in response.get_json()["error"]["message"]


# --- request forms -------------------------------------------------------------------------------

def test_post_form(client):
    response = client.post("/sparql", data={"query": STATES}, headers={"Accept": JSON})
    assert response.status_code == 200
    assert len(response.get_json(force=True)["results"]["bindings"]) == 4


def test_post_direct(client):
    response = client.post("/sparql", data=STATES.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.get_data(as_text=True).count("\n") >= 5


def test_post_of_another_type_is_refused(client):
    response = client.post("/sparql", data=STATES, headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_default_and_named_graph_uri(client):
    count = PROLOGUE + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a bl:State }"
    article = str(iris.article_graph("dawn-2012-10-05-lavrov"))

    def n(**params):
        data = get(client, count, JSON, **params).get_json(force=True)
        return int(data["results"]["bindings"][0]["n"]["value"])

    assert n() == 4
    assert n(**{"default-graph-uri": str(iris.REFERENCE_GRAPH)}) == 4
    assert n(**{"default-graph-uri": article}) == 0
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    data = get(client, graphs, JSON, **{"named-graph-uri": article}).get_json(force=True)
    assert [b["g"]["value"] for b in data["results"]["bindings"]] == [article]
    form = client.post("/sparql", data={"query": count, "default-graph-uri": article},
                       headers={"Accept": JSON}).get_json(force=True)
    assert form["results"]["bindings"][0]["n"]["value"] == "0"


def test_bad_graph_uri_is_a_bad_request(client):
    response = get(client, STATES, JSON, **{"default-graph-uri": "not an iri"})
    assert response.status_code == 400


# --- read-only, errors and limits --------------------------------------------------------------

@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }",
    "PREFIX x: <http://x/>\n# a comment\ndelete where { ?s ?p ?o }",
    "DROP ALL", "CLEAR DEFAULT", "LOAD <http://example.org/data.ttl>",
    "CREATE GRAPH <http://x/g>", "ADD DEFAULT TO <http://x/g>",
    "MOVE DEFAULT TO <http://x/g>", "COPY DEFAULT TO <http://x/g>",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_forbidden_as_query_text(client, store, update):
    before = store.count()
    response = get(client, update, JSON)
    assert response.status_code == 403
    assert "read-only" in response.get_json()["error"]["message"]
    assert store.count() == before


def test_updates_are_forbidden_in_every_form(client, store):
    before = store.count()
    update = "DROP ALL"
    assert client.get("/sparql", query_string={"update": update}).status_code == 403
    assert client.post("/sparql", data={"update": update}).status_code == 403
    assert client.post("/sparql", data=update, headers={
        "Content-Type": "application/sparql-update"}).status_code == 403
    assert store.count() == before


def test_federated_queries_are_refused(client):
    response = get(client, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert response.status_code == 403 and "SERVICE" in response.get_json()["error"]["message"]
    ok = get(client, "SELECT ?s WHERE { ?s ?p 'SERVICE' }", JSON)
    assert ok.status_code == 200


def test_bad_query_is_400_with_the_parsers_message(client):
    response = get(client, "SELECT ?s WHERE { ?s ?p }", JSON)
    assert response.status_code == 400 and response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["status"] == 400 and "error at" in error["message"]


def test_bad_query_error_is_html_for_browsers(client):
    response = client.post("/sparql", data={"query": "SELECT nonsense"},
                           headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert b"400" in response.data and b"error at" in response.data


def test_empty_query_is_400(client):
    assert get(client, "   ", JSON).status_code == 400


def test_too_large_query_is_413(client, settings):
    big = STATES + "\n#" + "x" * settings.max_query_bytes
    assert get(client, big, JSON).status_code == 413
    response = client.post("/sparql", data={"query": big}, headers={"Accept": JSON})
    assert response.status_code == 413 and "limit" in response.get_json()["error"]["message"]


@pytest.fixture(scope="module")
def heavy_store():
    """A store where a triple join takes about a second: 250 triples, cubed."""
    store = open_store(":memory:")
    ex = "http://example.org/"
    store.replace_graph(URIRef(ex + "g"), [(URIRef(f"{ex}s{i}"), URIRef(ex + "p"), Literal(i))
                                            for i in range(250)])
    yield store
    store.close()


def test_time_limit_answers_503_and_other_queries_go_on(heavy_store, tmp_path):
    app = create_app(Settings(store=str(tmp_path), query_timeout_s=0.2), store=heavy_store)
    client = app.test_client()
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    response = get(client, slow, JSON)
    assert response.status_code == 503 and time.monotonic() - started < 1.5
    assert "time limit" in response.get_json()["error"]["message"]
    assert response.headers["Retry-After"]
    quick = get(client, "ASK WHERE { ?s ?p 1 }", JSON)  # answered while the slow one still runs
    assert quick.status_code == 200 and quick.get_json(force=True)["boolean"] is True


def test_runner_caps_concurrent_work():
    runner = QueryRunner(timeout_s=0.1, slots=1)
    release = threading.Event()
    with pytest.raises(QueryTimeout, match="time limit"):
        runner.run(lambda: release.wait(5))
    with pytest.raises(QueryTimeout, match="busy"):
        runner.run(lambda: 1)
    release.set()
    time.sleep(0.05)
    assert runner.run(lambda: 2) == 2
    with pytest.raises(ZeroDivisionError):
        runner.run(lambda: 1 / 0)


# --- service description, workbench, CORS ---------------------------------------------------------

@pytest.mark.parametrize("accept", [None, "text/turtle", "*/*"])
def test_service_description(client, accept):
    response = client.get("/sparql", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.data, format="turtle")
    service = next(graph.subjects(RDF.type, SD.Service))
    assert str(service).endswith("/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert len(list(graph.objects(service, SD.resultFormat))) >= 8


def test_workbench_for_browsers(client):
    response = client.get("/sparql", headers={"Accept": "text/html"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "<textarea" in html and "PREFIX bl: &lt;https://w3id.org/bilateral/ontology#&gt;" in html
    assert '<script src="/static/workbench.js"' in html and "<script>" not in html
    assert client.get("/static/workbench.js").status_code == 200


def test_workbench_permalink_prefills_the_query(client):
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p '<b>' }"},
                          headers={"Accept": "text/html"})
    html = response.get_data(as_text=True)
    assert 'data-autorun="yes"' in html and "?p &#39;&lt;b&gt;&#39;" in html


def test_cors(client):
    response = get(client, STATES, JSON)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/sparql", headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]


def test_json_error_shape_is_stable(client):
    body = json.loads(get(client, "SELECT", JSON).data)
    assert set(body) == {"error"} and set(body["error"]) == {"status", "title", "message"}
