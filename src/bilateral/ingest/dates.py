"""Publication dates: strict ISO 8601 for structured input, lenient for page metadata."""

import re
from datetime import date, datetime

from bilateral.errors import ArticleError

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_published(value: str) -> date:
    """The day of an ISO date or date-time string, as written (its own time zone).

    :raises ArticleError: not an ISO date.

    >>> parse_published("2012-10-04T22:30:00+05:00")
    datetime.date(2012, 10, 4)
    """
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise ArticleError(f"field 'published': cannot read {value!r} as an ISO date (like 2012-10-04)")


_WRITTEN_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y")


def parse_header_date(value: str) -> date:
    """An ISO date, or a day written out in English (``4 October 2012``, ``Oct 4, 2012``).

    :raises ArticleError: neither.

    >>> parse_header_date("October 4, 2012")
    datetime.date(2012, 10, 4)
    """
    text = " ".join(value.replace(".", "").split())
    for pattern in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return parse_published(value)


def parse_page_date(value: str | None) -> date | None:
    """The day at the start of a metadata date string, or None when there is none.

    >>> parse_page_date("2012-10-04T09:15:00.000Z"), parse_page_date("last week")
    (datetime.date(2012, 10, 4), None)
    """
    if not value:
        return None
    match = _ISO_DAY.match(value.strip())
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(0))
    except ValueError:
        return None
