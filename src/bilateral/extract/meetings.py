"""Meetings and talks between named officials: who met whom, where, when, and whether it happened."""

from datetime import date

import regex

from ..model import Event, Evidence, Official
from . import status as st
from .dates import DateMention
from .nlp import Sentence
from .officials import Mention
from .places import StateMention, cities_in

_TALKS = regex.compile(
    r"\b(?:(?:held|hold|holds|holding|will hold|are to hold)[ \t]+(?:[\w-]+[ \t]+){0,3}?talks|"
    r"talks[ \t]+(?:with|between)|met(?:[ \t]+with)?|meets(?:[ \t]+with)?|meeting[ \t]+(?:with|between)|"
    r"(?:will|to|would)[ \t]+meet(?:[ \t]+with)?|sat down with|received|hosted)\b",
    regex.I,
)


def find_meetings(
    text: str,
    published: date | None,
    sentences: list[Sentence],
    officials: list[Official],
    mentions: list[Mention],
    states: list[StateMention],
    dates: list[DateMention],
) -> list[Event]:
    """Talks or meetings of two or more named officials of different states."""
    found: dict[frozenset[int], Event] = {}
    for sentence in sentences:
        cue = _TALKS.search(text, sentence.start, sentence.end)
        if cue is None:
            continue
        people = sorted(
            {
                m.official
                for m in mentions
                if m.official is not None and sentence.start <= m.start < sentence.end
            }
        )
        nations = {officials[i].state for i in people if officials[i].state}
        if len(people) < 2 or len(nations) < 2:
            continue
        kind = "talks" if "talk" in cue.group().lower() else "meeting"
        names = [officials[i].name for i in people]
        when = next((d.date for d in dates if sentence.start <= d.start < sentence.end), None)
        city = _city(sentence.text)
        status = (
            st.sentence_status(sentence.text)
            or st.status_from_dates(when, None, published)
            or (
                "planned"
                if regex.search(
                    r"\b(?:will|to meet|to hold|expected)\b", cue.group() + sentence.text, regex.I
                )
                else "completed"
            )
        )
        evidence = Evidence(sentence.text, sentence.start, sentence.end, 0.7)
        key = frozenset(people)
        if key in found:
            event = found[key]
            event.city = event.city or city
            event.date = event.date or when
            event.evidence.append(evidence)
            continue
        label = f"{'Talks' if kind == 'talks' else 'Meeting'} between {' and '.join(names)}"
        found[key] = Event(
            kind, label, sorted(nations), city, when, status, None, names, [evidence]
        )
    return list(found.values())


def _city(sentence: str) -> str | None:
    cities = cities_in(sentence)
    return cities[0].name if cities else None
