"""Article to facts: pure functions, no RDF. ``extract`` reads one cleaned article."""

from collections import Counter

import regex

from ..model import Article, Extraction, Official, Organization, Visit
from ..reference.cities import state_of_place
from ..reference.gazetteer import lookup
from .agreements import find_agreements
from .dates import find_dates
from .events import find_events
from .meetings import find_meetings
from .nlp import Entity, analyse
from .officials import find_officials
from .places import StateMention, find_states
from .visits import find_visits

_DATELINE = regex.compile(
    r"^[ \t]*(?P<city>\p{Lu}[\p{Lu} .'’-]{2,30}?)(?:,[^\n\-–—:]{0,40})?[ \t]*(?:\([^)]{0,30}\))?[ \t]*[-–—:]",
    regex.M,
)
# "met the Ambassador of the United States": that state is the ambassador's, not the subject's
_POSTED_FROM = regex.compile(
    r"\b(?:[Aa]mbassadors?|[Ee]nvoys?|[Hh]igh [Cc]ommissioners?|[Cc]harg[ée] d'[Aa]ffaires)[ \t]+"
    r"(?:of|from|to)[ \t]+(?:the[ \t]+)?\Z"
)
_ORG_WORDS = regex.compile(
    r"\b(?:Company|Corporation|Corp|Mills|Railways?|Ministry|Bank|Authority|Limited|Ltd|Group|Agency|"
    r"Inc|Airlines?|Oil|Gas|Energy|Steel|Holding|Fund|Enterprise|Export|Import)\b"
)


def extract(article: Article) -> Extraction:
    """Every state, official, visit, event and agreement the article reports."""
    text = article.text
    sentences, entities = analyse(text)
    states = find_states(text)
    dateline = _dateline(text)
    principal = [iso for iso, _ in Counter(m.iso for m in states).most_common(2)]
    year = article.published.year if article.published else None
    officials, mentions = find_officials(text, sentences, states, year)
    dates = find_dates(text, article.published)
    events, event_at = find_events(text, sentences, states, principal, dates)
    visits = find_visits(
        text, article.published, sentences, officials, mentions, states, dates, dateline, principal
    )
    _infer_states(officials, visits, principal, dateline)
    events += find_meetings(text, article.published, sentences, officials, mentions, states, dates)
    agreements = find_agreements(
        text, sentences, states, dates, principal, event_at, article.published
    )
    _signed_at_meetings(agreements, events)
    mentioned = _mentioned(text, states, officials, visits, agreements)
    if dateline is not None and any(v.visitor_state == dateline.iso for v in visits):
        mentioned.append(
            dateline.iso
        )  # "KUALA LUMPUR - Prime Minister Anwar Ibrahim arrived in Lima"
    mentioned = list(dict.fromkeys(mentioned))
    return Extraction(
        article=article,
        states=mentioned,
        officials=[o for o in officials if _is_official(o)],
        visits=visits,
        events=events,
        agreements=agreements,
        organizations=_with_parties(_organizations(entities, states), agreements),
    )


def _mentioned(text: str, states: list[StateMention], officials, visits, agreements) -> list[str]:
    """States the article names; a city named only as the place of something ("signed in
    Brussels") does not bring in its state unless that state takes part in a fact."""
    involved = {o.state for o in officials} | {v.host_state for v in visits}
    involved |= {iso for a in agreements for iso in a.parties}
    kept = [
        m.iso
        for m in states
        if m.iso in involved
        or not (
            m.is_city and regex.search(r"\b(?:in|at)[ \t]+\Z", text[max(0, m.start - 6) : m.start])
        )
    ]
    return list(dict.fromkeys(kept))


def _with_parties(found: list[Organization], agreements: list) -> list[Organization]:
    """The organisations named, and every organisation that is party to an agreement."""
    known = {o.name.casefold() for o in found}
    for agreement in agreements:
        for name in agreement.organizations:
            if name.casefold() not in known:
                known.add(name.casefold())
                found.append(Organization(name, None, _org_kind(name)))
    return found


def _signed_at_meetings(agreements: list, events: list) -> None:
    """An agreement signed in the sentence that reports a meeting was signed at that meeting."""
    for agreement in agreements:
        if agreement.event is not None:
            continue
        sentences = {e.start for e in agreement.evidence}
        for event in events:
            if event.kind in ("meeting", "talks") and sentences & {e.start for e in event.evidence}:
                agreement.event = event.name
                break


def _dateline(text: str) -> StateMention | None:
    for match in _DATELINE.finditer(text[:600]):
        city = match.group("city").strip()
        found = lookup(city.title())
        if found and found[1] == "capital":
            return StateMention(
                match.start("city"), match.end("city"), found[0], "capital", city.title()
            )
        iso = state_of_place(city.title())
        if iso is not None:  # JOHANNESBURG, SOCHI: a city, not the capital
            return StateMention(match.start("city"), match.end("city"), iso, "city", city.title())
    return None


def _infer_states(
    officials: list[Official],
    visits: list[Visit],
    principal: list[str],
    dateline: StateMention | None = None,
) -> None:
    """Officials with no state of their own: a visitor comes from the other principal state,
    an inviter belongs to the host; others to the home state of a story datelined in a
    travelling official's capital, else to the main host."""
    by_name = {o.name: o for o in officials}
    for visit in visits:
        visitor = by_name[visit.visitor]
        if visitor.state is None:
            others = [iso for iso in principal if iso != visit.host_state]
            visitor.state = others[0] if others else None
        visit.visitor_state = visitor.state
        if visit.inviter and by_name[visit.inviter].state is None:
            by_name[visit.inviter].state = visit.host_state
    main_host = next((v.host_state for v in visits if v.status in ("ongoing", "completed")), None)
    home = dateline.iso if dateline is not None and dateline.kind == "capital" else None
    home = home if any(v.visitor_state == home for v in visits) else None
    fallback = home or main_host or (principal[0] if principal else None)
    for official in officials:
        if official.state is None:
            said = official.evidence[0].sentence if official.evidence else ""
            others = [m for m in find_states(said) if not _POSTED_FROM.search(said[: m.start])]
            alone = home is not None and not others  # no other state in sight
            official.state = home if alone else main_host or fallback
    for visit in visits:
        visit.visitor_state = by_name[visit.visitor].state
    visits[:] = [v for v in visits if v.visitor_state != v.host_state]


def _is_official(official: Official) -> bool:
    return len(official.name) > 2


def _organizations(entities: list[Entity], states: list[StateMention]) -> list[Organization]:
    found: dict[str, Organization] = {}
    for entity in entities:
        if (
            entity.label != "ORG"
            or not _ORG_WORDS.search(entity.text)
            or "\n" in entity.text
            or "," in entity.text
        ):
            continue
        name = regex.sub(r"^(?:the|The)\s+", "", entity.text).strip()
        if len(name.split()) < 2 and not name.isupper():
            continue
        owner = next(
            (s.iso for s in states if -len(entity.text) <= entity.start - s.end <= 3), None
        )
        found.setdefault(name.casefold(), Organization(name, owner, _org_kind(name)))
    names = list(found)
    return [
        o
        for key, o in found.items()
        if not any(other != key and other.startswith(key) for other in names)
    ]


def _org_kind(name: str) -> str:
    if regex.search(r"\bMinistry\b", name):
        return "ministry"
    if regex.search(r"\b(?:Company|Corporation|Ltd|Limited|Inc|Group|Holding)\b", name):
        return "company"
    return "organization"
