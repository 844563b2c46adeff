"""Agreements: one per instrument named, plus a counted batch for the ones left unnamed."""

import regex

from ..model import Agreement, AgreementKind, Evidence
from .dates import DateMention
from .events import COMMISSION
from .nlp import Sentence
from .places import StateMention

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20,
                 "dozen": 12, "several": 0, "a number of": 0, "various": 0, "multiple": 0}
_KIND_WORDS = (
    r"memorand(?:um|a|ums)[ \t]+of[ \t]+understanding|memorand(?:um|a|ums)|mous?|mo\.?u\.?s?|"
    r"treat(?:y|ies)|contracts?|deals?|joint[ \t]+(?:declaration|statement)s?|declarations?|"
    r"agreements?|accords?|pacts?|protocols?|documents?|instruments?|conventions?"
)
_SIGN = r"sign(?:ed|s|ing)?|ink(?:ed|s)?|conclud(?:ed|es)|initial(?:l)?ed|exchang(?:ed|es)"
_COUNTED = regex.compile(
    rf"\b(?:{_SIGN})\b[ \t]+(?:a[ \t]+total[ \t]+of[ \t]+|as[ \t]+many[ \t]+as[ \t]+|some[ \t]+|"
    rf"at[ \t]+least[ \t]+)?(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    rf"eleven|twelve|thirteen|fourteen|fifteen|sixteen|twenty|several|various|multiple|a number of)"
    rf"[ \t]+(?:[\w-]+[ \t]+){{0,3}}?(?P<kind>{_KIND_WORDS})\b",
    regex.I,
)
_TOPIC = regex.compile(
    r"\b(?:related[ \t]+to|relating[ \t]+to|on|concerning|covering|in[ \t]+the[ \t]+(?:fields?|areas?)"
    r"[ \t]+of|for|including[ \t]+(?:on[ \t]+)?|about|regarding|to[ \t]+(?:boost|promote|expand|enhance)"
    r")[ \t]+(?P<topic>[^.;:()#]+)",
    regex.I,
)
_ORDINAL_TOPIC = regex.compile(
    r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[ \t]+(?:memorandum|"
    r"mou|agreement|document|deal|contract|accord)[ \t]+(?:is[ \t]+(?:about|on)|concerns|covers|deals"
    r"[ \t]+with|relates[ \t]+to|is[ \t]+related[ \t]+to|provides[ \t]+for)[ \t]+(?P<topic>[^.;]+)",
    regex.I,
)
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def kind_of(word: str) -> AgreementKind:
    """The kind of instrument a word names.

    >>> kind_of("MoUs"), kind_of("treaty"), kind_of("joint statement")
    ('mou', 'treaty', 'declaration')
    """
    w = word.lower()
    if w.startswith(("memorand", "mou", "mo.u")):
        return "mou"
    if w.startswith("treat"):
        return "treaty"
    if w.startswith(("contract", "deal")):
        return "contract"
    if "declaration" in w or "statement" in w:
        return "declaration"
    return "agreement"


def find_agreements(
    text: str,
    sentences: list[Sentence],
    states: list[StateMention],
    dates: list[DateMention],
    principal: list[str],
    event_at: dict[int, str],
) -> list[Agreement]:
    """Agreements signed, from sentences with a signing verb; ordinal descriptions add topics."""
    agreements: list[Agreement] = []
    for index, sentence in enumerate(sentences):
        for match in _COUNTED.finditer(text, sentence.start, sentence.end):
            word = match.group("n").lower()
            count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)
            kind = kind_of(match.group("kind"))
            parties = _parties(text, sentence, states, match.start(), principal)
            signed = next((d.date for d in dates if sentence.start <= d.start < sentence.end), None)
            evidence = Evidence(sentence.text, sentence.start, sentence.end, 0.8)
            topics = _topics(text, match.end(), sentence.end, count)
            event = event_at.get(index)
            made = [Agreement(kind, parties, [], t, signed, event, None, [evidence]) for t in topics]
            rest = count - len(made)
            if rest > 1 or (rest == 1 and not made) or (count == 0 and not made):
                made.append(Agreement(kind, parties, [], None, signed, event,
                                      rest if rest > 1 else None, [evidence]))
            agreements.extend(made)
    _ordinal_topics(text, sentences, agreements)
    return agreements


def _parties(text: str, sentence: Sentence, states: list[StateMention], verb: int,
             principal: list[str]) -> list[str]:
    inside = [s for s in states if sentence.start <= s.start < sentence.end]
    before = [s.iso for s in inside if s.start < verb]
    with_ = regex.search(r"\bwith[ \t]+(?:the[ \t]+)?\Z", text[max(sentence.start, verb - 200) : verb])
    after = [s.iso for s in inside if s.start > verb and regex.search(
        r"\b(?:with|between)[ \t]+(?:the[ \t]+)?\Z", text[max(verb, s.start - 20) : s.start])]
    parties = list(dict.fromkeys(before[-4:] + after))
    if with_:
        parties = list(dict.fromkeys(parties))
    if len(parties) < 2:
        for iso in principal:
            if iso not in parties and len(parties) < 2:
                parties.append(iso)
    return sorted(parties)


def _topics(text: str, start: int, end: int, count: int) -> list[str]:
    masked = COMMISSION.sub(lambda m: "#" * len(m.group()), text[start:end])
    text, end, start = text[:start] + masked + text[end:], end, start
    match = _TOPIC.search(text, start, end)
    if not match or match.start() - start > 160:
        return []
    raw = regex.sub(r"^(?:cooperation[ \t]+in[ \t]+)?the[ \t]+", "", match.group("topic").strip())
    raw = regex.split(r",?[ \t]+(?:which|that|who|while|whereas|held|signed)\b", raw)[0]
    pieces = [p.strip() for p in regex.split(r",[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+", raw) if p.strip()]
    if count <= 1:
        return [raw.strip()] if count == 1 else []
    while len(pieces) > count:
        short = min(range(len(pieces) - 1), key=lambda i: len(pieces[i].split()))
        pieces[short : short + 2] = [f"{pieces[short]} and {pieces[short + 1]}"]
    return pieces if len(pieces) > 1 else []


def _ordinal_topics(text: str, sentences: list[Sentence], agreements: list[Agreement]) -> None:
    named = [a for a in agreements if a.count is None]
    for sentence in sentences:
        for match in _ORDINAL_TOPIC.finditer(text, sentence.start, sentence.end):
            position = _ORDINALS.index(match.group("ord").lower())
            if position < len(named):
                target = named[position]
                extra = match.group("topic").strip()
                target.topic = f"{target.topic}; {extra}" if target.topic else extra
