"""A real server on loopback, queried by SPARQLWrapper, rdflib's SPARQLStore and by URL."""

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from bilateral.config import Settings
from bilateral.mapping.namespaces import PREFIXES
from bilateral.store import open_store
from bilateral.web import create_app
from servers import serve_in_thread as serve

pytestmark = pytest.mark.server
PROLOGUE = "".join(f"PREFIX {p}: <{i}>\n" for p, i in PREFIXES.items())
STATES = PROLOGUE + (
    "SELECT DISTINCT ?s ?label WHERE { ?s a bl:State ; rdfs:label ?label } ORDER BY ?label"
)



@pytest.fixture(scope="module")
def base_url(kb_store, tmp_path_factory) -> Iterator[str]:
    store, _ = kb_store
    settings = Settings(store=str(tmp_path_factory.mktemp("unused")), query_timeout_s=5.0)
    yield from serve(create_app(settings, store=store))


def wrapper(base_url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(base_url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_sparqlwrapper_select_json_get_and_post(base_url):
    for method in ("GET", POST):
        sparql = wrapper(base_url, STATES)
        sparql.setMethod(method)
        result = sparql.query().convert()
        assert [b["label"]["value"] for b in result["results"]["bindings"]] == [
            "China", "India", "Pakistan", "Russia"]


def test_sparqlwrapper_select_xml(base_url):
    document = wrapper(base_url, STATES, XML).query().convert()
    literals = [n.firstChild.data for n in document.getElementsByTagName("literal")]
    assert literals == ["China", "India", "Pakistan", "Russia"]


def test_sparqlwrapper_ask(base_url):
    result = wrapper(base_url, PROLOGUE + "ASK WHERE { ?s bl:isoCode 'PAK' }").query().convert()
    assert result["boolean"] is True


def test_sparqlwrapper_construct(base_url, kb):
    query = PROLOGUE + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a bl:State ; rdfs:label ?l }"
    turtle = wrapper(base_url, query, TURTLE).query().convert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert (kb.rus, RDFS.label, Literal("Russia", lang="en")) in graph
    from_xml = wrapper(base_url, query, XML).query().convert()  # RDF/XML, parsed by the client
    assert len(from_xml) == 4


def test_sparqlwrapper_errors(base_url):
    with pytest.raises(QueryBadFormed):
        wrapper(base_url, "SELECT ?s WHERE { ?s ?p }").query()
    update = wrapper(base_url, "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }")
    update.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as caught:
        update.query()
    assert caught.value.code == 403


def test_rdflib_sparqlstore(base_url, kb):
    graph = Graph(store=SPARQLStore(query_endpoint=base_url + "/sparql", returnFormat="json"))
    rows = list(graph.query(STATES))
    assert [str(r.label) for r in rows] == ["China", "India", "Pakistan", "Russia"]
    assert rows[3].s == kb.rus
    assert graph.query(PROLOGUE + "ASK WHERE { ?s bl:isoCode 'IND' }").askAnswer is True


def test_linked_data_dereference(base_url, kb):
    graph = Graph().parse(base_url + "/id/state/RUS", format="turtle")
    assert (kb.rus, RDFS.label, Literal("Russia", lang="en")) in graph
    request = urllib.request.Request(base_url + "/id/state/RUS",
                                     headers={"Accept": "application/ld+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/ld+json")
        assert len(Graph().parse(data=response.read(), format="json-ld")) > 3


def test_a_long_query_does_not_hold_up_others(tmp_path):
    store = open_store(":memory:")
    ex = "http://example.org/"
    store.replace_graph(URIRef(ex + "g"), [(URIRef(f"{ex}s{i}"), URIRef(ex + "p"), Literal(i))
                                            for i in range(250)])
    app = create_app(Settings(store=str(tmp_path), query_timeout_s=0.6), store=store)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    outcome = {}
    for url in serve(app):

        def ask(query: str, key: str, url: str = url) -> None:
            address = url + "/sparql?" + urllib.parse.urlencode({"query": query})
            try:
                with urllib.request.urlopen(address, timeout=10) as response:
                    outcome[key] = response.status
            except urllib.error.HTTPError as error:
                outcome[key] = error.code
            outcome[key + "_done"] = time.monotonic()

        slow_thread = threading.Thread(target=ask, args=(slow, "slow"))
        slow_thread.start()
        time.sleep(0.1)
        ask("ASK WHERE { ?s ?p 7 }", "quick")
        slow_thread.join(10)
    assert outcome["quick"] == 200 and outcome["slow"] == 503
    assert outcome["quick_done"] < outcome["slow_done"]
    store.close()
