"""Reads behind the home, search and browse pages: pure functions of a store.

They run in the query worker, so they take everything as arguments and touch no request.
Each query DISTINCTs or counts distinct terms: the union default graph repeats a triple
once per graph that holds it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import islice

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ..mapping.namespaces import BL, PREFIXES
from ..store import SelectResult, Store

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

# The kinds the home page counts, in the order it shows them.
HOME_KINDS = (
    (BL.State, "States"),
    (BL.Official, "Officials"),
    (BL.Visit, "Visits"),
    (BL.Agreement, "Agreements"),
    (BL.Event, "Events"),
    (BL.Article, "Articles"),
)


@dataclass
class Hit:
    """One resource in a list: its IRI, a label and its types."""

    iri: URIRef
    label: str | None
    types: list[str]
    date: str | None = None


def select(
    store: Store, body: str, bindings: Mapping[str, Identifier] | None = None
) -> list[dict[str, Identifier | None]]:
    """Rows of a SELECT (with the project prefixes declared) as a list."""
    result = store.query(PROLOGUE + body, bindings=bindings)
    assert isinstance(result, SelectResult)
    return list(result.rows)


def scalar(rows: list[dict[str, Identifier | None]], name: str) -> int:
    """An integer from the first row, 0 when absent."""
    value = rows[0].get(name) if rows else None
    return int(value.toPython()) if isinstance(value, Literal) else 0


def class_counts(store: Store) -> dict[URIRef, int]:
    """How many distinct resources each class has."""
    rows = select(
        store, "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type"
    )
    return {r["type"]: scalar([r], "n") for r in rows if isinstance(r["type"], URIRef)}


def recent_articles(store: Store, limit: int = 10) -> list[dict[str, Identifier | None]]:
    """The newest articles with title and date."""
    return select(
        store,
        f"""
        SELECT ?article (SAMPLE(?t) AS ?title) (MIN(STR(?d)) AS ?date) WHERE {{
          ?article a bl:Article .
          OPTIONAL {{ ?article dcterms:title ?t }}
          OPTIONAL {{ ?article dcterms:date ?d }}
        }} GROUP BY ?article ORDER BY DESC(?date) ?article LIMIT {int(limit)}""",
    )


_SEARCH_WHERE = """
  { ?s rdfs:label ?l } UNION { ?s skos:altLabel ?l } UNION { ?s dcterms:title ?l }
  FILTER (CONTAINS(LCASE(STR(?l)), LCASE(STR(?q))))
"""


def search(store: Store, text: str, page: int, size: int) -> tuple[int, list[Hit]]:
    """Resources whose label, alternative label or title contains ``text`` (any case).

    Exact names first, then names that start with the text, then the rest, by name.
    """
    from .rows import fetch, values

    matches = store.query(PROLOGUE + f"SELECT DISTINCT ?s ?l WHERE {{ {_SEARCH_WHERE} }}",
                          bindings={"q": Literal(text)})
    assert isinstance(matches, SelectResult)
    best: dict[str, str] = {}
    for row in matches.rows:
        name, label = str(row["s"]), str(row["l"])
        if isinstance(row["s"], URIRef) and (name not in best or label < best[name]):
            best[name] = label
    wanted = text.lower()

    def rank(item: tuple[str, str]) -> tuple[bool, bool, str, str]:
        label = item[1].lower()
        return label != wanted, not label.startswith(wanted), label, item[0]

    ranked = sorted(best.items(), key=rank)
    start = max(0, page - 1) * size
    shown = ranked[start : start + size]
    if not shown:
        return len(ranked), []
    types = fetch(store, f"""SELECT ?s (GROUP_CONCAT(DISTINCT STR(?type); separator=" ")
        AS ?types) WHERE {{ {values("s", [URIRef(s) for s, _ in shown])} ?s a ?type }}
        GROUP BY ?s""")
    kinds = {str(r["s"]): sorted(str(r.get("types") or "").split()) for r in types}
    return len(ranked), [Hit(URIRef(s), label, kinds.get(s, [])) for s, label in shown]


def name_parts(var: str = "s") -> str:
    """Patterns binding ``?name`` to a readable name of ``?var`` and ``?when`` to its date.

    Labels and titles first; visits are named by who went where, agreements by topic.
    """
    return f"""
  OPTIONAL {{ ?{var} rdfs:label ?l }}
  OPTIONAL {{ ?{var} dcterms:title ?t }}
  OPTIONAL {{ ?{var} bl:visitor/rdfs:label ?who . ?{var} bl:hostState/rdfs:label ?host }}
  OPTIONAL {{ ?{var} bl:topic ?topic }}
  OPTIONAL {{ ?{var} bl:startDate|bl:signedDate|bl:date|dcterms:date ?when }}
  BIND (COALESCE(?l, ?t, CONCAT(STR(?who), " in ", STR(?host)), CONCAT("on ", STR(?topic)))
        AS ?name)
"""


def instances(store: Store, kind: URIRef, page: int, size: int) -> tuple[int, list[Hit]]:
    """Resources of one class, one page of them: by name up to ``SORTED_UP_TO`` of them, in
    the store's (stable) order past that, where sorting would cost more than the page.
    """
    from .rows import fetch, iri_text, names, values

    members = f"WHERE {{ ?s a {iri_text(kind)} }}"
    total = scalar(select(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) {members}"), "n")
    start = max(0, page - 1) * size
    if total <= SORTED_UP_TO:
        everything = [r["s"] for r in fetch(store, f"SELECT DISTINCT ?s {members}")]
        named = names(store, everything)
        everything.sort(key=lambda s: (str(s) not in named, named.get(str(s), "").lower(), str(s)))
        chosen = everything[start : start + size]
    else:
        chosen = [r["s"] for r in fetch(store, f"SELECT DISTINCT ?s {members} "
                                               f"LIMIT {int(size)} OFFSET {int(start)}")]
        named = names(store, chosen)
    chosen = [c for c in chosen if isinstance(c, URIRef)]
    if not chosen:
        return total, []
    rows = fetch(store, f"""SELECT ?s (MIN(STR(?when)) AS ?date)
            (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types) WHERE {{
          {values("s", chosen)}
          {{ ?s a ?type }} UNION {{ ?s bl:startDate|bl:signedDate|bl:date|dcterms:date ?when }}
        }} GROUP BY ?s""")
    info = {str(r["s"]): r for r in rows}
    hits = []
    for s in chosen:
        row = info.get(str(s), {})
        date = row.get("date")
        hits.append(Hit(s, named.get(str(s)), sorted(str(row.get("types") or "").split()),
                        str(date) if date else None))
    return total, hits


SORTED_UP_TO = 2_000


def first(rows: Iterable[dict[str, Identifier | None]], limit: int) -> tuple[list, bool]:
    """Up to ``limit`` rows, and whether there were more."""
    taken = list(islice(rows, limit + 1))
    return taken[:limit], len(taken) > limit


def _hit(row: dict[str, Identifier | None]) -> Hit:
    types = str(row.get("types") or "").split()
    label = row.get("label")
    date = row.get("date")
    return Hit(
        URIRef(str(row["s"])),
        str(label) if label is not None else None,
        sorted(types),
        str(date) if date is not None else None,
    )
