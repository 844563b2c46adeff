"""Agreements: one per instrument signed, named or listed, plus a counted batch for the rest."""

from dataclasses import dataclass, field
from datetime import date

import regex

from ..model import Agreement, AgreementKind, Evidence
from .agreement_lists import SUCH, antecedent, count_before, included
from .agreement_parties import (
    between_parties,
    date_near,
    each_partner,
    parties_of,
    story_day,
    subject_parties,
    year_with,
)
from .agreement_topics import (
    KIND,
    TOPIC,
    kind_of,
    modifier_topic,
    name_of,
    ordinal_topics,
    topics_of,
    trim,
)
from .dates import DateMention
from .events import COMMISSION
from .nlp import Sentence
from .places import StateMention

_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_NUMBERS = {w: n for n, w in enumerate(_NUMBER_WORDS.split(), 1)} | {"a": 1, "an": 1, "dozen": 12}


_HEAD = regex.compile(rf"\b(?P<kind>(?i:{KIND}))\b")


_SIGNED = regex.compile(
    r"\b(?:signed|inked|concluded|initial(?:l)?ed|exchanged|sealed|adopted|issued|"
    r"signing[ \t]+(?:(?:earlier|later|today|yesterday|in|on|the|of|day|week)[ \t]+){0,4}of|"
    r"signing[ \t]+ceremony[ \t]+(?:for|of)|exchange[ \t]+of)\b",
    regex.I,
)


_NOT_YET = regex.compile(
    r"\b(?:will|would|to|expected|plans?|planned|could|may|might|shall|due|set|hopes?|aim(?:s|ed)?|"
    r"ready|yet|not|never|before)[ \t]+(?:\w+[ \t]+){0,2}\Z",
    regex.I,
)


_REPORTED = regex.compile(r"[ \t]+(?:from|by|of|issued[ \t]+by)[ \t]+[^.;]{0,50}?\b(?:said|says)\b")
_LIST_HEADER = regex.compile(
    r"\b(?:signed|signing|exchanged|exchange|concluded|inked)\b[^.]*:\s*\Z|"
    r"\bfollowing\b.*\b(?:signed|exchanged)\b",
    regex.I,
)
_UNSIGNED = regex.compile(
    r"\b(?:negotiat\w*|proposed|draft|planned|future|possible|potential|prospective)\b", regex.I
)
_PLURAL = regex.compile(r"(?i:agreements|memoranda|mous|treaties|accords|deals|pacts|protocols)")
_LIST_ITEM = regex.compile(
    rf"^[ \t]*(?:\d{{1,2}}[.)]|\(\d{{1,2}}\)|\(?[a-h]\)|[-•*])[ \t]+(?P<pre>(?:[\w-]+[ \t]+){{0,4}}?)(?P<kind>(?i:{KIND}))\b"
    rf"(?P<rest>[^\n]*)",
    regex.M,
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


@dataclass
class _Instrument:
    kind: AgreementKind
    count: int
    name: str | None
    topics: list[str]
    sentence: Sentence
    anaphoric: bool = False
    position: int = 0
    signing: bool = True
    organizations: list[str] = field(default_factory=list)
    states: list[str] | None = None  # parties named with the instrument ("between A and B")


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
        for found in _instruments(text, sentence, sentences[index + 1 :], states):
            earlier = next(
                (a for a in reversed(made) if a.kind == found.kind and not a.count), None
            )
            if found.name and found.count == 1 and earlier is not None and earlier.topic is None:
                earlier.topic = found.name + (f": {found.topics[0]}" if found.topics else "")
                earlier.evidence.append(Evidence(sentence.text, sentence.start, sentence.end, 0.8))
                continue
            if found.anaphoric and earlier is not None:
                earlier.evidence.append(Evidence(sentence.text, sentence.start, sentence.end, 0.8))
                earlier.signed = earlier.signed or date_near(text, sentence, dates)
                continue
            evidence = Evidence(sentence.text, sentence.start, sentence.end, 0.8)
            event = event_at.get(index)
            for parties, at in _signatories(text, sentence, states, principal, found):
                if found.signing:
                    signed = date_near(text, sentence, dates, at) or story_day(
                        dates, sentence, published, text
                    )
                else:  # a treaty named in passing: only a year said with it ("the 1973 treaty")
                    signed = year_with(text, sentence, dates, found.position)
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
    ordinal_topics(text, sentences, made)
    return made


def _signatories(text, sentence, states, principal, found: _Instrument):
    """(parties, position) per agreement: the instrument's own parties, or one agreement per
    partner when the text says "with A in 2022 and with B a year later"."""
    if found.states:  # "between the Andean Development Corporation and the Colombian government"
        yield sorted(set(found.states)), found.position
        return
    parties = parties_of(text, sentence, states, principal, found.position)
    partners = each_partner(text, sentence, states, found.position)
    if len(partners) < 2 or found.count > 1:
        yield parties, found.position
        return
    own = [iso for iso in parties if iso not in {iso for iso, _ in partners}]
    for iso, at in partners:
        yield sorted({*own, iso}), at


def _instruments(text: str, sentence: Sentence, following: list[Sentence], states):
    masked = COMMISSION.sub(lambda m: "#" * len(m.group()), text[sentence.start : sentence.end])
    body = text[: sentence.start] + masked + text[sentence.end :]
    if _LIST_HEADER.search(sentence.text):
        limit = following[min(len(following), 12) - 1].end if following else sentence.end
        items = list(_LIST_ITEM.finditer(text, sentence.end, limit))
        for item in items:
            yield _listed(text, item, sentence, states)
        if items:
            return
    if _LIST_ITEM.match(sentence.text):
        return
    heads = list(_HEAD.finditer(body, sentence.start, sentence.end))
    listed_until = -1  # heads inside "17 documents, including an MoU on A and ..." are signed
    for number, head in enumerate(heads):
        word = head.group("kind").lower()
        limit = heads[number + 1].start() if number + 1 < len(heads) else sentence.end
        inside_list = head.start() < listed_until
        if word.startswith("statement") and _REPORTED.match(body, head.end(), sentence.end):
            continue  # "a statement from the presidency said"
        signing = inside_list or _signing(body, sentence, head)
        name = name_of(body, head, sentence)
        if not signing and not (name and kind_of(word) in ("treaty", "declaration", "agreement")):
            continue
        if not signing and regex.search(r"(?i:statement|communiq)", word):
            continue  # the statement that reports a visit is not an instrument signed
        if not signing and _UNSIGNED.search(
            body, max(sentence.start, head.start() - 90), head.start()
        ):
            continue  # "negotiations on a free trade agreement"
        count_match = count_before(body, max(sentence.start, head.start() - 40), head.start())
        if word.startswith(("document", "instrument")) and not count_match:
            continue
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
        plural = count_match is None and _PLURAL.fullmatch(word) is not None
        listed = included(body, head, heads[number + 1 :], sentence) if count > 1 else None
        if listed:  # the listed instruments are found on their own; the rest make the batch
            listed_until = listed[2]
            found = _Instrument(
                kind_of(word), count - listed[0], None, listed[1], sentence, False, head.start()
            )
            found.signing = signing
            if found.count > 0:
                yield found
            continue
        topics = topics_of(body, head.end(), sentence.end, 99 if plural else count)
        if plural and not topics and name is None:
            continue  # "signed a raft of deals": no count, no subject, nothing to record
        if plural and len(topics) > 1:  # "a package of agreements, including on A, B and C"
            count = len(topics)
        such = SUCH.search(body, max(sentence.start, head.start() - 10), head.start())
        anaphoric = (
            name is None
            and not topics
            and count == 1
            and (
                such is not None
                or regex.search(
                    r"\b(?:the|this|that|its)[ \t]+(?:[\w-]+[ \t]+)?\Z",
                    body[max(sentence.start, head.start() - 25) : head.start()],
                    regex.I,
                )
                is not None
            )
        )
        if not topics and count == 1 and name is None:
            topics = antecedent(body, sentence, head) if such else []
            topics = topics or modifier_topic(body, head, sentence)
        found = _Instrument(
            kind_of(word), count, name, topics, sentence, anaphoric, head.start(), signing
        )
        between = between_parties(text, head.end(), limit, states)
        if between is None and signing:
            between = subject_parties(text, sentence, head.start(), states)
        if between is not None and between[0]:
            found.organizations, found.states = list(between[0]), list(between[1])
        if between is not None and len(between) > 2 and not found.topics and found.name is None:
            found.topics = topics_of(body, between[2], sentence.end, 1)  # "between A and B on C"
        yield found


def _listed(text: str, item, sentence: Sentence, states) -> _Instrument:
    """One instrument of a list: "2. MoU between A and B on C", "Currency swap agreement"."""
    rest = item.group("rest")
    between = between_parties(text, item.start("rest"), item.end("rest"), states)
    titled = not regex.search(
        r"(?<![.;:]\s)\b(?!(?:of|on|in|and|the|for|between)\b)\p{Ll}{4,}", rest
    )
    match = TOPIC.match(rest)  # "MoU on A between X and Y": the topic comes first
    topic = trim(match.group("topic"), titled) if match else None
    if between is not None:
        rest = text[between[2] : item.end("rest")]
        match = TOPIC.match(rest)
        topic = topic or (trim(match.group("topic"), titled) if match else None)
    if topic is None and between is None:
        topic = rest.strip(" .;") or None
    topic = topic or item.group("pre").strip() or None
    found = _Instrument(
        kind_of(item.group("kind")),
        1,
        None,
        [topic] if topic else [],
        sentence,
        False,
        sentence.end,
    )
    if between is not None and between[0]:
        found.organizations, found.states = between[0], None
    return found


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


def _expand(found: _Instrument, parties, signed, event, evidence) -> list[Agreement]:
    def one(topic: str | None, count: int | None = None) -> Agreement:
        orgs = list(found.organizations)
        return Agreement(found.kind, list(parties), orgs, topic, signed, event, count, [evidence])

    named = [one(t) for t in found.topics]
    if found.count <= 1:
        if named:
            topic = named[0].topic or ""
            if found.name and topic.casefold() not in found.name.casefold():
                named[0].topic = f"{found.name}: {topic}"
            elif found.name:
                named[0].topic = found.name
            return named[:1]
        return [one(found.name)]
    rest = found.count - len(named)
    if rest > 1 or (rest == 1 and not named):
        named.append(one(None, rest))
    elif rest == 1:
        named.append(one(None))
    return named


def _key(agreement: Agreement) -> str | None:
    if agreement.count or not agreement.topic:
        return None
    words = [w for w in regex.findall(r"\w+", agreement.topic.lower()) if w not in _KIND_WORDS]
    words = words[1:] if words and words[0] in ("the", "a", "an") else words
    return " ".join(words[:8]) or None
