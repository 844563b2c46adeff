"""The ontology's modelling, HermiT on it and on instance data, and the SHACL shapes."""

import os
import re
import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from bilateral.mapping.namespaces import BL, ONTOLOGY_IRI, PROV, SCHEMA, WD, WDT
from bilateral.ontology import (
    ReasonerError,
    check_consistency,
    check_shapes,
    ontology_graph,
)
from bilateral.store import Store

ID = Namespace("https://w3id.org/bilateral/id/")
RUS, PAK = ID["state/RUS"], ID["state/PAK"]
LAVROV, KHAR = ID["official/lavrov-rus"], ID["official/khar-pak"]
VISIT, MOU, ARTICLE = ID["visit/lavrov-pak-2012-10"], ID["agreement/mou-energy"], ID["article/a1"]
EVIDENCE = ID["evidence/e1"]
STATUSES = [BL.Planned, BL.Ongoing, BL.Completed, BL.Postponed, BL.Cancelled]


def good_data() -> Graph:
    """Two states, two officials with positions, a visit, an MoU, an article and its evidence."""
    g = Graph()
    islamabad = ID["place/islamabad-pak"]
    for state, iso, name, qid in [(RUS, "RUS", "Russia", "Q159"), (PAK, "PAK", "Pakistan", "Q843")]:
        g.add((state, RDF.type, BL.State))
        g.add((state, BL.isoCode, Literal(iso)))
        g.add((state, RDFS.label, Literal(name, lang="en")))
        g.add((state, OWL.sameAs, WD[qid]))
    g.add((islamabad, RDF.type, BL.City))
    g.add((islamabad, RDFS.label, Literal("Islamabad")))
    g.add((islamabad, BL.locatedIn, PAK))
    g.add((PAK, BL.capital, islamabad))
    for person, name, iso, state in [(LAVROV, "Sergey Lavrov", "rus", RUS),
                                     (KHAR, "Hina Rabbani Khar", "pak", PAK)]:
        post = ID[f"position/{iso}-foreign-minister"]
        g.add((person, RDF.type, BL.Official))
        g.add((person, RDFS.label, Literal(name)))
        g.add((person, BL.familyName, Literal(name.split()[-1])))
        g.add((person, BL.holdsPosition, post))
        g.add((post, RDF.type, BL.Position))
        g.add((post, RDFS.label, Literal(f"Foreign Minister of {iso.upper()}")))
        g.add((post, BL.ofState, state))
        g.add((post, BL.role, BL.ForeignMinister))
    g.add((VISIT, RDF.type, BL.Visit))
    g.add((VISIT, BL.visitor, LAVROV))
    g.add((VISIT, BL.visitingState, RUS))
    g.add((VISIT, BL.hostState, PAK))
    g.add((VISIT, BL.destination, islamabad))
    g.add((VISIT, BL.inviter, KHAR))
    g.add((VISIT, BL.status, BL.Planned))
    g.add((VISIT, BL.startDate, Literal("2012-10", datatype=XSD.gYearMonth)))
    g.add((VISIT, BL.durationDays, Literal(2)))
    g.add((VISIT, BL.eventCode, BL.Cameo042))
    g.add((VISIT, PROV.wasDerivedFrom, ARTICLE))
    g.add((MOU, RDF.type, BL.Agreement))
    g.add((MOU, RDF.type, BL.MemorandumOfUnderstanding))
    g.add((MOU, BL.party, RUS))
    g.add((MOU, BL.party, PAK))
    g.add((MOU, BL.topic, Literal("energy cooperation")))
    g.add((MOU, BL.signedDate, Literal("2012-10-04", datatype=XSD.date)))
    g.add((MOU, BL.signedAt, VISIT))
    relation = ID["relation/PAK-RUS"]
    g.add((relation, RDF.type, BL.BilateralRelation))
    g.add((relation, BL.betweenState, PAK))
    g.add((relation, BL.betweenState, RUS))
    g.add((MOU, BL.concernsRelation, relation))
    g.add((ARTICLE, RDF.type, BL.Article))
    g.add((ARTICLE, DCTERMS.title, Literal("Lavrov to visit Islamabad")))
    g.add((ARTICLE, DCTERMS.date, Literal("2012-09-30", datatype=XSD.date)))
    g.add((ARTICLE, SCHEMA.mentions, LAVROV))
    g.add((EVIDENCE, RDF.type, BL.Evidence))
    g.add((EVIDENCE, BL.sentence, Literal("Lavrov will visit Islamabad in October.")))
    g.add((EVIDENCE, BL.startOffset, Literal(0)))
    g.add((EVIDENCE, BL.endOffset, Literal(39)))
    g.add((EVIDENCE, BL.confidence, Literal("0.9", datatype=XSD.decimal)))
    g.add((EVIDENCE, BL.inArticle, ARTICLE))
    g.add((EVIDENCE, BL.evidenceFor, VISIT))
    g.add((VISIT, BL.hasEvidence, EVIDENCE))
    return g


def changed(*add: tuple, remove: tuple = ()) -> Graph:
    """The good data with triples added and (patterns) removed."""
    g = good_data()
    for pattern in remove:
        g.remove(pattern)
    for triple in add:
        g.add(triple)
    return g


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


# --- the ontology as a graph ---------------------------------------------------------------


def test_ontology_header(onto: Graph) -> None:
    head = URIRef(ONTOLOGY_IRI)
    assert (head, RDF.type, OWL.Ontology) in onto
    assert onto.value(head, OWL.versionInfo) is not None
    assert onto.value(head, DCTERMS.license) == URIRef("https://opensource.org/licenses/MIT")
    assert onto.value(head, DCTERMS.title) and onto.value(head, DCTERMS.description)


def test_each_call_gives_a_fresh_graph(onto: Graph) -> None:
    first = ontology_graph()
    first.remove((None, None, None))
    assert len(ontology_graph()) == len(onto) > 500


def test_core_classes_are_pairwise_disjoint(onto: Graph) -> None:
    core = {BL.State, BL.Official, BL.Organization, BL.Event, BL.Agreement, BL.Article}
    groups = [set(Collection(onto, onto.value(axiom, OWL.members)))
              for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses)]
    assert any(core <= group for group in groups)


def test_statuses_form_a_scheme_aligned_to_schema_org(onto: Graph) -> None:
    matches = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
    for status in STATUSES:
        assert {OWL.NamedIndividual, BL.EventStatus, SKOS.Concept} <= set(
            onto.objects(status, RDF.type))
        assert (status, SKOS.inScheme, BL.EventStatusScheme) in onto
        assert any(str(o).startswith(str(SCHEMA.Event)) for m in matches
                   for o in onto.objects(status, m))
    assert (BL.Postponed, SKOS.exactMatch, SCHEMA.EventPostponed) in onto
    assert (BL.Cancelled, SKOS.exactMatch, SCHEMA.EventCancelled) in onto
    different = [set(Collection(onto, onto.value(axiom, OWL.distinctMembers)))
                 for axiom in onto.subjects(RDF.type, OWL.AllDifferent)]
    assert set(STATUSES) in different
    assert (BL.EventStatus, RDFS.subClassOf, SCHEMA.EventStatusType) in onto


def test_roles_and_event_codes_are_concepts_of_their_schemes(onto: Graph) -> None:
    roles = set(onto.subjects(SKOS.inScheme, BL.RoleScheme))
    assert len(roles) == 15
    assert all((role, RDF.type, BL.Role) in onto for role in roles)
    assert (BL.HeadOfState, SKOS.exactMatch, WD.Q48352) in onto
    assert (BL.ForeignMinister, SKOS.exactMatch, WD.Q7330070) in onto
    assert (BL.Ambassador, SKOS.broader, BL.Envoy) in onto
    notations = {str(onto.value(code, SKOS.notation))
                 for code in onto.subjects(SKOS.inScheme, BL.CameoScheme)}
    assert notations == {"036", "040", "042", "043", "057"}


def test_inverses_and_what_is_not_functional(onto: Graph) -> None:
    assert (BL.madeVisit, OWL.inverseOf, BL.visitor) in onto
    assert (BL.hosted, OWL.inverseOf, BL.hostState) in onto
    assert (BL.hasEvidence, OWL.inverseOf, BL.evidenceFor) in onto
    # Articles of different dates may give one visit different statuses.
    assert (BL.status, RDF.type, OWL.FunctionalProperty) not in onto
    assert (BL.isoCode, RDF.type, OWL.FunctionalProperty) in onto


def test_wikidata_alignments_are_annotations_only(onto: Graph) -> None:
    logical = {RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass,
               OWL.equivalentProperty, OWL.sameAs, RDF.type}
    wikidata = ("http://www.wikidata.org/",)
    assert not [t for t in onto if t[1] in logical and str(t[2]).startswith(wikidata)]
    assert (BL.isoCode, SKOS.exactMatch, WDT.P298) in onto
    assert (BL.State, SKOS.closeMatch, WD.Q3624078) in onto


def test_date_ranges_are_literals_hermit_accepts(onto: Graph) -> None:
    for prop in (BL.startDate, BL.endDate, BL.date, BL.signedDate, BL.tenureStart, BL.tenureEnd):
        assert onto.value(prop, RDFS.range) == RDFS.Literal


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("javac") is None, reason="needs a JDK to compile the check")
def test_ontology_is_in_the_owl2_dl_profile(onto: Graph, tmp_path: Path) -> None:
    """OWL API (bundled with owlready2's HermiT) checks the OWL 2 DL profile."""
    jar = Path(find_spec("owlready2").origin).parent / "hermit" / "HermiT.jar"
    (tmp_path / "DLCheck.java").write_text(DL_CHECK)
    onto.serialize(tmp_path / "onto.owl", format="xml")
    subprocess.run(["javac", "-cp", str(jar), "DLCheck.java"], cwd=tmp_path, check=True)
    classpath = os.pathsep.join([str(jar), "."])
    out = subprocess.run(["java", "-cp", classpath, "DLCheck", "onto.owl"], cwd=tmp_path,
                         check=True, capture_output=True, text=True).stdout
    assert out.strip().endswith("in DL: true"), out


DL_CHECK = """
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.*;
public class DLCheck {
  public static void main(String[] args) throws Exception {
    OWLOntology o = OWLManager.createOWLOntologyManager()
        .loadOntologyFromOntologyDocument(new File(args[0]));
    OWLProfileReport report = new OWL2DLProfile().checkOntology(o);
    for (OWLProfileViolation v : report.getViolations()) System.out.println(v);
    System.out.println("in DL: " + report.isInProfile());
  }
}
"""


# --- HermiT ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_ontology_alone_is_consistent_with_no_unsatisfiable_class() -> None:
    report = check_consistency()
    assert report.ok and report.inconsistent_classes == []


@pytest.mark.slow
def test_good_data_is_consistent() -> None:
    report = check_consistency(good_data())
    assert report.ok, report.messages


@pytest.mark.slow
def test_two_statuses_from_two_articles_stay_consistent() -> None:
    merged = changed((VISIT, BL.status, BL.Postponed))
    assert check_consistency(merged).ok
    assert check_shapes(merged).ok


BAD_FOR_HERMIT: dict[str, Graph] = {
    "official typed a state": changed((LAVROV, RDF.type, BL.State)),
    "official as host state": changed((VISIT, BL.hostState, KHAR)),
    "two iso codes": changed((RUS, BL.isoCode, Literal("RUX"))),
    "negative offset": changed(
        (EVIDENCE, BL.startOffset, Literal(-3)), remove=[(EVIDENCE, BL.startOffset, None)]),
    "status individuals merged": changed((BL.Planned, OWL.sameAs, BL.Cancelled)),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", BAD_FOR_HERMIT)
def test_bad_data_is_inconsistent(name: str) -> None:
    report = check_consistency(BAD_FOR_HERMIT[name])
    assert not report.ok


@pytest.mark.slow
def test_ill_typed_literals_are_reported() -> None:
    report = check_consistency(changed((MOU, BL.count, Literal("many", datatype=XSD.integer))))
    assert not report.ok
    assert any("ill-typed" in m and '"many"' in m for m in report.messages), report.messages


@pytest.mark.slow
def test_inconsistency_names_the_disjoint_classes() -> None:
    report = check_consistency(BAD_FOR_HERMIT["official as host state"])
    assert any("khar-pak" in m and "bl:Official and bl:State" in m for m in report.messages), (
        report.messages
    )


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReasonerError, match="Java"):
        check_consistency(good_data())


# --- SHACL -----------------------------------------------------------------------------------


def test_good_data_conforms() -> None:
    report = check_shapes(good_data())
    assert report.ok and report.messages == []


def _date(value: str, datatype: URIRef | None = None) -> Literal:
    return Literal(value, datatype=datatype)


BAD_FOR_SHAPES: dict[str, tuple[Graph, str]] = {
    "two host states": (changed((VISIT, BL.hostState, RUS)), "bl:hostState"),
    "month 13": (changed((VISIT, BL.endDate, _date("2012-13", XSD.gYearMonth))), "bl:endDate"),
    "month as a date": (changed((MOU, BL.signedDate, _date("2012-10", XSD.date))), "bl:signedDate"),
    "untyped date": (changed((VISIT, BL.endDate, _date("2012-10-05"))), "bl:endDate"),
    "no status": (changed(remove=[(VISIT, BL.status, None)]), "bl:status"),
    "unknown status": (changed((VISIT, BL.status, BL.Cameo040)), "bl:status"),
    "no visitor": (changed(remove=[(VISIT, BL.visitor, None)]), "bl:visitor"),
    "lower-case iso": (
        changed((PAK, BL.isoCode, Literal("pak")), remove=[(PAK, BL.isoCode, None)]), "bl:isoCode"
    ),
    "unnamed official": (changed(remove=[(KHAR, RDFS.label, None)]), "rdfs:label"),
    "agreement without party": (changed(remove=[(MOU, BL.party, None)]), "bl:party"),
    "zero count": (changed((MOU, BL.count, Literal(0))), "bl:count"),
    "start after end": (
        changed((EVIDENCE, BL.startOffset, Literal(50)), remove=[(EVIDENCE, BL.startOffset, None)]),
        "bl:startOffset",
    ),
    "confidence above one": (
        changed((EVIDENCE, BL.confidence, Literal(1.5)), remove=[(EVIDENCE, BL.confidence, None)]),
        "bl:confidence",
    ),
    "two titles": (changed((ARTICLE, DCTERMS.title, Literal("Another"))), "dcterms:title"),
    "relation of one state": (changed(remove=[(None, BL.betweenState, RUS)]), "bl:betweenState"),
    "position without state": (
        changed(remove=[(ID["position/pak-foreign-minister"], BL.ofState, None)]), "bl:ofState"
    ),
}


@pytest.mark.parametrize("name", BAD_FOR_SHAPES)
def test_shapes_report_bad_data(name: str) -> None:
    data, path = BAD_FOR_SHAPES[name]
    report = check_shapes(data)
    assert not report.ok
    assert any(f" {path}:" in message for message in report.messages), report.messages


def test_a_dataset_is_checked_as_the_union_of_its_graphs() -> None:
    ds = Dataset()
    first, second = ds.graph(URIRef("urn:x:article-1")), ds.graph(URIRef("urn:x:article-2"))
    for triple in good_data():
        first.add(triple)
    assert check_shapes(ds).ok
    second.add((VISIT, BL.hostState, RUS))
    report = check_shapes(ds)
    assert not report.ok and any(" bl:hostState:" in m for m in report.messages)


# --- the shared fixture knowledge base ------------------------------------------------------


@pytest.mark.slow
def test_fixture_knowledge_base_passes_both_checks(store: Store) -> None:
    graph = Graph()
    for s, p, o, _ in store.quads():
        graph.add((s, p, o))
    shapes = check_shapes(graph)
    assert shapes.ok, shapes.messages
    assert check_consistency(graph).ok


def test_only_the_ontology_module_imports_owlready2() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "bilateral"
    imports = re.compile(r"^\s*(import|from) owlready2", re.MULTILINE)
    importers = {path.relative_to(src).as_posix() for path in src.rglob("*.py")
                 if imports.search(path.read_text(encoding="utf-8"))}
    assert importers == {"ontology.py"}
