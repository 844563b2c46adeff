"""Reference data on states: the shipped states.json, the gazetteer and the reference graph."""

import csv
import json
from collections import defaultdict
from importlib.metadata import version

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import XSD

from bilateral.mapping.iris import REFERENCE_GRAPH, place_iri, state_iri
from bilateral.mapping.namespaces import PREFIXES
from bilateral.mapping.reference import reference_quads, reference_triples
from bilateral.reference import build_states
from bilateral.reference.gazetteer import (
    StateInfo,
    canonical_city,
    capital_of,
    excluded_forms,
    fold,
    index_forms,
    load_states,
    lookup,
    state_by_iso,
    state_of_city,
    surface_forms,
)
from bilateral.resources import reference_dir


def _csv_rows() -> list[dict[str, str]]:
    with (reference_dir() / "states.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_states_follow_states_csv():
    rows = _csv_rows()
    states = load_states()
    assert len(states) == len(rows) == 197
    assert [(s.iso3, s.wikidata, s.name) for s in states] == [
        (r["iso3"], r["wikidata"], r["name"]) for r in rows
    ]


def test_every_state_has_codes_and_a_capital():
    for state in load_states():
        assert len(state.iso2) == 2 and state.iso2.isupper(), state
        assert state.wikidata.startswith("Q") and state.wikidata[1:].isdigit(), state
        assert state.official_name and state.capitals, state
    assert len({s.iso2 for s in load_states()}) == 197


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian", ("RUS", "demonym")),
        ("Pakistani", ("PAK", "demonym")),
        ("Moscow", ("RUS", "capital")),
        ("Britain", ("GBR", "alias")),
        ("U.S.", ("USA", "alias")),
        ("the US", ("USA", "alias")),
        ("Côte d'Ivoire", ("CIV", "alias")),
        ("cote d’ivoire", ("CIV", "alias")),
        ("Kiev", ("UKR", "capital")),
        ("Russian Federation", ("RUS", "official")),
        ("Republic of Korea", ("KOR", "official")),
        ("DPRK", ("PRK", "alias")),
        ("Türkiye", ("TUR", "alias")),
        ("Burma", ("MMR", "alias")),
        ("Czechia", ("CZE", "alias")),
        ("Holland", ("NLD", "alias")),
        ("The Netherlands", ("NLD", "name")),
        ("Emirati", ("ARE", "demonym")),
        ("Filipino", ("PHL", "demonym")),
        ("Dutch", ("NLD", "demonym")),
        ("South Korean", ("KOR", "demonym")),
        ("Washington, D.C.", ("USA", "capital")),
        ("Brasilia", ("BRA", "capital")),
        ("Peking", ("CHN", "capital")),
        ("Guinea", ("GIN", "name")),
        ("Papua New Guinea", ("PNG", "name")),
    ],
)
def test_lookup(text, expected):
    assert lookup(text) == expected


@pytest.mark.parametrize(
    "text", ["us", "uk", "Congo", "Congolese", "Korean", "Korea", "Paris Hilton"]
)
def test_lookup_refuses(text):
    assert lookup(text) is None


def test_excluded_forms_are_nowhere():
    assert {"Congo", "Korean"} <= set(excluded_forms())
    forms = {fold(form) for form in surface_forms()}
    assert not forms & {fold(form) for form in excluded_forms()}


def test_no_surface_form_names_two_states():
    owners = defaultdict(set)
    for state in load_states():
        for form, _ in state.forms():
            owners[fold(form)].add(state.iso3)
    shared = {form: isos for form, isos in owners.items() if len(isos) > 1}
    assert shared == {}


def test_a_shared_form_is_refused_loudly():
    first = StateInfo("AAA", "AA", "Q1", "Aland", "Aland", "test", aliases=("Twin",))
    second = StateInfo("BBB", "BB", "Q2", "Bland", "Bland", "test", aliases=("twin",))
    with pytest.raises(ValueError, match="AAA and BBB"):
        index_forms((first, second))


def test_ambiguous_states_are_flagged():
    for iso3 in ("TCD", "JOR", "GEO", "TUR", "GIN"):
        state = state_by_iso(iso3)
        assert state.ambiguous and state.name in state.ambiguous_forms
    assert not state_by_iso("RUS").ambiguous
    assert "Washington" in state_by_iso("USA").ambiguous_forms


def test_state_by_iso_names_the_missing_code():
    assert state_by_iso("rus").name == "Russia"
    with pytest.raises(KeyError, match="'ZZZ'"):
        state_by_iso("ZZZ")


def test_capitals():
    assert capital_of("RUS") == "Moscow"
    assert capital_of("ZAF") == "Pretoria"
    assert set(state_by_iso("ZAF").capitals) == {"Pretoria", "Cape Town", "Bloemfontein"}
    assert set(state_by_iso("BOL").capitals) == {"La Paz", "Sucre"}
    assert capital_of("ZZZ") is None
    assert state_of_city("The Hague") == "NLD"
    assert state_of_city("new delhi") == "IND"
    assert state_of_city("Delhi") == "IND"
    assert state_of_city("Springfield") is None
    assert canonical_city("Kiev") == "Kyiv"
    assert canonical_city("Washington") == "Washington, D.C."


def test_committed_json_is_what_the_builder_makes():
    committed = json.loads((reference_dir() / "states.json").read_text(encoding="utf-8"))
    if committed["pycountry_version"] != version("pycountry"):
        pytest.skip("states.json was built with another pycountry")
    assert build_states.build() == committed


def test_builder_refuses_a_clash():
    data = build_states.build()
    data["states"][1]["aliases"].append("Afghan")
    with pytest.raises(ValueError, match="Afghan"):
        build_states.validate(data)


def _reference_dataset() -> Dataset:
    built = Dataset()
    built.addN(reference_quads())
    parsed = Dataset()
    parsed.parse(data=built.serialize(format="nquads"), format="nquads")
    return parsed


def test_reference_graph_has_every_state():
    dataset = _reference_dataset()
    rows = dataset.query(
        """SELECT (COUNT(DISTINCT ?state) AS ?n) WHERE {
             GRAPH ?g { ?state a bl:State ; bl:isoCode ?iso ; owl:sameAs ?wd ; rdfs:label ?name .
                        FILTER(STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/Q")) } }""",
        initNs=PREFIXES,
        initBindings={"g": REFERENCE_GRAPH},
    )
    assert [int(row[0]) for row in rows] == [197]


def test_reference_graph_describes_russia_and_moscow():
    graph = _reference_dataset().graph(REFERENCE_GRAPH)
    russia, moscow = state_iri("RUS"), place_iri("Moscow", "RUS")
    rows = list(
        graph.query(
            """SELECT ?label ?pref ?wd ?city ?cityLabel ?cityWd WHERE {
                 ?state bl:isoCode "RUS" ; rdfs:label ?label ; skos:prefLabel ?pref ;
                        owl:sameAs ?wd ; bl:capital ?city .
                 ?city a bl:City ; rdfs:label ?cityLabel ; bl:locatedIn ?state ;
                       owl:sameAs ?cityWd . }""",
            initNs=PREFIXES,
        )
    )
    assert len(rows) == 1
    label, pref, wd, city, city_label, city_wd = rows[0]
    assert label == Literal("Russia") and label.datatype in (None, XSD.string)
    assert label.language is None
    assert pref == Literal("Russia", lang="en")
    assert str(wd) == "http://www.wikidata.org/entity/Q159"
    assert (city, str(city_label), str(city_wd)) == (
        moscow,
        "Moscow",
        "http://www.wikidata.org/entity/Q649",
    )
    assert Literal("Russian", lang="en") in set(graph.objects(russia, None))


def test_triples_are_deterministic():
    assert list(reference_triples()) == list(reference_triples())
