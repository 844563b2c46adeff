"""Agreements: one per instrument signed, named or listed, plus a counted batch for the rest."""

from dataclasses import dataclass
from datetime import date

import regex

from ..model import Agreement, AgreementKind, Evidence, PartialDate
from .dates import DateMention
from .events import COMMISSION
from .nlp import Sentence
from .places import StateMention

_NUMBERS = {
    "a": 1,
    "an": 1,
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
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "dozen": 12,
}
_KIND = (
    r"memorand(?:um|a|ums)[ \t]+of[ \t]+understanding|memorand(?:um|a|ums)|MoUs?|MOUs?|"
    r"treat(?:y|ies)|contracts?|deals?|joint[ \t]+(?:declaration|statement|communiqu[eé])s?|"
    r"declarations?|statements?|agreements?|accords?|pacts?|protocols?|documents?|instruments?|conventions?"
)
_HEAD = regex.compile(rf"\b(?P<kind>(?i:{_KIND}))\b")
_SIGNED = regex.compile(
    r"\b(?:signed|inked|concluded|initial(?:l)?ed|exchanged|sealed|adopted|issued)\b",
    regex.I,
)
_NOT_YET = regex.compile(
    r"\b(?:will|would|to|expected|plans?|planned|could|may|might|shall|due|set|hopes?|aim(?:s|ed)?|"
    r"ready|yet|not|never|before)[ \t]+(?:\w+[ \t]+){0,2}\Z",
    regex.I,
)
_COUNT = regex.compile(
    r"\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|dozen)[ \t]+(?:[\w-]+[ \t]+){0,3}\Z",
    regex.I,
)
_NAME_BEFORE = regex.compile(
    r"(?:(?:\p{Lu}[\w'’.-]*|of|and|on|for)[ \t]+){0,5}\p{Lu}[\w'’.-]*[ \t]+\Z"
)
_NAME_AFTER = regex.compile(
    r"[ \t]+(?:of|on|for)[ \t]+(?:the[ \t]+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)\p{Lu}[\w'’-]*(?:[ \t]+(?:and|of|for)?[ \t]*\p{Lu}[\w'’-]*)*"
)
_TOPIC = regex.compile(
    r"\A[ \t]*(?:,[ \t]*)?(?:(?:on|concerning|related[ \t]+to|relating[ \t]+to|regarding|covering|"
    r"for|about|in[ \t]+the[ \t]+fields?[ \t]+of|to[ \t]+(?=\w+))[ \t]+)(?P<topic>[^.;:()\n]+)",
    regex.I,
)
_TOPIC_END = regex.compile(
    r",[ \t]*(?:which|who|while|whereas|and[ \t]+the|the[ \t]+\w+[ \t]+said|and[ \t]+(?:said|says|agreed|announced|called|will|would|pledged|vowed))\b|[ \t]+(?:on|at|in|during|"
    r"with|after|before|when|as|under)[ \t]+(?=(?:\p{Lu}|the[ \t]+sidelines|\d))|[ \t]+(?:signed|was|"
    r"were|had|has)\b",
)
_RELATED = regex.compile(
    r"\b(?:related[ \t]+to|relating[ \t]+to|concerning|concern|covering|cover|deal(?:ing)?[ \t]+with|"
    r"pertain(?:ing)?[ \t]+to|aimed[ \t]+at)[ \t]+(?P<topic>[^.;:()\n]+)",
    regex.I,
)
_INCLUDING = regex.compile(
    r"\bincluding[ \t]+(?:ones?[ \t]+)?(?:on[ \t]+)?(?P<list>[^.;:()\n]+)", regex.I
)
_LIST_ITEM = regex.compile(
    rf"^[ \t]*(?:\d{{1,2}}[.)]|[-•*])[ \t]+(?P<kind>(?i:{_KIND}))\b(?P<rest>[^\n]*)", regex.M
)
_KIND_WORDS = {
    "agreement",
    "agreements",
    "treaty",
    "treaties",
    "declaration",
    "declarations",
    "memorandum",
    "memoranda",
    "of",
    "understanding",
    "mou",
    "mous",
    "accord",
    "pact",
    "protocol",
    "deal",
    "contract",
    "statement",
    "joint",
    "convention",
}
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


@dataclass
class _Instrument:
    kind: AgreementKind
    count: int
    name: str | None
    topics: list[str]
    sentence: Sentence
    anaphoric: bool = False
    position: int = 0


def kind_of(word: str) -> AgreementKind:
    """The kind of instrument a word names.

    >>> kind_of("MoUs"), kind_of("treaty"), kind_of("joint statement")
    ('mou', 'treaty', 'declaration')
    """
    w = word.lower()
    if w.startswith(("memorand", "mou")):
        return "mou"
    if w.startswith("treat"):
        return "treaty"
    if w.startswith(("contract", "deal")):
        return "contract"
    if "declaration" in w or "statement" in w or "communiq" in w:
        return "declaration"
    return "agreement"


def find_agreements(
    text: str,
    sentences: list[Sentence],
    states: list[StateMention],
    dates: list[DateMention],
    principal: list[str],
    event_at: dict[int, str],
    published: date | None = None,
) -> list[Agreement]:
    """Agreements signed: from signing sentences, numbered lists of instruments and named treaties.

    A signing the sentence does not date takes the story's own day: the latest day named
    before it in the text within three days of publication ("signed on Saturday ... the
    two governments also signed 22 agreements").
    """
    made: list[Agreement] = []
    seen: dict[str, Agreement] = {}
    for index, sentence in enumerate(sentences):
        if sentence.text.rstrip().endswith("?"):
            continue
        for found in _instruments(text, sentence, sentences[index + 1 :]):
            earlier = next(
                (a for a in reversed(made) if a.kind == found.kind and not a.count), None
            )
            if found.name and found.count == 1 and earlier is not None and earlier.topic is None:
                earlier.topic = found.name + (f": {found.topics[0]}" if found.topics else "")
                earlier.evidence.append(Evidence(sentence.text, sentence.start, sentence.end, 0.8))
                continue
            if found.anaphoric and earlier is not None:
                earlier.evidence.append(Evidence(sentence.text, sentence.start, sentence.end, 0.8))
                earlier.signed = earlier.signed or _date(text, sentence, dates)
                continue
            parties = _parties(text, sentence, states, principal, found.position)
            signed = _date(text, sentence, dates, found.position) or _story_day(
                dates, sentence, published
            )
            evidence = Evidence(sentence.text, sentence.start, sentence.end, 0.8)
            event = event_at.get(index)
            for agreement in _expand(found, parties, signed, event, evidence):
                key = _key(agreement)
                if key and key in seen:
                    old = seen[key]
                    old.signed = old.signed or agreement.signed
                    old.evidence.append(evidence)
                    continue
                if key:
                    seen[key] = agreement
                made.append(agreement)
    _ordinal_topics(text, sentences, made)
    return made


_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
_ORDINAL_TOPIC = regex.compile(
    r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[ \t]+(?:memorandum|"
    r"mou|agreement|document|deal|contract|accord)[ \t]+(?:is[ \t]+(?:about|on)|concerns|covers|deals"
    r"[ \t]+with|relates[ \t]+to|is[ \t]+related[ \t]+to|provides[ \t]+for)[ \t]+(?P<topic>[^.;]+)",
    regex.I,
)


def _ordinal_topics(text: str, sentences: list[Sentence], agreements: list[Agreement]) -> None:
    """ "The first memorandum is about X", "The second, a statement on Y": the nth instrument's topic.

    A counted batch that the text goes on to describe one by one becomes one agreement each.
    """
    described = [
        m
        for s in sentences
        for pattern in (_ORDINAL_TOPIC, _ORDINAL_APPOSITION)
        for m in pattern.finditer(text, s.start, s.end)
    ]
    if not described:
        return
    batch = next((a for a in agreements if a.count and a.count <= 10), None)
    if batch is not None and not any(a.count is None and a.topic for a in agreements):
        at = agreements.index(batch)
        agreements[at : at + 1] = [
            Agreement(
                batch.kind,
                list(batch.parties),
                list(batch.organizations),
                None,
                batch.signed,
                batch.event,
                None,
                list(batch.evidence),
            )
            for _ in range(batch.count)
        ]
    named = [a for a in agreements if a.count is None]
    for match in sorted(described, key=lambda m: m.start()):
        position = _ORDINALS.index(match.group("ord").lower())
        if position < len(named):
            target = named[position]
            extra = _trim(match.group("topic").strip())
            target.topic = f"{target.topic}; {extra}" if target.topic else extra


_ORDINAL_APPOSITION = regex.compile(
    rf"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[ \t]*,[ \t]*(?:an?|the)"
    rf"[ \t]+(?:[\w-]+[ \t]+){{0,3}}?(?:{_KIND})[ \t]+(?:on|about|for|to|covering|concerning)[ \t]+"
    rf"(?P<topic>[^.;]+)",
    regex.I,
)


def _instruments(text: str, sentence: Sentence, following: list[Sentence]):
    masked = COMMISSION.sub(lambda m: "#" * len(m.group()), text[sentence.start : sentence.end])
    body = text[: sentence.start] + masked + text[sentence.end :]
    if regex.search(r"\bsigned\b[^.]*:\s*\Z", sentence.text) or regex.search(
        r"\bfollowing\b.*\bsigned\b", sentence.text
    ):
        items = list(
            _LIST_ITEM.finditer(
                text,
                sentence.end,
                (following[min(len(following), 12) - 1].end if following else sentence.end),
            )
        )
        for item in items:
            rest = _TOPIC.match(item.group("rest"))
            topic = _trim(rest.group("topic")) if rest else item.group("rest").strip(" .") or None
            kind = kind_of(item.group("kind"))
            yield _Instrument(
                kind, 1, None, [topic] if topic else [], sentence, False, sentence.end
            )
        if items:
            return
    if _LIST_ITEM.match(sentence.text):
        return
    for head in _HEAD.finditer(body, sentence.start, sentence.end):
        word = head.group("kind").lower()
        signing = _signing(body, sentence, head)
        name = _name(body, head, sentence)
        if not signing and not (name and kind_of(word) in ("treaty", "declaration", "agreement")):
            continue
        if word.startswith(("document", "instrument")) and not _COUNT.search(
            body, sentence.start, head.start()
        ):
            continue
        count_match = _COUNT.search(body, max(sentence.start, head.start() - 40), head.start())
        count = 1
        if count_match:
            n = count_match.group("n").lower()
            count = int(n) if n.isdigit() else _NUMBERS.get(n, 1)
        if (
            name is None
            and count == 1
            and regex.search(
                r"\b(?:the|this|that|these|those|its)[ \t]+(?:[\w-]+[ \t]+)?\Z",
                body[max(sentence.start, head.start() - 25) : head.start()],
                regex.I,
            )
            and not signing
        ):
            continue
        topics = _topics(body, head.end(), sentence.end, count)
        anaphoric = (
            name is None
            and not topics
            and count == 1
            and regex.search(
                r"\b(?:the|this|that|its)[ \t]+(?:[\w-]+[ \t]+)?\Z",
                body[max(sentence.start, head.start() - 25) : head.start()],
                regex.I,
            )
            is not None
        )
        if not topics and count == 1 and name is None:
            topics = _modifier_topic(body, head, sentence)
        yield _Instrument(kind_of(word), count, name, topics, sentence, anaphoric, head.start())


def _signing(body: str, sentence: Sentence, head) -> bool:
    for verb in _SIGNED.finditer(body, sentence.start, sentence.end):
        if abs(verb.start() - head.start()) > 140:
            continue
        if _NOT_YET.search(body, max(sentence.start, verb.start() - 40), verb.start()):
            continue
        plain = head.group("kind").lower().startswith("statement")
        if plain and verb.group().lower() != "signed":
            continue
        if verb.group().lower() in ("issued", "adopted") and not regex.match(
            r"(?i:joint|declaration|communiq)", head.group("kind")
        ):
            continue
        return True
    return False


def _name(body: str, head, sentence: Sentence) -> str | None:
    before = _NAME_BEFORE.search(body, max(sentence.start, head.start() - 60), head.start())
    after = _NAME_AFTER.match(body, head.end(), sentence.end)
    words = (before.group() if before else "") + head.group() + (after.group() if after else "")
    words = regex.sub(r"^(?:(?:The|A|An|This|That|In|On|At|By|Under)[ \t]+)+", "", words.strip())
    if not before and not after:
        return None
    if words.lower() == head.group().lower():
        return None
    if before and not after and words.lower() in ("joint declaration", "joint statement"):
        return None
    return words


def _topics(body: str, start: int, end: int, count: int) -> list[str]:
    match = _TOPIC.match(body, start, end)
    if match and not regex.match(rf"(?:{_DAYS}|the[ \t]+sidelines|\d)", match.group("topic")):
        raw = _trim(match.group("topic"))
        if count <= 1:
            return [raw] if raw else []
        return _split(raw, count)
    including = _INCLUDING.search(body, start, min(end, start + 160))
    if including and count > 1:
        return _split(_trim(including.group("list")), count)
    later = _RELATED.search(body, start, end)
    if later and later.start() - start > 260:
        later = None
    if later:
        raw = _trim(later.group("topic"))
        return ([raw] if raw else []) if count <= 1 else _split(raw, count)
    return []


def _trim(topic: str) -> str:
    cut = _TOPIC_END.search(topic)
    topic = topic[: cut.start()] if cut else topic
    return regex.sub(r"^(?:the|a|an)[ \t]+", "", topic.strip(" ,"))


def _split(raw: str, count: int) -> list[str]:
    pieces = [
        p.strip() for p in regex.split(r",[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+", raw) if p.strip()
    ]
    while len(pieces) > count:
        short = min(range(len(pieces) - 1), key=lambda i: len(pieces[i].split()))
        pieces[short : short + 2] = [f"{pieces[short]} and {pieces[short + 1]}"]
    return pieces if len(pieces) > 1 else []


def _expand(found: _Instrument, parties, signed, event, evidence) -> list[Agreement]:
    topic_of_name = found.name
    named = [
        Agreement(found.kind, list(parties), [], t, signed, event, None, [evidence])
        for t in found.topics
    ]
    if found.count <= 1:
        if named:
            if topic_of_name:
                named[0].topic = f"{topic_of_name}: {named[0].topic}"
            return named[:1]
        return [
            Agreement(found.kind, list(parties), [], topic_of_name, signed, event, None, [evidence])
        ]
    rest = found.count - len(named)
    if rest > 1 or (rest == 1 and not named):
        named.append(
            Agreement(found.kind, list(parties), [], None, signed, event, rest, [evidence])
        )
    elif rest == 1:
        named.append(
            Agreement(found.kind, list(parties), [], None, signed, event, None, [evidence])
        )
    return named


def _key(agreement: Agreement) -> str | None:
    if agreement.count or not agreement.topic:
        return None
    words = [w for w in regex.findall(r"\w+", agreement.topic.lower()) if w not in _KIND_WORDS]
    words = words[1:] if words and words[0] in ("the", "a", "an") else words
    return " ".join(words[:8]) or None


def _parties(
    text: str, sentence: Sentence, states: list[StateMention], principal: list[str], at: int
) -> list[str]:
    """The signatories: the subjects before the signing ("Australia and Papua New Guinea
    signed"), states after "with" or "between", else the article's main pair."""
    inside = [s for s in states if sentence.start <= s.start < sentence.end]
    clause_start = sentence.start
    for cut in _CLAUSE.finditer(text, sentence.start, at):
        clause_start = cut.end()
    subjects = [s.iso for s in inside if clause_start <= s.start < at]
    partners = [
        s.iso
        for s in inside
        if s.start > at - 200 and _WITH.search(text, max(sentence.start, s.start - 14), s.start)
    ]
    parties = list(dict.fromkeys(subjects[-3:] + partners))
    if not parties:
        parties = list(dict.fromkeys(s.iso for s in inside))[:2]
    for iso in principal:
        if len(parties) < 2 and iso not in parties:
            parties.append(iso)
    return sorted(parties)


_CLAUSE = regex.compile(
    r"[;:]|,[ \t]+(?:which|who|and|but|while|after|as|when)\b|\b(?:after|when|while)\b", regex.I
)
_WITH = regex.compile(r"\b(?:with|between|and)[ \t]+(?:the[ \t]+)?\Z", regex.I)
_GENERIC = {
    "new",
    "bilateral",
    "joint",
    "formal",
    "landmark",
    "historic",
    "first",
    "final",
    "draft",
    "long-delayed",
    "framework",
    "comprehensive",
    "separate",
    "major",
    "key",
    "broad",
    "wide-ranging",
    "several",
    "further",
    "other",
    "two",
    "three",
    "signed",
    "following",
}


def _modifier_topic(body: str, head, sentence: Sentence) -> list[str]:
    """ "a bilateral security agreement" is about security; "a declaration relaunching the
    partnership" is about relaunching it."""
    before = regex.search(
        r"\b(?:a|an|the|their|its)[ \t]+((?:[a-z][\w-]*[ \t]+){1,4})\Z",
        body[max(sentence.start, head.start() - 60) : head.start()],
    )
    if before:
        words = [w for w in before.group(1).split() if w not in _GENERIC]
        if words:
            return [" ".join(words)]
    after = regex.match(
        r"[ \t]+(?P<topic>[a-z]+ing[ \t]+[^.;:()\n]+)", body[head.end() : sentence.end]
    )
    if after:
        return [_trim(after.group("topic"))]
    return []


def _story_day(
    dates: list[DateMention], sentence: Sentence, published: date | None
) -> PartialDate | None:
    if published is None:
        return None
    recent = [
        d.date
        for d in dates
        if d.start < sentence.start
        and d.date.precision == "day"
        and 0 <= (published - date.fromisoformat(d.date.value)).days <= 3
    ]
    return recent[-1] if recent else None


def _date(
    text: str, sentence: Sentence, dates: list[DateMention], at: int = 0
) -> PartialDate | None:
    """The date said nearest the instrument in its sentence."""
    inside = [d for d in dates if sentence.start <= d.start < sentence.end]
    return min(inside, key=lambda d: abs(d.start - at)).date if inside else None
