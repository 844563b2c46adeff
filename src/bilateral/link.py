"""``bilateral link``: officials and organisations linked to Wikidata items, and why.

Every link is ``owl:sameAs`` plus a record of the match in the SSSOM vocabulary (an
``owl:Axiom`` annotating the ``owl:sameAs`` statement with ``sssom:confidence``, the
justification, the names and the evidence), all in the named graph
:data:`~bilateral.mapping.iris.LINK_GRAPH`, which each run replaces whole. A matched
official's positions are linked too, where the item holds a position of the same state
whose label says at least what ours says.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from .mapping.iris import LINK_GRAPH, link_iri
from .mapping.profiles import LINK_CANDIDATES
from .reconcile import WIKIDATA_ENDPOINT, Candidate, lookup, match_position, score, tokens
from .store import Store

SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
TOOL = "bilateral link"

__all__ = ["WIKIDATA_ENDPOINT", "LinkReport", "Match", "candidates", "link_store"]


@dataclass
class Match:
    """One link: our resource, the item, the score and how it was found."""

    subject: URIRef
    target: URIRef
    score: float
    method: str
    name: str
    kind: str


@dataclass
class LinkReport:
    """What a run found: the links, and how many candidates were tried or ambiguous."""

    endpoint: str
    matches: list[Match] = field(default_factory=list)
    tried: dict[str, int] = field(default_factory=dict)
    ambiguous: list[URIRef] = field(default_factory=list)

    def summary(self) -> str:
        """One line: linked N of M officials and organisations."""
        linked = {kind: sum(1 for m in self.matches if m.kind == kind) for kind in self.tried}
        parts = [f"{linked[k]} of {n} {k}s" for k, n in self.tried.items()]
        return (
            f"linked {' and '.join(parts)} through {self.endpoint}"
            f" ({len(self.ambiguous)} ambiguous left unlinked)"
        )


def candidates(store: Store) -> dict[str, list[Candidate]]:
    """Our officials and organisations with their names, states and positions, by kind."""
    found: dict[str, list[Candidate]] = {}
    for kind, query in LINK_CANDIDATES.items():
        by_subject: dict[URIRef, Candidate] = {}
        for row in store.query(query).rows:
            c = by_subject.setdefault(row["x"], Candidate(row["x"], kind, set()))
            c.names.add(str(row["label"]))
            if row.get("stateItem") is not None:
                c.states.add(row["stateItem"])
            if row.get("position") is not None and row.get("positionLabel") is not None:
                c.positions[row["position"]] = str(row["positionLabel"])
            if row.get("stateLabel") is not None:
                c.state_words |= tokens(str(row["stateLabel"]))
        found[kind] = list(by_subject.values())
    return found


def reconcile(
    endpoint: str, pool: dict[str, list[Candidate]], min_score: float, report: LinkReport
) -> None:
    """Find the best item for each candidate, if it is clear and good enough."""
    names = {
        n
        for cs in pool.values()
        for c in cs
        for n in c.names
        if len(n.split()) > 1 or c.kind == "organization"
    }
    items = lookup(endpoint, names)
    for kind, group in pool.items():
        report.tried[kind] = len(group)
        for c in sorted(group, key=lambda c: str(c.subject)):
            scored = sorted(
                (
                    (score(c, facts), name, facts)
                    for name in sorted(c.names)
                    for facts in items.get(name, [])
                ),
                key=lambda s: -s[0][0],
            )
            good = [s for s in scored if s[0][0] >= min_score]
            if not good:
                continue
            best = good[0]
            if any(s[2].item != best[2].item and s[0][0] == best[0][0] for s in good[1:]):
                report.ambiguous.append(c.subject)
                continue
            (value, reasons), name, facts = best
            report.matches.append(
                Match(c.subject, facts.item, value, "; ".join(reasons), name, kind)
            )
            for position, label in sorted(c.positions.items()):
                hit = match_position(label, c.state_words, c.states, facts)
                if hit is not None:
                    method = "a position held (P39) by the matched item, of the state, whose label"
                    method += f" holds every word of ours (closeness {hit[1]})"
                    confidence = round(0.6 + 0.4 * hit[1], 2)
                    report.matches.append(
                        Match(position, hit[0], confidence, method, label, "position")
                    )


def link_triples(report: LinkReport, when: datetime) -> Iterator[tuple]:
    """The link graph: ``owl:sameAs`` for each match, and the SSSOM record of why."""
    for m in report.matches:
        yield m.subject, OWL.sameAs, m.target
        record = link_iri(m.subject, m.target)
        yield record, RDF.type, OWL.Axiom
        yield record, OWL.annotatedSource, m.subject
        yield record, OWL.annotatedProperty, OWL.sameAs
        yield record, OWL.annotatedTarget, m.target
        yield record, SSSOM.confidence, Literal(m.score, datatype=XSD.double)
        yield record, SSSOM.mapping_justification, SEMAPV.CompositeMatching
        yield record, SSSOM.subject_label, Literal(m.name)
        yield record, SSSOM.mapping_tool, Literal(TOOL)
        yield record, SSSOM.mapping_date, Literal(when.date().isoformat(), datatype=XSD.date)
        yield record, RDFS.comment, Literal(f"matched on {m.method}", lang="en")
        yield record, DCTERMS.source, URIRef(report.endpoint)


def link_store(
    store: Store, endpoint: str = WIKIDATA_ENDPOINT, min_score: float = 0.8, write: bool = True
) -> LinkReport:
    """Reconcile the store's officials and organisations; record the links unless ``write`` is off.

    :raises LinkError: the endpoint cannot be reached or answers nonsense; nothing is written.
    """
    report = LinkReport(endpoint)
    reconcile(endpoint, candidates(store), min_score, report)
    if write:
        store.replace_graph(LINK_GRAPH, link_triples(report, datetime.now(UTC)))
    return report
