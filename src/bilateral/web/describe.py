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
from ..store import GraphResult, Store
from .lookups import PROLOGUE, name_parts, scalar, select

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
    answer = store.query("ASK WHERE { { ?e ?p ?o } UNION { ?s ?p ?e } }", bindings={"e": iri})
    return bool(getattr(answer, "value", False))


def display_name(store: Store, iri: URIRef) -> str | None:
    """A readable name: the label or title, else one made from the entity's facts."""
    rows = select(store, f"SELECT ?s (MIN(STR(?name)) AS ?label) WHERE {{ {name_parts()} }} "
                         "GROUP BY ?s", {"s": iri})
    label = rows[0].get("label") if rows else None
    return str(label) if label is not None else None


def describe(
    store: Store, iri: URIRef, page_size: int, paged: tuple[str, URIRef, int] | None = None
) -> Description:
    """The description of ``iri``; ``paged`` = (direction, property, page) turns one group."""
    groups: dict[str, list[Group]] = {}
    for direction in ("out", "in"):
        counts = select(store, f"SELECT ?e ?p (COUNT(DISTINCT ?o) AS ?n) WHERE {{ "
                               f"{_PATTERN[direction]} }} GROUP BY ?e ?p", {"e": iri})
        found = []
        for row in counts:
            predicate, count = URIRef(str(row["p"])), scalar([row], "n")
            page = 1
            if paged and paged[0] == direction and paged[1] == predicate:
                page = paged[2]
            pages = max(1, math.ceil(count / page_size))
            page = min(max(1, page), pages)
            values = _values(store, iri, direction, predicate, page_size, page)
            found.append(Group(predicate, direction, count, values, page, pages, page_size))  # type: ignore[arg-type]
        groups[direction] = sorted(found, key=_group_order)
    types = [v.term for g in groups["out"] if g.predicate == RDF.type for v in g.values]
    return Description(iri, display_name(store, iri), [URIRef(str(t)) for t in types],
                       groups["out"], groups["in"], page_size)


def _values(
    store: Store, iri: URIRef, direction: str, predicate: URIRef, size: int, page: int
) -> list[Value]:
    rows = select(store, f"""
        SELECT ?e ?p ?o (MIN(STR(?name)) AS ?label) WHERE {{
          {_PATTERN[direction]} .
          OPTIONAL {{ FILTER (isIRI(?o)) {name_parts("o")} }}
        }} GROUP BY ?e ?p ?o
        ORDER BY (!BOUND(?label)) LCASE(?label) STR(?o)
        LIMIT {int(size)} OFFSET {int((page - 1) * size)}""", {"e": iri, "p": predicate})
    return [Value(r["o"], str(r["label"]) if r.get("label") is not None else None)  # type: ignore[arg-type]
            for r in rows]


def _group_order(group: Group) -> tuple[int, str]:
    rank = _FIRST.index(group.predicate) if group.predicate in _FIRST else len(_FIRST)
    return rank, str(group.predicate)


def entity_triples(store: Store, iri: URIRef) -> GraphResult:
    """The entity's own statements, plus the labels of what they point to."""
    result = store.query(
        PROLOGUE + "CONSTRUCT { ?e ?p ?o . ?o rdfs:label ?l } "
        "WHERE { ?e ?p ?o OPTIONAL { ?o rdfs:label ?l } }",
        bindings={"e": iri},
    )
    assert isinstance(result, GraphResult)
    return result


KIND_ORDER = (
    ("article", (BL.Article,)),
    ("state", (BL.State,)),
    ("relation", (BL.BilateralRelation,)),
    ("official", (BL.Official,)),
    ("visit", (BL.Visit,)),
    ("agreement", (BL.Agreement, BL.MemorandumOfUnderstanding, BL.Treaty, BL.Contract,
                   BL.JointDeclaration)),
    ("event", (BL.Event, BL.Meeting, BL.Talks, BL.Summit, BL.CommissionSession)),
)


def kind(description: Description) -> str | None:
    """Which kind-specific sections the page gets, if any."""
    for name, classes in KIND_ORDER:
        if description.has_type(*classes):
            return name
    return None
