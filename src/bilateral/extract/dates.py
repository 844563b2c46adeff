"""Date expressions in news text, resolved against the publication date, with their precision."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser
import regex

from ..model import PartialDate

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_MONTH = rf"(?:{_MONTHS})\.?"

_TO = r"\s*(?:-|–|to|and|until|till)\s*"
_PATTERNS: list[tuple[str, str]] = [
    (rf"(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY})\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?", "range"),
    (rf"(?P<m>{_MONTH})\s+(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?", "range"),
    (rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}", "day"),
    (rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", "day"),
    (rf"{_YEAR}-\d\d-\d\d", "day"),
    (rf"{_DAY}\s+{_MONTH}(?!\s+{_YEAR})", "day"),
    (rf"{_MONTH}\s+{_DAY}(?![\d,]*\s*{_YEAR})", "day"),
    (rf"(?:(?:early|mid|late)[- ])?{_MONTH}\s+(?:of\s+)?(?:this|last|next)\s+year", "month-rel"),
    (rf"(?:(?:early|mid|late)[- ])?{_MONTH},?\s+{_YEAR}", "month"),
    (
        rf"(?<=\b(?:in|since|until|by|from|during|of|for)\s+(?:early |mid-|late )?){_MONTH}(?![\w-])",
        "month-bare",
    ),
    (r"(?:(?:earlier|later)\s+)?this\s+month|last\s+month|next\s+month", "month-rel"),
    (r"(?:(?:earlier|later)\s+)?this\s+year|last\s+year|next\s+year", "year-rel"),
    (r"(?:(?:earlier|later)\s+)?this\s+week\b|last\s+week\b|next\s+week\b", "week-rel"),
    (rf"(?<=\b(?:in|since|of|during|by)\s+(?:early |mid-|late )?){_YEAR}\b", "year"),
    (r"today|yesterday|tomorrow|tonight", "day-rel"),
    (rf"(?:on\s+|last\s+|next\s+|this\s+)?(?:{_WEEKDAYS})", "weekday"),
]
_FUTURE = regex.compile(
    r"\b(?:will|shall|is to|are to|is due|are due|due to|was to|were to|expected|scheduled|plans?|next|then|"
    r"(?:leaves?|flies|travels|heads|arrives|ends|departs|returns)[ \t]+(?:for|to|on|home|back)\b)\b[^.]*\Z",
    regex.I,
)
_AHEAD = regex.compile(
    r"[ \t]+(?:\p{Lu}[\w'’-]*[ \t]+){0,3}(?:will|travels|flies|heads|leaves|goes|moves|is[ \t]+due|"
    r"is[ \t]+to)\b"
)
_FINDER = regex.compile(
    "|".join(f"(?P<g{i}>{p})" for i, (p, _) in enumerate(_PATTERNS)),
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text and what it resolves to."""

    start: int
    end: int
    text: str
    date: PartialDate


def find_dates(text: str, published: date | None, offset: int = 0) -> list[DateMention]:
    """Date expressions in ``text`` resolved against ``published``.

    >>> [m.date.value for m in find_dates("in February this year", date(2012, 10, 4))]
    ['2012-02']
    >>> [m.date for m in find_dates("beginning from today", date(2012, 10, 4))]
    [PartialDate(value='2012-10-04', precision='day')]
    """
    found = []
    for match in _FINDER.finditer(text):
        group = next(
            name
            for name, value in match.groupdict().items()
            if value is not None and name.startswith("g")
        )
        kind = _PATTERNS[int(group[1:])][1]
        if kind == "range":
            found.extend(_range(match, published, offset))
            continue
        if kind == "weekday":
            context = text[max(0, match.start() - 100) : match.start() + 3]
            ahead = _AHEAD.match(text, match.end())  # "On Monday Macron travels to Dresden"
            future = bool(_FUTURE.search(context) or ahead)
            resolved = _weekday(match.group().lower(), published, future)
        else:
            resolved = _resolve(match.group(), kind, published)
            if kind in ("month-bare", "day") and not regex.search(_YEAR, match.group()):
                context = text[max(0, match.start() - 100) : match.start()]
                after = text[match.end() : match.end() + 120].split(".")[0]
                resolved = _by_tense(resolved, published, context, after)
        if resolved is not None:
            found.append(
                DateMention(match.start() + offset, match.end() + offset, match.group(), resolved)
            )
    return found


_PAST = regex.compile(
    r"\b(?:visited|was|were|had|signed|met|held|went|travell?ed|paid|made|returned|acceded|"
    r"took|came|began|ended|concluded|last)\b[^.]*\Z",
    regex.I,
)


_PAST_AFTER = regex.compile(
    r"^[^;]*?\b(?:visited|signed|met|held|went|travell?ed|paid|made|returned|took|came|began|"
    r"ended|concluded)\b"
)


def _by_tense(
    resolved: PartialDate | None, published: date | None, context: str, after: str = ""
) -> PartialDate | None:
    """A month or day named without a year is the nearest one the tense allows: "visited
    Port Vila in December" in May is last December, "will go in February" in October next;
    "a trip in October, during which they signed ..." is past too."""
    if resolved is None or published is None:
        return resolved
    today = published.isoformat()[: len(resolved.value)]
    future, past = _FUTURE.search(context), _PAST.search(context)
    past = past or (None if future else _PAST_AFTER.search(after))
    shift = 0
    if resolved.value > today and past and not future:
        shift = -1
    elif resolved.value < today and future and not past and resolved.precision == "month":
        shift = 1
    if not shift:
        return resolved
    year = int(resolved.value[:4]) + shift
    return PartialDate(f"{year:04d}{resolved.value[4:]}", resolved.precision)


def _range(match: regex.Match[str], published: date | None, offset: int) -> list[DateMention]:
    """Both ends of "9 to 11 January 2023" or "June 21-23"."""
    month, year = match.group("m"), match.group("y")
    if year is None and published is None:
        return []
    base = published or date.today()
    found = []
    for part in ("d1", "d2"):
        day = regex.sub(r"\D", "", match.group(part))
        resolved = _absolute(f"{day} {month} {year or base.year}", "day", base, published)
        if resolved is not None:
            found.append(
                DateMention(match.start() + offset, match.end() + offset, match.group(), resolved)
            )
    return found


def _resolve(text: str, kind: str, published: date | None) -> PartialDate | None:
    base = published or date.today()
    lower = text.lower()
    if kind == "day-rel":
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[lower]
        return PartialDate((base + timedelta(days=shift)).isoformat(), "day") if published else None
    if kind == "year-rel":
        if not published:
            return None
        year = base.year + (-1 if "last" in lower else 1 if "next" in lower else 0)
        return PartialDate(str(year), "year")
    if kind == "month-rel" and regex.search(r"\b(?:this|last|next)\s+month\b", lower):
        if not published:
            return None
        month_start = base.replace(day=1)
        if "last" in lower:
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        elif "next" in lower:
            month_start = (month_start + timedelta(days=32)).replace(day=1)
        return PartialDate(month_start.strftime("%Y-%m"), "month")
    if kind == "weekday":
        return _weekday(lower, published)
    if kind == "week-rel":
        return _week(lower, published)
    return _absolute(text, kind, base, published)


def _week(text: str, published: date | None) -> PartialDate | None:
    """ "next week" as its month, when the whole week (Monday to Sunday) falls in one month."""
    if published is None:
        return None
    monday = published - timedelta(days=published.weekday())
    monday += timedelta(days=7 * ("next" in text) - 7 * ("last" in text))
    sunday = monday + timedelta(days=6)
    if monday.month != sunday.month:
        return None
    return PartialDate(monday.strftime("%Y-%m"), "month")


def _absolute(text: str, kind: str, base: date, published: date | None) -> PartialDate | None:
    cleaned = regex.sub(
        r"\b(?:early|mid|late|of|this|last|next|year)\b|-", " ", text, flags=regex.I
    )
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": [],
    }
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if kind in ("month-rel", "month-bare"):
        year = base.year
        if "last year" in text.lower():
            year -= 1
        elif "next year" in text.lower():
            year += 1
        if kind == "month-bare" and not published:
            return None
        return PartialDate(f"{year:04d}-{parsed.month:02d}", "month")
    if kind == "month":
        return PartialDate(parsed.strftime("%Y-%m"), "month")
    if kind == "year":
        return PartialDate(text[-4:], "year")
    if not regex.search(_YEAR, text) and not published:
        return None
    return PartialDate(parsed.date().isoformat(), "day")


def _weekday(text: str, published: date | None, future: bool = False) -> PartialDate | None:
    """The weekday nearest the publication date: before it, or after it when the text speaks
    of the future ("will leave on Thursday")."""
    if not published:
        return None
    names = _WEEKDAYS.lower().split("|")
    target = next(i for i, n in enumerate(names) if n in text)
    delta = (target - published.weekday()) % 7
    if text.startswith("next") or (text.startswith("this") and delta) or (future and delta):
        day = published + timedelta(days=delta or 7)
    else:
        day = published - timedelta(days=(published.weekday() - target) % 7)
    return PartialDate(day.isoformat(), "day")


_DATELINE = regex.compile(
    r"[ \t]*\p{Lu}[\p{Lu} .'’/-]{2,40}?,[^\n\-–—]{0,40}?[ \t][-–—]+[ \t]", regex.M
)


def in_dateline(text: str, mention: DateMention) -> bool:
    """A date in the dateline at the head of a line ("KYIV, June 4 (Dnipro Daily) -"): the day
    of the report, not of what it reports."""
    line = text.rfind("\n", 0, mention.start) + 1
    found = _DATELINE.match(text, line) if mention.start - line < 60 else None
    return found is not None and mention.end <= found.end()
