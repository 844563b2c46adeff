"""From article files to the store: idempotence, merging across articles, removal, bad input."""

import json
from pathlib import Path

import pytest
from rdflib import URIRef

from bilateral import pipeline
from bilateral.mapping import iris
from bilateral.store import open_store

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
DELHI = str(ARTICLES / "vieira-delhi.json")
WIRE = str(ARTICLES / "vieira-india-wire.json")
BRIEF = str(ARTICLES / "vieira-brief.json")


@pytest.fixture
def store(tmp_path):
    kb = open_store(str(tmp_path / "kb"))
    yield kb
    kb.close()


def _values(store, query, **bindings):
    return sorted(
        str(next(iter(row.values()))) for row in store.query(query, bindings=bindings).rows
    )


def test_reference_graph_holds_every_state_with_iso_code_and_wikidata(store):
    pipeline.ensure_reference(store)
    rows = list(
        store.query(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { "
            "?s a bl:State ; bl:isoCode ?iso ; owl:sameAs ?wd "
            "FILTER(STRSTARTS(STR(?wd), 'http://www.wikidata.org/entity/Q')) }"
        ).rows
    )
    assert int(rows[0]["n"]) == 197


def test_ingesting_twice_leaves_the_store_exactly_as_it_was(store):
    first = pipeline.ingest([DELHI], store)
    before = set(store.quads())
    second = pipeline.ingest([DELHI], store)
    assert first.added == ["ledger-vieira-delhi"] and second.unchanged == ["ledger-vieira-delhi"]
    assert set(store.quads()) == before


def test_a_changed_article_replaces_its_graph(store, tmp_path):
    pipeline.ingest([DELHI], store)
    article = json.loads(Path(DELHI).read_text())
    article["text"] = "NEW DELHI - Talks were held. Nothing else happened."
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(article))
    report = pipeline.ingest([str(changed)], store)
    assert report.replaced == ["ledger-vieira-delhi"]
    assert _values(store, "SELECT DISTINCT ?v WHERE { ?v a bl:Visit }") == []


def test_repeated_paragraphs_create_nothing_twice(store):
    pipeline.ingest([DELHI], store)
    visits = _values(store, "SELECT DISTINCT ?v WHERE { ?v a bl:Visit }")
    visitors = _values(store, "SELECT ?n WHERE { ?v a bl:Visit ; bl:visitor/rdfs:label ?n }")
    assert len(visits) == len(visitors) == len(set(visitors)) == 3


def test_two_reports_of_one_visit_give_one_visit_with_both_sources(store):
    pipeline.ingest([DELHI, WIRE], store)
    officials = _values(
        store,
        "SELECT DISTINCT ?o WHERE { ?o a bl:Official ; rdfs:label ?n "
        "FILTER(CONTAINS(?n, 'Vieira')) }",
    )
    assert len(officials) == 1
    sources = _values(
        store,
        "SELECT DISTINCT ?a WHERE { ?v a bl:Visit ; bl:visitor ?o ; "
        "bl:hostState ?h ; prov:wasDerivedFrom ?a }",
        o=URIRef(officials[0]),
        h=iris.state_iri("IND"),
    )
    assert sources == sorted(
        str(iris.article_iri(a)) for a in ("ledger-vieira-delhi", "wire-vieira-india")
    )


def test_the_seed_and_a_second_report_give_one_lavrov_and_one_visit(store):
    """The acceptance article (scraped, with repeated paragraphs) and a wire story of the same
    trip, with another spelling of the name: one official, one visit, both articles."""
    pipeline.ingest([str(ARTICLES / "seed.jsonl"), str(ARTICLES / "lavrov-islamabad-wire.json")],
                    store)
    lavrovs = _values(store, "SELECT DISTINCT ?o WHERE { ?o a bl:Official ; rdfs:label ?n "
                             "FILTER(CONTAINS(?n, 'Lavrov')) }")
    assert len(lavrovs) == 1
    visits = _values(store, "SELECT DISTINCT ?v WHERE { ?v bl:visitor ?o ; bl:hostState ?h ; "
                            "bl:startDate ?d FILTER(STRSTARTS(STR(?d), '2012-10')) }",
                     o=URIRef(lavrovs[0]), h=iris.state_iri("PAK"))
    assert len(visits) == 1
    sources = _values(store, "SELECT DISTINCT ?a WHERE { ?v prov:wasDerivedFrom ?a }",
                      v=URIRef(visits[0]))
    assert sources == sorted(str(iris.article_iri(a)) for a in ("seed", "wire-lavrov-islamabad"))


def test_evidence_offsets_point_at_the_sentence_in_the_stored_text(store):
    pipeline.ingest([DELHI], store)
    rows = list(
        store.query(
            "SELECT ?body ?sentence ?start ?end WHERE { ?e a bl:Evidence ; bl:sentence ?sentence ; "
            "bl:startOffset ?start ; bl:endOffset ?end ; bl:inArticle ?a . "
            "?a schema:articleBody ?body }"
        ).rows
    )
    assert rows
    for row in rows:
        assert str(row["body"])[int(row["start"]) : int(row["end"])] == str(row["sentence"])


def test_remove_deletes_one_article_and_keeps_the_others(store):
    pipeline.ingest([DELHI, WIRE], store)
    assert pipeline.remove_article(store, "wire-vieira-india") is True
    assert pipeline.remove_article(store, "wire-vieira-india") is False
    articles = _values(store, "SELECT DISTINCT ?a WHERE { ?a a bl:Article }")
    assert articles == [str(iris.article_iri("ledger-vieira-delhi"))]


def test_a_bad_file_is_reported_and_the_rest_goes_in(store, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.json").write_text(Path(WIRE).read_text())
    (folder / "broken.json").write_text('{"title": "no text field"')
    (folder / "empty.txt").write_text("")
    report = pipeline.ingest([str(folder)], store)
    assert report.added == ["wire-vieira-india"]
    failed = sorted(Path(source).name for source, _ in report.failed)
    assert failed == ["broken.json", "empty.txt"]
    assert all(message for _, message in report.failed)


def test_an_undated_report_of_a_trip_under_way_joins_the_same_visit(store):
    pipeline.ingest([DELHI, WIRE, BRIEF], store)
    visits = _values(
        store,
        "SELECT DISTINCT ?v WHERE { ?v a bl:Visit ; bl:hostState ?h ; bl:visitor/rdfs:label ?n "
        "FILTER(CONTAINS(?n, 'Vieira')) }",
        h=iris.state_iri("IND"),
    )
    assert len(visits) == 1
    sources = _values(
        store, "SELECT DISTINCT ?a WHERE { ?v prov:wasDerivedFrom ?a }", v=URIRef(visits[0])
    )
    assert len(sources) == 3


def test_two_reports_of_one_dated_signing_give_one_agreement(store, tmp_path):
    texts = {
        "wire-a": "TOKYO, Dec 12 - Japan and India signed an agreement on high-speed rail on "
        "12 December 2015, officials said.",
        "wire-b": "NEW DELHI - India and Japan signed an agreement on high-speed rail on "
        "12 December 2015 in New Delhi, the foreign ministry said.",
    }
    paths = []
    for article_id, text in texts.items():
        path = tmp_path / f"{article_id}.json"
        path.write_text(
            json.dumps(
                {"id": article_id, "title": article_id, "text": text, "published": "2015-12-13"}
            )
        )
        paths.append(str(path))
    pipeline.ingest(paths, store)
    agreements = _values(store, "SELECT DISTINCT ?a WHERE { ?a a bl:Agreement }")
    assert len(agreements) == 1
    sources = _values(
        store, "SELECT DISTINCT ?s WHERE { ?a prov:wasDerivedFrom ?s }", a=URIRef(agreements[0])
    )
    assert len(sources) == 2
