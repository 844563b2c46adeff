"""One article's facts as triples for its own named graph."""

import re
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from .. import EXTRACTOR_VERSION
from ..model import Agreement, Event, Evidence, Extraction, Official, PartialDate, Visit
from ..reference.gazetteer import canonical_city, state_by_iso, state_of_city
from ..reference.officials import ROLES
from . import iris
from .namespaces import BL, PROV, SCHEMA, WD

Triple = tuple[URIRef, URIRef, object]

_STATUS = {
    "planned": BL.Planned,
    "ongoing": BL.Ongoing,
    "completed": BL.Completed,
    "postponed": BL.Postponed,
    "cancelled": BL.Cancelled,
}
_AGREEMENT_KIND = {
    "mou": BL.MemorandumOfUnderstanding,
    "treaty": BL.Treaty,
    "contract": BL.Contract,
    "declaration": BL.JointDeclaration,
}
_EVENT_KIND = {
    "meeting": BL.Meeting,
    "talks": BL.Talks,
    "summit": BL.Summit,
    "commission": BL.CommissionSession,
}
_ORG_KIND = {"ministry": BL.Ministry, "enterprise": BL.StateEnterprise, "company": BL.Company}
_ROLES = set(ROLES)
_PRECISION = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def date_literal(value: PartialDate) -> Literal:
    """A partial date as an xsd:date, xsd:gYearMonth or xsd:gYear literal.

    >>> date_literal(PartialDate("2012-02", "month")).datatype
    rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')
    """
    return Literal(value.value, datatype=_PRECISION[value.precision])


class _Graph:
    """Collects one article's triples, with the evidence of every fact."""

    def __init__(self, extraction: Extraction) -> None:
        self.article = extraction.article
        self.article_iri = iris.article_iri(self.article.id)
        self.triples: list[Triple] = []

    def add(self, s: URIRef, p: URIRef, o: object) -> None:
        if o is not None:
            self.triples.append((s, p, o if isinstance(o, URIRef | Literal) else Literal(o)))

    def derived(self, subject: URIRef, evidence: list[Evidence]) -> None:
        self.add(subject, PROV.wasDerivedFrom, self.article_iri)
        for item in evidence:
            node = iris.evidence_iri(self.article.id, subject, item.start)
            self.add(node, RDF.type, BL.Evidence)
            self.add(node, BL.evidenceFor, subject)
            self.add(subject, BL.hasEvidence, node)
            self.add(node, BL.inArticle, self.article_iri)
            self.add(node, BL.sentence, item.sentence)
            self.add(node, BL.startOffset, Literal(item.start))
            self.add(node, BL.endOffset, Literal(item.end))
            self.add(node, BL.confidence, Literal(item.confidence, datatype=XSD.decimal))
            self.add(node, BL.extractorVersion, EXTRACTOR_VERSION)


def article_triples(extraction: Extraction) -> list[Triple]:
    """Every triple of one article's graph: the article, what it mentions, and its facts."""
    g = _Graph(extraction)
    _article(g, extraction)
    officials = {o.name: _official(g, o) for o in extraction.officials}
    for visit in extraction.visits:
        _visit(g, visit, officials)
    events = {e.name: _event(g, e, officials) for e in extraction.events}
    for index, agreement in enumerate(extraction.agreements):
        _agreement(g, agreement, index, events)
    for org in extraction.organizations:
        node = iris.organization_iri(org.name)
        g.add(node, RDF.type, BL.Organization)
        g.add(node, RDF.type, _ORG_KIND.get(org.kind, BL.Organization))
        g.add(node, RDFS.label, org.name)
        if org.state:
            g.add(node, BL.basedIn, iris.state_iri(org.state))
        g.add(g.article_iri, SCHEMA.mentions, node)
        g.add(node, PROV.wasDerivedFrom, g.article_iri)
    return list(dict.fromkeys(g.triples))


def _article(g: _Graph, extraction: Extraction) -> None:
    a, node = extraction.article, g.article_iri
    g.add(node, RDF.type, BL.Article)
    g.add(node, DCTERMS.identifier, a.id)
    g.add(node, DCTERMS.title, a.title)
    if a.published:
        g.add(node, DCTERMS.date, Literal(a.published.isoformat(), datatype=XSD.date))
    g.add(node, DCTERMS.source, URIRef(a.url) if a.url else a.source)
    if a.url:
        g.add(node, SCHEMA.url, URIRef(a.url))
    g.add(node, SCHEMA.publisher, a.source)
    g.add(node, SCHEMA.articleBody, a.text)
    g.add(node, BL.contentHash, a.content_hash)
    for iso in extraction.states:
        g.add(node, SCHEMA.mentions, iris.state_iri(iso))


def _official(g: _Graph, official: Official) -> URIRef:
    node = iris.official_iri(official.name, official.state, official.canonical)
    g.add(node, RDF.type, BL.Official)
    if official.wikidata:
        g.add(node, OWL.sameAs, WD[official.wikidata])
    g.add(node, RDFS.label, official.name)
    g.add(node, BL.familyName, official.surname)
    g.add(g.article_iri, SCHEMA.mentions, node)
    title = official.title or "Official"
    post = iris.position_iri(title, official.state)
    g.add(node, BL.holdsPosition, post)
    g.add(post, RDF.type, BL.Position)
    state_label = _state_name(official.state)
    g.add(post, RDFS.label, f"{title} of {state_label}" if state_label else title)
    if official.state:
        g.add(post, BL.ofState, iris.state_iri(official.state))
    role = official.role if official.role in _ROLES else "SeniorOfficial"
    g.add(post, BL.role, BL[role])
    g.derived(node, official.evidence[:3])
    return node


def _visit(g: _Graph, visit: Visit, officials: dict[str, URIRef]) -> None:
    visitor = officials[visit.visitor]
    node = iris.visit_iri(visitor, visit.host_state, _visit_month(visit, g.article.published))
    g.add(node, RDF.type, BL.Visit)
    g.add(node, BL.visitor, visitor)
    g.add(node, BL.hostState, iris.state_iri(visit.host_state))
    host_name = _state_name(visit.host_state)
    g.add(node, RDFS.label, f"Visit of {visit.visitor} to {host_name}")
    if visit.visitor_state:
        g.add(node, BL.visitingState, iris.state_iri(visit.visitor_state))
        relation = iris.relation_iri(visit.visitor_state, visit.host_state)
        g.add(node, BL.concernsRelation, relation)
        _relation(g, visit.visitor_state, visit.host_state)
    if visit.city:
        g.add(node, BL.destination, _place(g, visit.city, visit.host_state))
    if visit.start:
        g.add(node, BL.startDate, date_literal(visit.start))
    if visit.end:
        g.add(node, BL.endDate, date_literal(visit.end))
    if visit.duration_days:
        g.add(node, BL.durationDays, Literal(visit.duration_days))
    if visit.inviter:
        g.add(node, BL.inviter, officials[visit.inviter])
    g.add(node, BL.status, _STATUS[visit.status or "completed"])
    g.add(node, BL.eventCode, BL.Cameo042)
    g.derived(node, visit.evidence)


def _visit_month(visit: Visit, published: date | None) -> str | None:
    """The month that names a visit: its start, or for a visit under way the publication month,
    so that two reports of one trip meet on one IRI even when one of them gives no date."""
    if visit.start is not None:
        return visit.start.value[:7]
    if visit.status == "ongoing" and published is not None:
        return published.isoformat()[:7]
    return None


def _event(g: _Graph, event: Event, officials: dict[str, URIRef]) -> URIRef:
    node = iris.event_iri(event.kind, *_event_key(event, g.article))
    g.add(node, RDF.type, _EVENT_KIND[event.kind])
    g.add(node, RDF.type, BL.Event)
    g.add(node, RDFS.label, event.name)
    for iso in event.states:
        g.add(node, BL.participatingState, iris.state_iri(iso))
    if len(event.states) == 2:
        g.add(node, BL.concernsRelation, iris.relation_iri(*event.states))
        _relation(g, *event.states)
    for name in event.participants:
        if name in officials:
            g.add(node, BL.participant, officials[name])
    if event.city:
        g.add(node, BL.location, _place(g, event.city, None))
    if event.date:
        g.add(node, BL.date, date_literal(event.date))
    if event.status:
        g.add(node, BL.status, _STATUS[event.status])
    if event.ordinal:
        g.add(node, BL.ordinal, Literal(event.ordinal))
    g.add(node, BL.eventCode, BL.Cameo040)
    g.derived(node, event.evidence[:3])
    return node


def _agreement_key(agreement: Agreement, article_id: str, index: int) -> tuple[object, ...]:
    """What names an agreement: a dated instrument by its parties, kind, date and subject, so
    that two reports of one signing meet; an undated one stays the article's own."""
    if agreement.signed is not None and agreement.signed.precision == "day":
        words = sorted(set(re.findall(r"[a-z]{4,}", (agreement.topic or "").lower())))[:6]
        return (
            *sorted(agreement.parties),
            agreement.kind,
            agreement.signed.value,
            agreement.count,
            *words,
        )
    return article_id, index, agreement.kind, agreement.topic


def _event_key(event: Event, article) -> tuple[object, ...]:
    """What names an event: a commission session by its states and ordinal, a dated summit or
    meeting by its states, participants and date; otherwise the article's own."""
    if event.kind == "commission" and event.ordinal:
        return (*sorted(event.states), event.ordinal)
    if event.date is not None and event.date.precision == "day":
        return (*sorted(event.states), *sorted(event.participants), event.date.value)
    return article.id, event.name.casefold()


def _agreement(g: _Graph, agreement: Agreement, index: int, events: dict[str, URIRef]) -> None:
    node = iris.agreement_iri(*_agreement_key(agreement, g.article.id, index))
    g.add(node, RDF.type, BL.Agreement)
    if agreement.kind in _AGREEMENT_KIND:
        g.add(node, RDF.type, _AGREEMENT_KIND[agreement.kind])
    for iso in agreement.parties:
        g.add(node, BL.party, iris.state_iri(iso))
    for name in agreement.organizations:
        g.add(node, BL.party, iris.organization_iri(name))
    if len(agreement.parties) == 2:
        g.add(node, BL.concernsRelation, iris.relation_iri(*agreement.parties))
        _relation(g, *agreement.parties)
    g.add(node, BL.topic, agreement.topic)
    label = agreement.topic or (
        f"{agreement.count} instruments" if agreement.count else "Agreement"
    )
    g.add(node, RDFS.label, label[:120])
    if agreement.signed:
        g.add(node, BL.signedDate, date_literal(agreement.signed))
    if agreement.count:
        g.add(node, BL.count, Literal(agreement.count))
    if agreement.event and agreement.event in events:
        g.add(node, BL.signedAt, events[agreement.event])
    g.derived(node, agreement.evidence)


def _place(g: _Graph, name: str, iso: str | None) -> URIRef:
    """A city: capitals get the reference graph's IRI, other places one of their own."""
    name = canonical_city(name) or name
    iso = state_of_city(name) or iso
    place = iris.place_iri(name, iso)
    g.add(place, RDF.type, BL.City)
    g.add(place, RDFS.label, name)
    if iso:
        g.add(place, BL.locatedIn, iris.state_iri(iso))
    return place


def _relation(g: _Graph, iso_a: str, iso_b: str) -> None:
    node = iris.relation_iri(iso_a, iso_b)
    first, second = sorted((iso_a, iso_b))
    g.add(node, RDF.type, BL.BilateralRelation)
    g.add(node, BL.betweenState, iris.state_iri(first))
    g.add(node, BL.betweenState, iris.state_iri(second))
    g.add(node, RDFS.label, f"{_state_name(first)}–{_state_name(second)}")


def _state_name(iso: str | None) -> str | None:
    return state_by_iso(iso).name if iso else None
