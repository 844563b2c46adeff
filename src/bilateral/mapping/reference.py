"""The reference graph: every state with its code, Wikidata entity, names and capitals.

Its triples belong in the named graph :data:`bilateral.mapping.iris.REFERENCE_GRAPH`.

>>> from rdflib import Graph
>>> graph = Graph()
>>> graph += reference_triples()
>>> graph.value(state_iri("RUS"), BL.isoCode)
rdflib.term.Literal('RUS')
>>> graph.value(graph.value(state_iri("RUS"), BL.capital), OWL.sameAs)
rdflib.term.URIRef('http://www.wikidata.org/entity/Q649')
"""

from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from bilateral.mapping.iris import REFERENCE_GRAPH, place_iri, state_iri
from bilateral.mapping.namespaces import BL, WD
from bilateral.reference.gazetteer import StateInfo, load_states

Triple = tuple[URIRef, URIRef, Node]
Quad = tuple[URIRef, URIRef, Node, URIRef]


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def state_triples(state: StateInfo) -> Iterator[Triple]:
    """The triples describing one state and its capitals.

    >>> from bilateral.reference.gazetteer import state_by_iso
    >>> (state_iri("GBR"), SKOS.altLabel, Literal("Britain", lang="en")) in set(
    ...     state_triples(state_by_iso("GBR")))
    True
    """
    subject = state_iri(state.iso3)
    yield subject, RDF.type, BL.State
    yield subject, BL.isoCode, Literal(state.iso3)
    yield subject, OWL.sameAs, WD[state.wikidata]
    yield subject, RDFS.label, Literal(state.name)
    yield subject, SKOS.prefLabel, _en(state.name)
    yield subject, BL.officialName, _en(state.official_name)
    for alias in state.aliases:
        yield subject, SKOS.altLabel, _en(alias)
    for demonym in state.demonyms:
        yield subject, BL.demonym, _en(demonym)
    for capital in state.capital_places:
        city = place_iri(capital.name, state.iso3)
        yield subject, BL.capital, city
        yield city, RDF.type, BL.City
        yield city, RDFS.label, Literal(capital.name)
        yield city, SKOS.prefLabel, _en(capital.name)
        for alias in capital.aliases:
            yield city, SKOS.altLabel, _en(alias)
        yield city, BL.locatedIn, subject
        if capital.wikidata:
            yield city, OWL.sameAs, WD[capital.wikidata]


def reference_triples() -> Iterator[Triple]:
    """The triples of the reference graph: all 197 states of the reference data."""
    for state in load_states():
        yield from state_triples(state)


def reference_quads() -> Iterator[Quad]:
    """The reference triples placed in the named graph ``REFERENCE_GRAPH``."""
    for s, p, o in reference_triples():
        yield s, p, o, REFERENCE_GRAPH
