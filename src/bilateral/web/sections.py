"""Kind-specific parts of entity pages: tables of the newest items, pictures, sources.

Each builder is a pure function of the store and runs in the query worker; reads that do not
depend on each other run at the same time (``together``), and the names a page shows are
read in one lookup. Tables show the newest rows, say how many there are in all, and link to
the named query that lists them all.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from rdflib import URIRef

from ..mapping import iris
from ..mapping.namespaces import BL
from ..queries import NamedQuery
from ..store import SelectResult, Store
from .activity import (
    Activity,
    Entry,
    activity,
    details,
    officials,
    partners,
    properties,
    sources,
)
from .highlight import Highlighted, Span, highlight
from .network import MAX_SPOKES, Network, Spoke
from .network import layout as network_layout
from .rows import fetch, names, values
from .tables import Cell, Table, make_table
from .timeline import Item, Timeline, layout
from .together import together

_BL = str(BL._NS)
SHOWN = 10
NAMED_MARKS = 40  # timelines name their marks up to this many items


@dataclass
class Section:
    """A titled table, its full size, and the named query (with parameters) that lists it all."""

    title: str
    table: Table
    query: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    total: int | None = None


@dataclass
class KindView:
    """Everything kind-specific on one entity page."""

    sections: list[Section] = field(default_factory=list)
    timeline: Timeline | None = None
    network: Network | None = None
    sources: Table | None = None
    sources_total: int | None = None
    article: dict[str, object] = field(default_factory=dict)
    text: Highlighted | None = None


class Sections:
    """Builds the kind view of one entity."""

    def __init__(self, store: Store, queries: Mapping[str, NamedQuery]) -> None:
        self.store = store
        self.queries = queries
        self.named: dict[str, str] = {}  # names read so far for this page
        self.asked: set[str] = set()  # terms whose names were read (found or not)

    def build(self, kind: str | None, iri: URIRef) -> KindView:
        """The view for an entity of ``kind`` (see ``describe.kind``)."""
        builder = getattr(self, f"_{kind}", None)
        return builder(iri) if builder else KindView()

    # tables -----------------------------------------------------------------------------
    def _lanes(self, act: Activity, specs: list[tuple[str, str, list[str], str]],
               params: dict[str, str], also: list | None = None) -> list[Section]:
        """One section per (lane, title, columns, query): the newest rows of each lane.

        The lanes' details are read at the same time, each into its own names, merged after;
        the rows' other names are read in one go, with those of the terms in ``also``.
        """
        shown = {lane: act.lanes.get(lane, [])[:SHOWN] for lane, *_ in specs}
        found: list[tuple[dict, dict[str, str]]] = together(*[
            partial(_details_named, self.store, lane, [e.iri for e in shown[lane]])
            for lane, *_ in specs])
        for _, named in found:
            for key, name in named.items():
                self.named[key] = min(self.named.get(key, name), name)
        rows = [_lane_rows(shown[lane], info, columns)
                for (lane, _, columns, _), (info, _) in zip(specs, found, strict=True)]
        self._names([v for lane_rows in rows for r in lane_rows for v in _terms(r)]
                    + list(also or []))
        return [Section(title, self._table(columns, lane_rows, act.count(lane)), query,
                        params, act.count(lane))
                for (lane, title, columns, query), lane_rows in zip(specs, rows, strict=True)]

    def _table(self, columns: list[str], rows: list[dict[str, object]], total: int) -> Table:
        named = self._names([v for r in rows for v in _terms(r)])
        table = Table(columns, [], total > len(rows), len(rows))
        for row in rows:
            table.rows.append({c: _cell(row.get(c), named) for c in columns})
        return table

    def _sources(self, view: KindView, iri: URIRef, limit: int = 20) -> None:
        rows, total = sources(self.store, iri, limit)
        columns = ["article", "title", "published", "url", "evidence", "sentence", "start",
                   "end", "confidence"]
        view.sources = Table(columns, [{c: Cell(r.get(c)) for c in columns} for r in rows],
                             total > limit, limit)
        view.sources_total = total

    def _names(self, terms: list) -> dict[str, str]:
        """Names of ``terms``, reading only those this page has not named or asked for yet."""
        wanted = {str(t) for t in terms if t is not None} - self.asked - self.named.keys()
        if wanted:
            self.asked.update(wanted)
            self.named.update(names(self.store, [t for t in terms if str(t) in wanted]))
        return self.named

    # kinds ------------------------------------------------------------------------------
    def _state(self, iri: URIRef) -> KindView:
        params = {"state": str(iri)}
        act, ranked, posts = together(partial(activity, self.store, "state", iri),
                                      partial(partners, self.store, iri),
                                      partial(officials, self.store, iri))
        spokes = ranked[:MAX_SPOKES]
        also = ([iri] + [r["partner"] for r in ranked[:max(SHOWN, MAX_SPOKES)]]
                + [r[c] for r in posts[:SHOWN] for c in ("official", "position")]
                + _marks_to_name(act))
        lanes, known = together(
            partial(self._lanes, act, [
                ("visit", "Visits made and hosted",
                 ["date", "visit", "role", "visitor", "partner", "status"], "visits-of-state"),
                ("agreement", "Agreements",
                 ["date", "agreement", "kind", "topic", "party", "count"],
                 "agreements-of-state"),
                ("event", "Events", ["date", "event", "kind", "place", "party", "status"],
                 "events-involving-state")], params, also),
            partial(self._known_relations, iri, spokes))
        view = KindView([
            Section("Partners ranked by activity",
                    self._table(["partner", "visits", "agreements", "events", "total"],
                                ranked[:SHOWN], len(ranked)), "state-partners", params,
                    len(ranked)),
            Section("Officials and their posts",
                    self._table(["official", "position", "articles"], posts[:SHOWN],
                                len(posts)), "officials-of-state", params, len(posts)),
            *lanes,
        ])
        view.timeline = self._timeline(act)
        view.network = self._network(iri, ranked, known)
        return view

    def _relation(self, iri: URIRef) -> KindView:
        states = fetch(self.store, f"SELECT DISTINCT ?state WHERE {{ {values('rel', [iri])} "
                                   "?rel bl:betweenState ?state } ORDER BY ?state")
        pair = [s["state"] for s in states if isinstance(s["state"], URIRef)]
        if len(pair) != 2:
            return KindView()
        act = activity(self.store, "relation", iri)
        params = {"a": str(pair[0]), "b": str(pair[1])}
        view = KindView(self._lanes(act, [
            ("visit", "Visits both ways",
             ["date", "visit", "visitor", "from", "to", "place", "status"], "visits-between"),
            ("agreement", "Agreements",
             ["date", "agreement", "kind", "topic", "count", "signedAt"], "agreements-between"),
            ("event", "Events", ["date", "event", "kind", "place", "status"],
             "relation-timeline")], params, _marks_to_name(act)))
        view.timeline = self._timeline(act)
        rows = fetch(self.store, f"""
            SELECT ?article (COUNT(DISTINCT ?fact) AS ?facts) (MIN(STR(?d)) AS ?published)
            WHERE {{ {values('rel', [iri])}
              {{ ?rel prov:wasDerivedFrom ?article BIND (?rel AS ?fact) }}
              UNION {{ ?fact bl:concernsRelation ?rel . ?fact prov:wasDerivedFrom ?article }}
              OPTIONAL {{ ?article dcterms:date ?d }}
            }} GROUP BY ?article ORDER BY DESC(?published) ?article""")
        view.sources = self._table(["article", "published", "facts"], rows[:SHOWN], len(rows))
        view.sources_total = len(rows)
        return view

    def _official(self, iri: URIRef) -> KindView:
        act = activity(self.store, "official", iri)
        params = {"official": str(iri)}
        held = fetch(self.store, f"SELECT DISTINCT ?position WHERE {{ {values('o', [iri])} "
                                 "?o bl:holdsPosition ?position }")
        positions = [r["position"] for r in held if isinstance(r["position"], URIRef)]
        info = properties(self.store, positions,
                          ("?item bl:ofState ?state", "?item bl:role ?role"))
        posts = [{"position": p, **info[p]} for p in positions]
        view = KindView([
            Section("Posts", self._table(["position", "state", "role"], posts, len(posts)),
                    total=len(posts)),
            *self._lanes(act, [
                ("visit", "Visits", ["date", "visit", "role", "to", "place", "status"],
                 "visits-by-official"),
                ("event", "Meetings", ["date", "event", "kind", "place", "party"],
                 "meetings-of-official"),
                ("agreement", "Agreements signed at their meetings",
                 ["date", "agreement", "kind", "topic", "party"], "agreements-of-official"),
            ], params, _marks_to_name(act)),
        ])
        view.timeline = self._timeline(act)
        self._sources(view, iri, limit=10)
        return view

    def _fact(self, iri: URIRef) -> KindView:
        view = KindView()
        self._sources(view, iri)
        return view

    _visit = _agreement = _event = _fact

    def _article(self, iri: URIRef) -> KindView:
        result = self.queries["article-facts"].run(self.store, {"article": str(iri)})
        assert isinstance(result, SelectResult)
        view = KindView([Section("Facts from this article", make_table(result),
                                 "article-facts", {"article": str(iri)})])
        meta = fetch(self.store, f"""
            SELECT (SAMPLE(?t) AS ?title) (MIN(STR(?d)) AS ?date) (SAMPLE(?p) AS ?publisher)
                   (SAMPLE(?u) AS ?url) (SAMPLE(?b) AS ?body) WHERE {{
              {values('article', [iri])}
              OPTIONAL {{ ?article dcterms:title ?t }}
              OPTIONAL {{ ?article dcterms:date ?d }}
              OPTIONAL {{ ?article schema:publisher|dcterms:source ?p FILTER (isLiteral(?p)) }}
              OPTIONAL {{ ?article schema:url ?u }}
              OPTIONAL {{ ?article schema:articleBody ?b }}
            }}""")
        view.article = {k: v for k, v in (meta[0] if meta else {}).items() if v is not None}
        text = str(view.article.pop("body", ""))
        rows = fetch(self.store, f"""
            SELECT ?ev ?start ?end (SAMPLE(?fact) AS ?about) WHERE {{
              {values('article', [iri])}
              ?ev bl:inArticle ?article ; bl:startOffset ?start ; bl:endOffset ?end .
              OPTIONAL {{ ?fact bl:hasEvidence ?ev }}
            }} GROUP BY ?ev ?start ?end ORDER BY ?start""")
        named = names(self.store, [r.get("about") for r in rows])
        spans = [Span(int(str(r["start"])), int(str(r["end"])), anchor(r["ev"]),
                      named.get(str(r.get("about")), ""))
                 for r in rows if r.get("start") is not None and r.get("end") is not None]
        view.text = highlight(text, spans)
        return view

    # pictures ---------------------------------------------------------------------------
    def _timeline(self, act: Activity) -> Timeline:
        marks = _marks_to_name(act)
        named = self._names(marks) if marks else {}
        return layout(Item(e.date, named.get(str(e.iri), ""), str(e.iri), e.lane)
                      for e in act.entries())

    def _known_relations(self, iri: URIRef, ranked: list) -> dict[str, str]:
        """For each partner in ``ranked``, the relation's IRI where the store has it."""
        relations = {str(r["partner"]): _relation_iri(iri, r["partner"]) for r in ranked}
        wanted = [r for r in relations.values() if r]
        known = {str(r["rel"]) for r in fetch(self.store, f"""SELECT DISTINCT ?rel WHERE {{
            {values('rel', wanted)} ?rel a bl:BilateralRelation }}""")} if wanted else set()
        return {p: str(r) for p, r in relations.items() if str(r) in known}

    def _network(self, iri: URIRef, ranked: list, known: dict[str, str]) -> Network | None:
        """Partners around the state; each links to the relation's page where there is one."""
        if not ranked:
            return None
        shown = ranked[:MAX_SPOKES]
        named = self._names([iri] + [r["partner"] for r in shown])
        spokes = [Spoke(named.get(str(r["partner"]), str(r["partner"]).rsplit("/", 1)[-1]),
                        known.get(str(r["partner"]), str(r["partner"])),
                        int(str(r["total"])), int(str(r["visits"])),
                        int(str(r["agreements"])), int(str(r["events"])))
                  for r in shown]
        network = network_layout(named.get(str(iri), ""), "", spokes)
        network.more = len(ranked) - len(shown)
        return network


def anchor(evidence: object) -> str:
    """The HTML id of an evidence span: ``ev-`` and the last segment of its IRI."""
    return "ev-" + str(evidence).rstrip("/").rsplit("/", 1)[-1]


def _relation_iri(state: URIRef, partner: object) -> URIRef | None:
    """The relation between two states whose IRIs are minted from ISO codes, else None."""
    a, b = str(state).rsplit("/", 1)[-1], str(partner).rsplit("/", 1)[-1]
    if not (len(a) == len(b) == 3 and str(iris.state_iri(a)) == str(state)
            and str(iris.state_iri(b)) == str(partner)):
        return None
    return iris.relation_iri(a, b)


def _details_named(store: Store, lane: str, items: list[URIRef]
                   ) -> tuple[dict[URIRef, dict[str, list]], dict[str, str]]:
    """The details of one lane's items, and the names their graphs give the values."""
    named: dict[str, str] = {}
    return details(store, lane, items, named), named


def _lane_rows(entries: list[Entry], info: dict[URIRef, dict[str, list]],
               columns: list[str]) -> list[dict[str, object]]:
    """A table's rows: each entry with its details, the partner read from its role."""
    rows = []
    lane = entries[0].lane if entries else ""
    for entry in entries:
        cells = info.get(entry.iri, {})
        row = {"date": entry.date, lane: entry.iri, "role": entry.role, **cells}
        if entry.role == "made":
            row["partner"] = cells.get("to")
        elif entry.role == "hosted":
            row["partner"] = cells.get("from")
        rows.append({c: row.get(c) for c in columns})
    return rows


def _terms(row: dict[str, object]) -> list:
    """Every value in a row, lists flattened."""
    return [v for c in row.values() for v in (c if isinstance(c, list) else [c])]


def _marks_to_name(act: Activity) -> list[URIRef]:
    """The items a timeline names: all of its dated items when there are few enough."""
    dated = [e.iri for e in act.entries() if e.date]
    return dated if len(dated) <= NAMED_MARKS else []


def _cell(value: object, named: dict[str, str]) -> Cell:
    if isinstance(value, list):
        if not value:
            return Cell(None)
        cells = [_cell(v, named) for v in value]
        first = cells[0]
        first.more = cells[1:]
        return first
    if isinstance(value, URIRef):
        label = named.get(str(value))
        if label is None and str(value).startswith(_BL):
            words = re.sub(r"(?<=[a-z0-9])([A-Z])", r" \1", str(value)[len(_BL):]).lower()
            label = words[:1].upper() + words[1:]
        return Cell(value, label)
    return Cell(value)  # type: ignore[arg-type]
