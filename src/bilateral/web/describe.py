"""The generic part of every entity page: name, types, properties both ways, paged.

Each property is a group with its full count; a group shows one page of values and says
how many there are, so nothing is cut off silently.
"""

import math
from dataclasses import dataclass, field
from typing import Literal as Direction

from rdflib import RDF, RDFS, URIRef
from rdflib.term import Identifier

from ..mapping.namespaces import BL
from ..store import GraphResult, SelectResult, Store
from .lookups import PROLOGUE
from .rows import fetch, iri_text, names, values

_FIRST = (RDF.type, RDFS.label)
_PATTERN = {"out": "?e ?p ?o", "in": "?o ?p ?e"}


@dataclass
class Value:
    """One linked value: the term and a readable name (None for literals and unnamed IRIs)."""

    term: Identifier
    label: str | None = None


@dataclass
class Group:
    """The values of one property in one direction, one page of them."""

    predicate: URIRef
    direction: Direction["out", "in"]
    count: int
    values: list[Value]
    page: int = 1
    pages: int = 1
    size: int = 50

    @property
    def first_index(self) -> int:
        """The 1-based position of the first value shown (0 when none)."""
        return (self.page - 1) * self.size + 1 if self.values else 0

    @property
    def last_index(self) -> int:
        """The 1-based position of the last value shown."""
        return (self.page - 1) * self.size + len(self.values)


@dataclass
class Description:
    """Everything the generic entity page shows."""

    iri: URIRef
    name: str | None
    types: list[URIRef]
    outgoing: list[Group] = field(default_factory=list)
    incoming: list[Group] = field(default_factory=list)
    page_size: int = 50

    def has_type(self, *classes: URIRef) -> bool:
        """Whether the entity is asserted to be of any of ``classes``."""
        return any(c in self.types for c in classes)


def exists(store: Store, iri: URIRef) -> bool:
    """Whether any triple mentions ``iri`` as subject or object."""
    answer = store.query(f"ASK WHERE {{ {{ {values('e', [iri])} ?e ?p ?o }} UNION "
                         f"{{ {values('e', [iri])} ?s ?p ?e }} }}")
    return bool(getattr(answer, "value", False))


def display_name(store: Store, iri: URIRef) -> str | None:
    """A readable name: the label or title, else None."""
    return names(store, [iri]).get(str(iri))


def describe(
    store: Store, iri: URIRef, page_size: int, paged: tuple[str, URIRef, int] | None = None,
    incoming_size: int | None = None,
) -> Description:
    """The description of ``iri``; ``paged`` = (direction, property, page) turns one group.

    Groups that fit on one page are read together and sorted by name; a larger group is
    read one page at a time in the store's order, so that a busy entity stays fast.
    Incoming groups show ``incoming_size`` values a page (default: ``page_size``).
    """
    groups: dict[str, list[Group]] = {}
    sizes = {"out": page_size, "in": incoming_size or page_size}
    for direction in ("out", "in"):
        page_size = sizes[direction]
        counts = fetch(store, f"SELECT ?p (COUNT(DISTINCT ?o) AS ?n) WHERE {{ "
                              f"{values('e', [iri])} {_PATTERN[direction]} }} GROUP BY ?p")
        found = []
        small = [URIRef(str(r["p"])) for r in counts if int(str(r["n"])) <= page_size]
        values_of = _small_groups(store, iri, direction, small)
        for row in counts:
            predicate, count = URIRef(str(row["p"])), int(str(row["n"]))
            page = 1
            if paged and paged[0] == direction and paged[1] == predicate:
                page = paged[2]
            pages = max(1, math.ceil(count / page_size))
            page = min(max(1, page), pages)
            terms = values_of.get(predicate)
            if terms is None:
                terms = _page_of(store, iri, direction, predicate, page_size, page)
            found.append(Group(predicate, direction, count,  # type: ignore[arg-type]
                               [Value(t) for t in terms], page, pages, page_size))
        groups[direction] = sorted(found, key=_group_order)
    shown = [v for gs in groups.values() for g in gs for v in g.values]
    named = names(store, [iri] + [v.term for v in shown])
    for group in (g for gs in groups.values() for g in gs):
        for value in group.values:
            value.label = named.get(str(value.term)) if isinstance(value.term, URIRef) else None
        if group.pages == 1:
            group.values.sort(key=lambda v: (v.label is None, (v.label or "").lower(),
                                             str(v.term)))
    types = [v.term for g in groups["out"] if g.predicate == RDF.type for v in g.values]
    return Description(iri, named.get(str(iri)), [URIRef(str(t)) for t in types],
                       groups["out"], groups["in"], sizes["out"])


def _small_groups(
    store: Store, iri: URIRef, direction: str, predicates: list[URIRef]
) -> dict[URIRef, list[Identifier]]:
    """Every value of the groups that fit on one page, in one query."""
    found: dict[URIRef, list[Identifier]] = {p: [] for p in predicates}
    if not predicates:
        return found
    rows = store.query(f"SELECT DISTINCT ?p ?o WHERE {{ {values('e', [iri])} "
                       f"{values('p', predicates)} {_PATTERN[direction]} }}")
    assert isinstance(rows, SelectResult)
    for row in rows.rows:
        found[URIRef(str(row["p"]))].append(row["o"])  # type: ignore[arg-type]
    return found


def _page_of(
    store: Store, iri: URIRef, direction: str, predicate: URIRef, size: int, page: int
) -> list[Identifier]:
    """One page of a large group, in the store's (stable) order: sorting thousands of
    values would cost more than the rest of the page.
    """
    pattern = (f"{iri_text(iri)} {iri_text(predicate)} ?o" if direction == "out"
               else f"?o {iri_text(predicate)} {iri_text(iri)}")
    rows = store.query(f"SELECT DISTINCT ?o WHERE {{ {pattern} }} "
                       f"LIMIT {int(size)} OFFSET {int((page - 1) * size)}")
    assert isinstance(rows, SelectResult)
    return [row["o"] for row in rows.rows]  # type: ignore[misc]


def _group_order(group: Group) -> tuple[int, str]:
    rank = _FIRST.index(group.predicate) if group.predicate in _FIRST else len(_FIRST)
    return rank, str(group.predicate)


def entity_triples(store: Store, iri: URIRef) -> GraphResult:
    """The entity's own statements, plus the labels of what they point to."""
    result = store.query(
        PROLOGUE + "CONSTRUCT { ?e ?p ?o . ?o rdfs:label ?l } "
        f"WHERE {{ {values('e', [iri])} ?e ?p ?o OPTIONAL {{ ?o rdfs:label ?l }} }}",
    )
    assert isinstance(result, GraphResult)
    return result


KIND_ORDER = (
    ("article", (BL.Article,)),
    ("state", (BL.State,)),
    ("relation", (BL.BilateralRelation,)),
    ("official", (BL.Official,)),
    ("visit", (BL.Visit,)),
    (
        "agreement",
        (BL.Agreement, BL.MemorandumOfUnderstanding, BL.Treaty, BL.Contract, BL.JointDeclaration),
    ),
    ("event", (BL.Event, BL.Meeting, BL.Talks, BL.Summit, BL.CommissionSession)),
)


def kind(description: Description) -> str | None:
    """Which kind-specific sections the page gets, if any."""
    return kind_of_types(description.types)


def kind_of_types(types: list[URIRef]) -> str | None:
    """Which kind-specific sections an entity of ``types`` gets, if any."""
    for name, classes in KIND_ORDER:
        if any(c in types for c in classes):
            return name
    return None


def types_of(store: Store, iri: URIRef) -> list[URIRef]:
    """The classes ``iri`` is asserted to belong to."""
    rows = fetch(store, f"SELECT DISTINCT ?t WHERE {{ {values('e', [iri])} ?e a ?t }}")
    return [t for t in (r["t"] for r in rows) if isinstance(t, URIRef)]
