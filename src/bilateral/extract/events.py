"""Events other than visits: commission sessions, summits, meetings and talks."""

import regex

from ..model import Event, Evidence
from . import status as st
from .dates import DateMention
from .nlp import Sentence
from .places import StateMention, cities_in

_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
_ORDINAL = (
    r"(?P<ord>(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth)|\d{1,2}(?:st|nd|rd|th))"
)
_CAP = r"\p{Lu}[\w-]*"
COMMISSION = regex.compile(
    rf"(?:{_ORDINAL}[ \t]+(?:session[ \t]+of[ \t]+the[ \t]+)?)?(?P<name>(?:{_CAP}[ \t]+){{0,4}}"
    rf"(?:Commission|Joint[ \t]Working[ \t]Group|Strategic[ \t]Dialogue)(?:[ \t]*\([A-Z]+\))?"
    rf"(?:[ \t]+(?:on|for)[ \t]+(?:{_CAP}|and|,|[ \t])+)?)"
)
_SUMMIT = regex.compile(
    r"\b(?P<name>(?:(?P<size>bilateral|trilateral|quadrilateral|four-nation|three-nation|"
    r"multilateral|regional)[ \t]+)?(?:summit|moot|conference)(?:[ \t]+(?:of|between)[ \t]+"
    r"(?P<list>(?-i:(?:\p{Lu}[\w'’-]*(?:[ \t]+\p{Lu}[\w'’-]*)*(?:,[ \t]*|[ \t]+and[ \t]+)?){2,8})))?)",
    regex.I,
)
_NAMED_SUMMIT = regex.compile(
    r"(?<![\w-])(?P<name>(?!The\b)\p{Lu}[\w&'’-]*[ \t]+(?:(?:\p{Lu}[\w&'’-]*|of)[ \t]+){0,4}"
    r"(?i:summit))(?![ \t]+of\b)"
)
_HELD = regex.compile(r"\b(?:held|hold|holds|convened|concluded|took place)\b", regex.I)


def find_events(
    text: str,
    sentences: list[Sentence],
    states: list[StateMention],
    principal: list[str],
    dates: list[DateMention] = (),
) -> tuple[list[Event], dict[int, str]]:
    """Events in the text, and for each sentence index the name of the event it is set at."""
    events: dict[str, Event] = {}
    where: dict[int, str] = {}
    for index, sentence in enumerate(sentences):
        inside = [s for s in states if sentence.start <= s.start < sentence.end]
        evidence = Evidence(sentence.text, sentence.start, sentence.end, 0.75)
        for match in COMMISSION.finditer(text, sentence.start, sentence.end):
            name = " ".join(regex.sub(r"[ \t]*\([A-Z]+\)", "", match.group("name")).split()).rstrip(
                ", "
            )
            ordinal = _ordinal(match.group("ord"))
            label = f"{_ordinal_word(ordinal)} {name}".strip() if ordinal else name
            city = _city(text, match.end(), sentence.end, inside)
            event = events.setdefault(
                label.casefold(),
                Event(
                    "commission", label, _bilateral(inside, principal), city, None, None, ordinal
                ),
            )
            event.city = event.city or city
            event.status = st.merge([event.status, _status(sentence.text)])
            event.evidence.append(evidence)
            where[index] = event.name
        for match in _SUMMIT.finditer(text, sentence.start, sentence.end):
            listed = (
                [s.iso for s in inside if match.start("list") <= s.start < match.end("list")]
                if match.group("list")
                else []
            )
            if len(listed) < 3 and not (match.group("size") or "").lower().startswith(
                ("tri", "quad", "multi")
            ):
                continue
            name = " ".join(match.group("name").split())
            event = events.setdefault(
                name.casefold(), Event("summit", name, sorted(set(listed)), None, None, None, None)
            )
            event.status = st.merge([event.status, _status(sentence.text)])
            event.evidence.append(evidence)
        for match in _NAMED_SUMMIT.finditer(text, sentence.start, sentence.end):
            name = " ".join(match.group("name").split())
            if name.casefold() in events or any(name.casefold() in k for k in events):
                continue
            city = _city(text, match.end(), sentence.end, inside)
            when = next((d.date for d in dates if sentence.start <= d.start < sentence.end), None)
            states_in = sorted({s.iso for s in inside})
            event = events.setdefault(
                name.casefold(), Event("summit", name, states_in, city, when, None, None)
            )
            event.status = st.merge([event.status, _status(sentence.text)])
            event.evidence.append(evidence)
    return list(events.values()), where


def _ordinal(word: str | None) -> int | None:
    if not word:
        return None
    word = word.lower()
    return _ORDINALS.get(word) or int(regex.sub(r"\D", "", word))


def _ordinal_word(number: int) -> str:
    names = {v: k.title() for k, v in _ORDINALS.items()}
    return names.get(number, f"{number}th")


def _city(text: str, start: int, end: int, states: list[StateMention]) -> str | None:
    near = [c for c in cities_in(text, start, end) if c.start - start <= 45]
    if near:
        return near[0].name
    for s in states:
        if (
            s.is_city
            and s.start >= start
            and regex.search(r"\bin[ \t]+\Z", text[max(start, s.start - 6) : s.start])
        ):
            return s.text
    return None


def _bilateral(inside: list[StateMention], principal: list[str]) -> list[str]:
    found = sorted({s.iso for s in inside})
    return found if len(found) >= 2 else sorted(principal[:2])


def _status(sentence: str):
    cue = st.sentence_status(sentence)
    if cue:
        return cue
    if regex.search(r"\b(?:will|to be|is to|are to|next)\b", sentence, regex.I):
        return "planned"
    return "completed" if _HELD.search(sentence) or regex.search(r"\bsigned\b", sentence) else None
