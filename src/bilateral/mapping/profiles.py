"""Our terms mapped outward: the schema.org and Wikidata export profiles, and link reconciliation.

Everything here that reads the knowledge base is SPARQL over our ontology, kept in
``mapping/`` because only this package spells ontology IRIs. The writers in
:mod:`bilateral.exports` turn the rows into triples.

>>> SCHEMA_RULES[0].query().startswith("SELECT DISTINCT ?x ?v WHERE")
True
"""

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import RDF

from . import iris
from .namespaces import BL, SCHEMA, WD

# Graphs and IRIs of our own dataset beside the article graphs.
LINK_GRAPH = URIRef(iris.GRAPH_BASE + "links")
VOID_GRAPH = URIRef(iris.GRAPH_BASE + "void")
DATASET = URIRef("https://w3id.org/bilateral/dataset")
# Graphs a selection (an article, an entity) takes its neighbours' names and links from.
CONTEXT_GRAPHS = (iris.REFERENCE_GRAPH, LINK_GRAPH)

# Resources of each kind: SPARQL binding ?x; the kinds do not overlap.
KINDS = {
    "article": "?x a bl:Article .",
    "state": "?x a bl:State .",
    "place": "VALUES ?placeKind { bl:City bl:Place } ?x a ?placeKind . "
    "FILTER NOT EXISTS { ?x a bl:State }",
    "official": "?x a bl:Official .",
    "position": "?x a bl:Position .",
    "organization": "?x a bl:Organization .",
    "visit": "?x a bl:Visit .",
    "event": "?x a bl:Event . FILTER NOT EXISTS { ?x a bl:Visit }",
    "agreement": "?x a bl:Agreement .",
    "relation": "?x a bl:BilateralRelation .",
}


@dataclass(frozen=True)
class Rule:
    """One outward property of one kind: ``?v`` is bound by ``where`` (with ``?x`` bound)."""

    kind: str
    predicate: URIRef
    where: str

    def query(self) -> str:
        """The SELECT of (?x, ?v) pairs, each once."""
        return f"SELECT DISTINCT ?x ?v WHERE {{ {KINDS[self.kind]} {self.where} }}"


_STATUS = (
    "VALUES (?status ?v) { (bl:Planned schema:EventScheduled) "
    "(bl:Ongoing schema:EventScheduled) (bl:Completed schema:EventScheduled) "
    "(bl:Postponed schema:EventPostponed) (bl:Cancelled schema:EventCancelled) } "
    "?x bl:status ?status ."
)
_ORG_TYPES = (
    "VALUES (?t ?v) { (bl:Organization schema:Organization) "
    "(bl:Ministry schema:GovernmentOrganization) (bl:StateEnterprise schema:Corporation) "
    "(bl:Company schema:Corporation) } ?x a ?t ."
)
_PLACE_TYPES = "VALUES (?t ?v) { (bl:City schema:City) (bl:Place schema:Place) } ?x a ?t ."
_SOURCE = "?x prov:wasDerivedFrom ?v ."


def _rules(kind: str, *pairs: tuple[URIRef, str]) -> list[Rule]:
    return [Rule(kind, predicate, where) for predicate, where in pairs]


SCHEMA_RULES: list[Rule] = [
    *_rules(
        "article",
        (RDF.type, "VALUES ?v { schema:NewsArticle }"),
        (SCHEMA.headline, "?x dcterms:title ?v ."),
        (SCHEMA.datePublished, "?x dcterms:date ?v ."),
        (SCHEMA.url, "?x schema:url ?v ."),
        (SCHEMA.identifier, "?x dcterms:identifier ?v ."),
        (SCHEMA.articleBody, "?x schema:articleBody ?v ."),
        (SCHEMA.mentions, "?x schema:mentions ?v ."),
    ),
    *_rules(
        "state",
        (RDF.type, "VALUES ?v { schema:Country }"),
        (SCHEMA.name, "?x rdfs:label ?v ."),
        (SCHEMA.alternateName, "?x skos:altLabel ?v ."),
        (SCHEMA.identifier, "?x bl:isoCode ?v ."),
        (SCHEMA.sameAs, "?x owl:sameAs ?v ."),
    ),
    *_rules(
        "place",
        (RDF.type, _PLACE_TYPES),
        (SCHEMA.name, "?x rdfs:label ?v ."),
        (SCHEMA.containedInPlace, "?x bl:locatedIn ?v ."),
        (SCHEMA.sameAs, "?x owl:sameAs ?v ."),
    ),
    *_rules(
        "official",
        (RDF.type, "VALUES ?v { schema:Person }"),
        (SCHEMA.name, "?x rdfs:label ?v ."),
        (SCHEMA.familyName, "?x bl:familyName ?v ."),
        (SCHEMA.jobTitle, "?x bl:holdsPosition/rdfs:label ?v ."),
        (SCHEMA.nationality, "?x bl:holdsPosition/bl:ofState ?v ."),
        (SCHEMA.sameAs, "?x owl:sameAs ?v ."),
        (SCHEMA.subjectOf, _SOURCE),
    ),
    *_rules(
        "organization",
        (RDF.type, _ORG_TYPES),
        (SCHEMA.name, "?x rdfs:label ?v ."),
        (SCHEMA.location, "?x bl:basedIn ?v ."),
        (SCHEMA.sameAs, "?x owl:sameAs ?v ."),
        (SCHEMA.subjectOf, _SOURCE),
    ),
    *_rules(
        "visit",
        (RDF.type, "VALUES ?v { schema:Event }"),
        (SCHEMA.name, "?x rdfs:label ?v ."),
        (SCHEMA.eventStatus, _STATUS),
        (SCHEMA.attendee, "?x bl:visitor ?v ."),
        (SCHEMA.location, "?x bl:destination ?v ."),
        (SCHEMA.location, "?x bl:hostState ?v . FILTER NOT EXISTS { ?x bl:destination ?d }"),
        (SCHEMA.startDate, "?x bl:startDate ?v ."),
        (SCHEMA.endDate, "?x bl:endDate ?v ."),
        (SCHEMA.subjectOf, _SOURCE),
    ),
    *_rules(
        "event",
        (RDF.type, "VALUES ?v { schema:Event }"),
        (SCHEMA.name, "?x rdfs:label ?v ."),
        (SCHEMA.eventStatus, _STATUS),
        (SCHEMA.attendee, "?x bl:participant ?v ."),
        (SCHEMA.location, "?x bl:location ?v ."),
        (SCHEMA.startDate, "?x bl:date ?v ."),
        (SCHEMA.superEvent, "?x bl:partOfSeries ?v ."),
        (SCHEMA.subjectOf, _SOURCE),
    ),
    *_rules(
        "agreement",
        (RDF.type, "VALUES ?v { schema:CreativeWork }"),
        (SCHEMA.name, "?x rdfs:label ?v ."),
        (SCHEMA.keywords, "?x bl:topic ?v ."),
        (SCHEMA.dateCreated, "?x bl:signedDate ?v ."),
        (SCHEMA.spatialCoverage, "?x bl:party ?v . ?v a bl:State ."),
        (SCHEMA.contributor, "?x bl:party ?v . ?v a bl:Organization ."),
        (SCHEMA.recordedAt, "?x bl:signedAt ?v ."),
        (SCHEMA.subjectOf, _SOURCE),
    ),
]


@dataclass(frozen=True)
class StatementRule:
    """Wikidata statements of one property on the items of one kind.

    ``?x`` is the resource of the kind, and the statement's item unless ``item`` names
    another variable; ``where`` binds ``?v`` (the value: a resource, or a date when ``time``
    is set) and may bind the ``qualifiers`` (property id -> variable, dates); ``sources``
    binds ``?article``, the articles the statement is referenced to.
    """

    kind: str
    prop: str
    where: str
    qualifiers: dict[str, str] = field(default_factory=dict)
    time: bool = False
    sources: str = "?x prov:wasDerivedFrom ?article ."
    item: str = "x"

    def query(self) -> str:
        """The SELECT of statement rows, one per supporting article."""
        names = " ".join(f"?{v}" for v in self.qualifiers.values())
        optional = " ".join(
            f"OPTIONAL {{ {_QUALIFIER_VALUES[v]} }}" for v in self.qualifiers.values()
        )
        return (
            f"SELECT DISTINCT ?x {'' if self.item == 'x' else '?' + self.item} ?v {names} "
            f"?article WHERE {{ "
            f"{KINDS[self.kind]} {self.where} "
            f"{optional} OPTIONAL {{ {self.sources} }} }}"
        )


# How each qualifier variable is bound (?x is the item).
_QUALIFIER_VALUES = {
    "start": "?x bl:startDate ?start . ?x bl:endDate ?anyEnd .",
    "end": "?x bl:endDate ?end .",
    "when": "{ ?x bl:startDate ?when FILTER NOT EXISTS { ?x bl:endDate ?e } } "
    "UNION { ?x bl:date ?when }",
    "signed": "?x bl:signedDate ?signed .",
}
_TIMES = {"P580": "start", "P582": "end", "P585": "when"}
_RELATION_SOURCES = (
    "{ ?x prov:wasDerivedFrom ?article } UNION "
    "{ ?fact bl:concernsRelation ?x ; prov:wasDerivedFrom ?article }"
)

WIKIDATA_RULES: list[StatementRule] = [
    StatementRule(
        "relation",
        "P530",
        "?x bl:betweenState ?a, ?v . FILTER(?a != ?v)",
        sources=_RELATION_SOURCES,
        item="a",
    ),
    StatementRule("agreement", "P1891", "?x bl:party ?v .", {"P585": "signed"}),
    # instance of treaty (the ontology's closeMatch); other kinds have no Wikidata class here
    StatementRule("agreement", "P31", "?x a bl:Treaty . BIND(wd:Q131569 AS ?v)"),
    StatementRule("agreement", "P585", "?x bl:signedDate ?v .", time=True),
    StatementRule("visit", "P710", "?x bl:visitor ?v .", _TIMES),
    StatementRule("visit", "P17", "?x bl:hostState ?v ."),
    StatementRule("visit", "P276", "?x bl:destination ?v ."),
    StatementRule("visit", "P580", "?x bl:startDate ?v ; bl:endDate ?e .", time=True),
    StatementRule("visit", "P582", "?x bl:endDate ?v .", time=True),
    StatementRule(
        "visit", "P585", "?x bl:startDate ?v . FILTER NOT EXISTS { ?x bl:endDate ?e }", time=True
    ),
    StatementRule(
        "event", "P710", "?x bl:participant|bl:participatingState ?v .", {"P585": "when"}
    ),
    StatementRule("event", "P276", "?x bl:location ?v ."),
    StatementRule("event", "P179", "?x bl:partOfSeries ?v ."),
    StatementRule("event", "P585", "?x bl:date ?v .", time=True),
    StatementRule("official", "P39", "?x bl:holdsPosition ?v ."),
    StatementRule("organization", "P17", "?x bl:basedIn ?v ."),
]

# Kinds whose resources become items of their own when Wikidata has none for them.
ITEM_KINDS = ("visit", "event", "agreement", "official", "position", "organization", "place")
WIKIDATA_ONLY_IF_LINKED = {"P39"}  # statements made only on items Wikidata already has

# Roles whose Wikidata class is exact (the ontology's skos:exactMatch), for position items.
ROLE_ITEMS: dict[URIRef, URIRef] = {
    BL.HeadOfState: WD.Q48352,
    BL.HeadOfGovernment: WD.Q2285706,
    BL.ForeignMinister: WD.Q7330070,
    BL.DeputyMinister: WD.Q26204040,
    BL.Ambassador: WD.Q121998,
}
POSITIONS = (
    "SELECT DISTINCT ?x ?state ?role WHERE { ?x a bl:Position . "
    "OPTIONAL { ?x bl:ofState ?state } OPTIONAL { ?x bl:role ?role } }"
)

LABELS = "SELECT ?x (MIN(STR(?l)) AS ?label) WHERE {{ {kind} ?x rdfs:label ?l }} GROUP BY ?x"
ARTICLES = (
    "SELECT ?x (SAMPLE(?u) AS ?url) (SAMPLE(?d) AS ?date) (SAMPLE(?t) AS ?title) WHERE { "
    "?x a bl:Article . OPTIONAL { ?x schema:url ?u } OPTIONAL { ?x dcterms:source ?u } "
    "OPTIONAL { ?x dcterms:date ?d } OPTIONAL { ?x dcterms:title ?t } } GROUP BY ?x"
)
SAME_AS = (
    "SELECT ?x (MIN(STR(?w)) AS ?wd) WHERE { ?x owl:sameAs ?w "
    "FILTER(isIRI(?w) && STRSTARTS(STR(?w), STR(wd:))) } GROUP BY ?x"
)

# What ``bilateral link`` reconciles: officials and organisations with their states' items.
LINK_CANDIDATES = {
    "official": (
        "SELECT DISTINCT ?x ?label ?stateItem ?stateLabel ?position ?positionLabel WHERE { "
        "?x a bl:Official ; rdfs:label ?label . OPTIONAL { ?x bl:holdsPosition ?position . "
        "OPTIONAL { ?position rdfs:label ?positionLabel } "
        "OPTIONAL { ?position bl:ofState ?state . OPTIONAL { ?state rdfs:label ?stateLabel } "
        "OPTIONAL { ?state owl:sameAs ?stateItem FILTER(STRSTARTS(STR(?stateItem), STR(wd:))) }"
        " } } }"
    ),
    "organization": (
        "SELECT DISTINCT ?x ?label ?stateItem ?stateLabel WHERE { "
        "?x a bl:Organization ; rdfs:label ?label . OPTIONAL { ?x bl:basedIn ?state . "
        "OPTIONAL { ?state rdfs:label ?stateLabel } "
        "OPTIONAL { ?state owl:sameAs ?stateItem FILTER(STRSTARTS(STR(?stateItem), STR(wd:))) }"
        " } }"
    ),
}


def statement_iri(*key: object) -> URIRef:
    """The IRI of one Wikidata-style statement node, from what the statement says."""
    return URIRef(f"{iris.base()}statement/{iris.digest(*key, length=16)}")


def reference_iri(article: URIRef) -> URIRef:
    """The IRI of the reference node that cites one article."""
    return URIRef(f"{iris.base()}reference/{iris.digest(article, length=16)}")


def value_iri(*key: object) -> URIRef:
    """The IRI of a time value node (a date and its precision)."""
    return URIRef(f"{iris.base()}value/{iris.digest(*key, length=16)}")


def link_iri(subject: URIRef, target: URIRef) -> URIRef:
    """The IRI of the record of why ``subject`` was linked to ``target``."""
    return URIRef(f"{iris.base()}link/{iris.digest(subject, target, length=16)}")
