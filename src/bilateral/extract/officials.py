"""Officials: titled names ("Foreign Minister Hina Rabbani Khar"), appositions ("Mauro Vieira,
Brazil's foreign minister"), later surname-only mentions, and unnamed role mentions."""

from dataclasses import dataclass

import regex

from ..model import Evidence, Official
from ..reference.officials import name_key
from . import known
from .nlp import Sentence
from .places import StateMention
from .roles import TITLE_PATTERN, classify

_TITLE = regex.compile(rf"(?<![\w-])(?i:{TITLE_PATTERN})(?![\w-])")
_RANK = (
    r"(?:(?:Lt\.?|Lieutenant|Major|Maj\.?|Brig\.?|Brigadier|Vice|Rear)[ \t]+)?"
    r"(?:General|Gen\.|Admiral|Adm\.|Field[ \t]Marshal|Air[ \t]Chief[ \t]Marshal|Marshal|Colonel|"
    r"Col\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Madam|H\.[ \t]?E\.|His[ \t]Excellency|Her[ \t]Excellency|"
    r"His[ \t]Majesty|Her[ \t]Majesty|His[ \t]Highness|Her[ \t]Highness|Prince|Princess|Professor|"
    r"Prof\.|Ambassador)"
)
_TOKEN = r"(?:\p{Lu}[\p{Ll}\p{Lu}'’\-]*\p{Ll}[\p{Ll}'’\-]*|\p{Lu}\.|\p{Lu}{2,}(?=[ \t]+\p{Lu}))"
_PARTICLE = (
    r"(?:bin|bint|ibn|al|el|Al|de|da|do|dos|das|van|von|der|den|le|la|du|di|y|bin[ \t]Abdul)"
)
_PREFIXED = r"(?:al|el|ad|as|ash|at|bin|ibn|abu)-\p{Lu}[\p{Ll}'’-]+"
_NAME = (
    rf"{_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}(?:{_TOKEN}|{_PREFIXED}|[IVX]{{1,4}}(?![\w])))*"
)
_AFTER = regex.compile(rf"(?:,[ \t]*|[ \t]+)(?:the[ \t]+)?(?:{_RANK}[ \t]+)*(?P<name>{_NAME})")
_BEFORE = regex.compile(rf"(?P<name>{_NAME}),[ \t]+(?:the[ \t]+|who[ \t]+is[ \t]+the[ \t]+)?\Z")
_STOP_WORDS_TEXT = (
    "The This That These Those He She They It On In At And But For With During After Before "
    "While When Meanwhile Also Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December "
    "Minister President Foreign Prime Affairs Ministry Government State Office Secretary "
    "Council Parliament Embassy Mr Mrs"
)
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


_HONORIFICS_TEXT = (
    "H.E. HH H.H. Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prince Princess Sheikh Sheikha His Her Excellency "
    "Majesty Highness General Gen Admiral Marshal Madam Professor Prof Shri Smt Sri Sir Dame "
    "Lord"
)
_HONORIFICS = frozenset(_HONORIFICS_TEXT.split())


@dataclass
class Mention:
    """An official named or referred to in a sentence: ``official`` indexes the result list;
    None for a role mentioned without a name ("the Russian foreign minister")."""

    start: int
    end: int
    official: int | None
    state: str | None = None
    role: str | None = None


def find_officials(
    text: str, sentences: list[Sentence], states: list[StateMention], year: int | None = None
) -> tuple[list[Official], list[Mention]]:
    """The officials an article names and every mention of them, in text order; ``year``
    (of publication) lets the reference list of known officials fill gaps."""
    officials: list[Official] = []
    by_key: dict[str, int] = {}
    mentions: list[Mention] = []
    for sentence in sentences:
        for mention, name, office, state in _titled(text, sentence, states):
            if name is None:
                mentions.append(Mention(*mention, None, state, office.role))
                continue
            key = _key(name)
            index = by_key.get(key)
            if index is not None and _different(officials[index].name, name):
                key = name.casefold()  # "Tamim bin Hamad Al Thani", "Mohammed bin ... Al Thani"
                index = by_key.get(key)
            evidence = Evidence(sentence.text, sentence.start, sentence.end, 0.85)
            if index is None:
                index = by_key[key] = len(officials)
                officials.append(Official(name, state, office.role, office.title, [evidence]))
            else:
                _enrich(officials[index], name, state, office.role, office.title, evidence)
            mentions.append(Mention(*mention, index, state, office.role))
    for official in officials:
        known.complete(official, year)
    taken = [(m.start, m.end) for m in mentions]
    for start, end, official in known.untitled(text, sentences, year, taken):
        index = by_key.get(_key(official.name))
        if index is None:
            index = by_key[_key(official.name)] = len(officials)
            officials.append(official)
        mentions.append(Mention(start, end, index, official.state, official.role))
    _counterparts(officials, mentions)
    mentions.extend(_surname_mentions(text, officials, mentions))
    mentions.sort(key=lambda m: m.start)
    _resolve_unnamed(officials, mentions)
    return officials, mentions


def _different(first: str, second: str) -> bool:
    """Two full names that share a surname but not a first name are two people."""
    a, b = name_key(first).split(), name_key(second).split()
    if len(a) < 2 or len(b) < 2 or a[0] == b[0]:
        return False
    initial = len(a[0]) == 1 or len(b[0]) == 1  # "S. Jaishankar"
    return not (initial and a[0][0] == b[0][0])


def _key(name: str) -> str:
    """The surname that identifies a name: "Marcos" in "Ferdinand R. Marcos Jr", "Sudani" in
    "al-Sudani"."""
    words = [w for w in name.split() if not _SUFFIX.fullmatch(w)] or name.split()
    return _ARTICLE.sub("", words[-1].casefold().replace("’", "'"))


_SUFFIX = regex.compile(r"(?:Jr|Sr|II|III|IV)\.?")
_ARTICLE = regex.compile(r"^(?:al|el|ad|as|ash|at)-")


def _titled(text: str, sentence: Sentence, states: list[StateMention]):
    inside = [m for m in states if sentence.start <= m.start < sentence.end]
    used: list[tuple[int, int]] = []  # names already given to an earlier title
    previous: tuple[int, str | None, int] | None = None  # end, state and start of the last title
    named: tuple[int, str] | None = None  # end of the last title that found a name, and the name
    for match in _TITLE.finditer(text, sentence.start, sentence.end):
        start, end = match.span()
        office = classify(match.group())
        state, prefix_start = _state_before(text, start, inside)
        joined = previous is not None and _JOINED.fullmatch(text, previous[0], start) is not None
        if state is None and joined:
            # "Germany's Vice-Chancellor and Economy Minister Robert Habeck"
            state, prefix_start = previous[1], previous[2]
        suffix = _state_after(text, end, inside)
        if suffix is not None:
            state = state or suffix[0]
            end = suffix[1]
        if office.role in ("Ambassador", "Envoy"):  # "Ambassador of Germany to Kazakhstan, X"
            posted = _POSTED.match(text, end)
            to = [m for m in inside if posted and m.start == posted.end()]
            end = to[0].end if to else end
        previous = (end, state, prefix_start)
        name_span = _name_after(text, end, sentence.end, inside)
        if name_span is None and joined and named is not None:
            # "X, Deputy Prime Minister and Minister of Foreign Affairs": both are X's
            yield (start, end), named[1], office, state
            continue
        if name_span is None or text[end] == ",":
            before = _name_before(text, sentence.start, prefix_start, inside)
            if before is not None and not any(_overlaps(before, span) for span in used):
                name_span = before
        if name_span is None:
            yield (prefix_start, end), None, office, state
            continue
        possessive = _POSSESSIVE.search(text, name_span[0], name_span[1])
        if possessive:
            name_span = (name_span[0], possessive.start())
        used.append(name_span)
        name = _clean_name(text[name_span[0] : name_span[1]])
        if name is None:
            yield (prefix_start, end), None, office, state
            continue
        named = (end, name)
        if state is None:
            after_name = _state_after(text, name_span[1], inside)
            if after_name is not None:
                state, name_span = after_name[0], (name_span[0], after_name[1])
        span = (min(prefix_start, name_span[0]), max(end, name_span[1]))
        yield span, name, office, state


_JOINED = regex.compile(r"[ \t]+and[ \t]+")
_POSTED = regex.compile(r"[ \t]+to[ \t]+(?:the[ \t]+)?")
_FACILITY = regex.compile(
    r"\b(?:Airport|Palace|University|Street|Road|Avenue|Square|Hall|Centre|Center|Hospital|"
    r"Stadium|Mosque|Bridge|Station|Park|Hotel|International)\b"
)
_POSSESSIVE = regex.compile(r"['’]s\b")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _state_before(text: str, start: int, states: list[StateMention]) -> tuple[str | None, int]:
    for mention in reversed(states):
        if mention.end <= start and regex.fullmatch(r"(?:['’]s)?[ \t]+", text[mention.end : start]):
            head = regex.search(
                r"(?:the[ \t]+)?\Z", text[max(0, mention.start - 4) : mention.start]
            )
            return mention.iso, mention.start - (len(head.group()) if head else 0)
    return None, start


def _state_after(text: str, end: int, states: list[StateMention]) -> tuple[str, int] | None:
    for mention in states:
        if mention.start >= end and regex.fullmatch(
            r"[ \t]+of[ \t]+(?:the[ \t]+)?", text[end : mention.start]
        ):
            return mention.iso, mention.end
    return None


def _name_after(
    text: str, end: int, limit: int, states: list[StateMention]
) -> tuple[int, int] | None:
    match = _AFTER.match(text, end, limit)
    if not match or _is_place(match.span("name"), states):
        return None
    return match.span("name")


def _name_before(
    text: str, begin: int, start: int, states: list[StateMention]
) -> tuple[int, int] | None:
    match = _BEFORE.search(text, begin, start)
    if not match or _is_place(match.span("name"), states):
        return None
    before = text[max(begin, match.start() - 16) : match.start()]
    if regex.search(r"\b(?:in|to|from|at|with)[ \t]+\Z", before, regex.I) or (
        regex.search(r"\bof[ \t]+\Z", before) and not regex.search(r"\binvitation[ \t]+of", before)
    ):
        return None
    return match.span("name")


def _is_place(span: tuple[int, int], states: list[StateMention]) -> bool:
    return any(m.start <= span[0] < m.end or span[0] <= m.start < span[1] for m in states)


def _clean_name(raw: str) -> str | None:
    if _FACILITY.search(raw):
        return None  # "King Khalid International Airport"
    words = [w.rstrip(".,") if not regex.fullmatch(r"\p{Lu}\.", w) else w for w in raw.split()]
    words = [regex.sub(r"['’]s\Z", "", w) for w in words]
    while words and (
        words[0] in _STOP_WORDS
        or words[0] in _HONORIFICS
        or (len(words) > 1 and regex.fullmatch(r"\p{Lu}\.", words[0]) and words[1] in _HONORIFICS)
    ):
        words.pop(0)
    cut = next((i for i, w in enumerate(words) if w in _STOP_WORDS), len(words))
    words = words[:cut]
    if not words or all(len(w) <= 2 for w in words):
        return None
    return " ".join(words)


def _enrich(
    official: Official, name: str, state: str | None, role: str, title: str, evidence: Evidence
) -> None:
    if len(name) > len(official.name):
        official.name = name
    official.state = official.state or state
    if (official.role in (None, "SeniorOfficial") and role != "SeniorOfficial") or (
        official.role == "DeputyHeadOfGovernment"
        and role not in ("DeputyHeadOfGovernment", "SeniorOfficial", "Counterpart", "HeadOfState")
    ):  # "Deputy Prime Minister and Minister of Foreign Affairs": the portfolio says more
        official.role, official.title = role, title
    official.evidence.append(evidence)


def _surname_mentions(text: str, officials: list[Official], known: list[Mention]) -> list[Mention]:
    """Later mentions by one part of the name: "Lavrov", "Lula", "Xi" (a part no other
    official of the article shares)."""
    taken = [(m.start, m.end) for m in known]
    owners: dict[str, set[int]] = {}
    for index, official in enumerate(officials):
        for part in official.name.split():
            bare = regex.sub(r"^(?:al|el|ad|as|ash|at)-", "", part)
            if len(bare) >= 2 and bare[0].isupper() and not part.endswith("."):
                owners.setdefault(part, set()).add(index)
    found = []
    for part, indexes in owners.items():
        if len(indexes) != 1 or part in _STOP_WORDS or part in _HONORIFICS:
            continue
        (index,) = indexes
        official = officials[index]
        core = regex.escape(part)
        if _ARTICLE.match(part.casefold()):  # "al-Sudani" is also "Al-Sudani"
            head, tail = part.split("-", 1)
            core = rf"(?i:{regex.escape(head)}-){regex.escape(tail)}"
        for match in regex.finditer(rf"(?<![\w-]){core}(?![\w-])", text):
            if not any(s <= match.start() < e for s, e in taken):
                taken.append(match.span())
                found.append(
                    Mention(match.start(), match.end(), index, official.state, official.role)
                )
    return found


def _counterparts(officials: list[Official], mentions: list[Mention]) -> None:
    """ "His Indian counterpart S. Jaishankar" holds the post of the official he meets."""
    for index, official in enumerate(officials):
        if official.role != "Counterpart":
            continue
        mine = next(m for m in mentions if m.official == index)
        others = [
            m
            for m in mentions
            if m.official not in (None, index)
            and officials[m.official].role not in (None, "Counterpart")
            and abs(m.start - mine.start) < 300
        ]
        if others:
            peer = officials[min(others, key=lambda m: abs(m.start - mine.start)).official]
            official.role, official.title = peer.role, peer.title
        else:
            official.role, official.title = "SeniorOfficial", "Official"


def _resolve_unnamed(officials: list[Official], mentions: list[Mention]) -> None:
    """Point "the Russian foreign minister" at the one named official holding that post."""
    for mention in mentions:
        if mention.official is not None:
            continue
        holders = [
            i
            for i, o in enumerate(officials)
            if o.role == mention.role and (mention.state is None or o.state == mention.state)
        ]
        vague = mention.role in (None, "SeniorOfficial", "HeadOfState")
        if len(holders) == 1 and (mention.state is not None or not vague):
            mention.official = holders[0]
