"""Shared fixtures: a small knowledge base in the shape the pipeline writes, and apps over it.

The knowledge base holds four states (reference graph) and three articles about
Pakistan–Russia relations in 2011–2012, each in its own named graph, with officials,
positions, visits, events, agreements and evidence spans into the article text.
``kb`` names its entities for assertions.
"""

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, XSD

from bilateral.config import Settings
from bilateral.mapping import iris
from bilateral.mapping.namespaces import BL, PROV, SCHEMA, WD
from bilateral.store import Store, open_store
from virtuoso import virtuoso  # noqa: F401 - the private Virtuoso fixture

STATES = {
    "PAK": ("Pakistan", "Q843", "Islamic Republic of Pakistan"),
    "RUS": ("Russia", "Q159", "Russian Federation"),
    "CHN": ("China", "Q148", "People's Republic of China"),
    "IND": ("India", "Q668", "Republic of India"),
}

A1, A2, A3 = "dawn-2012-10-05-lavrov", "tribune-2012-09-28-putin", "app-2012-06-07-sco"
ARTICLES = {
    A1: (
        "Lavrov arrives in Islamabad for talks",
        "2012-10-05",
        "Dawn",
        "Russian Foreign Minister Sergey Lavrov arrived in Islamabad on October 4, 2012 on a "
        "two-day visit at the invitation of Foreign Minister Hina Rabbani Khar. Lavrov and Khar "
        "held talks on energy and trade in Islamabad on Thursday. The two ministers signed a "
        "memorandum of understanding on energy cooperation. It was Lavrov's second visit to "
        "Pakistan after his trip in May 2011.",
    ),
    A2: (
        "Putin postpones Islamabad visit",
        "2012-09-28",
        "The Express Tribune",
        "Russian President Vladimir Putin has postponed his visit to Islamabad, which had been "
        "planned for October 2012, officials said. President Asif Ali Zardari had invited Putin "
        "during their meeting in Beijing in June 2012.",
    ),
    A3: (
        "Zardari in Beijing <script>alert('x')</script> for SCO summit",
        "2012-06-07",
        "APP",
        "President Asif Ali Zardari arrived in Beijing on June 5, 2012 to attend the summit of "
        "the Shanghai Cooperation Organisation. On the sidelines of the SCO summit, Zardari met "
        "Russian President Vladimir Putin on June 6. Pakistan and China signed three agreements "
        "on trade & economic cooperation during the visit. The 3rd session of the "
        "Pakistan–Russia Intergovernmental Commission will be held in Moscow later in 2012.",
    ),
}


class _Builder:
    """Collects the triples of each named graph."""

    def __init__(self) -> None:
        self.graphs: dict[URIRef, list[tuple]] = {}

    def add(self, graph: URIRef, subject: URIRef, *pairs: object) -> URIRef:
        triples = self.graphs.setdefault(graph, [])
        for predicate, value in zip(pairs[::2], pairs[1::2], strict=True):
            values = value if isinstance(value, list) else [value]
            for v in values:
                obj = v if isinstance(v, URIRef | Literal) else Literal(v)
                triples.append((subject, predicate, obj))
        return subject

    def fact(self, article: str, subject: URIRef, kinds: list, clue: str, *pairs: object) -> URIRef:
        """Add an extracted resource with its types, provenance and one evidence span."""
        graph = iris.article_graph(article)
        text = ARTICLES[article][3]
        start = text.index(clue)
        end = text.index(".", start) + 1
        sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
        evidence = iris.evidence_iri(article, subject, sentence_start)
        self.add(graph, subject, RDF.type, kinds, PROV.wasDerivedFrom, iris.article_iri(article),
                 BL.hasEvidence, evidence, *pairs)
        self.add(graph, evidence, RDF.type, BL.Evidence, BL.sentence, text[sentence_start:end],
                 BL.startOffset, sentence_start, BL.endOffset, end,
                 BL.confidence, Literal("0.9", datatype=XSD.decimal),
                 BL.inArticle, iris.article_iri(article))
        return subject


def _day(value: str) -> Literal:
    return Literal(value, datatype={4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date))


def build_kb(store: Store) -> SimpleNamespace:
    """Fill ``store`` with the fixture knowledge base; return its entities by short name."""
    b, st = _Builder(), iris.state_iri
    for iso, (label, qid, alt) in STATES.items():
        b.add(iris.REFERENCE_GRAPH, st(iso), RDF.type, BL.State, BL.isoCode, iso,
              RDFS.label, Literal(label, lang="en"), SKOS.altLabel, Literal(alt, lang="en"),
              OWL.sameAs, WD[qid])
    for article, (title, published, source, text) in ARTICLES.items():
        b.add(iris.article_graph(article), iris.article_iri(article), RDF.type, BL.Article,
              DCTERMS.title, title, DCTERMS.date, _day(published), DCTERMS.source, source,
              SCHEMA.url, URIRef(f"https://news.example.org/{article}"),
              SCHEMA.articleBody, text)
    pak_rus = iris.relation_iri("PAK", "RUS")
    islamabad, beijing = iris.place_iri("Islamabad", "PAK"), iris.place_iri("Beijing", "CHN")
    moscow = iris.place_iri("Moscow", "RUS")
    sco = iris.organization_iri("Shanghai Cooperation Organisation")

    def official(article: str, name: str, iso: str, post: str, role: URIRef) -> URIRef:
        position = iris.position_iri(post.split(" of ")[0], iso)
        b.fact(article, position, [BL.Position], name.split()[-1], RDFS.label, post,
               BL.ofState, st(iso), BL.role, role)
        return b.fact(article, iris.official_iri(name, iso), [BL.Official], name.split()[-1],
                      RDFS.label, name, BL.holdsPosition, position)

    def place(article: str, node: URIRef, name: str, iso: str) -> None:
        b.fact(article, node, [BL.Place, BL.City], name, RDFS.label, name, BL.locatedIn, st(iso))

    def relation(article: str, clue: str) -> None:
        b.fact(article, pak_rus, [BL.BilateralRelation], clue, RDFS.label, "Pakistan–Russia",
               BL.betweenState, [st("PAK"), st("RUS")])

    def mentions(article: str, *nodes: URIRef) -> None:
        b.add(iris.article_graph(article), iris.article_iri(article), SCHEMA.mentions, list(nodes))

    # Article 1: Lavrov in Islamabad, October 2012 (and a look back at May 2011).
    lavrov = official(A1, "Sergey Lavrov", "RUS", "Foreign Minister of Russia", BL.ForeignMinister)
    khar = official(A1, "Hina Rabbani Khar", "PAK", "Foreign Minister of Pakistan",
                    BL.ForeignMinister)
    place(A1, islamabad, "Islamabad", "PAK")
    relation(A1, "Russian")
    visit1 = b.fact(A1, iris.visit_iri(lavrov, "PAK", "2012-10-04"), [BL.Visit], "Lavrov arrived",
                    BL.visitor, lavrov, BL.visitingState, st("RUS"), BL.hostState, st("PAK"),
                    BL.destination, islamabad, BL.startDate, _day("2012-10-04"),
                    BL.endDate, _day("2012-10-05"), BL.durationDays, 2, BL.status, BL.Completed,
                    BL.inviter, khar, BL.concernsRelation, pak_rus)
    talks = b.fact(A1, iris.event_iri("talks", "PAK", "RUS", "2012-10-04"), [BL.Event, BL.Talks],
                   "held talks", RDFS.label, "Lavrov–Khar talks in Islamabad",
                   BL.participatingState, [st("PAK"), st("RUS")], BL.participant, [lavrov, khar],
                   BL.location, islamabad, BL.date, _day("2012-10-04"), BL.status, BL.Completed)
    mou = b.fact(A1, iris.agreement_iri(A1, "mou", "energy"),
                 [BL.Agreement, BL.MemorandumOfUnderstanding], "memorandum",
                 BL.party, [st("PAK"), st("RUS")], BL.topic, "energy cooperation",
                 BL.signedDate, _day("2012-10-04"), BL.signedAt, talks)
    visit0 = b.fact(A1, iris.visit_iri(lavrov, "PAK", "2011-05"), [BL.Visit], "second visit",
                    BL.visitor, lavrov, BL.visitingState, st("RUS"), BL.hostState, st("PAK"),
                    BL.startDate, _day("2011-05"), BL.status, BL.Completed,
                    BL.concernsRelation, pak_rus)
    mentions(A1, st("RUS"), st("PAK"), lavrov, khar)

    # Article 2: Putin's visit postponed.
    putin = official(A2, "Vladimir Putin", "RUS", "President of Russia", BL.HeadOfState)
    zardari = official(A2, "Asif Ali Zardari", "PAK", "President of Pakistan", BL.HeadOfState)
    place(A2, islamabad, "Islamabad", "PAK")
    place(A2, beijing, "Beijing", "CHN")
    relation(A2, "Russian")
    visit2 = b.fact(A2, iris.visit_iri(putin, "PAK", "2012-10"), [BL.Visit], "postponed",
                    BL.visitor, putin, BL.visitingState, st("RUS"), BL.hostState, st("PAK"),
                    BL.destination, islamabad, BL.startDate, _day("2012-10"),
                    BL.status, BL.Postponed, BL.inviter, zardari, BL.concernsRelation, pak_rus)
    meeting1 = b.fact(A2, iris.event_iri("meeting", "PAK", "RUS", "2012-06"),
                      [BL.Event, BL.Meeting], "their meeting",
                      RDFS.label, "Zardari–Putin meeting in Beijing",
                      BL.participatingState, [st("PAK"), st("RUS")],
                      BL.participant, [zardari, putin], BL.location, beijing,
                      BL.date, _day("2012-06"), BL.status, BL.Completed)
    mentions(A2, st("RUS"), st("PAK"), putin, zardari)

    # Article 3: the SCO summit in Beijing, June 2012, and a commission session ahead.
    official(A3, "Asif Ali Zardari", "PAK", "President of Pakistan", BL.HeadOfState)
    official(A3, "Vladimir Putin", "RUS", "President of Russia", BL.HeadOfState)
    place(A3, beijing, "Beijing", "CHN")
    place(A3, moscow, "Moscow", "RUS")
    relation(A3, "Pakistan–Russia")
    visit3 = b.fact(A3, iris.visit_iri(zardari, "CHN", "2012-06-05"), [BL.Visit], "Zardari arrived",
                    BL.visitor, zardari, BL.visitingState, st("PAK"), BL.hostState, st("CHN"),
                    BL.destination, beijing, BL.startDate, _day("2012-06-05"),
                    BL.endDate, _day("2012-06-07"), BL.status, BL.Completed)
    summit = b.fact(A3, iris.event_iri("summit", "SCO", "2012-06-06"), [BL.Event, BL.Summit],
                    "summit of", RDFS.label, "SCO Summit in Beijing",
                    BL.participatingState, [st("CHN"), st("PAK"), st("RUS")],
                    BL.location, beijing, BL.date, _day("2012-06-06"), BL.status, BL.Completed)
    meeting2 = b.fact(A3, iris.event_iri("meeting", "PAK", "RUS", "2012-06-06"),
                      [BL.Event, BL.Meeting], "sidelines", RDFS.label,
                      "Zardari–Putin meeting on the sidelines of the SCO summit",
                      BL.participatingState, [st("PAK"), st("RUS")],
                      BL.participant, [zardari, putin], BL.location, beijing,
                      BL.date, _day("2012-06-06"), BL.status, BL.Completed)
    batch = b.fact(A3, iris.agreement_iri(A3, "batch", "trade"), [BL.Agreement], "three agreements",
                   BL.party, [st("PAK"), st("CHN")], BL.topic, "trade & economic cooperation",
                   BL.signedDate, _day("2012-06"), BL.count, 3)
    session = b.fact(A3, iris.event_iri("commission", "PAK", "RUS", 3),
                     [BL.Event, BL.CommissionSession], "3rd session",
                     RDFS.label, "3rd session of the Pakistan–Russia Intergovernmental Commission",
                     BL.participatingState, [st("PAK"), st("RUS")], BL.location, moscow,
                     BL.ordinal, 3, BL.date, _day("2012"), BL.status, BL.Planned,
                     BL.concernsRelation, pak_rus)
    b.fact(A3, sco, [BL.Organization], "Shanghai", RDFS.label, "Shanghai Cooperation Organisation")
    mentions(A3, st("PAK"), st("CHN"), st("RUS"), zardari, putin, sco)

    store.replace_graphs(b.graphs)
    return SimpleNamespace(
        pak=st("PAK"), rus=st("RUS"), chn=st("CHN"), ind=st("IND"), pak_rus=pak_rus,
        lavrov=lavrov, khar=khar, putin=putin, zardari=zardari,
        visit0=visit0, visit1=visit1, visit2=visit2, visit3=visit3,
        talks=talks, meeting1=meeting1, meeting2=meeting2, summit=summit, session=session,
        mou=mou, batch=batch, islamabad=islamabad, beijing=beijing, moscow=moscow, sco=sco,
        a1=iris.article_iri(A1), a2=iris.article_iri(A2), a3=iris.article_iri(A3),
        texts={iris.article_iri(a): v[3] for a, v in ARTICLES.items()},
    )


@pytest.fixture(scope="session")
def kb_store() -> Iterator[tuple[Store, SimpleNamespace]]:
    """One in-memory store holding the fixture knowledge base, shared read-only by tests."""
    iris.set_base(iris.DEFAULT_BASE)
    store = open_store(":memory:")
    kb = build_kb(store)
    yield store, kb
    store.close()


@pytest.fixture
def store(kb_store: tuple[Store, SimpleNamespace]) -> Store:
    """The fixture store (do not write to it: it is shared)."""
    return kb_store[0]


@pytest.fixture
def kb(kb_store: tuple[Store, SimpleNamespace]) -> SimpleNamespace:
    """The fixture's entities by short name (``kb.lavrov``, ``kb.visit1``, ``kb.a3``, ...)."""
    return kb_store[1]


@pytest.fixture
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for a test app: small pages so that paging shows, a short time limit."""
    return Settings(store=str(tmp_path_factory.mktemp("unused-store")), page_size=2,
                    query_timeout_s=5.0, max_query_bytes=2_000)


@pytest.fixture
def app(settings: Settings, store: Store):  # -> flask.Flask, untyped to keep flask out of here
    """A Flask app over the fixture store."""
    from bilateral.web import create_app

    application = create_app(settings, store=store)
    application.config["TESTING"] = True
    return application


@pytest.fixture
def client(app):
    """A Flask test client of ``app``."""
    return app.test_client()
