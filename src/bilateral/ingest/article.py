"""One Article from raw fields, whatever the reader: type checks, cleaning, date, id, hash."""

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from bilateral.errors import ArticleError
from bilateral.ingest.clean import clean_text, normalize_text
from bilateral.ingest.dates import parse_published
from bilateral.ingest.ids import content_hash, hash_id, safe_id, slug_id, url_id
from bilateral.ingest.language import not_english
from bilateral.model import Article

MAX_TEXT_CHARS = 100_000
"""Longest article text accepted (before cleaning), about 16,000 words; longer ones are refused.

Extraction needs about 3 kB of memory per character (500 MB at the limit)."""

EARLIEST_YEAR = 1800
"""Earliest publication year accepted (dates relative to it must stay in range)."""

_STRING_FIELDS = ("title", "url", "source", "text")
_TYPE_NAMES = {
    dict: "an object",
    list: "a list",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
    type(None): "null",
}


def _type_name(value: object) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _optional_string(fields: Mapping[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(f"field {name!r} must be a string, not {_type_name(value)}")
    return value.strip() or None


def _explicit_id(fields: Mapping[str, Any]) -> str | None:
    value = fields.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ArticleError(f"field 'id' must be a string or an integer, not {_type_name(value)}")
    made = safe_id(str(value))
    if not made:
        raise ArticleError(f"field 'id' has no usable characters: {value!r}")
    return made


def _published(value: object) -> date | None:
    if isinstance(value, str):
        day = parse_published(value) if value.strip() else None
    elif isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date) or value is None:
        day = value
    else:
        raise ArticleError(f"field 'published' must be a string, not {_type_name(value)}")
    if day is not None and day > date.today() + timedelta(days=1):
        raise ArticleError(f"field 'published': {day.isoformat()} is in the future")
    if day is not None and day.year < EARLIEST_YEAR:
        raise ArticleError(f"field 'published': {day.isoformat()} is before {EARLIEST_YEAR}")
    return day


# Characters RFC 3987 does not allow in an IRI (rdflib refuses them in a URIRef).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def _url(value: str | None) -> str | None:
    """An http(s) URL that is also a valid IRI (it becomes the article's ``schema:url``).

    >>> _url("https://ex.org/a b")
    Traceback (most recent call last):
    bilateral.errors.ArticleError: field 'url' has a character not allowed in a URL: ' '
    """
    if value is None:
        return None
    if not value.lower().startswith(("http://", "https://")):
        raise ArticleError(f"field 'url' must be an http(s) URL, not {value[:80]!r}")
    if bad := _NOT_IN_IRI.search(value):
        raise ArticleError(f"field 'url' has a character not allowed in a URL: {bad.group()!r}")
    return value


def build_article(fields: Mapping[str, Any], stem: str | None = None) -> Article:
    """An Article from ``fields`` (id, url, title, published, source, text).

    The id is the explicit ``id``, else one derived from ``url``, else from ``stem`` (a file
    name without its extension), else from the cleaned text.

    :raises ArticleError: missing or empty text, text above :data:`MAX_TEXT_CHARS` or not in
        English, wrongly typed fields, a bad or future date, a URL that is not http(s).

    >>> build_article({"text": "Talks began in Moscow.", "url": "https://ex.org/a/1"}).id
    'ex-org-a-1'
    """
    if "text" not in fields or fields["text"] is None:
        raise ArticleError("missing field 'text'")
    values = {name: _optional_string(fields, name) for name in _STRING_FIELDS}
    raw = fields["text"]
    if len(raw) > MAX_TEXT_CHARS:
        raise ArticleError(
            f"text is {len(raw):,} characters, above the limit of {MAX_TEXT_CHARS:,}"
        )
    text = clean_text(raw)
    if not text:
        raise ArticleError("no article text (empty, or only boilerplate)")
    language_problem = not_english(text)
    if language_problem:
        raise ArticleError(language_problem)
    url = _url(values["url"])
    article_id = _explicit_id(fields)
    if article_id is None:
        article_id = url_id(url) if url else slug_id(stem) if stem else ""
    title = normalize_text(values["title"] or "").replace("\n", " ") or None
    source = normalize_text(values["source"] or "") or None
    return Article(
        id=article_id or hash_id(text),
        text=text,
        title=title,
        published=_published(fields.get("published")),
        url=url,
        source=source,
        content_hash=content_hash(text),
    )
