"""Counted and listed instruments: "17 documents, including an MoU on A and ...", "the first
such pact", and the number said before an instrument word."""

import regex

from .agreement_topics import trim
from .nlp import Sentence

_COUNT = regex.compile(
    r"\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|dozen)[ \t]+(?:[\w-]+[ \t]+){0,3}\Z",
    regex.I,
)


_NUMBER = regex.compile(
    r"\b(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|dozen)\b",
    regex.I,
)
_NOT_COUNTED = regex.compile(
    r"\b(?:sides?|countries|leaders|governments|nations|ministers|presidents|parties|states|"
    r"delegations|heads|signed|inked|witnessed|exchanged|signing|of|years?|days?|million|billion|"
    r"trillion|dollars?|euros?|yuan|rupees?|pounds?|per|percent)\b|[$€£%]",
    regex.I,
)
_INCLUDING_KIND = regex.compile(r"[ \t]*,?[ \t]*including[ \t]+", regex.I)
_LIST_CUT = regex.compile(
    r",[ \t]*(?:during|amid|ahead[ \t]+of|on[ \t]+the[ \t]+sidelines|as[ \t]+part[ \t]+of|which|"
    r"while|when|(?:[\w'’-]+[ \t]+){0,4}(?:said|says|told))\b|[ \t]+(?:on|at|in|during)[ \t]+(?=\p{Lu}|\d)"
)
_ITEM_SPLIT = regex.compile(
    r",[ \t]*(?:and[ \t]+)?(?=(?:an?|the|one)[ \t])|[ \t]+and[ \t]+(?=(?:an?|the|one)[ \t])"
)


def included(
    body: str, head: "regex.Match[str]", later: list, sentence: Sentence
) -> tuple[int, list[str], int] | None:
    """ "17 documents, including an MoU on A and an agreement on B": the instrument words of
    the list (found on their own), the other items as topics, and where the list ends."""
    opening = _INCLUDING_KIND.match(body, head.end(), sentence.end)
    if opening is None:
        return None
    cut = _LIST_CUT.search(body, opening.end(), sentence.end)
    end = cut.start() if cut else sentence.end
    inside = [h for h in later if h.start() < end]
    if not inside:
        return None
    bounds = [opening.end()]
    for split in _ITEM_SPLIT.finditer(body, opening.end(), end):
        bounds += [split.start(), split.end()]
    bounds.append(end)
    kinds, plain = 0, []
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        if any(a <= h.start() < b for h in inside):
            kinds += 1
        elif trim(body[a:b]):
            plain.append(trim(body[a:b]))
    return kinds, plain, end


SUCH = regex.compile(r"\bsuch[ \t]+\Z", regex.I)
_SIGNED_OBJECT = regex.compile(
    r"\b(?:signed|concluded|inked|sealed)[ \t]+(?:a|an)[ \t]+(?P<obj>(?:[\w-]+[ \t]+){0,6}?[\w-]+)"
    r"(?=[ \t]+(?:in|on|at|with|during)\b|[ \t]*,)"
)


def antecedent(body: str, sentence: Sentence, head) -> list[str]:
    """ "signed a security partnership in Brussels, the first such pact": what the pact is."""
    found = list(_SIGNED_OBJECT.finditer(body, sentence.start, head.start()))
    if not found:
        return []
    words = [w for w in found[-1].group("obj").split() if not regex.fullmatch(r"\d+-\w+|new", w)]
    return [" ".join(words)] if words else []


def count_before(body: str, start: int, end: int) -> "regex.Match[str] | None":
    """The number nearest before an instrument word, unless it counts something else ("the
    two sides signed an agreement", "two leaders witnessed")."""
    for match in reversed(list(_NUMBER.finditer(body, start, end))):
        between = body[match.end() : end]
        if _COUNT.match(body, match.start(), end) and not _NOT_COUNTED.search(between):
            return _COUNT.match(body, match.start(), end)
    return None
