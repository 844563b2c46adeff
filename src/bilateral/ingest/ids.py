"""Stable article ids ([A-Za-z0-9._-]) and content hashes."""

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_ID = 100


def content_hash(text: str) -> str:
    """The SHA-256 of the text's UTF-8 bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _shorten(slug: str, original: str) -> str:
    if len(slug) <= _MAX_ID:
        return slug
    return slug[: _MAX_ID - 13].rstrip("-._") + "-" + content_hash(original)[:12]


def safe_id(value: str) -> str:
    """An explicit id made safe: unsafe runs become ``-``; case and dots are kept.

    >>> safe_id(" Nation/2012 10 04#1 ")
    'Nation-2012-10-04-1'
    """
    slug = _UNSAFE.sub("-", _ascii(value)).strip("-._")
    return _shorten(slug, value)


def slug_id(value: str) -> str:
    """A derived id: lower-case letters and digits joined by ``-``.

    >>> slug_id("Visit Report_2012")
    'visit-report-2012'
    """
    slug = "-".join(re.findall(r"[a-z0-9]+", _ascii(value).casefold()))
    return _shorten(slug, value)


def url_id(url: str) -> str:
    """An id from a URL: host (without ``www.``), path and query; no scheme, no fragment.

    >>> url_id("https://www.nation.com.pk/04-Oct-2012/pakistan-russia-sign-mou?p=2#top")
    'nation-com-pk-04-oct-2012-pakistan-russia-sign-mou-p-2'
    """
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    return slug_id(f"{host} {parts.path} {parts.query}")


def hash_id(text: str) -> str:
    """An id from the cleaned text alone, for input with no name, URL or id."""
    return "text-" + content_hash(text)[:16]


def collision_key(article_id: str) -> str:
    """The form under which two ids would name the same entity (case, dots and dashes folded).

    >>> collision_key("Nation.2012") == collision_key("nation-2012")
    True
    """
    return "-".join(re.findall(r"[a-z0-9]+", article_id.casefold()))
