"""What a state, a relation or an official took part in: dated items, partners, details.

Every query starts from the entity (a VALUES block) and takes one hop per pattern, so the
engine walks the entity's neighbourhood only. The union default graph repeats a statement
once per article graph that holds it, so answers are grouped or DISTINCT, and the details
(labels, parties, statuses) are read only for the rows a page shows.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from ..mapping.namespaces import BL
from ..store import Store
from .rows import Row, fetch, iri_text, values

BRANCHES = {
    "state": """
      {{ ?item bl:visitingState {e} BIND ("visit" AS ?lane) BIND ("made" AS ?role)
         OPTIONAL {{ ?item bl:startDate ?d }} }}
      UNION {{ ?item bl:hostState {e} BIND ("visit" AS ?lane) BIND ("hosted" AS ?role)
         OPTIONAL {{ ?item bl:startDate ?d }} }}
      UNION {{ ?item bl:party {e} BIND ("agreement" AS ?lane)
         OPTIONAL {{ ?item bl:signedDate ?d }} }}
      UNION {{ ?item bl:participatingState {e} BIND ("event" AS ?lane)
         OPTIONAL {{ ?item bl:date ?d }} }}""",
    "relation": """
      {{ ?item bl:concernsRelation {e} ; a bl:Visit BIND ("visit" AS ?lane)
         OPTIONAL {{ ?item bl:startDate ?d }} }}
      UNION {{ ?item bl:concernsRelation {e} ; a bl:Agreement BIND ("agreement" AS ?lane)
         OPTIONAL {{ ?item bl:signedDate ?d }} }}
      UNION {{ ?item bl:concernsRelation {e} ; a bl:Event BIND ("event" AS ?lane)
         OPTIONAL {{ ?item bl:date ?d }} }}""",
    "official": """
      {{ ?item bl:visitor {e} BIND ("visit" AS ?lane) BIND ("made" AS ?role)
         OPTIONAL {{ ?item bl:startDate ?d }} }}
      UNION {{ ?item bl:inviter {e} BIND ("visit" AS ?lane) BIND ("invited" AS ?role)
         OPTIONAL {{ ?item bl:startDate ?d }} }}
      UNION {{ ?item bl:participant {e} BIND ("event" AS ?lane)
         OPTIONAL {{ ?item bl:date ?d }} }}
      UNION {{ ?event bl:participant {e} . ?item bl:signedAt ?event BIND ("agreement" AS ?lane)
         OPTIONAL {{ ?item bl:signedDate ?d }} }}""",
}
DETAILS = {
    "visit": ("?item bl:visitor ?visitor", "?item bl:visitingState ?from",
              "?item bl:hostState ?to", "?item bl:destination ?place", "?item bl:status ?status"),
    "agreement": ("?item a ?kind", "?item bl:topic ?topic", "?item bl:party ?party",
                  "?item bl:count ?count", "?item bl:signedAt ?signedAt"),
    "event": ("?item a ?kind", "?item bl:location ?place", "?item bl:status ?status",
              "?item bl:participatingState ?party"),
}


@dataclass(frozen=True)
class Entry:
    """One dated (or undated) item: a visit, agreement or event, with the entity's role."""

    iri: URIRef
    lane: str
    date: str | None = None
    role: str | None = None


@dataclass
class Activity:
    """An entity's items by lane, newest first, undated last."""

    lanes: dict[str, list[Entry]] = field(default_factory=dict)

    def count(self, lane: str) -> int:
        """How many items one lane holds."""
        return len(self.lanes.get(lane, []))

    def entries(self) -> list[Entry]:
        """Every item of every lane."""
        return [e for lane in self.lanes.values() for e in lane]


def activity(store: Store, kind: str, iri: URIRef) -> Activity:
    """The dated items of a state, an official, or a relation (the facts concerning it)."""
    branches = BRANCHES[kind].format(e=iri_text(iri))
    rows = fetch(store, f"SELECT DISTINCT ?item ?lane ?role ?d WHERE {{ {branches} }}")
    found: dict[str, dict[tuple[str, str | None], Entry]] = defaultdict(dict)
    for row in rows:
        item, lane = row["item"], str(row["lane"])
        if not isinstance(item, URIRef):
            continue
        role = str(row["role"]) if row.get("role") is not None else None
        date = _str(row.get("d"))
        known = found[lane].get((item, role))
        if known is None or (date is not None and (known.date is None or date < known.date)):
            found[lane][(item, role)] = Entry(item, lane, date, role)
    lanes = {lane: _newest_first(list(entries.values())) for lane, entries in found.items()}
    return Activity({lane: lanes[lane] for lane in ("visit", "agreement", "event")
                     if lane in lanes})


def details(store: Store, lane: str, items: list[URIRef], named: dict[str, str] | None = None
            ) -> dict[URIRef, dict[str, list]]:
    """For each item, every value of its detail columns (in first-seen order); the names the
    items' own graphs give those values go into ``named``.
    """
    found = properties(store, items, DETAILS[lane], named)
    for cells in found.values():
        if "kind" in cells:
            cells["kind"] = [k for k in cells["kind"] if _specific_kind(k)]
    return found


def properties(store: Store, items: list[URIRef], patterns: tuple[str, ...],
               named: dict[str, str] | None = None) -> dict[URIRef, dict[str, list]]:
    """The values of ``?item P ?column`` patterns for each item.

    The patterns are a UNION, not a row of OPTIONALs: a statement repeated in many graphs
    then adds rows instead of multiplying them. With ``named``, each value's label is read
    in the graph that links it (a city's name is in every article that names the city, so
    reading it anywhere costs a row per article) and put into ``named``.
    """
    columns = [pattern.split()[-1][1:] for pattern in patterns]
    found: dict[URIRef, dict[str, list]] = {i: {c: [] for c in columns} for i in items}
    if not items:
        return found
    if named is None:
        branches = " UNION ".join(
            f'{{ {pattern.rsplit(" ", 1)[0]} ?value BIND ("{column}" AS ?column) }}'
            for pattern, column in zip(patterns, columns, strict=True))
    else:
        branches = " UNION ".join(
            f'{{ GRAPH ?g {{ {pattern.rsplit(" ", 1)[0]} ?value '
            f'OPTIONAL {{ ?value rdfs:label ?name }} }} BIND ("{column}" AS ?column) }}'
            for pattern, column in zip(patterns, columns, strict=True))
    rows = fetch(store, f"SELECT DISTINCT ?item ?column ?value ?name WHERE {{ "
                        f"{values('item', items)} {branches} }}")
    for row in rows:
        if named is not None and row.get("name") is not None:
            key = str(row["value"])
            named[key] = min(named.get(key, str(row["name"])), str(row["name"]))
        cells = found.get(row["item"])  # type: ignore[arg-type]
        if cells is not None and row["value"] not in cells[str(row["column"])]:
            cells[str(row["column"])].append(row["value"])
    return found


def sources(store: Store, fact: URIRef, limit: int) -> tuple[list[Row], int]:
    """The newest ``limit`` articles behind a fact, one row per evidence sentence; and the
    number of articles in all.
    """
    articles = fetch(store, f"""SELECT DISTINCT ?article ?published WHERE {{
        {iri_text(fact)} prov:wasDerivedFrom ?article
        OPTIONAL {{ ?article dcterms:date ?published }} }}""")
    newest: dict[URIRef, str] = {}
    for row in articles:
        article, date = row["article"], str(row.get("published") or "")
        if isinstance(article, URIRef):
            newest[article] = max(newest.get(article, ""), date)
    chosen = sorted(newest, key=lambda a: (newest[a], str(a)), reverse=True)[:limit]
    if not chosen:
        return [], 0
    meta = properties(store, chosen, ("?item dcterms:title ?title", "?item schema:url ?url"))
    spans = fetch(store, f"""SELECT DISTINCT ?article ?evidence ?sentence ?start ?end
            ?confidence WHERE {{
        {values('article', chosen)}
        {iri_text(fact)} bl:hasEvidence ?evidence . ?evidence bl:inArticle ?article .
        OPTIONAL {{ ?evidence bl:sentence ?sentence }}
        OPTIONAL {{ ?evidence bl:startOffset ?start }}
        OPTIONAL {{ ?evidence bl:endOffset ?end }}
        OPTIONAL {{ ?evidence bl:confidence ?confidence }} }}""")
    by_article: dict[URIRef, list[Row]] = defaultdict(list)
    for span in spans:
        by_article[span["article"]].append(span)  # type: ignore[index]
    rows: list[Row] = []
    for article in chosen:
        info = meta[article]
        base = {"article": article, "title": _first(info["title"]),
                "published": newest[article] or None, "url": _first(info["url"])}
        found = sorted(by_article.get(article, []), key=lambda r: int(str(r.get("start") or 0)))
        rows.extend({**base, **span} for span in found) if found else rows.append(dict(base))
    return rows, len(newest)


def _first(found: list) -> URIRef | str | None:
    return found[0] if found else None


def partners(store: Store, state: URIRef) -> list[Row]:
    """Every state sharing visits, agreements or events with ``state``, busiest first."""
    e = iri_text(state)
    rows = fetch(store, f"""
        SELECT ?partner (COUNT(DISTINCT ?visit) AS ?visits)
               (COUNT(DISTINCT ?agreement) AS ?agreements) (COUNT(DISTINCT ?event) AS ?events)
        WHERE {{
          {{ ?visit bl:visitingState {e} ; bl:hostState ?partner }}
          UNION {{ ?visit bl:hostState {e} ; bl:visitingState ?partner }}
          UNION {{ ?agreement bl:party {e} , ?partner }}
          UNION {{ ?event bl:participatingState {e} , ?partner }}
          FILTER (?partner != {e})
        }} GROUP BY ?partner""")
    for row in rows:
        row["total"] = str(sum(int(str(row[k])) for k in ("visits", "agreements", "events")))
    return sorted(rows, key=lambda r: (-int(str(r["total"])), str(r["partner"])))


def officials(store: Store, state: URIRef) -> list[Row]:
    """The officials holding posts of ``state``, with the number of articles naming each."""
    return fetch(store, f"""
        SELECT ?official ?position (COUNT(DISTINCT ?article) AS ?articles) WHERE {{
          {{ SELECT DISTINCT ?official ?position WHERE {{
              {{ SELECT DISTINCT ?position WHERE {{
                  {values('state', [state])} ?position bl:ofState ?state }} }}
              ?official bl:holdsPosition ?position }} }}
          OPTIONAL {{ ?official prov:wasDerivedFrom ?article }}
        }} GROUP BY ?official ?position ORDER BY DESC(?articles) ?official""")


def _specific_kind(kind: object) -> bool:
    text = str(kind)
    return text.startswith(str(BL._NS)) and text not in (str(BL.Event), str(BL.Agreement))


def _newest_first(entries: list[Entry]) -> list[Entry]:
    """Dated entries newest first (ties by IRI), then the undated ones by IRI."""
    by_iri = sorted(entries, key=lambda e: str(e.iri))  # plain strings compare in C
    dated = sorted((e for e in by_iri if e.date), key=lambda e: e.date or "", reverse=True)
    return dated + [e for e in by_iri if not e.date]


def _str(value: object) -> str | None:
    return str(value) if value is not None else None
