"""What an agreement is about: its kind, name, topic or list of topics, from the words around it."""

import regex

from ..model import Agreement, AgreementKind
from .nlp import Sentence

KIND = (
    r"memorand(?:um|a|ums)[ \t]+of[ \t]+understanding|memorand(?:um|a|ums)|MoUs?|MOUs?|"
    r"letters?[ \t]+of[ \t]+intent|treat(?:y|ies)|contracts?|deals?|joint[ \t]+(?:declaration|statement|communiqu[eé])s?|"
    r"declarations?|statements?|agreements?|accords?|pacts?|protocols?|documents?|instruments?|conventions?"
)


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


_NAME_BEFORE = regex.compile(
    r"(?:(?:\p{Lu}[\w'’.-]*|of|and|on|for)[ \t]+){0,5}\p{Lu}[\w'’.-]*[ \t]+\Z"
)


_NAME_AFTER = regex.compile(
    r"[ \t]+(?:of|on|for)[ \t]+(?:the[ \t]+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)\p{Lu}[\w'’-]*(?:[ \t]+(?:and|of|for)?[ \t]*\p{Lu}[\w'’-]*)*"
)


TOPIC = regex.compile(
    r"[ \t]*(?:of[ \t]+(?:intent|cooperation|understanding)[ \t]+)?(?:,[ \t]*)?(?:one[ \t]+)?(?:(?:on|concerning|related[ \t]+to|relating[ \t]+to|regarding|covering|"
    r"for|about|in[ \t]+the[ \t]+fields?[ \t]+of)[ \t]+|to[ \t]+(?=(?!(?:the|a|an|be|been|that|"
    r"this|its|their|his|her|take|come|enter|go|sign)\b)\p{Ll}+[ \t]))(?P<topic>[^.;:()\n]+)",
    regex.I,
)
# "an agreement to strengthen cooperation in X" is about cooperation in X.
_AIM = regex.compile(
    r"^(?:further[ \t]+)?(?:strengthen|enhance|promote|deepen|boost|expand|advance|develop|broaden|"
    r"intensify|foster|facilitate|step[ \t]+up|bolster|improve|increase|upgrade|widen|reinforce)"
    r"[ \t]+(?:(?:the|their|bilateral|mutual)[ \t]+)*(?=\w)",
    regex.I,
)


_TOPIC_END = regex.compile(
    r",[ \t]*[^,]{0,60}?\b(?:said|says|told|reported)\b|[ \t]+and[ \t]+(?:an?|the|another)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,2}?(?:agreement|memorand\w+|mou|treaty|protocol|declaration|deal|"
    r"accord|contract|letter)s?\b|,[ \t]+and[ \t]+(?:\p{Lu}[\w'’-]*[ \t]+){1,3}(?:\p{Ll}+ed|said|"
    r"will|would|has|had|is|was)\b|"
    r",[ \t]*(?:which|who|while|whereas|and[ \t]+the|the[ \t]+\w+[ \t]+said|and[ \t]+(?:said|says|agreed|announced|called|will|would|pledged|vowed))\b|[ \t]+(?:on|at|in|during|"
    r"with|after|before|when|as|under)[ \t]+(?=(?:\p{Lu}|the[ \t]+sidelines|\d))|[ \t]+(?:signed|was|"
    r"were|had|has)\b|,[ \t]*(?:during|amid|ahead[ \t]+of|as[ \t]+part[ \t]+of|on[ \t]+the[ \t]+"
    r"sidelines)\b|[ \t]+between[ \t]+|,[ \t]*(?:an?|the)[ \t]+[\w ]{0,40}?\b(?:said|says|reported|"
    r"announced)\b",
)


_RELATED = regex.compile(
    r"\b(?:related[ \t]+to|relating[ \t]+to|concerning|concern|covering|cover|deal(?:ing)?[ \t]+with|"
    r"pertain(?:ing)?[ \t]+to|aimed[ \t]+at)[ \t]+(?P<topic>[^.;:()\n]+)",
    regex.I,
)


_INCLUDING = regex.compile(
    r"\bincluding[ \t]+(?:ones?[ \t]+)?(?:on[ \t]+)?(?P<list>[^.;:()\n]+)", regex.I
)


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATED = regex.compile(
    rf"[ \t]+(?:on|in|last|this)[ \t]+(?:{_DAYS}|\p{{Lu}}\w+[ \t]+\d{{1,2}}|\d{{1,2}}[ \t]+\p{{Lu}}\w+)\b"
    rf"(?:,?[ \t]+\d{{4}})?(?=[ \t]+(?:to|on|for)[ \t])"
)


_THE_OTHER = regex.compile(
    r"(?:,[ \t]*)?(?:;[ \t]*)?\b(?:and[ \t]+)?(?:the[ \t]+other|another|the[ \t]+second|a[ \t]+second|"
    r"the[ \t]+third|a[ \t]+third)[ \t]+(?:one[ \t]+)?(?:on|for|about|concerning)[ \t]+",
    regex.I,
)
_MONEY = r"[$€£]?[\d.,]+\w?|million|billion|trillion|dollars?|euros?|yuan|rupees?|pounds?|-year"
_GENERIC = {
    "similar",
    "package",
    "series",
    "number",
    "raft",
    "host",
    "slew",
    "set",
    "range",
    "batch",
    "of",
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
    "such",
}


def name_of(body: str, head, sentence: Sentence) -> str | None:
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


def topics_of(body: str, start: int, end: int, count: int) -> list[str]:
    """The topics said after an instrument: one, or one per instrument of a counted list."""
    dated = _DATED.match(body, start, end)  # "signed a loan agreement on Wednesday to extend ..."
    if dated and TOPIC.match(body, dated.end(), end):
        start = dated.end()
    match = TOPIC.match(body, start, end)
    if match and not regex.match(rf"(?:{_DAYS}|the[ \t]+sidelines|\d)", match.group("topic")):
        raw = match.group("topic")
        others = _THE_OTHER.split(raw)
        if count > 1 and len(others) > 1:  # "two MoUs, one on A and the other on B"
            return [trim(piece) for piece in others if trim(piece)][:count]
        raw = trim(raw)
        if count <= 1:
            return [raw] if raw else []
        return split_topics(raw, count)
    including = _INCLUDING.search(body, start, min(end, start + 160))
    if including and count > 1:
        return split_topics(trim(including.group("list")), count)
    later = _RELATED.search(body, start, end)
    if later and later.start() - start > 260:
        later = None
    if later:
        raw = trim(later.group("topic"))
        return ([raw] if raw else []) if count <= 1 else split_topics(raw, count)
    return []


_LIST_END = regex.compile(
    r"[ \t]+between[ \t]+|[ \t]+(?:signed|was|were)\b|,[ \t]+(?:which|signed)\b"
)


def trim(topic: str, titled: bool = False) -> str:
    """The topic phrase up to where the clause goes on; a title-cased list entry ("on
    Cooperation in Tourism") keeps its capitalised prepositional phrases."""
    cut = (_LIST_END if titled else _TOPIC_END).search(topic)
    topic = topic[: cut.start()] if cut else topic
    topic = _AIM.sub("", topic.strip(" ,"))
    return regex.sub(r"^(?:the|a|an)[ \t]+", "", topic)


def split_topics(raw: str, count: int) -> list[str]:
    pieces = [
        regex.sub(r"^(?:on|in|for|about)[ \t]+", "", p.strip())
        for p in regex.split(r",[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+", raw)
        if p.strip()
    ]
    while len(pieces) > count:
        short = min(range(len(pieces) - 1), key=lambda i: len(pieces[i].split()))
        pieces[short : short + 2] = [f"{pieces[short]} and {pieces[short + 1]}"]
    return pieces if len(pieces) > 1 else []


def modifier_topic(body: str, head, sentence: Sentence) -> list[str]:
    """ "a bilateral security agreement" is about security; "a declaration relaunching the
    partnership" is about relaunching it."""
    before = regex.search(
        r"\b(?:a|an|the|their|its)[ \t]+((?:[a-z0-9$€£][\w.,-]*[ \t]+){1,5})\Z",
        body[max(sentence.start, head.start() - 60) : head.start()],
    )
    if before:
        words = [
            w
            for w in before.group(1).split()
            if w not in _GENERIC and not regex.fullmatch(_MONEY, w)
        ]
        if words:
            return [" ".join(words)]
    after = regex.match(
        r"[ \t]+(?P<topic>[a-z]+ing[ \t]+[^.;:()\n]+)", body[head.end() : sentence.end]
    )
    if after:
        return [trim(after.group("topic"))]
    return []


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


_ORDINAL_APPOSITION = regex.compile(
    rf"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[ \t]*,[ \t]*(?:an?|the)"
    rf"[ \t]+(?:[\w-]+[ \t]+){{0,3}}?(?:{KIND})[ \t]+(?:on|about|for|to|covering|concerning)[ \t]+"
    rf"(?P<topic>[^.;]+)",
    regex.I,
)


def ordinal_topics(text: str, sentences: list[Sentence], agreements: list[Agreement]) -> None:
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
            extra = trim(match.group("topic").strip())
            target.topic = f"{target.topic}; {extra}" if target.topic else extra
