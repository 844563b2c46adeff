"""The embedded store: named graphs, the union default graph, bindings, formats, persistence."""

import json

import pytest
from rdflib import Literal, URIRef

from bilateral.errors import QueryError
from bilateral.store import open_store

EX = "http://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")
S, P = URIRef(EX + "s"), URIRef(EX + "p")


@pytest.fixture
def disk_store(tmp_path):
    store = open_store(str(tmp_path / "kb"))
    yield store
    store.close()


def test_replace_graph_swaps_exactly_that_graph(disk_store):
    disk_store.replace_graph(G1, [(S, P, Literal(1)), (S, P, Literal(2))])
    disk_store.replace_graph(G2, [(S, P, Literal(3))])
    disk_store.replace_graph(G1, [(S, P, Literal(9))])
    assert disk_store.count(G1) == 1
    assert disk_store.count(G2) == 1
    assert sorted(map(str, disk_store.graphs())) == [str(G1), str(G2)]


def test_default_graph_is_the_union_of_named_graphs(disk_store):
    disk_store.replace_graph(G1, [(S, P, Literal(1))])
    disk_store.replace_graph(G2, [(S, P, Literal(2))])
    rows = list(disk_store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o } ORDER BY ?o").rows)
    assert [int(r["o"]) for r in rows] == [1, 2]


def test_remove_graph_reports_whether_it_existed(disk_store):
    disk_store.replace_graph(G1, [(S, P, Literal(1))])
    assert disk_store.remove_graph(G1) is True
    assert disk_store.remove_graph(G1) is False
    assert disk_store.count() == 0


def test_bindings_are_values_not_text(disk_store):
    disk_store.replace_graph(G1, [(S, P, Literal("a")), (URIRef(EX + "t"), P, Literal("b"))])
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    result = disk_store.query(query, bindings={"o": Literal("a")})
    assert int(next(result.rows)["n"]) == 1
    hostile = Literal('a" } ?x ?y ?z { "')
    result = disk_store.query(query, bindings={"o": hostile})
    assert int(next(result.rows)["n"]) == 0


def test_bad_variable_name_and_bad_query_raise_query_error(disk_store):
    with pytest.raises(QueryError):
        disk_store.query("SELECT * WHERE { ?s ?p ?o }", bindings={"o o": Literal(1)})
    with pytest.raises(QueryError):
        disk_store.query("SELECT WHERE {")


def test_serialized_results_in_standard_formats(disk_store):
    disk_store.replace_graph(G1, [(S, P, Literal(1))])
    kind, body = disk_store.query_serialized("SELECT ?s WHERE { ?s ?p ?o }", "json")
    assert kind == "select"
    assert json.loads(body)["results"]["bindings"][0]["s"]["value"] == str(S)
    kind, body = disk_store.query_serialized("ASK { ?s ?p 1 }", "xml")
    assert kind == "ask" and b"<boolean>true</boolean>" in body
    kind, body = disk_store.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }", "ntriples")
    assert kind == "graph" and body.count(b"\n") == 1


def test_default_prefixes_are_known(disk_store):
    assert disk_store.query("ASK { ?v a bl:Visit }").value is False


def test_data_survives_reopening(tmp_path):
    path = str(tmp_path / "kb")
    store = open_store(path)
    store.replace_graph(G1, [(S, P, Literal(1))])
    store.close()
    again = open_store(path)
    assert again.count(G1) == 1
    again.close()
