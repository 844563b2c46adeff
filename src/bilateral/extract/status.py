"""Status of an event as of the publication date, from cue words, tense and dates."""

from datetime import date

import regex

from ..model import PartialDate, Status

# Strongest first: a visit that was "put off" is postponed whatever else the sentence says.
_SENTENCE_CUES: list[tuple[Status, str]] = [
    (
        "cancelled",
        r"cancel(?:l?ed|s|ling|lation)?|called off|call(?:s|ing)? off|scrapped|"
        r"scrap(?:s|ping)?|abandoned|aborted",
    ),
    (
        "postponed",
        r"postpon\w*|put off|puts off|putting off|deferred|defer|(?<!-)delayed|(?<!-)delay(?:s|ing)?|"
        r"rescheduled|reschedul\w+|pushed back|shelved",
    ),
]
_LOCAL_CUES: list[tuple[Status, str]] = [
    (
        "ongoing",
        r"(?:is|are) (?:currently )?(?:visiting|(?:on|carrying out|making|paying|undertaking|"
        r"conducting) (?:a|an|his|her|their) [\w -]{0,30}(?:visit|trip|tour))|(?:beginning|starting|begins|began|starts|arrived|arrives|"
        r"arriving)(?: [\w]+){0,3} (?:today|tonight)|(?:today|now) (?:began|begins|started|starts)|"
        r"currently|is in \p{Lu}|are in \p{Lu}|here on (?:a|an)",
    ),
    (
        "completed",
        r"last|previous|recent|recently|earlier|visited|concluded|wrapped up|ended|"
        r"returned|paid (?:a|an|his|her)|made (?:a|an|his|her)|was in|held|during (?:his|her) "
        r"(?:visit|trip)|(?:has|have|had) (?:visited|been)|went to|travell?ed|arrived|flew|"
        r"toured|met|signed",
    ),
    (
        "planned",
        r"will|would|shall|is (?:expected|scheduled|set|due|slated|likely|to)|are (?:expected|"
        r"scheduled|set|due|to)|plans?|planned|planning|upcoming|forthcoming|proposed|"
        r"next (?:week|month|year)|later this|invit(?:ed|ation) to visit|to visit|to travel|"
        r"invit(?:ed|ation)(?: [\w.-]+){0,6} to (?:pay|make)|accepted the invitation|"
        r"intends?|hopes? to|expects? to|is to",
    ),
]
_COMPILED_SENTENCE = [(s, regex.compile(rf"\b(?:{p})\b", regex.I)) for s, p in _SENTENCE_CUES]
_COMPILED_LOCAL = [(s, regex.compile(rf"\b(?:{p})\b", regex.I)) for s, p in _LOCAL_CUES]

PRIORITY: dict[Status, int] = {
    "cancelled": 5,
    "postponed": 4,
    "ongoing": 3,
    "completed": 2,
    "planned": 1,
}


def sentence_status(sentence: str) -> Status | None:
    """Cancelled or postponed when the sentence says so.

    >>> sentence_status("The summit has been put off and is being rescheduled.")
    'postponed'
    """
    for status, pattern in _COMPILED_SENTENCE:
        if pattern.search(sentence):
            return status
    return None


def local_status(window: str) -> Status | None:
    """The status the words around an event mention imply.

    >>> local_status("Lavrov is visiting Pakistan")
    'ongoing'
    >>> local_status("her last visit to Moscow")
    'completed'
    """
    for status, pattern in _COMPILED_LOCAL:
        if pattern.search(window):
            return status
    return None


def status_from_dates(
    start: PartialDate | None,
    end: PartialDate | None,
    published: date | None,
    duration: int | None = None,
) -> Status | None:
    """Completed, ongoing or planned from where the dates fall against the publication date.

    >>> status_from_dates(PartialDate("2012-10-04", "day"), None, date(2012, 10, 4))
    'ongoing'
    >>> status_from_dates(PartialDate("2012-02", "month"), None, date(2012, 10, 4))
    'completed'
    """
    if published is None or start is None:
        return None
    today = published.isoformat()
    first, last = start.value, (end or start).value
    if first > today[: len(first)]:
        return "planned"
    if start.precision != "day" or (end is not None and end.precision != "day"):
        return "completed" if last < today[: len(last)] else None
    begun = date.fromisoformat(first)
    if end is not None and end.precision == "day":
        return "ongoing" if date.fromisoformat(end.value) >= published else "completed"
    days = (published - begun).days
    if duration:
        return "ongoing" if days < duration else "completed"
    return "ongoing" if days <= 1 else "completed"


def merge(statuses: list[Status | None]) -> Status | None:
    """The strongest of several statuses said of one event."""
    known = [s for s in statuses if s]
    return max(known, key=PRIORITY.__getitem__) if known else None
