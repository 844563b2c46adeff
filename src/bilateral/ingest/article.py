"""One Article from raw fields, whatever the reader: type checks, cleaning, date, id, hash."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from bilateral.errors import ArticleError
from bilateral.ingest.clean import clean_text, normalize_text
from bilateral.ingest.dates import parse_published
from bilateral.ingest.ids import content_hash, hash_id, safe_id, slug_id, url_id
from bilateral.model import Article

MAX_TEXT_CHARS = 5_000_000
"""Longest article text accepted (before cleaning); longer ones are refused."""

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
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ArticleError(f"field 'published' must be a string, not {_type_name(value)}")
    return parse_published(value) if value.strip() else None


def _url(value: str | None) -> str | None:
    if value is not None and not value.lower().startswith(("http://", "https://")):
        raise ArticleError(f"field 'url' must be an http(s) URL, not {value[:80]!r}")
    return value


def build_article(fields: Mapping[str, Any], stem: str | None = None) -> Article:
    """An Article from ``fields`` (id, url, title, published, source, text).

    The id is the explicit ``id``, else one derived from ``url``, else from ``stem`` (a file
    name without its extension), else from the cleaned text.

    :raises ArticleError: missing or empty text, wrongly typed fields, a bad date or URL.

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
