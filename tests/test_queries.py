"""Named queries: headers, parameter checking, and every query's answers on the fixture store."""

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from bilateral.errors import QueryError
from bilateral.mapping.namespaces import BL, PREFIXES
from bilateral.queries import expand_iri, load_named_queries, parse_named_query
from bilateral.resources import queries_dir

QUERIES = load_named_queries()
WEB_SOURCES = Path(__file__).resolve().parents[1] / "src" / "bilateral" / "web"


def run(store, name: str, **params: str) -> list[dict]:
    """The rows of one named query, as plain Python values where they are literals."""
    result = QUERIES[name].run(store, params)
    return [{k: (v.toPython() if isinstance(v, Literal) else v) for k, v in row.items()}
            for row in result.rows]


def column(rows: list[dict], name: str) -> list:
    return [row[name] for row in rows]


# --- the files -------------------------------------------------------------------------------

def test_there_are_enough_documented_queries():
    assert len(QUERIES) >= 12
    for query in QUERIES.values():
        assert query.title and query.description, query.name
        assert all(p.label for p in query.params)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_prefixes_are_the_projects(name):
    for prefix, iri in re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", QUERIES[name].text):
        assert PREFIXES.get(prefix) == iri, f"{name}: PREFIX {prefix}: <{iri}>"


@pytest.mark.parametrize("source", [*sorted(QUERIES), "web"])
def test_every_bl_term_exists_in_the_ontology(source):
    if source == "web":
        text = "".join(p.read_text() for p in WEB_SOURCES.glob("*.py"))
    else:
        text = QUERIES[source].text
    for term in set(re.findall(r"\bbl:([A-Za-z]\w*)", text)):
        assert hasattr(BL, term), f"bl:{term} in {source}"


def test_header_mistakes_are_reported():
    with pytest.raises(QueryError, match="title"):
        parse_named_query("x", "SELECT * WHERE {}")
    with pytest.raises(QueryError, match="TYPE one of"):
        parse_named_query("x", "# title: X\n# param: s colour\nSELECT ?s WHERE {}")
    with pytest.raises(QueryError, match="never uses"):
        parse_named_query("x", "# title: X\n# param: s state\nSELECT ?t WHERE {}")
    with pytest.raises(QueryError, match="reserved"):
        parse_named_query("x", "# title: X\n# param: format string\nSELECT ?format WHERE {}")
    with pytest.raises(QueryError, match="not a date"):
        parse_named_query("x", "# title: X\n# param: d date default=2012-13\nSELECT ?d WHERE {}")
    with pytest.raises(QueryError, match="bad query name"):
        parse_named_query("Bad Name", "# title: X\nSELECT * WHERE {}")


def test_load_reads_a_folder(tmp_path):
    (tmp_path / "one.rq").write_text("# title: One\n# description: d\nSELECT * WHERE {}\n")
    (tmp_path / "notes.txt").write_text("not a query")
    assert list(load_named_queries(tmp_path)) == ["one"]
    assert load_named_queries(queries_dir()).keys() == QUERIES.keys()


# --- parameters --------------------------------------------------------------------------------

def test_parameters_are_converted_to_terms(kb):
    between = QUERIES["visits-between"]
    bound = between.bindings({"a": "rus", "b": "", "from": "2012-10", "to": "2013"})
    assert bound["a"] == kb.rus and bound["b"] == kb.rus  # b takes its default, RUS
    assert bound["from"] == Literal("2012-10", datatype=XSD.gYearMonth)
    assert bound["to"] == Literal("2013", datatype=XSD.gYear)
    assert "from" not in between.bindings({})  # optional and empty: unbound
    kind = QUERIES["agreements-by-kind"].bindings({"kind": "bl:Treaty"})["kind"]
    assert kind == BL.Treaty
    official = QUERIES["visits-by-official"].bindings({"official": "official/lavrov-rus"})
    assert official["official"] == kb.lavrov


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("visits-between", {"a": "Pakistan"}, "ISO 3166-1"),
        ("visits-between", {"from": "2012-02-30"}, "not a date"),
        ("visits-between", {"from": "yesterday"}, "not a date"),
        ("visits-between", {"colour": "red"}, "takes no parameter colour"),
        ("article-facts", {}, "needs the parameter article"),
        ("fact-sources", {"entity": "not an iri"}, "is not an IRI"),
        ("agreements-by-topic", {"text": "x" * 1001}, "longer than"),
    ],
)
def test_bad_parameters_raise_query_error(name, params, message):
    with pytest.raises(QueryError, match=message):
        QUERIES[name].bindings(params)


def test_expand_iri_forms():
    assert expand_iri("<http://example.org/a>") == URIRef("http://example.org/a")
    assert expand_iri("rdfs:label") == URIRef(PREFIXES["rdfs"] + "label")
    with pytest.raises(ValueError):
        expand_iri("two words")


# --- answers on the fixture store ----------------------------------------------------------------

ANSWERED = set()


def answers(name):
    ANSWERED.add(name)
    return name


def test_visits_between(store, kb):
    rows = run(store, answers("visits-between"), a="PAK", b="RUS")
    assert column(rows, "visit") == [kb.visit0, kb.visit2, kb.visit1]  # oldest first
    assert rows[2]["visitorLabel"] == "Sergey Lavrov" and rows[2]["destinationLabel"] == "Islamabad"
    assert column(run(store, "visits-between", a="RUS", b="PAK", **{"from": "2012"}),
                  "visit") == [kb.visit2, kb.visit1]
    assert column(run(store, "visits-between", a="PAK", to="2012-06"), "visit") == [kb.visit0]
    assert run(store, "visits-between", **{"from": "2013-01-01"}) == []
    assert column(run(store, "visits-between", a="PAK", b="CHN"), "visit") == [kb.visit3]


@pytest.mark.parametrize(("statuses", "expected"), [
    (("Planned", "Completed"), "Completed"),
    (("Completed", "Planned"), "Completed"),
    (("Planned", "Postponed"), "Postponed"),
    (("Postponed", "Ongoing"), "Ongoing"),
])
def test_reports_that_differ_on_status_give_the_most_advanced(statuses, expected):
    """Two articles report one visit as of their own dates: the answer does not depend on
    which graph the engine reads first."""
    from bilateral.store import open_store

    ex = "http://example.org/"
    visit, official = URIRef(ex + "visit"), URIRef(ex + "official")
    fresh = open_store(":memory:")
    for number, status in enumerate(statuses):
        fresh.replace_graph(URIRef(f"{ex}graph{number}"), [
            (visit, BL.visitor, official), (visit, BL.status, BL[status]),
            (visit, BL.startDate, Literal("2024-05-01", datatype=XSD.date))])
    rows = QUERIES["visits-by-official"].run(fresh, {"official": ex + "official"}).rows
    assert [row["status"] for row in rows] == [BL[expected]]


def test_top_visitors(store, kb):
    rows = run(store, answers("top-visitors"), state="PAK")
    assert [(r["visitor"], r["visits"]) for r in rows] == [(kb.lavrov, 2)]  # postponed: no
    assert rows[0]["first"] == "2011-05" and rows[0]["last"] == "2012-10-04"
    assert column(run(store, "top-visitors", state="CHN"), "visitor") == [kb.zardari]


def test_state_partners(store, kb):
    rows = run(store, answers("state-partners"), state="RUS")
    assert [(r["partner"], r["visits"], r["agreements"], r["events"], r["total"])
            for r in rows] == [(kb.pak, 3, 1, 5, 9), (kb.chn, 0, 0, 1, 1)]
    pak = run(store, "state-partners", state="PAK")
    assert [(r["partner"], r["total"]) for r in pak] == [(kb.rus, 9), (kb.chn, 3)]
    assert run(store, "state-partners", state="IND") == []


def test_agreements_by_topic(store, kb):
    rows = run(store, answers("agreements-by-topic"), text="ENERGY")
    assert column(rows, "agreement") == [kb.mou]
    assert set(rows[0]["kinds"].split(", ")) == {"Agreement", "MemorandumOfUnderstanding"}
    trade = run(store, "agreements-by-topic", text="trade")
    assert column(trade, "agreement") == [kb.batch] and trade[0]["count"] == 3
    assert run(store, "agreements-by-topic", text="nuclear") == []


def test_agreements_by_kind(store, kb):
    assert column(run(store, answers("agreements-by-kind")), "agreement") == [kb.mou]
    everything = run(store, "agreements-by-kind", kind="bl:Agreement")
    assert column(everything, "agreement") == [kb.batch, kb.mou]  # 2012-06 before 2012-10-04
    assert run(store, "agreements-by-kind", kind="bl:Treaty") == []


def test_officials_of_state(store, kb):
    rows = run(store, answers("officials-of-state"), state="RUS")
    assert [(r["official"], r["positionLabel"], r["role"], r["articles"]) for r in rows] == [
        (kb.lavrov, "Foreign Minister of Russia", BL.ForeignMinister, 1),
        (kb.putin, "President of Russia", BL.HeadOfState, 2),
    ]
    assert set(column(run(store, "officials-of-state", state="PAK"), "official")) == {
        kb.khar, kb.zardari}


def test_postponed_and_cancelled_visits(store, kb):
    rows = run(store, answers("postponed-cancelled-visits"))
    assert [(r["visit"], r["status"], r["reported"]) for r in rows] == [
        (kb.visit2, BL.Postponed, "2012-09-28")]
    assert column(run(store, "postponed-cancelled-visits", state="PAK"), "visit") == [kb.visit2]
    assert run(store, "postponed-cancelled-visits", state="CHN") == []


def test_events_involving_state(store, kb):
    rows = run(store, answers("events-involving-state"), state="RUS")
    assert set(column(rows, "event")) == {kb.talks, kb.meeting1, kb.meeting2, kb.summit,
                                          kb.session}
    assert column(rows, "date") == sorted(column(rows, "date"))
    china = run(store, "events-involving-state", state="CHN")
    assert column(china, "event") == [kb.summit] and china[0]["kind"] == "Summit"
    assert set(china[0]["states"].split(", ")) == {"China", "Pakistan", "Russia"}


def test_summit_events(store, kb):
    rows = run(store, answers("summit-events"), text="sco")
    assert set(column(rows, "event")) == {kb.summit, kb.meeting1, kb.meeting2}
    assert set(column(rows, "summit")) == {kb.summit}
    assert run(store, "summit-events", text="G20") == []


def test_article_facts(store, kb):
    rows = run(store, answers("article-facts"), article=str(kb.a1))
    facts = set(column(rows, "fact"))
    assert {kb.visit0, kb.visit1, kb.mou, kb.talks, kb.lavrov, kb.khar, kb.islamabad,
            kb.pak_rus} <= facts
    assert len(facts) == 10 and all(r["spans"] == 1 for r in rows)
    assert run(store, "article-facts", article="article/none") == []


def test_fact_sources(store, kb):
    rows = run(store, answers("fact-sources"), entity=str(kb.visit1))
    assert len(rows) == 1 and rows[0]["article"] == kb.a1
    text = kb.texts[kb.a1]
    assert text[rows[0]["start"]:rows[0]["end"]] == rows[0]["sentence"]
    assert rows[0]["sentence"].startswith("Russian Foreign Minister Sergey Lavrov arrived")
    putin = run(store, "fact-sources", entity=str(kb.putin))
    assert column(putin, "article") == [kb.a2, kb.a3]  # newest first


def test_visits_by_official(store, kb):
    rows = run(store, answers("visits-by-official"), official=str(kb.lavrov))
    assert column(rows, "visit") == [kb.visit0, kb.visit1]
    assert rows[1]["hostStateLabel"] == "Pakistan" and rows[1]["end"] == "2012-10-05"
    assert column(run(store, "visits-by-official", official="official/putin-rus"),
                  "visit") == [kb.visit2]


def test_agreements_between(store, kb):
    rows = run(store, answers("agreements-between"), a="PAK", b="RUS")
    assert column(rows, "agreement") == [kb.mou] and rows[0]["signedAt"] == kb.talks
    assert column(run(store, "agreements-between", a="CHN", b="PAK"), "agreement") == [kb.batch]
    assert run(store, "agreements-between", a="RUS", b="CHN") == []
    assert run(store, "agreements-between", a="PAK", b="PAK") == []


def test_states_by_visits_hosted(store, kb):
    rows = run(store, answers("states-by-visits-hosted"))
    assert [(r["state"], r["visits"], r["fromStates"]) for r in rows] == [
        (kb.pak, 2, 1), (kb.chn, 1, 1)]


def test_relation_timeline(store, kb):
    rows = run(store, answers("relation-timeline"), a="PAK", b="RUS")
    assert len(rows) == 9 and rows[0]["item"] == kb.visit0
    kinds = column(rows, "kind")
    assert (kinds.count("visit"), kinds.count("agreement"), kinds.count("event")) == (3, 1, 5)
    assert column(rows, "date") == sorted(column(rows, "date"))
    assert "Sergey Lavrov visits Pakistan" in column(rows, "itemLabel")
    assert set(column(run(store, "relation-timeline", a="CHN", b="PAK"), "item")) == {
        kb.visit3, kb.batch, kb.summit}


def test_commission_sessions(store, kb):
    rows = run(store, answers("commission-sessions"))
    assert [(r["session"], r["ordinal"], r["date"]) for r in rows] == [(kb.session, 3, "2012")]
    assert column(run(store, "commission-sessions", state="RUS"), "session") == [kb.session]
    assert run(store, "commission-sessions", state="IND") == []


def test_visits_of_state(store, kb):
    rows = run(store, answers("visits-of-state"), state="PAK")
    assert sorted((r["visit"], r["direction"]) for r in rows) == sorted([
        (kb.visit0, "hosted"), (kb.visit1, "hosted"), (kb.visit2, "hosted"),
        (kb.visit3, "made")])


def test_agreements_of_state(store, kb):
    rows = run(store, answers("agreements-of-state"), state="PAK")
    assert [(r["agreement"], r["otherParties"]) for r in rows] == [
        (kb.batch, "China"), (kb.mou, "Russia")]


def test_meetings_of_official(store, kb):
    rows = run(store, answers("meetings-of-official"), official=str(kb.putin))
    assert column(rows, "event") == [kb.meeting1, kb.meeting2]
    assert rows[0]["with"] == "Asif Ali Zardari"
    assert column(run(store, "meetings-of-official", official=str(kb.lavrov)), "event") == [
        kb.talks]


def test_agreements_of_official(store, kb):
    rows = run(store, answers("agreements-of-official"), official=str(kb.lavrov))
    assert column(rows, "agreement") == [kb.mou] and rows[0]["signedAt"] == kb.talks
    assert run(store, "agreements-of-official", official=str(kb.putin)) == []


def test_articles(store, kb):
    rows = run(store, answers("articles"))
    assert column(rows, "article") == [kb.a1, kb.a2, kb.a3]  # newest first
    assert rows[0]["source"] == "Dawn" and rows[2]["facts"] == 13


def test_every_query_has_expected_answers():
    """Runs last in this module: each named query above was checked against known answers."""
    assert set(QUERIES) == ANSWERED
