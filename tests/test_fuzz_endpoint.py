"""Fuzzing with hypothesis: the endpoint's parameter handling never fails with a 500, and the
SERVICE check catches every text the engine would really send out (checked against the engine).
"""

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef
from werkzeug.datastructures import MultiDict

from bilateral.config import Settings
from bilateral.errors import BilateralError
from bilateral.store import Store, open_store
from bilateral.web import create_app
from bilateral.web.sparql_text import uses_service

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
MEDIA = ["application/json", "application/sparql-results+json", "text/csv", "text/turtle",
         "application/ld+json", "text/html", "*/*", "application/xml", "text/*"]
FORMATS = ["json", "xml", "csv", "tsv", "turtle", "ttl", "jsonld", "nt", "rdfxml", "html", ""]
QUERIES = ["SELECT * WHERE { ?s ?p ?o } LIMIT 2", "ASK { ?s ?p ?o }",
           "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2", "DESCRIBE <http://x/>", "SELECT", "DROP ALL"]


@pytest.fixture(scope="module")
def client(kb_store, tmp_path_factory: pytest.TempPathFactory):
    store, _ = kb_store
    settings_ = Settings(store=str(tmp_path_factory.mktemp("unused")), query_timeout_s=5.0,
                         max_query_bytes=2_000)
    app = create_app(settings_, store=store, write_token="")
    app.config["TESTING"] = True
    return app.test_client()


def assert_no_server_error(response) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:500]


text = st.text(max_size=300)
query_text = st.one_of(text, st.sampled_from(QUERIES),
                       st.builds(lambda q, t: q + t, st.sampled_from(QUERIES), text))
params = st.lists(st.tuples(
    st.sampled_from(["query", "update", "format", "output", "default-graph-uri",
                     "named-graph-uri", "query", "x"]),
    st.one_of(text, st.sampled_from(QUERIES + FORMATS + ["http://x/g", "urn:x", "<x>", "x:"])),
), max_size=6)
accept = st.one_of(st.sampled_from(MEDIA), text.map(lambda t: " ".join(t.splitlines())),
                   st.lists(st.sampled_from(MEDIA), max_size=4).map(", ".join))


@FUZZ
@given(params=params, accept=accept, method=st.sampled_from(["GET", "POST"]))
def test_sparql_parameters_never_500(client, params, accept, method):
    headers = {"Accept": accept.encode("latin-1", "replace").decode("latin-1")}
    if method == "GET":
        response = client.get("/sparql", query_string=MultiDict(params), headers=headers)
    else:
        response = client.post("/sparql", data=MultiDict(params), headers=headers)
    assert_no_server_error(response)


@FUZZ
@given(query=query_text, fmt=st.sampled_from(FORMATS), accept=st.sampled_from(MEDIA))
def test_queries_never_500(client, query, fmt, accept):
    args = {"query": query, **({"format": fmt} if fmt else {})}
    assert_no_server_error(client.get("/sparql", query_string=args, headers={"Accept": accept}))
    direct = client.post("/sparql", data=query.encode("utf-8", "surrogatepass"),
                         headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert_no_server_error(direct)


@FUZZ
@given(body=st.binary(max_size=400), kind=st.sampled_from([
    "application/x-www-form-urlencoded", "application/sparql-query",
    "application/sparql-update", "multipart/form-data", "text/plain", ""]))
def test_raw_bodies_never_500(client, body, kind):
    for prefix in (b"", b"query=", b"query=SELECT%20*%20%7B%7D&format="):
        response = client.post("/sparql", data=prefix + body, headers={"Content-Type": kind})
        assert_no_server_error(response)


@FUZZ
@given(path=st.text(st.characters(blacklist_categories=["Cs"]), max_size=80),
       suffix=st.sampled_from(["", ".ttl", ".jsonld", ".nt", ".html"]),
       accept=st.sampled_from(MEDIA))
def test_entity_paths_never_500(client, path, suffix, accept):
    for prefix in ("/id/", "/bilateral/id/", "/id/state/", "/resource?iri="):
        response = client.get(prefix + path + suffix, headers={"Accept": accept})
        assert_no_server_error(response)


# --- the SERVICE check against the engine itself ---------------------------------------------

class Watch:
    """A listening loopback socket; a thread closes each connection at once and counts it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.port = self.socket.getsockname()[1]
        self.count = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.count += 1
            connection.close()


@pytest.fixture(scope="module")
def engine() -> Iterator[tuple[Store, Watch]]:
    """A one-triple store, and a socket that counts the engine's connections."""
    store = open_store(":memory:")
    node = URIRef("http://x/n")
    store.replace_graph(URIRef("http://x/g"), [(node, node, node)])
    watch = Watch()
    yield store, watch
    watch.socket.close()
    store.close()


# Pieces around a SERVICE call: some are meant to hide it from a naive scan.
NOISE = ["", " ", "\n", ". ", "; ", "?s ?p ?o ", "FILTER(1<2)", "FILTER(?s<?o)", "#>\n", "#x\n",
         "'''\n", "#'''\n", "'x' ", '"x" ', "ex:a\\' ", "ex:a ", "<http://x/#>", "<http://x/'>",
         "BIND(<E> AS ?u) ", "OPTIONAL { ", "{ ", "} ", "FILTER EXISTS { ", "1", "?service ",
         "_:b ", "@en ", "^^ex:t "]
KEYWORD = ["SERVICE", "service", "sErViCe", "SERVICE SILENT", "SERVICESILENT", "SERVICE#>\n"]
TARGET = ["<E>", ":x", "?u", " <E>", "#>\n<E>"]


@settings(max_examples=400, deadline=None)
@given(before=st.lists(st.sampled_from(NOISE), max_size=5), keyword=st.sampled_from(KEYWORD),
       glue=st.sampled_from(["", " ", "\n"]), target=st.sampled_from(TARGET),
       after=st.lists(st.sampled_from(NOISE), max_size=4))
def test_every_text_the_engine_sends_out_is_refused(engine, before, keyword, glue, target,
                                                     after):
    store, watch = engine
    middle = "".join(before) + keyword + glue + target + "{ ?s ?p ?o }" + "".join(after)
    query = "PREFIX ex: <http://x/> PREFIX : <E> SELECT * WHERE { ?s ?p ?o " + middle + " }"
    query = query.replace("<E>", f"<http://127.0.0.1:{watch.port}/sparql>")
    before_count = watch.count
    try:
        result = store.query(query)
        list(getattr(result, "rows", []))
    except (BilateralError, OSError, RuntimeError, SyntaxError, ValueError):
        pass
    time.sleep(0.002)  # let the watcher count a connection the engine opened
    if watch.count > before_count:
        assert uses_service(query), query
