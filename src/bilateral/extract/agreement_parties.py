"""Who signed an agreement, and when: state parties from the clause, dates from the sentence."""

from datetime import date

import regex

from ..model import PartialDate
from .dates import DateMention, in_dateline
from .nlp import Sentence
from .places import StateMention

_CLAUSE = regex.compile(
    r"[;:]|,[ \t]+(?:which|who|and|but|while|after|as|when)\b|\b(?:after|when|while)\b", regex.I
)


_CLAUSE_END = regex.compile(
    r"[;]|,[ \t]+(?:and|but|while|which|who|giving|as|after|whereas)\b|[ \t]+and[ \t]+(?!with\b)"
    r"(?=(?:\p{Lu}\w*[ \t]+)*\p{Lu}\w*[ \t]+\p{Ll})",
)
_RELATIVE_SIGNER = regex.compile(
    r"[ \t]+(?:that|which)[ \t]+(?P<who>[^.;,]{1,60}?)[ \t]+(?:signed|inked|concluded)\b"
)
_BOTH = regex.compile(
    r"\b(?:the|both)[ \t]+(?:two[ \t]+)?(?:sides|countries|governments|nations)\b", regex.I
)
_ADJECTIVE = regex.compile(r"[ \t]+(?!government|side|authorities|officials|counterparts?)\p{Ll}+")
_NEW_CLAUSE = regex.compile(r";|,[ \t]+(?:and|but|while|whereas)[ \t]+(?!(?:on|in|at|the)\b)\p{Lu}")
_TITLED = regex.compile(r"\b(?:Minister|President|Premier|Chancellor|King|Emir|Secretary|Prince)\b")
_WHEN = regex.compile(
    r"[ \t]+(?:on|last|this)[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_AND_WITH = regex.compile(r"\band[ \t]+with[ \t]+", regex.I)
_BETWEEN = regex.compile(
    r"\bbetween[ \t]+(?P<a>[^.;:]+?)[ \t]+and[ \t]+(?P<b>[^.;:]+?)(?=[ \t]+(?:on|for|in|regarding|"
    r"concerning|to|at|during|was|were)[ \t]+|[ \t]*[.;,]|[ \t]*\Z)"
)
_NAME_WORD = r"(?:\p{Lu}[\w&'’.-]*|of|the|for|and|on|de|du|des|la|le|y)"
_ORG_NAME = regex.compile(rf"\p{{Lu}}[\w&'’.-]*(?:[ \t]+{_NAME_WORD})*(?:,[ \t]*\p{{Lu}}[\w.-]*)?")
_AND = regex.compile(r"[ \t]+and[ \t]+")
# "Ministry of Economy, Trade and Industry of Japan": commas inside a ministry's name
_MINISTRY = regex.compile(
    rf"(?:Ministry|Department|Office|Council|Commission|Agency)[ \t]+of(?:,?[ \t]+{_NAME_WORD})+"
)
# "KYIV, June 4 (Dnipro Daily) -": the day of the report, not of what it reports.
_DATELINE = regex.compile(
    r"[ \t]*\p{Lu}[\p{Lu} .'’/-]{2,40}?,[^\n\-–—]{0,40}?[ \t][-–—]+[ \t]", regex.M
)
_ORG_WORD = regex.compile(
    r"\b(?:Ministry|Department|Bank|Company|Corporation|Corp|Agency|Authority|Administration|"
    r"Council|Commission|Fund|Institute|Organi[sz]ation|Union|Group|Ltd|Limited|Inc|Energy|"
    r"Hydrogen|Oil|Gas|Petroleum|Railways?|Airlines?|Board|Office|Service|Association|Federation|"
    r"Chamber|University|Foundation|Port|Guard|Television|Radio|Holdings?|Power|Mining|Industries|"
    r"Development|Enterprises?|Partners|Capital|Investments?|Motors)\b"
)
_ADVERB_TAIL = regex.compile(
    r"(?:[ \t]+(?:also|jointly|then|today|yesterday|later|formally|have|has|had|on[ \t]+\w+day))+\Z"
)
_SIGNED_VERB = regex.compile(r"\b(?:signed|inked|concluded)\b")
_SUBJECT_CUT = regex.compile(r"[,;:]|[ \t][-–—]+[ \t]|\b(?:while|whereas|as|after|when)\b")
_WITH = regex.compile(r"\b(?:with|between|and)[ \t]+(?:the[ \t]+)?\Z", regex.I)


def parties_of(
    text: str, sentence: Sentence, states: list[StateMention], principal: list[str], at: int
) -> list[str]:
    """The signatories: the subjects before the signing ("Australia and Papua New Guinea
    signed"), or of a relative clause ("the pact that Solomon Islands signed with China"),
    states after "with" or "between" in the signing clause, else the article's main pair."""
    inside = [s for s in states if sentence.start <= s.start < sentence.end]
    clause_start = sentence.start
    for cut in _CLAUSE.finditer(text, sentence.start, at):
        clause_start = cut.end()
    clause_end = _clause_end(text, at, sentence.end)
    subjects = [s.iso for s in inside if clause_start <= s.start < at]
    relative = _RELATIVE_SIGNER.search(text, at, sentence.end)
    if relative and relative.start() - at < 30:
        subjects = [s.iso for s in inside if relative.start("who") <= s.start < relative.end("who")]
        clause_end = _clause_end(text, relative.end(), sentence.end)
    partners = [
        s.iso
        for s in inside
        if at - 200 < s.start < clause_end
        and _WITH.search(text, max(sentence.start, s.start - 14), s.start)
        and not (s.kind == "demonym" and _ADJECTIVE.match(text, s.end))  # "Chinese mediation"
    ]
    parties = list(dict.fromkeys(subjects[-3:] + partners))
    if not parties and _BOTH.search(text, sentence.start, sentence.end) and len(principal) == 2:
        return sorted(principal)  # "when the two sides agreed", "signed in Beijing"
    if not parties:
        parties = list(dict.fromkeys(s.iso for s in inside if not _located(text, s)))[:2]
    for iso in principal:
        if len(parties) < 2 and iso not in parties:
            parties.append(iso)
    return sorted(parties)


def _located(text: str, mention: StateMention) -> bool:
    """A city said as the place of something ("signed in Beijing"), not as a government."""
    return (
        mention.is_city and regex.search(r"\b(?:in|at)[ \t]+\Z", text[: mention.start]) is not None
    )


def _clause_end(text: str, start: int, end: int) -> int:
    cut = _CLAUSE_END.search(text, start, end)
    return cut.start() if cut else end


def each_partner(
    text: str, sentence: Sentence, states: list[StateMention], at: int
) -> list[tuple[str, int]]:
    """Partners of separate signings: "with Australia in 2022 and with Britain a year later"."""
    if not _AND_WITH.search(text, at, sentence.end):
        return []
    return [
        (s.iso, s.start)
        for s in states
        if at < s.start < sentence.end
        and regex.search(r"\bwith[ \t]+(?:the[ \t]+)?\Z", text[max(at, s.start - 10) : s.start])
    ]


def between_parties(
    text: str, start: int, end: int, states: list[StateMention]
) -> tuple[list[str], list[str], int] | None:
    """Organisations and states an instrument is "between" ("between the Reserve Bank of India
    and the Maldives Monetary Authority"), and where that phrase ends."""
    match = _BETWEEN.search(text, start, min(end, start + 200))
    if match is None:
        return None
    orgs, isos = [], []
    for span in _halves(text, match, states):
        kind, value = _party(text, span, states)
        if kind is None:
            return None
        (orgs if kind == "org" else isos).append(value)
    return orgs, isos, match.end()


def _halves(text: str, match, states: list[StateMention]) -> list[tuple[int, int]]:
    """The two parties of "between A and B", split at the first "and" after which B opens with
    "the" or a state name ("the Ministry of Economy, Trade and Industry of Japan and the ...")."""
    a_start, b_end = match.start("a"), match.end("b")
    for joint in _AND.finditer(text, a_start, b_end):
        rest = text[joint.end() : b_end]
        opens = regex.match(r"the[ \t]+\p{Lu}", rest) or any(s.start == joint.end() for s in states)
        if opens and not regex.search(r"(?:\bof|,)[ \t]*\Z", text[a_start : joint.start()]):
            return [(a_start, joint.start()), (joint.end(), b_end)]
    return [match.span("a"), match.span("b")]


def subject_parties(
    text: str, sentence: Sentence, at: int, states: list[StateMention]
) -> tuple[list[str], list[str]] | None:
    """Organisations among the subjects of the signing ("Hyphen Hydrogen Energy and the
    Namibian government signed an agreement")."""
    verbs = list(_SIGNED_VERB.finditer(text, max(sentence.start, at - 100), at))
    if not verbs:
        return None
    begin = sentence.start
    for cut in _SUBJECT_CUT.finditer(text, sentence.start, verbs[-1].start()):
        begin = cut.end()
    orgs, isos = [], []
    pieces = [begin, *(p for m in _AND.finditer(text, begin, verbs[-1].start()) for p in m.span())]
    pieces.append(verbs[-1].start())
    for start, end in zip(pieces[::2], pieces[1::2], strict=True):
        kind, value = _party(text, (start, end), states)
        if kind is None or (kind == "org" and not _ORG_WORD.search(value)):
            return None  # "On Monday Li and Albanese signed": people, not organisations
        (orgs if kind == "org" else isos).append(value)
    return (orgs, isos) if orgs else None


def _party(text: str, span: tuple[int, int], states: list[StateMention]) -> tuple[str | None, str]:
    """Whether a party phrase names a state ("the Colombian government") or an organisation."""
    phrase = regex.sub(r"[ \t]*\([^)]*\)", "", text[span[0] : span[1]]).strip(" ,")
    phrase = regex.sub(r"^(?:the|The)[ \t]+", "", _WHEN.sub("", phrase))
    phrase = _ADVERB_TAIL.sub("", phrase)
    inside = [s for s in states if span[0] <= s.start < span[1]]
    if _TITLED.search(phrase):  # "Prime Minister Nawaz Sharif of Pakistan" signs for a state
        return ("state", inside[0].iso) if inside else (None, "")
    rest = phrase
    for mention in inside:
        rest = rest.replace(mention.text, " ")
    if inside and not regex.sub(r"\b(?:[Gg]overnment|of|the|[Ss]tate|[Rr]epublic)\b|\W", "", rest):
        return "state", inside[0].iso
    if not (_ORG_NAME.fullmatch(phrase) or _MINISTRY.fullmatch(phrase)) or len(phrase) > 80:
        return None, ""
    for mention in inside:  # "National Judicial Academy, India": the state is not in the name
        phrase = regex.sub(rf",[ \t]*{regex.escape(mention.text)}\Z", "", phrase)
    return "org", phrase


def year_with(
    text: str, sentence: Sentence, dates: list[DateMention], at: int
) -> PartialDate | None:
    """A year said with a named instrument: "the 1973 treaty", "the treaty of 1994"."""
    near = [
        d for d in dates if sentence.start <= d.start < sentence.end and abs(d.start - at) <= 25
    ]
    return min(near, key=lambda d: abs(d.start - at)).date if near else None


def story_day(
    dates: list[DateMention], sentence: Sentence, published: date | None, text: str = ""
) -> PartialDate | None:
    """The latest day near publication named before the sentence, the dateline's last."""
    if published is None:
        return None
    recent = [
        d
        for d in dates
        if d.start < sentence.start
        and d.date.precision == "day"
        and 0 <= (published - date.fromisoformat(d.date.value)).days <= 3
    ]
    told = [d for d in recent if not in_dateline(text, d)] or recent  # the dateline: last resort
    return max((d.date for d in told), key=lambda d: d.value) if told else None


def date_near(
    text: str, sentence: Sentence, dates: list[DateMention], at: int = 0
) -> PartialDate | None:
    """The date said nearest the instrument in its sentence, not in a later clause ("signed
    an MoU, and Faye accepted an invitation to visit in September") nor in the dateline."""
    cut = _NEW_CLAUSE.search(text, at, sentence.end) if at > sentence.start else None
    end = cut.start() if cut else sentence.end
    line = _DATELINE.match(text, sentence.start, end)
    begin = line.end() if line else sentence.start
    inside = [d for d in dates if begin <= d.start < end]
    return min(inside, key=lambda d: abs(d.start - at)).date if inside else None
