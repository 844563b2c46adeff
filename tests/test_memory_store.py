"""rdflib's in-memory engine behind the Store interface: the same contract as Oxigraph's.

The contract checks run on both engines side by side; then the web app's pages and every
named query run over the fixture knowledge base held in rdflib.
"""

import io
import json
import threading

import pytest
from rdflib import XSD, Dataset, Literal, URIRef

from bilateral.errors import QueryError
from bilateral.mapping import iris
from bilateral.queries import load_named_queries
from bilateral.store import OxigraphStore, Store
from bilateral.store.memory import RdflibStore
from conftest import build_kb

EX = "http://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")
S, P = URIRef(EX + "s"), URIRef(EX + "p")
HTML = {"Accept": "text/html"}


@pytest.fixture(params=["rdflib", "oxigraph"])
def any_store(request):
    store = RdflibStore() if request.param == "rdflib" else OxigraphStore(None)
    yield store
    store.close()


def test_replace_graph_swaps_exactly_that_graph(any_store):
    any_store.replace_graph(G1, [(S, P, Literal(1)), (S, P, Literal(2))])
    any_store.replace_graph(G2, [(S, P, Literal(3))])
    any_store.replace_graph(G1, [(S, P, Literal(9))])
    assert any_store.count(G1) == 1 and any_store.count(G2) == 1 and any_store.count() == 2
    assert sorted(map(str, any_store.graphs())) == [str(G1), str(G2)]
    assert any_store.has_graph(G1) and not any_store.has_graph(URIRef(EX + "none"))


def test_replace_graphs_writes_several_and_empty_means_gone(any_store):
    any_store.replace_graphs({G1: [(S, P, Literal(1))], G2: [(S, P, Literal(2))]})
    any_store.replace_graphs({G1: [], G2: [(S, P, Literal(5))]})
    assert [str(g) for g in any_store.graphs()] == [str(G2)]
    assert [q[2] for q in any_store.quads(G2)] == [Literal(5)]


def test_default_graph_is_the_union_of_named_graphs(any_store):
    any_store.replace_graph(G1, [(S, P, Literal(1))])
    any_store.replace_graph(G2, [(S, P, Literal(2))])
    rows = list(any_store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o } ORDER BY ?o").rows)
    assert [int(r["o"]) for r in rows] == [1, 2]


def test_remove_graph_reports_whether_it_existed(any_store):
    any_store.replace_graph(G1, [(S, P, Literal(1))])
    assert any_store.remove_graph(G1) is True
    assert any_store.remove_graph(G1) is False
    assert any_store.count() == 0 and any_store.graphs() == []


def test_quads_carry_their_graph(any_store):
    any_store.replace_graph(G1, [(S, P, Literal(1))])
    any_store.replace_graph(G2, [(S, P, Literal(1))])
    assert sorted(any_store.quads()) == [(S, P, Literal(1), G1), (S, P, Literal(1), G2)]
    assert list(any_store.quads(G2)) == [(S, P, Literal(1), G2)]


def test_bindings_are_values_not_text(any_store):
    any_store.replace_graph(G1, [(S, P, Literal("a")), (URIRef(EX + "t"), P, Literal("b"))])
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(next(any_store.query(query, bindings={"o": Literal("a")}).rows)["n"]) == 1
    hostile = Literal('a" } ?x ?y ?z { "')
    assert int(next(any_store.query(query, bindings={"o": hostile}).rows)["n"]) == 0


def test_bad_variable_name_and_bad_query_raise_query_error(any_store):
    with pytest.raises(QueryError):
        any_store.query("SELECT * WHERE { ?s ?p ?o }", bindings={"o o": Literal(1)})
    with pytest.raises(QueryError):
        any_store.query("SELECT WHERE {")
    with pytest.raises(QueryError):
        any_store.query("SELECT * WHERE { ?s nope:p ?o }")


def test_serialized_results_in_standard_formats(any_store):
    any_store.replace_graph(G1, [(S, P, Literal(1))])
    kind, body = any_store.query_serialized("SELECT ?s WHERE { ?s ?p ?o }", "json")
    assert kind == "select"
    assert json.loads(body)["results"]["bindings"][0]["s"]["value"] == str(S)
    kind, body = any_store.query_serialized("ASK { ?s ?p 1 }", "xml")
    assert kind == "ask" and b"true</boolean>" in body
    assert any_store.query_serialized("ASK { ?s ?p 1 }", "csv") == ("ask", b"true")
    kind, body = any_store.query_serialized("SELECT ?s ?o WHERE { ?s ?p ?o }", "tsv")
    header, row = body.decode().splitlines()
    assert header == "?s\t?o" and row.split("\t")[0] == f"<{S}>"
    assert row.split("\t")[1] in ("1", f'"1"^^<{XSD.integer}>')
    kind, body = any_store.query_serialized("SELECT ?s WHERE { ?s ?p ?o }", "csv")
    assert body.decode().splitlines() == ["s", str(S)]
    kind, body = any_store.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }", "ntriples")
    assert kind == "graph" and body.count(b"\n") == 1
    for fmt in ("turtle", "nquads", "trig", "rdfxml"):
        assert any_store.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }", fmt)[1]
    with pytest.raises(QueryError):
        any_store.query_serialized("ASK { ?s ?p 1 }", "turtle")


def test_default_prefixes_are_known(any_store):
    assert any_store.query("ASK { ?v a bl:Visit }").value is False


def test_aggregates_follow_the_specification(any_store):
    any_store.replace_graph(G1, [(S, P, Literal(1)), (URIRef(EX + "t"), P, Literal(2))])
    grouped = "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s <urn:none> ?o } GROUP BY ?s"
    assert list(any_store.query(grouped).rows) == []
    alone = "SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:none> ?o }"
    assert [int(r["n"]) for r in any_store.query(alone).rows] == [0]
    lowest = "SELECT (MIN(STR(?l)) AS ?m) WHERE { ?s ?p ?o OPTIONAL { ?s <urn:l> ?l } }"
    assert [r["m"] for r in any_store.query(lowest).rows] == [None]


def test_protocol_graphs_pick_the_dataset(any_store):
    any_store.replace_graph(G1, [(S, P, Literal(1))])
    any_store.replace_graph(G2, [(S, P, Literal(2))])
    rows = any_store.query("SELECT ?o WHERE { ?s ?p ?o }", default_graphs=[str(G2)]).rows
    assert [int(r["o"]) for r in rows] == [2]
    query = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    rows = any_store.query(query, default_graphs=[str(G1)], named_graphs=[str(G1)]).rows
    assert [r["g"] for r in rows] == [G1]


def test_from_a_graph_not_held_never_fetches_it():
    store = RdflibStore()
    query = "SELECT * FROM <http://127.0.0.1:9/nothing-here> WHERE { ?s ?p ?o }"
    assert list(store.query(query).rows) == []


def test_dump_keeps_graph_names_in_quad_formats(any_store):
    any_store.replace_graph(G1, [(S, P, Literal(1))])
    any_store.replace_graph(G2, [(S, P, Literal("two", lang="en"))])
    whole, one, triples = io.BytesIO(), io.BytesIO(), io.BytesIO()
    any_store.dump(whole, "nquads")
    any_store.dump(one, "nquads", G2)
    any_store.dump(triples, "ntriples", G2)
    back = Dataset()
    back.parse(data=whole.getvalue(), format="nquads")
    assert {(s, p, o, g) for s, p, o, g in back.quads()} == set(any_store.quads())
    assert one.getvalue().decode().strip() == f'<{S}> <{P}> "two"@en <{G2}> .'
    assert triples.getvalue().decode().strip() == f'<{S}> <{P}> "two"@en .'


def test_writers_and_readers_never_see_half_a_graph():
    store = RdflibStore()
    big = [(URIRef(f"{EX}s{n}"), P, Literal(n)) for n in range(2_000)]
    seen: list[int] = []

    def read() -> None:
        for _ in range(20):
            seen.append(store.count(G1))

    reader = threading.Thread(target=read)
    reader.start()
    for _ in range(10):
        store.replace_graph(G1, big)
    reader.join()
    assert set(seen) <= {0, len(big)}


def test_load_file_reads_nquads():
    store = RdflibStore()
    store.load_file(io.BytesIO(f'<{S}> <{P}> "x" <{G1}> .\n'.encode()))
    assert list(store.quads()) == [(S, P, Literal("x"), G1)]


# --- the fixture knowledge base on rdflib ---------------------------------------------------

@pytest.fixture(scope="module")
def memory_kb():
    iris.set_base(iris.DEFAULT_BASE)
    store = RdflibStore()
    return store, build_kb(store)


@pytest.fixture
def memory_client(memory_kb, settings):
    from bilateral.web import create_app

    app = create_app(settings, store=memory_kb[0])
    app.config["TESTING"] = True
    return app.test_client()


def path(entity: URIRef) -> str:
    return "/id/" + str(entity).removeprefix(iris.base())


@pytest.mark.parametrize("name, heading", [
    ("rus", "Russia"), ("lavrov", "Sergey Lavrov"), ("visit1", None), ("pak_rus", None),
    ("a3", None), ("talks", None), ("mou", None), ("islamabad", "Islamabad"),
])
def test_entity_pages_answer_over_rdflib(memory_client, memory_kb, name, heading):
    response = memory_client.get(path(getattr(memory_kb[1], name)), headers=HTML)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    if heading:
        assert f"<h1>{heading}</h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", "/queries", "/search?q=putin", "/sparql?query=ASK{}"])
def test_site_pages_answer_over_rdflib(memory_client, url):
    assert memory_client.get(url, headers=HTML).status_code == 200


def test_named_queries_agree_with_oxigraph(memory_kb, store: Store):
    rdflib_store, kb = memory_kb
    given = {"article": str(kb.a1), "entity": str(kb.visit1)}
    for name, query in load_named_queries().items():
        bound = query.bindings({p.name: given[p.name] for p in query.params if p.name in given})
        mine = _rows(rdflib_store, query.text, bound)
        theirs = _rows(store, query.text, bound)
        assert mine == theirs, name


def _rows(store: Store, text: str, bindings: dict) -> list[tuple]:
    """The answer's rows as sorted tuples of strings (GROUP_CONCAT's order left aside).

    An empty GROUP_CONCAT is "" on rdflib and unbound on Oxigraph: both count as "".
    """
    rows = store.query(text, bindings=bindings).rows
    return sorted(tuple(sorted(str(v or "").split(", ")) for v in row.values()) for row in rows)
