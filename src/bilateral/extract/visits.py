"""Visits: who travels where, when, at whose invitation, and with what status."""

from dataclasses import replace
from datetime import date, timedelta

import regex

from ..model import Evidence, Official, PartialDate, Visit
from . import status as st
from .dates import DateMention, in_dateline
from .nlp import Sentence
from .officials import Mention
from .places import StateMention, cities_in
from .visit_merge import Sighting, cities_from_article, merge_sightings, near_dates
from .visitors import (
    anaphoric,
    companions_of,
    host_of,
    inviter_of,
    more_hosts,
    titled_subject,
    visitor_of,
)

_TRIGGER = regex.compile(
    r"\b(?:visit(?:s|ed|ing)?|trips?|tour(?:s|ed)?|arriv(?:e|es|ed|ing)|"
    r"travel(?:s|led|ed|ling|ing)?[ \t]+(?:on[ \t]+)?to|fl(?:ew|ies|y|ying)[ \t]+(?:on[ \t]+)?to|"
    r"land(?:s|ed)?[ \t]+in|touch(?:es|ed)?[ \t]+down[ \t]+in|head(?:s|ed)?[ \t]+(?:on[ \t]+)?to|"
    r"(?:went|go(?:es)?|goes|going|moved?|proceed(?:s|ed)?)[ \t]+on[ \t]+to|"
    r"(?:left|leaves?|depart(?:s|ed)?)[ \t]+for|fl(?:ew|ies|y|ying)[ \t]+in|"
    r"(?:lead|leads|led|leading|head|heads|headed|heading)[ \t]+(?:a|an|the|his|her)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,2}delegation[ \t]+to|"
    r"(?:is|are|was|were)[ \t]+(?:still[ \t]+|also[ \t]+|now[ \t]+)?(?:expected|due)[ \t]+"
    r"(?:to[ \t]+arrive[ \t]+)?in)\b",
    regex.I,
)


# Meetings abroad are trips too, when the text puts them in a city of another state.
_MEETING = regex.compile(
    r"\b(?:met|meets|meet|(?:held|holds?|holding)[ \t]+(?:talks|consultations)|attended)\b",
    regex.I,
)
# "visits to Fiji in February and to Samoa in March": a second destination of the same trips.
_AND_TO = regex.compile(
    r",?[ \t]+and[ \t]+(?:then[ \t]+|later[ \t]+)?to[ \t]+(?=(?:the[ \t]+)?\p{Lu})"
)
_WHICH = regex.compile(r"\b(?:which|that)[ \t]+\Z", regex.I)
_LEAVING = regex.compile(r"left|leav|depart|head|fl|travel|go|went|proceed|moved?", regex.I)
_ARRIVAL = regex.compile(r"arriv|fl(?:ew|ies|y|ying)[ \t]+in|land|touch", regex.I)
_ENDED_BEFORE = regex.compile(
    r"\b(?:conclud(?:ed|es|ing)|wrap(?:s|ped|ping)?[ \t]+up|end(?:s|ed)|wound[ \t]+up|"
    r"cut[ \t]+short)[ \t]+(?:[\w'’-]+[ \t]+){0,4}\Z",
    regex.I,
)
_NTH_DAY = regex.compile(
    r"\b(?P<nth>first|second|third|fourth|fifth|final|last)[ \t]+day[ \t]+of[ \t]+"
    r"(?:[\w'’-]+[ \t]+){0,4}\Z",
    regex.I,
)
_NTH = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4}
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


_CLAUSE_BREAK = regex.compile(
    r"[;]|,[ \t]+(?:though|although|but|while|whereas|even as|yet)\b|[ \t]\b(?:but|whereas)\b",
    regex.I,
)


_REPORTING = regex.compile(
    r"\b(?:said|says|told|wrote|writes|announced|stated|reported|added|tweeted|posted|confirmed|"
    r"called|cancel\w*|postpone\w*|put|scrapped|delayed|deferred)\b",
    regex.I,
)


_ENDING = regex.compile(
    r"\b(?:ends?|ending|until|till|through|leaves?|leaving|left|depart(?:s|ed|ing)?|returns?|"
    r"returning)\b[^.,;]{0,25}\Z",
    regex.I,
)


_OTHER_TIME = regex.compile(r"\bsince\b|,[ \t]+(?:his|her|their|the)[ \t]+first\b", regex.I)
_PRONOUN_SUBJECT = regex.compile(r"(?:[\w ,]{0,30}?\b)?(?:he|she)\b", regex.I)


_INVITED_BY = regex.compile(r"\binvitation[ \t]+(?:of|from)\b[^.;]{0,70}\Z", regex.I)
_SAID = regex.compile(
    r"\b(?:told|said|says|announced|stated|reported|added)\b[^.]{0,25}\Z", regex.I
)


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
    found: list[Sighting] = []
    last_official: int | None = None
    for sentence in sentences:
        in_sentence = [m for m in mentions if sentence.start <= m.start < sentence.end]
        triggers = _triggers(text, sentence)
        previous: int | None = None
        for i, trigger in enumerate(triggers):
            lo = triggers[i - 1].end() if i else sentence.start
            hi = triggers[i + 1].start() if i + 1 < len(triggers) else sentence.end
            if trigger.re is _AND_TO:
                visitor = previous
            else:
                visitor = visitor_of(text, trigger, in_sentence, lo, last_official)
            if visitor is None and i and _same_trip(text, triggers[i - 1], trigger, in_sentence):
                visitor = previous  # "arrived in Shenzhen ... at the start of a five-day visit"
            if visitor is None and found and trigger.re is not _MEETING:
                visitor = titled_subject(text, trigger, lo, officials, [f.visitor for f in found])
            told = None
            if found and visitor is None and anaphoric(text, sentence, trigger, found[-1]):
                told = found[-1]
            if told is not None:
                visitor = told.visitor
            if visitor is None:
                continue
            official = officials[visitor]
            if told is not None:
                host = told.host
                city = next(
                    (c.name for c in cities_in(text, trigger.end(), hi) if c.iso == host), None
                )
            elif trigger.re is _MEETING:
                host, city = _met_abroad(text, trigger, hi, official.state)
            else:
                earlier = [f.host for f in found if f.visitor == visitor]
                host, city = host_of(
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
            previous = visitor
            window = text[
                max(lo, _words_back(text, trigger.start(), 6)) : min(hi, trigger.end() + 90)
            ]
            clause = _clause(text, sentence, trigger)
            status = st.sentence_status(clause) or st.local_status(window)
            near = [
                d
                for d in dates
                if _owner(d, triggers, sentence) is trigger
                and _close(text, d, trigger, lo, hi)
                and not in_dateline(text, d)
            ]
            leaving = _LEAVING.match(trigger.group())
            ends = [
                d.date
                for d in near
                if not leaving and _ENDING.search(text, max(0, d.start - 40), d.start)
            ]
            mine = [d.date for d in near if d.date not in ends]
            mine, ends = _day_of_trip(text, trigger, lo, mine, ends)
            if (
                told is not None
                and (mine or ends)
                and (told.dates or told.ends)
                and not near_dates(told.dates + told.ends, mine + ends)
            ):
                continue  # "The visit was first planned for July last year"
            duration = _duration(text, trigger, lo, hi)
            evidence = Evidence(sentence.text, sentence.start, sentence.end, 0.8)
            invited_by = inviter_of(text, sentence, in_sentence, visitor)
            inviter = officials[invited_by].name if invited_by is not None else None
            sighting = Sighting(
                visitor, host, city, status, mine, ends, duration, inviter, evidence
            )
            sighting.arrival = bool(_ARRIVAL.match(trigger.group()))
            sighting.meeting = trigger.re is _MEETING
            found.append(sighting)
            for companion in companions_of(text, trigger, in_sentence, officials, visitor):
                found.append(replace(sighting, visitor=companion))
            if told is None and trigger.re is not _MEETING:
                for other, place in more_hosts(text, trigger, hi, states, host, official.state):
                    found.append(replace(sighting, host=other, city=place))
        subjects = [
            m.official
            for m in in_sentence
            if m.official is not None
            and not _INVITED_BY.search(text, max(0, m.start - 90), m.start)
        ]
        if subjects and not _PRONOUN_SUBJECT.match(sentence.text):
            last_official = subjects[0]
    visits = merge_sightings(found, officials, published, dateline)
    cities_from_article(text, visits, published)
    return visits


def _triggers(text: str, sentence: Sentence) -> list:
    """The trip words of a sentence in order: travel verbs and nouns, meetings, "and to"."""
    found = [
        t
        for t in _TRIGGER.finditer(text, sentence.start, sentence.end)
        if not _ADJECTIVE_USE.match(text, t.start())
        and not _WHICH.search(text, max(0, t.start() - 12), t.start())  # "which was expected in"
    ]
    found += _MEETING.finditer(text, sentence.start, sentence.end)
    if found:
        first = min(t.start() for t in found)
        found += (t for t in _AND_TO.finditer(text, first, sentence.end))
    return sorted(found, key=lambda t: t.start())


def _same_trip(text: str, before, trigger, mentions: list[Mention]) -> bool:
    """A trip noun that goes on the clause of the travel word before it, with no one between."""
    if trigger.group().lower() not in ("visit", "trip", "tour") or before.re is _MEETING:
        return False
    between = text[before.end() : trigger.start()]
    named = any(
        before.end() <= m.start < trigger.start() for m in mentions if m.official is not None
    )
    return not named and len(between) < 80 and not regex.search(r"[;,]|\b(?:and|but)\b", between)


def _met_abroad(text: str, trigger, hi: int, home: str | None) -> tuple[str | None, str | None]:
    """The state and city of a meeting held in a city of another state ("held talks in Ankara")."""
    for city in cities_in(text, trigger.end(), hi):
        if city.start - trigger.end() > 80:
            break
        if city.iso != home:
            return city.iso, city.name
    return None, None


def _day_of_trip(text: str, trigger, lo: int, mine: list, ends: list) -> tuple[list, list]:
    """Dates of a trip said to have ended ("concluded ... yesterday") are its end; "the second
    day of a visit" on a date puts its start a day before."""
    if _ENDED_BEFORE.search(text, max(lo, trigger.start() - 60), trigger.start()):
        return [], ends + [d for d in mine if d.precision == "day"]
    nth = _NTH_DAY.search(text, max(lo, trigger.start() - 60), trigger.start())
    if nth is None or not mine or mine[0].precision != "day":
        return mine, ends
    word = nth.group("nth").lower()
    if word in ("final", "last"):
        return [], ends + mine
    first = date.fromisoformat(mine[0].value) - timedelta(days=_NTH[word])
    return [PartialDate(first.isoformat(), "day")], ends


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
    other_time = _OTHER_TIME.search(gap)  # "..., his first since X was sworn in last month"
    return near and not _REPORTING.search(gap) and not said and not other_time


def _duration(text: str, trigger, lo: int, hi: int) -> int | None:
    near = list(
        _DURATION.finditer(text, max(lo, trigger.start() - 40), min(hi, trigger.end() + 60))
    )
    if not near:
        return None
    match = min(near, key=lambda m: abs(m.start() - trigger.start()))
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _NUMBERS[word]
