"""Exports of the fixture knowledge base in every format and profile, parsed back twice.

Every file is read by rdflib and by an independent parser (Debian's ``rapper``; for JSON-LD,
which rapper does not read, pyoxigraph's parser) and the counts must agree: the triple
formats with each other, the quad formats with each other.
"""

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, VOID, XSD

from bilateral.export import FORMATS, PROFILES, ExportError, export
from bilateral.exports.context import build_context, published_context
from bilateral.mapping import iris
from bilateral.mapping.iris import DATASET, VOID_GRAPH
from bilateral.mapping.namespaces import BL, SCHEMA, WD
from bilateral.mapping.profiles import ROLE_ITEMS
from bilateral.ontology import ontology_graph
from bilateral.queries import load_named_queries
from bilateral.store import OxigraphStore

QUAD_FORMATS = [f for f, spec in FORMATS.items() if spec.quads]
TRIPLE_FORMATS = [f for f, spec in FORMATS.items() if not spec.quads]
RDFLIB = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "turtle": "turtle",
          "ntriples": "nt", "rdfxml": "xml"}


def rapper_count(path: Path, fmt: str) -> int:
    """How many statements ``rapper`` reads from ``path``."""
    assert shutil.which("rapper"), "rapper is missing: apt-get install raptor2-utils"
    done = subprocess.run(["rapper", "-i", fmt, "-c", str(path)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return int(re.search(r"returned (\d+) (triple|statement)", done.stderr).group(1))


def rdflib_count(path: Path, fmt: str) -> int:
    """How many distinct statements rdflib reads from ``path``."""
    if FORMATS[fmt].quads:
        data = Dataset()
        data.parse(str(path), format=RDFLIB[fmt])
        return len(set(data.quads((None, None, None, None))))
    return len(Graph().parse(str(path), format=RDFLIB[fmt]))


def independent_count(path: Path, fmt: str) -> int:
    """The count of the parser that is not rdflib."""
    if fmt == "jsonld":
        return len(list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.JSON_LD)))
    return rapper_count(path, fmt)


@pytest.fixture(scope="module")
def exports(kb_store, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every (profile, format) export of the fixture store, as files."""
    store, _ = kb_store
    folder = tmp_path_factory.mktemp("exports")
    files = {}
    for profile in PROFILES:
        for fmt, spec in FORMATS.items():
            path = folder / f"{profile}{spec.suffix}"
            with open(path, "wb") as handle:
                export(store, fmt, handle, profile=profile)
            files[profile, fmt] = path
    return files


@pytest.mark.parametrize("profile", list(PROFILES))
def test_rdflib_and_the_independent_parser_agree_and_formats_agree(exports, profile):
    counts = {}
    for fmt in FORMATS:
        path = exports[profile, fmt]
        counts[fmt] = rdflib_count(path, fmt)
        assert independent_count(path, fmt) == counts[fmt], (profile, fmt)
    assert len({counts[f] for f in QUAD_FORMATS}) == 1, counts
    assert len({counts[f] for f in TRIPLE_FORMATS}) == 1, counts
    assert counts["turtle"] > 50


def test_full_triple_export_is_the_union_and_quad_export_keeps_every_graph(kb_store, exports):
    store, _ = kb_store
    quads = Dataset()
    quads.parse(str(exports["full", "nquads"]), format="nquads")
    graphs = {str(g) for _, _, _, g in quads.quads((None, None, None, None))}
    assert {str(g) for g in store.graphs()} | {str(VOID_GRAPH)} == graphs
    union = {(s, p, o) for s, p, o, _ in store.quads()}
    turtle = Graph().parse(str(exports["full", "turtle"]), format="turtle")
    void = set(quads.graph(VOID_GRAPH))
    assert set(turtle) == union | void


def test_full_export_holds_a_void_description(exports):
    graph = Graph().parse(str(exports["full", "turtle"]), format="turtle")
    assert (DATASET, RDF.type, VOID.Dataset) in graph
    described = int(graph.value(DATASET, VOID.triples))
    own = len(set(graph.triples((None, None, None))) - _data(graph))
    assert described == len(graph) - own
    partitions = {graph.value(p, VOID["class"])
                  for p in graph.objects(DATASET, VOID.classPartition)}
    assert {BL.Visit, BL.Agreement, BL.State} <= partitions
    linkset = next(graph.subjects(RDF.type, VOID.Linkset))
    assert int(graph.value(linkset, VOID.triples)) == 4  # the four states' Wikidata items
    assert graph.value(DATASET, URIRef("http://purl.org/dc/terms/license")) is not None
    modified = graph.value(DATASET, URIRef("http://purl.org/dc/terms/modified"))
    assert modified.datatype == XSD.dateTime


def _data(graph: Graph) -> set:
    """The triples of ``graph`` that are not part of the VoID description."""
    void_nodes = {DATASET, WD.Q2013}
    void_nodes |= {s for s in graph.subjects() if str(s).startswith(str(DATASET))}
    return {t for t in graph if t[0] not in void_nodes}


def test_jsonld_carries_the_published_context(exports):
    document = json.loads(exports["full", "jsonld"].read_text(encoding="utf-8"))
    assert document["@context"] == published_context()
    nodes = [n for g in document["@graph"] for n in g.get("@graph", [g])]
    visits = [n for n in nodes if n.get("@type") == "Visit"]
    assert visits and all("visitor" in v and "hostState" in v for v in visits)


def test_the_published_context_is_generated_from_the_ontology():
    assert published_context() == build_context()
    context = published_context()
    # schema.org names where our terms are aligned to schema.org
    for name in ("startDate", "endDate", "location", "familyName", "mentions", "url"):
        assert name in context
    assert context["hostState"] == {"@id": "bl:hostState", "@type": "@id"}


def test_role_items_are_the_ontology_exact_matches():
    onto = ontology_graph()
    exact = URIRef("http://www.w3.org/2004/02/skos/core#exactMatch")
    for role, item in ROLE_ITEMS.items():
        assert (role, exact, item) in onto


@pytest.fixture(scope="module")
def demo_store():
    """The demo corpus, ingested: the knowledge base the named queries' defaults answer on."""
    from bilateral import pipeline
    from bilateral.resources import demo_dir

    store = OxigraphStore(None)
    pipeline.ingest([str(demo_dir() / "articles.jsonl")], store)
    yield store
    store.close()


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_full_export_loads_into_a_second_store_with_the_same_answers(demo_store, fmt, tmp_path):
    out = tmp_path / f"demo{FORMATS[fmt].suffix}"
    with open(out, "wb") as handle:
        export(demo_store, fmt, handle)
    data = Dataset()
    data.parse(str(out), format=RDFLIB[fmt])
    copy = OxigraphStore(None)
    copy.bulk_load(data.quads((None, None, None, None)))
    assert set(copy.graphs()) == set(demo_store.graphs()) | {VOID_GRAPH}
    first = "SELECT ?x WHERE {{ ?x a {} }} ORDER BY ?x LIMIT 1"
    params = {name: str(next(iter(demo_store.query(first.format(kind)).rows))["x"])
              for name, kind in (("entity", "bl:Visit"), ("article", "bl:Article"))}
    queries = load_named_queries()
    answered = 0
    for name, query in queries.items():
        values = {p.name: params[p.name] for p in query.params if p.name in params}
        before, after = _rows(query.run(demo_store, values)), _rows(query.run(copy, values))
        assert before == after, name
        answered += bool(before)
    assert answered >= len(queries) - 2, "most named queries should answer on the demo corpus"
    copy.close()


def _rows(result) -> list:
    """Rows as sorted tuples; GROUP_CONCAT lists are sorted (their order is the engine's)."""
    return sorted(tuple(", ".join(sorted(str(row[v]).split(", "))) for v in result.variables)
                  for row in result.rows)


def test_wikidata_profile_from_the_command_line(kb_store, kb, tmp_path):
    from click.testing import CliRunner

    from bilateral.cli import main

    store, _ = kb_store
    folder = tmp_path / "kb"
    copy = OxigraphStore(folder)
    copy.bulk_load(store.quads())
    copy.close()
    out = tmp_path / "wd.nt"
    result = CliRunner().invoke(main, ["export", "--profile", "wikidata", "--format", "ntriples",
                                       "--output", str(out), "--store", str(folder)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    for namespace in ("prop/direct/", "prop/", "prop/statement/", "prop/qualifier/",
                      "prop/reference/"):
        assert f"<http://www.wikidata.org/{namespace}P" in text
    graph = Graph().parse(str(out), format="nt")
    wdt, p = "http://www.wikidata.org/prop/direct/", "http://www.wikidata.org/prop/"
    assert (WD.Q159, URIRef(wdt + "P530"), WD.Q843) in graph
    assert (WD.Q843, URIRef(wdt + "P530"), WD.Q159) in graph
    # P1891 signatory on the memorandum, with the signing date as a P585 qualifier
    signed = [st for st in graph.objects(kb.mou, URIRef(p + "P1891"))
              if (st, URIRef(p + "statement/P1891"), WD.Q159) in graph]
    assert len(signed) == 1
    when = graph.value(signed[0], URIRef(p + "qualifier/P585"))
    assert when == _time("2012-10-04") and '"2012-10-04T00:00:00Z"^^' in text
    # referenced to the article: reference URL and retrieved date
    reference = graph.value(signed[0], URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert str(graph.value(reference, URIRef(p + "reference/P854"))).endswith(
        "dawn-2012-10-05-lavrov")
    assert graph.value(reference, URIRef(p + "reference/P813")) is not None
    # P710 participant and P580/P582 on the visit
    assert (kb.visit1, URIRef(wdt + "P710"), kb.lavrov) in graph
    assert graph.value(kb.visit1, URIRef(wdt + "P580")) == _time("2012-10-04")
    assert graph.value(kb.visit1, URIRef(wdt + "P582")) == _time("2012-10-05")
    # no P39 without a Wikidata item for the official
    assert not list(graph.triples((None, URIRef(wdt + "P39"), None)))


def _time(day: str) -> Literal:
    return Literal(f"{day}T00:00:00Z", datatype=XSD.dateTime)


def test_statement_nodes_are_deterministic(store):
    first, second = io.BytesIO(), io.BytesIO()
    export(store, "ntriples", first, profile="wikidata")
    export(store, "ntriples", second, profile="wikidata")
    assert sorted(first.getvalue().splitlines()) == sorted(second.getvalue().splitlines())
    assert b"/id/statement/" in first.getvalue()


def test_schema_profile_speaks_schema_org_only(kb, exports):
    graph = Graph().parse(str(exports["schema", "turtle"]), format="turtle")
    for _, p, o in graph:
        assert str(p).startswith(str(SCHEMA)) or p == RDF.type
        if p == RDF.type:
            assert str(o).startswith(str(SCHEMA))
    assert (kb.visit2, RDF.type, SCHEMA.Event) in graph
    assert (kb.visit2, SCHEMA.eventStatus, SCHEMA.EventPostponed) in graph
    assert (kb.visit1, SCHEMA.eventStatus, SCHEMA.EventScheduled) in graph
    assert (kb.visit1, SCHEMA.attendee, kb.lavrov) in graph
    assert (kb.visit1, SCHEMA.location, kb.islamabad) in graph
    assert (kb.visit1, SCHEMA.startDate, Literal("2012-10-04", datatype=XSD.date)) in graph
    assert (kb.session, SCHEMA.eventStatus, SCHEMA.EventScheduled) in graph
    assert (kb.a1, RDF.type, SCHEMA.NewsArticle) in graph
    assert (kb.rus, RDF.type, SCHEMA.Country) in graph
    assert (kb.lavrov, RDF.type, SCHEMA.Person) in graph
    assert (kb.lavrov, SCHEMA.jobTitle, Literal("Foreign Minister of Russia")) in graph
    assert (kb.visit1, SCHEMA.subjectOf, kb.a1) in graph


def test_one_article_keeps_its_graph(store, kb, tmp_path):
    graph = iris.article_graph("dawn-2012-10-05-lavrov")
    for fmt in ("nquads", "jsonld"):
        out = tmp_path / f"a1.{fmt}"
        with open(out, "wb") as handle:
            export(store, fmt, handle, graph)
        data = Dataset()
        data.parse(str(out), format=RDFLIB[fmt])
        assert {g for _, _, _, g in data.quads((None, None, None, None))} == {graph}
        assert len(set(data.quads((None, None, None, None)))) == store.count(graph)


def test_one_article_in_the_schema_profile(store, kb):
    out = io.BytesIO()
    export(store, "turtle", out, iris.article_graph("dawn-2012-10-05-lavrov"), profile="schema")
    graph = Graph().parse(data=out.getvalue(), format="turtle")
    assert (kb.visit1, RDF.type, SCHEMA.Event) in graph
    # what the article mentions is named, from the reference graph; the rest is left out
    assert (kb.pak, RDF.type, SCHEMA.Country) in graph
    assert (kb.pak, SCHEMA.sameAs, WD.Q843) in graph
    assert (kb.ind, RDF.type, SCHEMA.Country) not in graph
    assert (kb.visit2, RDF.type, SCHEMA.Event) not in graph  # another article's visit


def test_one_entity_with_its_graphs_or_once_as_triples(store, kb):
    quads, triples = io.BytesIO(), io.BytesIO()
    export(store, "nquads", quads, entity=kb.putin)
    export(store, "ntriples", triples, entity=kb.putin)
    data = Dataset()
    data.parse(data=quads.getvalue(), format="nquads")
    graphs = {g for _, _, _, g in data.quads((None, None, None, None))}
    assert iris.article_graph("tribune-2012-09-28-putin") in graphs
    assert iris.article_graph("app-2012-06-07-sco") in graphs
    lines = triples.getvalue().splitlines()
    assert len(lines) == len(set(lines)) == len(Graph().parse(data=triples.getvalue(), format="nt"))
    assert any(kb.visit2.n3().encode() in line for line in lines)  # where Putin is the object


def test_a_construct_query(store, kb, tmp_path):
    query = "CONSTRUCT { ?v a bl:Visit ; bl:status ?s } WHERE { ?v a bl:Visit ; bl:status ?s }"
    out = io.BytesIO()
    export(store, "trig", out, construct=query, profile="schema")
    graph = Graph().parse(data=out.getvalue(), format="trig")
    assert (kb.visit2, SCHEMA.eventStatus, SCHEMA.EventPostponed) in graph
    with pytest.raises(ExportError):
        export(store, "turtle", io.BytesIO(), construct="SELECT * WHERE { ?s ?p ?o }")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"fmt": "yaml"}, "unknown format"),
    ({"profile": "dublin"}, "unknown profile"),
    ({"entity": URIRef("https://w3id.org/bilateral/id/state/XXX")}, "nothing is known"),
    ({"graph": URIRef("https://w3id.org/bilateral/graph/article/nope")}, "no graph"),
])
def test_bad_exports_say_why(store, kwargs, message):
    args = {"fmt": "turtle", **kwargs}
    with pytest.raises(ExportError, match=message):
        export(store, args.pop("fmt"), io.BytesIO(), **args)


@pytest.fixture(scope="module")
def kb_folder(kb_store, tmp_path_factory) -> str:
    """The fixture knowledge base in an on-disk store, for the command line."""
    store, _ = kb_store
    folder = tmp_path_factory.mktemp("cli") / "kb"
    copy = OxigraphStore(folder)
    copy.bulk_load(store.quads())
    copy.close()
    return str(folder)


def test_the_export_command_with_an_entity_or_a_query(kb, kb_folder, tmp_path):
    from click.testing import CliRunner

    from bilateral.cli import main

    out = tmp_path / "lavrov.ttl"
    result = CliRunner().invoke(main, ["export", "--entity", "official/lavrov-rus", "--format",
                                       "turtle", "--output", str(out), "--store", kb_folder])
    assert result.exit_code == 0, result.output
    assert kb.lavrov in set(Graph().parse(str(out), format="turtle").subjects())
    query = tmp_path / "visits.rq"
    query.write_text("CONSTRUCT { ?v a bl:Visit } WHERE { ?v a bl:Visit }")
    out = tmp_path / "visits.jsonld"
    result = CliRunner().invoke(main, ["export", "--construct", str(query), "--format", "jsonld",
                                       "--output", str(out), "--store", kb_folder])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(str(out), format="json-ld")
    assert set(graph.subjects(RDF.type, BL.Visit)) == {kb.visit0, kb.visit1, kb.visit2, kb.visit3}


@pytest.mark.parametrize(("args", "message"), [
    (["--article", "x", "--entity", "state/RUS"], "choose one of"),
    (["--entity", "not an iri"], "is not an IRI"),
    (["--entity", "state/XXX"], "nothing is known"),
    (["--profile", "dublin"], "Invalid value for '--profile'"),
])
def test_the_export_command_says_what_is_wrong(kb_folder, tmp_path, args, message):
    from click.testing import CliRunner

    from bilateral.cli import main

    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["export", *args, "--output", str(out),
                                       "--store", kb_folder])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert not out.exists() and not (tmp_path / "out.ttl.part").exists()
