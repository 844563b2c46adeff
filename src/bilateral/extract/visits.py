"""Visits: who travels where, when, at whose invitation, and with what status."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import regex

from ..model import Evidence, Official, PartialDate, Status, Visit
from ..reference.cities import state_of_place
from ..reference.gazetteer import canonical_city, state_of_city
from . import status as st
from .dates import DateMention
from .nlp import Sentence
from .officials import Mention
from .places import StateMention, cities_in

_NOUNS = ("visit", "visits", "trip", "tour", "trips", "tours", "visits")
_TRIGGER = regex.compile(
    r"\b(?:visit(?:s|ed|ing)?|trips?|tour(?:s|ed)?|arriv(?:e|es|ed|ing)|"
    r"travel(?:s|led|ed|ling|ing)?[ \t]+(?:on[ \t]+)?to|fl(?:ew|ies|y|ying)[ \t]+(?:on[ \t]+)?to|"
    r"land(?:s|ed)?[ \t]+in|touch(?:es|ed)?[ \t]+down[ \t]+in|head(?:s|ed)?[ \t]+(?:on[ \t]+)?to|"
    r"(?:went|go(?:es)?|goes|going|moved?|proceed(?:s|ed)?)[ \t]+on[ \t]+to|"
    r"(?:left|leaves?|depart(?:s|ed)?)[ \t]+for|"
    r"(?:is|are|was|were)[ \t]+(?:still[ \t]+|also[ \t]+|now[ \t]+)?(?:expected|due)[ \t]+"
    r"(?:to[ \t]+arrive[ \t]+)?in)\b",
    regex.I,
)
_ADJECTIVE_USE = regex.compile(
    r"visiting[ \t]+(?:dignitar|delegat|team|official|minister|leader)", regex.I
)
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_DURATION = regex.compile(
    r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)-day\b", regex.I
)
_PRONOUN = regex.compile(r"\b(?:his|her|their)\b[ \t]+(?:[\w-]+[ \t]+){0,3}\Z", regex.I)
_MODAL = regex.compile(
    r"(?:\b(?:will|would|to|shall|may|might|must|can|could|also|then|later|first)|\p{Lu}[\w’']*)"
    r"[ \t]+\Z"
)
_CLAUSE_BREAK = regex.compile(
    r"[;]|,[ \t]+(?:though|although|but|while|whereas|even as|yet)\b|[ \t]\b(?:but|whereas)\b",
    regex.I,
)
_REPORTING = regex.compile(
    r"\b(?:said|says|told|wrote|writes|announced|stated|reported|added|tweeted|posted|confirmed|"
    r"called|cancel\w*|postpone\w*|put|scrapped|delayed|deferred)\b",
    regex.I,
)
_ENDED = regex.compile(
    r"\b(?:concluded|wrapped up|ended|returned|left|departed|wound up)\b", regex.I
)
_FUTURE = regex.compile(
    r"\b(?:will|shall|is to|are to|to attend|to visit|to travel|expected|due)\b", regex.I
)
_ENDING = regex.compile(
    r"\b(?:ends?|ending|until|till|through|leaves?|leaving|left|depart(?:s|ed|ing)?|returns?|"
    r"returning)\b[^.,;]{0,25}\Z",
    regex.I,
)
_WHO = regex.compile(r",?[ \t]+who\b", regex.I)
_TERRITORY = regex.compile(
    r"[ \t]+(?:to|in|for)[ \t]+(?:the[ \t]+)?(?:Greenland|Hong[ \t]Kong|Macau|Macao|Puerto[ \t]Rico|"
    r"Gaza|West[ \t]Bank|Crimea|Kashmir|Western[ \t]Sahara|Gibraltar|Falklands?|Faroe|Guam|Tibet|"
    r"Xinjiang|Bermuda|New[ \t]Caledonia|Somaliland|Transnistria|Abkhazia|South[ \t]Ossetia|"
    r"Donbas|Kurdistan|Antarctica)\b"
)
_PRONOUN_SUBJECT = regex.compile(r"(?:[\w ,]{0,30}?\b)?(?:he|she)\b", regex.I)
_CITY_AFTER = regex.compile(
    r"(?:[ \t]+(?:to|in|for|of))?[ \t]+(?:the[ \t]+)?(?P<place>\p{Lu}[\w'’.-]*(?:[ \t]+(?:de[ \t]+|el[ \t]+)?\p{Lu}[\w'’.-]*){0,2})"
)
_SAID = regex.compile(
    r"\b(?:told|said|says|announced|stated|reported|added)\b[^.]{0,25}\Z", regex.I
)


@dataclass
class _Found:
    visitor: int
    host: str
    city: str | None
    status: Status | None
    dates: list[PartialDate] = field(default_factory=list)
    ends: list[PartialDate] = field(default_factory=list)
    duration: int | None = None
    inviter: str | None = None
    evidence: Evidence | None = None


def find_visits(
    text: str,
    published: date | None,
    sentences: list[Sentence],
    officials: list[Official],
    mentions: list[Mention],
    states: list[StateMention],
    dates: list[DateMention],
    dateline: StateMention | None,
    principal: list[str],
) -> list[Visit]:
    """Every visit by a named official that the text reports."""
    found: list[_Found] = []
    last_official: int | None = None
    for sentence in sentences:
        in_sentence = [m for m in mentions if sentence.start <= m.start < sentence.end]
        triggers = [
            t
            for t in _TRIGGER.finditer(text, sentence.start, sentence.end)
            if not _ADJECTIVE_USE.match(text, t.start())
        ]
        for i, trigger in enumerate(triggers):
            lo = triggers[i - 1].end() if i else sentence.start
            hi = triggers[i + 1].start() if i + 1 < len(triggers) else sentence.end
            visitor = _visitor(text, trigger, in_sentence, lo, last_official)
            if visitor is None:
                continue
            official = officials[visitor]
            earlier = [f.host for f in found if f.visitor == visitor]
            host, city = _host(
                text,
                trigger,
                hi,
                sentence,
                states,
                official,
                dateline,
                principal,
                mentions,
                earlier,
            )
            if host is None or host == official.state:
                continue
            window = text[
                max(lo, _words_back(text, trigger.start(), 6)) : min(hi, trigger.end() + 90)
            ]
            clause = _clause(text, sentence, trigger)
            status = st.sentence_status(clause) or st.local_status(window)
            near = [
                d
                for d in dates
                if _owner(d, triggers, sentence) is trigger and _close(text, d, trigger, lo, hi)
            ]
            ends = [d.date for d in near if _ENDING.search(text, max(0, d.start - 40), d.start)]
            mine = [d.date for d in near if d.date not in ends]
            duration = _duration(text, trigger, lo, hi)
            evidence = Evidence(sentence.text, sentence.start, sentence.end, 0.8)
            invited_by = _inviter(text, sentence, in_sentence, visitor)
            inviter = officials[invited_by].name if invited_by is not None else None
            found.append(
                _Found(visitor, host, city, status, mine, ends, duration, inviter, evidence)
            )
        subjects = [m.official for m in in_sentence if m.official is not None]
        if subjects and not _PRONOUN_SUBJECT.match(sentence.text):
            last_official = subjects[0]
    visits = _merge(found, officials, published, dateline)
    _cities_from_article(text, visits, published)
    return visits


def _cities_from_article(text: str, visits: list[Visit], published: date | None) -> None:
    """A trip under way with no city takes the host's city the story is set in ("talks in
    New Delhi"), when the story names exactly one."""
    for visit in visits:
        if visit.status != "ongoing" or (
            visit.city and state_of_city(visit.city) == visit.host_state
        ):
            continue
        cities = {
            city.name
            for city in cities_in(text)
            if city.iso == visit.host_state and (city.capital or not visit.city)
        }
        if len(cities) == 1:
            visit.city = cities.pop()


def _clause(text: str, sentence: Sentence, trigger) -> str:
    """The clause of the sentence that holds the trigger ("..., though X was called off")."""
    start, end = sentence.start, sentence.end
    for cut in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if cut.end() <= trigger.start():
            start = cut.end()
        elif cut.start() >= trigger.end():
            end = cut.start()
            break
    return text[start:end]


def _words_back(text: str, position: int, count: int) -> int:
    match = regex.search(rf"(?:\S+\s+){{0,{count}}}\Z", text[max(0, position - 120) : position])
    return position - (len(match.group()) if match else 0)


def _visitor(text: str, trigger, mentions: list[Mention], lo: int, last: int | None) -> int | None:
    start, end = trigger.span()
    named = [m for m in mentions if m.official is not None]
    after = regex.match(r"[ \t]+(?:of|by)[ \t]+(?:the[ \t]+)?", text[end : end + 12])
    if after:
        for m in named:
            if end <= m.start <= end + len(after.group()) + 2:
                return m.official
    for m in reversed(named):
        if m.end <= start and regex.fullmatch(
            r"['’]s[ \t]+(?:[\w-]+[ \t]+){0,3}", text[m.end : start]
        ):
            return m.official
    if _PRONOUN.search(text[max(0, start - 60) : start]):
        before = [m for m in named if m.end <= start]
        return before[-1].official if before else last
    by = regex.search(r"\bby[ \t]+(?:the[ \t]+)?", text[end : end + 80])
    if by:
        for m in named:
            if end + by.end() <= m.start <= end + by.end() + 2:
                return m.official
    return _subject(text, trigger, named, lo, last)


_GAP_VERB = regex.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|shall|to|also|pay|pays|paid|make|makes|made|"
    r"undertake|undertook|begin|began|begins|start|started|conclude[sd]?|end(?:s|ed)?|"
    r"wrap(?:s|ped)?[ \t]+up|call(?:s|ed)?[ \t]+off|cancel(?:s|l?ed)?|postpone[sd]?|put[ \t]+off|"
    r"delay(?:s|ed)?|defer(?:s|red)?|announce[sd]?|confirm(?:s|ed)?|plan(?:s|ned)?|cut[ \t]+short|"
    r"kick(?:s|ed)?[ \t]+off|embark(?:s|ed)?[ \t]+on|set[ \t]+off[ \t]+on|on)\b",
    regex.I,
)
_BOUNDARY = regex.compile(
    r"[;:]|\b(?:who|which|that|and|but|while|whereas|after|before)\b", regex.I
)
_HE = regex.compile(r"\b(?:he|she)[ \t]+(?:[\w-]+[ \t]+){0,3}\Z", regex.I)


def _subject(text: str, trigger, named: list[Mention], lo: int, last: int | None) -> int | None:
    """The official who is the subject of the clause that holds the trigger."""
    start = trigger.start()
    noun = trigger.group().lower() in _NOUNS
    for m in reversed([m for m in named if lo <= m.end <= start]):
        gap = text[m.end : start]
        relative = _WHO.match(gap)
        if relative:
            gap = gap[relative.end() :]
        if len(gap) > 100 or _BOUNDARY.search(gap):
            break
        if not noun or _GAP_VERB.search(gap) or _MODAL.search(gap):
            return m.official
        break
    if not noun and _HE.search(text, max(lo, start - 40), start) and last is not None:
        before = [m for m in named if m.end <= start]
        return before[0].official if before else last
    return None


def _host(text, trigger, hi, sentence, states, official, dateline, principal, mentions, earlier):
    start, end = trigger.span()
    if _TERRITORY.match(text, end):
        return None, None
    others = [
        s for s in states if sentence.start <= s.start < sentence.end and s.iso != official.state
    ]
    skip = [(m.start, m.end) for m in mentions if m.start >= end]
    for s in others:
        if s.start < end or s.start > hi + 60 or any(a <= s.start < b for a, b in skip):
            continue
        between = text[end : s.start]
        if regex.fullmatch(r"[ \t]+(?:to|in|of|at)?[ \t]*(?:the[ \t]+)?", between) or regex.search(
            r"\b(?:to|in)[ \t]+(?:the[ \t]+)?\Z", between
        ):
            return s.iso, s.text if s.is_city else None
    city = _CITY_AFTER.match(text, end)
    if city:
        place = city.group("place").rstrip(".")
        iso = state_of_place(place)
        if iso and iso != official.state:
            return iso, canonical_city(place) or place
    if earlier:
        return earlier[-1], None
    candidates = [s for s in others if s.iso != official.state]
    ranked = sorted(candidates, key=lambda s: (s.iso not in principal, abs(s.start - start)))
    if ranked:
        best = ranked[0]
        return best.iso, None
    if dateline is not None and dateline.iso != official.state:
        return dateline.iso, None
    rest = [iso for iso in principal if iso != official.state]
    return (rest[0], None) if rest else (None, None)


def _owner(mention: DateMention, triggers: list, sentence: Sentence):
    if not (sentence.start <= mention.start < sentence.end) or not triggers:
        return None
    return min(
        triggers,
        key=lambda t: abs(t.start() - mention.start) + (40 if mention.start < t.start() else 0),
    )


def _close(text: str, mention: DateMention, trigger, lo: int, hi: int) -> bool:
    """A date that speaks of this trip: near it, in its stretch of the sentence, not a date
    of saying or writing."""
    if mention.start >= trigger.end():
        gap = text[trigger.end() : mention.start]
        near = mention.start <= hi + 40 and len(gap) <= 90
    else:
        gap = text[mention.end : trigger.start()]
        near = mention.start >= lo - 10 and len(gap) <= 45
    said = _SAID.search(text, max(0, mention.start - 40), mention.start)
    return near and not _REPORTING.search(gap) and not said


def _duration(text: str, trigger, lo: int, hi: int) -> int | None:
    near = list(
        _DURATION.finditer(text, max(lo, trigger.start() - 40), min(hi, trigger.end() + 40))
    )
    if not near:
        return None
    match = min(near, key=lambda m: abs(m.start() - trigger.start()))
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


def _inviter(text: str, sentence: Sentence, mentions: list[Mention], visitor: int) -> int | None:
    invitation = regex.search(
        r"\binvitation[ \t]+(?:of|from)[ \t]+", text[sentence.start : sentence.end], regex.I
    )
    if not invitation:
        return None
    at = sentence.start + invitation.end()
    for m in mentions:
        if m.official is not None and m.official != visitor and at <= m.start <= at + 30:
            return m.official
    return None


def _merge(
    found: list[_Found],
    officials: list[Official],
    published: date | None,
    dateline: StateMention | None,
) -> list[Visit]:
    """One visit per visitor, host and time: dated mentions far apart are separate visits;
    undated ones join the visit dated closest to the publication date."""
    visits = []
    for (visitor, host), group in _group(found).items():
        for cluster in _clusters(group, published):
            visits.append(_visit(cluster, officials[visitor], host, published, dateline))
    return visits


def _group(found: list[_Found]) -> dict[tuple[int, str], list[_Found]]:
    groups: dict[tuple[int, str], list[_Found]] = {}
    for f in found:
        groups.setdefault((f.visitor, f.host), []).append(f)
    return groups


def _clusters(group: list[_Found], published: date | None) -> list[list[_Found]]:
    clusters: list[list[_Found]] = []
    for f in sorted((f for f in group if f.dates), key=lambda f: f.dates[0].value):
        home = next((c for c in clusters if _near(c[-1].dates, f.dates)), None)
        if home is None:
            clusters.append([f])
        else:
            home.append(f)
    undated = [f for f in group if not f.dates]
    if undated:
        if not clusters:
            clusters.append(undated)
        else:
            today = (published or date.today()).isoformat()
            closest = min(clusters, key=lambda c: abs(_days(c[0].dates[0].value) - _days(today)))
            closest.extend(undated)
    return clusters


def _near(first: list[PartialDate], second: list[PartialDate]) -> bool:
    """Dates that can belong to one trip: within a fortnight, or one contains the other."""
    a, b = first[-1].value, second[0].value
    if a.startswith(b) or b.startswith(a):
        return True
    return abs(_days(a) - _days(b)) <= 14


def _days(value: str) -> int:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2]).toordinal()


def _visit(
    cluster: list[_Found],
    official: Official,
    host: str,
    published: date | None,
    dateline: StateMention | None,
) -> Visit:
    dates = sorted({d for f in cluster for d in f.dates}, key=lambda d: (d.value, d.precision))
    ends = sorted({d for f in cluster for d in f.ends}, key=lambda d: d.value)
    duration = next((f.duration for f in cluster if f.duration), None)
    start = dates[0] if dates else None
    end = ends[-1] if ends else (dates[-1] if len(dates) > 1 else None)
    if start and end and (end.value <= start.value or len(end.value) < len(start.value)):
        end = None
    if start is None and end is not None and end.precision == "day" and duration:
        first_day = date.fromisoformat(end.value) - timedelta(days=duration - 1)
        start = PartialDate(first_day.isoformat(), "day")
    if start and start.precision == "day" and duration and end is None:
        last_day = date.fromisoformat(start.value) + timedelta(days=duration - 1)
        end = PartialDate(last_day.isoformat(), "day")
    status = _status(cluster, start, end, duration, published)
    cities = [f.city for f in cluster if f.city]
    capitals = [c for c in cities if state_of_city(c) == host]
    city = (capitals or cities or [None])[0] or _city_in(cluster, host)
    if (
        city is None
        and dateline is not None
        and dateline.iso == host
        and dateline.is_city
        and status in ("ongoing", "completed")
        and (start is None or _recent(start, published))
    ):
        city = dateline.text.title() if dateline.text.isupper() else dateline.text
    inviter = next((f.inviter for f in cluster if f.inviter is not None), None)
    return Visit(
        visitor=official.name,
        visitor_state=official.state,
        host_state=host,
        city=city,
        start=start,
        end=end,
        duration_days=duration,
        inviter=inviter,
        status=status,
        evidence=[f.evidence for f in cluster if f.evidence],
    )


def _status(
    cluster: list[_Found],
    start: PartialDate | None,
    end: PartialDate | None,
    duration: int | None,
    published: date | None,
) -> Status:
    """Cancelled or postponed if said; else where the dates fall; else the words; else the tense."""
    said = st.merge([f.status for f in cluster])
    if said in ("cancelled", "postponed"):
        return said
    by_dates = st.status_from_dates(start, end, published, duration)
    if (
        by_dates == "ongoing"
        and said == "completed"
        and _ENDED.search(" ".join(f.evidence.sentence for f in cluster if f.evidence))
    ):
        return "completed"
    return by_dates or said or _tense(cluster)


def _tense(cluster: list[_Found]) -> Status:
    text = " ".join(f.evidence.sentence for f in cluster if f.evidence)
    return "planned" if _FUTURE.search(text) else "completed"


def _city_in(cluster: list[_Found], host: str) -> str | None:
    """A city of the host state that the visit's sentences place it in ("in New Delhi")."""
    for f in cluster:
        for city in cities_in(f.evidence.sentence) if f.evidence else ():
            if city.iso == host:
                return city.name
    return None


def _recent(start: PartialDate, published: date | None) -> bool:
    if published is None:
        return True
    return abs(_days(start.value) - published.toordinal()) <= 14
