"""The ``wikidata`` profile: Wikidata-style statements a Wikidata mirror or a bot can load.

Each statement is written the way the Wikidata RDF dump writes it: a truthy ``wdt:`` triple
on the item, and a statement node (``p:`` from the item, ``ps:`` to the value, ``pq:``
qualifiers, ``psv:``/``pqv:`` time value nodes with their precision) referenced to every
supporting article through ``prov:wasDerivedFrom`` a reference node with ``pr:P854``
(reference URL), ``pr:P813`` (retrieved: the article's date, the closest the knowledge base
keeps) and ``pr:P1476`` (title). Our resources with a Wikidata item (``owl:sameAs``) are
written as that item; the others stay items of our own, with an English label.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD
from rdflib.term import Node

from ..mapping import iris
from ..mapping import profiles as m
from ..mapping.namespaces import WD, WDT
from ..store import Store

WIKIBASE = Namespace("http://wikiba.se/ontology#")
P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PSV = Namespace("http://www.wikidata.org/prop/statement/value/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
PQV = Namespace("http://www.wikidata.org/prop/qualifier/value/")
PR = Namespace("http://www.wikidata.org/prop/reference/")
GREGORIAN = WD.Q1985727
PREFIXES = {
    "wd": str(WD),
    "wdt": str(WDT),
    "p": str(P),
    "ps": str(PS),
    "psv": str(PSV),
    "pq": str(PQ),
    "pqv": str(PQV),
    "pr": str(PR),
    "wikibase": str(WIKIBASE),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
_PRECISION = {
    str(XSD.date): (11, ""),
    str(XSD.gYearMonth): (10, "-01"),
    str(XSD.gYear): (9, "-01-01"),
}

Quad = tuple[Node, Node, Node, None]


def time_value(term: Node | None) -> tuple[Literal, int] | None:
    """A date literal as a Wikidata time (an ``xsd:dateTime``) and its precision.

    >>> time, precision = time_value(Literal("2012-10", datatype=XSD.gYearMonth))
    >>> str(time), time.datatype == XSD.dateTime, precision
    ('2012-10-01T00:00:00Z', True, 10)
    """
    if not isinstance(term, Literal) or str(term.datatype) not in _PRECISION:
        return None
    precision, padding = _PRECISION[str(term.datatype)]
    lexical = f"{term}{padding}T00:00:00Z"
    return Literal(lexical, datatype=XSD.dateTime, normalize=False), precision


@dataclass
class _Statement:
    item: URIRef
    value: Node
    qualifiers: tuple[tuple[str, Literal, int], ...]
    articles: set[URIRef] = field(default_factory=set)
    precision: int | None = None


class WikidataProfile:
    """Generates the statements of one source store, rule by rule."""

    def __init__(self, source: Store) -> None:
        self.source = source
        self.items = {
            row["x"]: URIRef(str(row["wd"]))
            for row in source.query(m.SAME_AS).rows
            if row["wd"] is not None
        }
        self.local: set[URIRef] = set()  # our resources written as items of their own
        self.articles: set[URIRef] = set()
        self._written: set[tuple] = set()
        self._values: list[tuple[URIRef, Literal, int]] = []  # time value nodes to write

    def item(self, node: Node) -> Node:
        """The Wikidata item of one of our resources, or the resource itself."""
        found = self.items.get(node)
        if found is None and isinstance(node, URIRef):
            self.local.add(node)
        return found or node

    def quads(self) -> Iterator[Quad]:
        """Every triple of the profile, in the default graph."""
        for rule in m.WIKIDATA_RULES:
            for statement in self._statements(rule).values():
                yield from self._write(rule.prop, statement)
        yield from self._positions()
        yield from self._labels()
        yield from self._references()

    def _statements(self, rule: m.StatementRule) -> dict[tuple, _Statement]:
        found: dict[tuple, _Statement] = {}
        for row in self.source.query(rule.query()).rows:
            if rule.prop in m.WIKIDATA_ONLY_IF_LINKED and row[rule.item] not in self.items:
                continue
            if rule.time:
                time = time_value(row["v"])
                if time is None:
                    continue
                value, precision = time
            else:
                value, precision = self.item(row["v"]), None
            qualifiers = tuple(
                (q, *t)
                for q, var in sorted(rule.qualifiers.items())
                if (t := time_value(row.get(var))) is not None
            )
            item = self.item(row[rule.item])
            statement = found.setdefault(
                (rule.prop, item, value, qualifiers),
                _Statement(item, value, qualifiers, precision=precision),
            )
            if isinstance(row.get("article"), URIRef):
                statement.articles.add(row["article"])
        return found

    def _write(self, prop: str, st: _Statement) -> Iterator[Quad]:
        qualified = ";".join(f"{q}={time}" for q, time, _ in st.qualifiers)
        node = iris.statement_iri(st.item, prop, st.value, qualified)
        yield st.item, P[prop], node, None
        if ("truthy", st.item, prop, st.value) not in self._written:
            self._written.add(("truthy", st.item, prop, st.value))
            yield st.item, WDT[prop], st.value, None
        yield node, RDF.type, WIKIBASE.Statement, None
        yield node, RDF.type, WIKIBASE.BestRank, None
        yield node, WIKIBASE.rank, WIKIBASE.NormalRank, None
        yield node, PS[prop], st.value, None
        if st.precision is not None and isinstance(st.value, Literal):
            yield node, PSV[prop], self._time_node(st.value, st.precision), None
        for qualifier, time, precision in st.qualifiers:
            yield node, PQ[qualifier], time, None
            yield node, PQV[qualifier], self._time_node(time, precision), None
        for article in sorted(st.articles):
            self.articles.add(article)
            yield node, PROV.wasDerivedFrom, iris.reference_iri(article), None
        yield from self._value_nodes()

    def _time_node(self, time: Literal, precision: int) -> URIRef:
        node = iris.value_iri(time, precision)
        if ("value", node) not in self._written:
            self._written.add(("value", node))
            self._values.append((node, time, precision))
        return node

    def _value_nodes(self) -> Iterator[Quad]:
        while self._values:
            node, time, precision = self._values.pop()
            yield node, RDF.type, WIKIBASE.TimeValue, None
            yield node, WIKIBASE.timeValue, time, None
            yield node, WIKIBASE.timePrecision, Literal(precision), None
            yield node, WIKIBASE.timeTimezone, Literal(0), None
            yield node, WIKIBASE.timeCalendarModel, GREGORIAN, None

    def _positions(self) -> Iterator[Quad]:
        """Our positions that are values of P39: what post of what state they are."""
        for row in self.source.query(m.POSITIONS).rows:
            position = row["x"]
            if position not in self.local:
                continue
            for prop, value in (("P1001", row["state"]), ("P279", m.ROLE_ITEMS.get(row["role"]))):
                if value is not None and ("pos", position, prop, value) not in self._written:
                    self._written.add(("pos", position, prop, value))
                    yield from self._write(prop, _Statement(position, self.item(value), ()))

    def _labels(self) -> Iterator[Quad]:
        for kind in m.ITEM_KINDS:
            query = m.LABELS.format(kind=m.KINDS[kind])
            for row in self.source.query(query).rows:
                if row["x"] in self.local and row["label"] is not None:
                    yield row["x"], RDFS.label, Literal(str(row["label"]), lang="en"), None

    def _references(self) -> Iterator[Quad]:
        for row in self.source.query(m.ARTICLES).rows:
            article = row["x"]
            if article not in self.articles:
                continue
            node = iris.reference_iri(article)
            yield node, RDF.type, WIKIBASE.Reference, None
            if isinstance(row["url"], URIRef):
                yield node, PR.P854, row["url"], None
            retrieved = time_value(row["date"])
            if retrieved is not None:
                yield node, PR.P813, retrieved[0], None
            if row["title"] is not None:
                yield node, PR.P1476, Literal(str(row["title"]), lang="en"), None


def wikidata_quads(source: Store) -> Iterator[Quad]:
    """The ``wikidata`` profile of ``source``."""
    return WikidataProfile(source).quads()
