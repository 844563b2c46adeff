"""Kind-specific parts of entity pages, read mostly through the named queries.

Each builder is a pure function of the store and runs in the query worker.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import URIRef

from ..queries import NamedQuery
from ..store import SelectResult, Store
from .highlight import Highlighted, Span, highlight
from .lookups import PROLOGUE, name_parts, select
from .tables import Table, make_table
from .timeline import Item, Timeline, layout


@dataclass
class Section:
    """A titled table, with the named query (and parameters) that reproduces it."""

    title: str
    table: Table
    query: str | None = None
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class KindView:
    """Everything kind-specific on one entity page."""

    sections: list[Section] = field(default_factory=list)
    timeline: Timeline | None = None
    sources: Table | None = None
    article: dict[str, object] = field(default_factory=dict)
    text: Highlighted | None = None


class Sections:
    """Builds the kind view of one entity from the named queries."""

    def __init__(self, store: Store, queries: Mapping[str, NamedQuery]) -> None:
        self.store = store
        self.queries = queries

    def named(self, title: str, name: str, **params: str) -> Section:
        """A section holding the answer of one named query."""
        query = self.queries[name]
        result = query.run(self.store, params)
        assert isinstance(result, SelectResult)
        return Section(title, make_table(result), name, params)

    def internal(self, title: str, body: str, **bindings: URIRef) -> Section:
        """A section holding the answer of a query of the web layer's own."""
        result = self.store.query(PROLOGUE + body, bindings=bindings)
        assert isinstance(result, SelectResult)
        return Section(title, make_table(result))

    def build(self, kind: str | None, iri: URIRef) -> KindView:
        """The view for an entity of ``kind`` (see ``describe.kind``)."""
        builder = getattr(self, f"_{kind}", None)
        return builder(str(iri)) if builder else KindView()

    def _state(self, iri: str) -> KindView:
        visits = self.named("Visits made and hosted", "visits-of-state", state=iri)
        agreements = self.named("Agreements", "agreements-of-state", state=iri)
        events = self.named("Events", "events-involving-state", state=iri)
        view = KindView(
            [
                self.named("Partners ranked by activity", "state-partners", state=iri),
                self.named("Officials and their posts", "officials-of-state", state=iri),
                visits,
                agreements,
                events,
            ]
        )
        view.timeline = layout(
            _items(visits.table, "visit", "start", "visitor")
            + _items(agreements.table, "agreement", "signed", "topic")
            + _items(events.table, "event", "date", "event")
        )
        return view

    def _relation(self, iri: str) -> KindView:
        rows = select(
            self.store,
            "SELECT ?state WHERE { ?rel bl:betweenState ?state } GROUP BY ?state ORDER BY ?state",
            {"rel": URIRef(iri)},
        )
        states = [str(r["state"]) for r in rows]
        if len(states) != 2:
            return KindView()
        a, b = states
        timeline = self.named("Timeline", "relation-timeline", a=a, b=b)
        view = KindView(
            [
                self.named("Visits both ways", "visits-between", a=a, b=b),
                self.named("Agreements", "agreements-between", a=a, b=b),
                timeline,
            ]
        )
        view.timeline = layout(_items(timeline.table, None, "date", "item"))
        view.sources = self.internal(
            "Sources",
            """
            SELECT ?article (SAMPLE(?t) AS ?articleLabel) (MIN(STR(?d)) AS ?published)
                   (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
              { ?rel prov:wasDerivedFrom ?article BIND (?rel AS ?fact) }
              UNION { ?fact bl:concernsRelation ?rel ; prov:wasDerivedFrom ?article }
              OPTIONAL { ?article dcterms:title ?t }
              OPTIONAL { ?article dcterms:date ?d }
            } GROUP BY ?article ORDER BY DESC(?published) ?article""",
            rel=URIRef(iri),
        ).table
        return view

    def _official(self, iri: str) -> KindView:
        visits = self.named("Visits", "visits-by-official", official=iri)
        meetings = self.named("Meetings", "meetings-of-official", official=iri)
        agreements = self.named(
            "Agreements signed at their meetings", "agreements-of-official", official=iri
        )
        posts = self.internal(
            "Posts",
            """
            SELECT ?position (MIN(STR(?pl)) AS ?positionLabel) ?state
                   (MIN(STR(?sl)) AS ?stateLabel) (SAMPLE(?r) AS ?role) WHERE {
              ?official bl:holdsPosition ?position .
              OPTIONAL { ?position rdfs:label ?pl }
              OPTIONAL { ?position bl:ofState ?state OPTIONAL { ?state rdfs:label ?sl } }
              OPTIONAL { ?position bl:role ?r }
            } GROUP BY ?position ?state ORDER BY ?positionLabel""",
            official=URIRef(iri),
        )
        view = KindView([posts, visits, meetings, agreements])
        view.timeline = layout(
            _items(visits.table, "visit", "start", "hostState")
            + _items(meetings.table, "event", "date", "event")
            + _items(agreements.table, "agreement", "signed", "topic")
        )
        return view

    def _fact(self, iri: str) -> KindView:
        return KindView(sources=self.named("Sources", "fact-sources", entity=iri).table)

    _visit = _agreement = _event = _fact

    def _article(self, iri: str) -> KindView:
        article = URIRef(iri)
        view = KindView([self.named("Facts from this article", "article-facts", article=iri)])
        meta = select(
            self.store,
            """
            SELECT (SAMPLE(?t) AS ?title) (MIN(STR(?d)) AS ?date) (SAMPLE(?src) AS ?source)
                   (SAMPLE(?u) AS ?url) (SAMPLE(?b) AS ?body) WHERE {
              OPTIONAL { ?article dcterms:title ?t }
              OPTIONAL { ?article dcterms:date ?d }
              OPTIONAL { ?article dcterms:source ?src }
              OPTIONAL { ?article schema:url ?u }
              OPTIONAL { ?article schema:articleBody ?b }
            }""",
            {"article": article},
        )
        view.article = {k: v for k, v in (meta[0] if meta else {}).items() if v is not None}
        text = str(view.article.pop("body", ""))
        rows = select(
            self.store,
            f"""
            SELECT ?ev ?start ?end (MIN(STR(?name)) AS ?label) WHERE {{
              ?ev bl:inArticle ?article ; bl:startOffset ?start ; bl:endOffset ?end .
              OPTIONAL {{ ?fact bl:hasEvidence ?ev . {name_parts("fact")} }}
            }} GROUP BY ?ev ?start ?end ORDER BY ?start""",
            {"article": article},
        )
        spans = [
            Span(
                int(r["start"].toPython()),
                int(r["end"].toPython()),  # type: ignore[union-attr]
                anchor(r["ev"]),
                str(r.get("label") or ""),
            )
            for r in rows
            if r.get("start") is not None and r.get("end") is not None
        ]
        view.text = highlight(text, spans)
        return view


def anchor(evidence: object) -> str:
    """The HTML id of an evidence span: ``ev-`` and the last segment of its IRI."""
    return "ev-" + str(evidence).rstrip("/").rsplit("/", 1)[-1]


def _items(table: Table, lane: str | None, date: str, label: str) -> list[Item]:
    items = []
    for row in table.rows:
        first_column = table.columns[0]
        subject, when = row[first_column], row.get(date)
        named = row.get(label)
        text = (named.label or str(named.term)) if named and named.term is not None else ""
        kind = lane or str(row["kind"].term if "kind" in row else "event")
        items.append(
            Item(
                str(when.term) if when and when.term is not None else None,
                text,
                str(subject.term),
                kind,
            )
        )
    return items
