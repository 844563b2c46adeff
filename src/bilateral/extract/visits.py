"""Visits: who travels where, when, at whose invitation, and with what status."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import regex

from ..model import Evidence, Official, PartialDate, Status, Visit
from . import status as st
from .dates import DateMention
from .nlp import Sentence
from .officials import Mention
from .places import StateMention

_TRIGGER = regex.compile(
    r"\b(?:visit(?:s|ed|ing)?|trip|tour(?:s|ed)?|arriv(?:e|es|ed|ing)|"
    r"travel(?:s|led|ed|ling|ing)?[ \t]+to|fl(?:ew|ies|y)[ \t]+to|land(?:s|ed)?[ \t]+in|"
    r"head(?:s|ed)?[ \t]+to)\b",
    regex.I,
)
_ADJECTIVE_USE = regex.compile(r"visiting[ \t]+(?:dignitar|delegat|team|official|minister|leader)", regex.I)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_DURATION = regex.compile(r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)-day\b", regex.I)
_PRONOUN = regex.compile(r"\b(?:his|her|their)\b[ \t]+(?:[\w-]+[ \t]+){0,3}\Z", regex.I)
_MODAL = regex.compile(
    r"(?:\b(?:will|would|to|shall|may|might|must|can|could|also|then|later|first)|\p{Lu}[\w’']*)"
    r"[ \t]+\Z"
)
_CLAUSE_BREAK = regex.compile(
    r"[;]|,[ \t]+(?:though|although|but|while|whereas|even as|yet)\b|[ \t]\b(?:but|whereas)\b", regex.I
)
_RELATIVE = regex.compile(
    r",?[ \t]+who[ \t]+(?:(?:had|has|have|will|would|also|is|was|recently|last)[ \t]+){0,3}", regex.I
)
_SAID = regex.compile(r"\b(?:told|said|says|announced|stated|reported|added)\b[^.]{0,25}\Z", regex.I)


@dataclass
class _Found:
    visitor: int
    host: str
    city: str | None
    status: Status | None
    dates: list[PartialDate] = field(default_factory=list)
    duration: int | None = None
    inviter: int | None = None
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
        triggers = [t for t in _TRIGGER.finditer(text, sentence.start, sentence.end)
                    if not _ADJECTIVE_USE.match(text, t.start())]
        for i, trigger in enumerate(triggers):
            lo = triggers[i - 1].end() if i else sentence.start
            hi = triggers[i + 1].start() if i + 1 < len(triggers) else sentence.end
            visitor = _visitor(text, trigger, in_sentence, lo, last_official)
            if visitor is None:
                continue
            official = officials[visitor]
            earlier = [f.host for f in found if f.visitor == visitor]
            host, city = _host(text, trigger, hi, sentence, states, official, dateline, principal,
                               mentions, earlier)
            if host is None or host == official.state:
                continue
            window = text[max(lo, _words_back(text, trigger.start(), 6)) : min(hi, trigger.end() + 90)]
            clause = _clause(text, sentence, trigger)
            status = st.sentence_status(clause) or st.local_status(window)
            mine = [d.date for d in dates if _owner(d, triggers, sentence) is trigger
                    and not _SAID.search(text, sentence.start, d.start)]
            duration = _duration(text, trigger, lo, hi)
            evidence = Evidence(sentence.text, sentence.start, sentence.end, 0.8)
            inviter = _inviter(text, sentence, in_sentence, visitor)
            found.append(_Found(visitor, host, city, status, mine, duration, inviter, evidence))
        if in_sentence and in_sentence[-1].official is not None:
            last_official = in_sentence[-1].official
    return _merge(found, officials, published, dateline)


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
        if m.end <= start and regex.fullmatch(r"['’]s[ \t]+(?:[\w-]+[ \t]+){0,3}", text[m.end : start]):
            return m.official
    if _PRONOUN.search(text[max(0, start - 60) : start]):
        before = [m for m in named if m.end <= start]
        return before[-1].official if before else last
    by = regex.search(r"\bby[ \t]+(?:the[ \t]+)?", text[end : end + 80])
    if by:
        for m in named:
            if end + by.end() <= m.start <= end + by.end() + 2:
                return m.official
    word = trigger.group().lower()
    if word not in ("trip", "tour") and (word not in ("visit", "visits") or _MODAL.search(text, lo, start)):
        subject = [m for m in named if lo <= m.end <= start
                   and (not regex.search(r"[;:]|\b(?:who|which|that|and|but)\b", text[m.end : start])
                        or _RELATIVE.fullmatch(text[m.end : start]))]
        if subject:
            return subject[-1].official
    verbs = regex.compile(r"(?:(?:will|would|to|is|are|was|has|had|have)[ \t]+)?(?:also[ \t]+)?(?:pay|make|"
                          r"undertake|begin|start|conclude|be on|paid|made|undertook|began|started|"
                          r"concluded|wrap(?:ped)? up)[ \t]+(?:an?|his|her|their)?[ \t\w-]*\Z", regex.I)
    if verbs.search(text[max(lo, start - 60) : start]):
        subject = [m for m in named if lo <= m.end <= start]
        if subject:
            return subject[-1].official
    return None


def _host(text, trigger, hi, sentence, states, official, dateline, principal, mentions, earlier):
    start, end = trigger.span()
    others = [s for s in states if sentence.start <= s.start < sentence.end and s.iso != official.state]
    skip = [(m.start, m.end) for m in mentions if m.start >= end]
    for s in others:
        if s.start < end or s.start > hi + 60 or any(a <= s.start < b for a, b in skip):
            continue
        between = text[end : s.start]
        if regex.fullmatch(r"[ \t]+(?:to|in|of|at)?[ \t]*(?:the[ \t]+)?", between) or \
                regex.search(r"\b(?:to|in)[ \t]+(?:the[ \t]+)?\Z", between):
            return s.iso, s.text if s.is_city else None
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
    return min(triggers, key=lambda t: abs(t.start() - mention.start) + (40 if mention.start < t.start() else 0))


def _duration(text: str, trigger, lo: int, hi: int) -> int | None:
    near = list(_DURATION.finditer(text, max(lo, trigger.start() - 40), min(hi, trigger.end() + 40)))
    if not near:
        return None
    match = min(near, key=lambda m: abs(m.start() - trigger.start()))
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


def _inviter(text: str, sentence: Sentence, mentions: list[Mention], visitor: int) -> int | None:
    invitation = regex.search(r"\binvitation[ \t]+(?:of|from)[ \t]+", text[sentence.start : sentence.end], regex.I)
    if not invitation:
        return None
    at = sentence.start + invitation.end()
    for m in mentions:
        if m.official is not None and m.official != visitor and at <= m.start <= at + 30:
            return m.official
    return None


def _merge(found: list[_Found], officials: list[Official], published: date | None,
           dateline: StateMention | None) -> list[Visit]:
    merged: dict[tuple[int, str], list[_Found]] = {}
    for f in found:
        merged.setdefault((f.visitor, f.host), []).append(f)
    visits = []
    for (visitor, host), group in merged.items():
        dates = sorted({d for f in group for d in f.dates}, key=lambda d: d.value)
        start = dates[0] if dates else None
        end = dates[-1] if len(dates) > 1 else None
        duration = next((f.duration for f in group if f.duration), None)
        if start and start.precision == "day" and duration and end is None:
            end = PartialDate((date.fromisoformat(start.value) + timedelta(days=duration - 1)).isoformat(), "day")
        status = st.merge([f.status for f in group])
        if status in (None, "planned", "completed"):
            status = st.status_from_dates(start, end, published) or status
        city = next((f.city for f in group if f.city), None)
        if city is None and dateline is not None and dateline.iso == host and dateline.is_city \
                and status in ("ongoing", "completed"):
            city = dateline.text.title() if dateline.text.isupper() else dateline.text
        inviter = next((f.inviter for f in group if f.inviter is not None), None)
        official = officials[visitor]
        visits.append(Visit(
            visitor=official.name, visitor_state=official.state, host_state=host, city=city,
            start=start, end=end, duration_days=duration,
            inviter=officials[inviter].name if inviter is not None else None,
            status=status, evidence=[f.evidence for f in group if f.evidence],
        ))
    return visits
