"""Closed namespace objects for the Bilateral ontology and the vocabularies it aligns to.

A typo in a term raises instead of minting a new IRI:

>>> str(BL.Visit)
'https://w3id.org/bilateral/ontology#Visit'
>>> BL.Vissit  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'Vissit' not in namespace 'https://w3id.org/bilateral/ontology#'
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/bilateral/ontology"


class BL(DefinedNamespace):
    """Every term of the Bilateral ontology (``ontology/bilateral.ttl``)."""

    _NS = Namespace("https://w3id.org/bilateral/ontology#")
    _fail = True

    # classes
    Article: URIRef
    State: URIRef
    Official: URIRef
    Position: URIRef
    Tenure: URIRef
    Role: URIRef
    Organization: URIRef
    Ministry: URIRef
    StateEnterprise: URIRef
    Company: URIRef
    Place: URIRef
    City: URIRef
    Event: URIRef
    Visit: URIRef
    Meeting: URIRef
    Talks: URIRef
    Summit: URIRef
    Commission: URIRef
    CommissionSession: URIRef
    Agreement: URIRef
    MemorandumOfUnderstanding: URIRef
    Treaty: URIRef
    Contract: URIRef
    JointDeclaration: URIRef
    BilateralRelation: URIRef
    Evidence: URIRef
    EventStatus: URIRef
    EventCode: URIRef

    # object properties
    holdsPosition: URIRef
    ofState: URIRef
    role: URIRef
    holder: URIRef
    post: URIRef
    visitor: URIRef
    madeVisit: URIRef
    visitingState: URIRef
    hostState: URIRef
    hosted: URIRef
    destination: URIRef
    inviter: URIRef
    status: URIRef
    party: URIRef
    signedAt: URIRef
    participant: URIRef
    participatingState: URIRef
    location: URIRef
    partOfSeries: URIRef
    betweenState: URIRef
    concernsRelation: URIRef
    hasEvidence: URIRef
    evidenceFor: URIRef
    inArticle: URIRef
    capital: URIRef
    locatedIn: URIRef
    basedIn: URIRef
    eventCode: URIRef

    # datatype properties
    isoCode: URIRef
    startDate: URIRef
    endDate: URIRef
    date: URIRef
    signedDate: URIRef
    count: URIRef
    topic: URIRef
    durationDays: URIRef
    ordinal: URIRef
    familyName: URIRef
    demonym: URIRef
    officialName: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    confidence: URIRef
    extractorVersion: URIRef
    contentHash: URIRef
    tenureStart: URIRef
    tenureEnd: URIRef

    # individuals: event statuses
    EventStatusScheme: URIRef
    Planned: URIRef
    Ongoing: URIRef
    Completed: URIRef
    Postponed: URIRef
    Cancelled: URIRef

    # individuals: roles
    RoleScheme: URIRef
    HeadOfState: URIRef
    HeadOfGovernment: URIRef
    DeputyHeadOfGovernment: URIRef
    ForeignMinister: URIRef
    DefenceMinister: URIRef
    FinanceMinister: URIRef
    TradeMinister: URIRef
    InteriorMinister: URIRef
    OtherMinister: URIRef
    DeputyMinister: URIRef
    Ambassador: URIRef
    Envoy: URIRef
    MilitaryChief: URIRef
    Spokesperson: URIRef
    SeniorOfficial: URIRef

    # individuals: CAMEO event codes
    CameoScheme: URIRef
    Cameo036: URIRef
    Cameo040: URIRef
    Cameo042: URIRef
    Cameo043: URIRef
    Cameo057: URIRef


SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
VOID = Namespace("http://rdfs.org/ns/void#")

PREFIXES: dict[str, str] = {
    "bl": str(BL._NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "org": str(ORG),
    "sem": str(SEM),
    "wd": str(WD),
    "wdt": str(WDT),
}
