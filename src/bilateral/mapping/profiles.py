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

# Graphs a selection (an article, an entity) takes its neighbours' names and links from.
CONTEXT_GRAPHS = (iris.REFERENCE_GRAPH, iris.LINK_GRAPH)


def once(pattern: str) -> str:
    """``pattern`` with each of its solutions once.

    The default graph of a query is the union of the graphs, where a triple held by many
    article graphs (an official named in many articles) comes once per graph; joining such
    patterns multiplies the repeats, so every pattern of a profile query is made distinct
    on its own before the join.

    >>> once("?x a bl:Visit")
    '{ SELECT DISTINCT * WHERE { ?x a bl:Visit } }'
    """
    return f"{{ SELECT DISTINCT * WHERE {{ {pattern} }} }}"


# Resources of each kind: SPARQL binding ?x; the kinds do not overlap.
KINDS = {
    "article": once("?x a bl:Article"),
    "state": once("?x a bl:State"),
    "place": once(
        "VALUES ?placeKind { bl:City bl:Place } ?x a ?placeKind FILTER NOT EXISTS { ?x a bl:State }"
    ),
    "official": once("?x a bl:Official"),
    "position": once("?x a bl:Position"),
    "organization": once("?x a bl:Organization"),
    "visit": once("?x a bl:Visit"),
    "event": once("?x a bl:Event FILTER NOT EXISTS { ?x a bl:Visit }"),
    "agreement": once("?x a bl:Agreement"),
    "relation": once("?x a bl:BilateralRelation"),
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


def _value(predicate: str) -> str:
    return once(f"?x {predicate} ?v")


_STATUS = (
    "VALUES (?status ?v) { (bl:Planned schema:EventScheduled) "
    "(bl:Ongoing schema:EventScheduled) (bl:Completed schema:EventScheduled) "
    "(bl:Postponed schema:EventPostponed) (bl:Cancelled schema:EventCancelled) } "
    + once("?x bl:status ?status")
)
_ORG_TYPES = (
    "VALUES (?t ?v) { (bl:Organization schema:Organization) "
    "(bl:Ministry schema:GovernmentOrganization) (bl:StateEnterprise schema:Corporation) "
    "(bl:Company schema:Corporation) } " + once("?x a ?t")
)
_PLACE_TYPES = "VALUES (?t ?v) { (bl:City schema:City) (bl:Place schema:Place) } " + once("?x a ?t")
_SOURCE = _value("prov:wasDerivedFrom")


def _rules(kind: str, *pairs: tuple[URIRef, str]) -> list[Rule]:
    return [Rule(kind, predicate, where) for predicate, where in pairs]


SCHEMA_RULES: list[Rule] = [
    *_rules(
        "article",
        (RDF.type, "VALUES ?v { schema:NewsArticle }"),
        (SCHEMA.headline, _value("dcterms:title")),
        (SCHEMA.datePublished, _value("dcterms:date")),
        (SCHEMA.url, _value("schema:url")),
        (SCHEMA.identifier, _value("dcterms:identifier")),
        (SCHEMA.articleBody, _value("schema:articleBody")),
        (SCHEMA.mentions, _value("schema:mentions")),
    ),
    *_rules(
        "state",
        (RDF.type, "VALUES ?v { schema:Country }"),
        (SCHEMA.name, _value("rdfs:label")),
        (SCHEMA.alternateName, _value("skos:altLabel")),
        (SCHEMA.identifier, _value("bl:isoCode")),
        (SCHEMA.sameAs, _value("owl:sameAs")),
    ),
    *_rules(
        "place",
        (RDF.type, _PLACE_TYPES),
        (SCHEMA.name, _value("rdfs:label")),
        (SCHEMA.containedInPlace, _value("bl:locatedIn")),
        (SCHEMA.sameAs, _value("owl:sameAs")),
    ),
    *_rules(
        "official",
        (RDF.type, "VALUES ?v { schema:Person }"),
        (SCHEMA.name, _value("rdfs:label")),
        (SCHEMA.familyName, _value("bl:familyName")),
        (SCHEMA.jobTitle, once("?x bl:holdsPosition ?p") + once("?p rdfs:label ?v")),
        (SCHEMA.nationality, once("?x bl:holdsPosition ?p") + once("?p bl:ofState ?v")),
        (SCHEMA.sameAs, _value("owl:sameAs")),
        (SCHEMA.subjectOf, _SOURCE),
    ),
    *_rules(
        "organization",
        (RDF.type, _ORG_TYPES),
        (SCHEMA.name, _value("rdfs:label")),
        (SCHEMA.location, _value("bl:basedIn")),
        (SCHEMA.sameAs, _value("owl:sameAs")),
        (SCHEMA.subjectOf, _SOURCE),
    ),
    *_rules(
        "visit",
        (RDF.type, "VALUES ?v { schema:Event }"),
        (SCHEMA.name, _value("rdfs:label")),
        (SCHEMA.eventStatus, _STATUS),
        (SCHEMA.attendee, _value("bl:visitor")),
        (SCHEMA.location, _value("bl:destination")),
        (SCHEMA.location, _value("bl:hostState") + " FILTER NOT EXISTS { ?x bl:destination ?d }"),
        (SCHEMA.startDate, _value("bl:startDate")),
        (SCHEMA.endDate, _value("bl:endDate")),
        (SCHEMA.subjectOf, _SOURCE),
    ),
    *_rules(
        "event",
        (RDF.type, "VALUES ?v { schema:Event }"),
        (SCHEMA.name, _value("rdfs:label")),
        (SCHEMA.eventStatus, _STATUS),
        (SCHEMA.attendee, _value("bl:participant")),
        (SCHEMA.location, _value("bl:location")),
        (SCHEMA.startDate, _value("bl:date")),
        (SCHEMA.superEvent, _value("bl:partOfSeries")),
        (SCHEMA.subjectOf, _SOURCE),
    ),
    *_rules(
        "agreement",
        (RDF.type, "VALUES ?v { schema:CreativeWork }"),
        (SCHEMA.name, _value("rdfs:label")),
        (SCHEMA.keywords, _value("bl:topic")),
        (SCHEMA.dateCreated, _value("bl:signedDate")),
        (SCHEMA.spatialCoverage, _value("bl:party") + " FILTER EXISTS { ?v a bl:State }"),
        (SCHEMA.contributor, _value("bl:party") + " FILTER EXISTS { ?v a bl:Organization }"),
        (SCHEMA.recordedAt, _value("bl:signedAt")),
        (SCHEMA.subjectOf, _SOURCE),
    ),
]


@dataclass(frozen=True)
class StatementRule:
    """Wikidata statements of one property on the items of one kind.

    ``?x`` is the resource of the kind, and the statement's item unless ``item`` names
    another variable; ``where`` binds ``?v`` (the value: a resource, or a date when ``time``
    is set) and may bind the ``qualifiers`` (property id -> variable, dates); each of
    ``sources`` binds ``?article``, an article the statement is referenced to.
    """

    kind: str
    prop: str
    where: str
    qualifiers: dict[str, str] = field(default_factory=dict)
    time: bool = False
    sources: tuple[str, ...] = (_value("prov:wasDerivedFrom").replace("?v", "?article"),)
    item: str = "x"

    def query(self) -> str:
        """The SELECT of statement rows, one per supporting article."""
        names = " ".join(f"?{v}" for v in self.qualifiers.values())
        optional = " ".join(_QUALIFIER_VALUES[v] for v in self.qualifiers.values())
        body = f"{KINDS[self.kind]} {self.where} {optional}"
        branches = " UNION ".join(f"{{ {body} OPTIONAL {{ {s} }} }}" for s in self.sources)
        item = "" if self.item == "x" else "?" + self.item
        return f"SELECT DISTINCT ?x {item} ?v {names} ?article WHERE {{ {branches} }}"


# How each qualifier variable is bound (?x is the item), as an optional part of the query.
_QUALIFIER_VALUES = {
    "start": f"OPTIONAL {{ {once('?x bl:startDate ?start')} "
    "FILTER EXISTS { ?x bl:endDate ?e } }",
    "end": f"OPTIONAL {{ {once('?x bl:endDate ?end')} }}",
    "when": f"OPTIONAL {{ {once('?x bl:startDate ?when')} "
    "FILTER NOT EXISTS { ?x bl:endDate ?e } } "
    f"OPTIONAL {{ {once('?x bl:date ?when')} }}",
    "signed": f"OPTIONAL {{ {once('?x bl:signedDate ?signed')} }}",
}
_TIMES = {"P580": "start", "P582": "end", "P585": "when"}

WIKIDATA_RULES: list[StatementRule] = [
    StatementRule(
        "relation",
        "P530",
        once("?x bl:betweenState ?a") + once("?x bl:betweenState ?v") + " FILTER(?a != ?v)",
        sources=(
            once("?x prov:wasDerivedFrom ?article"),
            once("?fact bl:concernsRelation ?x") + once("?fact prov:wasDerivedFrom ?article"),
        ),
        item="a",
    ),
    StatementRule("agreement", "P1891", _value("bl:party"), {"P585": "signed"}),
    # instance of treaty (the ontology's closeMatch); other kinds have no Wikidata class here
    StatementRule("agreement", "P31", once("?x a bl:Treaty") + " BIND(wd:Q131569 AS ?v)"),
    StatementRule("agreement", "P585", _value("bl:signedDate"), time=True),
    StatementRule("visit", "P710", _value("bl:visitor"), _TIMES),
    StatementRule("visit", "P17", _value("bl:hostState")),
    StatementRule("visit", "P276", _value("bl:destination")),
    StatementRule(
        "visit", "P580", _value("bl:startDate") + " FILTER EXISTS { ?x bl:endDate ?e }", time=True
    ),
    StatementRule("visit", "P582", _value("bl:endDate"), time=True),
    StatementRule(
        "visit",
        "P585",
        _value("bl:startDate") + " FILTER NOT EXISTS { ?x bl:endDate ?e }",
        time=True,
    ),
    StatementRule(
        "event", "P710", once("?x bl:participant|bl:participatingState ?v"), {"P585": "when"}
    ),
    StatementRule("event", "P276", _value("bl:location")),
    StatementRule("event", "P179", _value("bl:partOfSeries")),
    StatementRule("event", "P585", _value("bl:date"), time=True),
    StatementRule("official", "P39", _value("bl:holdsPosition")),
    StatementRule("organization", "P17", _value("bl:basedIn")),
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
    f"SELECT DISTINCT ?x ?state ?role WHERE {{ {KINDS['position']} "
    f"OPTIONAL {{ {once('?x bl:ofState ?state')} }} OPTIONAL {{ {once('?x bl:role ?role')} }} }}"
)

LABELS = (
    "SELECT ?x (MIN(STR(?l)) AS ?label) WHERE {{ {kind} "
    + once("?x rdfs:label ?l").replace("{", "{{").replace("}", "}}")
    + " }} GROUP BY ?x"
)
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
_WIKIDATA_STATE = "?state owl:sameAs ?stateItem FILTER(STRSTARTS(STR(?stateItem), STR(wd:)))"
_STATE = (
    f"OPTIONAL {{ {once('?state rdfs:label ?stateLabel')} }} OPTIONAL {{ {once(_WIKIDATA_STATE)} }}"
)
LINK_CANDIDATES = {
    "official": (
        "SELECT DISTINCT ?x ?label ?stateItem ?stateLabel ?position ?positionLabel WHERE { "
        f"{KINDS['official']} {once('?x rdfs:label ?label')} "
        f"OPTIONAL {{ {once('?x bl:holdsPosition ?position')} "
        f"OPTIONAL {{ {once('?position rdfs:label ?positionLabel')} }} "
        f"OPTIONAL {{ {once('?position bl:ofState ?state')} {_STATE} }} }} }}"
    ),
    "organization": (
        "SELECT DISTINCT ?x ?label ?stateItem ?stateLabel WHERE { "
        f"{KINDS['organization']} {once('?x rdfs:label ?label')} "
        f"OPTIONAL {{ {once('?x bl:basedIn ?state')} {_STATE} }} }}"
    ),
}
