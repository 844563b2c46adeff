"""The closed ``BL`` namespace, the ontology file and the vocabulary contract say the same thing."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from bilateral.mapping.namespaces import BL, PROV, SCHEMA
from bilateral.ontology import ontology_graph, shapes_graph

NS = str(BL._NS)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)

# The fixed terms of the vocabulary contract, with the OWL kind each must have.
CONTRACT: dict[URIRef, list[str]] = {
    OWL.Class: [
        "Article", "State", "Official", "Position", "Visit", "Agreement",
        "MemorandumOfUnderstanding", "Treaty", "Contract", "JointDeclaration",
    ],
    OWL.ObjectProperty: [
        "holdsPosition", "ofState", "visitor", "hostState", "destination", "status", "party",
    ],
    OWL.DatatypeProperty: ["isoCode", "startDate", "endDate", "topic", "signedDate", "count"],
    OWL.NamedIndividual: ["Planned", "Ongoing", "Completed", "Postponed", "Cancelled"],
}


def bl_terms() -> list[str]:
    """Every term name the closed namespace allows."""
    return sorted(name for name in BL.__annotations__ if not name.startswith("_"))


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


def bl_iris_in(graph: Graph) -> set[URIRef]:
    return {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(NS)
    }


def kinds_of(onto: Graph, term: URIRef) -> set[URIRef]:
    return {kind for kind in onto.objects(term, RDF.type) if kind in KINDS}


def test_the_namespace_lists_every_contract_term() -> None:
    names = set(bl_terms())
    assert {name for names_ in CONTRACT.values() for name in names_} <= names


@pytest.mark.parametrize(
    ("kind", "name"), [(kind, name) for kind, names in CONTRACT.items() for name in names]
)
def test_contract_term_has_its_kind(onto: Graph, kind: URIRef, name: str) -> None:
    assert kinds_of(onto, BL[name]) == {kind}


@pytest.mark.parametrize("name", bl_terms())
def test_every_namespace_term_is_declared_once(onto: Graph, name: str) -> None:
    assert len(kinds_of(onto, BL[name])) == 1, f"bl:{name} needs exactly one OWL kind"


def test_the_ontology_uses_no_term_outside_the_namespace(onto: Graph) -> None:
    assert {str(iri)[len(NS):] for iri in bl_iris_in(onto)} - set(bl_terms()) == set()


def test_the_shapes_use_no_term_outside_the_namespace() -> None:
    assert {str(iri)[len(NS):] for iri in bl_iris_in(shapes_graph())} - set(bl_terms()) == set()


@pytest.mark.parametrize("name", bl_terms())
@pytest.mark.parametrize("predicate", [RDFS.label, RDFS.comment])
def test_every_term_has_an_english_label_and_comment(
    onto: Graph, name: str, predicate: URIRef
) -> None:
    values = list(onto.objects(BL[name], predicate))
    assert any(isinstance(v, Literal) and v.language == "en" and str(v).strip() for v in values)


def test_contract_alignments(onto: Graph) -> None:
    assert (BL.Article, RDFS.subClassOf, SCHEMA.NewsArticle) in onto
    assert (BL.Article, RDFS.subClassOf, PROV.Entity) in onto
    for kind in ("MemorandumOfUnderstanding", "Treaty", "Contract", "JointDeclaration"):
        assert (BL[kind], RDFS.subClassOf, BL.Agreement) in onto
