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
from .rows import Row, fetch, values

_DATE = "OPTIONAL { ?item bl:startDate|bl:signedDate|bl:date ?d }"
BRANCHES = {
    "state": """
      { ?item bl:visitingState ?e BIND ("visit" AS ?lane) BIND ("made" AS ?role) }
      UNION { ?item bl:hostState ?e BIND ("visit" AS ?lane) BIND ("hosted" AS ?role) }
      UNION { ?item bl:party ?e BIND ("agreement" AS ?lane) }
      UNION { ?item bl:participatingState ?e BIND ("event" AS ?lane) }""",
    "relation": """
      { ?item bl:visitingState ?a ; bl:hostState ?b BIND ("visit" AS ?lane) }
      UNION { ?item bl:visitingState ?b ; bl:hostState ?a BIND ("visit" AS ?lane) }
      UNION { ?item bl:party ?a , ?b BIND ("agreement" AS ?lane) }
      UNION { ?item bl:participatingState ?a , ?b BIND ("event" AS ?lane) }""",
    "official": """
      { ?item bl:visitor ?e BIND ("visit" AS ?lane) BIND ("made" AS ?role) }
      UNION { ?item bl:inviter ?e BIND ("visit" AS ?lane) BIND ("invited" AS ?role) }
      UNION { ?item bl:participant ?e BIND ("event" AS ?lane) }
      UNION { ?event bl:participant ?e . ?item bl:signedAt ?event
              BIND ("agreement" AS ?lane) }""",
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


def activity(store: Store, kind: str, iri: URIRef, pair: tuple[URIRef, URIRef] | None = None
             ) -> Activity:
    """The dated items of a state, an official, or the relation between ``pair``."""
    bound = (f"{values('a', [pair[0]])} {values('b', [pair[1]])}" if pair
             else values("e", [iri]))
    rows = fetch(store, f"""SELECT ?item ?lane ?role (MIN(STR(?d)) AS ?date) WHERE {{
        {bound} {BRANCHES[kind]} {_DATE} }} GROUP BY ?item ?lane ?role""")
    found: dict[str, dict[tuple[str, str | None], Entry]] = defaultdict(dict)
    for row in rows:
        item, lane = row["item"], str(row["lane"])
        if not isinstance(item, URIRef):
            continue
        role = str(row["role"]) if row.get("role") is not None else None
        found[lane].setdefault((item, role), Entry(item, lane, _str(row.get("date")), role))
    lanes = {lane: sorted(entries.values(), key=_newest_first)
             for lane, entries in found.items()}
    return Activity({lane: lanes[lane] for lane in ("visit", "agreement", "event")
                     if lane in lanes})


def details(store: Store, lane: str, items: list[URIRef]) -> dict[URIRef, dict[str, list]]:
    """For each item, every value of its detail columns (in first-seen order)."""
    if not items:
        return {}
    optionals = " ".join(f"OPTIONAL {{ {pattern} }}" for pattern in DETAILS[lane])
    columns = sorted({word[1:] for p in DETAILS[lane] for word in p.split()[1:]
                      if word.startswith("?")})
    rows = fetch(store, f"SELECT DISTINCT ?item ?{' ?'.join(columns)} WHERE {{ "
                        f"{values('item', items)} {optionals} }}")
    found: dict[URIRef, dict[str, list]] = {i: {c: [] for c in columns} for i in items}
    for row in rows:
        cells = found.get(row["item"])  # type: ignore[arg-type]
        if cells is None:
            continue
        for column in columns:
            value = row.get(column)
            if value is not None and value not in cells[column]:
                cells[column].append(value)
    for cells in found.values():
        if "kind" in cells:
            cells["kind"] = [k for k in cells["kind"] if _specific_kind(k)]
    return found


def partners(store: Store, state: URIRef) -> list[Row]:
    """Every state sharing visits, agreements or events with ``state``, busiest first."""
    rows = fetch(store, f"""
        SELECT ?partner (COUNT(DISTINCT ?visit) AS ?visits)
               (COUNT(DISTINCT ?agreement) AS ?agreements) (COUNT(DISTINCT ?event) AS ?events)
        WHERE {{
          {values('state', [state])}
          {{ ?visit bl:visitingState ?state ; bl:hostState ?partner }}
          UNION {{ ?visit bl:hostState ?state ; bl:visitingState ?partner }}
          UNION {{ ?agreement bl:party ?state , ?partner }}
          UNION {{ ?event bl:participatingState ?state , ?partner }}
          FILTER (?partner != ?state)
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


def _newest_first(entry: Entry) -> tuple[bool, str, str]:
    inverted = "".join(chr(0x10FFFF - ord(c)) for c in entry.date or "")
    return entry.date is None, inverted, str(entry.iri)


def _str(value: object) -> str | None:
    return str(value) if value is not None else None
