"""Pages: entity pages at their IRI's path, content negotiation, paging, search, escaping."""

import json
import re

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from bilateral.config import Settings
from bilateral.mapping import iris
from bilateral.mapping.namespaces import BL, PROV, SCHEMA
from bilateral.store import open_store
from bilateral.web import create_app

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def path(iri: URIRef) -> str:
    """The page of an entity IRI under the default base, at the /id alias."""
    return "/id/" + str(iri).removeprefix(iris.DEFAULT_BASE)


def page(client, url: str) -> str:
    response = client.get(url, headers=HTML)
    assert response.status_code == 200, (url, response.status_code)
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


# --- entity pages ------------------------------------------------------------------------------

def test_entity_page_at_the_iris_own_path(client, kb):
    own = "/bilateral/id/state/RUS"  # the path part of the default base, plus the local part
    assert str(kb.rus) == "https://w3id.org" + own
    html = page(client, own)
    assert "<h1>Russia</h1>" in html and str(kb.rus) in html
    assert page(client, path(kb.rus)) == html


@pytest.mark.parametrize(("name", "sections"), [
    ("rus", ["Partners ranked by activity", "Officials and their posts", "Visits made and hosted",
             "Agreements", "Events", "Timeline"]),
    ("pak_rus", ["Visits both ways", "Agreements", "Timeline", "Sources and evidence"]),
    ("lavrov", ["Posts", "Visits", "Meetings", "Agreements signed at their meetings", "Timeline"]),
    ("visit1", ["Sources and evidence"]),
    ("mou", ["Sources and evidence"]),
    ("summit", ["Sources and evidence"]),
    ("a1", ["Facts from this article", "Text"]),
    ("islamabad", ["Properties", "Referenced by"]),
    ("sco", ["Properties"]),
])
def test_every_kind_has_its_page(client, kb, name, sections):
    html = page(client, path(getattr(kb, name)))
    for title in sections:
        assert f"<h2>{title}" in html, title


def test_state_page_contents(client, kb):
    html = page(client, path(kb.rus))
    partners = html[html.index("Partners ranked"):html.index("Officials and their")]
    assert partners.index("Pakistan") < partners.index("China")  # ranked
    assert "Sergey Lavrov" in html and "Foreign Minister of Russia" in html
    svg = re.search(r'<figure class="timeline">.*?</svg>', html, re.S).group(0)
    assert svg.count("<circle") == 9  # 3 visits, 1 agreement, 5 events
    assert "2011" in svg and "2012" in svg
    network = re.search(r'<figure class="network">.*?</svg>', html, re.S).group(0)
    assert network.count('class="node"') == 2  # Pakistan and China
    assert 'href="/bilateral/id/relation/PAK-RUS"' in network


def test_relation_page_joins_both_directions(client, kb):
    html = page(client, path(kb.pak_rus))
    visits = html[html.index("Visits both ways"):html.index("<h2>Agreements")]
    assert visits.count(">Sergey Lavrov</a>") == 2 and "Vladimir Putin" in visits
    assert "Lavrov arrives in Islamabad for talks" in html  # a source article


def test_fact_page_shows_evidence_and_sources(client, kb):
    html = page(client, path(kb.visit1))
    assert "<blockquote>Russian Foreign Minister Sergey Lavrov arrived in Islamabad" in html
    assert 'href="/bilateral/id/article/dawn-2012-10-05-lavrov#ev-' in html
    assert "Sergey Lavrov in Pakistan" in html  # a readable title for an unlabelled visit


def test_article_text_marks_evidence_and_escapes(client, kb):
    html = page(client, path(kb.a3))
    text = html[html.index('<div class="article-text">'):]
    text = text[:text.index("</div>")]
    marks = re.findall(r"<mark title=\"[^\"]*\">(.*?)</mark>", text, re.S)
    assert marks and all(m in kb.texts[kb.a3].replace("&", "&amp;") for m in marks)
    assert len(re.findall(r'<span id="ev-[0-9a-f]+"></span>', text)) == 13
    assert "trade &amp; economic" in text


def test_script_in_a_title_is_escaped(client, kb):
    for url in (path(kb.a3), "/search?q=zardari", "/", path(kb.zardari)):
        html = page(client, url)
        assert "<script>alert" not in html, url
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page(client, path(kb.a3))


def test_unknown_entity_is_404_in_both_shapes(client):
    assert client.get("/id/state/XXX", headers=HTML).status_code == 404
    response = client.get("/id/state/XXX", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.get_json()["error"]["status"] == 404
    assert client.get("/id/state/XXX.ttl").status_code == 404


# --- content negotiation -------------------------------------------------------------------------

@pytest.mark.parametrize(("accept", "suffix", "rdflib_format"), [
    ("text/turtle", "ttl", "turtle"),
    ("application/ld+json", "jsonld", "json-ld"),
    ("application/n-triples", "nt", "nt"),
])
def test_entity_rdf_by_accept_and_suffix(client, kb, accept, suffix, rdflib_format):
    by_accept = client.get(path(kb.visit1), headers={"Accept": accept})
    by_suffix = client.get(f"{path(kb.visit1)}.{suffix}")
    for response in (by_accept, by_suffix):
        assert response.status_code == 200 and response.mimetype == accept
        graph = Graph().parse(data=response.data, format=rdflib_format)
        assert (kb.visit1, RDF.type, BL.Visit) in graph
        assert (kb.visit1, BL.visitor, kb.lavrov) in graph
        assert (kb.lavrov, RDFS.label, Literal("Sergey Lavrov")) in graph
    assert by_accept.headers["Vary"] == "Accept"


def test_html_links_its_alternates(client, kb):
    response = client.get(path(kb.rus), headers=HTML)
    html = response.get_data(as_text=True)
    for media_type, suffix in [("text/turtle", "ttl"), ("application/ld+json", "jsonld"),
                               ("application/n-triples", "nt")]:
        assert (f'<link rel="alternate" type="{media_type}" '
                f'href="/bilateral/id/state/RUS.{suffix}"') in html
    assert 'rel="alternate"; type="text/turtle"' in response.headers["Link"]


def test_turtle_uses_the_project_prefixes(client, kb):
    turtle = client.get(path(kb.rus) + ".ttl").get_data(as_text=True)
    assert "@prefix bl: <https://w3id.org/bilateral/ontology#>" in turtle


# --- properties and paging ------------------------------------------------------------------------

def test_incoming_links_are_grouped_counted_and_paged(client, kb, settings):
    assert settings.page_size == 2
    html = page(client, path(kb.rus))
    assert "5 values" in html and "Showing 1–2 of 5." in html
    seen = set()
    for number in (1, 2, 3):
        html = page(client, f"{path(kb.rus)}?in=bl:participatingState&page={number}")
        group = html[html.index("bl:participatingState</a>"):]
        group = group[:group.index("</tr>")]
        seen |= set(re.findall(r'href="/bilateral/id/(event/[^"]+)"', group))
        assert f"Showing {2 * number - 1}–{min(2 * number, 5)} of 5." in group
        assert ('rel="next"' in group) == (number < 3)
        assert ('rel="prev"' in group) == (number > 1)
    assert seen == {str(e).removeprefix(iris.DEFAULT_BASE)
                    for e in (kb.talks, kb.meeting1, kb.meeting2, kb.summit, kb.session)}


def test_bad_paging_is_400(client, kb):
    assert client.get(f"{path(kb.rus)}?in=bl:participatingState&page=two",
                      headers=HTML).status_code == 400


def test_duplicates_across_graphs_show_once(client, kb):
    html = page(client, path(kb.pak_rus))
    props = html[html.index("<h2>Properties"):html.index("<h2>Referenced by")]
    assert props.count("<li>Pakistan–Russia</li>") == 1  # the label is in three graphs


# --- search, browse, home, resources --------------------------------------------------------------

def test_search(client, kb):
    html = page(client, "/search?q=RUS")
    hits = re.findall(r'<li><a href="([^"]+)">', html)
    assert hits[0] == "/bilateral/id/state/RUS"  # the closest match first
    assert len(hits) == len(set(hits)) == 2  # page size 2
    assert "5 results" in html and 'rel="next"' in html
    federation = page(client, "/search?q=federation")  # skos:altLabel
    assert "1 result " in federation and "/bilateral/id/state/RUS" in federation
    assert "0 results" in page(client, "/search?q=zzzz")
    assert "Type a name" in page(client, "/search")


def test_browse(client):
    first = page(client, "/browse?type=bl:Visit")
    second = page(client, "/browse?type=bl:Visit&page=2")
    assert "4 results" in first and "Page 1 of 2" in first
    assert "Sergey Lavrov in Pakistan" in first + second


def test_home(client):
    html = page(client, "/")
    counts = {word: n for n, word in re.findall(r"<strong>(\d+)</strong> (\w+)", html)}
    assert counts["States"] == "4" and counts["Visits"] == "4" and counts["Articles"] == "3"
    assert counts["Events"] == "5" and counts["Agreements"] == "2"
    assert "Visits between two states" in html


def test_resource_page_for_other_iris(client, kb):
    html = page(client, "/resource?iri=bl:Visit")
    assert "4 values" in html  # four resources are of type bl:Visit
    redirect = client.get(f"/resource?iri={kb.rus}")
    assert redirect.status_code == 302 and redirect.location.endswith("/bilateral/id/state/RUS")
    turtle = client.get("/resource", query_string={"iri": "bl:Visit", "format": "ttl"})
    assert turtle.status_code == 200 and turtle.mimetype == "text/turtle"
    assert client.get("/resource?iri=not an iri", headers=HTML).status_code == 400


# --- named queries in the browser -----------------------------------------------------------------

def test_query_list_has_forms(client):
    html = page(client, "/queries")
    assert html.count('<form class="params"') >= 12
    assert 'name="from"' in html and "Visits between two states" in html


def test_named_query_page_and_downloads(client, kb):
    html = page(client, "/queries/visits-between?a=PAK&b=RUS")
    assert html.count("Sergey Lavrov") >= 2 and "Vladimir Putin" in html
    assert "format=csv" in html
    data = client.get("/queries/visits-between?a=PAK&b=RUS&format=json")
    assert data.mimetype == "application/sparql-results+json"
    rows = json.loads(data.data)["results"]["bindings"]
    assert [r["visit"]["value"] for r in rows] == [str(kb.visit0), str(kb.visit2), str(kb.visit1)]
    csv_text = client.get("/queries/visits-between?format=csv").get_data(as_text=True)
    assert csv_text.splitlines()[0].startswith("visit,start")


def test_named_query_bad_parameters(client):
    response = client.get("/queries/visits-between?a=Pakistan", headers=HTML)
    assert response.status_code == 400 and "ISO 3166-1" in response.get_data(as_text=True)
    data = client.get("/queries/visits-between?a=Pakistan&format=json")
    assert data.status_code == 400 and "ISO 3166-1" in data.get_json()["error"]["message"]
    assert client.get("/queries/no-such-query", headers=HTML).status_code == 404
    form = client.get("/queries/fact-sources", headers=HTML)  # required and empty: a form
    assert form.status_code == 200 and "needs the parameter entity" in form.get_data(as_text=True)


# --- headers and assets -------------------------------------------------------------------------

def test_security_headers_and_no_external_assets(client, kb):
    response = client.get(path(kb.rus), headers=HTML)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"]
    html = response.get_data(as_text=True)
    assets = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/") for a in assets)
    assert " style=" not in html and "<style" not in html
    assert client.get("/static/style.css").status_code == 200


def test_only_web_links_are_links(tmp_path):
    """A source URL like ``javascript:...`` from an article never becomes a link."""
    store = open_store(":memory:")
    article, fact = iris.article_iri("evil"), iris.agreement_iri("evil")
    graph = iris.article_graph("evil")
    store.replace_graph(graph, [
        (article, RDF.type, BL.Article),
        (article, SCHEMA.url, URIRef("javascript:alert(1)")),
        (fact, RDF.type, BL.Agreement),
        (fact, PROV.wasDerivedFrom, article),
        (fact, RDFS.seeAlso, Literal("javascript:alert(2)")),
    ])
    client = create_app(Settings(store=str(tmp_path)), store=store).test_client()
    for url in (path(fact), path(article)):
        html = page(client, url)
        assert 'href="javascript' not in html.lower(), url
    store.close()


# --- a configured base IRI ------------------------------------------------------------------------

@pytest.fixture
def custom_base():
    yield "http://kb.example.org/things/"
    iris.set_base(iris.DEFAULT_BASE)


def test_configured_base_iri_sets_the_page_path(custom_base, tmp_path):
    store = open_store(":memory:")
    thing = URIRef(custom_base + "state/ATL")
    store.replace_graph(iris.REFERENCE_GRAPH, [(thing, RDFS.label, Literal("Atlantis"))])
    app = create_app(Settings(store=str(tmp_path), base_iri=custom_base), store=store)
    client = app.test_client()
    assert "<h1>Atlantis</h1>" in page(client, "/things/state/ATL")
    assert "<h1>Atlantis</h1>" in page(client, "/id/state/ATL")
    graph = Graph().parse(data=client.get("/things/state/ATL.nt").data, format="nt")
    assert (thing, RDFS.label, Literal("Atlantis")) in graph
    store.close()


def test_named_query_page_keeps_the_search_box_empty(client):
    html = page(client, "/queries/visits-between")
    assert 'name="q" value=""' in html and "NamedQuery" not in html
