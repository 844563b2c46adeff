"""``bilateral link`` against a local SPARQL endpoint serving a few Wikidata-shaped items.

The endpoint is the project's own web app over a store of ``fixtures/wikidata/items.ttl``,
on 127.0.0.1: no outside network.
"""

import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, XSD
from werkzeug.serving import make_server

from bilateral.cli import main
from bilateral.config import Settings
from bilateral.export import export
from bilateral.link import link_store
from bilateral.mapping.iris import LINK_GRAPH
from bilateral.mapping.namespaces import WD
from bilateral.reconcile import WIKIDATA_ENDPOINT, LinkError
from bilateral.store import OxigraphStore, open_store
from bilateral.web import create_app
from conftest import build_kb

ITEMS = Path(__file__).parent / "fixtures" / "wikidata" / "items.ttl"
SSSOM = Namespace("https://w3id.org/sssom/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
P = Namespace("http://www.wikidata.org/prop/")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """The URL of a SPARQL endpoint on loopback serving the Wikidata-shaped fixture."""
    store = open_store(":memory:")
    store.replace_graph(URIRef("urn:x-fixture:wikidata"), Graph().parse(str(ITEMS)))
    app = create_app(Settings(store=str(tmp_path_factory.mktemp("unused"))), store=store)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    thread.join(timeout=5)
    store.close()


@pytest.fixture
def kb_pair():
    """A fresh store with the fixture knowledge base (link writes into it)."""
    store = open_store(":memory:")
    yield store, build_kb(store)
    store.close()


def test_links_are_recorded_with_their_reasons(endpoint, kb_pair):
    store, kb = kb_pair
    report = link_store(store, endpoint)
    found = {m.subject: m.target for m in report.matches}
    assert found[kb.lavrov] == WD.Q90000001  # label, citizenship, position of Russia
    assert found[kb.putin] == WD.Q90000003  # the ship of the same name is no official
    assert found[kb.zardari] == WD.Q90000005  # by alias; the namesake of another state is not
    assert found[kb.sco] == WD.Q90000201
    assert kb.khar not in found and kb.khar in report.ambiguous  # two equally good items
    positions = {str(m.subject).rsplit("/", 1)[1]: m.target for m in report.matches
                 if m.kind == "position"}
    assert positions == {"rus-foreign-minister": WD.Q90000101, "rus-president": WD.Q90000102,
                         "pak-president": WD.Q90000104}
    assert "linked 3 of 4 officials and 1 of 1 organizations" in report.summary()
    graph = Graph()
    for s, p, o, _ in store.quads(LINK_GRAPH):
        graph.add((s, p, o))
    assert (kb.lavrov, OWL.sameAs, WD.Q90000001) in graph
    record = next(graph.subjects(OWL.annotatedSource, kb.lavrov))
    assert (record, RDF.type, OWL.Axiom) in graph
    assert graph.value(record, OWL.annotatedTarget) == WD.Q90000001
    assert graph.value(record, SSSOM.confidence) == Literal(1.0, datatype=XSD.double)
    assert "citizenship (P27)" in str(graph.value(record, URIRef(
        "http://www.w3.org/2000/01/rdf-schema#comment")))
    assert graph.value(record, URIRef("http://purl.org/dc/terms/source")) == URIRef(endpoint)
    sco = next(graph.subjects(OWL.annotatedSource, kb.sco))
    assert graph.value(sco, SSSOM.confidence) == Literal(0.8, datatype=XSD.double)


def test_a_higher_bar_links_less_and_a_rerun_replaces_the_links(endpoint, kb_pair):
    store, kb = kb_pair
    link_store(store, endpoint)
    report = link_store(store, endpoint, min_score=0.9)
    assert kb.sco not in {m.subject for m in report.matches}
    objects = {o for _, _, o, _ in store.quads(LINK_GRAPH)}
    assert WD.Q90000201 not in objects and WD.Q90000001 in objects


def test_linked_officials_get_position_held_in_the_wikidata_profile(endpoint, kb_pair):
    import io

    store, kb = kb_pair
    link_store(store, endpoint)
    out = io.BytesIO()
    export(store, "ntriples", out, profile="wikidata")
    graph = Graph().parse(data=out.getvalue(), format="nt")
    assert (WD.Q90000001, WDT.P39, WD.Q90000101) in graph
    statement = next(graph.objects(WD.Q90000001, P.P39))
    assert (statement, URIRef(str(P) + "statement/P39"), WD.Q90000101) in graph
    assert (WD.Q90000003, WDT.P39, WD.Q90000102) in graph
    assert not list(graph.triples((kb.khar, WDT.P39, None)))  # not linked: no P39
    assert (kb.visit1, WDT.P710, WD.Q90000001) in graph  # the participant is the item now


def test_the_link_command(endpoint, tmp_path):
    folder = tmp_path / "kb"
    store = OxigraphStore(folder)
    build_kb(store)
    store.close()
    dry = CliRunner().invoke(main, ["link", "--endpoint", endpoint, "--dry-run",
                                    "--store", str(folder)])
    assert dry.exit_code == 0, dry.output
    assert "official/lavrov-rus = http://www.wikidata.org/entity/Q90000001" in dry.output
    store = OxigraphStore(folder)
    assert not store.has_graph(LINK_GRAPH)
    store.close()
    result = CliRunner().invoke(main, ["link", "--endpoint", endpoint, "--store", str(folder)])
    assert result.exit_code == 0, result.output
    assert "linked 3 of 4 officials" in result.output
    store = OxigraphStore(folder)
    assert store.count(LINK_GRAPH) > 0
    store.close()


def test_an_endpoint_that_does_not_answer_is_one_clear_error(tmp_path, kb_pair):
    store, _ = kb_pair
    with pytest.raises(LinkError, match="cannot reach"):
        link_store(store, "http://127.0.0.1:9/sparql")
    assert not store.has_graph(LINK_GRAPH)
    folder = tmp_path / "kb"
    on_disk = OxigraphStore(folder)
    build_kb(on_disk)
    on_disk.close()
    result = CliRunner().invoke(main, ["link", "--endpoint", "http://127.0.0.1:9/sparql",
                                       "--store", str(folder)])
    assert result.exit_code != 0
    assert "cannot reach http://127.0.0.1:9/sparql" in result.output
    assert "Traceback" not in result.output


def test_the_default_endpoint_is_wikidata():
    assert WIKIDATA_ENDPOINT == "https://query.wikidata.org/sparql"
    assert CliRunner().invoke(main, ["link", "--help"]).output.count(WIKIDATA_ENDPOINT) == 1


def test_scores_keep_out_what_does_not_fit():
    from bilateral.reconcile import Candidate, ItemFacts, score

    official = Candidate(URIRef("urn:x:o"), "official", {"A B"}, {WD.Q159})
    ship = ItemFacts(WD.Q1, "label", kinds={WD.Q11446})
    assert score(official, ship) == (0.0, ["not a human (P31)"])
    foreigner = ItemFacts(WD.Q2, "label", citizenships={WD.Q30}, kinds={WD.Q5})
    assert score(official, foreigner)[0] == 0.0
    alias_only = ItemFacts(WD.Q3, "alias", kinds={WD.Q5})
    assert score(official, alias_only)[0] == 0.4
    organisation = Candidate(URIRef("urn:x:g"), "organization", {"Ministry"}, {WD.Q159})
    assert score(organisation, ItemFacts(WD.Q4, "label", countries={WD.Q159}))[0] == 0.9
    assert score(organisation, ItemFacts(WD.Q5, "label", countries={WD.Q30}))[0] == 0.0
