"""Every named query on the demo knowledge base built by the real pipeline, with expected facts."""

import pytest

from bilateral.mapping import iris
from bilateral.pipeline import load_demo_if_empty
from bilateral.queries import load_named_queries
from bilateral.store import open_store

QUERIES = load_named_queries()


@pytest.fixture(scope="module")
def demo():
    store = open_store(":memory:")
    assert load_demo_if_empty(store) == 32
    return store


def _rows(store, name: str, **params: str) -> list[dict]:
    query = QUERIES[name]
    return list(store.query(query.text, bindings=query.bindings(params)).rows)


def _text(rows: list[dict]) -> str:
    return " ".join(str(v) for row in rows for v in row.values() if v is not None)


def _params(name: str, demo) -> dict[str, str]:
    if name == "article-facts":
        return {"article": str(iris.article_iri("xi-moscow-wire-2023"))}
    if name == "fact-sources":
        visit = next(
            demo.query(
                "SELECT ?v WHERE { ?v a bl:Visit ; bl:visitor ?o } LIMIT 1",
                bindings={"o": iris.official_iri("Xi", "CHN", "Xi Jinping")},
            ).rows
        )["v"]
        return {"entity": str(visit)}
    return {}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_answers_on_the_demo_with_its_defaults(demo, name):
    assert _rows(demo, name, **_params(name, demo)), f"{name} gave no rows on the demo"


def test_visits_between_china_and_russia_include_xi_in_moscow(demo):
    text = _text(_rows(demo, "visits-between", a="CHN", b="RUS"))
    assert "Xi Jinping" in text and "2023-03-20" in text


def test_postponed_and_cancelled_visits_include_trump_to_denmark(demo):
    rows = _rows(demo, "postponed-cancelled-visits")
    assert any("Trump" in _text([row]) and "Cancelled" in _text([row]) for row in rows)


def test_officials_of_russia_include_putin_and_lavrov(demo):
    text = _text(_rows(demo, "officials-of-state", state="RUS"))
    assert "Putin" in text and "Lavrov" in text


def test_agreements_between_bangladesh_and_india_list_the_memoranda(demo):
    rows = _rows(demo, "agreements-between", a="BGD", b="IND")
    assert len({row.get("agreement") or next(iter(row.values())) for row in rows}) >= 7


def test_article_facts_come_from_that_article_only(demo):
    article = iris.article_iri("xi-moscow-wire-2023")
    rows = _rows(demo, "article-facts", article=str(article))
    assert "Xi Jinping" in _text(rows)
    assert "Biden" not in _text(rows)
