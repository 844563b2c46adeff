"""The ontology as a graph, and two checks of instance data: OWL 2 reasoning and SHACL shapes.

The only module that imports owlready2. ``check_consistency`` runs HermiT (a Java program that
owlready2 ships) on the ontology plus the part of the data that can bear on consistency;
``check_shapes`` runs pyshacl with ``ontology/shapes.ttl``.

>>> from bilateral.mapping.namespaces import BL
>>> (BL.Visit, None, None) in ontology_graph()
True
"""

import io
import shutil
from dataclasses import dataclass, field

import owlready2
import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from bilateral.errors import ReasonerError
from bilateral.mapping.namespaces import ONTOLOGY_IRI, PREFIXES
from bilateral.resources import ontology_dir

_BUILTIN = tuple(str(ns) for ns in (OWL, RDF, RDFS, XSD))


@dataclass
class ConsistencyReport:
    """What HermiT made of the ontology and the data."""

    ok: bool
    messages: list[str] = field(default_factory=list)
    inconsistent_classes: list[str] = field(default_factory=list)


@dataclass
class ShapesReport:
    """What pyshacl made of the data: ``ok`` when it conforms to every shape."""

    ok: bool
    messages: list[str] = field(default_factory=list)


def ontology_graph() -> Graph:
    """A fresh graph of ``ontology/bilateral.ttl``."""
    return _parse("bilateral.ttl")


def shapes_graph() -> Graph:
    """A fresh graph of ``ontology/shapes.ttl``."""
    return _parse("shapes.ttl")


def check_consistency(data: Graph | None = None) -> ConsistencyReport:
    """Run HermiT on the ontology plus ``data``; not ok when they are inconsistent.

    Only what can bear on consistency goes to the reasoner: ``rdf:type`` triples, values of
    the object and datatype properties the ontology declares, and ``owl:sameAs`` /
    ``owl:differentFrom`` between IRIs. Annotations (labels, titles, sources) are dropped, and
    outside IRIs (Wikidata entities, undeclared classes) are declared so that the input stays
    OWL 2 DL. Ill-typed literals (``"abc"^^xsd:integer``), which owlready2 cannot parse, are
    left out and reported, and make the report not ok, as they make an ontology inconsistent.
    HermiT knows neither ``xsd:date`` nor ``xsd:gYearMonth`` / ``xsd:gYear``, so it runs with
    unsupported datatypes ignored; the SHACL shapes check date literals instead.

    :raises ReasonerError: when Java is missing or HermiT fails.

    >>> check_consistency().ok
    True
    """
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise ReasonerError(
            f"cannot run the HermiT reasoner: no {owlready2.JAVA_EXE!r} on PATH; "
            "install a Java runtime (e.g. apt-get install default-jre-headless)"
        )
    ontology = ontology_graph()
    data = _as_graph(data) if data is not None else Graph()
    names = _prefixed().namespace_manager
    ill_typed = [
        f"ill-typed literal: {s.n3(names)} {p.n3(names)} {o.n3(names)}"
        for s, p, o in data
        if isinstance(o, Literal) and o.ill_typed
    ]
    source = _reasoner_input(ontology, data).serialize(format="nt", encoding="utf-8")
    world = owlready2.World()
    try:
        world.get_ontology(ONTOLOGY_IRI).load(fileobj=io.BytesIO(source), format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError:
            hints = _disjointness_hints(ontology, data)
            return ConsistencyReport(
                False, ["HermiT: the ontology and data are inconsistent", *hints, *ill_typed]
            )
        except (owlready2.OwlReadyJavaError, owlready2.OwlReadyOntologyParsingError) as error:
            raise ReasonerError(f"HermiT failed: {error}") from error
        classes = sorted(c.iri for c in world.inconsistent_classes())
    finally:
        world.close()
    messages = [f"unsatisfiable class: {iri}" for iri in classes] + ill_typed
    ok = not messages
    return ConsistencyReport(ok, messages or ["HermiT: consistent"], classes)


def check_shapes(data: Graph) -> ShapesReport:
    """Validate ``data`` against ``ontology/shapes.ttl``, one readable line per violation.

    A :class:`~rdflib.Dataset` is checked as the union of its graphs. The ontology is added to a
    copy of the data rather than given as pyshacl's ``ont_graph``, whose deep copy of named
    individuals (the SKOS concepts, linked both ways to their schemes) takes exponential time.

    >>> check_shapes(Graph()).ok
    True
    """
    mixed = _prefixed()
    mixed += _as_graph(data)
    mixed += ontology_graph()
    conforms, results, _ = pyshacl.validate(
        mixed, shacl_graph=shapes_graph(), inference="none", allow_warnings=True, inplace=True
    )
    return ShapesReport(bool(conforms), _describe(results))


def _parse(name: str) -> Graph:
    return _prefixed().parse(ontology_dir() / name, format="turtle")


def _prefixed() -> Graph:
    graph = Graph()
    for prefix, namespace in {**PREFIXES, "sh": str(SH)}.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def _as_graph(data: Graph) -> Graph:
    if not isinstance(data, Dataset):
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _reasoner_input(ontology: Graph, data: Graph) -> Graph:
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    datatype_properties = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    out = Graph()
    out += ontology

    def individual(*nodes: object) -> None:
        for node in nodes:
            if isinstance(node, URIRef):
                out.add((node, RDF.type, OWL.NamedIndividual))

    for s, p, o in data:
        if p == RDF.type and isinstance(o, URIRef) and not str(o).startswith(_BUILTIN):
            if o not in classes:
                out.add((o, RDF.type, OWL.Class))
        elif p in object_properties and not isinstance(o, Literal):
            individual(o)
        elif p in datatype_properties and isinstance(o, Literal) and not o.ill_typed:
            pass
        elif p in (OWL.sameAs, OWL.differentFrom) and isinstance(o, URIRef):
            individual(o)
        else:
            continue
        out.add((s, p, o))
        individual(s)
    return out


def _disjointness_hints(ontology: Graph, data: Graph) -> list[str]:
    """Data individuals in two disjoint classes: a likely cause of an inconsistency."""
    groups = [
        set(Collection(ontology, members))
        for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
        for members in ontology.objects(axiom, OWL.members)
    ]
    groups += [{a, b} for a, b in ontology.subject_objects(OWL.disjointWith)]
    types: dict[object, set[object]] = {}
    for s, p, o in data:
        if p == RDF.type:
            types.setdefault(s, set()).add(o)
        for prop in ontology.transitive_objects(p, RDFS.subPropertyOf):
            types.setdefault(s, set()).update(_named(ontology.objects(prop, RDFS.domain)))
            if not isinstance(o, Literal):
                types.setdefault(o, set()).update(_named(ontology.objects(prop, RDFS.range)))
    names = _prefixed().namespace_manager
    hints = []
    for node, asserted in types.items():
        closure = {c for t in asserted for c in ontology.transitive_objects(t, RDFS.subClassOf)}
        for group in groups:
            clash = sorted(closure & group)
            if len(clash) > 1:
                both = " and ".join(c.n3(names) for c in clash)
                hints.append(f"{node.n3(names)} is both {both}, which are disjoint")
    return sorted(set(hints))


def _named(nodes: object) -> set[object]:
    return {n for n in nodes if not isinstance(n, BNode)}


def _describe(results: Graph) -> list[str]:
    graph = _prefixed()
    graph += results

    def short(node: object) -> str:
        return node.n3(graph.namespace_manager) if node is not None else "-"

    lines = []
    for result in results.objects(None, SH.result):
        severity = results.value(result, SH.resultSeverity)
        lines.append(
            f"{short(severity).removeprefix('sh:')}: {short(results.value(result, SH.focusNode))}"
            f" {short(results.value(result, SH.resultPath))}:"
            f" {results.value(result, SH.resultMessage) or 'does not conform'}"
            + (f" (value {short(v)})" if (v := results.value(result, SH.value)) is not None else "")
        )
    return sorted(lines)
