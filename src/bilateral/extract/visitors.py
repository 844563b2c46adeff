"""Who travels where: the visitor of a trip mention, the state and city it goes to, the inviter."""

import regex

from ..reference.cities import state_of_place
from ..reference.gazetteer import canonical_city
from .nlp import Sentence
from .officials import Mention

NOUNS = ("visit", "visits", "trip", "tour", "trips", "tours", "visits")


_PRONOUN = regex.compile(r"\b(?:his|her|their)\b[ \t]+(?:[\w-]+[ \t]+){0,3}\Z", regex.I)


_MODAL = regex.compile(
    r"(?:\b(?:will|would|to|shall|may|might|must|can|could|also|then|later|first)|\p{Lu}[\w’']*)"
    r"[ \t]+\Z"
)


_WHO = regex.compile(r"\.?,?[ \t]+who\b", regex.I)
_APPOSED = regex.compile(
    r"\A,[ \t]+(?:\p{Lu}[\w'’.-]*|of|and|the|for|on)(?:[ \t]+(?:\p{Lu}[\w'’.-]*|of|and|the|for|on))*"
    r"(?=,[ \t]+who\b)"
)


_TERRITORY = regex.compile(
    r"[ \t]+(?:to|in|for)[ \t]+(?:the[ \t]+)?(?:Greenland|Hong[ \t]Kong|Macau|Macao|Puerto[ \t]Rico|"
    r"Gaza|West[ \t]Bank|Crimea|Kashmir|Western[ \t]Sahara|Gibraltar|Falklands?|Faroe|Guam|Tibet|"
    r"Xinjiang|Bermuda|New[ \t]Caledonia|Somaliland|Transnistria|Abkhazia|South[ \t]Ossetia|"
    r"Donbas|Kurdistan|Antarctica)\b"
)


_CITY_AFTER = regex.compile(
    r"(?:[ \t]+(?:to|in|for|of))?[ \t]+(?:the[ \t]+)?(?P<place>\p{Lu}[\w'’.-]*(?:[ \t]+(?:de[ \t]+|el[ \t]+)?\p{Lu}[\w'’.-]*){0,2})"
)


_GAP_VERB = regex.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|shall|to|also|pay|pays|paid|make|makes|made|"
    r"undertake|undertook|begin|began|begins|start|started|conclude[sd]?|end(?:s|ed)?|"
    r"wrap(?:s|ped)?[ \t]+up|call(?:s|ed)?[ \t]+off|cancel(?:s|l?ed)?|postpone[sd]?|put[ \t]+off|"
    r"delay(?:s|ed)?|defer(?:s|red)?|announce[sd]?|confirm(?:s|ed)?|plan(?:s|ned)?|cut[ \t]+short|"
    r"kick(?:s|ed)?[ \t]+off|embark(?:s|ed)?[ \t]+on|set[ \t]+off[ \t]+on|on)\b",
    regex.I,
)


_BOUNDARY = regex.compile(
    r"[;:]|\b(?:who|which|that|and|but|while|whereas|after|before)\b", regex.I
)


_ARRIVED = regex.compile(r"arriv|fl(?:ew|ies|y|ying)[ \t]+in|land|touch", regex.I)
_RELATIVE = regex.compile(
    r",[ \t]+(?:who|which)\b[^;]*?,[ \t]*(?P<tail>(?:[\w'’-]+[ \t]+){0,3})\Z", regex.I
)
_AGENT = regex.compile(r"(?<!\b(?:led|headed))[ \t]+by[ \t]+(?:[\w.'’-]+[ \t]+){0,4}\Z", regex.I)
_WITH = regex.compile(r"[ \t]+(?:together[ \t]+)?with[ \t]+", regex.I)
_HE = regex.compile(r"\b(?:he|she)[ \t]+(?:[\w-]+[ \t]+){0,3}\Z", regex.I)


def visitor_of(
    text: str, trigger, mentions: list[Mention], lo: int, last: int | None
) -> int | None:
    start, end = trigger.span()
    named = [m for m in mentions if m.official is not None]
    after = regex.match(r"[ \t]+(?:of|by)[ \t]+(?:the[ \t]+)?", text[end : end + 12])
    if after:
        for m in named:
            if end <= m.start <= end + len(after.group()) + 2:
                return m.official
    for m in reversed(named):
        if m.end <= start and regex.fullmatch(
            r"['’]s[ \t]+(?:[\w-]+[ \t]+){0,3}", text[m.end : start]
        ):
            return m.official
    if _PRONOUN.search(text[max(0, start - 60) : start]):
        before = [m for m in named if m.end <= start]
        return before[-1].official if before else last
    by = regex.search(r"\bby[ \t]+(?:the[ \t]+)?", text[end : end + 80])
    if by:
        for m in named:
            if end + by.end() <= m.start <= end + by.end() + 2:
                return m.official
    return _subject(text, trigger, named, lo, last)


def _subject(text: str, trigger, named: list[Mention], lo: int, last: int | None) -> int | None:
    """The official who is the subject of the clause that holds the trigger."""
    start = trigger.start()
    noun = trigger.group().lower() in NOUNS
    relative = _RELATIVE.search(text, max(0, start - 250), start)
    if relative:  # "Sharif, who is accompanied by ... Munir, will travel": Sharif travels
        head = [m for m in named if 0 <= relative.start() - m.end <= 1]
        if head and (not noun or _GAP_VERB.search(relative.group("tail"))):
            return head[-1].official
    for m in reversed([m for m in named if lo <= m.end <= start]):
        gap = _APPOSED.sub("", text[m.end : start], count=1)  # "X, Deputy Prime Minister ..., who"
        if not _WHO.match(gap) and _AGENT.search(text, max(0, m.start - 40), m.start):
            continue  # "was received by President X ... visit": X is the host
        relative = _WHO.match(gap)
        if relative:
            gap = gap[relative.end() :]
        if len(gap) > 100 or _BOUNDARY.search(gap):
            break
        if not noun or _GAP_VERB.search(gap) or _MODAL.search(gap):
            return m.official
        break
    if not noun and _HE.search(text, max(lo, start - 40), start) and last is not None:
        before = [m for m in named if m.end <= start]
        return before[0].official if before else last
    return None


def host_of(text, trigger, hi, sentence, states, official, dateline, principal, mentions, earlier):
    start, end = trigger.span()
    if _TERRITORY.match(text, end):
        return None, None
    others = [
        s for s in states if sentence.start <= s.start < sentence.end and s.iso != official.state
    ]
    skip = [(m.start, m.end) for m in mentions if m.start >= end]
    for s in others:
        if s.start < end or s.start > hi or any(a <= s.start < b for a, b in skip):
            continue
        between = text[end : s.start]
        if regex.fullmatch(r"[ \t]+(?:to|in|of|at)?[ \t]*(?:the[ \t]+)?", between) or regex.search(
            r"\b(?:to|in)[ \t]+(?:the[ \t]+)?\Z", between
        ):
            return s.iso, s.text if s.is_city else None
    city = _CITY_AFTER.match(text, end)
    if city:
        place = city.group("place").rstrip(".")
        iso = state_of_place(place)
        if iso and iso != official.state:
            return iso, canonical_city(place) or place
    if earlier:
        return earlier[-1], None
    if _ARRIVED.match(trigger.group()) and dateline is not None and dateline.iso != official.state:
        return dateline.iso, None  # "arrived on Monday" in a story datelined there
    candidates = [s for s in others if s.iso != official.state]
    ranked = sorted(candidates, key=lambda s: (s.iso not in principal, abs(s.start - start)))
    if ranked:
        best = ranked[0]
        return best.iso, None
    if dateline is not None and dateline.iso != official.state:
        return dateline.iso, None
    rest = [iso for iso in principal if iso != official.state]
    return (rest[0], None) if rest else (None, None)


def inviter_of(text: str, sentence: Sentence, mentions: list[Mention], visitor: int) -> int | None:
    invitation = regex.search(
        r"\binvitation[ \t]+(?:of|from)[ \t]+", text[sentence.start : sentence.end], regex.I
    )
    if not invitation:
        return None
    at = sentence.start + invitation.end()
    for m in mentions:
        if m.official is not None and m.official != visitor and at <= m.start <= at + 30:
            return m.official
    return None


def companions_of(
    text: str, trigger, mentions: list[Mention], officials: list, visitor: int
) -> list[int]:
    """Officials of the visitor's state who travel "with" them ("flew in with Kamikawa")."""
    joined = _WITH.match(text, trigger.end())
    if joined is None or trigger.group().lower().startswith(("visit", "trip", "tour", "met")):
        return []
    home = officials[visitor].state
    return [
        m.official
        for m in mentions
        if m.official not in (None, visitor)
        and joined.end() <= m.start <= joined.end() + 40
        and officials[m.official].state == home
    ]


_ANAPHOR = regex.compile(r"[ \t]*(?:The|This|That|Such)[ \t]+(?:[\w-]+[ \t]+){0,2}\Z")
_TITLE_SUBJECT = regex.compile(
    r"\b[Tt]he[ \t]+(?P<title>(?:Prime|Foreign|Defen[cs]e)[ \t]+Minister|President|Premier|"
    r"Chancellor|King|Emir|Crown[ \t]+Prince|Vice[ \t]+President|Minister)[ \t]+(?:[\w-]+[ \t]+){0,2}\Z"
)
_LIST_JOIN = regex.compile(r"(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?:the[ \t]+)?")


def anaphoric(text: str, sentence: Sentence, trigger, before) -> bool:
    """A sentence about "the trip" or "this visit" reported in the sentence just before ("The
    trip, from Sept. 19 to 22, will include talks in Prague"), not one it follows."""
    if trigger.group().lower() not in NOUNS or before.evidence is None:
        return False
    gap = text[before.evidence.end : sentence.start]
    return (
        bool(_ANAPHOR.fullmatch(text, sentence.start, trigger.start()))
        and not regex.search(r"[.!?]", gap)
        and not _FOLLOWS.match(text, trigger.end())
    )


_FOLLOWS = regex.compile(r"[ \t]+(?:follow(?:s|ed)|came[ \t]+after|comes[ \t]+after)\b")


def titled_subject(text: str, trigger, lo: int, officials: list, recent: list[int]) -> int | None:
    """ "the Prime Minister will travel to Kyiv": the traveller of the story with that title."""
    match = _TITLE_SUBJECT.search(text, max(lo, trigger.start() - 60), trigger.start())
    if match is None or trigger.group().lower() in NOUNS:
        return None
    title = " ".join(match.group("title").split()).casefold()
    for index in reversed(recent):
        if (officials[index].title or "").casefold().endswith(title):
            return index
    return None


def more_hosts(text: str, trigger, hi: int, states: list, host: str, home: str | None) -> list:
    """The other destinations of a list ("visited Singapore, Thailand and the Philippines")."""
    after = [s for s in states if trigger.end() <= s.start < hi and s.kind != "demonym"]
    first = next((i for i, s in enumerate(after) if s.iso == host), None)
    if first is None or after[first].start - trigger.end() > 30:
        return []
    found, previous = [], after[first]
    for mention in after[first + 1 :]:
        if not _LIST_JOIN.fullmatch(text, previous.end, mention.start):
            break
        if mention.iso not in (home, host, *(iso for iso, _ in found)):
            found.append((mention.iso, mention.text if mention.is_city else None))
        previous = mention
    return found
